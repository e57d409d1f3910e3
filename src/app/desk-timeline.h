/* desk-timeline.h — what happened during one attempt, in order: a GListModel of events
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DESK_TYPE_TIMELINE (desk_timeline_get_type ())
#define DESK_TYPE_TIMELINE_EVENT (desk_timeline_event_get_type ())

G_DECLARE_FINAL_TYPE (DeskTimeline, desk_timeline, DESK, TIMELINE, GObject)
G_DECLARE_FINAL_TYPE (DeskTimelineEvent, desk_timeline_event, DESK, TIMELINE_EVENT, GObject)

typedef enum
{
  DESK_TIMELINE_API,         /* an API request and its answer */
  DESK_TIMELINE_NAVIGATION,  /* a policy decision: URI, kind, frame, verdict */
  DESK_TIMELINE_LOAD,        /* load started / committed / finished / failed */
  DESK_TIMELINE_NOTICE,      /* something the person should know (a non-web scheme ignored, …) */
  DESK_TIMELINE_OUTCOME,     /* how the attempt ended */
} DeskTimelineKind;

/* DeskTimeline implements GListModel with DeskTimelineEvent items. */
DeskTimeline      *desk_timeline_new       (void);
/* Appends an event stamped now. @title is a short translated line; @detail may be NULL.
 * Callers never pass secrets (tokens, client secrets) in either. */
DeskTimelineEvent *desk_timeline_append    (DeskTimeline     *self,
                                            DeskTimelineKind  kind,
                                            const char       *title,
                                            const char       *detail);

DeskTimelineKind   desk_timeline_event_get_kind   (DeskTimelineEvent *self);
const char        *desk_timeline_event_get_title  (DeskTimelineEvent *self);
const char        *desk_timeline_event_get_detail (DeskTimelineEvent *self);
GDateTime         *desk_timeline_event_get_time   (DeskTimelineEvent *self);

G_END_DECLS
