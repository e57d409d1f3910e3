/* desk-outcome.c — how one attempt ended, and its JSON form (design.md's outcome contract)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-error-catalogue.h"
#include "desk-fiskil-error.h"
#include "desk-outcome.h"

G_DEFINE_BOXED_TYPE (DeskOutcome, desk_outcome, desk_outcome_copy, desk_outcome_free)

/* Indexed by DeskOutcomeKind; these strings are a stable contract for scripts. */
static const char * const kind_names[] = {
  [DESK_OUTCOME_SUCCESS] = "success",
  [DESK_OUTCOME_FAILURE] = "failure",
  [DESK_OUTCOME_EXPIRED] = "expired",
  [DESK_OUTCOME_CANCELLED] = "cancelled",
  [DESK_OUTCOME_CLOSED] = "closed",
  [DESK_OUTCOME_API_ERROR] = "api-error",
  [DESK_OUTCOME_NAVIGATION_ERROR] = "navigation-error",
  [DESK_OUTCOME_INTERRUPTED] = "interrupted",
};

const char *
desk_outcome_kind_to_string (DeskOutcomeKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
desk_outcome_kind_from_string (const char      *string,
                               DeskOutcomeKind *kind)
{
  g_return_val_if_fail (string != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_str_equal (kind_names[i], string))
        {
          if (kind != NULL)
            *kind = (DeskOutcomeKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

DeskOutcome *
desk_outcome_new (DeskOutcomeKind           kind,
                  const char               *environment,
                  const char               *api_url,
                  const DeskSessionRequest *request,
                  const DeskAuthSession    *session,
                  GDateTime                *started_at)
{
  DeskOutcome *self;

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  self = g_new0 (DeskOutcome, 1);
  self->kind = kind;
  self->environment = g_strdup (environment);
  self->api_url = g_strdup (api_url);
  self->request = desk_session_request_copy (request);
  self->session = session != NULL ? desk_auth_session_copy (session) : NULL;
  self->started_at = started_at != NULL ? g_date_time_ref (started_at)
                                        : g_date_time_new_now_utc ();

  return self;
}

static JsonNode *
copy_node (JsonNode *node)
{
  return node != NULL ? json_node_copy (node) : NULL;
}

DeskOutcome *
desk_outcome_copy (const DeskOutcome *self)
{
  DeskOutcome *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = desk_outcome_new (self->kind, self->environment, self->api_url,
                           self->request, self->session, self->started_at);
  copy->attempt_id = g_strdup (self->attempt_id);
  copy->integration = g_strdup (self->integration);
  copy->end_user = self->end_user != NULL ? desk_end_user_copy (self->end_user) : NULL;
  copy->end_user_created = self->end_user_created;
  copy->callback = self->callback != NULL ? desk_callback_copy (self->callback) : NULL;
  copy->callback_via = g_strdup (self->callback_via);
  copy->callback_message = copy_node (self->callback_message);
  copy->session_check = g_strdup (self->session_check);
  copy->consent_check = g_strdup (self->consent_check);
  copy->consent = copy_node (self->consent);
  copy->error = g_strdup (self->error);
  copy->error_type = g_strdup (self->error_type);
  copy->error_description = g_strdup (self->error_description);
  copy->error_id = g_strdup (self->error_id);
  copy->error_uri = g_strdup (self->error_uri);
  copy->api_error = self->api_error != NULL ? desk_api_error_copy (self->api_error) : NULL;
  copy->finished_at = self->finished_at != NULL ? g_date_time_ref (self->finished_at) : NULL;
  copy->timeline = copy_node (self->timeline);

  return copy;
}

void
desk_outcome_free (DeskOutcome *self)
{
  if (self == NULL)
    return;

  g_free (self->attempt_id);
  g_free (self->integration);
  g_free (self->environment);
  g_free (self->api_url);
  g_clear_pointer (&self->end_user, desk_end_user_free);
  g_clear_pointer (&self->request, desk_session_request_free);
  g_clear_pointer (&self->session, desk_auth_session_free);
  g_clear_pointer (&self->callback, desk_callback_free);
  g_free (self->callback_via);
  g_clear_pointer (&self->callback_message, json_node_unref);
  g_free (self->session_check);
  g_free (self->consent_check);
  g_clear_pointer (&self->consent, json_node_unref);
  g_free (self->error);
  g_free (self->error_type);
  g_free (self->error_description);
  g_free (self->error_id);
  g_free (self->error_uri);
  g_clear_pointer (&self->api_error, desk_api_error_free);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->finished_at, g_date_time_unref);
  g_clear_pointer (&self->timeline, json_node_unref);
  g_free (self);
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
desk_outcome_set_callback (DeskOutcome        *self,
                           const DeskCallback *callback,
                           const char         *via,
                           JsonNode           *message)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (callback != NULL);

  g_clear_pointer (&self->callback, desk_callback_free);
  self->callback = desk_callback_copy (callback);
  replace_string (&self->callback_via,
                  via != NULL ? via : desk_callback_via_to_string (callback->via));
  g_clear_pointer (&self->callback_message, json_node_unref);
  self->callback_message = copy_node (message != NULL ? message : callback->message);

  replace_string (&self->error, desk_callback_get_param (callback, "error"));
  replace_string (&self->error_type, desk_callback_get_param (callback, "error_type"));
  replace_string (&self->error_description,
                  desk_callback_get_param (callback, "error_description"));
  replace_string (&self->error_id, desk_callback_get_param (callback, "error_id"));
  replace_string (&self->error_uri, desk_callback_get_param (callback, "error_uri"));
  self->kind = desk_callback_is_failure (callback) ? DESK_OUTCOME_FAILURE : DESK_OUTCOME_SUCCESS;
}

void
desk_outcome_set_api_error (DeskOutcome        *self,
                            const DeskApiError *api_error)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->api_error, desk_api_error_free);
  if (api_error != NULL)
    self->api_error = desk_api_error_copy (api_error);
  self->kind = DESK_OUTCOME_API_ERROR;
}

void
desk_outcome_set_navigation_error (DeskOutcome *self,
                                   const char  *code,
                                   const char  *detail,
                                   const char  *uri)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (code != NULL);

  self->kind = DESK_OUTCOME_NAVIGATION_ERROR;
  replace_string (&self->error, code);
  replace_string (&self->error_type, NULL);
  replace_string (&self->error_description, detail);
  replace_string (&self->error_id, NULL);
  replace_string (&self->error_uri, uri);
}

void
desk_outcome_set_end_user (DeskOutcome       *self,
                           const DeskEndUser *end_user,
                           gboolean           created)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->end_user, desk_end_user_free);
  self->end_user = end_user != NULL ? desk_end_user_copy (end_user) : NULL;
  self->end_user_created = end_user != NULL && created;
}

void
desk_outcome_take_timeline (DeskOutcome *self,
                            JsonNode    *timeline)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (timeline == NULL || JSON_NODE_HOLDS_ARRAY (timeline));

  g_clear_pointer (&self->timeline, json_node_unref);
  self->timeline = timeline;
}

void
desk_outcome_finish (DeskOutcome *self,
                     GDateTime   *finished_at)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->finished_at, g_date_time_unref);
  self->finished_at = finished_at != NULL ? g_date_time_ref (finished_at)
                                          : g_date_time_new_now_utc ();
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Seconds are enough for a person reading a ticket, and the fixed "Z" form sorts as text. */
static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *formatted = NULL;

  if (time != NULL)
    {
      utc = g_date_time_to_utc (time);
      formatted = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    }

  add_string (builder, name, formatted);
}

static void
add_request (JsonBuilder              *builder,
             const DeskSessionRequest *request)
{
  const char *institution_id = request->institution_id;

  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  add_string (builder, "end_user_id", request->end_user_id);
  add_string (builder, "redirect_uri", request->redirect_uri);
  add_string (builder, "cancel_uri", request->cancel_uri);
  /* "" is "not sent" in the request, which the contract spells null */
  add_string (builder, "institution_id",
              institution_id != NULL && institution_id[0] != '\0' ? institution_id : NULL);

  json_builder_set_member_name (builder, "permissions");
  json_builder_begin_array (builder);
  for (guint i = 0; request->permissions != NULL && request->permissions[i] != NULL; i++)
    json_builder_add_string_value (builder, request->permissions[i]);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static void
add_session (JsonBuilder           *builder,
             const DeskAuthSession *session)
{
  g_autoptr(GDateTime) expires_at = NULL;

  json_builder_set_member_name (builder, "session");
  if (session == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  /* As Fiskil stated it, by the server's clock: that is what Fiskil support will compare. */
  if (session->expires_at > 0)
    expires_at = g_date_time_new_from_unix_utc (session->expires_at);

  json_builder_begin_object (builder);
  add_string (builder, "id", session->id);
  add_string (builder, "session_id", session->session_id);
  add_string (builder, "auth_url", session->auth_url);
  add_time (builder, "expires_at", expires_at);
  json_builder_end_object (builder);
}

static void
add_node (JsonBuilder *builder,
          const char  *name,
          JsonNode    *node)
{
  json_builder_set_member_name (builder, name);
  if (node != NULL)
    json_builder_add_value (builder, json_node_copy (node));
  else
    json_builder_add_null_value (builder);
}

static void
add_end_user (JsonBuilder       *builder,
              const DeskEndUser *end_user,
              gboolean           created)
{
  json_builder_set_member_name (builder, "end_user");
  if (end_user == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_string (builder, "id", end_user->id);
  add_string (builder, "email", end_user->email);
  add_string (builder, "name", end_user->name);
  add_string (builder, "phone", end_user->phone);
  json_builder_set_member_name (builder, "created");
  json_builder_add_boolean_value (builder, created);
  json_builder_end_object (builder);
}

static void
add_callback (JsonBuilder       *builder,
              const DeskOutcome *self)
{
  const DeskCallback *callback = self->callback;

  json_builder_set_member_name (builder, "callback");
  if (callback == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_string (builder, "uri", callback->uri);
  add_string (builder, "matched", desk_callback_match_to_string (callback->matched));

  /* A JSON object holds one value per key: the first, as desk_callback_get_param() reads. */
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  for (guint i = 0; i < callback->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (callback->params, i);

      /* the same string only for the first parameter with this key */
      if (desk_callback_get_param (callback, param->key) == param->value)
        add_string (builder, param->key, param->value);
    }
  json_builder_end_object (builder);

  add_string (builder, "via", self->callback_via != NULL ? self->callback_via : "navigation");
  add_node (builder, "message", self->callback_message);
  json_builder_end_object (builder);
}

static void
add_api_error (JsonBuilder        *builder,
               const DeskApiError *api_error)
{
  json_builder_set_member_name (builder, "api_error");
  if (api_error == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "http_status");
  /* 0 means no HTTP answer was received at all (network, TLS) */
  if (api_error->http_status != 0)
    json_builder_add_int_value (builder, api_error->http_status);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "id", api_error->id);
  add_string (builder, "name", api_error->name);
  add_string (builder, "message", api_error->message);
  add_string (builder, "code", api_error->code);
  add_string (builder, "description", api_error->description);
  json_builder_end_object (builder);
}

JsonNode *
desk_outcome_to_json (const DeskOutcome *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) empty = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->request != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  add_string (builder, "attempt_id", self->attempt_id);
  add_string (builder, "outcome", desk_outcome_kind_to_string (self->kind));
  add_string (builder, "integration", self->integration != NULL ? self->integration
                                                                 : "redirect");
  add_string (builder, "environment", self->environment);
  add_string (builder, "api_url", self->api_url);
  add_end_user (builder, self->end_user, self->end_user_created);
  add_request (builder, self->request);
  add_session (builder, self->session);
  add_callback (builder, self);
  add_string (builder, "session_check", self->session_check);
  add_string (builder, "consent_check", self->consent_check);
  add_node (builder, "consent", self->consent);
  add_string (builder, "error", self->error);
  add_string (builder, "error_type", self->error_type);
  add_string (builder, "error_description", self->error_description);
  add_string (builder, "error_id", self->error_id);
  add_string (builder, "error_uri", self->error_uri);
  add_api_error (builder, self->api_error);
  add_time (builder, "started_at", self->started_at);
  add_time (builder, "finished_at", self->finished_at);

  /* Always an array, even before any event. */
  if (self->timeline == NULL)
    empty = json_node_init_array (json_node_alloc (), json_array_new ());
  add_node (builder, "timeline", self->timeline != NULL ? self->timeline : empty);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
desk_outcome_to_json_string (const DeskOutcome *self,
                             gboolean           pretty)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  root = desk_outcome_to_json (self);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

int
desk_outcome_exit_status (const DeskOutcome *self)
{
  g_return_val_if_fail (self != NULL, 1);

  switch (self->kind)
    {
    case DESK_OUTCOME_SUCCESS:
      return 0;

    case DESK_OUTCOME_API_ERROR:
      return 3;

    case DESK_OUTCOME_FAILURE:
    case DESK_OUTCOME_EXPIRED:
    case DESK_OUTCOME_CANCELLED:
    case DESK_OUTCOME_CLOSED:
    case DESK_OUTCOME_NAVIGATION_ERROR:
    case DESK_OUTCOME_INTERRUPTED:
    default:
      return 1;
    }
}

/* The words, in one place */

const char *
desk_outcome_get_title (const DeskOutcome *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case DESK_OUTCOME_SUCCESS:
      return _("Consent granted");
    case DESK_OUTCOME_FAILURE:
      if (g_strcmp0 (self->session_check, "mismatch") == 0)
        return _("Callback from another session");
      if (self->error_type == NULL && self->error == NULL)
        return _("Consent cancelled at Fiskil");
      return NULL;  /* the error type's own title: see desk_outcome_get_summary() */
    case DESK_OUTCOME_EXPIRED:
      return _("Auth session expired");
    case DESK_OUTCOME_CANCELLED:
      return _("Attempt cancelled");
    case DESK_OUTCOME_CLOSED:
      return _("Attempt closed");
    case DESK_OUTCOME_API_ERROR:
      return _("Auth session not created");
    case DESK_OUTCOME_NAVIGATION_ERROR:
      return _("Consent page failed");
    case DESK_OUTCOME_INTERRUPTED:
      return _("Attempt interrupted");
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
navigation_error_sentence (const char *code)
{
  if (g_strcmp0 (code, DESK_NAVIGATION_ERROR_TLS) == 0)
    return _("The consent page’s connection is not secure, so Consent Desk did not load it.");
  if (g_strcmp0 (code, DESK_NAVIGATION_ERROR_WEB_PROCESS) == 0)
    return _("The consent page stopped working: its web process ended.");
  if (g_strcmp0 (code, DESK_NAVIGATION_ERROR_NETWORK_PROCESS) == 0)
    return _("The consent page stopped working: the browser’s network process ended.");
  if (g_strcmp0 (code, DESK_NAVIGATION_ERROR_REFUSED_AUTH_URL) == 0)
    return _("The consent page address Fiskil returned is not a secure web address, so "
             "Consent Desk did not open it.");
  if (g_strcmp0 (code, DESK_NAVIGATION_ERROR_CALLBACK_TOO_LARGE) == 0)
    return _("The callback was caught, but it is too large to be read. Nothing was loaded.");
  if (g_strcmp0 (code, DESK_NAVIGATION_ERROR_UNREADABLE_POST) == 0)
    return _("The page posted a form to the callback address, and its fields could not be "
             "read, so this cannot be reported as consent granted.");

  return _("The consent page could not be loaded.");
}

static char *
failure_summary (const DeskOutcome *self)
{
  g_autoptr(DeskErrorExplanation) explanation = NULL;

  if (g_strcmp0 (self->session_check, "mismatch") == 0)
    return g_strdup (_("This callback belongs to another session: its session_id is not the one "
                       "this attempt created. It is not reported as consent granted."));

  if (self->error_type == NULL && self->error == NULL)
    return g_strdup (_("The flow ended at the cancel URI without an error type: the end user or "
                       "the institution cancelled."));

  explanation = desk_error_catalogue_explain (self->error_type);

  return g_strdup_printf ("%s\n%s", explanation->explanation, explanation->next_step);
}

char *
desk_outcome_get_summary (const DeskOutcome *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case DESK_OUTCOME_SUCCESS:
      /* Say how it is known: a hand-off never sees the customer's browser. */
      if (g_strcmp0 (self->callback_via, "consent-check") == 0)
        return g_strdup (_("The customer finished the consent on their own device: Fiskil now "
                           "lists the new consent."));
      if (g_strcmp0 (self->callback_via, "pasted") == 0)
        return g_strdup (_("The address the customer’s browser ended on is the redirect URI: "
                           "the consent finished."));
      if (g_strcmp0 (self->callback_via, "message") == 0)
        return g_strdup (_("The end user finished the consent and the consent page said so to "
                           "the integrator page."));
      return g_strdup (_("The end user finished the consent and the flow returned to the "
                         "redirect URI."));
    case DESK_OUTCOME_FAILURE:
      return failure_summary (self);
    case DESK_OUTCOME_EXPIRED:
      return g_strdup (_("The auth session reached its expiry time before the consent finished. "
                         "Sessions are single use: try again to create a new one."));
    case DESK_OUTCOME_CANCELLED:
      return g_strdup (_("You cancelled the attempt before the consent finished."));
    case DESK_OUTCOME_CLOSED:
      return g_strdup (_("The window closed before the consent finished."));
    case DESK_OUTCOME_API_ERROR:
      if (self->api_error != NULL && self->api_error->description != NULL)
        return g_strdup (self->api_error->description);
      if (self->api_error != NULL && self->api_error->message != NULL)
        return g_strdup (self->api_error->message);
      return g_strdup (_("Fiskil did not create the auth session."));
    case DESK_OUTCOME_NAVIGATION_ERROR:
      return g_strdup (navigation_error_sentence (self->error));
    case DESK_OUTCOME_INTERRUPTED:
      return g_strdup (_("Consent Desk ended before this attempt had an outcome. What was "
                         "recorded until then is kept."));
    default:
      g_return_val_if_reached (NULL);
    }
}
