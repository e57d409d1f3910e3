/* test-request.c — local validation, the request body, permissions, and the session answer
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "desk-fiskil.h"

#define REDIRECT "https://yourapp.com/callback"
#define CANCEL   "https://yourapp.com/cancel"

typedef gboolean (*ValidateFunc) (const char *value, GError **error);

typedef struct
{
  const char *value;
  const char *message_part;  /* NULL: valid; else a part of the message the person reads */
} FieldCase;

static void
check_field_cases (ValidateFunc     validate,
                   const FieldCase *cases,
                   gsize            n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = validate (cases[i].value, &error);
      g_autofree char *shown = g_utf8_make_valid (cases[i].value != NULL ? cases[i].value
                                                                         : "(null)", -1);

      g_test_message ("value “%s”", shown);

      if (cases[i].message_part == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (valid);
          continue;
        }

      g_assert_false (valid);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
      /* One sentence or two, never a bare fragment */
      g_assert_true (g_str_has_suffix (error->message, "."));
    }
}

static void
test_end_user_id (void)
{
  g_autofree char *longest = g_strnfill (DESK_END_USER_ID_MAX_LENGTH, 'x');
  g_autofree char *too_long = g_strnfill (DESK_END_USER_ID_MAX_LENGTH + 1, 'x');
  g_autofree char *too_long_message = g_strdup_printf ("%d", DESK_END_USER_ID_MAX_LENGTH);
  /* 256 two-byte characters: the limit counts characters, not bytes */
  g_autoptr(GString) longest_accented = g_string_new (NULL);
  const FieldCase cases[] = {
    /* Opaque: every shape Fiskil and integrators use is fine, and no format is imposed */
    { "eu_2Jk3l4m5n6", NULL },
    { "3f2c9a1e-7b4d-4c2a-9e1f-0a1b2c3d4e5f", NULL },
    { "12345", NULL },
    { "customer 42 (test)", NULL },
    { "client@example.com", NULL },
    { "ünïcödé-ID", NULL },
    { longest, NULL },
    { NULL, "Enter an end-user ID." },
    { "", "Enter an end-user ID." },
    { "   ", "Enter an end-user ID." },
    { " eu_1", "starts or ends with a space" },
    { "eu_1 ", "starts or ends with a space" },
    { "eu_1\u00a0", "starts or ends with a space" },
    { "eu\n1", "control or invisible character" },
    { "eu\t1", "control or invisible character" },
    { "eu\x7f" "1", "control or invisible character" },
    { "eu\u200b1", "control or invisible character" },
    { "\ufeffeu_1", "control or invisible character" },
    { too_long, too_long_message },
    { "eu_\xff", "not text" },
  };

  for (guint i = 0; i < DESK_END_USER_ID_MAX_LENGTH; i++)
    g_string_append (longest_accented, "é");
  g_assert_true (desk_validate_end_user_id (longest_accented->str, NULL));

  check_field_cases (desk_validate_end_user_id, cases, G_N_ELEMENTS (cases));
}

static void
test_callback_uri (void)
{
  const FieldCase cases[] = {
    { REDIRECT, NULL },
    { "https://yourapp.com/callback?tenant=acme", NULL },
    { "https://callback.consent-desk.invalid/done", NULL },
    { "http://localhost:8080/cb", NULL },
    { "http://127.0.0.1/cb", NULL },
    { "https://yourapp.com", NULL },
    { "myapp://callback", NULL },
    { "com.example.app:/oauth/callback", NULL },
    { "https://bücher.example/callback", NULL },
    { NULL, "Enter a URI." },
    { "", "Enter a URI." },
    { "/callback", "absolute URI" },
    { "yourapp.com/callback", "absolute URI" },
    { "https://", "host name" },
    { "https:/callback", "host name" },
    { "http:callback", "host name" },
    { "https://yourapp.com/callback#done", "fragment" },
    { "https://yourapp.com/callback#", "fragment" },
    { "https://user@yourapp.com/callback", "user name" },
    { "https://yourapp.com@evil.example/callback", "user name" },
    { "https://yourapp.com/call back", "space" },
    { " https://yourapp.com/callback", "space" },
    { "https://yourapp.com/callback\n", "control character" },
    { "javascript:alert(1)", "“javascript:”" },
    { "data:text/html,hello", "“data:”" },
    { "file:///tmp/callback", "“file:”" },
    { "https://yourapp.com:99999/callback", "can’t be read" },
    { "https://yourapp.com/%zz", "can’t be read" },
    { "https://[::1/callback", "can’t be read" },
  };

  check_field_cases (desk_validate_callback_uri, cases, G_N_ELEMENTS (cases));

  /* Whatever validation accepts, the callback matching can recognise. */
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (cases[i].message_part == NULL)
        g_assert_true (desk_callback_uri_matches (cases[i].value, cases[i].value));
    }
}

static void
test_institution_id (void)
{
  const FieldCase cases[] = {
    { NULL, NULL },
    { "", NULL },
    { "anz", NULL },
    { "inst_7f3a9c", NULL },
    { "energy-retailer-42", NULL },
    { "anz bank", "spaces" },
    { " anz", "spaces" },
    { "anz\t", "spaces" },
    { "anz\u200b", "invisible" },
    { "anz\x01", "control" },
    { "anz\xc3", "not text" },
  };

  check_field_cases (desk_validate_institution_id, cases, G_N_ELEMENTS (cases));
}

typedef struct
{
  DeskRequestField     field;
  DeskProblemSeverity  severity;
  const char          *message_part;
} ExpectedProblem;

static void
assert_problems (const DeskSessionRequest *request,
                 const ExpectedProblem    *expected,
                 gsize                     n_expected,
                 gboolean                  have_errors)
{
  g_autoptr(GPtrArray) problems = desk_session_request_validate (request);

  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      const DeskRequestProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("problem %u: field %d, severity %d: %s",
                      i, problem->field, problem->severity, problem->message);
    }

  g_assert_cmpuint (problems->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const DeskRequestProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpint (problem->field, ==, expected[i].field);
      g_assert_cmpint (problem->severity, ==, expected[i].severity);
      g_assert_nonnull (strstr (problem->message, expected[i].message_part));
    }

  g_assert_cmpint (desk_request_problems_have_errors (problems), ==, have_errors);
}

/* Sent anyway, but the person is told: unencrypted callbacks and mixed permission kinds. */
static void
test_validate_new_warnings (void)
{
  const char *mixed[] = { "accounts", "usage", NULL };
  const ExpectedProblem http[] = {
    { DESK_REQUEST_FIELD_REDIRECT_URI, DESK_PROBLEM_WARNING, "requires https" },
    { DESK_REQUEST_FIELD_CANCEL_URI, DESK_PROBLEM_WARNING, "requires https" },
  };
  const ExpectedProblem mix[] = {
    { DESK_REQUEST_FIELD_PERMISSIONS, DESK_PROBLEM_WARNING, "Banking and energy" },
  };
  g_autoptr(DeskSessionRequest) request = NULL;

  request = desk_session_request_new ("eu_1", "http://yourapp.example/done",
                                      "http://yourapp.example/cancel", NULL, NULL);
  assert_problems (request, http, G_N_ELEMENTS (http), FALSE);

  g_clear_pointer (&request, desk_session_request_free);
  request = desk_session_request_new ("eu_1", REDIRECT, CANCEL, NULL, mixed);
  assert_problems (request, mix, G_N_ELEMENTS (mix), FALSE);
}

static void
test_validate_valid (void)
{
  const char *permissions[] = { "accounts", "transactions", "identity", NULL };
  const char *energy[] = { "usage", "billing", "identity", NULL };
  g_autoptr(DeskSessionRequest) request = NULL;

  request = desk_session_request_new ("eu_1", REDIRECT, CANCEL, "anz", permissions);
  assert_problems (request, NULL, 0, FALSE);

  g_clear_pointer (&request, desk_session_request_free);
  request = desk_session_request_new ("eu_1", REDIRECT, CANCEL, "agl", energy);
  assert_problems (request, NULL, 0, FALSE);

  /* Loopback http is this computer's own test server: no warning. */
  g_clear_pointer (&request, desk_session_request_free);
  request = desk_session_request_new ("eu_1", "http://127.0.0.1:8080/done",
                                      "http://localhost:8080/cancel", NULL, NULL);
  assert_problems (request, NULL, 0, FALSE);

  g_clear_pointer (&request, desk_session_request_free);
  request = desk_session_request_new ("eu_1", REDIRECT, CANCEL, NULL, NULL);
  assert_problems (request, NULL, 0, FALSE);
}

static void
test_validate_permission_warnings (void)
{
  const char *permissions[] = {
    "accounts", "transactions_v2", "Balances", "accounts", "usage", "accounts", "usage", NULL,
  };
  const ExpectedProblem expected[] = {
#define WARNING(part) { DESK_REQUEST_FIELD_PERMISSIONS, DESK_PROBLEM_WARNING, part }
    WARNING ("“transactions_v2” is not a permission"),
    WARNING ("did you mean “balances”"),
    WARNING ("“accounts” is listed more than once"),
    WARNING ("“usage” is listed more than once"),
    WARNING ("Banking and energy permissions are mixed"),
#undef WARNING
  };
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  request = desk_session_request_new ("eu_1", REDIRECT, CANCEL, NULL, permissions);
  /* Warnings only: the request can still be sent */
  assert_problems (request, expected, G_N_ELEMENTS (expected), FALSE);

  problems = desk_session_request_validate (request);
  for (guint i = 0; i < problems->len; i++)
    {
      const DeskRequestProblem *problem = g_ptr_array_index (problems, i);

      g_assert_nonnull (strstr (problem->message, "will still be sent"));
    }
}

static void
test_validate_every_field (void)
{
  const char *permissions[] = { "", "accounts", "my permission", "energy_usage", NULL };
  const ExpectedProblem expected[] = {
    { DESK_REQUEST_FIELD_END_USER_ID, DESK_PROBLEM_ERROR, "Enter an end-user ID." },
    { DESK_REQUEST_FIELD_REDIRECT_URI, DESK_PROBLEM_ERROR, "Enter a redirect URI." },
    { DESK_REQUEST_FIELD_CANCEL_URI, DESK_PROBLEM_ERROR, "fragment" },
    { DESK_REQUEST_FIELD_INSTITUTION_ID, DESK_PROBLEM_ERROR, "spaces" },
    { DESK_REQUEST_FIELD_PERMISSIONS, DESK_PROBLEM_ERROR, "empty" },
    { DESK_REQUEST_FIELD_PERMISSIONS, DESK_PROBLEM_ERROR, "“my permission” contains a space" },
    { DESK_REQUEST_FIELD_PERMISSIONS, DESK_PROBLEM_WARNING, "“energy_usage” is not a" },
  };
  g_autoptr(DeskSessionRequest) request = NULL;

  request = desk_session_request_new ("", NULL, CANCEL "#x", "anz bank", permissions);
  assert_problems (request, expected, G_N_ELEMENTS (expected), TRUE);

  g_clear_pointer (&request, desk_session_request_free);
  request = desk_session_request_new ("eu_1", REDIRECT, "", NULL, NULL);
  assert_problems (request,
                   (const ExpectedProblem[]) {
                     { DESK_REQUEST_FIELD_CANCEL_URI, DESK_PROBLEM_ERROR, "Enter a cancel URI." },
                   }, 1, TRUE);
}

static void
test_validate_cancel_apart (void)
{
  const ExpectedProblem same[] = {
    { DESK_REQUEST_FIELD_CANCEL_URI, DESK_PROBLEM_WARNING, "also matches the redirect URI" },
  };
  g_autoptr(DeskSessionRequest) request = NULL;

  request = desk_session_request_new ("eu_1", REDIRECT, REDIRECT, NULL, NULL);
  assert_problems (request, same, G_N_ELEMENTS (same), FALSE);
  g_clear_pointer (&request, desk_session_request_free);

  /* The redirect URI requires nothing of the query, so it matches this cancel too */
  request = desk_session_request_new ("eu_1", REDIRECT, REDIRECT "?cancelled=1", NULL, NULL);
  assert_problems (request, same, G_N_ELEMENTS (same), FALSE);
  g_clear_pointer (&request, desk_session_request_free);

  /* Here the redirect URI requires a parameter the cancel URI lacks: they stay apart */
  request = desk_session_request_new ("eu_1", REDIRECT "?done=1", REDIRECT, NULL, NULL);
  assert_problems (request, NULL, 0, FALSE);
}

static char *
request_body (const DeskSessionRequest *request)
{
  g_autoptr(JsonNode) node = desk_session_request_to_json (request);

  return json_to_string (node, FALSE);
}

static void
test_request_body (void)
{
  const char *permissions[] = { "accounts", "future_permission", "accounts", NULL };
  const char *no_permissions[] = { NULL };
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskSessionRequest) copy = NULL;
  g_autofree char *body = NULL;
  g_autofree char *copy_body = NULL;

  request = desk_session_request_new ("eu_1", REDIRECT, CANCEL, NULL, NULL);
  body = request_body (request);
  g_assert_cmpstr (body, ==,
                   "{\"end_user_id\":\"eu_1\","
                   "\"redirect_uri\":\"https://yourapp.com/callback\","
                   "\"cancel_uri\":\"https://yourapp.com/cancel\"}");
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&request, desk_session_request_free);

  /* "" and an empty list mean "not sent", not an empty value */
  request = desk_session_request_new ("eu_1", REDIRECT, CANCEL, "", no_permissions);
  body = request_body (request);
  g_assert_cmpstr (body, ==,
                   "{\"end_user_id\":\"eu_1\","
                   "\"redirect_uri\":\"https://yourapp.com/callback\","
                   "\"cancel_uri\":\"https://yourapp.com/cancel\"}");
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&request, desk_session_request_free);

  /* Permissions go exactly as typed: unknown names and repeats included */
  request = desk_session_request_new ("eu “1”", REDIRECT, CANCEL, "anz", permissions);
  body = request_body (request);
  g_assert_cmpstr (body, ==,
                   "{\"end_user_id\":\"eu “1”\","
                   "\"redirect_uri\":\"https://yourapp.com/callback\","
                   "\"cancel_uri\":\"https://yourapp.com/cancel\","
                   "\"institution_id\":\"anz\","
                   "\"permissions\":[\"accounts\",\"future_permission\",\"accounts\"]}");

  copy = desk_session_request_copy (request);
  g_assert_true (copy->permissions != request->permissions);
  g_clear_pointer (&request, desk_session_request_free);
  copy_body = request_body (copy);
  g_assert_cmpstr (copy_body, ==, body);
}

static void
test_permissions (void)
{
  static const char * const documented[] = {
    "accounts", "balances", "transactions", "payees", "direct_debits", "scheduled_payments",
    "energy_accounts", "energy_balances", "usage", "billing", "invoices", "concessions",
    "service_points", "der", "payment_schedule",
    "identity",
  };
  gsize n_permissions;
  const DeskPermissionInfo *all = desk_permissions_get_all (&n_permissions);
  DeskPermissionGroup previous_group = DESK_PERMISSION_GROUP_BANKING;

  g_assert_cmpuint (n_permissions, ==, G_N_ELEMENTS (documented));

  for (gsize i = 0; i < n_permissions; i++)
    {
      g_assert_cmpstr (all[i].name, ==, documented[i]);
      g_assert_true (desk_permissions_lookup (documented[i]) == &all[i]);
      g_assert_nonnull (all[i].title);
      g_assert_cmpstr (all[i].title, !=, "");
      /* Display order: Banking, then Energy, then Common */
      g_assert_cmpint (all[i].group, >=, previous_group);
      previous_group = all[i].group;
    }

  g_assert_cmpint (desk_permissions_lookup ("transactions")->group, ==,
                   DESK_PERMISSION_GROUP_BANKING);
  g_assert_cmpint (desk_permissions_lookup ("der")->group, ==, DESK_PERMISSION_GROUP_ENERGY);
  g_assert_cmpint (desk_permissions_lookup ("identity")->group, ==,
                   DESK_PERMISSION_GROUP_COMMON);
  g_assert_null (desk_permissions_lookup ("Accounts"));
  g_assert_null (desk_permissions_lookup ("account"));
  g_assert_null (desk_permissions_lookup (""));

  g_assert_cmpstr (desk_permission_group_title (DESK_PERMISSION_GROUP_BANKING), ==, "Banking");
  g_assert_cmpstr (desk_permission_group_title (DESK_PERMISSION_GROUP_ENERGY), ==, "Energy");
  g_assert_cmpstr (desk_permission_group_title (DESK_PERMISSION_GROUP_COMMON), ==, "Common");
  g_assert_cmpstr (desk_permission_group_title (DESK_PERMISSION_GROUP_UNKNOWN), ==, "Other");
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

static void
test_session_good (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(DeskAuthSession) copy = NULL;
  g_autoptr(GError) error = NULL;

  node = parse_json ("{\"id\": \"client_1\", \"session_id\": \"ea564d-56012s4-6ds4564\","
                     " \"auth_url\": \"https://auth.fiskil.com/?sess_id=ea564d-56012s4-6ds4564\","
                     " \"expires_at\": 1621083785, \"extra\": {\"ignored\": true}}");
  session = desk_auth_session_new_from_json (node, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpstr (session->id, ==, "client_1");
  g_assert_cmpstr (session->session_id, ==, "ea564d-56012s4-6ds4564");
  g_assert_cmpstr (session->auth_url, ==,
                   "https://auth.fiskil.com/?sess_id=ea564d-56012s4-6ds4564");
  g_assert_cmpint (session->expires_at, ==, 1621083785);
  g_assert_cmpint (session->clock_skew, ==, 0);

  copy = desk_auth_session_copy (session);
  g_clear_pointer (&session, desk_auth_session_free);
  g_assert_cmpstr (copy->auth_url, ==, "https://auth.fiskil.com/?sess_id=ea564d-56012s4-6ds4564");
  g_clear_pointer (&node, json_node_unref);

  /* id may be missing or null; expires_at may be a numeric string; auth_url kept verbatim */
  node = parse_json ("{\"session_id\": \"s\", \"auth_url\": \"http://127.0.0.1:8123/auth/start"
                     "?session=s&x=%41\", \"expires_at\": \"1621083785\", \"id\": null}");
  session = desk_auth_session_new_from_json (node, 0, &error);
  g_assert_no_error (error);
  g_assert_null (session->id);
  g_assert_cmpstr (session->auth_url, ==, "http://127.0.0.1:8123/auth/start?session=s&x=%41");
  g_assert_cmpint (session->expires_at, ==, 1621083785);
}

typedef struct
{
  const char *name;
  const char *body;
  const char *field;  /* named in the message; NULL: the root is wrong */
} BadSessionCase;

static const BadSessionCase bad_session_cases[] = {
  { "root-array", "[]", NULL },
  { "root-string", "\"session\"", NULL },
  { "root-null", "null", NULL },
  { "root-number", "200", NULL },
  { "empty-object", "{}", "session_id" },
  { "session-id-missing",
    "{\"auth_url\": \"https://auth.fiskil.com/\", \"expires_at\": 1}", "session_id" },
  { "session-id-null",
    "{\"session_id\": null, \"auth_url\": \"https://a.example/\", \"expires_at\": 1}",
    "session_id" },
  { "session-id-number",
    "{\"session_id\": 42, \"auth_url\": \"https://a.example/\", \"expires_at\": 1}",
    "session_id" },
  { "session-id-object",
    "{\"session_id\": {}, \"auth_url\": \"https://a.example/\", \"expires_at\": 1}",
    "session_id" },
  { "session-id-empty",
    "{\"session_id\": \"\", \"auth_url\": \"https://a.example/\", \"expires_at\": 1}",
    "session_id" },
  { "auth-url-missing", "{\"session_id\": \"s\", \"expires_at\": 1}", "auth_url" },
  { "auth-url-boolean",
    "{\"session_id\": \"s\", \"auth_url\": true, \"expires_at\": 1}", "auth_url" },
  { "auth-url-relative",
    "{\"session_id\": \"s\", \"auth_url\": \"/auth/start\", \"expires_at\": 1}", "auth_url" },
  { "auth-url-javascript",
    "{\"session_id\": \"s\", \"auth_url\": \"javascript:alert(1)\", \"expires_at\": 1}",
    "auth_url" },
  { "auth-url-ftp",
    "{\"session_id\": \"s\", \"auth_url\": \"ftp://auth.fiskil.com/\", \"expires_at\": 1}",
    "auth_url" },
  { "auth-url-no-host",
    "{\"session_id\": \"s\", \"auth_url\": \"https://\", \"expires_at\": 1}", "auth_url" },
  { "expires-at-missing",
    "{\"session_id\": \"s\", \"auth_url\": \"https://a.example/\"}", "expires_at" },
  { "expires-at-null",
    "{\"session_id\": \"s\", \"auth_url\": \"https://a.example/\", \"expires_at\": null}",
    "expires_at" },
  { "expires-at-words",
    "{\"session_id\": \"s\", \"auth_url\": \"https://a.example/\", \"expires_at\": \"soon\"}",
    "expires_at" },
  { "expires-at-partly-numeric",
    "{\"session_id\": \"s\", \"auth_url\": \"https://a.example/\", \"expires_at\": \"12abc\"}",
    "expires_at" },
  { "expires-at-fraction",
    "{\"session_id\": \"s\", \"auth_url\": \"https://a.example/\", \"expires_at\": 1.5}",
    "expires_at" },
  { "expires-at-boolean",
    "{\"session_id\": \"s\", \"auth_url\": \"https://a.example/\", \"expires_at\": true}",
    "expires_at" },
  { "expires-at-array",
    "{\"session_id\": \"s\", \"auth_url\": \"https://a.example/\", \"expires_at\": [1]}",
    "expires_at" },
  { "expires-at-zero",
    "{\"session_id\": \"s\", \"auth_url\": \"https://a.example/\", \"expires_at\": 0}",
    "expires_at" },
  { "expires-at-negative",
    "{\"session_id\": \"s\", \"auth_url\": \"https://a.example/\", \"expires_at\": -5}",
    "expires_at" },
  { "id-number",
    "{\"id\": 7, \"session_id\": \"s\", \"auth_url\": \"https://a.example/\", \"expires_at\": 1}",
    "id" },
};

static void
test_session_bad (gconstpointer data)
{
  const BadSessionCase *test = data;
  g_autoptr(JsonNode) node = parse_json (test->body);
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = desk_auth_session_new_from_json (node, 0, &error);
  g_assert_null (session);
  g_assert_error (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE);
  g_test_message ("%s", error->message);

  if (test->field != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", test->field);

      g_assert_nonnull (strstr (error->message, quoted));
    }
  else
    {
      g_assert_nonnull (strstr (error->message, "not a JSON object"));
    }
}

static void
test_session_null_node (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (desk_auth_session_new_from_json (NULL, 0, &error));
  g_assert_error (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE);
}

static void
test_session_local_expiry (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(DeskAuthSession) ahead = NULL;
  g_autoptr(DeskAuthSession) behind = NULL;
  g_autoptr(DeskAuthSession) parsed = NULL;

  /* The server's clock is 90 s ahead of ours: its 10:15 is our 10:13:30. */
  ahead = desk_auth_session_new ("c", "s", "https://a.example/", 1800000900, 90);
  g_assert_cmpint (desk_auth_session_get_local_expiry (ahead), ==, 1800000810);

  behind = desk_auth_session_new ("c", "s", "https://a.example/", 1800000900, -30);
  g_assert_cmpint (desk_auth_session_get_local_expiry (behind), ==, 1800000930);

  node = parse_json ("{\"session_id\": \"s\", \"auth_url\": \"https://a.example/\","
                     " \"expires_at\": 1800000900}");
  parsed = desk_auth_session_new_from_json (node, 120, NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpint (parsed->clock_skew, ==, 120);
  g_assert_cmpint (desk_auth_session_get_local_expiry (parsed), ==, 1800000780);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/validate/end-user-id", test_end_user_id);
  g_test_add_func ("/request/validate/callback-uri", test_callback_uri);
  g_test_add_func ("/request/validate/institution-id", test_institution_id);
  g_test_add_func ("/request/validate/valid", test_validate_valid);
  g_test_add_func ("/request/validate/new-warnings", test_validate_new_warnings);
  g_test_add_func ("/request/validate/permission-warnings", test_validate_permission_warnings);
  g_test_add_func ("/request/validate/every-field", test_validate_every_field);
  g_test_add_func ("/request/validate/cancel-apart", test_validate_cancel_apart);
  g_test_add_func ("/request/body", test_request_body);
  g_test_add_func ("/request/permissions", test_permissions);

  g_test_add_func ("/session/good", test_session_good);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_session_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/session/bad/%s", bad_session_cases[i].name);

      g_test_add_data_func (path, &bad_session_cases[i], test_session_bad);
    }
  g_test_add_func ("/session/null-node", test_session_null_node);
  g_test_add_func ("/session/local-expiry", test_session_local_expiry);

  return g_test_run ();
}
