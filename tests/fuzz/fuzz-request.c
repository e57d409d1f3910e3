/* fuzz-request.c — libFuzzer target: a session request's validation and its JSON body
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is split at '\n' into end_user_id, redirect_uri, cancel_uri and institution_id,
 * then one permission per remaining line; a field the input does not reach is NULL. What must
 * hold for any bytes: the per-field checks and desk_session_request_validate () never crash
 * and answer with readable (UTF-8) messages; a request with no error serializes to valid
 * UTF-8 JSON that parses back to the same values.
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "desk-fuzz.h"
#include "desk-session-request.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or a warning from our code or GLib is a finding, as a crash is. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

static void
check_field (gboolean  (*validate) (const char *, GError **),
             const char *value)
{
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return;

  if (validate (value, &error))
    g_assert_no_error (error);
  else
    g_assert_true (error != NULL && g_utf8_validate (error->message, -1, NULL));
}

static void
assert_member (JsonObject *object,
               const char *name,
               const char *expected)
{
  g_assert_true (json_object_has_member (object, name));
  if (expected == NULL)
    g_assert_true (json_node_is_null (json_object_get_member (object, name)));
  else
    g_assert_cmpstr (json_object_get_string_member (object, name), ==, expected);
}

/* What Fiskil would receive: valid JSON carrying exactly what was asked for. */
static void
assert_body_round_trips (const DeskSessionRequest *request)
{
  g_autoptr(JsonNode) node = desk_session_request_to_json (request);
  g_autofree char *body = json_to_string (node, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  guint n_permissions = request->permissions != NULL
                        ? g_strv_length (request->permissions) : 0;

  g_assert_true (g_utf8_validate (body, -1, NULL));
  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);

  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (object);
  assert_member (object, "end_user_id", request->end_user_id);
  assert_member (object, "redirect_uri", request->redirect_uri);
  assert_member (object, "cancel_uri", request->cancel_uri);
  if (request->institution_id != NULL && *request->institution_id != '\0')
    assert_member (object, "institution_id", request->institution_id);
  else
    g_assert_false (json_object_has_member (object, "institution_id"));

  if (n_permissions == 0)
    {
      g_assert_false (json_object_has_member (object, "permissions"));
      return;
    }

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "permissions")),
                    ==, n_permissions);
  for (guint i = 0; i < n_permissions; i++)
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object,
                                                                                  "permissions"),
                                                    i),
                     ==, request->permissions[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A C string ends at the first NUL, as every value from a form or a command line does. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_lines = g_strv_length (lines);
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  request = desk_session_request_new (n_lines > 0 ? lines[0] : NULL,
                                      n_lines > 1 ? lines[1] : NULL,
                                      n_lines > 2 ? lines[2] : NULL,
                                      n_lines > 3 ? lines[3] : NULL,
                                      n_lines > 4 ? (const char * const *) lines + 4 : NULL);

  check_field (desk_validate_end_user_id, request->end_user_id);
  check_field (desk_validate_callback_uri, request->redirect_uri);
  check_field (desk_validate_callback_uri, request->cancel_uri);
  check_field (desk_validate_institution_id, request->institution_id);

  problems = desk_session_request_validate (request);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      const DeskRequestProblem *problem = g_ptr_array_index (problems, i);

      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
    }

  if (!desk_request_problems_have_errors (problems))
    assert_body_round_trips (request);

  return 0;
}
