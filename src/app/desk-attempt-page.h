/* desk-attempt-page.h — the running attempt: session details, the consent view and its timeline
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-attempt.h"
#include "desk-consent-view.h"

G_BEGIN_DECLS

#define DESK_TYPE_ATTEMPT_PAGE (desk_attempt_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskAttemptPage, desk_attempt_page, DESK, ATTEMPT_PAGE, GtkWidget)

DeskAttemptPage *desk_attempt_page_new         (void);

/* Shows @attempt (CONSENTING): builds a fresh WebKitWebView on the attempt's own network
 * session, loads auth_url, intercepts callbacks, runs the expiry countdown. NULL: drops the
 * web view (and with it every page of the previous attempt). */
void             desk_attempt_page_set_attempt (DeskAttemptPage *self,
                                                DeskAttempt     *attempt);
DeskAttempt     *desk_attempt_page_get_attempt (DeskAttemptPage *self);

/* The current WebKitWebView, or NULL: for tests that drive the consent pages. */
WebKitWebView   *desk_attempt_page_get_web_view (DeskAttemptPage *self);

/* The text of the notice shown for something the page tried and Consent Desk refused (a
 * mailto: link, an unencrypted address, a download), or NULL while none is shown. */
const char      *desk_attempt_page_get_notice  (DeskAttemptPage *self);

/*
 * Property "timeline-expanded" (boolean): whether the timeline panel is open; bind it to the
 * "timeline-expanded" setting.
 *
 * The page's own "Cancel attempt" button activates the widget action "attempt.cancel", which
 * calls desk_attempt_close(). The page also shows, in an expandable panel, the attempt's
 * timeline (DeskTimeline) as it grows.
 */

G_END_DECLS
