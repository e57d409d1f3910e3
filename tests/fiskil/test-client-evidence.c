/* test-client-evidence.c — what the client records: exchanges, HAR, and the request as cURL
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "client-fixture.h"
#include "desk-har.h"

#define CURL "/usr/bin/curl"

/* Exchanges */

static const char *
header_value (GPtrArray  *headers,
              const char *name)
{
  for (guint i = 0; i < headers->len; i++)
    {
      DeskHttpHeader *header = g_ptr_array_index (headers, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        return header->value;
    }

  return NULL;
}

static void
test_exchanges_recorded (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  g_autofree char *token_url = g_strconcat (fixture->base_url, "v1/token", NULL);
  g_autofree char *session_body = desk_session_request_to_body (request);
  DeskHttpExchange *token;
  DeskHttpExchange *session;

  assert_session_created (fixture);
  g_assert_cmpuint (fixture->exchanges->len, ==, 2);
  g_assert_cmpuint (fixture->finished->len, ==, 2);

  token = g_ptr_array_index (fixture->exchanges, 0);
  g_assert_cmpstr (token->method, ==, "POST");
  g_assert_cmpstr (token->url, ==, token_url);
  g_assert_cmpuint (token->http_status, ==, 200);
  g_assert_cmpstr (token->status_text, ==, "OK");
  g_assert_cmpstr (token->request_body, ==,
                   "{\"client_id\":\"" CLIENT_ID "\",\"client_secret\":\"[hidden]\"}");
  assert_contains (token->response_body, "\"token\":\"[hidden]\"");
  assert_contains (token->response_body, "\"expires_in\":900");
  g_assert_null (header_value (token->request_headers, "Authorization"));
  g_assert_cmpstr (header_value (token->request_headers, "Accept"), ==, JSON_CONTENT_TYPE);
  g_assert_cmpint (token->response_body_size, ==, strlen (TOKEN_BODY));
  g_assert_cmpfloat (token->duration_ms, >=, 0);

  session = g_ptr_array_index (fixture->exchanges, 1);
  g_assert_cmpstr (header_value (session->request_headers, "Authorization"), ==, "[hidden]");
  g_assert_cmpstr (session->request_body, ==, session_body);
  g_assert_cmpstr (session->response_body, ==, SESSION_BODY);
  g_assert_cmpstr (session->response_mime_type, ==, "application/json");
  g_assert_null (session->error_id);
  g_assert_true (g_date_time_compare (token->started, session->started) <= 0);
}

static void
test_exchange_error_id (Fixture       *fixture,
                        gconstpointer  data)
{
  static const Reply failure = { 400, ERROR_BODY ("err_x1", "InvalidRequest", "nope") };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  DeskHttpExchange *exchange;

  set_replies (fixture, "POST /v1/auth/session", &failure, NULL);
  session = create_session (fixture, &error);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);

  exchange = g_ptr_array_index (fixture->exchanges, 1);
  g_assert_cmpuint (exchange->http_status, ==, 400);
  g_assert_cmpstr (exchange->error_id, ==, "err_x1");
  g_assert_cmpstr (exchange->status_text, ==, "Bad Request");
}

/* A server that echoes every secret back must not get them into the evidence either. */
static void
test_exchange_echoed_secrets (Fixture       *fixture,
                              gconstpointer  data)
{
  static const Reply echo = {
    400, "{\"message\": \"bad " CLIENT_SECRET " and " TOKEN "\", \"nested\": "
         "{\"access_token\": \"x\"}}", NULL, "X-Echo", "Bearer " TOKEN
  };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  DeskHttpExchange *exchange;

  set_replies (fixture, "POST /v1/auth/session", &echo, NULL);
  session = create_session (fixture, &error);
  g_assert_nonnull (error);

  exchange = g_ptr_array_index (fixture->exchanges, 1);
  assert_no_secret (exchange->response_body);
  assert_no_secret (header_value (exchange->response_headers, "X-Echo"));
  assert_contains (exchange->response_body, "\"access_token\":\"[hidden]\"");
}

/* HAR */

static void
assert_members (JsonObject         *object,
                const char * const *members)
{
  for (guint i = 0; members[i] != NULL; i++)
    {
      if (!json_object_has_member (object, members[i]))
        g_error ("HAR object lacks “%s”", members[i]);
    }
}

static void
assert_har_entry (JsonObject *entry,
                  const char *method,
                  guint       status)
{
  static const char * const entry_members[] = {
    "startedDateTime", "time", "request", "response", "cache", "timings", NULL
  };
  static const char * const request_members[] = {
    "method", "url", "httpVersion", "headers", "queryString", "cookies", "headersSize",
    "bodySize", "postData", NULL
  };
  static const char * const response_members[] = {
    "status", "statusText", "httpVersion", "headers", "cookies", "content", "redirectURL",
    "headersSize", "bodySize", NULL
  };
  static const char * const content_members[] = { "size", "mimeType", "text", NULL };
  static const char * const timings_members[] = { "send", "wait", "receive", NULL };
  JsonObject *request = json_object_get_object_member (entry, "request");
  JsonObject *response = json_object_get_object_member (entry, "response");
  g_autoptr(GDateTime) started = NULL;

  assert_members (entry, entry_members);
  assert_members (request, request_members);
  assert_members (response, response_members);
  assert_members (json_object_get_object_member (response, "content"), content_members);
  assert_members (json_object_get_object_member (entry, "timings"), timings_members);
  assert_members (json_object_get_object_member (request, "postData"),
                  (const char * const []) { "mimeType", "text", NULL });

  started = g_date_time_new_from_iso8601 (json_object_get_string_member (entry,
                                                                         "startedDateTime"),
                                          NULL);
  g_assert_nonnull (started);
  g_assert_cmpstr (json_object_get_string_member (request, "method"), ==, method);
  g_assert_cmpint (json_object_get_int_member (response, "status"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (request, "httpVersion"), ==, "HTTP/1.1");
}

static void
test_har (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(JsonNode) har = NULL;
  g_autofree char *text = NULL;
  JsonObject *log;
  JsonArray *entries;
  JsonObject *request;

  assert_session_created (fixture);
  har = desk_har_new (fixture->exchanges, PACKAGE_VERSION);
  text = json_to_string (har, TRUE);
  g_test_message ("%s", text);

  /* Nothing secret anywhere in what would be written to a file. */
  assert_no_secret (text);
  g_assert_null (strstr (text, "Bearer tok"));
  g_free (text);
  text = json_to_string (har, FALSE);
  assert_no_secret (text);
  assert_contains (text, "{\"name\":\"Authorization\",\"value\":\"[hidden]\"}");

  log = json_object_get_object_member (json_node_get_object (har), "log");
  g_assert_cmpstr (json_object_get_string_member (log, "version"), ==, "1.2");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (log, "creator"),
                                                  "version"), ==, PACKAGE_VERSION);
  entries = json_object_get_array_member (log, "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  assert_har_entry (json_array_get_object_element (entries, 0), "POST", 200);
  assert_har_entry (json_array_get_object_element (entries, 1), "POST", 200);

  request = json_object_get_object_member (json_array_get_object_element (entries, 0),
                                           "request");
  assert_contains (json_object_get_string_member (request, "url"), "/v1/token");
  assert_contains (json_object_get_string_member (json_object_get_object_member (request,
                                                                                 "postData"),
                                                  "text"),
                   "\"client_secret\":\"[hidden]\"");
}

static void
test_har_query_and_failure (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) end_users = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) har = NULL;
  GAsyncResult **slot = next_slot (fixture);
  JsonObject *entry;
  JsonArray *query;

  desk_fiskil_client_find_end_users_async (fixture->client, "a+b@x.test", NULL, store_result,
                                           slot);
  wait_for_result (slot);
  end_users = desk_fiskil_client_find_end_users_finish (fixture->client, *slot, &error);
  g_assert_error (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_NOT_FOUND);

  har = desk_har_new (fixture->exchanges, "1");
  entry = json_array_get_object_element (
            json_object_get_array_member (
              json_object_get_object_member (json_node_get_object (har), "log"), "entries"), 1);
  query = json_object_get_array_member (json_object_get_object_member (entry, "request"),
                                        "queryString");
  g_assert_cmpuint (json_array_get_length (query), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (query, 0),
                                                  "value"), ==, "a+b@x.test");
  g_assert_false (json_object_has_member (json_object_get_object_member (entry, "request"),
                                          "postData"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (entry, "response"),
                                               "status"), ==, 404);
}

/* cURL */

static void
test_curl_text (void)
{
  static const char * const permissions[] = { "accounts", NULL };
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autofree char *curl = NULL;

  request = desk_session_request_new ("eu_'1", "https://a.test/done", "https://a.test/cancel",
                                      NULL, permissions);
  curl = desk_session_request_to_curl (request, "https://api.fiskil.com/", "v2");
  g_assert_cmpstr (curl, ==,
                   "curl -X POST 'https://api.fiskil.com/v1/auth/session' \\\n"
                   "  -H 'Accept: application/json; charset=UTF-8' \\\n"
                   "  -H 'Content-Type: application/json; charset=UTF-8' \\\n"
                   "  -H 'X-Fiskil-Version: v2' \\\n"
                   "  -H \"Authorization: Bearer $FISKIL_ACCESS_TOKEN\" \\\n"
                   "  --data-raw '{\"end_user_id\":\"eu_'\\''1\",\"redirect_uri\":"
                   "\"https://a.test/done\",\"cancel_uri\":\"https://a.test/cancel\","
                   "\"permissions\":[\"accounts\"]}'");
}

typedef struct
{
  const char *end_user_id;
  const char *redirect_uri;
  const char *institution_id;
  const char *api_version;
} CurlCase;

static const CurlCase curl_cases[] = {
  { "eu_42", "https://callback.consent-desk.invalid/done", NULL, NULL },
  { "eu_'single'\"double\"", "https://a.test/x?q='1'&r=\"2\"", "inst'1", "v1" },
  { "eu_$HOME_${PATH}_$(id)", "https://a.test/$x", "`id`", "v2" },
  { "eu_`uname`\\back\\slash", "https://a.test/`x`", "\\", NULL },
  { "line one\nline two\r\ttab", "https://a.test/nl", "a\nb", NULL },
  { "ünïcødé €✓ 日本 👩‍💻", "https://ä.test/ö", "ü", "v2" },
};

static void
run_curl (Fixture    *fixture,
          const char *command)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult **slot = next_slot (fixture);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "FISKIL_ACCESS_TOKEN", ACCESS_TOKEN, TRUE);
  /* curl itself is found where the test says, whatever PATH holds. */
  g_subprocess_launcher_setenv (launcher, "PATH", "/usr/bin:/bin", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c", command, NULL);
  g_assert_no_error (error);

  /* The in-process server answers curl only while the main context runs. */
  g_subprocess_wait_async (process, NULL, store_result, slot);
  wait_for_result (slot);
  g_subprocess_wait_finish (process, *slot, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_curl_runs (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const sent_headers[] = {
    "Accept", "Content-Type", "Authorization", "X-Fiskil-Version", NULL
  };
  static const char * const permissions[] = { "accounts", "it's", "$x", NULL };
  const CurlCase *curl_case = data;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autofree char *command = NULL;
  Recorded *by_curl;
  Recorded *by_client;

  if (!g_file_test (CURL, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("needs " CURL);
      return;
    }

  request = desk_session_request_new (curl_case->end_user_id, curl_case->redirect_uri,
                                      "https://a.test/cancel?c='1'", curl_case->institution_id,
                                      permissions);
  command = desk_session_request_to_curl (request, fixture->base_url, curl_case->api_version);
  run_curl (fixture, command);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 1);
  assert_no_secret (command);

  desk_fiskil_client_set_access_token (fixture->client, ACCESS_TOKEN);
  desk_fiskil_client_set_api_version (fixture->client, curl_case->api_version);
  {
    GAsyncResult **slot = next_slot (fixture);
    g_autoptr(DeskAuthSession) session = NULL;
    g_autoptr(GError) error = NULL;

    desk_fiskil_client_create_session_async (fixture->client, request, NULL, store_result,
                                             slot);
    session = finish_session (fixture, slot, &error);
    g_assert_no_error (error);
  }

  by_curl = get_recorded (fixture, "/v1/auth/session", 0);
  by_client = get_recorded (fixture, "/v1/auth/session", 1);
  g_assert_cmpstr (by_curl->method, ==, by_client->method);
  g_assert_cmpstr (by_curl->body, ==, by_client->body);
  g_assert_cmpstr (by_curl->query, ==, by_client->query);
  for (guint i = 0; sent_headers[i] != NULL; i++)
    g_assert_cmpstr (soup_message_headers_get_one (by_curl->headers, sent_headers[i]), ==,
                     soup_message_headers_get_one (by_client->headers, sent_headers[i]));
  g_assert_cmpstr (soup_message_headers_get_one (by_curl->headers, "Authorization"), ==,
                   "Bearer " ACCESS_TOKEN);
}

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/client/exchange/recorded", test_exchanges_recorded);
  ADD ("/client/exchange/error-id", test_exchange_error_id);
  ADD ("/client/exchange/echoed-secrets", test_exchange_echoed_secrets);
  ADD ("/client/har/token-and-session", test_har);
  ADD ("/client/har/query-and-failure", test_har_query_and_failure);

  g_test_add_func ("/client/curl/text", test_curl_text);
  for (guint i = 0; i < G_N_ELEMENTS (curl_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/curl/runs/%u", i);

      g_test_add (path, Fixture, &curl_cases[i], fixture_setup, test_curl_runs,
                  fixture_teardown);
    }

#undef ADD

  return g_test_run ();
}
