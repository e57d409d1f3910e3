/* fuzz-message.c — libFuzzer target: the embedded pattern's postMessage judge
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: "origin\nJSON". The JSON goes through desk_message_parse_data() (which must refuse
 * deep nesting before json-glib's recursive parser sees it), then is judged. Invariants:
 * exactly one of a callback or a known reason; an accepted message carries itself, via
 * MESSAGE, and is a failure exactly when matched is CANCEL.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "desk-message.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

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

  node = desk_message_parse_data (json, -1, &reason);
  if (node == NULL)
    {
      g_assert_true (g_strcmp0 (reason, "format") == 0 || g_strcmp0 (reason, "too-large") == 0);
      return 0;
    }

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
