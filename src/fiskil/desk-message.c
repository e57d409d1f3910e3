/* desk-message.c — judging the consent frame's postMessage in the embedded pattern
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two formats are protocol messages: the Link SDK's flat object (isCompleted, redirectURL,
 * consentID, error, errorID, errorType, errorDescription, errorURI) and the seed's
 * {type: "consent_complete" | "consent_error", ...} with snake_case or camelCase fields. The
 * meaning follows the SDK's own tests (fiskil-api.md §8). Unlike the SDK, a message from a
 * foreign origin never ends anything: it is ignored with a reason the timeline records.
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include "desk-message.h"
#include "desk-navigation.h"

/* Our parameter name, then the spellings a message may use for it. */
static const char * const field_names[][5] = {
  { "error", "error", NULL },
  { "error_type", "errorType", "error_type", NULL },
  { "error_description", "errorDescription", "error_description", NULL },
  { "error_id", "errorID", "errorId", "error_id", NULL },
  { "error_uri", "errorURI", "errorUri", "error_uri", NULL },
  { "consent_id", "consentID", "consentId", "consent_id", NULL },
  { "session_id", "sessionID", "sessionId", "session_id", NULL },
};

static const char * const redirect_names[] = {
  "redirectURL", "redirectUrl", "redirect_url", "redirectURI", "redirect_uri", NULL,
};

/* The member's string; NULL when absent or null. FALSE when present but not a string. */
static gboolean
get_string_member (JsonObject  *object,
                   const char  *name,
                   const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

/* The first spelling present among @names. */
static gboolean
get_any_string_member (JsonObject          *object,
                       const char * const  *names,
                       const char         **value)
{
  *value = NULL;
  for (gsize i = 0; names[i] != NULL; i++)
    {
      if (!get_string_member (object, names[i], value))
        return FALSE;
      if (*value != NULL)
        return TRUE;
    }

  return TRUE;
}

/* Whether the message says the flow completed; FALSE through @valid when it is no protocol
 * message at all. */
static gboolean
read_completion (JsonObject *object,
                 gboolean   *valid)
{
  const char *type;
  const char *error;
  JsonNode *completed;

  *valid = FALSE;
  if (!get_string_member (object, "type", &type))
    return FALSE;
  if (type != NULL)
    {
      *valid = g_str_equal (type, "consent_complete") || g_str_equal (type, "consent_error");
      return g_str_equal (type, "consent_complete");
    }

  completed = json_object_get_member (object, "isCompleted");
  if (completed != NULL && !JSON_NODE_HOLDS_NULL (completed))
    {
      *valid = JSON_NODE_HOLDS_VALUE (completed) &&
               json_node_get_value_type (completed) == G_TYPE_BOOLEAN;
      return *valid && json_node_get_boolean (completed);
    }

  /* { error: "Some error" } alone is a failure, as the SDK reads it. */
  *valid = get_string_member (object, "error", &error) && error != NULL;
  return FALSE;
}

/* A redirect URL may be relative to the Auth UI ("/done") or percent-encoded as a whole
 * ("https%3A%2F%2Fyourapp.com%2Fcallback"); NULL when it can't be made absolute. */
static char *
resolve_redirect (const char *redirect,
                  const char *auth_ui_origin)
{
  g_autofree char *decoded = NULL;

  if (strpbrk (redirect, ":/") == NULL && strchr (redirect, '%') != NULL)
    {
      decoded = g_uri_unescape_string (redirect, NULL);
      if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
        return NULL;
      redirect = decoded;
    }

  if (g_uri_peek_scheme (redirect) != NULL)
    return g_strdup (redirect);

  return g_uri_resolve_relative (auth_ui_origin, redirect, G_URI_FLAGS_ENCODED, NULL);
}

static void
add_redirect_params (DeskCallback *callback,
                     const char   *uri)
{
  const char *hash = strchr (uri, '#');
  const char *query = memchr (uri, '?', hash != NULL ? (gsize) (hash - uri) : strlen (uri));

  if (query != NULL)
    desk_callback_add_form (callback, query + 1,
                            (hash != NULL ? hash : query + strlen (query)) - query - 1,
                            DESK_CALLBACK_SOURCE_QUERY);
  if (hash != NULL)
    desk_callback_add_form (callback, hash + 1, -1, DESK_CALLBACK_SOURCE_FRAGMENT);
}

/* NULL when the object is not a protocol message. */
static DeskCallback *
read_message (JsonNode   *data,
              const char *auth_ui_origin,
              const char *redirect_uri,
              const char *cancel_uri)
{
  JsonObject *object = json_node_get_object (data);
  const char *values[G_N_ELEMENTS (field_names)];
  g_autofree char *resolved = NULL;
  g_autoptr(DeskCallback) callback = NULL;
  const char *redirect;
  gboolean completed;
  gboolean valid;

  completed = read_completion (object, &valid);
  if (!valid || !get_any_string_member (object, redirect_names, &redirect))
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (field_names); i++)
    {
      if (!get_any_string_member (object, field_names[i] + 1, &values[i]))
        return NULL;
    }

  if (redirect != NULL)
    {
      resolved = resolve_redirect (redirect, auth_ui_origin);
      if (resolved == NULL)
        return NULL;
    }

  callback = desk_callback_new (resolved, DESK_CALLBACK_MATCH_REDIRECT,
                                DESK_CALLBACK_VIA_MESSAGE);
  callback->message = json_node_copy (data);

  for (gsize i = 0; i < G_N_ELEMENTS (field_names); i++)
    {
      if (values[i] != NULL)
        desk_callback_add_param (callback, field_names[i][0], values[i],
                                 DESK_CALLBACK_SOURCE_MESSAGE);
    }
  if (resolved != NULL)
    add_redirect_params (callback, resolved);

  /* A completion whose redirect URL carries error parameters is a failure with them; a
   * redirect URL that is the cancel URI is a cancel, as the navigation there would be. */
  if (!completed || desk_callback_is_failure (callback) ||
      (resolved != NULL &&
       desk_callback_match (resolved, redirect_uri, cancel_uri) == DESK_CALLBACK_MATCH_CANCEL))
    callback->matched = DESK_CALLBACK_MATCH_CANCEL;

  return g_steal_pointer (&callback);
}

/* Counted outside strings, in one pass: json-glib recurses once per level, and a page can
 * post 100,000 nested arrays. */
static gboolean
nesting_within_limit (const char *json,
                      gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > DESK_MESSAGE_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

JsonNode *
desk_message_parse_data (const char  *json,
                         gssize       length,
                         const char **reason)
{
  g_autoptr(JsonParser) parser = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  *reason = NULL;
  if (length < 0)
    length = strlen (json);

  if ((gsize) length > DESK_MESSAGE_MAX_BYTES)
    {
      *reason = "too-large";
      return NULL;
    }

  parser = json_parser_new_immutable ();
  /* json-glib takes an empty document as a NULL root */
  if (!nesting_within_limit (json, length) ||
      !json_parser_load_from_data (parser, json, length, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      *reason = "format";
      return NULL;
    }

  return json_parser_steal_root (parser);
}

DeskCallback *
desk_message_judge (JsonNode    *data,
                    gsize        serialized_length,
                    const char  *origin,
                    gboolean     from_consent_frame,
                    const char  *auth_ui_origin,
                    const char  *redirect_uri,
                    const char  *cancel_uri,
                    const char **reason)
{
  g_autofree char *sender = NULL;
  g_autofree char *expected = NULL;
  DeskCallback *callback = NULL;

  g_return_val_if_fail (reason != NULL, NULL);

  *reason = NULL;

  /* desk_uri_origin() gives NULL for "null", "file://" and anything opaque. */
  sender = desk_uri_origin (origin);
  expected = desk_uri_origin (auth_ui_origin);
  if (sender == NULL || expected == NULL || !g_str_equal (sender, expected))
    *reason = "origin";
  else if (!from_consent_frame)
    *reason = "source";
  else if (serialized_length > DESK_MESSAGE_MAX_BYTES)
    *reason = "too-large";
  else if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data) ||
           (callback = read_message (data, expected, redirect_uri, cancel_uri)) == NULL)
    *reason = "format";

  return callback;
}
