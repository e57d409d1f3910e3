/* desk-sandbox-pages.h — the consent pages as HTML documents, from the GResource templates
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "desk-sandbox-store.h"

G_BEGIN_DECLS

/* The page of @session's current step (not ENDED). @nonce marks the page's own style and
 * script for its Content-Security-Policy. */
char *desk_sandbox_pages_render_step    (const DeskSandboxSession *session,
                                         const char               *nonce);
/* A page with only a heading and a sentence, for links that lead nowhere. */
char *desk_sandbox_pages_render_message (const char               *heading,
                                         const char               *text,
                                         const char               *nonce);
/* The ending of a framed flow: posts the message of @message_format ("sdk", "seed", "none")
 * to the parent, then goes to @location (the callback), as the real Auth UI does. */
char *desk_sandbox_pages_render_ending  (const char               *location,
                                         const char               *message_format,
                                         const char               *nonce);

G_END_DECLS
