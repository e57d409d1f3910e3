/* desk-attempt.h — one created session and its consent, from request to exactly one outcome
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

#include "desk-fiskil.h"
#include "desk-timeline.h"

G_BEGIN_DECLS

#define DESK_TYPE_ATTEMPT (desk_attempt_get_type ())

G_DECLARE_FINAL_TYPE (DeskAttempt, desk_attempt, DESK, ATTEMPT, GObject)

typedef enum
{
  DESK_ATTEMPT_STATE_NEW,         /* not started */
  DESK_ATTEMPT_STATE_CREATING,    /* POST /v1/auth/session in flight */
  DESK_ATTEMPT_STATE_CONSENTING,  /* session created; the consent page is open */
  DESK_ATTEMPT_STATE_FINISHED,    /* the outcome is set; nothing changes any more */
} DeskAttemptState;

#define DESK_TYPE_ATTEMPT_STATE (desk_attempt_state_get_type ())
GType desk_attempt_state_get_type (void) G_GNUC_CONST;

/* @environment: "sandbox", "production", "custom" or a saved environment's id (for the outcome). */
DeskAttempt            *desk_attempt_new                 (DeskFiskilClient         *client,
                                                          const char               *environment,
                                                          const DeskSessionRequest *request);

/* Creates the session (async). API or network failure ends the attempt as "api-error". */
void                    desk_attempt_start               (DeskAttempt  *self);

/* "Cancel attempt" or the window closing: ends it as "closed" (cancels a request in flight). */
void                    desk_attempt_close               (DeskAttempt  *self);

DeskAttemptState        desk_attempt_get_state           (DeskAttempt  *self);
const DeskSessionRequest *desk_attempt_get_request       (DeskAttempt  *self);
const char             *desk_attempt_get_environment     (DeskAttempt  *self);
DeskFiskilClient       *desk_attempt_get_client          (DeskAttempt  *self);
/* NULL until the session is created. */
const DeskAuthSession  *desk_attempt_get_session         (DeskAttempt  *self);
/* NULL until FINISHED. */
const DeskOutcome      *desk_attempt_get_outcome         (DeskAttempt  *self);
/* The GError of an "api-error" ending (for the form's message), else NULL. */
const GError           *desk_attempt_get_api_error       (DeskAttempt  *self);
DeskTimeline           *desk_attempt_get_timeline        (DeskAttempt  *self);
/* This attempt's own ephemeral network session; created with the attempt, dropped when it ends. */
WebKitNetworkSession   *desk_attempt_get_network_session (DeskAttempt  *self);

/* Ending it from the consent view. Each is a no-op once FINISHED: an attempt ends exactly once. */
void desk_attempt_finish_with_callback         (DeskAttempt        *self,
                                                const DeskCallback *callback);
void desk_attempt_finish_with_navigation_error (DeskAttempt        *self,
                                                const char         *reason);
void desk_attempt_finish_expired               (DeskAttempt        *self);

/*
 * Properties: "state" (DeskAttemptState, notify on every change), "session".
 * Signals:    "finished" (const DeskOutcome *outcome) — emitted once, after state is FINISHED.
 */

G_END_DECLS
