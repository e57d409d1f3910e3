/* bench-consent.c — `--start` to the consent page, memory there, and what is left after exit
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built `consent-desk --start --end-user-id=eu_bench --sandbox-outcome=success
 * --quit-on-outcome --outcome-json=FILE` and `bare-consent` (the Sandbox, one session, one bare
 * WebKitWebView) alternately, BENCH_STARTS times each (default 9) for time and
 * BENCH_MEMORY_RUNS times each (default 5) for memory, after one warm-up run of each.
 *
 * Time: the spawn time against the app's own timeline (the outcome's "at" times, wall clock,
 * ms): the create-session api-response is "session answered", the first load "finished" is
 * "consent page loaded". The bare program prints the same two moments on the same clock.
 * Memory: in separate runs, this program samples the summed PSS of the whole process tree
 * (the program and every descendant: WebKit's web and network processes and their sandbox)
 * every 50 ms, and takes the first sample after the consent page loaded (the Sandbox's pages
 * wait 500 ms before walking on, so the sample shows the loaded page).
 * Left behind: this program is the reaper of every orphan of the run (PR_SET_CHILD_SUBREAPER);
 * a second after the app exited, whatever of the run still lives is counted and named.
 * On software OpenGL the app draws with Cairo (desk-renderer.c) and the bare program with GTK's
 * default: a third program, for reference only, is the bare program with GSK_RENDERER=cairo.
 */

#include "config.h"

#include <fcntl.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-util.h"

#define RUN_TIMEOUT_MS (120 * 1000)
#define SAMPLE_MS      50

typedef struct
{
  const char *name;
  gboolean    is_app;
  const char *gsk_renderer;  /* GSK_RENDERER for it, as a person could set it; NULL: none */
} Program;

#define N_PROGRAMS 3

typedef struct
{
  double  answered_ms;  /* spawn → session answered */
  double  loaded_ms;    /* spawn → consent page loaded */
  double  pss_mib;      /* whole tree at the consent page (memory runs) */
  guint   n_processes;  /* in the tree then */
  double  sample_lag_ms;
  guint   left;         /* processes of the run alive a second after it exited */
  char   *left_names;
} ConsentResult;

typedef struct
{
  double  at;
  double  pss_mib;
  guint   n_processes;
} Sample;

static GPid
spawn (const Program  *program,
       const char     *scratch,
       gboolean        memory,
       double         *started)
{
  g_autofree char *outcome_arg = g_strdup_printf ("--outcome-json=%s/outcome.json", scratch);
  g_autofree char *stdout_path = g_build_filename (scratch, "stdout", NULL);
  g_autofree char *stderr_path = g_build_filename (scratch, "stderr", NULL);
  g_auto(GStrv) envp = bench_user_environ (scratch);
  g_autoptr(GError) error = NULL;
  const char *app_argv[] = { CONSENT_DESK_PATH, "--start", "--end-user-id=eu_bench",
                             "--sandbox-outcome=success", "--quit-on-outcome", outcome_arg,
                             NULL };
  const char *bare_argv[] = { BARE_CONSENT_PATH, NULL };
  int out_fd = open (stdout_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err_fd = open (stderr_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  GPid pid;

  envp = g_environ_setenv (envp, "BENCH_HOLD_MS", memory ? "1000" : "0", TRUE);
  if (program->gsk_renderer != NULL)
    envp = g_environ_setenv (envp, "GSK_RENDERER", program->gsk_renderer, TRUE);
  *started = bench_now_ms ();
  if (!g_spawn_async_with_pipes_and_fds (NULL, program->is_app ? app_argv : bare_argv,
                                         (const char * const *) envp,
                                         G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                         -1, out_fd, err_fd, NULL, NULL, 0,
                                         &pid, NULL, NULL, NULL, &error))
    g_error ("Could not start %s: %s", program->name, error->message);
  close (out_fd);
  close (err_fd);

  return pid;
}

/* The app's two moments, from its outcome's timeline (absolute wall-clock ms). */
static void
read_outcome (const char *scratch,
              double     *answered,
              double     *loaded)
{
  g_autofree char *path = g_build_filename (scratch, "outcome.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *outcome;
  JsonArray *timeline;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("The app wrote no outcome: %s", error->message);
  outcome = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member (outcome, "outcome"), "success") != 0)
    g_error ("The app's attempt ended as %s, not success",
             json_object_get_string_member (outcome, "outcome"));

  timeline = json_object_get_array_member (outcome, "timeline");
  *answered = *loaded = -1;
  for (guint i = 0; i < json_array_get_length (timeline); i++)
    {
      JsonObject *event = json_array_get_object_element (timeline, i);
      const char *kind = json_object_get_string_member (event, "kind");
      double at = bench_parse_iso_ms (json_object_get_string_member (event, "at"));

      if (*answered < 0 && g_str_equal (kind, "api-response")
          && g_str_has_suffix (json_object_get_string_member (event, "url"), "/v1/auth/session"))
        *answered = at;
      else if (*loaded < 0 && g_str_equal (kind, "load")
               && g_strcmp0 (json_object_get_string_member (event, "event"), "finished") == 0)
        *loaded = at;
    }
  if (*answered < 0 || *loaded < 0)
    g_error ("The app's timeline has no session answer or no finished load");
}

/* The bare program's two moments, from what it printed. */
static void
read_bare (const char *scratch,
           double     *answered,
           double     *loaded)
{
  g_autofree char *path = g_build_filename (scratch, "stdout", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  *answered = *loaded = -1;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    g_error ("The bare program printed nothing");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "answered "))
      *answered = g_ascii_strtod (lines[i] + strlen ("answered "), NULL);
    else if (g_str_has_prefix (lines[i], "loaded "))
      *loaded = g_ascii_strtod (lines[i] + strlen ("loaded "), NULL);
  if (*answered < 0 || *loaded < 0)
    g_error ("The bare program did not print both moments: %s", text);
}

/* Whatever of the run is still alive: our orphans (we reap them all) and any process whose
 * environment holds the run's throwaway HOME. */
static guint
count_left (const char  *scratch,
            char       **names)
{
  g_autoptr(GArray) pids = bench_descendants (getpid ());
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *home = g_strdup_printf ("HOME=%s/home", scratch);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%s/environ", name);
      g_autofree char *environ_text = NULL;
      gsize length = 0;
      GPid pid = (GPid) atoi (name);
      gboolean known = FALSE, ours = FALSE;

      if (pid == 0 || pid == getpid ()
          || !g_file_get_contents (path, &environ_text, &length, NULL))
        continue;
      /* NUL-separated NAME=VALUE entries. */
      for (gsize at = 0; at < length && !ours; at += strlen (environ_text + at) + 1)
        ours = g_str_equal (environ_text + at, home);
      if (!ours)
        continue;
      for (guint i = 0; i < pids->len; i++)
        known |= g_array_index (pids, GPid, i) == pid;
      if (!known)
        g_array_append_val (pids, pid);
    }

  for (guint i = 0; i < pids->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/comm", g_array_index (pids, GPid, i));
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL))
        g_string_append_printf (list, "%s%s", list->len > 0 ? "," : "", g_strstrip (comm));
    }
  *names = g_strdup (list->str);

  return pids->len;
}

static void
run_consent (const Program *program,
             gboolean       memory,
             ConsentResult *result)
{
  g_autofree char *scratch = g_dir_make_tmp ("consent-desk-bench-XXXXXX", NULL);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  double started, answered, loaded, exited;
  int status = 0;
  GPid pid = spawn (program, scratch, memory, &started);

  while (!bench_reap (pid, &status))
    {
      if (bench_now_ms () - started > RUN_TIMEOUT_MS)
        {
          kill (pid, SIGKILL);
          g_error ("%s did not end within %d s", program->name, RUN_TIMEOUT_MS / 1000);
        }
      if (memory)
        {
          Sample sample;
          guint64 pss;

          sample.at = bench_now_ms ();
          pss = bench_tree_pss_kib (pid, &sample.n_processes);
          sample.pss_mib = pss / 1024.0;
          g_array_append_val (samples, sample);
        }
      g_usleep ((memory ? SAMPLE_MS : 5) * 1000);
    }
  exited = bench_now_ms ();
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_autofree char *path = g_build_filename (scratch, "stderr", NULL);
      g_autofree char *log = NULL;

      g_file_get_contents (path, &log, NULL, NULL);
      g_error ("%s failed (wait status %d): %s", program->name, status, log != NULL ? log : "");
    }

  /* "A second after exit": reaping orphans as they end, then counting what still lives. */
  while (bench_now_ms () - exited < 1000)
    {
      bench_reap (0, NULL);
      g_usleep (10 * 1000);
    }
  result->left = count_left (scratch, &result->left_names);
  bench_kill_descendants ();

  if (program->is_app)
    read_outcome (scratch, &answered, &loaded);
  else
    read_bare (scratch, &answered, &loaded);
  result->answered_ms = answered - started;
  result->loaded_ms = loaded - started;

  result->pss_mib = -1;
  for (guint i = 0; i < samples->len; i++)
    {
      Sample *sample = &g_array_index (samples, Sample, i);

      if (sample->at < loaded)
        continue;
      result->pss_mib = sample->pss_mib;
      result->n_processes = sample->n_processes;
      result->sample_lag_ms = sample->at - loaded;
      break;
    }
  if (memory && result->pss_mib < 0)
    g_error ("%s: no memory sample after the consent page loaded", program->name);

  bench_remove_tree (scratch);
}

static void
append (GArray *array,
        double  value)
{
  g_array_append_val (array, value);
}

static void
print_results (GArray    **answered,
               GArray    **loaded,
               GArray    **session_to_page,
               GArray    **pss,
               GArray     *lag,
               guint       most_left,
               guint       most_bare_left,
               const char *left_names)
{
  bench_print_ratio ("--start to consent page loaded (median)", "ms",
                     bench_median (loaded[0]), bench_median (loaded[1]), 1.1);
  bench_print_ratio ("session answered to consent page loaded (median)", "ms",
                     bench_median (session_to_page[0]), bench_median (session_to_page[1]), 1.1);
  g_print ("# exec to session answered (median): app %.1f ms, bare %.1f ms (%.2fx; no goal: "
           "the bare program sends its request before its window exists)\n",
           bench_median (answered[0]), bench_median (answered[1]),
           bench_median (answered[0]) / bench_median (answered[1]));
  bench_print_ratio ("summed PSS of the process tree at the consent page (median)", "MiB",
                     bench_median (pss[0]), bench_median (pss[1]), 1.1);
  g_print ("# (each memory sample was taken %.1f ms, median, after the page's load finished)\n",
           bench_median (lag));
  g_print ("# processes left a second after --quit-on-outcome (goal 0): at most %u%s%s: %s\n",
           most_left, most_left > 0 ? ", e.g. " : "", most_left > 0 ? left_names : "",
           most_left == 0 ? "met" : "NOT met");
  g_print ("# (the bare programs, quitting by themselves, left at most %u)\n", most_bare_left);
  g_print ("# for reference, against the bare program drawn by Cairo (bare-cairo): --start to "
           "consent page %.1f ms (%.3fx), answered to page %.1f ms (%.3fx), exec to answered "
           "%.1f ms (%.2fx), summed PSS %.1f MiB (%.3fx)\n",
           bench_median (loaded[2]), bench_median (loaded[0]) / bench_median (loaded[2]),
           bench_median (session_to_page[2]),
           bench_median (session_to_page[0]) / bench_median (session_to_page[2]),
           bench_median (answered[2]), bench_median (answered[0]) / bench_median (answered[2]),
           bench_median (pss[2]), bench_median (pss[0]) / bench_median (pss[2]));
}

int
main (int   argc,
      char *argv[])
{
  static const Program programs[N_PROGRAMS] = {
    { "app", TRUE, NULL },
    { "bare", FALSE, NULL },
    { "bare-cairo", FALSE, "cairo" },
  };
  guint n_starts = bench_count_from_env ("BENCH_STARTS", 9);
  guint n_memory = bench_count_from_env ("BENCH_MEMORY_RUNS", 5);
  GArray *answered[N_PROGRAMS], *loaded[N_PROGRAMS], *session_to_page[N_PROGRAMS];
  GArray *pss[N_PROGRAMS];
  g_autoptr(GArray) lag = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *left_names = NULL;
  guint most_left = 0, most_bare_left = 0;

  for (guint p = 0; p < N_PROGRAMS; p++)
    {
      answered[p] = g_array_new (FALSE, FALSE, sizeof (double));
      loaded[p] = g_array_new (FALSE, FALSE, sizeof (double));
      session_to_page[p] = g_array_new (FALSE, FALSE, sizeof (double));
      pss[p] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  bench_become_subreaper ();
  g_print ("# --start to the consent page: %s --start --end-user-id=eu_bench "
           "--sandbox-outcome=success --quit-on-outcome --outcome-json=FILE (the built binary) vs "
           "%s; %u timed runs and %u memory runs each, in turn, after one warm-up run each\n"
           "# how they run: %s\n", CONSENT_DESK_PATH, BARE_CONSENT_PATH, n_starts, n_memory,
           bench_describe_environ ());
  g_print ("# for reference only, in the same rotation: bare-cairo, the bare program with "
           "GSK_RENDERER=cairo (the renderer the app picks itself on software OpenGL)\n");
  g_print ("# run  program     kind    ms_to_answered  ms_to_consent_page  answered_to_page_ms  "
           "tree_pss_mib  tree_processes  left_after_exit\n");

  for (guint i = 0; i <= n_starts + n_memory; i++)
    for (guint k = 0; k < N_PROGRAMS; k++)
      {
        guint p = (i + k) % N_PROGRAMS;  /* each goes first, second and third in turn */
        gboolean memory = i > n_starts;
        ConsentResult result = { 0, };

        run_consent (&programs[p], memory, &result);
        if (i == 0)
          {
            g_free (result.left_names);
            continue;  /* the warm-up */
          }

        if (memory)
          {
            append (pss[p], result.pss_mib);
            append (lag, result.sample_lag_ms);
          }
        else
          {
            append (answered[p], result.answered_ms);
            append (loaded[p], result.loaded_ms);
            append (session_to_page[p], result.loaded_ms - result.answered_ms);
          }
        if (p == 0 && result.left > most_left)
          {
            most_left = result.left;
            g_free (left_names);
            left_names = g_strdup (result.left_names);
          }
        if (p > 0)
          most_bare_left = MAX (most_bare_left, result.left);

        if (memory)
          g_print ("%5u  %-10s  memory  %14s  %18s  %19s  %12.1f  %14u  %15u%s%s\n", i,
                   programs[p].name, "-", "-", "-", result.pss_mib, result.n_processes,
                   result.left, result.left > 0 ? " " : "", result.left_names);
        else
          g_print ("%5u  %-10s  time    %14.1f  %18.1f  %19.1f  %12s  %14s  %15u%s%s\n", i,
                   programs[p].name, result.answered_ms, result.loaded_ms,
                   result.loaded_ms - result.answered_ms, "-", "-", result.left,
                   result.left > 0 ? " " : "", result.left_names);
        g_free (result.left_names);
      }

  print_results (answered, loaded, session_to_page, pss, lag, most_left, most_bare_left,
                 left_names);

  for (guint p = 0; p < N_PROGRAMS; p++)
    {
      g_array_unref (answered[p]);
      g_array_unref (loaded[p]);
      g_array_unref (session_to_page[p]);
      g_array_unref (pss[p]);
    }

  return 0;
}
