/* desk-display-text.h — making text from a server fit to be shown to people
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest server-provided text shown in one message, in characters. */
#define DESK_DISPLAY_TEXT_MAX_CHARS 300

/* @text as one readable line: bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
 * U+061C) removed, so no text can reorder what surrounds it; C0 and C1 control characters
 * turned into spaces; outer spaces stripped; at most @max_chars characters, the rest replaced
 * by "…". Invalid UTF-8 is repaired. NULL when nothing readable is left (or @text is NULL). */
char *desk_display_text_clean (const char *text,
                               guint       max_chars);

G_END_DECLS
