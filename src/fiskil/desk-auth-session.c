/* desk-auth-session.c — Fiskil's answer to POST /v1/auth/session
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-auth-session.h"
#include "desk-fiskil-error.h"

G_DEFINE_BOXED_TYPE (DeskAuthSession, desk_auth_session,
                     desk_auth_session_copy, desk_auth_session_free)

DeskAuthSession *
desk_auth_session_new (const char *id,
                       const char *session_id,
                       const char *auth_url,
                       gint64      expires_at,
                       gint64      clock_skew)
{
  DeskAuthSession *self = g_new0 (DeskAuthSession, 1);

  self->id = g_strdup (id);
  self->session_id = g_strdup (session_id);
  self->auth_url = g_strdup (auth_url);
  self->expires_at = expires_at;
  self->clock_skew = clock_skew;

  return self;
}

DeskAuthSession *
desk_auth_session_copy (const DeskAuthSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return desk_auth_session_new (self->id,
                                self->session_id,
                                self->auth_url,
                                self->expires_at,
                                self->clock_skew);
}

void
desk_auth_session_free (DeskAuthSession *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->session_id);
  g_free (self->auth_url);
  g_free (self);
}

gint64
desk_auth_session_get_local_expiry (const DeskAuthSession *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->expires_at - self->clock_skew;
}

static void set_bad_response (GError     **error,
                              const char  *format,
                              ...) G_GNUC_PRINTF (2, 3);

/* The answer came from Fiskil with a 2xx status, so the person can only retry or report it. */
static void
set_bad_response (GError     **error,
                  const char  *format,
                  ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
               /* TRANSLATORS: the first %s is a sentence saying what is wrong */
               _("%s Try again, and if it keeps happening, tell Fiskil support."),
               problem);
}

/* A JSON null counts as missing: some servers write null rather than leave a field out. */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static const char *
get_required_string (JsonObject  *object,
                     const char  *member,
                     GError     **error)
{
  JsonNode *node = get_member (object, member);
  const char *value;

  if (node == NULL)
    {
      set_bad_response (error, _("Fiskil’s answer is missing the field “%s”."),
                        member);
      return NULL;
    }

  if (!is_string (node))
    {
      set_bad_response (error, _("The field “%s” in Fiskil’s answer is not text."),
                        member);
      return NULL;
    }

  value = json_node_get_string (node);
  if (value == NULL || value[0] == '\0')
    {
      set_bad_response (error, _("The field “%s” in Fiskil’s answer is empty."),
                        member);
      return NULL;
    }

  return value;
}

static gboolean
is_web_url (const char *value)
{
  g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_ENCODED, NULL);
  const char *host;

  if (uri == NULL)
    return FALSE;

  host = g_uri_get_host (uri);

  return (g_str_equal (g_uri_get_scheme (uri), "https") ||
          g_str_equal (g_uri_get_scheme (uri), "http")) &&
         host != NULL && host[0] != '\0';
}

/* fiskil-api.md §3 documents an integer; a numeric string is accepted as well because some
 * gateways quote large numbers. Anything else, zero or negative included, is not a time. */
static gboolean
get_unix_time (JsonNode *node,
               gint64   *out_time)
{
  gint64 value;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (json_node_get_value_type (node) != G_TYPE_STRING ||
           !g_ascii_string_to_signed (json_node_get_string (node), 10, 1, G_MAXINT64, &value,
                                      NULL))
    return FALSE;

  if (value <= 0)
    return FALSE;

  *out_time = value;

  return TRUE;
}

DeskAuthSession *
desk_auth_session_new_from_json (JsonNode  *node,
                                 gint64     clock_skew,
                                 GError   **error)
{
  JsonObject *object;
  JsonNode *member;
  const char *id = NULL;
  const char *session_id;
  const char *auth_url;
  gint64 expires_at;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_bad_response (error, _("Fiskil’s answer is not a JSON object."));
      return NULL;
    }

  object = json_node_get_object (node);

  /* Only described as the team's client id and never acted on, so it may be missing; when
   * present it must still be text, or the answer is not what we think it is. */
  member = get_member (object, "id");
  if (member != NULL)
    {
      if (!is_string (member))
        {
          set_bad_response (error, _("The field “%s” in Fiskil’s answer is not text."),
                            "id");
          return NULL;
        }
      id = json_node_get_string (member);
    }

  session_id = get_required_string (object, "session_id", error);
  if (session_id == NULL)
    return NULL;

  auth_url = get_required_string (object, "auth_url", error);
  if (auth_url == NULL)
    return NULL;

  /* The URL is opened in the consent view exactly as returned: it has to be a web address. */
  if (!is_web_url (auth_url))
    {
      set_bad_response (error, _("The field “%s” in Fiskil’s answer is not an http or "
                                 "https address."),
                        "auth_url");
      return NULL;
    }

  member = get_member (object, "expires_at");
  if (member == NULL)
    {
      set_bad_response (error, _("Fiskil’s answer is missing the field “%s”."),
                        "expires_at");
      return NULL;
    }

  if (!get_unix_time (member, &expires_at))
    {
      set_bad_response (error, _("The field “%s” in Fiskil’s answer is not a time."),
                        "expires_at");
      return NULL;
    }

  return desk_auth_session_new (id, session_id, auth_url, expires_at, clock_skew);
}
