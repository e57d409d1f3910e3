/* desk-consent-view.c — the attempt's web view, its private network session and address bar
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "The web view's rules": every navigation and new-window decision, in any frame, is
 * put to the attempt before anything is sent, and only what it allows loads. The view keeps
 * nothing between attempts: a new ephemeral network session each time, dropped at the end.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-consent-view.h"
#include "desk-consent-web.h"
#include "desk-popup-window.h"

struct _DeskConsentView
{
  GtkWidget             parent_instance;

  DeskAttempt          *attempt;
  WebKitNetworkSession *network_session;  /* this attempt's own; NULL without a page */
  WebKitWebView        *web_view;         /* the overlay's child; NULL without a page */
  WebKitUserContentManager *content_manager;  /* the page's and its pop-up's */
  GCancellable         *cancellable;      /* the content filter's compilation */
  DeskPopupWindow      *popup;            /* the pop-up pattern's one pop-up, or NULL */
  char                 *form_action;      /* the last submitted form's target … */
  char                 *form_body;        /* … and its fields, urlencoded (NULL: unread) */
  guint                 network_watch_id; /* WebKit's network process, once a page committed */
  guint                 spinner_delay_id; /* the wait before the loading spinner turns */

  /* template */
  GtkImage             *security_icon;
  GtkLabel             *address_label;
  GtkOverlay           *web_overlay;
  GtkProgressBar       *progress_bar;
  GtkWidget            *loading_box;
  GtkSpinner           *loading_spinner;
  GtkLabel             *loading_label;
};

G_DEFINE_FINAL_TYPE (DeskConsentView, desk_consent_view, GTK_TYPE_WIDGET)

#define SPINNER_DELAY_MS 1000

static gboolean
desk_consent_view_decide_navigation (DeskConsentView                *self,
                                     WebKitNavigationPolicyDecision *decision,
                                     gboolean                        new_window)
{
  WebKitNavigationAction *action = webkit_navigation_policy_decision_get_navigation_action (decision);
  WebKitURIRequest *request = webkit_navigation_action_get_request (action);
  DeskNavigationAction verdict = DESK_NAVIGATION_IGNORE;
  const char *uri = webkit_uri_request_get_uri (request);
  const char *method = webkit_uri_request_get_http_method (request);
  g_autofree char *form_action = NULL;
  g_autofree char *form_body = NULL;

  /* The fields the form script read just before this submission, if it is that one. */
  if (method != NULL && g_ascii_strcasecmp (method, "POST") == 0)
    {
      form_action = g_steal_pointer (&self->form_action);
      form_body = g_steal_pointer (&self->form_body);
      if (g_strcmp0 (form_action, uri) != 0)
        g_clear_pointer (&form_body, g_free);
    }

  if (self->attempt != NULL)
    verdict = desk_attempt_decide_navigation (self->attempt, uri,
                                              desk_consent_navigation_via (action, new_window),
                                              method, form_body);

  /* Always answered: an unanswered decision is a "use" once it is disposed. */
  if (verdict == DESK_NAVIGATION_LOAD)
    webkit_policy_decision_use (WEBKIT_POLICY_DECISION (decision));
  else
    webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));

  return TRUE;
}

static gboolean
desk_consent_view_decide_response (DeskConsentView              *self,
                                   WebKitResponsePolicyDecision *decision)
{
  WebKitURIRequest *request = webkit_response_policy_decision_get_request (decision);

  if (webkit_response_policy_decision_is_mime_type_supported (decision))
    {
      webkit_policy_decision_use (WEBKIT_POLICY_DECISION (decision));
      return TRUE;
    }

  /* Nothing is downloaded from a consent page. */
  webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));
  if (self->attempt != NULL)
    desk_attempt_report_notice (self->attempt, "refused-download",
                                webkit_uri_request_get_uri (request));

  return TRUE;
}

static gboolean
on_decide_policy (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  DeskConsentView          *self)
{
  /* Ending the attempt drops this view: keep it alive until WebKit is done with the signal. */
  g_autoptr(GObject) keep_alive = g_object_ref (G_OBJECT (web_view));
  gboolean handled;

  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
      handled = desk_consent_view_decide_navigation (self,
                                                     WEBKIT_NAVIGATION_POLICY_DECISION (decision),
                                                     FALSE);
      break;

    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      handled = desk_consent_view_decide_navigation (self,
                                                     WEBKIT_NAVIGATION_POLICY_DECISION (decision),
                                                     TRUE);
      break;

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      handled = desk_consent_view_decide_response (self,
                                                   WEBKIT_RESPONSE_POLICY_DECISION (decision));
      break;

    default:
      webkit_policy_decision_ignore (decision);
      handled = TRUE;
      break;
    }

  (void) keep_alive;
  return handled;
}

static void connect_page_signals (DeskConsentView *self,
                                  WebKitWebView   *web_view);

static void
desk_consent_view_close_popup (DeskConsentView *self,
                               gboolean         report)
{
  DeskPopupWindow *popup = g_steal_pointer (&self->popup);

  if (popup == NULL)
    return;

  g_signal_handlers_disconnect_by_data (popup, self);
  g_signal_handlers_disconnect_by_data (desk_popup_window_get_web_view (popup), self);
  gtk_window_destroy (GTK_WINDOW (popup));
  g_object_unref (popup);

  if (report && self->attempt != NULL)
    desk_attempt_report_popup (self->attempt, "closed");
}

/* The page's window.close(). */
static void
on_popup_close (WebKitWebView   *web_view,
                DeskConsentView *self)
{
  desk_consent_view_close_popup (self, TRUE);
}

/* The person closed it. */
static gboolean
on_popup_close_request (GtkWindow       *window,
                        DeskConsentView *self)
{
  desk_consent_view_close_popup (self, TRUE);
  return TRUE;
}

/* The pop-up pattern: one real window, related to the integrator page's view so that
 * window.opener and popup.closed work, with the same rules as the page. */
static GtkWidget *
desk_consent_view_create_popup (DeskConsentView *self,
                                WebKitWebView   *web_view)
{
  WebKitWebView *popup_view;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->popup != NULL)
    {
      desk_attempt_report_popup (self->attempt, "refused");
      return NULL;
    }

  popup_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                             "related-view", web_view,
                             "user-content-manager", self->content_manager,
                             "settings", webkit_web_view_get_settings (web_view),
                             NULL);
  connect_page_signals (self, popup_view);
  g_signal_connect_object (popup_view, "close", G_CALLBACK (on_popup_close), self, 0);

  self->popup = g_object_ref (desk_popup_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                          : NULL,
                                                     popup_view));
  g_signal_connect_object (self->popup, "close-request",
                           G_CALLBACK (on_popup_close_request), self, 0);
  desk_attempt_report_popup (self->attempt, "opened");

  return GTK_WIDGET (popup_view);
}

/* In the redirect pattern, pop-ups (window.open, target=_blank) open in this same view.
 * window.open() reaches "create" without a NEW_WINDOW_ACTION decision, so the address is put
 * to the attempt here first. */
static GtkWidget *
on_create (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           DeskConsentView        *self)
{
  g_autoptr(GObject) keep_alive = g_object_ref (G_OBJECT (web_view));
  WebKitURIRequest *request = webkit_navigation_action_get_request (action);
  const char *uri = webkit_uri_request_get_uri (request);
  GtkWidget *created = NULL;

  if (self->attempt == NULL
      || (uri != NULL && *uri != '\0'
          && desk_attempt_decide_navigation (self->attempt, uri, "popup",
                                             webkit_uri_request_get_http_method (request),
                                             NULL) != DESK_NAVIGATION_LOAD))
    ;
  else if (desk_attempt_get_integration (self->attempt) == DESK_INTEGRATION_POPUP)
    created = desk_consent_view_create_popup (self, web_view);
  else if (uri != NULL && *uri != '\0')
    /* Goes through decide-policy once more, as any navigation does. */
    webkit_web_view_load_request (web_view, request);

  (void) keep_alive;
  return created;
}

static void
desk_consent_view_update_security (DeskConsentView *self)
{
  desk_consent_show_security (self->web_view, self->security_icon);
}

static void
on_uri_changed (WebKitWebView   *web_view,
                GParamSpec      *pspec,
                DeskConsentView *self)
{
  const char *uri = webkit_web_view_get_uri (web_view);

  gtk_label_set_text (self->address_label, uri != NULL ? uri : "");
  desk_consent_view_update_security (self);
}

static void
on_load_progress_changed (WebKitWebView   *web_view,
                          GParamSpec      *pspec,
                          DeskConsentView *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 webkit_web_view_get_estimated_load_progress (web_view));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), webkit_web_view_is_loading (web_view));
}

/* A spinner nobody sees costs frames: it only turns while shown and on screen (the page may be
 * hidden behind another of the window's pages), and not before the wait is over. */
static void
desk_consent_view_update_spinner (DeskConsentView *self)
{
  gtk_spinner_set_spinning (self->loading_spinner,
                            self->spinner_delay_id == 0
                            && gtk_widget_get_visible (self->loading_box)
                            && gtk_widget_get_mapped (GTK_WIDGET (self->loading_spinner)));
}

static void
on_spinner_delay_over (gpointer user_data)
{
  DeskConsentView *self = user_data;

  self->spinner_delay_id = 0;
  desk_consent_view_update_spinner (self);
}

static void
desk_consent_view_show_loading (DeskConsentView *self,
                                const char      *what)
{
  gboolean loading = what != NULL;

  if (loading)
    gtk_label_set_text (self->loading_label, what);
  /* Most pages commit within a second: the words show at once, the spinner only after that.
   * Its frames are the whole window's, which without a GPU cost the web process starting
   * beside it a fifth of its time (README "Benchmarks"). The progress bar moves meanwhile. */
  if (loading && !gtk_widget_get_visible (self->loading_box))
    self->spinner_delay_id = g_timeout_add_once (SPINNER_DELAY_MS, on_spinner_delay_over, self);
  else if (!loading)
    g_clear_handle_id (&self->spinner_delay_id, g_source_remove);
  gtk_widget_set_visible (self->loading_box, loading);
  desk_consent_view_update_spinner (self);
}

static void
on_spinner_mapped (GtkWidget       *spinner,
                   DeskConsentView *self)
{
  desk_consent_view_update_spinner (self);
}

static void
on_network_process_ended (gpointer data)
{
  DeskConsentView *self = data;

  self->network_watch_id = 0;
  if (self->attempt != NULL)
    desk_attempt_report_process_ended (self->attempt, "network", "crashed");
}

static void
on_load_changed (WebKitWebView   *web_view,
                 WebKitLoadEvent  load_event,
                 DeskConsentView *self)
{
  if (load_event != WEBKIT_LOAD_COMMITTED && load_event != WEBKIT_LOAD_FINISHED)
    return;

  desk_consent_view_show_loading (self, NULL);
  if (load_event == WEBKIT_LOAD_COMMITTED)
    desk_consent_view_update_security (self);
  /* A committed page means WebKit's network process runs: from now on its end is ours. */
  if (self->network_watch_id == 0)
    self->network_watch_id = desk_network_process_watch (on_network_process_ended, self);

  if (self->attempt != NULL)
    desk_attempt_report_load (self->attempt, webkit_web_view_get_uri (web_view),
                              load_event == WEBKIT_LOAD_COMMITTED ? "committed" : "finished",
                              NULL);
}

static gboolean
on_load_failed (WebKitWebView   *web_view,
                WebKitLoadEvent  load_event,
                const char      *failing_uri,
                GError          *error,
                DeskConsentView *self)
{
  g_autoptr(GObject) keep_alive = g_object_ref (G_OBJECT (web_view));

  desk_consent_view_show_loading (self, NULL);

  /* What follows every load Consent Desk itself ignored, or a load replaced by a newer one:
   * expected (design.md), not an error. */
  if (g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE)
      || g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    return TRUE;

  if (self->attempt != NULL)
    desk_attempt_report_load (self->attempt, failing_uri, "failed", error->message);

  (void) keep_alive;
  return TRUE;  /* no error page: the outcome says what happened */
}

/* Fails closed: the page is not loaded, whatever the problem. */
static gboolean
on_load_failed_with_tls_errors (WebKitWebView        *web_view,
                                const char           *failing_uri,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors,
                                DeskConsentView      *self)
{
  g_autoptr(GObject) keep_alive = g_object_ref (G_OBJECT (web_view));

  desk_consent_view_show_loading (self, NULL);
  if (self->attempt != NULL)
    desk_attempt_report_tls_error (self->attempt, failing_uri, errors);

  (void) keep_alive;
  return TRUE;
}

static void
on_web_process_terminated (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           DeskConsentView                   *self)
{
  g_autoptr(GObject) keep_alive = g_object_ref (G_OBJECT (web_view));

  if (self->attempt != NULL)
    desk_attempt_report_process_ended (self->attempt, "web",
                                       desk_consent_termination_reason (reason));

  (void) keep_alive;
}

static void
desk_consent_view_drop_page (DeskConsentView *self)
{
  WebKitWebView *web_view = g_steal_pointer (&self->web_view);

  desk_consent_view_show_loading (self, NULL);
  gtk_label_set_text (self->address_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);

  g_clear_handle_id (&self->network_watch_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  desk_consent_view_close_popup (self, FALSE);

  if (web_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (web_view, self);
      /* Whatever the page still does (scripts, sub-resources) goes nowhere now. */
      webkit_web_view_stop_loading (web_view);

      /* The view may be dropped from inside one of its own signals (a callback ends the
       * attempt): let it go once WebKit has returned. */
      g_object_ref (web_view);
      gtk_overlay_set_child (self->web_overlay, NULL);
      g_idle_add_once (desk_consent_web_view_release, web_view);
    }

  if (self->content_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->content_manager, self);
  g_clear_object (&self->content_manager);
  g_clear_object (&self->network_session);
  g_clear_pointer (&self->form_action, g_free);
  g_clear_pointer (&self->form_body, g_free);
  desk_consent_view_update_security (self);
}

/* The form script, just before a submission: kept for that POST's decision. */
static void
on_form_message (WebKitUserContentManager *manager,
                 JSCValue                 *value,
                 DeskConsentView          *self)
{
  g_free (self->form_action);
  g_free (self->form_body);
  self->form_action = desk_consent_js_string (value, "action");
  self->form_body = desk_consent_js_string (value, "body");
}

/* The embedded pattern: every message the integrator page saw, judged in C. */
static void
on_page_message (WebKitUserContentManager *manager,
                 JSCValue                 *value,
                 DeskConsentView          *self)
{
  g_autofree char *data = desk_consent_js_string (value, "data");
  g_autofree char *origin = desk_consent_js_string (value, "origin");
  g_autoptr(JSCValue) from_frame = NULL;

  if (self->attempt == NULL || !jsc_value_is_object (value)
      || desk_attempt_get_integration (self->attempt) != DESK_INTEGRATION_EMBEDDED)
    return;

  from_frame = jsc_value_object_get_property (value, "fromFrame");
  desk_attempt_report_message (self->attempt, data, origin,
                               jsc_value_is_boolean (from_frame)
                               && jsc_value_to_boolean (from_frame));
}

static void
connect_page_signals (DeskConsentView *self,
                      WebKitWebView   *web_view)
{
  g_signal_connect_object (web_view, "decide-policy",
                           G_CALLBACK (on_decide_policy), self, 0);
  g_signal_connect_object (web_view, "create",
                           G_CALLBACK (on_create), self, 0);
  g_signal_connect_object (web_view, "load-changed",
                           G_CALLBACK (on_load_changed), self, 0);
  g_signal_connect_object (web_view, "load-failed",
                           G_CALLBACK (on_load_failed), self, 0);
  g_signal_connect_object (web_view, "load-failed-with-tls-errors",
                           G_CALLBACK (on_load_failed_with_tls_errors), self, 0);
  g_signal_connect_object (web_view, "web-process-terminated",
                           G_CALLBACK (on_web_process_terminated), self, 0);
}

static void
desk_consent_view_load_first (DeskConsentView *self)
{
  const DeskAuthSession *session = desk_attempt_get_session (self->attempt);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = desk_consent_first_uri (desk_attempt_get_integration (self->attempt),
                                                 session->auth_url, self->content_manager,
                                                 &error);

  /* Only now: the address and the progress bar never show the warm-up's empty document. */
  connect_page_signals (self, self->web_view);
  g_signal_connect_object (self->web_view, "notify::uri",
                           G_CALLBACK (on_uri_changed), self, 0);
  g_signal_connect_object (self->web_view, "notify::estimated-load-progress",
                           G_CALLBACK (on_load_progress_changed), self, 0);
  g_signal_connect_object (self->web_view, "notify::is-loading",
                           G_CALLBACK (on_load_progress_changed), self, 0);
  if (uri != NULL)
    webkit_web_view_load_uri (self->web_view, uri);
  else
    desk_attempt_report_load (self->attempt, session->auth_url, "failed", error->message);
}

/* Nothing loads before the filter that keeps requests off the callback endpoints is in, and
 * before the warm-up's empty document is over (desk-consent-warm.c). */
static void
on_filter_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DeskConsentView *self = user_data;
  g_autoptr(WebKitUserContentFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  filter = desk_consent_warm_prepare_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* dropped meanwhile; @self may be gone */

  if (error != NULL)
    {
      /* Fail safe: without the filter, sub-resources could reach the callback host. */
      desk_attempt_report_load (self->attempt, desk_attempt_get_session (self->attempt)->auth_url,
                                "failed", error->message);
      return;
    }

  if (filter != NULL)
    webkit_user_content_manager_add_filter (self->content_manager, filter);
  desk_consent_view_load_first (self);
}

static void
desk_consent_view_open (DeskConsentView *self)
{
  const DeskSessionRequest *request = desk_attempt_get_request (self->attempt);
  WebKitWebView *web_view = NULL;

  g_assert (self->web_view == NULL);
  g_assert (desk_attempt_get_session (self->attempt) != NULL);

  /* Made while the session was being created (desk-consent-warm.c), or now. */
  if (!desk_consent_warm_take (self->attempt, &self->network_session, &self->content_manager,
                               &web_view))
    {
      self->network_session = desk_consent_network_session_new ();
      self->content_manager = desk_consent_content_manager_new ();
      web_view = g_object_ref_sink (desk_consent_web_view_new (self->network_session,
                                                               self->content_manager));
    }
  g_signal_connect_object (self->content_manager, "script-message-received::deskForm",
                           G_CALLBACK (on_form_message), self, 0);
  g_signal_connect_object (self->content_manager, "script-message-received::deskMessage",
                           G_CALLBACK (on_page_message), self, 0);

  /* The overlay holds the view from here on. */
  self->web_view = web_view;
  gtk_overlay_set_child (self->web_overlay, GTK_WIDGET (web_view));
  g_object_unref (web_view);
  desk_consent_view_show_loading (self, _("Opening the consent page…"));

  self->cancellable = g_cancellable_new ();
  desk_consent_warm_prepare_async (self->web_view, request->redirect_uri, request->cancel_uri,
                                   self->cancellable, on_filter_ready, self);
}

static void
on_attempt_state_changed (DeskAttempt     *attempt,
                          GParamSpec      *pspec,
                          DeskConsentView *self)
{
  switch (desk_attempt_get_state (attempt))
    {
    case DESK_ATTEMPT_STATE_CONSENTING:
      if (self->web_view == NULL
          && desk_attempt_get_integration (attempt) != DESK_INTEGRATION_HAND_OFF)
        desk_consent_view_open (self);
      break;

    case DESK_ATTEMPT_STATE_CHECKING:
    case DESK_ATTEMPT_STATE_FINISHED:
      /* The callback is in: nothing the page does afterwards may be sent, and no web process
       * of an ended attempt stays alive (design.md). */
      desk_consent_view_drop_page (self);
      /* Not a blank page while Fiskil is asked whether the consent landed (up to 10 s). */
      if (desk_attempt_get_state (attempt) == DESK_ATTEMPT_STATE_CHECKING)
        desk_consent_view_show_loading (self, _("Confirming with Fiskil that the consent "
                                                "landed…"));
      break;

    case DESK_ATTEMPT_STATE_NEW:
    case DESK_ATTEMPT_STATE_PREPARING:
    case DESK_ATTEMPT_STATE_CREATING:
    default:
      break;
    }
}

static void
desk_consent_view_dispose (GObject *object)
{
  DeskConsentView *self = DESK_CONSENT_VIEW (object);
  GtkWidget *child;

  desk_consent_view_set_attempt (self, NULL);
  g_clear_handle_id (&self->spinner_delay_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), DESK_TYPE_CONSENT_VIEW);
  /* The template's root is not a bound child: it goes here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_consent_view_parent_class)->dispose (object);
}

static void
desk_consent_view_class_init (DeskConsentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_consent_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-consent-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskConsentView, security_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskConsentView, address_label);
  gtk_widget_class_bind_template_child (widget_class, DeskConsentView, web_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskConsentView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskConsentView, loading_box);
  gtk_widget_class_bind_template_child (widget_class, DeskConsentView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskConsentView, loading_label);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
desk_consent_view_init (DeskConsentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->loading_spinner, "map", G_CALLBACK (on_spinner_mapped), self, 0);
  g_signal_connect_object (self->loading_spinner, "unmap", G_CALLBACK (on_spinner_mapped), self,
                           0);
}

DeskConsentView *
desk_consent_view_new (void)
{
  return g_object_new (DESK_TYPE_CONSENT_VIEW, NULL);
}

void
desk_consent_view_set_attempt (DeskConsentView *self,
                               DeskAttempt     *attempt)
{
  g_return_if_fail (DESK_IS_CONSENT_VIEW (self));
  g_return_if_fail (attempt == NULL || DESK_IS_ATTEMPT (attempt));

  if (self->attempt == attempt)
    return;

  desk_consent_view_drop_page (self);
  if (self->attempt != NULL)
    g_signal_handlers_disconnect_by_data (self->attempt, self);
  g_set_object (&self->attempt, attempt);

  if (attempt != NULL)
    {
      g_signal_connect_object (attempt, "notify::state",
                               G_CALLBACK (on_attempt_state_changed), self, 0);
      on_attempt_state_changed (attempt, NULL, self);
    }
}

DeskAttempt *
desk_consent_view_get_attempt (DeskConsentView *self)
{
  g_return_val_if_fail (DESK_IS_CONSENT_VIEW (self), NULL);

  return self->attempt;
}

WebKitWebView *
desk_consent_view_get_web_view (DeskConsentView *self)
{
  g_return_val_if_fail (DESK_IS_CONSENT_VIEW (self), NULL);

  return self->web_view;
}
