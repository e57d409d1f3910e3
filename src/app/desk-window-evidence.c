/* desk-window-evidence.c — DeskWindow's History page and exports: reopening a recorded
 * attempt, Delete, Clear History…, Copy as cURL, Export HAR… and Export JSON…
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-har.h"
#include "desk-outcome-writer.h"
#include "desk-window-private.h"

/* The environment an outcome ran in, from its id; NULL when it no longer exists. */
DeskEnvironment *
desk_window_find_environment (DeskWindow        *self,
                              const DeskOutcome *outcome)
{
  DeskAttempt *last = desk_attempt_manager_get_current (self->manager);

  if (!self->outcome_from_history && last != NULL)
    return desk_attempt_get_environment (last);
  if (outcome == NULL || outcome->environment == NULL)
    return NULL;

  return desk_environment_list_lookup (self->environments, outcome->environment);
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  desk_window_show_page (self, "history");
  gtk_widget_grab_focus (GTK_WIDGET (desk_window_ensure_history_view (self)));
}

static void
outcome_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(DeskOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  object = desk_history_get_outcome_finish (DESK_HISTORY (source), result, &error);
  if (object != NULL)
    {
      node = json_node_init_object (json_node_alloc (), object);
      outcome = desk_outcome_new_from_json (node, &error);
    }

  if (outcome == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        desk_window_show_toast (self, error->message);
      return;
    }

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) ||
      desk_attempt_manager_is_running (self->manager))
    return;

  self->outcome_from_history = TRUE;
  desk_outcome_view_set_outcome (desk_window_ensure_outcome_view (self), outcome);
  desk_window_show_page (self, "outcome");
  desk_window_update_actions (self);
}

void
desk_window_open_recorded_attempt (DeskWindow *self,
                                   const char *attempt_id)
{
  g_return_if_fail (DESK_IS_WINDOW (self));
  g_return_if_fail (attempt_id != NULL);

  if (self->history == NULL)
    return;

  desk_history_get_outcome_async (self->history, attempt_id, NULL, outcome_loaded_cb,
                                  g_object_ref (self));
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 removed;

  removed = desk_history_remove_finish (DESK_HISTORY (source), result, &error);
  if (removed < 0)
    {
      desk_window_show_toast (self, error->message);
      return;
    }

  if (self->history_view != NULL)
    desk_history_model_reload (desk_history_view_get_model (self->history_view));
  if (removed == 1)
    desk_window_show_toast (self, _("Attempt deleted from history"));
  else
    desk_window_show_toast (self, _("History cleared"));
}

static void
delete_attempt_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  const DeskOutcome *outcome = desk_window_get_shown_outcome (self);
  const char *ids[] = { NULL, NULL };

  g_return_if_fail (outcome != NULL && outcome->attempt_id != NULL);

  ids[0] = outcome->attempt_id;
  desk_history_delete_async (self->history, ids, NULL, removed_cb, g_object_ref (self));
  self->outcome_from_history = FALSE;
  desk_outcome_view_set_outcome (desk_window_ensure_outcome_view (self), NULL);
  desk_window_show_page (self, "history");
}

static void
clear_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   DeskWindow       *self)
{
  if (g_strcmp0 (response, "clear") == 0 && self->history != NULL)
    desk_history_clear_async (self->history, NULL, removed_cb, g_object_ref (self));
}

static void
clear_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Clear History?"),
                                   _("Every recorded attempt, with its timeline, is deleted "
                                     "from this computer. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("_Clear History"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (clear_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_curl_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  const DeskOutcome *outcome = desk_window_get_shown_outcome (self);
  DeskEnvironment *environment;
  g_autofree char *curl = NULL;

  g_return_if_fail (outcome != NULL && outcome->request != NULL);

  environment = desk_window_find_environment (self, outcome);
  curl = desk_session_request_to_curl (outcome->request, outcome->api_url,
                                       environment != NULL
                                         ? desk_environment_get_api_version (environment)
                                         : NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), curl);
  desk_window_show_toast (self, _("Request copied as cURL"));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (desk_outcome_writer_write_finish (result, &error))
    desk_window_show_toast (self, _("Saved"));
  else
    desk_window_show_toast (self, error->message);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  DeskWindow      *self)
{
  GBytes *bytes = g_object_get_data (G_OBJECT (chooser), "desk-bytes");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL)
        desk_window_save_export (self, path, bytes);
    }

  g_object_unref (chooser);
}

void
desk_window_save_export (DeskWindow *self,
                         const char *path,
                         GBytes     *bytes)
{
  g_return_if_fail (DESK_IS_WINDOW (self));

  /* New files 0600, like --outcome-json: an export holds end users' identifiers. */
  desk_outcome_writer_write_async (path, bytes, NULL, saved_cb, g_object_ref (self));
}

/* Through the file chooser portal in the Flatpak (GtkFileDialog is newer than GTK 4.8). */
static void
choose_file_and_save (DeskWindow *self,
                      const char *title,
                      const char *suggested_name,
                      GBytes     *bytes)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_object_set_data_full (G_OBJECT (chooser), "desk-bytes", g_bytes_ref (bytes),
                          (GDestroyNotify) g_bytes_unref);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GBytes *
json_bytes (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  return g_bytes_new_take (g_strconcat (text, "\n", NULL), strlen (text) + 1);
}

GBytes *
desk_window_dup_har (DeskWindow *self)
{
  DeskAttempt *last = desk_attempt_manager_get_current (self->manager);
  g_autoptr(JsonNode) har = NULL;

  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  if (last == NULL || self->outcome_from_history)
    return NULL;

  har = desk_har_new (desk_attempt_get_exchanges (last), PACKAGE_VERSION);

  return json_bytes (har);
}

/* A recorded attempt's HAR, from the entries the history kept of its exchanges. */
static void
recorded_exchanges_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonArray) entries = NULL;
  g_autoptr(JsonNode) har = NULL;
  GError *error = NULL;

  entries = desk_history_get_exchanges_finish (DESK_HISTORY (source), result, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (json_array_get_length (entries) == 0)
    {
      /* Short, for a toast: README says why (an older record, or no API call at all). */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("No API exchanges were recorded for this attempt"));
      return;
    }
  har = desk_har_new_from_entries (entries, PACKAGE_VERSION);
  g_task_return_pointer (task, json_bytes (har), (GDestroyNotify) g_bytes_unref);
}

void
desk_window_dup_shown_har_async (DeskWindow          *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const DeskOutcome *outcome;
  GBytes *bytes;

  g_return_if_fail (DESK_IS_WINDOW (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, desk_window_dup_shown_har_async);
  outcome = desk_window_get_shown_outcome (self);
  if (self->outcome_from_history && self->history != NULL && outcome != NULL
      && outcome->attempt_id != NULL)
    {
      desk_history_get_exchanges_async (self->history, outcome->attempt_id, NULL,
                                        recorded_exchanges_cb, g_steal_pointer (&task));
      return;
    }

  bytes = desk_window_dup_har (self);
  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                             _("There is no attempt to export."));
}

GBytes *
desk_window_dup_shown_har_finish (DeskWindow    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
shown_har_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DeskWindow *self = DESK_WINDOW (source);
  g_autofree char *name = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = desk_window_dup_shown_har_finish (self, result, &error);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (bytes == NULL)
    desk_window_show_toast (self, error->message);
  else
    choose_file_and_save (self, _("Export HAR"), name, bytes);
}

static void
export_har_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  const DeskOutcome *outcome = desk_window_get_shown_outcome (self);

  g_return_if_fail (outcome != NULL);

  desk_window_dup_shown_har_async (self, shown_har_cb,
                                   g_strdup_printf ("consent-desk-%s.har",
                                                    outcome->attempt_id != NULL
                                                    ? outcome->attempt_id : "attempt"));
}

static void
export_json_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  const DeskOutcome *outcome = desk_window_get_shown_outcome (self);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (outcome != NULL);

  node = desk_outcome_to_json (outcome);
  bytes = json_bytes (node);
  name = g_strdup_printf ("consent-desk-%s.json", outcome->attempt_id);
  choose_file_and_save (self, _("Export JSON"), name, bytes);
}

static void
history_exported_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  g_autoptr(JsonNode) array = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  array = desk_history_export_json_finish (DESK_HISTORY (source), result, &error);
  if (array == NULL)
    {
      desk_window_show_toast (self, error->message);
      return;
    }

  bytes = json_bytes (array);
  choose_file_and_save (self, _("Export History as JSON"), "consent-desk-history.json", bytes);
}

static void
export_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  g_auto(GStrv) ids = desk_history_view_dup_shown_ids (desk_window_ensure_history_view (self));

  desk_history_export_json_async (self->history, NULL, (const char * const *) ids, NULL,
                                  history_exported_cb, g_object_ref (self));
}

void
desk_window_class_install_evidence_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_install_action (widget_class, "win.delete-attempt", NULL,
                                   delete_attempt_action);
  gtk_widget_class_install_action (widget_class, "win.clear-history", NULL,
                                   clear_history_action);
  gtk_widget_class_install_action (widget_class, "win.copy-curl", NULL, copy_curl_action);
  gtk_widget_class_install_action (widget_class, "win.export-har", NULL, export_har_action);
  gtk_widget_class_install_action (widget_class, "win.export-json", NULL, export_json_action);
  gtk_widget_class_install_action (widget_class, "win.export-history", NULL,
                                   export_history_action);
}

void
desk_window_update_evidence_actions (DeskWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean running = desk_attempt_manager_is_running (self->manager);
  gboolean on_outcome = g_strcmp0 (page, "outcome") == 0;
  gboolean on_history = g_strcmp0 (page, "history") == 0;
  const DeskOutcome *outcome = desk_window_get_shown_outcome (self);
  gboolean shown = on_outcome && outcome != NULL;
  gboolean has_history = self->history != NULL;

  gtk_widget_action_set_enabled (widget, "win.show-history", has_history && !running);
  gtk_widget_action_set_enabled (widget, "win.delete-attempt",
                                 shown && self->outcome_from_history && has_history);
  gtk_widget_action_set_enabled (widget, "win.clear-history", on_history && has_history);
  gtk_widget_action_set_enabled (widget, "win.export-history", on_history && has_history);
  gtk_widget_action_set_enabled (widget, "win.copy-curl",
                                 shown && outcome->request != NULL && outcome->api_url != NULL);
  gtk_widget_action_set_enabled (widget, "win.export-json", shown);
  gtk_widget_action_set_enabled (widget, "win.export-har",
                                 shown && !running && (!self->outcome_from_history || has_history));
}
