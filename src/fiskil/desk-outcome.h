/* desk-outcome.h — how one attempt ended, and its JSON form (design.md's outcome contract)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only data: the attempt (src/core) makes outcomes, widgets turn them into words with the
 * title and summary functions below, which are the one place those words exist.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "desk-api-error.h"
#include "desk-auth-session.h"
#include "desk-callback.h"
#include "desk-end-user.h"
#include "desk-session-request.h"

G_BEGIN_DECLS

#define DESK_TYPE_OUTCOME (desk_outcome_get_type ())

typedef enum
{
  DESK_OUTCOME_SUCCESS,
  DESK_OUTCOME_FAILURE,
  DESK_OUTCOME_EXPIRED,
  DESK_OUTCOME_CANCELLED,         /* the person cancelled the attempt */
  DESK_OUTCOME_CLOSED,            /* the window (or the pop-up) closed under it */
  DESK_OUTCOME_API_ERROR,
  DESK_OUTCOME_NAVIGATION_ERROR,
  DESK_OUTCOME_INTERRUPTED,       /* the history only: the process ended before the outcome */
} DeskOutcomeKind;

/* What Consent Desk itself puts in "error" for a navigation error (the page, not Fiskil). */
#define DESK_NAVIGATION_ERROR_LOAD_FAILED        "load-failed"
#define DESK_NAVIGATION_ERROR_TLS                "tls"
#define DESK_NAVIGATION_ERROR_WEB_PROCESS        "web-process-ended"
#define DESK_NAVIGATION_ERROR_NETWORK_PROCESS    "network-process-ended"
#define DESK_NAVIGATION_ERROR_REFUSED_AUTH_URL   "refused-auth-url"
#define DESK_NAVIGATION_ERROR_CALLBACK_TOO_LARGE "callback-too-large"
#define DESK_NAVIGATION_ERROR_UNREADABLE_POST    "unreadable-form-post"

typedef struct
{
  DeskOutcomeKind     kind;
  char               *attempt_id;         /* a UUID */
  char               *integration;        /* "redirect", "popup", "embedded", "hand-off" */
  char               *environment;        /* "sandbox", "production", "custom" or a saved id */
  char               *api_url;
  DeskEndUser        *end_user;           /* NULL unless found or created by email */
  gboolean            end_user_created;
  DeskSessionRequest *request;            /* never NULL once built */
  DeskAuthSession    *session;            /* NULL when no session was created */
  DeskCallback       *callback;           /* NULL unless a callback was captured */
  char               *callback_via;       /* "navigation", "message", "pasted", "consent-check" */
  JsonNode           *callback_message;   /* the accepted postMessage data, or NULL */
  char               *session_check;      /* "match", "mismatch", "absent" or NULL */
  char               *consent_check;      /* "found", "not-found", "failed" or NULL */
  JsonNode           *consent;            /* the consent as the API returned it, or NULL */
  char               *error;              /* the five callback error fields; NULL when absent. */
  char               *error_type;         /* For a navigation error: error is one of */
  char               *error_description;  /* DESK_NAVIGATION_ERROR_*, error_description the */
  char               *error_id;           /* technical detail (untranslated), error_uri the */
  char               *error_uri;          /* address at fault. */
  DeskApiError       *api_error;          /* NULL unless kind is API_ERROR */
  GDateTime          *started_at;
  GDateTime          *finished_at;
  JsonNode           *timeline;           /* a JSON array of events, or NULL (empty) */
} DeskOutcome;

GType            desk_outcome_get_type   (void) G_GNUC_CONST;
const char      *desk_outcome_kind_to_string (DeskOutcomeKind kind);  /* "api-error", … */
gboolean         desk_outcome_kind_from_string (const char *string, DeskOutcomeKind *kind);

/* Takes copies of everything. started_at: now when NULL. */
DeskOutcome     *desk_outcome_new        (DeskOutcomeKind           kind,
                                          const char               *environment,
                                          const char               *api_url,
                                          const DeskSessionRequest *request,
                                          const DeskAuthSession    *session,
                                          GDateTime                *started_at);
DeskOutcome     *desk_outcome_copy       (const DeskOutcome *self);
void             desk_outcome_free       (DeskOutcome       *self);

/* Sets callback, the five error fields from its parameters, and the kind (success/failure).
 * @via: "navigation" when NULL. @message: the accepted message (copied) or NULL. */
void             desk_outcome_set_callback  (DeskOutcome        *self,
                                             const DeskCallback *callback,
                                             const char         *via,
                                             JsonNode           *message);
void             desk_outcome_set_api_error (DeskOutcome        *self,
                                             const DeskApiError *api_error);
/* A navigation error: @code is one of DESK_NAVIGATION_ERROR_*, @detail technical text, @uri the
 * address at fault (each may be NULL but @code). */
void             desk_outcome_set_navigation_error (DeskOutcome *self,
                                                    const char  *code,
                                                    const char  *detail,
                                                    const char  *uri);
void             desk_outcome_set_end_user  (DeskOutcome        *self,
                                             const DeskEndUser  *end_user,
                                             gboolean            created);
/* Takes @timeline (a JSON array node). */
void             desk_outcome_take_timeline (DeskOutcome        *self,
                                             JsonNode           *timeline);
/* Stamps finished_at (now when NULL). */
void             desk_outcome_finish        (DeskOutcome        *self,
                                             GDateTime          *finished_at);

/* Exactly design.md's object; every key present, null when unknown; times ISO 8601 UTC. */
JsonNode        *desk_outcome_to_json        (const DeskOutcome *self);
char            *desk_outcome_to_json_string (const DeskOutcome *self,
                                              gboolean           pretty);
/* Reads what desk_outcome_to_json() writes (and the history's "interrupted" ones). */
DeskOutcome     *desk_outcome_new_from_json  (JsonNode          *node,
                                              GError           **error);

/* Exit status for --quit-on-outcome: 0 success, 1 not granted, 3 API error. */
int              desk_outcome_exit_status    (const DeskOutcome *self);

/* The words for an outcome, in one place (translated): a title ("Consent granted", the error
 * type's plain-words title, …) and a sentence or two saying what happened and what to do. */
const char      *desk_outcome_get_title      (const DeskOutcome *self);
char            *desk_outcome_get_summary    (const DeskOutcome *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskOutcome, desk_outcome_free)

G_END_DECLS
