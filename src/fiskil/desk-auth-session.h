/* desk-auth-session.h — Fiskil's answer to POST /v1/auth/session
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DESK_TYPE_AUTH_SESSION (desk_auth_session_get_type ())

typedef struct
{
  char   *id;          /* described by Fiskil as the team's client id */
  char   *session_id;
  char   *auth_url;    /* opened exactly as returned */
  gint64  expires_at;  /* Unix time, by the server's clock */
  gint64  clock_skew;  /* seconds the server's clock is ahead of ours (from the Date header); 0 if unknown */
} DeskAuthSession;

GType            desk_auth_session_get_type  (void) G_GNUC_CONST;
DeskAuthSession *desk_auth_session_new       (const char            *id,
                                              const char            *session_id,
                                              const char            *auth_url,
                                              gint64                 expires_at,
                                              gint64                 clock_skew);
/* Parses an answer body; DESK_FISKIL_ERROR_BAD_RESPONSE naming the first missing or mistyped
 * field. session_id and auth_url must be non-empty strings, auth_url an absolute http(s) URI,
 * expires_at an integer (a numeric string is accepted); id may be missing. */
DeskAuthSession *desk_auth_session_new_from_json (JsonNode          *node,
                                                  gint64             clock_skew,
                                                  GError           **error);
DeskAuthSession *desk_auth_session_copy      (const DeskAuthSession *self);
void             desk_auth_session_free      (DeskAuthSession       *self);

/* expires_at translated to our clock: expires_at - clock_skew. */
gint64           desk_auth_session_get_local_expiry (const DeskAuthSession *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskAuthSession, desk_auth_session_free)

G_END_DECLS
