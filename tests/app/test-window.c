/* test-window.c — the consent flow through the window, against the Sandbox (suite gui)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One application and one window serve every case, as a person would use them: fill the form,
 * create a session, let the Sandbox's consent pages walk themselves (real WebKit under Xvfb) and
 * read the outcome view. A SoupServer on 127.0.0.1 plays a failing Fiskil for the API errors.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <libsoup/soup.h>

#include "desk-application.h"
#include "desk-test-gtk.h"
#include "desk-value-row.h"

/* A cold web process on a busy 2-core machine, plus the Sandbox's visible walk. */
#define WAIT_MS (90 * 1000)

static DeskApplication *app;
static DeskWindow *window;

static guint finished_count;
static DeskOutcome *last_outcome;
static gboolean attempt_page_seen;

static SoupServer *failing_fiskil;
static char *failing_fiskil_url;

static void
attempt_finished_cb (DeskAttemptManager *manager,
                     DeskAttempt        *attempt,
                     const DeskOutcome  *outcome)
{
  g_clear_pointer (&last_outcome, desk_outcome_free);
  last_outcome = desk_outcome_copy (outcome);
  finished_count++;
}

static void
page_changed_cb (DeskWindow *self)
{
  if (g_strcmp0 (desk_window_get_page (window), "attempt") == 0)
    attempt_page_seen = TRUE;
}

static gboolean
count_reached (gpointer data)
{
  return finished_count >= GPOINTER_TO_UINT (data);
}

static DeskSandbox *
sandbox (void)
{
  DeskEnvironment *environment;
  g_autoptr(GError) error = NULL;

  environment = desk_application_get_environment (app, DESK_ENVIRONMENT_SANDBOX, NULL);
  g_assert_true (desk_environment_ensure_started (environment, &error));
  g_assert_no_error (error);

  return desk_application_ensure_sandbox (app);
}

static GtkWidget *
widget (const char *name)
{
  GtkWidget *found = desk_test_find_widget (GTK_WIDGET (window), name);

  g_assert_nonnull (found);
  return found;
}

static void
type_text (const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (widget (name)), text);
}

/* What the person sees: whether the buttons bound to win.@name can be pressed (class actions
 * of a widget are not a GActionGroup one could ask). */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
action_enabled (const char *name)
{
  g_autofree char *action_name = g_strconcat ("win.", name, NULL);
  GtkWidget *button = find_actionable (GTK_WIDGET (window), action_name);

  g_assert_nonnull (button);

  return gtk_widget_get_sensitive (button);
}

static void
activate (const char *name)
{
  g_autofree char *action_name = g_strconcat ("win.", name, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action_name, NULL));
}

static void
assert_visible_text (const char *expected)
{
  g_autofree char *text = desk_test_visible_text (GTK_WIDGET (window));

  if (strstr (text, expected) == NULL)
    g_error ("“%s” is not on screen; the window shows:\n%s", expected, text);
}

static void
use_environment (DeskEnvironmentKind  kind,
                 const char          *api_url)
{
  DeskEnvironment *environment = desk_application_get_environment (app, kind, api_url);

  desk_session_form_set_environment (desk_window_get_form (window), environment);
}

/* Fills the form as a person would, then creates the session and waits for its end. */
static void
run_attempt (const char *end_user_id)
{
  guint expected = finished_count + 1;

  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    activate ("new-session");

  type_text ("end-user-id", end_user_id);
  g_assert_true (action_enabled ("create-session"));

  attempt_page_seen = FALSE;
  activate ("create-session");
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                        "the attempt to end");
  g_assert_nonnull (last_outcome);
}

/* The About window and the shell show the application's own icon, even from the build tree. */
static void
test_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));

  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
}

/* Start-up does no Sandbox work; the form validates as the person types. */
static void
test_form_validation (void)
{
  DeskEnvironment *environment = desk_application_get_environment (app, DESK_ENVIRONMENT_SANDBOX,
                                                                   NULL);
  GtkWidget *redirect_row = widget ("redirect-uri");

  g_assert_null (desk_environment_get_api_url (environment));
  g_assert_cmpstr (desk_window_get_page (window), ==, "form");

  /* Prefilled with the environment's defaults. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (redirect_row)), ==,
                   DESK_SANDBOX_DEFAULT_REDIRECT_URI);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget ("cancel-uri"))), ==,
                   DESK_SANDBOX_DEFAULT_CANCEL_URI);

  type_text ("end-user-id", "");
  g_assert_false (action_enabled ("create-session"));

  type_text ("end-user-id", "eu_validation");
  g_assert_true (action_enabled ("create-session"));

  type_text ("redirect-uri", "not a uri");
  g_assert_false (action_enabled ("create-session"));
  g_assert_true (gtk_widget_has_css_class (redirect_row, "error"));

  /* "Reset to defaults" brings back a valid request. */
  g_signal_emit_by_name (widget ("reset-callbacks"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (redirect_row)), ==,
                   DESK_SANDBOX_DEFAULT_REDIRECT_URI);
  g_assert_false (gtk_widget_has_css_class (redirect_row, "error"));
  g_assert_true (action_enabled ("create-session"));

  /* Unknown permissions are flagged but still sendable. */
  type_text ("other-permissions", "made_up_permission");
  g_assert_true (gtk_widget_has_css_class (widget ("other-permissions"), "warning"));
  g_assert_true (action_enabled ("create-session"));
  type_text ("other-permissions", "");

  /* Emptied by the person: said so next to the field. */
  type_text ("end-user-id", "");
  g_assert_true (gtk_widget_has_css_class (widget ("end-user-id"), "error"));
  g_assert_false (action_enabled ("create-session"));

  /* Still nothing started. */
  g_assert_null (desk_environment_get_api_url (environment));
}

/* The value of the outcome row titled @title. */
static const char *
value_of_row (GtkWidget  *root,
              const char *title)
{
  if (DESK_IS_VALUE_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return desk_value_row_get_value (DESK_VALUE_ROW (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *value = value_of_row (child, title);

      if (value != NULL)
        return value;
    }

  return NULL;
}

static void
test_sandbox_success (void)
{
  use_environment (DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (sandbox (), "success");

  run_attempt ("eu_window_success");

  g_assert_true (attempt_page_seen);
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_nonnull (last_outcome->session);
  g_assert_nonnull (last_outcome->callback);
  g_assert_cmpint (last_outcome->callback->matched, ==, DESK_CALLBACK_MATCH_REDIRECT);
  g_assert_cmpint (desk_outcome_exit_status (last_outcome), ==, 0);

  assert_visible_text ("Consent granted");

  /* The consent landed at Fiskil, and the outcome page shows it. */
  g_assert_cmpstr (last_outcome->consent_check, ==, "found");
  g_assert_nonnull (last_outcome->consent);
  assert_visible_text ("Consent at Fiskil");
  assert_visible_text (json_object_get_string_member (json_node_get_object (last_outcome->consent),
                                                      "arrangement_id"));
  assert_visible_text (last_outcome->session->session_id);
  assert_visible_text ("eu_window_success");
  assert_visible_text (last_outcome->callback->uri);
  for (guint i = 0; i < last_outcome->callback->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (last_outcome->callback->params, i);

      assert_visible_text (param->key);
      assert_visible_text (param->value);
    }

  /* The environment by the name the form shows, not its id. */
  g_assert_cmpstr (value_of_row (GTK_WIDGET (desk_window_get_outcome_view (window)),
                                 "Environment"), ==, "Sandbox");

  /* One suggested action, and no "Try again" after a success. */
  g_assert_false (gtk_widget_get_visible (widget ("try-again")));
  g_assert_true (gtk_widget_has_css_class (widget ("new-session"), "suggested-action"));
  g_assert_false (gtk_widget_get_visible (widget ("outcome-error-type")));

  /* The web view went with the attempt. */
  g_assert_null (desk_attempt_page_get_web_view (desk_window_get_attempt_page (window)));
}

static void
test_sandbox_failure (gconstpointer data)
{
  const DeskErrorTypeInfo *info = data;
  g_autoptr(DeskErrorExplanation) explanation = desk_error_catalogue_explain (info->error_type);

  g_assert_true (desk_sandbox_outcome_is_valid (info->error_type));

  use_environment (DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (sandbox (), info->error_type);

  run_attempt ("eu_window_failure");

  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_FAILURE);
  g_assert_cmpstr (last_outcome->error_type, ==, info->error_type);
  if (info->error != NULL)
    g_assert_cmpstr (last_outcome->error, ==, info->error);
  g_assert_cmpint (desk_outcome_exit_status (last_outcome), ==, 1);

  /* The catalogue's words and every error field the callback carried. */
  assert_visible_text (explanation->title);
  assert_visible_text (explanation->next_step);
  assert_visible_text (info->error_type);
  if (last_outcome->error != NULL)
    assert_visible_text (last_outcome->error);
  if (last_outcome->error_description != NULL)
    assert_visible_text (last_outcome->error_description);
  if (last_outcome->error_id != NULL)
    assert_visible_text (last_outcome->error_id);
  if (last_outcome->error_uri != NULL)
    assert_visible_text (last_outcome->error_uri);
  assert_visible_text (last_outcome->callback->uri);

  /* At the top: the error type under its plain-words title, and Try again as the one
   * suggested action. */
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (widget ("outcome-status"))), ==,
                   explanation->title);
  g_assert_true (gtk_widget_get_visible (widget ("outcome-error-type")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (widget ("outcome-error-type"))), ==,
                   info->error_type);
  g_assert_true (gtk_widget_get_visible (widget ("try-again")));
  g_assert_true (gtk_widget_has_css_class (widget ("try-again"), "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (widget ("new-session"), "suggested-action"));
}

typedef struct
{
  const char *name;
  guint       status;
  const char *content_type;
  const char *body;
  const char *expected[3];  /* what the form must show */
} ApiErrorCase;

static const ApiErrorCase api_error_cases[] = {
  { "400", 400, "application/json",
    "{\"id\": \"err_test_400\", \"name\": \"InvalidRequest\", "
    "\"message\": \"end_user_id is not known\"}",
    { "err_test_400", "InvalidRequest", "end_user_id is not known" } },
  { "500", 500, "application/vnd.goa.error",
    "{\"id\": \"err_test_500\", \"name\": \"InternalError\", "
    "\"message\": \"Something broke\", \"fault\": true}",
    { "err_test_500", "InternalError", "Something broke" } },
  { "html", 502, "text/html",
    "<html><body><h1>Bad gateway</h1></body></html>",
    { "502", NULL, NULL } },
};

static const ApiErrorCase *current_api_error;

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
failing_fiskil_cb (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  const ApiErrorCase *error_case = current_api_error;

  g_assert_nonnull (error_case);
  g_assert_cmpstr (path, ==, "/v1/auth/session");

  soup_server_message_set_status (message, error_case->status, NULL);
  soup_server_message_set_response (message, error_case->content_type, SOUP_MEMORY_STATIC,
                                    error_case->body, strlen (error_case->body));
}

static void
test_api_error (gconstpointer data)
{
  const ApiErrorCase *error_case = data;
  GtkWidget *error_area;

  current_api_error = error_case;

  /* The same path as --api-url: a custom environment, credentials from the environment. */
  use_environment (DESK_ENVIRONMENT_CUSTOM, failing_fiskil_url);
  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    activate ("new-session");
  type_text ("redirect-uri", "https://integrator.example/done");
  type_text ("cancel-uri", "https://integrator.example/cancel");
  type_text ("institution-id", "inst_kept");

  run_attempt ("eu_api_error");

  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_API_ERROR);
  g_assert_cmpint (desk_outcome_exit_status (last_outcome), ==, 3);
  g_assert_nonnull (last_outcome->api_error);
  g_assert_cmpuint (last_outcome->api_error->http_status, ==, error_case->status);

  /* Back on the form, everything typed kept, the error in place with Fiskil's words. */
  g_assert_cmpstr (desk_window_get_page (window), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget ("end-user-id"))), ==,
                   "eu_api_error");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget ("institution-id"))), ==,
                   "inst_kept");
  error_area = widget ("error-area");
  desk_test_wait_or_fail (widget_mapped, error_area, WAIT_MS, "the error to be shown");
  for (guint i = 0; i < G_N_ELEMENTS (error_case->expected) && error_case->expected[i]; i++)
    assert_visible_text (error_case->expected[i]);
  g_assert_true (action_enabled ("create-session"));

  type_text ("institution-id", "");
  current_api_error = NULL;
}

static void
test_expired (void)
{
  DeskSandbox *box;

  use_environment (DESK_ENVIRONMENT_SANDBOX, NULL);
  box = sandbox ();
  desk_sandbox_set_auto_outcome (box, NULL);
  desk_sandbox_set_session_lifetime (box, 4);

  run_attempt ("eu_window_expired");

  desk_sandbox_set_session_lifetime (box, DESK_SANDBOX_DEFAULT_SESSION_LIFETIME);

  g_assert_true (attempt_page_seen);
  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_EXPIRED);
  g_assert_cmpint (desk_outcome_exit_status (last_outcome), ==, 1);
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
  assert_visible_text ("Auth session expired");
  assert_visible_text (last_outcome->session->session_id);
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

/* "Copy as JSON" is --outcome-json's object; "Try again" makes a new session with the same
 * request; "New session" goes back to the form with the values kept. */
static void
test_outcome_actions (void)
{
  g_autofree char *first_session_id = NULL;
  g_autofree char *expected_json = NULL;
  ClipboardRead read = { NULL, FALSE };
  guint expected;

  use_environment (DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (sandbox (), "CONSENT_ENDUSER_DENIED");
  type_text ("institution-id", "");
  run_attempt ("eu_window_actions");
  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_FAILURE);
  first_session_id = g_strdup (last_outcome->session->session_id);

  g_assert_true (action_enabled ("copy-outcome-json"));
  activate ("copy-outcome-json");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 clipboard_read_cb, &read);
  desk_test_wait_or_fail (read_done, &read, WAIT_MS, "the clipboard");
  expected_json = desk_outcome_to_json_string (last_outcome, TRUE);
  g_assert_cmpstr (read.text, ==, expected_json);
  g_free (read.text);

  desk_sandbox_set_auto_outcome (sandbox (), "success");
  expected = finished_count + 1;
  g_assert_true (action_enabled ("try-again"));
  activate ("try-again");
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                        "the second attempt to end");
  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_cmpstr (last_outcome->request->end_user_id, ==, "eu_window_actions");
  g_assert_cmpstr (last_outcome->session->session_id, !=, first_session_id);

  activate ("new-session");
  g_assert_cmpstr (desk_window_get_page (window), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget ("end-user-id"))), ==,
                   "eu_window_actions");
}

static gboolean
attempt_consenting (gpointer data)
{
  DeskAttempt *attempt = desk_window_get_attempt (window);

  return attempt != NULL && desk_attempt_get_state (attempt) == DESK_ATTEMPT_STATE_CONSENTING;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (G_FILE (data), NULL);
}

/* The question Cancel and closing ask while a session exists, or NULL. */
static AdwMessageDialog *
question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
question_is_open (gpointer data)
{
  return question () != NULL;
}

static void
answer (const char *response)
{
  AdwMessageDialog *dialog = question ();
  g_autoptr(GObject) keep = NULL;

  g_assert_nonnull (dialog);
  keep = g_object_ref (G_OBJECT (dialog));
  adw_message_dialog_response (dialog, response);
  /* A click closes the dialog; a response given in code leaves it to us. */
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_close (GTK_WINDOW (dialog));
}

/* Cancel asks first (the session is single use); "Keep going" keeps it, and the answer
 * "Cancel attempt" ends it as cancelled, not closed. */
static void
test_cancel_asks_first (void)
{
  guint expected = finished_count + 1;

  use_environment (DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (sandbox (), NULL);
  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    activate ("new-session");
  type_text ("end-user-id", "eu_window_cancel");
  activate ("create-session");
  desk_test_wait_or_fail (attempt_consenting, NULL, WAIT_MS, "the consent page");

  activate ("cancel-attempt");
  desk_test_wait_or_fail (question_is_open, NULL, WAIT_MS, "the question");
  answer ("keep");
  g_assert_true (attempt_consenting (NULL));
  g_assert_cmpuint (finished_count, ==, expected - 1);

  activate ("cancel-attempt");
  desk_test_wait_or_fail (question_is_open, NULL, WAIT_MS, "the question");
  answer ("end");
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                          "the attempt to end");
  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_CANCELLED);
}

/* Last: the window goes. The attempt ends as closed and --outcome-json still gets it. */
static void
test_close_during_attempt (void)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  guint expected = finished_count + 1;

  path = g_build_filename (g_get_tmp_dir (), "consent-desk-test-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (path));
  file = g_file_new_build_filename (path, "outcome.json", NULL);
  desk_application_set_outcome_json (app, g_file_peek_path (file));

  use_environment (DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (sandbox (), NULL);
  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    activate ("new-session");
  type_text ("end-user-id", "eu_window_closed");
  activate ("create-session");
  desk_test_wait_or_fail (attempt_consenting, NULL, WAIT_MS, "the consent page");

  /* Closing asks first: nothing has ended while the question is open. */
  gtk_window_close (GTK_WINDOW (window));
  desk_test_wait_or_fail (question_is_open, NULL, WAIT_MS, "the question");
  g_assert_cmpuint (finished_count, ==, expected - 1);
  answer ("end");

  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                          "the attempt to end");
  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_CLOSED);
  g_assert_cmpint (desk_outcome_exit_status (last_outcome), ==, 1);

  desk_test_wait_or_fail (file_exists, file, WAIT_MS, "the outcome file");
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "outcome"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "request"),
                                                  "end_user_id"), ==, "eu_window_closed");

  g_file_delete (file, NULL, NULL);
  g_rmdir (path);
}



static void
start_failing_fiskil (void)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  failing_fiskil = soup_server_new (NULL, NULL);
  soup_server_add_handler (failing_fiskil, NULL, failing_fiskil_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (failing_fiskil, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);

  uris = soup_server_get_uris (failing_fiskil);
  failing_fiskil_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const DeskErrorTypeInfo *catalogue;
  gsize n_types = 0;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* A custom environment reads credentials from here, as a person's shell would give them. */
  g_setenv ("FISKIL_ACCESS_TOKEN", "test-token-never-shown", TRUE);

  app = desk_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = desk_application_ensure_window (app);
  g_signal_connect (desk_application_get_attempt_manager (app), "attempt-finished",
                    G_CALLBACK (attempt_finished_cb), NULL);
  g_signal_connect_swapped (desk_test_find_widget (GTK_WIDGET (window), "pages"),
                            "notify::visible-child-name", G_CALLBACK (page_changed_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));

  start_failing_fiskil ();

  g_test_add_func ("/window/icon", test_icon);
  g_test_add_func ("/window/form/validation", test_form_validation);
  g_test_add_func ("/window/sandbox/success", test_sandbox_success);
  catalogue = desk_error_catalogue_get_all (&n_types);
  for (gsize i = 0; i < n_types; i++)
    {
      g_autofree char *path = g_strdup_printf ("/window/sandbox/failure/%s",
                                               catalogue[i].error_type);
      g_test_add_data_func (path, &catalogue[i], test_sandbox_failure);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (api_error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/window/api-error/%s", api_error_cases[i].name);
      g_test_add_data_func (path, &api_error_cases[i], test_api_error);
    }
  g_test_add_func ("/window/sandbox/expired", test_expired);
  g_test_add_func ("/window/outcome/actions", test_outcome_actions);
  g_test_add_func ("/window/ending/cancel-asks-first", test_cancel_asks_first);
  g_test_add_func ("/window/ending/close-during-attempt", test_close_during_attempt);

  status = g_test_run ();

  g_clear_pointer (&last_outcome, desk_outcome_free);
  g_clear_object (&failing_fiskil);
  g_free (failing_fiskil_url);
  g_object_unref (app);

  return status;
}
