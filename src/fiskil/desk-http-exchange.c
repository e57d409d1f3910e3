/* desk-http-exchange.c — one HTTP request and its answer, as evidence, with secrets hidden
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "desk-http-exchange.h"
#include "desk-json-readers.h"

G_DEFINE_BOXED_TYPE (DeskHttpExchange, desk_http_exchange,
                     desk_http_exchange_copy, desk_http_exchange_free)

static const char * const secret_members[] = { "client_secret", "token", "access_token" };

static void
header_free (DeskHttpHeader *header)
{
  g_free (header->name);
  g_free (header->value);
  g_free (header);
}

static void
add_header (GPtrArray  *headers,
            const char *name,
            const char *value)
{
  DeskHttpHeader *header = g_new0 (DeskHttpHeader, 1);

  header->name = g_strdup (name);
  header->value = g_strdup (value);
  g_ptr_array_add (headers, header);
}

static GPtrArray *
headers_copy (GPtrArray *headers)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) header_free);

  for (guint i = 0; i < headers->len; i++)
    {
      DeskHttpHeader *header = g_ptr_array_index (headers, i);

      add_header (copy, header->name, header->value);
    }

  return copy;
}

DeskHttpExchange *
desk_http_exchange_new (const char *method,
                        const char *url,
                        GDateTime  *started)
{
  DeskHttpExchange *self;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_new0 (DeskHttpExchange, 1);
  self->method = g_strdup (method);
  self->url = g_strdup (url);
  self->request_headers = g_ptr_array_new_with_free_func ((GDestroyNotify) header_free);
  self->response_headers = g_ptr_array_new_with_free_func ((GDestroyNotify) header_free);
  self->response_body_size = -1;
  self->started = started != NULL ? g_date_time_to_utc (started) : g_date_time_new_now_utc ();

  return self;
}

DeskHttpExchange *
desk_http_exchange_copy (const DeskHttpExchange *self)
{
  DeskHttpExchange *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DeskHttpExchange, 1);
  copy->method = g_strdup (self->method);
  copy->url = g_strdup (self->url);
  copy->request_headers = headers_copy (self->request_headers);
  copy->request_mime_type = g_strdup (self->request_mime_type);
  copy->request_body = g_strdup (self->request_body);
  copy->http_status = self->http_status;
  copy->status_text = g_strdup (self->status_text);
  copy->response_headers = headers_copy (self->response_headers);
  copy->response_mime_type = g_strdup (self->response_mime_type);
  copy->response_body = g_strdup (self->response_body);
  copy->response_body_size = self->response_body_size;
  copy->started = g_date_time_ref (self->started);
  copy->duration_ms = self->duration_ms;
  copy->error_id = g_strdup (self->error_id);

  return copy;
}

void
desk_http_exchange_free (DeskHttpExchange *self)
{
  if (self == NULL)
    return;

  g_free (self->method);
  g_free (self->url);
  g_ptr_array_unref (self->request_headers);
  g_free (self->request_mime_type);
  g_free (self->request_body);
  g_free (self->status_text);
  g_ptr_array_unref (self->response_headers);
  g_free (self->response_mime_type);
  g_free (self->response_body);
  g_date_time_unref (self->started);
  g_free (self->error_id);
  g_free (self);
}

void
desk_http_exchange_add_request_header (DeskHttpExchange *self,
                                       const char       *name,
                                       const char       *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && value != NULL);

  if (g_ascii_strcasecmp (name, "Authorization") == 0)
    value = DESK_HTTP_EXCHANGE_HIDDEN;
  add_header (self->request_headers, name, value);
}

void
desk_http_exchange_add_response_header (DeskHttpExchange *self,
                                        const char       *name,
                                        const char       *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && value != NULL);

  add_header (self->response_headers, name, value);
}

/* Bodies */

static gboolean
is_secret_member (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (secret_members); i++)
    {
      if (g_str_equal (name, secret_members[i]))
        return TRUE;
    }

  return FALSE;
}

/* Rebuilds @node with every secret member's value hidden; depth is bounded by the parse. */
static void
build_hidden (JsonBuilder *builder,
              JsonNode    *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      json_builder_begin_object (builder);
      for (GList *l = members; l != NULL; l = l->next)
        {
          json_builder_set_member_name (builder, l->data);
          if (is_secret_member (l->data))
            json_builder_add_string_value (builder, DESK_HTTP_EXCHANGE_HIDDEN);
          else
            build_hidden (builder, json_object_get_member (object, l->data));
        }
      json_builder_end_object (builder);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      json_builder_begin_array (builder);
      for (guint i = 0; i < json_array_get_length (array); i++)
        build_hidden (builder, json_array_get_element (array, i));
      json_builder_end_array (builder);
    }
  else
    {
      json_builder_add_value (builder, json_node_copy (node));
    }
}

static gboolean
mentions_secret_member (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (secret_members); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", secret_members[i]);

      if (strstr (text, quoted) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Valid UTF-8, JSON secrets hidden, at most DESK_HTTP_EXCHANGE_MAX_BODY bytes. A body that
 * mentions a secret member but does not parse is not kept at all: it could hold the secret. */
static char *
body_text (const char *body,
           gsize       size)
{
  g_autofree char *text = NULL;
  gsize length;

  if (body == NULL || size == 0)
    return NULL;

  text = g_utf8_make_valid (body, (gssize) size);
  if (mentions_secret_member (text))
    {
      g_autoptr(JsonNode) node = desk_json_parse_bounded (text, -1, DESK_JSON_MAX_DEPTH, NULL);
      g_autoptr(JsonBuilder) builder = NULL;
      g_autoptr(JsonNode) hidden = NULL;

      if (node == NULL)
        return g_strdup (DESK_HTTP_EXCHANGE_HIDDEN);

      builder = json_builder_new ();
      build_hidden (builder, node);
      hidden = json_builder_get_root (builder);
      g_free (text);
      text = json_to_string (hidden, FALSE);
    }

  length = strlen (text);
  if (length > DESK_HTTP_EXCHANGE_MAX_BODY)
    {
      /* Cut at a character boundary. */
      const char *end = g_utf8_find_prev_char (text, text + DESK_HTTP_EXCHANGE_MAX_BODY + 1);
      g_autofree char *head = g_strndup (text, (gsize) (end - text));

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&text);
}

void
desk_http_exchange_set_request_body (DeskHttpExchange *self,
                                     const char       *mime_type,
                                     const char       *body,
                                     gsize             size)
{
  g_return_if_fail (self != NULL);

  g_free (self->request_mime_type);
  self->request_mime_type = g_strdup (mime_type);
  g_free (self->request_body);
  self->request_body = body_text (body, size);
}

void
desk_http_exchange_set_response_body (DeskHttpExchange *self,
                                      const char       *mime_type,
                                      const char       *body,
                                      gsize             size)
{
  g_return_if_fail (self != NULL);

  g_free (self->response_mime_type);
  self->response_mime_type = g_strdup (mime_type);
  g_free (self->response_body);
  self->response_body = body_text (body, size);
  self->response_body_size = (gint64) size;
}

static void
redact_text (char       **text,
             const char  *secret)
{
  g_auto(GStrv) parts = NULL;

  if (*text == NULL || strstr (*text, secret) == NULL)
    return;

  parts = g_strsplit (*text, secret, -1);
  g_free (*text);
  *text = g_strjoinv (DESK_HTTP_EXCHANGE_HIDDEN, parts);
}

static void
redact_headers (GPtrArray  *headers,
                const char *secret)
{
  for (guint i = 0; i < headers->len; i++)
    {
      DeskHttpHeader *header = g_ptr_array_index (headers, i);

      redact_text (&header->name, secret);
      redact_text (&header->value, secret);
    }
}

void
desk_http_exchange_redact (DeskHttpExchange   *self,
                           const char * const *secrets)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (secrets != NULL);

  for (guint i = 0; secrets[i] != NULL; i++)
    {
      const char *secret = secrets[i];

      if (*secret == '\0')
        continue;
      redact_text (&self->url, secret);
      redact_text (&self->request_body, secret);
      redact_text (&self->status_text, secret);
      redact_text (&self->response_body, secret);
      redact_text (&self->error_id, secret);
      redact_headers (self->request_headers, secret);
      redact_headers (self->response_headers, secret);
    }
}
