/* bench-history.c — the attempt history at 10,000 attempts: open, first page, search, writes
 *
 * Prints each figure beside a bare-SQLite baseline for the same work in the same run, and the
 * ratio. BENCH_HISTORY_ATTEMPTS changes the size (default 10000, ~20 events each).
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-util.h"
#include "desk-history.h"
#include "desk-history-model.h"

#define EVENTS_PER_ATTEMPT 20
#define PAGE 50
#define ROUNDS 9

static void
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out");
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static DeskHistory *
open_history (const char *path)
{
  GAsyncResult *result = NULL;
  DeskHistory *history;

  desk_history_open_async (path, NULL, got_result, &result);
  wait_for (&result);
  history = desk_history_open_finish (result, NULL);
  g_object_unref (result);
  if (history == NULL || !desk_history_get_available (history))
    g_error ("The history at %s did not open", path);
  return history;
}

static void
flush (DeskHistory *history)
{
  GAsyncResult *result = NULL;

  desk_history_flush_async (history, NULL, got_result, &result);
  wait_for (&result);
  desk_history_flush_finish (history, result, NULL);
  g_object_unref (result);
}

static JsonObject *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    g_error ("Bad JSON: %s", text);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
event (guint i)
{
  g_autofree char *text = g_strdup_printf (
    "{\"at\": \"2026-12-04T16:00:%02u.000Z\", \"kind\": \"navigation\","
    " \"uri\": \"https://auth.example/consent/step/%u?lang=en\", \"decision\": \"allowed\"}",
    i % 60, i);

  return parse (text);
}

static void
fill (DeskHistory *history,
      guint        n)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_seconds (now, -60.0 * (n - i));
      g_autofree char *at = g_date_time_format_iso8601 (when);
      g_autofree char *id = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
      g_autofree char *summary_text = g_strdup_printf (
        "{\"attempt_id\": \"%s\", \"started_at\": \"%s\", \"environment\": \"%s\","
        " \"environment_name\": \"Sandbox\", \"integration\": \"redirect\","
        " \"api_url\": \"http://127.0.0.1:4000\", \"end_user\": {\"id\": \"eu_%u\","
        " \"email\": \"person%u@example.com\", \"name\": \"Person %u\"}, \"request\":"
        " {\"end_user_id\": \"eu_%u\", \"redirect_uri\": \"https://x.invalid/done\","
        " \"cancel_uri\": \"https://x.invalid/cancel\", \"institution_id\": null,"
        " \"permissions\": [\"ACCOUNT_BASIC_ACCESS\", \"TRANSACTION_READ\"]}}",
        id, at, i % 3 ? "sandbox" : "production", i, i, i, i);
      g_autofree char *session_text = g_strdup_printf (
        "{\"id\": \"sess_%u\", \"session_id\": \"sess_%u\", \"auth_url\":"
        " \"http://127.0.0.1:4000/auth/sess_%u\", \"expires_at\": \"2026-12-05T00:00:00Z\"}",
        i, i, i);
      g_autofree char *outcome_text = g_strdup_printf (
        "{\"attempt_id\": \"%s\", \"outcome\": \"%s\", \"error_type\": %s, \"error_id\": %s,"
        " \"started_at\": \"%s\", \"finished_at\": \"%s\", \"callback\": null}",
        id, i % 4 ? "success" : "failure", i % 4 ? "null" : "\"consent_rejected\"",
        i % 4 ? "null" : "\"ERR-1\"", at, at);
      g_autoptr(JsonObject) summary = parse (summary_text);
      g_autoptr(JsonObject) session = parse (session_text);
      g_autoptr(JsonObject) outcome = parse (outcome_text);

      desk_history_begin (history, summary);
      desk_history_set_session (history, id, session);
      for (guint e = 0; e < EVENTS_PER_ATTEMPT - 2; e++)
        {
          g_autoptr(JsonObject) ev = event (e);
          desk_history_append_event (history, id, ev);
        }
      desk_history_finish (history, outcome);
      /* Keep the queue from holding the whole fill in memory. */
      if (i % 500 == 499)
        flush (history);
    }
  flush (history);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* What the History view does when it appears: open, count, first page of entries. */
static double
measure_open (const char *path)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(DeskHistory) history = open_history (path);
  g_autoptr(DeskHistoryModel) model = desk_history_model_new (history);
  double ms;

  for (guint i = 0; i < PAGE && i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  ms = ms_since (start);
  return ms;
}

static double
measure_search (DeskHistoryModel *model,
                const char       *text,
                guint            *found)
{
  gint64 start = g_get_monotonic_time ();
  guint n;

  desk_history_model_set_search (model, NULL);
  start = g_get_monotonic_time ();
  desk_history_model_set_search (model, text);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < PAGE && i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  *found = n;
  return ms_since (start);
}

/* Keeps the baseline's reads from being optimised away. */
static volatile gint64 sink;

/* The same count and first page, straight through sqlite3 (opening it first with @with_open). */
static double
baseline_query (const char *path,
                const char *needle,
                gboolean    with_open)
{
  static sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  const char *where = needle ? "instr(search_text, ?1) > 0" : "1";
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM attempts WHERE %s", where);
  g_autofree char *page_sql = g_strdup_printf (
    "SELECT attempt_id, environment_id, environment_name, end_user_id, end_user_email,"
    " end_user_name, integration, outcome, error_type, error_id, session_id, started_at,"
    " owner_id FROM attempts WHERE %s ORDER BY started_at DESC, rowid DESC LIMIT 50", where);

  if (with_open || db == NULL)
    {
      if (db != NULL)
        sqlite3_close (db);
      start = g_get_monotonic_time ();
      sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
    }
  sqlite3_prepare_v2 (db, count_sql, -1, &stmt, NULL);
  if (needle)
    sqlite3_bind_text (stmt, 1, needle, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    sink += sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, page_sql, -1, &stmt, NULL);
  if (needle)
    sqlite3_bind_text (stmt, 1, needle, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    sink += sqlite3_column_bytes (stmt, 0);
  sqlite3_finalize (stmt);
  return ms_since (start);
}

static void
report (const char *what,
        GArray     *ours,
        GArray     *bare)
{
  double a = bench_median (ours);
  double b = bench_median (bare);

  g_print ("%-34s %10.3f ms   bare SQLite %8.3f ms   ratio %6.1f\n", what, a, b,
           b > 0 ? a / b : 0.0);
}

static double
baseline_insert (sqlite3 *db,
                 guint    i)
{
  g_autofree char *json = g_strdup_printf ("{\"at\":\"2026-12-04T16:00:00Z\",\"kind\":\"notice\","
                                           "\"code\":\"bench-%u\"}", i);
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();

  sqlite3_prepare_v2 (db, "INSERT INTO events (attempt_id, n, json) VALUES ('bare', ?, ?)", -1,
                      &stmt, NULL);
  sqlite3_bind_int (stmt, 1, (int) i);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
measure_writes (DeskHistory *history,
                const char  *path)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(JsonObject) live = parse ("{\"attempt_id\": \"bench-live\", \"environment\":"
                                      " \"sandbox\"}");
  sqlite3 *db = NULL;

  desk_history_begin (history, live);
  flush (history);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(JsonObject) ev = event (i);
      gint64 start = g_get_monotonic_time ();
      double ms;

      desk_history_append_event (history, "bench-live", ev);
      flush (history);
      ms = ms_since (start);
      g_array_append_val (ours, ms);
    }
  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  sqlite3_exec (db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
  for (guint i = 0; i < 300; i++)
    {
      double ms = baseline_insert (db, i);
      g_array_append_val (bare, ms);
    }
  sqlite3_exec (db, "DELETE FROM events WHERE attempt_id = 'bare'", NULL, NULL, NULL);
  sqlite3_close (db);
  report ("event write, enqueue to committed", ours, bare);
}

static void
measure_opens (const char *path)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < ROUNDS; r++)
    {
      double a = measure_open (path);
      double b = baseline_query (path, NULL, TRUE);
      g_array_append_val (ours, a);
      g_array_append_val (bare, b);
    }
  report ("open + count + first page", ours, bare);
}

static void
measure_searches (const char *path)
{
  static const char * const terms[] = {
    "person1234@", "PERSON99", "sess_9999", "consent_rejected", "no-such-thing",
  };
  g_autoptr(DeskHistory) history = open_history (path);
  g_autoptr(DeskHistoryModel) model = desk_history_model_new (history);

  for (gsize t = 0; t < G_N_ELEMENTS (terms); t++)
    {
      g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *normal = g_utf8_normalize (terms[t], -1, G_NORMALIZE_ALL);
      g_autofree char *key = g_utf8_casefold (normal, -1);
      g_autofree char *label = NULL;
      guint found = 0;

      for (guint r = 0; r < ROUNDS; r++)
        {
          double a = measure_search (model, terms[t], &found);
          double b = baseline_query (path, key, FALSE);
          g_array_append_val (ours, a);
          g_array_append_val (bare, b);
        }
      label = g_strdup_printf ("search \"%s\" (%u found)", terms[t], found);
      report (label, ours, bare);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *size_env = g_getenv ("BENCH_HISTORY_ATTEMPTS");
  guint n = size_env ? (guint) g_ascii_strtoull (size_env, NULL, 10) : 10000;
  g_autofree char *dir = g_dir_make_tmp ("bench-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  DeskHistory *history = open_history (path);
  gint64 start = g_get_monotonic_time ();
  double seconds;
  GStatBuf st = { 0 };

  n = MAX (n, 1);
  fill (history, n);
  seconds = ms_since (start) / 1000.0;
  g_stat (path, &st);
  g_print ("# %u attempts of %u writes each (begin, session, %u events, outcome)\n",
           n, EVENTS_PER_ATTEMPT, EVENTS_PER_ATTEMPT - 2);
  g_print ("fill: %.1f s, %.1f us per write in a stream, file %.1f MiB\n", seconds,
           seconds * 1e6 / ((double) n * EVENTS_PER_ATTEMPT), st.st_size / 1048576.0);
  g_print ("# medians of %u rounds; ratio = ours / bare SQLite doing the same query\n", ROUNDS);
  measure_writes (history, path);
  g_object_unref (history);
  measure_opens (path);
  measure_searches (path);
  remove_tree (dir);
  return 0;
}
