/* desk-sandbox-api.c — the Sandbox's Fiskil API: its routes, token, auth sessions, consents
 * (end users are in desk-sandbox-end-users.c, request and answer helpers in
 * desk-sandbox-api-answers.c)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shapes, statuses and error bodies follow fiskil-api.md. Error messages are the API's own
 * English, not translated: they are protocol data that the client shows as received.
 */
#define G_LOG_DOMAIN "desk-sandbox"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "desk-sandbox-private.h"
#include "desk-sandbox-api-private.h"

#define TOKEN_LIFETIME 900  /* seconds, as Fiskil's current docs say */

#define STATUS_TOO_MANY_REQUESTS 429  /* libsoup has no name for it */

/* Absolute, with a host for http(s), and no fragment: where the Auth UI can send a browser. */
static gboolean
callback_uri_is_valid (const char *value)
{
  g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_ENCODED, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_fragment (uri) != NULL || desk_sandbox_has_controls (value))
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    {
      const char *host = g_uri_get_host (uri);

      return host != NULL && *host != '\0';
    }

  return TRUE;
}

/* The bearer token of the request, if it is one we issued and it has not expired. */
static gboolean
check_bearer (DeskSandbox       *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *token;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      desk_sandbox_send_error (msg, SOUP_STATUS_UNAUTHORIZED, ERROR_BODY_GOA, "unauthorized",
                               "Missing bearer token.");
      return FALSE;
    }

  token = authorization + 7;
  while (*token == ' ')
    token++;

  if (!desk_sandbox_store_token_is_valid (desk_sandbox_get_store (self), token))
    {
      desk_sandbox_send_error (msg, SOUP_STATUS_UNAUTHORIZED, ERROR_BODY_GOA, "unauthorized",
                               "The access token is invalid or has expired.");
      return FALSE;
    }

  return TRUE;
}

static void
handle_token (DeskSandbox       *self,
              SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = desk_sandbox_read_body (msg);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *token = NULL;
  const char *client_id;
  const char *client_secret;

  if (body == NULL
      || !desk_sandbox_read_string (msg, body, "client_id", FALSE, &client_id)
      || !desk_sandbox_read_string (msg, body, "client_secret", FALSE, &client_secret))
    return;

  if (client_id == NULL || client_secret == NULL)
    {
      desk_sandbox_send_invalid (msg, "client_id and client_secret are required.");
      return;
    }

  if (!g_str_equal (client_id, DESK_SANDBOX_CLIENT_ID)
      || !g_str_equal (client_secret, DESK_SANDBOX_CLIENT_SECRET))
    {
      desk_sandbox_send_error (msg, SOUP_STATUS_UNAUTHORIZED, ERROR_BODY_GOA, "unauthorized",
                               "Invalid client credentials.");
      return;
    }

  token = desk_sandbox_store_issue_token (desk_sandbox_get_store (self), TOKEN_LIFETIME);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, TOKEN_LIFETIME);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  desk_sandbox_send_json (msg, SOUP_STATUS_OK, JSON_CONTENT_TYPE, node);
}

/* A copy of the "permissions" member (NULL when absent), or FALSE after answering 400. */
static gboolean
read_permissions (SoupServerMessage  *msg,
                  JsonObject         *body,
                  GStrv              *permissions)
{
  JsonNode *node = json_object_get_member (body, "permissions");
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  *permissions = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      desk_sandbox_send_invalid (msg, "permissions must be an array of strings.");
      return FALSE;
    }

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element)
          || json_node_get_value_type (element) != G_TYPE_STRING
          || *json_node_get_string (element) == '\0')
        {
          desk_sandbox_send_invalid (msg, "permissions must be an array of strings.");
          return FALSE;
        }

      /* Unknown names are accepted: Fiskil may add permissions at any time. */
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *permissions = g_strv_builder_end (builder);
  return TRUE;
}

/* 200 with the new session, as POST /v1/auth/session answers. */
static void
send_session (DeskSandbox              *self,
              SoupServerMessage        *msg,
              const DeskSandboxSession *session)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *auth_url = NULL;

  auth_url = g_strdup_printf ("%s/auth/start?session=%s",
                              desk_sandbox_get_base_url (self), session->session_id);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, session->client_id);
  json_builder_set_member_name (builder, "session_id");
  json_builder_add_string_value (builder, session->session_id);
  json_builder_set_member_name (builder, "auth_url");
  json_builder_add_string_value (builder, auth_url);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, session->expires_at_us / G_USEC_PER_SEC);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  desk_sandbox_send_json (msg, SOUP_STATUS_OK, JSON_CONTENT_TYPE, node);
}

static void
handle_create_session (DeskSandbox       *self,
                       SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = desk_sandbox_read_body (msg);
  g_auto(GStrv) permissions = NULL;
  const DeskSandboxInstitution *institution = NULL;
  DeskSandboxSession *session;
  const char *end_user_id;
  const char *redirect_uri;
  const char *cancel_uri;
  const char *institution_id;

  if (body == NULL
      || !desk_sandbox_read_string (msg, body, "end_user_id", FALSE, &end_user_id)
      || !desk_sandbox_read_string (msg, body, "redirect_uri", FALSE, &redirect_uri)
      || !desk_sandbox_read_string (msg, body, "cancel_uri", FALSE, &cancel_uri)
      || !desk_sandbox_read_string (msg, body, "institution_id", FALSE, &institution_id)
      || !read_permissions (msg, body, &permissions))
    return;

  if (end_user_id == NULL)
    {
      desk_sandbox_send_invalid (msg, "end_user_id is required.");
      return;
    }
  if (desk_sandbox_has_controls (end_user_id))
    {
      desk_sandbox_send_invalid (msg, "end_user_id must not contain control characters.");
      return;
    }

  if (redirect_uri == NULL)
    redirect_uri = DESK_SANDBOX_DEFAULT_REDIRECT_URI;
  else if (!callback_uri_is_valid (redirect_uri))
    {
      desk_sandbox_send_invalid (msg, "redirect_uri must be an absolute URI without a fragment.");
      return;
    }

  if (cancel_uri == NULL)
    cancel_uri = DESK_SANDBOX_DEFAULT_CANCEL_URI;
  else if (!callback_uri_is_valid (cancel_uri))
    {
      desk_sandbox_send_invalid (msg, "cancel_uri must be an absolute URI without a fragment.");
      return;
    }

  if (institution_id != NULL)
    {
      institution = desk_sandbox_institution_lookup (institution_id);
      if (institution == NULL)
        {
          g_autofree char *message =
            g_strdup_printf ("institution_id “%s” is not a known institution.", institution_id);

          desk_sandbox_send_error (msg, SOUP_STATUS_BAD_REQUEST, ERROR_BODY_PLAIN,
                                   "invalid_institution_id", message);
          return;
        }
    }

  session = desk_sandbox_store_add_session (desk_sandbox_get_store (self), DESK_SANDBOX_CLIENT_ID,
                                            end_user_id, redirect_uri, cancel_uri, institution,
                                            (const char * const *) permissions,
                                            desk_sandbox_get_session_lifetime (self),
                                            desk_sandbox_get_auto_outcome (self));
  send_session (self, msg, session);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (gsize i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
handle_list_consents (DeskSandbox       *self,
                      SoupServerMessage *msg,
                      GHashTable        *query)
{
  DeskSandboxStore *store = desk_sandbox_get_store (self);
  const char *end_user_id = query != NULL ? g_hash_table_lookup (query, "end_user_id") : NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (end_user_id == NULL || *end_user_id == '\0')
    {
      desk_sandbox_send_invalid (msg, "end_user_id is required.");
      return;
    }

  /* Test knob: the rate limit Fiskil's docs mention, with the Retry-After we honour. */
  if (desk_sandbox_store_take_consent_rate_limit (store))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      desk_sandbox_send_error (msg, STATUS_TOO_MANY_REQUESTS, ERROR_BODY_PLAIN,
                               "too_many_requests", "Too many requests. Try again later.");
      return;
    }

  consents = desk_sandbox_store_list_consents (store, end_user_id);

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < consents->len; i++)
    {
      DeskSandboxConsent *consent = g_ptr_array_index (consents, i);

      /* Test knob: a lagging listing leaves a new consent out for a few calls. */
      if (consent->hidden_listings > 0)
        {
          consent->hidden_listings--;
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "arrangement_id");
      json_builder_add_string_value (builder, consent->arrangement_id);
      json_builder_set_member_name (builder, "end_user_id");
      json_builder_add_string_value (builder, consent->end_user_id);
      json_builder_set_member_name (builder, "institution_id");
      json_builder_add_string_value (builder, consent->institution_id);
      json_builder_set_member_name (builder, "active");
      json_builder_add_boolean_value (builder, consent->active);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, consent->active ? "active" : "revoked");
      add_strv (builder, "permissions", (const char * const *) consent->permissions);
      add_strv (builder, "account_ids", (const char * const *) consent->accounts);
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_int_value (builder, consent->created_at);
      json_builder_set_member_name (builder, "expires_at");
      json_builder_add_int_value (builder, consent->expires_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  node = json_builder_get_root (builder);
  desk_sandbox_send_json (msg, SOUP_STATUS_OK, JSON_CONTENT_TYPE, node);
}

static void
send_method_not_allowed (SoupServerMessage *msg,
                         const char        *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  desk_sandbox_send_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, ERROR_BODY_GOA,
                           "method_not_allowed", "This method is not allowed on this resource.");
}

void
desk_sandbox_api_handle (DeskSandbox       *self,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *version = soup_message_headers_get_one (headers, "X-Fiskil-Version");
  gboolean is_get = g_str_equal (method, SOUP_METHOD_GET);
  gboolean is_post = g_str_equal (method, SOUP_METHOD_POST);

  if (version != NULL && !g_str_equal (version, "v1") && !g_str_equal (version, "v2"))
    {
      desk_sandbox_send_invalid (msg, "X-Fiskil-Version must be v1 or v2.");
      return;
    }

  if (g_str_equal (path, "/v1/token"))
    {
      if (!is_post)
        send_method_not_allowed (msg, "POST");
      else
        handle_token (self, msg);
    }
  else if (g_str_equal (path, "/v1/auth/session"))
    {
      if (!is_post)
        send_method_not_allowed (msg, "POST");
      else if (check_bearer (self, msg))
        handle_create_session (self, msg);
    }
  else if (g_str_equal (path, "/v1/end-users"))
    {
      if (!is_post && !is_get)
        send_method_not_allowed (msg, "GET, POST");
      else if (!check_bearer (self, msg))
        return;
      else if (is_post)
        desk_sandbox_api_create_end_user (self, msg);
      else
        desk_sandbox_api_find_end_users (self, msg, query);
    }
  else if (g_str_has_prefix (path, "/v1/end-users/")
           && path[strlen ("/v1/end-users/")] != '\0'
           && strchr (path + strlen ("/v1/end-users/"), '/') == NULL)
    {
      if (!is_get)
        send_method_not_allowed (msg, "GET");
      else if (check_bearer (self, msg))
        desk_sandbox_api_get_end_user (self, msg, path + strlen ("/v1/end-users/"));
    }
  else if (g_str_equal (path, "/v1/consent"))
    {
      if (!is_get)
        send_method_not_allowed (msg, "GET");
      else if (check_bearer (self, msg))
        handle_list_consents (self, msg, query);
    }
  else
    {
      desk_sandbox_send_error (msg, SOUP_STATUS_NOT_FOUND, ERROR_BODY_GOA, "not_found",
                               "No such API endpoint.");
    }
}
