/* test-client-calls.c — DeskFiskilClient: end users and consents
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "client-fixture.h"

/* End users */

static void
test_end_user_create (Fixture       *fixture,
                      gconstpointer  data)
{
  static const Reply created = { 200, "{\"end_user_id\": \"eu_new\"}" };
  static const Reply duplicate = {
    400, ERROR_BODY ("err_dup", "end_user_already_exists", "an end user with this email exists")
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *end_user_id = NULL;
  GAsyncResult **slot;
  Recorded *recorded;

  set_replies (fixture, "POST /v1/end-users", &created, &duplicate, NULL);

  slot = next_slot (fixture);
  desk_fiskil_client_create_end_user_async (fixture->client, "ana@example.com", "Ana", NULL,
                                            NULL, NULL, store_result, slot);
  wait_for_result (slot);
  end_user_id = desk_fiskil_client_create_end_user_finish (fixture->client, *slot, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (end_user_id, ==, "eu_new");

  recorded = get_recorded (fixture, "/v1/end-users", 0);
  g_assert_cmpstr (recorded->method, ==, "POST");
  assert_common_headers (recorded, NULL, TRUE);
  g_assert_cmpstr (soup_message_headers_get_one (recorded->headers, "Authorization"), ==,
                   "Bearer " TOKEN);
  assert_json_members (recorded->body, "email,name");
  assert_member (recorded->body, "email", "ana@example.com");

  slot = next_slot (fixture);
  desk_fiskil_client_create_end_user_async (fixture->client, "ana@example.com", NULL,
                                            "+61400000000", "12345678901", NULL,
                                            store_result, slot);
  wait_for_result (slot);
  g_assert_null (desk_fiskil_client_create_end_user_finish (fixture->client, *slot, &error));
  assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);
  assert_contains (error->message, "end_user_already_exists");
  assert_json_members (get_recorded (fixture, "/v1/end-users", 1)->body, "abn,email,phone");
}

static GPtrArray *
find_end_users (Fixture     *fixture,
                const char  *email,
                GError     **error)
{
  GAsyncResult **slot = next_slot (fixture);

  desk_fiskil_client_find_end_users_async (fixture->client, email, NULL, store_result, slot);
  wait_for_result (slot);
  return desk_fiskil_client_find_end_users_finish (fixture->client, *slot, error);
}

static void
test_end_user_find (Fixture       *fixture,
                    gconstpointer  data)
{
  static const Reply found = {
    200, "[{\"id\": \"eu_1\", \"email\": \"a+b@example.com\", \"name\": \"Ana\", "
         "\"phone\": \"+61400000000\"}, {\"id\": \"eu_2\", \"email\": null}, "
         "{\"id\": \"eu_3\", \"email\": 5, \"name\": [\"Ana\"], \"phone\": {}}]"
  };
  static const Reply none = { 200, "[]" };
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  DeskEndUser *user;
  Recorded *recorded;

  set_replies (fixture, "GET /v1/end-users", &found, &none, NULL);

  users = find_end_users (fixture, "a+b@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 3);
  user = g_ptr_array_index (users, 0);
  g_assert_cmpstr (user->id, ==, "eu_1");
  g_assert_cmpstr (user->email, ==, "a+b@example.com");
  g_assert_cmpstr (user->name, ==, "Ana");
  g_assert_cmpstr (user->phone, ==, "+61400000000");
  user = g_ptr_array_index (users, 1);
  g_assert_cmpstr (user->id, ==, "eu_2");
  g_assert_null (user->email);
  g_assert_null (user->name);
  /* One wording wherever an end user is named. */
  {
    g_autofree char *named = desk_end_user_describe (g_ptr_array_index (users, 0), FALSE);
    g_autofree char *created = desk_end_user_describe (g_ptr_array_index (users, 0), TRUE);

    g_assert_cmpstr (named, ==, "Ana · a+b@example.com");
    g_assert_cmpstr (created, ==, "Ana · a+b@example.com (created now)");
    g_assert_null (desk_end_user_describe (g_ptr_array_index (users, 1), FALSE));
  }
  /* Mistyped details are unknown, and the other end users still listed (issue 12). */
  user = g_ptr_array_index (users, 2);
  g_assert_cmpstr (user->id, ==, "eu_3");
  g_assert_null (user->email);
  g_assert_null (user->name);
  g_assert_null (user->phone);

  recorded = get_recorded (fixture, "/v1/end-users", 0);
  g_assert_cmpstr (recorded->method, ==, "GET");
  g_assert_cmpstr (recorded->query, ==, "email=a%2Bb%40example.com");
  g_assert_cmpstr (recorded->body, ==, "");
  assert_common_headers (recorded, NULL, FALSE);

  g_clear_pointer (&users, g_ptr_array_unref);
  users = find_end_users (fixture, "nobody@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 0);
}

typedef struct
{
  const char *body;
  const char *field;  /* named in the message, or NULL */
} JunkCase;

static const JunkCase end_users_not_a_list = { "{\"end_users\": []}", NULL };
static const JunkCase end_users_number = { "[{\"id\": \"eu_1\"}, 42]", NULL };
static const JunkCase end_users_null = { "[null]", NULL };
static const JunkCase end_users_no_id = { "[{\"email\": \"a@example.com\"}]", "“id”" };
static const JunkCase end_users_empty_id = { "[{\"id\": \"\"}]", "“id”" };
static const JunkCase end_users_mistyped_id = { "[{\"id\": 12}]", "“id”" };
static const JunkCase end_users_not_json = { "<html></html>", "HTTP 200" };

static void
test_end_user_find_junk (Fixture       *fixture,
                         gconstpointer  data)
{
  const JunkCase *junk = data;
  const Reply reply = { 200, junk->body };
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  set_replies (fixture, "GET /v1/end-users", &reply, NULL);

  users = find_end_users (fixture, "a@example.com", &error);
  g_assert_null (users);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (desk_fiskil_error_get_api_error (error)->http_status, ==, 200);
  if (junk->field != NULL)
    assert_contains (error->message, junk->field);
}

static DeskEndUser *
get_end_user (Fixture     *fixture,
              const char  *end_user_id,
              GError     **error)
{
  GAsyncResult **slot = next_slot (fixture);

  desk_fiskil_client_get_end_user_async (fixture->client, end_user_id, NULL, store_result, slot);
  wait_for_result (slot);
  return desk_fiskil_client_get_end_user_finish (fixture->client, *slot, error);
}

static void
test_end_user_get (Fixture       *fixture,
                   gconstpointer  data)
{
  static const Reply user = { 200, "{\"id\": \"eu/1 x?y#z\", \"email\": \"c@example.com\"}" };
  g_autoptr(DeskEndUser) found = NULL;
  g_autoptr(DeskEndUser) missing = NULL;
  g_autoptr(GError) error = NULL;
  Recorded *recorded;

  /* An opaque id stays in the path, whatever it holds: unescaped, "?" would start a query and
   * "#" a fragment. (SoupServer hands handlers the decoded path.) */
  set_replies (fixture, "GET /v1/end-users/eu/1 x?y#z", &user, NULL);

  found = get_end_user (fixture, "eu/1 x?y#z", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->id, ==, "eu/1 x?y#z");
  g_assert_cmpstr (found->email, ==, "c@example.com");
  recorded = get_recorded (fixture, "/v1/end-users/eu/1 x?y#z", 0);
  g_assert_cmpstr (recorded->method, ==, "GET");
  g_assert_null (recorded->query);
  assert_common_headers (recorded, NULL, FALSE);

  missing = get_end_user (fixture, "eu_gone", &error);
  g_assert_null (missing);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_NOT_FOUND);
}

/* Consents */

static GPtrArray *
list_consents (Fixture     *fixture,
               const char  *end_user_id,
               GError     **error)
{
  GAsyncResult **slot = next_slot (fixture);

  desk_fiskil_client_list_consents_async (fixture->client, end_user_id, NULL, store_result, slot);
  wait_for_result (slot);
  return desk_fiskil_client_list_consents_finish (fixture->client, *slot, error);
}

static void
test_consents_list (Fixture       *fixture,
                    gconstpointer  data)
{
  static const Reply consents = {
    200, "[{\"arrangement_id\": \"arr_1\", \"active\": true, \"institution_id\": \"inst_1\", "
         "\"permissions\": [\"accounts\", \"balances\"], \"expires_at\": 1893456000, "
         "\"created_at\": \"2026-01-01T00:00:00Z\"}, "
         "{\"arrangement_id\": \"arr_2\", \"active\": false, "
         "\"expires_at\": \"2030-01-01T00:00:00Z\"}]"
  };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  DeskConsent *consent;
  Recorded *recorded;

  set_replies (fixture, "GET /v1/consent", &consents, NULL);

  list = list_consents (fixture, "eu 42&x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  consent = g_ptr_array_index (list, 0);
  g_assert_cmpstr (consent->arrangement_id, ==, "arr_1");
  g_assert_true (consent->active);
  g_assert_cmpstr (consent->institution_id, ==, "inst_1");
  g_assert_cmpuint (g_strv_length (consent->permissions), ==, 2);
  g_assert_cmpstr (consent->permissions[1], ==, "balances");
  g_assert_cmpint (consent->expires_at, ==, 1893456000);

  consent = g_ptr_array_index (list, 1);
  g_assert_cmpstr (consent->arrangement_id, ==, "arr_2");
  g_assert_false (consent->active);
  g_assert_null (consent->institution_id);
  g_assert_nonnull (consent->permissions);
  g_assert_cmpuint (g_strv_length (consent->permissions), ==, 0);
  g_assert_cmpint (consent->expires_at, ==, 1893456000);

  recorded = get_recorded (fixture, "/v1/consent", 0);
  g_assert_cmpstr (recorded->method, ==, "GET");
  g_assert_cmpstr (recorded->query, ==, "end_user_id=eu%2042%26x");
  assert_common_headers (recorded, NULL, FALSE);
}

static const JunkCase consents_not_a_list = { "{\"consents\": []}", NULL };
static const JunkCase consents_string_entry = { "[\"arr_1\"]", NULL };
static const JunkCase consents_no_arrangement = { "[{\"active\": true}]", "“arrangement_id”" };
static const JunkCase consents_no_active = { "[{\"arrangement_id\": \"a\"}]", "“active”" };
static const JunkCase consents_mistyped_active = {
  "[{\"arrangement_id\": \"a\", \"active\": \"yes\"}]", "“active”"
};
static const JunkCase consents_mistyped_permissions = {
  "[{\"arrangement_id\": \"a\", \"active\": true, \"permissions\": [\"accounts\", 1]}]",
  "“permissions”"
};
static const JunkCase consents_mistyped_institution = {
  "[{\"arrangement_id\": \"a\", \"active\": true, \"institution_id\": {}}]",
  "“institution_id”"
};
static const JunkCase consents_mistyped_expiry = {
  "[{\"arrangement_id\": \"a\", \"active\": true, \"expires_at\": \"soon\"}]",
  "“expires_at”"
};
static const JunkCase consents_fractional_expiry = {
  "[{\"arrangement_id\": \"a\", \"active\": true, \"expires_at\": 1.5}]", "“expires_at”"
};
static const JunkCase consents_truncated = { "[{\"arrangement_id\": \"a\", \"act", "HTTP 200" };

static void
test_consents_junk (Fixture       *fixture,
                    gconstpointer  data)
{
  const JunkCase *junk = data;
  const Reply reply = { 200, junk->body };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  set_replies (fixture, "GET /v1/consent", &reply, NULL);

  list = list_consents (fixture, "eu_42", &error);
  g_assert_null (list);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_BAD_RESPONSE);
  if (junk->field != NULL)
    assert_contains (error->message, junk->field);
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char     *path;
    const JunkCase *junk;
  } end_user_junk[] = {
    { "/client/end-users/junk/not-a-list", &end_users_not_a_list },
    { "/client/end-users/junk/number", &end_users_number },
    { "/client/end-users/junk/null", &end_users_null },
    { "/client/end-users/junk/no-id", &end_users_no_id },
    { "/client/end-users/junk/empty-id", &end_users_empty_id },
    { "/client/end-users/junk/mistyped-id", &end_users_mistyped_id },
    { "/client/end-users/junk/not-json", &end_users_not_json },
  }, consent_junk[] = {
    { "/client/consents/junk/not-a-list", &consents_not_a_list },
    { "/client/consents/junk/string-entry", &consents_string_entry },
    { "/client/consents/junk/no-arrangement-id", &consents_no_arrangement },
    { "/client/consents/junk/no-active", &consents_no_active },
    { "/client/consents/junk/mistyped-active", &consents_mistyped_active },
    { "/client/consents/junk/mistyped-permissions", &consents_mistyped_permissions },
    { "/client/consents/junk/mistyped-institution", &consents_mistyped_institution },
    { "/client/consents/junk/mistyped-expires-at", &consents_mistyped_expiry },
    { "/client/consents/junk/fractional-expires-at", &consents_fractional_expiry },
    { "/client/consents/junk/truncated", &consents_truncated },
  };

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/client/end-users/create", test_end_user_create);
  ADD ("/client/end-users/find", test_end_user_find);
  for (guint i = 0; i < G_N_ELEMENTS (end_user_junk); i++)
    g_test_add (end_user_junk[i].path, Fixture, end_user_junk[i].junk,
                fixture_setup, test_end_user_find_junk, fixture_teardown);
  ADD ("/client/end-users/get", test_end_user_get);

  ADD ("/client/consents/list", test_consents_list);
  for (guint i = 0; i < G_N_ELEMENTS (consent_junk); i++)
    g_test_add (consent_junk[i].path, Fixture, consent_junk[i].junk,
                fixture_setup, test_consents_junk, fixture_teardown);


#undef ADD

  return g_test_run ();
}
