/* bench-util.c — process measurements shared by the benchmarks
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bench-util.h"

guint64
bench_process_rss_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return 0;

  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

/* The parent pid is the field after the parenthesised command, which may itself hold spaces. */
static GPid
parent_of (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *stat = NULL;
  const char *after_command;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return 0;

  after_command = strrchr (stat, ')');
  if (after_command == NULL || strlen (after_command) < 4)
    return 0;

  return (GPid) atoi (after_command + 4);
}

static void
collect_descendants (GPid     pid,
                     GArray  *pids)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  if (proc == NULL)
    return;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      GPid child;

      if (!g_ascii_isdigit (name[0]) || parent_of (name) != pid)
        continue;

      child = (GPid) atoi (name);
      g_array_append_val (pids, child);
      collect_descendants (child, pids);
    }
}

guint64
bench_descendants_rss_kib (GPid   pid,
                           guint *n_processes)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  guint64 total = 0;

  collect_descendants (pid, pids);
  for (guint i = 0; i < pids->len; i++)
    total += bench_process_rss_kib (g_array_index (pids, GPid, i));

  if (n_processes != NULL)
    *n_processes = pids->len;

  return total;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (GArray *values)
{
  g_return_val_if_fail (values != NULL && values->len > 0, 0.0);

  g_array_sort (values, compare_doubles);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);

  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2.0;
}
