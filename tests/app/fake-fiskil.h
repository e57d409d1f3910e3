/* fake-fiskil.h — a Fiskil API on 127.0.0.1 that records what reached it, for the tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FakeFiskil FakeFiskil;

/* Listens on 127.0.0.1 and a free port. Its tokens are "tok-<name>-<n>". */
FakeFiskil *fake_fiskil_new                    (const char *name);
void        fake_fiskil_free                   (FakeFiskil *self);
/* "http://127.0.0.1:PORT" */
const char *fake_fiskil_get_url                (FakeFiskil *self);

/* The credentials POST /v1/token accepts (others get 401), and a ready token it accepts. */
void        fake_fiskil_accept_client          (FakeFiskil *self,
                                                const char *client_id,
                                                const char *client_secret);
void        fake_fiskil_accept_access_token    (FakeFiskil *self,
                                                const char *access_token);
/* POST /v1/auth/session answers with this status (200 by default: a session whose auth_url
 * is a quiet page of this server). */
void        fake_fiskil_set_session_status     (FakeFiskil *self,
                                                guint       status);

guint       fake_fiskil_get_token_requests     (FakeFiskil *self);
guint       fake_fiskil_get_session_requests   (FakeFiskil *self);
/* The client_id of the last POST /v1/token, or NULL. */
const char *fake_fiskil_get_last_client_id     (FakeFiskil *self);
/* The bearer token of the last POST /v1/auth/session, or NULL. */
const char *fake_fiskil_get_last_bearer        (FakeFiskil *self);
/* X-Fiskil-Version of the last request, or NULL when absent. */
const char *fake_fiskil_get_last_api_version   (FakeFiskil *self);
/* Bearer tokens seen that this server never issued nor accepts (another server's). */
guint       fake_fiskil_get_foreign_tokens     (FakeFiskil *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeFiskil, fake_fiskil_free)

G_END_DECLS
