/* desk-window-private.h — DeskWindow's state, shared with its actions (desk-window-actions.c)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-history-view.h"
#include "desk-window.h"

G_BEGIN_DECLS

struct _DeskWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkWidget            *cancel_squeezer;  /* Cancel Attempt, or Cancel where it is narrow */
  GtkWidget            *history_button;
  GtkWidget            *production_badge;
  GtkStack             *stack;
  DeskSessionForm      *form;
  DeskAttemptPage      *attempt_page;        /* these three: NULL until first used */
  DeskOutcomeView      *outcome_view;
  DeskHistoryView      *history_view;

  GSettings            *settings;
  DeskEnvironmentList  *environments;
  DeskEnvironment      *shown_environment;    /* in the title and the header's style */
  DeskAttemptManager   *manager;              /* the running attempt, or the last one */
  DeskAttempt          *watched;              /* the one whose state the window follows */
  gboolean              remember_values;
  DeskHistory          *history;
  gboolean              history_problem_said;  /* "history unavailable" is said once */
  gboolean              outcome_from_history;  /* the outcome page shows a recorded attempt */
  guint                 page_wait_id;          /* Creating the Session… stays until then, */
  GListModel           *page_wait_timeline;    /* or until the consent page's first load */
};

/* The attempt, outcome and history pages are made the first time they are needed, so that the
 * first frame waits for the form only (issue 13). */
DeskAttemptPage   *desk_window_ensure_attempt_page (DeskWindow *self);
DeskOutcomeView   *desk_window_ensure_outcome_view (DeskWindow *self);
DeskHistoryView   *desk_window_ensure_history_view (DeskWindow *self);
/* Shows the page @name ("form", "attempt", "outcome", "history", "creating"), made first if
 * need be. */
void               desk_window_show_page           (DeskWindow *self,
                                                    const char *name);
/* desk-window-creating.c: the page of an attempt started before the window was shown
 * (--start), and the step from it to the attempt page once the consent page has news. */
void               desk_window_ensure_creating_page (DeskWindow  *self);
/* Shows the attempt page, at once unless "Creating the Session…" is shown (see there). */
void               desk_window_show_attempt_page    (DeskWindow  *self,
                                                     DeskAttempt *attempt);
/* Forgets a pending step to the attempt page (the attempt ended, the window goes). */
void               desk_window_stop_page_wait       (DeskWindow  *self);
/* The outcome the outcome page shows, or NULL (also before the page exists). */
const DeskOutcome *desk_window_get_shown_outcome   (DeskWindow *self);

/* Every win.* action, installed once on the class (desk-window-actions.c). */
void     desk_window_class_install_actions (GtkWidgetClass *widget_class);
/* Enables each action for the window's state: the one place that decides. */
void     desk_window_update_actions        (DeskWindow     *self);

/* desk-window-evidence.c: the History page and the exports. */
void     desk_window_class_install_evidence_actions (GtkWidgetClass *widget_class);
void     desk_window_update_evidence_actions        (DeskWindow     *self);
/* Where the shown outcome ran: the last attempt's environment, or a recorded attempt's found by
 * its id among today's environments (NULL when it no longer exists). */
DeskEnvironment *desk_window_find_environment       (DeskWindow        *self,
                                                     const DeskOutcome *outcome);

/* desk-window-confirm.c: Cancel asks first when a session exists; and so does closing (TRUE:
 * asked, the window stays until the answer). */
void     desk_window_confirm_cancel        (DeskWindow     *self);
gboolean desk_window_confirm_close         (DeskWindow     *self);
/* While the session is created (no session to lose, so Cancel ends it at once), the header's
 * Cancel says so to a screen reader; the description goes once the attempt moves on. */
void     desk_window_describe_cancel       (DeskWindow     *self,
                                            gboolean        creating);

G_END_DECLS
