/* test-client-errors.c — DeskFiskilClient: statuses, error bodies, bad answers, the request on
 * the wire, the network
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "client-fixture.h"

/* Statuses and bodies */

typedef struct
{
  const char          *method_and_path;  /* NULL: POST /v1/auth/session */
  Reply                reply;
  DeskFiskilErrorCode  code;
  const char          *message;          /* the whole message, when given */
  const char          *parts[4];         /* in the message */
  const char          *absent;           /* not in the message */
  const char          *id;               /* DeskApiError fields */
  const char          *name;
  gint64               retry_after;      /* 0: expect -1 (none) */
} ErrorCase;

static const ErrorCase error_400 = {
  .reply = { 400, ERROR_BODY ("err_123", "InvalidRequest", "end_user_id is required") },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400, InvalidRequest): end_user_id is required. "
             "Error ID: err_123.",
  .id = "err_123", .name = "InvalidRequest",
};
static const ErrorCase error_400_institution = {
  .reply = { 400, ERROR_BODY ("err_c1", "invalid_institution_id", "institution not found.") },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400, invalid_institution_id): institution not "
             "found. Error ID: err_c1.",
  .id = "err_c1", .name = "invalid_institution_id",
};
static const ErrorCase error_403 = {
  .reply = { 403, ERROR_BODY ("err_403", "Forbidden", "not allowed") },
  .code = DESK_FISKIL_ERROR_FORBIDDEN,
  .parts = { "HTTP 403", "not allowed", "Error ID: err_403." },
  .id = "err_403", .name = "Forbidden",
};
static const ErrorCase error_404 = {
  .reply = { 404, ERROR_BODY ("err_404", "NotFound", "no such end user") },
  .code = DESK_FISKIL_ERROR_NOT_FOUND,
  .parts = { "HTTP 404", "no such end user", "Error ID: err_404." },
  .id = "err_404", .name = "NotFound",
};
static const ErrorCase error_404_text = {
  .reply = { 404, "Not Found", "text/plain" },
  .code = DESK_FISKIL_ERROR_NOT_FOUND,
  .parts = { "(HTTP 404)", "API address" },
};
static const ErrorCase error_429_seconds = {
  .reply = { 429, ERROR_BODY ("err_429", "RateLimited", "slow down"), NULL,
             "Retry-After", "30" },
  .code = DESK_FISKIL_ERROR_RATE_LIMITED,
  .message = "Fiskil is limiting requests (HTTP 429, RateLimited): slow down. Try again in 30 "
             "seconds. Error ID: err_429.",
  .id = "err_429", .name = "RateLimited", .retry_after = 30,
};
static const ErrorCase error_429_no_header = {
  .reply = { 429 },
  .code = DESK_FISKIL_ERROR_RATE_LIMITED,
  .parts = { "HTTP 429", "Wait a moment" },
};
static const ErrorCase error_429_bad_header = {
  .reply = { 429, NULL, NULL, "Retry-After", "soon" },
  .code = DESK_FISKIL_ERROR_RATE_LIMITED,
  .parts = { "HTTP 429", "Wait a moment" },
};
static const ErrorCase error_500 = {
  .reply = { 500, ERROR_BODY ("err_500", "InternalError", "database unavailable") },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "server error", "HTTP 500, InternalError", "Error ID: err_500." },
  .id = "err_500", .name = "InternalError",
};
static const ErrorCase error_502_html = {
  .reply = { 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html" },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "server error", "(HTTP 502)" },
  .absent = "<",
};
static const ErrorCase error_503 = {
  .reply = { 503, ERROR_BODY ("err_503", "Unavailable", "maintenance") },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "HTTP 503", "maintenance", "Error ID: err_503." },
  .id = "err_503", .name = "Unavailable",
};
static const ErrorCase error_504_empty = {
  .reply = { 504 },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "(HTTP 504)" },
};
static const ErrorCase error_unexpected_status = {
  .reply = { 418, ERROR_BODY ("err_418", "Teapot", "short and stout") },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "unexpected", "HTTP 418", "Error ID: err_418." },
  .id = "err_418", .name = "Teapot",
};
/* Never followed: a redirect could carry the token to another host. */
static const ErrorCase error_redirect = {
  .reply = { 302, NULL, NULL, "Location", "/v1/elsewhere" },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "HTTP 302", "API address" },
};
static const ErrorCase error_goa = {
  .reply = { 400, "{\"name\": \"missing_field\", \"id\": \"Xy12Ab\", "
                  "\"message\": \"\\\"end_user_id\\\" is missing from body\", "
                  "\"temporary\": false, \"timeout\": false, \"fault\": false}",
             "application/vnd.goa.error" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400, missing_field): \"end_user_id\" is missing "
             "from body. Error ID: Xy12Ab.",
  .id = "Xy12Ab", .name = "missing_field",
};
static const ErrorCase error_goa_temporary = {
  .reply = { 503, "{\"name\": \"unavailable\", \"id\": \"t1\", \"message\": \"overloaded\", "
                  "\"temporary\": true, \"timeout\": false, \"fault\": true}",
             "application/vnd.goa.error" },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "temporary", "HTTP 503, unavailable", "Try again in a moment.", "Error ID: t1." },
  .id = "t1", .name = "unavailable",
};
static const ErrorCase error_400_empty = {
  .reply = { 400 },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400).",
};
static const ErrorCase error_400_truncated = {
  .reply = { 400, "{\"id\": \"err_9\", \"name\": \"Inval" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400).",
};
static const ErrorCase error_400_mistyped = {
  .reply = { 400, "{\"id\": 7, \"name\": [\"x\"], \"message\": {\"a\": 1}}" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400).",
};
static const ErrorCase error_400_array = {
  .reply = { 400, "[\"err_1\"]" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400).",
};
static const ErrorCase error_400_only_id = {
  .reply = { 400, "{\"id\": \"err_only\"}" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400). Error ID: err_only.",
  .id = "err_only",
};
static const ErrorCase error_400_control_characters = {
  .reply = { 400, "{\"message\": \"line one\\nline two\\u0007\\t\"}" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400): line one line two.",
};

/* 2xx answers that are not what was asked for */
static const ErrorCase bad_html = {
  .reply = { 200, "<!DOCTYPE html><html><body>Welcome</body></html>", "text/html" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "HTTP 200", "not JSON", "API address" },
  .absent = "<",
};
static const ErrorCase bad_empty = {
  .reply = { 200 },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "HTTP 200", "empty" },
};
static const ErrorCase bad_whitespace = {
  .reply = { 200, "  \n" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "HTTP 200" },
};
static const ErrorCase bad_truncated = {
  .reply = { 200, "{\"id\": \"c\", \"session_id\": \"sess_1\", \"auth_u" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "HTTP 200", "cut short" },
};
static const ErrorCase bad_array = {
  .reply = { 200, "[" SESSION_BODY "]" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
};
static const ErrorCase bad_missing_session_id = {
  .reply = { 200, "{\"id\": \"c\", \"auth_url\": \"" AUTH_URL "\", \"expires_at\": 4102444800}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“session_id”" },
};
static const ErrorCase bad_null_session_id = {
  .reply = { 200, "{\"session_id\": null, \"auth_url\": \"" AUTH_URL "\", "
                  "\"expires_at\": 4102444800}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“session_id”" },
};
static const ErrorCase bad_mistyped_session_id = {
  .reply = { 200, "{\"session_id\": 5, \"auth_url\": \"" AUTH_URL "\", "
                  "\"expires_at\": 4102444800}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“session_id”" },
};
static const ErrorCase bad_missing_auth_url = {
  .reply = { 200, "{\"session_id\": \"sess_1\", \"expires_at\": 4102444800}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“auth_url”" },
};
static const ErrorCase bad_mistyped_auth_url = {
  .reply = { 200, "{\"session_id\": \"sess_1\", \"auth_url\": true, \"expires_at\": 4102444800}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“auth_url”" },
};
static const ErrorCase bad_missing_expires_at = {
  .reply = { 200, "{\"session_id\": \"sess_1\", \"auth_url\": \"" AUTH_URL "\"}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“expires_at”" },
};
static const ErrorCase bad_mistyped_expires_at = {
  .reply = { 200, "{\"session_id\": \"sess_1\", \"auth_url\": \"" AUTH_URL "\", "
                  "\"expires_at\": \"soon\"}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“expires_at”" },
};

/* The token exchange fails the same way, and says which credentials were refused. */
static const ErrorCase token_401 = {
  .method_and_path = "POST /v1/token",
  .reply = { 401, ERROR_BODY ("err_t1", "Unauthorized", "invalid client credentials") },
  .code = DESK_FISKIL_ERROR_UNAUTHORIZED,
  .message = "Fiskil did not accept the client ID and secret (HTTP 401, Unauthorized): invalid "
             "client credentials. Check both, and that they belong to this environment. Error "
             "ID: err_t1.",
  .id = "err_t1", .name = "Unauthorized",
};
static const ErrorCase token_500 = {
  .method_and_path = "POST /v1/token",
  .reply = { 500, "<html>oops</html>", "text/html" },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "(HTTP 500)" },
};
static const ErrorCase token_missing = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "{\"token_type\": \"Bearer\", \"expires_in\": 900}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“token”" },
};
static const ErrorCase token_mistyped = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "{\"token\": 42}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“token”" },
};
static const ErrorCase token_mistyped_access_token = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "{\"access_token\": [\"x\"]}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“access_token”" },
};
/* A token goes into a header: no answer may smuggle a line break into it. */
static const ErrorCase token_header_injection = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "{\"token\": \"abc\\r\\nX-Injected: 1\"}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“token”" },
};
static const ErrorCase token_mistyped_lifetime = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "{\"token\": \"" TOKEN "\", \"expires_in\": \"soon\"}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“expires_in”" },
};
static const ErrorCase token_not_json = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "token=abc", "application/x-www-form-urlencoded" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "HTTP 200" },
};

static void
test_error_case (Fixture       *fixture,
                 gconstpointer  data)
{
  const ErrorCase *error_case = data;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  set_replies (fixture,
               error_case->method_and_path ? error_case->method_and_path
                                           : "POST /v1/auth/session",
               &error_case->reply, NULL);

  session = create_session (fixture, &error);
  g_assert_null (session);
  api_error = assert_fiskil_error (error, error_case->code);

  if (error_case->message != NULL)
    g_assert_cmpstr (error->message, ==, error_case->message);
  for (guint i = 0; i < G_N_ELEMENTS (error_case->parts) && error_case->parts[i]; i++)
    assert_contains (error->message, error_case->parts[i]);
  if (error_case->absent != NULL)
    g_assert_null (strstr (error->message, error_case->absent));

  g_assert_cmpuint (api_error->http_status, ==, error_case->reply.status);
  g_assert_cmpstr (api_error->id, ==, error_case->id);
  g_assert_cmpstr (api_error->name, ==, error_case->name);
  g_assert_cmpint (api_error->retry_after, ==,
                   error_case->retry_after ? error_case->retry_after : -1);

  /* The request that failed was the last: no retry, no redirect followed. */
  g_assert_cmpuint (fixture->recorded->len, ==, error_case->method_and_path ? 1 : 2);
}

static void
test_error_retry_after_date (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  const Reply reply = { 429, NULL, NULL, "Retry-After", date };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  set_replies (fixture, "POST /v1/auth/session", &reply, NULL);

  session = create_session (fixture, &error);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_RATE_LIMITED);
  /* HTTP dates have whole seconds, and the answer takes a moment. */
  g_assert_cmpint (api_error->retry_after, >=, 117);
  g_assert_cmpint (api_error->retry_after, <=, 120);
  assert_contains (error->message, "Try again in 1");
}

static void
test_error_long_message (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *long_text = g_strnfill (5000, 'x');
  g_autofree char *body = g_strdup_printf ("{\"message\": \"%s\", \"id\": \"err_long\"}",
                                           long_text);
  const Reply reply = { 400, body };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  set_replies (fixture, "POST /v1/auth/session", &reply, NULL);

  session = create_session (fixture, &error);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);
  g_assert_cmpuint (strlen (error->message), <, 500);
  assert_contains (error->message, "xxx…");
  assert_contains (error->message, "Error ID: err_long.");
}

static void
test_success_201 (Fixture       *fixture,
                  gconstpointer  data)
{
  static const Reply created = { 201, SESSION_BODY };

  set_replies (fixture, "POST /v1/auth/session", &created, NULL);
  assert_session_created (fixture);
}

/* The request on the wire */

static void
test_request_format (Fixture       *fixture,
                     gconstpointer  data)
{
  Recorded *token;
  Recorded *session;

  g_assert_null (desk_fiskil_client_get_api_version (fixture->client));
  assert_session_created (fixture);
  g_assert_cmpuint (fixture->recorded->len, ==, 2);

  token = g_ptr_array_index (fixture->recorded, 0);
  g_assert_cmpstr (token->method, ==, "POST");
  g_assert_cmpstr (token->path, ==, "/v1/token");
  g_assert_null (token->query);
  assert_common_headers (token, NULL, TRUE);
  g_assert_null (soup_message_headers_get_one (token->headers, "Authorization"));
  assert_json_members (token->body, "client_id,client_secret");
  assert_member (token->body, "client_id", CLIENT_ID);
  assert_member (token->body, "client_secret", CLIENT_SECRET);

  session = g_ptr_array_index (fixture->recorded, 1);
  g_assert_cmpstr (session->method, ==, "POST");
  g_assert_cmpstr (session->path, ==, "/v1/auth/session");
  g_assert_null (session->query);
  assert_common_headers (session, NULL, TRUE);
  g_assert_cmpstr (soup_message_headers_get_one (session->headers, "Authorization"), ==,
                   "Bearer " TOKEN);
  assert_json_members (session->body,
                       "cancel_uri,end_user_id,institution_id,permissions,redirect_uri");
  assert_member (session->body, "end_user_id", "eu_42");
  assert_member (session->body, "redirect_uri", "https://callback.consent-desk.invalid/done");
  assert_member (session->body, "cancel_uri", "https://callback.consent-desk.invalid/cancel");

  desk_fiskil_client_set_api_version (fixture->client, "v2");
  g_assert_cmpstr (desk_fiskil_client_get_api_version (fixture->client), ==, "v2");
  assert_session_created (fixture);
  assert_common_headers (g_ptr_array_index (fixture->recorded, 2), "v2", TRUE);

  desk_fiskil_client_set_api_version (fixture->client, "v1");
  assert_session_created (fixture);
  assert_common_headers (g_ptr_array_index (fixture->recorded, 3), "v1", TRUE);

  desk_fiskil_client_set_api_version (fixture->client, NULL);
  assert_session_created (fixture);
  assert_common_headers (g_ptr_array_index (fixture->recorded, 4), NULL, TRUE);
}

static void
test_request_api_version_checked (Fixture       *fixture,
                                  gconstpointer  data)
{
  desk_fiskil_client_set_api_version (fixture->client, "v2");

  g_test_expect_message ("desk-fiskil", G_LOG_LEVEL_CRITICAL, "*api_version*");
  desk_fiskil_client_set_api_version (fixture->client, "V3");
  g_test_assert_expected_messages ();

  g_assert_cmpstr (desk_fiskil_client_get_api_version (fixture->client), ==, "v2");
}

static void
test_request_plain_http_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  use_client (fixture, "http://api.fiskil.test");

  session = create_session (fixture, &error);
  g_assert_null (session);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);
  assert_contains (error->message, "api.fiskil.test");
  assert_contains (error->message, "https://");
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 0);
}

static void
test_request_finished_signal (Fixture       *fixture,
                              gconstpointer  data)
{
  static const Reply failure = { 400, ERROR_BODY ("err_rf", "InvalidRequest", "nope") };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  Finished *finished;

  set_replies (fixture, "POST /v1/auth/session", &failure, NULL);
  session = create_session (fixture, &error);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);

  g_assert_cmpuint (fixture->finished->len, ==, 2);
  finished = g_ptr_array_index (fixture->finished, 0);
  g_assert_cmpstr (finished->method, ==, "POST");
  g_assert_cmpstr (finished->path, ==, "/v1/token");
  g_assert_cmpuint (finished->status, ==, 200);
  g_assert_null (finished->error_id);
  finished = g_ptr_array_index (fixture->finished, 1);
  g_assert_cmpstr (finished->path, ==, "/v1/auth/session");
  g_assert_cmpuint (finished->status, ==, 400);
  g_assert_cmpstr (finished->error_id, ==, "err_rf");
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 2);
}

static void
test_request_clock_skew (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) ahead = g_date_time_add_hours (now, 1);
  g_autofree char *date = soup_date_time_to_string (ahead, SOUP_DATE_HTTP);
  const Reply reply = { 200, SESSION_BODY, NULL, "Date", date };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (desk_fiskil_client_get_clock_skew (fixture->client), ==, 0);
  set_replies (fixture, "POST /v1/auth/session", &reply, NULL);

  session = create_session (fixture, &error);
  g_assert_no_error (error);
  /* Date has whole seconds. */
  g_assert_cmpint (session->clock_skew, >=, 3598);
  g_assert_cmpint (session->clock_skew, <=, 3600);
  g_assert_cmpint (desk_fiskil_client_get_clock_skew (fixture->client), ==, session->clock_skew);
  g_assert_cmpint (desk_auth_session_get_local_expiry (session), ==,
                   4102444800 - session->clock_skew);
}

/* The network */

static void
test_network_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *host = NULL;
  const DeskApiError *api_error;
  Finished *finished;
  guint16 port;

  /* A port that was free a moment ago and has nobody listening now. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  host = g_strdup_printf ("127.0.0.1:%u", port);
  use_client (fixture, base_url);

  session = create_session (fixture, &error);
  g_assert_null (session);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_NETWORK);
  assert_contains (error->message, host);
  assert_contains (error->message, "network connection");
  g_assert_cmpuint (api_error->http_status, ==, 0);

  g_assert_cmpuint (fixture->finished->len, ==, 1);
  finished = g_ptr_array_index (fixture->finished, 0);
  g_assert_cmpuint (finished->status, ==, 0);
}

static void
assert_times_out (Fixture *fixture,
                  guint    connect_timeout,
                  guint    total_timeout)
{
  static const Reply silence = { 200, SESSION_BODY, .never = TRUE };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  gint64 elapsed;
  Finished *finished;

  set_replies (fixture, "POST /v1/auth/session", &silence, NULL);
  desk_fiskil_client_set_timeouts (fixture->client, connect_timeout, total_timeout);

  started = g_get_monotonic_time ();
  session = create_session (fixture, &error);
  elapsed = g_get_monotonic_time () - started;

  g_assert_null (session);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_NETWORK);
  assert_contains (error->message, "timed out");
  {
    g_autoptr(DeskApiError) api_error = desk_api_error_new_from_error (error);

    g_assert_cmpstr (api_error->code, ==, "timeout");
  }
  g_assert_cmpint (elapsed, >=, 900 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 5 * G_TIME_SPAN_SECOND);

  g_assert_cmpuint (fixture->finished->len, ==, 2);
  finished = g_ptr_array_index (fixture->finished, 1);
  g_assert_cmpuint (finished->status, ==, 0);
}

static void
test_network_total_timeout (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_times_out (fixture, 30, 1);
}

static void
test_network_io_timeout (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_times_out (fixture, 1, 30);
}

static void
test_network_tls (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  g_assert_true (g_str_has_prefix (fixture->base_url, "https://127.0.0.1:"));

  session = create_session (fixture, &error);
  g_assert_null (session);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_TLS);
  assert_contains (error->message, "not trusted");
  assert_contains (error->message, "host name mismatch");
  g_assert_cmpuint (api_error->http_status, ==, 0);

  /* Fail closed: nothing reached the server. */
  g_assert_cmpuint (fixture->recorded->len, ==, 0);
  g_assert_cmpuint (fixture->finished->len, ==, 1);
}

static const struct {
  const char     *path;
  const ErrorCase *error_case;
} error_cases[] = {
  { "/client/status/400", &error_400 },
  { "/client/status/400-institution", &error_400_institution },
  { "/client/status/403", &error_403 },
  { "/client/status/404", &error_404 },
  { "/client/status/404-text", &error_404_text },
  { "/client/status/429-seconds", &error_429_seconds },
  { "/client/status/429-no-retry-after", &error_429_no_header },
  { "/client/status/429-bad-retry-after", &error_429_bad_header },
  { "/client/status/500", &error_500 },
  { "/client/status/502-html", &error_502_html },
  { "/client/status/503", &error_503 },
  { "/client/status/504-empty", &error_504_empty },
  { "/client/status/418", &error_unexpected_status },
  { "/client/status/302-not-followed", &error_redirect },
  { "/client/error-body/goa", &error_goa },
  { "/client/error-body/goa-temporary", &error_goa_temporary },
  { "/client/error-body/empty", &error_400_empty },
  { "/client/error-body/truncated", &error_400_truncated },
  { "/client/error-body/mistyped", &error_400_mistyped },
  { "/client/error-body/array", &error_400_array },
  { "/client/error-body/only-id", &error_400_only_id },
  { "/client/error-body/control-characters", &error_400_control_characters },
  { "/client/answer/html", &bad_html },
  { "/client/answer/empty", &bad_empty },
  { "/client/answer/whitespace", &bad_whitespace },
  { "/client/answer/truncated", &bad_truncated },
  { "/client/answer/array", &bad_array },
  { "/client/answer/missing-session-id", &bad_missing_session_id },
  { "/client/answer/null-session-id", &bad_null_session_id },
  { "/client/answer/mistyped-session-id", &bad_mistyped_session_id },
  { "/client/answer/missing-auth-url", &bad_missing_auth_url },
  { "/client/answer/mistyped-auth-url", &bad_mistyped_auth_url },
  { "/client/answer/missing-expires-at", &bad_missing_expires_at },
  { "/client/answer/mistyped-expires-at", &bad_mistyped_expires_at },
  { "/client/token/401", &token_401 },
  { "/client/token/500", &token_500 },
  { "/client/token/missing", &token_missing },
  { "/client/token/mistyped", &token_mistyped },
  { "/client/token/mistyped-access-token", &token_mistyped_access_token },
  { "/client/token/header-injection", &token_header_injection },
  { "/client/token/mistyped-expires-in", &token_mistyped_lifetime },
  { "/client/token/not-json", &token_not_json },
};

int
main (int   argc,
      char *argv[])
{

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    g_test_add (error_cases[i].path, Fixture, error_cases[i].error_case,
                fixture_setup, test_error_case, fixture_teardown);
  ADD ("/client/status/429-retry-after-date", test_error_retry_after_date);
  ADD ("/client/error-body/long-message", test_error_long_message);
  ADD ("/client/status/201", test_success_201);

  ADD ("/client/request/format", test_request_format);
  ADD ("/client/request/api-version-checked", test_request_api_version_checked);
  ADD ("/client/request/plain-http-refused", test_request_plain_http_refused);
  ADD ("/client/request/finished-signal", test_request_finished_signal);
  ADD ("/client/request/clock-skew", test_request_clock_skew);

  ADD ("/client/network/refused", test_network_refused);
  ADD ("/client/network/total-timeout", test_network_total_timeout);
  ADD ("/client/network/io-timeout", test_network_io_timeout);
  g_test_add ("/client/network/tls-untrusted", Fixture, NULL,
              fixture_setup_tls, test_network_tls, fixture_teardown);

#undef ADD

  return g_test_run ();
}
