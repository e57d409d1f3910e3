/* desk-clock.c — the time and the timers of schedules, so tests can move time by hand
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include "desk-clock.h"

G_DEFINE_ABSTRACT_TYPE (DeskClock, desk_clock, G_TYPE_OBJECT)

static void
desk_clock_class_init (DeskClockClass *klass)
{
}

static void
desk_clock_init (DeskClock *self)
{
}

gint64
desk_clock_get_real_time (DeskClock *self)
{
  g_return_val_if_fail (DESK_IS_CLOCK (self), 0);

  return DESK_CLOCK_GET_CLASS (self)->get_real_time (self);
}

guint
desk_clock_add_timer (DeskClock      *self,
                      guint           delay_ms,
                      DeskClockFunc   func,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
{
  g_return_val_if_fail (DESK_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  return DESK_CLOCK_GET_CLASS (self)->add_timer (self, delay_ms, func, user_data, destroy);
}

void
desk_clock_remove_timer (DeskClock *self,
                         guint      timer_id)
{
  g_return_if_fail (DESK_IS_CLOCK (self));

  if (timer_id != 0)
    DESK_CLOCK_GET_CLASS (self)->remove_timer (self, timer_id);
}

void
desk_clock_clear_timer (DeskClock *self,
                        guint     *timer_id)
{
  g_return_if_fail (DESK_IS_CLOCK (self));
  g_return_if_fail (timer_id != NULL);

  desk_clock_remove_timer (self, *timer_id);
  *timer_id = 0;
}

/* The real clock. */

#define DESK_TYPE_REAL_CLOCK (desk_real_clock_get_type ())

G_DECLARE_FINAL_TYPE (DeskRealClock, desk_real_clock, DESK, REAL_CLOCK, DeskClock)

struct _DeskRealClock
{
  DeskClock     parent_instance;

  GMainContext *context;
  GHashTable   *sources;  /* timer id → GSource, while pending */
  guint         last_id;
};

G_DEFINE_FINAL_TYPE (DeskRealClock, desk_real_clock, DESK_TYPE_CLOCK)

typedef struct
{
  DeskRealClock  *clock;  /* the shared clock lives for ever: no reference needed */
  guint           id;
  DeskClockFunc   func;
  gpointer        user_data;
  GDestroyNotify  destroy;
} RealTimer;

static void
real_timer_free (RealTimer *timer)
{
  if (timer->destroy != NULL)
    timer->destroy (timer->user_data);
  g_free (timer);
}

static gboolean
real_timer_fire (gpointer data)
{
  RealTimer *timer = data;

  /* Forget it first, so removing it from its own callback is a no-op. The main context holds
   * its own reference while dispatching, so dropping ours here is safe. */
  g_hash_table_remove (timer->clock->sources, GUINT_TO_POINTER (timer->id));
  timer->func (timer->user_data);

  return G_SOURCE_REMOVE;
}

static gint64
desk_real_clock_get_real_time (DeskClock *clock)
{
  return g_get_real_time ();
}

static guint
desk_real_clock_add_timer (DeskClock      *clock,
                           guint           delay_ms,
                           DeskClockFunc   func,
                           gpointer        user_data,
                           GDestroyNotify  destroy)
{
  DeskRealClock *self = DESK_REAL_CLOCK (clock);
  GSource *source = g_timeout_source_new (delay_ms);
  RealTimer *timer = g_new0 (RealTimer, 1);

  /* Ids are ours, not GLib's: they must stay unique across contexts and never be 0. */
  do
    self->last_id++;
  while (self->last_id == 0 || g_hash_table_contains (self->sources,
                                                      GUINT_TO_POINTER (self->last_id)));

  timer->clock = self;
  timer->id = self->last_id;
  timer->func = func;
  timer->user_data = user_data;
  timer->destroy = destroy;

  g_source_set_callback (source, real_timer_fire, timer, (GDestroyNotify) real_timer_free);
  g_source_set_static_name (source, "[desk] clock timer");
  g_source_attach (source, self->context);
  g_hash_table_insert (self->sources, GUINT_TO_POINTER (timer->id), source);

  return timer->id;
}

static void
desk_real_clock_remove_timer (DeskClock *clock,
                              guint      timer_id)
{
  DeskRealClock *self = DESK_REAL_CLOCK (clock);
  GSource *source = g_hash_table_lookup (self->sources, GUINT_TO_POINTER (timer_id));

  if (source == NULL)
    return;

  g_hash_table_steal (self->sources, GUINT_TO_POINTER (timer_id));
  g_source_destroy (source);
  g_source_unref (source);
}

static void
desk_real_clock_class_init (DeskRealClockClass *klass)
{
  DeskClockClass *clock_class = DESK_CLOCK_CLASS (klass);

  clock_class->get_real_time = desk_real_clock_get_real_time;
  clock_class->add_timer = desk_real_clock_add_timer;
  clock_class->remove_timer = desk_real_clock_remove_timer;
}

static void
desk_real_clock_init (DeskRealClock *self)
{
  self->context = g_main_context_ref_thread_default ();
  /* A fired timer's GSource is released by GLib after its callback; the table only holds
   * the reference that g_timeout_source_new gave us while the timer is pending. */
  self->sources = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_source_unref);
}

DeskClock *
desk_clock_get_default (void)
{
  static DeskClock *clock;

  if (g_once_init_enter (&clock))
    g_once_init_leave (&clock, g_object_new (DESK_TYPE_REAL_CLOCK, NULL));

  return g_object_ref (clock);
}
