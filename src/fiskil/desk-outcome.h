/* desk-outcome.h — how one attempt ended, and its JSON form (design.md's outcome contract)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "desk-api-error.h"
#include "desk-auth-session.h"
#include "desk-callback.h"
#include "desk-session-request.h"

G_BEGIN_DECLS

#define DESK_TYPE_OUTCOME (desk_outcome_get_type ())

typedef enum
{
  DESK_OUTCOME_SUCCESS,
  DESK_OUTCOME_FAILURE,
  DESK_OUTCOME_EXPIRED,
  DESK_OUTCOME_CLOSED,
  DESK_OUTCOME_API_ERROR,
  DESK_OUTCOME_NAVIGATION_ERROR,
} DeskOutcomeKind;

typedef struct
{
  DeskOutcomeKind     kind;
  char               *environment;        /* "sandbox", "production", "custom" or a saved id */
  char               *api_url;
  DeskSessionRequest *request;            /* never NULL once built */
  DeskAuthSession    *session;            /* NULL when no session was created */
  DeskCallback       *callback;           /* NULL unless a callback was captured */
  char               *error;              /* the five callback error fields; NULL when absent */
  char               *error_type;
  char               *error_description;
  char               *error_id;
  char               *error_uri;
  DeskApiError       *api_error;          /* NULL unless kind is API_ERROR */
  char               *detail;             /* a translated sentence for the UI (not in the JSON) */
  GDateTime          *started_at;
  GDateTime          *finished_at;
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

/* Sets callback, the five error fields from its parameters, and the kind (success/failure). */
void             desk_outcome_set_callback  (DeskOutcome        *self,
                                             const DeskCallback *callback);
void             desk_outcome_set_api_error (DeskOutcome        *self,
                                             const DeskApiError *api_error);
void             desk_outcome_set_detail    (DeskOutcome        *self,
                                             const char         *detail);
/* Stamps finished_at (now when NULL). */
void             desk_outcome_finish        (DeskOutcome        *self,
                                             GDateTime          *finished_at);

/* Exactly design.md's object; every key present, null when unknown; times ISO 8601 UTC. */
JsonNode        *desk_outcome_to_json        (const DeskOutcome *self);
char            *desk_outcome_to_json_string (const DeskOutcome *self,
                                              gboolean           pretty);

/* Exit status for --quit-on-outcome: 0 success, 1 not granted, 3 API error. */
int              desk_outcome_exit_status    (const DeskOutcome *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskOutcome, desk_outcome_free)

G_END_DECLS
