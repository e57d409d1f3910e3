/* bench-util.h — process measurements and run helpers shared by the benchmarks
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here reads /proc from outside the measured program: the app gets no hook, so the
 * bare baselines are measured exactly the same way.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Resident memory of one process, in KiB (VmRSS); 0 if it is gone. */
guint64   bench_process_rss_kib     (GPid         pid);
/* Proportional set size of one process, in KiB (Pss of /proc/PID/smaps_rollup); 0 if gone. */
guint64   bench_process_pss_kib     (GPid         pid);

/* Memory only this process maps (Private_Clean + Private_Dirty of smaps_rollup), in KiB. It
 * still moves with other processes: a library's pages count as private once no other process
 * maps them (a WebKit process that ended), as shared while one does. */
guint64   bench_process_private_kib (GPid         pid);
/* Its anonymous memory (heap, stacks, anonymous maps): what it allocated itself, without the
 * pages of shared libraries that become "private" when no other process maps them any more. */
guint64   bench_process_anonymous_kib (GPid       pid);

/* Every live (not zombie) descendant of @pid, depth first: an array of GPid. */
GArray   *bench_descendants         (GPid         pid);
/* Resident memory of every descendant of @pid, in KiB; @n_processes receives their number. */
guint64   bench_descendants_rss_kib (GPid         pid,
                                     guint       *n_processes);
/* Summed PSS of @pid and all its descendants, in KiB; @n_processes counts them all. */
guint64   bench_tree_pss_kib        (GPid         pid,
                                     guint       *n_processes);

typedef struct
{
  guint web;      /* WebKitWebProcess */
  guint network;  /* WebKitNetworkProcess */
  guint other;    /* anything else (bwrap, xdg-dbus-proxy, …) */
} BenchWebKitCount;

/* Counts the descendants of @pid by what they run (/proc/PID/comm, or the executable). */
BenchWebKitCount bench_count_descendants (GPid pid);

/* The environment a person's session gives the app: ours without what the test environment
 * sets only for tests (WebKit's sandbox switch, the cairo renderer, compositing off,
 * G_DEBUG, accessibility off), with HOME and the XDG directories under @scratch (created). */
char    **bench_user_environ        (const char  *scratch);
/* One line saying how the programs run, for the benchmarks' output. */
const char *bench_describe_environ  (void);

/* Makes this process the reaper of every orphan it created (PR_SET_CHILD_SUBREAPER): a
 * process the measured program leaves behind becomes our child, and so countable. */
void      bench_become_subreaper    (void);
/* Reaps every exited child without blocking; TRUE with its wait status when @pid was one. */
gboolean  bench_reap                (GPid         pid,
                                     int         *wait_status);
/* Sends SIGKILL to every descendant of ours and reaps them (after a run, before the next). */
void      bench_kill_descendants    (void);

double    bench_median              (GArray      *values);  /* of double; sorts @values */
/* "N" from the environment variable @name, else @fallback; says so when @name lowered it. */
guint     bench_count_from_env      (const char  *name,
                                     guint        fallback);
/* Wall clock, in milliseconds (the app's timeline "at" times are on this clock). */
double    bench_now_ms              (void);
/* An ISO 8601 UTC time (the timeline's "at") in wall-clock milliseconds; < 0 when unreadable. */
double    bench_parse_iso_ms        (const char  *text);
/* Prints "# name: app X, bare Y, ratio R (goal ≤ G): met|NOT met". */
void      bench_print_ratio         (const char  *name,
                                     const char  *unit,
                                     double       app,
                                     double       bare,
                                     double       goal);
/* Removes a directory tree (a run's throwaway HOME). */
void      bench_remove_tree         (const char  *path);

G_END_DECLS
