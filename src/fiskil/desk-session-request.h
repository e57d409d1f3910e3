/* desk-session-request.h — what a person asks for: the body of POST /v1/auth/session
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DESK_TYPE_SESSION_REQUEST (desk_session_request_get_type ())

typedef struct
{
  char  *end_user_id;     /* required, opaque */
  char  *redirect_uri;    /* always sent */
  char  *cancel_uri;      /* always sent */
  char  *institution_id;  /* NULL or "" means not sent */
  GStrv  permissions;     /* NULL or empty means not sent; unknown names are sent as typed */
} DeskSessionRequest;

typedef enum
{
  DESK_REQUEST_FIELD_END_USER_ID,
  DESK_REQUEST_FIELD_REDIRECT_URI,
  DESK_REQUEST_FIELD_CANCEL_URI,
  DESK_REQUEST_FIELD_INSTITUTION_ID,
  DESK_REQUEST_FIELD_PERMISSIONS,
} DeskRequestField;

typedef enum
{
  DESK_PROBLEM_ERROR,    /* blocks sending */
  DESK_PROBLEM_WARNING,  /* shown, still sent (e.g. an unknown permission) */
} DeskProblemSeverity;

typedef struct
{
  DeskRequestField    field;
  DeskProblemSeverity severity;
  char               *message;  /* translated sentence, e.g. "Enter an end-user ID." */
} DeskRequestProblem;

/* Longest end-user ID we accept locally; Fiskil documents none, this only catches pasting accidents. */
#define DESK_END_USER_ID_MAX_LENGTH 256

GType               desk_session_request_get_type (void) G_GNUC_CONST;
DeskSessionRequest *desk_session_request_new      (const char               *end_user_id,
                                                   const char               *redirect_uri,
                                                   const char               *cancel_uri,
                                                   const char               *institution_id,
                                                   const char * const       *permissions);
DeskSessionRequest *desk_session_request_copy     (const DeskSessionRequest *self);
void                desk_session_request_free     (DeskSessionRequest       *self);

/* The API body: {"end_user_id", "redirect_uri", "cancel_uri"[, "institution_id"][, "permissions"]} */
JsonNode           *desk_session_request_to_json  (const DeskSessionRequest *self);

/* The exact bytes of the create-session body the client sends: compact JSON of _to_json(). */
char               *desk_session_request_to_body  (const DeskSessionRequest *self);

/* A shell command that sends the same request with curl: `curl -X POST '<base>/v1/auth/session'`
 * with the client's Accept and Content-Type headers, X-Fiskil-Version when @api_version is set,
 * `Authorization: Bearer $FISKIL_ACCESS_TOKEN` (the one double-quoted argument, so the shell
 * expands the variable: the token never appears) and `--data-raw` with _to_body(). Every other
 * argument is single-quoted, safe for any byte. Options go on their own lines, joined by a
 * backslash-newline. */
char               *desk_session_request_to_curl  (const DeskSessionRequest *self,
                                                   const char               *base_url,
                                                   const char               *api_version);

/* Every problem of every field, in field order; never NULL (empty when valid).
 * Elements are DeskRequestProblem, freed with the array. */
GPtrArray          *desk_session_request_validate (const DeskSessionRequest *self);
gboolean            desk_request_problems_have_errors (GPtrArray *problems);
void                desk_request_problem_free     (DeskRequestProblem       *problem);

/* Per-field checks, for inline validation while typing. FALSE with a translated message in
 * @error (G_IO_ERROR_INVALID_ARGUMENT) when the value is unusable. */
gboolean desk_validate_end_user_id    (const char *value, GError **error);
gboolean desk_validate_callback_uri   (const char *value, GError **error);
gboolean desk_validate_institution_id (const char *value, GError **error);  /* empty is fine */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSessionRequest, desk_session_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskRequestProblem, desk_request_problem_free)

G_END_DECLS
