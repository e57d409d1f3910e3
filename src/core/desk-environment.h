/* desk-environment.h — where sessions are created: the Sandbox, Production or a custom API
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-credentials.h"
#include "desk-fiskil.h"
#include "desk-secret-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_ENVIRONMENT (desk_environment_get_type ())

G_DECLARE_FINAL_TYPE (DeskEnvironment, desk_environment, DESK, ENVIRONMENT, GObject)

typedef enum
{
  DESK_ENVIRONMENT_SANDBOX,
  DESK_ENVIRONMENT_PRODUCTION,
  DESK_ENVIRONMENT_CUSTOM,
} DeskEnvironmentKind;

#define DESK_ENVIRONMENT_ERROR (desk_environment_error_quark ())

typedef enum
{
  DESK_ENVIRONMENT_ERROR_NO_CREDENTIALS,  /* none in the environment variables or the keyring */
  DESK_ENVIRONMENT_ERROR_KEYRING,         /* the keyring is missing, locked or refused */
  DESK_ENVIRONMENT_ERROR_INVALID,         /* a value a person typed cannot be used */
} DeskEnvironmentError;

#define DESK_PRODUCTION_API_URL     "https://api.fiskil.com"
#define DESK_PRODUCTION_AUTH_ORIGIN "https://auth.fiskil.com"

/* The ids of the built-in environments, and of a one-off custom one (--api-url). */
#define DESK_ENVIRONMENT_ID_SANDBOX    "sandbox"
#define DESK_ENVIRONMENT_ID_PRODUCTION "production"
#define DESK_ENVIRONMENT_ID_CUSTOM     "custom"

GQuark               desk_environment_error_quark              (void);

DeskEnvironment     *desk_environment_new_sandbox              (void);
DeskEnvironment     *desk_environment_new_production           (void);
/* A saved custom environment when @id is given; a one-off (id "custom", named "Custom", never
 * saved, credentials only from the environment variables) when @id is NULL. */
DeskEnvironment     *desk_environment_new_custom               (const char          *id,
                                                                const char          *name,
                                                                const char          *api_url);

DeskEnvironmentKind  desk_environment_get_kind                 (DeskEnvironment     *self);
/* "sandbox", "production", "custom" (one-off) or a saved environment's id: the outcome's
 * "environment", the keyring items' "environment" attribute. Never changes. */
const char          *desk_environment_get_id                   (DeskEnvironment     *self);
/* FALSE for a one-off custom environment. */
gboolean             desk_environment_is_saved                 (DeskEnvironment     *self);
/* Whether sessions need credentials (every environment but the Sandbox). */
gboolean             desk_environment_needs_credentials        (DeskEnvironment     *self);

/* The name people see: translated "Sandbox", "Production", "Custom", or the one given.
 * Property "title". Only a saved custom environment can be renamed. */
const char          *desk_environment_get_title                (DeskEnvironment     *self);
void                 desk_environment_set_title                (DeskEnvironment     *self,
                                                                const char          *title);

/* The API's base URL; NULL for the Sandbox until it has been started. Property "api-url".
 * Only a custom environment's can be changed; changing it drops the client and its token. */
const char          *desk_environment_get_api_url              (DeskEnvironment     *self);
void                 desk_environment_set_api_url              (DeskEnvironment     *self,
                                                                const char          *api_url);
/* Where the consent pages are expected to come from, e.g. "https://auth.fiskil.com"; NULL when
 * not known (the Sandbox serves them from its API's origin). Property "auth-origin". */
const char          *desk_environment_get_auth_origin          (DeskEnvironment     *self);
void                 desk_environment_set_auth_origin          (DeskEnvironment     *self,
                                                                const char          *origin);
/* "v1", "v2" or NULL (the Console's pin applies): X-Fiskil-Version. Property "api-version".
 * Custom environments only. */
const char          *desk_environment_get_api_version          (DeskEnvironment     *self);
void                 desk_environment_set_api_version          (DeskEnvironment     *self,
                                                                const char          *api_version);
/* --api-version: wins over the saved version for this run, in any environment; not saved. */
void                 desk_environment_set_api_version_override (DeskEnvironment     *self,
                                                                const char          *api_version);

/* A translated line for the form: the API URL, or how the Sandbox will be reached. */
char                *desk_environment_describe                 (DeskEnvironment     *self);

/* The callback URIs new sessions start with (the ones registered in Fiskil's Console); NULL
 * when the environment has none. Properties "default-redirect-uri", "default-cancel-uri".
 * Setting NULL, "" or the Sandbox's built-in value goes back to the built-in default. */
const char          *desk_environment_get_default_redirect_uri (DeskEnvironment     *self);
const char          *desk_environment_get_default_cancel_uri   (DeskEnvironment     *self);
void                 desk_environment_set_default_redirect_uri (DeskEnvironment     *self,
                                                                const char          *uri);
void                 desk_environment_set_default_cancel_uri   (DeskEnvironment     *self,
                                                                const char          *uri);

/* The last request made here (the form's values), or NULL. A NULL redirect or cancel URI in it
 * stands for the environment's default. */
const DeskSessionRequest *desk_environment_get_form_values     (DeskEnvironment     *self);
void                 desk_environment_set_form_values          (DeskEnvironment     *self,
                                                                const DeskSessionRequest *request);

/* The Sandbox only: what starts its API (the app owns the Sandbox; this layer cannot know it).
 * Returns the API's base URL (newly allocated), or NULL with @error set. */
typedef char *(*DeskEnvironmentStarter) (DeskEnvironment  *environment,
                                         gpointer          data,
                                         GError          **error);

void                 desk_environment_set_starter              (DeskEnvironment        *self,
                                                                DeskEnvironmentStarter  starter,
                                                                gpointer                data,
                                                                GDestroyNotify          destroy);
/* Starts the Sandbox's API now when needed (a no-op elsewhere); sets "api-url". */
gboolean             desk_environment_ensure_started           (DeskEnvironment     *self,
                                                                GError             **error);

/* Where a saved environment's credentials are kept. */
void                 desk_environment_set_secret_store         (DeskEnvironment     *self,
                                                                DeskSecretStore     *store);

/* The client every attempt in this environment shares, with credentials: the Sandbox's own;
 * else FISKIL_ACCESS_TOKEN or FISKIL_CLIENT_ID + FISKIL_CLIENT_SECRET when set (the keyring is
 * then not consulted at all); else the keyring's, read now. The client keeps its token for as
 * long as the credentials stay the same; no other environment ever shares it. Starts the
 * Sandbox on first use. Errors: DESK_ENVIRONMENT_ERROR_NO_CREDENTIALS, _KEYRING, the
 * Sandbox's, G_IO_ERROR_CANCELLED. */
void                 desk_environment_ensure_client_async      (DeskEnvironment     *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
DeskFiskilClient    *desk_environment_ensure_client_finish     (DeskEnvironment     *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);
/* The client made so far, or NULL. */
DeskFiskilClient    *desk_environment_get_client               (DeskEnvironment     *self);

/* Checks for what a person types. FALSE with a translated sentence in @error
 * (DESK_ENVIRONMENT_ERROR_INVALID). An API base URL is absolute, https, or http on this
 * computer only (127.0.0.0/8, ::1, localhost), without user, query or fragment; an Auth UI
 * origin likewise, with no path. */
gboolean             desk_environment_check_api_url            (const char          *api_url,
                                                                GError             **error);
gboolean             desk_environment_check_auth_origin        (const char          *origin,
                                                                GError             **error);

/*
 * Signal "changed": a saved value changed (title, URLs, API version, default URIs, form
 * values); the environment list writes them to GSettings.
 */

/* The Integration last used here ("redirect", "popup", "embedded"), remembered with the form's
 * values; NULL before any. */
const char          *desk_environment_get_integration          (DeskEnvironment     *self);
void                 desk_environment_set_integration          (DeskEnvironment     *self,
                                                                const char          *integration);

G_END_DECLS
