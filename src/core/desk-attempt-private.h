/* desk-attempt-private.h — DeskAttempt's state and the one way it ends, shared with the
 * reports of its consent views (desk-attempt-reports.c)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-attempt.h"
#include "desk-consent-poller.h"

G_BEGIN_DECLS

struct _DeskAttempt
{
  GObject               parent_instance;

  char                 *id;
  DeskEnvironment      *environment;
  DeskIntegration       integration;
  DeskSessionRequest   *request;
  DeskEndUser          *end_user;         /* found or created by email, or NULL */
  gboolean              end_user_created;
  DeskFiskilClient     *client;           /* NULL until prepared */
  DeskAuthSession      *session;          /* NULL until created */
  DeskTimeline         *timeline;
  DeskOutcome          *outcome;          /* NULL until finished */
  GError               *error;            /* what ended it before a session existed */
  GCancellable         *cancellable;
  GDateTime            *started_at;
  GPtrArray            *exchanges;        /* DeskHttpExchange, redacted, in order */

  GPtrArray            *snapshot;         /* hand-off: DeskConsent listed before the session */
  DeskConsentPoller    *poller;           /* the hand-off watch, then the consent check */
  DeskOutcome          *checked;          /* the success waiting for that check */

  gulong                request_finished_id;
  gulong                exchange_finished_id;
  guint                 expiry_id;
  DeskAttemptState      state;
};

enum
{
  DESK_ATTEMPT_SIGNAL_FINISHED,
  DESK_ATTEMPT_SIGNAL_NOTICE,
  DESK_ATTEMPT_SIGNAL_CONSENT_WATCH,
  DESK_ATTEMPT_N_SIGNALS
};

extern guint desk_attempt_signals[DESK_ATTEMPT_N_SIGNALS];

gboolean     desk_attempt_is_over                 (DeskAttempt     *self);
/* A new outcome of @kind with the attempt's request, session, id and times. */
DeskOutcome *desk_attempt_new_outcome             (DeskAttempt     *self,
                                                   DeskOutcomeKind  kind);
/* The one way an attempt ends (takes @outcome); runs once. */
void         desk_attempt_finish                  (DeskAttempt     *self,
                                                   DeskOutcome     *outcome);
void         desk_attempt_finish_navigation_error (DeskAttempt     *self,
                                                   const char      *code,
                                                   const char      *detail,
                                                   const char      *uri);

/* The create-session request, once the client is ready (and, for a hand-off, the consents
 * listed). */
void         desk_attempt_create_session          (DeskAttempt     *self);
/* Our callback, from any channel: the outcome after the session check (@callback copied). */
void         desk_attempt_finish_with_callback    (DeskAttempt     *self,
                                                   DeskCallback    *callback,
                                                   const char      *via);

/* Hand-off (desk-attempt-handoff.c): list the consents, then create the session; once it is
 * created, watch for the new consent; stop watching (the attempt ended or a callback came). */
void         desk_attempt_handoff_prepare         (DeskAttempt     *self);
void         desk_attempt_handoff_watch           (DeskAttempt     *self);
void         desk_attempt_handoff_stop            (DeskAttempt     *self);

/* The consent as the listing gave it, in the API's own field names (the outcome's consent). */
JsonNode    *desk_attempt_consent_to_json         (const DeskConsent *consent);

/* After a success (desk-attempt-consent.c): TRUE when @outcome (taken) now waits for the
 * consent check, which finishes the attempt; FALSE when there is nothing to check. */
gboolean     desk_attempt_check_consent           (DeskAttempt     *self,
                                                   DeskOutcome     *outcome);
/* Ends a check in progress at once, the success unconfirmed. */
void         desk_attempt_stop_checking           (DeskAttempt     *self);
void         desk_attempt_set_checking            (DeskAttempt     *self);

G_END_DECLS
