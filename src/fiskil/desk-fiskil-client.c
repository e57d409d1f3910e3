/* desk-fiskil-client.c — the Fiskil API over libsoup: token, auth sessions, end users, consents
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include "desk-fiskil-client.h"
#include "desk-fiskil-client-private.h"
#include "desk-fiskil-error.h"
#include "desk-navigation.h"

/* A product token cannot contain a space, so PACKAGE_NAME is spelled without one. */
#define USER_AGENT "ConsentDesk/" PACKAGE_VERSION " (+" PACKAGE_WEBSITE ")"

G_DEFINE_FINAL_TYPE (DeskFiskilClient, desk_fiskil_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

enum {
  REQUEST_FINISHED,
  EXCHANGE_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
desk_fiskil_client_emit_finished (DeskFiskilClient *self,
                                  const char       *method,
                                  const char       *path,
                                  gint64            duration_us,
                                  DeskHttpExchange *exchange)
{
  g_signal_emit (self, signals[REQUEST_FINISHED], 0, method, path, exchange->http_status,
                 duration_us, exchange->error_id);
  g_signal_emit (self, signals[EXCHANGE_FINISHED], 0, exchange);
}

/* Answer readers, shaped for call_async() */

static gpointer
read_auth_session (JsonNode  *node,
                   gint64     clock_skew,
                   GError   **error)
{
  return desk_json_read_auth_session (node, clock_skew, error);
}

static gpointer
read_end_user_id (JsonNode  *node,
                  gint64     clock_skew,
                  GError   **error)
{
  return desk_json_read_end_user_id (node, error);
}

static gpointer
read_end_user (JsonNode  *node,
               gint64     clock_skew,
               GError   **error)
{
  return desk_end_user_new_from_json (node, error);
}

static gpointer
read_end_users (JsonNode  *node,
                gint64     clock_skew,
                GError   **error)
{
  return desk_json_read_end_users (node, error);
}

static gpointer
read_consents (JsonNode  *node,
               gint64     clock_skew,
               GError   **error)
{
  return desk_json_read_consents (node, error);
}

/* GObject */

static void
desk_fiskil_client_constructed (GObject *object)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (object);
  g_autoptr(GUri) uri = NULL;
  const char *host;
  gsize length;

  G_OBJECT_CLASS (desk_fiskil_client_parent_class)->constructed (object);

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  g_return_if_fail (uri != NULL && g_uri_get_host (uri) != NULL);

  host = g_uri_get_host (uri);
  if (strchr (host, ':') != NULL)  /* an IPv6 address */
    self->host_label = g_uri_get_port (uri) > 0
                       ? g_strdup_printf ("[%s]:%d", host, g_uri_get_port (uri))
                       : g_strdup_printf ("[%s]", host);
  else
    self->host_label = g_uri_get_port (uri) > 0
                       ? g_strdup_printf ("%s:%d", host, g_uri_get_port (uri))
                       : g_strdup (host);
  self->refuses_plain_http = g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0
                             && !desk_host_is_loopback (host);

  length = strlen (self->base_url);
  while (length > 0 && self->base_url[length - 1] == '/')
    length--;
  self->api_root = g_strndup (self->base_url, length);
}

static void
desk_fiskil_client_finalize (GObject *object)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (object);

  /* The exchange's request holds a reference on us: none can be in flight. */
  g_assert (self->exchange == NULL);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->api_root);
  g_free (self->host_label);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->access_token);
  g_free (self->token);
  g_free (self->api_version);

  G_OBJECT_CLASS (desk_fiskil_client_parent_class)->finalize (object);
}

static void
desk_fiskil_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_fiskil_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_fiskil_client_class_init (DeskFiskilClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = desk_fiskil_client_constructed;
  object_class->finalize = desk_fiskil_client_finalize;
  object_class->get_property = desk_fiskil_client_get_property;
  object_class->set_property = desk_fiskil_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REQUEST_FINISHED] =
    g_signal_new ("request-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 5,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_UINT,
                  G_TYPE_INT64,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  signals[EXCHANGE_FINISHED] =
    g_signal_new ("exchange-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1,
                  DESK_TYPE_HTTP_EXCHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
desk_fiskil_client_init (DeskFiskilClient *self)
{
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", DESK_FISKIL_DEFAULT_CONNECT_TIMEOUT,
                                                 NULL);
  self->total_timeout = DESK_FISKIL_DEFAULT_TOTAL_TIMEOUT;
}

static gboolean
base_url_is_usable (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (base_url == NULL)
    return FALSE;

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0;
}

/**
 * desk_fiskil_client_new:
 * @base_url: an absolute http(s) URL without query or fragment
 *
 * Plain http is accepted for loopback hosts only (the Sandbox, test servers): requests to any
 * other host over http fail with DESK_FISKIL_ERROR_INVALID_INPUT before anything is sent.
 */
DeskFiskilClient *
desk_fiskil_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url_is_usable (base_url), NULL);

  return g_object_new (DESK_TYPE_FISKIL_CLIENT, "base-url", base_url, NULL);
}

const char *
desk_fiskil_client_get_base_url (DeskFiskilClient *self)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), NULL);

  return self->base_url;
}

static void
forget_credentials (DeskFiskilClient *self)
{
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->token, g_free);
  /* An exchange in flight still answers its waiters, but no new caller joins it. */
  self->exchange = NULL;
  self->credentials_serial++;
}

/**
 * desk_fiskil_client_set_client_credentials:
 * @client_id: (nullable): the client ID
 * @client_secret: (nullable): its secret
 *
 * Replaces any credentials (an access token included) and drops the cached token. Passing
 * %NULL or empty strings leaves the client without credentials.
 */
void
desk_fiskil_client_set_client_credentials (DeskFiskilClient *self,
                                           const char       *client_id,
                                           const char       *client_secret)
{
  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));

  forget_credentials (self);
  if (client_id != NULL && *client_id != '\0' && client_secret != NULL && *client_secret != '\0')
    {
      self->client_id = g_strdup (client_id);
      self->client_secret = g_strdup (client_secret);
    }
}

/**
 * desk_fiskil_client_set_access_token:
 * @access_token: (nullable): a ready bearer token: visible ASCII only, as it goes into a header
 *
 * Replaces any credentials (a client ID and secret included) and drops the cached token.
 */
void
desk_fiskil_client_set_access_token (DeskFiskilClient *self,
                                     const char       *access_token)
{
  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (access_token == NULL || *access_token == '\0'
                    || desk_json_token_is_usable (access_token));

  forget_credentials (self);
  if (access_token != NULL && *access_token != '\0')
    self->access_token = g_strdup (access_token);
}

gboolean
desk_fiskil_client_has_credentials (DeskFiskilClient *self)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), FALSE);

  return self->access_token != NULL || self->client_secret != NULL;
}

void
desk_fiskil_client_set_api_version (DeskFiskilClient *self,
                                    const char       *api_version)
{
  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (api_version == NULL || g_str_equal (api_version, "v1")
                    || g_str_equal (api_version, "v2"));

  g_free (self->api_version);
  self->api_version = g_strdup (api_version);
}

const char *
desk_fiskil_client_get_api_version (DeskFiskilClient *self)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), NULL);

  return self->api_version;
}

/**
 * desk_fiskil_client_set_timeouts:
 * @connect_timeout_s: limit for connecting and for each wait on the socket; 0 for none
 * @total_timeout_s: limit for a whole HTTP request; 0 for none
 */
void
desk_fiskil_client_set_timeouts (DeskFiskilClient *self,
                                 guint             connect_timeout_s,
                                 guint             total_timeout_s)
{
  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));

  g_object_set (self->session, "timeout", connect_timeout_s, NULL);
  self->total_timeout = total_timeout_s;
}

gint64
desk_fiskil_client_get_clock_skew (DeskFiskilClient *self)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), 0);

  return self->clock_skew;
}

guint
desk_fiskil_client_get_request_count (DeskFiskilClient *self)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), 0);

  return self->request_count;
}

static void
on_test_exchange_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(DeskTokenGrant) grant = NULL;
  g_autoptr(GError) error = NULL;

  grant = desk_fiskil_exchange_token_finish (self, result, &error);
  if (grant == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (GPOINTER_TO_UINT (g_task_get_task_data (task)) == self->credentials_serial)
    desk_fiskil_cache_token (self, grant);
  g_task_return_boolean (task, TRUE);
}

void
desk_fiskil_client_test_connection_async (DeskFiskilClient    *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_fiskil_client_test_connection_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->credentials_serial), NULL);

  if (self->access_token != NULL)
    g_task_return_boolean (task, TRUE);
  else if (self->client_secret == NULL)
    g_task_return_error (task, desk_fiskil_no_credentials_error ());
  else
    desk_fiskil_exchange_token_async (self, cancellable, on_test_exchange_done,
                                      g_steal_pointer (&task));
}

gboolean
desk_fiskil_client_test_connection_finish (DeskFiskilClient  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == desk_fiskil_client_test_connection_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
desk_fiskil_client_create_session_async (DeskFiskilClient         *self,
                                         const DeskSessionRequest *request,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data)
{
  g_autoptr(GBytes) body = NULL;
  char *text;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The one body --print-curl shows too. */
  text = desk_session_request_to_body (request);
  body = g_bytes_new_take (text, strlen (text));
  desk_fiskil_call_async (self, "POST", "/v1/auth/session", NULL, body,
              read_auth_session, (GDestroyNotify) desk_auth_session_free,
              cancellable, desk_fiskil_client_create_session_async, callback, user_data);
}

DeskAuthSession *
desk_fiskil_client_create_session_finish (DeskFiskilClient  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return desk_fiskil_call_finish (self, result, desk_fiskil_client_create_session_async, error);
}

static void
add_optional_member (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  if (value == NULL || *value == '\0')
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
desk_fiskil_client_create_end_user_async (DeskFiskilClient    *self,
                                          const char          *email,
                                          const char          *name,
                                          const char          *phone,
                                          const char          *abn,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  char *text;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  add_optional_member (builder, "email", email);
  add_optional_member (builder, "name", name);
  add_optional_member (builder, "phone", phone);
  add_optional_member (builder, "abn", abn);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new_take (text, strlen (text));

  desk_fiskil_call_async (self, "POST", "/v1/end-users", NULL, body, read_end_user_id, g_free,
              cancellable, desk_fiskil_client_create_end_user_async, callback, user_data);
}

char *
desk_fiskil_client_create_end_user_finish (DeskFiskilClient  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  return desk_fiskil_call_finish (self, result, desk_fiskil_client_create_end_user_async, error);
}

void
desk_fiskil_client_find_end_users_async (DeskFiskilClient    *self,
                                         const char          *email,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (email != NULL && *email != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  escaped = g_uri_escape_string (email, NULL, FALSE);
  query = g_strconcat ("email=", escaped, NULL);
  desk_fiskil_call_async (self, "GET", "/v1/end-users", query, NULL,
              read_end_users, (GDestroyNotify) g_ptr_array_unref,
              cancellable, desk_fiskil_client_find_end_users_async, callback, user_data);
}

GPtrArray *
desk_fiskil_client_find_end_users_finish (DeskFiskilClient  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return desk_fiskil_call_finish (self, result, desk_fiskil_client_find_end_users_async, error);
}

void
desk_fiskil_client_get_end_user_async (DeskFiskilClient    *self,
                                       const char          *end_user_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (end_user_id != NULL && *end_user_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The id is opaque: even a "/" in it stays inside the one path segment. */
  escaped = g_uri_escape_string (end_user_id, NULL, FALSE);
  path = g_strconcat ("/v1/end-users/", escaped, NULL);
  desk_fiskil_call_async (self, "GET", path, NULL, NULL,
              read_end_user, (GDestroyNotify) desk_end_user_free,
              cancellable, desk_fiskil_client_get_end_user_async, callback, user_data);
}

DeskEndUser *
desk_fiskil_client_get_end_user_finish (DeskFiskilClient  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return desk_fiskil_call_finish (self, result, desk_fiskil_client_get_end_user_async, error);
}

void
desk_fiskil_client_list_consents_async (DeskFiskilClient    *self,
                                        const char          *end_user_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (end_user_id != NULL && *end_user_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  escaped = g_uri_escape_string (end_user_id, NULL, FALSE);
  query = g_strconcat ("end_user_id=", escaped, NULL);
  desk_fiskil_call_async (self, "GET", "/v1/consent", query, NULL,
              read_consents, (GDestroyNotify) g_ptr_array_unref,
              cancellable, desk_fiskil_client_list_consents_async, callback, user_data);
}

GPtrArray *
desk_fiskil_client_list_consents_finish (DeskFiskilClient  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return desk_fiskil_call_finish (self, result, desk_fiskil_client_list_consents_async, error);
}
