/* desk-history-private.h — what only src/history and its tests may call
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "desk-history.h"
#include "desk-history-entry.h"

G_BEGIN_DECLS

#define DESK_HISTORY_SCHEMA_VERSION 3

/* A connection and its prepared statements (keyed by the SQL text's address: static strings).
 * Used by one thread at a time. */
typedef struct
{
  sqlite3    *db;
  GHashTable *statements;
  gboolean    writable;
} DeskHistoryDb;

DeskHistoryDb *desk_history_db_open      (const char     *path,
                                          gboolean        writable,
                                          GError        **error);
void           desk_history_db_free      (DeskHistoryDb  *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskHistoryDb, desk_history_db_free)

sqlite3_stmt  *desk_history_db_prepare   (DeskHistoryDb  *db,
                                          const char     *sql);
/* Runs @sql (several statements allowed); FALSE with @error on failure. */
gboolean       desk_history_db_exec      (DeskHistoryDb  *db,
                                          const char     *sql,
                                          GError        **error);
/* Creates or upgrades the schema to DESK_HISTORY_SCHEMA_VERSION, one transaction per step. */
gboolean       desk_history_db_migrate   (DeskHistoryDb  *db,
                                          GError        **error);
/* An error from the connection's last failure; its code is the SQLite result code. */
/* Steps @stmt once and resets it; a NULL @stmt (its preparation failed) is the error. */
gboolean       desk_history_db_step      (DeskHistoryDb  *db,
                                          sqlite3_stmt   *stmt,
                                          GError        **error);
GError        *desk_history_db_error     (DeskHistoryDb  *db,
                                          int             rc,
                                          const char     *what);
#define DESK_HISTORY_SQLITE_ERROR (desk_history_sqlite_error_quark ())
GQuark         desk_history_sqlite_error_quark (void);

/* Recomputes the attempt's case-folded search column from its searchable fields. */
gboolean       desk_history_db_refresh_search (DeskHistoryDb *db,
                                               const char    *attempt_id,
                                               GError       **error);

/* Writes, each its own transaction; JSON is already redacted. */
gboolean desk_history_db_begin        (DeskHistoryDb *db, JsonObject *summary,
                                       const char *owner_id, gint64 owner_pid,
                                       gint64 owner_started, GError **error);
gboolean desk_history_db_set_session  (DeskHistoryDb *db, const char *attempt_id,
                                       JsonObject *session, GError **error);
gboolean desk_history_db_append_event (DeskHistoryDb *db, const char *attempt_id,
                                       JsonObject *event, GError **error);
gboolean desk_history_db_append_exchange (DeskHistoryDb *db, const char *attempt_id,
                                          JsonObject *entry, GError **error);
gboolean desk_history_db_finish       (DeskHistoryDb *db, JsonObject *outcome,
                                       const char *owner_id, gint64 owner_pid,
                                       gint64 owner_started, GError **error);
gint64   desk_history_db_delete       (DeskHistoryDb *db, const char * const *attempt_ids,
                                       GError **error);
gint64   desk_history_db_clear        (DeskHistoryDb *db, GError **error);
gint64   desk_history_db_retain       (DeskHistoryDb *db, guint days, GError **error);

/* Reads. @owners_dir decides whether an unfinished attempt is running or interrupted. */
JsonObject *desk_history_db_get_outcome (DeskHistoryDb *db, const char *owners_dir,
                                         const char *attempt_id, GError **error);
JsonArray  *desk_history_db_get_exchanges (DeskHistoryDb *db, const char *attempt_id,
                                           GError **error);
JsonNode   *desk_history_db_export      (DeskHistoryDb *db, const char *owners_dir,
                                         GDateTime *since, const char * const *attempt_ids,
                                         GError **error);

/* Normalised ISO 8601 UTC with microseconds, so text order is time order; NULL if unparsable. */
char       *desk_history_normalize_time (const char *iso8601);
/* The case-folded form search text and search terms are compared in. */
char       *desk_history_search_key     (const char *text);

/* desk-history-redact.c: replaces secret values in place (see desk_history_begin()). */
void        desk_history_redact         (JsonNode *node);
char       *desk_history_redact_string  (const char *text);

/* desk-history-owner.c: who is writing. An owner holds an exclusive lock on its file in
 * @owners_dir for as long as it lives, so the kernel says whether it is alive, across processes
 * and PID namespaces (two Flatpak instances), and a crashed one's lock is gone at once. */
typedef struct _DeskHistoryOwner DeskHistoryOwner;
DeskHistoryOwner *desk_history_owner_new     (const char *owners_dir, GError **error);
void              desk_history_owner_free    (DeskHistoryOwner *owner);
const char       *desk_history_owner_get_id  (DeskHistoryOwner *owner);
gint64            desk_history_owner_get_pid (DeskHistoryOwner *owner);
gint64            desk_history_owner_get_started (DeskHistoryOwner *owner);
gboolean          desk_history_owner_alive   (const char *owners_dir, const char *owner_id);
/* Marks the unfinished attempts of owners that are gone as interrupted; removes their files. */
gboolean          desk_history_owner_sweep   (DeskHistoryDb *db, const char *owners_dir,
                                              GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskHistoryOwner, desk_history_owner_free)

/* desk-history-open.c */
DeskHistoryDb *desk_history_open_files (const char *path, const char *owners_dir,
                                        DeskHistoryOwner **owner, DeskHistoryDb **reader,
                                        GError **problem);
GError        *desk_history_unavailable_error (const char *reason);

/* The store's read connection for the main thread (NULL when the file cannot be read). */
DeskHistoryDb *desk_history_get_reader     (DeskHistory *self);
const char    *desk_history_get_owners_dir (DeskHistory *self);

/* desk-history-entry.c: the columns an entry is made from, and making one from such a row. */
extern const char desk_history_entry_columns[];
DeskHistoryEntry *desk_history_entry_new_from_row (sqlite3_stmt *stmt, const char *owners_dir);

/* Tests: make the file unable to grow past @pages pages, as a full disk would. */
void           desk_history_set_max_page_count_for_testing (DeskHistory *self, gint64 pages);

G_END_DECLS
