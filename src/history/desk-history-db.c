/* desk-history-db.c — the history's SQLite schema, migrations and its writes
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include "desk-history-private.h"

G_DEFINE_QUARK (desk-history-sqlite-error-quark, desk_history_sqlite_error)

/* Bounded: a second instance's transaction lasts milliseconds; one that holds the lock longer
 * than this makes the history unavailable rather than stall its caller. */
#define BUSY_TIMEOUT_MS 3000

/* Version 1, as first shipped. Every new file is created at 1 and upgraded step by step, so
 * the upgrade path is the one every install runs. */
static const char schema_v1[] =
  "CREATE TABLE attempts ("
  "  attempt_id TEXT PRIMARY KEY,"
  "  started_at TEXT NOT NULL,"
  "  environment_id TEXT, environment_name TEXT, integration TEXT, api_url TEXT,"
  "  end_user_id TEXT, end_user_email TEXT, end_user_name TEXT,"
  "  summary_json TEXT NOT NULL,"
  "  session_id TEXT, session_json TEXT,"
  "  outcome TEXT, error_type TEXT, error_id TEXT, outcome_json TEXT, finished_at TEXT);"
  "CREATE TABLE events ("
  "  attempt_id TEXT NOT NULL, n INTEGER NOT NULL, json TEXT NOT NULL,"
  "  PRIMARY KEY (attempt_id, n)) WITHOUT ROWID;";

/* Version 2: who owns an unfinished attempt (so two instances do not interrupt each other),
 * a case-folded search column, and the indexes the History view's queries use: newest first is
 * a backwards scan of attempts_by_time, which also covers the search column, so a search reads
 * the index and not the rows with their JSON. */
static const char schema_v2[] =
  "ALTER TABLE attempts ADD COLUMN owner_id TEXT;"
  "ALTER TABLE attempts ADD COLUMN owner_pid INTEGER;"
  "ALTER TABLE attempts ADD COLUMN owner_started INTEGER;"
  "ALTER TABLE attempts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';"
  "CREATE INDEX attempts_by_time ON attempts (started_at, search_text);"
  "CREATE INDEX attempts_by_environment ON attempts (environment_id, started_at);"
  "CREATE INDEX attempts_by_outcome ON attempts (outcome, started_at);";

/* Version 3: each API exchange of an attempt as its HAR entry, so a recorded attempt can still
 * be exported as HAR (written as each exchange ends, like the events). */
static const char schema_v3[] =
  "CREATE TABLE exchanges ("
  "  attempt_id TEXT NOT NULL, n INTEGER NOT NULL, json TEXT NOT NULL,"
  "  PRIMARY KEY (attempt_id, n)) WITHOUT ROWID;";

static const char sql_search_source[] =
  "SELECT end_user_id, end_user_email, end_user_name, session_id, error_type, error_id"
  " FROM attempts WHERE attempt_id = ?";
static const char sql_search_update[] =
  "UPDATE attempts SET search_text = ? WHERE attempt_id = ?";

GError *
desk_history_db_error (DeskHistoryDb *db,
                       int            rc,
                       const char    *what)
{
  /* SQLite's own sentence ("database or disk is full", "database is locked") is the one a
   * person can act on; what we were doing goes to the debug log. */
  g_debug ("SQLite failed to %s: %s", what, db && db->db ? sqlite3_errmsg (db->db)
                                                      : sqlite3_errstr (rc));
  return g_error_new (DESK_HISTORY_SQLITE_ERROR, rc & 0xff, "%s",
                      db && db->db ? sqlite3_errmsg (db->db) : sqlite3_errstr (rc));
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

DeskHistoryDb *
desk_history_db_open (const char  *path,
                      gboolean     writable,
                      GError     **error)
{
  g_autoptr(DeskHistoryDb) db = g_new0 (DeskHistoryDb, 1);
  int flags = SQLITE_OPEN_NOMUTEX | (writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                               : SQLITE_OPEN_READONLY);
  int rc;

  db->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  db->writable = writable;
  rc = sqlite3_open_v2 (path, &db->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_propagate_error (error, desk_history_db_error (db, rc, "open"));
      return NULL;
    }
  sqlite3_extended_result_codes (db->db, TRUE);
  sqlite3_busy_timeout (db->db, BUSY_TIMEOUT_MS);
  /* Reading the schema is the first access to the file: a damaged one fails here. WAL and
   * synchronous=NORMAL: a commit survives the process being killed, without an fsync per
   * event. secure_delete: a deleted attempt's bytes do not linger in free pages. */
  if (!desk_history_db_exec (db, "SELECT count(*) FROM sqlite_master", error))
    return NULL;
  if (writable &&
      !desk_history_db_exec (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                                 "PRAGMA secure_delete=ON;", error))
    return NULL;
  if (!writable && !desk_history_db_exec (db, "PRAGMA query_only=ON;", error))
    return NULL;
  return g_steal_pointer (&db);
}

void
desk_history_db_free (DeskHistoryDb *db)
{
  if (db == NULL)
    return;
  g_clear_pointer (&db->statements, g_hash_table_unref);
  sqlite3_close (db->db);
  g_free (db);
}

sqlite3_stmt *
desk_history_db_prepare (DeskHistoryDb *db,
                         const char    *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      g_message ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (db->db));
      return NULL;
    }
  g_hash_table_insert (db->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
desk_history_db_exec (DeskHistoryDb  *db,
                      const char     *sql,
                      GError        **error)
{
  int rc = sqlite3_exec (db->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_propagate_error (error, desk_history_db_error (db, rc, "exec"));
      return FALSE;
    }
  return TRUE;
}

gboolean
desk_history_db_step (DeskHistoryDb  *db,
                      sqlite3_stmt   *stmt,
                      GError        **error)
{
  int rc;

  if (stmt == NULL)
    {
      g_set_error (error, DESK_HISTORY_SQLITE_ERROR, SQLITE_ERROR, "%s",
                   sqlite3_errmsg (db->db));
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_propagate_error (error, desk_history_db_error (db, rc, "write"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
transaction (DeskHistoryDb  *db,
             gboolean        commit,
             GError        **error)
{
  if (commit)
    return desk_history_db_exec (db, "COMMIT", error);
  /* Rolling back after a failure; a failure of the rollback itself tells nothing new. */
  sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gint64
schema_version (DeskHistoryDb *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (db->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
desk_history_db_refresh_search (DeskHistoryDb  *db,
                     const char     *attempt_id,
                     GError        **error)
{
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql_search_source);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *key = NULL;

  if (stmt == NULL)
    return desk_history_db_step (db, NULL, error);
  sqlite3_bind_text (stmt, 1, attempt_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 6; i++)
      {
        const char *value = (const char *) sqlite3_column_text (stmt, i);
        if (value != NULL)
          g_string_append_printf (text, "%s\n", value);
      }
  sqlite3_reset (stmt);
  key = desk_history_search_key (text->str);
  stmt = desk_history_db_prepare (db, sql_search_update);
  if (stmt == NULL)
    return desk_history_db_step (db, NULL, error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, attempt_id, -1, SQLITE_TRANSIENT);
  return desk_history_db_step (db, stmt, error);
}

static gboolean
migrate_to_v2 (DeskHistoryDb  *db,
               GError        **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (!desk_history_db_exec (db, schema_v2, error))
    return FALSE;
  if (sqlite3_prepare_v2 (db->db, "SELECT attempt_id FROM attempts", -1, &stmt, NULL)
      != SQLITE_OK)
    return desk_history_db_step (db, NULL, error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < ids->len; i++)
    if (!desk_history_db_refresh_search (db, ids->pdata[i], error))
      return FALSE;
  return TRUE;
}

gboolean
desk_history_db_migrate (DeskHistoryDb  *db,
                         GError        **error)
{
  gint64 version = schema_version (db);

  if (version > DESK_HISTORY_SCHEMA_VERSION)
    {
      g_set_error (error, DESK_HISTORY_SQLITE_ERROR, SQLITE_READONLY,
                   "schema version %" G_GINT64_FORMAT " is newer than %d", version,
                   DESK_HISTORY_SCHEMA_VERSION);
      return FALSE;
    }
  while (version < DESK_HISTORY_SCHEMA_VERSION)
    {
      g_autofree char *bump = NULL;
      gboolean ok;

      if (!desk_history_db_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* Another instance may have upgraded while we waited for the lock. */
      version = schema_version (db);
      if (version >= DESK_HISTORY_SCHEMA_VERSION)
        return desk_history_db_exec (db, "COMMIT", error);
      if (version <= 0)
        ok = desk_history_db_exec (db, schema_v1, error);
      else if (version == 1)
        ok = migrate_to_v2 (db, error);
      else
        ok = desk_history_db_exec (db, schema_v3, error);
      version = version <= 0 ? 1 : version + 1;
      bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version);
      if (!ok || !desk_history_db_exec (db, bump, error))
        return transaction (db, FALSE, NULL);
      if (!transaction (db, TRUE, error))
        return FALSE;
      g_debug ("History schema now at version %" G_GINT64_FORMAT, version);
    }
  return TRUE;
}

char *
desk_history_normalize_time (const char *iso8601)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) in_utc = NULL;

  if (iso8601 == NULL || (time = g_date_time_new_from_iso8601 (iso8601, utc)) == NULL)
    return NULL;
  in_utc = g_date_time_to_utc (time);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

char *
desk_history_search_key (const char *text)
{
  g_autofree char *normal = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (normal ? normal : text, -1);
}
