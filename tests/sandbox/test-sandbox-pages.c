/* test-sandbox-pages.c — the consent pages in a real WebKit view: every ending, by hand and
 * automatically
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window and one web view serve every test (WebKit is heavy); each run is a fresh session.
 * The pages are driven by acting on them with JavaScript (typing, clicks), never by loading a
 * URL other than auth_url. The final navigation is caught in decide-policy and ignored, as the
 * app does, so no request ever leaves for the callback host.
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "desk-fiskil.h"
#include "desk-sandbox.h"
#include "desk-test.h"

#define WAIT_SECONDS 30

#define REDIRECT_URI       DESK_SANDBOX_DEFAULT_REDIRECT_URI
#define CANCEL_URI         DESK_SANDBOX_DEFAULT_CANCEL_URI
#define QUERY_REDIRECT_URI "https://app.consent-desk.invalid/return?tenant=qa&lang=en"
#define QUERY_CANCEL_URI   "https://app.consent-desk.invalid/return?tenant=qa&why=cancel"

/* Typing and clicking as a person would; each throws when the page lacks the element. */
static const char page_helpers[] =
  "function $(s) { var e = document.querySelector(s);"
  "  if (!e) throw new Error('no ' + s); return e; }"
  "function fill(s, text) { var e = $(s); e.focus(); e.value = '';"
  "  for (var c of text) { e.value += c;"
  "    e.dispatchEvent(new InputEvent('input', { bubbles: true, data: c,"
  "                                              inputType: 'insertText' })); }"
  "  e.dispatchEvent(new Event('change', { bubbles: true })); }"
  "function click(s) { var e = $(s); e.focus(); e.click(); }"
  "function choose(s, v) { var e = $(s); e.focus(); e.value = v;"
  "  if (e.value !== v) throw new Error('no option ' + v);"
  "  e.dispatchEvent(new Event('change', { bubbles: true })); }";

typedef struct
{
  const char *page;    /* the data-step the page must show */
  const char *script;  /* what the tester does there */
} Step;

#define MAX_STEPS 6

typedef struct
{
  const char *name;
  const char *ending;          /* "success" or an error_type */
  const char *institution_id;  /* preselected, or NULL */
  const char *redirect_uri;
  const char *cancel_uri;
  Step        steps[MAX_STEPS];
} Route;

#define PICK_KOALA  { "institution", "click('button[value=\"sandbox-bank-koala\"]')" }
#define PICK_SUNRAY { "institution", "click('button[value=\"sandbox-energy-sunray\"]')" }
#define SIGN_IN(user) \
  { "login", "fill('#username', '" user "'); fill('#password', '" user "'); click('#sign-in')" }
#define OTP_OK      { "otp", "fill('#otp', '123456'); click('#verify')" }
#define ACCOUNTS_OK \
  { "accounts", "click('input[name=\"account\"]'); click('#continue')" }
#define SHARE       { "confirm", "click('#share')" }

/* The documented ways by hand (the login page's table and the panel's list). */
static const Route hand_routes[] = {
  { "success", "success", NULL, REDIRECT_URI, CANCEL_URI,
    { PICK_KOALA, SIGN_IN ("success"), OTP_OK, ACCOUNTS_OK, SHARE } },
  { "CONSENT_ENDUSER_DENIED", "CONSENT_ENDUSER_DENIED", NULL, REDIRECT_URI, CANCEL_URI,
    { PICK_KOALA, { "login", "click('#cancel')" } } },
  { "CONSENT_UPSTREAM_PROCESSING_ERROR", "CONSENT_UPSTREAM_PROCESSING_ERROR", NULL,
    REDIRECT_URI, CANCEL_URI, { PICK_KOALA, SIGN_IN ("upstream") } },
  { "CONSUMERDATA_PROCESSING_ERROR", "CONSUMERDATA_PROCESSING_ERROR", NULL, REDIRECT_URI,
    CANCEL_URI, { PICK_SUNRAY, SIGN_IN ("processing"), OTP_OK, ACCOUNTS_OK, SHARE } },
  { "CONSENT_OTP_FAILURE", "CONSENT_OTP_FAILURE", NULL, REDIRECT_URI, CANCEL_URI,
    { PICK_KOALA, SIGN_IN ("success"), { "otp", "fill('#otp', '654321'); click('#verify')" } } },
  { "CONSENT_ENDUSER_INELIGIBLE", "CONSENT_ENDUSER_INELIGIBLE", NULL, REDIRECT_URI, CANCEL_URI,
    { PICK_SUNRAY, SIGN_IN ("ineligible") } },
  { "CONSENT_TIMEOUT", "CONSENT_TIMEOUT", NULL, REDIRECT_URI, CANCEL_URI,
    { PICK_KOALA, SIGN_IN ("timeout") } },
};

/* More roads: other steps, a preselected institution, callback URIs with their own query. */
static const Route extra_routes[] = {
  { "denied-at-confirm", "CONSENT_ENDUSER_DENIED", NULL, QUERY_REDIRECT_URI, QUERY_CANCEL_URI,
    { PICK_KOALA, SIGN_IN ("success"), OTP_OK, ACCOUNTS_OK, { "confirm", "click('#cancel')" } } },
  { "preselected-institution", "success", "sandbox-energy-gumleaf", QUERY_REDIRECT_URI,
    QUERY_CANCEL_URI,
    { SIGN_IN ("success"), OTP_OK,
      { "accounts", "click('#account-gas'); click('#account-electricity'); click('#continue')" },
      SHARE } },
  { "panel-success", "success", NULL, REDIRECT_URI, CANCEL_URI,
    { { "institution", "choose('#sandbox-ending', 'success'); click('#sandbox-end-now')" } } },
  { "panel-on-accounts", "AUTH_SESSION_CANCELLED", NULL, QUERY_REDIRECT_URI, QUERY_CANCEL_URI,
    { PICK_KOALA, SIGN_IN ("success"), OTP_OK,
      { "accounts", "choose('#sandbox-ending', 'AUTH_SESSION_CANCELLED');"
                    "click('#sandbox-end-now')" } } },
};

typedef struct
{
  const char *error_type;
  const char *error;
  const char *description;
} ExpectedEnding;

/* The Sandbox's documented callback values. */
static const ExpectedEnding expected_endings[] = {
  { "CONSENT_ENDUSER_DENIED", "access_denied", "End-user denied consent." },
  { "CONSENT_UPSTREAM_PROCESSING_ERROR", "server_error",
    "The data holder could not process the consent request." },
  { "CONSUMERDATA_PROCESSING_ERROR", "server_error",
    "The consumer data could not be processed. Please try again." },
  { "CONSENT_OTP_FAILURE", "access_denied", "One-time password verification failed." },
  { "CONSENT_ENDUSER_INELIGIBLE", "access_denied",
    "The end-user's account is not eligible for data sharing." },
  { "CONSENT_TIMEOUT", "temporarily_unavailable", "The consent process timed out." },
  { "AUTH_SESSION_INVALID", "invalid_request",
    "The auth session is invalid, expired or already used." },
  { "AUTH_SESSION_CANCELLED", "access_denied", "The auth session was cancelled." },
  { "AUTH_SESSION_NOT_FOUND", "invalid_request", "The auth session was not found." },
  { "AUTH_SESSION_TERMINAL", "invalid_request", "The auth session has already finished." },
};

typedef struct
{
  GtkWidget        *window;
  WebKitWebView    *view;
  DeskSandbox      *sandbox;
  DeskFiskilClient *client;

  /* The current run. */
  const char       *redirect_uri;
  const char       *cancel_uri;
  guint             loads;            /* pages finished loading */
  char             *callback_uri;     /* the intercepted callback navigation */
  guint             callbacks;
  gboolean          interrupted;      /* the load-failed that follows an ignored redirect */
  char             *stray_uri;        /* a navigation that left the Sandbox otherwise */
} Harness;

static Harness harness;

/* Bounded waits on the main context, never sleeps. */

typedef gboolean (*Condition) (void);

typedef struct
{
  Condition condition;
} ConditionCall;

static gboolean
condition_holds (gpointer data)
{
  return ((ConditionCall *) data)->condition ();
}

static void
wait_until (Condition   condition,
            const char *what)
{
  ConditionCall call = { condition };

  desk_test_wait_or_fail (condition_holds, &call, WAIT_SECONDS * 1000, what);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *result_slot;

static gboolean
has_result (void)
{
  return result_slot != NULL;
}

static GAsyncResult *
wait_for_result (void)
{
  GAsyncResult *result;

  wait_until (has_result, "an asynchronous result");
  result = result_slot;
  result_slot = NULL;
  return result;
}

/* Runs @script in the page; returns its value as a string. */
static char *
evaluate (const char *script)
{
  g_autofree char *wrapped = g_strdup_printf ("(function () { %s\n return String ((function () "
                                              "{ %s\n }) ()); }) ()", page_helpers, script);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  webkit_web_view_evaluate_javascript (harness.view, wrapped, -1, NULL, NULL, NULL, store_result,
                                       &result_slot);
  result = wait_for_result ();
  value = webkit_web_view_evaluate_javascript_finish (harness.view, result, &error);
  g_assert_no_error (error);

  return jsc_value_to_string (value);
}

/* The web view's signals. */

static gboolean
on_decide_policy (WebKitWebView            *view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  gpointer                  user_data)
{
  WebKitNavigationAction *action;
  const char *uri;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION
      && type != WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
    WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  if (desk_callback_match (uri, harness.redirect_uri, harness.cancel_uri)
      != DESK_CALLBACK_MATCH_NONE)
    {
      harness.callbacks++;
      if (harness.callback_uri == NULL)
        harness.callback_uri = g_strdup (uri);
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  if (!g_str_has_prefix (uri, desk_sandbox_get_base_url (harness.sandbox)))
    {
      g_free (harness.stray_uri);
      harness.stray_uri = g_strdup (uri);
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  return FALSE;
}

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 gpointer         user_data)
{
  if (event == WEBKIT_LOAD_FINISHED)
    harness.loads++;
}

static gboolean
on_load_failed (WebKitWebView   *view,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error,
                gpointer         user_data)
{
  /* Expected after ignoring the callback redirect; anything else is a real failure. */
  if (g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    harness.interrupted = TRUE;
  else
    g_error ("Loading %s failed: %s", uri, error->message);

  return FALSE;
}

static void
harness_set_up (void)
{
  g_autoptr(WebKitNetworkSession) network_session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  harness.sandbox = desk_sandbox_new ();
  g_assert_true (desk_sandbox_start (harness.sandbox, &error));
  g_assert_no_error (error);

  harness.client = desk_fiskil_client_new (desk_sandbox_get_base_url (harness.sandbox));
  desk_fiskil_client_set_client_credentials (harness.client, DESK_SANDBOX_CLIENT_ID,
                                             DESK_SANDBOX_CLIENT_SECRET);

  /* Drawn as the app's consent view draws (desk_consent_web_view_new()): no GPU compositing. */
  settings = webkit_settings_new_with_settings ("hardware-acceleration-policy",
                                                WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER, NULL);
  harness.view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", network_session,
                               "settings", settings, NULL);
  g_signal_connect (harness.view, "decide-policy", G_CALLBACK (on_decide_policy), NULL);
  g_signal_connect (harness.view, "load-changed", G_CALLBACK (on_load_changed), NULL);
  g_signal_connect (harness.view, "load-failed", G_CALLBACK (on_load_failed), NULL);

  harness.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (harness.window), 900, 760);
  gtk_window_set_child (GTK_WINDOW (harness.window), GTK_WIDGET (harness.view));
  gtk_window_present (GTK_WINDOW (harness.window));
}

static void
harness_tear_down (void)
{
  gtk_window_destroy (GTK_WINDOW (harness.window));
  g_clear_object (&harness.client);
  g_clear_object (&harness.sandbox);
}

/* One run. */

static guint expected_loads;

static gboolean
next_page_or_callback (void)
{
  return harness.loads >= expected_loads || harness.callback_uri != NULL
         || harness.stray_uri != NULL;
}

static gboolean
callback_or_stray (void)
{
  return harness.callback_uri != NULL || harness.stray_uri != NULL;
}

static gboolean
view_settled (void)
{
  return harness.interrupted && !webkit_web_view_is_loading (harness.view);
}

static DeskAuthSession *
start_run (const Route *route,
           const char  *auto_outcome)
{
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DeskAuthSession *session;

  desk_sandbox_set_auto_outcome (harness.sandbox, auto_outcome);
  request = desk_session_request_new ("eu_pages", route->redirect_uri, route->cancel_uri,
                                      route->institution_id, NULL);
  desk_fiskil_client_create_session_async (harness.client, request, NULL, store_result,
                                           &result_slot);
  result = wait_for_result ();
  session = desk_fiskil_client_create_session_finish (harness.client, result, &error);
  g_assert_no_error (error);

  harness.redirect_uri = route->redirect_uri;
  harness.cancel_uri = route->cancel_uri;
  harness.loads = 0;
  harness.callbacks = 0;
  harness.interrupted = FALSE;
  g_clear_pointer (&harness.callback_uri, g_free);
  g_clear_pointer (&harness.stray_uri, g_free);

  webkit_web_view_load_uri (harness.view, session->auth_url);
  return session;
}

/* After the callback: the view stayed on the Sandbox and nothing else happened. */
static void
finish_run (void)
{
  g_assert_null (harness.stray_uri);
  wait_until (view_settled, "the interrupted callback load");
  g_assert_cmpuint (harness.callbacks, ==, 1);
  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (harness.view),
                                   desk_sandbox_get_base_url (harness.sandbox)));
}

static char *
form_encode (const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
  g_auto(GStrv) parts = g_strsplit (escaped, "%20", -1);

  return g_strjoinv ("+", parts);
}

/* The exact callback of @ending for @session, as the Auth UI builds it. */
static void
assert_callback (const Route           *route,
                 const char            *ending,
                 const DeskAuthSession *session)
{
  const char *uri = harness.callback_uri;
  g_autoptr(DeskCallback) callback = NULL;

  g_assert_nonnull (uri);
  callback = desk_callback_parse (uri, route->redirect_uri, route->cancel_uri);
  g_assert_nonnull (callback);

  if (g_str_equal (ending, "success"))
    {
      g_autofree char *expected =
        g_strconcat (route->redirect_uri, strchr (route->redirect_uri, '?') ? "&" : "?",
                     "session_id=", session->session_id, NULL);

      g_assert_cmpstr (uri, ==, expected);
      g_assert_cmpint (callback->matched, ==, DESK_CALLBACK_MATCH_REDIRECT);
      g_assert_false (desk_callback_is_failure (callback));
      g_assert_cmpstr (desk_callback_get_param (callback, "session_id"), ==,
                       session->session_id);
    }
  else
    {
      const ExpectedEnding *expected_ending = NULL;
      const char *error_id = desk_callback_get_param (callback, "error_id");
      const char *error = desk_callback_get_param (callback, "error");
      const char *description = desk_callback_get_param (callback, "error_description");
      g_autofree char *error_uri = g_strconcat ("https://data.docs.fiskil.dev/errors#", ending,
                                                NULL);
      g_autofree char *encoded_description = NULL;
      g_autofree char *expected = NULL;

      for (gsize i = 0; i < G_N_ELEMENTS (expected_endings); i++)
        {
          if (g_str_equal (expected_endings[i].error_type, ending))
            expected_ending = &expected_endings[i];
        }

      g_assert_cmpint (callback->matched, ==, DESK_CALLBACK_MATCH_CANCEL);
      g_assert_true (desk_callback_is_failure (callback));
      g_assert_cmpstr (desk_callback_get_param (callback, "error_type"), ==, ending);
      g_assert_cmpstr (desk_callback_get_param (callback, "error_uri"), ==, error_uri);
      g_assert_nonnull (error_id);
      g_assert_true (g_str_has_prefix (error_id, "err_"));
      g_assert_true (g_uuid_string_is_valid (error_id + 4));
      g_assert_cmpstr (error, !=, "");
      g_assert_cmpstr (description, !=, "");
      if (expected_ending != NULL)
        {
          g_assert_cmpstr (error, ==, expected_ending->error);
          g_assert_cmpstr (description, ==, expected_ending->description);
        }

      /* Form-encoded, in the SDK example's order, the cancel URI's own query kept. */
      encoded_description = form_encode (description);
      expected = g_strdup_printf ("%s%serror=%s&error_description=%s&error_id=%s&error_type=%s"
                                  "&error_uri=https%%3A%%2F%%2Fdata.docs.fiskil.dev%%2Ferrors"
                                  "%%23%s",
                                  route->cancel_uri, strchr (route->cancel_uri, '?') ? "&" : "?",
                                  error, encoded_description, error_id, ending, ending);
      g_assert_cmpstr (uri, ==, expected);
    }
}

static void
run_by_hand (const Route *route)
{
  g_autoptr(DeskAuthSession) session = start_run (route, NULL);

  for (guint i = 0; i < MAX_STEPS && route->steps[i].page != NULL; i++)
    {
      const Step *step = &route->steps[i];
      g_autofree char *page = NULL;
      g_autofree char *done = NULL;

      expected_loads = i + 1;
      wait_until (next_page_or_callback, step->page);
      g_assert_null (harness.stray_uri);
      if (harness.callback_uri != NULL)
        g_error ("The flow ended before the %s page: %s", step->page, harness.callback_uri);
      g_assert_cmpuint (harness.loads, ==, i + 1);

      page = evaluate ("return document.body.dataset.step;");
      g_assert_cmpstr (page, ==, step->page);

      done = evaluate (step->script);
      g_assert_cmpstr (done, ==, "undefined");
    }

  wait_until (callback_or_stray, "the callback");
  finish_run ();
  assert_callback (route, route->ending, session);
}

static void
test_by_hand (gconstpointer data)
{
  run_by_hand (data);
}

/* The walk the page does by itself: the banner says so, and it ends where it should. */
static void
test_automatic (gconstpointer data)
{
  const char *ending = data;
  static const Route route = { "automatic", NULL, NULL, QUERY_REDIRECT_URI, QUERY_CANCEL_URI };
  g_autoptr(DeskAuthSession) session = start_run (&route, ending);
  g_autofree char *banner = NULL;
  g_autofree char *expected_banner = g_strdup_printf ("shown: Automatic run: %s", ending);
  guint expected_pages = g_str_equal (ending, "success") ? 5 : 0;

  expected_loads = 1;
  wait_until (next_page_or_callback, "the first page");
  g_assert_null (harness.callback_uri);
  banner = evaluate ("var b = $('#sandbox-auto-banner');"
                     "return (b.offsetHeight > 0 ? 'shown: ' : 'hidden: ')"
                     "       + b.textContent.replace(/\\s+/g, ' ');");
  g_assert_true (g_str_has_prefix (banner, expected_banner));

  wait_until (callback_or_stray, "the automatic run's callback");
  finish_run ();
  assert_callback (&route, ending, session);

  /* It went through the pages; the last finished load is the interrupted callback's. */
  if (expected_pages > 0)
    g_assert_cmpuint (harness.loads, ==, expected_pages + 1);

  desk_sandbox_set_auto_outcome (harness.sandbox, NULL);
}

static const Route *
find_hand_route (const char *ending)
{
  for (gsize i = 0; i < G_N_ELEMENTS (hand_routes); i++)
    {
      if (g_str_equal (hand_routes[i].ending, ending))
        return &hand_routes[i];
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const automatic[] = {
    "success", "CONSENT_OTP_FAILURE", "CONSENT_ENDUSER_DENIED", "AUTH_SESSION_TERMINAL",
  };
  const DeskErrorTypeInfo *types;
  g_autoptr(GPtrArray) panel_routes = g_ptr_array_new_with_free_func (g_free);
  gsize n_types;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/sandbox/pages/ending/success", find_hand_route ("success"),
                        test_by_hand);

  /* Every error type of the catalogue, legacy ones included: by its documented road, or else
   * by the tester's panel on the first page. */
  types = desk_error_catalogue_get_all (&n_types);
  for (gsize i = 0; i < n_types; i++)
    {
      const Route *route = find_hand_route (types[i].error_type);
      g_autofree char *path = g_strconcat ("/sandbox/pages/ending/", types[i].error_type, NULL);

      if (route == NULL)
        {
          Route *panel = g_new0 (Route, 1);

          panel->name = types[i].error_type;
          panel->ending = types[i].error_type;
          panel->redirect_uri = REDIRECT_URI;
          panel->cancel_uri = CANCEL_URI;
          panel->steps[0].page = "institution";
          panel->steps[0].script = g_strdup_printf ("choose('#sandbox-ending', '%s');"
                                                    "click('#sandbox-end-now')",
                                                    types[i].error_type);
          g_ptr_array_add (panel_routes, panel);
          g_ptr_array_add (panel_routes, (gpointer) panel->steps[0].script);
          route = panel;
        }

      g_test_add_data_func (path, route, test_by_hand);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (extra_routes); i++)
    {
      g_autofree char *path = g_strconcat ("/sandbox/pages/road/", extra_routes[i].name, NULL);

      g_test_add_data_func (path, &extra_routes[i], test_by_hand);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (automatic); i++)
    {
      g_autofree char *path = g_strconcat ("/sandbox/pages/automatic/", automatic[i], NULL);

      g_test_add_data_func (path, automatic[i], test_automatic);
    }

  harness_set_up ();
  status = g_test_run ();
  harness_tear_down ();
  g_clear_pointer (&harness.callback_uri, g_free);

  return status;
}
