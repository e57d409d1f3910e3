/* desk-sandbox-contract.h — what the built-in Sandbox promises every layer: its test
 * credentials and default callback URIs
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The environments (src/core) must know these before the Sandbox (src/sandbox) ever starts,
 * and neither layer may include the other: the contract lives below both.
 */
#pragma once

/* The credentials the Sandbox accepts at /v1/token. Not secrets: they only open the Sandbox. */
#define DESK_SANDBOX_CLIENT_ID      "sandbox-client"
#define DESK_SANDBOX_CLIENT_SECRET  "sandbox-secret"

/* The .invalid name guarantees nothing is reached even if a callback escaped interception. */
#define DESK_SANDBOX_DEFAULT_REDIRECT_URI "https://callback.consent-desk.invalid/done"
#define DESK_SANDBOX_DEFAULT_CANCEL_URI   "https://callback.consent-desk.invalid/cancel"
