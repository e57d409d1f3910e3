/* desk-test-gtk.h — what-the-person-sees helpers for tests with widgets
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "desk-test.h"

G_BEGIN_DECLS

/* Whether @widget is the one a search looks for; @data is what it looks for. */
typedef gboolean (*DeskTestWidgetMatch) (GtkWidget     *widget,
                                         gconstpointer  data);

/* @root, or the first of its descendants (depth first), that @match accepts; NULL if none. */
GtkWidget *desk_test_find_descendant (GtkWidget           *root,
                                      DeskTestWidgetMatch  match,
                                      gconstpointer        data);

/* The first descendant of @root (or @root) whose widget name is @name; NULL if none. */
GtkWidget *desk_test_find_widget  (GtkWidget  *root,
                                   const char *name);

/* Every label's text under @root that is on screen (mapped), one per line. */
char      *desk_test_visible_text (GtkWidget  *root);

/* The widgets below take @root as a gpointer so a test passes its window (DeskWindow *, or a
 * GtkWindow) without a cast; each is checked to be a GtkWidget. */

/* desk_test_find_widget (), failing the test when no widget under @root is named @name. */
GtkWidget *desk_test_widget       (gpointer    root,
                                   const char *name);

/* Types @text into the editable named @name under @root, replacing what it held. */
void       desk_test_type_text    (gpointer    root,
                                   const char *name,
                                   const char *text);

/* The first actionable descendant of @root (or @root) bound to @action_name ("win.x"); NULL if
 * none. What the person sees: whether such a button can be pressed (class actions of a widget
 * are not a GActionGroup one could ask). */
GtkWidget *desk_test_find_actionable (GtkWidget  *root,
                                      const char *action_name);

/* Whether the button bound to @action_name under @root can be pressed; fails if there is none. */
gboolean   desk_test_action_enabled  (gpointer    root,
                                      const char *action_name);

/* Activates @action_name ("win.x", "app.x") from @widget; fails the test if nothing took it. */
void       desk_test_activate     (gpointer    widget,
                                   const char *action_name);

/* Fails the test, printing everything on screen, unless a label under @root shows @expected. */
void       desk_test_assert_visible_text (gpointer    root,
                                          const char *expected);

/* The text on @widget's clipboard, read back as another application would; fails the test if
 * the read fails or has not finished after @timeout_ms. */
char      *desk_test_clipboard_text (gpointer widget,
                                     guint    timeout_ms);

G_END_DECLS
