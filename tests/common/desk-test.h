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

/* A DeskTestCondition: the pointer at @data (a gpointer *, e.g. a weak pointer) is NULL. */
gboolean desk_test_pointer_is_cleared (gpointer data);

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

/* Whether the file at @path holds the bytes of @needle anywhere (binary files too); FALSE if it
 * cannot be read. */
gboolean desk_test_file_holds (const char *path,
                               const char *needle);

/* Fails the test, naming the file, if a regular file under @directory (symbolic links not
 * followed) holds any of the @n_secrets @secrets. Returns how many files it searched, so a
 * test can show that the search covered something. */
guint    desk_test_assert_tree_free_of (const char         *directory,
                                        const char * const *secrets,
                                        gsize               n_secrets);

/* A GAsyncReadyCallback that keeps a reference to the result in the GAsyncResult * at
 * @user_data (start it at NULL); desk_test_wait_for_result () then waits for it. */
void          desk_test_keep_result     (GObject       *object,
                                         GAsyncResult  *result,
                                         gpointer       user_data);
GAsyncResult *desk_test_wait_for_result (GAsyncResult **slot,
                                         guint          timeout_ms,
                                         const char    *what);

/* zbarimg (Debian's zbar-tools): reads a QR code back from a picture, as a phone would. */
#define DESK_TEST_ZBARIMG "/usr/bin/zbarimg"

/* Whether zbarimg is there; when it is not, says what to install (the test then skips, 77). */
gboolean desk_test_have_zbarimg (void);

/* What zbarimg reads in the PNG at @png, without the newline it ends with; fails the test when
 * it finds no QR code. */
char    *desk_test_read_qr_code (const char *png);

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

/* A launcher for the built program as a script runs it: stdout and stderr piped, the Fiskil
 * client credentials unset, and FISKIL_ACCESS_TOKEN set to @access_token (unset when NULL). */
GSubprocessLauncher *desk_test_launcher_new (const char *access_token);

/* Runs @program with @args (NULL-terminated) from @launcher into @run (desk_test_run_wait ()),
 * logs what it printed, and fails the test if @secret (when not NULL) is in either stream. */
void     desk_test_run_program (DeskTestRun         *run,
                                GSubprocessLauncher *launcher,
                                const char          *program,
                                const char * const  *args,
                                guint                timeout_ms,
                                const char          *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskTestSignal, desk_test_signal_free)

G_END_DECLS
