/* bench-attempts.c — time, memory and HTTP requests across many consent attempts
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs BENCH_ATTEMPTS (default 20) complete Sandbox attempts in one process, each with its own
 * session, ephemeral network session and web view, exactly as the window does, and prints per
 * attempt: duration, the UI process's RSS, the RSS and count of WebKit's processes, and the HTTP
 * requests the session took. Memory that grows attempt after attempt is a leak; processes that
 * pile up are a leak of network sessions.
 */

#include "config.h"

#include <adwaita.h>
#include <unistd.h>

#include "desk-attempt.h"
#include "desk-attempt-page.h"
#include "desk-fiskil.h"
#include "desk-sandbox.h"

#include "bench-util.h"
#include "desk-test.h"

static gboolean
attempt_is_consenting (gpointer data)
{
  return desk_attempt_get_state (data) >= DESK_ATTEMPT_STATE_CONSENTING;
}

static gboolean
attempt_is_finished (gpointer data)
{
  return desk_attempt_get_state (data) == DESK_ATTEMPT_STATE_FINISHED;
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

/* Lets idle teardown (the dropped web view, the network session) run before measuring. */
static void
settle (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, set_flag, &done);
  desk_test_wait_or_fail (flag_is_set, &done, 10000, "settling");
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

/* The client every attempt in the environment shares: its request count is the figure. */
static DeskFiskilClient *
ensure_client (DeskEnvironment *environment)
{
  DeskFiskilClient *client = NULL;

  desk_environment_ensure_client_async (environment, NULL, client_ready, &client);
  desk_test_wait_or_fail (client_is_ready, &client, 30000, "the Sandbox's client");

  return client;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DeskSandbox) sandbox = NULL;
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(DeskEnvironment) environment = NULL;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) durations = g_array_new (FALSE, FALSE, sizeof (double));
  const char *count_env = g_getenv ("BENCH_ATTEMPTS");
  guint n_attempts = count_env != NULL ? (guint) g_ascii_strtoull (count_env, NULL, 10) : 20;
  guint64 rss_first = 0, rss_last = 0, web_first = 0, web_last = 0;
  guint max_requests_after_first = 0;
  DeskAttemptPage *page;
  GtkWidget *window;

  gtk_init ();
  adw_init ();
  n_attempts = MAX (n_attempts, 6);

  sandbox = desk_sandbox_new ();
  if (!desk_sandbox_start (sandbox, &error))
    g_error ("The Sandbox did not start: %s", error->message);
  desk_sandbox_set_auto_outcome (sandbox, "success");

  environment = desk_environment_new_sandbox ();
  desk_environment_set_starter (environment, start_sandbox, sandbox, NULL);
  client = ensure_client (environment);
  request = desk_session_request_new ("eu_bench", DESK_SANDBOX_DEFAULT_REDIRECT_URI,
                                      DESK_SANDBOX_DEFAULT_CANCEL_URI, NULL, NULL);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  page = desk_attempt_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));

  g_print ("# %u Sandbox attempts, auto outcome success\n", n_attempts);
  g_print ("# attempt  seconds  ui_rss_mib  webkit_rss_mib  webkit_processes  http_requests\n");

  for (guint i = 0; i < n_attempts; i++)
    {
      g_autoptr(DeskAttempt) attempt = desk_attempt_new (environment, request,
                                                         DESK_INTEGRATION_REDIRECT);
      guint requests_before = desk_fiskil_client_get_request_count (client);
      gint64 started = g_get_monotonic_time ();
      const DeskOutcome *outcome;
      guint requests, n_web;
      guint64 rss, web;
      double seconds;

      desk_attempt_start (attempt);
      desk_test_wait_or_fail (attempt_is_consenting, attempt, 30000, "the session");
      desk_attempt_page_set_attempt (page, attempt);
      desk_test_wait_or_fail (attempt_is_finished, attempt, 60000, "the outcome");

      outcome = desk_attempt_get_outcome (attempt);
      if (outcome->kind != DESK_OUTCOME_SUCCESS)
        g_error ("Attempt %u ended as %s", i + 1, desk_outcome_kind_to_string (outcome->kind));

      seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
      desk_attempt_page_set_attempt (page, NULL);
      g_clear_object (&attempt);
      settle (500);

      requests = desk_fiskil_client_get_request_count (client) - requests_before;
      rss = bench_process_rss_kib (getpid ());
      web = bench_descendants_rss_kib (getpid (), &n_web);
      g_array_append_val (durations, seconds);

      /* The first attempts warm caches (fonts, WebKit's shared processes): compare from 5 on. */
      if (i == 4)
        {
          rss_first = rss;
          web_first = web;
        }
      rss_last = rss;
      web_last = web;
      if (i > 0)
        max_requests_after_first = MAX (max_requests_after_first, requests);

      g_print ("%9u  %7.2f  %10.1f  %14.1f  %16u  %13u\n",
               i + 1, seconds, rss / 1024.0, web / 1024.0, n_web, requests);
    }

  g_print ("# median attempt: %.2f s\n", bench_median (durations));
  g_print ("# UI process RSS growth from attempt 5 to %u: %+.1f MiB (%+.0f KiB per attempt)\n",
           n_attempts, ((double) rss_last - rss_first) / 1024.0,
           ((double) rss_last - rss_first) / (n_attempts - 5));
  g_print ("# WebKit processes RSS growth from attempt 5 to %u: %+.1f MiB\n",
           n_attempts, ((double) web_last - web_first) / 1024.0);
  g_print ("# most HTTP requests for one session once the token is cached: %u\n",
           max_requests_after_first);

  gtk_window_destroy (GTK_WINDOW (window));
  desk_sandbox_stop (sandbox);

  return 0;
}
