/* desk-attempt-page.h — the running attempt: session details, the consent view and its timeline
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-attempt.h"

G_BEGIN_DECLS

/* WebKit's type, without WebKit's headers: the web view lives in the web module. */
typedef struct _WebKitWebView WebKitWebView;

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

/* The height the person gave the page above the timeline pane, or -1 while none was chosen
 * (the timeline then has its natural height). */
int              desk_attempt_page_get_timeline_position (DeskAttemptPage *self);

/*
 * Property "timeline-expanded" (boolean): whether the timeline pane is shown below the page;
 * bind it to the "timeline-expanded" setting. Property "timeline-position" (int): see
 * desk_attempt_page_get_timeline_position(); bind it to the "timeline-position" setting.
 *
 * The session shows as one line (its session ID and the countdown) with a "Details" toggle
 * revealing every field with its copy button. F6 and Shift+F6 move the focus between the
 * details, the consent page and the timeline. Cancel is the window's (win.cancel-attempt, in
 * the header bar and on Escape outside the page).
 */

G_END_DECLS
