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
#include "desk-test-app.h"
#include "desk-value-row.h"

/* A cold web process on a busy 2-core machine, plus the Sandbox's visible walk. */
#define WAIT_MS (90 * 1000)

static DeskApplication *app;
static DeskWindow *window;

static DeskTestOutcomes outcomes;
static gboolean attempt_page_seen;

static SoupServer *failing_fiskil;
static char *failing_fiskil_url;

static void
page_changed_cb (DeskWindow *self)
{
  if (g_strcmp0 (desk_window_get_page (window), "attempt") == 0)
    attempt_page_seen = TRUE;
}

/* Fills the form as a person would, then creates the session and waits for its end. */
static void
run_attempt (const char *end_user_id)
{
  guint expected = outcomes.count + 1;

  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    desk_test_activate (window, "win.new-session");

  desk_test_type_text (window, "end-user-id", end_user_id);
  g_assert_true (desk_test_action_enabled (window, "win.create-session"));

  attempt_page_seen = FALSE;
  desk_test_activate (window, "win.create-session");
  desk_test_outcomes_wait (&outcomes, expected, WAIT_MS, "the attempt to end");
  g_assert_nonnull (outcomes.last);
}

/* The About window and the shell show the application's own icon, even from the build tree. */
static void
test_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));

  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
widget_is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static gboolean
is_shortcut_for (GtkWidget     *widget,
                 gconstpointer  action_name)
{
  g_autofree char *name = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return FALSE;

  g_object_get (widget, "action-name", &name, NULL);
  return g_strcmp0 (name, action_name) == 0;
}

/* The shortcut of @action_name as the shortcuts window shows it, or NULL when it lists none. */
static char *
shown_accelerator (GtkWidget  *widget,
                   const char *action_name)
{
  GtkWidget *shortcut = desk_test_find_descendant (widget, is_shortcut_for, action_name);
  char *accelerator = NULL;

  if (shortcut != NULL)
    g_object_get (shortcut, "accelerator", &accelerator, NULL);

  return accelerator;
}

/* Keyboard Shortcuts (Ctrl+?) opens over the window, built when first asked for, and lists the
 * application's accelerators; closed, it opens again. */
static void
test_shortcuts_window (void)
{
  GtkApplicationWindow *app_window = GTK_APPLICATION_WINDOW (window);
  GtkShortcutsWindow *overlay;
  g_autofree char *create = NULL;
  g_autofree char *history = NULL;

  g_assert_null (gtk_application_window_get_help_overlay (app_window));

  desk_test_activate (window, "win.show-help-overlay");
  overlay = gtk_application_window_get_help_overlay (app_window);
  g_assert_nonnull (overlay);
  desk_test_wait_or_fail (widget_mapped, overlay, WAIT_MS, "the shortcuts window");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (overlay)));

  create = shown_accelerator (GTK_WIDGET (overlay), "win.create-session");
  history = shown_accelerator (GTK_WIDGET (overlay), "win.show-history");
  g_assert_cmpstr (create, ==, "<Control>Return");
  g_assert_cmpstr (history, ==, "<Control>h");

  gtk_window_close (GTK_WINDOW (overlay));
  desk_test_wait_or_fail (widget_is_hidden, overlay, WAIT_MS, "the shortcuts window to close");

  desk_test_activate (window, "win.show-help-overlay");
  g_assert_true (gtk_application_window_get_help_overlay (app_window) == overlay);
  desk_test_wait_or_fail (widget_mapped, overlay, WAIT_MS, "the shortcuts window again");
  gtk_window_close (GTK_WINDOW (overlay));
  desk_test_wait_or_fail (widget_is_hidden, overlay, WAIT_MS, "the shortcuts window to close");
}

static gboolean
widget_is_drawable (gpointer data)
{
  return gtk_widget_is_drawable (GTK_WIDGET (data));
}

/* The Permissions group joins the form after the window's first frame: it must not stay out. */
static void
test_form_permissions_shown (void)
{
  GtkWidget *group = desk_test_widget (window, "permissions-group");
  GtkWidget *other = desk_test_widget (window, "other-permissions");

  desk_test_wait_or_fail (widget_is_drawable, group, WAIT_MS, "the Permissions group");
  g_assert_true (gtk_widget_is_drawable (desk_test_widget (window, "permissions-banking")));
  g_assert_true (gtk_widget_get_can_focus (other) && gtk_widget_is_sensitive (other));
  /* Its rows came with it, each named after its permission. */
  g_assert_true (ADW_IS_ACTION_ROW (desk_test_widget (window, "accounts")));
}

/* Nothing the first frame does not show is built before it: a new form has no permission rows
 * yet, and a request that names a permission builds them, that one selected. */
static void
test_form_permission_rows_on_demand (void)
{
  GtkWidget *form = g_object_ref_sink (desk_session_form_new ());
  const char * const permissions[] = { "transactions", "made_up", NULL };
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskSessionRequest) read_back = NULL;
  GtkWidget *row;

  g_assert_null (desk_test_find_widget (form, "transactions"));

  request = desk_session_request_new ("eu_rows", "https://integrator.example/done",
                                      "https://integrator.example/cancel", NULL, permissions);
  desk_session_form_set_request (DESK_SESSION_FORM (form), request);
  row = desk_test_find_widget (form, "transactions");
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_true (ADW_IS_ACTION_ROW (desk_test_find_widget (form, "accounts")));

  read_back = desk_session_form_get_request (DESK_SESSION_FORM (form));
  g_assert_cmpstrv (read_back->permissions, permissions);

  g_object_unref (form);
}

/* Start-up does no Sandbox work; the form validates as the person types. */
static void
test_form_validation (void)
{
  DeskEnvironment *environment = desk_application_get_environment (app, DESK_ENVIRONMENT_SANDBOX,
                                                                   NULL);
  GtkWidget *redirect_row = desk_test_widget (window, "redirect-uri");

  g_assert_null (desk_environment_get_api_url (environment));
  g_assert_cmpstr (desk_window_get_page (window), ==, "form");

  /* Prefilled with the environment's defaults. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (redirect_row)), ==,
                   DESK_SANDBOX_DEFAULT_REDIRECT_URI);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (desk_test_widget (window, "cancel-uri"))),
                   ==, DESK_SANDBOX_DEFAULT_CANCEL_URI);

  desk_test_type_text (window, "end-user-id", "");
  g_assert_false (desk_test_action_enabled (window, "win.create-session"));

  desk_test_type_text (window, "end-user-id", "eu_validation");
  g_assert_true (desk_test_action_enabled (window, "win.create-session"));

  desk_test_type_text (window, "redirect-uri", "not a uri");
  g_assert_false (desk_test_action_enabled (window, "win.create-session"));
  g_assert_true (gtk_widget_has_css_class (redirect_row, "error"));

  /* "Reset to defaults" brings back a valid request. */
  g_signal_emit_by_name (desk_test_widget (window, "reset-callbacks"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (redirect_row)), ==,
                   DESK_SANDBOX_DEFAULT_REDIRECT_URI);
  g_assert_false (gtk_widget_has_css_class (redirect_row, "error"));
  g_assert_true (desk_test_action_enabled (window, "win.create-session"));

  /* Unknown permissions are flagged but still sendable. */
  desk_test_type_text (window, "other-permissions", "made_up_permission");
  g_assert_true (gtk_widget_has_css_class (desk_test_widget (window, "other-permissions"),
                                           "warning"));
  g_assert_true (desk_test_action_enabled (window, "win.create-session"));
  desk_test_type_text (window, "other-permissions", "");

  /* Emptied by the person: said so next to the field. */
  desk_test_type_text (window, "end-user-id", "");
  g_assert_true (gtk_widget_has_css_class (desk_test_widget (window, "end-user-id"), "error"));
  g_assert_false (desk_test_action_enabled (window, "win.create-session"));

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
  desk_test_app_use_environment (app, window, DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (desk_test_app_sandbox (app), "success");

  run_attempt ("eu_window_success");

  g_assert_true (attempt_page_seen);
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_nonnull (outcomes.last->session);
  g_assert_nonnull (outcomes.last->callback);
  g_assert_cmpint (outcomes.last->callback->matched, ==, DESK_CALLBACK_MATCH_REDIRECT);
  g_assert_cmpint (desk_outcome_exit_status (outcomes.last), ==, 0);

  desk_test_assert_visible_text (window, "Consent granted");

  /* The consent landed at Fiskil, and the outcome page shows it. */
  g_assert_cmpstr (outcomes.last->consent_check, ==, "found");
  g_assert_nonnull (outcomes.last->consent);
  desk_test_assert_visible_text (window, "Consent at Fiskil");
  desk_test_assert_visible_text (window,
                                 json_object_get_string_member (
                                   json_node_get_object (outcomes.last->consent),
                                   "arrangement_id"));
  desk_test_assert_visible_text (window, outcomes.last->session->session_id);
  desk_test_assert_visible_text (window, "eu_window_success");
  desk_test_assert_visible_text (window, outcomes.last->callback->uri);
  for (guint i = 0; i < outcomes.last->callback->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (outcomes.last->callback->params, i);

      desk_test_assert_visible_text (window, param->key);
      desk_test_assert_visible_text (window, param->value);
    }

  /* The environment by the name the form shows, not its id. */
  g_assert_cmpstr (value_of_row (GTK_WIDGET (desk_window_get_outcome_view (window)),
                                 "Environment"), ==, "Sandbox");

  /* One suggested action, and no "Try again" after a success. */
  g_assert_false (gtk_widget_get_visible (desk_test_widget (window, "try-again")));
  g_assert_true (gtk_widget_has_css_class (desk_test_widget (window, "new-session"),
                                           "suggested-action"));
  g_assert_false (gtk_widget_get_visible (desk_test_widget (window, "outcome-error-type")));

  /* The web view went with the attempt. */
  g_assert_null (desk_attempt_page_get_web_view (desk_window_get_attempt_page (window)));
}

static gboolean
attempt_checking (gpointer data)
{
  DeskAttempt *attempt = desk_attempt_manager_get_current (desk_application_get_attempt_manager (
                                                             app));

  return attempt != NULL && desk_attempt_get_state (attempt) == DESK_ATTEMPT_STATE_CHECKING;
}

/* While Fiskil is asked whether the consent landed (a lagging listing: seconds), the page
 * says so instead of going blank. */
static void
test_sandbox_checking (void)
{
  guint expected = outcomes.count + 1;

  desk_test_app_use_environment (app, window, DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (desk_test_app_sandbox (app), "success");
  desk_sandbox_set_consent_lag (desk_test_app_sandbox (app), 1);
  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    desk_test_activate (window, "win.new-session");
  desk_test_type_text (window, "end-user-id", "eu_window_checking");
  desk_test_activate (window, "win.create-session");

  desk_test_wait_or_fail (attempt_checking, NULL, WAIT_MS, "the consent check");
  g_assert_cmpstr (desk_window_get_page (window), ==, "attempt");
  desk_test_assert_visible_text (window, "Confirming with Fiskil that the consent landed");
  g_assert_null (desk_attempt_page_get_web_view (desk_window_get_attempt_page (window)));

  desk_test_outcomes_wait (&outcomes, expected, WAIT_MS, "the attempt to end");
  desk_sandbox_set_consent_lag (desk_test_app_sandbox (app), 0);
  g_assert_cmpstr (outcomes.last->consent_check, ==, "found");
}

static void
test_sandbox_failure (gconstpointer data)
{
  const DeskErrorTypeInfo *info = data;
  g_autoptr(DeskErrorExplanation) explanation = desk_error_catalogue_explain (info->error_type);

  g_assert_true (desk_sandbox_outcome_is_valid (info->error_type));

  desk_test_app_use_environment (app, window, DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (desk_test_app_sandbox (app), info->error_type);

  run_attempt ("eu_window_failure");

  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_FAILURE);
  g_assert_cmpstr (outcomes.last->error_type, ==, info->error_type);
  if (info->error != NULL)
    g_assert_cmpstr (outcomes.last->error, ==, info->error);
  g_assert_cmpint (desk_outcome_exit_status (outcomes.last), ==, 1);

  /* The catalogue's words and every error field the callback carried. */
  desk_test_assert_visible_text (window, explanation->title);
  desk_test_assert_visible_text (window, explanation->next_step);
  desk_test_assert_visible_text (window, info->error_type);
  if (outcomes.last->error != NULL)
    desk_test_assert_visible_text (window, outcomes.last->error);
  if (outcomes.last->error_description != NULL)
    desk_test_assert_visible_text (window, outcomes.last->error_description);
  if (outcomes.last->error_id != NULL)
    desk_test_assert_visible_text (window, outcomes.last->error_id);
  if (outcomes.last->error_uri != NULL)
    desk_test_assert_visible_text (window, outcomes.last->error_uri);
  desk_test_assert_visible_text (window, outcomes.last->callback->uri);

  /* At the top: the error type under its plain-words title, and Try again as the one
   * suggested action. */
  g_assert_cmpstr (adw_status_page_get_title (
                     ADW_STATUS_PAGE (desk_test_widget (window, "outcome-status"))),
                   ==, explanation->title);
  g_assert_true (gtk_widget_get_visible (desk_test_widget (window, "outcome-error-type")));
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (desk_test_widget (window, "outcome-error-type"))),
                   ==, info->error_type);
  g_assert_true (gtk_widget_get_visible (desk_test_widget (window, "try-again")));
  g_assert_true (gtk_widget_has_css_class (desk_test_widget (window, "try-again"),
                                           "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (desk_test_widget (window, "new-session"),
                                            "suggested-action"));
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
  desk_test_app_use_environment (app, window, DESK_ENVIRONMENT_CUSTOM, failing_fiskil_url);
  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    desk_test_activate (window, "win.new-session");
  desk_test_type_text (window, "redirect-uri", "https://integrator.example/done");
  desk_test_type_text (window, "cancel-uri", "https://integrator.example/cancel");
  desk_test_type_text (window, "institution-id", "inst_kept");

  run_attempt ("eu_api_error");

  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_API_ERROR);
  g_assert_cmpint (desk_outcome_exit_status (outcomes.last), ==, 3);
  g_assert_nonnull (outcomes.last->api_error);
  g_assert_cmpuint (outcomes.last->api_error->http_status, ==, error_case->status);

  /* Back on the form, everything typed kept, the error in place with Fiskil's words. */
  g_assert_cmpstr (desk_window_get_page (window), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     desk_test_widget (window, "end-user-id"))),
                   ==, "eu_api_error");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     desk_test_widget (window, "institution-id"))),
                   ==, "inst_kept");
  error_area = desk_test_widget (window, "error-area");
  desk_test_wait_or_fail (widget_mapped, error_area, WAIT_MS, "the error to be shown");
  for (guint i = 0; i < G_N_ELEMENTS (error_case->expected) && error_case->expected[i]; i++)
    desk_test_assert_visible_text (window, error_case->expected[i]);
  g_assert_true (desk_test_action_enabled (window, "win.create-session"));

  desk_test_type_text (window, "institution-id", "");
  current_api_error = NULL;
}

static const ApiErrorCase permission_error = {
  "permission", 400, "application/json",
  "{\"id\": \"err_test_permission\", \"name\": \"invalid_permission\", "
  "\"message\": \"made_up is not a permission\"}",
  { "err_test_permission", "made_up is not a permission", NULL } };

static gboolean
other_permissions_focused (gpointer data)
{
  return gtk_widget_has_focus (desk_test_widget (window, "other-permissions"))
         || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                    desk_test_widget (window, "other-permissions"));
}

/* An attempt started before the window is shown (--start) shows that the session is being
 * created, not a busy form nobody filled in; an API error still lands in the form, with what
 * was typed and the error, and the refused field (here a permission) takes the focus even when
 * the form is first shown with it, before its Permissions group has joined. */
static void
test_started_before_shown (void)
{
  guint expected = outcomes.count + 1;
  GtkWidget *page;

  current_api_error = &permission_error;
  desk_test_app_use_environment (app, window, DESK_ENVIRONMENT_CUSTOM, failing_fiskil_url);
  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    desk_test_activate (window, "win.new-session");
  desk_test_type_text (window, "end-user-id", "eu_before_shown");

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  /* As in a window that has not drawn its first frame yet. */
  gtk_widget_set_visible (desk_test_widget (window, "permissions-group"), FALSE);
  desk_test_activate (window, "win.create-session");
  g_assert_cmpstr (desk_window_get_page (window), ==, "creating");
  page = desk_test_widget (window, "creating-page");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==,
                   "Creating the Session…");
  g_assert_true (desk_test_action_enabled (window, "win.cancel-attempt"));

  gtk_window_present (GTK_WINDOW (window));
  desk_test_outcomes_wait (&outcomes, expected, WAIT_MS, "the attempt to end");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_API_ERROR);
  g_assert_cmpstr (desk_window_get_page (window), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (desk_test_widget (window, "end-user-id"))),
                   ==, "eu_before_shown");
  desk_test_wait_or_fail (widget_mapped, desk_test_widget (window, "error-area"), WAIT_MS,
                          "the error to be shown");
  desk_test_assert_visible_text (window, "made_up is not a permission");
  desk_test_wait_or_fail (other_permissions_focused, NULL, WAIT_MS,
                          "the refused permissions field to take the focus");
  /* Edited: the refusal goes, for the tests that follow. */
  desk_test_type_text (window, "other-permissions", "x");
  desk_test_type_text (window, "other-permissions", "");
  g_assert_false (gtk_widget_has_css_class (desk_test_widget (window, "other-permissions"),
                                            "error"));
  current_api_error = NULL;
}

static void
test_expired (void)
{
  DeskSandbox *box;

  desk_test_app_use_environment (app, window, DESK_ENVIRONMENT_SANDBOX, NULL);
  box = desk_test_app_sandbox (app);
  desk_sandbox_set_auto_outcome (box, NULL);
  desk_sandbox_set_session_lifetime (box, 4);

  run_attempt ("eu_window_expired");

  desk_sandbox_set_session_lifetime (box, DESK_SANDBOX_DEFAULT_SESSION_LIFETIME);

  g_assert_true (attempt_page_seen);
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_EXPIRED);
  g_assert_cmpint (desk_outcome_exit_status (outcomes.last), ==, 1);
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
  desk_test_assert_visible_text (window, "Auth session expired");
  desk_test_assert_visible_text (window, outcomes.last->session->session_id);
}

/* "Copy as JSON" is --outcome-json's object; "Try again" makes a new session with the same
 * request; "New session" goes back to the form with the values kept. */
static void
test_outcome_actions (void)
{
  g_autofree char *first_session_id = NULL;
  g_autofree char *expected_json = NULL;
  g_autofree char *copied = NULL;
  guint expected;

  desk_test_app_use_environment (app, window, DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (desk_test_app_sandbox (app), "CONSENT_ENDUSER_DENIED");
  desk_test_type_text (window, "institution-id", "");
  run_attempt ("eu_window_actions");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_FAILURE);
  first_session_id = g_strdup (outcomes.last->session->session_id);

  g_assert_true (desk_test_action_enabled (window, "win.copy-outcome-json"));
  desk_test_activate (window, "win.copy-outcome-json");
  copied = desk_test_clipboard_text (window, WAIT_MS);
  expected_json = desk_outcome_to_json_string (outcomes.last, TRUE);
  g_assert_cmpstr (copied, ==, expected_json);

  desk_sandbox_set_auto_outcome (desk_test_app_sandbox (app), "success");
  expected = outcomes.count + 1;
  g_assert_true (desk_test_action_enabled (window, "win.try-again"));
  desk_test_activate (window, "win.try-again");
  desk_test_outcomes_wait (&outcomes, expected, WAIT_MS, "the second attempt to end");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_cmpstr (outcomes.last->request->end_user_id, ==, "eu_window_actions");
  g_assert_cmpstr (outcomes.last->session->session_id, !=, first_session_id);

  desk_test_activate (window, "win.new-session");
  g_assert_cmpstr (desk_window_get_page (window), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     desk_test_widget (window, "end-user-id"))),
                   ==, "eu_window_actions");
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

/* Cancel asks first (the session is single use); "Keep going" keeps it, and the answer
 * "Cancel attempt" ends it as cancelled, not closed. */
static void
test_cancel_asks_first (void)
{
  guint expected = outcomes.count + 1;

  desk_test_app_use_environment (app, window, DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (desk_test_app_sandbox (app), NULL);
  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    desk_test_activate (window, "win.new-session");
  desk_test_type_text (window, "end-user-id", "eu_window_cancel");
  desk_test_activate (window, "win.create-session");
  desk_test_wait_or_fail (attempt_consenting, NULL, WAIT_MS, "the consent page");

  desk_test_activate (window, "win.cancel-attempt");
  desk_test_wait_or_fail (desk_test_question_is_open, NULL, WAIT_MS, "the question");
  desk_test_answer ("keep");
  g_assert_true (attempt_consenting (NULL));
  g_assert_cmpuint (outcomes.count, ==, expected - 1);

  desk_test_activate (window, "win.cancel-attempt");
  desk_test_wait_or_fail (desk_test_question_is_open, NULL, WAIT_MS, "the question");
  desk_test_answer ("end");
  desk_test_outcomes_wait (&outcomes, expected, WAIT_MS, "the attempt to end");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_CANCELLED);
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
  guint expected = outcomes.count + 1;

  path = g_build_filename (g_get_tmp_dir (), "consent-desk-test-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (path));
  file = g_file_new_build_filename (path, "outcome.json", NULL);
  desk_application_set_outcome_json (app, g_file_peek_path (file));

  desk_test_app_use_environment (app, window, DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (desk_test_app_sandbox (app), NULL);
  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    desk_test_activate (window, "win.new-session");
  desk_test_type_text (window, "end-user-id", "eu_window_closed");
  desk_test_activate (window, "win.create-session");
  desk_test_wait_or_fail (attempt_consenting, NULL, WAIT_MS, "the consent page");

  /* Closing asks first: nothing has ended while the question is open. */
  gtk_window_close (GTK_WINDOW (window));
  desk_test_wait_or_fail (desk_test_question_is_open, NULL, WAIT_MS, "the question");
  g_assert_cmpuint (outcomes.count, ==, expected - 1);
  desk_test_answer ("end");

  desk_test_outcomes_wait (&outcomes, expected, WAIT_MS, "the attempt to end");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_CLOSED);
  g_assert_cmpint (desk_outcome_exit_status (outcomes.last), ==, 1);

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
  const DeskErrorTypeInfo *catalogue;
  gsize n_types = 0;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* A custom environment reads credentials from here, as a person's shell would give them. */
  g_setenv ("FISKIL_ACCESS_TOKEN", "test-token-never-shown", TRUE);

  app = desk_test_app_new (NULL);

  window = desk_application_ensure_window (app);
  desk_test_outcomes_watch (&outcomes, desk_application_get_attempt_manager (app));
  g_signal_connect_swapped (desk_test_find_widget (GTK_WIDGET (window), "pages"),
                            "notify::visible-child-name", G_CALLBACK (page_changed_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));

  start_failing_fiskil ();

  g_test_add_func ("/window/icon", test_icon);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/form/permissions-shown", test_form_permissions_shown);
  g_test_add_func ("/window/form/permission-rows-on-demand", test_form_permission_rows_on_demand);
  g_test_add_func ("/window/form/validation", test_form_validation);
  g_test_add_func ("/window/sandbox/success", test_sandbox_success);
  g_test_add_func ("/window/sandbox/checking", test_sandbox_checking);
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
  g_test_add_func ("/window/api-error/started-before-shown", test_started_before_shown);
  g_test_add_func ("/window/sandbox/expired", test_expired);
  g_test_add_func ("/window/outcome/actions", test_outcome_actions);
  g_test_add_func ("/window/ending/cancel-asks-first", test_cancel_asks_first);
  g_test_add_func ("/window/ending/close-during-attempt", test_close_during_attempt);

  status = g_test_run ();

  g_clear_pointer (&outcomes.last, desk_outcome_free);
  g_clear_object (&failing_fiskil);
  g_free (failing_fiskil_url);
  g_object_unref (app);

  return status;
}
