/* desk-timeline.c — what happened during one attempt, in order: a GListModel of events
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include "desk-timeline.h"

struct _DeskTimeline
{
  GObject    parent_instance;

  GPtrArray *events;  /* DeskTimelineEvent, oldest first; only ever appended to */
};

static void desk_timeline_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskTimeline, desk_timeline, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      desk_timeline_list_model_init))

static GType
desk_timeline_get_item_type (GListModel *model)
{
  return DESK_TYPE_TIMELINE_EVENT;
}

static guint
desk_timeline_get_n_items (GListModel *model)
{
  return DESK_TIMELINE (model)->events->len;
}

static gpointer
desk_timeline_get_item (GListModel *model,
                        guint       position)
{
  DeskTimeline *self = DESK_TIMELINE (model);

  if (position >= self->events->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->events, position));
}

static void
desk_timeline_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = desk_timeline_get_item_type;
  iface->get_n_items = desk_timeline_get_n_items;
  iface->get_item = desk_timeline_get_item;
}

static void
desk_timeline_finalize (GObject *object)
{
  DeskTimeline *self = DESK_TIMELINE (object);

  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_timeline_parent_class)->finalize (object);
}

static void
desk_timeline_class_init (DeskTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_timeline_finalize;
}

static void
desk_timeline_init (DeskTimeline *self)
{
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
}

DeskTimeline *
desk_timeline_new (void)
{
  return g_object_new (DESK_TYPE_TIMELINE, NULL);
}

DeskTimelineEvent *
desk_timeline_append (DeskTimeline     *self,
                      DeskTimelineKind  kind,
                      const char       *title,
                      const char       *detail)
{
  DeskTimelineEvent *event;

  g_return_val_if_fail (DESK_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  event = desk_timeline_event_new (kind, title, detail);
  g_ptr_array_add (self->events, event);
  g_debug ("timeline: [%s] %s%s%s", desk_timeline_kind_to_label (kind), title,
           detail != NULL ? " — " : "", detail != NULL ? detail : "");
  g_list_model_items_changed (G_LIST_MODEL (self), self->events->len - 1, 0, 1);

  return event;
}
