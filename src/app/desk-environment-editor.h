/* desk-environment-editor.h — one environment in Preferences: its addresses and credentials
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-environment-list.h"

G_BEGIN_DECLS

#define DESK_TYPE_ENVIRONMENT_EDITOR (desk_environment_editor_get_type ())

G_DECLARE_FINAL_TYPE (DeskEnvironmentEditor, desk_environment_editor,
                      DESK, ENVIRONMENT_EDITOR, GtkWidget)

/* A subpage of an AdwPreferencesWindow for @environment, or for a new custom environment when
 * @environment is NULL. It reads the environment's credentials from the keyring when it opens
 * (asynchronously) and writes them on "Save". The Sandbox offers only its callback URIs;
 * Production everything but its name and addresses. */
GtkWidget       *desk_environment_editor_new             (DeskEnvironmentList   *environments,
                                                          DeskEnvironment       *environment);
/* NULL until a new environment is saved. */
DeskEnvironment *desk_environment_editor_get_environment (DeskEnvironmentEditor *self);
/* TRUE while the keyring, a connection test or a save is under way. Property "busy". */
gboolean         desk_environment_editor_get_busy        (DeskEnvironmentEditor *self);

/*
 * Widget names, for tests: "environment-name", "api-url", "auth-origin", "api-version",
 * "default-redirect-uri", "default-cancel-uri", "credentials-kind", "client-id",
 * "client-secret", "access-token", "credentials-status", "test-connection", "test-result",
 * "remove-credentials", "remove-environment", "save-environment".
 */

G_END_DECLS
