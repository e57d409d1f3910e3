/* desk-attempt-manager.h — the current attempt, Try again, and word of every attempt's end
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like GNOME Text Editor's session: a controller that is not a widget. Windows bind to it; the
 * application writes outcomes (and the history records attempts) from its signals.
 */
#pragma once

#include "desk-attempt.h"

G_BEGIN_DECLS

#define DESK_TYPE_ATTEMPT_MANAGER (desk_attempt_manager_get_type ())

G_DECLARE_FINAL_TYPE (DeskAttemptManager, desk_attempt_manager, DESK, ATTEMPT_MANAGER, GObject)

DeskAttemptManager *desk_attempt_manager_new           (void);

/* Starts a new attempt (none may be running) and makes it current. */
DeskAttempt        *desk_attempt_manager_start         (DeskAttemptManager       *self,
                                                        DeskEnvironment          *environment,
                                                        const DeskSessionRequest *request,
                                                        DeskIntegration           integration);
/* Starts @attempt (new, made for this manager's use) and makes it current. */
void                desk_attempt_manager_start_attempt (DeskAttemptManager    *self,
                                                        DeskAttempt           *attempt);
/* Sessions are single use: a new one with the last attempt's request, environment and
 * integration. NULL when there was no attempt or one is running. */
DeskAttempt        *desk_attempt_manager_try_again     (DeskAttemptManager       *self);

/* The running attempt, or the last one; NULL before the first. */
DeskAttempt        *desk_attempt_manager_get_current   (DeskAttemptManager       *self);
gboolean            desk_attempt_manager_is_running    (DeskAttemptManager       *self);
/* Cancels the running attempt ("cancelled"); does nothing when none runs. */
void                desk_attempt_manager_cancel        (DeskAttemptManager       *self);
/* Closes the running attempt ("closed"), as closing the window does. */
void                desk_attempt_manager_close         (DeskAttemptManager       *self);

/*
 * Property: "current" (DeskAttempt).
 * Signals:
 *   "attempt-started" (DeskAttempt *attempt) — before it starts preparing.
 *   "attempt-finished" (DeskAttempt *attempt, const DeskOutcome *outcome) — once per attempt.
 */

G_END_DECLS
