/* desk-consent-web.h — what the consent view adds to WebKit: the content filter that keeps
 * requests off the callback endpoints, its user scripts, and the integrator page's server
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "desk-attempt.h"

G_BEGIN_DECLS

/* The isolated script world of Consent Desk's own scripts: page script cannot reach it. */
#define DESK_CONSENT_WORLD "consent-desk"

/* How a navigation started, in the timeline's words ("link", "form", "redirect", …). */
const char              *desk_consent_navigation_via     (WebKitNavigationAction *action,
                                                          gboolean                new_window);
/* A string property of a script message's object, or NULL. */
char                    *desk_consent_js_string          (JSCValue            *value,
                                                          const char          *name);
/* The address bar's security indicator for @web_view's page (NULL: no page). */
void                     desk_consent_show_security      (WebKitWebView       *web_view,
                                                          GtkImage            *icon);

/* The attempt's own ephemeral network session (TLS errors fail the load). */
WebKitNetworkSession     *desk_consent_network_session_new (void);
/* User content with the form script and the "deskForm" and "deskMessage" handlers of
 * DESK_CONSENT_WORLD registered (connect to their script-message-received). */
WebKitUserContentManager *desk_consent_content_manager_new (void);
/* The consent page's view on @network_session, floating, nothing loaded. */
WebKitWebView            *desk_consent_web_view_new        (WebKitNetworkSession     *session,
                                                            WebKitUserContentManager *content);
/* Ends @web_view's web process and drops the reference given (a GSourceOnceFunc: call it once
 * WebKit has returned from whatever signal ended the attempt). */
void                      desk_consent_web_view_release    (gpointer web_view);
/* Who @pid's parent is, from /proc/PID/stat (0 when it is gone): how WebKit's processes are
 * told apart from other programs', through its sandbox wrappers. */
int                       desk_process_parent_of           (int pid);
/* The timeline's word for why a web process ended ("crashed", "memory", "ended"). */
const char *desk_consent_termination_reason (WebKitWebProcessTerminationReason reason);

/* The parts desk_consent_warm() made for @attempt, now the caller's (the view is a full
 * reference, not floating); FALSE when there are none. */
gboolean    desk_consent_warm_take (DeskAttempt               *attempt,
                                    WebKitNetworkSession     **network_session,
                                    WebKitUserContentManager **content_manager,
                                    WebKitWebView            **web_view);

/* The content filter for @redirect_uri and @cancel_uri (desk_consent_filter_load_async()),
 * given once @web_view's warm-up load, if it still runs, is over too: the consent view connects
 * its page handling and loads its page only after both (desk-consent-warm.c). */
void                     desk_consent_warm_prepare_async (WebKitWebView       *web_view,
                                                          const char          *redirect_uri,
                                                          const char          *cancel_uri,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
WebKitUserContentFilter *desk_consent_warm_prepare_finish (GAsyncResult       *result,
                                                          GError            **error);

/* Compiles the content filter made from the callback endpoints (desk-navigation.h) with
 * WebKitUserContentFilterStore, once per distinct rule set in this process (a request made
 * while that rule set compiles waits for the same compilation). */
void                     desk_consent_filter_load_async  (const char          *redirect_uri,
                                                          const char          *cancel_uri,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* NULL without an error when there is nothing to block (no web endpoint). */
WebKitUserContentFilter *desk_consent_filter_load_finish (GAsyncResult        *result,
                                                          GError             **error);
/* Forgets the filters this process compiled or read, so that the next request reads the
 * store back as a new run does (tests). */
void                     desk_consent_filters_forget     (void);

/* In every frame: hands each submitted form's target, method and fields (urlencoded) to the
 * "deskForm" script message handler of DESK_CONSENT_WORLD just before the submission. */
WebKitUserScript        *desk_consent_form_script_new    (void);
/* In the integrator page only (top frame, @integrator_origin): forwards every message event
 * (data as JSON, origin, whether it came from the consent iframe) to "deskMessage". */
WebKitUserScript        *desk_consent_message_script_new (const char          *integrator_origin);

/* The integrator page of @integration ("Your app — simulated") on its own loopback origin,
 * started on first use; it opens @auth_url as the pattern says. */
char                    *desk_integrator_page_uri        (DeskIntegration      integration,
                                                          const char          *auth_url,
                                                          GError             **error);
/* The first address an attempt loads: @auth_url itself, or the integrator page that opens it
 * (adding, for the embedded pattern, its message script to @content_manager). */
char                    *desk_consent_first_uri          (DeskIntegration           integration,
                                                          const char               *auth_url,
                                                          WebKitUserContentManager *content_manager,
                                                          GError                  **error);
/* "http://127.0.0.1:PORT" once the server runs, else NULL. */
const char              *desk_integrator_origin          (void);

/* WebKit says nothing when its network process dies (2.50 has no signal for it, and the page
 * just stays): watches the process itself (a descendant of this one, found in /proc, through a
 * pidfd) and calls @func once when it ends. 0 when it cannot be found or watched. Remove the
 * watch with g_source_remove(). */
typedef void (*DeskProcessEndedFunc) (gpointer data);

guint                    desk_network_process_watch      (DeskProcessEndedFunc  func,
                                                          gpointer              data);

G_END_DECLS
