/* desk-json-readers.c — bounded JSON parsing and the readers for every Fiskil answer
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-fiskil-error.h"
#include "desk-json-readers.h"

#define DEFAULT_TOKEN_LIFETIME 900  /* seconds, when /v1/token gives no expires_in */

/* Bounded parsing */

/* Walks the text once, outside strings, counting brackets: no recursion, no allocation. Only
 * the depth is judged here; json-glib judges the rest. */
static gboolean
depth_is_within (const char *data,
                 gsize       length,
                 guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

JsonNode *
desk_json_parse_bounded (const char  *data,
                         gssize       length,
                         guint        max_depth,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize size;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = length < 0 ? strlen (data) : (gsize) length;
  if (size == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The text is empty."));
      return NULL;
    }
  if (!depth_is_within (data, size, max_depth))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The JSON nests deeper than %u levels."), max_depth);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &parse_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The text is not JSON: %s"),
                   parse_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The text is empty."));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* Members */

GError *
desk_json_missing_field_error (const char *member)
{
  return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                      _("Fiskil’s answer is missing the field “%s”."), member);
}

GError *
desk_json_invalid_field_error (const char *member)
{
  return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                      _("The field “%s” in Fiskil’s answer is not valid."), member);
}

static GError *
too_long_field_error (const char *member)
{
  return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                      _("The field “%s” in Fiskil’s answer is too long."), member);
}

/* NULL for a missing member and for JSON null alike. */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static const char *
node_get_string (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
desk_json_read_string_max (JsonObject  *object,
                           const char  *member,
                           gboolean     required,
                           gsize        max_length,
                           char       **out,
                           GError     **error)
{
  JsonNode *node = get_member (object, member);
  const char *value;

  if (node == NULL)
    {
      if (required)
        {
          g_propagate_error (error, desk_json_missing_field_error (member));
          return FALSE;
        }
      *out = NULL;
      return TRUE;
    }

  value = node_get_string (node);
  if (value == NULL || (required && *value == '\0'))
    {
      g_propagate_error (error, desk_json_invalid_field_error (member));
      return FALSE;
    }
  if (strlen (value) > max_length)
    {
      g_propagate_error (error, too_long_field_error (member));
      return FALSE;
    }

  *out = g_strdup (value);
  return TRUE;
}

gboolean
desk_json_read_string (JsonObject  *object,
                       const char  *member,
                       gboolean     required,
                       char       **out,
                       GError     **error)
{
  return desk_json_read_string_max (object, member, required, DESK_JSON_MAX_STRING_LENGTH, out,
                                    error);
}

gboolean
desk_json_read_boolean (JsonObject  *object,
                        const char  *member,
                        gboolean    *out,
                        GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    {
      g_propagate_error (error, desk_json_missing_field_error (member));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_propagate_error (error, desk_json_invalid_field_error (member));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
node_get_int64 (JsonNode *node,
                gint64   *out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* Beyond ±2^53 a double no longer holds every integer exactly. */
      if (!(ABS (value) <= 9007199254740992.0) || value != (double) (gint64) value)
        return FALSE;
      *out = (gint64) value;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                     out, NULL);

  return FALSE;
}

gboolean
desk_json_read_int64 (JsonObject  *object,
                      const char  *member,
                      gint64       default_value,
                      gint64      *out,
                      GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    {
      *out = default_value;
      return TRUE;
    }
  if (!node_get_int64 (node, out))
    {
      g_propagate_error (error, desk_json_invalid_field_error (member));
      return FALSE;
    }

  return TRUE;
}

gboolean
desk_json_read_time (JsonObject  *object,
                     const char  *member,
                     gint64      *out,
                     GError     **error)
{
  JsonNode *node = get_member (object, member);
  g_autoptr(GDateTime) date = NULL;
  const char *text;

  if (node == NULL)
    {
      *out = 0;
      return TRUE;
    }
  if (node_get_int64 (node, out))
    return TRUE;

  text = node_get_string (node);
  if (text != NULL && strlen (text) <= DESK_JSON_MAX_STRING_LENGTH)
    date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    {
      g_propagate_error (error, desk_json_invalid_field_error (member));
      return FALSE;
    }

  *out = g_date_time_to_unix (date);
  return TRUE;
}

gboolean
desk_json_read_strv (JsonObject  *object,
                     const char  *member,
                     GStrv       *out,
                     GError     **error)
{
  JsonNode *node = get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, desk_json_invalid_field_error (member));
      return FALSE;
    }

  array = node != NULL ? json_node_get_array (node) : NULL;
  if (array != NULL && json_array_get_length (array) > DESK_JSON_MAX_LIST_LENGTH)
    {
      g_propagate_error (error, too_long_field_error (member));
      return FALSE;
    }

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *value = node_get_string (json_array_get_element (array, i));

      if (value == NULL)
        {
          g_propagate_error (error, desk_json_invalid_field_error (member));
          return FALSE;
        }
      if (strlen (value) > DESK_JSON_MAX_STRING_LENGTH)
        {
          g_propagate_error (error, too_long_field_error (member));
          return FALSE;
        }
      g_strv_builder_add (builder, value);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Whole answers */

void
desk_token_grant_free (DeskTokenGrant *grant)
{
  if (grant == NULL)
    return;

  g_free (grant->token);
  g_free (grant);
}

gboolean
desk_json_token_is_usable (const char *token)
{
  g_return_val_if_fail (token != NULL, FALSE);

  if (*token == '\0')
    return FALSE;

  for (const guchar *p = (const guchar *) token; *p != '\0'; p++)
    {
      if (*p <= ' ' || *p >= 0x7f)
        return FALSE;
    }

  return TRUE;
}

DeskTokenGrant *
desk_json_read_token (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(DeskTokenGrant) grant = g_new0 (DeskTokenGrant, 1);
  const char *member = "token";
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, desk_json_missing_field_error ("token"));
      return NULL;
    }
  object = json_node_get_object (node);

  /* Current documentation says "token", an older page "access_token". */
  if (get_member (object, "token") == NULL && get_member (object, "access_token") != NULL)
    member = "access_token";

  if (!desk_json_read_string_max (object, member, TRUE, DESK_JSON_MAX_TOKEN_LENGTH,
                                  &grant->token, error)
      || !desk_json_read_int64 (object, "expires_in", DEFAULT_TOKEN_LIFETIME, &grant->lifetime,
                                error))
    return NULL;

  if (!desk_json_token_is_usable (grant->token))
    {
      g_propagate_error (error, desk_json_invalid_field_error (member));
      return NULL;
    }

  return g_steal_pointer (&grant);
}

/* Length caps first: the session's own reader knows the shape, not what is absurd. */
DeskAuthSession *
desk_json_read_auth_session (JsonNode  *node,
                             gint64     clock_skew,
                             GError   **error)
{
  static const struct {
    const char *member;
    gsize       max_length;
  } caps[] = {
    { "id", DESK_JSON_MAX_STRING_LENGTH },
    { "session_id", DESK_JSON_MAX_STRING_LENGTH },
    { "auth_url", DESK_JSON_MAX_URL_LENGTH },
  };

  g_return_val_if_fail (node != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      for (guint i = 0; i < G_N_ELEMENTS (caps); i++)
        {
          JsonNode *member = get_member (object, caps[i].member);
          const char *value = member != NULL ? node_get_string (member) : NULL;

          if (value != NULL && strlen (value) > caps[i].max_length)
            {
              g_propagate_error (error, too_long_field_error (caps[i].member));
              return NULL;
            }
        }
    }

  return desk_auth_session_new_from_json (node, clock_skew, error);
}

char *
desk_json_read_end_user_id (JsonNode  *node,
                            GError   **error)
{
  char *end_user_id = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, desk_json_missing_field_error ("end_user_id"));
      return NULL;
    }
  if (!desk_json_read_string (json_node_get_object (node), "end_user_id", TRUE, &end_user_id,
                              error))
    return NULL;

  return end_user_id;
}

typedef gpointer (*ReadItemFunc) (JsonNode  *node,
                                  GError   **error);

static GPtrArray *
read_list (JsonNode        *node,
           ReadItemFunc     read_item,
           GDestroyNotify   item_free,
           GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (item_free);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (json_node_get_array (node)) > DESK_JSON_MAX_LIST_LENGTH)
    {
      g_set_error_literal (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                           _("Fiskil’s answer is not a list."));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = read_item (json_array_get_element (array, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

static gpointer
read_end_user (JsonNode  *node,
               GError   **error)
{
  return desk_end_user_new_from_json (node, error);
}

static gpointer
read_consent (JsonNode  *node,
              GError   **error)
{
  return desk_consent_new_from_json (node, error);
}

GPtrArray *
desk_json_read_end_users (JsonNode  *node,
                          GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);

  return read_list (node, read_end_user, (GDestroyNotify) desk_end_user_free, error);
}

GPtrArray *
desk_json_read_consents (JsonNode  *node,
                         GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);

  return read_list (node, read_consent, (GDestroyNotify) desk_consent_free, error);
}

void
desk_error_body_free (DeskErrorBody *body)
{
  if (body == NULL)
    return;

  g_free (body->id);
  g_free (body->name);
  g_free (body->message);
  g_free (body);
}

static char *
dup_text_member (JsonObject *object,
                 const char *member)
{
  JsonNode *node = get_member (object, member);
  const char *value = node != NULL ? node_get_string (node) : NULL;

  return value != NULL && g_utf8_validate (value, -1, NULL) ? g_strdup (value) : NULL;
}

static gboolean
boolean_member (JsonObject *object,
                const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

DeskErrorBody *
desk_json_read_error_body (JsonNode *node)
{
  DeskErrorBody *body = g_new0 (DeskErrorBody, 1);
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return body;

  object = json_node_get_object (node);
  body->id = dup_text_member (object, "id");
  body->name = dup_text_member (object, "name");
  body->message = dup_text_member (object, "message");
  body->temporary = boolean_member (object, "temporary") || boolean_member (object, "timeout");

  return body;
}
