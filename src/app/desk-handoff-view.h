/* desk-handoff-view.h — the hand-off page: the link for the customer, and word of their consent
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-attempt.h"

G_BEGIN_DECLS

#define DESK_TYPE_HANDOFF_VIEW (desk_handoff_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskHandoffView, desk_handoff_view, DESK, HANDOFF_VIEW, GtkWidget)

DeskHandoffView *desk_handoff_view_new            (void);

/* Follows @attempt (integration hand-off): shows its end user, auth_url as a QR code and a
 * link, the expiry countdown, what the consent watch last said, and takes the address the
 * customer ended on. NULL: nothing shown. */
void             desk_handoff_view_set_attempt    (DeskHandoffView *self,
                                                   DeskAttempt     *attempt);
DeskAttempt     *desk_handoff_view_get_attempt    (DeskHandoffView *self);

/* The status line as shown ("Waiting for the customer…"), for tests. */
const char      *desk_handoff_view_get_status     (DeskHandoffView *self);
/* The message under the pasted-address field, or NULL while none is shown. */
const char      *desk_handoff_view_get_paste_error (DeskHandoffView *self);

/* A mailto: URI (RFC 6068): @email as the recipient (NULL or "": none), @subject and @body
 * percent-encoded as UTF-8 (spaces as %20, line breaks as %0D%0A). */
char            *desk_handoff_mailto_uri          (const char      *email,
                                                   const char      *subject,
                                                   const char      *body);
/* Email link's message: a short, translated subject and body holding @auth_url, addressed to
 * @end_user's email when known; @expires_at (local Unix time, 0: unknown) is mentioned. */
char            *desk_handoff_compose_mailto      (const DeskEndUser *end_user,
                                                   const char        *auth_url,
                                                   gint64             expires_at);

/*
 * Widget actions (on this view): "handoff.copy-link", "handoff.open-link",
 * "handoff.email-link", "handoff.check-address". Opening goes through
 * g_app_info_launch_default_for_uri_async(): the desktop's default browser or mail app (the
 * OpenURI portal inside Flatpak); a failure is said in a toast.
 */

G_END_DECLS
