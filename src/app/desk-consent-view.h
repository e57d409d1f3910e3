/* desk-consent-view.h — the attempt's web view, its private network session and address bar
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "desk-attempt.h"

G_BEGIN_DECLS

#define DESK_TYPE_CONSENT_VIEW (desk_consent_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskConsentView, desk_consent_view, DESK, CONSENT_VIEW, GtkWidget)

DeskConsentView *desk_consent_view_new             (void);

/* Follows @attempt: opens its consent page once the session exists, reports every navigation,
 * load and failure to it, and lets go of the web view and its network session the moment the
 * attempt ends. NULL: nothing shown. */
void             desk_consent_view_set_attempt     (DeskConsentView *self,
                                                    DeskAttempt     *attempt);
DeskAttempt     *desk_consent_view_get_attempt     (DeskConsentView *self);

/* The web view of the running attempt, or NULL (for tests). */
WebKitWebView   *desk_consent_view_get_web_view    (DeskConsentView *self);

G_END_DECLS
