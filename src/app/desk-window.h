/* desk-window.h — the main window: the form, the running attempt and its outcome
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-attempt-manager.h"
#include "desk-attempt-page.h"
#include "desk-environment-list.h"
#include "desk-history.h"
#include "desk-history-view.h"
#include "desk-outcome-view.h"
#include "desk-session-form.h"

G_BEGIN_DECLS

#define DESK_TYPE_WINDOW (desk_window_get_type ())

G_DECLARE_FINAL_TYPE (DeskWindow, desk_window, DESK, WINDOW, AdwApplicationWindow)

/* @environments: what the header's environment menu and the form offer; the selection is
 * remembered in GSettings ("selected-environment"). */
DeskWindow      *desk_window_new                 (GtkApplication           *application,
                                                  DeskEnvironmentList      *environments,
                                                  DeskAttemptManager       *manager);

/* Creates a session for @request in @environment, as "Create session" does: first the
 * credentials (asynchronously: the keyring may ask to be unlocked), then the attempt, in the
 * form's integration pattern. */
void             desk_window_start_attempt       (DeskWindow               *self,
                                                  DeskEnvironment          *environment,
                                                  const DeskSessionRequest *request);
/* The same in a given pattern: "Try again" repeats the attempt as it ran. */
void             desk_window_start_attempt_as    (DeskWindow               *self,
                                                  DeskEnvironment          *environment,
                                                  const DeskSessionRequest *request,
                                                  DeskIntegration           integration);
/* The running attempt, or the last one; NULL before the first. */
DeskAttempt     *desk_window_get_attempt         (DeskWindow               *self);
/* "form", "attempt" or "outcome". */
const char      *desk_window_get_page            (DeskWindow               *self);

/* FALSE: what is typed is not remembered in GSettings (scripted runs). Default TRUE. */
void             desk_window_set_remember_values (DeskWindow               *self,
                                                  gboolean                  remember_values);
void             desk_window_show_toast          (DeskWindow               *self,
                                                  const char               *message);

/* The history the History page lists and reopens; says once when it is unavailable. */
void             desk_window_set_history         (DeskWindow               *self,
                                                  DeskHistory              *history);
/* Shows a recorded attempt's outcome page, with its timeline (read from the history). */
void             desk_window_open_recorded_attempt (DeskWindow             *self,
                                                  const char               *attempt_id);
/* The last attempt's API exchanges as HAR 1.2; NULL when the outcome page shows a recorded
 * attempt (desk_window_dup_shown_har_async() reads that one's from the history). */
GBytes          *desk_window_dup_har             (DeskWindow               *self);
/* The shown outcome's HAR, live or recorded (what Export HAR… saves): the history's entries of
 * a recorded attempt's exchanges, read in its thread. G_IO_ERROR_NOT_FOUND when there is none. */
void             desk_window_dup_shown_har_async (DeskWindow               *self,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
GBytes          *desk_window_dup_shown_har_finish (DeskWindow              *self,
                                                   GAsyncResult            *result,
                                                   GError                 **error);
/* Writes an export to @path (what the file chooser's Save does); says so in a toast. */
void             desk_window_save_export         (DeskWindow               *self,
                                                  const char               *path,
                                                  GBytes                   *bytes);

DeskSessionForm *desk_window_get_form            (DeskWindow               *self);
DeskAttemptPage *desk_window_get_attempt_page    (DeskWindow               *self);
DeskOutcomeView *desk_window_get_outcome_view    (DeskWindow               *self);
DeskHistoryView *desk_window_get_history_view    (DeskWindow               *self);

/*
 * Attempts are the manager's: its "attempt-finished" reports every ending, closing the window
 * during an attempt included.
 *
 * Actions (win.): create-session, cancel-attempt, try-again, new-session, copy-outcome-json,
 * show-history, delete-attempt, clear-history, copy-curl, export-har, export-json,
 * export-history.
 */

G_END_DECLS
