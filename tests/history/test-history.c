/* test-history.c — the attempt history: round trips, search, deletion, export, recovery, secrets
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "history-test-util.h"

typedef struct
{
  char        *dir;
  char        *path;
  DeskHistory *history;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = ht_scratch_dir ();
  f->path = g_build_filename (f->dir, "consent-desk", "history.db", NULL);
  f->history = ht_open (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->history);
  ht_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
reopen (Fixture *f)
{
  g_clear_object (&f->history);
  f->history = ht_open (f->path);
}

static const char * const event_kinds[] = {
  "api-request", "api-response", "navigation", "load", "message", "popup", "consent-check",
  "notice", "outcome",
};

/* Every outcome kind, with every event kind in its timeline, comes back as it went in. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  const char *kind = data;
  gboolean failed = g_str_equal (kind, "failure");
  g_autoptr(JsonObject) summary = ht_summary ("7a0e0c2e-0000-4000-8000-000000000001", "sandbox",
                                              "eu_1", "alex@example.com", "Alex", NULL);
  g_autoptr(JsonObject) session = ht_session ("sess_1");
  g_autoptr(JsonObject) outcome = ht_outcome (summary, kind, "sess_1",
                                              failed ? "consent_rejected" : NULL,
                                              failed ? "err_42" : NULL);
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *timeline = json_object_get_array_member (outcome, "timeline");
  g_autoptr(JsonNode) want = NULL;
  g_autoptr(JsonNode) have = NULL;

  desk_history_begin (f->history, summary);
  desk_history_set_session (f->history, "7a0e0c2e-0000-4000-8000-000000000001", session);
  for (gsize i = 0; i < G_N_ELEMENTS (event_kinds); i++)
    {
      JsonObject *event = ht_event (event_kinds[i], i);
      desk_history_append_event (f->history, "7a0e0c2e-0000-4000-8000-000000000001", event);
      json_array_add_object_element (timeline, event);
    }
  desk_history_finish (f->history, outcome);
  reopen (f);

  got = ht_get_outcome (f->history, "7a0e0c2e-0000-4000-8000-000000000001", &error);
  g_assert_no_error (error);
  want = json_node_init_object (json_node_alloc (), outcome);
  have = json_node_init_object (json_node_alloc (), got);
  if (!json_node_equal (want, have))
    {
      g_autofree char *a = json_to_string (want, TRUE);
      g_autofree char *b = json_to_string (have, TRUE);
      g_error ("Round trip changed the outcome:\n%s\n---\n%s", a, b);
    }
}

/* Ten minutes apart, newest last; users, sessions and error types vary. */
static void
fill (DeskHistory *history,
      guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
      g_autofree char *user = g_strdup_printf ("eu_%u", i);
      g_autofree char *email = g_strdup_printf ("Person%u@Example.COM", i);
      g_autofree char *name = g_strdup_printf ("Zoë Person %u", i);
      g_autofree char *session = g_strdup_printf ("sess_%u", i);
      g_autofree char *error_id = g_strdup_printf ("ERR-%u", i);
      g_autofree char *started = ht_iso_days_ago ((n - i) / 144.0);
      g_autoptr(JsonObject) summary = ht_summary (id, i % 3 ? "sandbox" : "production", user,
                                                  email, name, started);
      gboolean fail = i % 4 == 0;

      ht_record (history, summary, fail ? "failure" : "success", session,
                 fail ? "consent_rejected" : NULL, fail ? error_id : NULL, 2);
    }
}

static guint
count_where (DeskHistoryModel *model,
             const char       *search,
             const char       *environment,
             const char       *outcome)
{
  desk_history_model_set_search (model, search);
  desk_history_model_set_environment (model, environment);
  desk_history_model_set_outcome (model, outcome);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DeskHistoryModel) model = NULL;
  g_autoptr(GDateTime) previous = NULL;
  guint n;

  fill (f->history, 230);
  ht_flush (f->history);
  model = desk_history_model_new (f->history);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 230);

  /* Newest first across every page, and the first row is the last attempt made. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (model), i);
      GDateTime *started = desk_history_entry_get_started_at (entry);
      g_autofree char *want = g_strdup_printf ("00000000-0000-4000-8000-%012u", 229 - i);

      g_assert_cmpstr (desk_history_entry_get_attempt_id (entry), ==, want);
      if (previous != NULL)
        g_assert_cmpint (g_date_time_compare (started, previous), <=, 0);
      g_clear_pointer (&previous, g_date_time_unref);
      previous = g_date_time_ref (started);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));

  /* Substring, case-insensitive, over id, email, name, session, error type and error id. */
  g_assert_cmpuint (count_where (model, "person12@example", NULL, NULL), ==, 1);
  g_assert_cmpuint (count_where (model, "PERSON12", NULL, NULL), ==, 11); /* 12, 120-129 */
  g_assert_cmpuint (count_where (model, "zoË person 7", NULL, NULL), ==, 11);
  g_assert_cmpuint (count_where (model, "eu_229", NULL, NULL), ==, 1);
  g_assert_cmpuint (count_where (model, "sess_100", NULL, NULL), ==, 1);
  g_assert_cmpuint (count_where (model, "Consent_Rejected", NULL, NULL), ==, 58);
  g_assert_cmpuint (count_where (model, "err-8", NULL, NULL), ==, 1 + 3);  /* 8, 80, 84, 88 */
  g_assert_cmpuint (count_where (model, "no such person", NULL, NULL), ==, 0);
  g_assert_cmpuint (count_where (model, "%", NULL, NULL), ==, 0);
  /* Filters, alone and with a search. */
  g_assert_cmpuint (count_where (model, NULL, "production", NULL), ==, 77);
  g_assert_cmpuint (count_where (model, NULL, NULL, "failure"), ==, 58);
  g_assert_cmpuint (count_where (model, NULL, NULL, "success"), ==, 172);
  g_assert_cmpuint (count_where (model, NULL, "production", "failure"), ==, 20);
  g_assert_cmpuint (count_where (model, "person1", "sandbox", "success"), ==, 57);
  g_assert_cmpuint (count_where (model, "", NULL, NULL), ==, 230);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  *(gboolean *) data = TRUE;
}

/* The list follows the store: a new attempt appears on top, running until it ends. */
static void
test_model_follows (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DeskHistoryModel) model = desk_history_model_new (f->history);
  g_autoptr(JsonObject) summary = ht_summary ("a-1", "sandbox", "eu_1", "a@example.com", "A",
                                              NULL);
  g_autoptr(JsonObject) outcome = ht_outcome (summary, "cancelled", NULL, NULL, NULL);
  g_autoptr(DeskHistoryEntry) entry = NULL;
  gboolean changed = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changed);
  desk_history_begin (f->history, summary);
  ht_wait_flag (&changed, "the new attempt in the list");
  entry = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (desk_history_entry_get_outcome (entry), ==, "running");
  g_assert_cmpstr (desk_history_entry_get_environment_name (entry), ==, "Sandbox");
  g_assert_cmpstr (desk_history_entry_get_end_user_email (entry), ==, "a@example.com");
  g_clear_object (&entry);

  changed = FALSE;
  desk_history_finish (f->history, outcome);
  ht_wait_flag (&changed, "the attempt's end in the list");
  entry = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (desk_history_entry_get_outcome (entry), ==, "cancelled");
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autoptr(GBytes) bytes = ht_read_all (path);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  gsize length = strlen (needle);

  for (gsize i = 0; i + length <= size; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

static void
test_delete_clear (Fixture       *f,
                   gconstpointer  data)
{
  const char * const ids[] = {
    "00000000-0000-4000-8000-000000000003", "00000000-0000-4000-8000-000000000004",
    "not-there", NULL,
  };
  g_autoptr(DeskHistoryModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autofree char *exchange = g_strconcat ("exchange-", ids[0], NULL);
  g_autoptr(JsonArray) exchanges = NULL;
  g_autoptr(JsonArray) no_exchanges = NULL;
  g_autoptr(JsonArray) cleared = NULL;

  fill (f->history, 10);
  ht_flush (f->history);
  model = desk_history_model_new (f->history);
  g_assert_true (file_contains (f->path, "Person3@Example.COM"));
  exchanges = ht_get_exchanges (f->history, ids[0]);
  g_assert_cmpuint (json_array_get_length (exchanges), ==, 1);
  g_assert_true (file_contains (f->path, exchange));

  g_assert_cmpint (ht_delete (f->history, ids), ==, 2);
  gone = ht_get_outcome (f->history, ids[0], &error);
  g_assert_error (error, DESK_HISTORY_ERROR, DESK_HISTORY_ERROR_NOT_FOUND);
  g_assert_null (gone);
  ht_flush (f->history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 8);
  /* Gone from the disk, not only from the list: its exchanges too. */
  g_assert_false (file_contains (f->path, "Person3@Example.COM"));
  g_assert_true (file_contains (f->path, "Person5@Example.COM"));
  no_exchanges = ht_get_exchanges (f->history, ids[0]);
  g_assert_cmpuint (json_array_get_length (no_exchanges), ==, 0);
  g_assert_false (file_contains (f->path, exchange));

  g_assert_cmpint (ht_clear (f->history), ==, 8);
  ht_flush (f->history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_false (file_contains (f->path, "Person5@Example.COM"));
  g_assert_false (file_contains (f->path, "exchange-"));
  cleared = ht_get_exchanges (f->history, "00000000-0000-4000-8000-000000000005");
  g_assert_cmpuint (json_array_get_length (cleared), ==, 0);
}

static void
test_retention (Fixture       *f,
                gconstpointer  data)
{
  struct { const char *id; double days; gboolean finish; gboolean kept; } rows[] = {
    { "old", 100, TRUE, FALSE },
    { "recent", 10, TRUE, TRUE },
    { "edge", 89.9, TRUE, TRUE },
    { "old-but-running", 200, FALSE, TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *started = ht_iso_days_ago (rows[i].days);
      g_autoptr(JsonObject) summary = ht_summary (rows[i].id, "sandbox", "eu", "e@x", "E",
                                                  started);
      if (rows[i].finish)
        ht_record (f->history, summary, "success", NULL, NULL, NULL, 1);
      else
        desk_history_begin (f->history, summary);
    }
  g_assert_cmpint (ht_retain (f->history, 0), ==, 0);
  g_assert_cmpint (ht_retain (f->history, 90), ==, 1);
  g_assert_cmpint (ht_retain (f->history, 90), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) outcome = ht_get_outcome (f->history, rows[i].id, &error);
      g_autoptr(JsonArray) exchanges = ht_get_exchanges (f->history, rows[i].id);

      g_assert_true ((outcome != NULL) == rows[i].kept);
      /* A recorded attempt's exchanges go with it. */
      if (rows[i].finish)
        g_assert_cmpuint (json_array_get_length (exchanges), ==, rows[i].kept ? 1 : 0);
    }
  g_assert_cmpint (ht_retain (f->history, 5), ==, 2);
}

static void
assert_contract_keys (JsonObject *object)
{
  static const char * const keys[] = {
    "attempt_id", "outcome", "integration", "environment", "api_url", "end_user", "request",
    "session", "callback", "session_check", "consent_check", "consent", "error", "error_type",
    "error_description", "error_id", "error_uri", "api_error", "started_at", "finished_at",
    "timeline",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!json_object_has_member (object, keys[i]))
      g_error ("Outcome lacks “%s”", keys[i]);
}

/* The recorder begins an attempt before the attempt stamps its start; once finished, the row
 * holds the outcome's own started_at, so --since=<an exported started_at> finds that attempt. */
static void
test_since_own_start (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 2);
  g_autofree char *start = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(JsonObject) begun = ht_summary ("own-start", "sandbox", "eu_s", NULL, NULL, NULL);
  g_autoptr(JsonObject) stamped = ht_summary ("own-start", "sandbox", "eu_s", NULL, NULL, start);
  g_autoptr(JsonObject) outcome = ht_outcome (stamped, "success", "sess_s", NULL, NULL);
  g_autoptr(GDateTime) since = g_date_time_new_from_iso8601 (start, NULL);
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(GError) error = NULL;

  desk_history_begin (f->history, begun);
  ht_flush (f->history);
  desk_history_finish (f->history, outcome);
  found = ht_export (f->history, since, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (found), 0),
                     "started_at"), ==, start);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  const char * const some[] = {
    "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000004", NULL,
  };
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) picked = NULL;
  g_autoptr(JsonNode) recent = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = g_date_time_add_hours (now, -1);
  g_autoptr(JsonObject) dead = ht_summary ("dead-1", "sandbox", "eu_d", "d@x", "D", NULL);
  g_autoptr(JsonObject) event = ht_event ("navigation", 1);
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *first;

  fill (f->history, 20);  /* ten minutes apart: 6 in the last hour, plus the unfinished one */
  desk_history_begin (f->history, dead);
  desk_history_append_event (f->history, "dead-1", event);
  all = ht_export (f->history, NULL, NULL, &error);
  g_assert_no_error (error);
  array = json_node_get_array (all);
  g_assert_cmpuint (json_array_get_length (array), ==, 21);
  /* Newest first: the unfinished one (started now), then attempt 19. */
  first = json_array_get_object_element (array, 0);
  assert_contract_keys (first);
  g_assert_cmpstr (json_object_get_string_member (first, "attempt_id"), ==, "dead-1");
  g_assert_cmpstr (json_object_get_string_member (first, "outcome"), ==, "running");
  g_assert_true (json_object_get_null_member (first, "finished_at"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "timeline")),
                    ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1),
                                                  "attempt_id"),
                   ==, "00000000-0000-4000-8000-000000000019");
  for (guint i = 1; i < 21; i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      assert_contract_keys (o);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "timeline")),
                        ==, 2);
    }

  picked = ht_export (f->history, NULL, some, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (picked)), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (picked), 0),
                     "attempt_id"), ==, some[1]);

  recent = ht_export (f->history, since, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (recent)), ==, 7);

  /* Once its process is gone (here: its store), the unfinished one is interrupted. */
  reopen (f);
  g_clear_pointer (&all, json_node_unref);
  all = ht_export (f->history, NULL, NULL, &error);
  first = json_array_get_object_element (json_node_get_array (all), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "outcome"), ==, "interrupted");
  assert_contract_keys (first);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first,
                                                                                 "request"),
                                                  "end_user_id"), ==, "eu_d");
}

/* Planted in every place a careless caller could put them. */
static const char * const secrets[] = {
  "sk_live_CLIENTSECRET_0123456789", "eyJACCESSTOKEN.payload.signature987",
  "BEARERTOKEN_abcdefghijklmnop", "REFRESH_zyxwvutsrqponmlk", "BASICCREDENTIALS0123456789==",
  "QUERYTOKEN_0123456789abcdef",
};

static void
test_secrets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonObject) summary = ht_summary ("s-1", "production", "eu_s", "s@x", "S", NULL);
  g_autoptr(JsonObject) outcome = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *event_json = g_strdup_printf (
    "{\"at\": \"2026-12-04T16:00:00Z\", \"kind\": \"api-request\", \"method\": \"POST\","
    " \"url\": \"https://api.example/v1/token?access_token=%s&x=1\","
    " \"headers\": [{\"name\": \"Authorization\", \"value\": \"Bearer %s\"},"
    "               {\"name\": \"Accept\", \"value\": \"application/json\"}],"
    " \"body\": \"grant_type=client_credentials&client_secret=%s\","
    " \"response\": \"{\\\"token\\\": \\\"%s\\\", \\\"expires_in\\\": 600}\","
    " \"Client_Secret\": \"%s\", \"note\": \"sent Basic %s\","
    " \"nested\": {\"refresh_token\": \"%s\", \"list\": [\"Bearer %s\"]}}",
    secrets[1], secrets[2], secrets[0], secrets[1], secrets[0], secrets[4], secrets[3],
    secrets[5]);

  json_object_set_string_member (json_object_get_object_member (summary, "request"),
                                 "access_token", secrets[1]);
  json_object_set_string_member (summary, "authorization", secrets[2]);
  outcome = ht_outcome (summary, "success", "sess_s", NULL, NULL);
  json_object_set_string_member (outcome, "error_description",
                                 "token=QUERYTOKEN_0123456789abcdef was refused");
  desk_history_begin (f->history, summary);
  g_assert_true (json_parser_load_from_data (parser, event_json, -1, NULL));
  desk_history_append_event (f->history, "s-1",
                             json_node_get_object (json_parser_get_root (parser)));
  /* An exchange is hidden the same way, should one ever carry a secret. */
  desk_history_append_exchange (f->history, "s-1",
                                json_node_get_object (json_parser_get_root (parser)));
  desk_history_finish (f->history, outcome);
  ht_flush (f->history);

  got = ht_get_outcome (f->history, "s-1", &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), got);
    g_autofree char *text = json_to_string (node, FALSE);
    g_assert_nonnull (strstr (text, "[hidden]"));
    g_assert_nonnull (strstr (text, "application/json"));  /* only secrets go */
    g_assert_nonnull (strstr (text, "grant_type=client_credentials"));
    for (gsize i = 0; i < G_N_ELEMENTS (secrets); i++)
      g_assert_null (strstr (text, secrets[i]));
  }
  /* Every byte on disk, open and after closing. */
  for (guint round = 0; round < 2; round++)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (secrets); i++)
        if (file_contains (f->path, secrets[i]))
          g_error ("Secret %s reached the history file", secrets[i]);
      g_assert_true (file_contains (f->path, "sess_s"));
      g_clear_object (&f->history);
    }
}

static void
on_changed (DeskHistory *history,
            gpointer     data)
{
  *(gboolean *) data = TRUE;
}

typedef struct
{
  GThread  *thread;    /* where the last "changed" ran */
  gboolean  changed;   /* atomic: the writer thread would set it, were the notice run there */
} Delivery;

static void
on_changed_where (DeskHistory *history,
                  gpointer     data)
{
  Delivery *delivery = data;

  delivery->thread = g_thread_self ();
  g_atomic_int_set (&delivery->changed, TRUE);
}

/* The writer thread's notices run in the store's main context, the one the UI runs in, and
 * only when it is iterated. Between two iterations that context is free, and a notice used to
 * run right away in the writer thread, taking the UI's handlers (GTK) with it. */
static void
test_notices_in_context (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) summary = ht_summary ("t-notice", "sandbox", "eu", "e@x", "E", NULL);
  Delivery delivery = { NULL, FALSE };

  ht_flush (f->history);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_connect (f->history, "changed", G_CALLBACK (on_changed_where), &delivery);
  desk_history_begin (f->history, summary);

  /* Not iterating, while the writer records the attempt (its id reaches the file) and posts
   * its notice. */
  for (guint waited = 0; waited < 10000 && !file_contains (f->path, "t-notice"); waited += 10)
    g_usleep (10 * 1000);
  g_assert_true (file_contains (f->path, "t-notice"));
  g_usleep (300 * 1000);
  g_assert_false (g_atomic_int_get (&delivery.changed));

  ht_wait_flag (&delivery.changed, "the notice");
  g_assert_true (delivery.thread == g_thread_self ());
}

/* The app creates the store at start-up and an attempt (--start) may begin before the file is
 * open: those writes wait in the queue and are all recorded. */
static void
test_write_before_open (void)
{
  g_autofree char *dir = ht_scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "history.db", NULL);
  g_autoptr(DeskHistory) history = desk_history_new (path);
  g_autoptr(DeskHistoryModel) model = desk_history_model_new (history);
  g_autoptr(JsonObject) summary = ht_summary ("early", "sandbox", "eu", "e@x", "E", NULL);
  g_autoptr(JsonObject) outcome = NULL;
  g_autoptr(GError) error = NULL;
  gboolean opened = FALSE;

  g_signal_connect (history, "changed", G_CALLBACK (on_changed), &opened);
  ht_record (history, summary, "expired", "sess_e", NULL, NULL, 4);
  ht_wait_flag (&opened, "the store to open");
  ht_flush (history);
  g_assert_true (desk_history_get_available (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  outcome = ht_get_outcome (history, "early", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "expired");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (outcome, "timeline")),
                    ==, 4);
  g_clear_object (&model);
  g_clear_object (&history);
  ht_remove_tree (dir);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) summary = ht_summary ("p-1", "sandbox", "eu", "e@x", "E", NULL);
  g_autofree char *dir = g_path_get_dirname (f->path);
  const char *suffixes[] = { "", "-wal", "-shm" };
  GStatBuf st;

  desk_history_begin (f->history, summary);
  ht_flush (f->history);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      g_assert_cmpint (g_stat (file, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  g_assert_true (desk_history_get_available (f->history));
  g_assert_null (desk_history_get_problem (f->history));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const outcomes[] = {
    "success", "failure", "expired", "cancelled", "closed", "api-error", "navigation-error",
  };

  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autofree char *name = g_strdup_printf ("/history/round-trip/%s", outcomes[i]);
      g_test_add (name, Fixture, outcomes[i], fixture_set_up, test_round_trip,
                  fixture_tear_down);
    }
  g_test_add ("/history/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/history/model-follows", Fixture, NULL, fixture_set_up, test_model_follows,
              fixture_tear_down);
  g_test_add ("/history/delete-clear", Fixture, NULL, fixture_set_up, test_delete_clear,
              fixture_tear_down);
  g_test_add ("/history/retention", Fixture, NULL, fixture_set_up, test_retention,
              fixture_tear_down);
  g_test_add ("/history/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/history/since-own-start", Fixture, NULL, fixture_set_up, test_since_own_start,
              fixture_tear_down);
  g_test_add ("/history/secrets", Fixture, NULL, fixture_set_up, test_secrets,
              fixture_tear_down);
  g_test_add ("/history/permissions", Fixture, NULL, fixture_set_up, test_permissions,
              fixture_tear_down);
  g_test_add ("/history/notices-in-context", Fixture, NULL, fixture_set_up,
              test_notices_in_context, fixture_tear_down);
  g_test_add_func ("/history/write-before-open", test_write_before_open);
  return g_test_run ();
}
