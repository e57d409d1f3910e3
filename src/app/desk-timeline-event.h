/* desk-timeline-event.h — one line of an attempt's timeline: kind, title, detail and time
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DESK_TYPE_TIMELINE_EVENT (desk_timeline_event_get_type ())
#define DESK_TYPE_TIMELINE_KIND (desk_timeline_kind_get_type ())

G_DECLARE_FINAL_TYPE (DeskTimelineEvent, desk_timeline_event, DESK, TIMELINE_EVENT, GObject)

typedef enum
{
  DESK_TIMELINE_API,         /* an API request and its answer */
  DESK_TIMELINE_NAVIGATION,  /* a policy decision: URI, kind, frame, verdict */
  DESK_TIMELINE_LOAD,        /* load started / committed / finished / failed */
  DESK_TIMELINE_NOTICE,      /* something the person should know (a non-web scheme ignored, …) */
  DESK_TIMELINE_OUTCOME,     /* how the attempt ended */
} DeskTimelineKind;

GType              desk_timeline_kind_get_type    (void) G_GNUC_CONST;
/* A short translated label for @kind ("API", "Navigation", …). */
const char        *desk_timeline_kind_to_label    (DeskTimelineKind kind);

/* Stamped now, in local time. DeskTimeline's append is the usual way to make one. */
DeskTimelineEvent *desk_timeline_event_new        (DeskTimelineKind   kind,
                                                   const char        *title,
                                                   const char        *detail);

DeskTimelineKind   desk_timeline_event_get_kind   (DeskTimelineEvent *self);
const char        *desk_timeline_event_get_title  (DeskTimelineEvent *self);
const char        *desk_timeline_event_get_detail (DeskTimelineEvent *self);
GDateTime         *desk_timeline_event_get_time   (DeskTimelineEvent *self);

/*
 * Properties (read-only): "kind" (DeskTimelineKind), "title", "detail" (nullable), "time"
 * (GDateTime, local).
 */

G_END_DECLS
