/* desk-test-gtk.c — what-the-person-sees helpers for tests with widgets
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-test"

#include "config.h"

#include <string.h>

#include "desk-test-gtk.h"

GtkWidget *
desk_test_find_descendant (GtkWidget           *root,
                           DeskTestWidgetMatch  match,
                           gconstpointer        data)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (match != NULL, NULL);

  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = desk_test_find_descendant (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

GtkWidget *
desk_test_find_widget (GtkWidget  *root,
                       const char *name)
{
  return desk_test_find_descendant (root, is_named, name);
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

GtkWidget *
desk_test_widget (gpointer    root,
                  const char *name)
{
  GtkWidget *found;

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  found = desk_test_find_widget (GTK_WIDGET (root), name);
  if (found == NULL)
    g_error ("No widget named “%s”", name);

  return found;
}

void
desk_test_type_text (gpointer    root,
                     const char *name,
                     const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (desk_test_widget (root, name)), text);
}

static gboolean
is_bound_to (GtkWidget     *widget,
             gconstpointer  action_name)
{
  return GTK_IS_ACTIONABLE (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                       action_name) == 0;
}

GtkWidget *
desk_test_find_actionable (GtkWidget  *root,
                           const char *action_name)
{
  return desk_test_find_descendant (root, is_bound_to, action_name);
}

gboolean
desk_test_action_enabled (gpointer    root,
                          const char *action_name)
{
  GtkWidget *button;

  g_return_val_if_fail (GTK_IS_WIDGET (root), FALSE);

  button = desk_test_find_actionable (GTK_WIDGET (root), action_name);
  g_assert_nonnull (button);

  return gtk_widget_get_sensitive (button);
}

void
desk_test_activate (gpointer    widget,
                    const char *action_name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (widget), action_name, NULL));
}

void
desk_test_assert_visible_text (gpointer    root,
                               const char *expected)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_WIDGET (root));

  text = desk_test_visible_text (GTK_WIDGET (root));
  if (strstr (text, expected) == NULL)
    g_error ("“%s” is not on screen; the window shows:\n%s", expected, text);
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

char *
desk_test_clipboard_text (gpointer widget,
                          guint    timeout_ms)
{
  ClipboardRead read = { NULL, FALSE };

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (widget)), NULL,
                                 clipboard_read_cb, &read);
  desk_test_wait_or_fail (read_done, &read, timeout_ms, "the clipboard");

  return read.text;
}
