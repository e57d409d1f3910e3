/* desk-application-handoff.c — the Sandbox's simulated remote customer for hand-off attempts
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Onboarding a customer": with an automatic Sandbox outcome (--sandbox-outcome), a
 * hand-off attempt's customer finishes on "their own device" a few seconds after the link is
 * shown. A success leaves a new consent that the attempt's own consent watch finds. A failure
 * leaves none: in the real world the customer would send the address their browser ended on
 * and the agent would paste it, so that address is handed to the attempt as if pasted.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include "desk-application-private.h"

/* The running hand-off attempt that @session_id belongs to, or NULL. */
static DeskAttempt *
find_waiting_attempt (DeskApplication *self,
                      const char      *session_id)
{
  DeskAttempt *attempt = desk_attempt_manager_get_current (self->manager);
  const DeskAuthSession *session;

  if (attempt == NULL || desk_attempt_get_integration (attempt) != DESK_INTEGRATION_HAND_OFF
      || desk_attempt_get_state (attempt) != DESK_ATTEMPT_STATE_CONSENTING)
    return NULL;

  session = desk_attempt_get_session (attempt);
  if (session == NULL || g_strcmp0 (session->session_id, session_id) != 0)
    return NULL;

  return attempt;
}

static void
on_remote_finished (DeskSandbox     *sandbox,
                    const char      *session_id,
                    const char      *callback_uri,
                    DeskApplication *self)
{
  DeskAttempt *attempt = find_waiting_attempt (self, session_id);
  const DeskSessionRequest *request;
  g_autoptr(DeskCallback) callback = NULL;
  g_autoptr(GError) error = NULL;

  if (attempt == NULL)
    return;

  /* A success is for the consent watch to find, as it would find a real customer's. */
  request = desk_attempt_get_request (attempt);
  callback = desk_callback_parse (callback_uri, request->redirect_uri, request->cancel_uri);
  if (callback == NULL || !desk_callback_is_failure (callback))
    return;

  if (!desk_attempt_report_pasted (attempt, callback_uri, &error))
    g_warning ("The simulated customer's address was refused: %s", error->message);
}

static void
on_attempt_state (DeskAttempt     *attempt,
                  GParamSpec      *pspec,
                  DeskApplication *self)
{
  const DeskAuthSession *session = desk_attempt_get_session (attempt);
  const char *outcome;

  if (desk_attempt_get_state (attempt) != DESK_ATTEMPT_STATE_CONSENTING)
    return;

  /* Once per attempt: the link is shown now, or never. */
  g_signal_handlers_disconnect_by_func (attempt, on_attempt_state, self);

  outcome = self->sandbox != NULL ? desk_sandbox_get_auto_outcome (self->sandbox) : NULL;
  if (outcome == NULL || session == NULL)
    return;

  if (g_signal_handler_find (self->sandbox, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0,
                             NULL, on_remote_finished, self) == 0)
    g_signal_connect_object (self->sandbox, "remote-finished",
                             G_CALLBACK (on_remote_finished), self, 0);

  desk_sandbox_complete_remotely (self->sandbox, session->session_id, outcome,
                                  DESK_SANDBOX_REMOTE_CUSTOMER_DELAY_MS);
}

static void
on_attempt_started (DeskAttemptManager *manager,
                    DeskAttempt        *attempt,
                    DeskApplication    *self)
{
  if (desk_attempt_get_integration (attempt) != DESK_INTEGRATION_HAND_OFF
      || desk_environment_get_kind (desk_attempt_get_environment (attempt))
         != DESK_ENVIRONMENT_SANDBOX)
    return;

  g_signal_connect_object (attempt, "notify::state", G_CALLBACK (on_attempt_state), self, 0);
}

void
desk_application_handoff_startup (DeskApplication *self)
{
  g_return_if_fail (DESK_IS_APPLICATION (self));
  g_return_if_fail (self->manager != NULL);

  g_signal_connect_object (self->manager, "attempt-started",
                           G_CALLBACK (on_attempt_started), self, 0);
}
