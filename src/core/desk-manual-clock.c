/* desk-manual-clock.c — a DeskClock whose time moves only when told: schedules without waiting
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include "desk-manual-clock.h"

struct _DeskManualClock
{
  DeskClock  parent_instance;

  gint64     now_us;
  GPtrArray *timers;  /* ManualTimer, in the order they were added */
  guint      last_id;
};

G_DEFINE_FINAL_TYPE (DeskManualClock, desk_manual_clock, DESK_TYPE_CLOCK)

typedef struct
{
  guint          id;
  gint64         due_us;
  DeskClockFunc  func;
  gpointer       user_data;
  GDestroyNotify destroy;
} ManualTimer;

static void
manual_timer_free (ManualTimer *timer)
{
  if (timer->destroy != NULL)
    timer->destroy (timer->user_data);
  g_free (timer);
}

static void
desk_manual_clock_finalize (GObject *object)
{
  DeskManualClock *self = DESK_MANUAL_CLOCK (object);

  g_clear_pointer (&self->timers, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_manual_clock_parent_class)->finalize (object);
}

static gint64
desk_manual_clock_get_real_time (DeskClock *clock)
{
  return DESK_MANUAL_CLOCK (clock)->now_us;
}

static guint
desk_manual_clock_add_timer (DeskClock      *clock,
                             guint           delay_ms,
                             DeskClockFunc   func,
                             gpointer        user_data,
                             GDestroyNotify  destroy)
{
  DeskManualClock *self = DESK_MANUAL_CLOCK (clock);
  ManualTimer *timer = g_new0 (ManualTimer, 1);

  timer->id = ++self->last_id;
  timer->due_us = self->now_us + (gint64) delay_ms * 1000;
  timer->func = func;
  timer->user_data = user_data;
  timer->destroy = destroy;
  g_ptr_array_add (self->timers, timer);

  return timer->id;
}

static void
desk_manual_clock_remove_timer (DeskClock *clock,
                                guint      timer_id)
{
  DeskManualClock *self = DESK_MANUAL_CLOCK (clock);

  for (guint i = 0; i < self->timers->len; i++)
    {
      ManualTimer *timer = g_ptr_array_index (self->timers, i);

      if (timer->id == timer_id)
        {
          g_ptr_array_remove_index (self->timers, i);
          return;
        }
    }
}

static void
desk_manual_clock_class_init (DeskManualClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DeskClockClass *clock_class = DESK_CLOCK_CLASS (klass);

  object_class->finalize = desk_manual_clock_finalize;
  clock_class->get_real_time = desk_manual_clock_get_real_time;
  clock_class->add_timer = desk_manual_clock_add_timer;
  clock_class->remove_timer = desk_manual_clock_remove_timer;
}

static void
desk_manual_clock_init (DeskManualClock *self)
{
  self->timers = g_ptr_array_new_with_free_func ((GDestroyNotify) manual_timer_free);
}

DeskManualClock *
desk_manual_clock_new (gint64 start_us)
{
  DeskManualClock *self = g_object_new (DESK_TYPE_MANUAL_CLOCK, NULL);

  self->now_us = start_us;
  return self;
}

/* The index of the earliest timer (the first added among equals), or -1. */
static gint
find_next (DeskManualClock *self)
{
  gint next = -1;

  for (guint i = 0; i < self->timers->len; i++)
    {
      ManualTimer *timer = g_ptr_array_index (self->timers, i);

      if (next < 0 || timer->due_us < ((ManualTimer *) g_ptr_array_index (self->timers,
                                                                          next))->due_us)
        next = (gint) i;
    }

  return next;
}

void
desk_manual_clock_advance (DeskManualClock *self,
                           guint            ms)
{
  gint64 target;
  gint next;

  g_return_if_fail (DESK_IS_MANUAL_CLOCK (self));

  target = self->now_us + (gint64) ms * 1000;
  g_object_ref (self);

  while ((next = find_next (self)) >= 0
         && ((ManualTimer *) g_ptr_array_index (self->timers, next))->due_us <= target)
    {
      ManualTimer *timer = g_ptr_array_steal_index (self->timers, (guint) next);

      self->now_us = MAX (self->now_us, timer->due_us);
      timer->func (timer->user_data);
      manual_timer_free (timer);
    }

  self->now_us = target;
  g_object_unref (self);
}

gint64
desk_manual_clock_get_next_delay (DeskManualClock *self)
{
  gint next;
  gint64 due_us;

  g_return_val_if_fail (DESK_IS_MANUAL_CLOCK (self), -1);

  next = find_next (self);
  if (next < 0)
    return -1;

  due_us = ((ManualTimer *) g_ptr_array_index (self->timers, next))->due_us;
  return MAX (0, (due_us - self->now_us + 999) / 1000);
}

guint
desk_manual_clock_get_n_timers (DeskManualClock *self)
{
  g_return_val_if_fail (DESK_IS_MANUAL_CLOCK (self), 0);

  return self->timers->len;
}
