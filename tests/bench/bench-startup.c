/* bench-startup.c — exec to the first painted window: Consent Desk against a bare window
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built `consent-desk` (no options: the form) and `bare-window` (a minimal
 * AdwApplicationWindow) BENCH_STARTS times each (default 9), alternating, after one warm-up run
 * of each that is not counted. Both are watched from outside on the X display, the same way:
 * the time from the spawn to the MapNotify of the program's window (_NET_WM_PID) and to the
 * first Damage event on it after which it shows a picture (its first frame on the screen; the
 * X server's clear at map time is a Damage event too, of one colour, and is skipped). At that
 * frame this program reads the process's PSS and RSS and counts its child processes (WebKit's
 * would be there: there must be none) and the WebKit libraries mapped into it (/proc/PID/maps:
 * none either; they belong to the web module, loaded at the first attempt). Then it ends the
 * program (SIGTERM) and starts the
 * next. The app gets no hook; the bare window can also report its own first "after-paint",
 * which checks the outside detection against the inside one.
 */

#include "config.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-util.h"

#define RUN_TIMEOUT_S 60

typedef struct
{
  const char *name;
  const char *path;
  gboolean    report_paint;  /* the bare window can tell its own first paint */
} Program;

typedef struct
{
  double           map_ms;     /* spawn → MapNotify of its window */
  double           paint_ms;   /* spawn → first Damage on it */
  double           inside_ms;  /* spawn → its own first after-paint; < 0 when not told */
  guint64          pss_kib;
  guint64          rss_kib;
  BenchWebKitCount children;
  guint            webkit_libs;  /* WebKitGTK and JavaScriptCore libraries mapped */
} StartResult;

/* How many of WebKitGTK's and JavaScriptCore's libraries @pid has mapped (0 or 2 today). */
static guint
count_webkit_libraries (GPid pid)
{
  g_autofree char *maps_path = g_strdup_printf ("/proc/%d/maps", (int) pid);
  g_autofree char *maps = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (maps_path, &maps, NULL, NULL))
    g_error ("Could not read %s", maps_path);
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *file = strchr (lines[i], '/');

      if (file != NULL && (strstr (file, "/libwebkitgtk-") != NULL
                           || strstr (file, "/libjavascriptcoregtk-") != NULL))
        g_hash_table_add (seen, g_strdup (file));
    }

  return g_hash_table_size (seen);
}

static int
ignore_x_error (Display     *display,
                XErrorEvent *event)
{
  /* A window may be gone before we look at it (a short-lived helper window). */
  return 0;
}

static GPid
window_pid (Display *display,
            Window   window)
{
  Atom pid_atom = XInternAtom (display, "_NET_WM_PID", False);
  Atom type = None;
  int format = 0;
  unsigned long n_items = 0, after = 0;
  unsigned char *data = NULL;
  GPid pid = 0;

  if (XGetWindowProperty (display, window, pid_atom, 0, 1, False, XA_CARDINAL, &type, &format,
                          &n_items, &after, &data) == Success
      && data != NULL && format == 32 && n_items == 1)
    pid = (GPid) *(unsigned long *) data;
  if (data != NULL)
    XFree (data);

  return pid;
}

/* The X server clears a window when it is mapped, which is a Damage event too but not a frame:
 * a frame has more than one colour (a header bar, text). Every 8th pixel is enough. */
static gboolean
window_shows_a_picture (Display *display,
                        Window   window)
{
  XWindowAttributes attributes;
  XImage *image;
  gboolean picture = FALSE;
  unsigned long first;

  if (!XGetWindowAttributes (display, window, &attributes) || attributes.map_state != IsViewable)
    return FALSE;
  image = XGetImage (display, window, 0, 0, attributes.width, attributes.height, AllPlanes,
                     ZPixmap);
  if (image == NULL)
    return FALSE;

  first = XGetPixel (image, 0, 0);
  for (int y = 0; y < attributes.height && !picture; y += 8)
    for (int x = 0; x < attributes.width && !picture; x += 8)
      picture = XGetPixel (image, x, y) != first;
  XDestroyImage (image);

  return picture;
}

static double
ms_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / 1000.0;
}

/* What the program printed: "painted <monotonic µs>" from the bare window. */
static double
read_inside_paint (const char *stdout_path,
                   gint64      started)
{
  g_autofree char *text = NULL;
  gint64 painted;

  if (!g_file_get_contents (stdout_path, &text, NULL, NULL)
      || !g_str_has_prefix (text, "painted "))
    return -1;
  painted = g_ascii_strtoll (text + strlen ("painted "), NULL, 10);

  return (painted - started) / 1000.0;
}

/* Ends the program and everything it started, bounded; reaps them. */
static void
end_program (GPid pid)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  kill (pid, SIGTERM);
  while (!bench_reap (pid, NULL))
    {
      if (g_get_monotonic_time () > deadline)
        {
          kill (pid, SIGKILL);
          deadline = G_MAXINT64;
        }
      g_usleep (5 * 1000);
    }
  bench_kill_descendants ();
}

static void
handle_event (Display     *display,
              XEvent      *event,
              int          damage_base,
              GPid         pid,
              gint64       started,
              GArray      *damages,
              StartResult *result,
              gboolean    *painted)
{
  Window root = DefaultRootWindow (display);

  if (event->type == CreateNotify && event->xcreatewindow.parent == root)
    {
      /* Watched from its creation: it cannot draw before this, as it is not mapped. */
      Damage damage = XDamageCreate (display, event->xcreatewindow.window,
                                     XDamageReportNonEmpty);
      g_array_append_val (damages, damage);
      XFlush (display);
    }
  else if (event->type == MapNotify && event->xmap.event == root && result->map_ms < 0
           && window_pid (display, event->xmap.window) == pid)
    {
      result->map_ms = ms_since (started);
    }
  else if (event->type == damage_base + XDamageNotify)
    {
      XDamageNotifyEvent *damage = (XDamageNotifyEvent *) event;
      double at = ms_since (started);

      /* Report the next damage too; then see whether this one was a frame. */
      XDamageSubtract (display, damage->damage, None, None);
      if (window_pid (display, damage->drawable) != pid
          || !window_shows_a_picture (display, damage->drawable))
        return;
      result->paint_ms = at;
      result->pss_kib = bench_process_pss_kib (pid);
      result->rss_kib = bench_process_rss_kib (pid);
      result->children = bench_count_descendants (pid);
      result->webkit_libs = count_webkit_libraries (pid);
      *painted = TRUE;
    }
}

static void
run_start (Display       *display,
           int            damage_base,
           const Program *program,
           StartResult   *result)
{
  g_autofree char *scratch = g_dir_make_tmp ("consent-desk-bench-XXXXXX", NULL);
  g_autofree char *stdout_path = g_build_filename (scratch, "stdout", NULL);
  g_autofree char *stderr_path = g_build_filename (scratch, "stderr", NULL);
  g_auto(GStrv) envp = bench_user_environ (scratch);
  g_autoptr(GArray) damages = g_array_new (FALSE, FALSE, sizeof (Damage));
  g_autoptr(GError) error = NULL;
  const char *argv[] = { program->path, NULL };
  int out_fd, err_fd;
  gboolean painted = FALSE;
  gint64 started;
  GPid pid;

  if (program->report_paint)
    envp = g_environ_setenv (envp, "BENCH_REPORT_PAINT", "1", TRUE);
  out_fd = open (stdout_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  err_fd = open (stderr_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  *result = (StartResult) { -1, -1, -1, 0, 0, { 0, 0, 0 }, 0 };

  XSync (display, True);  /* no event of an earlier run */
  started = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes_and_fds (NULL, argv, (const char * const *) envp,
                                         G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                         -1, out_fd, err_fd, NULL, NULL, 0,
                                         &pid, NULL, NULL, NULL, &error))
    g_error ("Could not start %s: %s", program->path, error->message);

  while (!painted)
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };

      if (ms_since (started) > RUN_TIMEOUT_S * 1000.0 || bench_reap (pid, NULL))
        {
          g_autofree char *log = NULL;

          g_file_get_contents (stderr_path, &log, NULL, NULL);
          g_error ("%s showed no frame (it %s): %s", program->name,
                   ms_since (started) > RUN_TIMEOUT_S * 1000.0 ? "timed out" : "exited",
                   log != NULL ? log : "");
        }
      if (XPending (display) == 0)
        poll (&fd, 1, 20);
      while (!painted && XPending (display) > 0)
        {
          XEvent event;

          XNextEvent (display, &event);
          handle_event (display, &event, damage_base, pid, started, damages, result, &painted);
        }
    }

  end_program (pid);
  for (guint i = 0; i < damages->len; i++)
    XDamageDestroy (display, g_array_index (damages, Damage, i));
  XSync (display, True);
  close (out_fd);
  close (err_fd);
  if (program->report_paint)
    result->inside_ms = read_inside_paint (stdout_path, started);
  bench_remove_tree (scratch);
}

static void
append (GArray *array,
        double  value)
{
  g_array_append_val (array, value);
}

int
main (int   argc,
      char *argv[])
{
  const Program programs[2] = {
    { "app", CONSENT_DESK_PATH, FALSE },
    { "bare", BARE_WINDOW_PATH, TRUE },
  };
  GArray *paint[2], *map[2], *pss[2], *rss[2];
  g_autoptr(GArray) lag = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_starts = bench_count_from_env ("BENCH_STARTS", 9);
  guint most_webkit = 0, most_children = 0, most_libs = 0;
  int damage_base, damage_error;
  Display *display;

  for (guint p = 0; p < 2; p++)
    {
      paint[p] = g_array_new (FALSE, FALSE, sizeof (double));
      map[p] = g_array_new (FALSE, FALSE, sizeof (double));
      pss[p] = g_array_new (FALSE, FALSE, sizeof (double));
      rss[p] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  bench_become_subreaper ();
  display = XOpenDisplay (NULL);
  if (display == NULL)
    g_error ("No X display: run through build-aux/dev bench (Xvfb)");
  if (!XDamageQueryExtension (display, &damage_base, &damage_error))
    g_error ("The X server has no DAMAGE extension");
  XSetErrorHandler (ignore_x_error);
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);

  g_print ("# start-up to first frame: %s (%s) vs %s, %u runs each, alternating, after one "
           "warm-up run each\n# how they run: %s\n", CONSENT_DESK_PATH, "the built binary, "
           "no options", BARE_WINDOW_PATH, n_starts, bench_describe_environ ());
  g_print ("# the first frame is seen from outside, on the X display: MapNotify of the "
           "program's window, then the first Damage event\n# after which the window shows more "
           "than one colour (the X server's clear at map time is skipped)\n");
  g_print ("# run  program  ms_to_map  ms_to_first_frame  pss_mib  rss_mib  webkit_processes  "
           "other_children  webkit_libs\n");

  for (guint i = 0; i <= n_starts; i++)
    for (guint k = 0; k < 2; k++)
      {
        guint p = (i % 2 == 0) ? k : 1 - k;  /* alternate which goes first */
        StartResult result;

        run_start (display, damage_base, &programs[p], &result);
        if (i == 0)
          continue;  /* the warm-up: page cache, fontconfig's cache, the bus */

        append (paint[p], result.paint_ms);
        append (map[p], result.map_ms);
        append (pss[p], result.pss_kib / 1024.0);
        append (rss[p], result.rss_kib / 1024.0);
        if (result.inside_ms >= 0)
          append (lag, result.paint_ms - result.inside_ms);
        if (p == 0)
          {
            most_webkit = MAX (most_webkit, result.children.web + result.children.network);
            most_children = MAX (most_children, result.children.other);
            most_libs = MAX (most_libs, result.webkit_libs);
          }
        g_print ("%5u  %-7s  %9.1f  %17.1f  %7.1f  %7.1f  %16u  %14u  %11u\n", i,
                 programs[p].name, result.map_ms, result.paint_ms, result.pss_kib / 1024.0,
                 result.rss_kib / 1024.0, result.children.web + result.children.network,
                 result.children.other, result.webkit_libs);
      }

  bench_print_ratio ("start-up to first frame (median)", "ms",
                     bench_median (paint[0]), bench_median (paint[1]), 1.2);
  bench_print_ratio ("start-up to window mapped (median)", "ms",
                     bench_median (map[0]), bench_median (map[1]), 1.2);
  g_print ("# PSS at first frame (median): app %.1f MiB, bare %.1f MiB (%.2fx)\n",
           bench_median (pss[0]), bench_median (pss[1]),
           bench_median (pss[0]) / bench_median (pss[1]));
  g_print ("# RSS at first frame (median): app %.1f MiB, bare %.1f MiB\n",
           bench_median (rss[0]), bench_median (rss[1]));
  g_print ("# WebKit processes of the app at first frame (goal 0): at most %u: %s; other child "
           "processes: at most %u\n", most_webkit, most_webkit == 0 ? "met" : "NOT met",
           most_children);
  g_print ("# WebKit libraries mapped in the app at first frame (goal 0, libwebkitgtk and "
           "libjavascriptcoregtk): at most %u: %s\n", most_libs, most_libs == 0 ? "met" : "NOT met");
  if (lag->len > 0)
    g_print ("# check of the method: the bare window's first Damage came %.1f ms (median) after "
             "its own first after-paint\n", bench_median (lag));

  XCloseDisplay (display);
  for (guint p = 0; p < 2; p++)
    {
      g_array_unref (paint[p]);
      g_array_unref (map[p]);
      g_array_unref (pss[p]);
      g_array_unref (rss[p]);
    }

  return most_webkit == 0 && most_libs == 0 ? 0 : 1;
}
