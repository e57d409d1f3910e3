/* desk-session-form-end-user.c — the form's end user, found or created by email
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-end-user-dialog.h"
#include "desk-session-form-private.h"

/* The end user the ID belongs to, when it came from a look-up: shown under the field, and
 * forgotten as soon as the ID is changed by hand. */
void
desk_session_form_show_end_user (DeskSessionForm *self)
{
  g_autofree char *text = NULL;
  const DeskEndUser *end_user = self->end_user;

  if (end_user != NULL)
    text = desk_end_user_describe (end_user, self->end_user_created);

  gtk_label_set_text (self->end_user_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->end_user_label), text != NULL);
}

static void
end_user_chosen_cb (DeskSessionForm   *self,
                    const DeskEndUser *end_user,
                    gboolean           created)
{
  /* The text first: replacing it passes through "", which would forget the end user. */
  gtk_editable_set_text (GTK_EDITABLE (self->end_user_row), end_user->id);
  g_clear_pointer (&self->end_user, desk_end_user_free);
  self->end_user = desk_end_user_copy (end_user);
  self->end_user_created = created;
  self->touched[DESK_REQUEST_FIELD_END_USER_ID] = TRUE;
  desk_session_form_show_end_user (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->create_button));
}

static void
open_end_user_dialog (DeskSessionForm       *self,
                      DeskEndUserDialogMode  mode)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  DeskEndUserDialog *dialog;

  g_return_if_fail (self->environment != NULL);

  dialog = desk_end_user_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->environment, mode);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (end_user_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
desk_session_form_find_end_user_cb (DeskSessionForm *self)
{
  open_end_user_dialog (self, DESK_END_USER_DIALOG_FIND);
}

void
desk_session_form_create_end_user_cb (DeskSessionForm *self)
{
  open_end_user_dialog (self, DESK_END_USER_DIALOG_CREATE);
}

const DeskEndUser *
desk_session_form_get_end_user (DeskSessionForm *self,
                                gboolean        *created)
{
  g_return_val_if_fail (DESK_IS_SESSION_FORM (self), NULL);

  if (created != NULL)
    *created = self->end_user != NULL && self->end_user_created;

  return self->end_user;
}
