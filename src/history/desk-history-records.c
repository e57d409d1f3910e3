/* desk-history-records.c — one attempt's rows: written as they happen, read back as outcomes
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include "desk-history-private.h"

static const char sql_insert_attempt[] =
  "INSERT OR IGNORE INTO attempts (attempt_id, started_at, environment_id, environment_name,"
  " integration, api_url, end_user_id, end_user_email, end_user_name, summary_json,"
  " owner_id, owner_pid, owner_started) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_set_session[] =
  "UPDATE attempts SET session_id = ?, session_json = ? WHERE attempt_id = ?";
static const char sql_append_event[] =
  "INSERT INTO events (attempt_id, n, json) SELECT a.attempt_id,"
  " (SELECT COALESCE(MAX(n), 0) + 1 FROM events WHERE attempt_id = ?1), ?2"
  " FROM attempts a WHERE a.attempt_id = ?1";
static const char sql_append_exchange[] =
  "INSERT INTO exchanges (attempt_id, n, json) SELECT a.attempt_id,"
  " (SELECT COALESCE(MAX(n), 0) + 1 FROM exchanges WHERE attempt_id = ?1), ?2"
  " FROM attempts a WHERE a.attempt_id = ?1";
static const char sql_count_events[] =
  "SELECT count(*) FROM events WHERE attempt_id = ?";
static const char sql_finish[] =
  "UPDATE attempts SET outcome = ?, error_type = ?, error_id = ?, outcome_json = ?,"
  " finished_at = ?, session_id = COALESCE(?, session_id),"
  " session_json = COALESCE(?, session_json), end_user_id = COALESCE(?, end_user_id),"
  " end_user_email = COALESCE(?, end_user_email), end_user_name = COALESCE(?, end_user_name),"
  " started_at = COALESCE(?, started_at)"
  " WHERE attempt_id = ?";
static const char sql_delete_events[] = "DELETE FROM events WHERE attempt_id = ?";
static const char sql_delete_exchanges[] = "DELETE FROM exchanges WHERE attempt_id = ?";
static const char sql_delete_attempt[] = "DELETE FROM attempts WHERE attempt_id = ?";
static const char sql_get_attempt[] =
  "SELECT summary_json, session_json, outcome, outcome_json, owner_id FROM attempts"
  " WHERE attempt_id = ?";
static const char sql_get_events[] =
  "SELECT json FROM events WHERE attempt_id = ? ORDER BY n";
static const char sql_get_exchanges[] =
  "SELECT json FROM exchanges WHERE attempt_id = ? ORDER BY n";
static const char sql_export[] =
  "SELECT summary_json, session_json, outcome, outcome_json, owner_id, attempt_id"
  " FROM attempts WHERE started_at >= ? ORDER BY started_at DESC, rowid DESC";

/* The outcome contract's members, in its order, for an attempt that has none. */
static const char * const null_members[] = {
  "callback", "session_check", "consent_check", "consent", "error", "error_type",
  "error_description", "error_id", "error_uri", "api_error",
};

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_object_ref (json_node_get_object (root))
                                               : NULL;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static gboolean
begin_transaction (DeskHistoryDb  *db,
                   GError        **error)
{
  return desk_history_db_exec (db, "BEGIN IMMEDIATE", error);
}

static gboolean
end_transaction (DeskHistoryDb  *db,
                 gboolean        ok,
                 GError        **error)
{
  if (ok)
    return desk_history_db_exec (db, "COMMIT", error);
  sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
insert_attempt (DeskHistoryDb  *db,
                JsonObject     *summary,
                const char     *owner_id,
                gint64          owner_pid,
                gint64          owner_started,
                GError        **error)
{
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql_insert_attempt);
  JsonObject *end_user = member_object (summary, "end_user");
  const char *environment = member_string (summary, "environment");
  const char *end_user_id = member_string (end_user, "id");
  g_autofree char *started_at = desk_history_normalize_time (member_string (summary,
                                                                            "started_at"));
  g_autofree char *json = NULL;

  if (stmt == NULL)
    return desk_history_db_step (db, NULL, error);
  if (started_at == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      started_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
    }
  if (environment == NULL)
    environment = member_string (summary, "environment_id");
  if (end_user_id == NULL)
    end_user_id = member_string (member_object (summary, "request"), "end_user_id");
  json = object_to_string (summary);
  bind_text (stmt, 1, member_string (summary, "attempt_id"));
  bind_text (stmt, 2, started_at);
  bind_text (stmt, 3, environment);
  bind_text (stmt, 4, member_string (summary, "environment_name"));
  bind_text (stmt, 5, member_string (summary, "integration"));
  bind_text (stmt, 6, member_string (summary, "api_url"));
  bind_text (stmt, 7, end_user_id);
  bind_text (stmt, 8, member_string (end_user, "email"));
  bind_text (stmt, 9, member_string (end_user, "name"));
  bind_text (stmt, 10, json);
  bind_text (stmt, 11, owner_id);
  sqlite3_bind_int64 (stmt, 12, owner_pid);
  sqlite3_bind_int64 (stmt, 13, owner_started);
  return desk_history_db_step (db, stmt, error);
}

gboolean
desk_history_db_begin (DeskHistoryDb  *db,
                       JsonObject     *summary,
                       const char     *owner_id,
                       gint64          owner_pid,
                       gint64          owner_started,
                       GError        **error)
{
  const char *attempt_id = member_string (summary, "attempt_id");
  gboolean ok;

  if (attempt_id == NULL)
    {
      g_warning ("An attempt without an attempt_id cannot be recorded");
      return TRUE;
    }
  if (!begin_transaction (db, error))
    return FALSE;
  ok = insert_attempt (db, summary, owner_id, owner_pid, owner_started, error) &&
       desk_history_db_refresh_search (db, attempt_id, error);
  return end_transaction (db, ok, error);
}

gboolean
desk_history_db_set_session (DeskHistoryDb  *db,
                             const char     *attempt_id,
                             JsonObject     *session,
                             GError        **error)
{
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql_set_session);
  g_autofree char *json = object_to_string (session);
  gboolean ok;

  if (!begin_transaction (db, error))
    return FALSE;
  if (stmt != NULL)
    {
      bind_text (stmt, 1, member_string (session, "session_id"));
      bind_text (stmt, 2, json);
      bind_text (stmt, 3, attempt_id);
    }
  ok = desk_history_db_step (db, stmt, error)
       && desk_history_db_refresh_search (db, attempt_id, error);
  return end_transaction (db, ok, error);
}

/* One statement: its own transaction. */
static gboolean
append_row (DeskHistoryDb  *db,
            const char     *sql,
            const char     *attempt_id,
            JsonObject     *object,
            GError        **error)
{
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql);
  g_autofree char *json = object_to_string (object);

  if (stmt != NULL)
    {
      bind_text (stmt, 1, attempt_id);
      bind_text (stmt, 2, json);
    }
  return desk_history_db_step (db, stmt, error);
}

gboolean
desk_history_db_append_event (DeskHistoryDb  *db,
                              const char     *attempt_id,
                              JsonObject     *event,
                              GError        **error)
{
  return append_row (db, sql_append_event, attempt_id, event, error);
}

gboolean
desk_history_db_append_exchange (DeskHistoryDb  *db,
                                 const char     *attempt_id,
                                 JsonObject     *entry,
                                 GError        **error)
{
  return append_row (db, sql_append_exchange, attempt_id, entry, error);
}

static gint64
count_events (DeskHistoryDb *db,
              const char    *attempt_id)
{
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql_count_events);
  gint64 count = 0;

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, attempt_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/* The outcome's own timeline is kept only when no event was streamed: the streamed events are
 * the record, and storing them twice would double the file. */
static gboolean
take_timeline (DeskHistoryDb  *db,
               const char     *attempt_id,
               JsonObject     *outcome,
               GError        **error)
{
  JsonNode *timeline = json_object_get_member (outcome, "timeline");
  gboolean ok = TRUE;

  if (timeline != NULL && JSON_NODE_HOLDS_ARRAY (timeline) && count_events (db, attempt_id) == 0)
    {
      JsonArray *events = json_node_get_array (timeline);

      for (guint i = 0; ok && i < json_array_get_length (events); i++)
        {
          JsonNode *event = json_array_get_element (events, i);
          if (JSON_NODE_HOLDS_OBJECT (event))
            ok = desk_history_db_append_event (db, attempt_id, json_node_get_object (event),
                                               error);
        }
    }
  if (json_object_has_member (outcome, "timeline"))
    json_object_remove_member (outcome, "timeline");
  return ok;
}

static gboolean
update_outcome (DeskHistoryDb  *db,
                const char     *attempt_id,
                JsonObject     *outcome,
                GError        **error)
{
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql_finish);
  JsonObject *session = member_object (outcome, "session");
  JsonObject *end_user = member_object (outcome, "end_user");
  g_autofree char *finished_at = desk_history_normalize_time (member_string (outcome,
                                                                             "finished_at"));
  /* The outcome's own start, not the moment the writer thread first saw the attempt: what
   * --since is compared with is what the exported attempt says. */
  g_autofree char *started_at = desk_history_normalize_time (member_string (outcome,
                                                                            "started_at"));
  g_autofree char *json = object_to_string (outcome);
  g_autofree char *session_json = session ? object_to_string (session) : NULL;

  if (stmt == NULL)
    return desk_history_db_step (db, NULL, error);
  bind_text (stmt, 1, member_string (outcome, "outcome") ?: "failure");
  bind_text (stmt, 2, member_string (outcome, "error_type"));
  bind_text (stmt, 3, member_string (outcome, "error_id"));
  bind_text (stmt, 4, json);
  bind_text (stmt, 5, finished_at);
  bind_text (stmt, 6, member_string (session, "session_id"));
  bind_text (stmt, 7, session_json);
  bind_text (stmt, 8, member_string (end_user, "id"));
  bind_text (stmt, 9, member_string (end_user, "email"));
  bind_text (stmt, 10, member_string (end_user, "name"));
  bind_text (stmt, 11, started_at);
  bind_text (stmt, 12, attempt_id);
  return desk_history_db_step (db, stmt, error);
}

gboolean
desk_history_db_finish (DeskHistoryDb  *db,
                        JsonObject     *outcome,
                        const char     *owner_id,
                        gint64          owner_pid,
                        gint64          owner_started,
                        GError        **error)
{
  const char *attempt_id = member_string (outcome, "attempt_id");
  gboolean ok;

  if (attempt_id == NULL)
    {
      g_warning ("An outcome without an attempt_id cannot be recorded");
      return TRUE;
    }
  if (!begin_transaction (db, error))
    return FALSE;
  /* An attempt that ends before it was begun (or whose begin was lost) is still recorded. */
  ok = insert_attempt (db, outcome, owner_id, owner_pid, owner_started, error) &&
       take_timeline (db, attempt_id, outcome, error) &&
       update_outcome (db, attempt_id, outcome, error) &&
       desk_history_db_refresh_search (db, attempt_id, error);
  return end_transaction (db, ok, error);
}

/* The attempt's row last: its count of changes is the result. */
static gint64
delete_rows (DeskHistoryDb  *db,
             const char     *attempt_id,
             GError        **error)
{
  const char *sql[] = { sql_delete_events, sql_delete_exchanges, sql_delete_attempt };

  for (gsize i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = desk_history_db_prepare (db, sql[i]);

      if (stmt != NULL)
        bind_text (stmt, 1, attempt_id);
      if (!desk_history_db_step (db, stmt, error))
        return -1;
    }
  return sqlite3_changes (db->db);
}

static gint64
rollback (DeskHistoryDb *db)
{
  sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
  return -1;
}

/* Deleted pages are zeroed (secure_delete); checkpointing the log drops its old copies too, so
 * what a person deletes is gone from the disk, not just from the list. */
static gint64
after_delete (DeskHistoryDb *db,
              gint64         removed)
{
  sqlite3_wal_checkpoint_v2 (db->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return removed;
}

gint64
desk_history_db_delete (DeskHistoryDb       *db,
                        const char * const  *attempt_ids,
                        GError             **error)
{
  gint64 removed = 0;

  if (!begin_transaction (db, error))
    return -1;
  for (gsize i = 0; attempt_ids != NULL && attempt_ids[i] != NULL; i++)
    {
      gint64 n = delete_rows (db, attempt_ids[i], error);
      if (n < 0)
        return rollback (db);
      removed += n;
    }
  if (!end_transaction (db, TRUE, error))
    return -1;
  return after_delete (db, removed);
}

gint64
desk_history_db_clear (DeskHistoryDb  *db,
                       GError        **error)
{
  gint64 removed;

  if (!begin_transaction (db, error))
    return -1;
  if (!desk_history_db_exec (db, "DELETE FROM events", error) ||
      !desk_history_db_exec (db, "DELETE FROM exchanges", error) ||
      !desk_history_db_exec (db, "DELETE FROM attempts", error))
    return rollback (db);
  removed = sqlite3_changes (db->db);
  if (!end_transaction (db, TRUE, error))
    return -1;
  return after_delete (db, removed);
}

gint64
desk_history_db_retain (DeskHistoryDb  *db,
                        guint           days,
                        GError        **error)
{
  /* The attempts last: their count of changes is the result. */
  static const char * const sql[] = {
    "DELETE FROM events WHERE attempt_id IN (SELECT attempt_id FROM attempts"
    " WHERE started_at < ? AND outcome IS NOT NULL)",
    "DELETE FROM exchanges WHERE attempt_id IN (SELECT attempt_id FROM attempts"
    " WHERE started_at < ? AND outcome IS NOT NULL)",
    "DELETE FROM attempts WHERE started_at < ? AND outcome IS NOT NULL",
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) cutoff = NULL;
  g_autofree char *cutoff_text = NULL;
  gint64 removed;

  if (days == 0)
    return 0;
  cutoff = g_date_time_add_days (now, -(gint) MIN (days, 1000000));
  cutoff_text = g_date_time_format (cutoff, "%Y-%m-%dT%H:%M:%S.%fZ");
  if (!begin_transaction (db, error))
    return -1;
  for (gsize i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = desk_history_db_prepare (db, sql[i]);

      if (stmt != NULL)
        bind_text (stmt, 1, cutoff_text);
      if (!desk_history_db_step (db, stmt, error))
        return rollback (db);
    }
  removed = sqlite3_changes (db->db);
  if (!end_transaction (db, TRUE, error))
    return -1;
  return removed > 0 ? after_delete (db, removed) : 0;
}

/* The JSON objects @sql reads for @attempt_id, in order; if reading fails, @error and what
 * was read before. */
static JsonArray *
rows_of (DeskHistoryDb  *db,
         const char     *sql,
         const char     *attempt_id,
         GError        **error)
{
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql);
  JsonArray *rows = json_array_new ();
  int rc;

  if (stmt == NULL)
    {
      desk_history_db_step (db, NULL, error);
      return rows;
    }
  bind_text (stmt, 1, attempt_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) row = parse_object ((const char *) sqlite3_column_text (stmt, 0));

      if (row != NULL)
        json_array_add_object_element (rows, g_steal_pointer (&row));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    g_propagate_error (error, desk_history_db_error (db, rc, "read"));
  return rows;
}

/* What could be read of the timeline: a damaged file still shows the rest of the attempt. */
static JsonNode *
timeline_of (DeskHistoryDb *db,
             const char    *attempt_id)
{
  g_autoptr(JsonArray) timeline = rows_of (db, sql_get_events, attempt_id, NULL);

  return json_node_init_array (json_node_alloc (), timeline);
}

JsonArray *
desk_history_db_get_exchanges (DeskHistoryDb  *db,
                               const char     *attempt_id,
                               GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonArray) entries = rows_of (db, sql_get_exchanges, attempt_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static void
copy_member (JsonObject *to,
             JsonObject *from,
             const char *name,
             const char *from_name)
{
  JsonNode *node = from ? json_object_get_member (from, from_name ? from_name : name) : NULL;

  json_object_set_member (to, name, node ? json_node_copy (node) : json_node_new (JSON_NODE_NULL));
}

/* An attempt without an outcome: what is known, in the contract's shape. */
static JsonObject *
unfinished_outcome (JsonObject *summary,
                    JsonObject *session,
                    const char *attempt_id,
                    const char *outcome)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "attempt_id", attempt_id);
  json_object_set_string_member (object, "outcome", outcome);
  copy_member (object, summary, "integration", NULL);
  copy_member (object, summary, "environment",
               summary && json_object_has_member (summary, "environment")
               ? NULL : "environment_id");
  copy_member (object, summary, "api_url", NULL);
  copy_member (object, summary, "end_user", NULL);
  copy_member (object, summary, "request", NULL);
  if (session != NULL)
    json_object_set_object_member (object, "session", json_object_ref (session));
  else
    json_object_set_null_member (object, "session");
  for (gsize i = 0; i < G_N_ELEMENTS (null_members); i++)
    json_object_set_null_member (object, null_members[i]);
  copy_member (object, summary, "started_at", NULL);
  json_object_set_null_member (object, "finished_at");
  return object;
}

/* Columns: summary_json, session_json, outcome, outcome_json, owner_id. */
static JsonObject *
outcome_of_row (DeskHistoryDb *db,
                sqlite3_stmt  *stmt,
                const char    *owners_dir,
                const char    *attempt_id)
{
  const char *outcome = (const char *) sqlite3_column_text (stmt, 2);
  g_autoptr(JsonObject) object = parse_object ((const char *) sqlite3_column_text (stmt, 3));

  if (object == NULL)
    {
      g_autoptr(JsonObject) summary = parse_object ((const char *) sqlite3_column_text (stmt, 0));
      g_autoptr(JsonObject) session = parse_object ((const char *) sqlite3_column_text (stmt, 1));
      const char *owner_id = (const char *) sqlite3_column_text (stmt, 4);

      if (outcome == NULL)
        outcome = owner_id && desk_history_owner_alive (owners_dir, owner_id) ? "running"
                                                                              : "interrupted";
      object = unfinished_outcome (summary, session, attempt_id, outcome);
    }
  json_object_set_member (object, "timeline", timeline_of (db, attempt_id));
  return g_steal_pointer (&object);
}

JsonObject *
desk_history_db_get_outcome (DeskHistoryDb  *db,
                             const char     *owners_dir,
                             const char     *attempt_id,
                             GError        **error)
{
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql_get_attempt);
  JsonObject *object = NULL;
  int rc;

  if (stmt == NULL)
    {
      g_set_error (error, DESK_HISTORY_SQLITE_ERROR, SQLITE_ERROR, "%s",
                   sqlite3_errmsg (db->db));
      return NULL;
    }
  bind_text (stmt, 1, attempt_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    object = outcome_of_row (db, stmt, owners_dir, attempt_id);
  else if (rc == SQLITE_DONE)
    g_set_error (error, DESK_HISTORY_ERROR, DESK_HISTORY_ERROR_NOT_FOUND,
                 "No attempt %s in the history", attempt_id);
  else
    g_propagate_error (error, desk_history_db_error (db, rc, "read"));
  sqlite3_reset (stmt);
  return object;
}

JsonNode *
desk_history_db_export (DeskHistoryDb       *db,
                        const char          *owners_dir,
                        GDateTime           *since,
                        const char * const  *attempt_ids,
                        GError             **error)
{
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql_export);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(GHashTable) wanted = NULL;
  g_autofree char *since_text = NULL;
  int rc;

  if (stmt == NULL)
    {
      g_set_error (error, DESK_HISTORY_SQLITE_ERROR, SQLITE_ERROR, "%s",
                   sqlite3_errmsg (db->db));
      return NULL;
    }
  if (attempt_ids != NULL)
    {
      wanted = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = 0; attempt_ids[i] != NULL; i++)
        g_hash_table_add (wanted, (gpointer) attempt_ids[i]);
    }
  if (since != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (since);
      since_text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
    }
  bind_text (stmt, 1, since_text ? since_text : "");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *attempt_id = (const char *) sqlite3_column_text (stmt, 5);

      if (wanted == NULL || g_hash_table_contains (wanted, attempt_id))
        json_array_add_object_element (array, outcome_of_row (db, stmt, owners_dir, attempt_id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, desk_history_db_error (db, rc, "read"));
      return NULL;
    }
  return json_node_init_array (json_node_alloc (), array);
}
