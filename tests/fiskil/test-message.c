/* test-message.c — the embedded pattern's postMessage judge (design.md "Integration patterns",
 * fiskil-api.md §8, the Link SDK's own parse tests)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "desk-message.h"

#define AUTH     "https://auth.fiskil.com"
#define REDIRECT "https://yourapp.com/callback"
#define CANCEL   "https://yourapp.com/cancel"

typedef enum
{
  SUCCESS = 1,
  FAILURE,
} Ending;

typedef struct
{
  const char *key;
  const char *value;  /* NULL: absent */
} ExpectedParam;

typedef struct
{
  const char    *name;
  const char    *data;          /* JSON */
  const char    *reason;        /* NULL: accepted */
  Ending         ending;        /* accepted only */
  ExpectedParam  params[6];
  const char    *uri;           /* accepted only: the callback's uri, NULL for none */
  const char    *origin;        /* NULL: AUTH */
  gboolean       foreign_frame; /* the source is not the consent frame */
  gsize          length;        /* 0: strlen (data) */
} MessageCase;

static const MessageCase message_cases[] = {
  /* The SDK's parse tests */
  { "sdk-string-ignored", "\"consent complete\"", "format" },
  { "sdk-array-ignored", "[{\"isCompleted\": true}]", "format" },
  { "sdk-number-ignored", "42", "format" },
  { "sdk-null-ignored", "null", "format" },
  { "sdk-boolean-ignored", "true", "format" },
  { "sdk-completion-relative-redirect",
    "{\"isCompleted\": true, \"redirectURL\": \"/done\", \"consentID\": \"123\"}", NULL, SUCCESS,
    { { "consent_id", "123" }, { "error", NULL } }, AUTH "/done" },
  { "sdk-failure-flat-fields",
    "{\"isCompleted\": false, \"error\": \"access_denied\", "
    "\"errorType\": \"CONSENT_ENDUSER_DENIED\", \"errorDescription\": \"End-user denied consent\","
    " \"errorID\": \"err_1\", \"errorURI\": \"https://data.docs.fiskil.dev/errors#X\"}",
    NULL, FAILURE,
    { { "error", "access_denied" }, { "error_type", "CONSENT_ENDUSER_DENIED" },
      { "error_description", "End-user denied consent" }, { "error_id", "err_1" },
      { "error_uri", "https://data.docs.fiskil.dev/errors#X" } }, NULL },
  { "sdk-error-alone", "{\"error\": \"Some error\"}", NULL, FAILURE,
    { { "error", "Some error" } }, NULL },
  { "sdk-completion-with-error-in-redirect",
    "{\"isCompleted\": true, \"redirectURL\": \"https://yourapp.com/callback?error=access_denied"
    "&error_type=CONSENT_ENDUSER_DENIED&error_description=End-user+denied\"}", NULL, FAILURE,
    { { "error", "access_denied" }, { "error_type", "CONSENT_ENDUSER_DENIED" },
      { "error_description", "End-user denied" } },
    REDIRECT "?error=access_denied&error_type=CONSENT_ENDUSER_DENIED"
    "&error_description=End-user+denied" },
  { "sdk-completion-with-error-in-relative-redirect",
    "{\"isCompleted\": true, \"redirectURL\": \"/cancel?error_type=CONSENT_TIMEOUT\"}", NULL,
    FAILURE, { { "error_type", "CONSENT_TIMEOUT" } }, AUTH "/cancel?error_type=CONSENT_TIMEOUT" },
  { "sdk-completion-with-error-in-redirect-fragment",
    "{\"isCompleted\": true, \"redirectURL\": \"/done#error=server_error\"}", NULL, FAILURE,
    { { "error", "server_error" } }, AUTH "/done#error=server_error" },
  { "sdk-redirect-percent-encoded-whole",
    "{\"isCompleted\": true, \"redirectURL\": "
    "\"https%3A%2F%2Fyourapp.com%2Fcallback%3Fsession_id%3Ds1\"}", NULL, SUCCESS,
    { { "session_id", "s1" } }, REDIRECT "?session_id=s1" },
  { "sdk-completion-without-redirect", "{\"isCompleted\": true}", NULL, SUCCESS,
    { { "error", NULL } }, NULL },
  { "sdk-not-completed-is-a-cancel", "{\"isCompleted\": false}", NULL, FAILURE,
    { { "error", NULL }, { "error_type", NULL } }, NULL },
  { "sdk-completion-to-cancel-uri", "{\"isCompleted\": true, \"redirectURL\": \"" CANCEL "\"}",
    NULL, FAILURE, { { "error", NULL } }, CANCEL },
  { "sdk-null-is-absent",
    "{\"isCompleted\": null, \"error\": \"x\", \"redirectURL\": null, \"consentID\": null}", NULL,
    FAILURE, { { "error", "x" }, { "consent_id", NULL } }, NULL },
  { "sdk-session-id-in-redirect",
    "{\"isCompleted\": true, \"redirectURL\": \"" REDIRECT "?session_id=s1&state=a+b\"}", NULL,
    SUCCESS, { { "session_id", "s1" }, { "state", "a b" } }, REDIRECT "?session_id=s1&state=a+b" },
  { "sdk-message-fields-before-redirect-params",
    "{\"isCompleted\": false, \"error\": \"flat\", \"redirectURL\": \"/x?error=in_url\"}", NULL,
    FAILURE, { { "error", "flat" } }, AUTH "/x?error=in_url" },

  /* The seed's format, snake_case and camelCase */
  { "seed-complete", "{\"type\": \"consent_complete\", \"session_id\": \"s1\", "
    "\"consent_id\": \"c1\"}", NULL, SUCCESS,
    { { "session_id", "s1" }, { "consent_id", "c1" } }, NULL },
  { "seed-complete-camel", "{\"type\": \"consent_complete\", \"sessionId\": \"s1\", "
    "\"consentId\": \"c1\", \"redirectUrl\": \"/callback?x=1\"}", NULL, SUCCESS,
    { { "session_id", "s1" }, { "consent_id", "c1" }, { "x", "1" } }, AUTH "/callback?x=1" },
  { "seed-error", "{\"type\": \"consent_error\", \"error\": \"server_error\", "
    "\"error_type\": \"CONSENT_UPSTREAM_PROCESSING_ERROR\", \"error_id\": \"err_2\"}", NULL,
    FAILURE, { { "error", "server_error" }, { "error_type", "CONSENT_UPSTREAM_PROCESSING_ERROR" },
               { "error_id", "err_2" } }, NULL },
  { "seed-error-camel", "{\"type\": \"consent_error\", \"errorType\": \"CONSENT_OTP_FAILURE\", "
    "\"errorDescription\": \"Bad code\", \"errorUri\": \"https://e.example/x\"}", NULL, FAILURE,
    { { "error_type", "CONSENT_OTP_FAILURE" }, { "error_description", "Bad code" },
      { "error_uri", "https://e.example/x" } }, NULL },
  { "seed-error-bare-is-a-cancel", "{\"type\": \"consent_error\"}", NULL, FAILURE,
    { { "error", NULL } }, NULL },
  { "seed-complete-with-error-is-failure",
    "{\"type\": \"consent_complete\", \"error_type\": \"CONSENT_TIMEOUT\"}", NULL, FAILURE,
    { { "error_type", "CONSENT_TIMEOUT" } }, NULL },
  { "seed-other-type", "{\"type\": \"consent_started\"}", "format" },
  { "seed-type-not-string", "{\"type\": 5, \"isCompleted\": true}", "format" },

  /* Not protocol messages */
  { "format-empty-object", "{}", "format" },
  { "format-unrelated-object", "{\"hello\": \"world\"}", "format" },
  { "format-consent-id-alone", "{\"consentID\": \"1\"}", "format" },
  { "format-is-completed-string", "{\"isCompleted\": \"true\"}", "format" },
  { "format-is-completed-number", "{\"isCompleted\": 1}", "format" },
  { "format-redirect-number", "{\"isCompleted\": true, \"redirectURL\": 5}", "format" },
  { "format-error-object", "{\"error\": {\"code\": 1}}", "format" },
  { "format-error-number", "{\"error\": 5}", "format" },
  { "format-error-type-array", "{\"isCompleted\": false, \"errorType\": [\"x\"]}", "format" },
  { "format-consent-id-number", "{\"isCompleted\": true, \"consentID\": 123}", "format" },
  { "format-redirect-bad-escape", "{\"isCompleted\": true, \"redirectURL\": \"%zz%00\"}",
    "format" },

  /* Origin and source */
  { "origin-foreign", "{\"isCompleted\": true}", "origin", .origin = "https://evil.example" },
  { "origin-null", "{\"isCompleted\": true}", "origin", .origin = "null" },
  { "origin-file", "{\"isCompleted\": true}", "origin", .origin = "file://" },
  { "origin-empty", "{\"isCompleted\": true}", "origin", .origin = "" },
  { "origin-suffix-lookalike", "{\"isCompleted\": true}", "origin",
    .origin = "https://auth.fiskil.com.evil.example" },
  { "origin-other-scheme", "{\"isCompleted\": true}", "origin",
    .origin = "http://auth.fiskil.com" },
  { "origin-other-port", "{\"isCompleted\": true}", "origin",
    .origin = "https://auth.fiskil.com:8443" },
  { "origin-case-and-port-normalised", "{\"isCompleted\": true}", NULL, SUCCESS,
    { { "error", NULL } }, NULL, .origin = "https://AUTH.fiskil.com:443" },
  { "origin-checked-before-format", "\"junk\"", "origin", .origin = "https://evil.example" },
  { "source-other-frame", "{\"isCompleted\": true}", "source", .foreign_frame = TRUE },
  { "source-other-frame-foreign-origin", "{\"isCompleted\": true}", "origin",
    .origin = "http://127.0.0.1:9", .foreign_frame = TRUE },

  /* Size */
  { "too-large", "{\"isCompleted\": true}", "too-large", .length = 64 * 1024 + 1 },
  { "largest-accepted", "{\"isCompleted\": true}", NULL, SUCCESS, { { "error", NULL } }, NULL,
    .length = 64 * 1024 },
};

static void
test_message (gconstpointer data)
{
  const MessageCase *test = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (test->data, &error);
  g_autoptr(DeskCallback) callback = NULL;
  const char *reason = "unset";

  g_assert_no_error (error);
  callback = desk_message_judge (node, test->length != 0 ? test->length : strlen (test->data),
                                 test->origin != NULL ? test->origin : AUTH,
                                 !test->foreign_frame, AUTH, REDIRECT, CANCEL, &reason);

  if (test->reason != NULL)
    {
      g_assert_null (callback);
      g_assert_cmpstr (reason, ==, test->reason);
      return;
    }

  g_assert_null (reason);
  g_assert_nonnull (callback);
  g_assert_cmpint (callback->via, ==, DESK_CALLBACK_VIA_MESSAGE);
  g_assert_true (json_node_equal (callback->message, node));
  g_assert_cmpstr (callback->uri, ==, test->uri);
  g_assert_cmpint (test->ending, !=, 0);
  g_assert_cmpint (desk_callback_is_failure (callback), ==, test->ending == FAILURE);
  g_assert_cmpint (callback->matched, ==, test->ending == FAILURE ? DESK_CALLBACK_MATCH_CANCEL
                                                                  : DESK_CALLBACK_MATCH_REDIRECT);

  for (gsize i = 0; i < G_N_ELEMENTS (test->params) && test->params[i].key != NULL; i++)
    g_assert_cmpstr (desk_callback_get_param (callback, test->params[i].key), ==,
                     test->params[i].value);
}

/* No Auth UI origin known: nothing can be accepted. */
static void
test_no_auth_origin (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"isCompleted\": true}", NULL);
  const char *reason = NULL;

  g_assert_null (desk_message_judge (node, 20, AUTH, TRUE, NULL, REDIRECT, CANCEL, &reason));
  g_assert_cmpstr (reason, ==, "origin");
  g_assert_null (desk_message_judge (NULL, 0, AUTH, TRUE, AUTH, REDIRECT, CANCEL, &reason));
  g_assert_cmpstr (reason, ==, "format");
}

/* The Sandbox's Auth UI is on loopback: relative redirect URLs resolve against it. */
static void
test_loopback_auth_origin (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"isCompleted\": true, \"redirectURL\": "
                                               "\"/done?session_id=s1\"}", NULL);
  g_autoptr(DeskCallback) callback = NULL;
  const char *reason = NULL;

  callback = desk_message_judge (node, 50, "http://127.0.0.1:41234", TRUE,
                                 "http://127.0.0.1:41234/", REDIRECT, CANCEL, &reason);
  g_assert_nonnull (callback);
  g_assert_cmpstr (callback->uri, ==, "http://127.0.0.1:41234/done?session_id=s1");
  g_assert_cmpint (desk_callback_check_session (callback, "s1"), ==, DESK_SESSION_CHECK_MATCH);
}

static void
test_parse_data (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) in_strings = g_string_new ("[\"");
  g_autoptr(GString) huge = g_string_new ("\"");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) deepest = NULL;
  g_autoptr(JsonNode) strings = NULL;
  const char *reason = "unset";

  node = desk_message_parse_data ("{\"isCompleted\": true}", -1, &reason);
  g_assert_nonnull (node);
  g_assert_null (reason);

  /* issue 15 #8: 100,000 nested arrays overflowed json-glib's stack */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_assert_null (desk_message_parse_data (deep->str, 20000, &reason));
  g_assert_cmpstr (reason, ==, "format");

  /* exactly the limit is fine */
  g_string_truncate (deep, 0);
  for (guint i = 0; i < DESK_MESSAGE_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < DESK_MESSAGE_MAX_DEPTH; i++)
    g_string_append_c (deep, ']');
  deepest = desk_message_parse_data (deep->str, deep->len, &reason);
  g_assert_nonnull (deepest);

  /* brackets inside strings are text, escaped quotes included */
  for (guint i = 0; i < 1000; i++)
    g_string_append (in_strings, "[{\\\"");
  g_string_append (in_strings, "\"]");
  strings = desk_message_parse_data (in_strings->str, -1, &reason);
  g_assert_nonnull (strings);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (strings));

  for (guint i = 0; i < DESK_MESSAGE_MAX_BYTES; i++)
    g_string_append_c (huge, 'x');
  g_string_append_c (huge, '"');
  g_assert_null (desk_message_parse_data (huge->str, huge->len, &reason));
  g_assert_cmpstr (reason, ==, "too-large");

  g_assert_null (desk_message_parse_data ("{not json", -1, &reason));
  g_assert_cmpstr (reason, ==, "format");
  g_assert_null (desk_message_parse_data ("", -1, &reason));
  g_assert_cmpstr (reason, ==, "format");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (message_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/message/%s", message_cases[i].name);

      g_test_add_data_func (path, &message_cases[i], test_message);
    }

  g_test_add_func ("/message/no-auth-origin", test_no_auth_origin);
  g_test_add_func ("/message/parse-data", test_parse_data);
  g_test_add_func ("/message/loopback-auth-origin", test_loopback_auth_origin);

  return g_test_run ();
}
