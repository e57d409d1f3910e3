/* desk-attempt.c — one created session and its consent, from request to exactly one outcome
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-attempt.h"

struct _DeskAttempt
{
  GObject               parent_instance;

  DeskFiskilClient     *client;
  char                 *environment;
  DeskSessionRequest   *request;
  DeskAuthSession      *session;          /* NULL until created */
  WebKitNetworkSession *network_session;  /* NULL once finished */
  DeskTimeline         *timeline;
  DeskOutcome          *outcome;          /* NULL until finished */
  GError               *api_error;        /* set only for an "api-error" ending */
  GCancellable         *cancellable;
  GDateTime            *started_at;

  gulong                request_finished_id;
  guint                 expiry_id;
  DeskAttemptState      state;
};

G_DEFINE_FINAL_TYPE (DeskAttempt, desk_attempt, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (DeskAttemptState, desk_attempt_state,
  G_DEFINE_ENUM_VALUE (DESK_ATTEMPT_STATE_NEW, "new"),
  G_DEFINE_ENUM_VALUE (DESK_ATTEMPT_STATE_CREATING, "creating"),
  G_DEFINE_ENUM_VALUE (DESK_ATTEMPT_STATE_CONSENTING, "consenting"),
  G_DEFINE_ENUM_VALUE (DESK_ATTEMPT_STATE_FINISHED, "finished"))

enum
{
  PROP_0,
  PROP_STATE,
  PROP_SESSION,
  N_PROPS
};

enum
{
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
desk_attempt_set_state (DeskAttempt      *self,
                        DeskAttemptState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static const char *
outcome_title (DeskOutcomeKind kind)
{
  switch (kind)
    {
    case DESK_OUTCOME_SUCCESS:
      return _("Consent granted");
    case DESK_OUTCOME_FAILURE:
      return _("Consent not granted");
    case DESK_OUTCOME_EXPIRED:
      return _("Auth session expired");
    case DESK_OUTCOME_CLOSED:
      return _("Attempt closed");
    case DESK_OUTCOME_API_ERROR:
      return _("Auth session not created");
    case DESK_OUTCOME_NAVIGATION_ERROR:
      return _("Consent page failed");
    default:
      g_return_val_if_reached (NULL);
    }
}

static DeskOutcome *
desk_attempt_new_outcome (DeskAttempt     *self,
                          DeskOutcomeKind  kind)
{
  return desk_outcome_new (kind,
                           self->environment,
                           desk_fiskil_client_get_base_url (self->client),
                           self->request,
                           self->session,
                           self->started_at);
}

/* The one way an attempt ends; every finish_* checks FINISHED first, so this runs once. */
static void
desk_attempt_finish (DeskAttempt *self,
                     DeskOutcome *outcome)
{
  const char *detail;

  g_assert (self->state != DESK_ATTEMPT_STATE_FINISHED);
  g_assert (self->outcome == NULL);

  g_object_ref (self);  /* a "finished" handler may drop it */
  desk_outcome_finish (outcome, NULL);
  self->outcome = outcome;

  detail = outcome->error_type != NULL ? outcome->error_type : outcome->detail;
  desk_timeline_append (self->timeline, DESK_TIMELINE_OUTCOME,
                        outcome_title (outcome->kind), detail);

  g_clear_handle_id (&self->expiry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->request_finished_id, self->client);
  /* The web view keeps its own reference until the page drops it; nothing new may use it. */
  g_clear_object (&self->network_session);

  desk_attempt_set_state (self, DESK_ATTEMPT_STATE_FINISHED);
  g_signal_emit (self, signals[FINISHED], 0, self->outcome);
  g_object_unref (self);
}

static void
desk_attempt_finish_closed (DeskAttempt *self)
{
  DeskOutcome *outcome = desk_attempt_new_outcome (self, DESK_OUTCOME_CLOSED);

  desk_outcome_set_detail (outcome, _("The attempt was closed before the consent finished."));
  desk_attempt_finish (self, outcome);
}

static void
desk_attempt_finish_with_api_error (DeskAttempt  *self,
                                    const GError *error)
{
  DeskOutcome *outcome = desk_attempt_new_outcome (self, DESK_OUTCOME_API_ERROR);
  g_autoptr(DeskApiError) fallback = NULL;
  const DeskApiError *api_error = NULL;

  if (error->domain == DESK_FISKIL_ERROR)
    api_error = desk_fiskil_error_get_api_error (error);
  if (api_error == NULL)
    {
      /* Only our client's domain carries Fiskil's fields; keep the message anyway. */
      fallback = desk_api_error_new (0, NULL, NULL, error->message, -1);
      api_error = fallback;
    }

  self->api_error = g_error_copy (error);
  desk_outcome_set_api_error (outcome, api_error);
  desk_outcome_set_detail (outcome, error->message);
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

  desk_attempt_finish_expired (self);

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
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  guint duration_ms = (guint) MIN (duration_us / 1000, G_MAXUINT);

  if (http_status != 0)
    /* Translators: e.g. "POST /v1/auth/session: HTTP 200 in 35 ms" */
    title = g_strdup_printf (_("%s %s: HTTP %u in %u ms"), method, path, http_status,
                             duration_ms);
  else
    /* Translators: e.g. "POST /v1/token: no answer after 10000 ms" */
    title = g_strdup_printf (_("%s %s: no answer after %u ms"), method, path, duration_ms);

  if (fiskil_error_id != NULL && *fiskil_error_id != '\0')
    detail = g_strdup_printf (_("Fiskil error ID: %s"), fiskil_error_id);

  desk_timeline_append (self->timeline, DESK_TIMELINE_API, title, detail);
}

static void
create_session_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskAttempt) self = user_data;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  g_autofree char *expiry_text = NULL;
  g_autofree char *detail = NULL;
  gint64 local_expiry;
  gint64 remaining;

  session = desk_fiskil_client_create_session_finish (DESK_FISKIL_CLIENT (source), result, &error);

  /* Closed (or otherwise ended) while the request was in flight: already has its outcome. */
  if (self->state == DESK_ATTEMPT_STATE_FINISHED)
    return;

  if (session == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        desk_attempt_finish_closed (self);
      else
        desk_attempt_finish_with_api_error (self, error);
      return;
    }

  self->session = g_steal_pointer (&session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);

  local_expiry = desk_auth_session_get_local_expiry (self->session);
  expiry = g_date_time_new_from_unix_local (local_expiry);
  expiry_text = expiry != NULL ? g_date_time_format (expiry, "%F %T %Z") : g_strdup ("?");
  /* Translators: the first %s is a session ID, the second a local date and time */
  detail = g_strdup_printf (_("Session ID %s, expires %s"), self->session->session_id,
                            expiry_text);
  desk_timeline_append (self->timeline, DESK_TIMELINE_API, _("Auth session created"), detail);

  remaining = local_expiry - g_get_real_time () / G_USEC_PER_SEC;
  if (remaining <= 0)
    {
      desk_attempt_finish_expired (self);
      return;
    }

  self->expiry_id = g_timeout_add_seconds ((guint) MIN (remaining, G_MAXUINT / 1000),
                                           on_expiry, self);
  desk_attempt_set_state (self, DESK_ATTEMPT_STATE_CONSENTING);
}

static void
desk_attempt_dispose (GObject *object)
{
  DeskAttempt *self = DESK_ATTEMPT (object);

  g_clear_handle_id (&self->expiry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->client != NULL)
    g_clear_signal_handler (&self->request_finished_id, self->client);
  g_clear_object (&self->network_session);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (desk_attempt_parent_class)->dispose (object);
}

static void
desk_attempt_finalize (GObject *object)
{
  DeskAttempt *self = DESK_ATTEMPT (object);

  g_clear_pointer (&self->environment, g_free);
  g_clear_pointer (&self->request, desk_session_request_free);
  g_clear_pointer (&self->session, desk_auth_session_free);
  g_clear_pointer (&self->outcome, desk_outcome_free);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_error (&self->api_error);
  g_clear_object (&self->timeline);
  g_clear_object (&self->cancellable);

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

  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  DESK_TYPE_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
desk_attempt_init (DeskAttempt *self)
{
  self->timeline = desk_timeline_new ();
  self->cancellable = g_cancellable_new ();
  self->state = DESK_ATTEMPT_STATE_NEW;
}

DeskAttempt *
desk_attempt_new (DeskFiskilClient         *client,
                  const char               *environment,
                  const DeskSessionRequest *request)
{
  DeskAttempt *self;

  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (client), NULL);
  g_return_val_if_fail (environment != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  self = g_object_new (DESK_TYPE_ATTEMPT, NULL);
  self->client = g_object_ref (client);
  self->environment = g_strdup (environment);
  self->request = desk_session_request_copy (request);
  /* Nothing (cookies, storage, cache, credentials) is shared with another attempt. */
  self->network_session = webkit_network_session_new_ephemeral ();
  webkit_network_session_set_tls_errors_policy (self->network_session,
                                                WEBKIT_TLS_ERRORS_POLICY_FAIL);

  return self;
}

void
desk_attempt_start (DeskAttempt *self)
{
  g_autofree char *detail = NULL;

  g_return_if_fail (DESK_IS_ATTEMPT (self));
  g_return_if_fail (self->state == DESK_ATTEMPT_STATE_NEW);

  self->started_at = g_date_time_new_now_utc ();
  self->request_finished_id =
    g_signal_connect_object (self->client, "request-finished",
                             G_CALLBACK (on_request_finished), self, 0);

  detail = g_strdup_printf ("POST %s/v1/auth/session",
                            desk_fiskil_client_get_base_url (self->client));
  desk_timeline_append (self->timeline, DESK_TIMELINE_API, _("Creating the auth session"),
                        detail);

  desk_attempt_set_state (self, DESK_ATTEMPT_STATE_CREATING);
  desk_fiskil_client_create_session_async (self->client, self->request, self->cancellable,
                                           create_session_cb, g_object_ref (self));
}

void
desk_attempt_close (DeskAttempt *self)
{
  g_return_if_fail (DESK_IS_ATTEMPT (self));

  if (self->state == DESK_ATTEMPT_STATE_FINISHED)
    return;

  /* Ends now rather than when the cancelled request returns: closing must feel immediate. */
  desk_attempt_finish_closed (self);
}

DeskAttemptState
desk_attempt_get_state (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), DESK_ATTEMPT_STATE_NEW);

  return self->state;
}

const DeskSessionRequest *
desk_attempt_get_request (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->request;
}

const char *
desk_attempt_get_environment (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->environment;
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
desk_attempt_get_api_error (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->api_error;
}

DeskTimeline *
desk_attempt_get_timeline (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->timeline;
}

WebKitNetworkSession *
desk_attempt_get_network_session (DeskAttempt *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), NULL);

  return self->network_session;
}

void
desk_attempt_finish_with_callback (DeskAttempt        *self,
                                   const DeskCallback *callback)
{
  DeskOutcome *outcome;

  g_return_if_fail (DESK_IS_ATTEMPT (self));
  g_return_if_fail (callback != NULL);

  if (self->state == DESK_ATTEMPT_STATE_FINISHED)
    return;

  outcome = desk_attempt_new_outcome (self, DESK_OUTCOME_SUCCESS);
  desk_outcome_set_callback (outcome, callback);
  desk_attempt_finish (self, outcome);
}

void
desk_attempt_finish_with_navigation_error (DeskAttempt *self,
                                           const char  *reason)
{
  DeskOutcome *outcome;

  g_return_if_fail (DESK_IS_ATTEMPT (self));
  g_return_if_fail (reason != NULL);

  if (self->state == DESK_ATTEMPT_STATE_FINISHED)
    return;

  outcome = desk_attempt_new_outcome (self, DESK_OUTCOME_NAVIGATION_ERROR);
  desk_outcome_set_detail (outcome, reason);
  desk_attempt_finish (self, outcome);
}

void
desk_attempt_finish_expired (DeskAttempt *self)
{
  DeskOutcome *outcome;

  g_return_if_fail (DESK_IS_ATTEMPT (self));

  if (self->state == DESK_ATTEMPT_STATE_FINISHED)
    return;

  outcome = desk_attempt_new_outcome (self, DESK_OUTCOME_EXPIRED);
  desk_outcome_set_detail (outcome, _("The auth session expired before the consent finished."));
  desk_attempt_finish (self, outcome);
}
