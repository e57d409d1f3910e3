/* desk-manual-clock.h — a DeskClock whose time moves only when told: schedules without waiting
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-clock.h"

G_BEGIN_DECLS

#define DESK_TYPE_MANUAL_CLOCK (desk_manual_clock_get_type ())

G_DECLARE_FINAL_TYPE (DeskManualClock, desk_manual_clock, DESK, MANUAL_CLOCK, DeskClock)

/* @start_us: the real time it shows at first, µs since the Unix epoch. */
DeskManualClock *desk_manual_clock_new            (gint64           start_us);

/* Moves time forward by @ms, firing every timer that falls due on the way, earliest first (in
 * the order they were added when equal), each with the clock showing its due time; timers that
 * those add are fired too when they fall due within @ms. */
void             desk_manual_clock_advance        (DeskManualClock *self,
                                                   guint            ms);
/* Milliseconds until the next timer is due (0 when one is due now), or -1 when none is pending. */
gint64           desk_manual_clock_get_next_delay (DeskManualClock *self);
guint            desk_manual_clock_get_n_timers   (DeskManualClock *self);

G_END_DECLS
