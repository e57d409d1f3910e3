/* desk-history-recorder.h — writes every attempt of a manager into the history as it happens
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-attempt-manager.h"
#include "desk-history.h"

G_BEGIN_DECLS

#define DESK_TYPE_HISTORY_RECORDER (desk_history_recorder_get_type ())
G_DECLARE_FINAL_TYPE (DeskHistoryRecorder, desk_history_recorder, DESK, HISTORY_RECORDER,
                      GObject)

/* Follows @manager: on "attempt-started" the attempt's summary is begun, each timeline event
 * is appended as the attempt adds it, the session once it exists, and the outcome object when
 * the attempt finishes. Every write is queued to @history's writer thread: nothing blocks. */
DeskHistoryRecorder *desk_history_recorder_new         (DeskHistory         *history,
                                                        DeskAttemptManager  *manager);
DeskHistory         *desk_history_recorder_get_history (DeskHistoryRecorder *self);

/* What desk_history_begin() takes for @attempt: its id, start, environment (id and name),
 * integration, API URL, end user and request, shaped as in the outcome object. */
JsonObject          *desk_history_recorder_summary     (DeskAttempt         *attempt);

G_END_DECLS
