/* desk-attempt-reports.c — what consent views report to the attempt, and what it decides
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Callback matching": the pure rules of src/fiskil judge every address; this is
 * where their verdict becomes a timeline event, a notice, or the attempt's end.
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include "desk-attempt-private.h"
#include "desk-message.h"
#include "desk-navigation.h"

static void
desk_attempt_notice (DeskAttempt *self,
                     const char  *code,
                     const char  *uri)
{
  desk_timeline_add_notice (self->timeline, code, uri);
  g_signal_emit (self, desk_attempt_signals[DESK_ATTEMPT_SIGNAL_NOTICE], 0, code, uri);
}

/* Our callback: the outcome, after the session check (design.md). */
void
desk_attempt_finish_with_callback (DeskAttempt  *self,
                                   DeskCallback *callback,
                                   const char   *via)
{
  DeskSessionCheck check;
  DeskOutcome *outcome;

  if (callback->too_large)
    {
      desk_attempt_finish_navigation_error (self, DESK_NAVIGATION_ERROR_CALLBACK_TOO_LARGE,
                                            NULL, NULL);
      return;
    }

  outcome = desk_attempt_new_outcome (self, DESK_OUTCOME_SUCCESS);
  desk_outcome_set_callback (outcome, callback, via, NULL);

  check = desk_callback_check_session (callback, self->session->session_id);
  outcome->session_check = g_strdup (desk_session_check_to_string (check));
  /* Another session's success is never reported as consent granted. */
  if (check == DESK_SESSION_CHECK_MISMATCH)
    outcome->kind = DESK_OUTCOME_FAILURE;

  desk_attempt_finish (self, outcome);
}

DeskNavigationAction
desk_attempt_decide_navigation (DeskAttempt *self,
                                const char  *uri,
                                const char  *via,
                                const char  *method,
                                const char  *form_body)
{
  const DeskSessionRequest *request;
  g_autoptr(DeskCallback) callback = NULL;
  DeskAddressVerdict verdict;
  gboolean post = method != NULL && g_ascii_strcasecmp (method, "POST") == 0;

  g_return_val_if_fail (DESK_IS_ATTEMPT (self), DESK_NAVIGATION_IGNORE);
  g_return_val_if_fail (uri != NULL, DESK_NAVIGATION_IGNORE);

  if (self->state != DESK_ATTEMPT_STATE_CONSENTING)
    {
      desk_timeline_add_navigation (self->timeline, uri, "after-end", via);
      return DESK_NAVIGATION_IGNORE;
    }

  request = self->request;
  verdict = desk_navigation_classify (uri, request->redirect_uri, request->cancel_uri);
  desk_timeline_add_navigation (self->timeline, uri, desk_address_verdict_to_string (verdict),
                                via);

  switch (verdict)
    {
    case DESK_ADDRESS_ALLOWED:
      return DESK_NAVIGATION_LOAD;

    case DESK_ADDRESS_CALLBACK:
      callback = desk_callback_parse (uri, request->redirect_uri, request->cancel_uri);
      g_assert (callback != NULL);
      if (post && form_body == NULL)
        {
          /* Whatever the form said is unknown: never a success (design.md). */
          desk_attempt_finish_navigation_error (self, DESK_NAVIGATION_ERROR_UNREADABLE_POST,
                                                NULL, uri);
          return DESK_NAVIGATION_IGNORE;
        }
      if (post)
        desk_callback_add_form_params (callback, form_body);
      desk_attempt_finish_with_callback (self, callback, "navigation");
      return DESK_NAVIGATION_IGNORE;

    case DESK_ADDRESS_ENDPOINT:
      desk_attempt_notice (self, "endpoint-caught", uri);
      return DESK_NAVIGATION_IGNORE;

    case DESK_ADDRESS_REFUSED_SCHEME:
      desk_attempt_notice (self, "refused-scheme", uri);
      return DESK_NAVIGATION_IGNORE;

    case DESK_ADDRESS_REFUSED_INSECURE:
      desk_attempt_notice (self, "refused-insecure", uri);
      return DESK_NAVIGATION_IGNORE;

    default:
      g_assert_not_reached ();
    }
}

void
desk_attempt_report_load (DeskAttempt *self,
                          const char  *uri,
                          const char  *event,
                          const char  *error)
{
  g_return_if_fail (DESK_IS_ATTEMPT (self));
  g_return_if_fail (event != NULL);

  /* After the outcome, loads are the page winding down. */
  if (self->state != DESK_ATTEMPT_STATE_CONSENTING)
    return;

  desk_timeline_add_load (self->timeline, uri, event, error);

  if (g_str_equal (event, "failed"))
    desk_attempt_finish_navigation_error (self, DESK_NAVIGATION_ERROR_LOAD_FAILED, error, uri);
}

void
desk_attempt_report_tls_error (DeskAttempt          *self,
                               const char           *uri,
                               GTlsCertificateFlags  errors)
{
  g_autofree char *problem = NULL;

  g_return_if_fail (DESK_IS_ATTEMPT (self));

  if (self->state != DESK_ATTEMPT_STATE_CONSENTING)
    return;

  problem = desk_tls_errors_describe (errors);
  desk_timeline_add_load (self->timeline, uri, "failed", problem);
  desk_attempt_finish_navigation_error (self, DESK_NAVIGATION_ERROR_TLS, problem, uri);
}

void
desk_attempt_report_process_ended (DeskAttempt *self,
                                   const char  *process,
                                   const char  *reason)
{
  g_autofree char *code = NULL;

  g_return_if_fail (DESK_IS_ATTEMPT (self));
  g_return_if_fail (process != NULL);

  if (self->state != DESK_ATTEMPT_STATE_CONSENTING)
    return;

  code = g_strdup_printf ("%s-process-ended", process);
  desk_timeline_add_notice (self->timeline, code, NULL);
  desk_attempt_finish_navigation_error (self,
                                        g_str_equal (process, "network")
                                          ? DESK_NAVIGATION_ERROR_NETWORK_PROCESS
                                          : DESK_NAVIGATION_ERROR_WEB_PROCESS,
                                        reason, NULL);
}

void
desk_attempt_report_notice (DeskAttempt *self,
                            const char  *code,
                            const char  *uri)
{
  g_return_if_fail (DESK_IS_ATTEMPT (self));
  g_return_if_fail (code != NULL);

  if (self->state != DESK_ATTEMPT_STATE_CONSENTING)
    return;

  desk_attempt_notice (self, code, uri);
}

gboolean
desk_attempt_report_message (DeskAttempt *self,
                             const char  *data_json,
                             const char  *origin,
                             gboolean     from_consent_frame)
{
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(DeskCallback) callback = NULL;
  g_autofree char *auth_origin = NULL;
  const char *reason = "format";
  gsize length = data_json != NULL ? strlen (data_json) : 0;

  g_return_val_if_fail (DESK_IS_ATTEMPT (self), FALSE);

  if (self->state != DESK_ATTEMPT_STATE_CONSENTING)
    return FALSE;

  if (data_json != NULL)
    data = desk_message_parse_data (data_json, (gssize) length, &reason);
  if (data == NULL && length > DESK_MESSAGE_MAX_BYTES)
    reason = "too-large";

  if (data != NULL)
    {
      auth_origin = desk_attempt_dup_auth_origin (self);
      callback = desk_message_judge (data, length, origin != NULL ? origin : "",
                                     from_consent_frame, auth_origin,
                                     self->request->redirect_uri, self->request->cancel_uri,
                                     &reason);
    }

  /* Only a bounded, parsed message is kept: a huge or hostile one is recorded by its reason. */
  desk_timeline_add_message (self->timeline, origin, callback != NULL,
                             callback != NULL ? NULL : reason,
                             length <= DESK_MESSAGE_MAX_BYTES ? data : NULL);
  if (callback == NULL)
    return FALSE;

  desk_attempt_finish_with_callback (self, callback, "message");
  return TRUE;
}

void
desk_attempt_report_popup (DeskAttempt *self,
                           const char  *event)
{
  g_return_if_fail (DESK_IS_ATTEMPT (self));
  g_return_if_fail (event != NULL);

  if (self->state != DESK_ATTEMPT_STATE_CONSENTING)
    return;

  desk_timeline_add_popup (self->timeline, event);
  if (g_str_equal (event, "closed"))
    desk_attempt_close (self);
}
