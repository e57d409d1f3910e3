/* desk-attempt-handoff.c — the hand-off pattern: the customer finishes on their own device
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Onboarding a customer": the consent page is never loaded here. The end user's
 * consents are listed before the session is created, then watched every 5 s; a new or newly
 * active consent ends the attempt as a success via "consent-check". The address the customer's
 * browser ended on can be pasted instead (via "pasted").
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-attempt-private.h"
#include "desk-consent-source.h"

static void
snapshot_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DeskAttempt) self = user_data;
  g_autoptr(GPtrArray) listing = NULL;
  g_autoptr(GError) error = NULL;

  listing = desk_consent_source_list_finish (DESK_CONSENT_SOURCE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || desk_attempt_is_over (self))
    return;

  /* Without the list, the check falls back to any active consent for the institution
   * (design.md); the timeline says so, since an old consent could then pass for the new one. */
  if (listing == NULL)
    desk_timeline_add_notice (self->timeline, "consent-snapshot-failed", NULL);
  else
    self->snapshot = g_steal_pointer (&listing);

  desk_attempt_create_session (self);
}

void
desk_attempt_handoff_prepare (DeskAttempt *self)
{
  g_autoptr(DeskConsentSource) source = desk_consent_source_new_for_client (self->client);

  desk_consent_source_list_async (source, self->request->end_user_id, self->cancellable,
                                  snapshot_cb, g_object_ref (self));
}

static void
on_watch_found (DeskConsentPoller *poller,
                const DeskConsent *consent,
                DeskAttempt       *self)
{
  g_autoptr(DeskCallback) callback = NULL;
  DeskOutcome *outcome;

  desk_timeline_add_consent_check (self->timeline, "found",
                                   desk_consent_poller_get_n_listings (poller));

  /* No address: the consent Fiskil now lists is the proof (callback.via "consent-check"). */
  callback = desk_callback_new (NULL, DESK_CALLBACK_MATCH_NONE, DESK_CALLBACK_VIA_CONSENT_CHECK);
  outcome = desk_attempt_new_outcome (self, DESK_OUTCOME_SUCCESS);
  desk_outcome_set_callback (outcome, callback, "consent-check", NULL);
  outcome->consent_check = g_strdup ("found");
  outcome->consent = desk_attempt_consent_to_json (consent);

  desk_attempt_finish (self, outcome);
}

static void
on_watch_listed (DeskConsentPoller *poller,
                 guint              n_consents,
                 DeskAttempt       *self)
{
  g_signal_emit (self, desk_attempt_signals[DESK_ATTEMPT_SIGNAL_CONSENT_WATCH], 0,
                 desk_consent_poller_get_n_listings (poller), NULL,
                 (guint) DESK_CONSENT_POLL_INTERVAL_MS);
}

static void
on_watch_failed (DeskConsentPoller *poller,
                 const GError      *error,
                 guint              retry_in_ms,
                 DeskAttempt       *self)
{
  /* Never the end of the attempt: the customer may still finish (issue 12 "Bad input"). */
  desk_timeline_add_notice (self->timeline, "consent-listing-failed", NULL);
  g_signal_emit (self, desk_attempt_signals[DESK_ATTEMPT_SIGNAL_CONSENT_WATCH], 0,
                 desk_consent_poller_get_n_listings (poller), error, retry_in_ms);
}

static void
on_watch_expired (DeskConsentPoller *poller,
                  DeskAttempt       *self)
{
  if (!desk_attempt_is_over (self))
    desk_attempt_finish (self, desk_attempt_new_outcome (self, DESK_OUTCOME_EXPIRED));
}

void
desk_attempt_handoff_watch (DeskAttempt *self)
{
  g_autoptr(DeskConsentSource) source = desk_consent_source_new_for_client (self->client);

  g_assert (self->poller == NULL);

  self->poller = desk_consent_poller_new (source, NULL, self->request->end_user_id);
  desk_consent_poller_set_snapshot (self->poller, self->snapshot);
  desk_consent_poller_set_institution_id (self->poller, self->request->institution_id);
  g_signal_connect (self->poller, "found", G_CALLBACK (on_watch_found), self);
  g_signal_connect (self->poller, "listed", G_CALLBACK (on_watch_listed), self);
  g_signal_connect (self->poller, "poll-failed", G_CALLBACK (on_watch_failed), self);
  g_signal_connect (self->poller, "expired", G_CALLBACK (on_watch_expired), self);

  desk_consent_poller_watch (self->poller, desk_auth_session_get_local_expiry (self->session));
}

/* Stops the watch for good; the consent check after a pasted success makes its own poller. */
void
desk_attempt_handoff_stop (DeskAttempt *self)
{
  if (self->poller == NULL || self->checked != NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->poller, self);
  desk_consent_poller_cancel (self->poller);
  g_clear_object (&self->poller);
}

gboolean
desk_attempt_report_pasted (DeskAttempt  *self,
                            const char   *text,
                            GError      **error)
{
  g_autoptr(DeskCallback) callback = NULL;
  const DeskSessionRequest *request;

  g_return_val_if_fail (DESK_IS_ATTEMPT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->integration != DESK_INTEGRATION_HAND_OFF
      || self->state != DESK_ATTEMPT_STATE_CONSENTING)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This attempt is not waiting for a customer any more."));
      return FALSE;
    }

  request = self->request;
  callback = desk_callback_parse_pasted (text, request->redirect_uri, request->cancel_uri);
  if (callback == NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped == '\0')
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("Paste the whole address from the customer’s browser."));
      else if (desk_callback_match_endpoint (stripped, request->redirect_uri,
                                             request->cancel_uri) != DESK_CALLBACK_MATCH_NONE)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("This address is the callback’s, but without the parameters of "
                               "the redirect or cancel URI: ask the customer for the whole "
                               "address."));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("This is not the redirect or cancel URI of this session: ask "
                               "the customer for the address their browser showed at the end."));
      return FALSE;
    }

  desk_timeline_add_navigation (self->timeline, callback->uri, "callback", "pasted");
  desk_attempt_handoff_stop (self);
  desk_attempt_finish_with_callback (self, callback, "pasted");

  return TRUE;
}
