/* desk-history-view.h — the History page: every recorded attempt, newest first, searchable
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-history-model.h"

G_BEGIN_DECLS

#define DESK_TYPE_HISTORY_VIEW (desk_history_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskHistoryView, desk_history_view, DESK, HISTORY_VIEW, GtkWidget)

/* Lists @history through a DeskHistoryModel (a GListView over pages, never a widget per row
 * of the whole history). */
void              desk_history_view_set_history      (DeskHistoryView *self,
                                                      DeskHistory     *history);
/* The environment filter's choices (DeskEnvironment), by title; the filter uses their ids. */
void              desk_history_view_set_environments (DeskHistoryView *self,
                                                      GListModel      *environments);
DeskHistoryModel *desk_history_view_get_model        (DeskHistoryView *self);
/* The ids of the entries shown when a search or filter narrows the list; NULL when every
 * attempt is shown ("Export JSON" then exports the whole history). */
GStrv             desk_history_view_dup_shown_ids    (DeskHistoryView *self);
/* Local time with its zone, one format for every row: "2026-12-04 17:05:09 AEDT". */
char             *desk_history_view_format_time      (GDateTime       *time);

/*
 * Signals:
 *   "attempt-activated" (const char *attempt_id) — a row was opened (Enter or double-click).
 * Its buttons activate "win.export-history" and "win.clear-history".
 */

G_END_DECLS
