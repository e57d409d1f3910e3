/* test-client.c — DeskFiskilClient: the token exchange, renewal, cancellation, secrets
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "client-fixture.h"

/* Token exchange */

static void
test_token_shared (Fixture       *fixture,
                   gconstpointer  data)
{
  static const Reply slow_token = { 200, TOKEN_BODY, .delay_ms = 100 };
  GAsyncResult **slots[5];

  set_replies (fixture, "POST /v1/token", &slow_token, NULL);

  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
        slots[i] = start_session (fixture, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
        {
          g_autoptr(DeskAuthSession) session = NULL;
          g_autoptr(GError) error = NULL;

          session = finish_session (fixture, slots[i], &error);
          g_assert_no_error (error);
          g_assert_cmpstr (session->session_id, ==, "sess_1");
        }

      /* One token for everybody, then one HTTP request per session once it is cached. */
      g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 1);
      g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==,
                        (round + 1) * G_N_ELEMENTS (slots));
    }

  for (guint i = 0; i < 2 * G_N_ELEMENTS (slots); i++)
    g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", i), ==, "Bearer " TOKEN);
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 11);
  g_assert_cmpuint (fixture->finished->len, ==, 11);
}

typedef struct
{
  const char *body;
  guint       token_requests;  /* for two sessions in a row */
  const char *authorization;
} TokenCase;

static const TokenCase token_field_token = {
  "{\"token\": \"" TOKEN "\", \"expires_in\": 900}", 1, "Bearer " TOKEN
};
static const TokenCase token_field_access_token = {
  "{\"access_token\": \"" TOKEN "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}",
  1, "Bearer " TOKEN
};
static const TokenCase token_field_both = {
  "{\"token\": \"" TOKEN "\", \"access_token\": \"" TOKEN_2 "\"}", 1, "Bearer " TOKEN
};
static const TokenCase token_default_lifetime = {
  "{\"token\": \"" TOKEN "\"}", 1, "Bearer " TOKEN
};
static const TokenCase token_string_lifetime = {
  "{\"token\": \"" TOKEN "\", \"expires_in\": \"900\"}", 1, "Bearer " TOKEN
};
/* Within a minute of expiry a token is renewed: this one is never reused. */
static const TokenCase token_short_lifetime = {
  "{\"token\": \"" TOKEN "\", \"expires_in\": 60}", 2, "Bearer " TOKEN
};
static const TokenCase token_expired = {
  "{\"token\": \"" TOKEN "\", \"expires_in\": 0}", 2, "Bearer " TOKEN
};

static void
test_token_fields (Fixture       *fixture,
                   gconstpointer  data)
{
  const TokenCase *token_case = data;
  const Reply reply = { 200, token_case->body };

  set_replies (fixture, "POST /v1/token", &reply, NULL);

  assert_session_created (fixture);
  assert_session_created (fixture);

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, token_case->token_requests);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 2);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 0), ==,
                   token_case->authorization);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 1), ==,
                   token_case->authorization);
}

static void
test_token_access_token (Fixture       *fixture,
                         gconstpointer  data)
{
  desk_fiskil_client_set_access_token (fixture->client, ACCESS_TOKEN);
  g_assert_true (desk_fiskil_client_has_credentials (fixture->client));

  assert_session_created (fixture);
  assert_session_created (fixture);

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 0);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 0), ==,
                   "Bearer " ACCESS_TOKEN);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 1), ==,
                   "Bearer " ACCESS_TOKEN);
}

static void
test_token_no_credentials (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  desk_fiskil_client_set_client_credentials (fixture->client, NULL, NULL);
  g_assert_false (desk_fiskil_client_has_credentials (fixture->client));

  session = create_session (fixture, &error);
  g_assert_null (session);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED);
  assert_contains (error->message, "client ID and secret");
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 0);
}

/* New credentials while an exchange for the old ones is in flight: its token serves the calls
 * that waited for it, but is never cached for the new credentials. */
static void
test_token_credentials_change (Fixture       *fixture,
                               gconstpointer  data)
{
  static const Reply slow_token = { 200, TOKEN_BODY, .delay_ms = 300 };
  static const Reply token_2 = { 200, TOKEN_2_BODY };
  g_autoptr(DeskAuthSession) first = NULL;
  g_autoptr(DeskAuthSession) second = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult **first_slot;
  GAsyncResult **second_slot;

  set_replies (fixture, "POST /v1/token", &slow_token, &token_2, NULL);

  first_slot = start_session (fixture, NULL);
  wait_for_count (&fixture->recorded->len, 1);
  desk_fiskil_client_set_client_credentials (fixture->client, CLIENT_ID_2, CLIENT_SECRET_2);
  second_slot = start_session (fixture, NULL);

  second = finish_session (fixture, second_slot, &error);
  g_assert_no_error (error);
  first = finish_session (fixture, first_slot, &error);
  g_assert_no_error (error);
  assert_session_created (fixture);

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  assert_member (get_recorded (fixture, "/v1/token", 1)->body, "client_id", CLIENT_ID_2);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 3);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 0), ==, "Bearer " TOKEN_2);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 1), ==, "Bearer " TOKEN);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 2), ==, "Bearer " TOKEN_2);
}

static gboolean
test_connection (Fixture  *fixture,
                 GError  **error)
{
  GAsyncResult **slot = next_slot (fixture);

  desk_fiskil_client_test_connection_async (fixture->client, NULL, store_result, slot);
  wait_for_result (slot);
  return desk_fiskil_client_test_connection_finish (fixture->client, *slot, error);
}

static void
test_token_test_connection (Fixture       *fixture,
                            gconstpointer  data)
{
  static const Reply refused = {
    401, "{\"id\": \"err_t401\", \"name\": \"Unauthorized\", \"message\": \"bad client\"}"
  };
  g_autoptr(GError) error = NULL;

  /* Always a fresh exchange, whose token is then cached. */
  g_assert_true (test_connection (fixture, &error));
  g_assert_no_error (error);
  g_assert_true (test_connection (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  assert_session_created (fixture);
  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);

  set_replies (fixture, "POST /v1/token", &refused, NULL);
  g_assert_false (test_connection (fixture, &error));
  assert_fiskil_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED);
  assert_contains (error->message, "client ID and secret");
  assert_contains (error->message, "Error ID: err_t401.");
  g_clear_error (&error);

  desk_fiskil_client_set_access_token (fixture->client, ACCESS_TOKEN);
  g_assert_true (test_connection (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 3);
}

/* 401: renew once, retry once */

static const Reply unauthorized_reply = {
  401, "{\"id\": \"err_401\", \"name\": \"Unauthorized\", \"message\": \"token is not valid\"}"
};

static void
test_retry_renews_once (Fixture       *fixture,
                        gconstpointer  data)
{
  static const Reply token_1 = { 200, TOKEN_BODY };
  static const Reply token_2 = { 200, TOKEN_2_BODY };

  set_replies (fixture, "POST /v1/token", &token_1, &token_2, NULL);
  set_replies (fixture, "POST /v1/auth/session", &unauthorized_reply, &session_reply, NULL);

  assert_session_created (fixture);

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 2);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 0), ==, "Bearer " TOKEN);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 1), ==, "Bearer " TOKEN_2);

  /* The renewed token is the one cached. */
  assert_session_created (fixture);
  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 2), ==, "Bearer " TOKEN_2);
}

static void
test_retry_twice_fails (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  set_replies (fixture, "POST /v1/auth/session", &unauthorized_reply, NULL);

  session = create_session (fixture, &error);
  g_assert_null (session);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==,
                   "Fiskil did not accept a freshly renewed access token (HTTP 401, "
                   "Unauthorized): token is not valid. Check that the client ID and secret "
                   "belong to this environment and may use this API. Error ID: err_401.");
  g_assert_cmpuint (api_error->http_status, ==, 401);
  g_assert_cmpstr (api_error->id, ==, "err_401");

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 2);
}

static void
test_retry_not_with_access_token (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  set_replies (fixture, "POST /v1/auth/session", &unauthorized_reply, NULL);
  desk_fiskil_client_set_access_token (fixture->client, ACCESS_TOKEN);

  session = create_session (fixture, &error);
  g_assert_null (session);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED);
  assert_contains (error->message, "access token");
  assert_contains (error->message, "Error ID: err_401.");

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 0);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 1);
}

/* Cancellation */

static void
test_cancel_during_request (Fixture       *fixture,
                            gconstpointer  data)
{
  static const Reply silence = { 200, SESSION_BODY, .never = TRUE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult **slot;
  Finished *finished;

  set_replies (fixture, "POST /v1/auth/session", &silence, NULL);

  slot = start_session (fixture, cancellable);
  wait_for_count (&fixture->recorded->len, 2);
  g_cancellable_cancel (cancellable);

  session = finish_session (fixture, slot, &error);
  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (desk_fiskil_error_get_api_error (error));

  /* The request was reported once, without an answer, and the client works on. */
  g_assert_cmpuint (fixture->finished->len, ==, 2);
  finished = g_ptr_array_index (fixture->finished, 1);
  g_assert_cmpuint (finished->status, ==, 0);

  set_replies (fixture, "POST /v1/auth/session", &session_reply, NULL);
  assert_session_created (fixture);
  g_assert_cmpuint (fixture->finished->len, ==, 3);
}

static void
test_cancel_before_start (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  session = finish_session (fixture, start_session (fixture, cancellable), &error);
  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 0);
}

/* One caller leaving a shared token exchange does not disturb the others. */
static void
test_cancel_one_waiter (Fixture       *fixture,
                        gconstpointer  data)
{
  static const Reply slow_token = { 200, TOKEN_BODY, .delay_ms = 200 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskAuthSession) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult **slots[3];

  set_replies (fixture, "POST /v1/token", &slow_token, NULL);

  slots[0] = start_session (fixture, cancellable);
  slots[1] = start_session (fixture, NULL);
  slots[2] = start_session (fixture, NULL);
  g_cancellable_cancel (cancellable);

  cancelled = finish_session (fixture, slots[0], &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  for (guint i = 1; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(DeskAuthSession) session = NULL;
      g_autoptr(GError) session_error = NULL;

      session = finish_session (fixture, slots[i], &session_error);
      g_assert_no_error (session_error);
      g_assert_nonnull (session);
    }

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 1);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 2);
}

/* When every caller has left, the exchange stops, and the next caller starts a new one. */
static void
test_cancel_all_waiters (Fixture       *fixture,
                         gconstpointer  data)
{
  static const Reply silent_token = { 200, TOKEN_BODY, .never = TRUE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult **slots[2];

  set_replies (fixture, "POST /v1/token", &silent_token, &token_reply, NULL);

  slots[0] = start_session (fixture, cancellable);
  slots[1] = start_session (fixture, cancellable);
  wait_for_count (&fixture->recorded->len, 1);
  g_cancellable_cancel (cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(DeskAuthSession) session = finish_session (fixture, slots[i], &error);

      g_assert_null (session);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }
  wait_for_count (&fixture->finished->len, 1);
  g_assert_cmpuint (((Finished *) g_ptr_array_index (fixture->finished, 0))->status, ==, 0);

  assert_session_created (fixture);
  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 1);
}

/* Secrets */

static void
test_secrets_echoed_by_server (Fixture       *fixture,
                               gconstpointer  data)
{
  static const Reply echo = {
    400, "{\"id\": \"err_" CLIENT_SECRET "\", \"name\": \"" TOKEN "\", "
         "\"message\": \"client_secret " CLIENT_SECRET " and token " TOKEN " rejected\"}"
  };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  set_replies (fixture, "POST /v1/auth/session", &echo, NULL);

  session = create_session (fixture, &error);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);
  assert_contains (error->message, "client_secret [hidden] and token [hidden] rejected");
  g_assert_cmpstr (api_error->id, ==, "err_[hidden]");
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char     *path;
    const TokenCase *token_case;
  } token_cases[] = {
    { "/client/token/field-token", &token_field_token },
    { "/client/token/field-access-token", &token_field_access_token },
    { "/client/token/field-token-preferred", &token_field_both },
    { "/client/token/default-lifetime", &token_default_lifetime },
    { "/client/token/string-lifetime", &token_string_lifetime },
    { "/client/token/short-lifetime", &token_short_lifetime },
    { "/client/token/expired", &token_expired },
  };

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/client/token/shared", test_token_shared);
  for (guint i = 0; i < G_N_ELEMENTS (token_cases); i++)
    g_test_add (token_cases[i].path, Fixture, token_cases[i].token_case,
                fixture_setup, test_token_fields, fixture_teardown);
  ADD ("/client/token/access-token", test_token_access_token);
  ADD ("/client/token/no-credentials", test_token_no_credentials);
  ADD ("/client/token/credentials-change", test_token_credentials_change);
  ADD ("/client/token/test-connection", test_token_test_connection);

  ADD ("/client/retry/renews-once", test_retry_renews_once);
  ADD ("/client/retry/twice-fails", test_retry_twice_fails);
  ADD ("/client/retry/not-with-access-token", test_retry_not_with_access_token);

  ADD ("/client/cancel/during-request", test_cancel_during_request);
  ADD ("/client/cancel/before-start", test_cancel_before_start);
  ADD ("/client/cancel/one-waiter", test_cancel_one_waiter);
  ADD ("/client/cancel/all-waiters", test_cancel_all_waiters);

  ADD ("/client/secrets/echoed-by-server", test_secrets_echoed_by_server);

#undef ADD

  return g_test_run ();
}
