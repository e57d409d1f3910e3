/* desk-consent-warm.h — the attempt's web view, made while its session is being created
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-attempt.h"

G_BEGIN_DECLS

/* While @attempt is PREPARING or CREATING: makes its own ephemeral network session, its user
 * content and its web view, and compiles its content filter, so that the consent view loads
 * the page the moment the session answers (desk_consent_warm_take() in desk-consent-web.h).
 * Only an empty document is loaded, which starts the view's web process; the consent page
 * then loads in that process. What is not taken by then is released the moment the attempt ends (an
 * API error, a cancel). Does nothing for a hand-off attempt, which never loads a page, or for
 * one past CREATING. */
void desk_consent_warm (DeskAttempt *attempt);

G_END_DECLS
