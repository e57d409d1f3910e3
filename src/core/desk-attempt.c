/* desk-attempt.c — one auth session and its consent, from request to exactly one outcome
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"


#include "desk-attempt-private.h"

G_DEFINE_FINAL_TYPE (DeskAttempt, desk_attempt, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (DeskAttemptState, desk_attempt_state,
  G_DEFINE_ENUM_VALUE (DESK_ATTEMPT_STATE_NEW, "new"),
  G_DEFINE_ENUM_VALUE (DESK_ATTEMPT_STATE_PREPARING, "preparing"),
  G_DEFINE_ENUM_VALUE (DESK_ATTEMPT_STATE_CREATING, "creating"),
  G_DEFINE_ENUM_VALUE (DESK_ATTEMPT_STATE_CONSENTING, "consenting"),
  G_DEFINE_ENUM_VALUE (DESK_ATTEMPT_STATE_CHECKING, "checking"),
  G_DEFINE_ENUM_VALUE (DESK_ATTEMPT_STATE_FINISHED, "finished"))

enum
{
  PROP_0,
  PROP_STATE,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint desk_attempt_signals[DESK_ATTEMPT_N_SIGNALS];

static const char * const integration_names[] = {
  [DESK_INTEGRATION_REDIRECT] = "redirect",
  [DESK_INTEGRATION_POPUP] = "popup",
  [DESK_INTEGRATION_EMBEDDED] = "embedded",
  [DESK_INTEGRATION_HAND_OFF] = "hand-off",
};

const char *
desk_integration_to_string (DeskIntegration integration)
{
  g_return_val_if_fail ((guint) integration < G_N_ELEMENTS (integration_names), NULL);

  return integration_names[integration];
}

gboolean
desk_integration_from_string (const char      *string,
                              DeskIntegration *integration)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (integration_names); i++)
    {
      if (g_str_equal (integration_names[i], string))
        {
          *integration = (DeskIntegration) i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
desk_attempt_set_state (DeskAttempt      *self,
                        DeskAttemptState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

DeskOutcome *
desk_attempt_new_outcome (DeskAttempt     *self,
                          DeskOutcomeKind  kind)
{
  DeskOutcome *outcome;

  outcome = desk_outcome_new (kind,
                              desk_environment_get_id (self->environment),
                              desk_environment_get_api_url (self->environment),
                              self->request,
                              self->session,
                              self->started_at);
  outcome->attempt_id = g_strdup (self->id);
  desk_outcome_set_end_user (outcome, self->end_user, self->end_user_created);
  outcome->integration = g_strdup (integration_names[self->integration]);

  return outcome;
}

/* The one way an attempt ends; every path checks FINISHED first, so this runs once. */
void
desk_attempt_finish (DeskAttempt *self,
                     DeskOutcome *outcome)
{
  g_autoptr(GObject) keep_alive = g_object_ref (G_OBJECT (self));  /* a handler may drop it */

  g_assert (self->state != DESK_ATTEMPT_STATE_FINISHED);
  g_assert (self->outcome == NULL);

  /* A success is only complete once Fiskil was asked whether the consent landed. */
  if (desk_attempt_check_consent (self, outcome))
    return;
  desk_attempt_handoff_stop (self);

  desk_timeline_add_outcome (self->timeline, desk_outcome_kind_to_string (outcome->kind));
  desk_outcome_finish (outcome, NULL);
  desk_outcome_take_timeline (outcome, desk_timeline_to_json (self->timeline));
  self->outcome = outcome;

  g_clear_handle_id (&self->expiry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->client != NULL)
    g_clear_signal_handler (&self->request_finished_id, self->client);

  desk_attempt_set_state (self, DESK_ATTEMPT_STATE_FINISHED);
  g_signal_emit (self, desk_attempt_signals[DESK_ATTEMPT_SIGNAL_FINISHED], 0, self->outcome);
  (void) keep_alive;
}

gboolean
desk_attempt_is_over (DeskAttempt *self)
{
  return self->state >= DESK_ATTEMPT_STATE_CHECKING;
}

void
desk_attempt_set_checking (DeskAttempt *self)
{
  desk_attempt_set_state (self, DESK_ATTEMPT_STATE_CHECKING);
}

static void
desk_attempt_finish_plain (DeskAttempt     *self,
                           DeskOutcomeKind  kind)
{
  if (!desk_attempt_is_over (self))
    desk_attempt_finish (self, desk_attempt_new_outcome (self, kind));
}

void
desk_attempt_finish_navigation_error (DeskAttempt *self,
                                      const char  *code,
                                      const char  *detail,
                                      const char  *uri)
{
  DeskOutcome *outcome;

  if (desk_attempt_is_over (self))
    return;

  outcome = desk_attempt_new_outcome (self, DESK_OUTCOME_NAVIGATION_ERROR);
  desk_outcome_set_navigation_error (outcome, code, detail, uri);
  desk_attempt_finish (self, outcome);
}

/* Before a session exists: an API or network failure, or the credentials. */
static void
desk_attempt_finish_with_error (DeskAttempt *self,
                                GError      *error)
{
  g_autoptr(DeskApiError) api_error = NULL;
  DeskOutcome *outcome;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* desk_attempt_cancel() or _close() has already ended it. */
      g_error_free (error);
      return;
    }

  api_error = desk_api_error_new_from_error (error);
  /* No credentials to send (none kept, or a locked keyring): Fiskil would refuse the same. */
  if (error->domain == DESK_ENVIRONMENT_ERROR)
    {
      g_free (api_error->code);
      api_error->code = g_strdup ("unauthorized");
    }
  self->error = error;

  outcome = desk_attempt_new_outcome (self, DESK_OUTCOME_API_ERROR);
  desk_outcome_set_api_error (outcome, api_error);
  desk_attempt_finish (self, outcome);
}

static gboolean
on_expiry (gpointer user_data)
{
  DeskAttempt *self = DESK_ATTEMPT (user_data);
  gint64 remaining_ms;

  self->expiry_id = 0;

  /* Seconds timeouts are coalesced and may fire a little early; never call it expired early. */
  remaining_ms = desk_auth_session_get_local_expiry (self->session) * 1000
                 - g_get_real_time () / 1000;
  if (remaining_ms > 0)
    {
      self->expiry_id = g_timeout_add ((guint) MIN (remaining_ms, G_MAXUINT), on_expiry, self);
      return G_SOURCE_REMOVE;
    }

  desk_attempt_finish_plain (self, DESK_OUTCOME_EXPIRED);

  return G_SOURCE_REMOVE;
}

static void
on_request_finished (DeskFiskilClient *client,
                     const char       *method,
                     const char       *path,
                     guint             http_status,
                     gint64            duration_us,
                     const char       *fiskil_error_id,
                     DeskAttempt      *self)
{
  g_autofree char *url = g_strconcat (desk_fiskil_client_get_base_url (client), path, NULL);

  desk_timeline_add_api_response (self->timeline, method, url, http_status,
                                  duration_us / 1000, fiskil_error_id);
}

/* Kept for the attempt's HAR: the client hides every secret before it hands one over. */
static void
on_exchange_finished (DeskFiskilClient       *client,
                      const DeskHttpExchange *exchange,
                      DeskAttempt            *self)
{
  g_ptr_array_add (self->exchanges, desk_http_exchange_copy (exchange));
}

static void
create_session_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskAttempt) self = user_data;
  g_autoptr(DeskAuthSession) session = NULL;
  GError *error = NULL;
  gint64 remaining;

  session = desk_fiskil_client_create_session_finish (DESK_FISKIL_CLIENT (source), result, &error);

  if (desk_attempt_is_over (self))
    {
      g_clear_error (&error);
      return;
    }

  if (session == NULL)
    {
      desk_attempt_finish_with_error (self, error);
      return;
    }

  self->session = g_steal_pointer (&session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);

  /* The consent page must itself be a page the web view's rules let load. */
  if (desk_navigation_classify (self->session->auth_url, NULL, NULL) != DESK_ADDRESS_ALLOWED)
    {
      desk_attempt_finish_navigation_error (self, DESK_NAVIGATION_ERROR_REFUSED_AUTH_URL, NULL,
                                            self->session->auth_url);
      return;
    }

  remaining = desk_auth_session_get_local_expiry (self->session) - g_get_real_time () / G_USEC_PER_SEC;
  if (remaining <= 0)
    {
      desk_attempt_finish_plain (self, DESK_OUTCOME_EXPIRED);
      return;
    }

  self->expiry_id = g_timeout_add_seconds ((guint) MIN (remaining, G_MAXUINT / 1000),
                                           on_expiry, self);
  desk_attempt_set_state (self, DESK_ATTEMPT_STATE_CONSENTING);
  if (self->integration == DESK_INTEGRATION_HAND_OFF && !desk_attempt_is_over (self))
    desk_attempt_handoff_watch (self);
}

void
desk_attempt_create_session (DeskAttempt *self)
{
  g_autofree char *url = NULL;

  url = g_strconcat (desk_fiskil_client_get_base_url (self->client), "/v1/auth/session", NULL);
  desk_timeline_add_api_request (self->timeline, "POST", url);

  desk_attempt_set_state (self, DESK_ATTEMPT_STATE_CREATING);
  desk_fiskil_client_create_session_async (self->client, self->request, self->cancellable,
                                           create_session_cb, g_object_ref (self));
}

static void
client_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DeskAttempt) self = user_data;
  g_autoptr(DeskFiskilClient) client = NULL;
  GError *error = NULL;

  client = desk_environment_ensure_client_finish (DESK_ENVIRONMENT (source), result, &error);

  if (desk_attempt_is_over (self))
    {
      g_clear_error (&error);
      return;
    }

  if (client == NULL)
    {
      desk_attempt_finish_with_error (self, error);
      return;
    }

  self->client = g_steal_pointer (&client);
  self->request_finished_id =
    g_signal_connect_object (self->client, "request-finished",
                             G_CALLBACK (on_request_finished), self, 0);
  self->exchange_finished_id =
    g_signal_connect_object (self->client, "exchange-finished",
                             G_CALLBACK (on_exchange_finished), self, 0);

  if (self->integration == DESK_INTEGRATION_HAND_OFF)
    desk_attempt_handoff_prepare (self);
  else
    desk_attempt_create_session (self);
}

static void
desk_attempt_dispose (GObject *object)
{
  DeskAttempt *self = DESK_ATTEMPT (object);

  g_clear_handle_id (&self->expiry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->client != NULL)
    {
      g_clear_signal_handler (&self->request_finished_id, self->client);
      g_clear_signal_handler (&self->exchange_finished_id, self->client);
    }
  if (self->poller != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->poller, self);
      desk_consent_poller_cancel (self->poller);
    }
  g_clear_object (&self->poller);
  g_clear_pointer (&self->checked, desk_outcome_free);
  g_clear_object (&self->client);
  g_clear_object (&self->environment);

  G_OBJECT_CLASS (desk_attempt_parent_class)->dispose (object);
}

static void
desk_attempt_finalize (GObject *object)
{
  DeskAttempt *self = DESK_ATTEMPT (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->request, desk_session_request_free);
  g_clear_pointer (&self->end_user, desk_end_user_free);
  g_clear_pointer (&self->session, desk_auth_session_free);
  g_clear_pointer (&self->outcome, desk_outcome_free);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->timeline);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->exchanges, g_ptr_array_unref);
  g_clear_pointer (&self->snapshot, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_attempt_parent_class)->finalize (object);
}

static void
desk_attempt_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DeskAttempt *self = DESK_ATTEMPT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_SESSION:
      g_value_set_boxed (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_attempt_class_init (DeskAttemptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_attempt_dispose;
  object_class->finalize = desk_attempt_finalize;
  object_class->get_property = desk_attempt_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       DESK_TYPE_ATTEMPT_STATE, DESK_ATTEMPT_STATE_NEW,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_boxed ("session", NULL, NULL, DESK_TYPE_AUTH_SESSION,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  desk_attempt_signals[DESK_ATTEMPT_SIGNAL_FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  DESK_TYPE_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);
  desk_attempt_signals[DESK_ATTEMPT_SIGNAL_NOTICE] =
    g_signal_new ("notice",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING, G_TYPE_STRING);
  desk_attempt_signals[DESK_ATTEMPT_SIGNAL_CONSENT_WATCH] =
    g_signal_new ("consent-watch",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_UINT, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT);
}

static void
desk_attempt_init (DeskAttempt *self)
{
  self->id = g_uuid_string_random ();
  self->timeline = desk_timeline_new ();
  self->cancellable = g_cancellable_new ();
  self->exchanges = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_http_exchange_free);
  self->state = DESK_ATTEMPT_STATE_NEW;
}

DeskAttempt *
desk_attempt_new (DeskEnvironment          *environment,
                  const DeskSessionRequest *request,
                  DeskIntegration           integration)
{
  DeskAttempt *self;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT (environment), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail ((guint) integration < G_N_ELEMENTS (integration_names), NULL);

  self = g_object_new (DESK_TYPE_ATTEMPT, NULL);
  self->environment = g_object_ref (environment);
  self->request = desk_session_request_copy (request);
  self->integration = integration;

  return self;
}

void
desk_attempt_start (DeskAttempt *self)
{
  g_return_if_fail (DESK_IS_ATTEMPT (self));
  g_return_if_fail (self->state == DESK_ATTEMPT_STATE_NEW);

  self->started_at = g_date_time_new_now_utc ();
  desk_attempt_set_state (self, DESK_ATTEMPT_STATE_PREPARING);
  desk_environment_ensure_client_async (self->environment, self->cancellable,
                                        client_ready_cb, g_object_ref (self));
}

void
desk_attempt_cancel (DeskAttempt *self)
{
  g_return_if_fail (DESK_IS_ATTEMPT (self));

  /* Ends now rather than when the cancelled request returns: it must feel immediate. */
  if (self->state == DESK_ATTEMPT_STATE_CHECKING)
    desk_attempt_stop_checking (self);
  else
    desk_attempt_finish_plain (self, DESK_OUTCOME_CANCELLED);
}

void
desk_attempt_close (DeskAttempt *self)
{
  g_return_if_fail (DESK_IS_ATTEMPT (self));

  if (self->state == DESK_ATTEMPT_STATE_CHECKING)
    desk_attempt_stop_checking (self);
  else
    desk_attempt_finish_plain (self, DESK_OUTCOME_CLOSED);
}

const char *
desk_attempt_get_id (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->id;
}

DeskAttemptState
desk_attempt_get_state (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), DESK_ATTEMPT_STATE_NEW);

  return self->state;
}

DeskIntegration
desk_attempt_get_integration (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), DESK_INTEGRATION_REDIRECT);

  return self->integration;
}

const DeskSessionRequest *
desk_attempt_get_request (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->request;
}

DeskEnvironment *
desk_attempt_get_environment (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->environment;
}

GPtrArray *
desk_attempt_get_exchanges (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->exchanges;
}

DeskFiskilClient *
desk_attempt_get_client (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->client;
}

const DeskAuthSession *
desk_attempt_get_session (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->session;
}

const DeskOutcome *
desk_attempt_get_outcome (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->outcome;
}

const GError *
desk_attempt_get_error (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->error;
}

DeskTimeline *
desk_attempt_get_timeline (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->timeline;
}

char *
desk_attempt_dup_auth_origin (DeskAttempt *self)
{
  const char *configured;

  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  /* Production's and a custom environment's configured origin; else the consent page's own. */
  configured = desk_environment_get_auth_origin (self->environment);
  if (configured != NULL)
    return g_strdup (configured);

  return self->session != NULL ? desk_uri_origin (self->session->auth_url) : NULL;
}

void
desk_attempt_set_end_user (DeskAttempt       *self,
                           const DeskEndUser *end_user,
                           gboolean           created)
{
  g_return_if_fail (DESK_IS_ATTEMPT (self));
  g_return_if_fail (self->state == DESK_ATTEMPT_STATE_NEW);

  g_clear_pointer (&self->end_user, desk_end_user_free);
  self->end_user = end_user != NULL ? desk_end_user_copy (end_user) : NULL;
  self->end_user_created = end_user != NULL && created;
}

const DeskEndUser *
desk_attempt_get_end_user (DeskAttempt *self,
                           gboolean    *created)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  if (created != NULL)
    *created = self->end_user_created;

  return self->end_user;
}
