/* desk-history.h — the SQLite history of every attempt: written as it happens, read by pages
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DESK_HISTORY_ERROR (desk_history_error_quark ())

/**
 * DeskHistoryError:
 * @DESK_HISTORY_ERROR_CORRUPT: the file was damaged or unreadable; it was moved aside (the
 *   message names where) and a new, empty history was started
 * @DESK_HISTORY_ERROR_UNAVAILABLE: the history cannot be written (read-only or missing data
 *   directory, full disk, a newer schema, a database that stays locked); writes are dropped
 * @DESK_HISTORY_ERROR_NOT_FOUND: no attempt with that id
 */
typedef enum
{
  DESK_HISTORY_ERROR_CORRUPT,
  DESK_HISTORY_ERROR_UNAVAILABLE,
  DESK_HISTORY_ERROR_NOT_FOUND,
} DeskHistoryError;

GQuark desk_history_error_quark (void);

#define DESK_TYPE_HISTORY (desk_history_get_type ())
G_DECLARE_FINAL_TYPE (DeskHistory, desk_history, DESK, HISTORY, GObject)

/* $XDG_DATA_HOME/consent-desk/history.db */
char        *desk_history_default_path       (void);

/* A store for the file at @path (the default path when NULL), returned at once: its writer
 * thread opens (creates, migrates, recovers) the file as its first job, and writes made
 * meanwhile wait in its queue. "changed" is emitted once it is open (the list can be read),
 * and notify::available if it turned out unwritable. The app's choice at start-up. */
DeskHistory *desk_history_new                (const char           *path);
/* The same, completing once the file is open. Never fails for a bad file or directory: the
 * store then says so through desk_history_get_problem() and the "available" property. Only
 * cancellation is an error. */
void         desk_history_open_async         (const char           *path,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
DeskHistory *desk_history_open_finish        (GAsyncResult         *result,
                                              GError              **error);
/* The same, blocking: for the command line (--history-json) and tests, never the window. */
DeskHistory *desk_history_open_sync          (const char           *path);

const char  *desk_history_get_path           (DeskHistory          *self);
/* FALSE once a write failed for good (or the file could not be opened for writing): every
 * later write is dropped. Goes FALSE at most once, with a notify::available. */
gboolean     desk_history_get_available      (DeskHistory          *self);
/* What the app should tell the person: the file moved aside (DESK_HISTORY_ERROR_CORRUPT), or why
 * history is unavailable; NULL when all is well. */
const GError *desk_history_get_problem       (DeskHistory          *self);

/* Writes: each call is queued, in order, to the store's one writer thread, which commits it in
 * its own short transaction. They never block and never fail; a call for an unknown attempt is
 * dropped. Secrets (values of keys like client_secret, access_token, token, authorization, bearer
 * tokens inside strings) are replaced by "[hidden]" before anything is written.
 *
 * @summary: { "attempt_id", "started_at", "environment", "environment_name", "integration",
 *             "api_url", "end_user": { "id", "email", "name", ... } | null,
 *             "request": { ... } } (other members are kept as they are)
 * @session: { "id", "session_id", "auth_url", "expires_at" }
 * @event:   { "at", "kind", ... }, appended to the attempt's timeline in call order
 * @entry:   one API exchange as a HAR 1.2 entry (desk_har_entry_new()), appended in call order
 * @outcome: the whole outcome object of design.md ("outcome", "error_type", "error_id", ...);
 *           its "timeline" is not stored twice: the appended events are the timeline (used only
 *           when no event was appended) */
void         desk_history_begin              (DeskHistory          *self,
                                              JsonObject           *summary);
void         desk_history_set_session        (DeskHistory          *self,
                                              const char           *attempt_id,
                                              JsonObject           *session);
void         desk_history_append_event       (DeskHistory          *self,
                                              const char           *attempt_id,
                                              JsonObject           *event);
void         desk_history_append_exchange    (DeskHistory          *self,
                                              const char           *attempt_id,
                                              JsonObject           *entry);
void         desk_history_finish             (DeskHistory          *self,
                                              JsonObject           *outcome);

/* Completes once everything queued before it is committed (or dropped). */
void         desk_history_flush_async        (DeskHistory          *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     desk_history_flush_finish       (DeskHistory          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* The full outcome object of one attempt with its "timeline"; for one whose process ended
 * before its outcome, "outcome": "interrupted" (or "running" while its process lives), its
 * request, session and timeline, and "finished_at": null. */
void         desk_history_get_outcome_async  (DeskHistory          *self,
                                              const char           *attempt_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
JsonObject  *desk_history_get_outcome_finish (DeskHistory          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* The attempt's API exchanges as HAR 1.2 entries, in order: an empty array when none was
 * recorded (an attempt of a version before 3 of the file, or one that never reached the API). */
void         desk_history_get_exchanges_async  (DeskHistory        *self,
                                                const char         *attempt_id,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
JsonArray   *desk_history_get_exchanges_finish (DeskHistory        *self,
                                                GAsyncResult       *result,
                                                GError            **error);

/* A JSON array, newest first, of the outcome objects (as above) of the attempts started at or
 * after @since (NULL: all) and, when @attempt_ids is not NULL, only those: --history-json and
 * "Export JSON". */
void         desk_history_export_json_async  (DeskHistory          *self,
                                              GDateTime            *since,
                                              const char * const   *attempt_ids,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
JsonNode    *desk_history_export_json_finish (DeskHistory          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Deletes attempts (and their timelines and exchanges): the given ones, all of them, or those started more
 * than @days days ago (0 keeps everything). Running attempts are never removed by retention.
 * Each returns how many attempts went, or -1 with @error. */
void         desk_history_delete_async       (DeskHistory          *self,
                                              const char * const   *attempt_ids,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void         desk_history_clear_async        (DeskHistory          *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void         desk_history_apply_retention_async (DeskHistory       *self,
                                              guint                 days,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* The finish of delete, clear and apply_retention. */
gint64       desk_history_remove_finish      (DeskHistory          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
