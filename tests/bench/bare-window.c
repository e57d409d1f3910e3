/* bare-window.c — the start-up baseline: the least a libadwaita application shows
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwApplication (unique, on the session bus, as Consent Desk is) that presents one
 * AdwApplicationWindow of Consent Desk's default size with a header bar and a status page.
 * bench-startup measures it from outside exactly as it measures the app. With
 * BENCH_REPORT_PAINT set it prints "painted <monotonic µs>" at its first GdkFrameClock
 * "after-paint", so the benchmark can check its outside detection against the inside one.
 */

#include "config.h"

#include <adwaita.h>

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (user_data));

  g_print ("painted %" G_GINT64_FORMAT " %s\n", g_get_monotonic_time (),
           G_OBJECT_TYPE_NAME (renderer));
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);
}

static void
on_realize (GtkWidget *window,
            gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), window);
}

static void
on_activate (GApplication *application,
             gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Bare window");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);

  if (g_getenv ("BENCH_REPORT_PAINT") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = adw_application_new ("org.consentdesk.BenchBareWindow",
                                                               G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
