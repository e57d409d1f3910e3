/* desk-application.c — Consent Desk's AdwApplication: command line, environments, outcome output
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-application-private.h"
#include "desk-command-line.h"
#include "desk-debug-info.h"
#include "desk-outcome-writer.h"
#include "desk-preferences-window.h"
#include "desk-renderer.h"
#include "desk-secret-store-libsecret.h"

G_DEFINE_FINAL_TYPE (DeskApplication, desk_application, ADW_TYPE_APPLICATION)

void
desk_application_maybe_quit (DeskApplication *self)
{
  if (self->quit_pending && self->pending_writes == 0)
    g_application_quit (G_APPLICATION (self));
}

static void
outcome_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DeskApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!desk_outcome_writer_write_finish (result, &error))
    {
      g_printerr (_("%s: could not write the outcome: %s\n"), g_get_prgname (), error->message);
      if (self->quit_on_outcome)
        self->exit_status = EXIT_USAGE;
    }

  self->pending_writes--;
  g_application_release (G_APPLICATION (self));
  desk_application_maybe_quit (self);
}

static void
write_outcome (DeskApplication   *self,
               const DeskOutcome *outcome)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (self->outcome_path == NULL)
    return;

  json = desk_outcome_to_json_string (outcome, TRUE);
  bytes = g_bytes_new_take (g_strconcat (json, "\n", NULL), strlen (json) + 1);

  /* The hold keeps the process alive until the file is written, even once the window is gone. */
  self->pending_writes++;
  g_application_hold (G_APPLICATION (self));
  desk_outcome_writer_write_async (self->outcome_path, bytes, NULL, outcome_written_cb,
                                   g_object_ref (self));
}

/* Scripts read standard error: every ending that is not a success says why, in one sentence. */
static void
report_outcome (DeskApplication   *self,
                const DeskOutcome *outcome)
{
  g_autofree char *summary = NULL;
  char *end;
  const char *title;

  if (outcome->kind == DESK_OUTCOME_SUCCESS
      || (self->outcome_path == NULL && !self->quit_on_outcome))
    return;

  /* One line for a script's log: the first sentence of what the window says. */
  summary = desk_outcome_get_summary (outcome);
  end = strchr (summary, '\n');
  if (end != NULL)
    *end = '\0';
  title = desk_outcome_get_title (outcome);
  if (title == NULL)
    title = outcome->error_type;
  g_printerr ("%s: %s: %s\n", g_get_prgname (), title != NULL ? title : "", summary);
}

static void
attempt_finished_cb (DeskApplication   *self,
                     DeskAttempt       *attempt,
                     const DeskOutcome *outcome,
                     DeskAttemptManager *manager)
{
  /* Already said as a usage error (exit status 2): no session was ever asked for. */
  gboolean refused = attempt == self->refused;

  if (!refused)
    {
      report_outcome (self, outcome);
      write_outcome (self, outcome);
      desk_application_write_har (self, attempt);
    }

  if (self->quit_on_outcome)
    {
      if (!refused)
        self->exit_status = desk_outcome_exit_status (outcome);
      self->quit_pending = TRUE;
      desk_application_maybe_quit (self);
    }
}

DeskWindow *
desk_application_ensure_window (DeskApplication *self)
{
  DeskWindow *window;

  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);

  if (self->window != NULL)
    return self->window;

  window = desk_window_new (GTK_APPLICATION (self), self->environments, self->manager);
  g_set_weak_pointer (&self->window, window);
  desk_window_set_history (window, self->history);
  desk_application_schedule_retention (self);

  return window;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  DeskApplication *self = DESK_APPLICATION (user_data);
  const char *developers[] = { _("The Consent Desk authors"), NULL };
  GtkWidget *about = adw_about_window_new ();
  DeskEnvironment *environment = NULL;
  g_autofree char *debug_info = NULL;

  /* What the form has selected: the environment a ticket is most likely about. */
  if (self->window != NULL)
    environment = desk_session_form_get_environment (desk_window_get_form (self->window));
  if (environment == NULL && self->environments != NULL)
    environment = desk_environment_list_get_sandbox (self->environments);
  debug_info = desk_debug_info_new (environment,
                                    GTK_WIDGET (gtk_application_get_active_window (
                                                  GTK_APPLICATION (self))));

  g_object_set (about,
                "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                "application-name", _("Consent Desk"),
                "application-icon", APPLICATION_ID,
                "version", PACKAGE_VERSION,
                "developer-name", _("The Consent Desk authors"),
                "developers", developers,
                "copyright", _("© 2026 The Consent Desk authors"),
                "license-type", GTK_LICENSE_GPL_3_0,
                "website", PACKAGE_WEBSITE,
                "issue-url", PACKAGE_BUGREPORT,
                /* Translators: your name(s), one per line */
                "translator-credits", _("translator-credits"),
                "debug-info", debug_info,
                "debug-info-filename", "consent-desk-debug-info.txt",
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DeskApplication *self = DESK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  DeskPreferencesWindow *preferences;

  preferences = desk_preferences_window_new (self->environments);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  DeskApplication *self = DESK_APPLICATION (user_data);
  g_autoptr(GList) windows = NULL;

  /* Closing (rather than destroying) ends a running attempt as "closed" and still writes its
   * outcome; the application then stops when nothing holds it. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
set_accels (DeskApplication *self,
            const char      *action,
            const char      *first_accel,
            ...)
{
  g_autoptr(GPtrArray) accels = g_ptr_array_new ();
  const char *accel = first_accel;
  va_list args;

  va_start (args, first_accel);
  while (accel != NULL)
    {
      g_ptr_array_add (accels, (gpointer) accel);
      accel = va_arg (args, const char *);
    }
  va_end (args);
  g_ptr_array_add (accels, NULL);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), action,
                                         (const char * const *) accels->pdata);
}

/* The Sandbox environment's starter: the Sandbox lives here, above the engine that uses it. */
static char *
start_sandbox (DeskEnvironment  *environment,
               gpointer          user_data,
               GError          **error)
{
  DeskApplication *self = DESK_APPLICATION (user_data);

  if (self->sandbox == NULL)
    self->sandbox = desk_sandbox_new ();
  if (!desk_sandbox_start (self->sandbox, error))
    return NULL;

  return g_strdup (desk_sandbox_get_base_url (self->sandbox));
}

static void
desk_application_startup (GApplication *application)
{
  DeskApplication *self = DESK_APPLICATION (application);

  G_APPLICATION_CLASS (desk_application_parent_class)->startup (application);

  /* Before any window is realized: its renderer is chosen then. */
  if (gdk_display_get_default () != NULL)
    desk_renderer_choose (gdk_display_get_default ());

  /* Objects only: no keyring, network or Sandbox work happens before the first session. */
  self->settings = g_settings_new (BASE_APPLICATION_ID);
  if (self->secret_store == NULL)
    self->secret_store = desk_secret_store_libsecret_new ();
  self->environments = desk_environment_list_new (self->settings, self->secret_store);
  desk_environment_set_starter (desk_environment_list_get_sandbox (self->environments),
                                start_sandbox, self, NULL);
  self->manager = desk_attempt_manager_new ();
  g_signal_connect_object (self->manager, "attempt-finished",
                           G_CALLBACK (attempt_finished_cb), self, G_CONNECT_SWAPPED);
  desk_application_history_startup (self);
  desk_application_handoff_startup (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  set_accels (self, "win.create-session", "<Control>Return", NULL);
  /* No application accelerator for Escape: those act in the capture phase, before the consent
   * page could use the key. The attempt page binds it instead, where the page has passed it on. */
  set_accels (self, "win.copy-outcome-json", "<Control><Shift>c", NULL);
  set_accels (self, "win.new-session", "<Control>n", NULL);
  set_accels (self, "win.show-history", "<Control>h", NULL);
  set_accels (self, "win.show-help-overlay", "<Control>question", "<Control>slash", NULL);
  set_accels (self, "app.preferences", "<Control>comma", NULL);
  set_accels (self, "app.quit", "<Control>q", NULL);
  set_accels (self, "window.close", "<Control>w", NULL);
}

static void
desk_application_activate (GApplication *application)
{
  DeskWindow *window = desk_application_ensure_window (DESK_APPLICATION (application));

  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
desk_application_local_command_line (GApplication   *application,
                                     char         ***arguments,
                                     int            *exit_status)
{
  DeskApplication *self = DESK_APPLICATION (application);
  gboolean handled;

  if (!desk_application_check_arguments_are_text (*arguments))
    {
      *exit_status = EXIT_USAGE;
      return TRUE;
    }

  handled = G_APPLICATION_CLASS (desk_application_parent_class)->local_command_line (application,
                                                                                    arguments,
                                                                                    exit_status);

  /* GApplication reports an unknown option or a missing value with status 1 and never reaches
   * handle-local-options; design.md gives every usage error status 2. */
  if (handled && *exit_status == EXIT_FAILURE && !self->options_checked)
    *exit_status = EXIT_USAGE;

  return handled;
}

static int
desk_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  DeskApplication *self = DESK_APPLICATION (application);
  g_autoptr(DeskCommandLine) command_line = NULL;
  g_autoptr(GError) error = NULL;

  self->options_checked = TRUE;

  command_line = desk_command_line_parse (options, &error);
  if (command_line == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_USAGE;
    }

  /* Answered here, before GTK is initialised: no display, no window, no registration. */
  if (command_line->history_json != NULL)
    return desk_application_print_history (command_line);
  if (command_line->print_curl)
    return desk_application_print_curl (command_line);
  if (desk_application_check_environment (command_line) != -1)
    return EXIT_USAGE;

  /* A script's run must not be handed to a window someone is using, nor end theirs. */
  if (desk_command_line_is_scripted (command_line))
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
desk_application_dispose (GObject *object)
{
  DeskApplication *self = (DeskApplication *)object;

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->environments);
  g_clear_object (&self->sandbox);
  g_clear_object (&self->secret_store);
  g_clear_object (&self->settings);
  g_clear_handle_id (&self->retention_id, g_source_remove);
  g_clear_object (&self->recorder);
  g_clear_object (&self->history);
  g_clear_object (&self->manager);
  g_clear_object (&self->refused);
  g_clear_pointer (&self->outcome_path, g_free);
  g_clear_pointer (&self->har_path, g_free);

  G_OBJECT_CLASS (desk_application_parent_class)->dispose (object);
}

static void
desk_application_class_init (DeskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = desk_application_dispose;
  application_class->startup = desk_application_startup;
  application_class->activate = desk_application_activate;
  application_class->local_command_line = desk_application_local_command_line;
  application_class->handle_local_options = desk_application_handle_local_options;
  application_class->command_line = desk_application_handle_command_line;
}

static void
desk_application_init (DeskApplication *self)
{
  g_set_application_name (_("Consent Desk"));

  g_application_add_main_option_entries (G_APPLICATION (self), desk_command_line_get_entries ());
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            desk_command_line_get_summary ());
  g_application_set_option_context_description (G_APPLICATION (self),
                                                desk_command_line_get_description ());
}

DeskApplication *
desk_application_new (void)
{
  return g_object_new (DESK_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

int
desk_application_run (DeskApplication  *self,
                      int               argc,
                      char            **argv)
{
  int status;

  g_return_val_if_fail (DESK_IS_APPLICATION (self), EXIT_FAILURE);

  status = g_application_run (G_APPLICATION (self), argc, argv);

  /* A local command line's status is fixed before the main loop runs; the outcome comes later. */
  return status != EXIT_SUCCESS ? status : self->exit_status;
}

GListModel *
desk_application_get_environments (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);

  return G_LIST_MODEL (self->environments);
}

DeskEnvironmentList *
desk_application_get_environment_list (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);

  return self->environments;
}

DeskEnvironment *
desk_application_get_environment (DeskApplication     *self,
                                  DeskEnvironmentKind  kind,
                                  const char          *api_url)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (self->environments != NULL, NULL);
  g_return_val_if_fail (kind != DESK_ENVIRONMENT_CUSTOM || api_url != NULL, NULL);

  switch (kind)
    {
    case DESK_ENVIRONMENT_SANDBOX:
      return desk_environment_list_get_sandbox (self->environments);
    case DESK_ENVIRONMENT_PRODUCTION:
      return desk_environment_list_get_production (self->environments);
    case DESK_ENVIRONMENT_CUSTOM:
    default:
      return desk_environment_list_get_one_off (self->environments, api_url);
    }
}

DeskSecretStore *
desk_application_get_secret_store (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);

  return self->secret_store;
}

void
desk_application_set_secret_store (DeskApplication *self,
                                   DeskSecretStore *store)
{
  g_return_if_fail (DESK_IS_APPLICATION (self));
  g_return_if_fail (DESK_IS_SECRET_STORE (store));

  g_set_object (&self->secret_store, store);
  if (self->environments != NULL)
    desk_environment_list_set_secret_store (self->environments, store);
}

void
desk_application_set_outcome_json (DeskApplication *self,
                                   const char      *path)
{
  g_return_if_fail (DESK_IS_APPLICATION (self));

  g_free (self->outcome_path);
  self->outcome_path = g_strdup (path);
}

DeskAttemptManager *
desk_application_get_attempt_manager (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);

  return self->manager;
}

void
desk_application_set_quit_on_outcome (DeskApplication *self,
                                      gboolean         quit_on_outcome)
{
  g_return_if_fail (DESK_IS_APPLICATION (self));

  self->quit_on_outcome = !!quit_on_outcome;

  /* Closing the window before any attempt ended: the consent was not granted. */
  if (self->quit_on_outcome)
    self->exit_status = 1;
}

DeskSandbox *
desk_application_ensure_sandbox (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);

  if (self->sandbox == NULL)
    self->sandbox = desk_sandbox_new ();

  return self->sandbox;
}
