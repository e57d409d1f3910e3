/* desk-application-end-user.c — --end-user-email: the end user found (or created) before the
 * window and its attempt; a failed look-up ends the run with design.md's status
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-application-end-user.h"
#include "desk-outcome-writer.h"

typedef struct
{
  DeskApplication         *self;
  GApplicationCommandLine *cmdline;
  DeskCommandLine         *command_line;
  DeskEnvironment         *environment;
  DeskSessionRequest      *request;      /* --start: all but the end user's id; else NULL */
  DeskWindow              *made_window;  /* made for the look-up and not shown yet, or NULL */
  GDateTime               *started_at;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_object_unref (lookup->self);
  g_object_unref (lookup->cmdline);
  desk_command_line_free (lookup->command_line);
  g_object_unref (lookup->environment);
  g_clear_pointer (&lookup->request, desk_session_request_free);
  g_clear_object (&lookup->made_window);
  g_date_time_unref (lookup->started_at);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

static void
outcome_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DeskApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!desk_outcome_writer_write_finish (result, &error))
    g_printerr (_("%s: could not write the outcome: %s\n"), g_get_prgname (), error->message);

  g_application_release (G_APPLICATION (self));
}

/* design.md: every failure is an outcome a script can read, this one included. It is no
 * attempt (no session was asked for), so it goes to --outcome-json only, not to the history. */
static void
write_api_error_outcome (Lookup       *lookup,
                         const GError *error)
{
  const DeskCommandLine *command_line = lookup->command_line;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskApiError) api_error = desk_api_error_new_from_error (error);
  g_autoptr(DeskTimeline) timeline = desk_timeline_new ();
  g_autoptr(DeskOutcome) outcome = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (lookup->self->outcome_path == NULL)
    return;

  if (lookup->request != NULL)
    request = desk_session_request_copy (lookup->request);
  else
    request = desk_session_request_new (NULL, command_line->redirect_uri,
                                        command_line->cancel_uri, command_line->institution_id,
                                        (const char * const *) command_line->permissions);

  outcome = desk_outcome_new (DESK_OUTCOME_API_ERROR, desk_environment_get_id (lookup->environment),
                              desk_environment_get_api_url (lookup->environment), request, NULL,
                              lookup->started_at);
  outcome->attempt_id = g_uuid_string_random ();
  outcome->integration = g_strdup (command_line->integration != NULL ? command_line->integration
                                                                     : "redirect");
  desk_outcome_set_api_error (outcome, api_error);
  desk_timeline_add_outcome (timeline, desk_outcome_kind_to_string (outcome->kind));
  desk_outcome_take_timeline (outcome, desk_timeline_to_json (timeline));
  desk_outcome_finish (outcome, NULL);

  json = desk_outcome_to_json_string (outcome, TRUE);
  bytes = g_bytes_new_take (g_strconcat (json, "\n", NULL), strlen (json) + 1);

  /* Held until written: the process must not end with the file half there. */
  g_application_hold (G_APPLICATION (lookup->self));
  desk_outcome_writer_write_async (lookup->self->outcome_path, bytes, NULL, outcome_written_cb,
                                   g_object_ref (lookup->self));
}

static void
lookup_failed (Lookup       *lookup,
               const GError *error)
{
  int status = desk_command_line_error_exit_status (error);

  if (status == EXIT_USAGE)
    g_application_command_line_printerr (lookup->cmdline, "%s: %s\n", g_get_prgname (),
                                         error->message);
  else
    g_application_command_line_printerr (lookup->cmdline,
                                         /* Translators: the first %s is an email address, the
                                          * second a sentence saying what went wrong */
                                         _("%s: --end-user-email: looking up “%s” failed: "
                                           "%s\n"),
                                         g_get_prgname (), lookup->command_line->end_user_email,
                                         error->message);

  if (status != EXIT_USAGE)
    write_api_error_outcome (lookup, error);

  /* A run forwarded to a window already open must not change that process's own status. */
  g_application_command_line_set_exit_status (lookup->cmdline, status);
  if (!g_application_command_line_get_is_remote (lookup->cmdline))
    lookup->self->exit_status = status;

  if (lookup->made_window != NULL)
    gtk_window_destroy (GTK_WINDOW (lookup->made_window));
}

static void
end_user_resolved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Lookup) lookup = user_data;
  g_autoptr(DeskEndUser) end_user = NULL;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  DeskSessionRequest *template = lookup->request;
  gboolean created = FALSE;

  end_user = desk_command_line_resolve_end_user_finish (result, &created, &error);
  if (end_user == NULL)
    {
      lookup_failed (lookup, error);
      g_application_release (G_APPLICATION (lookup->self));
      return;
    }

  if (template != NULL)
    request = desk_session_request_new (end_user->id, template->redirect_uri,
                                        template->cancel_uri, template->institution_id,
                                        (const char * const *) template->permissions);

  desk_application_run_window (lookup->self, lookup->cmdline, lookup->command_line,
                               lookup->environment, request, end_user, created);
  g_application_release (G_APPLICATION (lookup->self));
}

void
desk_application_resolve_end_user (DeskApplication         *self,
                                   GApplicationCommandLine *cmdline,
                                   DeskCommandLine         *command_line,
                                   DeskEnvironment         *environment,
                                   DeskSessionRequest      *request)
{
  Lookup *lookup;

  g_return_if_fail (DESK_IS_APPLICATION (self));
  g_return_if_fail (command_line != NULL && command_line->end_user_email != NULL);

  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->cmdline = g_object_ref (cmdline);
  lookup->command_line = command_line;
  lookup->request = request;
  lookup->started_at = g_date_time_new_now_utc ();

  /* Without --environment, the end user belongs where the form will send the request. */
  if (environment == NULL)
    {
      gboolean had_window = self->window != NULL;
      DeskWindow *window = desk_application_ensure_window (self);

      environment = desk_session_form_get_environment (desk_window_get_form (window));
      if (!had_window)
        lookup->made_window = g_object_ref (window);
    }
  lookup->environment = g_object_ref (environment);

  g_application_hold (G_APPLICATION (self));
  desk_command_line_resolve_end_user_async (command_line, environment, NULL,
                                            end_user_resolved_cb, lookup);
}
