/* test-client-hostile.c — DeskFiskilClient against hostile answers and a faulty network
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "client-fixture.h"
#include "desk-display-text.h"
#include "desk-json-readers.h"
#include "desk-test-fault-server.h"

/* Bounded parsing */

static char *
nested (guint        depth,
        const char  *open,
        const char  *inner,
        const char  *close)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_parse_bounded_depth (void)
{
  g_autofree char *at_limit = nested (DESK_JSON_MAX_DEPTH, "[", "1", "]");
  g_autofree char *over_limit = nested (DESK_JSON_MAX_DEPTH + 1, "[", "1", "]");
  g_autofree char *objects = nested (DESK_JSON_MAX_DEPTH + 1, "{\"a\":", "1", "}");
  g_autofree char *crash = nested (100000, "[", "", "]");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = desk_json_parse_bounded (at_limit, -1, DESK_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  g_assert_null (desk_json_parse_bounded (over_limit, -1, DESK_JSON_MAX_DEPTH, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  assert_contains (error->message, "deeper than 64");
  g_clear_error (&error);

  g_assert_null (desk_json_parse_bounded (objects, -1, DESK_JSON_MAX_DEPTH, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* What overflowed json-glib's recursive parser before. */
  g_assert_null (desk_json_parse_bounded (crash, -1, DESK_JSON_MAX_DEPTH, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_parse_bounded_strings (void)
{
  /* Brackets inside strings, escaped quotes included, are text, not depth. */
  g_autofree char *brackets = g_strnfill (1000, '[');
  g_autofree char *text = g_strdup_printf ("{\"a\": \"%s\\\"[[\", \"b\": [[1]]}", brackets);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = desk_json_parse_bounded (text, -1, 3, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_clear_pointer (&node, json_node_unref);

  g_assert_null (desk_json_parse_bounded ("", 0, 64, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (desk_json_parse_bounded ("{\"a\": ", -1, 64, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  /* A length shorter than the text is honoured. */
  node = desk_json_parse_bounded ("[1]garbage", 3, 64, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
}

/* Text from servers */

typedef struct
{
  const char *input;
  guint       max_chars;
  const char *expected;
} CleanCase;

static const CleanCase clean_cases[] = {
  { "err_\u202Eabc", 300, "err_abc" },
  { "\u2066a\u2067b\u2068c\u2069d\u200Ee\u200Ff\u061Cg\u202Ah\u202Bi\u202Cj\u202Dk", 300,
    "abcdefghijk" },
  { "line\none\ttwo\xc2\x85three\xc2\x9b" "four\x7f", 300, "line one two three four" },
  { "  padded  ", 300, "padded" },
  { "\u202E\u202E", 300, NULL },
  { "abcdef", 3, "abc…" },
  { "ab\u202Ecdef", 3, "abc…" },
  { "caf\xc3", 300, "caf\xef\xbf\xbd" },
  { "emoji 👩‍💻 stays", 300, "emoji 👩‍💻 stays" },
};

static void
test_display_text (gconstpointer data)
{
  const CleanCase *clean_case = data;
  g_autofree char *clean = desk_display_text_clean (clean_case->input, clean_case->max_chars);

  g_assert_cmpstr (clean, ==, clean_case->expected);
}

/* Hostile answers from a well-behaved server */

static void
assert_session_fails (Fixture             *fixture,
                      DeskFiskilErrorCode  code,
                      const char          *api_code,
                      const char          *part)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(DeskApiError) api_error = NULL;
  g_autoptr(GError) error = NULL;

  session = create_session (fixture, &error);
  g_assert_null (session);
  assert_fiskil_error (error, code);
  if (part != NULL)
    assert_contains (error->message, part);

  api_error = desk_api_error_new_from_error (error);
  g_assert_cmpstr (api_error->code, ==, api_code);
  g_assert_cmpstr (api_error->description, ==, error->message);
}

static void
test_deep_error_body (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *deep = nested (100000, "[", "", "]");
  const Reply reply = { 400, deep };

  set_replies (fixture, "POST /v1/auth/session", &reply, NULL);
  assert_session_fails (fixture, DESK_FISKIL_ERROR_INVALID_INPUT, "invalid-input", "HTTP 400");
}

static void
test_deep_token_answer (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *deep = nested (100000, "{\"token\":", "\"t\"", "}");
  const Reply reply = { 200, deep };

  set_replies (fixture, "POST /v1/token", &reply, NULL);
  assert_session_fails (fixture, DESK_FISKIL_ERROR_BAD_RESPONSE, "bad-response", "not JSON");
}

typedef struct
{
  const char *member;
  gsize       length;
  gboolean    accepted;
} FieldCase;

static const FieldCase field_cases[] = {
  { "auth_url", 60 * 1024, TRUE },
  { "auth_url", 65 * 1024, FALSE },
  { "session_id", 4000, TRUE },
  { "session_id", 5000, FALSE },
  { "id", 5000, FALSE },
};

static void
test_huge_field (Fixture       *fixture,
                 gconstpointer  data)
{
  const FieldCase *field_case = data;
  g_autofree char *padding = g_strnfill (field_case->length, 'a');
  g_autofree char *body = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  Reply reply = { 200 };

  body = g_strdup_printf ("{\"id\": \"%s\", \"session_id\": \"%s\", "
                          "\"auth_url\": \"https://a.test/%s\", \"expires_at\": 4102444800}",
                          g_str_equal (field_case->member, "id") ? padding : "c",
                          g_str_equal (field_case->member, "session_id") ? padding : "s",
                          g_str_equal (field_case->member, "auth_url") ? padding : "");
  reply.body = body;
  set_replies (fixture, "POST /v1/auth/session", &reply, NULL);

  session = create_session (fixture, &error);
  if (field_case->accepted)
    {
      g_assert_no_error (error);
      g_assert_nonnull (session);
      return;
    }

  assert_fiskil_error (error, DESK_FISKIL_ERROR_BAD_RESPONSE);
  assert_contains (error->message, field_case->member);
  assert_contains (error->message, "too long");
  g_assert_cmpuint (strlen (error->message), <, 300);
}

static void
test_huge_end_user_field (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *padding = g_strnfill (10000, 'e');
  g_autofree char *body = g_strdup_printf ("[{\"id\": \"eu_1\", \"email\": \"%s@x.test\"}]",
                                           padding);
  const Reply reply = { 200, body };
  g_autoptr(GPtrArray) end_users = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult **slot = next_slot (fixture);

  set_replies (fixture, "GET /v1/end-users", &reply, NULL);
  desk_fiskil_client_find_end_users_async (fixture->client, "a@x.test", NULL, store_result,
                                           slot);
  wait_for_result (slot);
  end_users = desk_fiskil_client_find_end_users_finish (fixture->client, *slot, &error);
  /* Kept out, as unknown: the end user is still listed by id (issue 12 "Bad input"). */
  g_assert_no_error (error);
  g_assert_cmpuint (end_users->len, ==, 1);
  g_assert_cmpstr (((DeskEndUser *) g_ptr_array_index (end_users, 0))->id, ==, "eu_1");
  g_assert_null (((DeskEndUser *) g_ptr_array_index (end_users, 0))->email);
}

typedef struct
{
  const char *retry_after;
  const char *expected;
  const char *absent;
} RetryCase;

static const RetryCase retry_cases[] = {
  { "30", "Try again in 30 seconds.", NULL },
  { "600", "Try again in 10 minutes.", NULL },
  { "7201", "Try again in 3 hours.", NULL },
  { "2300257288", "Try again later.", "2300257288" },
  { "Fri, 31 Dec 9999 23:59:59 GMT", "Try again later.", "seconds" },
  { "Thu, 01 Jan 1970 00:00:00 GMT", "Wait a moment and try again.", "seconds" },
  { "99999999999999999999", "Wait a moment and try again.", "seconds" },
};

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  const RetryCase *retry_case = data;
  const Reply reply = { 429, NULL, NULL, "Retry-After", retry_case->retry_after };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  set_replies (fixture, "POST /v1/auth/session", &reply, NULL);
  session = create_session (fixture, &error);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_RATE_LIMITED);
  assert_contains (error->message, retry_case->expected);
  if (retry_case->absent != NULL)
    g_assert_null (strstr (error->message, retry_case->absent));
}

static void
test_bidi_error_text (Fixture       *fixture,
                      gconstpointer  data)
{
  static const Reply reply = {
    400, "{\"id\": \"err_\\u202Efdp.exe\", \"name\": \"Bad\\u2066Name\\u0085\", "
         "\"message\": \"see \\u200Fhere\\u009B\"}"
  };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  set_replies (fixture, "POST /v1/auth/session", &reply, NULL);
  session = create_session (fixture, &error);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);
  g_assert_cmpstr (api_error->id, ==, "err_fdp.exe");
  g_assert_cmpstr (api_error->name, ==, "BadName");
  g_assert_cmpstr (api_error->message, ==, "see here");
  g_assert_cmpstr (error->message, ==,
                   "Fiskil rejected the request (HTTP 400, BadName): see here. "
                   "Error ID: err_fdp.exe.");
}

/* A faulty network: the fault server */

typedef struct
{
  DeskFaultKind        kind;
  gsize                size;
  DeskFiskilErrorCode  code;
  const char          *api_code;
  const char          *part;
  gboolean             measure;  /* memory must stay bounded */
} FaultCase;

static const FaultCase fault_drip = {
  DESK_FAULT_DRIP, 0, DESK_FISKIL_ERROR_NETWORK, "timeout", "timed out",
};
static const FaultCase fault_never = {
  DESK_FAULT_NEVER, 0, DESK_FISKIL_ERROR_NETWORK, "timeout", "timed out",
};
static const FaultCase fault_endless = {
  DESK_FAULT_ENDLESS, 0, DESK_FISKIL_ERROR_TOO_LARGE, "too-large", "larger than 1 MiB", TRUE,
};
static const FaultCase fault_deep = {
  DESK_FAULT_DEEP_JSON, 0, DESK_FISKIL_ERROR_BAD_RESPONSE, "bad-response", "HTTP 200",
};
static const FaultCase fault_huge_field = {
  DESK_FAULT_HUGE_FIELD, 512 * 1024, DESK_FISKIL_ERROR_BAD_RESPONSE, "bad-response",
  "“auth_url”",
};
static const FaultCase fault_huge_auth_url = {
  DESK_FAULT_HUGE_FIELD, 3 * 1024 * 1024, DESK_FISKIL_ERROR_TOO_LARGE, "too-large", "HTTP 200",
};
static const FaultCase fault_big_body = {
  DESK_FAULT_BIG_BODY, 200 * 1024 * 1024, DESK_FISKIL_ERROR_TOO_LARGE, "too-large",
  "HTTP 200", TRUE,
};
static const FaultCase fault_reset = {
  DESK_FAULT_RESET, 0, DESK_FISKIL_ERROR_NETWORK, "network", "Could not reach Fiskil",
};
static const FaultCase fault_garbage = {
  DESK_FAULT_GARBAGE, 0, DESK_FISKIL_ERROR_NETWORK, "network", "Could not reach Fiskil",
};
static const FaultCase fault_tls = {
  DESK_FAULT_TLS, 0, DESK_FISKIL_ERROR_TLS, "tls", "certificate",
};

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  const FaultCase *fault = data;
  g_autoptr(DeskTestFaultServer) server = desk_test_fault_server_new (fault->kind, fault->size);
  guint64 before;
  guint64 after;

  use_client (fixture, desk_test_fault_server_get_base_url (server));
  desk_fiskil_client_set_access_token (fixture->client, ACCESS_TOKEN);
  /* Short waits only where waiting is the fault: a TLS handshake under a sanitizer is slow. */
  if (fault->kind == DESK_FAULT_DRIP || fault->kind == DESK_FAULT_NEVER)
    desk_fiskil_client_set_timeouts (fixture->client, 1, 1);

  desk_test_reset_memory_peak ();
  before = desk_test_read_memory_kb ("VmRSS");

  assert_session_fails (fixture, fault->code, fault->api_code, fault->part);
  g_assert_cmpuint (fixture->finished->len, ==, 1);
  g_assert_cmpuint (fixture->exchanges->len, ==, 1);

  after = desk_test_read_memory_kb ("VmHWM");
  g_test_message ("VmRSS before %" G_GUINT64_FORMAT " KiB, peak after %" G_GUINT64_FORMAT
                  " KiB", before, after);
  /* The body is read up to 1 MiB and no further, however much the server sends. */
  if (fault->measure && before > 0)
    g_assert_cmpuint (after, <, before + 8 * 1024);

  if (fault->kind == DESK_FAULT_TLS)
    g_assert_cmpuint (desk_test_fault_server_get_count (server), ==, 0);
  else
    g_assert_cmpuint (desk_test_fault_server_get_count (server), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char      *path;
    const FaultCase *fault;
  } fault_cases[] = {
    { "/client/fault/drip-feed", &fault_drip },
    { "/client/fault/never-answers", &fault_never },
    { "/client/fault/endless-chunked-body", &fault_endless },
    { "/client/fault/deep-json", &fault_deep },
    { "/client/fault/huge-field", &fault_huge_field },
    { "/client/fault/huge-auth-url", &fault_huge_auth_url },
    { "/client/fault/200-mb-body", &fault_big_body },
    { "/client/fault/reset", &fault_reset },
    { "/client/fault/garbage", &fault_garbage },
    { "/client/fault/tls-self-signed", &fault_tls },
  };

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/json/bounded/depth", test_parse_bounded_depth);
  g_test_add_func ("/json/bounded/strings", test_parse_bounded_strings);
  for (guint i = 0; i < G_N_ELEMENTS (clean_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/display-text/%u", i);

      g_test_add_data_func (path, &clean_cases[i], test_display_text);
    }

  ADD ("/client/hostile/deep-error-body", test_deep_error_body);
  ADD ("/client/hostile/deep-token-answer", test_deep_token_answer);
  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/hostile/field/%s-%" G_GSIZE_FORMAT,
                                               field_cases[i].member, field_cases[i].length);

      g_test_add (path, Fixture, &field_cases[i], fixture_setup, test_huge_field,
                  fixture_teardown);
    }
  ADD ("/client/hostile/field/end-user-email", test_huge_end_user_field);
  for (guint i = 0; i < G_N_ELEMENTS (retry_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/hostile/retry-after/%u", i);

      g_test_add (path, Fixture, &retry_cases[i], fixture_setup, test_retry_after,
                  fixture_teardown);
    }
  ADD ("/client/hostile/bidi-error-text", test_bidi_error_text);

  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    g_test_add (fault_cases[i].path, Fixture, fault_cases[i].fault, fixture_setup, test_fault,
                fixture_teardown);

#undef ADD

  return g_test_run ();
}
