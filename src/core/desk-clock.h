/* desk-clock.h — the time and the timers of schedules, so tests can move time by hand
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DESK_TYPE_CLOCK (desk_clock_get_type ())

G_DECLARE_DERIVABLE_TYPE (DeskClock, desk_clock, DESK, CLOCK, GObject)

/* Called once when a timer is due; timers never repeat. */
typedef void (*DeskClockFunc) (gpointer user_data);

struct _DeskClockClass
{
  GObjectClass parent_class;

  gint64 (*get_real_time) (DeskClock      *self);
  guint  (*add_timer)     (DeskClock      *self,
                           guint           delay_ms,
                           DeskClockFunc   func,
                           gpointer        user_data,
                           GDestroyNotify  destroy);
  void   (*remove_timer)  (DeskClock      *self,
                           guint           timer_id);
};

/* The real clock: g_get_real_time() and GLib timeouts on the thread-default main context of
 * the first caller. One shared instance, never freed; the caller gets a new reference. */
DeskClock *desk_clock_get_default  (void);

/* Microseconds since the Unix epoch (the time Fiskil's expires_at counts in, times 10⁶). */
gint64     desk_clock_get_real_time (DeskClock      *self);
/* Calls @func once after @delay_ms; @destroy (nullable) runs on @user_data when the timer fires
 * or is removed. Returns an id > 0. */
guint      desk_clock_add_timer     (DeskClock      *self,
                                     guint           delay_ms,
                                     DeskClockFunc   func,
                                     gpointer        user_data,
                                     GDestroyNotify  destroy);
/* Removes a timer that has not fired yet; an id of 0, or of a timer that already fired, is
 * ignored. */
void       desk_clock_remove_timer  (DeskClock      *self,
                                     guint           timer_id);

/* Removes *@timer_id (when not 0) and sets it to 0. */
void       desk_clock_clear_timer   (DeskClock      *self,
                                     guint          *timer_id);

G_END_DECLS
