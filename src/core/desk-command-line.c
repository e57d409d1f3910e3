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
    N_("How the consent flow runs: in the page itself (redirect), in a pop-up window, or in an "
       "iframe that posts messages (embedded)"),
    "redirect|popup|embedded" },
  { "sandbox-outcome", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Make the Sandbox’s consent pages walk themselves to this ending: success, or an "
       "error type such as CONSENT_ENDUSER_DENIED"),
    "success|ERROR_TYPE" },
  { "start", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Create the session at once, from these options and the environment’s defaults"),
    NULL },
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
           "Exit status with --quit-on-outcome: 0 consent granted; 1 consent not granted "
           "(failure, expired, closed, navigation error); 2 invalid usage or input; 3 the "
           "session could not be created (API or network error).\n"
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
    return bad_value (error, _("--integration must be redirect, popup or embedded"));

  /* The engine knows the pattern, but no page shows the customer's link and QR code yet. */
  if (g_strcmp0 (self->integration, "hand-off") == 0)
    return bad_value (error, _("--integration=hand-off is not available in this version yet; "
                               "use redirect, popup or embedded"));

  if (self->sandbox_outcome != NULL && !desk_error_catalogue_is_ending (self->sandbox_outcome))
    return bad_value (error, _("--sandbox-outcome must be success or an error type of the "
                               "consent flow, such as CONSENT_ENDUSER_DENIED"));

  if (self->outcome_json != NULL && *self->outcome_json == '\0')
    return bad_value (error, _("--outcome-json needs a path, or - for standard output"));

  return check_evidence (self, error);
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
  g_variant_dict_lookup (options, "redirect-uri", "s", &self->redirect_uri);
  g_variant_dict_lookup (options, "cancel-uri", "s", &self->cancel_uri);
  g_variant_dict_lookup (options, "institution-id", "s", &self->institution_id);
  g_variant_dict_lookup (options, "permission", "^as", &self->permissions);
  g_variant_dict_lookup (options, "integration", "s", &self->integration);
  g_variant_dict_lookup (options, "sandbox-outcome", "s", &self->sandbox_outcome);
  g_variant_dict_lookup (options, "start", "b", &self->start);
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
  g_free (self->redirect_uri);
  g_free (self->cancel_uri);
  g_free (self->institution_id);
  g_strfreev (self->permissions);
  g_free (self->integration);
  g_free (self->sandbox_outcome);
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
