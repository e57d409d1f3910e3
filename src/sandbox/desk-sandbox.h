/* desk-sandbox.h — the built-in Sandbox: Fiskil's API and consent UI, in-process on 127.0.0.1
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-sandbox-contract.h"

G_BEGIN_DECLS

#define DESK_TYPE_SANDBOX (desk_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (DeskSandbox, desk_sandbox, DESK, SANDBOX, GObject)

#define DESK_SANDBOX_DEFAULT_SESSION_LIFETIME (15 * 60)  /* seconds */

DeskSandbox *desk_sandbox_new                  (void);

/* Listens on 127.0.0.1 and a free port. Idempotent. */
gboolean     desk_sandbox_start                (DeskSandbox  *self,
                                                GError      **error);
/* Closes every listener and connection; idempotent; also done on finalize. */
void         desk_sandbox_stop                 (DeskSandbox  *self);
gboolean     desk_sandbox_is_running           (DeskSandbox  *self);

/* "http://127.0.0.1:PORT" (no trailing slash) while running, else NULL. The API lives under
 * /v1/…, the consent UI under /auth/…; both on this one origin. */
const char  *desk_sandbox_get_base_url         (DeskSandbox  *self);

/* Lifetime of sessions created from now on (tests use a few seconds). */
void         desk_sandbox_set_session_lifetime (DeskSandbox  *self,
                                                guint         seconds);
guint        desk_sandbox_get_session_lifetime (DeskSandbox  *self);

/* "success" or an error_type: the consent pages walk themselves, visibly and briefly, to that
 * ending. NULL: the tester chooses by hand. */
void         desk_sandbox_set_auto_outcome     (DeskSandbox  *self,
                                                const char   *outcome);
const char  *desk_sandbox_get_auto_outcome     (DeskSandbox  *self);
/* TRUE for "success" and for every error_type of the catalogue. */
gboolean     desk_sandbox_outcome_is_valid     (const char   *outcome);

/* A simulated remote customer: after @delay_ms, @session_id ends as if the customer had
 * walked the consent pages in their own browser to @outcome ("success" or an error_type).
 * A success records a new active consent for the session's end user (listed by GET
 * /v1/consent); a failure records none. A session already ended by then ends as
 * AUTH_SESSION_INVALID, an expired one as CONSENT_TIMEOUT, as the pages would. "remote-finished"
 * tells where the customer's browser went. FALSE, and nothing scheduled, for an unknown session.
 * Pending completions are dropped when the Sandbox is disposed. */
#define DESK_SANDBOX_REMOTE_CUSTOMER_DELAY_MS 3000  /* "a few seconds later" (design.md) */

gboolean     desk_sandbox_complete_remotely    (DeskSandbox  *self,
                                                const char   *session_id,
                                                const char   *outcome,
                                                guint         delay_ms);

/* Test knobs (the app's own tests and QA): each consent created from now on is left out of the
 * next @n_listings consent listings of its end user, as a lagging API would; and the next
 * @n_calls consent listings answer 429 with "Retry-After: 1". Both 0 by default. */
void         desk_sandbox_set_consent_lag        (DeskSandbox  *self,
                                                  guint         n_listings);
void         desk_sandbox_set_consent_rate_limit (DeskSandbox  *self,
                                                  guint         n_calls);

/*
 * Signals:
 *   "remote-finished" (const char *session_id, const char *callback_uri)
 *     A simulated remote customer finished: @callback_uri is the redirect URI with session_id,
 *     or the cancel URI with the error parameters, exactly as the browser would reach it.
 *
 * Properties: "base-url" (string, read-only; notified on start and stop), "running" (boolean,
 * read-only), "session-lifetime" (uint, seconds), "auto-outcome" (string, nullable).
 */

G_END_DECLS
