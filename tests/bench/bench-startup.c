/* bench-startup.c — time from exec to the first painted window, and what start-up touched
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts Consent Desk (DeskApplication, in a fresh child process of this program) BENCH_STARTS
 * times (default 7); the child reports when its first window has painted, and quits. Reported:
 * the median wall time from spawn to exit, the RSS at the first frame, and how many child
 * processes existed then (WebKit's, had start-up touched it: it must not).
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <unistd.h>

#include "desk-application.h"

#include "bench-util.h"

/* In the child: the first painted frame of the first window ends the run. */
static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  guint children = 0;
  guint64 rss = bench_process_rss_kib (getpid ());

  bench_descendants_rss_kib (getpid (), &children);
  g_print ("first-frame %" G_GUINT64_FORMAT " %u\n", rss, children);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_window_realize (GtkWidget *window,
                   gpointer   application)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), application);
}

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window)
{
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize (GTK_WIDGET (window), application);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), application);
}

static int
run_child (void)
{
  g_autoptr(DeskApplication) application = desk_application_new ();
  char *argv[] = { (char *) "consent-desk", NULL };

  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added), NULL);
  return g_application_run (G_APPLICATION (application), 1, argv);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  const char *count_env = g_getenv ("BENCH_STARTS");
  guint n_starts = count_env != NULL ? (guint) g_ascii_strtoull (count_env, NULL, 10) : 7;
  guint max_children = 0;

  if (argc == 2 && g_str_equal (argv[1], "--child"))
    return run_child ();

  n_starts = MAX (n_starts, 1);
  g_print ("# %u starts of Consent Desk\n# start  ms_to_first_frame  rss_mib  child_processes\n",
           n_starts);

  for (guint i = 0; i < n_starts; i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *output = NULL;
      gint64 started;
      double ms, rss_mib;
      guint64 rss_kib = 0;
      guint children = 0;

      started = g_get_monotonic_time ();
      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                  argv[0], "--child", NULL);
      if (process == NULL)
        g_error ("Could not start Consent Desk: %s", error->message);

      if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error))
        g_error ("Could not read from Consent Desk: %s", error->message);
      if (!g_subprocess_get_successful (process))
        g_error ("Consent Desk failed: %s", output);

      if (sscanf (output, "first-frame %" G_GUINT64_FORMAT " %u", &rss_kib, &children) != 2)
        g_error ("Unexpected output: %s", output);

      ms = (g_get_monotonic_time () - started) / 1000.0;
      rss_mib = rss_kib / 1024.0;
      g_array_append_val (times, ms);
      g_array_append_val (rss, rss_mib);
      max_children = MAX (max_children, children);
      g_print ("%7u  %17.1f  %7.1f  %15u\n", i + 1, ms, rss_mib, children);
    }

  g_print ("# median time from exec to first frame and exit: %.1f ms\n", bench_median (times));
  g_print ("# median RSS at first frame: %.1f MiB\n", bench_median (rss));
  g_print ("# most child processes at first frame (WebKit would show here): %u\n", max_children);

  return max_children == 0 ? 0 : 1;
}
