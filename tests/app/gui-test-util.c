/* gui-test-util.c — bounded waits and what-the-person-sees helpers for the gui tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

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

typedef struct
{
  DeskTestRun *run;
  gboolean     done;
} RunWait;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RunWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result,
                                        &wait->run->out, &wait->run->err, &error);
  g_assert_no_error (error);
  wait->run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  wait->done = TRUE;
}

static gboolean
run_done (gpointer data)
{
  return ((RunWait *) data)->done;
}

void
desk_test_run_wait (DeskTestRun *run,
                    GSubprocess *process,
                    guint        seconds)
{
  RunWait wait = { run, FALSE };

  *run = (DeskTestRun) { -1, NULL, NULL };
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &wait);
  desk_test_wait_until (run_done, &wait, seconds, "the subprocess to exit");
}

void
desk_test_run_clear (DeskTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

char *
desk_test_make_private_directories (const char *template,
                                    gboolean    runtime_dir)
{
  const char * const variables[] = {
    "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
    "XDG_RUNTIME_DIR",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *path = NULL;

      if (!runtime_dir && g_str_equal (variables[i], "XDG_RUNTIME_DIR"))
        continue;

      path = g_build_filename (scratch, variables[i], NULL);
      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (variables[i], path, TRUE);
    }

  return g_steal_pointer (&scratch);
}

void
desk_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        desk_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}
