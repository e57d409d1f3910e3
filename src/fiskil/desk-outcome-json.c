/* desk-outcome-json.c — reading an outcome back from the JSON desk_outcome_to_json() wrote
 * (the history, exports)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-fiskil-error.h"
#include "desk-outcome.h"

/* Lenient about what is missing, strict about what the outcome cannot be without (its kind and
 * its request). */

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static GDateTime *
get_time (JsonObject *object,
          const char *member)
{
  const char *text = get_string (object, member);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static DeskSessionRequest *
request_from_json (JsonObject *object)
{
  g_autoptr(GPtrArray) permissions = g_ptr_array_new ();
  JsonNode *node = json_object_get_member (object, "permissions");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (permissions, (gpointer) json_node_get_string (element));
        }
    }
  g_ptr_array_add (permissions, NULL);

  return desk_session_request_new (get_string (object, "end_user_id"),
                                   get_string (object, "redirect_uri"),
                                   get_string (object, "cancel_uri"),
                                   get_string (object, "institution_id"),
                                   (const char * const *) permissions->pdata);
}

static DeskAuthSession *
session_from_json (JsonObject *object)
{
  g_autoptr(GDateTime) expires_at = get_time (object, "expires_at");

  return desk_auth_session_new (get_string (object, "id"),
                                get_string (object, "session_id"),
                                get_string (object, "auth_url"),
                                expires_at != NULL ? g_date_time_to_unix (expires_at) : 0,
                                0);
}

/* The JSON keeps one value per key and not where it was read: enough to show and re-export. */
static DeskCallback *
callback_from_json (JsonObject *object)
{
  JsonObject *params = get_object (object, "params");
  const char *matched = get_string (object, "matched");
  g_autoptr(GList) members = NULL;
  DeskCallback *callback;

  callback = desk_callback_new (get_string (object, "uri"),
                                g_strcmp0 (matched, "cancel") == 0 ? DESK_CALLBACK_MATCH_CANCEL
                                                                  : DESK_CALLBACK_MATCH_REDIRECT,
                                DESK_CALLBACK_VIA_NAVIGATION);

  members = params != NULL ? json_object_get_members (params) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *value = get_string (params, l->data);

      desk_callback_add_param (callback, l->data, value != NULL ? value : "",
                               DESK_CALLBACK_SOURCE_QUERY);
    }

  return callback;
}

static DeskApiError *
api_error_from_json (JsonObject *object)
{
  JsonNode *status = json_object_get_member (object, "http_status");
  DeskApiError *api_error;

  api_error = desk_api_error_new (status != NULL && json_node_get_value_type (status) == G_TYPE_INT64
                                    ? (guint) CLAMP (json_node_get_int (status), 0, 999) : 0,
                                  get_string (object, "id"),
                                  get_string (object, "name"),
                                  get_string (object, "message"),
                                  -1);
  api_error->code = g_strdup (get_string (object, "code"));
  api_error->description = g_strdup (get_string (object, "description"));

  return api_error;
}

static JsonNode *
get_node (JsonObject *object,
          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_copy (node) : NULL;
}

static void
read_optional_parts (DeskOutcome *self,
                     JsonObject  *object)
{
  JsonObject *part;
  JsonNode *timeline;

  if ((part = get_object (object, "end_user")) != NULL && get_string (part, "id") != NULL)
    {
      g_autoptr(DeskEndUser) end_user = desk_end_user_new (get_string (part, "id"),
                                                           get_string (part, "email"),
                                                           get_string (part, "name"),
                                                           get_string (part, "phone"));

      desk_outcome_set_end_user (self, end_user, json_object_get_boolean_member_with_default (
                                                    part, "created", FALSE));
    }
  if ((part = get_object (object, "session")) != NULL)
    self->session = session_from_json (part);
  if ((part = get_object (object, "callback")) != NULL)
    {
      self->callback = callback_from_json (part);
      self->callback_via = g_strdup (get_string (part, "via"));
      self->callback_message = get_node (part, "message");
    }
  if ((part = get_object (object, "api_error")) != NULL)
    self->api_error = api_error_from_json (part);

  timeline = json_object_get_member (object, "timeline");
  if (timeline != NULL && JSON_NODE_HOLDS_ARRAY (timeline))
    self->timeline = json_node_copy (timeline);
}

DeskOutcome *
desk_outcome_new_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object;
  JsonObject *request_object;
  DeskOutcomeKind kind;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(GDateTime) started_at = NULL;
  DeskOutcome *self;

  object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  request_object = object != NULL ? get_object (object, "request") : NULL;
  if (object == NULL || request_object == NULL
      || get_string (object, "outcome") == NULL
      || !desk_outcome_kind_from_string (get_string (object, "outcome"), &kind))
    {
      g_set_error_literal (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                           _("This is not an outcome of Consent Desk: it needs “outcome” and "
                             "“request”."));
      return NULL;
    }

  request = request_from_json (request_object);
  started_at = get_time (object, "started_at");
  self = desk_outcome_new (kind, get_string (object, "environment"),
                           get_string (object, "api_url"), request, NULL, started_at);
  self->attempt_id = g_strdup (get_string (object, "attempt_id"));
  self->integration = g_strdup (get_string (object, "integration"));
  self->session_check = g_strdup (get_string (object, "session_check"));
  self->consent_check = g_strdup (get_string (object, "consent_check"));
  self->consent = get_node (object, "consent");
  self->error = g_strdup (get_string (object, "error"));
  self->error_type = g_strdup (get_string (object, "error_type"));
  self->error_description = g_strdup (get_string (object, "error_description"));
  self->error_id = g_strdup (get_string (object, "error_id"));
  self->error_uri = g_strdup (get_string (object, "error_uri"));
  self->finished_at = get_time (object, "finished_at");
  read_optional_parts (self, object);

  return self;
}
