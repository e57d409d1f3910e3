/* desk-test-gtk.c — what-the-person-sees helpers for tests with widgets
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-test"

#include "config.h"

#include "desk-test-gtk.h"

GtkWidget *
desk_test_find_widget (GtkWidget  *root,
                       const char *name)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = desk_test_find_widget (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

char *
desk_test_visible_text (GtkWidget *root)
{
  GString *text;

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  text = g_string_new (NULL);
  collect_text (root, text);

  return g_string_free (text, FALSE);
}
