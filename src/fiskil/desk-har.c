/* desk-har.c — HTTP exchanges as a HAR 1.2 log
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include "desk-har.h"

#define HTTP_VERSION "HTTP/1.1"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_empty_array (JsonBuilder *builder,
                 const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
}

static void
add_headers (JsonBuilder *builder,
             GPtrArray   *headers)
{
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < headers->len; i++)
    {
      DeskHttpHeader *header = g_ptr_array_index (headers, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", header->name);
      add_string (builder, "value", header->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_query_string (JsonBuilder *builder,
                  const char  *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  const char *query = uri != NULL ? g_uri_get_query (uri) : NULL;
  GUriParamsIter iter;
  char *name;
  char *value;

  json_builder_set_member_name (builder, "queryString");
  json_builder_begin_array (builder);
  if (query != NULL)
    {
      g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_WWW_FORM);
      while (g_uri_params_iter_next (&iter, &name, &value, NULL) && name != NULL)
        {
          json_builder_begin_object (builder);
          add_string (builder, "name", name);
          add_string (builder, "value", value);
          json_builder_end_object (builder);
          g_free (name);
          g_free (value);
        }
    }
  json_builder_end_array (builder);
}

static void
add_request (JsonBuilder            *builder,
             const DeskHttpExchange *exchange)
{
  gsize body_size = exchange->request_body != NULL ? strlen (exchange->request_body) : 0;

  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  add_string (builder, "method", exchange->method);
  add_string (builder, "url", exchange->url);
  add_string (builder, "httpVersion", HTTP_VERSION);
  add_headers (builder, exchange->request_headers);
  add_query_string (builder, exchange->url);
  add_empty_array (builder, "cookies");
  add_int (builder, "headersSize", -1);
  add_int (builder, "bodySize", exchange->request_body != NULL ? (gint64) body_size : 0);
  if (exchange->request_body != NULL)
    {
      json_builder_set_member_name (builder, "postData");
      json_builder_begin_object (builder);
      add_string (builder, "mimeType", exchange->request_mime_type);
      add_string (builder, "text", exchange->request_body);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static const char *
find_header (GPtrArray  *headers,
             const char *name)
{
  for (guint i = 0; i < headers->len; i++)
    {
      DeskHttpHeader *header = g_ptr_array_index (headers, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        return header->value;
    }

  return NULL;
}

static void
add_response (JsonBuilder            *builder,
              const DeskHttpExchange *exchange)
{
  gint64 size = exchange->response_body_size;
  const char *location = find_header (exchange->response_headers, "Location");

  json_builder_set_member_name (builder, "response");
  json_builder_begin_object (builder);
  add_int (builder, "status", exchange->http_status);
  add_string (builder, "statusText", exchange->status_text);
  /* HAR writes "" for an answer that never came. */
  add_string (builder, "httpVersion", exchange->http_status != 0 ? HTTP_VERSION : "");
  add_headers (builder, exchange->response_headers);
  add_empty_array (builder, "cookies");

  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  add_int (builder, "size", MAX (size, 0));
  add_string (builder, "mimeType", exchange->response_mime_type);
  if (exchange->response_body != NULL)
    add_string (builder, "text", exchange->response_body);
  json_builder_end_object (builder);

  add_string (builder, "redirectURL", location);
  add_int (builder, "headersSize", -1);
  add_int (builder, "bodySize", size);
  json_builder_end_object (builder);
}

static void
add_entry (JsonBuilder            *builder,
           const DeskHttpExchange *exchange)
{
  g_autofree char *started = g_date_time_format_iso8601 (exchange->started);

  json_builder_begin_object (builder);
  add_string (builder, "startedDateTime", started);
  json_builder_set_member_name (builder, "time");
  json_builder_add_double_value (builder, exchange->duration_ms);
  add_request (builder, exchange);
  add_response (builder, exchange);

  json_builder_set_member_name (builder, "cache");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);

  /* The client sees one duration: it is all waiting, as far as it can tell. */
  json_builder_set_member_name (builder, "timings");
  json_builder_begin_object (builder);
  add_int (builder, "send", 0);
  json_builder_set_member_name (builder, "wait");
  json_builder_add_double_value (builder, exchange->duration_ms);
  add_int (builder, "receive", 0);
  json_builder_end_object (builder);

  if (exchange->error_id != NULL)
    add_string (builder, "_fiskilErrorId", exchange->error_id);
  json_builder_end_object (builder);
}

JsonNode *
desk_har_entry_new (const DeskHttpExchange *exchange)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (exchange != NULL, NULL);

  add_entry (builder, exchange);
  return json_builder_get_root (builder);
}

JsonNode *
desk_har_new_from_entries (JsonArray  *entries,
                           const char *creator_version)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (entries != NULL, NULL);
  g_return_val_if_fail (creator_version != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "log");
  json_builder_begin_object (builder);
  add_string (builder, "version", "1.2");

  json_builder_set_member_name (builder, "creator");
  json_builder_begin_object (builder);
  add_string (builder, "name", "Consent Desk");
  add_string (builder, "version", creator_version);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "entries");
  json_builder_add_value (builder, json_node_init_array (json_node_alloc (), entries));

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
desk_har_new (GPtrArray  *exchanges,
              const char *creator_version)
{
  g_autoptr(JsonArray) entries = NULL;

  g_return_val_if_fail (exchanges != NULL, NULL);
  g_return_val_if_fail (creator_version != NULL, NULL);

  entries = json_array_sized_new (exchanges->len);
  for (guint i = 0; i < exchanges->len; i++)
    json_array_add_element (entries, desk_har_entry_new (g_ptr_array_index (exchanges, i)));

  return desk_har_new_from_entries (entries, creator_version);
}
