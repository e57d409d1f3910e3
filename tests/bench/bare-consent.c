/* bare-consent.c — the consent-page baseline: the Sandbox, one session, one bare web view
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `consent-desk --start` must do at the least, done as early as it can be: starts the
 * built-in Sandbox (auto outcome success, as the app runs it), sends the create-session
 * request through DeskFiskilClient before the window exists, presents an AdwApplicationWindow
 * holding a bare WebKitWebView on an ephemeral network session, and loads auth_url the moment
 * it arrives. It prints, on the wall clock in ms (the clock of the app's timeline "at"):
 *   answered <ms>   the create-session answer arrived
 *   loaded <ms>     the consent page finished loading (the first load "finished")
 * then waits BENCH_HOLD_MS (default 0; bench-consent holds it to read its memory) and quits.
 */

#include "config.h"

#include <adwaita.h>
#include <webkit/webkit.h>

#include "desk-fiskil.h"
#include "desk-sandbox.h"

typedef struct
{
  DeskSandbox      *sandbox;
  DeskFiskilClient *client;
  GApplication     *application;
  WebKitWebView    *web_view;
  char             *auth_url;
  gboolean          loaded;
} Bare;

static double
now_ms (void)
{
  return g_get_real_time () / 1000.0;
}

static void
load_when_ready (Bare *bare)
{
  if (bare->web_view != NULL && bare->auth_url != NULL)
    webkit_web_view_load_uri (bare->web_view, bare->auth_url);
}

static void
on_session (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Bare *bare = user_data;
  g_autoptr(GError) error = NULL;
  DeskAuthSession *session;

  session = desk_fiskil_client_create_session_finish (DESK_FISKIL_CLIENT (source), result, &error);
  if (session == NULL)
    g_error ("No session from the Sandbox: %s", error->message);

  g_print ("answered %.3f\n", now_ms ());
  bare->auth_url = g_strdup (session->auth_url);
  desk_auth_session_free (session);
  load_when_ready (bare);
}

static gboolean
quit (gpointer user_data)
{
  g_application_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_load_changed (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 gpointer         user_data)
{
  Bare *bare = user_data;
  const char *hold = g_getenv ("BENCH_HOLD_MS");

  if (event != WEBKIT_LOAD_FINISHED || bare->loaded)
    return;

  bare->loaded = TRUE;
  g_print ("loaded %.3f\n", now_ms ());
  g_timeout_add (hold != NULL ? (guint) g_ascii_strtoull (hold, NULL, 10) : 0,
                 quit, bare->application);
}

static void
on_activate (GApplication *application,
             gpointer      user_data)
{
  Bare *bare = user_data;
  g_autoptr(WebKitNetworkSession) network_session = webkit_network_session_new_ephemeral ();
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  bare->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", network_session,
                                 NULL);
  g_signal_connect (bare->web_view, "load-changed", G_CALLBACK (on_load_changed), bare);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                      GTK_WIDGET (bare->web_view));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_present (GTK_WINDOW (window));
  load_when_ready (bare);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  Bare bare = { NULL, };
  int status;

  application = adw_application_new ("org.consentdesk.BenchBareConsent",
                                     G_APPLICATION_DEFAULT_FLAGS);
  bare.application = G_APPLICATION (application);

  bare.sandbox = desk_sandbox_new ();
  if (!desk_sandbox_start (bare.sandbox, &error))
    g_error ("The Sandbox did not start: %s", error->message);
  desk_sandbox_set_auto_outcome (bare.sandbox, "success");

  /* The request goes out as soon as the main loop runs, while the window is being made. */
  bare.client = desk_fiskil_client_new (desk_sandbox_get_base_url (bare.sandbox));
  desk_fiskil_client_set_client_credentials (bare.client, DESK_SANDBOX_CLIENT_ID,
                                             DESK_SANDBOX_CLIENT_SECRET);
  request = desk_session_request_new ("eu_bench", DESK_SANDBOX_DEFAULT_REDIRECT_URI,
                                      DESK_SANDBOX_DEFAULT_CANCEL_URI, NULL, NULL);
  desk_fiskil_client_create_session_async (bare.client, request, NULL, on_session, &bare);

  g_signal_connect (application, "activate", G_CALLBACK (on_activate), &bare);
  status = g_application_run (G_APPLICATION (application), argc, argv);

  g_clear_object (&bare.client);
  g_clear_object (&bare.sandbox);
  g_free (bare.auth_url);

  return status;
}
