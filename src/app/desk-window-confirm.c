/* desk-window-confirm.c — nothing ends an attempt by accident: Cancel and closing ask first
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "The web view's rules": leaving a running attempt asks first, and closing records
 * the outcome "closed" before the window goes. A session is single use: once cancelled, trying
 * again needs a new one.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-window-private.h"

typedef enum
{
  CONFIRM_CANCEL,
  CONFIRM_CLOSE,
} Confirm;

/* Only a session that exists can be lost; before that, Cancel is immediate. */
static gboolean
worth_asking (DeskWindow *self)
{
  DeskAttempt *attempt = desk_attempt_manager_get_current (self->manager);

  return desk_attempt_manager_is_running (self->manager) && attempt != NULL
         && desk_attempt_get_session (attempt) != NULL;
}

static void
on_cancel_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DeskWindow       *self)
{
  if (g_strcmp0 (response, "end") == 0)
    desk_attempt_manager_cancel (self->manager);
}

static void
destroy_window (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  g_object_unref (data);
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   DeskWindow       *self)
{
  if (g_strcmp0 (response, "end") != 0)
    return;

  /* "closed" is recorded (and --outcome-json written) before the window goes; it goes once
   * the dialog, its child, has finished answering. */
  desk_attempt_manager_close (self->manager);
  g_idle_add_once (destroy_window, g_object_ref (self));
}

static void
ask (DeskWindow *self,
     Confirm     confirm)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   confirm == CONFIRM_CANCEL ? _("Cancel This Attempt?")
                                                             : _("Close and End the Attempt?"),
                                   _("The auth session is single use: to try again, Consent "
                                     "Desk creates a new one."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Going"),
                                    "end", confirm == CONFIRM_CANCEL ? _("_Cancel Attempt")
                                                                     : _("_Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response",
                           confirm == CONFIRM_CANCEL ? G_CALLBACK (on_cancel_response)
                                                     : G_CALLBACK (on_close_response),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
desk_window_confirm_cancel (DeskWindow *self)
{
  if (worth_asking (self))
    ask (self, CONFIRM_CANCEL);
  else
    desk_attempt_manager_cancel (self->manager);
}

gboolean
desk_window_confirm_close (DeskWindow *self)
{
  if (!worth_asking (self))
    return FALSE;

  ask (self, CONFIRM_CLOSE);

  return TRUE;
}

void
desk_window_describe_cancel (DeskWindow *self,
                             gboolean    creating)
{
  for (GtkWidget *button = gtk_widget_get_first_child (self->cancel_squeezer); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      if (creating)
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        _("Creating the session. This stops it."), -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (button),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}
