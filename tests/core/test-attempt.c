/* test-attempt.c — the attempt engine without a display: it alone decides what loads and how
 * an attempt ends, records each step as data, and ends exactly once
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "desk-attempt-manager.h"
#include "desk-sandbox.h"
#include "desk-test.h"

#define WAIT_MS 20000

typedef struct
{
  DeskSandbox     *sandbox;
  DeskEnvironment *environment;
  DeskAttempt     *attempt;
  guint            finished;
  GPtrArray       *notices;
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
on_finished (DeskAttempt       *attempt,
             const DeskOutcome *outcome,
             Fixture           *fixture)
{
  fixture->finished++;
  g_assert_true (desk_attempt_get_outcome (attempt) == outcome);
}

static void
on_notice (DeskAttempt *attempt,
           const char  *code,
           const char  *uri,
           Fixture     *fixture)
{
  g_ptr_array_add (fixture->notices, g_strdup (code));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->sandbox = desk_sandbox_new ();
  fixture->environment = desk_environment_new_sandbox ();
  desk_environment_set_starter (fixture->environment, start_sandbox,
                                g_object_ref (fixture->sandbox), g_object_unref);
  fixture->notices = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->attempt != NULL)
    g_signal_handlers_disconnect_by_data (fixture->attempt, fixture);
  g_clear_object (&fixture->attempt);
  g_clear_object (&fixture->environment);
  desk_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_ptr_array_unref (fixture->notices);
}

static gboolean
is_consenting (gpointer data)
{
  Fixture *fixture = data;

  return desk_attempt_get_state (fixture->attempt) >= DESK_ATTEMPT_STATE_CONSENTING;
}

static void
fixture_start_with (Fixture         *fixture,
                    DeskIntegration  integration)
{
  g_autoptr(DeskSessionRequest) request = NULL;

  request = desk_session_request_new ("eu_engine", DESK_SANDBOX_DEFAULT_REDIRECT_URI,
                                      DESK_SANDBOX_DEFAULT_CANCEL_URI, NULL, NULL);
  g_clear_object (&fixture->attempt);
  fixture->finished = 0;
  fixture->attempt = desk_attempt_new (fixture->environment, request, integration);
  g_signal_connect (fixture->attempt, "finished", G_CALLBACK (on_finished), fixture);
  g_signal_connect (fixture->attempt, "notice", G_CALLBACK (on_notice), fixture);
  desk_attempt_start (fixture->attempt);
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_PREPARING);
  desk_test_wait_or_fail (is_consenting, fixture, WAIT_MS, "the session");
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);
}

static void
fixture_start (Fixture *fixture)
{
  fixture_start_with (fixture, DESK_INTEGRATION_REDIRECT);
}

static guint
count_events (DeskAttempt      *attempt,
              DeskTimelineKind  kind,
              const char       *field,
              const char       *value)
{
  GListModel *timeline = G_LIST_MODEL (desk_attempt_get_timeline (attempt));
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(DeskTimelineEvent) event = g_list_model_get_item (timeline, i);

      if (desk_timeline_event_get_kind (event) == kind
          && (field == NULL
              || g_strcmp0 (desk_timeline_event_get_string (event, field), value) == 0))
        count++;
    }

  return count;
}

static gboolean
is_finished (gpointer data)
{
  Fixture *fixture = data;

  return fixture->attempt != NULL
         && desk_attempt_get_state (fixture->attempt) == DESK_ATTEMPT_STATE_FINISHED;
}

static char *
callback_uri (const char *base,
              const char *query)
{
  return g_strconcat (base, "?", query, NULL);
}

static const DeskOutcome *
outcome_of (Fixture *fixture)
{
  const DeskOutcome *outcome = desk_attempt_get_outcome (fixture->attempt);

  g_assert_nonnull (outcome);
  g_assert_cmpuint (fixture->finished, ==, 1);
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_FINISHED);

  return outcome;
}

/* The API exchange is in the timeline as data, and the consent page may load. */
static void
test_created (Fixture       *fixture,
              gconstpointer  data)
{
  const DeskAuthSession *session;

  fixture_start (fixture);
  session = desk_attempt_get_session (fixture->attempt);
  g_assert_nonnull (session);

  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_API_REQUEST, "method", "POST"),
                    ==, 1);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_API_RESPONSE, NULL, NULL),
                    >=, 2);  /* the token, then the session */
  g_assert_cmpint (desk_attempt_decide_navigation (fixture->attempt, session->auth_url, NULL, NULL,
                                                   NULL), ==, DESK_NAVIGATION_LOAD);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NAVIGATION, "decision",
                                  "allowed"), ==, 1);
  g_assert_null (desk_attempt_get_outcome (fixture->attempt));
}

static void
test_refused_addresses (Fixture       *fixture,
                        gconstpointer  data)
{
  fixture_start (fixture);

  g_assert_cmpint (desk_attempt_decide_navigation (fixture->attempt, "mailto:help@bank.example",
                                                   "link", NULL, NULL),
                   ==, DESK_NAVIGATION_IGNORE);
  g_assert_cmpint (desk_attempt_decide_navigation (fixture->attempt, "http://192.0.2.1/login",
                                                   "link", NULL, NULL),
                   ==, DESK_NAVIGATION_IGNORE);

  g_assert_cmpuint (fixture->notices->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->notices, 0), ==, "refused-scheme");
  g_assert_cmpstr (g_ptr_array_index (fixture->notices, 1), ==, "refused-insecure");
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NOTICE, NULL, NULL), ==, 2);
  /* Refusals never end the attempt. */
  g_assert_null (desk_attempt_get_outcome (fixture->attempt));
}

typedef struct
{
  const char      *name;
  gboolean         cancel_uri;
  const char      *query;          /* SESSION stands for the session's own session_id */
  gboolean         consent_lands;  /* the Sandbox holds the consent before the callback */
  DeskOutcomeKind  kind;
  const char      *session_check;
  const char      *error_type;
  const char      *consent_check;
} CallbackCase;

static const CallbackCase callback_cases[] = {
  { "match", FALSE, "session_id=SESSION&state=1", TRUE, DESK_OUTCOME_SUCCESS, "match", NULL,
    "found" },
  { "absent", FALSE, "state=1", FALSE, DESK_OUTCOME_SUCCESS, "absent", NULL, "not-found" },
  { "mismatch", FALSE, "session_id=someone-else", FALSE, DESK_OUTCOME_FAILURE, "mismatch", NULL,
    NULL },
  { "error-on-redirect", FALSE, "session_id=SESSION&error=access_denied&error_type=CONSENT_TIMEOUT",
    FALSE, DESK_OUTCOME_FAILURE, "match", "CONSENT_TIMEOUT", NULL },
  { "cancel", TRUE, "error=access_denied&error_type=CONSENT_ENDUSER_DENIED", FALSE,
    DESK_OUTCOME_FAILURE, "absent", "CONSENT_ENDUSER_DENIED", NULL },
};

static gboolean
remote_done (gpointer data)
{
  Fixture *fixture = data;

  return fixture->notices->len > 0;
}

static void
on_remote_finished (DeskSandbox *sandbox,
                    const char  *session_id,
                    const char  *callback_uri,
                    Fixture     *fixture)
{
  g_ptr_array_add (fixture->notices, g_strdup ("remote-finished"));
}

/* The customer finishes in the Sandbox, so its consent listing holds the new consent. */
static void
let_consent_land (Fixture *fixture)
{
  const DeskAuthSession *session = desk_attempt_get_session (fixture->attempt);
  gulong id = g_signal_connect (fixture->sandbox, "remote-finished",
                                G_CALLBACK (on_remote_finished), fixture);

  g_assert_true (desk_sandbox_complete_remotely (fixture->sandbox, session->session_id, "success",
                                                 0));
  desk_test_wait_or_fail (remote_done, fixture, WAIT_MS, "the Sandbox's customer");
  g_signal_handler_disconnect (fixture->sandbox, id);
  g_ptr_array_set_size (fixture->notices, 0);
}

static void
test_callback (Fixture       *fixture,
               gconstpointer  data)
{
  const CallbackCase *test = data;
  g_auto(GStrv) parts = NULL;
  g_autofree char *query = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *json = NULL;
  const DeskOutcome *outcome;

  fixture_start (fixture);
  parts = g_strsplit (test->query, "SESSION", -1);
  query = g_strjoinv (desk_attempt_get_session (fixture->attempt)->session_id, parts);
  uri = callback_uri (test->cancel_uri ? DESK_SANDBOX_DEFAULT_CANCEL_URI
                                       : DESK_SANDBOX_DEFAULT_REDIRECT_URI, query);

  if (test->consent_lands)
    let_consent_land (fixture);
  g_assert_cmpint (desk_attempt_decide_navigation (fixture->attempt, uri, "redirect", NULL, NULL),
                   ==, DESK_NAVIGATION_IGNORE);

  /* A success waits for the consent check; anything else ends at once. */
  if (test->kind == DESK_OUTCOME_SUCCESS)
    {
      g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==,
                       DESK_ATTEMPT_STATE_CHECKING);
      desk_test_wait_or_fail (is_finished, fixture, WAIT_MS, "the consent check");
    }

  outcome = outcome_of (fixture);
  g_assert_cmpstr (outcome->consent_check, ==, test->consent_check);
  g_assert_true ((outcome->consent != NULL) == (g_strcmp0 (test->consent_check, "found") == 0));
  g_assert_cmpint (outcome->kind, ==, test->kind);
  g_assert_cmpstr (outcome->session_check, ==, test->session_check);
  g_assert_cmpstr (outcome->error_type, ==, test->error_type);
  g_assert_cmpstr (outcome->callback_via, ==, "navigation");
  g_assert_cmpstr (outcome->attempt_id, ==, desk_attempt_get_id (fixture->attempt));
  g_assert_true (g_uuid_string_is_valid (outcome->attempt_id));

  /* The outcome carries the whole timeline, ending with the outcome itself. */
  json = desk_outcome_to_json_string (outcome, FALSE);
  g_assert_nonnull (strstr (json, "\"decision\":\"callback\""));
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_OUTCOME, NULL, NULL), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (outcome->timeline)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (desk_attempt_get_timeline (
                                                                fixture->attempt))));
}

/* A form POSTed to the redirect URI: its fields count, and unread fields are never success. */
static void
test_post_with_fields (Fixture       *fixture,
                       gconstpointer  data)
{
  const DeskOutcome *outcome;

  fixture_start (fixture);
  g_assert_cmpint (desk_attempt_decide_navigation (fixture->attempt,
                                                   DESK_SANDBOX_DEFAULT_REDIRECT_URI, "form",
                                                   "POST",
                                                   "error=access_denied&error_type=CONSENT_OTP_FAILURE"),
                   ==, DESK_NAVIGATION_IGNORE);
  outcome = outcome_of (fixture);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_FAILURE);
  g_assert_cmpstr (outcome->error_type, ==, "CONSENT_OTP_FAILURE");
}

static void
test_post_unread (Fixture       *fixture,
                  gconstpointer  data)
{
  const DeskOutcome *outcome;

  fixture_start (fixture);
  g_assert_cmpint (desk_attempt_decide_navigation (fixture->attempt,
                                                   DESK_SANDBOX_DEFAULT_REDIRECT_URI, "form",
                                                   "POST", NULL),
                   ==, DESK_NAVIGATION_IGNORE);
  outcome = outcome_of (fixture);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_NAVIGATION_ERROR);
  g_assert_cmpstr (outcome->error, ==, DESK_NAVIGATION_ERROR_UNREADABLE_POST);
  g_assert_cmpint (desk_outcome_exit_status (outcome), !=, 0);
}

/* Cancel is "cancelled", closing is "closed", and whatever comes later changes nothing. */
static void
test_ends_once (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *late = callback_uri (DESK_SANDBOX_DEFAULT_REDIRECT_URI, "state=late");
  const DeskOutcome *outcome;

  fixture_start (fixture);
  desk_attempt_cancel (fixture->attempt);
  outcome = outcome_of (fixture);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_CANCELLED);
  g_assert_cmpint (desk_outcome_exit_status (outcome), ==, 1);

  desk_attempt_close (fixture->attempt);
  desk_attempt_report_load (fixture->attempt, late, "failed", "gone");
  desk_attempt_report_process_ended (fixture->attempt, "network", "crashed");
  g_assert_cmpint (desk_attempt_decide_navigation (fixture->attempt, late, NULL, NULL, NULL),
                   ==, DESK_NAVIGATION_IGNORE);

  g_assert_true (desk_attempt_get_outcome (fixture->attempt) == outcome);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_CANCELLED);
  g_assert_cmpuint (fixture->finished, ==, 1);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NAVIGATION, "decision",
                                  "after-end"), ==, 1);
}

/* Cancelling while the consent is being confirmed keeps the success, unconfirmed. */
static void
test_cancel_while_checking (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *uri = callback_uri (DESK_SANDBOX_DEFAULT_REDIRECT_URI, "state=1");
  const DeskOutcome *outcome;

  fixture_start (fixture);
  desk_attempt_decide_navigation (fixture->attempt, uri, "redirect", NULL, NULL);
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CHECKING);
  g_assert_cmpint (desk_attempt_decide_navigation (fixture->attempt, uri, NULL, NULL, NULL), ==,
                   DESK_NAVIGATION_IGNORE);

  desk_attempt_cancel (fixture->attempt);
  outcome = outcome_of (fixture);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_null (outcome->consent_check);
}

static void
test_cancel_while_preparing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(DeskSessionRequest) request = NULL;

  request = desk_session_request_new ("eu_engine", DESK_SANDBOX_DEFAULT_REDIRECT_URI,
                                      DESK_SANDBOX_DEFAULT_CANCEL_URI, NULL, NULL);
  fixture->attempt = desk_attempt_new (fixture->environment, request, DESK_INTEGRATION_REDIRECT);
  g_signal_connect (fixture->attempt, "finished", G_CALLBACK (on_finished), fixture);
  desk_attempt_start (fixture->attempt);
  desk_attempt_cancel (fixture->attempt);

  g_assert_cmpint (outcome_of (fixture)->kind, ==, DESK_OUTCOME_CANCELLED);
  g_assert_null (outcome_of (fixture)->session);

  /* The cancelled preparation comes back and changes nothing. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fixture->finished, ==, 1);
}

static void
test_load_failure (Fixture       *fixture,
                   gconstpointer  data)
{
  const DeskOutcome *outcome;

  fixture_start (fixture);
  desk_attempt_report_load (fixture->attempt, "https://bank.example/", "failed",
                            "Could not resolve host");
  outcome = outcome_of (fixture);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_NAVIGATION_ERROR);
  g_assert_cmpstr (outcome->error, ==, DESK_NAVIGATION_ERROR_LOAD_FAILED);
  g_assert_cmpstr (outcome->error_uri, ==, "https://bank.example/");
  g_assert_cmpstr (outcome->error_description, ==, "Could not resolve host");
}

/* The network process dying is an ending too, not a silent hang. */
static void
test_network_process_ended (Fixture       *fixture,
                            gconstpointer  data)
{
  fixture_start (fixture);
  desk_attempt_report_process_ended (fixture->attempt, "network", "crashed");
  g_assert_cmpint (outcome_of (fixture)->kind, ==, DESK_OUTCOME_NAVIGATION_ERROR);
  g_assert_cmpstr (outcome_of (fixture)->error, ==, DESK_NAVIGATION_ERROR_NETWORK_PROCESS);
}

static void
test_expiry (Fixture       *fixture,
             gconstpointer  data)
{
  desk_sandbox_set_session_lifetime (fixture->sandbox, 1);
  fixture_start (fixture);
  desk_test_wait_or_fail (is_finished, fixture, WAIT_MS, "the expiry");
  g_assert_cmpint (outcome_of (fixture)->kind, ==, DESK_OUTCOME_EXPIRED);
}

/* Hand-off (design.md "Onboarding"): nothing is loaded; the watch or a pasted address ends it. */

static void
on_consent_watch (DeskAttempt  *attempt,
                  guint         n_listings,
                  const GError *error,
                  guint         retry_in_ms,
                  Fixture      *fixture)
{
  g_ptr_array_add (fixture->notices, error != NULL ? g_strdup_printf ("watch-failed:%u",
                                                                      retry_in_ms)
                                                   : g_strdup ("watch-listed"));
}

static void
start_handoff (Fixture *fixture)
{
  fixture_start_with (fixture, DESK_INTEGRATION_HAND_OFF);
  g_signal_connect (fixture->attempt, "consent-watch", G_CALLBACK (on_consent_watch), fixture);
  /* The consents were listed before the session was asked for. */
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_API_RESPONSE, NULL, NULL),
                    >=, 2);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NOTICE, "code",
                                  "consent-snapshot-failed"), ==, 0);
}

static gboolean
watched_once (gpointer data)
{
  Fixture *fixture = data;

  return fixture->notices->len > 0;
}

/* The customer finishes on their own device: the watch finds the consent. */
static void
test_handoff_consent_check (Fixture       *fixture,
                            gconstpointer  data)
{
  const DeskOutcome *outcome;
  g_autofree char *json = NULL;

  start_handoff (fixture);
  g_assert_true (desk_sandbox_complete_remotely (fixture->sandbox,
                                                 desk_attempt_get_session (fixture->attempt)->session_id,
                                                 "success", 0));
  desk_test_wait_or_fail (is_finished, fixture, WAIT_MS, "the watch");

  outcome = outcome_of (fixture);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_cmpstr (outcome->callback_via, ==, "consent-check");
  g_assert_cmpstr (outcome->consent_check, ==, "found");
  g_assert_nonnull (outcome->consent);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NAVIGATION, NULL, NULL), ==, 0);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_CONSENT_CHECK, "result",
                                  "found"), ==, 1);
  json = desk_outcome_to_json_string (outcome, FALSE);
  g_assert_nonnull (strstr (json, "\"integration\":\"hand-off\""));
  g_assert_nonnull (strstr (json, "\"via\":\"consent-check\""));
}

/* A consent the end user already had is not the new one; and a 429 does not end the watch. */
static void
test_handoff_snapshot_and_429 (Fixture       *fixture,
                               gconstpointer  data)
{
  /* A first attempt leaves the end user with an active consent. */
  start_handoff (fixture);
  let_consent_land (fixture);
  desk_test_wait_or_fail (is_finished, fixture, WAIT_MS, "the first hand-off");
  g_assert_cmpint (outcome_of (fixture)->kind, ==, DESK_OUTCOME_SUCCESS);

  start_handoff (fixture);
  desk_sandbox_set_consent_rate_limit (fixture->sandbox, 1);
  desk_test_wait_or_fail (watched_once, fixture, WAIT_MS, "the first listing");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (fixture->notices, 0), "watch-failed:"));
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NOTICE, "code",
                                  "consent-listing-failed"), ==, 1);
  g_ptr_array_set_size (fixture->notices, 0);
  desk_test_wait_or_fail (watched_once, fixture, WAIT_MS, "the second listing");
  /* The old consent is listed, and is not taken for the new one. */
  g_assert_cmpstr (g_ptr_array_index (fixture->notices, 0), ==, "watch-listed");
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);

  let_consent_land (fixture);
  desk_test_wait_or_fail (is_finished, fixture, WAIT_MS, "the watch");
  g_assert_cmpint (outcome_of (fixture)->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_cmpstr (outcome_of (fixture)->callback_via, ==, "consent-check");
}

typedef struct
{
  const char      *name;
  const char      *text;        /* SESSION: the session's id; REDIRECT/CANCEL: the URIs */
  gboolean         ends;
  DeskOutcomeKind  kind;
  const char      *error_type;
} PastedCase;

static const PastedCase pasted_cases[] = {
  { "cancel", "  CANCEL?error=access_denied&error_type=CONSENT_ENDUSER_DENIED\n", TRUE,
    DESK_OUTCOME_FAILURE, "CONSENT_ENDUSER_DENIED" },
  { "redirect", "REDIRECT?session_id=SESSION", TRUE, DESK_OUTCOME_SUCCESS, NULL },
  { "other-session", "REDIRECT?session_id=not-this-one", TRUE, DESK_OUTCOME_FAILURE, NULL },
  { "garbage", "thanks, all done!", FALSE, 0, NULL },
  { "empty", "   ", FALSE, 0, NULL },
  { "other-site", "https://bank.example/done?session_id=SESSION", FALSE, 0, NULL },
};

static char *
expand (const char *text,
        const char *session_id)
{
  g_autoptr(GString) string = g_string_new (text);

  g_string_replace (string, "SESSION", session_id, 0);
  g_string_replace (string, "REDIRECT", DESK_SANDBOX_DEFAULT_REDIRECT_URI, 0);
  g_string_replace (string, "CANCEL", DESK_SANDBOX_DEFAULT_CANCEL_URI, 0);

  return g_string_free (g_steal_pointer (&string), FALSE);
}

static void
test_handoff_pasted (Fixture       *fixture,
                     gconstpointer  data)
{
  const PastedCase *test = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const DeskOutcome *outcome;

  start_handoff (fixture);
  text = expand (test->text, desk_attempt_get_session (fixture->attempt)->session_id);

  if (!test->ends)
    {
      g_assert_false (desk_attempt_report_pasted (fixture->attempt, text, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==,
                       DESK_ATTEMPT_STATE_CONSENTING);
      return;
    }

  g_assert_true (desk_attempt_report_pasted (fixture->attempt, text, &error));
  g_assert_no_error (error);
  if (test->kind == DESK_OUTCOME_SUCCESS)
    desk_test_wait_or_fail (is_finished, fixture, WAIT_MS, "the consent check");
  outcome = outcome_of (fixture);
  g_assert_cmpint (outcome->kind, ==, test->kind);
  g_assert_cmpstr (outcome->callback_via, ==, "pasted");
  g_assert_cmpstr (outcome->error_type, ==, test->error_type);
  /* A pasted success is confirmed like any other (here nothing landed: not-found). */
  if (test->kind == DESK_OUTCOME_SUCCESS)
    g_assert_cmpstr (outcome->consent_check, ==, "not-found");

  /* The attempt is over: a second paste is refused, and nothing changes. */
  g_assert_false (desk_attempt_report_pasted (fixture->attempt, text, NULL));
  g_assert_cmpuint (fixture->finished, ==, 1);
}

/* Pasting is for hand-off only; cancelling a hand-off ends it at once. */
static void
test_handoff_pasted_elsewhere_and_cancel (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = callback_uri (DESK_SANDBOX_DEFAULT_REDIRECT_URI, "state=1");

  fixture_start (fixture);
  g_assert_false (desk_attempt_report_pasted (fixture->attempt, uri, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  desk_attempt_cancel (fixture->attempt);

  start_handoff (fixture);
  desk_attempt_cancel (fixture->attempt);
  g_assert_cmpint (outcome_of (fixture)->kind, ==, DESK_OUTCOME_CANCELLED);
  g_assert_null (outcome_of (fixture)->consent_check);
}

static void
on_manager_finished (DeskAttemptManager *manager,
                     DeskAttempt        *attempt,
                     const DeskOutcome  *outcome,
                     Fixture            *fixture)
{
  fixture->finished++;
}

static gboolean
current_consenting (gpointer data)
{
  Fixture *fixture = data;

  return fixture->attempt != NULL
         && desk_attempt_get_state (fixture->attempt) == DESK_ATTEMPT_STATE_CONSENTING;
}

/* Try again: a new attempt (a new session, a new id) with the same request and place. */
static void
test_manager_try_again (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DeskAttemptManager) manager = desk_attempt_manager_new ();
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *first_session = NULL;
  DeskAttempt *second;
  const char *permissions[] = { "accounts", "transactions", NULL };

  g_signal_connect (manager, "attempt-finished", G_CALLBACK (on_manager_finished), fixture);

  request = desk_session_request_new ("eu_again", DESK_SANDBOX_DEFAULT_REDIRECT_URI,
                                      DESK_SANDBOX_DEFAULT_CANCEL_URI, NULL, permissions);
  fixture->attempt = g_object_ref (desk_attempt_manager_start (manager, fixture->environment,
                                                               request,
                                                               DESK_INTEGRATION_REDIRECT));
  g_assert_null (desk_attempt_manager_try_again (manager));  /* one at a time */
  desk_test_wait_or_fail (current_consenting, fixture, WAIT_MS, "the first session");
  first_id = g_strdup (desk_attempt_get_id (fixture->attempt));
  first_session = g_strdup (desk_attempt_get_session (fixture->attempt)->session_id);
  desk_attempt_manager_cancel (manager);
  g_assert_cmpuint (fixture->finished, ==, 1);

  second = desk_attempt_manager_try_again (manager);
  g_assert_nonnull (second);
  g_assert_true (desk_attempt_manager_get_current (manager) == second);
  g_assert_cmpstr (desk_attempt_get_id (second), !=, first_id);
  g_assert_cmpstrv ((const char * const *) desk_attempt_get_request (second)->permissions,
                    permissions);
  g_assert_true (desk_attempt_get_environment (second) == fixture->environment);

  g_set_object (&fixture->attempt, second);
  desk_test_wait_or_fail (current_consenting, fixture, WAIT_MS, "the second session");
  g_assert_cmpstr (desk_attempt_get_session (second)->session_id, !=, first_session);
  desk_attempt_manager_close (manager);
  g_assert_cmpuint (fixture->finished, ==, 2);
  g_assert_cmpint (desk_attempt_get_outcome (second)->kind, ==, DESK_OUTCOME_CLOSED);
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer),
     gconstpointer data)
{
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add ("/attempt/created", test_created, NULL);
  add ("/attempt/refused-addresses", test_refused_addresses, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (callback_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/attempt/callback/%s", callback_cases[i].name);

      add (path, test_callback, &callback_cases[i]);
    }
  add ("/attempt/post/with-fields", test_post_with_fields, NULL);
  add ("/attempt/post/unread", test_post_unread, NULL);
  add ("/attempt/ends-once", test_ends_once, NULL);
  add ("/attempt/cancel-while-preparing", test_cancel_while_preparing, NULL);
  add ("/attempt/cancel-while-checking", test_cancel_while_checking, NULL);
  add ("/attempt/load-failure", test_load_failure, NULL);
  add ("/attempt/network-process-ended", test_network_process_ended, NULL);
  add ("/attempt/expiry", test_expiry, NULL);
  add ("/attempt/manager/try-again", test_manager_try_again, NULL);
  add ("/attempt/hand-off/consent-check", test_handoff_consent_check, NULL);
  add ("/attempt/hand-off/snapshot-and-429", test_handoff_snapshot_and_429, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (pasted_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/attempt/hand-off/pasted/%s",
                                               pasted_cases[i].name);

      add (path, test_handoff_pasted, &pasted_cases[i]);
    }
  add ("/attempt/hand-off/pasted-elsewhere-and-cancel", test_handoff_pasted_elsewhere_and_cancel,
       NULL);

  return g_test_run ();
}
