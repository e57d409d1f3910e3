/* desk-timeline-event.c — one line of an attempt's timeline: kind, title, detail and time
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-timeline-event.h"

struct _DeskTimelineEvent
{
  GObject           parent_instance;

  DeskTimelineKind  kind;
  char             *title;
  char             *detail;
  GDateTime        *time;
};

G_DEFINE_FINAL_TYPE (DeskTimelineEvent, desk_timeline_event, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (DeskTimelineKind, desk_timeline_kind,
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_API, "api"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_NAVIGATION, "navigation"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_LOAD, "load"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_NOTICE, "notice"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_OUTCOME, "outcome"))

enum
{
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_DETAIL,
  PROP_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_timeline_event_finalize (GObject *object)
{
  DeskTimelineEvent *self = DESK_TIMELINE_EVENT (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (desk_timeline_event_parent_class)->finalize (object);
}

static void
desk_timeline_event_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DeskTimelineEvent *self = DESK_TIMELINE_EVENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_timeline_event_class_init (DeskTimelineEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_timeline_event_finalize;
  object_class->get_property = desk_timeline_event_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       DESK_TYPE_TIMELINE_KIND, DESK_TIMELINE_NOTICE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_timeline_event_init (DeskTimelineEvent *self)
{
}

const char *
desk_timeline_kind_to_label (DeskTimelineKind kind)
{
  switch (kind)
    {
    case DESK_TIMELINE_API:
      return C_("timeline kind", "API");
    case DESK_TIMELINE_NAVIGATION:
      return C_("timeline kind", "Navigation");
    case DESK_TIMELINE_LOAD:
      return C_("timeline kind", "Load");
    case DESK_TIMELINE_NOTICE:
      return C_("timeline kind", "Notice");
    case DESK_TIMELINE_OUTCOME:
      return C_("timeline kind", "Outcome");
    default:
      g_return_val_if_reached (NULL);
    }
}

DeskTimelineEvent *
desk_timeline_event_new (DeskTimelineKind  kind,
                         const char       *title,
                         const char       *detail)
{
  DeskTimelineEvent *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (DESK_TYPE_TIMELINE_EVENT, NULL);
  self->kind = kind;
  self->title = g_strdup (title);
  self->detail = g_strdup (detail);
  self->time = g_date_time_new_now_local ();

  return self;
}

DeskTimelineKind
desk_timeline_event_get_kind (DeskTimelineEvent *self)
{
  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), DESK_TIMELINE_NOTICE);

  return self->kind;
}

const char *
desk_timeline_event_get_title (DeskTimelineEvent *self)
{
  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), NULL);

  return self->title;
}

const char *
desk_timeline_event_get_detail (DeskTimelineEvent *self)
{
  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), NULL);

  return self->detail;
}

GDateTime *
desk_timeline_event_get_time (DeskTimelineEvent *self)
{
  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), NULL);

  return self->time;
}
