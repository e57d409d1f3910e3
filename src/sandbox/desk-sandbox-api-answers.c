/* desk-sandbox-api-answers.c — reading the Sandbox API's requests and writing its answers:
 * JSON bodies, and error bodies in Fiskil's two shapes
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Error messages are the API's own English, not translated: they are protocol data that the
 * client shows as received.
 */
#define G_LOG_DOMAIN "desk-sandbox"

#include "config.h"

#include <string.h>

#include "desk-json-readers.h"
#include "desk-sandbox-api-private.h"

void
desk_sandbox_send_json (SoupServerMessage *msg,
                        guint              status,
                        const char        *content_type,
                        JsonNode          *node)
{
  gsize length;
  char *body = json_to_string (node, FALSE);

  length = strlen (body);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, length);
}

void
desk_sandbox_send_error (SoupServerMessage *msg,
                         guint              status,
                         ErrorBody          shape,
                         const char        *name,
                         const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("err_", uuid, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (shape == ERROR_BODY_GOA)
    {
      json_builder_set_member_name (builder, "temporary");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "timeout");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "fault");
      json_builder_add_boolean_value (builder, status >= 500);
    }
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  desk_sandbox_send_json (msg, status,
                          shape == ERROR_BODY_GOA ? GOA_CONTENT_TYPE : JSON_CONTENT_TYPE, node);
}

void
desk_sandbox_send_invalid (SoupServerMessage *msg,
                           const char        *message)
{
  desk_sandbox_send_error (msg, SOUP_STATUS_BAD_REQUEST, ERROR_BODY_PLAIN, "InvalidRequest",
                           message);
}

/* The body as a JSON object, or NULL after answering 400. */
JsonObject *
desk_sandbox_read_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  /* Bounded like every answer the client reads: deep nesting never reaches the parser. */
  if (length > 0)
    root = desk_json_parse_bounded (data, (gssize) length, DESK_JSON_MAX_DEPTH, &error);
  if (root == NULL)
    {
      desk_sandbox_send_invalid (msg, "The request body is not valid JSON.");
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      desk_sandbox_send_invalid (msg, "The request body must be a JSON object.");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* FALSE after answering 400 when @member is present but not a string; absent and null give
 * *@value NULL, and so does "" unless @keep_empty. */
gboolean
desk_sandbox_read_string (SoupServerMessage  *msg,
                          JsonObject         *object,
                          const char         *member,
                          gboolean            keep_empty,
                          const char        **value)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *message = g_strdup_printf ("%s must be a string.", member);

      desk_sandbox_send_invalid (msg, message);
      return FALSE;
    }

  *value = json_node_get_string (node);
  if (!keep_empty && **value == '\0')
    *value = NULL;

  return TRUE;
}

gboolean
desk_sandbox_has_controls (const char *value)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}
