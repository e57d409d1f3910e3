/* test-sandbox-api.c — the Sandbox's API contract, through DeskFiskilClient, and its sessions
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test starts its own Sandbox on 127.0.0.1. The consent pages are walked here with plain
 * libsoup requests (a cookie jar, no automatic redirects), the way a browser would post them.
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "desk-fiskil.h"
#include "desk-sandbox.h"
#include "desk-test.h"

#define WAIT_SECONDS 20
#define REDIRECT_URI "https://callback.consent-desk.invalid/done?app=desk"
#define CANCEL_URI   "https://callback.consent-desk.invalid/cancel?tenant=qa"

typedef struct
{
  DeskSandbox      *sandbox;
  DeskFiskilClient *client;
  SoupSession      *browser;
} Fixture;

typedef struct
{
  guint  status;
  char  *location;  /* absolute, or NULL */
  char  *body;
} Answer;

static void
answer_free (Answer *answer)
{
  g_free (answer->location);
  g_free (answer->body);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

/* Bounded waits: iterate the main context, never sleep. */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
slot_is_filled (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  desk_test_wait_or_fail (slot_is_filled, slot, WAIT_SECONDS * 1000, "an answer");

  return *slot;
}

static gboolean
session_has_expired (gpointer data)
{
  const DeskAuthSession *session = data;

  /* expires_at is whole seconds, rounded down from the Sandbox's own expiry. */
  return g_get_real_time () >= (session->expires_at + 1) * G_USEC_PER_SEC;
}

/* Lets the main loop keep serving until @session has expired by the Sandbox's clock. */
static void
wait_for_expiry (const DeskAuthSession *session)
{
  desk_test_wait_or_fail (session_has_expired, (gpointer) session, WAIT_SECONDS * 1000,
                          "the session to expire");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = desk_sandbox_new ();
  g_assert_true (desk_sandbox_start (fixture->sandbox, &error));
  g_assert_no_error (error);

  fixture->client = desk_fiskil_client_new (desk_sandbox_get_base_url (fixture->sandbox));
  desk_fiskil_client_set_client_credentials (fixture->client, DESK_SANDBOX_CLIENT_ID,
                                             DESK_SANDBOX_CLIENT_SECRET);

  fixture->browser = soup_session_new ();
  soup_session_add_feature_by_type (fixture->browser, SOUP_TYPE_COOKIE_JAR);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->browser);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
}

/* The client, synchronously for the tests' sake. */

static DeskAuthSession *
create_session (Fixture                  *fixture,
                const DeskSessionRequest *request,
                GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  desk_fiskil_client_create_session_async (fixture->client, request, NULL, store_result,
                                           &result);
  return desk_fiskil_client_create_session_finish (fixture->client, wait_for_result (&result),
                                                   error);
}

static DeskAuthSession *
create_default_session (Fixture    *fixture,
                        const char *end_user_id)
{
  g_autoptr(DeskSessionRequest) request =
    desk_session_request_new (end_user_id, REDIRECT_URI, CANCEL_URI, NULL, NULL);
  g_autoptr(GError) error = NULL;
  DeskAuthSession *session = create_session (fixture, request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static gboolean
test_connection (DeskFiskilClient  *client,
                 GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  desk_fiskil_client_test_connection_async (client, NULL, store_result, &result);
  return desk_fiskil_client_test_connection_finish (client, wait_for_result (&result), error);
}

static char *
create_end_user (Fixture     *fixture,
                 const char  *email,
                 const char  *name,
                 const char  *phone,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  desk_fiskil_client_create_end_user_async (fixture->client, email, name, phone, NULL, NULL,
                                            store_result, &result);
  return desk_fiskil_client_create_end_user_finish (fixture->client, wait_for_result (&result),
                                                    error);
}

static GPtrArray *
find_end_users (Fixture     *fixture,
                const char  *email,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  desk_fiskil_client_find_end_users_async (fixture->client, email, NULL, store_result, &result);
  return desk_fiskil_client_find_end_users_finish (fixture->client, wait_for_result (&result),
                                                   error);
}

static DeskEndUser *
get_end_user (Fixture     *fixture,
              const char  *end_user_id,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  desk_fiskil_client_get_end_user_async (fixture->client, end_user_id, NULL, store_result,
                                         &result);
  return desk_fiskil_client_get_end_user_finish (fixture->client, wait_for_result (&result),
                                                 error);
}

static GPtrArray *
list_consents (Fixture     *fixture,
               const char  *end_user_id,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  desk_fiskil_client_list_consents_async (fixture->client, end_user_id, NULL, store_result,
                                          &result);
  return desk_fiskil_client_list_consents_finish (fixture->client, wait_for_result (&result),
                                                  error);
}

/* Fiskil's error body came through: the status, a name, and an "err_<uuid>" id. */
static void
assert_api_error (const GError *error,
                  int           code,
                  guint         http_status,
                  const char   *name)
{
  const DeskApiError *api_error;

  g_assert_error (error, DESK_FISKIL_ERROR, code);
  api_error = desk_fiskil_error_get_api_error (error);
  g_assert_nonnull (api_error);
  g_assert_cmpuint (api_error->http_status, ==, http_status);
  g_assert_cmpstr (api_error->name, ==, name);
  g_assert_nonnull (api_error->id);
  g_assert_true (g_str_has_prefix (api_error->id, "err_"));
  g_assert_true (g_uuid_string_is_valid (api_error->id + 4));
  g_assert_nonnull (api_error->message);
  g_assert_cmpstr (api_error->message, !=, "");
}

/* The browser: plain HTTP, the Sandbox's cookie kept, redirects reported, not followed. */

static Answer *
browse (Fixture    *fixture,
        const char *uri_or_path,
        const char *form)
{
  g_autofree char *uri = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *location;
  Answer *answer;

  uri = g_str_has_prefix (uri_or_path, "/")
    ? g_strconcat (desk_sandbox_get_base_url (fixture->sandbox), uri_or_path, NULL)
    : g_strdup (uri_or_path);
  message = form != NULL ? soup_message_new_from_encoded_form ("POST", uri, g_strdup (form))
                         : soup_message_new ("GET", uri);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    store_result, &result);
  body = soup_session_send_and_read_finish (fixture->browser, wait_for_result (&result), &error);
  g_assert_no_error (error);

  answer = g_new0 (Answer, 1);
  answer->status = soup_message_get_status (message);
  answer->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                           "Location");
  if (location != NULL)
    {
      g_autoptr(GUri) resolved = g_uri_parse_relative (soup_message_get_uri (message), location,
                                                       G_URI_FLAGS_ENCODED, NULL);

      /* Absolute callbacks are kept verbatim: the exact string is what is under test. */
      answer->location = g_str_has_prefix (location, "/") ? g_uri_to_string (resolved)
                                                          : g_strdup (location);
    }

  return answer;
}

/* Posts one step's form; the answer must lead on to the next page of the flow. */
static void
post_step (Fixture    *fixture,
           const char *session_id,
           const char *fields)
{
  g_autofree char *form = g_strdup_printf ("session=%s&%s", session_id, fields);
  g_autoptr(Answer) answer = browse (fixture, "/auth/flow", form);
  g_autofree char *expected = g_strdup_printf ("%s/auth/flow?session=%s",
                                               desk_sandbox_get_base_url (fixture->sandbox),
                                               session_id);

  g_assert_cmpuint (answer->status, ==, SOUP_STATUS_SEE_OTHER);
  g_assert_cmpstr (answer->location, ==, expected);
}

static void
assert_page_step (Fixture    *fixture,
                  const char *session_id,
                  const char *step)
{
  g_autofree char *path = g_strdup_printf ("/auth/flow?session=%s", session_id);
  g_autofree char *marker = g_strdup_printf ("data-step=\"%s\"", step);
  g_autoptr(Answer) answer = browse (fixture, path, NULL);

  g_assert_cmpuint (answer->status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (answer->body, marker));
}

static Answer *
open_auth_url (Fixture               *fixture,
               const DeskAuthSession *session)
{
  return browse (fixture, session->auth_url, NULL);
}

static char *
form_encode (const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
  g_auto(GStrv) parts = g_strsplit (escaped, "%20", -1);

  return g_strjoinv ("+", parts);
}

/* The cancel callback of @error_type, exactly: the cancel URI's query kept, then error,
 * error_description, error_id, error_type and error_uri, form-encoded (fiskil-api.md §7). */
static void
assert_failure_callback (const char *location,
                         const char *error_type,
                         const char *error)
{
  g_autoptr(DeskCallback) callback = desk_callback_parse (location, REDIRECT_URI, CANCEL_URI);
  g_autofree char *error_uri = g_strconcat ("https://data.docs.fiskil.dev/errors#", error_type,
                                            NULL);
  g_autofree char *description = NULL;
  g_autofree char *expected = NULL;
  const char *error_id;

  g_assert_nonnull (callback);
  g_assert_cmpint (callback->matched, ==, DESK_CALLBACK_MATCH_CANCEL);
  g_assert_true (desk_callback_is_failure (callback));
  g_assert_cmpstr (desk_callback_get_param (callback, "tenant"), ==, "qa");
  g_assert_cmpstr (desk_callback_get_param (callback, "error_type"), ==, error_type);
  g_assert_cmpstr (desk_callback_get_param (callback, "error"), ==, error);
  g_assert_cmpstr (desk_callback_get_param (callback, "error_uri"), ==, error_uri);
  error_id = desk_callback_get_param (callback, "error_id");
  g_assert_true (g_str_has_prefix (error_id, "err_"));
  g_assert_true (g_uuid_string_is_valid (error_id + 4));
  g_assert_cmpstr (desk_callback_get_param (callback, "error_description"), !=, "");

  description = form_encode (desk_callback_get_param (callback, "error_description"));
  expected = g_strdup_printf (CANCEL_URI "&error=%s&error_description=%s&error_id=%s"
                              "&error_type=%s&error_uri=https%%3A%%2F%%2Fdata.docs.fiskil.dev"
                              "%%2Ferrors%%23%s",
                              error, description, error_id, error_type, error_type);
  g_assert_cmpstr (location, ==, expected);
}

/* Tests. */

static void
test_start_stop (void)
{
  g_autoptr(DeskSandbox) sandbox = desk_sandbox_new ();
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autoptr(GUri) uri = NULL;

  g_assert_false (desk_sandbox_is_running (sandbox));
  g_assert_null (desk_sandbox_get_base_url (sandbox));

  g_assert_true (desk_sandbox_start (sandbox, &error));
  g_assert_no_error (error);
  g_assert_true (desk_sandbox_is_running (sandbox));
  base_url = g_strdup (desk_sandbox_get_base_url (sandbox));
  g_assert_true (g_str_has_prefix (base_url, "http://127.0.0.1:"));
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  g_assert_cmpint (g_uri_get_port (uri), >, 0);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "");

  /* Idempotent: the same server, the same address. */
  g_assert_true (desk_sandbox_start (sandbox, &error));
  g_assert_cmpstr (desk_sandbox_get_base_url (sandbox), ==, base_url);

  client = desk_fiskil_client_new (base_url);
  desk_fiskil_client_set_client_credentials (client, DESK_SANDBOX_CLIENT_ID,
                                             DESK_SANDBOX_CLIENT_SECRET);
  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);

  desk_sandbox_stop (sandbox);
  g_assert_false (desk_sandbox_is_running (sandbox));
  g_assert_null (desk_sandbox_get_base_url (sandbox));
  desk_sandbox_stop (sandbox);

  /* The port is closed, kept-alive connections included. */
  g_assert_false (test_connection (client, &error));
  g_assert_error (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_NETWORK);
}

static void
test_stop_on_finalize (void)
{
  DeskSandbox *sandbox = desk_sandbox_new ();
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_sandbox_start (sandbox, &error));
  client = desk_fiskil_client_new (desk_sandbox_get_base_url (sandbox));
  desk_fiskil_client_set_client_credentials (client, DESK_SANDBOX_CLIENT_ID,
                                             DESK_SANDBOX_CLIENT_SECRET);
  g_assert_true (test_connection (client, &error));

  g_object_add_weak_pointer (G_OBJECT (sandbox), (gpointer *) &sandbox);
  g_object_unref (sandbox);
  g_assert_null (sandbox);

  g_assert_false (test_connection (client, &error));
  g_assert_error (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_NETWORK);
}

static void
test_token (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(DeskFiskilClient) wrong_secret = NULL;
  g_autoptr(DeskFiskilClient) wrong_id = NULL;
  g_autoptr(GError) error = NULL;
  const char *base_url = desk_sandbox_get_base_url (fixture->sandbox);

  g_assert_true (test_connection (fixture->client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 1);

  wrong_secret = desk_fiskil_client_new (base_url);
  desk_fiskil_client_set_client_credentials (wrong_secret, DESK_SANDBOX_CLIENT_ID, "not-it");
  g_assert_false (test_connection (wrong_secret, &error));
  assert_api_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED, 401, "unauthorized");
  g_clear_error (&error);

  wrong_id = desk_fiskil_client_new (base_url);
  desk_fiskil_client_set_client_credentials (wrong_id, "someone-else", DESK_SANDBOX_CLIENT_SECRET);
  g_assert_false (test_connection (wrong_id, &error));
  assert_api_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED, 401, "unauthorized");
}

static void
test_create_session (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autofree char *expected_url = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  session = create_default_session (fixture, "eu_3f1c9a");

  g_assert_cmpstr (session->id, ==, DESK_SANDBOX_CLIENT_ID);
  g_assert_true (g_uuid_string_is_valid (session->session_id));
  expected_url = g_strdup_printf ("%s/auth/start?session=%s",
                                  desk_sandbox_get_base_url (fixture->sandbox),
                                  session->session_id);
  g_assert_cmpstr (session->auth_url, ==, expected_url);
  g_assert_cmpint (session->expires_at, >=, now + DESK_SANDBOX_DEFAULT_SESSION_LIFETIME - 1);
  g_assert_cmpint (session->expires_at, <=, now + DESK_SANDBOX_DEFAULT_SESSION_LIFETIME + 2);

  /* Same machine, same clock: the Date header gives (almost) no skew. */
  g_assert_cmpint (ABS (session->clock_skew), <=, 2);

  /* One token exchange, then one session per request: every session is new. */
  {
    g_autoptr(DeskAuthSession) second = create_default_session (fixture, "eu_3f1c9a");

    g_assert_cmpstr (second->session_id, !=, session->session_id);
    g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 3);
  }
}

typedef struct
{
  const char *name;
  const char *end_user_id;
  const char *redirect_uri;
  const char *cancel_uri;
  const char *institution_id;
  int         code;
  guint       http_status;
  const char *error_name;
} SessionErrorCase;

static const SessionErrorCase session_error_cases[] = {
  { "no-end-user-id", NULL, REDIRECT_URI, CANCEL_URI, NULL,
    DESK_FISKIL_ERROR_INVALID_INPUT, 400, "InvalidRequest" },
  { "empty-end-user-id", "", REDIRECT_URI, CANCEL_URI, NULL,
    DESK_FISKIL_ERROR_INVALID_INPUT, 400, "InvalidRequest" },
  { "control-character", "eu\n1", REDIRECT_URI, CANCEL_URI, NULL,
    DESK_FISKIL_ERROR_INVALID_INPUT, 400, "InvalidRequest" },
  { "unknown-institution", "eu_1", REDIRECT_URI, CANCEL_URI, "sandbox-bank-nowhere",
    DESK_FISKIL_ERROR_INVALID_INPUT, 400, "invalid_institution_id" },
  { "relative-redirect", "eu_1", "/done", CANCEL_URI, NULL,
    DESK_FISKIL_ERROR_INVALID_INPUT, 400, "InvalidRequest" },
  { "redirect-fragment", "eu_1", "https://app.example/done#x", CANCEL_URI, NULL,
    DESK_FISKIL_ERROR_INVALID_INPUT, 400, "InvalidRequest" },
  { "cancel-without-host", "eu_1", REDIRECT_URI, "https:///cancel", NULL,
    DESK_FISKIL_ERROR_INVALID_INPUT, 400, "InvalidRequest" },
};

static void
test_session_error (gconstpointer data)
{
  const SessionErrorCase *error_case = data;
  Fixture fixture = { 0 };
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  fixture_set_up (&fixture, NULL);

  request = desk_session_request_new (error_case->end_user_id, error_case->redirect_uri,
                                      error_case->cancel_uri, error_case->institution_id, NULL);
  session = create_session (&fixture, request, &error);
  g_assert_null (session);
  assert_api_error (error, error_case->code, error_case->http_status, error_case->error_name);

  fixture_tear_down (&fixture, NULL);
}

static void
test_session_unauthorized (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(DeskSessionRequest) request =
    desk_session_request_new ("eu_1", REDIRECT_URI, CANCEL_URI, NULL, NULL);
  g_autoptr(DeskFiskilClient) bad_token = NULL;
  g_autoptr(DeskFiskilClient) bad_secret = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *base_url = desk_sandbox_get_base_url (fixture->sandbox);

  /* A token the Sandbox never issued. */
  bad_token = desk_fiskil_client_new (base_url);
  desk_fiskil_client_set_access_token (bad_token, "sbx_not-a-real-token");
  g_object_unref (fixture->client);
  fixture->client = g_object_ref (bad_token);
  session = create_session (fixture, request, &error);
  g_assert_null (session);
  assert_api_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED, 401, "unauthorized");
  g_clear_error (&error);

  /* Credentials the token endpoint refuses. */
  bad_secret = desk_fiskil_client_new (base_url);
  desk_fiskil_client_set_client_credentials (bad_secret, DESK_SANDBOX_CLIENT_ID, "wrong");
  g_object_unref (fixture->client);
  fixture->client = g_object_ref (bad_secret);
  session = create_session (fixture, request, &error);
  g_assert_null (session);
  assert_api_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED, 401, "unauthorized");
}

static void
test_end_users (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *duplicate = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(DeskEndUser) end_user = NULL;
  g_autoptr(DeskEndUser) missing = NULL;
  DeskEndUser *first;

  id = create_end_user (fixture, "casey@example.com", "Casey Nguyen", "+61412345678", &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpstr (id, !=, "");

  other = create_end_user (fixture, NULL, "No Email", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other, !=, id);

  found = find_end_users (fixture, "casey@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  first = g_ptr_array_index (found, 0);
  g_assert_cmpstr (first->id, ==, id);
  g_assert_cmpstr (first->email, ==, "casey@example.com");
  g_assert_cmpstr (first->name, ==, "Casey Nguyen");
  g_assert_cmpstr (first->phone, ==, "+61412345678");

  none = find_end_users (fixture, "nobody@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  end_user = get_end_user (fixture, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (end_user->id, ==, id);
  g_assert_cmpstr (end_user->email, ==, "casey@example.com");

  /* E-mail addresses are unique, whatever their case. */
  duplicate = create_end_user (fixture, "Casey@Example.com", NULL, NULL, &error);
  g_assert_null (duplicate);
  assert_api_error (error, DESK_FISKIL_ERROR_INVALID_INPUT, 400, "end_user_already_exists");
  g_clear_error (&error);

  g_assert_null (create_end_user (fixture, NULL, NULL, "0412 345 678", &error));
  assert_api_error (error, DESK_FISKIL_ERROR_INVALID_INPUT, 400, "InvalidRequest");
  g_clear_error (&error);

  missing = get_end_user (fixture, "eu_does-not-exist", &error);
  g_assert_null (missing);
  assert_api_error (error, DESK_FISKIL_ERROR_NOT_FOUND, 404, "not_found");
}

/* Walks the whole consent flow as success/success; returns the final answer. */
static Answer *
complete_consent (Fixture               *fixture,
                  const DeskAuthSession *session)
{
  g_autoptr(Answer) start = open_auth_url (fixture, session);
  const char *id = session->session_id;

  g_assert_cmpuint (start->status, ==, SOUP_STATUS_SEE_OTHER);
  assert_page_step (fixture, id, "institution");
  post_step (fixture, id, "action=institution&institution_id=sandbox-bank-harbour");
  assert_page_step (fixture, id, "login");
  post_step (fixture, id, "action=login&username=success&password=success");
  assert_page_step (fixture, id, "otp");
  post_step (fixture, id, "action=otp&code=123456");
  assert_page_step (fixture, id, "accounts");
  post_step (fixture, id, "action=accounts&account=everyday&account=credit-card");
  assert_page_step (fixture, id, "confirm");

  {
    g_autofree char *form = g_strdup_printf ("session=%s&action=confirm", id);

    return browse (fixture, "/auth/flow", form);
  }
}

static void
test_consents (Fixture       *fixture,
               gconstpointer  user_data)
{
  static const char * const permissions[] = { "transactions", "identity", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *end_user_id = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(Answer) done = NULL;
  g_autofree char *expected = NULL;
  DeskConsent *consent;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  end_user_id = create_end_user (fixture, "robin@example.com", "Robin", NULL, &error);
  g_assert_no_error (error);

  before = list_consents (fixture, end_user_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 0);

  request = desk_session_request_new (end_user_id, REDIRECT_URI, CANCEL_URI, NULL, permissions);
  session = create_session (fixture, request, &error);
  g_assert_no_error (error);

  done = complete_consent (fixture, session);
  g_assert_cmpuint (done->status, ==, SOUP_STATUS_FOUND);
  /* The redirect URI's own query is kept and session_id appended. */
  expected = g_strconcat (REDIRECT_URI, "&session_id=", session->session_id, NULL);
  g_assert_cmpstr (done->location, ==, expected);

  after = list_consents (fixture, end_user_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  consent = g_ptr_array_index (after, 0);
  g_assert_true (g_uuid_string_is_valid (consent->arrangement_id));
  g_assert_true (consent->active);
  g_assert_cmpstr (consent->institution_id, ==, "sandbox-bank-harbour");
  g_assert_cmpstrv (consent->permissions, permissions);
  g_assert_cmpint (consent->expires_at, >=, now + 365 * 24 * 3600 - 1);
  g_assert_cmpint (consent->expires_at, <=, now + 365 * 24 * 3600 + 2);

  /* Only this end user's consents. */
  others = list_consents (fixture, "eu_someone-else", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len, ==, 0);
}

static void
test_single_use (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(DeskAuthSession) session = create_default_session (fixture, "eu_single");
  g_autoptr(Answer) first = NULL;
  g_autoptr(Answer) second = NULL;
  g_autoptr(Answer) after = NULL;
  g_autofree char *flow = NULL;

  first = open_auth_url (fixture, session);
  g_assert_cmpuint (first->status, ==, SOUP_STATUS_SEE_OTHER);
  assert_page_step (fixture, session->session_id, "institution");

  second = open_auth_url (fixture, session);
  g_assert_cmpuint (second->status, ==, SOUP_STATUS_FOUND);
  assert_failure_callback (second->location, "AUTH_SESSION_INVALID", "invalid_request");

  /* The session is used up for the first visitor too. */
  flow = g_strdup_printf ("/auth/flow?session=%s", session->session_id);
  after = browse (fixture, flow, NULL);
  g_assert_cmpuint (after->status, ==, SOUP_STATUS_FOUND);
  assert_failure_callback (after->location, "AUTH_SESSION_INVALID", "invalid_request");
}

static void
test_single_use_after_success (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(DeskAuthSession) session = create_default_session (fixture, "eu_again");
  g_autoptr(Answer) done = complete_consent (fixture, session);
  g_autoptr(Answer) again = NULL;

  g_assert_cmpuint (done->status, ==, SOUP_STATUS_FOUND);
  again = open_auth_url (fixture, session);
  g_assert_cmpuint (again->status, ==, SOUP_STATUS_FOUND);
  assert_failure_callback (again->location, "AUTH_SESSION_INVALID", "invalid_request");
}

static void
test_foreign_browser (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(DeskAuthSession) session = create_default_session (fixture, "eu_foreign");
  g_autoptr(Answer) start = open_auth_url (fixture, session);
  SoupSession *own_browser = g_steal_pointer (&fixture->browser);
  g_autofree char *flow = g_strdup_printf ("/auth/flow?session=%s", session->session_id);
  g_autoptr(Answer) foreign = NULL;

  g_assert_cmpuint (start->status, ==, SOUP_STATUS_SEE_OTHER);

  /* Another browser, without the flow's cookie, cannot take the session over. */
  fixture->browser = soup_session_new ();
  foreign = browse (fixture, flow, NULL);
  g_assert_cmpuint (foreign->status, ==, SOUP_STATUS_FOUND);
  assert_failure_callback (foreign->location, "AUTH_SESSION_INVALID", "invalid_request");
  g_object_unref (own_browser);
}

static void
test_expiry (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(Answer) late = NULL;
  gint64 now;

  desk_sandbox_set_session_lifetime (fixture->sandbox, 1);
  g_assert_cmpuint (desk_sandbox_get_session_lifetime (fixture->sandbox), ==, 1);

  now = g_get_real_time () / G_USEC_PER_SEC;
  session = create_default_session (fixture, "eu_late");
  g_assert_cmpint (session->expires_at, >=, now);
  g_assert_cmpint (session->expires_at, <=, now + 2);

  wait_for_expiry (session);

  late = open_auth_url (fixture, session);
  g_assert_cmpuint (late->status, ==, SOUP_STATUS_FOUND);
  assert_failure_callback (late->location, "AUTH_SESSION_INVALID", "invalid_request");
}

static void
test_expiry_during_flow (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(Answer) start = NULL;
  g_autoptr(Answer) late = NULL;
  g_autofree char *form = NULL;

  desk_sandbox_set_session_lifetime (fixture->sandbox, 1);
  session = create_default_session (fixture, "eu_slow");
  start = open_auth_url (fixture, session);
  g_assert_cmpuint (start->status, ==, SOUP_STATUS_SEE_OTHER);

  wait_for_expiry (session);

  form = g_strdup_printf ("session=%s&action=institution&institution_id=sandbox-bank-koala",
                          session->session_id);
  late = browse (fixture, "/auth/flow", form);
  g_assert_cmpuint (late->status, ==, SOUP_STATUS_FOUND);
  assert_failure_callback (late->location, "CONSENT_TIMEOUT", "temporarily_unavailable");
}

static void
test_unknown_session (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(Answer) start = browse (fixture, "/auth/start?session=nope", NULL);
  g_autoptr(Answer) flow = browse (fixture, "/auth/flow?session=nope", NULL);

  /* No cancel URI is known: a page says so instead. */
  g_assert_cmpuint (start->status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_null (start->location);
  g_assert_nonnull (strstr (start->body, "This link is not valid"));
  g_assert_cmpuint (flow->status, ==, SOUP_STATUS_NOT_FOUND);
}

static void
test_wrong_password_stays (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(DeskAuthSession) session = create_default_session (fixture, "eu_typo");
  g_autoptr(Answer) start = open_auth_url (fixture, session);
  g_autofree char *flow = g_strdup_printf ("/auth/flow?session=%s", session->session_id);
  g_autoptr(Answer) page = NULL;

  g_assert_cmpuint (start->status, ==, SOUP_STATUS_SEE_OTHER);
  post_step (fixture, session->session_id, "action=institution&institution_id=sandbox-bank-koala");
  post_step (fixture, session->session_id, "action=login&username=success&password=typo");

  page = browse (fixture, flow, NULL);
  g_assert_nonnull (strstr (page->body, "data-step=\"login\""));
  g_assert_nonnull (strstr (page->body, "role=\"alert\""));
  g_assert_nonnull (strstr (page->body, "username or password is incorrect"));
}

static void
test_outcome_validity (void)
{
  g_autoptr(DeskSandbox) sandbox = desk_sandbox_new ();
  const DeskErrorTypeInfo *types;
  gsize n_types;

  g_assert_true (desk_sandbox_outcome_is_valid ("success"));
  types = desk_error_catalogue_get_all (&n_types);
  g_assert_cmpuint (n_types, >=, 10);
  for (gsize i = 0; i < n_types; i++)
    g_assert_true (desk_sandbox_outcome_is_valid (types[i].error_type));
  g_assert_true (desk_sandbox_outcome_is_valid ("AUTH_SESSION_NOT_FOUND"));
  g_assert_true (desk_sandbox_outcome_is_valid ("AUTH_SESSION_TERMINAL"));

  g_assert_false (desk_sandbox_outcome_is_valid (NULL));
  g_assert_false (desk_sandbox_outcome_is_valid (""));
  g_assert_false (desk_sandbox_outcome_is_valid ("SUCCESS"));
  g_assert_false (desk_sandbox_outcome_is_valid ("consent_enduser_denied"));

  g_assert_null (desk_sandbox_get_auto_outcome (sandbox));
  desk_sandbox_set_auto_outcome (sandbox, "CONSENT_TIMEOUT");
  g_assert_cmpstr (desk_sandbox_get_auto_outcome (sandbox), ==, "CONSENT_TIMEOUT");
  desk_sandbox_set_auto_outcome (sandbox, NULL);
  g_assert_null (desk_sandbox_get_auto_outcome (sandbox));
}

/* Wire shapes the client deliberately hides: exact bodies, headers and content types. */

static JsonObject *
raw_request (Fixture     *fixture,
             const char  *method,
             const char  *path,
             const char  *token,
             const char  *json,
             guint        expected_status,
             const char  *expected_content_type,
             char       **date)
{
  g_autofree char *uri = g_strconcat (desk_sandbox_get_base_url (fixture->sandbox), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers;
  JsonNode *root;

  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                    authorization);
    }
  if (json != NULL)
    {
      g_autoptr(GBytes) request_body = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (message, "application/json", request_body);
    }

  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    store_result, &result);
  body = soup_session_send_and_read_finish (fixture->browser, wait_for_result (&result), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (soup_message_get_status (message), ==, expected_status);
  headers = soup_message_get_response_headers (message);
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==,
                   expected_content_type);
  if (date != NULL)
    *date = g_strdup (soup_message_headers_get_one (headers, "Date"));

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             (gssize) g_bytes_get_size (body), &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static void
assert_error_body (JsonObject *body,
                   const char *name,
                   gboolean    goa)
{
  const char *id = json_object_get_string_member (body, "id");

  g_assert_true (g_str_has_prefix (id, "err_"));
  g_assert_true (g_uuid_string_is_valid (id + 4));
  g_assert_cmpstr (json_object_get_string_member (body, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (body, "message"), !=, "");
  g_assert_cmpint (json_object_get_size (body), ==, goa ? 6 : 3);
  if (goa)
    {
      g_assert_false (json_object_get_boolean_member (body, "temporary"));
      g_assert_false (json_object_get_boolean_member (body, "timeout"));
      g_assert_false (json_object_get_boolean_member (body, "fault"));
    }
}

static void
test_wire_shapes (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(JsonObject) token_body = NULL;
  g_autoptr(JsonObject) session_body = NULL;
  g_autoptr(JsonObject) error_body = NULL;
  g_autoptr(JsonObject) end_user_body = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) server_time = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *token;

  token_body = raw_request (fixture, "POST", "/v1/token", NULL,
                            "{\"client_id\": \"" DESK_SANDBOX_CLIENT_ID "\", \"client_secret\": \""
                            DESK_SANDBOX_CLIENT_SECRET "\"}",
                            200, "application/json", NULL);
  g_assert_cmpint (json_object_get_size (token_body), ==, 3);
  token = json_object_get_string_member (token_body, "token");
  g_assert_cmpstr (token, !=, "");
  g_assert_cmpstr (json_object_get_string_member (token_body, "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (token_body, "expires_in"), ==, 900);

  session_body = raw_request (fixture, "POST", "/v1/auth/session", token,
                              "{\"end_user_id\": \"eu_1\"}", 200, "application/json", &date);
  g_assert_cmpint (json_object_get_size (session_body), ==, 4);
  g_assert_true (json_object_has_member (session_body, "id"));
  g_assert_true (json_object_has_member (session_body, "session_id"));
  g_assert_true (json_object_has_member (session_body, "auth_url"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (session_body, "expires_at")),
                   ==, G_TYPE_INT64);
  server_time = soup_date_time_new_from_http_string (date);
  g_assert_nonnull (server_time);
  g_assert_cmpint (ABS (g_date_time_difference (now, server_time)), <=, 2 * G_TIME_SPAN_SECOND);

  error_body = raw_request (fixture, "POST", "/v1/auth/session", token, "{\"end_user_id\": 7}",
                            400, "application/json", NULL);
  assert_error_body (error_body, "InvalidRequest", FALSE);
  g_clear_pointer (&error_body, json_object_unref);

  error_body = raw_request (fixture, "POST", "/v1/auth/session", token, "{not json", 400,
                            "application/json", NULL);
  assert_error_body (error_body, "InvalidRequest", FALSE);
  g_clear_pointer (&error_body, json_object_unref);

  error_body = raw_request (fixture, "POST", "/v1/auth/session", NULL, "{\"end_user_id\": \"x\"}",
                            401, "application/vnd.goa.error", NULL);
  assert_error_body (error_body, "unauthorized", TRUE);
  g_clear_pointer (&error_body, json_object_unref);

  error_body = raw_request (fixture, "POST", "/v1/token", NULL,
                            "{\"client_id\": \"x\", \"client_secret\": \"y\"}",
                            401, "application/vnd.goa.error", NULL);
  assert_error_body (error_body, "unauthorized", TRUE);
  g_clear_pointer (&error_body, json_object_unref);

  error_body = raw_request (fixture, "GET", "/v1/auth/session", token, NULL, 405,
                            "application/vnd.goa.error", NULL);
  assert_error_body (error_body, "method_not_allowed", TRUE);
  g_clear_pointer (&error_body, json_object_unref);

  error_body = raw_request (fixture, "GET", "/v1/nothing-here", token, NULL, 404,
                            "application/vnd.goa.error", NULL);
  assert_error_body (error_body, "not_found", TRUE);
  g_clear_pointer (&error_body, json_object_unref);

  error_body = raw_request (fixture, "GET", "/v1/consent", token, NULL, 400, "application/json",
                            NULL);
  assert_error_body (error_body, "InvalidRequest", FALSE);

  end_user_body = raw_request (fixture, "POST", "/v1/end-users", token,
                               "{\"email\": \"sam@example.com\"}", 201, "application/json", NULL);
  g_assert_cmpint (json_object_get_size (end_user_body), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (end_user_body, "end_user_id"), !=, "");
}

/* The demo end users of design.md, there from the start. */
static void
test_demo_end_users (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alex = NULL;
  g_autoptr(GPtrArray) shouting = NULL;
  g_autoptr(GPtrArray) pat = NULL;
  g_autoptr(DeskEndUser) jordan = NULL;
  g_autofree char *duplicate = NULL;
  DeskEndUser *found;

  alex = find_end_users (fixture, "alex@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alex->len, ==, 1);
  found = g_ptr_array_index (alex, 0);
  g_assert_cmpstr (found->id, ==, "eu_demo_alex");
  g_assert_cmpstr (found->email, ==, "alex@example.com");
  g_assert_cmpstr (found->name, ==, "Alex Example");
  g_assert_cmpstr (found->phone, ==, "+61412345678");

  /* Email addresses match whatever their case. */
  shouting = find_end_users (fixture, "ALEX@Example.COM", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shouting->len, ==, 1);
  g_assert_cmpstr (((DeskEndUser *) g_ptr_array_index (shouting, 0))->id, ==, "eu_demo_alex");

  /* A record with only an email, as real ones may be. */
  pat = find_end_users (fixture, "pat@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pat->len, ==, 1);
  found = g_ptr_array_index (pat, 0);
  g_assert_cmpstr (found->id, ==, "eu_demo_pat");
  g_assert_null (found->name);
  g_assert_null (found->phone);

  jordan = get_end_user (fixture, "eu_demo_jordan", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jordan->email, ==, "jordan@example.com");
  g_assert_cmpstr (jordan->name, ==, "Jordan Lee");

  duplicate = create_end_user (fixture, "Jordan@Example.com", "Someone Else", NULL, &error);
  g_assert_null (duplicate);
  assert_api_error (error, DESK_FISKIL_ERROR_INVALID_INPUT, 400, "end_user_already_exists");
}

/* The simulated remote customer. */

typedef struct
{
  guint  count;
  char  *session_id;
  char  *callback_uri;
} RemoteFinished;

static void
on_remote_finished (DeskSandbox    *sandbox,
                    const char     *session_id,
                    const char     *callback_uri,
                    RemoteFinished *finished)
{
  finished->count++;
  g_free (finished->session_id);
  finished->session_id = g_strdup (session_id);
  g_free (finished->callback_uri);
  finished->callback_uri = g_strdup (callback_uri);
}

static void
remote_finished_clear (RemoteFinished *finished)
{
  g_clear_pointer (&finished->session_id, g_free);
  g_clear_pointer (&finished->callback_uri, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RemoteFinished, remote_finished_clear)

static gboolean
remote_has_finished (gpointer data)
{
  return ((RemoteFinished *) data)->count > 0;
}

/* Lets a remote customer scheduled on @session finish, and says where their browser went. */
static void
wait_for_remote (Fixture               *fixture,
                 const DeskAuthSession *session,
                 const char            *outcome,
                 guint                  delay_ms,
                 RemoteFinished        *finished)
{
  gulong handler = g_signal_connect (fixture->sandbox, "remote-finished",
                                     G_CALLBACK (on_remote_finished), finished);

  g_assert_true (desk_sandbox_complete_remotely (fixture->sandbox, session->session_id, outcome,
                                                 delay_ms));
  desk_test_wait_or_fail (remote_has_finished, finished, WAIT_SECONDS * 1000,
                          "the remote customer");
  g_signal_handler_disconnect (fixture->sandbox, handler);
  g_assert_cmpuint (finished->count, ==, 1);
  g_assert_cmpstr (finished->session_id, ==, session->session_id);
}

static void
test_remote_success (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(Answer) visit = NULL;
  g_auto(RemoteFinished) finished = { 0 };
  g_autofree char *expected = NULL;
  DeskConsent *consent;

  before = list_consents (fixture, "eu_demo_alex", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 0);

  session = create_default_session (fixture, "eu_demo_alex");
  wait_for_remote (fixture, session, "success", 10, &finished);
  expected = g_strconcat (REDIRECT_URI, "&session_id=", session->session_id, NULL);
  g_assert_cmpstr (finished.callback_uri, ==, expected);

  after = list_consents (fixture, "eu_demo_alex", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  consent = g_ptr_array_index (after, 0);
  g_assert_true (consent->active);
  g_assert_nonnull (consent->institution_id);
  g_assert_cmpuint (g_strv_length (consent->permissions), >, 0);

  /* The session is used up: the link the agent still holds leads nowhere. */
  visit = open_auth_url (fixture, session);
  g_assert_cmpuint (visit->status, ==, SOUP_STATUS_FOUND);
  assert_failure_callback (visit->location, "AUTH_SESSION_INVALID", "invalid_request");
}

static void
test_remote_failure (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(DeskAuthSession) session = create_default_session (fixture, "eu_demo_pat");
  g_auto(RemoteFinished) finished = { 0 };

  wait_for_remote (fixture, session, "CONSENT_ENDUSER_DENIED", 0, &finished);
  assert_failure_callback (finished.callback_uri, "CONSENT_ENDUSER_DENIED", "access_denied");

  after = list_consents (fixture, "eu_demo_pat", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 0);
}

static void
test_remote_after_use (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(DeskAuthSession) session = create_default_session (fixture, "eu_used");
  g_autoptr(Answer) done = complete_consent (fixture, session);
  g_auto(RemoteFinished) finished = { 0 };

  /* Someone already used the session here: the customer's browser gets the invalid-session
   * ending, and no second consent appears. */
  g_assert_cmpuint (done->status, ==, SOUP_STATUS_FOUND);
  wait_for_remote (fixture, session, "success", 0, &finished);
  assert_failure_callback (finished.callback_uri, "AUTH_SESSION_INVALID", "invalid_request");

  after = list_consents (fixture, "eu_used", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
}

static void
test_remote_expired (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_auto(RemoteFinished) finished = { 0 };

  desk_sandbox_set_session_lifetime (fixture->sandbox, 1);
  session = create_default_session (fixture, "eu_slow");
  wait_for_remote (fixture, session, "success", 1100, &finished);
  assert_failure_callback (finished.callback_uri, "CONSENT_TIMEOUT", "temporarily_unavailable");

  after = list_consents (fixture, "eu_slow", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 0);
}

static void
test_remote_unknown_session (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_assert_false (desk_sandbox_complete_remotely (fixture->sandbox, "no-such-session", "success",
                                                  0));
}

static void
count_remote (DeskSandbox *sandbox,
              const char  *session_id,
              const char  *callback_uri,
              guint       *count)
{
  (*count)++;
}

static void
test_remote_dropped_on_dispose (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(DeskAuthSession) session = create_default_session (fixture, "eu_gone");
  guint count = 0;

  g_signal_connect (fixture->sandbox, "remote-finished", G_CALLBACK (count_remote), &count);
  g_assert_true (desk_sandbox_complete_remotely (fixture->sandbox, session->session_id,
                                                 "success", 0));
  g_clear_object (&fixture->sandbox);

  /* Due at once: had it survived the Sandbox, it would run (on freed memory) here. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (count, ==, 0);
}

/* The test knobs. */

static void
test_consent_lag (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(DeskAuthSession) session = create_default_session (fixture, "eu_demo_jordan");
  g_auto(RemoteFinished) finished = { 0 };

  desk_sandbox_set_consent_lag (fixture->sandbox, 2);
  wait_for_remote (fixture, session, "success", 0, &finished);

  first = list_consents (fixture, "eu_demo_jordan", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 0);
  /* Another end user's listing does not use up the lag. */
  g_clear_pointer (&first, g_ptr_array_unref);
  first = list_consents (fixture, "eu_demo_alex", &error);
  g_assert_no_error (error);
  second = list_consents (fixture, "eu_demo_jordan", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 0);
  third = list_consents (fixture, "eu_demo_jordan", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->len, ==, 1);
}

static void
test_consent_rate_limit (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  const DeskApiError *api_error;

  desk_sandbox_set_consent_rate_limit (fixture->sandbox, 2);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_null (list_consents (fixture, "eu_demo_alex", &error));
      assert_api_error (error, DESK_FISKIL_ERROR_RATE_LIMITED, 429, "too_many_requests");
      api_error = desk_fiskil_error_get_api_error (error);
      g_assert_cmpint (api_error->retry_after, ==, 1);
      g_clear_error (&error);
    }

  listed = list_consents (fixture, "eu_demo_alex", &error);
  g_assert_no_error (error);
  g_assert_nonnull (listed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/api/start-stop", test_start_stop);
  g_test_add_func ("/sandbox/api/stop-on-finalize", test_stop_on_finalize);
  g_test_add_func ("/sandbox/api/outcome-validity", test_outcome_validity);
  g_test_add ("/sandbox/api/token", Fixture, NULL, fixture_set_up, test_token, fixture_tear_down);
  g_test_add ("/sandbox/api/session/create", Fixture, NULL, fixture_set_up, test_create_session,
              fixture_tear_down);
  for (gsize i = 0; i < G_N_ELEMENTS (session_error_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/sandbox/api/session/error/",
                                           session_error_cases[i].name, NULL);

      g_test_add_data_func (path, &session_error_cases[i], test_session_error);
    }
  g_test_add ("/sandbox/api/session/unauthorized", Fixture, NULL, fixture_set_up,
              test_session_unauthorized, fixture_tear_down);
  g_test_add ("/sandbox/api/end-users", Fixture, NULL, fixture_set_up, test_end_users,
              fixture_tear_down);
  g_test_add ("/sandbox/api/consents", Fixture, NULL, fixture_set_up, test_consents,
              fixture_tear_down);
  g_test_add ("/sandbox/api/single-use", Fixture, NULL, fixture_set_up, test_single_use,
              fixture_tear_down);
  g_test_add ("/sandbox/api/single-use-after-success", Fixture, NULL, fixture_set_up,
              test_single_use_after_success, fixture_tear_down);
  g_test_add ("/sandbox/api/foreign-browser", Fixture, NULL, fixture_set_up, test_foreign_browser,
              fixture_tear_down);
  g_test_add ("/sandbox/api/expiry", Fixture, NULL, fixture_set_up, test_expiry,
              fixture_tear_down);
  g_test_add ("/sandbox/api/expiry-during-flow", Fixture, NULL, fixture_set_up,
              test_expiry_during_flow, fixture_tear_down);
  g_test_add ("/sandbox/api/unknown-session", Fixture, NULL, fixture_set_up,
              test_unknown_session, fixture_tear_down);
  g_test_add ("/sandbox/api/wrong-password", Fixture, NULL, fixture_set_up,
              test_wrong_password_stays, fixture_tear_down);
  g_test_add ("/sandbox/api/wire-shapes", Fixture, NULL, fixture_set_up, test_wire_shapes,
              fixture_tear_down);
  g_test_add ("/sandbox/api/end-users/demo", Fixture, NULL, fixture_set_up, test_demo_end_users,
              fixture_tear_down);
  g_test_add ("/sandbox/api/remote/success", Fixture, NULL, fixture_set_up, test_remote_success,
              fixture_tear_down);
  g_test_add ("/sandbox/api/remote/failure", Fixture, NULL, fixture_set_up, test_remote_failure,
              fixture_tear_down);
  g_test_add ("/sandbox/api/remote/after-use", Fixture, NULL, fixture_set_up,
              test_remote_after_use, fixture_tear_down);
  g_test_add ("/sandbox/api/remote/expired", Fixture, NULL, fixture_set_up, test_remote_expired,
              fixture_tear_down);
  g_test_add ("/sandbox/api/remote/unknown-session", Fixture, NULL, fixture_set_up,
              test_remote_unknown_session, fixture_tear_down);
  g_test_add ("/sandbox/api/remote/dropped-on-dispose", Fixture, NULL, fixture_set_up,
              test_remote_dropped_on_dispose, fixture_tear_down);
  g_test_add ("/sandbox/api/knobs/consent-lag", Fixture, NULL, fixture_set_up, test_consent_lag,
              fixture_tear_down);
  g_test_add ("/sandbox/api/knobs/consent-rate-limit", Fixture, NULL, fixture_set_up,
              test_consent_rate_limit, fixture_tear_down);

  return g_test_run ();
}
