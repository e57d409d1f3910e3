/* desk-test-gtk.h — what-the-person-sees helpers for tests with widgets
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "desk-test.h"

G_BEGIN_DECLS

/* The first descendant of @root (or @root) whose widget name is @name; NULL if none. */
GtkWidget *desk_test_find_widget  (GtkWidget  *root,
                                   const char *name);

/* Every label's text under @root that is on screen (mapped), one per line. */
char      *desk_test_visible_text (GtkWidget  *root);

G_END_DECLS
