/* test-web-lifecycle.c — WebKit's processes start with an attempt and end with it (suite gui)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 13: the attempt's web view is made while its session request is in flight, so that the
 * consent page loads the moment the session answers; an attempt that ends before that (an API
 * error, a cancel) lets go of it at once. Counted as a person would see it in a process list:
 * the WebKit processes among this process's descendants in /proc. A SoupServer on 127.0.0.1
 * holds the create-session request until the test lets it answer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libsoup/soup.h>

#include "desk-application.h"
#include "desk-consent-web.h"
#include "desk-test-gtk.h"

/* A cold web process on a busy 2-core machine, plus the Sandbox's visible walk. */
#define WAIT_MS (90 * 1000)

typedef enum
{
  END_API_ERROR,
  END_CANCEL,
} EndInCreating;

static DeskApplication *app;
static DeskWindow *window;
static guint finished_count;
static DeskOutcomeKind last_kind;

static SoupServer *held_fiskil;
static char *held_fiskil_url;
static SoupServerMessage *held_request;  /* the create-session request, paused */
static gboolean slow_page;               /* answer it at once, with a page that never loads */
static SoupServerMessage *held_page;     /* that page's request, paused */
static gboolean spinning_at_open;
static gboolean blank_loading_at_open;   /* the warm-up's empty document, when the page opened */
static gboolean blank_shown;             /* in the address or the progress bar */
static gboolean words_at_open;
static gboolean form_at_open;

/* WebKit's processes (web or network, by @prefix of their name) that descend from this one,
 * through WebKit's sandbox wrappers if any; @last_pid, if given, gets the last one found. */
static guint
find_descendants (const char *prefix,
                  int        *last_pid)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  int self = getpid ();
  guint count = 0;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      int pid = atoi (name);
      g_autofree char *path = NULL;
      g_autofree char *comm = NULL;

      if (pid <= 0)
        continue;
      path = g_strdup_printf ("/proc/%d/comm", pid);
      if (!g_file_get_contents (path, &comm, NULL, NULL) || !g_str_has_prefix (comm, prefix))
        continue;
      for (int ancestor = desk_process_parent_of (pid); ancestor > 1;
           ancestor = desk_process_parent_of (ancestor))
        if (ancestor == self)
          {
            count++;
            if (last_pid != NULL)
              *last_pid = pid;
            break;
          }
    }

  return count;
}

static guint
count_descendants (const char *prefix)
{
  return find_descendants (prefix, NULL);
}

static guint
count_webkit (void)
{
  /* comm is cut at 15 bytes: "WebKitWebProces", "WebKitNetworkPr". */
  return count_descendants ("WebKitWebProc") + count_descendants ("WebKitNetwork");
}

static gboolean
no_web_process (gpointer data)
{
  return count_descendants ("WebKitWebProc") == 0;
}

static gboolean
no_webkit_process (gpointer data)
{
  return count_webkit () == 0;
}

static gboolean
some_webkit_process (gpointer data)
{
  return count_webkit () > 0;
}

static gboolean
some_web_process (gpointer data)
{
  return count_descendants ("WebKitWebProc") > 0;
}

static void
attempt_finished_cb (DeskAttemptManager *manager,
                     DeskAttempt        *attempt,
                     const DeskOutcome  *outcome)
{
  last_kind = outcome->kind;
  finished_count++;
}

static gboolean
count_reached (gpointer data)
{
  return finished_count >= GPOINTER_TO_UINT (data);
}

static gboolean
request_held (gpointer data)
{
  return held_request != NULL;
}

/* A created session whose consent page is /slow-consent, which the server holds. */
static void
answer_slow_session (SoupServerMessage *message)
{
  g_autofree char *body = g_strdup_printf ("{\"id\": \"held\", \"session_id\": \"sess_slow\", "
                                           "\"auth_url\": \"%s/slow-consent\", "
                                           "\"expires_at\": %" G_GINT64_FORMAT "}",
                                           held_fiskil_url,
                                           g_get_real_time () / G_USEC_PER_SEC + 600);

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

/* The held consent page is let go, and the ended attempt's web process must go. */
static void
release_slow_page (void)
{
  soup_server_message_set_status (held_page, 204, NULL);
  soup_server_message_unpause (held_page);
  g_clear_object (&held_page);
  slow_page = FALSE;
  desk_test_wait_or_fail (no_web_process, NULL, WAIT_MS, "the attempt's web process to go");
}

static void
held_fiskil_cb (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  if (g_str_equal (path, "/slow-consent"))
    {
      g_assert_null (held_page);
      held_page = g_object_ref (message);
      soup_server_message_pause (message);
      return;
    }

  g_assert_cmpstr (path, ==, "/v1/auth/session");
  if (slow_page)
    {
      answer_slow_session (message);
      return;
    }
  g_assert_null (held_request);

  held_request = g_object_ref (message);
  soup_server_message_pause (message);
}

static void
start_attempt (DeskEnvironmentKind  kind,
               const char          *api_url,
               const char          *end_user_id)
{
  DeskEnvironment *environment = desk_application_get_environment (app, kind, api_url);

  desk_session_form_set_environment (desk_window_get_form (window), environment);
  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    desk_test_activate (window, "win.new-session");
  desk_test_type_text (window, "end-user-id", end_user_id);
  if (kind == DESK_ENVIRONMENT_CUSTOM)
    {
      desk_test_type_text (window, "redirect-uri", "https://integrator.example/done");
      desk_test_type_text (window, "cancel-uri", "https://integrator.example/cancel");
    }
  desk_test_activate (window, "win.create-session");
  g_assert_nonnull (desk_window_get_attempt (window));
}

/* Wait for the web view made during CREATING to have started WebKit, then end the attempt
 * there: nothing of WebKit remains. */
static void
test_end_in_creating (gconstpointer data)
{
  EndInCreating how = GPOINTER_TO_INT (data);
  guint expected = finished_count + 1;
  static const char body[] = "{\"id\": \"err_held\", \"name\": \"InternalError\", "
                             "\"message\": \"held, then failed\"}";

  desk_test_wait_or_fail (no_webkit_process, NULL, WAIT_MS, "no WebKit process before");
  start_attempt (DESK_ENVIRONMENT_CUSTOM, held_fiskil_url, "eu_lifecycle_creating");
  desk_test_wait_or_fail (request_held, NULL, WAIT_MS, "the create-session request");
  g_assert_cmpint (desk_attempt_get_state (desk_window_get_attempt (window)), ==,
                   DESK_ATTEMPT_STATE_CREATING);
  /* The warmed view has started WebKit, its web process included, while the request is held. */
  desk_test_wait_or_fail (some_webkit_process, NULL, WAIT_MS, "WebKit to start while CREATING");
  desk_test_wait_or_fail (some_web_process, NULL, WAIT_MS, "a web process while CREATING");
  g_assert_cmpint (desk_attempt_get_state (desk_window_get_attempt (window)), ==,
                   DESK_ATTEMPT_STATE_CREATING);

  if (how == END_API_ERROR)
    {
      soup_server_message_set_status (held_request, 500, NULL);
      soup_server_message_set_response (held_request, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
      soup_server_message_unpause (held_request);
    }
  else
    {
      desk_test_activate (window, "win.cancel-attempt");  /* no session yet: no question */
    }
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                          "the attempt to end");
  g_assert_cmpint (last_kind, ==, how == END_API_ERROR ? DESK_OUTCOME_API_ERROR
                                                        : DESK_OUTCOME_CANCELLED);
  g_assert_cmpstr (desk_window_get_page (window), ==, "form");

  /* Its web and network processes are gone, not kept for the next attempt. */
  desk_test_wait_or_fail (no_webkit_process, NULL, WAIT_MS,
                          "the ended attempt's WebKit processes to go");

  if (how == END_CANCEL)
    soup_server_message_unpause (held_request);
  g_clear_object (&held_request);
}

/* Whether @attempt's timeline has a load event: @load_event ("finished"…), or any if NULL. */
static gboolean
timeline_has_load (DeskAttempt *attempt,
                   const char  *load_event)
{
  GListModel *timeline = attempt != NULL ? G_LIST_MODEL (desk_attempt_get_timeline (attempt))
                                         : NULL;

  for (guint i = 0; timeline != NULL && i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(DeskTimelineEvent) event = g_list_model_get_item (timeline, i);

      if (desk_timeline_event_get_kind (event) == DESK_TIMELINE_LOAD
          && (load_event == NULL
              || g_strcmp0 (desk_timeline_event_get_string (event, "event"), load_event) == 0))
        return TRUE;
    }

  return FALSE;
}

/* Whether @data's attempt, else the window's, has loaded a page. */
static gboolean
page_loaded (gpointer data)
{
  return timeline_has_load (data != NULL ? data : desk_window_get_attempt (window), "finished");
}

/* Whether any event of the current attempt's timeline has @text in its "uri". */
static gboolean
timeline_mentions (const char *text)
{
  DeskAttempt *attempt = desk_window_get_attempt (window);
  GListModel *timeline = G_LIST_MODEL (desk_attempt_get_timeline (attempt));

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(DeskTimelineEvent) event = g_list_model_get_item (timeline, i);
      const char *uri = desk_timeline_event_get_string (event, "uri");

      if (uri != NULL && strstr (uri, text) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
shows_blank (gpointer web_view)
{
  return g_strcmp0 (webkit_web_view_get_uri (web_view), "about:blank") == 0;
}

/* While the view still shows the warm-up's empty document, neither the address nor the
 * progress bar may speak of it. */
static void
progress_watch_cb (GtkWidget  *progress,
                   GParamSpec *pspec,
                   gpointer    web_view)
{
  if (shows_blank (web_view) && gtk_widget_get_visible (progress))
    blank_shown = TRUE;
}

static void
address_watch_cb (GtkLabel   *address,
                  GParamSpec *pspec,
                  gpointer    web_view)
{
  if (shows_blank (web_view) && g_strcmp0 (gtk_label_get_text (address), "about:blank") == 0)
    blank_shown = TRUE;
}

/* Right after the window's own handler has opened the consent page. */
static void
blank_attempt_state_cb (DeskAttempt *attempt,
                        GParamSpec  *pspec,
                        gpointer     user_data)
{
  WebKitWebView *web_view;

  if (desk_attempt_get_state (attempt) != DESK_ATTEMPT_STATE_CONSENTING)
    return;

  web_view = desk_attempt_page_get_web_view (desk_window_get_attempt_page (window));
  blank_loading_at_open = shows_blank (web_view) && webkit_web_view_is_loading (web_view);
  g_signal_connect_object (desk_test_widget (window, "page-load-progress"), "notify",
                           G_CALLBACK (progress_watch_cb), web_view, 0);
  g_signal_connect_object (desk_test_widget (window, "page-address"), "notify::label",
                           G_CALLBACK (address_watch_cb), web_view, 0);
}

/* A warmed view still loads the consent page, and goes with the attempt. */
static void
test_consent_page_loads (void)
{
  guint expected = finished_count + 1;
  DeskSandbox *sandbox;
  WebKitWebView *web_view;
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_environment_ensure_started (desk_application_get_environment (
                   app, DESK_ENVIRONMENT_SANDBOX, NULL), &error));
  g_assert_no_error (error);
  sandbox = desk_application_ensure_sandbox (app);
  desk_sandbox_set_auto_outcome (sandbox, NULL);

  start_attempt (DESK_ENVIRONMENT_SANDBOX, NULL, "eu_lifecycle_loads");
  g_signal_connect (desk_window_get_attempt (window), "notify::state",
                    G_CALLBACK (blank_attempt_state_cb), NULL);
  desk_test_wait_or_fail (page_loaded, NULL, WAIT_MS, "the consent page to load");
  g_assert_cmpstr (desk_window_get_page (window), ==, "attempt");
  /* The Sandbox answers long before a new web process has loaded anything. */
  g_assert_true (blank_loading_at_open);
  g_assert_false (blank_shown);
  g_signal_handlers_disconnect_matched (desk_test_widget (window, "page-load-progress"),
                                        G_SIGNAL_MATCH_FUNC, 0, 0, NULL, progress_watch_cb, NULL);
  g_signal_handlers_disconnect_matched (desk_test_widget (window, "page-address"),
                                        G_SIGNAL_MATCH_FUNC, 0, 0, NULL, address_watch_cb, NULL);
  web_view = desk_attempt_page_get_web_view (desk_window_get_attempt_page (window));
  g_assert_nonnull (web_view);
  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (web_view),
                                   desk_sandbox_get_base_url (sandbox)));
  g_assert_cmpuint (count_descendants ("WebKitWebProc"), ==, 1);
  /* The warm-up's empty document is in the view's history, but the page's Back never returns
   * to it: nothing happens, as with no history. */
  webkit_web_view_evaluate_javascript (web_view, "history.back(); 'sent'", -1, NULL, NULL, NULL,
                                       NULL, NULL);
  g_assert_false (desk_test_wait_until (shows_blank, web_view, 2000));
  g_assert_false (timeline_mentions ("about:"));

  desk_attempt_manager_cancel (desk_application_get_attempt_manager (app));
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                          "the attempt to end");
  g_assert_cmpint (last_kind, ==, DESK_OUTCOME_CANCELLED);
  desk_test_wait_or_fail (no_web_process, NULL, WAIT_MS, "the attempt's web process to go");
}

static gboolean blank_loading_at_cancel;

static void
cancel_now (gpointer user_data)
{
  WebKitWebView *web_view = desk_attempt_page_get_web_view (desk_window_get_attempt_page (window));

  blank_loading_at_cancel = shows_blank (web_view) && webkit_web_view_is_loading (web_view);
  desk_attempt_manager_cancel (desk_application_get_attempt_manager (app));
}

static void
cancel_at_open_cb (DeskAttempt *attempt,
                   GParamSpec  *pspec,
                   gpointer     user_data)
{
  if (desk_attempt_get_state (attempt) == DESK_ATTEMPT_STATE_CONSENTING)
    g_idle_add_once (cancel_now, NULL);
}

/* Cancelled while the consent view still waits for the warm-up's empty document: the wait
 * ends with the view (its web process terminated), nothing loads, nothing stays. */
static void
test_cancel_while_blank_loads (void)
{
  guint expected = finished_count + 1;
  g_autoptr(DeskAttempt) attempt = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_environment_ensure_started (desk_application_get_environment (
                   app, DESK_ENVIRONMENT_SANDBOX, NULL), &error));
  g_assert_no_error (error);
  desk_sandbox_set_auto_outcome (desk_application_ensure_sandbox (app), NULL);

  start_attempt (DESK_ENVIRONMENT_SANDBOX, NULL, "eu_lifecycle_cancel_blank");
  attempt = g_object_ref (desk_window_get_attempt (window));
  g_signal_connect (attempt, "notify::state", G_CALLBACK (cancel_at_open_cb), NULL);
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                          "the attempt to end");
  g_assert_true (blank_loading_at_cancel);
  g_assert_cmpint (last_kind, ==, DESK_OUTCOME_CANCELLED);
  desk_test_wait_or_fail (no_webkit_process, NULL, WAIT_MS,
                          "the cancelled attempt's WebKit processes to go");
  g_assert_false (page_loaded (attempt));
}

static GtkSpinner *
loading_spinner (void)
{
  return GTK_SPINNER (desk_test_widget (window, "loading-spinner"));
}

static gboolean
page_held (gpointer data)
{
  return held_page != NULL;
}

static gboolean
spinner_spinning (gpointer data)
{
  return gtk_spinner_get_spinning (loading_spinner ());
}

/* Right after the window's own handler has opened the consent page. */
static void
slow_attempt_state_cb (DeskAttempt *attempt,
                       GParamSpec  *pspec,
                       gpointer     user_data)
{
  g_autofree char *text = NULL;

  if (desk_attempt_get_state (attempt) != DESK_ATTEMPT_STATE_CONSENTING)
    return;

  text = desk_test_visible_text (GTK_WIDGET (window));
  spinning_at_open = gtk_spinner_get_spinning (loading_spinner ());
  words_at_open = strstr (text, "Opening the consent page") != NULL;
  form_at_open = gtk_widget_get_mapped (GTK_WIDGET (desk_window_get_form (window)));
}

/* The web process starting beside them, frames of the whole window cost it time without a GPU
 * (README "Benchmarks"): the attempt page replaces the form at once, without a crossfade, and a
 * consent page that loads fast shows words, not a spinner that turns for a moment; one that
 * takes longer shows the spinner too, and an ended attempt stops it. */
static void
test_slow_page_spinner (void)
{
  guint expected = finished_count + 1;
  DeskAttempt *attempt;

  slow_page = TRUE;
  start_attempt (DESK_ENVIRONMENT_CUSTOM, held_fiskil_url, "eu_lifecycle_slow");
  attempt = desk_window_get_attempt (window);
  g_signal_connect (attempt, "notify::state", G_CALLBACK (slow_attempt_state_cb), NULL);

  desk_test_wait_or_fail (page_held, NULL, WAIT_MS, "the consent page's request");
  g_assert_cmpstr (desk_window_get_page (window), ==, "attempt");
  g_assert_true (words_at_open);
  g_assert_false (spinning_at_open);
  g_assert_false (form_at_open);

  /* Still loading a while later: now it turns. */
  desk_test_wait_or_fail (spinner_spinning, NULL, WAIT_MS, "the spinner of a slow page");
  g_assert_cmpint (desk_attempt_get_state (attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);
  desk_test_assert_visible_text (window, "Opening the consent page");

  desk_attempt_manager_cancel (desk_application_get_attempt_manager (app));
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                          "the attempt to end");
  g_assert_false (gtk_spinner_get_spinning (loading_spinner ()));
  release_slow_page ();
}

/* -- A window that opened creating its session (--start) -------------------------------- */

static const char *page_at_answer;       /* the window's page when the session was answered */
static gint64 answered_at;
static gboolean switched;                /* to the attempt page, since the answer */
static gboolean load_news_at_switch;     /* the timeline had a load event then */
static gint64 switch_wait_ms;

static void
page_switched_cb (GtkStack   *stack,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  DeskAttempt *attempt = desk_window_get_attempt (window);

  if (switched || answered_at == 0
      || g_strcmp0 (gtk_stack_get_visible_child_name (stack), "attempt") != 0)
    return;

  switched = TRUE;
  load_news_at_switch = timeline_has_load (attempt, NULL);
  switch_wait_ms = (g_get_monotonic_time () - answered_at) / 1000;
}

static void
cancel_started (gpointer user_data)
{
  desk_attempt_manager_cancel (desk_application_get_attempt_manager (app));
}

/* Right after the window's own handler has heard of the session. */
static void
started_state_cb (DeskAttempt *attempt,
                  GParamSpec  *pspec,
                  gpointer     user_data)
{
  if (desk_attempt_get_state (attempt) != DESK_ATTEMPT_STATE_CONSENTING)
    return;

  page_at_answer = desk_window_get_page (window);
  answered_at = g_get_monotonic_time ();
  if (GPOINTER_TO_INT (user_data))
    g_idle_add_once (cancel_started, NULL);
}

static gboolean
shows_page (gpointer name)
{
  return g_strcmp0 (desk_window_get_page (window), name) == 0;
}

/* The attempt starts while the window is hidden, as --start's does before it is shown. */
static void
start_before_shown (DeskEnvironmentKind  kind,
                    const char          *api_url,
                    const char          *end_user_id,
                    gboolean             cancel_at_answer)
{
  DeskAttempt *attempt;

  page_at_answer = NULL;
  answered_at = 0;
  switched = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  start_attempt (kind, api_url, end_user_id);
  g_assert_cmpstr (desk_window_get_page (window), ==, "creating");
  attempt = desk_window_get_attempt (window);
  g_signal_connect (attempt, "notify::state", G_CALLBACK (started_state_cb),
                    GINT_TO_POINTER (cancel_at_answer));
  g_signal_connect (desk_test_widget (window, "pages"), "notify::visible-child-name",
                    G_CALLBACK (page_switched_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
end_started (guint expected)
{
  desk_attempt_manager_cancel (desk_application_get_attempt_manager (app));
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                          "the attempt to end");
  g_signal_handlers_disconnect_by_func (desk_test_widget (window, "pages"), page_switched_cb,
                                        NULL);
}

/* Answered, the window keeps "Creating the Session…" until the consent page has news (its
 * first load), so the attempt page's frames do not slow the page's start (README
 * "Benchmarks"); a page with none after half a second gets the attempt page, and its words. */
static void
test_started_slow_page (void)
{
  guint expected = finished_count + 1;

  slow_page = TRUE;
  start_before_shown (DESK_ENVIRONMENT_CUSTOM, held_fiskil_url, "eu_lifecycle_started_slow",
                      FALSE);
  desk_test_wait_or_fail (page_held, NULL, WAIT_MS, "the consent page's request");
  g_assert_cmpstr (page_at_answer, ==, "creating");

  desk_test_wait_or_fail (shows_page, "attempt", WAIT_MS, "the attempt page");
  g_assert_false (load_news_at_switch);
  /* Half a second after the answer (the window's timer starts just before this test hears). */
  g_assert_cmpint (switch_wait_ms, >=, 450);
  desk_test_assert_visible_text (window, "Opening the consent page");

  end_started (expected);
  release_slow_page ();
}

/* A page that loads: the attempt page comes with its first load, or half a second after the
 * answer if that comes first on a slow machine, never before. */
static void
test_started_page_loads (void)
{
  guint expected = finished_count + 1;
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_environment_ensure_started (desk_application_get_environment (
                   app, DESK_ENVIRONMENT_SANDBOX, NULL), &error));
  g_assert_no_error (error);
  desk_sandbox_set_auto_outcome (desk_application_ensure_sandbox (app), NULL);

  start_before_shown (DESK_ENVIRONMENT_SANDBOX, NULL, "eu_lifecycle_started_loads", FALSE);
  desk_test_wait_or_fail (page_loaded, NULL, WAIT_MS, "the consent page to load");
  g_assert_cmpstr (page_at_answer, ==, "creating");
  g_assert_true (switched);
  if (!load_news_at_switch && switch_wait_ms < 450)
    g_error ("The attempt page came %" G_GINT64_FORMAT " ms after the answer, before the page "
             "had loaded anything", switch_wait_ms);
  g_assert_cmpstr (desk_window_get_page (window), ==, "attempt");

  end_started (expected);
  desk_test_wait_or_fail (no_web_process, NULL, WAIT_MS, "the attempt's web process to go");
}

/* Ended while the window still waits for the page: the outcome stays, the attempt page never
 * comes after it. */
static void
test_started_ends_while_waiting (void)
{
  guint expected = finished_count + 1;

  slow_page = TRUE;
  start_before_shown (DESK_ENVIRONMENT_CUSTOM, held_fiskil_url, "eu_lifecycle_started_ends",
                      TRUE);
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                          "the attempt to end");
  g_assert_cmpint (last_kind, ==, DESK_OUTCOME_CANCELLED);
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
  g_assert_false (desk_test_wait_until (shows_page, "attempt", 1000));
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
  g_signal_handlers_disconnect_by_func (desk_test_widget (window, "pages"), page_switched_cb,
                                        NULL);

  if (held_page != NULL)
    release_slow_page ();
  slow_page = FALSE;
  desk_test_wait_or_fail (no_web_process, NULL, WAIT_MS, "the attempt's web process to go");
}

/* The web process started while the session was being created is the one the consent page
 * loads in: the answer does not wait for another to start. */
static void
test_page_in_warmed_process (void)
{
  guint expected = finished_count + 1;
  int warmed = 0;
  int loading = 0;
  WebKitWebView *web_view;

  start_attempt (DESK_ENVIRONMENT_CUSTOM, held_fiskil_url, "eu_lifecycle_warmed");
  desk_test_wait_or_fail (request_held, NULL, WAIT_MS, "the create-session request");
  desk_test_wait_or_fail (some_web_process, NULL, WAIT_MS, "a web process while CREATING");
  g_assert_cmpuint (find_descendants ("WebKitWebProc", &warmed), ==, 1);
  g_assert_cmpint (desk_attempt_get_state (desk_window_get_attempt (window)), ==,
                   DESK_ATTEMPT_STATE_CREATING);

  /* Answered: the consent page (held by the server) is asked for from that process. */
  slow_page = TRUE;
  answer_slow_session (held_request);
  soup_server_message_unpause (held_request);
  g_clear_object (&held_request);
  desk_test_wait_or_fail (page_held, NULL, WAIT_MS, "the consent page's request");
  g_assert_cmpuint (find_descendants ("WebKitWebProc", &loading), ==, 1);
  g_assert_cmpint (loading, ==, warmed);
  g_assert_false (timeline_mentions ("about:"));

  /* Drawn without GPU compositing, as the test environment no longer forces: the web process
   * makes no GL context of its own (desk_consent_web_view_new()). Pop-ups share the settings. */
  web_view = desk_attempt_page_get_web_view (desk_window_get_attempt_page (window));
  g_assert_nonnull (web_view);
  g_assert_cmpint (webkit_settings_get_hardware_acceleration_policy (
                     webkit_web_view_get_settings (web_view)),
                   ==, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);

  desk_attempt_manager_cancel (desk_application_get_attempt_manager (app));
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                          "the attempt to end");
  release_slow_page ();
}

static void
start_held_fiskil (void)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  held_fiskil = soup_server_new (NULL, NULL);
  soup_server_add_handler (held_fiskil, NULL, held_fiskil_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (held_fiskil, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);

  uris = soup_server_get_uris (held_fiskil);
  held_fiskil_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The custom environment reads its credentials here, as from a person's shell. */
  g_setenv ("FISKIL_ACCESS_TOKEN", "test-token-never-shown", TRUE);

  app = desk_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = desk_application_ensure_window (app);
  g_signal_connect (desk_application_get_attempt_manager (app), "attempt-finished",
                    G_CALLBACK (attempt_finished_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
  start_held_fiskil ();

  g_test_add_data_func ("/web-lifecycle/ends-in-creating/api-error",
                        GINT_TO_POINTER (END_API_ERROR), test_end_in_creating);
  g_test_add_data_func ("/web-lifecycle/ends-in-creating/cancel",
                        GINT_TO_POINTER (END_CANCEL), test_end_in_creating);
  g_test_add_func ("/web-lifecycle/consent-page-loads", test_consent_page_loads);
  g_test_add_func ("/web-lifecycle/cancel-while-blank-loads", test_cancel_while_blank_loads);
  g_test_add_func ("/web-lifecycle/slow-page-spinner", test_slow_page_spinner);
  g_test_add_func ("/web-lifecycle/page-in-warmed-process", test_page_in_warmed_process);
  g_test_add_func ("/web-lifecycle/started-before-shown/slow-page", test_started_slow_page);
  g_test_add_func ("/web-lifecycle/started-before-shown/page-loads", test_started_page_loads);
  g_test_add_func ("/web-lifecycle/started-before-shown/ends-while-waiting",
                   test_started_ends_while_waiting);

  status = g_test_run ();

  g_clear_object (&held_fiskil);
  g_free (held_fiskil_url);
  g_object_unref (app);

  return status;
}
