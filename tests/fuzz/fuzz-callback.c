/* fuzz-callback.c — libFuzzer target: callback matching, parsing and the navigation rules
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: "configured URI\ncandidate URI". Invariants (issue 15, design.md "Callback matching"):
 * a configured URI the form accepts matches itself, itself plus session_id, and itself as
 * WebKit re-encodes it; whatever is our callback reaches its endpoint; host normalisation is
 * idempotent; parsed parameters are valid UTF-8 within the limits; content filters compile.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "desk-callback.h"
#include "desk-endpoint-private.h"
#include "desk-navigation.h"
#include "desk-session-request.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* What WebKit's parser does to characters validation lets through in a path. */
static char *
reencode (const char *uri)
{
  GString *text = g_string_new (NULL);
  const char *query = strpbrk (uri, "?#");

  for (const char *p = uri; *p != '\0'; p++)
    {
      if ((query == NULL || p < query) && strchr ("{}`\"|^", *p) != NULL)
        g_string_append_printf (text, "%%%02X", (guchar) *p);
      else
        g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static void
check_configured (const char *configured)
{
  g_autoptr(DeskEndpoint) endpoint = desk_endpoint_parse (configured);
  g_autofree char *with_session = NULL;
  g_autofree char *reencoded = NULL;

  /* The form's own validation, then what only our check adds (broken escapes). */
  if (!desk_validate_callback_uri (configured, NULL) || endpoint == NULL ||
      endpoint->broken_escape || endpoint->fragment != NULL)
    return;

  g_assert_null (desk_callback_check_configured_uri (configured));
  g_assert_true (desk_callback_uri_matches (configured, configured));
  with_session = g_strconcat (configured, endpoint->query != NULL ? "&" : "?",
                              "session_id=x", NULL);
  g_assert_true (desk_callback_uri_matches (configured, with_session));
  reencoded = reencode (configured);
  g_assert_true (desk_callback_uri_matches (configured, reencoded));
  g_assert_cmpint (desk_navigation_classify (with_session, configured, NULL), ==,
                   DESK_ADDRESS_CALLBACK);
}

static void
check_candidate (const char *configured,
                 const char *candidate)
{
  g_autoptr(DeskCallback) callback = NULL;
  DeskCallbackMatch match = desk_callback_match (candidate, configured, NULL);

  if (match != DESK_CALLBACK_MATCH_NONE)
    g_assert_cmpint (desk_callback_match_endpoint (candidate, configured, NULL), ==, match);

  (void) desk_navigation_classify (candidate, configured, NULL);
  g_free (desk_uri_origin (candidate));
  (void) desk_host_is_loopback (candidate);

  callback = desk_callback_parse (candidate, configured, NULL);
  g_assert_true ((callback != NULL) == (match != DESK_CALLBACK_MATCH_NONE));
  if (callback == NULL)
    return;

  g_assert_cmpuint (callback->params->len, <=, DESK_CALLBACK_MAX_PARAMS);
  for (guint i = 0; i < callback->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (callback->params, i);

      g_assert_true (g_utf8_validate (param->key, -1, NULL));
      g_assert_true (g_utf8_validate (param->value, -1, NULL));
    }
  desk_callback_add_form_params (callback, candidate);
  g_assert_cmpuint (callback->params->len, <=, DESK_CALLBACK_MAX_PARAMS);
}

static void
check_host (const char *text)
{
  g_autofree char *host = desk_endpoint_normalize_host (text, -1);
  g_autofree char *again = NULL;

  if (host == NULL)
    return;

  again = desk_endpoint_normalize_host (host, -1);
  g_assert_cmpstr (again, ==, host);
  g_assert_cmpint (desk_host_is_loopback (text), ==, desk_host_is_loopback (host));
}

static void
check_filters (const char *configured)
{
  g_autofree char *json = desk_navigation_content_filter_json (configured, NULL);
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  JsonArray *rules;

  g_assert_nonnull (root);
  rules = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *trigger = json_object_get_object_member (json_array_get_object_element (rules,
                                                                                           i),
                                                           "trigger");
      const char *filter = json_object_get_string_member (trigger, "url-filter");
      g_autoptr(GRegex) regex = g_regex_new (filter, G_REGEX_CASELESS, 0, NULL);

      g_assert_nonnull (regex);
      g_assert_true (g_str_is_ascii (filter));
      /* WebKit's subset: no disjunction, no counted repetition (escaped characters are fine) */
      for (const char *p = filter; *p != '\0'; p++)
        {
          if (*p == '\\')
            {
              p++;
              g_assert_false (g_ascii_isalnum (*p));
              continue;
            }
          g_assert_true (*p != '|' && *p != '{');
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  const char *newline;
  g_autofree char *configured = NULL;
  const char *candidate;

  /* keep each run short; the limits themselves are tested in test-callback */
  if (size > 256 * 1024)
    return 0;

  text = g_strndup ((const char *) data, size);
  newline = strchr (text, '\n');
  configured = g_strndup (text, newline != NULL ? (gsize) (newline - text) : strlen (text));
  candidate = newline != NULL ? newline + 1 : text;

  check_configured (configured);
  check_candidate (configured, candidate);
  check_host (configured);
  check_filters (configured);

  return 0;
}
