/* fuzz-message.c — libFuzzer target: the embedded pattern's postMessage judge
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: "origin\nJSON". The JSON is parsed as the app parses page messages (nesting refused
 * beyond a small depth first: json-glib's parser recurses), then judged. Invariants: exactly
 * one of a callback or a known reason; an accepted message carries itself, via MESSAGE, and is
 * a failure exactly when matched is CANCEL.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "desk-message.h"

#define MAX_DEPTH 64

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean
nesting_within (const char *json,
                gsize       length)
{
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (json[i] == '[' || json[i] == '{')
        depth++;
      else if (json[i] == ']' || json[i] == '}')
        depth--;
      if (depth > MAX_DEPTH)
        return FALSE;
    }

  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const reasons[] = { "origin", "source", "format", "too-large" };
  g_autofree char *text = g_strndup ((const char *) data, size);
  const char *newline = strchr (text, '\n');
  g_autofree char *origin = NULL;
  const char *json;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(DeskCallback) callback = NULL;
  const char *reason = NULL;
  gboolean known = FALSE;

  if (newline == NULL)
    return 0;
  origin = g_strndup (text, newline - text);
  json = newline + 1;
  if (!nesting_within (json, strlen (json)))
    return 0;

  node = json_from_string (json, NULL);
  callback = desk_message_judge (node, strlen (json), origin, size % 7 != 0,
                                 "https://auth.fiskil.com", "https://yourapp.com/callback",
                                 "https://yourapp.com/cancel", &reason);

  if (callback == NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (reasons); i++)
        known |= g_strcmp0 (reason, reasons[i]) == 0;
      g_assert_true (known);
      return 0;
    }

  g_assert_null (reason);
  g_assert_cmpint (callback->via, ==, DESK_CALLBACK_VIA_MESSAGE);
  g_assert_true (json_node_equal (callback->message, node));
  g_assert_cmpint (desk_callback_is_failure (callback), ==,
                   callback->matched == DESK_CALLBACK_MATCH_CANCEL);
  g_assert_cmpuint (callback->params->len, <=, DESK_CALLBACK_MAX_PARAMS);

  return 0;
}
