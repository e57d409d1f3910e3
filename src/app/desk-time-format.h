/* desk-time-format.h — one way to show a time to people: local, unambiguous, with its zone
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2026-12-04 17:05:09 AEDT": ISO order and the zone, the same reading in every locale. NULL
 * for NULL. */
char *desk_format_local_time (GDateTime *time);
/* "2026-12-04 06:05:09 UTC", for tooltips and tickets. */
char *desk_format_utc_time   (GDateTime *time);
/* The same for a Unix time; NULL for 0 (unknown). */
char *desk_format_unix_time  (gint64     unix_time);
/* The time left, @remaining seconds: "14:32", "1:02:03", from two days on whole days ("4
 * days", rounded down); "Expired" from 0 on. */
char *desk_format_time_left  (gint64     remaining);
/* "Expires in " and that; "Expired" from 0 on. */
char *desk_format_countdown  (gint64     remaining);

G_END_DECLS
