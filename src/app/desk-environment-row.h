/* desk-environment-row.h — one environment in Preferences: its name, where it goes, and whether
 * sessions there have credentials
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-environment.h"

G_BEGIN_DECLS

#define DESK_TYPE_ENVIRONMENT_ROW (desk_environment_row_get_type ())

G_DECLARE_FINAL_TYPE (DeskEnvironmentRow, desk_environment_row, DESK, ENVIRONMENT_ROW,
                      AdwActionRow)

GtkWidget       *desk_environment_row_new             (DeskEnvironment    *environment);
DeskEnvironment *desk_environment_row_get_environment (DeskEnvironmentRow *self);
/* A sentence on the row's credentials ("Credentials saved in the keyring"), shown under where
 * the environment goes; NULL while not known. */
void             desk_environment_row_set_credentials (DeskEnvironmentRow *self,
                                                       const char         *status);

G_END_DECLS
