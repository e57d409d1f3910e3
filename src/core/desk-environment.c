/* desk-environment.c — where sessions are created: the Sandbox, Production or a custom API
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-private.h"
#include "desk-environment-state-private.h"

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

const char *
desk_environment_effective_api_version (DeskEnvironment *self)
{
  return self->api_version_override != NULL ? self->api_version_override : self->api_version;
}

/* The client belongs to one base URL; another URL means another client and no token. */
void
desk_environment_drop_client (DeskEnvironment *self)
{
  g_clear_object (&self->client);
  g_clear_pointer (&self->applied_credentials, desk_credentials_free);
}

static void
desk_environment_finalize (GObject *object)
{
  DeskEnvironment *self = (DeskEnvironment *)object;

  desk_environment_drop_client (self);
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
  g_clear_pointer (&self->integration, g_free);

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

  desk_environment_drop_client (self);
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
      desk_environment_drop_client (self);
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
    desk_fiskil_client_set_api_version (self->client,
                                        desk_environment_effective_api_version (self));
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

  version = desk_environment_effective_api_version (self);
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

/* The Sandbox's API has started (again) at @api_url: a new URL means a new client. */
void
desk_environment_take_api_url (DeskEnvironment *self,
                               char            *api_url)
{
  if (g_strcmp0 (api_url, self->api_url) == 0)
    {
      g_free (api_url);
      return;
    }

  desk_environment_drop_client (self);
  g_free (self->api_url);
  self->api_url = api_url;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_URL]);
}

const char *
desk_environment_get_integration (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  return self->integration;
}

void
desk_environment_set_integration (DeskEnvironment *self,
                                  const char      *integration)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));

  if (g_strcmp0 (self->integration, integration) == 0)
    return;

  g_free (self->integration);
  self->integration = g_strdup (integration);
  changed (self, PROP_0);
}
