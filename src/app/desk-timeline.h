/* desk-timeline.h — what happened during one attempt, in order: a GListModel of events
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-timeline-event.h"

G_BEGIN_DECLS

#define DESK_TYPE_TIMELINE (desk_timeline_get_type ())

G_DECLARE_FINAL_TYPE (DeskTimeline, desk_timeline, DESK, TIMELINE, GObject)

/* DeskTimeline implements GListModel with DeskTimelineEvent items. */
DeskTimeline      *desk_timeline_new       (void);
/* Appends an event stamped now. @title is a short translated line; @detail may be NULL.
 * Callers never pass secrets (tokens, client secrets) in either. */
DeskTimelineEvent *desk_timeline_append    (DeskTimeline     *self,
                                            DeskTimelineKind  kind,
                                            const char       *title,
                                            const char       *detail);

G_END_DECLS
