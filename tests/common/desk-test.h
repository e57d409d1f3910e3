/* desk-test.h — the shared test library: bounded waits, signal waits, scratch directories,
 * subprocesses and tree removal (GLib and GIO only)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every wait iterates the thread-default main context until something holds, bounded by a
 * timeout: never a fixed sleep. A negative ("nothing happened") is proved by waiting for an
 * event that must come after the thing that did not happen, never by waiting a while.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*DeskTestCondition) (gpointer data);

/* Iterates the main context until @condition (@data) holds or @timeout_ms has passed. TRUE
 * when it holds; FALSE on timeout. The condition is checked before the first iteration. */
gboolean desk_test_wait_until   (DeskTestCondition  condition,
                                 gpointer           data,
                                 guint              timeout_ms);

/* desk_test_wait_until (), failing the test with "Timed out after N ms waiting for @what". */
void     desk_test_wait_or_fail (DeskTestCondition  condition,
                                 gpointer           data,
                                 guint              timeout_ms,
                                 const char        *what);

/* Counts emissions of @detailed_signal on @instance from the moment of the call, whatever the
 * signal's signature (a return value is left at its default). Safe if @instance goes first. */
typedef struct _DeskTestSignal DeskTestSignal;

DeskTestSignal *desk_test_signal_watch (gpointer        instance,
                                        const char     *detailed_signal);
guint           desk_test_signal_count (DeskTestSignal *watch);
/* Waits until @watch has counted at least @count emissions; FALSE on timeout. */
gboolean        desk_test_signal_wait  (DeskTestSignal *watch,
                                        guint           count,
                                        guint           timeout_ms);
void            desk_test_signal_free  (DeskTestSignal *watch);

/* One emission of @detailed_signal on @instance after the call; FALSE on timeout. Use a
 * DeskTestSignal instead when the signal may come before the wait starts. */
gboolean desk_test_wait_for_signal (gpointer    instance,
                                    const char *detailed_signal,
                                    guint       timeout_ms);

/* A new, empty directory from g_dir_make_tmp (@template, e.g. "desk-test-XXXXXX"); fails the
 * test if it cannot be made. Remove it with desk_test_remove_tree (). */
char    *desk_test_make_scratch_dir (const char *template);

/* Points HOME and the XDG base directories (and XDG_RUNTIME_DIR with @runtime_dir) at new
 * directories inside a new scratch directory named after @template, which it returns. Call it
 * before anything asks GLib for them: GLib remembers the first answer. */
char    *desk_test_make_private_directories (const char *template,
                                             gboolean    runtime_dir);

/* Removes @path and everything below it, never following a symbolic link. */
void     desk_test_remove_tree (const char *path);

/* A finished subprocess: its exit status and everything it printed. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} DeskTestRun;

/* Collects @process's output while the main loop keeps turning (so a server of the test's own
 * can answer it), failing the test if it has not exited after @timeout_ms. */
void     desk_test_run_wait  (DeskTestRun *run,
                              GSubprocess *process,
                              guint        timeout_ms);
void     desk_test_run_clear (DeskTestRun *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskTestSignal, desk_test_signal_free)

G_END_DECLS
