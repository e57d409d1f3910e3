/* desk-window-actions.c — DeskWindow's actions (win.*) and when each is available
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-window-private.h"

static void
create_session_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);
  g_autoptr(DeskSessionRequest) request = desk_session_form_get_request (self->form);
  DeskEnvironment *environment = desk_session_form_get_environment (self->form);

  g_return_if_fail (environment != NULL);

  desk_window_start_attempt (self, environment, request);
}

static void
cancel_attempt_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  desk_window_cancel (DESK_WINDOW (user_data));
}

static void
try_again_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskEnvironment) environment = NULL;

  g_return_if_fail (self->attempt_request != NULL && self->attempt_environment != NULL);

  /* Sessions are single use: a new one, with exactly the same request. */
  request = desk_session_request_copy (self->attempt_request);
  environment = g_object_ref (self->attempt_environment);
  desk_window_start_attempt (self, environment, request);
}

static void
new_session_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);

  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_grab_focus (GTK_WIDGET (self->form));
}

static void
copy_outcome_json_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);
  g_autofree char *json = NULL;

  g_return_if_fail (self->outcome != NULL);

  /* The very object --outcome-json writes. */
  json = desk_outcome_to_json_string (self->outcome, TRUE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), json);
  desk_window_show_toast (self, _("Outcome copied as JSON"));
}

static void
show_toast_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  desk_window_show_toast (DESK_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static const GActionEntry actions[] = {
  { "create-session", create_session_action },
  { "cancel-attempt", cancel_attempt_action },
  { "try-again", try_again_action },
  { "new-session", new_session_action },
  { "copy-outcome-json", copy_outcome_json_action },
  { "show-toast", show_toast_action, "s" },
};

void
desk_window_install_actions (DeskWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}

static void
set_enabled (DeskWindow *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
desk_window_update_actions (DeskWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean running = desk_window_busy (self);
  gboolean on_form = g_strcmp0 (page, "form") == 0;
  gboolean on_outcome = g_strcmp0 (page, "outcome") == 0;

  set_enabled (self, "create-session",
               on_form && !running && desk_session_form_get_valid (self->form));
  set_enabled (self, "cancel-attempt", running);
  set_enabled (self, "try-again", on_outcome && !running && self->attempt_request != NULL);
  set_enabled (self, "new-session", !running && !on_form);
  set_enabled (self, "copy-outcome-json", !running && self->outcome != NULL);

  /* The header shows where the running attempt is: it cannot change under it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->environment_dropdown), !running);
}
