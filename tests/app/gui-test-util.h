/* gui-test-util.h — bounded waits and what-the-person-sees helpers for the gui tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

G_END_DECLS
