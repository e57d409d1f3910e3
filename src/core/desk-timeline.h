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

/* Longest string kept in an event field; longer ones end in "…" (a hostile page can navigate
 * to megabytes of address). */
#define DESK_TIMELINE_MAX_FIELD_BYTES (8 * 1024)

/* DeskTimeline implements GListModel with DeskTimelineEvent items, oldest first. Callers never
 * pass secrets (tokens, client secrets) in any field. */
DeskTimeline *desk_timeline_new                 (void);
/* Appends @event (taking it) and emits "items-changed". */
void          desk_timeline_add                 (DeskTimeline      *self,
                                                 DeskTimelineEvent *event);

void          desk_timeline_add_api_request     (DeskTimeline      *self,
                                                 const char        *method,
                                                 const char        *url);
/* @status: 0 when no HTTP answer came; @error_id: Fiskil's, or NULL. */
void          desk_timeline_add_api_response    (DeskTimeline      *self,
                                                 const char        *method,
                                                 const char        *url,
                                                 guint              status,
                                                 gint64             duration_ms,
                                                 const char        *error_id);
/* @decision: design.md's navigation decisions; @via: "link", "form", "redirect", "script",
 * "new-window", "popup", … or NULL (how the navigation started, for people reading it). */
void          desk_timeline_add_navigation      (DeskTimeline      *self,
                                                 const char        *uri,
                                                 const char        *decision,
                                                 const char        *via);
/* @event: "committed", "finished" or "failed"; @error: for "failed". */
void          desk_timeline_add_load            (DeskTimeline      *self,
                                                 const char        *uri,
                                                 const char        *event,
                                                 const char        *error);
/* @reason: NULL when accepted; @data: the message (copied), or NULL. */
void          desk_timeline_add_message         (DeskTimeline      *self,
                                                 const char        *origin,
                                                 gboolean           accepted,
                                                 const char        *reason,
                                                 JsonNode          *data);
void          desk_timeline_add_popup           (DeskTimeline      *self,
                                                 const char        *event);
void          desk_timeline_add_consent_check   (DeskTimeline      *self,
                                                 const char        *result,
                                                 guint              count);
/* @code: what happened, e.g. "refused-download", "web-process-ended"; @uri may be NULL. */
void          desk_timeline_add_notice          (DeskTimeline      *self,
                                                 const char        *code,
                                                 const char        *uri);
void          desk_timeline_add_outcome         (DeskTimeline      *self,
                                                 const char        *outcome);

/* The events as design.md's "timeline" array (a new node). */
JsonNode     *desk_timeline_to_json             (DeskTimeline      *self);

G_END_DECLS
