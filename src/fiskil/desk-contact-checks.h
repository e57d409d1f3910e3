/* desk-contact-checks.h — local checks of an end user's email, phone (E.164) and ABN
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each returns TRUE when the value may be sent, else FALSE with a DESK_FISKIL_ERROR_INVALID_INPUT
 * error whose message is a translated sentence for the field ("Enter an email address like
 * name@example.com."). NULL or "" is an error: callers skip optional fields left empty. Nothing
 * is trimmed: a stray space is reported, never silently sent. */
gboolean desk_check_email (const char  *email,
                           GError     **error);
/* "+", then 8 to 15 digits, the first not 0; nothing else (no spaces). */
gboolean desk_check_e164  (const char  *phone,
                           GError     **error);
/* 11 digits, spaces anywhere, passing the ABN checksum (subtract 1 from the first digit;
 * weights 10, 1, 3, 5, …, 19; the sum divisible by 89). */
gboolean desk_check_abn   (const char  *abn,
                           GError     **error);

G_END_DECLS
