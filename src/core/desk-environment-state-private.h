/* desk-environment-state-private.h — what the parts of DeskEnvironment share: its fields and
 * the few helpers that keep them consistent (desk-environment*.c only; tests use
 * desk-environment-private.h)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-environment.h"

G_BEGIN_DECLS

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
  char                *integration;          /* the form's last Integration choice, or NULL */
  gboolean             saved;

  DeskEnvironmentStarter starter;           /* the Sandbox only: starts its API */
  gpointer             starter_data;
  GDestroyNotify       starter_destroy;
  DeskSecretStore     *secret_store;
  DeskFiskilClient    *client;
  DeskCredentials     *applied_credentials;  /* what @client holds */
};

const char *desk_environment_effective_api_version (DeskEnvironment *self);
void        desk_environment_drop_client           (DeskEnvironment *self);
void        desk_environment_take_api_url          (DeskEnvironment *self,
                                                    char            *api_url);

G_END_DECLS
