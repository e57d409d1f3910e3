/* desk-application-command-line.c — what a run's options ask for: the environment, the
 * request for --start, where the outcome goes, and the attempt started at once
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-application-end-user.h"
#include "desk-application-private.h"
#include "desk-command-line.h"
#include "desk-outcome-writer.h"
#include "desk-secret-store-memory.h"

static const char *
field_option (DeskRequestField field)
{
  switch (field)
    {
    case DESK_REQUEST_FIELD_END_USER_ID:
      return "--end-user-id";
    case DESK_REQUEST_FIELD_REDIRECT_URI:
      return "--redirect-uri";
    case DESK_REQUEST_FIELD_CANCEL_URI:
      return "--cancel-uri";
    case DESK_REQUEST_FIELD_INSTITUTION_ID:
      return "--institution-id";
    case DESK_REQUEST_FIELD_PERMISSIONS:
    default:
      return "--permission";
    }
}

static void G_GNUC_PRINTF (2, 3)
print_problem (GApplicationCommandLine *cmdline,
               const char              *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* NULL: a local command (--print-curl), answered in this very process. */
  if (cmdline != NULL)
    g_application_command_line_printerr (cmdline, "%s", message);
  else
    g_printerr ("%s", message);
}

/* --start and --print-curl run on the command line and the environment's defaults only, never
 * on what was last typed in the window, so that a script gives the same request every time. */
static DeskSessionRequest *
request_for_start (GApplicationCommandLine *cmdline,
                   const DeskCommandLine   *command_line,
                   DeskEnvironment         *environment)
{
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const char *redirect_uri = command_line->redirect_uri;
  const char *cancel_uri = command_line->cancel_uri;

  if (redirect_uri == NULL)
    redirect_uri = desk_environment_get_default_redirect_uri (environment);
  if (cancel_uri == NULL)
    cancel_uri = desk_environment_get_default_cancel_uri (environment);

  /* With --end-user-email the id is only known once the look-up is done. */
  request = desk_session_request_new (command_line->end_user_id != NULL
                                        ? command_line->end_user_id : "",
                                      redirect_uri != NULL ? redirect_uri : "",
                                      cancel_uri != NULL ? cancel_uri : "",
                                      command_line->institution_id,
                                      (const char * const *) command_line->permissions);

  problems = desk_session_request_validate (request);
  for (guint i = 0; i < problems->len; i++)
    {
      const DeskRequestProblem *problem = g_ptr_array_index (problems, i);

      if (command_line->end_user_email != NULL
          && problem->field == DESK_REQUEST_FIELD_END_USER_ID)
        continue;

      if (problem->severity == DESK_PROBLEM_ERROR)
        print_problem (cmdline, "%s: %s: %s\n", g_get_prgname (),
                       field_option (problem->field), problem->message);
      else
        print_problem (cmdline, _("%s: warning: %s: %s\n"), g_get_prgname (),
                       field_option (problem->field), problem->message);
    }

  for (guint i = 0; i < problems->len; i++)
    {
      const DeskRequestProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == DESK_PROBLEM_ERROR
          && (command_line->end_user_email == NULL
              || problem->field != DESK_REQUEST_FIELD_END_USER_ID))
        return NULL;
    }

  return g_steal_pointer (&request);
}

/* --environment and --api-url; NULL (and a message naming the problem) for none or an
 * unknown one. Without either, --start uses the Sandbox and a plain run changes nothing. */
static DeskEnvironment *
resolve_environment (DeskApplication        *self,
                     const DeskCommandLine  *command_line,
                     GError                **error)
{
  DeskEnvironment *environment;

  if (command_line->api_url != NULL)
    return desk_environment_list_get_one_off (self->environments, command_line->api_url);

  if (command_line->environment == NULL)
    return command_line->start ? desk_environment_list_get_sandbox (self->environments) : NULL;

  environment = desk_environment_list_lookup (self->environments, command_line->environment);
  if (environment == NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 /* Translators: %s is what was given, e.g. --environment=staging */
                 _("--environment: no environment is called “%s”; see Preferences for the "
                   "saved ones"),
                 command_line->environment);

  return environment;
}

static void
apply_run_options (DeskApplication       *self,
                   const DeskCommandLine *command_line)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->environments));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DeskEnvironment) environment = NULL;

      environment = g_list_model_get_item (G_LIST_MODEL (self->environments), i);
      if (command_line->api_version != NULL)
        desk_environment_set_api_version_override (environment, command_line->api_version);
    }

  if (command_line->sandbox_outcome != NULL)
    desk_sandbox_set_auto_outcome (desk_application_ensure_sandbox (self),
                                   command_line->sandbox_outcome);
}

/* The window and the form, for a plain run and for --start. */
static DeskWindow *
prepare_window (DeskApplication          *self,
                const DeskCommandLine    *command_line,
                DeskEnvironment          *environment,
                const DeskSessionRequest *request)
{
  DeskWindow *window = desk_application_ensure_window (self);

  if (desk_command_line_is_scripted (command_line))
    desk_window_set_remember_values (window, FALSE);

  if (environment != NULL)
    desk_session_form_set_environment (desk_window_get_form (window), environment);

  if (command_line->integration != NULL)
    {
      DeskIntegration integration = DESK_INTEGRATION_REDIRECT;

      /* Checked when the options were read. */
      desk_integration_from_string (command_line->integration, &integration);
      desk_session_form_set_integration (desk_window_get_form (window), integration);
    }

  if (request != NULL)
    {
      desk_session_form_set_request (desk_window_get_form (window), request);
    }
  else
    {
      g_autoptr(DeskSessionRequest) prefill = NULL;

      prefill = desk_session_request_new (command_line->end_user_id,
                                          command_line->redirect_uri,
                                          command_line->cancel_uri,
                                          command_line->institution_id,
                                          (const char * const *) command_line->permissions);
      desk_session_form_set_request (desk_window_get_form (window), prefill);
    }

  return window;
}

typedef struct
{
  DeskApplication         *self;
  GApplicationCommandLine *cmdline;
  DeskWindow              *window;
  char                    *callback_uri;  /* --callback-uri, or NULL */
} StartData;

static StartData *
start_data_ref (StartData *start)
{
  return g_atomic_rc_box_acquire (start);
}

static void
start_data_clear (gpointer data)
{
  StartData *start = data;

  g_object_unref (start->self);
  g_object_unref (start->cmdline);
  g_object_unref (start->window);
  g_free (start->callback_uri);
}

static void
start_data_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, start_data_clear);
}

static void
start_data_free (gpointer data,
                 GClosure *closure)
{
  start_data_unref (data);
}

/* --start: the window appears once the credentials are read, while the session is being
 * created; missing credentials are a usage problem, said before any window appears. */
static void
start_state_cb (DeskAttempt *attempt,
                GParamSpec  *pspec,
                StartData   *start)
{
  const GError *error;

  switch (desk_attempt_get_state (attempt))
    {
    case DESK_ATTEMPT_STATE_NEW:
    case DESK_ATTEMPT_STATE_PREPARING:
      return;

    case DESK_ATTEMPT_STATE_FINISHED:
      error = desk_attempt_get_error (attempt);
      if (error != NULL && error->domain == DESK_ENVIRONMENT_ERROR)
        {
          g_application_command_line_printerr (start->cmdline, "%s: %s\n", g_get_prgname (),
                                               error->message);
          start->self->exit_status = EXIT_USAGE;
          g_set_object (&start->self->refused, attempt);
          gtk_window_destroy (GTK_WINDOW (start->window));
          break;
        }
      G_GNUC_FALLTHROUGH;

    case DESK_ATTEMPT_STATE_CREATING:
    case DESK_ATTEMPT_STATE_CONSENTING:
    default:
      gtk_window_present (GTK_WINDOW (start->window));
      break;
    }

  g_signal_handlers_disconnect_by_func (attempt, start_state_cb, start);
  g_application_release (G_APPLICATION (start->self));
}

/* --callback-uri: once the hand-off attempt waits for its customer, the address is pasted
 * (after the state change has run its course, not inside its notification). An address the
 * attempt refuses is a usage error: said, status 2, and the attempt cancelled rather than left
 * waiting for a customer nobody will ask. */
static gboolean
paste_callback_cb (gpointer data)
{
  StartData *start = data;
  DeskAttempt *attempt = desk_attempt_manager_get_current (start->self->manager);
  g_autoptr(GError) error = NULL;

  if (attempt == NULL || desk_attempt_get_state (attempt) != DESK_ATTEMPT_STATE_CONSENTING)
    return G_SOURCE_REMOVE;

  if (!desk_attempt_report_pasted (attempt, start->callback_uri, &error))
    {
      g_application_command_line_printerr (start->cmdline, "%s: --callback-uri: %s\n",
                                           g_get_prgname (), error->message);
      g_application_command_line_set_exit_status (start->cmdline, EXIT_USAGE);
      if (!g_application_command_line_get_is_remote (start->cmdline))
        start->self->exit_status = EXIT_USAGE;
      g_set_object (&start->self->refused, attempt);
      desk_attempt_cancel (attempt);
    }

  return G_SOURCE_REMOVE;
}

static void
paste_state_cb (DeskAttempt *attempt,
                GParamSpec  *pspec,
                StartData   *start)
{
  DeskAttemptState state = desk_attempt_get_state (attempt);

  if (state < DESK_ATTEMPT_STATE_CONSENTING)
    return;

  g_signal_handlers_disconnect_by_func (attempt, paste_state_cb, start);
  if (state == DESK_ATTEMPT_STATE_CONSENTING)
    g_idle_add_full (G_PRIORITY_DEFAULT, paste_callback_cb, start_data_ref (start),
                     start_data_unref);
}

static void
start_attempt (DeskApplication          *self,
               GApplicationCommandLine  *cmdline,
               DeskWindow               *window,
               DeskEnvironment          *environment,
               const DeskSessionRequest *request,
               const char               *callback_uri)
{
  DeskAttempt *attempt;
  StartData *start;

  if (self->quit_on_outcome)
    self->exit_status = 1;

  /* Sent at once, in parallel with the window appearing (design.md). */
  desk_window_start_attempt (window, environment, request);
  attempt = desk_attempt_manager_get_current (self->manager);

  start = g_atomic_rc_box_new0 (StartData);
  start->self = g_object_ref (self);
  start->cmdline = g_object_ref (cmdline);
  start->window = g_object_ref (window);
  start->callback_uri = g_strdup (callback_uri);
  g_application_hold (G_APPLICATION (self));
  if (callback_uri != NULL)
    g_signal_connect_data (attempt, "notify::state", G_CALLBACK (paste_state_cb),
                           start_data_ref (start), start_data_free, 0);
  g_signal_connect_data (attempt, "notify::state", G_CALLBACK (start_state_cb), start,
                         start_data_free, 0);
  start_state_cb (attempt, NULL, start);
}

/* --outcome-json, resolved against the caller's directory and checked before anything is
 * sent: a script's single-use session is never spent on a path that cannot take the result. */
static gboolean
apply_outcome_path (DeskApplication         *self,
                    GApplicationCommandLine *cmdline,
                    const DeskCommandLine   *command_line)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (command_line->outcome_json == NULL)
    return TRUE;

  if (g_str_equal (command_line->outcome_json, "-"))
    path = g_strdup ("-");
  else
    {
      file = g_application_command_line_create_file_for_arg (cmdline, command_line->outcome_json);
      path = g_file_get_path (file);
    }

  if (path == NULL || !desk_outcome_writer_check ("--outcome-json", path, &error))
    {
      g_application_command_line_printerr (cmdline, "%s: %s\n", g_get_prgname (),
                                           error != NULL ? error->message
                                                         : _("--outcome-json needs a local path"));
      return FALSE;
    }

  desk_application_set_outcome_json (self, path);

  return TRUE;
}

/* The window with what the options ask for, shown, or its attempt started at once. */
void
desk_application_run_window (DeskApplication          *self,
                             GApplicationCommandLine  *cmdline,
                             const DeskCommandLine    *command_line,
                             DeskEnvironment          *environment,
                             const DeskSessionRequest *request,
                             const DeskEndUser        *end_user,
                             gboolean                  created)
{
  DeskWindow *window = prepare_window (self, command_line, environment, request);

  /* The attempt takes its end user from the form (desk_window_start_attempt()). */
  if (end_user != NULL)
    desk_session_form_set_end_user (desk_window_get_form (window), end_user, created);

  if (request == NULL)
    gtk_window_present (GTK_WINDOW (window));
  else
    start_attempt (self, cmdline, window, environment, request, command_line->callback_uri);
}

/* --callback-uri must be one of the request's callbacks: checked before the single-use
 * session is spent, with the matcher the attempt itself uses. */
static gboolean
check_callback_uri (GApplicationCommandLine  *cmdline,
                    const DeskCommandLine    *command_line,
                    const DeskSessionRequest *request)
{
  g_autoptr(DeskCallback) callback = NULL;

  if (command_line->callback_uri == NULL || request == NULL)
    return TRUE;

  callback = desk_callback_parse_pasted (command_line->callback_uri, request->redirect_uri,
                                         request->cancel_uri);
  if (callback != NULL)
    return TRUE;

  g_application_command_line_printerr (cmdline,
                                       /* Translators: the two %s are addresses */
                                       _("%s: --callback-uri is neither the redirect URI (%s) "
                                         "nor the cancel URI (%s) of this request\n"),
                                       g_get_prgname (), request->redirect_uri,
                                       request->cancel_uri);
  return FALSE;
}

int
desk_application_handle_command_line (GApplication            *application,
                                      GApplicationCommandLine *cmdline)
{
  DeskApplication *self = DESK_APPLICATION (application);
  g_autoptr(DeskCommandLine) command_line = NULL;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  DeskEnvironment *environment;
  g_auto(GStrv) arguments = NULL;
  int argc = 0;

  command_line = desk_command_line_parse (g_application_command_line_get_options_dict (cmdline),
                                          &error);
  if (command_line == NULL)
    {
      g_application_command_line_printerr (cmdline, "%s: %s\n", g_get_prgname (),
                                           error->message);
      return EXIT_USAGE;
    }

  arguments = g_application_command_line_get_arguments (cmdline, &argc);
  if (argc > 1)
    {
      g_application_command_line_printerr (cmdline, _("%s: unexpected argument “%s”\n"),
                                           g_get_prgname (), arguments[1]);
      return EXIT_USAGE;
    }

  environment = resolve_environment (self, command_line, &error);
  if (error != NULL)
    {
      g_application_command_line_printerr (cmdline, "%s: %s\n", g_get_prgname (),
                                           error->message);
      return EXIT_USAGE;
    }

  if (command_line->sandbox_outcome != NULL && environment != NULL &&
      desk_environment_get_kind (environment) != DESK_ENVIRONMENT_SANDBOX)
    {
      g_application_command_line_printerr (cmdline, "%s: %s\n", g_get_prgname (),
                                           _("--sandbox-outcome only applies to the Sandbox "
                                             "environment"));
      return EXIT_USAGE;
    }

  if (command_line->start)
    {
      request = request_for_start (cmdline, command_line, environment);
      if (request == NULL || !check_callback_uri (cmdline, command_line, request))
        return EXIT_USAGE;
    }

  if (!apply_outcome_path (self, cmdline, command_line) ||
      !desk_application_apply_har_path (self, cmdline, command_line))
    return EXIT_USAGE;

  apply_run_options (self, command_line);
  if (command_line->quit_on_outcome)
    desk_application_set_quit_on_outcome (self, TRUE);

  if (command_line->end_user_email != NULL)
    {
      desk_application_resolve_end_user (self, cmdline, g_steal_pointer (&command_line),
                                         environment, g_steal_pointer (&request));
      return EXIT_SUCCESS;
    }

  desk_application_run_window (self, cmdline, command_line, environment, request, NULL, FALSE);

  return EXIT_SUCCESS;
}

/* The environment --print-curl names, from a list of this process's own: the application's is
 * only made at registration, which a local command never reaches. */
static DeskEnvironment *
environment_for_curl (DeskEnvironmentList    *environments,
                      const DeskCommandLine  *command_line)
{
  DeskEnvironment *environment;

  if (command_line->api_url != NULL)
    return desk_environment_list_get_one_off (environments, command_line->api_url);
  if (command_line->environment == NULL)
    return desk_environment_list_get_sandbox (environments);

  environment = desk_environment_list_lookup (environments, command_line->environment);
  if (environment == NULL)
    g_printerr (_("%s: --environment: no environment is called “%s”; see Preferences for the "
                  "saved ones\n"),
                g_get_prgname (), command_line->environment);

  return environment;
}

int
desk_application_check_environment (const DeskCommandLine *command_line)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(DeskSecretStore) secrets = NULL;
  g_autoptr(DeskEnvironmentList) environments = NULL;

  if (command_line->environment == NULL || command_line->api_url != NULL)
    return -1;

  /* Before any display is opened: a usage error is said as one, with status 2. */
  settings = g_settings_new (BASE_APPLICATION_ID);
  secrets = desk_secret_store_memory_new ();
  environments = desk_environment_list_new (settings, secrets);

  return environment_for_curl (environments, command_line) != NULL ? -1 : EXIT_USAGE;
}

/* A value that is not UTF-8 is named with its option, rather than GOption's bare "Invalid byte
 * sequence in conversion input". */
gboolean
desk_application_check_arguments_are_text (char **arguments)
{
  for (guint i = 1; arguments[i] != NULL; i++)
    {
      g_autofree char *option = NULL;
      const char *equals;

      if (g_utf8_validate (arguments[i], -1, NULL))
        continue;

      equals = strchr (arguments[i], '=');
      if (g_str_has_prefix (arguments[i], "--") && equals != NULL)
        option = g_strndup (arguments[i], (gsize) (equals - arguments[i]));
      else if (i > 1 && g_str_has_prefix (arguments[i - 1], "--"))
        option = g_strdup (arguments[i - 1]);

      if (option != NULL && g_utf8_validate (option, -1, NULL))
        g_printerr (_("%s: %s: the value is not valid text (UTF-8); type it again\n"),
                    g_get_prgname (), option);
      else
        g_printerr (_("%s: an argument is not valid text (UTF-8); type it again\n"),
                    g_get_prgname ());
      return FALSE;
    }

  return TRUE;
}

int
desk_application_print_curl (const DeskCommandLine *command_line)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr(DeskSecretStore) secrets = desk_secret_store_memory_new ();
  g_autoptr(DeskEnvironmentList) environments = NULL;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autofree char *curl = NULL;
  DeskEnvironment *environment;
  const char *api_version;

  environments = desk_environment_list_new (settings, secrets);
  environment = environment_for_curl (environments, command_line);
  if (environment == NULL)
    return EXIT_USAGE;

  /* The Sandbox listens on a new port each run: there is no address a later curl could use. */
  if (desk_environment_get_api_url (environment) == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (),
                  _("--print-curl needs an environment with a fixed address: the Sandbox's "
                    "changes every run (use --api-url, --environment=production or a saved "
                    "environment)"));
      return EXIT_USAGE;
    }

  request = request_for_start (NULL, command_line, environment);
  if (request == NULL)
    return EXIT_USAGE;

  api_version = command_line->api_version != NULL
                  ? command_line->api_version
                  : desk_environment_get_api_version (environment);
  curl = desk_session_request_to_curl (request, desk_environment_get_api_url (environment),
                                       api_version);
  g_print ("%s\n", curl);

  return EXIT_SUCCESS;
}
