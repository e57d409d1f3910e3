/* desk-application-history.c — the application's history: the store and its recorder, the
 * retention setting, --har when an attempt ends, and --history-json
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-application-private.h"
#include "desk-outcome-writer.h"

void
desk_application_history_startup (DeskApplication *self)
{
  /* Returns at once: the writer thread opens (or recovers) the file as its first job, and an
   * unusable file only makes the history unavailable, never an attempt. */
  self->history = desk_history_new (NULL);
  self->recorder = desk_history_recorder_new (self->history, self->manager);
}

static void
retention_applied_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 removed;

  removed = desk_history_remove_finish (DESK_HISTORY (source), result, &error);
  if (removed < 0)
    g_debug ("Retention not applied: %s", error->message);
  else if (removed > 0)
    g_debug ("Retention removed %" G_GINT64_FORMAT " old attempts", removed);
}

static gboolean
apply_retention (gpointer user_data)
{
  DeskApplication *self = DESK_APPLICATION (user_data);
  int days = g_settings_get_int (self->settings, "history-retention-days");

  self->retention_id = 0;
  if (days > 0)
    desk_history_apply_retention_async (self->history, days, NULL, retention_applied_cb, NULL);

  return G_SOURCE_REMOVE;
}

void
desk_application_schedule_retention (DeskApplication *self)
{
  if (self->retention_scheduled || self->history == NULL)
    return;
  self->retention_scheduled = TRUE;

  /* Below the priority of drawing: the first frame comes first. */
  self->retention_id = g_idle_add_full (G_PRIORITY_LOW, apply_retention, self, NULL);
}

static void
har_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DeskApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!desk_outcome_writer_write_finish (result, &error))
    {
      g_printerr (_("%s: could not write the HAR: %s\n"), g_get_prgname (), error->message);
      if (self->quit_on_outcome)
        self->exit_status = EXIT_USAGE;
    }

  self->pending_writes--;
  g_application_release (G_APPLICATION (self));
  desk_application_maybe_quit (self);
}

void
desk_application_write_har (DeskApplication *self,
                            DeskAttempt     *attempt)
{
  g_autoptr(JsonNode) har = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  if (self->har_path == NULL)
    return;

  har = desk_har_new (desk_attempt_get_exchanges (attempt), PACKAGE_VERSION);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, har);
  text = json_generator_to_data (generator, NULL);
  bytes = g_bytes_new_take (text, strlen (text));

  self->pending_writes++;
  g_application_hold (G_APPLICATION (self));
  desk_outcome_writer_write_async (self->har_path, bytes, NULL, har_written_cb,
                                   g_object_ref (self));
}

/* Like --outcome-json: resolved against the caller's directory, checked before anything is
 * sent. */
gboolean
desk_application_apply_har_path (DeskApplication         *self,
                                 GApplicationCommandLine *cmdline,
                                 const DeskCommandLine   *command_line)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (command_line->har == NULL)
    return TRUE;

  file = g_application_command_line_create_file_for_arg (cmdline, command_line->har);
  path = g_file_get_path (file);
  if (path == NULL || !desk_outcome_writer_check ("--har", path, &error))
    {
      g_application_command_line_printerr (cmdline, "%s: %s\n", g_get_prgname (),
                                           error != NULL ? error->message
                                                         : _("--har needs a local path"));
      return FALSE;
    }

  g_free (self->har_path);
  self->har_path = g_steal_pointer (&path);

  return TRUE;
}

typedef struct
{
  JsonNode *array;
  GError   *error;
  gboolean  done;
} Export;

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = user_data;

  export->array = desk_history_export_json_finish (DESK_HISTORY (source), result,
                                                   &export->error);
  export->done = TRUE;
}

static char *
local_path (const char *argument)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_equal (argument, "-"))
    return g_strdup ("-");

  file = g_file_new_for_commandline_arg (argument);

  return g_file_get_path (file);
}

int
desk_application_print_history (const DeskCommandLine *command_line)
{
  g_autofree char *path = local_path (command_line->history_json);
  g_autoptr(DeskHistory) history = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Export export = { NULL, NULL, FALSE };
  const GError *problem;
  char *text;

  if (path == NULL || !desk_outcome_writer_check ("--history-json", path, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (),
                  error != NULL ? error->message : _("--history-json needs a local path"));
      return EXIT_USAGE;
    }

  /* The one place the store is opened blocking: there is no window to keep drawing. */
  history = desk_history_open_sync (NULL);
  problem = desk_history_get_problem (history);
  if (problem != NULL)
    g_printerr ("%s: %s\n", g_get_prgname (), problem->message);

  desk_history_export_json_async (history, command_line->since, NULL, NULL, exported_cb,
                                  &export);
  while (!export.done)
    g_main_context_iteration (NULL, TRUE);

  if (export.array == NULL)
    {
      g_printerr (_("%s: could not read the history: %s\n"), g_get_prgname (),
                  export.error->message);
      g_clear_error (&export.error);
      return EXIT_FAILURE;
    }

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, export.array);
  text = json_generator_to_data (generator, NULL);
  bytes = g_bytes_new_take (g_strconcat (text, "\n", NULL), strlen (text) + 1);
  g_free (text);
  json_node_unref (export.array);

  if (!desk_outcome_writer_write (path, bytes, &error))
    {
      g_printerr (_("%s: could not write the history: %s\n"), g_get_prgname (), error->message);
      return EXIT_USAGE;
    }

  return EXIT_SUCCESS;
}
