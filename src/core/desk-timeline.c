/* desk-timeline.c — what happened during one attempt, in order: a GListModel of events
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <string.h>

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

void
desk_timeline_add (DeskTimeline      *self,
                   DeskTimelineEvent *event)
{
  g_return_if_fail (DESK_IS_TIMELINE (self));
  g_return_if_fail (DESK_IS_TIMELINE_EVENT (event));

  g_ptr_array_add (self->events, event);
  g_debug ("timeline: %s", desk_timeline_kind_to_string (desk_timeline_event_get_kind (event)));
  g_list_model_items_changed (G_LIST_MODEL (self), self->events->len - 1, 0, 1);
}

/* Strings from pages and servers may be huge or broken: bounded, valid UTF-8. */
static void
set_string (JsonObject *fields,
            const char *name,
            const char *value)
{
  g_autofree char *valid = NULL;
  gsize length;

  if (value == NULL)
    {
      json_object_set_null_member (fields, name);
      return;
    }

  length = strnlen (value, DESK_TIMELINE_MAX_FIELD_BYTES + 1);
  valid = g_utf8_make_valid (value, MIN (length, DESK_TIMELINE_MAX_FIELD_BYTES));
  if (length > DESK_TIMELINE_MAX_FIELD_BYTES)
    {
      const char *end = valid + strlen (valid);

      /* Cut on a character boundary, then mark the cut. */
      end = g_utf8_find_prev_char (valid, end);
      if (end != NULL)
        {
          g_autofree char *cut = g_strndup (valid, (gsize) (end - valid));

          g_free (valid);
          valid = g_strconcat (cut, "…", NULL);
        }
    }

  json_object_set_string_member (fields, name, valid);
}

static void
add_event (DeskTimeline     *self,
           DeskTimelineKind  kind,
           JsonObject       *fields)
{
  desk_timeline_add (self, desk_timeline_event_new (kind, NULL, fields));
}

void
desk_timeline_add_api_request (DeskTimeline *self,
                               const char   *method,
                               const char   *url)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (DESK_IS_TIMELINE (self));

  set_string (fields, "method", method);
  set_string (fields, "url", url);
  add_event (self, DESK_TIMELINE_API_REQUEST, fields);
}

void
desk_timeline_add_api_response (DeskTimeline *self,
                                const char   *method,
                                const char   *url,
                                guint         status,
                                gint64        duration_ms,
                                const char   *error_id)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (DESK_IS_TIMELINE (self));

  set_string (fields, "method", method);
  set_string (fields, "url", url);
  if (status != 0)
    json_object_set_int_member (fields, "status", status);
  else
    json_object_set_null_member (fields, "status");
  json_object_set_int_member (fields, "duration_ms", duration_ms);
  set_string (fields, "error_id", error_id);
  add_event (self, DESK_TIMELINE_API_RESPONSE, fields);
}

void
desk_timeline_add_navigation (DeskTimeline *self,
                              const char   *uri,
                              const char   *decision,
                              const char   *via)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (DESK_IS_TIMELINE (self));
  g_return_if_fail (decision != NULL);

  set_string (fields, "uri", uri);
  set_string (fields, "decision", decision);
  if (via != NULL)
    set_string (fields, "via", via);
  add_event (self, DESK_TIMELINE_NAVIGATION, fields);
}

void
desk_timeline_add_load (DeskTimeline *self,
                        const char   *uri,
                        const char   *event,
                        const char   *error)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (DESK_IS_TIMELINE (self));
  g_return_if_fail (event != NULL);

  set_string (fields, "uri", uri);
  set_string (fields, "event", event);
  set_string (fields, "error", error);
  add_event (self, DESK_TIMELINE_LOAD, fields);
}

void
desk_timeline_add_message (DeskTimeline *self,
                           const char   *origin,
                           gboolean      accepted,
                           const char   *reason,
                           JsonNode     *data)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (DESK_IS_TIMELINE (self));

  set_string (fields, "origin", origin);
  json_object_set_boolean_member (fields, "accepted", accepted);
  set_string (fields, "reason", reason);
  json_object_set_member (fields, "data",
                          data != NULL ? json_node_copy (data) : json_node_new (JSON_NODE_NULL));
  add_event (self, DESK_TIMELINE_MESSAGE, fields);
}

void
desk_timeline_add_popup (DeskTimeline *self,
                         const char   *event)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (DESK_IS_TIMELINE (self));

  set_string (fields, "event", event);
  add_event (self, DESK_TIMELINE_POPUP, fields);
}

void
desk_timeline_add_consent_check (DeskTimeline *self,
                                 const char   *result,
                                 guint         count)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (DESK_IS_TIMELINE (self));

  set_string (fields, "result", result);
  json_object_set_int_member (fields, "count", count);
  add_event (self, DESK_TIMELINE_CONSENT_CHECK, fields);
}

void
desk_timeline_add_notice (DeskTimeline *self,
                          const char   *code,
                          const char   *uri)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (DESK_IS_TIMELINE (self));
  g_return_if_fail (code != NULL);

  set_string (fields, "code", code);
  if (uri != NULL)
    set_string (fields, "uri", uri);
  add_event (self, DESK_TIMELINE_NOTICE, fields);
}

void
desk_timeline_add_outcome (DeskTimeline *self,
                           const char   *outcome)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (DESK_IS_TIMELINE (self));

  set_string (fields, "outcome", outcome);
  add_event (self, DESK_TIMELINE_OUTCOME, fields);
}

JsonNode *
desk_timeline_to_json (DeskTimeline *self)
{
  g_autoptr(JsonArray) array = NULL;
  JsonNode *node;

  g_return_val_if_fail (DESK_IS_TIMELINE (self), NULL);

  array = json_array_sized_new (self->events->len);
  for (guint i = 0; i < self->events->len; i++)
    json_array_add_element (array, desk_timeline_event_to_json (g_ptr_array_index (self->events,
                                                                                    i)));

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);

  return node;
}
