/* desk-timeline-event.h — one event of an attempt's timeline, as data: a kind, a time, fields
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Evidence": every event has "at" and "kind", and the fields of its kind. Events are
 * data, never sentences: widgets turn them into translated text, the history stores them, the
 * outcome JSON carries them.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DESK_TYPE_TIMELINE_EVENT (desk_timeline_event_get_type ())
#define DESK_TYPE_TIMELINE_KIND (desk_timeline_kind_get_type ())

G_DECLARE_FINAL_TYPE (DeskTimelineEvent, desk_timeline_event, DESK, TIMELINE_EVENT, GObject)

typedef enum
{
  DESK_TIMELINE_API_REQUEST,    /* method, url */
  DESK_TIMELINE_API_RESPONSE,   /* method, url, status, duration_ms, error_id */
  DESK_TIMELINE_NAVIGATION,     /* uri, decision (allowed|callback|endpoint|refused-…|after-end) */
  DESK_TIMELINE_LOAD,           /* uri, event (committed|finished|failed), error */
  DESK_TIMELINE_MESSAGE,        /* origin, accepted, reason, data */
  DESK_TIMELINE_POPUP,          /* event (opened|closed) */
  DESK_TIMELINE_CONSENT_CHECK,  /* result, count */
  DESK_TIMELINE_NOTICE,         /* code (and uri where there is one) */
  DESK_TIMELINE_OUTCOME,        /* outcome */
} DeskTimelineKind;

GType              desk_timeline_kind_get_type      (void) G_GNUC_CONST;
/* "api-request", "navigation", …: design.md's kind names, a stable contract. */
const char        *desk_timeline_kind_to_string     (DeskTimelineKind   kind);
gboolean           desk_timeline_kind_from_string   (const char        *string,
                                                     DeskTimelineKind  *kind);

/* Takes @fields (a JSON object of the kind's fields, without "at" and "kind"); @at: now when
 * NULL. */
DeskTimelineEvent *desk_timeline_event_new          (DeskTimelineKind   kind,
                                                     GDateTime         *at,
                                                     JsonObject        *fields);
/* The event's JSON object ({"at", "kind", fields…}); NULL with @error for anything else. */
DeskTimelineEvent *desk_timeline_event_new_from_json (JsonNode         *node,
                                                      GError          **error);

DeskTimelineKind   desk_timeline_event_get_kind     (DeskTimelineEvent *self);
/* In UTC. */
GDateTime         *desk_timeline_event_get_time     (DeskTimelineEvent *self);
/* A string field, or NULL when absent or not a string. */
const char        *desk_timeline_event_get_string   (DeskTimelineEvent *self,
                                                     const char        *field);
/* An integer field, or @fallback. */
gint64             desk_timeline_event_get_int      (DeskTimelineEvent *self,
                                                     const char        *field,
                                                     gint64             fallback);
gboolean           desk_timeline_event_get_boolean  (DeskTimelineEvent *self,
                                                     const char        *field);
/* The fields, without "at" and "kind". */
JsonObject        *desk_timeline_event_get_fields   (DeskTimelineEvent *self);
/* {"at": ISO 8601 UTC with milliseconds, "kind", fields…}: a new node. */
JsonNode          *desk_timeline_event_to_json      (DeskTimelineEvent *self);

/* Properties (read-only): "kind", "time" (GDateTime, UTC). */

G_END_DECLS
