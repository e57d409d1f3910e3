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

/*
 * Properties: "base-url" (string, read-only; notified on start and stop), "running" (boolean,
 * read-only), "session-lifetime" (uint, seconds), "auto-outcome" (string, nullable).
 */

G_END_DECLS
