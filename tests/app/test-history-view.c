/* test-history-view.c — the evidence of attempts in the window, against the Sandbox (suite
 * gui): the outcome page's timeline, then the History page lists, searches, filters, opens,
 * re-runs, deletes and clears
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One application, one window, one private history file; the cases run in order, as a person
 * would use them, each building on what the last one recorded.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "desk-application.h"
#include "desk-history-view.h"
#include "desk-test-app.h"

#define WAIT_MS (90 * 1000)

static DeskApplication *app;
static DeskWindow *window;
static DeskTestOutcomes outcomes;
static char *first_id;   /* eu_history_a, success */
static char *second_id;  /* eu_history_b, CONSENT_ENDUSER_DENIED */
static char *live_har;   /* its HAR, as Export HAR… gave it right after it ended */

static GtkListView *
find_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root))
    return GTK_LIST_VIEW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
wait_finished (guint expected)
{
  desk_test_outcomes_wait (&outcomes, expected, WAIT_MS, "the attempt to end");
}

static void
run_attempt (const char *end_user_id,
             const char *sandbox_outcome)
{
  guint expected = outcomes.count + 1;

  desk_sandbox_set_auto_outcome (desk_test_app_sandbox (app), sandbox_outcome);
  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    desk_test_activate (window, "win.new-session");
  gtk_editable_set_text (GTK_EDITABLE (desk_test_widget (window, "end-user-id")), end_user_id);
  desk_test_activate (window, "win.create-session");
  wait_finished (expected);
}

static DeskHistoryModel *
model (void)
{
  GtkWidget *view = desk_test_widget (window, "history-view");

  return desk_history_view_get_model (DESK_HISTORY_VIEW (view));
}

static guint
n_shown (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model ()));
}

static gboolean
shows_count (gpointer data)
{
  return n_shown () == GPOINTER_TO_UINT (data);
}

static void
wait_shown (guint       count,
            const char *what)
{
  desk_test_wait_or_fail (shows_count, GUINT_TO_POINTER (count), WAIT_MS, what);
}

static char *
shown_end_user (guint position)
{
  g_autoptr(DeskHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (model ()), position);

  g_assert_nonnull (entry);
  return g_strdup (desk_history_entry_get_end_user_id (entry));
}

static gboolean
shows_text (gpointer data)
{
  g_autofree char *text = desk_test_visible_text (GTK_WIDGET (window));

  return strstr (text, data) != NULL;
}

/* The outcome page keeps the attempt's timeline: the same events, in readable sentences. */
static void
test_outcome_timeline (void)
{
  GListModel *events;

  run_attempt ("eu_history_a", "success");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_SUCCESS);
  first_id = g_strdup (outcomes.last->attempt_id);
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");

  events = desk_outcome_view_get_timeline (desk_window_get_outcome_view (window));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==,
                    json_array_get_length (json_node_get_array (outcomes.last->timeline)));
  g_assert_cmpuint (g_list_model_get_n_items (events), >, 2);
  g_assert_true (gtk_widget_get_mapped (desk_test_widget (window, "outcome-timeline")));
  desk_test_assert_visible_text (window, "Callback caught, never loaded");

  run_attempt ("eu_history_b", "CONSENT_ENDUSER_DENIED");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_FAILURE);
  second_id = g_strdup (outcomes.last->attempt_id);
}

/* Ctrl+C on a selected event copies its sentence and its JSON; Copy as cURL is --print-curl's
 * command; Export HAR… saves the exchanges as HAR 1.2 (0600), with no secret. */
static void
test_outcome_exports (void)
{
  DeskOutcomeView *view = desk_window_get_outcome_view (window);
  GtkListView *timeline = find_list_view (desk_test_widget (window, "outcome-timeline"));
  g_autoptr(DeskTimelineEvent) event = NULL;
  g_autoptr(GBytes) har = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *curl = NULL;
  g_autofree char *expected_curl = NULL;
  g_autofree char *dir = desk_test_make_scratch_dir ("consent-desk-har-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "attempt.har", NULL);
  g_autofree char *saved = NULL;
  GStatBuf buf;

  g_assert_nonnull (timeline);
  gtk_selection_model_select_item (gtk_list_view_get_model (timeline), 0, TRUE);
  event = g_list_model_get_item (desk_outcome_view_get_timeline (view), 0);
  expected = desk_outcome_view_describe_event (event);
  g_assert_nonnull (strstr (expected, "\"kind\":\"api-request\""));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "outcome.copy-event", NULL));
  copied = desk_test_clipboard_text (window, WAIT_MS);
  g_assert_cmpstr (copied, ==, expected);

  desk_test_activate (window, "win.copy-curl");
  curl = desk_test_clipboard_text (window, WAIT_MS);
  expected_curl = desk_session_request_to_curl (outcomes.last->request, outcomes.last->api_url,
                                                NULL);
  g_assert_cmpstr (curl, ==, expected_curl);
  g_assert_nonnull (strstr (curl, "$FISKIL_ACCESS_TOKEN"));

  har = desk_window_dup_har (window);
  g_assert_nonnull (har);
  live_har = g_strndup (g_bytes_get_data (har, NULL), g_bytes_get_size (har));
  desk_window_save_export (window, path, har);
  desk_test_wait_or_fail (file_written, path, WAIT_MS, "the HAR file");
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "\"version\" : \"1.2\""));
  g_assert_nonnull (strstr (saved, "/v1/auth/session"));
  g_assert_null (strstr (saved, "sandbox-secret"));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  desk_test_remove_tree (dir);
}

/* Newest first, one row per attempt, the time in one unambiguous format. */
static void
test_list (void)
{
  g_autofree char *newest = NULL;
  g_autofree char *oldest = NULL;

  desk_test_activate (window, "win.show-history");
  g_assert_cmpstr (desk_window_get_page (window), ==, "history");
  wait_shown (2, "both attempts listed");
  newest = shown_end_user (0);
  oldest = shown_end_user (1);
  g_assert_cmpstr (newest, ==, "eu_history_b");
  g_assert_cmpstr (oldest, ==, "eu_history_a");
  desk_test_assert_visible_text (window, "CONSENT_ENDUSER_DENIED");
  desk_test_assert_visible_text (window, "Sandbox");
}

/* Search narrows across end user, session id, error type and error id; filters by outcome and
 * environment; no match shows its own empty state. */
static void
test_search_and_filters (void)
{
  GtkEditable *search = GTK_EDITABLE (desk_test_widget (window, "history-search"));
  GtkDropDown *outcome = GTK_DROP_DOWN (desk_test_widget (window, "history-outcome"));
  GtkDropDown *environment = GTK_DROP_DOWN (desk_test_widget (window, "history-environment"));
  g_autofree char *found = NULL;
  g_autofree char *failed = NULL;

  gtk_editable_set_text (search, "history_a");
  wait_shown (1, "the search to narrow the list");
  found = shown_end_user (0);
  g_assert_cmpstr (found, ==, "eu_history_a");

  gtk_editable_set_text (search, "ENDUSER_DENIED");
  wait_shown (1, "the search by error type");
  failed = shown_end_user (0);
  g_assert_cmpstr (failed, ==, "eu_history_b");

  gtk_editable_set_text (search, "no-such-end-user");
  wait_shown (0, "no match");
  desk_test_assert_visible_text (window, "No matching attempts");
  gtk_editable_set_text (search, "");
  wait_shown (2, "the search cleared");

  /* "Failure" is the third choice, after "All outcomes" and "Success". */
  gtk_drop_down_set_selected (outcome, 2);
  wait_shown (1, "the outcome filter");
  g_clear_pointer (&failed, g_free);
  failed = shown_end_user (0);
  g_assert_cmpstr (failed, ==, "eu_history_b");
  gtk_drop_down_set_selected (outcome, 0);
  wait_shown (2, "the outcome filter cleared");

  /* The environments follow "All environments": Sandbox, then Production. */
  gtk_drop_down_set_selected (environment, 2);
  wait_shown (0, "the environment filter");
  gtk_drop_down_set_selected (environment, 1);
  wait_shown (2, "the Sandbox filter");
  gtk_drop_down_set_selected (environment, 0);
}

static gboolean
shows_recorded (gpointer data)
{
  DeskOutcomeView *view = desk_window_get_outcome_view (window);
  const DeskOutcome *outcome = desk_outcome_view_get_outcome (view);

  return g_strcmp0 (desk_window_get_page (window), "outcome") == 0 && outcome != NULL &&
         g_strcmp0 (outcome->attempt_id, data) == 0;
}

static void
open_row (guint       position,
          const char *attempt_id)
{
  desk_test_activate (window, "win.show-history");
  g_signal_emit_by_name (desk_test_widget (window, "history-list"), "activate", position);
  desk_test_wait_or_fail (shows_recorded, (gpointer) attempt_id, WAIT_MS,
                          "the recorded outcome page");
}

/* The "entries" of a HAR document, as text. */
static char *
har_entries (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *log;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  log = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                       "log");
  return json_to_string (json_object_get_member (log, "entries"), FALSE);
}

/* A menu's item (a GtkModelButton: its sensitivity follows its action's) by its label, as
 * shown (without the mnemonic's underscore). */
static gboolean
is_menu_item (GtkWidget     *widget,
              gconstpointer  label)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") != 0)
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, label) == 0;
}

/* A recorded attempt exports the same HAR entries as it did when it had just ended: the
 * history keeps each API exchange (no secret among them). */
static void
test_recorded_har (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) har = NULL;
  g_autofree char *text = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *live = har_entries (live_har);
  GtkMenuButton *more;
  GtkWidget *item;

  open_row (0, second_id);
  /* Its menu item is there to choose, as it is for an attempt that has just ended. */
  more = GTK_MENU_BUTTON (desk_test_widget (window, "outcome-more"));
  gtk_menu_button_popup (more);
  item = desk_test_find_descendant (GTK_WIDGET (gtk_menu_button_get_popover (more)),
                                    is_menu_item, "Export HAR…");
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_get_sensitive (item));
  gtk_menu_button_popdown (more);
  desk_window_dup_shown_har_async (window, desk_test_keep_result, &result);
  har = desk_window_dup_shown_har_finish (window, desk_test_wait_for_result (
                                            &result, WAIT_MS, "the recorded attempt's HAR"),
                                          &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (har, NULL), g_bytes_get_size (har));
  g_assert_nonnull (strstr (text, "\"version\" : \"1.2\""));
  g_assert_null (strstr (text, "sandbox-secret"));
  recorded = har_entries (text);
  g_assert_nonnull (strstr (recorded, "/v1/auth/session"));
  g_assert_cmpstr (recorded, ==, live);
}

/* Opening a row shows that attempt's outcome page and its timeline; Try again makes a new
 * session with the same request, in its environment. */
static void
test_open_and_try_again (void)
{
  GListModel *events = desk_outcome_view_get_timeline (desk_window_get_outcome_view (window));
  guint expected = outcomes.count + 1;

  open_row (1, first_id);
  g_assert_cmpuint (g_list_model_get_n_items (events), >, 2);
  desk_test_assert_visible_text (window, "eu_history_a");

  /* As it ran (redirect), whatever the form's Integration says now. */
  desk_session_form_set_integration (desk_window_get_form (window), DESK_INTEGRATION_HAND_OFF);
  desk_sandbox_set_auto_outcome (desk_test_app_sandbox (app), "CONSENT_ENDUSER_DENIED");
  desk_test_activate (window, "win.try-again");
  wait_finished (expected);
  desk_session_form_set_integration (desk_window_get_form (window), DESK_INTEGRATION_REDIRECT);
  g_assert_cmpstr (outcomes.last->integration, ==, "redirect");
  g_assert_cmpstr (outcomes.last->request->end_user_id, ==, "eu_history_a");
  g_assert_cmpstr (outcomes.last->attempt_id, !=, first_id);
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_FAILURE);

  desk_test_activate (window, "win.show-history");
  wait_shown (3, "the new attempt listed");
}

/* Delete removes the one shown, and only it. */
static void
test_delete (void)
{
  g_autofree char *newest = NULL;

  open_row (0, outcomes.last->attempt_id);
  desk_test_activate (window, "win.delete-attempt");
  wait_shown (2, "the deleted attempt gone");
  newest = shown_end_user (0);
  g_assert_cmpstr (newest, ==, "eu_history_b");
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* As a person presses it: the dialog answers, then closes itself. */
static void
press_button (GtkWidget  *dialog,
              const char *label)
{
  GtkWidget *button = find_button (dialog, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

/* Clear History… asks first; confirmed, it empties the list and says there is nothing yet. */
static void
test_clear (void)
{
  AdwMessageDialog *dialog;

  desk_test_activate (window, "win.show-history");
  desk_test_activate (window, "win.clear-history");
  desk_test_wait_or_fail (dialog_shown, NULL, WAIT_MS, "the confirmation");
  dialog = find_dialog ();

  /* Cancel keeps everything. */
  press_button (GTK_WIDGET (dialog), "_Cancel");
  desk_test_wait_or_fail (dialog_gone, NULL, WAIT_MS, "the confirmation to close");
  g_assert_cmpuint (n_shown (), ==, 2);

  desk_test_activate (window, "win.clear-history");
  desk_test_wait_or_fail (dialog_shown, NULL, WAIT_MS, "the confirmation");
  dialog = find_dialog ();
  press_button (GTK_WIDGET (dialog), "_Clear History");
  desk_test_wait_or_fail (dialog_gone, NULL, WAIT_MS, "the confirmation to close");
  wait_shown (0, "the history cleared");
  desk_test_wait_or_fail (shows_text, (gpointer) "No history yet", WAIT_MS, "the empty state");
  g_assert_cmpuint (n_shown (), ==, 0);
}

static gboolean
history_unavailable (gpointer data)
{
  return !desk_history_get_available (data) || desk_history_get_problem (data) != NULL;
}

/* A history that cannot be written (its directory cannot exist: a file is in the way) is said
 * once, and attempts go on. */
static void
test_unavailable (void)
{
  g_autofree char *dir = desk_test_make_scratch_dir ("consent-desk-blocked-XXXXXX");
  g_autofree char *blocker = g_build_filename (dir, "not-a-directory", NULL);
  g_autofree char *path = g_build_filename (blocker, "history.db", NULL);
  g_autoptr(DeskHistory) history = NULL;

  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  history = desk_history_new (path);
  desk_window_set_history (window, history);
  desk_test_wait_or_fail (history_unavailable, history, WAIT_MS, "the history to give up");
  desk_test_wait_or_fail (shows_text, (gpointer) "History is unavailable", WAIT_MS,
                          "the notice that history is unavailable");

  run_attempt ("eu_history_unrecorded", "success");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_SUCCESS);
  desk_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = NULL;
  int status;

  /* A history of this test's own, before GLib is asked where data lives. */
  scratch = desk_test_make_private_directories ("consent-desk-history-view-XXXXXX", FALSE);
  g_test_init (&argc, &argv, NULL);

  app = desk_test_app_new (NULL);

  window = desk_application_ensure_window (app);
  desk_test_outcomes_watch (&outcomes, desk_application_get_attempt_manager (app));
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/history-view/outcome-timeline", test_outcome_timeline);
  g_test_add_func ("/history-view/outcome-exports", test_outcome_exports);
  g_test_add_func ("/history-view/recorded-har", test_recorded_har);
  g_test_add_func ("/history-view/list", test_list);
  g_test_add_func ("/history-view/search-and-filters", test_search_and_filters);
  g_test_add_func ("/history-view/open-and-try-again", test_open_and_try_again);
  g_test_add_func ("/history-view/delete", test_delete);
  g_test_add_func ("/history-view/clear", test_clear);
  g_test_add_func ("/history-view/unavailable", test_unavailable);

  status = g_test_run ();

  g_clear_pointer (&outcomes.last, desk_outcome_free);
  g_free (first_id);
  g_free (second_id);
  g_free (live_har);
  g_object_unref (app);
  desk_test_remove_tree (scratch);

  return status;
}
