/* desk-consent-warm.c — the attempt's web view, made while its session is being created
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 13: the session request and WebKit's start-up overlap, as in a bare program that makes
 * its view before the answer. The parts hang on the attempt itself, so they can belong to no
 * other attempt, and go with it.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include "desk-consent-warm.h"
#include "desk-consent-web.h"

#define WARM_KEY "desk-consent-warm"

typedef struct
{
  DeskAttempt              *attempt;  /* not owned: the parts are its data */
  gulong                    state_handler;
  WebKitNetworkSession     *network_session;
  WebKitUserContentManager *content_manager;
  WebKitWebView            *web_view;  /* owned (sunk), never shown until taken */
  GCancellable             *cancellable;
} Warm;

static void
warm_free (gpointer data)
{
  Warm *warm = data;

  /* Gone already when the parts go with a disposed attempt. */
  if (warm->state_handler != 0 && g_signal_handler_is_connected (warm->attempt,
                                                                 warm->state_handler))
    g_signal_handler_disconnect (warm->attempt, warm->state_handler);
  g_cancellable_cancel (warm->cancellable);
  g_clear_object (&warm->cancellable);
  if (warm->web_view != NULL)
    {
      /* Nothing was loaded, but whatever WebKit started for it ends now. */
      webkit_web_view_terminate_web_process (warm->web_view);
      g_clear_object (&warm->web_view);
    }
  g_clear_object (&warm->content_manager);
  g_clear_object (&warm->network_session);
  g_free (warm);
}

/* Ended before its page opened (an API error, a cancel): nothing of it stays. */
static void
on_state_changed (DeskAttempt *attempt,
                  GParamSpec  *pspec,
                  gpointer     user_data)
{
  if (desk_attempt_get_state (attempt) >= DESK_ATTEMPT_STATE_CHECKING)
    g_object_set_data (G_OBJECT (attempt), WARM_KEY, NULL);
}

/* The filter is compiled now, and kept by desk-consent-web.c for the view's own request. */
static void
on_filter_compiled (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  WebKitUserContentFilter *filter = desk_consent_filter_load_finish (result, NULL);

  g_clear_pointer (&filter, webkit_user_content_filter_unref);
}

void
desk_consent_warm (DeskAttempt *attempt)
{
  const DeskSessionRequest *request;
  Warm *warm;

  g_return_if_fail (DESK_IS_ATTEMPT (attempt));

  if (desk_attempt_get_integration (attempt) == DESK_INTEGRATION_HAND_OFF
      || desk_attempt_get_state (attempt) > DESK_ATTEMPT_STATE_CREATING
      || g_object_get_data (G_OBJECT (attempt), WARM_KEY) != NULL)
    return;

  request = desk_attempt_get_request (attempt);
  warm = g_new0 (Warm, 1);
  warm->attempt = attempt;
  warm->network_session = desk_consent_network_session_new ();
  warm->content_manager = desk_consent_content_manager_new ();
  warm->web_view = g_object_ref_sink (desk_consent_web_view_new (warm->network_session,
                                                                 warm->content_manager));
  warm->cancellable = g_cancellable_new ();
  desk_consent_filter_load_async (request->redirect_uri, request->cancel_uri, warm->cancellable,
                                  on_filter_compiled, NULL);
  warm->state_handler = g_signal_connect (attempt, "notify::state",
                                          G_CALLBACK (on_state_changed), NULL);
  g_object_set_data_full (G_OBJECT (attempt), WARM_KEY, warm, warm_free);
}

gboolean
desk_consent_warm_take (DeskAttempt               *attempt,
                        WebKitNetworkSession     **network_session,
                        WebKitUserContentManager **content_manager,
                        WebKitWebView            **web_view)
{
  Warm *warm;

  g_return_val_if_fail (DESK_IS_ATTEMPT (attempt), FALSE);

  warm = g_object_steal_data (G_OBJECT (attempt), WARM_KEY);
  if (warm == NULL)
    return FALSE;

  *network_session = g_steal_pointer (&warm->network_session);
  *content_manager = g_steal_pointer (&warm->content_manager);
  *web_view = g_steal_pointer (&warm->web_view);
  /* The filter's compilation goes on: the view's own request joins it. */
  g_clear_object (&warm->cancellable);
  warm_free (warm);

  return TRUE;
}
