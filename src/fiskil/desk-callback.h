/* desk-callback.h — matching a navigation against the redirect and cancel URIs, and reading it
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are design.md's "Callback matching": parsed URIs, never prefixes.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DESK_TYPE_CALLBACK (desk_callback_get_type ())

typedef enum
{
  DESK_CALLBACK_MATCH_NONE,
  DESK_CALLBACK_MATCH_REDIRECT,
  DESK_CALLBACK_MATCH_CANCEL,
} DeskCallbackMatch;

typedef struct
{
  char     *key;            /* form-decoded, valid UTF-8 (invalid bytes become U+FFFD) */
  char     *value;          /* form-decoded, valid UTF-8; "" for a bare key */
  gboolean  from_fragment;  /* read from the fragment rather than the query */
} DeskCallbackParam;

typedef struct
{
  char              *uri;      /* the candidate exactly as navigated to */
  DeskCallbackMatch  matched;  /* REDIRECT or CANCEL */
  GPtrArray         *params;   /* DeskCallbackParam: query first, then fragment, in order, repeats kept */
  gboolean           too_large;  /* more than could be read: the outcome says so */
} DeskCallback;

/* design.md "The session check". */
typedef enum
{
  DESK_SESSION_CHECK_MATCH,
  DESK_SESSION_CHECK_MISMATCH,
  DESK_SESSION_CHECK_ABSENT,
} DeskSessionCheck;

/* TRUE when @candidate is the @configured callback URI under design.md's rules. */
gboolean          desk_callback_uri_matches (const char *configured,
                                             const char *candidate);

/* Which configured URI @candidate reaches (redirect is checked first); NONE for NULL URIs. */
DeskCallbackMatch desk_callback_match       (const char *candidate,
                                             const char *redirect_uri,
                                             const char *cancel_uri);

const char       *desk_callback_match_to_string (DeskCallbackMatch match);  /* "redirect", "cancel", NULL */

GType         desk_callback_get_type      (void) G_GNUC_CONST;
/* NULL when @candidate matches neither URI. */
DeskCallback *desk_callback_parse         (const char         *candidate,
                                           const char         *redirect_uri,
                                           const char         *cancel_uri);
DeskCallback *desk_callback_copy          (const DeskCallback *self);
void          desk_callback_free          (DeskCallback       *self);

/* The first value of @key (query before fragment), or NULL. */
const char   *desk_callback_get_param     (const DeskCallback *self,
                                           const char         *key);
/* Any "error" or "error_type" parameter, whichever URI matched; or the cancel URI. */
gboolean      desk_callback_is_failure    (const DeskCallback *self);

/* Appends the fields of a form POSTed to the callback (application/x-www-form-urlencoded). */
void          desk_callback_add_form_params (DeskCallback     *self,
                                             const char       *form_body);

/* A success callback carrying a session_id must carry @session_id. */
DeskSessionCheck desk_callback_check_session (const DeskCallback *self,
                                              const char         *session_id);
const char      *desk_session_check_to_string (DeskSessionCheck check);  /* "match", … */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCallback, desk_callback_free)

G_END_DECLS
