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
create_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  g_autoptr(DeskSessionRequest) request = desk_session_form_get_request (self->form);
  DeskEnvironment *environment = desk_session_form_get_environment (self->form);

  g_return_if_fail (environment != NULL);

  desk_window_start_attempt (self, environment, request);
}

static void
cancel_attempt_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  /* A session that exists is single use: cancelling it asks first. */
  desk_window_confirm_cancel (DESK_WINDOW (widget));
}

static void
try_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  const DeskOutcome *outcome = desk_window_get_shown_outcome (self);
  DeskAttempt *last = desk_attempt_manager_get_current (self->manager);
  DeskEnvironment *environment;
  DeskIntegration integration;
  g_autofree char *message = NULL;

  if (!self->outcome_from_history)
    {
      g_return_if_fail (last != NULL);

      /* Sessions are single use: a new one, with exactly the same request, where and as it
       * ran. */
      desk_window_start_attempt_as (self, desk_attempt_get_environment (last),
                                    desk_attempt_get_request (last),
                                    desk_attempt_get_integration (last));
      return;
    }

  g_return_if_fail (outcome != NULL && outcome->request != NULL);

  environment = desk_window_find_environment (self, outcome);
  if (environment == NULL)
    {
      /* Translators: %s is an environment's id, e.g. "staging" */
      message = g_strdup_printf (_("The environment “%s” this attempt ran in no longer exists"),
                                 outcome->environment);
      desk_window_show_toast (self, message);
      return;
    }

  /* As it ran; an entry too old to say is tried the way the form says now. */
  if (!desk_integration_from_string (outcome->integration, &integration))
    integration = desk_session_form_get_integration (self->form);
  self->outcome_from_history = FALSE;
  desk_window_start_attempt_as (self, environment, outcome->request, integration);
}

static void
new_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_grab_focus (GTK_WIDGET (self->form));
}

static const DeskOutcome *
last_outcome (DeskWindow *self)
{
  DeskAttempt *last = desk_attempt_manager_get_current (self->manager);

  if (self->outcome_from_history)
    return desk_window_get_shown_outcome (self);

  return last != NULL ? desk_attempt_get_outcome (last) : NULL;
}

static void
copy_outcome_json_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  const DeskOutcome *outcome = last_outcome (self);
  g_autofree char *json = NULL;

  g_return_if_fail (outcome != NULL);

  /* The very object --outcome-json writes. */
  json = desk_outcome_to_json_string (outcome, TRUE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), json);
  desk_window_show_toast (self, _("Outcome copied as JSON"));
}

/* The shortcuts window is built the first time it is asked for: GtkApplication would build it
 * for every new window, about 10 ms of the first frame (issue 13). Handed to the window as its
 * help overlay, so that it shows each action's accelerators and closes with it. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/ui/desk-shortcuts-window.ui");
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

void
desk_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.create-session", NULL,
                                   create_session_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-attempt", NULL,
                                   cancel_attempt_action);
  gtk_widget_class_install_action (widget_class, "win.try-again", NULL, try_again_action);
  gtk_widget_class_install_action (widget_class, "win.new-session", NULL, new_session_action);
  gtk_widget_class_install_action (widget_class, "win.copy-outcome-json", NULL,
                                   copy_outcome_json_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  desk_window_class_install_evidence_actions (widget_class);
}

void
desk_window_update_actions (DeskWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean running = desk_attempt_manager_is_running (self->manager);
  gboolean on_form = g_strcmp0 (page, "form") == 0;
  gboolean on_outcome = g_strcmp0 (page, "outcome") == 0;
  gboolean has_last = desk_attempt_manager_get_current (self->manager) != NULL;

  gtk_widget_action_set_enabled (widget, "win.create-session",
                                 on_form && !running && desk_session_form_get_valid (self->form));
  gtk_widget_action_set_enabled (widget, "win.cancel-attempt", running);
  gtk_widget_action_set_enabled (widget, "win.try-again",
                                 on_outcome && !running &&
                                 (has_last || self->outcome_from_history));
  gtk_widget_action_set_enabled (widget, "win.new-session", !running && !on_form);
  gtk_widget_action_set_enabled (widget, "win.copy-outcome-json",
                                 !running && last_outcome (self) != NULL);

  desk_window_update_evidence_actions (self);

  /* The one Cancel: in the header bar while an attempt runs, where it stays in reach whatever
   * the page below does. History cannot open meanwhile: its button makes room for it. */
  gtk_widget_set_visible (self->cancel_squeezer, running);
  gtk_widget_set_visible (self->history_button, !running);
}
