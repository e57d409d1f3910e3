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
 *
 * On software OpenGL the app draws with Cairo (desk-renderer.c) while the bare window keeps
 * GTK's default, so a third program runs in the same rotation, for reference only: the bare
 * window with GSK_RENDERER=cairo. Each run says which renderer drew it: the bare window tells
 * its own, the app's debug line (G_MESSAGES_DEBUG=desk-app, its only one at start-up) says
 * when it chose Cairo.
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
  gboolean    report_paint;  /* the bare window can tell its own first paint and renderer */
  const char *gsk_renderer;  /* GSK_RENDERER for it, as a person could set it; NULL: none */
} Program;

#define N_PROGRAMS 3

typedef struct
{
  double           map_ms;     /* spawn → MapNotify of its window */
  double           paint_ms;   /* spawn → first Damage on it */
  double           inside_ms;  /* spawn → its own first after-paint; < 0 when not told */
  guint64          pss_kib;
  guint64          rss_kib;
  BenchWebKitCount children;
  guint            webkit_libs;  /* WebKitGTK and JavaScriptCore libraries mapped */
  char            *renderer;     /* what drew it, as far as it told */
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

/* What the bare window printed: "painted <monotonic µs> <renderer type>". */
static double
read_inside_paint (const char  *stdout_path,
                   gint64       started,
                   char       **renderer)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  gint64 painted;

  if (!g_file_get_contents (stdout_path, &text, NULL, NULL)
      || !g_str_has_prefix (text, "painted "))
    return -1;
  painted = g_ascii_strtoll (text + strlen ("painted "), &end, 10);
  *renderer = g_strstrip (g_strdup (end));

  return (painted - started) / 1000.0;
}

/* The app's own word: its debug line (GLib writes debug lines to stdout) when it chose Cairo
 * for software OpenGL. */
static char *
read_app_renderer (const char *stdout_path)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents (stdout_path, &text, NULL, NULL)
      && strstr (text, "windows are drawn with Cairo") != NULL)
    return g_strdup ("GskCairoRenderer (chosen: software OpenGL)");
  return g_strdup ("GTK's default");
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
  else
    envp = g_environ_setenv (envp, "G_MESSAGES_DEBUG", "desk-app", TRUE);
  if (program->gsk_renderer != NULL)
    envp = g_environ_setenv (envp, "GSK_RENDERER", program->gsk_renderer, TRUE);
  out_fd = open (stdout_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  err_fd = open (stderr_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  *result = (StartResult) { -1, -1, -1, 0, 0, { 0, 0, 0 }, 0, NULL };

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
    result->inside_ms = read_inside_paint (stdout_path, started, &result->renderer);
  else
    result->renderer = read_app_renderer (stdout_path);
  bench_remove_tree (scratch);
}

static void
append (GArray *array,
        double  value)
{
  g_array_append_val (array, value);
}

typedef struct
{
  GArray *paint;  /* of double, ms */
  GArray *map;
  GArray *pss;    /* MiB */
  GArray *rss;
  char   *renderer;  /* the first run's */
} Series;

static void
print_summary (Series *series,
               GArray *lag,
               guint   most_webkit,
               guint   most_children,
               guint   most_libs)
{
  double paint[N_PROGRAMS], map[N_PROGRAMS];

  for (guint p = 0; p < N_PROGRAMS; p++)
    {
      paint[p] = bench_median (series[p].paint);
      map[p] = bench_median (series[p].map);
    }

  g_print ("# drawn by: app %s; bare %s; bare-cairo %s\n", series[0].renderer,
           series[1].renderer, series[2].renderer);
  bench_print_ratio ("start-up to first frame (median)", "ms", paint[0], paint[1], 1.2);
  bench_print_ratio ("start-up to window mapped (median)", "ms", map[0], map[1], 1.2);
  g_print ("# for reference, against the bare window drawn by Cairo: first frame app %.1f ms, "
           "bare-cairo %.1f ms (%.3fx); mapped %.1f ms, %.1f ms (%.3fx)\n",
           paint[0], paint[2], paint[0] / paint[2], map[0], map[2], map[0] / map[2]);
  g_print ("# PSS at first frame (median): app %.1f MiB, bare %.1f MiB (%.2fx), bare-cairo "
           "%.1f MiB\n", bench_median (series[0].pss), bench_median (series[1].pss),
           bench_median (series[0].pss) / bench_median (series[1].pss),
           bench_median (series[2].pss));
  g_print ("# RSS at first frame (median): app %.1f MiB, bare %.1f MiB, bare-cairo %.1f MiB\n",
           bench_median (series[0].rss), bench_median (series[1].rss),
           bench_median (series[2].rss));
  g_print ("# WebKit processes of the app at first frame (goal 0): at most %u: %s; other child "
           "processes: at most %u\n", most_webkit, most_webkit == 0 ? "met" : "NOT met",
           most_children);
  g_print ("# WebKit libraries mapped in the app at first frame (goal 0, libwebkitgtk and "
           "libjavascriptcoregtk): at most %u: %s\n", most_libs, most_libs == 0 ? "met" : "NOT met");
  if (lag->len > 0)
    g_print ("# check of the method: the bare window's first Damage came %.1f ms (median) after "
             "its own first after-paint\n", bench_median (lag));
}

static Display *
open_display (int *damage_base)
{
  Display *display = XOpenDisplay (NULL);
  int damage_error;

  if (display == NULL)
    g_error ("No X display: run through build-aux/dev bench (Xvfb)");
  if (!XDamageQueryExtension (display, damage_base, &damage_error))
    g_error ("The X server has no DAMAGE extension");
  XSetErrorHandler (ignore_x_error);
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);

  return display;
}

int
main (int   argc,
      char *argv[])
{
  const Program programs[N_PROGRAMS] = {
    { "app", CONSENT_DESK_PATH, FALSE, NULL },
    { "bare", BARE_WINDOW_PATH, TRUE, NULL },
    { "bare-cairo", BARE_WINDOW_PATH, TRUE, "cairo" },
  };
  Series series[N_PROGRAMS];
  g_autoptr(GArray) lag = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_starts = bench_count_from_env ("BENCH_STARTS", 9);
  guint most_webkit = 0, most_children = 0, most_libs = 0;
  int damage_base;
  Display *display;

  for (guint p = 0; p < N_PROGRAMS; p++)
    series[p] = (Series) { g_array_new (FALSE, FALSE, sizeof (double)),
                           g_array_new (FALSE, FALSE, sizeof (double)),
                           g_array_new (FALSE, FALSE, sizeof (double)),
                           g_array_new (FALSE, FALSE, sizeof (double)), NULL };

  bench_become_subreaper ();
  display = open_display (&damage_base);

  g_print ("# start-up to first frame: %s (%s) vs %s, %u runs each, in turn, after one "
           "warm-up run each\n# how they run: %s\n", CONSENT_DESK_PATH, "the built binary, "
           "no options", BARE_WINDOW_PATH, n_starts, bench_describe_environ ());
  g_print ("# for reference only, in the same rotation: bare-cairo, the bare window with "
           "GSK_RENDERER=cairo (the renderer the app picks itself on software OpenGL)\n");
  g_print ("# the first frame is seen from outside, on the X display: MapNotify of the "
           "program's window, then the first Damage event\n# after which the window shows more "
           "than one colour (the X server's clear at map time is skipped)\n");
  g_print ("# run  program     ms_to_map  ms_to_first_frame  pss_mib  rss_mib  webkit_processes  "
           "other_children  webkit_libs  renderer\n");

  for (guint i = 0; i <= n_starts; i++)
    for (guint k = 0; k < N_PROGRAMS; k++)
      {
        guint p = (i + k) % N_PROGRAMS;  /* each goes first, second and third in turn */
        g_autofree char *renderer = NULL;
        StartResult result;

        run_start (display, damage_base, &programs[p], &result);
        renderer = result.renderer;
        if (i == 0)
          continue;  /* the warm-up: page cache, fontconfig's cache, the bus */

        append (series[p].paint, result.paint_ms);
        append (series[p].map, result.map_ms);
        append (series[p].pss, result.pss_kib / 1024.0);
        append (series[p].rss, result.rss_kib / 1024.0);
        if (result.inside_ms >= 0)
          append (lag, result.paint_ms - result.inside_ms);
        if (p == 0)
          {
            most_webkit = MAX (most_webkit, result.children.web + result.children.network);
            most_children = MAX (most_children, result.children.other);
            most_libs = MAX (most_libs, result.webkit_libs);
          }
        g_print ("%5u  %-10s  %9.1f  %17.1f  %7.1f  %7.1f  %16u  %14u  %11u  %s\n", i,
                 programs[p].name, result.map_ms, result.paint_ms, result.pss_kib / 1024.0,
                 result.rss_kib / 1024.0, result.children.web + result.children.network,
                 result.children.other, result.webkit_libs, renderer != NULL ? renderer : "?");
        if (series[p].renderer == NULL)
          series[p].renderer = g_steal_pointer (&renderer);
      }

  print_summary (series, lag, most_webkit, most_children, most_libs);

  XCloseDisplay (display);
  for (guint p = 0; p < N_PROGRAMS; p++)
    {
      g_array_unref (series[p].paint);
      g_array_unref (series[p].map);
      g_array_unref (series[p].pss);
      g_array_unref (series[p].rss);
      g_free (series[p].renderer);
    }

  return most_webkit == 0 && most_libs == 0 ? 0 : 1;
}
