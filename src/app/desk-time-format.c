/* desk-time-format.c — one way to show a time to people: local, unambiguous, with its zone
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-time-format.h"

#define SECONDS_PER_DAY (24 * 3600)

char *
desk_format_local_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
}

char *
desk_format_utc_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC");
}

char *
desk_format_unix_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = NULL;

  if (unix_time <= 0)
    return NULL;

  time = g_date_time_new_from_unix_utc (unix_time);

  return desk_format_local_time (time);
}

char *
desk_format_time_left (gint64 remaining)
{
  guint days;

  if (remaining <= 0)
    return g_strdup (_("Expired"));

  /* Sessions may last days (fiskil-api.md), where seconds say nothing. Rounded down, so it
   * never promises more time than is left; the countdown's tooltip has the exact time. */
  if (remaining >= 2 * SECONDS_PER_DAY)
    {
      days = (guint) (remaining / SECONDS_PER_DAY);
      /* Translators: the time left before a session expires, two days or more */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days), days);
    }

  if (remaining >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (remaining / 3600),
                            (int) (remaining / 60 % 60), (int) (remaining % 60));

  return g_strdup_printf ("%d:%02d", (int) (remaining / 60), (int) (remaining % 60));
}

char *
desk_format_countdown (gint64 remaining)
{
  g_autofree char *left = NULL;

  if (remaining <= 0)
    return g_strdup (_("Expired"));

  left = desk_format_time_left (remaining);
  /* Translators: %s is the time left, such as "14:32", "1:02:03" or "4 days" */
  return g_strdup_printf (_("Expires in %s"), left);
}
