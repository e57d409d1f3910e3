/* desk-command-line.c — design.md's command line: the options, their help and their checks
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-attempt.h"
#include "desk-command-line.h"
#include "desk-contact-checks.h"
#include "desk-environment.h"

static const GOptionEntry entries[] = {
  { "environment", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Where to create sessions: the built-in Sandbox (default), Fiskil’s production API, an "
       "environment saved in Preferences (its id or name), or custom with --api-url"),
    "sandbox|production|ID|NAME|custom" },
  { "api-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Base URL of a Fiskil-compatible API for this run only; implies --environment=custom"),
    N_("URL") },
  { "api-version", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Send X-Fiskil-Version with every request"),
    "v1|v2" },
  { "end-user-id", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The Fiskil end user who gives consent"),
    N_("ID") },
  { "end-user-email", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Instead of --end-user-id: find the end user with this email first (exactly one must "
       "match)"),
    N_("EMAIL") },
  { "create-end-user", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --end-user-email: create the end user when none has that email"),
    NULL },
  { "end-user-name", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --create-end-user: the name of the end user created"),
    N_("NAME") },
  { "redirect-uri", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Where Fiskil sends the browser after a success (default: the environment’s)"),
    N_("URI") },
  { "cancel-uri", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Where Fiskil sends the browser after a cancel or failure (default: the environment’s)"),
    N_("URI") },
  { "institution-id", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Pre-select this institution"),
    N_("ID") },
  { "permission", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Ask for this permission; repeat for several (unknown names are sent as typed)"),
    N_("NAME") },
  { "integration", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("How the consent flow runs: in the page itself (redirect), in a pop-up window, in an "
       "iframe that posts messages (embedded), or on the customer’s own device (hand-off)"),
    "redirect|popup|embedded|hand-off" },
  { "sandbox-outcome", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Make the Sandbox’s consent pages walk themselves to this ending: success, or an "
       "error type such as CONSENT_ENDUSER_DENIED"),
    "success|ERROR_TYPE" },
  { "start", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Create the session at once, from these options and the environment’s defaults"),
    NULL },
  { "callback-uri", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --integration=hand-off --start: end the attempt with the address the customer’s "
       "browser ended on, as if it had been pasted"),
    N_("URI") },
  { "outcome-json", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("When the attempt ends, write its outcome as JSON to PATH, or to standard output for -"),
    N_("PATH|-") },
  { "quit-on-outcome", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Quit when the attempt ends, with an exit status that tells the outcome"),
    NULL },
  { "har", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("When the attempt ends, write its API exchanges as HAR 1.2 to PATH (secrets hidden)"),
    N_("PATH") },
  { "print-curl", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the create-session request as a curl command and send nothing"),
    NULL },
  { "history-json", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Print the recorded attempts as a JSON array, newest first, to PATH or standard output "
       "for -; opens no window"),
    N_("PATH|-") },
  { "since", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --history-json: only attempts started at or after this time"),
    N_("ISO8601") },
  { NULL }
};

const GOptionEntry *
desk_command_line_get_entries (void)
{
  return entries;
}

const char *
desk_command_line_get_summary (void)
{
  return _("Create Fiskil auth sessions and catch the consent callback.");
}

const char *
desk_command_line_get_description (void)
{
  return _("Credentials for Production and custom environments come from the keyring (add "
           "them in Preferences), or from the environment variables FISKIL_ACCESS_TOKEN, or "
           "FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET, which win over the keyring; never from "
           "options.\n"
           "\n"
           "--end-user-email looks the end user up before anything else is sent: no match "
           "(without --create-end-user) or several matches end the run with status 2; a "
           "failed look-up with status 3.\n"
           "\n"
           "Exit status with --quit-on-outcome: 0 consent granted; 1 consent not granted "
           "(failure, expired, cancelled, closed, navigation error); 2 invalid usage or input; "
           "3 the session could not be created (API or network error, the end-user look-up "
           "included).\n"
           "\n"
           "--print-curl and --history-json need no display and open no window: the first "
           "prints the request a run would send (Authorization: Bearer $FISKIL_ACCESS_TOKEN, "
           "never a token), the second every recorded attempt, newest first.");
}

static gboolean
bad_value (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return FALSE;
}

/* --since: a date and time, or a whole day; local time when no zone is given. */
static GDateTime *
parse_since (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *midnight = NULL;
  GDateTime *time = g_date_time_new_from_iso8601 (text, local);

  if (time == NULL && strlen (text) == 10)
    {
      midnight = g_strconcat (text, "T00:00:00", NULL);
      time = g_date_time_new_from_iso8601 (midnight, local);
    }

  return time;
}

static gboolean
check_evidence (DeskCommandLine  *self,
                GError          **error)
{
  gboolean runs = self->start || self->outcome_json != NULL || self->quit_on_outcome ||
                  self->har != NULL || self->sandbox_outcome != NULL;

  if (self->har != NULL && *self->har == '\0')
    return bad_value (error, _("--har needs a path"));

  if (self->history_json != NULL && *self->history_json == '\0')
    return bad_value (error, _("--history-json needs a path, or - for standard output"));

  if (self->since != NULL && self->history_json == NULL)
    return bad_value (error, _("--since only applies to --history-json"));

  if (self->history_json != NULL && (runs || self->print_curl))
    return bad_value (error, _("--history-json only prints the recorded attempts; it cannot be "
                               "combined with options that run an attempt"));

  if (self->print_curl && runs)
    return bad_value (error, _("--print-curl sends nothing; it cannot be combined with "
                               "--start, --sandbox-outcome, --outcome-json, --har or "
                               "--quit-on-outcome"));

  return TRUE;
}

/* --end-user-email and its companions: checked here, before any request is sent. */
static gboolean
check_end_user (DeskCommandLine  *self,
                GError          **error)
{
  g_autoptr(GError) email_error = NULL;

  if (self->end_user_email == NULL)
    {
      if (self->create_end_user)
        return bad_value (error, _("--create-end-user needs --end-user-email"));
      if (self->end_user_name != NULL)
        return bad_value (error, _("--end-user-name needs --end-user-email and "
                                   "--create-end-user"));
      return TRUE;
    }

  if (self->end_user_id != NULL)
    return bad_value (error, _("--end-user-email and --end-user-id cannot be combined; give "
                               "one of them"));

  if (!desk_check_email (self->end_user_email, &email_error))
    {
      /* Translators: %s is a sentence such as "Enter an email address like name@example.com." */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--end-user-email: %s"),
                   email_error->message);
      return FALSE;
    }

  /* Only a created end user takes a name: one found keeps its own. */
  if (self->end_user_name != NULL && !self->create_end_user)
    return bad_value (error, _("--end-user-name only applies with --create-end-user"));

  if (self->end_user_name != NULL && *self->end_user_name == '\0')
    return bad_value (error, _("--end-user-name needs a name"));

  if (self->print_curl)
    return bad_value (error, _("--print-curl sends nothing, so it cannot look up "
                               "--end-user-email; give --end-user-id instead"));

  return TRUE;
}

/* --callback-uri: an absolute http(s) address, for a hand-off attempt started at once. Whether
 * it is one of the request's callbacks is for the application to check, once the request's
 * redirect and cancel URIs are known (the environment's defaults may fill them). */
static gboolean
check_callback_uri (DeskCommandLine  *self,
                    GError          **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (self->callback_uri == NULL)
    return TRUE;

  if (g_strcmp0 (self->integration, "hand-off") != 0 || !self->start)
    return bad_value (error, _("--callback-uri only applies with --integration=hand-off "
                               "--start"));

  uri = g_uri_parse (self->callback_uri, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return bad_value (error, _("--callback-uri must be an absolute http or https address, "
                               "such as https://callback.example/done?code=…"));

  return TRUE;
}

static gboolean
check_choices (DeskCommandLine  *self,
               GError          **error)
{
  gboolean custom = self->environment != NULL &&
                    g_ascii_strcasecmp (self->environment, DESK_ENVIRONMENT_ID_CUSTOM) == 0;

  if (self->environment != NULL && *self->environment == '\0')
    return bad_value (error, _("--environment needs the id or name of an environment"));

  if (self->api_url != NULL)
    {
      g_autoptr(GError) url_error = NULL;

      if (!desk_environment_check_api_url (self->api_url, &url_error))
        {
          /* Translators: %s is a sentence saying what is wrong with the URL */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--api-url is not usable: %s"), url_error->message);
          return FALSE;
        }

      if (self->environment != NULL && !custom)
        return bad_value (error, _("--api-url implies --environment=custom; it cannot be "
                                   "combined with another environment"));
    }
  else if (custom)
    {
      return bad_value (error, _("--environment=custom needs --api-url"));
    }

  if (self->api_version != NULL &&
      g_strcmp0 (self->api_version, "v1") != 0 && g_strcmp0 (self->api_version, "v2") != 0)
    return bad_value (error, _("--api-version must be v1 or v2"));

  if (self->integration != NULL
      && !desk_integration_from_string (self->integration, &(DeskIntegration) { 0 }))
    return bad_value (error, _("--integration must be redirect, popup, embedded or hand-off"));

  if (self->sandbox_outcome != NULL && !desk_error_catalogue_is_ending (self->sandbox_outcome))
    return bad_value (error, _("--sandbox-outcome must be success or an error type of the "
                               "consent flow, such as CONSENT_ENDUSER_DENIED"));

  if (self->outcome_json != NULL && *self->outcome_json == '\0')
    return bad_value (error, _("--outcome-json needs a path, or - for standard output"));

  return check_evidence (self, error) && check_end_user (self, error) &&
         check_callback_uri (self, error);
}

DeskCommandLine *
desk_command_line_parse (GVariantDict  *options,
                         GError       **error)
{
  g_autoptr(DeskCommandLine) self = g_new0 (DeskCommandLine, 1);
  const char *since = NULL;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_variant_dict_lookup (options, "environment", "s", &self->environment);
  g_variant_dict_lookup (options, "api-url", "s", &self->api_url);
  g_variant_dict_lookup (options, "api-version", "s", &self->api_version);
  g_variant_dict_lookup (options, "end-user-id", "s", &self->end_user_id);
  g_variant_dict_lookup (options, "end-user-email", "s", &self->end_user_email);
  g_variant_dict_lookup (options, "create-end-user", "b", &self->create_end_user);
  g_variant_dict_lookup (options, "end-user-name", "s", &self->end_user_name);
  g_variant_dict_lookup (options, "redirect-uri", "s", &self->redirect_uri);
  g_variant_dict_lookup (options, "cancel-uri", "s", &self->cancel_uri);
  g_variant_dict_lookup (options, "institution-id", "s", &self->institution_id);
  g_variant_dict_lookup (options, "permission", "^as", &self->permissions);
  g_variant_dict_lookup (options, "integration", "s", &self->integration);
  g_variant_dict_lookup (options, "sandbox-outcome", "s", &self->sandbox_outcome);
  g_variant_dict_lookup (options, "start", "b", &self->start);
  g_variant_dict_lookup (options, "callback-uri", "s", &self->callback_uri);
  g_variant_dict_lookup (options, "outcome-json", "^ay", &self->outcome_json);
  g_variant_dict_lookup (options, "quit-on-outcome", "b", &self->quit_on_outcome);
  g_variant_dict_lookup (options, "har", "^ay", &self->har);
  g_variant_dict_lookup (options, "print-curl", "b", &self->print_curl);
  g_variant_dict_lookup (options, "history-json", "^ay", &self->history_json);
  if (g_variant_dict_lookup (options, "since", "&s", &since))
    {
      self->since = parse_since (since);
      if (self->since == NULL)
        {
          bad_value (error, _("--since must be an ISO 8601 date, or date and time, such as "
                              "2026-12-01 or 2026-12-01T09:30:00Z"));
          return NULL;
        }
    }

  if (!check_choices (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
desk_command_line_free (DeskCommandLine *self)
{
  if (self == NULL)
    return;

  g_free (self->environment);
  g_free (self->api_url);
  g_free (self->api_version);
  g_free (self->end_user_id);
  g_free (self->end_user_email);
  g_free (self->end_user_name);
  g_free (self->redirect_uri);
  g_free (self->cancel_uri);
  g_free (self->institution_id);
  g_strfreev (self->permissions);
  g_free (self->integration);
  g_free (self->sandbox_outcome);
  g_free (self->callback_uri);
  g_free (self->outcome_json);
  g_free (self->har);
  g_free (self->history_json);
  g_clear_pointer (&self->since, g_date_time_unref);
  g_free (self);
}

gboolean
desk_command_line_is_scripted (const DeskCommandLine *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->start || self->outcome_json != NULL || self->quit_on_outcome ||
         self->har != NULL;
}

gboolean
desk_command_line_is_local (const DeskCommandLine *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->print_curl || self->history_json != NULL;
}

G_DEFINE_QUARK (desk-command-line-error-quark, desk_command_line_error)

typedef struct
{
  char             *email;
  char             *name;
  gboolean          create;
  DeskFiskilClient *client;
  gboolean          created;
} ResolveData;

static void
resolve_data_free (gpointer data)
{
  ResolveData *resolve = data;

  g_free (resolve->email);
  g_free (resolve->name);
  g_clear_object (&resolve->client);
  g_free (resolve);
}

static void
end_user_created_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResolveData *resolve = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = desk_fiskil_client_create_end_user_finish (DESK_FISKIL_CLIENT (object), result, &error);
  if (id == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  resolve->created = TRUE;
  g_task_return_pointer (task, desk_end_user_new (id, resolve->email, resolve->name, NULL),
                         (GDestroyNotify) desk_end_user_free);
}

/* An API that ignored the query would list every end user: only the email's are matches. */
static GPtrArray *
matching_end_users (GPtrArray  *listed,
                    const char *email)
{
  GPtrArray *matches = g_ptr_array_new ();

  for (guint i = 0; i < listed->len; i++)
    {
      DeskEndUser *end_user = g_ptr_array_index (listed, i);

      if (end_user->email == NULL || g_ascii_strcasecmp (end_user->email, email) == 0)
        g_ptr_array_add (matches, end_user);
    }

  return matches;
}

static void
return_no_single_match (GTask     *task,
                        GPtrArray *matches,
                        const char *email)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  if (matches->len == 0)
    {
      g_task_return_new_error (task, DESK_COMMAND_LINE_ERROR,
                               DESK_COMMAND_LINE_ERROR_NO_END_USER,
                               /* Translators: %s is an email address */
                               _("--end-user-email: no end user has the email “%s”; add "
                                 "--create-end-user to create one"), email);
      return;
    }

  for (guint i = 0; i < matches->len; i++)
    g_string_append_printf (ids, i == 0 ? "%s" : ", %s",
                            ((DeskEndUser *) g_ptr_array_index (matches, i))->id);
  g_task_return_new_error (task, DESK_COMMAND_LINE_ERROR,
                           DESK_COMMAND_LINE_ERROR_SEVERAL_END_USERS,
                           /* Translators: %u is a count (2 or more), the first %s an email
                            * address, the second a list of end-user ids */
                           ngettext ("--end-user-email: %u end user has the email “%s”: %s; "
                                     "give the one you mean with --end-user-id",
                                     "--end-user-email: %u end users have the email “%s”: %s; "
                                     "give the one you mean with --end-user-id",
                                     matches->len),
                           matches->len, email, ids->str);
}

static void
end_users_found_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResolveData *resolve = g_task_get_task_data (task);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  listed = desk_fiskil_client_find_end_users_finish (DESK_FISKIL_CLIENT (object), result, &error);
  if (listed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  matches = matching_end_users (listed, resolve->email);
  if (matches->len == 1)
    {
      g_task_return_pointer (task, desk_end_user_copy (g_ptr_array_index (matches, 0)),
                             (GDestroyNotify) desk_end_user_free);
      return;
    }

  if (matches->len == 0 && resolve->create)
    {
      desk_fiskil_client_create_end_user_async (resolve->client, resolve->email, resolve->name,
                                                NULL, NULL, g_task_get_cancellable (task),
                                                end_user_created_cb, g_object_ref (task));
      return;
    }

  return_no_single_match (task, matches, resolve->email);
}

static void
client_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResolveData *resolve = g_task_get_task_data (task);
  GError *error = NULL;
  DeskFiskilClient *client;

  client = desk_environment_ensure_client_finish (DESK_ENVIRONMENT (object), result, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  resolve->client = client;  /* the reference _finish gave */
  desk_fiskil_client_find_end_users_async (client, resolve->email, g_task_get_cancellable (task),
                                           end_users_found_cb, g_object_ref (task));
}

void
desk_command_line_resolve_end_user_async (const DeskCommandLine *self,
                                          DeskEnvironment       *environment,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ResolveData *resolve;

  g_return_if_fail (self != NULL && self->end_user_email != NULL);
  g_return_if_fail (DESK_IS_ENVIRONMENT (environment));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_command_line_resolve_end_user_async);
  resolve = g_new0 (ResolveData, 1);
  resolve->email = g_strdup (self->end_user_email);
  resolve->name = g_strdup (self->end_user_name);
  resolve->create = self->create_end_user;
  g_task_set_task_data (task, resolve, resolve_data_free);

  desk_environment_ensure_client_async (environment, cancellable, client_ready_cb,
                                        g_steal_pointer (&task));
}

DeskEndUser *
desk_command_line_resolve_end_user_finish (GAsyncResult  *result,
                                           gboolean      *created,
                                           GError       **error)
{
  DeskEndUser *end_user;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  end_user = g_task_propagate_pointer (G_TASK (result), error);
  if (created != NULL)
    *created = end_user != NULL
               && ((ResolveData *) g_task_get_task_data (G_TASK (result)))->created;

  return end_user;
}

int
desk_command_line_error_exit_status (const GError *error)
{
  g_return_val_if_fail (error != NULL, 3);

  if (error->domain == DESK_COMMAND_LINE_ERROR || error->domain == DESK_ENVIRONMENT_ERROR
      || error->domain == G_OPTION_ERROR)
    return 2;

  return 3;
}
