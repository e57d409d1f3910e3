/* desk-environment.c — where sessions are created: the Sandbox, Production or a custom API
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-private.h"

struct _DeskEnvironment
{
  GObject              parent_instance;

  DeskEnvironmentKind  kind;
  char                *id;
  char                *title;                /* custom environments only */
  char                *api_url;
  char                *auth_origin;
  char                *api_version;
  char                *api_version_override;
  char                *default_redirect_uri; /* NULL: the built-in default, if any */
  char                *default_cancel_uri;
  DeskSessionRequest  *form_values;
  gboolean             saved;

  DeskEnvironmentStarter starter;           /* the Sandbox only: starts its API */
  gpointer             starter_data;
  GDestroyNotify       starter_destroy;
  DeskSecretStore     *secret_store;
  DeskFiskilClient    *client;
  DeskCredentials     *applied_credentials;  /* what @client holds */
};

G_DEFINE_FINAL_TYPE (DeskEnvironment, desk_environment, G_TYPE_OBJECT)

G_DEFINE_QUARK (desk-environment-error-quark, desk_environment_error)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_TITLE,
  PROP_API_URL,
  PROP_AUTH_ORIGIN,
  PROP_API_VERSION,
  PROP_DEFAULT_REDIRECT_URI,
  PROP_DEFAULT_CANCEL_URI,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

/* Stores @value (NULL for "" ) in @field; TRUE when it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (!is_set (value))
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
changed (DeskEnvironment *self,
         guint            prop_id)
{
  if (prop_id != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  g_signal_emit (self, signals[CHANGED], 0);
}

static const char *
effective_api_version (DeskEnvironment *self)
{
  return self->api_version_override != NULL ? self->api_version_override : self->api_version;
}

/* The client belongs to one base URL; another URL means another client and no token. */
static void
drop_client (DeskEnvironment *self)
{
  g_clear_object (&self->client);
  g_clear_pointer (&self->applied_credentials, desk_credentials_free);
}

static void
desk_environment_finalize (GObject *object)
{
  DeskEnvironment *self = (DeskEnvironment *)object;

  drop_client (self);
  if (self->starter_destroy != NULL)
    g_clear_pointer (&self->starter_data, self->starter_destroy);
  g_clear_object (&self->secret_store);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->api_url, g_free);
  g_clear_pointer (&self->auth_origin, g_free);
  g_clear_pointer (&self->api_version, g_free);
  g_clear_pointer (&self->api_version_override, g_free);
  g_clear_pointer (&self->default_redirect_uri, g_free);
  g_clear_pointer (&self->default_cancel_uri, g_free);
  g_clear_pointer (&self->form_values, desk_session_request_free);

  G_OBJECT_CLASS (desk_environment_parent_class)->finalize (object);
}

static void
desk_environment_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskEnvironment *self = DESK_ENVIRONMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, desk_environment_get_title (self));
      break;

    case PROP_API_URL:
      g_value_set_string (value, self->api_url);
      break;

    case PROP_AUTH_ORIGIN:
      g_value_set_string (value, self->auth_origin);
      break;

    case PROP_API_VERSION:
      g_value_set_string (value, self->api_version);
      break;

    case PROP_DEFAULT_REDIRECT_URI:
      g_value_set_string (value, desk_environment_get_default_redirect_uri (self));
      break;

    case PROP_DEFAULT_CANCEL_URI:
      g_value_set_string (value, desk_environment_get_default_cancel_uri (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_environment_class_init (DeskEnvironmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_environment_finalize;
  object_class->get_property = desk_environment_get_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      DESK_ENVIRONMENT_SANDBOX, DESK_ENVIRONMENT_CUSTOM, DESK_ENVIRONMENT_SANDBOX,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_API_URL] =
    g_param_spec_string ("api-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTH_ORIGIN] =
    g_param_spec_string ("auth-origin", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_API_VERSION] =
    g_param_spec_string ("api-version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_REDIRECT_URI] =
    g_param_spec_string ("default-redirect-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_CANCEL_URI] =
    g_param_spec_string ("default-cancel-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
desk_environment_init (DeskEnvironment *self)
{
}

static DeskEnvironment *
environment_new (DeskEnvironmentKind  kind,
                 const char          *id,
                 gboolean             saved)
{
  DeskEnvironment *self = g_object_new (DESK_TYPE_ENVIRONMENT, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  self->saved = saved;

  return self;
}

DeskEnvironment *
desk_environment_new_sandbox (void)
{
  return environment_new (DESK_ENVIRONMENT_SANDBOX, DESK_ENVIRONMENT_ID_SANDBOX, TRUE);
}

DeskEnvironment *
desk_environment_new_production (void)
{
  DeskEnvironment *self;

  self = environment_new (DESK_ENVIRONMENT_PRODUCTION, DESK_ENVIRONMENT_ID_PRODUCTION, TRUE);
  self->api_url = g_strdup (DESK_PRODUCTION_API_URL);
  self->auth_origin = g_strdup (DESK_PRODUCTION_AUTH_ORIGIN);

  return self;
}

DeskEnvironment *
desk_environment_new_custom (const char *id,
                             const char *name,
                             const char *api_url)
{
  DeskEnvironment *self;

  g_return_val_if_fail (api_url != NULL, NULL);
  g_return_val_if_fail (id == NULL || (*id != '\0' && name != NULL), NULL);

  self = environment_new (DESK_ENVIRONMENT_CUSTOM,
                          id != NULL ? id : DESK_ENVIRONMENT_ID_CUSTOM, id != NULL);
  self->title = g_strdup (id != NULL ? name : NULL);
  self->api_url = g_strdup (api_url);

  return self;
}

DeskEnvironmentKind
desk_environment_get_kind (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), DESK_ENVIRONMENT_SANDBOX);

  return self->kind;
}

const char *
desk_environment_get_id (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  return self->id;
}

gboolean
desk_environment_is_saved (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), FALSE);

  return self->saved;
}

gboolean
desk_environment_needs_credentials (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), FALSE);

  return self->kind != DESK_ENVIRONMENT_SANDBOX;
}

const char *
desk_environment_get_title (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  switch (self->kind)
    {
    case DESK_ENVIRONMENT_SANDBOX:
      return _("Sandbox");
    case DESK_ENVIRONMENT_PRODUCTION:
      return _("Production");
    case DESK_ENVIRONMENT_CUSTOM:
      return self->title != NULL ? self->title : _("Custom");
    default:
      g_assert_not_reached ();
    }
}

void
desk_environment_set_title (DeskEnvironment *self,
                            const char      *title)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (self->kind == DESK_ENVIRONMENT_CUSTOM && self->saved);
  g_return_if_fail (is_set (title));

  if (set_string (&self->title, title))
    changed (self, PROP_TITLE);
}

const char *
desk_environment_get_api_url (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  return self->api_url;
}

void
desk_environment_set_api_url (DeskEnvironment *self,
                              const char      *api_url)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (self->kind == DESK_ENVIRONMENT_CUSTOM);
  g_return_if_fail (is_set (api_url));

  if (!set_string (&self->api_url, api_url))
    return;

  drop_client (self);
  changed (self, PROP_API_URL);
}

void
desk_environment_set_production_url_for_tests (DeskEnvironment *self,
                                               const char      *api_url)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (self->kind == DESK_ENVIRONMENT_PRODUCTION);
  g_return_if_fail (is_set (api_url));

  if (set_string (&self->api_url, api_url))
    {
      drop_client (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_URL]);
    }
}

const char *
desk_environment_get_auth_origin (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  return self->auth_origin;
}

void
desk_environment_set_auth_origin (DeskEnvironment *self,
                                  const char      *origin)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (self->kind == DESK_ENVIRONMENT_CUSTOM);

  if (set_string (&self->auth_origin, origin))
    changed (self, PROP_AUTH_ORIGIN);
}

const char *
desk_environment_get_api_version (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  return self->api_version;
}

static void
update_client_api_version (DeskEnvironment *self)
{
  if (self->client != NULL)
    desk_fiskil_client_set_api_version (self->client, effective_api_version (self));
}

void
desk_environment_set_api_version (DeskEnvironment *self,
                                  const char      *api_version)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (self->kind == DESK_ENVIRONMENT_CUSTOM);
  g_return_if_fail (api_version == NULL || *api_version == '\0' ||
                    g_str_equal (api_version, "v1") || g_str_equal (api_version, "v2"));

  if (!set_string (&self->api_version, api_version))
    return;

  update_client_api_version (self);
  changed (self, PROP_API_VERSION);
}

void
desk_environment_set_api_version_override (DeskEnvironment *self,
                                           const char      *api_version)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));

  if (set_string (&self->api_version_override, api_version))
    update_client_api_version (self);
}

char *
desk_environment_describe (DeskEnvironment *self)
{
  const char *version;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  if (self->kind == DESK_ENVIRONMENT_SANDBOX && self->api_url == NULL)
    return g_strdup (_("Built in: starts on this computer with the first session"));

  if (self->kind == DESK_ENVIRONMENT_SANDBOX)
    /* Translators: %s is a URL such as http://127.0.0.1:41234 */
    return g_strdup_printf (_("Built in, at %s"), self->api_url);

  version = effective_api_version (self);
  if (version != NULL)
    /* Translators: "https://api.example.com · API v2" */
    return g_strdup_printf (_("%s · API %s"), self->api_url, version);

  return g_strdup (self->api_url);
}

const char *
desk_environment_get_default_redirect_uri (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  if (self->default_redirect_uri != NULL)
    return self->default_redirect_uri;

  return self->kind == DESK_ENVIRONMENT_SANDBOX ? DESK_SANDBOX_DEFAULT_REDIRECT_URI : NULL;
}

const char *
desk_environment_get_default_cancel_uri (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  if (self->default_cancel_uri != NULL)
    return self->default_cancel_uri;

  return self->kind == DESK_ENVIRONMENT_SANDBOX ? DESK_SANDBOX_DEFAULT_CANCEL_URI : NULL;
}

static void
set_default_uri (DeskEnvironment *self,
                 char           **field,
                 const char      *uri,
                 const char      *built_in,
                 guint            prop_id)
{
  /* The built-in value is not stored: a later release may change it. */
  if (self->kind == DESK_ENVIRONMENT_SANDBOX && g_strcmp0 (uri, built_in) == 0)
    uri = NULL;

  if (set_string (field, uri))
    changed (self, prop_id);
}

void
desk_environment_set_default_redirect_uri (DeskEnvironment *self,
                                           const char      *uri)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));

  set_default_uri (self, &self->default_redirect_uri, uri, DESK_SANDBOX_DEFAULT_REDIRECT_URI,
                   PROP_DEFAULT_REDIRECT_URI);
}

void
desk_environment_set_default_cancel_uri (DeskEnvironment *self,
                                         const char      *uri)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));

  set_default_uri (self, &self->default_cancel_uri, uri, DESK_SANDBOX_DEFAULT_CANCEL_URI,
                   PROP_DEFAULT_CANCEL_URI);
}

const DeskSessionRequest *
desk_environment_get_form_values (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  return self->form_values;
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || *a == NULL) && (b == NULL || *b == NULL);

  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
form_values_equal (const DeskSessionRequest *a,
                   const DeskSessionRequest *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (a->end_user_id, b->end_user_id) == 0 &&
         g_strcmp0 (a->redirect_uri, b->redirect_uri) == 0 &&
         g_strcmp0 (a->cancel_uri, b->cancel_uri) == 0 &&
         g_strcmp0 (a->institution_id, b->institution_id) == 0 &&
         strv_equal0 (a->permissions, b->permissions);
}

void
desk_environment_set_form_values (DeskEnvironment          *self,
                                  const DeskSessionRequest *request)
{
  g_autoptr(DeskSessionRequest) values = NULL;

  g_return_if_fail (DESK_IS_ENVIRONMENT (self));

  if (request != NULL)
    {
      values = desk_session_request_copy (request);

      /* The default, remembered as "the default", follows it when it changes. */
      if (g_strcmp0 (values->redirect_uri,
                     desk_environment_get_default_redirect_uri (self)) == 0 ||
          !is_set (values->redirect_uri))
        g_clear_pointer (&values->redirect_uri, g_free);
      if (g_strcmp0 (values->cancel_uri, desk_environment_get_default_cancel_uri (self)) == 0 ||
          !is_set (values->cancel_uri))
        g_clear_pointer (&values->cancel_uri, g_free);
    }

  if (form_values_equal (self->form_values, values))
    return;

  g_clear_pointer (&self->form_values, desk_session_request_free);
  self->form_values = g_steal_pointer (&values);
  changed (self, PROP_0);
}

void
desk_environment_set_starter (DeskEnvironment        *self,
                              DeskEnvironmentStarter  starter,
                              gpointer                data,
                              GDestroyNotify          destroy)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (self->kind == DESK_ENVIRONMENT_SANDBOX);

  if (self->starter_destroy != NULL)
    g_clear_pointer (&self->starter_data, self->starter_destroy);
  self->starter = starter;
  self->starter_data = data;
  self->starter_destroy = destroy;
}

gboolean
desk_environment_ensure_started (DeskEnvironment  *self,
                                 GError          **error)
{
  g_autofree char *api_url = NULL;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), FALSE);

  if (self->kind != DESK_ENVIRONMENT_SANDBOX)
    return TRUE;

  if (self->starter == NULL)
    {
      g_set_error_literal (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID,
                           _("The built-in Sandbox is not available in this program."));
      return FALSE;
    }

  api_url = self->starter (self, self->starter_data, error);
  if (api_url == NULL)
    return FALSE;

  if (g_strcmp0 (api_url, self->api_url) != 0)
    {
      drop_client (self);
      g_free (self->api_url);
      self->api_url = g_steal_pointer (&api_url);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_URL]);
    }

  return TRUE;
}

void
desk_environment_set_secret_store (DeskEnvironment *self,
                                   DeskSecretStore *store)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (store == NULL || DESK_IS_SECRET_STORE (store));

  g_set_object (&self->secret_store, store);
}

DeskFiskilClient *
desk_environment_get_client (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  return self->client;
}

/* Gives the client @credentials; only a change drops its cached token. */
static gboolean
use_credentials (DeskEnvironment        *self,
                 const DeskCredentials  *credentials,
                 GError                **error)
{
  if (!desk_credentials_check (credentials, error))
    return FALSE;

  if (self->client == NULL)
    {
      self->client = desk_fiskil_client_new (self->api_url);
      desk_fiskil_client_set_api_version (self->client, effective_api_version (self));
    }

  if (!desk_credentials_equal (self->applied_credentials, credentials))
    {
      desk_credentials_apply (credentials, self->client);
      g_clear_pointer (&self->applied_credentials, desk_credentials_free);
      self->applied_credentials = desk_credentials_copy (credentials);
    }

  return TRUE;
}

static void
return_client (DeskEnvironment       *self,
               GTask                 *task,
               const DeskCredentials *credentials)
{
  GError *error = NULL;

  if (use_credentials (self, credentials, &error))
    g_task_return_pointer (task, g_object_ref (self->client), g_object_unref);
  else
    g_task_return_error (task, error);
}

static GError *
no_credentials_error (DeskEnvironment *self)
{
  return g_error_new (DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_NO_CREDENTIALS,
                      /* Translators: %s is an environment's name, e.g. "Production" */
                      _("No credentials for “%s”. Add them in Preferences, or set "
                        "FISKIL_ACCESS_TOKEN, or FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET."),
                      desk_environment_get_title (self));
}

static void
keyring_credentials_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeskEnvironment *self = g_task_get_source_object (task);
  g_autoptr(DeskCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = desk_secret_store_lookup_credentials_finish (DESK_SECRET_STORE (object), result,
                                                             &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (error != NULL)
    /* Translators: %s is a sentence such as "The keyring could not be opened: …." */
    g_task_return_new_error (task, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_KEYRING,
                             _("%s Set FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET, or "
                               "FISKIL_ACCESS_TOKEN, or unlock the keyring."),
                             error->message);
  else if (credentials == NULL)
    g_task_return_error (task, no_credentials_error (self));
  else
    return_client (self, task, credentials);
}

void
desk_environment_ensure_client_async (DeskEnvironment     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(DeskCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_environment_ensure_client_async);

  if (self->kind == DESK_ENVIRONMENT_SANDBOX)
    {
      if (!desk_environment_ensure_started (self, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      credentials = desk_credentials_new_client (DESK_SANDBOX_CLIENT_ID,
                                                 DESK_SANDBOX_CLIENT_SECRET);
      return_client (self, task, credentials);
      return;
    }

  /* Set on purpose for this run: they win, and the keyring is left alone. */
  credentials = desk_credentials_from_environment_variables ();
  if (credentials != NULL)
    {
      return_client (self, task, credentials);
      return;
    }

  if (!self->saved || self->secret_store == NULL)
    {
      g_task_return_error (task, no_credentials_error (self));
      return;
    }

  desk_secret_store_lookup_credentials_async (self->secret_store, self->id, cancellable,
                                              keyring_credentials_cb, g_steal_pointer (&task));
}

DeskFiskilClient *
desk_environment_ensure_client_finish (DeskEnvironment  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Checking what people type */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

  if (address != NULL)
    return g_inet_address_get_is_loopback (address);

  return g_ascii_strcasecmp (host, "localhost") == 0;
}

/* Absolute, https (http on this computer only), no user, query or fragment. */
static GUri *
check_web_address (const char  *text,
                   const char  *example_message,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (!is_set (text))
    {
      invalid (error, example_message);
      return NULL;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      invalid (error, example_message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      invalid (error, _("The address must start with https://."));
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback_host (host))
    {
      invalid (error, _("Use https://. Unencrypted http:// is only for this computer "
                        "(127.0.0.1, ::1 or localhost)."));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      invalid (error, _("The address must not contain a user name or password."));
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      invalid (error, _("The address must not have a query (?…) or a fragment (#…)."));
      return NULL;
    }

  return g_steal_pointer (&uri);
}

gboolean
desk_environment_check_api_url (const char  *api_url,
                                GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  uri = check_web_address (api_url,
                           _("Enter an absolute address, such as https://api.example.com."),
                           error);
  return uri != NULL;
}

gboolean
desk_environment_check_auth_origin (const char  *origin,
                                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;

  uri = check_web_address (origin,
                           _("Enter an origin, such as https://auth.example.com."),
                           error);
  if (uri == NULL)
    return FALSE;

  path = g_uri_get_path (uri);
  if (*path != '\0' && g_strcmp0 (path, "/") != 0)
    return invalid (error, _("An origin has no path: only the scheme, the host and the port, "
                             "such as https://auth.example.com."));

  return TRUE;
}
