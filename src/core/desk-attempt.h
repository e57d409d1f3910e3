/* desk-attempt.h — one auth session and its consent, from request to exactly one outcome
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "The flow": the attempt is the only maker of outcomes. Widgets report what happened
 * (a navigation they are asked to make, a load, a failure, a close) and the attempt decides,
 * records it in the timeline and, when it is the end, makes the outcome. No GTK, no WebKit.
 */
#pragma once

#include "desk-environment.h"
#include "desk-fiskil.h"
#include "desk-timeline.h"

G_BEGIN_DECLS

#define DESK_TYPE_ATTEMPT (desk_attempt_get_type ())

G_DECLARE_FINAL_TYPE (DeskAttempt, desk_attempt, DESK, ATTEMPT, GObject)

typedef enum
{
  DESK_ATTEMPT_STATE_NEW,         /* not started */
  DESK_ATTEMPT_STATE_PREPARING,   /* reading credentials, starting the Sandbox */
  DESK_ATTEMPT_STATE_CREATING,    /* POST /v1/auth/session in flight */
  DESK_ATTEMPT_STATE_CONSENTING,  /* session created; the consent page is open */
  DESK_ATTEMPT_STATE_CHECKING,    /* a success: confirming with Fiskil that the consent landed */
  DESK_ATTEMPT_STATE_FINISHED,    /* the outcome is set; nothing changes any more */
} DeskAttemptState;

/* design.md "Integration patterns"; the strings are the command line's and the outcome's. */
typedef enum
{
  DESK_INTEGRATION_REDIRECT,
  DESK_INTEGRATION_POPUP,
  DESK_INTEGRATION_EMBEDDED,
  DESK_INTEGRATION_HAND_OFF,
} DeskIntegration;

/* What a consent view does with an address a page wants to go to. */
typedef enum
{
  DESK_NAVIGATION_LOAD,    /* let it load */
  DESK_NAVIGATION_IGNORE,  /* never load it (a callback, a refused address, the attempt over) */
} DeskNavigationAction;

#define DESK_TYPE_ATTEMPT_STATE (desk_attempt_state_get_type ())
GType desk_attempt_state_get_type (void) G_GNUC_CONST;

const char             *desk_integration_to_string       (DeskIntegration integration);
gboolean                desk_integration_from_string     (const char      *string,
                                                          DeskIntegration *integration);

DeskAttempt            *desk_attempt_new                 (DeskEnvironment          *environment,
                                                          const DeskSessionRequest *request,
                                                          DeskIntegration           integration);

/* The end user found or created by email for this request (shown, and in the outcome's
 * end_user); call before desk_attempt_start(). */
void                    desk_attempt_set_end_user        (DeskAttempt       *self,
                                                          const DeskEndUser *end_user,
                                                          gboolean           created);

const DeskEndUser      *desk_attempt_get_end_user        (DeskAttempt       *self,
                                                          gboolean          *created);

/* Prepares the environment's client (credentials, the Sandbox), then creates the session. */
void                    desk_attempt_start               (DeskAttempt  *self);
/* The person cancelled: "cancelled" (a request in flight is cancelled too). */
void                    desk_attempt_cancel              (DeskAttempt  *self);
/* The window closed under it: "closed". */
void                    desk_attempt_close               (DeskAttempt  *self);

const char             *desk_attempt_get_id              (DeskAttempt  *self);
DeskAttemptState        desk_attempt_get_state           (DeskAttempt  *self);
DeskIntegration         desk_attempt_get_integration     (DeskAttempt  *self);
const DeskSessionRequest *desk_attempt_get_request       (DeskAttempt  *self);
DeskEnvironment        *desk_attempt_get_environment     (DeskAttempt  *self);
/* The API exchanges so far (DeskHttpExchange, secrets hidden), for its HAR; never NULL. */
GPtrArray              *desk_attempt_get_exchanges       (DeskAttempt  *self);
/* NULL until PREPARING is over. */
DeskFiskilClient       *desk_attempt_get_client          (DeskAttempt  *self);
/* NULL until the session is created. */
const DeskAuthSession  *desk_attempt_get_session         (DeskAttempt  *self);
/* NULL until FINISHED. */
const DeskOutcome      *desk_attempt_get_outcome         (DeskAttempt  *self);
/* What ended it before a session existed (credentials, the API), else NULL. */
const GError           *desk_attempt_get_error           (DeskAttempt  *self);
DeskTimeline           *desk_attempt_get_timeline        (DeskAttempt  *self);
/* Where the consent pages come from (the embedded pattern's accepted message origin). */
char                   *desk_attempt_dup_auth_origin     (DeskAttempt  *self);

/* From the consent view, in any frame or pop-up: the address a page wants to load. @via: how
 * ("link", "form", "redirect", "script", "new-window", "popup"; NULL: unknown). @method: "GET"
 * when NULL; for "POST" to a callback endpoint, @form_body is the submitted fields
 * (application/x-www-form-urlencoded) when the view could read them, else NULL. */
DeskNavigationAction    desk_attempt_decide_navigation   (DeskAttempt  *self,
                                                          const char   *uri,
                                                          const char   *via,
                                                          const char   *method,
                                                          const char   *form_body);
/* @event: "committed", "finished"; "failed" with @error (ends the attempt as a navigation
 * error). Loads stopped by Consent Desk itself are not reported. */
void                    desk_attempt_report_load         (DeskAttempt  *self,
                                                          const char   *uri,
                                                          const char   *event,
                                                          const char   *error);
void                    desk_attempt_report_tls_error    (DeskAttempt          *self,
                                                          const char           *uri,
                                                          GTlsCertificateFlags  errors);
/* A browser process ended under the page: @process "web" or "network"; @reason a word
 * ("crashed", "memory", "ended"). Ends the attempt as a navigation error. */
void                    desk_attempt_report_process_ended (DeskAttempt *self,
                                                           const char  *process,
                                                           const char  *reason);
/* Something the person should know that does not end the attempt (a download refused, …). */
void                    desk_attempt_report_notice       (DeskAttempt  *self,
                                                          const char   *code,
                                                          const char   *uri);

/*
 * Properties: "state" (DeskAttemptState, notify on every change), "session".
 * Signals:
 *   "finished" (const DeskOutcome *outcome) — once, after state is FINISHED.
 *   "notice" (const char *code, const char *uri) — a refused address or download: show it.
 *   "consent-watch" (guint n_listings, const GError *error, guint retry_in_ms) — hand-off only:
 *     one listing of the end user's consents came back without the new consent (@error NULL)
 *     or failed (@error set; a 429's Retry-After is honoured). @retry_in_ms: when the next
 *     listing goes out. Never ends the attempt by itself.
 */

/* Hand-off (design.md "Onboarding"): the address the customer's browser ended on, pasted from
 * a chat or an email, read with the same matcher and session check as a navigation
 * (callback.via "pasted"). TRUE: the attempt ends with it. FALSE, with a translated sentence
 * in @error (G_IO_ERROR_INVALID_ARGUMENT) saying what is wrong with it, when it is neither the
 * redirect nor the cancel URI (or G_IO_ERROR_NOT_SUPPORTED when the attempt is not waiting for
 * a customer): the attempt goes on. */
gboolean                desk_attempt_report_pasted       (DeskAttempt  *self,
                                                          const char   *text,
                                                          GError      **error);

/* The embedded pattern: a message event the integrator page saw. @data_json: the event's data
 * as the page serialised it (JSON.stringify; NULL when it could not be); @origin: the event's
 * origin as the browser reported it; @from_consent_frame: whether its source is the consent
 * iframe's window. Judged in C (desk_message_judge() against desk_attempt_dup_auth_origin());
 * an ignored one is recorded as a "message" event with its reason, an accepted one ends the
 * attempt (callback.via "message", the session check applied). Returns whether it was
 * accepted. */
gboolean                desk_attempt_report_message      (DeskAttempt  *self,
                                                          const char   *data_json,
                                                          const char   *origin,
                                                          gboolean      from_consent_frame);
/* The pop-up pattern: @event "opened", "closed" or "refused" (a second pop-up). "closed" while
 * the attempt runs ends it as "closed", as the person closing the window would. */
void                    desk_attempt_report_popup        (DeskAttempt  *self,
                                                          const char   *event);

G_END_DECLS
