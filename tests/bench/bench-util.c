/* bench-util.c — process measurements and run helpers shared by the benchmarks
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"

/* A field "Name:   1234 kB" of a /proc status-like file, in KiB; 0 when absent. */
static guint64
read_kib_field (const char *path,
                const char *name)
{
  g_autofree char *text = NULL;
  g_autofree char *needle = g_strdup_printf ("\n%s:", name);
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;

  line = strstr (text, needle);
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen (needle), NULL, 10);
}

guint64
bench_process_rss_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);

  return read_kib_field (path, "VmRSS");
}

guint64
bench_process_pss_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", (int) pid);

  return read_kib_field (path, "Pss");
}

guint64
bench_process_private_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", (int) pid);

  return read_kib_field (path, "Private_Clean") + read_kib_field (path, "Private_Dirty");
}

guint64
bench_process_anonymous_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", (int) pid);

  return read_kib_field (path, "Anonymous");
}

/* The parent pid and state are the fields after the parenthesised command, which may itself
 * hold spaces and parentheses. */
static GPid
parent_of (const char *pid,
           gboolean   *zombie)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *stat = NULL;
  const char *after_command;

  *zombie = FALSE;
  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return 0;

  after_command = strrchr (stat, ')');
  if (after_command == NULL || strlen (after_command) < 4)
    return 0;

  *zombie = after_command[2] == 'Z' || after_command[2] == 'X';
  return (GPid) atoi (after_command + 4);
}

typedef struct
{
  GPid pid;
  GPid parent;
} ProcessLink;

/* One pass over /proc: every live process and its parent. */
static GArray *
read_process_links (void)
{
  GArray *links = g_array_new (FALSE, FALSE, sizeof (ProcessLink));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  if (proc == NULL)
    return links;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      ProcessLink link;
      gboolean zombie;

      if (!g_ascii_isdigit (name[0]))
        continue;
      link.parent = parent_of (name, &zombie);
      link.pid = (GPid) atoi (name);
      if (!zombie && link.parent != 0)
        g_array_append_val (links, link);
    }

  return links;
}

static void
collect_children (GArray *links,
                  GPid    pid,
                  GArray *pids)
{
  for (guint i = 0; i < links->len; i++)
    {
      ProcessLink *link = &g_array_index (links, ProcessLink, i);

      if (link->parent != pid)
        continue;
      g_array_append_val (pids, link->pid);
      collect_children (links, link->pid, pids);
    }
}

GArray *
bench_descendants (GPid pid)
{
  g_autoptr(GArray) links = read_process_links ();
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));

  collect_children (links, pid, pids);
  return pids;
}

guint64
bench_descendants_rss_kib (GPid   pid,
                           guint *n_processes)
{
  g_autoptr(GArray) pids = bench_descendants (pid);
  guint64 total = 0;

  for (guint i = 0; i < pids->len; i++)
    total += bench_process_rss_kib (g_array_index (pids, GPid, i));

  if (n_processes != NULL)
    *n_processes = pids->len;

  return total;
}

guint64
bench_tree_pss_kib (GPid   pid,
                    guint *n_processes)
{
  g_autoptr(GArray) pids = bench_descendants (pid);
  guint64 total = bench_process_pss_kib (pid);

  for (guint i = 0; i < pids->len; i++)
    total += bench_process_pss_kib (g_array_index (pids, GPid, i));

  if (n_processes != NULL)
    *n_processes = pids->len + 1;

  return total;
}

BenchWebKitCount
bench_count_descendants (GPid pid)
{
  g_autoptr(GArray) pids = bench_descendants (pid);
  BenchWebKitCount count = { 0, 0, 0 };

  for (guint i = 0; i < pids->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/comm", g_array_index (pids, GPid, i));
      g_autofree char *comm = NULL;

      /* comm is cut at 15 bytes: "WebKitWebProces", "WebKitNetworkPr". */
      if (!g_file_get_contents (path, &comm, NULL, NULL))
        continue;
      if (g_str_has_prefix (comm, "WebKitWebProc"))
        count.web++;
      else if (g_str_has_prefix (comm, "WebKitNetwork"))
        count.network++;
      else
        count.other++;
    }

  return count;
}

/* Set by tests/meson.build for the test suites only; a person's session has none of them. */
static const char * const test_only_variables[] = {
  "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS",
  "WEBKIT_DISABLE_COMPOSITING_MODE",
  "GSK_RENDERER",
  "G_DEBUG",
  "GTK_A11Y",
  "NO_AT_BRIDGE",
};

char **
bench_user_environ (const char *scratch)
{
  static const char * const directories[][2] = {
    { "HOME", "home" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_STATE_HOME", "state" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };
  char **env = g_get_environ ();

  for (gsize i = 0; i < G_N_ELEMENTS (test_only_variables); i++)
    env = g_environ_unsetenv (env, test_only_variables[i]);

  for (gsize i = 0; i < G_N_ELEMENTS (directories); i++)
    {
      g_autofree char *path = g_build_filename (scratch, directories[i][1], NULL);

      g_mkdir_with_parents (path, 0700);
      env = g_environ_setenv (env, directories[i][0], path, TRUE);
    }

  /* BENCH_CACHE_HOME: one cache for every run, as a returning user has (the consent page's
   * compiled content filter is read back from it instead of compiled). */
  if (g_getenv ("BENCH_CACHE_HOME") != NULL)
    env = g_environ_setenv (env, "XDG_CACHE_HOME", g_getenv ("BENCH_CACHE_HOME"), TRUE);

  return env;
}

const char *
bench_describe_environ (void)
{
  return "no GSK_RENDERER (each program's own renderer; bare-cairo alone sets it), WebKit "
         "sandbox on, WebKit compositing as each program asks "
         "(the bare view's default; none for the app's consent view), accessibility on "
         "(the test-only WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS, GSK_RENDERER=cairo, "
         "WEBKIT_DISABLE_COMPOSITING_MODE, GTK_A11Y=none, NO_AT_BRIDGE and G_DEBUG removed); "
         "a fresh throwaway HOME and XDG directories per run (but XDG_CACHE_HOME when "
         "BENCH_CACHE_HOME gives one); GSETTINGS_BACKEND=memory and "
         "Xvfb (no window manager) as in the tests";
}

void
bench_become_subreaper (void)
{
  if (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
    g_error ("Cannot become the reaper of orphans: %s", g_strerror (errno));
}

gboolean
bench_reap (GPid  pid,
            int  *wait_status)
{
  gboolean found = FALSE;
  int status;
  pid_t reaped;

  while ((reaped = waitpid (-1, &status, WNOHANG)) > 0)
    if (reaped == pid)
      {
        found = TRUE;
        if (wait_status != NULL)
          *wait_status = status;
      }

  return found;
}

void
bench_kill_descendants (void)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autoptr(GArray) pids = bench_descendants (getpid ());

  for (guint i = 0; i < pids->len; i++)
    kill (g_array_index (pids, GPid, i), SIGKILL);

  /* Bounded: each round reaps what has died, until nothing of ours is left. */
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GArray) left = NULL;

      bench_reap (0, NULL);
      left = bench_descendants (getpid ());
      if (left->len == 0)
        break;
      g_usleep (10 * 1000);
    }
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

guint
bench_count_from_env (const char *name,
                      guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 count;

  if (text == NULL || *text == '\0')
    return fallback;

  count = g_ascii_strtoull (text, NULL, 10);
  if (count == 0 || count > 100000)
    g_error ("%s=%s: give a count from 1 to 100000", name, text);
  if (count != fallback)
    g_print ("# %s=%" G_GUINT64_FORMAT " (the default is %u): %s than the default\n",
             name, count, fallback, count < fallback ? "FEWER" : "more");

  return (guint) count;
}

double
bench_now_ms (void)
{
  return g_get_real_time () / 1000.0;
}

double
bench_parse_iso_ms (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return -1;
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return -1;

  return g_date_time_to_unix (time) * 1000.0 + g_date_time_get_microsecond (time) / 1000.0;
}

void
bench_print_ratio (const char *name,
                   const char *unit,
                   double      app,
                   double      bare,
                   double      goal)
{
  double ratio = bare > 0 ? app / bare : 0;

  g_print ("# %s: app %.1f %s, bare %.1f %s, ratio %.3fx (goal <= %.2fx): %s\n",
           name, app, unit, bare, unit, ratio, goal, ratio <= goal ? "met" : "NOT met");
}

void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR)
            && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          bench_remove_tree (child);
        else
          g_unlink (child);
      }

  g_rmdir (path);
}
