/* core-test-util.h — what the core tests share: compact consent listings, bounded waits
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* "arr-1:bank-a:active:100 arr-2::inactive:0" → GPtrArray of DeskConsent (arrangement id,
 * institution id or empty, active or not, expires_at); "" → an empty listing. */
GPtrArray *core_test_parse_listing (const char *text);

/* Iterates the thread-default main context until *@flag is TRUE; aborts after @seconds. */
void       core_test_wait_for      (const gboolean *flag,
                                    guint           seconds);
/* The same until @condition (@data) holds; @what names it in the failure. */
void       core_test_wait_until    (gboolean      (*condition) (gpointer data),
                                    gpointer        data,
                                    guint           seconds,
                                    const char     *what);

/* Dispatches whatever is ready on the main context without blocking. */
void       core_test_flush         (void);

G_END_DECLS
