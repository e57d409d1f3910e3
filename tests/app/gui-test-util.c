/* gui-test-util.c — bounded waits and what-the-person-sees helpers for the gui tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gui-test-util.h"

static void
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
}

void
desk_test_wait_until (DeskTestCondition  condition,
                      gpointer           data,
                      guint              seconds,
                      const char        *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_once (seconds * 1000, set_flag, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u s waiting for %s", seconds, what);

  g_source_remove (timeout_id);
}

GtkWidget *
desk_test_find_widget (GtkWidget  *root,
                       const char *name)
{
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
  GString *text = g_string_new (NULL);

  collect_text (root, text);

  return g_string_free (text, FALSE);
}
