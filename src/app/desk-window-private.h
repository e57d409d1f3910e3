/* desk-window-private.h — DeskWindow's state, shared with its actions (desk-window-actions.c)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-window.h"

G_BEGIN_DECLS

struct _DeskWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkDropDown          *environment_dropdown;
  GtkWidget            *production_badge;
  GtkStack             *stack;
  DeskSessionForm      *form;
  DeskAttemptPage      *attempt_page;
  DeskOutcomeView      *outcome_view;

  GSettings            *settings;
  DeskEnvironmentList  *environments;
  DeskEnvironment      *shown_environment;    /* in the title and the header's style */
  gboolean              environments_changing;
  DeskAttemptManager   *manager;              /* the running attempt, or the last one */
  DeskAttempt          *watched;              /* the one whose state the window follows */
  gboolean              remember_values;
  DeskHistory          *history;
  gboolean              history_problem_said;  /* "history unavailable" is said once */
};

/* Every win.* action, installed once on the class (desk-window-actions.c). */
void     desk_window_class_install_actions (GtkWidgetClass *widget_class);
/* Enables each action for the window's state: the one place that decides. */
void     desk_window_update_actions        (DeskWindow     *self);

G_END_DECLS
