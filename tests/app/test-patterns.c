/* test-patterns.c — the pop-up and embedded integration patterns in a real WebKit (suite gui)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Integration patterns" and issue 11. One SoupServer plays Fiskil and its Auth UI
 * (consent pages that end in every way, and that post forged messages before the real one), a
 * second one a foreign origin that frames itself into the consent page, and a third the
 * integrator's callback host, which must never receive a request.
 */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "desk-attempt-page.h"
#include "desk-popup-window.h"
#include "desk-sandbox.h"
#include "desk-test-app.h"

#define WAIT_MS (30 * 1000)

typedef struct
{
  SoupServer *fiskil;
  SoupServer *foreign;
  SoupServer *integrator;
  char       *fiskil_base;
  char       *foreign_base;
  char       *redirect_uri;
  char       *cancel_uri;
  GPtrArray  *integrator_requests;
  guint       session_count;
} Servers;

static Servers servers;
static DeskSandbox *sandbox;

typedef struct
{
  DeskEnvironment *environment;
  GtkWindow       *window;
  DeskAttemptPage *page;
  DeskAttempt     *attempt;
  guint            finished_count;
} Fixture;

/* What a case does: its pattern, the consent page's technique, and what must come of it. */
typedef struct
{
  const char      *name;
  DeskIntegration  integration;
  const char      *technique;
  DeskOutcomeKind  kind;
  const char      *via;            /* callback.via, NULL: no callback */
  const char      *session_check;  /* NULL: not checked */
  const char      *error_type;     /* NULL: not checked */
} Case;

/* The same against the Sandbox, whose pages walk themselves to @ending. */
typedef struct
{
  const char      *name;
  DeskIntegration  integration;
  const char      *ending;         /* desk_sandbox_set_auto_outcome(); NULL: the person closes */
  DeskOutcomeKind  kind;
  const char      *via;
  const char      *error_type;
} SandboxCase;

static void
respond (SoupServerMessage *message,
         const char        *type,
         const char        *body)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_COPY, body, strlen (body));
}

static char *
body_string_member (SoupServerMessage *message,
                    const char        *member)
{
  g_autoptr(GBytes) bytes =
    soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), NULL))
    return NULL;

  return g_strdup (json_object_get_string_member_with_default (
                     json_node_get_object (json_parser_get_root (parser)), member, NULL));
}

/* The SDK's flat message for @session_id, as the Auth UI posts it to its parent. */
static char *
sdk_success (const char *session_id)
{
  return g_strdup_printf ("{isCompleted: true, consentID: 'consent-1', redirectURL: '%s?"
                          "session_id=%s&state=ok'}", servers.redirect_uri, session_id);
}

/* The consent page of @technique: a script that ends the flow its way. */
static char *
consent_script (const char *technique,
                const char *session)
{
  g_autofree char *success = sdk_success (session);

  if (g_str_equal (technique, "navigate"))
    return g_strdup_printf ("location.href = '%s?session_id=%s&via=page';",
                            servers.redirect_uri, session);
  if (g_str_equal (technique, "navigate-cancel"))
    return g_strdup_printf ("location.href = '%s?error=access_denied"
                            "&error_type=CONSENT_ENDUSER_DENIED';", servers.cancel_uri);
  if (g_str_equal (technique, "navigate-mismatch"))
    return g_strdup_printf ("location.href = '%s?session_id=sess-other';",
                            servers.redirect_uri);
  if (g_str_equal (technique, "window-close"))
    return g_strdup ("setTimeout (function () { window.close (); }, 50);");
  if (g_str_equal (technique, "stay"))
    return g_strdup ("document.title = 'Staying';");
  if (g_str_equal (technique, "many-popups"))
    return g_strdup_printf ("for (var i = 0; i < 3; i++) window.open ('/landing?' + i);"
                            "setTimeout (function () { location.href = '%s?session_id=%s'; },"
                            " 100);", servers.redirect_uri, session);
  if (g_str_equal (technique, "message"))
    return g_strdup_printf ("parent.postMessage (%s, '*');", success);
  if (g_str_equal (technique, "message-seed"))
    return g_strdup_printf ("parent.postMessage ({type: 'consent_complete', session_id: '%s'},"
                            " '*');", session);
  if (g_str_equal (technique, "message-error"))
    return g_strdup ("parent.postMessage ({isCompleted: false, error: 'access_denied',"
                     " errorType: 'CONSENT_ENDUSER_DENIED', errorDescription: 'No'}, '*');");
  if (g_str_equal (technique, "message-cancel"))
    return g_strdup ("parent.postMessage ({isCompleted: false}, '*');");
  if (g_str_equal (technique, "message-mismatch"))
    return g_strdup_printf ("parent.postMessage ({isCompleted: true, redirectURL: '%s?"
                            "session_id=sess-other'}, '*');", servers.redirect_uri);
  if (g_str_equal (technique, "forged"))
    /* Two frames post first (a foreign origin; the Auth UI's origin from the wrong frame) and
     * say so; then the consent frame's own junk, then the real message. */
    return g_strdup_printf (
      "var told = 0; addEventListener ('message', function (e) {"
      "  if (e.data !== 'posted' || ++told < 2) return;"
      "  var deep = []; for (var i = 0; i < 100; i++) deep = [deep];"
      "  parent.postMessage ({foo: 1}, '*');"
      "  parent.postMessage ('isCompleted', '*');"
      "  parent.postMessage ([1, 2], '*');"
      "  parent.postMessage ({isCompleted: true, big: 'x'.repeat (70000)}, '*');"
      "  parent.postMessage (deep, '*');"
      "  parent.postMessage ({isCompleted: 'yes', redirectURL: 7}, '*');"
      "  parent.postMessage (%s, '*');"
      "});"
      "['%s/forge', '/forge'].forEach (function (src) {"
      "  var f = document.createElement ('iframe'); f.src = src;"
      "  document.body.appendChild (f); });", success, servers.foreign_base);

  g_assert_not_reached ();
}

/* A forging frame: the SDK's success, for another session, straight to the top window. */
static const char forge_page[] =
  "<!DOCTYPE html><html><body><script>"
  "top.postMessage ({isCompleted: true, redirectURL: '/cb?session_id=sess-forged'}, '*');"
  "parent.postMessage ('posted', '*');</script></body></html>";

static void
fiskil_handler (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  if (g_str_equal (path, "/v1/token"))
    respond (message, "application/json",
             "{\"token\": \"test-token\", \"token_type\": \"Bearer\", \"expires_in\": 900}");
  else if (g_str_equal (path, "/v1/auth/session"))
    {
      g_autofree char *technique = body_string_member (message, "end_user_id");
      g_autofree char *json = g_strdup_printf (
        "{\"id\": \"client-test\", \"session_id\": \"sess-%u\", \"auth_url\":"
        " \"%s/auth/start?session=sess-%u&technique=%s\", \"expires_at\": %" G_GINT64_FORMAT "}",
        servers.session_count + 1, servers.fiskil_base, servers.session_count + 1, technique,
        g_get_real_time () / G_USEC_PER_SEC + 900);

      servers.session_count++;
      respond (message, "application/json", json);
    }
  else if (g_str_equal (path, "/auth/start") && query != NULL)
    {
      g_autofree char *script = consent_script (g_hash_table_lookup (query, "technique"),
                                                g_hash_table_lookup (query, "session"));
      g_autofree char *html = g_strdup_printf ("<!DOCTYPE html><html><head><title>Consent"
                                               "</title></head><body><script>%s</script>"
                                               "</body></html>", script);

      respond (message, "text/html", html);
    }
  else if (g_str_equal (path, "/forge"))
    respond (message, "text/html", forge_page);
  else
    respond (message, "text/html", "<!DOCTYPE html><title>Landing</title>");
}

static void
integrator_handler (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  g_ptr_array_add (servers.integrator_requests, g_strdup (path));
  respond (message, "text/html", "<!DOCTYPE html><title>Escaped</title>");
}

static char *
start_server (SoupServer         **server,
              SoupServerCallback   handler)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *base;

  *server = soup_server_new (NULL, NULL);
  soup_server_add_handler (*server, NULL, handler, NULL, NULL);
  soup_server_listen_local (*server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (*server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return base;
}

static void
servers_start (void)
{
  g_autofree char *integrator_base = NULL;

  servers.fiskil_base = start_server (&servers.fiskil, fiskil_handler);
  servers.foreign_base = start_server (&servers.foreign, fiskil_handler);
  integrator_base = start_server (&servers.integrator, integrator_handler);
  servers.redirect_uri = g_strconcat (integrator_base, "/callback", NULL);
  servers.cancel_uri = g_strconcat (integrator_base, "/cancel", NULL);
  servers.integrator_requests = g_ptr_array_new_with_free_func (g_free);
}

static void
on_finished (DeskAttempt       *attempt,
             const DeskOutcome *outcome,
             Fixture           *fixture)
{
  fixture->finished_count++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_ptr_array_set_size (servers.integrator_requests, 0);
  fixture->environment = desk_environment_new_custom (NULL, NULL, servers.fiskil_base);
  fixture->page = desk_attempt_page_new ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  WebKitWebView *web_view = desk_attempt_page_get_web_view (fixture->page);

  if (web_view != NULL)
    g_object_add_weak_pointer (G_OBJECT (web_view), (gpointer *) &web_view);
  desk_attempt_page_set_attempt (fixture->page, NULL);
  if (fixture->attempt != NULL)
    g_signal_handlers_disconnect_by_data (fixture->attempt, fixture);
  g_clear_object (&fixture->attempt);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->environment);
  desk_test_wait_or_fail (desk_test_pointer_is_cleared, &web_view, WAIT_MS, "the web view to go");
}

static gboolean
attempt_has_started (gpointer data)
{
  return desk_attempt_get_state (((Fixture *) data)->attempt) >= DESK_ATTEMPT_STATE_CONSENTING;
}

static gboolean
attempt_is_finished (gpointer data)
{
  return desk_attempt_get_state (((Fixture *) data)->attempt) == DESK_ATTEMPT_STATE_FINISHED
         || servers.integrator_requests->len > 0;
}

static void
fixture_start (Fixture         *fixture,
               DeskIntegration  integration,
               const char      *technique)
{
  g_autoptr(DeskSessionRequest) request =
    desk_session_request_new (technique, servers.redirect_uri, servers.cancel_uri, NULL, NULL);

  fixture->attempt = desk_attempt_new (fixture->environment, request, integration);
  g_signal_connect (fixture->attempt, "finished", G_CALLBACK (on_finished), fixture);
  desk_attempt_page_set_attempt (fixture->page, fixture->attempt);
  desk_attempt_start (fixture->attempt);
  desk_test_wait_or_fail (attempt_has_started, fixture, WAIT_MS, "the session");
}

static void
fixture_wait_finished (Fixture *fixture)
{
  if (!desk_test_wait_until (attempt_is_finished, fixture, WAIT_MS))
    {
      GListModel *timeline = G_LIST_MODEL (desk_attempt_get_timeline (fixture->attempt));

      /* What happened, to see why it never ended. */
      for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
        {
          g_autoptr(DeskTimelineEvent) event = g_list_model_get_item (timeline, i);

          g_test_message ("%s %s %s", desk_timeline_event_get_string (event, "uri"),
                          desk_timeline_event_get_string (event, "decision"),
                          desk_timeline_event_get_string (event, "event"));
        }
      g_error ("Timed out waiting for the outcome");
    }
  if (servers.integrator_requests->len > 0)
    g_error ("the callback host received “%s”",
             (char *) g_ptr_array_index (servers.integrator_requests, 0));
  g_assert_cmpuint (fixture->finished_count, ==, 1);
}

static DeskPopupWindow *
find_popup (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (DESK_IS_POPUP_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return DESK_POPUP_WINDOW (window);
    }

  return NULL;
}

static gboolean
popup_is_shown (gpointer data)
{
  DeskPopupWindow *popup = find_popup ();

  return popup != NULL
         && g_strcmp0 (webkit_web_view_get_title (desk_popup_window_get_web_view (popup)),
                       data) == 0;
}

static void
assert_outcome (Fixture    *fixture,
                const Case *c)
{
  const DeskOutcome *outcome = desk_attempt_get_outcome (fixture->attempt);

  g_assert_nonnull (outcome);
  g_assert_cmpstr (desk_outcome_kind_to_string (outcome->kind), ==,
                   desk_outcome_kind_to_string (c->kind));
  g_assert_cmpstr (outcome->callback_via, ==, c->via);
  if (c->session_check != NULL)
    g_assert_cmpstr (outcome->session_check, ==, c->session_check);
  if (c->error_type != NULL)
    g_assert_cmpstr (outcome->error_type, ==, c->error_type);
  if (g_strcmp0 (c->via, "message") == 0)
    g_assert_nonnull (outcome->callback_message);
  /* Nothing of the attempt is left: no pop-up, no page. */
  g_assert_null (find_popup ());
  g_assert_null (desk_attempt_page_get_web_view (fixture->page));
}

static void
test_pattern (Fixture       *fixture,
              gconstpointer  data)
{
  const Case *c = data;

  fixture_start (fixture, c->integration, c->technique);

  if (g_str_equal (c->technique, "stay"))
    {
      /* The person closes the pop-up. */
      desk_test_wait_or_fail (popup_is_shown, (gpointer) "Staying", WAIT_MS, "the pop-up");
      gtk_window_close (GTK_WINDOW (find_popup ()));
    }

  fixture_wait_finished (fixture);
  assert_outcome (fixture, c);

  if (c->integration == DESK_INTEGRATION_POPUP)
    {
      DeskAttempt *attempt = fixture->attempt;

      g_assert_cmpuint (desk_test_count_events (attempt, DESK_TIMELINE_POPUP, "event", "opened"),
                        ==, 1);
      if (c->kind == DESK_OUTCOME_CLOSED)
        g_assert_cmpuint (desk_test_count_events (attempt, DESK_TIMELINE_POPUP, "event", "closed"),
                          ==, 1);
      if (g_str_equal (c->technique, "many-popups"))
        g_assert_cmpuint (desk_test_count_events (attempt, DESK_TIMELINE_POPUP, "event",
                                                  "refused"), ==, 3);
    }
}

/* Every forged message is ignored and recorded with its reason; the real one wins. */
static void
test_forged_messages (Fixture       *fixture,
                      gconstpointer  data)
{
  static const Case expected = { NULL, DESK_INTEGRATION_EMBEDDED, "forged",
                                 DESK_OUTCOME_SUCCESS, "message", "match", NULL };
  DeskAttempt *attempt;

  fixture_start (fixture, DESK_INTEGRATION_EMBEDDED, "forged");
  fixture_wait_finished (fixture);
  assert_outcome (fixture, &expected);

  attempt = fixture->attempt;
  g_assert_cmpuint (desk_test_count_events (attempt, DESK_TIMELINE_MESSAGE, "reason", "origin"),
                    ==, 1);
  g_assert_cmpuint (desk_test_count_events (attempt, DESK_TIMELINE_MESSAGE, "reason", "source"),
                    ==, 1);
  g_assert_cmpuint (desk_test_count_events (attempt, DESK_TIMELINE_MESSAGE, "reason", "too-large"),
                    ==, 1);
  /* {foo}, a string, an array, deep nesting, wrong field types */
  g_assert_cmpuint (desk_test_count_events (attempt, DESK_TIMELINE_MESSAGE, "reason", "format"),
                    ==, 5);
  g_assert_cmpuint (desk_test_count_events (attempt, DESK_TIMELINE_MESSAGE, NULL, NULL),
                    ==, 9);
}

static char *
start_sandbox (DeskEnvironment  *environment,
               gpointer          data,
               GError          **error)
{
  if (!desk_sandbox_start (sandbox, error))
    return NULL;

  return g_strdup (desk_sandbox_get_base_url (sandbox));
}

/* The page holding the consent flow has loaded: the pop-up's (on the Sandbox) in the pop-up
 * pattern, else the main view's (the integrator page's when embedded). */
static gboolean
consent_page_is_shown (gpointer data)
{
  Fixture *fixture = data;
  WebKitWebView *web_view = desk_attempt_page_get_web_view (fixture->page);
  DeskPopupWindow *popup = find_popup ();
  const char *uri;

  if (desk_attempt_get_integration (fixture->attempt) == DESK_INTEGRATION_POPUP)
    web_view = popup != NULL ? desk_popup_window_get_web_view (popup) : NULL;
  if (web_view == NULL || webkit_web_view_is_loading (web_view))
    return FALSE;
  uri = webkit_web_view_get_uri (web_view);

  return uri != NULL && g_str_has_prefix (uri, "http://127.0.0.1:");
}

/* The Sandbox behaves like the real Auth UI in each pattern: framed it posts the SDK message
 * (then navigates), in a pop-up or a tab it navigates; the callback host hears nothing. */
static void
test_sandbox (Fixture       *fixture,
              gconstpointer  data)
{
  const SandboxCase *c = data;
  const Case expected = { NULL, c->integration, NULL, c->kind, c->via, NULL, c->error_type };

  g_clear_object (&fixture->environment);
  fixture->environment = desk_environment_new_sandbox ();
  desk_environment_set_starter (fixture->environment, start_sandbox, NULL, NULL);
  desk_sandbox_set_auto_outcome (sandbox, c->ending);

  fixture_start (fixture, c->integration, "alex@example.com");
  if (c->ending == NULL)
    {
      /* Whoever holds the consent page closes it. */
      desk_test_wait_or_fail (consent_page_is_shown, fixture, WAIT_MS, "the consent page");
      if (c->integration == DESK_INTEGRATION_POPUP)
        gtk_window_close (GTK_WINDOW (find_popup ()));
      else
        desk_attempt_close (fixture->attempt);
    }

  fixture_wait_finished (fixture);
  assert_outcome (fixture, &expected);
  if (c->kind == DESK_OUTCOME_SUCCESS)
    g_assert_cmpstr (desk_attempt_get_outcome (fixture->attempt)->session_check, ==, "match");
}

static const SandboxCase sandbox_cases[] = {
  { "sandbox/redirect/success", DESK_INTEGRATION_REDIRECT, "success",
    DESK_OUTCOME_SUCCESS, "navigation", NULL },
  { "sandbox/redirect/failure", DESK_INTEGRATION_REDIRECT, "CONSENT_UPSTREAM_PROCESSING_ERROR",
    DESK_OUTCOME_FAILURE, "navigation", "CONSENT_UPSTREAM_PROCESSING_ERROR" },
  { "sandbox/popup/success", DESK_INTEGRATION_POPUP, "success",
    DESK_OUTCOME_SUCCESS, "navigation", NULL },
  { "sandbox/popup/failure", DESK_INTEGRATION_POPUP, "CONSENT_UPSTREAM_PROCESSING_ERROR",
    DESK_OUTCOME_FAILURE, "navigation", "CONSENT_UPSTREAM_PROCESSING_ERROR" },
  { "sandbox/popup/cancel", DESK_INTEGRATION_POPUP, "CONSENT_ENDUSER_DENIED",
    DESK_OUTCOME_FAILURE, "navigation", "CONSENT_ENDUSER_DENIED" },
  { "sandbox/popup/close", DESK_INTEGRATION_POPUP, NULL, DESK_OUTCOME_CLOSED, NULL, NULL },
  { "sandbox/embedded/success", DESK_INTEGRATION_EMBEDDED, "success",
    DESK_OUTCOME_SUCCESS, "message", NULL },
  { "sandbox/embedded/failure", DESK_INTEGRATION_EMBEDDED, "CONSENT_UPSTREAM_PROCESSING_ERROR",
    DESK_OUTCOME_FAILURE, "message", "CONSENT_UPSTREAM_PROCESSING_ERROR" },
  { "sandbox/embedded/cancel", DESK_INTEGRATION_EMBEDDED, "CONSENT_ENDUSER_DENIED",
    DESK_OUTCOME_FAILURE, "message", "CONSENT_ENDUSER_DENIED" },
  { "sandbox/embedded/close", DESK_INTEGRATION_EMBEDDED, NULL, DESK_OUTCOME_CLOSED, NULL, NULL },
};

static const Case cases[] = {
  { "popup/success", DESK_INTEGRATION_POPUP, "navigate",
    DESK_OUTCOME_SUCCESS, "navigation", "match", NULL },
  { "popup/failure", DESK_INTEGRATION_POPUP, "navigate-cancel",
    DESK_OUTCOME_FAILURE, "navigation", NULL, "CONSENT_ENDUSER_DENIED" },
  { "popup/mismatch", DESK_INTEGRATION_POPUP, "navigate-mismatch",
    DESK_OUTCOME_FAILURE, "navigation", "mismatch", NULL },
  { "popup/closed-by-page", DESK_INTEGRATION_POPUP, "window-close",
    DESK_OUTCOME_CLOSED, NULL, NULL, NULL },
  { "popup/closed-by-person", DESK_INTEGRATION_POPUP, "stay",
    DESK_OUTCOME_CLOSED, NULL, NULL, NULL },
  { "popup/many-popups", DESK_INTEGRATION_POPUP, "many-popups",
    DESK_OUTCOME_SUCCESS, "navigation", "match", NULL },
  { "embedded/success", DESK_INTEGRATION_EMBEDDED, "message",
    DESK_OUTCOME_SUCCESS, "message", "match", NULL },
  { "embedded/success-seed-format", DESK_INTEGRATION_EMBEDDED, "message-seed",
    DESK_OUTCOME_SUCCESS, "message", "match", NULL },
  { "embedded/failure", DESK_INTEGRATION_EMBEDDED, "message-error",
    DESK_OUTCOME_FAILURE, "message", NULL, "CONSENT_ENDUSER_DENIED" },
  { "embedded/cancel", DESK_INTEGRATION_EMBEDDED, "message-cancel",
    DESK_OUTCOME_FAILURE, "message", NULL, NULL },
  { "embedded/mismatch", DESK_INTEGRATION_EMBEDDED, "message-mismatch",
    DESK_OUTCOME_FAILURE, "message", "mismatch", NULL },
  { "embedded/navigation", DESK_INTEGRATION_EMBEDDED, "navigate-cancel",
    DESK_OUTCOME_FAILURE, "navigation", NULL, "CONSENT_ENDUSER_DENIED" },
  { "embedded/navigation-mismatch", DESK_INTEGRATION_EMBEDDED, "navigate-mismatch",
    DESK_OUTCOME_FAILURE, "navigation", "mismatch", NULL },
  { "redirect/mismatch", DESK_INTEGRATION_REDIRECT, "navigate-mismatch",
    DESK_OUTCOME_FAILURE, "navigation", "mismatch", NULL },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_setenv ("FISKIL_CLIENT_ID", "test-client", TRUE);
  g_setenv ("FISKIL_CLIENT_SECRET", "test-secret", TRUE);
  g_unsetenv ("FISKIL_ACCESS_TOKEN");

  if (!gtk_init_check ())
    {
      g_printerr ("No display: the gui suite runs under Xvfb.\n");
      return 77;
    }
  adw_init ();
  servers_start ();
  sandbox = desk_sandbox_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/patterns/%s", cases[i].name);

      g_test_add (path, Fixture, &cases[i], fixture_set_up, test_pattern, fixture_tear_down);
    }
  g_test_add ("/patterns/embedded/forged-messages", Fixture, NULL,
              fixture_set_up, test_forged_messages, fixture_tear_down);
  for (gsize i = 0; i < G_N_ELEMENTS (sandbox_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/patterns/%s", sandbox_cases[i].name);

      g_test_add (path, Fixture, &sandbox_cases[i], fixture_set_up, test_sandbox,
                  fixture_tear_down);
    }

  return g_test_run ();
}
