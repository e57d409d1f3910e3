/* desk-preferences-window.h — Preferences: add, edit, test and remove environments
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-environment-list.h"

G_BEGIN_DECLS

#define DESK_TYPE_PREFERENCES_WINDOW (desk_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DeskPreferencesWindow, desk_preferences_window,
                      DESK, PREFERENCES_WINDOW, AdwPreferencesWindow)

DeskPreferencesWindow *desk_preferences_window_new  (DeskEnvironmentList   *environments);

/* Opens the editor of @environment (NULL: a new custom environment), as activating its row or
 * "Add Environment" does. */
void                   desk_preferences_window_edit (DeskPreferencesWindow *self,
                                                     DeskEnvironment       *environment);

/*
 * Widget names, for tests: "environment-list" (rows named "environment-<id>"),
 * "add-environment", and the editor's (see desk-environment-editor.h).
 */

G_END_DECLS
