/* desk-timeline-event.c — one event of an attempt's timeline, as data: a kind, a time, fields
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include "desk-timeline-event.h"
#include "desk-fiskil-error.h"

struct _DeskTimelineEvent
{
  GObject           parent_instance;

  DeskTimelineKind  kind;
  GDateTime        *time;    /* UTC */
  JsonObject       *fields;
};

G_DEFINE_FINAL_TYPE (DeskTimelineEvent, desk_timeline_event, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (DeskTimelineKind, desk_timeline_kind,
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_API_REQUEST, "api-request"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_API_RESPONSE, "api-response"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_NAVIGATION, "navigation"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_LOAD, "load"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_MESSAGE, "message"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_POPUP, "popup"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_CONSENT_CHECK, "consent-check"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_NOTICE, "notice"),
  G_DEFINE_ENUM_VALUE (DESK_TIMELINE_OUTCOME, "outcome"))

enum
{
  PROP_0,
  PROP_KIND,
  PROP_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Indexed by DeskTimelineKind: design.md's names, a contract for scripts and the history. */
static const char * const kind_names[] = {
  [DESK_TIMELINE_API_REQUEST] = "api-request",
  [DESK_TIMELINE_API_RESPONSE] = "api-response",
  [DESK_TIMELINE_NAVIGATION] = "navigation",
  [DESK_TIMELINE_LOAD] = "load",
  [DESK_TIMELINE_MESSAGE] = "message",
  [DESK_TIMELINE_POPUP] = "popup",
  [DESK_TIMELINE_CONSENT_CHECK] = "consent-check",
  [DESK_TIMELINE_NOTICE] = "notice",
  [DESK_TIMELINE_OUTCOME] = "outcome",
};

const char *
desk_timeline_kind_to_string (DeskTimelineKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
desk_timeline_kind_from_string (const char       *string,
                                DeskTimelineKind *kind)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_str_equal (kind_names[i], string))
        {
          *kind = (DeskTimelineKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
desk_timeline_event_finalize (GObject *object)
{
  DeskTimelineEvent *self = DESK_TIMELINE_EVENT (object);

  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->fields, json_object_unref);

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
    g_param_spec_enum ("kind", NULL, NULL, DESK_TYPE_TIMELINE_KIND, DESK_TIMELINE_NOTICE,
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

DeskTimelineEvent *
desk_timeline_event_new (DeskTimelineKind  kind,
                         GDateTime        *at,
                         JsonObject       *fields)
{
  DeskTimelineEvent *self;

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  self = g_object_new (DESK_TYPE_TIMELINE_EVENT, NULL);
  self->kind = kind;
  self->time = at != NULL ? g_date_time_to_utc (at) : g_date_time_new_now_utc ();
  self->fields = fields != NULL ? fields : json_object_new ();

  return self;
}

DeskTimelineEvent *
desk_timeline_event_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  JsonObject *object;
  JsonObject *fields;
  const char *at_text;
  g_autoptr(GDateTime) at = NULL;
  DeskTimelineKind kind;
  g_autoptr(GList) members = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                           "A timeline event must be a JSON object");
      return NULL;
    }

  object = json_node_get_object (node);
  at_text = json_object_get_string_member_with_default (object, "at", NULL);
  if (at_text != NULL)
    at = g_date_time_new_from_iso8601 (at_text, NULL);
  if (at == NULL ||
      !desk_timeline_kind_from_string (json_object_get_string_member_with_default (object, "kind",
                                                                                   NULL),
                                       &kind))
    {
      g_set_error_literal (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                           "A timeline event needs a time (\"at\") and a known \"kind\"");
      return NULL;
    }

  fields = json_object_new ();
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (g_str_equal (l->data, "at") || g_str_equal (l->data, "kind"))
        continue;
      json_object_set_member (fields, l->data,
                              json_node_copy (json_object_get_member (object, l->data)));
    }

  return desk_timeline_event_new (kind, at, fields);
}

DeskTimelineKind
desk_timeline_event_get_kind (DeskTimelineEvent *self)
{
  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), DESK_TIMELINE_NOTICE);

  return self->kind;
}

GDateTime *
desk_timeline_event_get_time (DeskTimelineEvent *self)
{
  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), NULL);

  return self->time;
}

const char *
desk_timeline_event_get_string (DeskTimelineEvent *self,
                                const char        *field)
{
  JsonNode *node;

  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), NULL);

  node = json_object_get_member (self->fields, field);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gint64
desk_timeline_event_get_int (DeskTimelineEvent *self,
                             const char        *field,
                             gint64             fallback)
{
  JsonNode *node;

  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), fallback);

  node = json_object_get_member (self->fields, field);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;

  return json_node_get_int (node);
}

gboolean
desk_timeline_event_get_boolean (DeskTimelineEvent *self,
                                 const char        *field)
{
  JsonNode *node;

  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), FALSE);

  node = json_object_get_member (self->fields, field);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

JsonObject *
desk_timeline_event_get_fields (DeskTimelineEvent *self)
{
  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), NULL);

  return self->fields;
}

JsonNode *
desk_timeline_event_to_json (DeskTimelineEvent *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *seconds = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *node;

  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (self), NULL);

  /* Milliseconds: several events often fall within one second. */
  seconds = g_date_time_format (self->time, "%Y-%m-%dT%H:%M:%S");
  at = g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (self->time) / 1000);
  json_object_set_string_member (object, "at", at);
  json_object_set_string_member (object, "kind", kind_names[self->kind]);

  members = json_object_get_members (self->fields);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (object, l->data,
                            json_node_copy (json_object_get_member (self->fields, l->data)));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);

  return node;
}
