/* test-recorder.c — a real Sandbox attempt is written into the history as it happens: its
 * summary at the start, the session and each event while it runs, the outcome at the end
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "desk-har.h"
#include "desk-history-recorder.h"
#include "desk-sandbox.h"
#include "history-test-util.h"

typedef struct
{
  char                *dir;
  DeskSandbox         *sandbox;
  DeskEnvironment     *environment;
  DeskAttemptManager  *manager;
  DeskHistory         *history;
  DeskHistoryRecorder *recorder;
} Fixture;

static char *
start_sandbox (DeskEnvironment  *environment,
               gpointer          data,
               GError          **error)
{
  if (!desk_sandbox_start (data, error))
    return NULL;

  return g_strdup (desk_sandbox_get_base_url (data));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  fixture->dir = ht_scratch_dir ();
  path = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->history = ht_open (path);
  fixture->sandbox = desk_sandbox_new ();
  fixture->environment = desk_environment_new_sandbox ();
  desk_environment_set_starter (fixture->environment, start_sandbox,
                                g_object_ref (fixture->sandbox), g_object_unref);
  fixture->manager = desk_attempt_manager_new ();
  fixture->recorder = desk_history_recorder_new (fixture->history, fixture->manager);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->recorder);
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->environment);
  desk_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_clear_object (&fixture->history);
  ht_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
deadline_passed (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_consenting (DeskAttempt *attempt)
{
  gboolean late = FALSE;
  guint id = g_timeout_add_seconds (30, deadline_passed, &late);

  while (desk_attempt_get_state (attempt) < DESK_ATTEMPT_STATE_CONSENTING && !late)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (id);
  g_assert_cmpint (desk_attempt_get_state (attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);
}

static DeskAttempt *
start_attempt (Fixture    *fixture,
               const char *end_user_id)
{
  g_autoptr(DeskSessionRequest) request = NULL;

  request = desk_session_request_new (end_user_id, DESK_SANDBOX_DEFAULT_REDIRECT_URI,
                                      DESK_SANDBOX_DEFAULT_CANCEL_URI, NULL, NULL);

  return desk_attempt_manager_start (fixture->manager, fixture->environment, request,
                                     DESK_INTEGRATION_REDIRECT);
}

/* Kinds of the stored timeline, in order, as "api-request api-response …". */
static char *
stored_kinds (JsonObject *outcome)
{
  JsonArray *timeline = json_object_get_array_member (outcome, "timeline");
  g_autoptr(GString) kinds = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (timeline); i++)
    {
      JsonObject *event = json_array_get_object_element (timeline, i);

      g_string_append_printf (kinds, "%s%s", i > 0 ? " " : "",
                              json_object_get_string_member (event, "kind"));
    }

  return g_string_free (g_steal_pointer (&kinds), FALSE);
}

static char *
attempt_kinds (DeskAttempt *attempt)
{
  GListModel *timeline = G_LIST_MODEL (desk_attempt_get_timeline (attempt));
  g_autoptr(GString) kinds = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(DeskTimelineEvent) event = g_list_model_get_item (timeline, i);

      g_string_append_printf (kinds, "%s%s", i > 0 ? " " : "",
                              desk_timeline_kind_to_string (desk_timeline_event_get_kind (event)));
    }

  return g_string_free (g_steal_pointer (&kinds), FALSE);
}

/* While the consent page is open, before any outcome: the summary, the session and every
 * event so far are already committed (a crash now would lose none of them). */
static void
test_recorder_while_running (Fixture       *fixture,
                             gconstpointer  data)
{
  DeskAttempt *attempt = start_attempt (fixture, "eu_recorder_running");
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored_events = NULL;
  g_autofree char *live_events = NULL;
  JsonObject *session;

  wait_consenting (attempt);
  ht_flush (fixture->history);

  stored = ht_get_outcome (fixture->history, desk_attempt_get_id (attempt), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (stored, "outcome"), ==, "running");
  g_assert_cmpstr (json_object_get_string_member (stored, "environment"), ==, "sandbox");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (stored, "request"), "end_user_id"),
                   ==, "eu_recorder_running");
  session = json_object_get_object_member (stored, "session");
  g_assert_nonnull (session);
  g_assert_cmpstr (json_object_get_string_member (session, "session_id"), ==,
                   desk_attempt_get_session (attempt)->session_id);

  stored_events = stored_kinds (stored);
  live_events = attempt_kinds (attempt);
  g_assert_cmpstr (stored_events, ==, live_events);
  g_assert_nonnull (strstr (stored_events, "api-response"));

  desk_attempt_manager_cancel (fixture->manager);
}

/* At the end: the outcome object, with the very timeline the attempt kept, the outcome event
 * last; and the History list shows it under the environment's name. */
static void
test_recorder_outcome (Fixture       *fixture,
                       gconstpointer  data)
{
  DeskAttempt *attempt = start_attempt (fixture, "eu_recorder_done");
  g_autoptr(DeskHistoryModel) model = NULL;
  g_autoptr(DeskHistoryEntry) entry = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored_events = NULL;
  g_autofree char *live_events = NULL;
  g_autoptr(JsonArray) exchanges = NULL;
  g_autoptr(JsonNode) live = NULL;
  g_autoptr(JsonNode) stored_node = NULL;
  g_autofree char *live_entries = NULL;
  g_autofree char *stored_entries = NULL;

  wait_consenting (attempt);
  desk_attempt_manager_cancel (fixture->manager);
  g_assert_cmpint (desk_attempt_get_state (attempt), ==, DESK_ATTEMPT_STATE_FINISHED);
  ht_flush (fixture->history);

  stored = ht_get_outcome (fixture->history, desk_attempt_get_id (attempt), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (stored, "outcome"), ==, "cancelled");
  g_assert_false (json_object_get_null_member (stored, "finished_at"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (stored, "session"), "session_id"),
                   ==, desk_attempt_get_session (attempt)->session_id);
  stored_events = stored_kinds (stored);
  live_events = attempt_kinds (attempt);
  g_assert_cmpstr (stored_events, ==, live_events);
  g_assert_true (g_str_has_suffix (stored_events, " outcome"));

  /* Each API exchange as its HAR entry (the token's, then the session's), as the live HAR has
   * them, and no secret of them. */
  exchanges = ht_get_exchanges (fixture->history, desk_attempt_get_id (attempt));
  live = desk_har_new (desk_attempt_get_exchanges (attempt), PACKAGE_VERSION);
  live_entries = json_to_string (json_object_get_member (json_object_get_object_member (
                                   json_node_get_object (live), "log"), "entries"), FALSE);
  stored_node = json_node_init_array (json_node_alloc (), exchanges);
  stored_entries = json_to_string (stored_node, FALSE);
  g_assert_cmpuint (json_array_get_length (exchanges), >=, 2);
  g_assert_cmpstr (stored_entries, ==, live_entries);
  g_assert_nonnull (strstr (stored_entries, "/v1/token"));
  g_assert_nonnull (strstr (stored_entries, "/v1/auth/session"));
  g_assert_null (strstr (stored_entries, "sandbox-secret"));

  model = desk_history_model_new (fixture->history);
  desk_history_model_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  entry = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (desk_history_entry_get_attempt_id (entry), ==, desk_attempt_get_id (attempt));
  g_assert_cmpstr (desk_history_entry_get_environment_name (entry), ==,
                   desk_environment_get_title (fixture->environment));
  g_assert_cmpstr (desk_history_entry_get_end_user_id (entry), ==, "eu_recorder_done");
  g_assert_cmpstr (desk_history_entry_get_outcome (entry), ==, "cancelled");
}

/* Two attempts in a row (Try again): both recorded, each with its own events. */
static void
test_recorder_two_attempts (Fixture       *fixture,
                            gconstpointer  data)
{
  DeskAttempt *first = start_attempt (fixture, "eu_recorder_twice");
  g_autofree char *first_id = g_strdup (desk_attempt_get_id (first));
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(GError) error = NULL;
  DeskAttempt *second;
  JsonArray *array;

  wait_consenting (first);
  desk_attempt_manager_cancel (fixture->manager);
  second = desk_attempt_manager_try_again (fixture->manager);
  g_assert_nonnull (second);
  wait_consenting (second);
  desk_attempt_manager_cancel (fixture->manager);
  ht_flush (fixture->history);

  all = ht_export (fixture->history, NULL, NULL, &error);
  g_assert_no_error (error);
  array = json_node_get_array (all);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  /* Newest first. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "attempt_id"),
                   ==, desk_attempt_get_id (second));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1),
                                                  "attempt_id"),
                   ==, first_id);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *outcome = json_array_get_object_element (array, i);
      g_autofree char *kinds = stored_kinds (outcome);

      g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "cancelled");
      g_assert_true (g_str_has_prefix (kinds, "api-request"));
      g_assert_true (g_str_has_suffix (kinds, " outcome"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history/recorder/while-running", Fixture, NULL,
              fixture_set_up, test_recorder_while_running, fixture_tear_down);
  g_test_add ("/history/recorder/outcome", Fixture, NULL,
              fixture_set_up, test_recorder_outcome, fixture_tear_down);
  g_test_add ("/history/recorder/two-attempts", Fixture, NULL,
              fixture_set_up, test_recorder_two_attempts, fixture_tear_down);

  return g_test_run ();
}
