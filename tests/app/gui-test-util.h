/* gui-test-util.h — bounded waits and what-the-person-sees helpers for the gui tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*DeskTestCondition) (gpointer data);

/* Iterates the default main context until @condition holds, or fails the test after
 * @seconds. Never sleeps. */
void       desk_test_wait_until        (DeskTestCondition  condition,
                                        gpointer           data,
                                        guint              seconds,
                                        const char        *what);

/* The first descendant of @root (or @root) whose widget name is @name; NULL if none. */
GtkWidget *desk_test_find_widget       (GtkWidget         *root,
                                        const char        *name);

/* Every label's text under @root that is on screen (mapped), one per line. */
char      *desk_test_visible_text      (GtkWidget         *root);

/* A finished subprocess: its exit status and everything it printed. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} DeskTestRun;

/* Collects @process's output while the main loop keeps turning (so a server of the test's own
 * can answer it), failing the test if it has not exited after @seconds. */
void       desk_test_run_wait          (DeskTestRun       *run,
                                        GSubprocess       *process,
                                        guint              seconds);
void       desk_test_run_clear         (DeskTestRun       *run);

/* Points HOME and the XDG base directories (and XDG_RUNTIME_DIR with @runtime_dir) at new
 * directories inside a new scratch directory named after @template, which it returns. Call it
 * before anything asks GLib for them: GLib remembers the first answer. */
char      *desk_test_make_private_directories (const char *template,
                                               gboolean    runtime_dir);
/* Removes @path and everything below it, never following a symbolic link. */
void       desk_test_remove_tree       (const char        *path);

G_END_DECLS
