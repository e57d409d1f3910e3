/* desk-history-model.h — the recorded attempts as a GListModel, newest first, read by pages
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-history.h"
#include "desk-history-entry.h"

G_BEGIN_DECLS

#define DESK_TYPE_HISTORY_MODEL (desk_history_model_get_type ())
G_DECLARE_FINAL_TYPE (DeskHistoryModel, desk_history_model, DESK, HISTORY_MODEL, GObject)

/* A GListModel of DeskHistoryEntry. It follows the history ("changed" reloads it) and loads
 * rows a page at a time as they are asked for. Main context only. */
DeskHistoryModel *desk_history_model_new             (DeskHistory      *history);

/* Substring, case-insensitive, across end user id, email and name, session id, error type and
 * error id. NULL or "" matches all. Properties "search", "environment", "outcome". */
void              desk_history_model_set_search      (DeskHistoryModel *self,
                                                      const char       *text);
const char       *desk_history_model_get_search      (DeskHistoryModel *self);
/* Only attempts in this environment (its id); NULL for all. */
void              desk_history_model_set_environment (DeskHistoryModel *self,
                                                      const char       *environment_id);
const char       *desk_history_model_get_environment (DeskHistoryModel *self);
/* Only this outcome ("success", ..., "interrupted", "running"); NULL for all. */
void              desk_history_model_set_outcome     (DeskHistoryModel *self,
                                                      const char       *outcome);
const char       *desk_history_model_get_outcome     (DeskHistoryModel *self);

/* Re-reads the count; the history's "changed" signal calls it. */
void              desk_history_model_reload          (DeskHistoryModel *self);

G_END_DECLS
