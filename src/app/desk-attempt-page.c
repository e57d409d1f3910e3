/* desk-attempt-page.c — the running attempt: session details, the consent view and its timeline
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent view follows design.md's "Callback matching" and "The web view's rules":
 * every navigation and new-window decision, in any frame, is checked against the redirect and
 * cancel URIs before anything is sent; a match is ignored and ends the attempt.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-attempt-page.h"

/* Longest stretch of an address quoted in a notice; the timeline keeps the whole of it. */
#define NOTICE_URI_MAX_CHARS 80

struct _DeskAttemptPage
{
  GtkWidget          parent_instance;

  DeskAttempt       *attempt;
  WebKitWebView     *web_view;     /* the overlay's child; NULL without a consent page */
  guint              countdown_id;

  /* template */
  AdwToastOverlay   *toast_overlay;
  GtkLabel          *session_id_label;
  GtkLabel          *id_label;
  GtkLabel          *auth_url_label;
  GtkLabel          *expires_label;
  GtkLabel          *countdown_label;
  GtkRevealer       *notice_revealer;
  GtkLabel          *notice_label;
  GtkImage          *security_icon;
  GtkLabel          *address_label;
  GtkOverlay        *web_overlay;
  GtkProgressBar    *progress_bar;
  GtkExpander       *timeline_expander;
  GtkListView       *timeline_view;
};

G_DEFINE_FINAL_TYPE (DeskAttemptPage, desk_attempt_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ATTEMPT,
  PROP_TIMELINE_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the consent view does with an address a page wants to go to. */
typedef enum
{
  VERDICT_ALLOW,           /* https, or http to this computer */
  VERDICT_CALLBACK,        /* the redirect or cancel URI: never loaded, ends the attempt */
  VERDICT_ATTEMPT_OVER,    /* the attempt has ended: nothing loads any more */
  VERDICT_OTHER_SCHEME,    /* mailto:, bank apps, intent:, data:, file:, … */
  VERDICT_UNENCRYPTED,     /* plain http to another computer */
} Verdict;

static gboolean
desk_attempt_page_is_consenting (DeskAttemptPage *self)
{
  return self->attempt != NULL
         && desk_attempt_get_state (self->attempt) == DESK_ATTEMPT_STATE_CONSENTING;
}

static void
desk_attempt_page_record (DeskAttemptPage  *self,
                          DeskTimelineKind  kind,
                          const char       *title,
                          const char       *detail)
{
  if (self->attempt != NULL)
    desk_timeline_append (desk_attempt_get_timeline (self->attempt), kind, title, detail);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  /* Covers 127.0.0.0/8 and ::1; GUri has already taken the brackets off an IPv6 literal. */
  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Only web pages load: https anywhere, http on this computer (the Sandbox, test servers), and
 * the blank documents of frames. data: and blob: are refused too: WebKitGTK 2.50 cannot tell a
 * frame from the main page, and a top-level data: page would show content under no address. */
static Verdict
classify_address (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (parsed == NULL)
    return VERDICT_OTHER_SCHEME;

  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return VERDICT_ALLOW;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    return is_loopback_host (g_uri_get_host (parsed)) ? VERDICT_ALLOW : VERDICT_UNENCRYPTED;
  if (g_ascii_strcasecmp (uri, "about:blank") == 0
      || g_ascii_strcasecmp (uri, "about:srcdoc") == 0)
    return VERDICT_ALLOW;

  return VERDICT_OTHER_SCHEME;
}

static Verdict
desk_attempt_page_judge (DeskAttemptPage  *self,
                         const char       *uri,
                         DeskCallback    **callback)
{
  const DeskSessionRequest *request;

  *callback = NULL;

  if (!desk_attempt_page_is_consenting (self))
    return VERDICT_ATTEMPT_OVER;

  request = desk_attempt_get_request (self->attempt);
  *callback = desk_callback_parse (uri, request->redirect_uri, request->cancel_uri);
  if (*callback != NULL)
    return VERDICT_CALLBACK;

  return classify_address (uri);
}

static const char *
navigation_type_to_label (WebKitNavigationType type)
{
  switch (type)
    {
    case WEBKIT_NAVIGATION_TYPE_LINK_CLICKED:
      return _("link clicked");
    case WEBKIT_NAVIGATION_TYPE_FORM_SUBMITTED:
      return _("form submitted");
    case WEBKIT_NAVIGATION_TYPE_BACK_FORWARD:
      return _("back or forward");
    case WEBKIT_NAVIGATION_TYPE_RELOAD:
      return _("reload");
    case WEBKIT_NAVIGATION_TYPE_FORM_RESUBMITTED:
      return _("form resubmitted");
    case WEBKIT_NAVIGATION_TYPE_OTHER:
    default:
      return _("script, redirect or frame");
    }
}

static void
desk_attempt_page_show_notice (DeskAttemptPage *self,
                               const char      *text)
{
  gtk_label_set_text (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

static char *
shorten_uri (const char *uri)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (uri, -1) <= NOTICE_URI_MAX_CHARS)
    return g_strdup (uri);

  start = g_utf8_substring (uri, 0, NOTICE_URI_MAX_CHARS);

  return g_strconcat (start, "…", NULL);
}

/* Records a decision already taken, tells the person about refusals, and ends the attempt on a
 * callback. @how: "link clicked", "pop-up", …; @frame: the target frame's name or NULL. */
static void
desk_attempt_page_report (DeskAttemptPage *self,
                          Verdict          verdict,
                          const char      *uri,
                          const char      *how,
                          const char      *frame,
                          DeskCallback    *callback)
{
  g_autofree char *frame_text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *short_uri = NULL;
  g_autofree char *notice = NULL;
  const char *title = NULL;

  /* WebKitGTK 2.50 reports the target frame's name only (a link's target, a named frame);
   * whether it is the main frame or a sub-frame is not exposed, so every frame gets the same
   * rules. */
  if (frame != NULL && *frame != '\0')
    frame_text = g_strdup_printf (_("target frame “%s”"), frame);
  else
    frame_text = g_strdup (_("no named target frame"));
  /* Translators: address — how the navigation started, the frame */
  detail = g_strdup_printf (_("%s — %s, %s"), uri, how, frame_text);

  switch (verdict)
    {
    case VERDICT_ALLOW:
      title = _("Navigation allowed");
      break;

    case VERDICT_CALLBACK:
      title = callback->matched == DESK_CALLBACK_MATCH_CANCEL
              ? _("Cancel URI reached: captured, not loaded")
              : _("Redirect URI reached: captured, not loaded");
      break;

    case VERDICT_ATTEMPT_OVER:
      title = _("Navigation ignored: the attempt is over");
      break;

    case VERDICT_OTHER_SCHEME:
      title = _("Navigation ignored: not a web page");
      short_uri = shorten_uri (uri);
      notice = g_strdup_printf (_("The page tried to open “%s”; Consent Desk ignored it."),
                                short_uri);
      break;

    case VERDICT_UNENCRYPTED:
      title = _("Navigation refused: unencrypted connection");
      short_uri = shorten_uri (uri);
      notice = g_strdup_printf (_("The page tried to open “%s” without encryption; "
                                  "Consent Desk refused it."), short_uri);
      break;

    default:
      g_assert_not_reached ();
    }

  desk_attempt_page_record (self, DESK_TIMELINE_NAVIGATION, title, detail);

  if (notice != NULL)
    {
      desk_attempt_page_record (self, DESK_TIMELINE_NOTICE, notice, NULL);
      desk_attempt_page_show_notice (self, notice);
    }

  if (verdict == VERDICT_CALLBACK)
    desk_attempt_finish_with_callback (self->attempt, callback);
}

static gboolean
desk_attempt_page_decide_navigation (DeskAttemptPage                *self,
                                     WebKitNavigationPolicyDecision *decision,
                                     gboolean                        new_window)
{
  WebKitNavigationAction *action;
  WebKitNavigationType type;
  const char *uri;
  g_autoptr(DeskCallback) callback = NULL;
  g_autofree char *how = NULL;
  Verdict verdict;

  action = webkit_navigation_policy_decision_get_navigation_action (decision);
  type = webkit_navigation_action_get_navigation_type (action);
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  verdict = desk_attempt_page_judge (self, uri, &callback);

  /* Answer first: an unanswered decision is a "use" once it is disposed. */
  if (verdict == VERDICT_ALLOW)
    webkit_policy_decision_use (WEBKIT_POLICY_DECISION (decision));
  else
    webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));

  how = g_strdup_printf ("%s%s%s",
                         navigation_type_to_label (type),
                         webkit_navigation_action_is_redirect (action) ? _(", HTTP redirect") : "",
                         new_window ? _(", new window (opened in this view)") : "");
  desk_attempt_page_report (self, verdict, uri, how,
                            webkit_navigation_action_get_frame_name (action), callback);

  return TRUE;
}

static gboolean
desk_attempt_page_decide_response (DeskAttemptPage              *self,
                                   WebKitResponsePolicyDecision *decision)
{
  WebKitURIRequest *request = webkit_response_policy_decision_get_request (decision);
  g_autofree char *short_uri = NULL;
  g_autofree char *notice = NULL;

  if (!desk_attempt_page_is_consenting (self))
    {
      webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));
      return TRUE;
    }

  if (webkit_response_policy_decision_is_mime_type_supported (decision))
    {
      webkit_policy_decision_use (WEBKIT_POLICY_DECISION (decision));
      return TRUE;
    }

  /* Nothing is downloaded from a consent page. */
  webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));
  short_uri = shorten_uri (webkit_uri_request_get_uri (request));
  notice = g_strdup_printf (_("The page tried to download “%s”; Consent Desk ignored it."),
                            short_uri);
  desk_attempt_page_record (self, DESK_TIMELINE_NOTICE, notice, NULL);
  desk_attempt_page_show_notice (self, notice);

  return TRUE;
}

static gboolean
on_decide_policy (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  DeskAttemptPage          *self)
{
  /* Ending the attempt runs "finished" handlers that may drop this view: that is safe, because
   * desk_attempt_page_drop_web_view () lets it go only once WebKit has returned. */
  WebKitNavigationPolicyDecision *navigation = NULL;

  if (type != WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    navigation = WEBKIT_NAVIGATION_POLICY_DECISION (decision);

  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
      return desk_attempt_page_decide_navigation (self, navigation, FALSE);

    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      return desk_attempt_page_decide_navigation (self, navigation, TRUE);

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      return desk_attempt_page_decide_response (self, WEBKIT_RESPONSE_POLICY_DECISION (decision));

    default:
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
}

/* Pop-ups (window.open, target=_blank) open in this same view: a consent flow never gets a
 * second window. window.open() reaches "create" without a NEW_WINDOW_ACTION decision, so the
 * address is judged here again before anything loads. */
static GtkWidget *
on_create (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           DeskAttemptPage        *self)
{
  WebKitURIRequest *request = webkit_navigation_action_get_request (action);
  const char *uri = webkit_uri_request_get_uri (request);
  g_autoptr(DeskCallback) callback = NULL;
  Verdict verdict;

  if (uri == NULL || *uri == '\0')
    {
      desk_attempt_page_record (self, DESK_TIMELINE_NAVIGATION,
                                _("Pop-up without an address ignored"), NULL);
      return NULL;
    }

  verdict = desk_attempt_page_judge (self, uri, &callback);
  desk_attempt_page_report (self, verdict, uri, _("pop-up (opened in this view)"),
                            webkit_navigation_action_get_frame_name (action), callback);

  /* Goes through decide-policy once more, as any navigation does. */
  if (verdict == VERDICT_ALLOW)
    webkit_web_view_load_request (web_view, request);

  return NULL;
}

static void
desk_attempt_page_update_security (DeskAttemptPage *self)
{
  const char *uri = webkit_web_view_get_uri (self->web_view);
  GTlsCertificate *certificate = NULL;
  GTlsCertificateFlags errors = 0;
  const char *icon_name;
  const char *description;

  if (uri != NULL && g_str_has_prefix (uri, "https:")
      && webkit_web_view_get_tls_info (self->web_view, &certificate, &errors) && errors == 0)
    {
      icon_name = "channel-secure-symbolic";
      description = _("Secure connection");
    }
  else if (uri != NULL && g_str_has_prefix (uri, "http:"))
    {
      icon_name = "channel-insecure-symbolic";
      description = _("Unencrypted connection to this computer");
    }
  else
    {
      icon_name = "channel-insecure-symbolic";
      description = _("No web page");
    }

  gtk_image_set_from_icon_name (self->security_icon, icon_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->security_icon), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->security_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
on_uri_changed (WebKitWebView   *web_view,
                GParamSpec      *pspec,
                DeskAttemptPage *self)
{
  const char *uri = webkit_web_view_get_uri (web_view);

  gtk_label_set_text (self->address_label, uri != NULL ? uri : "");
  desk_attempt_page_update_security (self);
}

static void
on_load_progress_changed (WebKitWebView   *web_view,
                          GParamSpec      *pspec,
                          DeskAttemptPage *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 webkit_web_view_get_estimated_load_progress (web_view));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), webkit_web_view_is_loading (web_view));
}

static void
on_load_changed (WebKitWebView   *web_view,
                 WebKitLoadEvent  load_event,
                 DeskAttemptPage *self)
{
  const char *title = NULL;

  if (load_event == WEBKIT_LOAD_COMMITTED)
    desk_attempt_page_update_security (self);

  /* After the outcome only decisions are worth a line: loads are just the page winding down. */
  if (!desk_attempt_page_is_consenting (self))
    return;

  switch (load_event)
    {
    case WEBKIT_LOAD_STARTED:
      /* The view still reports the previous address here; the decision named the new one. */
      desk_attempt_page_record (self, DESK_TIMELINE_LOAD, _("Load started"), NULL);
      return;
    case WEBKIT_LOAD_REDIRECTED:
      title = _("Load redirected");
      break;
    case WEBKIT_LOAD_COMMITTED:
      title = _("Page committed");
      break;
    case WEBKIT_LOAD_FINISHED:
      title = _("Load finished");
      break;
    default:
      return;
    }

  desk_attempt_page_record (self, DESK_TIMELINE_LOAD, title, webkit_web_view_get_uri (web_view));
}

static gboolean
on_load_failed (WebKitWebView   *web_view,
                WebKitLoadEvent  load_event,
                const char      *failing_uri,
                GError          *error,
                DeskAttemptPage *self)
{
  g_autofree char *detail = NULL;
  g_autofree char *reason = NULL;

  /* Over (usually: a callback was just captured): no error page, nothing to report. */
  if (!desk_attempt_page_is_consenting (self))
    return TRUE;

  /* What follows every load Consent Desk itself ignored, or a load replaced by a newer one. */
  if (g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE)
      || g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    {
      desk_attempt_page_record (self, DESK_TIMELINE_LOAD, _("Load stopped"), failing_uri);
      return TRUE;
    }

  detail = g_strdup_printf ("%s — %s", failing_uri, error->message);
  desk_attempt_page_record (self, DESK_TIMELINE_LOAD, _("Load failed"), detail);

  /* Translators: the first %s is an address, the second WebKit's description of the problem */
  reason = g_strdup_printf (_("The page “%s” could not be loaded: %s"), failing_uri,
                            error->message);
  desk_attempt_finish_with_navigation_error (self->attempt, reason);

  return TRUE;
}

static char *
describe_tls_errors (GTlsCertificateFlags errors)
{
  static const struct
  {
    GTlsCertificateFlags  flag;
    const char           *sentence;
  } sentences[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("The certificate is not signed by a trusted authority.") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("The certificate does not belong to this address.") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("The certificate is not valid yet.") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("The certificate has expired.") },
    { G_TLS_CERTIFICATE_REVOKED, N_("The certificate has been revoked.") },
    { G_TLS_CERTIFICATE_INSECURE, N_("The certificate uses an insecure algorithm.") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("The certificate could not be checked.") },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      if ((errors & sentences[i].flag) == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _(sentences[i].sentence));
    }

  if (text->len == 0)
    g_string_append (text, _("The certificate could not be checked."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Fails closed: the page is not loaded, whatever the problem. */
static gboolean
on_load_failed_with_tls_errors (WebKitWebView        *web_view,
                                const char           *failing_uri,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors,
                                DeskAttemptPage      *self)
{
  g_autofree char *problem = NULL;
  g_autofree char *reason = NULL;

  if (!desk_attempt_page_is_consenting (self))
    return TRUE;

  problem = describe_tls_errors (errors);
  desk_attempt_page_record (self, DESK_TIMELINE_LOAD, _("Load refused: certificate problem"),
                            problem);

  /* Translators: %s is an address, then one or more sentences about its certificate */
  reason = g_strdup_printf (_("The connection to “%s” is not secure. %s"),
                            failing_uri, problem);
  desk_attempt_finish_with_navigation_error (self->attempt, reason);

  return TRUE;
}

static void
on_web_process_terminated (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           DeskAttemptPage                   *self)
{
  const char *text;

  if (!desk_attempt_page_is_consenting (self))
    return;

  switch (reason)
    {
    case WEBKIT_WEB_PROCESS_CRASHED:
      text = _("The consent page stopped working: its web process crashed.");
      break;
    case WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT:
      text = _("The consent page stopped working: it used too much memory.");
      break;
    case WEBKIT_WEB_PROCESS_TERMINATED_BY_API:
    default:
      text = _("The consent page stopped working: its web process was ended.");
      break;
    }

  desk_attempt_page_record (self, DESK_TIMELINE_LOAD, _("Web process ended"), text);
  desk_attempt_finish_with_navigation_error (self->attempt, text);
}

static void
desk_attempt_page_drop_web_view (DeskAttemptPage *self)
{
  WebKitWebView *web_view = g_steal_pointer (&self->web_view);

  if (web_view == NULL)
    return;

  g_signal_handlers_disconnect_by_data (web_view, self);
  webkit_web_view_stop_loading (web_view);

  /* The view may be dropped from inside one of its own signals (a callback ends the attempt,
   * and a "finished" handler clears the page): let it go once WebKit has returned. */
  g_object_ref (web_view);
  gtk_overlay_set_child (self->web_overlay, NULL);
  g_idle_add_once ((GSourceOnceFunc) g_object_unref, web_view);

  gtk_label_set_text (self->address_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
}

static void
desk_attempt_page_open_consent (DeskAttemptPage *self)
{
  const DeskAuthSession *session = desk_attempt_get_session (self->attempt);
  g_autoptr(WebKitSettings) settings = NULL;
  g_autofree char *reason = NULL;

  g_assert (self->web_view == NULL);
  g_assert (session != NULL);

  if (classify_address (session->auth_url) != VERDICT_ALLOW)
    {
      reason = g_strdup_printf (_("The consent page “%s” is not a secure web address."),
                                session->auth_url);
      desk_attempt_finish_with_navigation_error (self->attempt, reason);
      return;
    }

  /* Pop-ups without a click are routed into this view (see on_create), so letting scripts
   * open them is safe, and consent pages that open one after a network round trip work. */
  settings = webkit_settings_new_with_settings ("javascript-can-open-windows-automatically", TRUE,
                                                "enable-developer-extras", DEVELOPMENT,
                                                NULL);
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session",
                                 desk_attempt_get_network_session (self->attempt),
                                 "settings", settings,
                                 NULL);
  gtk_overlay_set_child (self->web_overlay, GTK_WIDGET (self->web_view));

  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (on_decide_policy), self, 0);
  g_signal_connect_object (self->web_view, "create",
                           G_CALLBACK (on_create), self, 0);
  g_signal_connect_object (self->web_view, "load-changed",
                           G_CALLBACK (on_load_changed), self, 0);
  g_signal_connect_object (self->web_view, "load-failed",
                           G_CALLBACK (on_load_failed), self, 0);
  g_signal_connect_object (self->web_view, "load-failed-with-tls-errors",
                           G_CALLBACK (on_load_failed_with_tls_errors), self, 0);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (on_web_process_terminated), self, 0);
  g_signal_connect_object (self->web_view, "notify::uri",
                           G_CALLBACK (on_uri_changed), self, 0);
  g_signal_connect_object (self->web_view, "notify::estimated-load-progress",
                           G_CALLBACK (on_load_progress_changed), self, 0);
  g_signal_connect_object (self->web_view, "notify::is-loading",
                           G_CALLBACK (on_load_progress_changed), self, 0);

  /* Exactly as returned (fiskil-api.md §3). */
  webkit_web_view_load_uri (self->web_view, session->auth_url);
}

static char *
format_countdown (gint64 remaining)
{
  g_autofree char *clock = NULL;

  if (remaining <= 0)
    return g_strdup (_("Expired"));

  if (remaining >= 3600)
    clock = g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", remaining / 3600,
                             (int) (remaining / 60 % 60), (int) (remaining % 60));
  else
    clock = g_strdup_printf ("%d:%02d", (int) (remaining / 60), (int) (remaining % 60));

  /* Translators: %s is a countdown such as "14:32" or "1:02:03" */
  return g_strdup_printf (_("Expires in %s"), clock);
}

static void
desk_attempt_page_update_countdown (DeskAttemptPage *self)
{
  const DeskAuthSession *session;
  g_autofree char *text = NULL;

  session = self->attempt != NULL ? desk_attempt_get_session (self->attempt) : NULL;
  if (session == NULL)
    {
      gtk_label_set_text (self->countdown_label, "");
      return;
    }

  text = format_countdown (desk_auth_session_get_local_expiry (session)
                           - g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_text (self->countdown_label, text);
}

static gboolean
on_countdown_tick (gpointer user_data)
{
  desk_attempt_page_update_countdown (DESK_ATTEMPT_PAGE (user_data));

  return G_SOURCE_CONTINUE;
}

static void
desk_attempt_page_stop_countdown (DeskAttemptPage *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
}

/* Ticks only while someone can see it. */
static void
desk_attempt_page_start_countdown (DeskAttemptPage *self)
{
  if (self->countdown_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self))
      || !desk_attempt_page_is_consenting (self))
    return;

  desk_attempt_page_update_countdown (self);
  self->countdown_id = g_timeout_add (1000, on_countdown_tick, self);
}

static void
desk_attempt_page_show_session (DeskAttemptPage *self)
{
  const DeskAuthSession *session;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *expires_text = NULL;

  session = self->attempt != NULL ? desk_attempt_get_session (self->attempt) : NULL;
  if (session != NULL)
    expires = g_date_time_new_from_unix_local (session->expires_at);
  if (expires != NULL)
    expires_text = g_date_time_format (expires, "%x %X %Z");

  gtk_label_set_text (self->session_id_label, session != NULL ? session->session_id : "—");
  gtk_label_set_text (self->id_label,
                      session != NULL && session->id != NULL ? session->id : "—");
  gtk_label_set_text (self->auth_url_label, session != NULL ? session->auth_url : "—");
  gtk_label_set_text (self->expires_label, expires_text != NULL ? expires_text : "—");
  desk_attempt_page_update_countdown (self);
}

static void
desk_attempt_page_update_actions (DeskAttemptPage *self)
{
  gboolean running = self->attempt != NULL
                     && desk_attempt_get_state (self->attempt) != DESK_ATTEMPT_STATE_FINISHED;
  gboolean has_session = self->attempt != NULL && desk_attempt_get_session (self->attempt) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attempt.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attempt.copy", has_session);
}

static void
on_attempt_state_changed (DeskAttempt     *attempt,
                          GParamSpec      *pspec,
                          DeskAttemptPage *self)
{
  desk_attempt_page_show_session (self);
  desk_attempt_page_update_actions (self);

  switch (desk_attempt_get_state (attempt))
    {
    case DESK_ATTEMPT_STATE_CONSENTING:
      if (self->web_view == NULL)
        desk_attempt_page_open_consent (self);
      desk_attempt_page_start_countdown (self);
      break;

    case DESK_ATTEMPT_STATE_FINISHED:
      desk_attempt_page_stop_countdown (self);
      gtk_label_set_text (self->countdown_label, "");
      /* Whatever the page still does (scripts, sub-resources) goes nowhere now. */
      if (self->web_view != NULL)
        webkit_web_view_stop_loading (self->web_view);
      break;

    case DESK_ATTEMPT_STATE_NEW:
    case DESK_ATTEMPT_STATE_CREATING:
    default:
      break;
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);

  if (self->attempt != NULL)
    desk_attempt_close (self->attempt);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);
  const char *field = g_variant_get_string (parameter, NULL);
  const DeskAuthSession *session;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *expires_text = NULL;
  const char *text = NULL;
  const char *toast = NULL;

  session = self->attempt != NULL ? desk_attempt_get_session (self->attempt) : NULL;
  if (session == NULL)
    return;

  if (g_str_equal (field, "session-id"))
    {
      text = session->session_id;
      toast = _("Session ID copied");
    }
  else if (g_str_equal (field, "id"))
    {
      text = session->id;
      toast = _("ID copied");
    }
  else if (g_str_equal (field, "auth-url"))
    {
      text = session->auth_url;
      toast = _("Auth URL copied");
    }
  else if (g_str_equal (field, "expires-at"))
    {
      /* ISO 8601 with the offset: unambiguous when pasted into a ticket. */
      expires = g_date_time_new_from_unix_local (session->expires_at);
      expires_text = expires != NULL ? g_date_time_format_iso8601 (expires) : NULL;
      text = expires_text;
      toast = _("Expiry time copied");
    }

  if (text == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (toast));
}

static void
dismiss_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);

  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

static char *
format_event_time (GtkListItem *item,
                   GDateTime   *time)
{
  return time != NULL ? g_date_time_format (time, "%H:%M:%S") : NULL;
}

static char *
format_event_kind (GtkListItem      *item,
                   DeskTimelineKind  kind)
{
  return g_strdup (desk_timeline_kind_to_label (kind));
}

static gboolean
has_text (GtkListItem *item,
          const char  *text)
{
  return text != NULL && *text != '\0';
}

static void
desk_attempt_page_map (GtkWidget *widget)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);

  GTK_WIDGET_CLASS (desk_attempt_page_parent_class)->map (widget);

  desk_attempt_page_start_countdown (self);
}

static void
desk_attempt_page_unmap (GtkWidget *widget)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);

  desk_attempt_page_stop_countdown (self);

  GTK_WIDGET_CLASS (desk_attempt_page_parent_class)->unmap (widget);
}

static void
desk_attempt_page_dispose (GObject *object)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (object);

  desk_attempt_page_set_attempt (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_ATTEMPT_PAGE);

  G_OBJECT_CLASS (desk_attempt_page_parent_class)->dispose (object);
}

static void
desk_attempt_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (object);

  switch (prop_id)
    {
    case PROP_ATTEMPT:
      g_value_set_object (value, self->attempt);
      break;

    case PROP_TIMELINE_EXPANDED:
      g_value_set_boolean (value, gtk_expander_get_expanded (self->timeline_expander));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_attempt_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (object);

  switch (prop_id)
    {
    case PROP_ATTEMPT:
      desk_attempt_page_set_attempt (self, g_value_get_object (value));
      break;

    case PROP_TIMELINE_EXPANDED:
      gtk_expander_set_expanded (self->timeline_expander, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_expander_expanded (GtkExpander     *expander,
                      GParamSpec      *pspec,
                      DeskAttemptPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE_EXPANDED]);
}

static void
desk_attempt_page_class_init (DeskAttemptPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_attempt_page_dispose;
  object_class->get_property = desk_attempt_page_get_property;
  object_class->set_property = desk_attempt_page_set_property;

  widget_class->map = desk_attempt_page_map;
  widget_class->unmap = desk_attempt_page_unmap;

  properties[PROP_ATTEMPT] =
    g_param_spec_object ("attempt", NULL, NULL, DESK_TYPE_ATTEMPT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMELINE_EXPANDED] =
    g_param_spec_boolean ("timeline-expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-attempt-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, session_id_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, id_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, auth_url_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, expires_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, security_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, address_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, web_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, timeline_expander);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, timeline_view);
  gtk_widget_class_bind_template_callback (widget_class, on_expander_expanded);
  gtk_widget_class_bind_template_callback (widget_class, format_event_time);
  gtk_widget_class_bind_template_callback (widget_class, format_event_kind);
  gtk_widget_class_bind_template_callback (widget_class, has_text);

  gtk_widget_class_install_action (widget_class, "attempt.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "attempt.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "attempt.dismiss-notice", NULL,
                                   dismiss_notice_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "attempt.cancel", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (DESK_TYPE_TIMELINE_EVENT);
  g_type_ensure (WEBKIT_TYPE_WEB_VIEW);
}

static void
desk_attempt_page_init (DeskAttemptPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_attempt_page_update_actions (self);
}

DeskAttemptPage *
desk_attempt_page_new (void)
{
  return g_object_new (DESK_TYPE_ATTEMPT_PAGE, NULL);
}

void
desk_attempt_page_set_attempt (DeskAttemptPage *self,
                               DeskAttempt     *attempt)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *timeline;

  g_return_if_fail (DESK_IS_ATTEMPT_PAGE (self));
  g_return_if_fail (attempt == NULL || DESK_IS_ATTEMPT (attempt));

  if (self->attempt == attempt)
    return;

  desk_attempt_page_stop_countdown (self);
  desk_attempt_page_drop_web_view (self);
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
  if (self->attempt != NULL)
    g_signal_handlers_disconnect_by_data (self->attempt, self);
  g_set_object (&self->attempt, attempt);

  if (attempt != NULL)
    {
      timeline = G_LIST_MODEL (desk_attempt_get_timeline (attempt));
      selection = gtk_no_selection_new (g_object_ref (timeline));
      g_signal_connect_object (attempt, "notify::state",
                               G_CALLBACK (on_attempt_state_changed), self, 0);
    }
  gtk_list_view_set_model (self->timeline_view, GTK_SELECTION_MODEL (selection));

  desk_attempt_page_show_session (self);
  desk_attempt_page_update_actions (self);
  if (attempt != NULL)
    on_attempt_state_changed (attempt, NULL, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPT]);
}

DeskAttempt *
desk_attempt_page_get_attempt (DeskAttemptPage *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT_PAGE (self), NULL);

  return self->attempt;
}

WebKitWebView *
desk_attempt_page_get_web_view (DeskAttemptPage *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT_PAGE (self), NULL);

  return self->web_view;
}

const char *
desk_attempt_page_get_notice (DeskAttemptPage *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->notice_revealer))
    return NULL;

  return gtk_label_get_text (self->notice_label);
}
