/* desk-error-catalogue.c — every error_type of the consent flow, explained for support and QA
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-error-catalogue.h"

/* fiskil-api.md §7. The words are for a support person on the phone with a customer, or a QA
 * engineer filing a ticket: what happened, in plain terms, and what to do about it. */
static const DeskErrorTypeInfo catalogue[] = {
  {
    "CONSENT_ENDUSER_DENIED", "access_denied",
    N_("Consent refused"),
    N_("The customer cancelled the consent, or declined it at their bank or energy retailer. "
       "Nothing was shared."),
    N_("Ask the customer whether they meant to stop. If they want to go on, create a new "
       "session; they need to approve every step, including the final confirmation at their "
       "institution."),
    FALSE,
  },
  {
    "CONSENT_UPSTREAM_PROCESSING_ERROR", "server_error",
    N_("The institution had a problem"),
    N_("The customer’s bank or energy retailer failed while the consent was being set up. The "
       "problem is on the institution’s side, not in the customer’s details."),
    N_("Try again in a few minutes with a new session. If it keeps failing for this "
       "institution only, send Fiskil support the error ID and the institution’s name."),
    FALSE,
  },
  {
    "CONSUMERDATA_PROCESSING_ERROR", NULL,
    N_("Fiskil could not process the consent"),
    N_("Something went wrong inside Fiskil while it processed the consent. The customer did "
       "nothing wrong."),
    N_("Create a new session and let the customer try again. If it happens again, send Fiskil "
       "support the error ID, the session ID and the time of the attempt."),
    FALSE,
  },
  {
    "CONSENT_OTP_FAILURE", NULL,
    N_("One-time code not accepted"),
    N_("The customer’s institution could not verify the one-time code it sent by text message, "
       "email or app, so the customer could not log in."),
    N_("Ask the customer to check that their institution has their current phone number or "
       "email address, to use the newest code before it expires, and to type it without "
       "spaces. Then create a new session."),
    FALSE,
  },
  {
    "CONSENT_ENDUSER_INELIGIBLE", NULL,
    N_("Account not eligible for data sharing"),
    N_("The institution says this customer’s account cannot share data. Common reasons are a "
       "business or joint account the customer cannot authorise alone, an account type the "
       "institution does not share, or a login without the authority to consent."),
    N_("Ask the customer which account they chose and whether they manage it alone. They can "
       "try another account, or ask their institution to allow data sharing for this one; "
       "then create a new session."),
    FALSE,
  },
  {
    "CONSENT_TIMEOUT", NULL,
    N_("Consent timed out"),
    N_("The customer took too long to finish, so the consent process stopped. Nothing was "
       "shared."),
    N_("Create a new session when the customer is ready, and ask them to go through every "
       "step, including the login at their institution, without a long pause."),
    FALSE,
  },
  {
    "AUTH_SESSION_INVALID", NULL,
    N_("Session invalid or already used"),
    N_("The session had expired, had already been used, or was not recognised. A session works "
       "only once and only for a limited time."),
    N_("Create a new session and open it straight away. In an embedded flow, check that the "
       "page does not reuse the ID of an earlier session."),
    FALSE,
  },
  {
    "AUTH_SESSION_CANCELLED", NULL,
    N_("Session cancelled"),
    N_("The session was cancelled before the consent was finished, and it cannot be resumed."),
    N_("Create a new session and let the customer start again from the beginning."),
    FALSE,
  },
  {
    "AUTH_SESSION_NOT_FOUND", NULL,
    N_("Session not found"),
    N_("Fiskil did not recognise the session. Older versions of Fiskil’s consent flow reported "
       "this for a session ID that was wrong or had expired."),
    N_("Create a new session and open its link exactly as returned. If it keeps happening, "
       "check that the session was created in the same environment, with the same "
       "credentials."),
    TRUE,
  },
  {
    "AUTH_SESSION_TERMINAL", NULL,
    N_("Session already finished"),
    N_("The session had already ended, successfully or not, and cannot be used again. Older "
       "versions of Fiskil’s consent flow reported this."),
    N_("Create a new session for every attempt: sessions are single use."),
    TRUE,
  },
};

const DeskErrorTypeInfo *
desk_error_catalogue_get_all (gsize *n_entries)
{
  if (n_entries != NULL)
    *n_entries = G_N_ELEMENTS (catalogue);

  return catalogue;
}

const DeskErrorTypeInfo *
desk_error_catalogue_lookup (const char *error_type)
{
  if (error_type == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      if (g_str_equal (catalogue[i].error_type, error_type))
        return &catalogue[i];
    }

  return NULL;
}

static DeskErrorExplanation *
desk_error_explanation_new (const char *error_type,
                            gboolean    known,
                            char       *title,
                            char       *explanation,
                            char       *next_step)
{
  DeskErrorExplanation *self = g_new0 (DeskErrorExplanation, 1);

  self->error_type = g_strdup (error_type);
  self->known = known;
  self->title = title;
  self->explanation = explanation;
  self->next_step = next_step;

  return self;
}

DeskErrorExplanation *
desk_error_catalogue_explain (const char *error_type)
{
  const DeskErrorTypeInfo *info;

  /* The cancel URI was reached without an error_type: the customer left the flow, or the
   * institution gave no reason. Not in the catalogue, so not "known". */
  if (error_type == NULL || error_type[0] == '\0')
    return desk_error_explanation_new (error_type, FALSE,
                                       g_strdup (_("Consent was not completed")),
                                       g_strdup (_("The consent flow ended at the cancel URI "
                                                   "without saying why. The customer probably "
                                                   "cancelled or closed the flow; the error type "
                                                   "is unknown.")),
                                       g_strdup (_("Ask the customer what they saw before the "
                                                   "flow ended, then create a new session to "
                                                   "try again.")));

  info = desk_error_catalogue_lookup (error_type);

  /* fiskil-api.md §7: shown verbatim, never mapped to a near match. */
  if (info == NULL)
    return desk_error_explanation_new (error_type, FALSE,
                                       g_strdup_printf (_("Unknown error type “%s”"),
                                                        error_type),
                                       g_strdup_printf (_("Fiskil reported the error type "
                                                          "“%s”, which Consent Desk does not "
                                                          "know. It is shown exactly as "
                                                          "received."),
                                                        error_type),
                                       g_strdup (_("Read the error description and the error "
                                                   "URI if there are any, and send Fiskil "
                                                   "support the error ID of this attempt.")));

  return desk_error_explanation_new (error_type, TRUE,
                                     g_strdup (_(info->title)),
                                     g_strdup (_(info->explanation)),
                                     g_strdup (_(info->next_step)));
}

void
desk_error_explanation_free (DeskErrorExplanation *self)
{
  if (self == NULL)
    return;

  g_free (self->error_type);
  g_free (self->title);
  g_free (self->explanation);
  g_free (self->next_step);
  g_free (self);
}

gboolean
desk_error_catalogue_is_ending (const char *outcome)
{
  if (outcome == NULL)
    return FALSE;

  return g_str_equal (outcome, "success") || desk_error_catalogue_lookup (outcome) != NULL;
}
