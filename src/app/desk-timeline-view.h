/* desk-timeline-view.h — an attempt's timeline in readable sentences, made from its events
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-timeline.h"

G_BEGIN_DECLS

#define DESK_TYPE_TIMELINE_VIEW (desk_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskTimelineView, desk_timeline_view, DESK, TIMELINE_VIEW, GtkWidget)

DeskTimelineView *desk_timeline_view_new        (void);
/* A GListModel of DeskTimelineEvent (a DeskTimeline, or events read back), or NULL. */
void              desk_timeline_view_set_model  (DeskTimelineView  *self,
                                                 GListModel        *events);
/* The selected event (for copying), or NULL. */
DeskTimelineEvent *desk_timeline_view_get_selected (DeskTimelineView *self);

/* The sentence a person reads for @event (translated), and its detail line or NULL. */
char             *desk_timeline_describe_event  (DeskTimelineEvent *event,
                                                 char             **detail);
/* What a notice means for the person ("The page tried to open …; Consent Desk ignored it."). */
char             *desk_timeline_describe_notice (const char        *code,
                                                 const char        *uri);

G_END_DECLS
