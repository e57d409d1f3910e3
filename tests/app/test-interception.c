/* test-interception.c — the consent view catches callbacks before they load (suite gui)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real WebKit under Xvfb, driven through DeskAttempt and DeskAttemptPage in a window. One
 * SoupServer on 127.0.0.1 plays Fiskil (token, auth session, consent pages that walk
 * themselves to a callback in every way a page can); a separate one plays the integrator's
 * host, where the redirect and cancel URIs point: it must never receive a request.
 */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <webkit/webkit.h>

#include "desk-attempt-page.h"
#include "desk-consent-web.h"
#include "desk-navigation.h"
#include "desk-test-app.h"
#include "interception-cert.h"

#define CLIENT_SECRET "test-secret-never-shown"
#define ACCESS_TOKEN  "test-token-never-shown"

/* Long enough for a cold web process on a busy 2-core machine, short enough to fail fast. */
#define WAIT_SECONDS 30

typedef struct
{
  SoupServer *fiskil;       /* 127.0.0.1:fiskil_port */
  SoupServer *integrator;   /* 127.0.0.1:integrator_port: the redirect and cancel URIs' host */
  SoupServer *lookalike;    /* 127.0.0.10:integrator_port: a host that starts like it */
  SoupServer *untrusted;    /* https on 127.0.0.1 with a certificate nobody signed */
  guint       fiskil_port;
  guint       integrator_port;
  guint       untrusted_port;
  guint       closed_port;  /* nothing listens there */
  char       *fiskil_base;
  char       *redirect_uri;
  char       *cancel_uri;
  GPtrArray  *integrator_requests;  /* "GET /path?query", everything the integrator received */
  GPtrArray  *fiskil_requests;      /* same for the Fiskil server's consent pages */
  char       *last_start_cookie;    /* Cookie header of the last /auth/start, NULL if none */
  guint       session_count;
} Servers;

static Servers servers;

typedef struct
{
  DeskEnvironment   *environment;
  GtkWindow         *window;
  DeskAttemptPage   *page;
  DeskAttempt       *attempt;
  guint              finished_count;
  gboolean           clear_page_on_finish;  /* as the window does when it shows the outcome */
} Fixture;

/* ------------------------------------------------------------------------------------------ */
/* Bounded waits (tests/common): iterate the main context until a condition holds.           */

static gboolean
wait_until (DeskTestCondition condition,
            gpointer          data,
            guint             seconds)
{
  return desk_test_wait_until (condition, data, seconds * 1000);
}

/* ------------------------------------------------------------------------------------------ */
/* The servers                                                                                */

static void
respond_html (SoupServerMessage *message,
              const char        *html)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    html, strlen (html));
}

static void
respond_json (SoupServerMessage *message,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

static void
respond_redirect (SoupServerMessage *message,
                  const char        *location)
{
  soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, location);
}

static char *
describe_request (SoupServerMessage *message)
{
  GUri *uri = soup_server_message_get_uri (message);
  const char *query = g_uri_get_query (uri);

  return g_strdup_printf ("%s %s%s%s", soup_server_message_get_method (message),
                          g_uri_get_path (uri), query != NULL ? "?" : "",
                          query != NULL ? query : "");
}

static char *
end_user_id_of (SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), NULL))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));

  return g_strdup (json_object_get_string_member_with_default (object, "end_user_id", NULL));
}

/* The end-user ID names the consent page's technique (and a few special sessions). */
static void
answer_auth_session (SoupServerMessage *message)
{
  g_autofree char *technique = end_user_id_of (message);
  g_autofree char *session_id = g_strdup_printf ("sess-%u", ++servers.session_count);
  g_autofree char *auth_url = NULL;
  g_autofree char *json = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 server_now = now;
  gint64 expires_at;

  g_assert_nonnull (technique);

  if (g_str_equal (technique, "api-error"))
    {
      respond_json (message, SOUP_STATUS_BAD_REQUEST,
                    "{\"id\": \"err_test_400\", \"name\": \"InvalidRequest\","
                    " \"message\": \"The institution does not exist.\"}");
      return;
    }

  /* A server whose clock runs an hour ahead of ours: its expires_at is an hour "late". */
  if (g_str_equal (technique, "expire-skewed"))
    server_now = now + 3600;

  if (g_str_equal (technique, "expire-soon") || g_str_equal (technique, "expire-skewed"))
    expires_at = server_now + 2;
  else
    expires_at = server_now + 900;

  if (g_str_equal (technique, "closed-port"))
    auth_url = g_strdup_printf ("http://127.0.0.1:%u/auth/start?session=%s",
                                servers.closed_port, session_id);
  else if (g_str_equal (technique, "untrusted-certificate"))
    auth_url = g_strdup_printf ("https://127.0.0.1:%u/auth/start?session=%s&technique=plain",
                                servers.untrusted_port, session_id);
  else
    auth_url = g_strdup_printf ("%s/auth/start?session=%s&technique=%s",
                                servers.fiskil_base, session_id, technique);

  json = g_strdup_printf ("{\"id\": \"client-test\", \"session_id\": \"%s\","
                          " \"auth_url\": \"%s\", \"expires_at\": %" G_GINT64_FORMAT "}",
                          session_id, auth_url, expires_at);
  respond_json (message, SOUP_STATUS_OK, json);

  if (server_now != now)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (server_now);
      g_autofree char *date_text = soup_date_time_to_string (date, SOUP_DATE_HTTP);

      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Date", date_text);
    }
}

static const char *
consent_page (const char *technique,
              const char *session_id,
              GString    *html)
{
  g_string_append (html, "<!DOCTYPE html><html><head><title>Consent page</title>");

  if (g_str_equal (technique, "redirect-302"))
    return NULL;  /* answered with a redirect by the caller */
  else if (g_str_equal (technique, "js-location"))
    g_string_append_printf (html, "</head><body><script>location.href = '%s?session_id=%s"
                            "&via=js';</script>", servers.redirect_uri, session_id);
  else if (g_str_equal (technique, "meta-refresh"))
    g_string_append_printf (html, "<meta http-equiv='refresh' content='0; url=%s?"
                            "error=server_error&amp;error_type=CONSENT_UPSTREAM_PROCESSING_ERROR"
                            "&amp;error_description=The+bank+was+down'></head><body>",
                            servers.cancel_uri);
  else if (g_str_equal (technique, "form-get"))
    g_string_append_printf (html, "</head><body><form id='f' method='get' action='%s'>"
                            "<input type='hidden' name='session_id' value='%s'>"
                            "<input type='hidden' name='consent' value='yes please'></form>"
                            "<script>document.getElementById('f').submit();</script>",
                            servers.redirect_uri, session_id);
  else if (g_str_equal (technique, "form-post"))
    /* Issue 15: the fields of a POST are the callback's; these say the person refused. */
    g_string_append_printf (html, "</head><body><form id='f' method='post' action='%s'>"
                            "<input type='hidden' name='session_id' value='%s'>"
                            "<input type='hidden' name='error' value='access_denied'>"
                            "<input type='hidden' name='error_type' "
                            "value='CONSENT_ENDUSER_DENIED'></form>"
                            "<script>document.getElementById('f').submit();</script>",
                            servers.redirect_uri, session_id);
  else if (g_str_equal (technique, "user-info"))
    g_string_append_printf (html, "</head><body><script>location.href = 'http://u:p@127.0.0.1:"
                            "%u/callback?session_id=%s&via=user-info';</script>",
                            servers.integrator_port, session_id);
  else if (g_str_equal (technique, "double-slash"))
    g_string_append_printf (html, "</head><body><script>location.href = 'http://127.0.0.1:"
                            "%u//callback?session_id=%s&via=double-slash';</script>",
                            servers.integrator_port, session_id);
  else if (g_str_equal (technique, "subresources"))
    /* Every kind of request a page can make to the callback endpoints, in their disguises;
     * the title says when each has settled (sendBeacon cannot be watched). */
    g_string_append_printf (html, "<script>var R = 'http://127.0.0.1:%u', S = '?session_id=%s';"
                            "var settled = 0; function done () { if (++settled === 5)"
                            " document.title = 'Fired'; }</script></head><body><script>"
                            "var img = new Image (); img.onload = img.onerror = done;"
                            "img.src = 'http://127.0.0.1.:%u/callback' + S + '&kind=img';"
                            "var js = document.createElement ('script');"
                            "js.onload = js.onerror = done; js.src = R + '/cancel?kind=script';"
                            "document.head.appendChild (js);"
                            "var css = document.createElement ('link'); css.rel = 'stylesheet';"
                            "css.onload = css.onerror = done; css.href = R + '/callback' + S +"
                            " '&kind=style'; document.head.appendChild (css);"
                            "fetch (R + '//callback' + S + '&kind=fetch', { mode: 'no-cors' })"
                            ".then (done, done);"
                            "var xhr = new XMLHttpRequest (); xhr.onloadend = done;"
                            "xhr.open ('GET', R + '/CALLBACK/..%%2Fcallback' + S + '&kind=xhr');"
                            "xhr.send ();"
                            "navigator.sendBeacon (R + '/callback' + S + '&kind=beacon', 'x');"
                            "</script>", servers.integrator_port, session_id,
                            servers.integrator_port);
  else if (g_str_equal (technique, "keeps-firing"))
    /* A page that goes on sending after its callback. */
    g_string_append_printf (html, "</head><body><script>var R = 'http://127.0.0.1:%u/cancel';"
                            "setInterval (function () { new Image ().src = R + '?kind=img&t=' +"
                            " Date.now (); fetch (R + '?kind=fetch', { mode: 'no-cors' })"
                            ".catch (function () {}); }, 5);"
                            "setTimeout (function () { location.href = '%s?session_id=%s"
                            "&via=keeps-firing'; }, 100);</script>",
                            servers.integrator_port, servers.redirect_uri, session_id);
  else if (g_str_equal (technique, "iframe"))
    g_string_append (html, "</head><body><iframe src='/auth/frame'></iframe>");
  else if (g_str_equal (technique, "blank-link"))
    g_string_append_printf (html, "</head><body><a id='a' target='_blank' href='%s?session_id=%s"
                            "&amp;via=blank'>Continue</a>"
                            "<script>document.getElementById('a').click();</script>",
                            servers.redirect_uri, session_id);
  else if (g_str_equal (technique, "window-open"))
    g_string_append_printf (html, "</head><body><script>window.open('%s?session_id=%s"
                            "&via=popup');</script>", servers.redirect_uri, session_id);
  else if (g_str_equal (technique, "popup-page"))
    g_string_append (html, "</head><body><a id='a' target='_blank' href='/auth/landing'>More</a>"
                     "<script>document.getElementById('a').click();</script>");
  else if (g_str_equal (technique, "mailto"))
    g_string_append (html, "</head><body><a id='a' href='mailto:help@bank.example?subject=Help'>"
                     "Email us</a><script>document.getElementById('a').click();</script>");
  else if (g_str_equal (technique, "unencrypted"))
    g_string_append (html, "</head><body><a id='a' href='http://192.0.2.1/login'>Log in</a>"
                     "<script>document.getElementById('a').click();</script>");
  else if (g_str_equal (technique, "set-cookie"))
    g_string_append (html, "</head><body><script>document.cookie = 'desk_js=first; path=/';"
                     "localStorage.setItem('desk_storage', 'first');</script>");
  else
    g_string_append (html, "</head><body><p>Choose your bank.</p>");

  g_string_append (html, "</body></html>");

  return html->str;
}

static void
fiskil_handler (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  const char *technique = query != NULL ? g_hash_table_lookup (query, "technique") : NULL;
  const char *session_id = query != NULL ? g_hash_table_lookup (query, "session") : NULL;
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *location = NULL;

  if (g_str_equal (path, "/v1/token"))
    {
      respond_json (message, SOUP_STATUS_OK,
                    "{\"token\": \"" ACCESS_TOKEN "\", \"token_type\": \"Bearer\","
                    " \"expires_in\": 900}");
      return;
    }
  if (g_str_equal (path, "/v1/auth/session"))
    {
      answer_auth_session (message);
      return;
    }

  g_ptr_array_add (servers.fiskil_requests, describe_request (message));

  if (g_str_equal (path, "/auth/start"))
    {
      g_clear_pointer (&servers.last_start_cookie, g_free);
      servers.last_start_cookie =
        g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                "Cookie"));
      g_assert_nonnull (technique);

      if (g_str_equal (technique, "redirect-302"))
        {
          location = g_strdup_printf ("%s?session_id=%s&state=ok", servers.redirect_uri,
                                      session_id);
          respond_redirect (message, location);
        }
      else if (g_str_equal (technique, "redirect-chain"))
        respond_redirect (message, "/auth/hop1");
      else
        {
          if (g_str_equal (technique, "set-cookie"))
            soup_message_headers_append (soup_server_message_get_response_headers (message),
                                         "Set-Cookie", "desk_http=first; Path=/");
          respond_html (message, consent_page (technique, session_id, html));
        }
    }
  else if (g_str_equal (path, "/auth/hop1"))
    respond_redirect (message, "/auth/hop2");
  else if (g_str_equal (path, "/auth/hop2"))
    {
      location = g_strdup_printf ("%s?error=access_denied&error_type=CONSENT_ENDUSER_DENIED"
                                  "&error_id=err_chain", servers.cancel_uri);
      respond_redirect (message, location);
    }
  else if (g_str_equal (path, "/auth/frame"))
    {
      g_string_printf (html, "<!DOCTYPE html><html><body><script>location.href = '%s?"
                       "error=access_denied&error_type=CONSENT_ENDUSER_DENIED&via=frame';"
                       "</script></body></html>", servers.cancel_uri);
      respond_html (message, html->str);
    }
  else if (g_str_equal (path, "/auth/landing"))
    respond_html (message, "<!DOCTYPE html><html><head><title>Landing</title></head></html>");
  else if (g_str_equal (path, "/callback"))
    respond_html (message, "<!DOCTYPE html><html><head><title>Lookalike</title></head></html>");
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
integrator_handler (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  g_ptr_array_add (servers.integrator_requests, describe_request (message));
  respond_html (message, "<!DOCTYPE html><html><head><title>Lookalike</title></head></html>");
}

static void
lookalike_handler (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  respond_html (message, "<!DOCTYPE html><html><head><title>Lookalike</title></head></html>");
}

static guint
listen_local (SoupServer              *server,
              SoupServerListenOptions  options)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  guint port;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | options, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return port;
}

static guint
find_closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  /* Bound but never listening: connections to it are refused. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
servers_start (void)
{
  g_autoptr(GSocketAddress) lookalike_address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  servers.fiskil = soup_server_new (NULL, NULL);
  soup_server_add_handler (servers.fiskil, NULL, fiskil_handler, NULL, NULL);
  servers.fiskil_port = listen_local (servers.fiskil, 0);

  servers.integrator = soup_server_new (NULL, NULL);
  soup_server_add_handler (servers.integrator, NULL, integrator_handler, NULL, NULL);
  servers.integrator_port = listen_local (servers.integrator, 0);

  certificate = g_tls_certificate_new_from_pem (INTERCEPTION_TEST_CERTIFICATE_PEM, -1, &error);
  g_assert_no_error (error);
  servers.untrusted = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (servers.untrusted, NULL, fiskil_handler, NULL, NULL);
  servers.untrusted_port = listen_local (servers.untrusted, SOUP_SERVER_LISTEN_HTTPS);

  /* Linux routes all of 127.0.0.0/8 to the loopback device: no set-up needed. */
  servers.lookalike = soup_server_new (NULL, NULL);
  soup_server_add_handler (servers.lookalike, NULL, lookalike_handler, NULL, NULL);
  lookalike_address = g_inet_socket_address_new_from_string ("127.0.0.10",
                                                             servers.integrator_port);
  soup_server_listen (servers.lookalike, lookalike_address, 0, &error);
  g_assert_no_error (error);

  servers.closed_port = find_closed_port ();
  servers.fiskil_base = g_strdup_printf ("http://127.0.0.1:%u", servers.fiskil_port);
  servers.redirect_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", servers.integrator_port);
  servers.cancel_uri = g_strdup_printf ("http://127.0.0.1:%u/cancel", servers.integrator_port);
  servers.integrator_requests = g_ptr_array_new_with_free_func (g_free);
  servers.fiskil_requests = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
fiskil_received (const char *prefix)
{
  for (guint i = 0; i < servers.fiskil_requests->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (servers.fiskil_requests, i), prefix))
      return TRUE;

  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* The fixture: one window, one page, one attempt at a time                                  */

static void
on_finished (DeskAttempt       *attempt,
             const DeskOutcome *outcome,
             Fixture           *fixture)
{
  fixture->finished_count++;
  g_assert_cmpint (desk_attempt_get_state (attempt), ==, DESK_ATTEMPT_STATE_FINISHED);
  g_assert_true (desk_attempt_get_outcome (attempt) == outcome);

  /* Runs inside WebKit's own signal when a callback is captured: the view must survive it. */
  if (fixture->clear_page_on_finish)
    {
      desk_attempt_page_set_attempt (fixture->page, NULL);
      g_assert_null (desk_attempt_page_get_web_view (fixture->page));
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_ptr_array_set_size (servers.integrator_requests, 0);
  g_ptr_array_set_size (servers.fiskil_requests, 0);
  g_clear_pointer (&servers.last_start_cookie, g_free);

  /* A one-off custom environment; its credentials come from the environment variables, as a
   * script's would (set in main()). */
  fixture->environment = desk_environment_new_custom (NULL, NULL, servers.fiskil_base);

  fixture->page = desk_attempt_page_new ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
}

static void
fixture_drop_attempt (Fixture *fixture)
{
  desk_attempt_page_set_attempt (fixture->page, NULL);
  if (fixture->attempt != NULL)
    g_signal_handlers_disconnect_by_data (fixture->attempt, fixture);
  g_clear_object (&fixture->attempt);
  fixture->finished_count = 0;
  fixture->clear_page_on_finish = FALSE;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  WebKitWebView *web_view = desk_attempt_page_get_web_view (fixture->page);

  if (web_view != NULL)
    g_object_add_weak_pointer (G_OBJECT (web_view), (gpointer *) &web_view);
  fixture_drop_attempt (fixture);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->environment);
  /* The dropped web view is released from an idle: the next test starts once it has gone. */
  g_assert_true (wait_until (desk_test_pointer_is_cleared, &web_view, WAIT_SECONDS));
}

static gboolean
attempt_has_started (gpointer data)
{
  Fixture *fixture = data;

  return desk_attempt_get_state (fixture->attempt) >= DESK_ATTEMPT_STATE_CONSENTING;
}

/* A request reaching the integrator means interception failed: stop waiting at once. */
static gboolean
attempt_is_finished (gpointer data)
{
  Fixture *fixture = data;

  return desk_attempt_get_state (fixture->attempt) == DESK_ATTEMPT_STATE_FINISHED
         || servers.integrator_requests->len > 0;
}

/* Starts an attempt whose end-user ID names the consent page's technique, shows it in the
 * page, and waits until the session exists (or the attempt has ended). */
static void
fixture_start_with (Fixture    *fixture,
                    const char *technique,
                    const char *redirect_uri)
{
  g_autoptr(DeskSessionRequest) request = NULL;

  request = desk_session_request_new (technique, redirect_uri, servers.cancel_uri, NULL, NULL);
  fixture->attempt = desk_attempt_new (fixture->environment, request, DESK_INTEGRATION_REDIRECT);
  g_signal_connect (fixture->attempt, "finished", G_CALLBACK (on_finished), fixture);
  desk_attempt_page_set_attempt (fixture->page, fixture->attempt);
  desk_attempt_start (fixture->attempt);

  g_assert_true (wait_until (attempt_has_started, fixture, WAIT_SECONDS));
}

static void
fixture_start (Fixture    *fixture,
               const char *technique)
{
  fixture_start_with (fixture, technique, servers.redirect_uri);
}

static void
assert_integrator_received_nothing (void)
{
  if (servers.integrator_requests->len > 0)
    g_error ("the integrator's host received “%s”",
             (char *) g_ptr_array_index (servers.integrator_requests, 0));
}

static void
fixture_wait_finished (Fixture *fixture)
{
  g_assert_true (wait_until (attempt_is_finished, fixture, WAIT_SECONDS));
  assert_integrator_received_nothing ();
  g_assert_cmpuint (fixture->finished_count, ==, 1);
}

typedef struct
{
  WebKitWebView *web_view;
  const char    *title;
} TitleWait;

static gboolean
web_view_shows (gpointer data)
{
  TitleWait *wait = data;

  return !webkit_web_view_is_loading (wait->web_view)
         && g_strcmp0 (webkit_web_view_get_title (wait->web_view), wait->title) == 0;
}

static void
fixture_wait_page (Fixture    *fixture,
                   const char *title)
{
  TitleWait wait = { desk_attempt_page_get_web_view (fixture->page), title };

  g_assert_nonnull (wait.web_view);
  g_assert_true (wait_until (web_view_shows, &wait, WAIT_SECONDS));
}

typedef struct
{
  gboolean  done;
  char     *value;
  GError   *error;
} Script;

static void
script_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Script *script = user_data;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result,
                                                      &script->error);
  if (value != NULL)
    script->value = jsc_value_to_string (value);
  script->done = TRUE;
}

static gboolean
script_is_done (gpointer data)
{
  return ((Script *) data)->done;
}

static char *
run_script (Fixture    *fixture,
            const char *source)
{
  Script script = { FALSE, NULL, NULL };

  webkit_web_view_evaluate_javascript (desk_attempt_page_get_web_view (fixture->page), source,
                                       -1, NULL, NULL, NULL, script_done, &script);
  g_assert_true (wait_until (script_is_done, &script, WAIT_SECONDS));
  g_assert_no_error (script.error);

  return script.value;
}

/* Events of @kind whose string @field contains @text (any event of @kind when @field is NULL). */
static guint
count_events (DeskAttempt      *attempt,
              DeskTimelineKind  kind,
              const char       *field,
              const char       *text)
{
  return desk_test_count_events_containing (attempt, kind, field, text);
}

static gboolean
view_is_idle (gpointer data)
{
  WebKitWebView *web_view = desk_attempt_page_get_web_view (data);

  return web_view == NULL || !webkit_web_view_is_loading (web_view);
}

/* Proves the negative by events that must follow an escape, not by waiting a while. A script's
 * answer comes after everything the web process did before it, so a callback load it had
 * started is known by then; a load ends only once the server has answered, so the view being
 * idle means every request of that load has reached its server. A view that is already gone
 * was stopped before WebKit had its decision. */
static void
assert_integrator_still_received_nothing (Fixture *fixture)
{
  if (desk_attempt_page_get_web_view (fixture->page) != NULL)
    g_free (run_script (fixture, "'barrier'"));
  g_assert_true (wait_until (view_is_idle, fixture->page, WAIT_SECONDS));
  assert_integrator_received_nothing ();
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks reached in every way a page can: captured, never loaded                         */

typedef struct
{
  const char        *technique;
  DeskOutcomeKind    kind;
  DeskCallbackMatch  matched;
  const char        *key;    /* a parameter the callback must carry … */
  const char        *value;  /* … with this value */
} Capture;

static const Capture captures[] = {
  { "redirect-302", DESK_OUTCOME_SUCCESS, DESK_CALLBACK_MATCH_REDIRECT, "state", "ok" },
  { "redirect-chain", DESK_OUTCOME_FAILURE, DESK_CALLBACK_MATCH_CANCEL, "error_id", "err_chain" },
  { "js-location", DESK_OUTCOME_SUCCESS, DESK_CALLBACK_MATCH_REDIRECT, "via", "js" },
  { "meta-refresh", DESK_OUTCOME_FAILURE, DESK_CALLBACK_MATCH_CANCEL,
    "error_description", "The bank was down" },
  { "form-get", DESK_OUTCOME_SUCCESS, DESK_CALLBACK_MATCH_REDIRECT, "consent", "yes please" },
  { "iframe", DESK_OUTCOME_FAILURE, DESK_CALLBACK_MATCH_CANCEL, "via", "frame" },
  { "blank-link", DESK_OUTCOME_SUCCESS, DESK_CALLBACK_MATCH_REDIRECT, "via", "blank" },
  { "window-open", DESK_OUTCOME_SUCCESS, DESK_CALLBACK_MATCH_REDIRECT, "via", "popup" },
  /* Issue 15: a POST's fields are read (before: a success with no parameters) … */
  { "form-post", DESK_OUTCOME_FAILURE, DESK_CALLBACK_MATCH_REDIRECT,
    "error_type", "CONSENT_ENDUSER_DENIED" },
  /* … user-info and a doubled slash still reach the callback host: caught. */
  { "user-info", DESK_OUTCOME_SUCCESS, DESK_CALLBACK_MATCH_REDIRECT, "via", "user-info" },
  { "double-slash", DESK_OUTCOME_SUCCESS, DESK_CALLBACK_MATCH_REDIRECT, "via", "double-slash" },
  /* … and requests a page keeps making after its callback go nowhere. */
  { "keeps-firing", DESK_OUTCOME_SUCCESS, DESK_CALLBACK_MATCH_REDIRECT, "via", "keeps-firing" },
};

static void
test_capture (Fixture       *fixture,
              gconstpointer  data)
{
  const Capture *capture = data;
  const DeskOutcome *outcome;

  fixture_start (fixture, capture->technique);
  fixture_wait_finished (fixture);

  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_nonnull (outcome);
  g_assert_cmpstr (desk_outcome_kind_to_string (outcome->kind), ==,
                   desk_outcome_kind_to_string (capture->kind));
  g_assert_nonnull (outcome->session);
  g_assert_nonnull (outcome->callback);
  g_assert_cmpint (outcome->callback->matched, ==, capture->matched);
  g_assert_cmpstr (desk_callback_get_param (outcome->callback, capture->key), ==, capture->value);
  if (capture->matched == DESK_CALLBACK_MATCH_REDIRECT)
    g_assert_cmpstr (desk_callback_get_param (outcome->callback, "session_id"), ==,
                     outcome->session->session_id);
  if (capture->kind == DESK_OUTCOME_FAILURE)
    g_assert_nonnull (outcome->error_type);

  /* The capture is in the timeline, and the attempt ended exactly once. */
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NAVIGATION,
                                  "decision", "callback"), ==, 1);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_OUTCOME, NULL, NULL), ==, 1);
  /* The page and its network session are gone with the attempt. */
  g_assert_null (desk_attempt_page_get_web_view (fixture->page));

  assert_integrator_still_received_nothing (fixture);
  g_assert_cmpuint (fixture->finished_count, ==, 1);
}

/* The window clears the page from its "finished" handler, inside WebKit's decide-policy (or
 * create) emission: nothing breaks, and the capture still holds. */
static void
test_capture_then_clear (Fixture       *fixture,
                         gconstpointer  data)
{
  fixture->clear_page_on_finish = TRUE;
  fixture_start (fixture, data);
  fixture_wait_finished (fixture);

  g_assert_cmpint (desk_attempt_get_outcome (fixture->attempt)->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_null (desk_attempt_page_get_attempt (fixture->page));
  assert_integrator_still_received_nothing (fixture);
}

/* Once the attempt has its callback the page is gone at once: nothing it would do afterwards
 * (scripts, timers, sub-resources) can be sent. Late decisions are unit-tested in test-attempt. */
static void
test_later_navigations_ignored (Fixture       *fixture,
                                gconstpointer  data)
{
  fixture_start (fixture, "js-location");
  fixture_wait_finished (fixture);

  g_assert_null (desk_attempt_page_get_web_view (fixture->page));
  g_assert_cmpuint (fixture->finished_count, ==, 1);
  g_assert_cmpint (desk_attempt_get_outcome (fixture->attempt)->kind, ==, DESK_OUTCOME_SUCCESS);
  assert_integrator_still_received_nothing (fixture);
}

/* ------------------------------------------------------------------------------------------ */
/* Lookalikes load normally and do not end the attempt                                       */

typedef enum
{
  LOOKALIKE_OTHER_PORT,
  LOOKALIKE_LONGER_PATH,
  LOOKALIKE_PATH_SUFFIX,
  LOOKALIKE_USER_INFO,
  LOOKALIKE_HOST_PREFIX,
} Lookalike;

static char *
lookalike_uri (Lookalike lookalike)
{
  switch (lookalike)
    {
    case LOOKALIKE_OTHER_PORT:
      return g_strdup_printf ("http://127.0.0.1:%u/callback?session_id=x", servers.fiskil_port);
    case LOOKALIKE_LONGER_PATH:
      return g_strdup_printf ("%s2?session_id=x", servers.redirect_uri);
    case LOOKALIKE_PATH_SUFFIX:
      return g_strdup_printf ("%sX?session_id=x", servers.redirect_uri);
    case LOOKALIKE_USER_INFO:
      return g_strdup_printf ("http://127.0.0.1:%u@127.0.0.1:%u/callback?session_id=x",
                              servers.integrator_port, servers.fiskil_port);
    case LOOKALIKE_HOST_PREFIX:
      return g_strdup_printf ("http://127.0.0.10:%u/callback?session_id=x",
                              servers.integrator_port);
    default:
      g_assert_not_reached ();
    }
}

static void
test_lookalike (Fixture       *fixture,
                gconstpointer  data)
{
  Lookalike lookalike = GPOINTER_TO_INT (data);
  g_autofree char *uri = lookalike_uri (lookalike);
  g_autofree char *script = NULL;
  g_autofree char *result = NULL;

  fixture_start (fixture, "plain");
  fixture_wait_page (fixture, "Consent page");

  script = g_strdup_printf ("location.href = '%s'; 'sent'", uri);
  result = run_script (fixture, script);
  g_assert_cmpstr (result, ==, "sent");
  fixture_wait_page (fixture, "Lookalike");

  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);
  g_assert_null (desk_attempt_get_outcome (fixture->attempt));
  g_assert_cmpuint (fixture->finished_count, ==, 0);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NAVIGATION, "decision", "allowed"), >=, 2);

  /* The real callback paths were never requested, whatever else the integrator saw. */
  for (guint i = 0; i < servers.integrator_requests->len; i++)
    {
      const char *request = g_ptr_array_index (servers.integrator_requests, i);

      g_assert_false (g_str_has_prefix (request, "GET /callback?"));
      g_assert_false (g_str_has_prefix (request, "GET /cancel"));
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Pop-ups, other schemes, unencrypted pages                                                 */

static void
test_popup_opens_in_same_view (Fixture       *fixture,
                               gconstpointer  data)
{
  WebKitWebView *web_view;

  fixture_start (fixture, "popup-page");
  web_view = desk_attempt_page_get_web_view (fixture->page);
  fixture_wait_page (fixture, "Landing");

  g_assert_true (desk_attempt_page_get_web_view (fixture->page) == web_view);
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NAVIGATION, "via", "new-window")
                    + count_events (fixture->attempt, DESK_TIMELINE_NAVIGATION, "via", "popup"),
                    >=, 1);
}

static gboolean
page_shows_notice (gpointer data)
{
  Fixture *fixture = data;

  return desk_attempt_page_get_notice (fixture->page) != NULL;
}

static void
test_refused_with_notice (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *technique = data;
  const char *expected = g_str_equal (technique, "mailto") ? "mailto:help@bank.example"
                                                           : "http://192.0.2.1/login";
  const char *notice;

  fixture_start (fixture, technique);
  g_assert_true (wait_until (page_shows_notice, fixture, WAIT_SECONDS));

  notice = desk_attempt_page_get_notice (fixture->page);
  g_assert_nonnull (strstr (notice, expected));
  g_assert_nonnull (strstr (notice, "Consent Desk"));
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NOTICE, "uri", expected), ==, 1);

  /* The consent page is still there and the attempt goes on: the page answers a script, so
   * whatever its refused navigation led to has reached us already. */
  fixture_wait_page (fixture, "Consent page");
  g_free (run_script (fixture, "'barrier'"));
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);
  g_assert_cmpuint (fixture->finished_count, ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Isolation between attempts                                                                */

static void
test_no_shared_cookies (Fixture       *fixture,
                        gconstpointer  data)
{
  WebKitWebView *first_view;
  g_autofree char *cookies = NULL;
  g_autofree char *storage = NULL;

  fixture_start (fixture, "set-cookie");
  fixture_wait_page (fixture, "Consent page");
  first_view = desk_attempt_page_get_web_view (fixture->page);
  g_object_add_weak_pointer (G_OBJECT (first_view), (gpointer *) &first_view);

  /* The control: within one attempt, the page keeps what it stored. */
  cookies = run_script (fixture, "document.cookie");
  g_assert_nonnull (strstr (cookies, "desk_http=first"));
  g_assert_nonnull (strstr (cookies, "desk_js=first"));
  g_clear_pointer (&cookies, g_free);

  desk_attempt_close (fixture->attempt);
  fixture_drop_attempt (fixture);
  g_assert_null (desk_attempt_page_get_web_view (fixture->page));
  /* No page of the first attempt survives into the second. */
  g_assert_true (wait_until (desk_test_pointer_is_cleared, &first_view, WAIT_SECONDS));

  fixture_start (fixture, "read-cookie");
  fixture_wait_page (fixture, "Consent page");

  g_assert_null (servers.last_start_cookie);
  cookies = run_script (fixture, "document.cookie");
  g_assert_cmpstr (cookies, ==, "");
  storage = run_script (fixture, "String(localStorage.getItem('desk_storage'))");
  g_assert_cmpstr (storage, ==, "null");
}

/* ------------------------------------------------------------------------------------------ */
/* Endings other than a callback                                                              */

static void
test_expiry (Fixture       *fixture,
             gconstpointer  data)
{
  const char *technique = data;
  GtkLabel *countdown;
  const DeskOutcome *outcome;

  fixture_start (fixture, technique);
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);

  countdown = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                        DESK_TYPE_ATTEMPT_PAGE,
                                                        "countdown_label"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (countdown), "Expires in 0:0"));

  /* expires_at is 2 s ahead by the server's clock; skew or not, it ends in seconds. */
  fixture_wait_finished (fixture);
  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_EXPIRED);
  g_assert_nonnull (outcome->session);
  g_assert_null (outcome->callback);
  g_assert_cmpstr (gtk_label_get_text (countdown), ==, "");
}

static void
test_close_ends_exactly_once (Fixture       *fixture,
                              gconstpointer  data)
{
  const DeskOutcome *outcome;
  g_autoptr(DeskCallback) callback = NULL;
  g_autofree char *success = NULL;

  fixture_start (fixture, "plain");
  fixture_wait_page (fixture, "Consent page");

  /* What "Cancel attempt" asks of it (the window's action is tested with the window). */
  desk_attempt_cancel (fixture->attempt);
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_FINISHED);
  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_CANCELLED);
  g_assert_nonnull (outcome->session);
  g_assert_nonnull (outcome->finished_at);

  /* Every later ending is a no-op: same outcome, "finished" once. */
  success = g_strdup_printf ("%s?session_id=late", servers.redirect_uri);
  callback = desk_callback_parse (success, servers.redirect_uri, servers.cancel_uri);
  g_assert_nonnull (callback);
  g_assert_cmpint (desk_attempt_decide_navigation (fixture->attempt, success, "script", NULL,
                                                   NULL), ==, DESK_NAVIGATION_IGNORE);
  desk_attempt_report_load (fixture->attempt, success, "failed", "late");
  desk_attempt_report_process_ended (fixture->attempt, "web", "crashed");
  desk_attempt_cancel (fixture->attempt);
  desk_attempt_close (fixture->attempt);

  g_assert_true (desk_attempt_get_outcome (fixture->attempt) == outcome);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_CANCELLED);
  g_assert_null (outcome->callback);
  g_assert_cmpuint (fixture->finished_count, ==, 1);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_OUTCOME, NULL, NULL), ==, 1);
}

static gboolean
attempt_is_creating (gpointer data)
{
  Fixture *fixture = data;

  return desk_attempt_get_state (fixture->attempt) == DESK_ATTEMPT_STATE_CREATING;
}

static void
test_close_while_creating (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskTestSignal) requests = NULL;
  const DeskOutcome *outcome;

  request = desk_session_request_new ("plain", servers.redirect_uri, servers.cancel_uri,
                                      NULL, NULL);
  fixture->attempt = desk_attempt_new (fixture->environment, request, DESK_INTEGRATION_REDIRECT);
  g_signal_connect (fixture->attempt, "finished", G_CALLBACK (on_finished), fixture);
  desk_attempt_page_set_attempt (fixture->page, fixture->attempt);
  desk_attempt_start (fixture->attempt);
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_PREPARING);
  g_assert_true (wait_until (attempt_is_creating, fixture, WAIT_SECONDS));
  requests = desk_test_signal_watch (desk_attempt_get_client (fixture->attempt),
                                     "request-finished");

  desk_attempt_close (fixture->attempt);
  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_CLOSED);
  g_assert_null (outcome->session);

  /* The cancelled request comes back and changes nothing. */
  g_assert_true (desk_test_signal_wait (requests, 1, WAIT_SECONDS * 1000));
  g_assert_true (desk_attempt_get_outcome (fixture->attempt) == outcome);
  g_assert_cmpuint (fixture->finished_count, ==, 1);
  g_assert_null (desk_attempt_page_get_web_view (fixture->page));
}

static void
test_api_error (Fixture       *fixture,
                gconstpointer  data)
{
  const DeskOutcome *outcome;
  const DeskApiError *api_error;
  GListModel *timeline;
  g_autofree char *json = NULL;

  fixture_start (fixture, "api-error");
  fixture_wait_finished (fixture);

  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_API_ERROR);
  g_assert_null (outcome->session);
  g_assert_nonnull (desk_attempt_get_error (fixture->attempt));
  api_error = desk_fiskil_error_get_api_error (desk_attempt_get_error (fixture->attempt));
  g_assert_nonnull (api_error);
  g_assert_cmpuint (api_error->http_status, ==, 400);
  g_assert_cmpstr (api_error->id, ==, "err_test_400");
  g_assert_nonnull (outcome->api_error);
  g_assert_cmpstr (outcome->api_error->id, ==, "err_test_400");
  g_assert_null (desk_attempt_page_get_web_view (fixture->page));

  /* The timeline shows the request and Fiskil's error id, and never a secret. */
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_API_RESPONSE, "error_id",
                                  "err_test_400"), ==, 1);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_API_RESPONSE, "url",
                                  "/v1/token"), >=, 1);
  timeline = G_LIST_MODEL (desk_attempt_get_timeline (fixture->attempt));
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(DeskTimelineEvent) event = g_list_model_get_item (timeline, i);
      g_autoptr(JsonNode) node = desk_timeline_event_to_json (event);
      g_autofree char *text = json_to_string (node, FALSE);

      g_assert_null (strstr (text, CLIENT_SECRET));
      g_assert_null (strstr (text, ACCESS_TOKEN));
    }
  json = desk_outcome_to_json_string (outcome, FALSE);
  g_assert_null (strstr (json, CLIENT_SECRET));
  g_assert_null (strstr (json, ACCESS_TOKEN));
}

static void
test_web_process_crash (Fixture       *fixture,
                        gconstpointer  data)
{
  const DeskOutcome *outcome;

  fixture_start (fixture, "plain");
  fixture_wait_page (fixture, "Consent page");

  webkit_web_view_terminate_web_process (desk_attempt_page_get_web_view (fixture->page));
  fixture_wait_finished (fixture);

  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_NAVIGATION_ERROR);
  g_assert_cmpstr (outcome->error, ==, DESK_NAVIGATION_ERROR_WEB_PROCESS);
}

/* Issue 15: images, scripts, styles, fetch, XHR and beacons to the callback endpoints, in
 * their disguises (a trailing dot, a doubled slash, another case, encoded dot segments), are
 * blocked by the content filter: the callback host hears nothing, and the attempt goes on. */
static void
test_subresources_blocked (Fixture       *fixture,
                           gconstpointer  data)
{
  fixture_start (fixture, "subresources");
  fixture_wait_page (fixture, "Fired");
  assert_integrator_still_received_nothing (fixture);
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);
  g_assert_cmpuint (fixture->finished_count, ==, 0);
}

static void
on_filter_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WebKitUserContentFilter **filter = user_data;
  g_autoptr(GError) error = NULL;

  *filter = desk_consent_filter_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*filter);
}

static gboolean
filter_is_loaded (gpointer data)
{
  return *(WebKitUserContentFilter **) data != NULL;
}

/* The modification time of the store's compiled filter for the servers' endpoints (named by
 * the digest of its rules, as desk-consent-web.c names it), in microseconds. */
static gint64
stored_filter_time (void)
{
  g_autofree char *rules = desk_navigation_content_filter_json (servers.redirect_uri,
                                                                servers.cancel_uri);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, rules, -1);
  g_autofree char *name = g_strconcat ("ContentRuleList-", digest, NULL);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "consent-desk",
                                            "content-filters", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC, 0, NULL, &error);
  g_assert_no_error (error);
  modified = g_file_info_get_modification_date_time (info);
  return g_date_time_to_unix (modified) * G_USEC_PER_SEC
         + g_date_time_get_microsecond (modified);
}

/* A filter compiled by an earlier run is read back from the store, not compiled again (the
 * consent page opens seconds sooner), and still blocks every sub-resource. */
static void
test_subresources_blocked_stored (Fixture       *fixture,
                                  gconstpointer  data)
{
  WebKitUserContentFilter *filter = NULL;
  gint64 stored;

  desk_consent_filter_load_async (servers.redirect_uri, servers.cancel_uri, NULL,
                                  on_filter_loaded, &filter);
  g_assert_true (wait_until (filter_is_loaded, &filter, WAIT_SECONDS));
  g_clear_pointer (&filter, webkit_user_content_filter_unref);
  stored = stored_filter_time ();

  /* As a new run of the application starts. */
  desk_consent_filters_forget ();
  test_subresources_blocked (fixture, data);
  g_assert_cmpint (stored_filter_time (), ==, stored);
}

static gboolean
endpoint_decided (gpointer attempt)
{
  return count_events (attempt, DESK_TIMELINE_NAVIGATION, "decision", "endpoint") > 0;
}

/* Issue 15: the endpoint without the configured query parameters is caught, recorded, and
 * the attempt goes on; the configured callback itself then ends it. */
static void
test_endpoint_without_params (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *configured = g_strdup_printf ("%s?app=desk", servers.redirect_uri);
  g_autofree char *script = NULL;
  const DeskOutcome *outcome;

  fixture_start_with (fixture, "plain", configured);
  fixture_wait_page (fixture, "Consent page");

  script = g_strdup_printf ("location.href = '%s?session_id=x'; 'sent'", servers.redirect_uri);
  g_free (run_script (fixture, script));
  /* The page navigates after the script has returned: its decision is waited for. */
  g_assert_true (wait_until (endpoint_decided, fixture->attempt, WAIT_SECONDS));
  assert_integrator_still_received_nothing (fixture);
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_NAVIGATION,
                                  "decision", "endpoint"), ==, 1);

  g_clear_pointer (&script, g_free);
  script = g_strdup_printf ("location.href = '%s&session_id=%s'; 'sent'", configured,
                            desk_attempt_get_session (fixture->attempt)->session_id);
  g_free (run_script (fixture, script));
  fixture_wait_finished (fixture);
  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_SUCCESS);
}

/* Issue 15: configured paths WebKit re-encodes before the decision still match themselves. */
static void
test_reencoded_configured_uri (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *configured = g_strdup_printf ("http://127.0.0.1:%u%s",
                                                 servers.integrator_port, (const char *) data);
  g_autofree char *script = NULL;
  const DeskOutcome *outcome;

  fixture_start_with (fixture, "plain", configured);
  fixture_wait_page (fixture, "Consent page");

  script = g_strdup_printf ("location.href = '%s?session_id=%s'; 'sent'", configured,
                            desk_attempt_get_session (fixture->attempt)->session_id);
  g_free (run_script (fixture, script));
  fixture_wait_finished (fixture);
  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_cmpint (outcome->callback->matched, ==, DESK_CALLBACK_MATCH_REDIRECT);
  assert_integrator_still_received_nothing (fixture);
}

static gboolean
pid_is_network_process (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", pid);
  g_autofree char *cmdline = NULL;

  return g_file_get_contents (path, &cmdline, NULL, NULL)
         && strstr (cmdline, "WebKitNetworkProcess") != NULL;
}

static int
parent_of (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *after;
  int parent = 0;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL)
    return 0;
  if (sscanf (after + 1, " %*c %d", &parent) != 1)
    return 0;

  return parent;
}

/* Our own network processes: those whose ancestry leads to this test. */
static int
find_network_process (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  int self = getpid ();

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      int pid = atoi (name);

      if (pid <= 0 || !pid_is_network_process (pid))
        continue;
      for (int ancestor = parent_of (pid); ancestor > 1; ancestor = parent_of (ancestor))
        if (ancestor == self)
          return pid;
    }

  return 0;
}

/* Issue 15: the network process killed under the page ends the attempt, with Try again. */
static void
test_network_process_killed (Fixture       *fixture,
                             gconstpointer  data)
{
  const DeskOutcome *outcome;
  int pid;

  fixture_start (fixture, "plain");
  fixture_wait_page (fixture, "Consent page");

  pid = find_network_process ();
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  fixture_wait_finished (fixture);

  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_NAVIGATION_ERROR);
  g_assert_cmpstr (outcome->error, ==, DESK_NAVIGATION_ERROR_NETWORK_PROCESS);
}

static void
test_unreachable_consent_page (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf (":%u/", servers.closed_port);
  const DeskOutcome *outcome;

  fixture_start (fixture, "closed-port");
  fixture_wait_finished (fixture);

  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_NAVIGATION_ERROR);
  g_assert_nonnull (outcome->session);
  g_assert_cmpstr (outcome->error, ==, DESK_NAVIGATION_ERROR_LOAD_FAILED);
  g_assert_nonnull (strstr (outcome->error_uri, port));
  g_assert_nonnull (outcome->error_description);
  g_assert_cmpuint (count_events (fixture->attempt, DESK_TIMELINE_LOAD, "event", "failed"), ==, 1);
}

/* TLS errors fail closed, and say what is wrong with the certificate. */
static void
test_untrusted_certificate (Fixture       *fixture,
                            gconstpointer  data)
{
  const DeskOutcome *outcome;

  fixture_start (fixture, "untrusted-certificate");
  fixture_wait_finished (fixture);

  outcome = desk_attempt_get_outcome (fixture->attempt);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_NAVIGATION_ERROR);
  g_assert_cmpstr (outcome->error, ==, DESK_NAVIGATION_ERROR_TLS);
  g_assert_nonnull (strstr (outcome->error_description, "not signed by a trusted authority"));
  g_assert_false (fiskil_received ("GET /auth/start"));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const refused[] = { "mailto", "unencrypted" };
  static const struct
  {
    const char *name;
    Lookalike   lookalike;
  } lookalikes[] = {
    { "other-port", LOOKALIKE_OTHER_PORT },
    { "longer-path", LOOKALIKE_LONGER_PATH },
    { "path-suffix", LOOKALIKE_PATH_SUFFIX },
    { "user-info", LOOKALIKE_USER_INFO },
    { "host-prefix", LOOKALIKE_HOST_PREFIX },
  };

  g_test_init (&argc, &argv, NULL);

  /* Environment variables win over the keyring, which is never consulted. */
  g_setenv ("FISKIL_CLIENT_ID", "test-client", TRUE);
  g_setenv ("FISKIL_CLIENT_SECRET", CLIENT_SECRET, TRUE);
  g_unsetenv ("FISKIL_ACCESS_TOKEN");

  if (!gtk_init_check ())
    {
      g_printerr ("No display: the gui suite runs under Xvfb.\n");
      return 77;
    }
  adw_init ();
  servers_start ();

  for (gsize i = 0; i < G_N_ELEMENTS (captures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/interception/capture/%s", captures[i].technique);

      g_test_add (path, Fixture, &captures[i], fixture_set_up, test_capture, fixture_tear_down);
    }
  g_test_add ("/interception/capture/later-navigations-ignored", Fixture, NULL,
              fixture_set_up, test_later_navigations_ignored, fixture_tear_down);
  g_test_add ("/interception/capture/clear-page-in-decide-policy", Fixture, "redirect-302",
              fixture_set_up, test_capture_then_clear, fixture_tear_down);
  g_test_add ("/interception/capture/clear-page-in-create", Fixture, "window-open",
              fixture_set_up, test_capture_then_clear, fixture_tear_down);

  for (gsize i = 0; i < G_N_ELEMENTS (lookalikes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/interception/lookalike/%s", lookalikes[i].name);

      g_test_add (path, Fixture, GINT_TO_POINTER (lookalikes[i].lookalike),
                  fixture_set_up, test_lookalike, fixture_tear_down);
    }

  g_test_add ("/interception/popup/same-view", Fixture, NULL,
              fixture_set_up, test_popup_opens_in_same_view, fixture_tear_down);
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("/interception/refused/%s", refused[i]);

      g_test_add (path, Fixture, refused[i], fixture_set_up, test_refused_with_notice,
                  fixture_tear_down);
    }

  g_test_add ("/interception/isolation/cookies", Fixture, NULL,
              fixture_set_up, test_no_shared_cookies, fixture_tear_down);
  g_test_add ("/interception/ending/expiry", Fixture, "expire-soon",
              fixture_set_up, test_expiry, fixture_tear_down);
  g_test_add ("/interception/ending/expiry-clock-skew", Fixture, "expire-skewed",
              fixture_set_up, test_expiry, fixture_tear_down);
  g_test_add ("/interception/ending/close-exactly-once", Fixture, NULL,
              fixture_set_up, test_close_ends_exactly_once, fixture_tear_down);
  g_test_add ("/interception/ending/close-while-creating", Fixture, NULL,
              fixture_set_up, test_close_while_creating, fixture_tear_down);
  g_test_add ("/interception/ending/api-error", Fixture, NULL,
              fixture_set_up, test_api_error, fixture_tear_down);
  g_test_add ("/interception/ending/web-process-crash", Fixture, NULL,
              fixture_set_up, test_web_process_crash, fixture_tear_down);
  g_test_add ("/interception/hardening/subresources-blocked", Fixture, NULL,
              fixture_set_up, test_subresources_blocked, fixture_tear_down);
  g_test_add ("/interception/hardening/subresources-blocked-stored-filter", Fixture, NULL,
              fixture_set_up, test_subresources_blocked_stored, fixture_tear_down);
  g_test_add ("/interception/hardening/endpoint-without-params", Fixture, NULL,
              fixture_set_up, test_endpoint_without_params, fixture_tear_down);
  g_test_add ("/interception/hardening/reencoded-braces", Fixture, "/cb{x}",
              fixture_set_up, test_reencoded_configured_uri, fixture_tear_down);
  g_test_add ("/interception/hardening/reencoded-pipe-caret", Fixture, "/a|b^c",
              fixture_set_up, test_reencoded_configured_uri, fixture_tear_down);
  g_test_add ("/interception/ending/network-process-killed", Fixture, NULL,
              fixture_set_up, test_network_process_killed, fixture_tear_down);
  g_test_add ("/interception/ending/unreachable-page", Fixture, NULL,
              fixture_set_up, test_unreachable_consent_page, fixture_tear_down);
  g_test_add ("/interception/ending/untrusted-certificate", Fixture, NULL,
              fixture_set_up, test_untrusted_certificate, fixture_tear_down);

  return g_test_run ();
}
