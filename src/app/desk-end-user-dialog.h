/* desk-end-user-dialog.h — finding an end user by email, or creating one, for the form
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-environment.h"

G_BEGIN_DECLS

#define DESK_TYPE_END_USER_DIALOG (desk_end_user_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DeskEndUserDialog, desk_end_user_dialog, DESK, END_USER_DIALOG, AdwWindow)

typedef enum
{
  DESK_END_USER_DIALOG_FIND,
  DESK_END_USER_DIALOG_CREATE,
} DeskEndUserDialogMode;

/* A modal dialog over @parent, asking @environment's API (GET or POST /v1/end-users). */
DeskEndUserDialog *desk_end_user_dialog_new (GtkWindow             *parent,
                                             DeskEnvironment       *environment,
                                             DeskEndUserDialogMode  mode);

/*
 * Signal "chosen" (const DeskEndUser *end_user, gboolean created): the person picked one (or
 * created it); the dialog then closes.
 */

G_END_DECLS
