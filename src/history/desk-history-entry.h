/* desk-history-entry.h — one recorded attempt as the History list shows it
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DESK_TYPE_HISTORY_ENTRY (desk_history_entry_get_type ())
G_DECLARE_FINAL_TYPE (DeskHistoryEntry, desk_history_entry, DESK, HISTORY_ENTRY, GObject)

/* Every getter is also a read-only property of the same name ("attempt-id", "started-at", ...),
 * for GtkExpression bindings in list item templates. Strings may be NULL when unknown. */
const char *desk_history_entry_get_attempt_id       (DeskHistoryEntry *self);
GDateTime  *desk_history_entry_get_started_at       (DeskHistoryEntry *self);
const char *desk_history_entry_get_environment_id   (DeskHistoryEntry *self);
const char *desk_history_entry_get_environment_name (DeskHistoryEntry *self);
const char *desk_history_entry_get_end_user_id      (DeskHistoryEntry *self);
const char *desk_history_entry_get_end_user_email   (DeskHistoryEntry *self);
const char *desk_history_entry_get_end_user_name    (DeskHistoryEntry *self);
const char *desk_history_entry_get_integration      (DeskHistoryEntry *self);
/* An outcome of design.md, or "interrupted" (its process ended first), or "running". */
const char *desk_history_entry_get_outcome          (DeskHistoryEntry *self);
const char *desk_history_entry_get_error_type       (DeskHistoryEntry *self);
const char *desk_history_entry_get_error_id         (DeskHistoryEntry *self);
const char *desk_history_entry_get_session_id       (DeskHistoryEntry *self);

G_END_DECLS
