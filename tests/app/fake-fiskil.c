/* fake-fiskil.c — a Fiskil API on 127.0.0.1 that records what reached it, for the tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "desk-test-server.h"
#include "fake-fiskil.h"

struct _FakeFiskil
{
  SoupServer *server;
  char       *name;
  char       *url;
  GHashTable *clients;        /* client id -> secret */
  GHashTable *tokens;         /* tokens issued or accepted */
  guint       session_status;

  guint       token_requests;
  guint       session_requests;
  guint       foreign_tokens;
  char       *last_client_id;
  char       *last_bearer;
  char       *last_api_version;
};

static void
respond_json (SoupServerMessage *message,
              guint              status,
              const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
respond_error (SoupServerMessage *message,
               guint              status,
               const char        *name,
               const char        *text)
{
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"id\": \"err_fake_%u\", \"name\": \"%s\", \"message\": \"%s\"}",
                          status, name, text);
  respond_json (message, status, body);
}

static void
handle_token (FakeFiskil        *self,
              SoupServerMessage *message)
{
  SoupMessageBody *request_body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  const char *client_id = NULL;
  const char *client_secret = NULL;
  JsonObject *object;

  self->token_requests++;

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      object = json_node_get_object (json_parser_get_root (parser));
      client_id = json_object_get_string_member_with_default (object, "client_id", NULL);
      client_secret = json_object_get_string_member_with_default (object, "client_secret",
                                                                  NULL);
    }

  g_free (self->last_client_id);
  self->last_client_id = g_strdup (client_id);

  if (client_id == NULL ||
      g_strcmp0 (g_hash_table_lookup (self->clients, client_id), client_secret) != 0)
    {
      respond_error (message, 401, "Unauthorized", "The client credentials are not valid.");
      return;
    }

  token = g_strdup_printf ("tok-%s-%u", self->name, self->token_requests);
  g_hash_table_add (self->tokens, g_strdup (token));
  body = g_strdup_printf ("{\"token\": \"%s\", \"token_type\": \"Bearer\", \"expires_in\": 900}",
                          token);
  respond_json (message, 200, body);
}

static void
handle_session (FakeFiskil        *self,
                SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *body = NULL;

  self->session_requests++;

  g_free (self->last_bearer);
  self->last_bearer = NULL;
  if (authorization != NULL && g_str_has_prefix (authorization, "Bearer "))
    self->last_bearer = g_strdup (authorization + strlen ("Bearer "));

  if (self->last_bearer == NULL || !g_hash_table_contains (self->tokens, self->last_bearer))
    {
      self->foreign_tokens++;
      respond_error (message, 401, "Unauthorized", "The access token is not valid.");
      return;
    }

  if (self->session_status != 200)
    {
      respond_error (message, self->session_status, "InvalidRequest",
                     "The fake Fiskil refuses this session.");
      return;
    }

  body = g_strdup_printf ("{\"id\": \"fake-client\", \"session_id\": \"sess_%s_%u\", "
                          "\"auth_url\": \"%s/auth/wait\", \"expires_at\": %" G_GINT64_FORMAT "}",
                          self->name, self->session_requests, self->url,
                          g_get_real_time () / G_USEC_PER_SEC + 600);
  respond_json (message, 200, body);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  FakeFiskil *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  static const char page[] = "<!doctype html><title>Consent</title><p>Waiting…</p>";

  g_free (self->last_api_version);
  self->last_api_version = g_strdup (soup_message_headers_get_one (headers, "X-Fiskil-Version"));

  if (g_str_equal (path, "/v1/token"))
    handle_token (self, message);
  else if (g_str_equal (path, "/v1/auth/session"))
    handle_session (self, message);
  else if (g_str_equal (path, "/auth/wait"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html; charset=utf-8",
                                        SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else
    respond_error (message, 404, "NotFound", "No such endpoint.");
}

FakeFiskil *
fake_fiskil_new (const char *name)
{
  FakeFiskil *self = g_new0 (FakeFiskil, 1);

  self->name = g_strdup (name);
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->session_status = 200;

  self->server = desk_test_server_new ();
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);
  self->url = desk_test_server_get_url (self->server, NULL);

  return self;
}

void
fake_fiskil_free (FakeFiskil *self)
{
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_hash_table_unref (self->clients);
  g_hash_table_unref (self->tokens);
  g_free (self->name);
  g_free (self->url);
  g_free (self->last_client_id);
  g_free (self->last_bearer);
  g_free (self->last_api_version);
  g_free (self);
}

const char *
fake_fiskil_get_url (FakeFiskil *self)
{
  return self->url;
}

void
fake_fiskil_accept_client (FakeFiskil *self,
                           const char *client_id,
                           const char *client_secret)
{
  g_hash_table_replace (self->clients, g_strdup (client_id), g_strdup (client_secret));
}

void
fake_fiskil_accept_access_token (FakeFiskil *self,
                                 const char *access_token)
{
  g_hash_table_add (self->tokens, g_strdup (access_token));
}

void
fake_fiskil_set_session_status (FakeFiskil *self,
                                guint       status)
{
  self->session_status = status;
}

guint
fake_fiskil_get_token_requests (FakeFiskil *self)
{
  return self->token_requests;
}

guint
fake_fiskil_get_session_requests (FakeFiskil *self)
{
  return self->session_requests;
}

const char *
fake_fiskil_get_last_client_id (FakeFiskil *self)
{
  return self->last_client_id;
}

const char *
fake_fiskil_get_last_bearer (FakeFiskil *self)
{
  return self->last_bearer;
}

const char *
fake_fiskil_get_last_api_version (FakeFiskil *self)
{
  return self->last_api_version;
}

guint
fake_fiskil_get_foreign_tokens (FakeFiskil *self)
{
  return self->foreign_tokens;
}
