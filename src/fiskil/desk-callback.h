/* desk-callback.h — matching a navigation against the redirect and cancel URIs, and reading it
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are design.md's "Callback matching": parsed, normalised URIs, never prefixes.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DESK_TYPE_CALLBACK (desk_callback_get_type ())

/* Beyond these a callback is cut short and marked too_large: the first parameters are kept. */
#define DESK_CALLBACK_MAX_PARAMS 1000
#define DESK_CALLBACK_MAX_BYTES  (64 * 1024)

typedef enum
{
  DESK_CALLBACK_MATCH_NONE,
  DESK_CALLBACK_MATCH_REDIRECT,
  DESK_CALLBACK_MATCH_CANCEL,
} DeskCallbackMatch;

/* The channel that ended the attempt (design.md "Integration patterns"). */
typedef enum
{
  DESK_CALLBACK_VIA_NAVIGATION,
  DESK_CALLBACK_VIA_MESSAGE,
  DESK_CALLBACK_VIA_PASTED,
  DESK_CALLBACK_VIA_CONSENT_CHECK,
} DeskCallbackVia;

typedef enum
{
  DESK_CALLBACK_SOURCE_QUERY,
  DESK_CALLBACK_SOURCE_FRAGMENT,
  DESK_CALLBACK_SOURCE_FORM,     /* the urlencoded body of a form POSTed to the endpoint */
  DESK_CALLBACK_SOURCE_MESSAGE,  /* a field of an accepted postMessage */
} DeskCallbackSource;

typedef enum
{
  DESK_SESSION_CHECK_MATCH,
  DESK_SESSION_CHECK_MISMATCH,
  DESK_SESSION_CHECK_ABSENT,
} DeskSessionCheck;

typedef struct
{
  char               *key;            /* form-decoded, valid UTF-8 (bad bytes become U+FFFD) */
  char               *value;          /* form-decoded, valid UTF-8; "" for a bare key */
  gboolean            from_fragment;  /* source == DESK_CALLBACK_SOURCE_FRAGMENT */
  DeskCallbackSource  source;
} DeskCallbackParam;

typedef struct
{
  char              *uri;        /* the candidate as navigated to; for a message, its redirect
                                  * URL resolved, or NULL */
  DeskCallbackMatch  matched;    /* REDIRECT or CANCEL */
  GPtrArray         *params;     /* DeskCallbackParam: query, fragment, form, in order, repeats
                                  * kept */
  DeskCallbackVia    via;
  JsonNode          *message;    /* the accepted postMessage data, or NULL */
  gboolean           user_info;  /* the URI carried "user@": suspicious, recorded */
  gboolean           too_large;  /* params were cut at DESK_CALLBACK_MAX_PARAMS / _BYTES */
} DeskCallback;

/* TRUE when @candidate is the @configured callback URI: the same endpoint (scheme, host,
 * effective port, normalised path) and every configured query parameter present. */
gboolean          desk_callback_uri_matches (const char *configured,
                                             const char *candidate);
/* TRUE when @candidate reaches @configured's endpoint, whatever its query. */
gboolean          desk_callback_uri_reaches_endpoint (const char *configured,
                                                      const char *candidate);

/* Which configured URI @candidate is (redirect is checked first); NONE for NULL URIs. */
DeskCallbackMatch desk_callback_match       (const char *candidate,
                                             const char *redirect_uri,
                                             const char *cancel_uri);
/* Which configured endpoint @candidate reaches, query parameters aside. A candidate that
 * reaches one but is not a callback (desk_callback_match() gives NONE) must still be caught. */
DeskCallbackMatch desk_callback_match_endpoint (const char *candidate,
                                                const char *redirect_uri,
                                                const char *cancel_uri);

/* NULL when @uri can serve as a redirect or cancel URI, else a translated sentence saying why
 * it cannot be compared safely with the addresses a browser reaches. */
char             *desk_callback_check_configured_uri (const char *uri);

const char       *desk_callback_match_to_string (DeskCallbackMatch match);  /* "redirect", "cancel", NULL */
const char       *desk_callback_via_to_string   (DeskCallbackVia via);      /* "navigation", … */
const char       *desk_session_check_to_string  (DeskSessionCheck check);   /* "match", … */

GType         desk_callback_get_type      (void) G_GNUC_CONST;
/* NULL when @candidate matches neither URI; via is NAVIGATION (the caller may change it). */
DeskCallback *desk_callback_parse         (const char         *candidate,
                                           const char         *redirect_uri,
                                           const char         *cancel_uri);
/* An address pasted from a chat or an email (hand-off): surrounding whitespace ignored, then
 * read as desk_callback_parse() reads a navigation; via is PASTED. */
DeskCallback *desk_callback_parse_pasted  (const char         *text,
                                           const char         *redirect_uri,
                                           const char         *cancel_uri);
/* An empty callback, for channels without a URI (a message, a consent check). */
DeskCallback *desk_callback_new           (const char         *uri,
                                           DeskCallbackMatch   matched,
                                           DeskCallbackVia     via);
DeskCallback *desk_callback_copy          (const DeskCallback *self);
void          desk_callback_free          (DeskCallback       *self);

/* Appends one parameter, unless the limits are reached (then too_large is set). */
void          desk_callback_add_param     (DeskCallback       *self,
                                           const char         *key,
                                           const char         *value,
                                           DeskCallbackSource  source);
/* Reads "k=v&k=v" (form-decoded) into params with @source, within the limits. */
void          desk_callback_add_form      (DeskCallback       *self,
                                           const char         *encoded,
                                           gssize              length,
                                           DeskCallbackSource  source);
/* The fields of a form POSTed to the endpoint (application/x-www-form-urlencoded), read like
 * the query (source FORM), within the same limits. */
void          desk_callback_add_form_params (DeskCallback     *self,
                                             const char       *form_body);

/* The first value of @key (query, fragment, form, message, in that order), or NULL. */
const char   *desk_callback_get_param     (const DeskCallback *self,
                                           const char         *key);
/* Any "error" or "error_type" parameter, whichever URI matched; or the cancel URI; or
 * too_large (an error may be among the parameters that were dropped). */
gboolean      desk_callback_is_failure    (const DeskCallback *self);

/* design.md "The session check": the callback's session_id against the created session's
 * (@session_id may be NULL: then any carried session_id is a mismatch). */
DeskSessionCheck desk_callback_check_session (const DeskCallback *callback,
                                              const char         *session_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCallback, desk_callback_free)

G_END_DECLS
