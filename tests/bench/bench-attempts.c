/* bench-attempts.c — many consent attempts in one process: memory, WebKit processes, time, HTTP
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs BENCH_ATTEMPTS (default 100; a smaller count is used as given, and said) complete Sandbox
 * attempts (auto outcome success) in one process through DeskAttemptManager ("Try again" after
 * the first) and one DeskAttemptPage in a window, wired as DeskWindow wires them: the page gets
 * the attempt when it is CONSENTING and lets it go when it has finished.
 *
 * Per attempt: start → session answered, answered → the consent page loaded (the first load
 * "finished"), loaded → outcome (mostly the Sandbox's deliberate pacing: its pages wait 500 ms
 * on each page, 180 ms per action and 35 ms per typed key before walking on); the most WebKit
 * web and network processes seen during it (a sample every 50 ms); how many were alive when it
 * ended and how long they took to go (a bounded poll of the process tree, every 10 ms, at most
 * 10 s), then how long its network process took to follow them; the UI process's memory once
 * all of them had gone (a WebKit process still alive shares the libraries' pages, so a sample
 * taken while one lives reads a smaller PSS); and the HTTP requests it made.
 */

#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "desk-attempt-manager.h"
#include "desk-attempt-page.h"
#include "desk-consent-warm.h"
#include "desk-fiskil.h"
#include "desk-renderer.h"
#include "desk-sandbox.h"

#include "bench-util.h"
#include "desk-test.h"

#define GONE_TIMEOUT_MS 10000

typedef struct
{
  DeskAttemptPage *page;
  DeskAttempt     *attempt;
  gint64           started, answered, loaded, finished;
  BenchWebKitCount peak;
  guint            requests, session_requests;
} Run;

static gboolean
attempt_is_finished (gpointer data)
{
  Run *run = data;

  return run->finished != 0;
}

/* As DeskWindow does: the page shows the attempt once the session exists. */
static void
on_state (DeskAttempt *attempt,
          GParamSpec  *pspec,
          Run         *run)
{
  switch (desk_attempt_get_state (attempt))
    {
    case DESK_ATTEMPT_STATE_CONSENTING:
      if (run->answered == 0)
        run->answered = g_get_monotonic_time ();
      if (desk_attempt_page_get_attempt (run->page) != attempt)
        desk_attempt_page_set_attempt (run->page, attempt);
      break;

    case DESK_ATTEMPT_STATE_FINISHED:
      run->finished = g_get_monotonic_time ();
      /* The web view and every page of this attempt go now (DeskWindow does the same). */
      if (desk_attempt_page_get_attempt (run->page) == attempt)
        desk_attempt_page_set_attempt (run->page, NULL);
      break;

    case DESK_ATTEMPT_STATE_NEW:
    case DESK_ATTEMPT_STATE_PREPARING:
    case DESK_ATTEMPT_STATE_CREATING:
    case DESK_ATTEMPT_STATE_CHECKING:
    default:
      break;
    }
}

static void
on_timeline_changed (GListModel *timeline,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Run        *run)
{
  for (guint i = position; i < position + added && run->loaded == 0; i++)
    {
      g_autoptr(DeskTimelineEvent) event = g_list_model_get_item (timeline, i);

      if (desk_timeline_event_get_kind (event) == DESK_TIMELINE_LOAD
          && g_strcmp0 (desk_timeline_event_get_string (event, "event"), "finished") == 0)
        run->loaded = g_get_monotonic_time ();
    }
}

static void
on_request_finished (DeskFiskilClient *client,
                     const char       *method,
                     const char       *path,
                     guint             status,
                     gint64            duration_us,
                     const char       *error_id,
                     Run              *run)
{
  run->requests++;
  if (g_str_has_prefix (path, "/v1/auth/session"))
    run->session_requests++;
}

static gboolean
sample_processes (gpointer data)
{
  Run *run = data;
  BenchWebKitCount now = bench_count_descendants (getpid ());

  run->peak.web = MAX (run->peak.web, now.web);
  run->peak.network = MAX (run->peak.network, now.network);
  run->peak.other = MAX (run->peak.other, now.other);

  return G_SOURCE_CONTINUE;
}

static gboolean
no_web_process (gpointer data)
{
  return bench_count_descendants (getpid ()).web == 0;
}

static gboolean
no_webkit_process (gpointer data)
{
  BenchWebKitCount count = bench_count_descendants (getpid ());

  return count.web == 0 && count.network == 0;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits (a bounded poll every 10 ms, turning the main loop) until @gone says so; the
 * milliseconds it took, or -1 when it still did not after GONE_TIMEOUT_MS. */
static double
wait_for_processes_to_go (GSourceFunc gone)
{
  gint64 started = g_get_monotonic_time ();

  while (!gone (NULL))
    {
      gboolean tick = FALSE;

      if (g_get_monotonic_time () - started > GONE_TIMEOUT_MS * 1000)
        return -1;
      g_timeout_add (10, set_flag, &tick);
      desk_test_wait_or_fail (flag_is_set, &tick, 5000, "a 10 ms tick");
    }

  return (g_get_monotonic_time () - started) / 1000.0;
}

static char *
start_sandbox (DeskEnvironment  *environment,
               gpointer          data,
               GError          **error)
{
  return g_strdup (desk_sandbox_get_base_url (data));
}

static void
client_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DeskFiskilClient **client = user_data;
  g_autoptr(GError) error = NULL;

  *client = desk_environment_ensure_client_finish (DESK_ENVIRONMENT (source), result, &error);
  if (*client == NULL)
    g_error ("No client for the Sandbox: %s", error->message);
}

static gboolean
client_is_ready (gpointer data)
{
  return *(DeskFiskilClient **) data != NULL;
}

/* The client every attempt in the environment shares: its requests are the figure. */
static DeskFiskilClient *
ensure_client (DeskEnvironment *environment)
{
  DeskFiskilClient *client = NULL;

  desk_environment_ensure_client_async (environment, NULL, client_ready, &client);
  desk_test_wait_or_fail (client_is_ready, &client, 30000, "the Sandbox's client");

  return client;
}

static double
ms_between (gint64 from,
            gint64 to)
{
  return (to - from) / 1000.0;
}

typedef struct
{
  GArray *to_answer, *to_load, *paced, *gone_ms, *network_gone_ms, *peak_web, *peak_network;
  GArray *rss, *pss, *private, *anonymous;  /* per attempt, in order (MiB) */
  guint   most_left, most_network_after, most_network_left, most_session_requests,
          most_requests, most_peak_web;
} Totals;

/* One attempt from "Try again" (or the first start) to its processes gone; prints its line. */
static void
run_attempt (DeskAttemptManager *manager,
             DeskEnvironment    *environment,
             const DeskSessionRequest *request,
             DeskFiskilClient   *client,
             DeskAttemptPage    *page,
             guint               index,
             guint               n_attempts,
             Totals             *totals)
{
  Run run = { page, NULL, 0, 0, 0, 0, { 0, 0, 0 }, 0, 0 };
  BenchWebKitCount at_end, after;
  gulong request_handler;
  guint sampler;
  double gone_ms, network_gone_ms, rss_mib, pss_mib, private_mib, anonymous_mib, value;
  const DeskOutcome *outcome;

  request_handler = g_signal_connect (client, "request-finished",
                                      G_CALLBACK (on_request_finished), &run);
  sampler = g_timeout_add (50, sample_processes, &run);
  run.started = g_get_monotonic_time ();
  run.attempt = index == 0
                ? desk_attempt_manager_start (manager, environment, request,
                                              DESK_INTEGRATION_REDIRECT)
                : desk_attempt_manager_try_again (manager);
  if (run.attempt == NULL)
    g_error ("Attempt %u did not start", index + 1);
  /* As DeskWindow does on "attempt-started": WebKit starts while the request is in flight. */
  desk_consent_warm (run.attempt);
  g_signal_connect (run.attempt, "notify::state", G_CALLBACK (on_state), &run);
  g_signal_connect (desk_attempt_get_timeline (run.attempt), "items-changed",
                    G_CALLBACK (on_timeline_changed), &run);
  on_state (run.attempt, NULL, &run);

  desk_test_wait_or_fail (attempt_is_finished, &run, 60000, "the attempt's outcome");
  outcome = desk_attempt_get_outcome (run.attempt);
  if (outcome->kind != DESK_OUTCOME_SUCCESS)
    g_error ("Attempt %u ended as %s", index + 1, desk_outcome_kind_to_string (outcome->kind));
  if (run.answered == 0 || run.loaded == 0)
    g_error ("Attempt %u: no session answer or no loaded page seen", index + 1);

  at_end = bench_count_descendants (getpid ());
  gone_ms = wait_for_processes_to_go (no_web_process);
  after = bench_count_descendants (getpid ());
  network_gone_ms = wait_for_processes_to_go (no_webkit_process);
  g_source_remove (sampler);
  g_signal_handler_disconnect (client, request_handler);
  g_signal_handlers_disconnect_by_data (run.attempt, &run);
  g_signal_handlers_disconnect_by_data (desk_attempt_get_timeline (run.attempt), &run);
  rss_mib = bench_process_rss_kib (getpid ()) / 1024.0;
  g_array_append_val (totals->rss, rss_mib);
  pss_mib = bench_process_pss_kib (getpid ()) / 1024.0;
  private_mib = bench_process_private_kib (getpid ()) / 1024.0;
  g_array_append_val (totals->pss, pss_mib);
  g_array_append_val (totals->private, private_mib);
  anonymous_mib = bench_process_anonymous_kib (getpid ()) / 1024.0;
  g_array_append_val (totals->anonymous, anonymous_mib);

  value = ms_between (run.started, run.answered);
  g_array_append_val (totals->to_answer, value);
  value = ms_between (run.answered, run.loaded);
  g_array_append_val (totals->to_load, value);
  value = ms_between (run.loaded, run.finished);
  g_array_append_val (totals->paced, value);
  if (gone_ms >= 0)
    g_array_append_val (totals->gone_ms, gone_ms);
  else
    totals->most_left = MAX (totals->most_left, bench_count_descendants (getpid ()).web);
  if (network_gone_ms >= 0)
    g_array_append_val (totals->network_gone_ms, network_gone_ms);
  else
    totals->most_network_left = MAX (totals->most_network_left,
                                     bench_count_descendants (getpid ()).network);
  value = run.peak.web;
  g_array_append_val (totals->peak_web, value);
  value = run.peak.network;
  g_array_append_val (totals->peak_network, value);
  totals->most_network_after = MAX (totals->most_network_after, after.network);
  totals->most_peak_web = MAX (totals->most_peak_web, run.peak.web);
  if (index > 0)  /* the token is cached from the second attempt on */
    {
      totals->most_session_requests = MAX (totals->most_session_requests, run.session_requests);
      totals->most_requests = MAX (totals->most_requests, run.requests);
    }

  g_print ("%9u  %9.1f  %10.1f  %10.1f  %8u  %12u  %10u  %14u  %11.1f  %13u  %15.1f  %10.1f  "
           "%8u  %8u  %11.1f  %11.1f  %10.1f\n", index + 1, ms_between (run.started, run.answered),
           ms_between (run.answered, run.loaded), ms_between (run.loaded, run.finished),
           run.peak.web, run.peak.network, at_end.web, at_end.network, gone_ms, after.network,
           network_gone_ms, pss_mib, run.requests, run.session_requests, private_mib,
           anonymous_mib, rss_mib);
}

/* BENCH_OBJECTS=1: what the UI process keeps per attempt. GObject counts its live instances
 * of each type only with GOBJECT_DEBUG=instance-count, read when libgobject loads: the
 * benchmark runs itself again with it. */
static GHashTable *
count_objects (void)
{
  GHashTable *counts = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (GType));
  GType root = G_TYPE_OBJECT;

  g_array_append_val (pending, root);
  while (pending->len > 0)
    {
      GType type = g_array_index (pending, GType, pending->len - 1);
      guint n_children = 0;
      g_autofree GType *children = NULL;

      g_array_remove_index (pending, pending->len - 1);
      children = g_type_children (type, &n_children);
      g_array_append_vals (pending, children, n_children);
      if (g_type_get_instance_count (type) > 0)
        g_hash_table_insert (counts, GSIZE_TO_POINTER (type),
                             GINT_TO_POINTER (g_type_get_instance_count (type)));
    }

  return counts;
}

static void
print_object_growth (GHashTable *before,
                     guint       from,
                     guint       n_attempts)
{
  g_autoptr(GHashTable) after = count_objects ();
  GHashTableIter iter;
  gpointer key, value;
  guint shown = 0;

  g_print ("# live GObjects that grew from attempt %u to %u (type: before -> after):\n",
           from, n_attempts);
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int then = GPOINTER_TO_INT (g_hash_table_lookup (before, key));

      if (GPOINTER_TO_INT (value) > then)
        {
          g_print ("#   %s: %d -> %d\n", g_type_name ((GType) GPOINTER_TO_SIZE (key)), then,
                   GPOINTER_TO_INT (value));
          shown++;
        }
    }
  if (shown == 0)
    g_print ("#   none\n");
}

/* Private memory (kiB) of this process by mapping: "[heap]", a file, or "anonymous". */
static GHashTable *
private_by_mapping (void)
{
  GHashTable *sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *current = g_strdup ("anonymous");

  if (!g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    return sizes;
  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      unsigned long kib = 0;
      char name[512] = "";

      if (g_ascii_isxdigit (lines[i][0]) && strchr (lines[i], '-') != NULL
          && strchr (lines[i], ' ') < lines[i] + 40)
        {
          /* "start-end perms offset dev inode   name" */
          if (sscanf (lines[i], "%*s %*s %*s %*s %*s %511[^\n]", name) != 1)
            name[0] = '\0';
          g_free (current);
          current = g_strdup (name[0] != '\0' ? g_strstrip (name) : "anonymous");
        }
      else if (sscanf (lines[i], "Private_Dirty: %lu kB", &kib) == 1
               || sscanf (lines[i], "Private_Clean: %lu kB", &kib) == 1)
        {
          gsize total = GPOINTER_TO_SIZE (g_hash_table_lookup (sizes, current)) + kib;

          g_hash_table_replace (sizes, g_strdup (current), GSIZE_TO_POINTER (total));
        }
    }

  return sizes;
}

static void
print_private_growth (GHashTable *before)
{
  g_autoptr(GHashTable) after = private_by_mapping ();
  GHashTableIter iter;
  gpointer key, value;

  g_print ("# private memory by mapping that changed by 1 MiB or more (kiB, before -> after):\n");
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gssize then = GPOINTER_TO_SIZE (g_hash_table_lookup (before, key));
      gssize now = GPOINTER_TO_SIZE (value);

      if (ABS (now - then) >= 1024)
        g_print ("#   %s: %" G_GSSIZE_FORMAT " -> %" G_GSSIZE_FORMAT "\n", (char *) key, then,
                 now);
    }
}

static void
print_malloc (guint index)
{
  struct mallinfo2 info = mallinfo2 ();

  g_print ("# attempt %u: malloc in use %.1f MiB, free in the heap %.1f MiB, mmapped %.1f MiB\n",
           index + 1, info.uordblks / 1048576.0, info.fordblks / 1048576.0,
           info.hblkhd / 1048576.0);
}

static void
ensure_instance_count (char **argv)
{
  const char *debug = g_getenv ("GOBJECT_DEBUG");

  if (g_getenv ("BENCH_OBJECTS") == NULL || (debug != NULL && strstr (debug, "instance-count")))
    return;

  g_setenv ("GOBJECT_DEBUG", "instance-count", TRUE);
  execv ("/proc/self/exe", argv);
  g_error ("Could not run again with GOBJECT_DEBUG=instance-count");
}

/* Median of @values[@first - 1 … @last - 1] (attempts are counted from 1). */
static double
window_median (GArray *values,
               guint   first,
               guint   last)
{
  g_autoptr(GArray) window = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = first - 1; i < last && i < values->len; i++)
    g_array_append_val (window, g_array_index (values, double, i));

  return bench_median (window);
}

static void
print_growth (const char *what,
              GArray     *values,
              guint       from,
              guint       n_attempts)
{
  double first = g_array_index (values, double, from - 1);
  double last = g_array_index (values, double, n_attempts - 1);

  g_print ("# %s: %.1f MiB at attempt %u, %.1f MiB at attempt %u: growth %+.1f %% "
           "(goal <= 5 %%): %s\n", what, first, from, last, n_attempts,
           100.0 * (last - first) / first, last <= first * 1.05 ? "met" : "NOT met");
  if (n_attempts < 20)
    return;

  /* One attempt's figure moves by several per cent with what the system shares at that
   * moment: the medians of ten attempts at each end say the same more steadily. */
  first = window_median (values, 6, 15);
  last = window_median (values, n_attempts - 9, n_attempts);
  g_print ("#   medians of attempts 6-15 and %u-%u: %.1f MiB, %.1f MiB: growth %+.1f %%: %s\n",
           n_attempts - 9, n_attempts, first, last, 100.0 * (last - first) / first,
           last <= first * 1.05 ? "met" : "NOT met");
}

static void
print_totals (Totals *totals,
              guint   n_attempts)
{
  guint from = n_attempts >= 10 ? 10 : 1;  /* the first attempts warm caches */

  print_growth ("UI process RSS (every page it has resident, whoever else maps them too)",
                totals->rss, from, n_attempts);
  print_growth ("UI process PSS", totals->pss, from, n_attempts);
  print_growth ("UI process private memory (a library page counts as private while no other "
                "process maps it: WebKit's, and the X server's Mesa and LLVM under Xvfb)",
                totals->private, from, n_attempts);
  print_growth ("UI process anonymous memory (its own allocations: private memory without the "
                "library pages that turn private when WebKit's processes, which share them, "
                "have ended)", totals->anonymous, from, n_attempts);
  g_print ("# WebKit web processes during an attempt: at most %u (median of the peaks %.0f); "
           "network processes: median of the peaks %.0f\n", totals->most_peak_web,
           bench_median (totals->peak_web), bench_median (totals->peak_network));
  g_print ("# web processes of ended attempts still alive %d s after the end (goal 0): %u: %s\n",
           GONE_TIMEOUT_MS / 1000, totals->most_left, totals->most_left == 0 ? "met" : "NOT met");
  g_print ("# network processes still alive once the web processes had gone: at most %u\n",
           totals->most_network_after);
  if (totals->network_gone_ms->len > 0)
    g_print ("# time for the network process to follow them (median): %.1f ms; still alive "
             "%d s after the web processes had gone: %u\n",
             bench_median (totals->network_gone_ms), GONE_TIMEOUT_MS / 1000,
             totals->most_network_left);
  g_print ("# memory is read once every WebKit process of the attempt has gone\n");
  if (totals->gone_ms->len > 0)
    g_print ("# time for an ended attempt's web processes to go (median): %.1f ms\n",
             bench_median (totals->gone_ms));
  g_print ("# per attempt (median): start to session answered %.1f ms; answered to consent page "
           "loaded %.1f ms; loaded to outcome %.1f ms (the Sandbox's deliberate pacing, the "
           "callback and the consent check)\n", bench_median (totals->to_answer),
           bench_median (totals->to_load), bench_median (totals->paced));
  if (n_attempts > 1)
    g_print ("# HTTP once the token is cached (attempts 2 to %u): create-session requests per "
             "session at most %u (goal 1): %s; all requests per attempt at most %u (the "
             "create-session POST and, after a success, the consent check GET /v1/consent)\n",
             n_attempts, totals->most_session_requests,
             totals->most_session_requests == 1 ? "met" : "NOT met", totals->most_requests);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const test_only[] = {
    "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "WEBKIT_DISABLE_COMPOSITING_MODE",
    "GSK_RENDERER", "G_DEBUG", "GTK_A11Y", "NO_AT_BRIDGE",
  };
  g_autoptr(DeskSandbox) sandbox = NULL;
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(DeskEnvironment) environment = NULL;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskAttemptManager) manager = NULL;
  g_autoptr(GError) error = NULL;
  Totals totals = { NULL, };
  guint n_attempts = bench_count_from_env ("BENCH_ATTEMPTS", 100);
  g_autoptr(GHashTable) objects = NULL;
  g_autoptr(GHashTable) mappings = NULL;
  DeskAttemptPage *page;
  GtkWidget *window;

  ensure_instance_count (argv);
  /* As a person runs it: before GTK and WebKit read them. */
  for (gsize i = 0; i < G_N_ELEMENTS (test_only); i++)
    g_unsetenv (test_only[i]);
  /* A WebKit process whose sandbox wrapper ends first stays ours to count, not init's. */
  bench_become_subreaper ();
  gtk_init ();
  adw_init ();
  /* As the application's start-up does: the page is drawn by the renderer the app's is. */
  desk_renderer_choose (gdk_display_get_default ());

  sandbox = desk_sandbox_new ();
  if (!desk_sandbox_start (sandbox, &error))
    g_error ("The Sandbox did not start: %s", error->message);
  desk_sandbox_set_auto_outcome (sandbox, "success");

  environment = desk_environment_new_sandbox ();
  desk_environment_set_starter (environment, start_sandbox, sandbox, NULL);
  client = ensure_client (environment);
  request = desk_session_request_new ("eu_bench", DESK_SANDBOX_DEFAULT_REDIRECT_URI,
                                      DESK_SANDBOX_DEFAULT_CANCEL_URI, NULL, NULL);
  manager = desk_attempt_manager_new ();

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  page = desk_attempt_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));

  totals.to_answer = g_array_new (FALSE, FALSE, sizeof (double));
  totals.to_load = g_array_new (FALSE, FALSE, sizeof (double));
  totals.paced = g_array_new (FALSE, FALSE, sizeof (double));
  totals.gone_ms = g_array_new (FALSE, FALSE, sizeof (double));
  totals.network_gone_ms = g_array_new (FALSE, FALSE, sizeof (double));
  totals.peak_web = g_array_new (FALSE, FALSE, sizeof (double));
  totals.peak_network = g_array_new (FALSE, FALSE, sizeof (double));
  totals.rss = g_array_new (FALSE, FALSE, sizeof (double));
  totals.pss = g_array_new (FALSE, FALSE, sizeof (double));
  totals.private = g_array_new (FALSE, FALSE, sizeof (double));
  totals.anonymous = g_array_new (FALSE, FALSE, sizeof (double));

  g_print ("# %u Sandbox attempts in one process (DeskAttemptManager, Try again, one "
           "DeskAttemptPage), auto outcome success\n# how it runs: this benchmark links the "
           "app's code (no bare baseline: the figures are the app's own); %s\n", n_attempts,
           "the renderer the app picks (Cairo on software OpenGL), WebKit sandbox on, "
           "WebKit compositing as the app asks "
           "(none for its consent view), accessibility on "
           "(the test-only variables removed before GTK and WebKit start)");
  g_print ("# attempt  to_answer  answer_to_  loaded_to_  peak_web  peak_network  web_at_end  "
           "network_at_end  web_gone_ms  network_after  network_gone_ms  ui_pss_mib  "
           "requests  sessions  ui_private_mib  ui_anon_mib  ui_rss_mib\n"
           "#          ms         load_ms     outcome_ms\n");

  for (guint i = 0; i < n_attempts; i++)
    {
      run_attempt (manager, environment, request, client, page, i, n_attempts, &totals);
      if (g_getenv ("BENCH_OBJECTS") == NULL)
        continue;
      print_malloc (i);
      if (i + 1 == MIN (10u, n_attempts))
        {
          objects = count_objects ();
          mappings = private_by_mapping ();
        }
    }
  if (objects != NULL)
    {
      print_object_growth (objects, MIN (10u, n_attempts), n_attempts);
      print_private_growth (mappings);
    }

  print_totals (&totals, n_attempts);

  gtk_window_destroy (GTK_WINDOW (window));
  desk_sandbox_stop (sandbox);
  g_array_unref (totals.to_answer);
  g_array_unref (totals.to_load);
  g_array_unref (totals.paced);
  g_array_unref (totals.gone_ms);
  g_array_unref (totals.network_gone_ms);
  g_array_unref (totals.peak_web);
  g_array_unref (totals.peak_network);
  g_array_unref (totals.rss);
  g_array_unref (totals.pss);
  g_array_unref (totals.private);
  g_array_unref (totals.anonymous);

  return totals.most_left == 0 ? 0 : 1;
}
