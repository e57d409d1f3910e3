/* test-outcome.c — the outcome's JSON contract (design.md), exit statuses and kind names
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "desk-fiskil.h"

#define REDIRECT "https://callback.consent-desk.invalid/done"
#define CANCEL   "https://callback.consent-desk.invalid/cancel"

static const char * const outcome_keys[] = {
  "attempt_id", "outcome", "integration", "environment", "api_url", "end_user", "request",
  "session", "callback", "session_check", "consent_check", "consent",
  "error", "error_type", "error_description", "error_id", "error_uri",
  "api_error", "started_at", "finished_at", "timeline", NULL,
};
static const char * const request_keys[] = {
  "end_user_id", "redirect_uri", "cancel_uri", "institution_id", "permissions", NULL,
};
static const char * const session_keys[] = {
  "id", "session_id", "auth_url", "expires_at", NULL,
};
static const char * const callback_keys[] = {
  "uri", "matched", "params", "via", "message", NULL,
};
static const char * const api_error_keys[] = {
  "http_status", "id", "name", "message", "code", "description", NULL,
};

/* Exactly these members, in this order: nothing missing, nothing more. */
static void
assert_keys (JsonObject         *object,
             const char * const *expected)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint i = 0;

  for (GList *l = members; l != NULL; l = l->next, i++)
    {
      g_assert_nonnull (expected[i]);
      g_assert_cmpstr (l->data, ==, expected[i]);
    }

  g_assert_null (expected[i]);
}

static void
assert_null_member (JsonObject *object,
                    const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, member)));
}

static DeskSessionRequest *
make_request (void)
{
  const char *permissions[] = { "accounts", "transactions", "future_permission", NULL };

  return desk_session_request_new ("eu_42", REDIRECT, CANCEL, "anz", permissions);
}

static GDateTime *
make_time (int hour,
           int minute,
           int second)
{
  return g_date_time_new_utc (2026, 11, 28, hour, minute, second);
}

/* The JSON as a script reads it: through the serialised string, not the in-memory node. */
static JsonObject *
outcome_object (const DeskOutcome *outcome)
{
  g_autofree char *text = desk_outcome_to_json_string (outcome, TRUE);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  assert_keys (json_node_get_object (node), outcome_keys);

  return json_object_ref (json_node_get_object (node));
}

static void
test_unknown_is_null (void)
{
  g_autoptr(DeskSessionRequest) request = desk_session_request_new ("eu_42", REDIRECT, CANCEL,
                                                                    "", NULL);
  g_autoptr(GDateTime) started_at = make_time (1, 2, 3);
  g_autoptr(DeskOutcome) outcome = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *request_object;
  JsonArray *permissions;

  outcome = desk_outcome_new (DESK_OUTCOME_CLOSED, NULL, NULL, request, NULL, started_at);
  object = outcome_object (outcome);

  g_assert_cmpstr (json_object_get_string_member (object, "outcome"), ==, "closed");
  for (guint i = 0; outcome_keys[i] != NULL; i++)
    {
      const char *key = outcome_keys[i];

      if (!g_str_equal (key, "outcome") && !g_str_equal (key, "request") &&
          !g_str_equal (key, "started_at") && !g_str_equal (key, "integration") &&
          !g_str_equal (key, "timeline"))
        assert_null_member (object, key);
    }
  /* The default pattern, and an empty timeline rather than null. */
  g_assert_cmpstr (json_object_get_string_member (object, "integration"), ==, "redirect");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "timeline")),
                    ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "started_at"), ==,
                   "2026-11-28T01:02:03Z");

  request_object = json_object_get_object_member (object, "request");
  assert_keys (request_object, request_keys);
  g_assert_cmpstr (json_object_get_string_member (request_object, "end_user_id"), ==, "eu_42");
  assert_null_member (request_object, "institution_id");
  /* Always an array, even when nothing was asked for */
  permissions = json_object_get_array_member (request_object, "permissions");
  g_assert_nonnull (permissions);
  g_assert_cmpuint (json_array_get_length (permissions), ==, 0);
}

static void
test_success (void)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(DeskCallback) callback = NULL;
  g_autoptr(GDateTime) started_at = make_time (1, 2, 3);
  g_autoptr(GTimeZone) sydney = g_time_zone_new_offset (11 * 3600);
  g_autoptr(GDateTime) finished_at = g_date_time_new (sydney, 2026, 11, 28, 12, 4, 5.75);
  g_autoptr(DeskOutcome) outcome = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *member;
  JsonArray *permissions;

  session = desk_auth_session_new ("client_1", "sess_1",
                                   "http://127.0.0.1:8123/auth/start?session=sess_1",
                                   1795827723, 5);
  callback = desk_callback_parse (REDIRECT "?session_id=sess_1&state=a+b&state=second",
                                  REDIRECT, CANCEL);
  g_assert_nonnull (callback);

  outcome = desk_outcome_new (DESK_OUTCOME_CLOSED, "sandbox", "http://127.0.0.1:8123",
                              request, session, started_at);
  desk_outcome_set_callback (outcome, callback, NULL, NULL);
  desk_outcome_finish (outcome, finished_at);

  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_cmpint (desk_outcome_exit_status (outcome), ==, 0);

  object = outcome_object (outcome);
  g_assert_cmpstr (json_object_get_string_member (object, "outcome"), ==, "success");
  g_assert_cmpstr (json_object_get_string_member (object, "environment"), ==, "sandbox");
  g_assert_cmpstr (json_object_get_string_member (object, "api_url"), ==,
                   "http://127.0.0.1:8123");
  g_assert_cmpstr (json_object_get_string_member (object, "started_at"), ==,
                   "2026-11-28T01:02:03Z");
  /* 12:04:05.75 at UTC+11 */
  g_assert_cmpstr (json_object_get_string_member (object, "finished_at"), ==,
                   "2026-11-28T01:04:05Z");
  assert_null_member (object, "error");
  assert_null_member (object, "error_type");
  assert_null_member (object, "api_error");

  member = json_object_get_object_member (object, "request");
  assert_keys (member, request_keys);
  g_assert_cmpstr (json_object_get_string_member (member, "redirect_uri"), ==, REDIRECT);
  g_assert_cmpstr (json_object_get_string_member (member, "cancel_uri"), ==, CANCEL);
  g_assert_cmpstr (json_object_get_string_member (member, "institution_id"), ==, "anz");
  permissions = json_object_get_array_member (member, "permissions");
  g_assert_cmpuint (json_array_get_length (permissions), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (permissions, 2), ==, "future_permission");

  member = json_object_get_object_member (object, "session");
  assert_keys (member, session_keys);
  g_assert_cmpstr (json_object_get_string_member (member, "id"), ==, "client_1");
  g_assert_cmpstr (json_object_get_string_member (member, "session_id"), ==, "sess_1");
  g_assert_cmpstr (json_object_get_string_member (member, "auth_url"), ==,
                   "http://127.0.0.1:8123/auth/start?session=sess_1");
  /* Fiskil's own value, by the server's clock */
  g_assert_cmpstr (json_object_get_string_member (member, "expires_at"), ==,
                   "2026-11-28T01:02:03Z");

  member = json_object_get_object_member (object, "callback");
  assert_keys (member, callback_keys);
  g_assert_cmpstr (json_object_get_string_member (member, "uri"), ==,
                   REDIRECT "?session_id=sess_1&state=a+b&state=second");
  g_assert_cmpstr (json_object_get_string_member (member, "matched"), ==, "redirect");
  member = json_object_get_object_member (member, "params");
  g_assert_cmpuint (json_object_get_size (member), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (member, "session_id"), ==, "sess_1");
  g_assert_cmpstr (json_object_get_string_member (member, "state"), ==, "a b");
}

static void
test_failure (void)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  g_autoptr(DeskCallback) cancelled = NULL;
  g_autoptr(DeskCallback) failed = NULL;
  g_autoptr(DeskOutcome) outcome = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *params;

  /* The cancel URI without any error parameter: a failure of unknown type */
  cancelled = desk_callback_parse (CANCEL, REDIRECT, CANCEL);
  outcome = desk_outcome_new (DESK_OUTCOME_CLOSED, "production", "https://api.fiskil.com",
                              request, NULL, NULL);
  desk_outcome_set_callback (outcome, cancelled, NULL, NULL);
  desk_outcome_finish (outcome, NULL);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_FAILURE);
  g_assert_cmpint (desk_outcome_exit_status (outcome), ==, 1);

  object = outcome_object (outcome);
  g_assert_cmpstr (json_object_get_string_member (object, "outcome"), ==, "failure");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "callback"),
                                                  "matched"), ==, "cancel");
  assert_null_member (object, "error");
  assert_null_member (object, "error_type");
  /* now stamped in ISO 8601 UTC */
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "finished_at"), "Z"));
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "finished_at")), ==, 20);
  g_clear_pointer (&object, json_object_unref);

  /* With every field the Link SDK reads, from the query and the fragment */
  failed = desk_callback_parse (CANCEL "?error=access_denied&error_type=CONSENT_OTP_FAILURE"
                                "&error_description=Code+expired&error_type=SECOND"
                                "#error_id=err_1&error_uri=https%3A%2F%2Fdocs.example%2Fe",
                                REDIRECT, CANCEL);
  desk_outcome_set_callback (outcome, failed, NULL, NULL);
  object = outcome_object (outcome);
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, "access_denied");
  g_assert_cmpstr (json_object_get_string_member (object, "error_type"), ==,
                   "CONSENT_OTP_FAILURE");
  g_assert_cmpstr (json_object_get_string_member (object, "error_description"), ==,
                   "Code expired");
  g_assert_cmpstr (json_object_get_string_member (object, "error_id"), ==, "err_1");
  g_assert_cmpstr (json_object_get_string_member (object, "error_uri"), ==,
                   "https://docs.example/e");

  params = json_object_get_object_member (json_object_get_object_member (object, "callback"),
                                          "params");
  g_assert_cmpuint (json_object_get_size (params), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (params, "error_type"), ==,
                   "CONSENT_OTP_FAILURE");
}

static void
test_callback_replaces_errors (void)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  g_autoptr(DeskCallback) failed = desk_callback_parse (CANCEL "?error=server_error&error_id=e",
                                                        REDIRECT, CANCEL);
  g_autoptr(DeskCallback) succeeded = desk_callback_parse (REDIRECT, REDIRECT, CANCEL);
  g_autoptr(DeskOutcome) outcome = NULL;

  outcome = desk_outcome_new (DESK_OUTCOME_CLOSED, "sandbox", NULL, request, NULL, NULL);
  desk_outcome_set_callback (outcome, failed, NULL, NULL);
  g_assert_cmpstr (outcome->error_id, ==, "e");

  desk_outcome_set_callback (outcome, succeeded, NULL, NULL);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_null (outcome->error);
  g_assert_null (outcome->error_id);
  g_assert_cmpint (outcome->callback->matched, ==, DESK_CALLBACK_MATCH_REDIRECT);
}

static void
test_api_error (void)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  g_autoptr(DeskApiError) api_error = NULL;
  g_autoptr(DeskApiError) no_answer = NULL;
  g_autoptr(DeskOutcome) outcome = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *member;

  api_error = desk_api_error_new (400, "err_7c1d", "InvalidRequest",
                                  "invalid_institution_id", 30);
  outcome = desk_outcome_new (DESK_OUTCOME_CLOSED, "custom", "https://fiskil.test",
                              request, NULL, NULL);
  desk_outcome_set_api_error (outcome, api_error);
  desk_outcome_finish (outcome, NULL);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_API_ERROR);
  g_assert_cmpint (desk_outcome_exit_status (outcome), ==, 3);

  object = outcome_object (outcome);
  g_assert_cmpstr (json_object_get_string_member (object, "outcome"), ==, "api-error");
  assert_null_member (object, "session");
  assert_null_member (object, "callback");
  member = json_object_get_object_member (object, "api_error");
  /* Retry-After is for the client, not part of the contract */
  assert_keys (member, api_error_keys);
  g_assert_cmpint (json_object_get_int_member (member, "http_status"), ==, 400);
  g_assert_cmpstr (json_object_get_string_member (member, "id"), ==, "err_7c1d");
  g_assert_cmpstr (json_object_get_string_member (member, "name"), ==, "InvalidRequest");
  g_assert_cmpstr (json_object_get_string_member (member, "message"), ==,
                   "invalid_institution_id");
  g_clear_pointer (&object, json_object_unref);

  /* A refused connection: no HTTP answer, nothing from Fiskil */
  no_answer = desk_api_error_new (0, NULL, NULL, NULL, -1);
  desk_outcome_set_api_error (outcome, no_answer);
  object = outcome_object (outcome);
  member = json_object_get_object_member (object, "api_error");
  assert_keys (member, api_error_keys);
  for (guint i = 0; api_error_keys[i] != NULL; i++)
    assert_null_member (member, api_error_keys[i]);
}

static void
test_exit_status (void)
{
  static const struct
  {
    DeskOutcomeKind kind;
    int             status;
  } cases[] = {
    { DESK_OUTCOME_SUCCESS, 0 },
    { DESK_OUTCOME_FAILURE, 1 },
    { DESK_OUTCOME_EXPIRED, 1 },
    { DESK_OUTCOME_CLOSED, 1 },
    { DESK_OUTCOME_NAVIGATION_ERROR, 1 },
    { DESK_OUTCOME_API_ERROR, 3 },
  };
  g_autoptr(DeskSessionRequest) request = make_request ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DeskOutcome) outcome = desk_outcome_new (cases[i].kind, "sandbox", NULL,
                                                         request, NULL, NULL);

      g_assert_cmpint (desk_outcome_exit_status (outcome), ==, cases[i].status);
    }
}

static void
test_kind_strings (void)
{
  static const struct
  {
    DeskOutcomeKind  kind;
    const char      *name;
  } cases[] = {
    { DESK_OUTCOME_SUCCESS, "success" },
    { DESK_OUTCOME_FAILURE, "failure" },
    { DESK_OUTCOME_EXPIRED, "expired" },
    { DESK_OUTCOME_CLOSED, "closed" },
    { DESK_OUTCOME_API_ERROR, "api-error" },
    { DESK_OUTCOME_NAVIGATION_ERROR, "navigation-error" },
  };
  DeskOutcomeKind kind;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (desk_outcome_kind_to_string (cases[i].kind), ==, cases[i].name);

      kind = DESK_OUTCOME_SUCCESS == cases[i].kind ? DESK_OUTCOME_CLOSED : DESK_OUTCOME_SUCCESS;
      g_assert_true (desk_outcome_kind_from_string (cases[i].name, &kind));
      g_assert_cmpint (kind, ==, cases[i].kind);
    }

  kind = DESK_OUTCOME_EXPIRED;
  g_assert_false (desk_outcome_kind_from_string ("api_error", &kind));
  g_assert_false (desk_outcome_kind_from_string ("Success", &kind));
  g_assert_false (desk_outcome_kind_from_string ("", &kind));
  g_assert_cmpint (kind, ==, DESK_OUTCOME_EXPIRED);
}

static void
test_copy (void)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  g_autoptr(DeskAuthSession) session = desk_auth_session_new ("c", "s", "https://a.example/",
                                                              1795827723, 0);
  g_autoptr(DeskOutcome) outcome = NULL;
  g_autoptr(DeskOutcome) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *copy_json = NULL;

  outcome = desk_outcome_new (DESK_OUTCOME_CLOSED, "sandbox", "http://127.0.0.1:1",
                              request, session, NULL);
  desk_outcome_set_navigation_error (outcome, DESK_NAVIGATION_ERROR_LOAD_FAILED,
                                     "Could not connect", "https://a.example/");
  desk_outcome_finish (outcome, NULL);

  copy = desk_outcome_copy (outcome);
  json = desk_outcome_to_json_string (outcome, FALSE);
  g_clear_pointer (&outcome, desk_outcome_free);
  copy_json = desk_outcome_to_json_string (copy, FALSE);

  g_assert_cmpstr (copy_json, ==, json);
  g_assert_cmpint (copy->kind, ==, DESK_OUTCOME_NAVIGATION_ERROR);
  g_assert_cmpstr (copy->error, ==, "load-failed");
  g_assert_cmpstr (copy->error_description, ==, "Could not connect");
}

/* What to_json writes, from_json reads back: the history and exports depend on it. */
static void
test_round_trip (void)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  g_autoptr(DeskAuthSession) session = desk_auth_session_new ("c", "sess_9",
                                                              "https://a.example/?s=1",
                                                              1795827723, 0);
  g_autoptr(DeskCallback) callback = desk_callback_parse (REDIRECT "?session_id=sess_9&x=a+b",
                                                          REDIRECT, CANCEL);
  g_autoptr(DeskEndUser) end_user = desk_end_user_new ("eu_1", "alex@example.com", "Alex",
                                                       NULL);
  g_autoptr(DeskApiError) api_error = desk_api_error_new (429, "err_1", "TooMany", "slow", 3);
  g_autoptr(JsonNode) message = json_from_string ("{\"isCompleted\": true}", NULL);
  g_autoptr(JsonNode) timeline = json_from_string ("[{\"at\": \"2026-11-28T01:02:03.004Z\", "
                                                   "\"kind\": \"outcome\", \"outcome\": "
                                                   "\"success\"}]", NULL);
  const DeskOutcomeKind kinds[] = {
    DESK_OUTCOME_SUCCESS, DESK_OUTCOME_FAILURE, DESK_OUTCOME_EXPIRED, DESK_OUTCOME_CANCELLED,
    DESK_OUTCOME_CLOSED, DESK_OUTCOME_API_ERROR, DESK_OUTCOME_NAVIGATION_ERROR,
    DESK_OUTCOME_INTERRUPTED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(DeskOutcome) outcome = NULL;
      g_autoptr(DeskOutcome) read = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;
      g_autofree char *json_again = NULL;
      g_autoptr(GError) error = NULL;

      outcome = desk_outcome_new (DESK_OUTCOME_SUCCESS, "production", "https://api.fiskil.com",
                                  request, session, NULL);
      outcome->attempt_id = g_strdup ("6f1c4a52-0000-4000-8000-000000000001");
      outcome->integration = g_strdup ("embedded");
      desk_outcome_set_end_user (outcome, end_user, TRUE);
      desk_outcome_set_callback (outcome, callback, "message", message);
      outcome->session_check = g_strdup ("match");
      outcome->consent_check = g_strdup ("found");
      outcome->consent = json_from_string ("{\"arrangement_id\": \"arr_1\", \"active\": true}",
                                           NULL);
      if (kinds[i] == DESK_OUTCOME_API_ERROR)
        desk_outcome_set_api_error (outcome, api_error);
      desk_outcome_take_timeline (outcome, json_node_copy (timeline));
      outcome->kind = kinds[i];
      desk_outcome_finish (outcome, NULL);

      json = desk_outcome_to_json_string (outcome, FALSE);
      node = json_from_string (json, &error);
      g_assert_no_error (error);
      read = desk_outcome_new_from_json (node, &error);
      g_assert_no_error (error);
      g_assert_nonnull (read);
      g_assert_cmpint (read->kind, ==, kinds[i]);
      json_again = desk_outcome_to_json_string (read, FALSE);
      g_assert_cmpstr (json_again, ==, json);
    }
}

static void
test_from_json_refuses (void)
{
  const char *bad[] = {
    "[]", "\"success\"", "{}", "{\"outcome\": \"success\"}",
    "{\"outcome\": \"granted\", \"request\": {}}", "{\"outcome\": 1, \"request\": {}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (bad[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskOutcome) outcome = desk_outcome_new_from_json (node, &error);

      g_assert_null (outcome);
      g_assert_error (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE);
    }
}

/* Titles and summaries exist once, here: every kind has words, and they differ. */
static void
test_words (void)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint kind = DESK_OUTCOME_SUCCESS; kind <= DESK_OUTCOME_INTERRUPTED; kind++)
    {
      g_autoptr(DeskOutcome) outcome = desk_outcome_new (kind, NULL, NULL, request, NULL, NULL);
      g_autofree char *summary = NULL;
      const char *title;

      if (kind == DESK_OUTCOME_FAILURE)
        outcome->error_type = g_strdup ("CONSENT_ENDUSER_DENIED");
      title = desk_outcome_get_title (outcome);
      summary = desk_outcome_get_summary (outcome);
      g_assert_nonnull (summary);
      g_assert_cmpstr (summary, !=, "");
      if (kind == DESK_OUTCOME_FAILURE)
        {
          /* The error type's own words */
          g_assert_null (title);
          continue;
        }
      g_assert_nonnull (title);
      g_assert_false (g_hash_table_contains (titles, title));
      g_hash_table_add (titles, g_strdup (title));
    }
}

/* A success says how it is known: a hand-off never saw a redirect (issue 12). */
static void
test_success_words_per_channel (void)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *channels[] = { "navigation", "message", "pasted", "consent-check" };

  for (gsize i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      g_autoptr(DeskOutcome) outcome = desk_outcome_new (DESK_OUTCOME_SUCCESS, NULL, NULL,
                                                         request, NULL, NULL);
      char *summary;

      outcome->callback_via = g_strdup (channels[i]);
      summary = desk_outcome_get_summary (outcome);
      g_assert_false (g_hash_table_contains (seen, summary));
      if (g_str_equal (channels[i], "consent-check"))
        g_assert_null (strstr (summary, "redirect"));
      g_hash_table_add (seen, summary);
    }
}

static void
test_session_mismatch_words (void)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  g_autoptr(DeskOutcome) outcome = desk_outcome_new (DESK_OUTCOME_FAILURE, NULL, NULL, request,
                                                     NULL, NULL);
  g_autofree char *summary = NULL;

  outcome->session_check = g_strdup ("mismatch");
  summary = desk_outcome_get_summary (outcome);
  g_assert_nonnull (strstr (summary, "belongs to another session"));
  g_assert_cmpint (desk_outcome_exit_status (outcome), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outcome/json/unknown-is-null", test_unknown_is_null);
  g_test_add_func ("/outcome/json/success", test_success);
  g_test_add_func ("/outcome/json/failure", test_failure);
  g_test_add_func ("/outcome/json/api-error", test_api_error);
  g_test_add_func ("/outcome/callback-replaces-errors", test_callback_replaces_errors);
  g_test_add_func ("/outcome/exit-status", test_exit_status);
  g_test_add_func ("/outcome/success-words-per-channel", test_success_words_per_channel);
  g_test_add_func ("/outcome/kind-strings", test_kind_strings);
  g_test_add_func ("/outcome/copy", test_copy);
  g_test_add_func ("/outcome/json/round-trip", test_round_trip);
  g_test_add_func ("/outcome/json/from-json-refuses", test_from_json_refuses);
  g_test_add_func ("/outcome/words", test_words);
  g_test_add_func ("/outcome/words/session-mismatch", test_session_mismatch_words);

  return g_test_run ();
}
