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
/* Set on a warmed web view while its empty document loads: the tasks of
 * desk_consent_warm_prepare_async() that wait for its end. */
#define BLANK_KEY "desk-consent-warm-blank"

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

static void prepare_done_one (GTask *task);

/* Each waiter hears the end once, however the empty document ended; a view finalized with it
 * still loading ends it too. */
static void
blank_waiters_free (gpointer data)
{
  g_autoptr(GPtrArray) waiters = data;

  for (guint i = 0; i < waiters->len; i++)
    prepare_done_one (g_ptr_array_index (waiters, i));
}

static void on_blank_changed (WebKitWebView   *web_view,
                              WebKitLoadEvent  load_event);

/* The warm-up's empty document is over: loaded (a failed load ends with FINISHED too), or its
 * web process gone. */
static void
on_blank_ended (WebKitWebView *web_view)
{
  g_signal_handlers_disconnect_by_func (web_view, on_blank_changed, NULL);
  g_signal_handlers_disconnect_by_func (web_view, on_blank_ended, NULL);
  g_object_set_data (G_OBJECT (web_view), BLANK_KEY, NULL);
}

static void
on_blank_changed (WebKitWebView   *web_view,
                  WebKitLoadEvent  load_event)
{
  if (load_event == WEBKIT_LOAD_FINISHED)
    on_blank_ended (web_view);
}

/* The empty document stays in the view's history: a page's Back never returns to it (nothing
 * happens, as with no history), and the consent view never hears of it. */
static gboolean
on_blank_back (WebKitWebView            *web_view,
               WebKitPolicyDecision     *decision,
               WebKitPolicyDecisionType  type)
{
  WebKitNavigationAction *action;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
             WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  if (webkit_navigation_action_get_navigation_type (action) != WEBKIT_NAVIGATION_TYPE_BACK_FORWARD
      || g_strcmp0 (webkit_uri_request_get_uri (webkit_navigation_action_get_request (action)),
                    "about:blank") != 0)
    return FALSE;

  webkit_policy_decision_ignore (decision);
  return TRUE;
}

/* WebKit starts a view's web process for its first load, and a bare program's starts only
 * with the consent page. Loading an empty document now starts it while the session request is
 * in flight. A navigation from about:blank stays in its process (WebKit swaps processes only
 * from a page of another site), so the consent page loads in this one; nothing of the page's
 * handling is connected before it (desk_consent_warm_prepare_async()). */
static void
start_web_process (WebKitWebView *web_view)
{
  g_object_set_data_full (G_OBJECT (web_view), BLANK_KEY,
                          g_ptr_array_new_with_free_func (g_object_unref), blank_waiters_free);
  g_signal_connect (web_view, "load-changed", G_CALLBACK (on_blank_changed), NULL);
  g_signal_connect (web_view, "web-process-terminated", G_CALLBACK (on_blank_ended), NULL);
  /* First of the view's decide-policy handlers: the consent view's come later. */
  g_signal_connect (web_view, "decide-policy", G_CALLBACK (on_blank_back), NULL);
  webkit_web_view_load_uri (web_view, "about:blank");
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
  start_web_process (warm->web_view);
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

/* -- The consent view's wait --------------------------------------------------------------- */

typedef struct
{
  guint                    pending;  /* the filter, and the empty document if it still loads */
  WebKitUserContentFilter *filter;
  GError                  *error;
} Prepare;

static void
prepare_free (gpointer data)
{
  Prepare *prepare = data;

  g_clear_pointer (&prepare->filter, webkit_user_content_filter_unref);
  g_clear_error (&prepare->error);
  g_free (prepare);
}

static void
prepare_done_one (GTask *task)
{
  Prepare *prepare = g_task_get_task_data (task);

  if (--prepare->pending > 0)
    return;

  if (prepare->error != NULL)
    g_task_return_error (task, g_steal_pointer (&prepare->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&prepare->filter),
                           (GDestroyNotify) webkit_user_content_filter_unref);
}

static void
on_prepare_filter (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Prepare *prepare = g_task_get_task_data (task);

  prepare->filter = desk_consent_filter_load_finish (result, &prepare->error);
  prepare_done_one (task);
}

void
desk_consent_warm_prepare_async (WebKitWebView       *web_view,
                                 const char          *redirect_uri,
                                 const char          *cancel_uri,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Prepare *prepare;
  GPtrArray *blank_waiters;

  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));

  task = g_task_new (NULL, cancellable, callback, user_data);
  prepare = g_new0 (Prepare, 1);
  g_task_set_source_tag (task, desk_consent_warm_prepare_async);
  prepare->pending = 1;
  g_task_set_task_data (task, prepare, prepare_free);

  blank_waiters = g_object_get_data (G_OBJECT (web_view), BLANK_KEY);
  if (blank_waiters != NULL)
    {
      prepare->pending++;
      g_ptr_array_add (blank_waiters, g_object_ref (task));
    }

  desk_consent_filter_load_async (redirect_uri, cancel_uri, cancellable, on_prepare_filter,
                                  g_steal_pointer (&task));
}

WebKitUserContentFilter *
desk_consent_warm_prepare_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
