/* desk-json-readers.h — bounded JSON parsing and the readers for every Fiskil answer
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "desk-auth-session.h"
#include "desk-consent.h"
#include "desk-end-user.h"

G_BEGIN_DECLS

/* json-glib's parser recurses once per level: deeper input could overflow the stack. */
#define DESK_JSON_MAX_DEPTH          64
/* Caps on what an answer may hold (bytes of UTF-8); beyond them the answer is a bad one. */
#define DESK_JSON_MAX_STRING_LENGTH  4096          /* ids, names, emails, phones */
#define DESK_JSON_MAX_TOKEN_LENGTH   (16 * 1024)
#define DESK_JSON_MAX_URL_LENGTH     (64 * 1024)   /* auth_url */
#define DESK_JSON_MAX_LIST_LENGTH    10000         /* elements of a list answer or a strv */

/* Parses @data (@length bytes, or -1 for NUL-terminated) after checking, without recursion,
 * that no array or object nests deeper than @max_depth. Fails with G_IO_ERROR_INVALID_DATA for
 * too deep, empty or invalid JSON. Usable on any untrusted text, not only Fiskil's. */
JsonNode *desk_json_parse_bounded (const char  *data,
                                   gssize       length,
                                   guint        max_depth,
                                   GError     **error);

/* An answer body is never trusted: each reader fails with DESK_FISKIL_ERROR_BAD_RESPONSE naming
 * @member when it is missing (and required), of the wrong type or too long. JSON null counts as
 * missing. */

/* A required string must be non-empty; an optional one gives NULL when missing. At most
 * DESK_JSON_MAX_STRING_LENGTH bytes, or @max_length for the _max variant. */
gboolean desk_json_read_string     (JsonObject   *object,
                                    const char   *member,
                                    gboolean      required,
                                    char        **out,
                                    GError      **error);
gboolean desk_json_read_string_max (JsonObject   *object,
                                    const char   *member,
                                    gboolean      required,
                                    gsize         max_length,
                                    char        **out,
                                    GError      **error);
gboolean desk_json_read_boolean    (JsonObject   *object,
                                    const char   *member,
                                    gboolean     *out,
                                    GError      **error);
/* An integer, an integral number or a numeric string; @default_value when missing. */
gboolean desk_json_read_int64      (JsonObject   *object,
                                    const char   *member,
                                    gint64        default_value,
                                    gint64       *out,
                                    GError      **error);
/* Unix time as for desk_json_read_int64(), or an ISO 8601 string; 0 when missing. */
gboolean desk_json_read_time       (JsonObject   *object,
                                    const char   *member,
                                    gint64       *out,
                                    GError      **error);
/* An array of strings; an empty vector when missing. */
gboolean desk_json_read_strv       (JsonObject   *object,
                                    const char   *member,
                                    GStrv        *out,
                                    GError      **error);

GError  *desk_json_missing_field_error (const char *member);
GError  *desk_json_invalid_field_error (const char *member);

/* The readers of whole answers, one per model. Each takes the parsed root of a 2xx answer and
 * gives a new model, or NULL with a BAD_RESPONSE error. */
typedef gpointer (*DeskJsonReadFunc) (JsonNode  *node,
                                      gint64     clock_skew,
                                      GError   **error);

typedef struct
{
  char   *token;     /* visible ASCII only: it goes into a header */
  gint64  lifetime;  /* seconds; 900 when the answer gives none */
} DeskTokenGrant;

void             desk_token_grant_free       (DeskTokenGrant *grant);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskTokenGrant, desk_token_grant_free)

/* A bearer token goes into a header: only visible ASCII, so no answer can inject a line. */
gboolean         desk_json_token_is_usable   (const char *token);

DeskTokenGrant  *desk_json_read_token        (JsonNode  *node,
                                              GError   **error);
DeskAuthSession *desk_json_read_auth_session (JsonNode  *node,
                                              gint64     clock_skew,
                                              GError   **error);
char            *desk_json_read_end_user_id  (JsonNode  *node,
                                              GError   **error);
/* GPtrArray of DeskEndUser / DeskConsent. */
GPtrArray       *desk_json_read_end_users    (JsonNode  *node,
                                              GError   **error);
GPtrArray       *desk_json_read_consents     (JsonNode  *node,
                                              GError   **error);

/* The body of an error answer: every field optional, never fails. Strings are as sent (valid
 * UTF-8 only, else NULL) and must be cleaned before anyone sees them. */
typedef struct
{
  char     *id;
  char     *name;
  char     *message;
  gboolean  temporary;  /* goa's "temporary" or "timeout" flag */
} DeskErrorBody;

void           desk_error_body_free      (DeskErrorBody *body);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskErrorBody, desk_error_body_free)

/* @node may be NULL or anything; gives an empty DeskErrorBody for what is not an object. */
DeskErrorBody *desk_json_read_error_body (JsonNode *node);

G_END_DECLS
