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
  GCancellable         *preparing;            /* reading credentials before an attempt */
  DeskAttempt          *attempt;              /* running, or the last one */
  DeskEnvironment      *attempt_environment;  /* where @attempt (and "Try again") goes */
  DeskSessionRequest   *attempt_request;
  DeskOutcome          *outcome;              /* the last outcome, for "Copy as JSON" */
  gboolean              remember_values;
};

gboolean desk_window_attempt_running (DeskWindow *self);
/* Preparing an attempt (credentials) or running one. */
gboolean desk_window_busy            (DeskWindow *self);
void     desk_window_cancel          (DeskWindow *self);

void     desk_window_install_actions (DeskWindow *self);
void     desk_window_update_actions  (DeskWindow *self);

G_END_DECLS
