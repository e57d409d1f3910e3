/* desk-display-text.c — making text from a server fit to be shown to people
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include "desk-display-text.h"

static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x200E || c == 0x200F || c == 0x061C;
}

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

char *
desk_display_text_clean (const char *text,
                         guint       max_chars)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) clean = NULL;
  guint n_chars = 0;
  char *result;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  clean = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_bidi_control (c))
        continue;
      if (n_chars++ == max_chars)
        {
          g_string_append (clean, "…");
          break;
        }
      g_string_append_unichar (clean, is_control (c) ? ' ' : c);
    }

  result = g_strstrip (g_string_free (g_steal_pointer (&clean), FALSE));
  if (*result == '\0')
    g_clear_pointer (&result, g_free);

  return result;
}
