/* desk-environment-list.h — every environment, in order, kept in GSettings (never a secret)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-environment.h"
#include "desk-secret-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_ENVIRONMENT_LIST (desk_environment_list_get_type ())

G_DECLARE_FINAL_TYPE (DeskEnvironmentList, desk_environment_list, DESK, ENVIRONMENT_LIST, GObject)

/* A GListModel of DeskEnvironment: the Sandbox, Production, the saved custom environments in
 * their order, then any one-off custom ones of this run. Reads the "environments" and
 * "form-values" keys of @settings now and writes them on every change of a saved
 * environment. Every environment uses @store for its credentials. */
DeskEnvironmentList *desk_environment_list_new             (GSettings           *settings,
                                                            DeskSecretStore     *store);

DeskSecretStore     *desk_environment_list_get_secret_store (DeskEnvironmentList *self);
/* Replaces the store of every environment (tests give an in-memory one). */
void                 desk_environment_list_set_secret_store (DeskEnvironmentList *self,
                                                             DeskSecretStore     *store);

DeskEnvironment     *desk_environment_list_get_sandbox     (DeskEnvironmentList *self);
DeskEnvironment     *desk_environment_list_get_production  (DeskEnvironmentList *self);
/* A saved environment by its id, else by its name (case-insensitive); NULL if none. */
DeskEnvironment     *desk_environment_list_lookup          (DeskEnvironmentList *self,
                                                            const char          *id_or_name);
/* The one-off custom environment for @api_url (--api-url), made and listed when new. Never
 * saved. */
DeskEnvironment     *desk_environment_list_get_one_off     (DeskEnvironmentList *self,
                                                            const char          *api_url);

/* Checks a name for @environment (NULL: a new one): not empty, and no other environment is
 * called that, whatever the case. FALSE with a translated sentence in @error. */
gboolean             desk_environment_list_check_name      (DeskEnvironmentList *self,
                                                            const char          *name,
                                                            DeskEnvironment     *environment,
                                                            GError             **error);
/* A new saved custom environment, after the others. Its id comes from the name (e.g.
 * "staging") and never changes. The name and URL must have passed the checks. */
DeskEnvironment     *desk_environment_list_add_custom      (DeskEnvironmentList *self,
                                                            const char          *name,
                                                            const char          *api_url);
/* Removes a saved custom environment (its keyring items are the caller's to remove). */
void                 desk_environment_list_remove          (DeskEnvironmentList *self,
                                                            DeskEnvironment     *environment);

G_END_DECLS
