/* test-history-files.c — the history file: migration, damage, a full disk, a read-only directory
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk-history-private.h"
#include "history-test-util.h"

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A file as version 1 wrote it, made by hand (not by the code under test): one finished and
 * one unfinished attempt, the unfinished one from before owners were recorded. */
static void
write_version_1 (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db,
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE attempts (attempt_id TEXT PRIMARY KEY, started_at TEXT NOT NULL,"
    " environment_id TEXT, environment_name TEXT, integration TEXT, api_url TEXT,"
    " end_user_id TEXT, end_user_email TEXT, end_user_name TEXT, summary_json TEXT NOT NULL,"
    " session_id TEXT, session_json TEXT, outcome TEXT, error_type TEXT, error_id TEXT,"
    " outcome_json TEXT, finished_at TEXT);"
    "CREATE TABLE events (attempt_id TEXT NOT NULL, n INTEGER NOT NULL, json TEXT NOT NULL,"
    " PRIMARY KEY (attempt_id, n)) WITHOUT ROWID;"
    "INSERT INTO attempts VALUES ('v1-done', '2026-11-01T10:00:00.000000Z', 'sandbox',"
    " 'Sandbox', 'redirect', 'http://127.0.0.1:1', 'eu_old', 'Old@Example.com', 'Old Person',"
    " '{\"attempt_id\":\"v1-done\",\"started_at\":\"2026-11-01T10:00:00Z\"}', 'sess_old',"
    " '{\"session_id\":\"sess_old\"}', 'failure', 'consent_rejected', 'ERR-OLD',"
    " '{\"attempt_id\":\"v1-done\",\"outcome\":\"failure\",\"error_type\":\"consent_rejected\"}',"
    " '2026-11-01T10:01:00.000000Z');"
    "INSERT INTO events VALUES ('v1-done', 1, '{\"at\":\"2026-11-01T10:00:01Z\","
    " \"kind\":\"navigation\"}');"
    "INSERT INTO attempts (attempt_id, started_at, environment_id, end_user_id, summary_json)"
    " VALUES ('v1-open', '2026-11-02T10:00:00.000000Z', 'production', 'eu_open',"
    " '{\"attempt_id\":\"v1-open\",\"environment\":\"production\","
    " \"request\":{\"end_user_id\":\"eu_open\"},\"started_at\":\"2026-11-02T10:00:00Z\"}');"
    "PRAGMA user_version = 1;");
  sqlite3_close (db);
}

static gint64
user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

static void
test_migrate_v1 (void)
{
  g_autofree char *dir = ht_scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(DeskHistory) history = NULL;
  g_autoptr(DeskHistoryModel) model = NULL;
  g_autoptr(DeskHistoryEntry) entry = NULL;
  g_autoptr(JsonObject) open = NULL;
  g_autoptr(JsonObject) summary = ht_summary ("v2-new", "sandbox", "eu_new", "n@x", "N", NULL);
  g_autoptr(JsonArray) old_exchanges = NULL;
  g_autoptr(JsonArray) new_exchanges = NULL;
  g_autoptr(GError) error = NULL;

  write_version_1 (path);
  history = ht_open (path);
  g_assert_null (desk_history_get_problem (history));
  g_assert_cmpint (user_version (path), ==, 3);

  model = desk_history_model_new (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  /* The old rows are searchable by what version 2 indexes. */
  desk_history_model_set_search (model, "old@example");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  entry = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (desk_history_entry_get_attempt_id (entry), ==, "v1-done");
  g_assert_cmpstr (desk_history_entry_get_error_id (entry), ==, "ERR-OLD");
  desk_history_model_set_search (model, "err-old");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* Version 1 recorded no owner: an unfinished attempt of it is over. */
  open = ht_get_outcome (history, "v1-open", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (open, "outcome"), ==, "interrupted");
  g_assert_cmpstr (json_object_get_string_member (open, "environment"), ==, "production");

  /* Version 1 kept no exchanges: none to export. */
  old_exchanges = ht_get_exchanges (history, "v1-done");
  g_assert_cmpuint (json_array_get_length (old_exchanges), ==, 0);

  /* And it goes on recording, exchanges included (version 3). */
  ht_record (history, summary, "success", "sess_new", NULL, NULL, 3);
  ht_flush (history);
  new_exchanges = ht_get_exchanges (history, "v2-new");
  g_assert_cmpuint (json_array_get_length (new_exchanges), ==, 1);
  desk_history_model_set_search (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  g_clear_object (&model);
  g_clear_object (&history);
  ht_remove_tree (dir);
}

static void
test_corrupt (gconstpointer data)
{
  const char *garbage = data;
  g_autofree char *dir = ht_scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(DeskHistory) history = NULL;
  g_autoptr(DeskHistoryModel) model = NULL;
  g_autoptr(JsonObject) summary = ht_summary ("after", "sandbox", "eu", "e@x", "E", NULL);
  g_autoptr(GDir) listing = NULL;
  const GError *problem;
  const char *name;
  guint moved = 0;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  g_assert_true (g_file_set_contents (wal, "wal bytes to keep", -1, NULL));
  history = ht_open (path);
  problem = desk_history_get_problem (history);
  g_assert_error ((GError *) problem, DESK_HISTORY_ERROR, DESK_HISTORY_ERROR_CORRUPT);
  g_assert_nonnull (strstr (problem->message, "history.db.corrupt-"));
  g_assert_true (desk_history_get_available (history));

  /* Moved aside with its log, byte for byte; never deleted. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      if (!g_str_has_prefix (name, "history.db.corrupt-"))
        continue;
      {
        g_autofree char *base = g_strndup (name, strlen (name) - (g_str_has_suffix (name, "-wal")
                                                                 ? 4 : 0));
        g_assert_nonnull (strstr (problem->message, base));
      }
      g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, g_str_has_suffix (name, "-wal") ? "wal bytes to keep"
                                                                     : garbage);
      moved++;
    }
  g_assert_cmpuint (moved, ==, 2);

  /* The fresh file works. */
  ht_record (history, summary, "success", NULL, NULL, NULL, 2);
  ht_flush (history);
  model = desk_history_model_new (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_clear_object (&model);
  g_clear_object (&history);
  ht_remove_tree (dir);
}

typedef struct
{
  guint    count;
  gboolean seen;
} Notified;

/* A real history file whose schema page was overwritten: the header is right, SQLite itself
 * finds the damage. */
static void
test_corrupt_schema_page (void)
{
  g_autofree char *dir = ht_scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(DeskHistory) history = ht_open (path);
  g_autoptr(JsonObject) summary = ht_summary ("lost", "sandbox", "eu", "e@x", "E", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  ht_record (history, summary, "success", NULL, NULL, NULL, 2);
  g_clear_object (&history);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 200);
  memset (contents + 100, 0x5a, MIN (length, 4096) - 100);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  history = ht_open (path);
  g_assert_error ((GError *) desk_history_get_problem (history), DESK_HISTORY_ERROR,
                  DESK_HISTORY_ERROR_CORRUPT);
  g_assert_true (desk_history_get_available (history));
  g_clear_object (&history);
  ht_remove_tree (dir);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    data)
{
  Notified *notified = data;

  notified->count++;
  notified->seen = TRUE;
}

/* A disk that fills up mid-attempt: the store says so once, drops later writes, keeps what it
 * had. SQLite's max_page_count fails a write exactly as a full disk does (SQLITE_FULL). */
static void
test_disk_full (void)
{
  g_autofree char *dir = ht_scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(DeskHistory) history = ht_open (path);
  g_autoptr(JsonObject) first = ht_summary ("first", "sandbox", "eu1", "a@x", "A", NULL);
  g_autoptr(JsonObject) second = ht_summary ("second", "sandbox", "eu2", "b@x", "B", NULL);
  g_autoptr(JsonObject) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (64 * 1024, 'x');
  Notified notified = { 0 };

  ht_record (history, first, "success", NULL, NULL, NULL, 2);
  ht_flush (history);
  g_signal_connect (history, "notify::available", G_CALLBACK (on_notify), &notified);
  desk_history_set_max_page_count_for_testing (history, 1);
  desk_history_begin (history, second);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonObject) event = ht_event ("notice", i);
      json_object_set_string_member (event, "padding", big);
      desk_history_append_event (history, "second", event);
    }
  ht_flush (history);
  ht_wait_flag (&notified.seen, "history to become unavailable");
  /* Later writes are dropped quietly: no second notice. */
  desk_history_finish (history, second);
  ht_flush (history);
  g_assert_cmpuint (notified.count, ==, 1);
  g_assert_false (desk_history_get_available (history));
  g_assert_error ((GError *) desk_history_get_problem (history), DESK_HISTORY_ERROR,
                  DESK_HISTORY_ERROR_UNAVAILABLE);

  /* What was recorded before is still there. */
  outcome = ht_get_outcome (history, "first", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "success");
  g_clear_object (&history);
  ht_remove_tree (dir);
}

/* Another process holds the write lock and does not let go: writes return at once, the store
 * gives up after its bounded busy timeout and says so, and reading goes on meanwhile. */
static void
test_locked (void)
{
  g_autofree char *dir = ht_scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(DeskHistory) history = ht_open (path);
  g_autoptr(DeskHistoryModel) model = NULL;
  g_autoptr(JsonObject) first = ht_summary ("before", "sandbox", "eu1", "a@x", "A", NULL);
  g_autoptr(JsonObject) second = ht_summary ("during", "sandbox", "eu2", "b@x", "B", NULL);
  Notified notified = { 0 };
  sqlite3 *other = NULL;
  gint64 start;

  ht_record (history, first, "success", NULL, NULL, NULL, 2);
  ht_flush (history);
  model = desk_history_model_new (history);
  g_signal_connect (history, "notify::available", G_CALLBACK (on_notify), &notified);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  exec_sql (other, "BEGIN EXCLUSIVE; INSERT INTO events VALUES ('x', 1, '{}');");

  start = g_get_monotonic_time ();
  ht_record (history, second, "failure", "sess", "consent_rejected", "E", 20);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 100 * 1000);
  start = g_get_monotonic_time ();
  desk_history_model_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 100 * 1000);

  ht_wait_flag (&notified.seen, "history to give up on the lock");
  g_assert_false (desk_history_get_available (history));
  g_assert_error ((GError *) desk_history_get_problem (history), DESK_HISTORY_ERROR,
                  DESK_HISTORY_ERROR_UNAVAILABLE);
  exec_sql (other, "ROLLBACK");
  sqlite3_close (other);
  ht_flush (history);
  g_assert_cmpuint (notified.count, ==, 1);
  g_clear_object (&model);
  g_clear_object (&history);
  ht_remove_tree (dir);
}

/* A data directory nobody may write to. Root may write anywhere, so as root the check runs in a
 * child that has become "nobody" first. */
static void
test_read_only_dir (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(DeskHistory) history = NULL;
  g_autoptr(DeskHistoryModel) model = NULL;
  g_autoptr(JsonObject) summary = ht_summary ("ro-1", "sandbox", "eu", "e@x", "E", NULL);
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(GError) error = NULL;
  const GError *problem;

  if (!g_test_subprocess ())
    {
      g_autofree char *name = g_strdup_printf ("history-ro-%d", (int) getpid ());
      g_autofree char *scratch = g_build_filename (g_get_tmp_dir (), name, NULL);
      g_autofree char *ro = g_build_filename (scratch, "consent-desk", NULL);
      g_autofree char *file = g_build_filename (ro, "history.db", NULL);

      /* Where the child finds it: named after this process, its parent. */
      g_assert_cmpint (g_mkdir (scratch, 0755), ==, 0);
      g_assert_cmpint (g_chmod (scratch, 0755), ==, 0);
      g_assert_cmpint (g_mkdir (ro, 0555), ==, 0);
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
      ht_remove_tree (scratch);
      return;
    }
  if (geteuid () == 0)
    g_assert_true (setgid (65534) == 0 && setuid (65534) == 0);
  g_assert_cmpint (geteuid (), !=, 0);
  {
    g_autofree char *name = g_strdup_printf ("history-ro-%d", (int) getppid ());
    dir = g_build_filename (g_get_tmp_dir (), name, "consent-desk", NULL);
  }
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (access (dir, W_OK), !=, 0);
  path = g_build_filename (dir, "history.db", NULL);
  history = ht_open (path);
  problem = desk_history_get_problem (history);
  g_assert_false (desk_history_get_available (history));
  g_assert_error ((GError *) problem, DESK_HISTORY_ERROR, DESK_HISTORY_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (problem->message, "History is unavailable"));

  /* The attempt goes on: every write returns at once and is dropped. */
  ht_record (history, summary, "success", "sess", NULL, NULL, 3);
  ht_flush (history);
  model = desk_history_model_new (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  exported = ht_export (history, NULL, NULL, &error);
  g_assert_error (error, DESK_HISTORY_ERROR, DESK_HISTORY_ERROR_UNAVAILABLE);
  g_assert_null (exported);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history/migrate-v1", test_migrate_v1);
  g_test_add_data_func ("/history/corrupt/garbage", "this is not a database, just text",
                        test_corrupt);
  g_test_add_data_func ("/history/corrupt/bad-header", "SQLite format 3\x01\x02 torn page",
                        test_corrupt);
  g_test_add_func ("/history/corrupt/schema-page", test_corrupt_schema_page);
  g_test_add_func ("/history/disk-full", test_disk_full);
  g_test_add_func ("/history/read-only-dir", test_read_only_dir);
  g_test_add_func ("/history/locked", test_locked);
  return g_test_run ();
}
