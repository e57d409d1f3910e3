/* core-test-util.c — what the core tests share: compact consent listings, bounded waits
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "core-test-util.h"
#include "desk-consent.h"

GPtrArray *
core_test_parse_listing (const char *text)
{
  GPtrArray *listing = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_consent_free);
  g_auto(GStrv) entries = g_strsplit (text, " ", -1);

  for (gsize i = 0; entries[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      DeskConsent *consent;

      if (*entries[i] == '\0')
        continue;

      fields = g_strsplit (entries[i], ":", 4);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);

      consent = g_new0 (DeskConsent, 1);
      consent->arrangement_id = g_strdup (fields[0]);
      consent->institution_id = *fields[1] != '\0' ? g_strdup (fields[1]) : NULL;
      consent->active = g_str_equal (fields[2], "active");
      consent->permissions = g_new0 (char *, 1);
      consent->expires_at = g_ascii_strtoll (fields[3], NULL, 10);
      g_ptr_array_add (listing, consent);
    }

  return listing;
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
core_test_wait_until (gboolean    (*condition) (gpointer data),
                      gpointer      data,
                      guint         seconds,
                      const char   *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (seconds, on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!condition (data))
    g_error ("Waited %u s in vain for %s", seconds, what);
  g_source_remove (timeout_id);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(const gboolean *) data;
}

void
core_test_wait_for (const gboolean *flag,
                    guint           seconds)
{
  core_test_wait_until (flag_is_set, (gpointer) flag, seconds, "a flag");
}

void
core_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
