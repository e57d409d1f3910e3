/* test-consent-sandbox.c — the poller over the real client against the Sandbox's remote customer
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hand-off end to end below the widgets: a consent listing before the session, a customer
 * finishing elsewhere, a 429 and a lagging listing on the way. HTTP is real (the Sandbox on
 * 127.0.0.1); the poller's schedule runs on a manual clock, so no 5 s are really waited.
 */
#include "config.h"

#include "core-test-util.h"
#include "desk-consent-poller.h"
#include "desk-fiskil.h"
#include "desk-manual-clock.h"
#include "desk-sandbox.h"

#define WAIT_SECONDS 20
#define REDIRECT_URI "https://callback.consent-desk.invalid/done"
#define CANCEL_URI   "https://callback.consent-desk.invalid/cancel"

typedef struct
{
  DeskSandbox       *sandbox;
  DeskFiskilClient  *client;
  DeskConsentSource *source;
  DeskManualClock   *clock;
  DeskConsentPoller *poller;
  GPtrArray         *events;  /* char *, what the poller said, in order */
  gboolean           remote_finished;
} Fixture;

static void
record (Fixture *fixture,
        char    *event)
{
  g_ptr_array_add (fixture->events, event);
}

static void
on_found (DeskConsentPoller *poller,
          const DeskConsent *consent,
          Fixture           *fixture)
{
  record (fixture, g_strconcat ("found:", consent->arrangement_id, NULL));
}

static void
on_not_found (DeskConsentPoller *poller,
              Fixture           *fixture)
{
  record (fixture, g_strdup ("not-found"));
}

static void
on_listed (DeskConsentPoller *poller,
           guint              n_consents,
           Fixture           *fixture)
{
  record (fixture, g_strdup_printf ("listed:%u", n_consents));
}

static void
on_poll_failed (DeskConsentPoller *poller,
                const GError      *error,
                guint              retry_in_ms,
                Fixture           *fixture)
{
  const DeskApiError *api_error = desk_fiskil_error_get_api_error (error);

  g_assert_nonnull (api_error);
  record (fixture, g_strdup_printf ("poll-failed:%u:retry-after=%" G_GINT64_FORMAT ":%u",
                                    api_error->http_status, api_error->retry_after,
                                    retry_in_ms));
}

static void
on_remote_finished (DeskSandbox *sandbox,
                    const char  *session_id,
                    const char  *callback_uri,
                    Fixture     *fixture)
{
  fixture->remote_finished = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = desk_sandbox_new ();
  g_assert_true (desk_sandbox_start (fixture->sandbox, &error));
  g_assert_no_error (error);
  g_signal_connect (fixture->sandbox, "remote-finished", G_CALLBACK (on_remote_finished),
                    fixture);

  fixture->client = desk_fiskil_client_new (desk_sandbox_get_base_url (fixture->sandbox));
  desk_fiskil_client_set_client_credentials (fixture->client, DESK_SANDBOX_CLIENT_ID,
                                             DESK_SANDBOX_CLIENT_SECRET);
  fixture->source = desk_consent_source_new_for_client (fixture->client);
  fixture->clock = desk_manual_clock_new (g_get_real_time ());
  fixture->events = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->poller);
  g_clear_object (&fixture->source);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
  g_clear_object (&fixture->clock);
  g_clear_pointer (&fixture->events, g_ptr_array_unref);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Waits (really: HTTP is real) for @slot to be filled. */
static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  core_test_wait_until (result_arrived, slot, WAIT_SECONDS, "an API answer");
  return *slot;
}

static GPtrArray *
snapshot (Fixture    *fixture,
          const char *end_user_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *listing;

  desk_consent_source_list_async (fixture->source, end_user_id, NULL, store_result, &result);
  listing = desk_consent_source_list_finish (fixture->source, wait_for_result (&result), &error);
  g_assert_no_error (error);
  return listing;
}

static DeskAuthSession *
create_session (Fixture    *fixture,
                const char *end_user_id)
{
  g_autoptr(DeskSessionRequest) request =
    desk_session_request_new (end_user_id, REDIRECT_URI, CANCEL_URI, NULL, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DeskAuthSession *session;

  desk_fiskil_client_create_session_async (fixture->client, request, NULL, store_result,
                                           &result);
  session = desk_fiskil_client_create_session_finish (fixture->client,
                                                      wait_for_result (&result), &error);
  g_assert_no_error (error);
  return session;
}

typedef struct
{
  Fixture *fixture;
  guint    n_events;
} EventCount;

static gboolean
has_events (gpointer data)
{
  EventCount *count = data;

  return count->fixture->events->len >= count->n_events;
}

/* Moves the poller's clock by @ms, then waits (really, boundedly: the listing goes over HTTP)
 * until the poller has said @n_events things in all. */
static void
advance_until (Fixture *fixture,
               guint    ms,
               guint    n_events)
{
  EventCount count = { fixture, n_events };

  desk_manual_clock_advance (fixture->clock, ms);
  core_test_wait_until (has_events, &count, WAIT_SECONDS, "the poller");
  core_test_flush ();
  g_assert_cmpuint (fixture->events->len, ==, n_events);
}

static void
make_poller (Fixture    *fixture,
             const char *end_user_id)
{
  fixture->poller = desk_consent_poller_new (fixture->source, DESK_CLOCK (fixture->clock),
                                             end_user_id);
  g_signal_connect (fixture->poller, "found", G_CALLBACK (on_found), fixture);
  g_signal_connect (fixture->poller, "not-found", G_CALLBACK (on_not_found), fixture);
  g_signal_connect (fixture->poller, "listed", G_CALLBACK (on_listed), fixture);
  g_signal_connect (fixture->poller, "poll-failed", G_CALLBACK (on_poll_failed), fixture);
}

static void
assert_event (Fixture    *fixture,
              guint       index,
              const char *expected)
{
  g_assert_cmpstr (g_ptr_array_index (fixture->events, index), ==, expected);
}

static void
test_hand_off (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GPtrArray) before = snapshot (fixture, "eu_demo_alex");
  g_autoptr(DeskAuthSession) session = create_session (fixture, "eu_demo_alex");
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *found = NULL;

  g_assert_cmpuint (before->len, ==, 0);
  make_poller (fixture, "eu_demo_alex");
  desk_consent_poller_set_snapshot (fixture->poller, before);
  desk_consent_poller_watch (fixture->poller, session->expires_at);

  /* The customer finishes on their phone; the API then rate-limits once and lags once. */
  desk_sandbox_set_consent_rate_limit (fixture->sandbox, 1);
  desk_sandbox_set_consent_lag (fixture->sandbox, 1);
  g_assert_true (desk_sandbox_complete_remotely (fixture->sandbox, session->session_id,
                                                 "success", 0));
  core_test_wait_for (&fixture->remote_finished, WAIT_SECONDS);

  advance_until (fixture, 4999, 0);
  advance_until (fixture, 1, 1);
  assert_event (fixture, 0, "poll-failed:429:retry-after=1:5000");
  advance_until (fixture, 5000, 2);
  assert_event (fixture, 1, "listed:0");  /* the lagging listing */
  advance_until (fixture, 5000, 3);

  after = snapshot (fixture, "eu_demo_alex");
  g_assert_cmpuint (after->len, ==, 1);
  found = g_strconcat ("found:", ((DeskConsent *) g_ptr_array_index (after, 0))->arrangement_id,
                       NULL);
  assert_event (fixture, 2, found);
  g_assert_false (desk_consent_poller_is_running (fixture->poller));
}

static void
test_success_check_lag (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) before = snapshot (fixture, "eu_demo_jordan");
  g_autoptr(DeskAuthSession) session = create_session (fixture, "eu_demo_jordan");

  desk_sandbox_set_consent_lag (fixture->sandbox, 1);
  g_assert_true (desk_sandbox_complete_remotely (fixture->sandbox, session->session_id,
                                                 "success", 0));
  core_test_wait_for (&fixture->remote_finished, WAIT_SECONDS);

  make_poller (fixture, "eu_demo_jordan");
  desk_consent_poller_set_snapshot (fixture->poller, before);
  desk_consent_poller_check (fixture->poller);
  advance_until (fixture, 0, 1);
  assert_event (fixture, 0, "listed:0");
  advance_until (fixture, 3000, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (fixture->events, 1), "found:"));
}

static void
test_success_check_failure (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) before = snapshot (fixture, "eu_demo_pat");
  g_autoptr(DeskAuthSession) session = create_session (fixture, "eu_demo_pat");

  /* A customer who refused: the listing never shows a consent. */
  g_assert_true (desk_sandbox_complete_remotely (fixture->sandbox, session->session_id,
                                                 "CONSENT_ENDUSER_DENIED", 0));
  core_test_wait_for (&fixture->remote_finished, WAIT_SECONDS);

  make_poller (fixture, "eu_demo_pat");
  desk_consent_poller_set_snapshot (fixture->poller, before);
  desk_consent_poller_check (fixture->poller);
  advance_until (fixture, 0, 1);
  advance_until (fixture, 3000, 2);
  advance_until (fixture, 4000, 4);
  assert_event (fixture, 2, "listed:0");
  assert_event (fixture, 3, "not-found");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/consent-sandbox/hand-off", Fixture, NULL, fixture_set_up, test_hand_off,
              fixture_tear_down);
  g_test_add ("/consent-sandbox/success-check-lag", Fixture, NULL, fixture_set_up,
              test_success_check_lag, fixture_tear_down);
  g_test_add ("/consent-sandbox/success-check-failure", Fixture, NULL, fixture_set_up,
              test_success_check_failure, fixture_tear_down);

  return g_test_run ();
}
