/* test-preferences.c — environments in the window and in Preferences, credentials (suite gui)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One application and window, with an in-memory keyring that counts its calls, and fake Fiskil
 * servers on 127.0.0.1 standing in for Production and for a staging API. The cases run in
 * order, as a support person would: pick Production in the header, add a staging environment
 * with its credentials, test them, create sessions, edit and remove. At the end no file under
 * this test's own HOME and XDG directories holds a secret.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "desk-application.h"
#include "desk-environment-editor.h"
#include "desk-environment-private.h"
#include "desk-preferences-window.h"
#include "desk-secret-store-memory.h"
#include "fake-fiskil.h"
#include "desk-test-app.h"

#define WAIT_MS (60 * 1000)

#define PROD_ID       "prod-client-51ab"
#define PROD_SECRET   "prod-secret-Hh31-never-shown"
#define STAGE_ID      "stage-client-0c4d"
#define STAGE_SECRET  "stage-secret-Kw90-never-shown"
#define STAGE_TOKEN   "stage-token-Rt55-never-shown"
#define ENV_TOKEN     "env-token-Zz08-never-shown"

static const char * const all_secrets[] = {
  PROD_SECRET, STAGE_SECRET, STAGE_TOKEN, ENV_TOKEN,
};

static char *scratch;
static DeskApplication *app;
static DeskWindow *window;
static DeskSecretStore *store;
static FakeFiskil *production_fiskil;
static FakeFiskil *staging_fiskil;

static guint finished_count;
static DeskOutcome *last_outcome;

/* Helpers */

static void
attempt_finished_cb (DeskAttemptManager *manager,
                     DeskAttempt        *attempt,
                     const DeskOutcome  *outcome)
{
  g_clear_pointer (&last_outcome, desk_outcome_free);
  last_outcome = desk_outcome_copy (outcome);
  finished_count++;
}

static gboolean
count_reached (gpointer data)
{
  return finished_count >= GPOINTER_TO_UINT (data);
}

static guint
store_calls (void)
{
  return desk_secret_store_memory_get_call_count (DESK_SECRET_STORE_MEMORY (store));
}

static DeskEnvironmentList *
environments (void)
{
  return desk_application_get_environment_list (app);
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  return desk_test_find_descendant (root, is_of_type, GSIZE_TO_POINTER (type));
}

static void
type_text (GtkWidget  *root,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (desk_test_widget (root, name)), text);
}

static const char *
text_of (GtkWidget  *root,
         const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (desk_test_widget (root, name)));
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (desk_test_widget (root, name)));
}

static void
click (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = desk_test_widget (root, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Every label's text under @root, shown or not. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static void
assert_no_label_shows_secrets (GtkWidget *root)
{
  g_autoptr(GString) text = g_string_new (NULL);

  collect_labels (root, text);
  for (guint i = 0; i < G_N_ELEMENTS (all_secrets); i++)
    {
      if (strstr (text->str, all_secrets[i]) != NULL)
        g_error ("A label shows a secret:\n%s", text->str);
    }
}

static void
assert_visible_text (GtkWidget  *root,
                     const char *expected)
{
  g_autofree char *text = desk_test_visible_text (root);

  if (strstr (text, expected) == NULL)
    g_error ("“%s” is not on screen; it shows:\n%s", expected, text);
}

static DeskCredentials *
stored_credentials (const char *environment_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DeskCredentials *credentials;

  desk_secret_store_lookup_credentials_async (store, environment_id,
                                              NULL, desk_test_keep_result, &result);
  desk_test_wait_for_result (&result, WAIT_MS, "the keyring");
  credentials = desk_secret_store_lookup_credentials_finish (store, result, &error);
  g_assert_no_error (error);
  return credentials;
}

static void
store_credentials (const char            *environment_id,
                   const DeskCredentials *credentials)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  desk_secret_store_save_credentials_async (store, environment_id, environment_id, credentials,
                                            NULL, desk_test_keep_result, &result);
  desk_test_wait_for_result (&result, WAIT_MS, "the keyring");
  g_assert_true (desk_secret_store_save_credentials_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
assert_settings_free_of_secrets (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *printed = g_variant_print (value, FALSE);

      for (guint j = 0; j < G_N_ELEMENTS (all_secrets); j++)
        g_assert_null (strstr (printed, all_secrets[j]));
      /* The client id stays with its secret, in the keyring. */
      g_assert_null (strstr (printed, STAGE_ID));
    }
}

static DeskEnvironment *
production (void)
{
  return desk_environment_list_get_production (environments ());
}

/* Fills the form and creates a session in the environment now selected; waits for the end. */
static void
run_attempt (void)
{
  GtkWidget *root = GTK_WIDGET (window);
  guint expected = finished_count + 1;

  if (g_strcmp0 (desk_window_get_page (window), "form") != 0)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-session", NULL);

  type_text (root, "end-user-id", "eu_preferences");
  if (*text_of (root, "redirect-uri") == '\0')
    type_text (root, "redirect-uri", "https://integrator.example/done");
  if (*text_of (root, "cancel-uri") == '\0')
    type_text (root, "cancel-uri", "https://integrator.example/cancel");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-session", NULL));
  desk_test_wait_or_fail (count_reached, GUINT_TO_POINTER (expected), WAIT_MS,
                        "the attempt to end");
}

/* Preferences */

static DeskPreferencesWindow *
open_preferences (void)
{
  GList *windows;

  /* Ctrl+comma, or Preferences in the main menu. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (DESK_IS_PREFERENCES_WINDOW (l->data))
        return l->data;
    }

  g_error ("Preferences did not open");
}

static gboolean
editor_idle (gpointer data)
{
  return !desk_environment_editor_get_busy (DESK_ENVIRONMENT_EDITOR (data));
}

static DeskEnvironmentEditor *
open_editor (DeskPreferencesWindow *preferences,
             const char            *environment_id)
{
  DeskEnvironmentEditor *editor;

  if (environment_id == NULL)
    {
      click (GTK_WIDGET (preferences), "add-environment");
    }
  else
    {
      g_autofree char *row_name = g_strconcat ("environment-", environment_id, NULL);

      g_signal_emit_by_name (desk_test_widget (GTK_WIDGET (preferences), row_name), "activate");
    }

  editor = DESK_ENVIRONMENT_EDITOR (find_by_type (GTK_WIDGET (preferences),
                                                  DESK_TYPE_ENVIRONMENT_EDITOR));
  g_assert_nonnull (editor);
  desk_test_wait_or_fail (editor_idle, editor, WAIT_MS, "the keyring");
  return editor;
}

static gboolean
editor_closed (gpointer data)
{
  return find_by_type (GTK_WIDGET (data), DESK_TYPE_ENVIRONMENT_EDITOR) == NULL;
}

static void
save_editor (DeskPreferencesWindow *preferences,
             DeskEnvironmentEditor *editor)
{
  click (GTK_WIDGET (editor), "save-environment");
  desk_test_wait_or_fail (editor_closed, preferences, WAIT_MS, "the editor to close");
}

/* The form's credentials warning (issue 12, item 4) */

static GtkRevealer *
credentials_revealer (void)
{
  GtkWidget *warning = desk_test_widget (window, "credentials-warning");

  return GTK_REVEALER (gtk_widget_get_parent (warning));
}

static gboolean
warning_shows (gpointer data)
{
  const char *expected = data;
  const char *text = gtk_label_get_text (GTK_LABEL (desk_test_widget (window,
                                                                      "credentials-message")));

  return gtk_revealer_get_reveal_child (credentials_revealer ()) && strstr (text, expected);
}

static gboolean
warning_hidden (gpointer data)
{
  return !gtk_revealer_get_reveal_child (credentials_revealer ());
}

static gboolean
create_enabled (void)
{
  return gtk_widget_is_sensitive (desk_test_widget (GTK_WIDGET (window), "create-session"))
         && desk_session_form_get_valid (desk_window_get_form (window));
}

/* What a person does once the keyring changed behind the form's back: pick the environment
 * again (coming back from Preferences does the same by itself). */
static void
reselect (DeskEnvironment *environment)
{
  DeskSessionForm *form = desk_window_get_form (window);

  desk_session_form_set_environment (form, desk_environment_list_get_sandbox (environments ()));
  desk_session_form_set_environment (form, environment);
}

static gboolean
row_says (gpointer data)
{
  const char * const *what = data;  /* the Preferences window, the row's name, the words */
  GtkWidget *row = desk_test_find_widget (GTK_WIDGET (what[0]), what[1]);
  const char *subtitle = row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;

  return subtitle != NULL && strstr (subtitle, what[2]) != NULL;
}

static void
wait_for_row (DeskPreferencesWindow *preferences,
              const char            *environment_id,
              const char            *expected)
{
  g_autofree char *row_name = g_strconcat ("environment-", environment_id, NULL);
  const char *what[] = { (const char *) preferences, row_name, expected };

  desk_test_wait_or_fail (row_says, what, WAIT_MS, expected);
}

static DeskPreferencesWindow *
find_preferences (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (DESK_IS_PREFERENCES_WINDOW (l->data))
        return l->data;
    }

  g_error ("Preferences did not open");
}

/* Cases */

static void
test_start_up_leaves_keyring_alone (void)
{
  DeskEnvironment *sandbox = desk_environment_list_get_sandbox (environments ());

  g_assert_cmpuint (store_calls (), ==, 0);
  g_assert_null (desk_environment_get_api_url (sandbox));
}

/* One choice in the form's Environment row; Production is unmistakable in the header. */
static void
test_header_selection (void)
{
  GtkWidget *root = GTK_WIDGET (window);
  AdwComboRow *menu = ADW_COMBO_ROW (desk_test_widget (root, "environment"));
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autofree char *selected = NULL;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (menu)));
  g_assert_cmpuint (adw_combo_row_get_selected (menu), ==, 0);
  g_assert_false (gtk_widget_has_css_class (root, "production"));
  g_assert_false (gtk_widget_get_visible (desk_test_widget (root, "production-badge")));

  adw_combo_row_set_selected (menu, 1);

  g_assert_true (desk_session_form_get_environment (desk_window_get_form (window)) ==
                 production ());
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Consent Desk — Production");
  g_assert_true (gtk_widget_has_css_class (root, "production"));
  g_assert_true (gtk_widget_get_mapped (desk_test_widget (root, "production-badge")));
  assert_visible_text (root, "Real end users");
  assert_visible_text (root, "Production");
  /* Where it goes (here the stand-in for https://api.fiskil.com). */
  assert_visible_text (root, fake_fiskil_get_url (production_fiskil));
  selected = g_settings_get_string (settings, "selected-environment");
  g_assert_cmpstr (selected, ==, "production");

  /* Chosen in code: the row, the title and the form follow. */
  desk_session_form_set_environment (desk_window_get_form (window),
                                     desk_environment_list_get_sandbox (environments ()));
  g_assert_cmpuint (adw_combo_row_get_selected (menu), ==, 0);
  g_assert_false (gtk_widget_has_css_class (root, "production"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Consent Desk — Sandbox");
  g_assert_cmpstr (text_of (root, "redirect-uri"), ==, DESK_SANDBOX_DEFAULT_REDIRECT_URI);

  adw_combo_row_set_selected (menu, 1);
  g_assert_cmpstr (text_of (root, "redirect-uri"), ==, "");
}

/* Production with nothing in the keyring: the form warns before anything is sent, keeps
 * Create session disabled, and Open Preferences goes to Production's credentials. The Sandbox
 * never needs any. */
static void
test_no_credentials_warning (void)
{
  GtkWidget *root = GTK_WIDGET (window);
  DeskSessionForm *form = desk_window_get_form (window);
  DeskPreferencesWindow *preferences;
  DeskEnvironmentEditor *editor;
  guint requests = fake_fiskil_get_token_requests (production_fiskil);

  g_assert_true (desk_session_form_get_environment (form) == production ());
  desk_test_wait_or_fail (warning_shows, "“Production” has no credentials", WAIT_MS,
                          "the credentials warning");
  g_assert_true (gtk_widget_get_mapped (desk_test_widget (root, "open-preferences")));
  assert_visible_text (root, "“Production” has no credentials");

  type_text (root, "end-user-id", "eu_preferences");
  type_text (root, "redirect-uri", "https://integrator.example/done");
  type_text (root, "cancel-uri", "https://integrator.example/cancel");
  g_assert_false (create_enabled ());
  assert_visible_text (root, "Add credentials for “Production” in Preferences");

  /* Straight to Production's page in Preferences; its row says what is missing. */
  click (root, "open-preferences");
  preferences = find_preferences ();
  editor = DESK_ENVIRONMENT_EDITOR (find_by_type (GTK_WIDGET (preferences),
                                                  DESK_TYPE_ENVIRONMENT_EDITOR));
  g_assert_nonnull (editor);
  g_assert_true (desk_environment_editor_get_environment (editor) == production ());
  desk_test_wait_or_fail (editor_idle, editor, WAIT_MS, "the keyring");
  g_assert_true (gtk_widget_get_mapped (desk_test_widget (GTK_WIDGET (editor), "client-secret")));
  wait_for_row (preferences, "production", "No credentials");
  wait_for_row (preferences, "sandbox", "Needs no credentials");
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* Still none: still said, still disabled. */
  desk_test_wait_or_fail (warning_shows, "“Production” has no credentials", WAIT_MS,
                          "the credentials warning");
  g_assert_false (create_enabled ());

  desk_session_form_set_environment (form, desk_environment_list_get_sandbox (environments ()));
  g_assert_true (warning_hidden (NULL));
  type_text (root, "end-user-id", "eu_preferences");
  g_assert_true (create_enabled ());

  desk_session_form_set_environment (form, production ());
  desk_test_wait_or_fail (warning_shows, "“Production” has no credentials", WAIT_MS,
                          "the credentials warning");
  g_assert_false (create_enabled ());
  g_assert_cmpuint (fake_fiskil_get_token_requests (production_fiskil), ==, requests);
}

/* Hand-off is one of the form's Integration choices again, remembered with the environment's
 * values as the others are. */
static void
test_hand_off_offered (void)
{
  DeskSessionForm *form = desk_window_get_form (window);
  AdwComboRow *row = ADW_COMBO_ROW (desk_test_widget (GTK_WIDGET (window), "integration"));
  GListModel *choices = adw_combo_row_get_model (row);

  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 3), ==, "Hand-off");

  adw_combo_row_set_selected (row, 3);
  g_assert_cmpint (desk_session_form_get_integration (form), ==, DESK_INTEGRATION_HAND_OFF);
  desk_session_form_remember_values (form);
  g_assert_cmpstr (desk_environment_get_integration (production ()), ==, "hand-off");

  desk_session_form_set_integration (form, DESK_INTEGRATION_REDIRECT);
  desk_session_form_remember_values (form);
  g_assert_cmpstr (desk_environment_get_integration (production ()), ==, "redirect");
}

/* A locked keyring: the form says so, and what to do instead. */
static void
test_production_keyring_locked (void)
{
  g_autoptr(GError) locked = g_error_new_literal (DESK_SECRET_STORE_ERROR,
                                                  DESK_SECRET_STORE_ERROR_UNAVAILABLE,
                                                  "The keyring could not be opened: it is "
                                                  "locked.");

  desk_secret_store_memory_set_error (DESK_SECRET_STORE_MEMORY (store), locked);
  /* Said up front, without blocking: the keyring may unlock when the session is created. */
  reselect (production ());
  desk_test_wait_or_fail (warning_shows, "could not be opened: it is locked", WAIT_MS,
                          "the keyring warning");
  g_assert_true (create_enabled ());
  run_attempt ();
  desk_secret_store_memory_set_error (DESK_SECRET_STORE_MEMORY (store), NULL);

  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_API_ERROR);
  g_assert_cmpstr (last_outcome->environment, ==, "production");
  g_assert_cmpstr (desk_window_get_page (window), ==, "form");
  assert_visible_text (GTK_WIDGET (window), "The keyring could not be opened: it is locked.");
  assert_visible_text (GTK_WIDGET (window), "FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET");
  g_assert_cmpuint (fake_fiskil_get_token_requests (production_fiskil), ==, 0);
}

/* Production's credentials from the keyring reach Production's configured URL (a stand-in). */
static void
test_production_configured_url (void)
{
  g_autoptr(DeskCredentials) credentials = desk_credentials_new_client (PROD_ID, PROD_SECRET);

  store_credentials ("production", credentials);
  reselect (production ());
  desk_test_wait_or_fail (warning_hidden, NULL, WAIT_MS, "the warning to go");
  run_attempt ();

  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_API_ERROR);
  g_assert_cmpstr (last_outcome->environment, ==, "production");
  g_assert_cmpstr (last_outcome->api_url, ==, fake_fiskil_get_url (production_fiskil));
  g_assert_nonnull (last_outcome->api_error);
  g_assert_cmpuint (last_outcome->api_error->http_status, ==, 400);
  g_assert_cmpuint (fake_fiskil_get_token_requests (production_fiskil), ==, 1);
  g_assert_cmpstr (fake_fiskil_get_last_client_id (production_fiskil), ==, PROD_ID);
  g_assert_cmpuint (fake_fiskil_get_session_requests (production_fiskil), ==, 1);
}

/* FISKIL_ACCESS_TOKEN set: the keyring is not asked at all. */
static void
test_variables_skip_keyring (void)
{
  guint calls = store_calls ();

  g_setenv ("FISKIL_ACCESS_TOKEN", ENV_TOKEN, TRUE);
  fake_fiskil_accept_access_token (production_fiskil, ENV_TOKEN);
  run_attempt ();
  g_unsetenv ("FISKIL_ACCESS_TOKEN");

  g_assert_cmpuint (store_calls (), ==, calls);
  g_assert_cmpstr (fake_fiskil_get_last_bearer (production_fiskil), ==, ENV_TOKEN);
  g_assert_cmpuint (fake_fiskil_get_session_requests (production_fiskil), ==, 2);
}

static GtkWidget *
password_text (GtkWidget *row)
{
  GtkWidget *text = find_by_type (row, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  return text;
}

static void
test_add_custom (void)
{
  DeskPreferencesWindow *preferences = open_preferences ();
  DeskEnvironmentEditor *editor = open_editor (preferences, NULL);
  GtkWidget *root = GTK_WIDGET (editor);
  g_autoptr(DeskCredentials) stored = NULL;
  DeskEnvironment *staging;

  g_assert_cmpuint (store_calls (), >, 0);

  /* Plain http to another computer is refused, in words. */
  type_text (root, "environment-name", "QA Staging");
  type_text (root, "api-url", "http://staging.example.com");
  g_assert_false (gtk_widget_is_sensitive (desk_test_widget (root, "save-environment")));
  g_assert_true (gtk_widget_has_css_class (desk_test_widget (root, "api-url"), "error"));
  assert_visible_text (root, "https://");

  /* Names are unique, whatever their case. */
  type_text (root, "api-url", fake_fiskil_get_url (staging_fiskil));
  type_text (root, "environment-name", "production");
  g_assert_false (gtk_widget_is_sensitive (desk_test_widget (root, "save-environment")));
  type_text (root, "environment-name", "QA Staging");
  g_assert_true (gtk_widget_is_sensitive (desk_test_widget (root, "save-environment")));

  type_text (root, "auth-origin", "https://auth.staging.example.com");
  adw_combo_row_set_selected (ADW_COMBO_ROW (desk_test_widget (root, "api-version")), 2);
  type_text (root, "default-redirect-uri", "https://integrator.example/staging-done");
  type_text (root, "default-cancel-uri", "https://integrator.example/staging-cancel");

  /* Half a pair is not credentials. */
  type_text (root, "client-id", STAGE_ID);
  g_assert_false (gtk_widget_is_sensitive (desk_test_widget (root, "save-environment")));

  /* The secret is masked: a password row, its text hidden, in no label. */
  type_text (root, "client-secret", "wrong-secret-never-shown");
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (desk_test_widget (root, "client-secret")));
  g_assert_false (gtk_text_get_visibility (
                    GTK_TEXT (password_text (desk_test_widget (root, "client-secret")))));

  /* Test connection, refused. */
  click (root, "test-connection");
  desk_test_wait_or_fail (editor_idle, editor, WAIT_MS, "the connection test");
  g_assert_true (gtk_widget_get_mapped (desk_test_widget (root, "test-result")));
  g_assert_true (gtk_widget_has_css_class (desk_test_widget (root, "test-result"), "error"));
  g_assert_null (strstr (label_text (root, "test-result"), "wrong-secret-never-shown"));

  /* Test connection, accepted, in words. */
  type_text (root, "client-secret", STAGE_SECRET);
  click (root, "test-connection");
  desk_test_wait_or_fail (editor_idle, editor, WAIT_MS, "the connection test");
  g_assert_cmpstr (label_text (root, "test-result"), ==,
                   "Connected: the token exchange worked");
  g_assert_cmpstr (fake_fiskil_get_last_client_id (staging_fiskil), ==, STAGE_ID);
  g_assert_cmpstr (fake_fiskil_get_last_api_version (staging_fiskil), ==, "v2");
  assert_no_label_shows_secrets (GTK_WIDGET (preferences));

  save_editor (preferences, editor);

  staging = desk_environment_list_lookup (environments (), "qa-staging");
  g_assert_nonnull (staging);
  g_assert_cmpstr (desk_environment_get_title (staging), ==, "QA Staging");
  g_assert_cmpstr (desk_environment_get_api_url (staging), ==,
                   fake_fiskil_get_url (staging_fiskil));
  g_assert_cmpstr (desk_environment_get_auth_origin (staging), ==,
                   "https://auth.staging.example.com");
  g_assert_cmpstr (desk_environment_get_api_version (staging), ==, "v2");
  g_assert_cmpstr (desk_environment_get_default_cancel_uri (staging), ==,
                   "https://integrator.example/staging-cancel");
  g_assert_nonnull (desk_test_widget (GTK_WIDGET (preferences), "environment-qa-staging"));

  wait_for_row (preferences, "qa-staging", "Credentials saved in the keyring");
  wait_for_row (preferences, "production", "Credentials saved in the keyring");

  stored = stored_credentials ("qa-staging");
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->client_id, ==, STAGE_ID);
  g_assert_cmpstr (stored->client_secret, ==, STAGE_SECRET);
  assert_settings_free_of_secrets ();

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The new environment from the header: its defaults, its version header, its own token. */
static void
test_session_in_custom (void)
{
  GtkWidget *root = GTK_WIDGET (window);
  DeskEnvironment *staging = desk_environment_list_lookup (environments (), "QA STAGING");
  AdwComboRow *menu = ADW_COMBO_ROW (desk_test_widget (root, "environment"));

  g_assert_cmpuint (adw_combo_row_get_selected (menu), ==, 1);
  adw_combo_row_set_selected (menu, 2);
  g_assert_true (desk_session_form_get_environment (desk_window_get_form (window)) == staging);
  g_assert_false (gtk_widget_has_css_class (root, "production"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Consent Desk — QA Staging");
  g_assert_cmpstr (text_of (root, "redirect-uri"), ==, "https://integrator.example/staging-done");

  run_attempt ();

  g_assert_cmpint (last_outcome->kind, ==, DESK_OUTCOME_API_ERROR);
  g_assert_cmpstr (last_outcome->environment, ==, "qa-staging");
  g_assert_cmpstr (fake_fiskil_get_last_api_version (staging_fiskil), ==, "v2");
  /* Its own token: never Production's. */
  g_assert_cmpuint (fake_fiskil_get_foreign_tokens (staging_fiskil), ==, 0);
  g_assert_cmpuint (fake_fiskil_get_foreign_tokens (production_fiskil), ==, 0);
  g_assert_cmpstr (fake_fiskil_get_last_bearer (staging_fiskil), !=,
                   fake_fiskil_get_last_bearer (production_fiskil));

  /* The form keeps this environment's values apart from Production's. */
  adw_combo_row_set_selected (menu, 1);
  g_assert_cmpstr (text_of (root, "redirect-uri"), ==, "https://integrator.example/done");
  adw_combo_row_set_selected (menu, 2);
  g_assert_cmpstr (text_of (root, "redirect-uri"), ==, "https://integrator.example/staging-done");
}

/* Reopened: the stored credentials are there, masked; switched to a token; then removed. */
static void
test_edit_credentials (void)
{
  DeskPreferencesWindow *preferences = open_preferences ();
  DeskEnvironmentEditor *editor = open_editor (preferences, "qa-staging");
  GtkWidget *root = GTK_WIDGET (editor);
  g_autoptr(DeskCredentials) stored = NULL;
  GtkWidget *secret_row = desk_test_widget (root, "client-secret");

  g_assert_cmpstr (text_of (root, "client-id"), ==, STAGE_ID);
  g_assert_cmpstr (text_of (root, "client-secret"), ==, STAGE_SECRET);
  g_assert_false (gtk_text_get_visibility (GTK_TEXT (password_text (secret_row))));
  assert_visible_text (root, "Kept in the keyring.");
  assert_no_label_shows_secrets (GTK_WIDGET (preferences));

  adw_combo_row_set_selected (ADW_COMBO_ROW (desk_test_widget (root, "credentials-kind")), 1);
  g_assert_false (gtk_widget_get_visible (secret_row));
  type_text (root, "access-token", STAGE_TOKEN);
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (desk_test_widget (root, "access-token")));
  save_editor (preferences, editor);

  stored = stored_credentials ("qa-staging");
  g_assert_cmpstr (stored->access_token, ==, STAGE_TOKEN);
  g_assert_null (stored->client_secret);
  g_clear_pointer (&stored, desk_credentials_free);

  /* Changed credentials: the next session uses them, not the old token. */
  fake_fiskil_accept_access_token (staging_fiskil, STAGE_TOKEN);
  run_attempt ();
  g_assert_cmpstr (fake_fiskil_get_last_bearer (staging_fiskil), ==, STAGE_TOKEN);
  g_assert_cmpuint (fake_fiskil_get_token_requests (staging_fiskil), ==, 3);

  editor = open_editor (preferences, "qa-staging");
  root = GTK_WIDGET (editor);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (desk_test_widget (
                      root, "credentials-kind"))), ==, 1);
  click (root, "remove-credentials");
  desk_test_wait_or_fail (editor_idle, editor, WAIT_MS, "the removal");
  g_assert_null (stored_credentials ("qa-staging"));
  g_assert_cmpstr (text_of (root, "access-token"), ==, "");
  assert_visible_text (root, "No credentials kept yet.");
  g_assert_false (gtk_widget_is_sensitive (desk_test_widget (root, "remove-credentials")));
  wait_for_row (preferences, "qa-staging", "No credentials");

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The Sandbox offers its callback URIs only; Production all but its name and addresses. */
static void
test_built_ins (void)
{
  DeskPreferencesWindow *preferences = open_preferences ();
  DeskEnvironmentEditor *editor = open_editor (preferences, "sandbox");
  GtkWidget *root = GTK_WIDGET (editor);
  DeskEnvironment *sandbox = desk_environment_list_get_sandbox (environments ());
  GtkWidget *form = GTK_WIDGET (desk_window_get_form (window));

  g_assert_false (gtk_widget_get_mapped (desk_test_widget (root, "api-url")));
  g_assert_false (gtk_widget_get_mapped (desk_test_widget (root, "client-secret")));
  g_assert_false (gtk_widget_get_mapped (desk_test_widget (root, "remove-environment")));
  g_assert_cmpstr (text_of (root, "default-redirect-uri"), ==, DESK_SANDBOX_DEFAULT_REDIRECT_URI);

  /* A new default reaches the form where the old one was left alone. */
  desk_session_form_set_environment (desk_window_get_form (window), sandbox);
  g_assert_cmpstr (text_of (form, "redirect-uri"), ==, DESK_SANDBOX_DEFAULT_REDIRECT_URI);
  type_text (root, "default-redirect-uri", "https://callback.consent-desk.invalid/landed");
  save_editor (preferences, editor);
  g_assert_cmpstr (desk_environment_get_default_redirect_uri (sandbox), ==,
                   "https://callback.consent-desk.invalid/landed");
  g_assert_cmpstr (text_of (form, "redirect-uri"), ==,
                   "https://callback.consent-desk.invalid/landed");

  editor = open_editor (preferences, "production");
  root = GTK_WIDGET (editor);
  g_assert_false (gtk_widget_is_sensitive (desk_test_widget (root, "api-url")));
  g_assert_false (gtk_widget_is_sensitive (desk_test_widget (root, "environment-name")));
  g_assert_false (gtk_widget_get_mapped (desk_test_widget (root, "api-version")));
  g_assert_false (gtk_widget_get_mapped (desk_test_widget (root, "remove-environment")));
  g_assert_true (gtk_widget_get_mapped (desk_test_widget (root, "client-secret")));
  g_assert_cmpstr (text_of (root, "client-id"), ==, PROD_ID);
  assert_no_label_shows_secrets (GTK_WIDGET (preferences));

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The editor says the keyring is locked, in words. */
static void
test_editor_keyring_locked (void)
{
  g_autoptr(GError) locked = g_error_new_literal (DESK_SECRET_STORE_ERROR,
                                                  DESK_SECRET_STORE_ERROR_UNAVAILABLE,
                                                  "The keyring could not be opened: it is "
                                                  "locked.");
  DeskPreferencesWindow *preferences;
  DeskEnvironmentEditor *editor;

  desk_secret_store_memory_set_error (DESK_SECRET_STORE_MEMORY (store), locked);
  preferences = open_preferences ();
  editor = open_editor (preferences, "production");
  desk_secret_store_memory_set_error (DESK_SECRET_STORE_MEMORY (store), NULL);

  assert_visible_text (GTK_WIDGET (editor), "The keyring could not be opened: it is locked.");
  assert_visible_text (GTK_WIDGET (editor), "unlock the keyring");

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static gboolean
dialog_shown (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        {
          *(gpointer *) data = l->data;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
keyring_empty_for_staging (gpointer data)
{
  /* Production's client id and secret are all that is left. */
  return desk_secret_store_memory_get_n_secrets (DESK_SECRET_STORE_MEMORY (store)) == 2;
}

static void
test_remove_environment (void)
{
  DeskPreferencesWindow *preferences = open_preferences ();
  DeskEnvironmentEditor *editor = open_editor (preferences, "qa-staging");
  g_autoptr(DeskCredentials) credentials = desk_credentials_new_client (STAGE_ID, STAGE_SECRET);
  AdwMessageDialog *dialog = NULL;

  /* Production's pair, and Staging's again, to see it go with its environment. */
  store_credentials ("qa-staging", credentials);
  adw_combo_row_set_selected (ADW_COMBO_ROW (desk_test_widget (window, "environment")), 2);
  g_assert_cmpstr (desk_environment_get_id (desk_session_form_get_environment (
                     desk_window_get_form (window))), ==, "qa-staging");
  g_assert_cmpuint (desk_secret_store_memory_get_n_secrets (DESK_SECRET_STORE_MEMORY (store)),
                    ==, 4);

  click (GTK_WIDGET (editor), "remove-environment");
  desk_test_wait_or_fail (dialog_shown, &dialog, WAIT_MS, "the confirmation");
  g_signal_emit_by_name (dialog, "response", "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));

  desk_test_wait_or_fail (editor_closed, preferences, WAIT_MS, "the editor to close");
  g_assert_null (desk_environment_list_lookup (environments (), "qa-staging"));
  g_assert_null (desk_test_find_widget (GTK_WIDGET (preferences), "environment-qa-staging"));
  desk_test_wait_or_fail (keyring_empty_for_staging, NULL, WAIT_MS, "the keyring items");
  g_assert_null (stored_credentials ("qa-staging"));
  g_assert_nonnull (stored_credentials ("production"));

  /* The window moved to another environment, the form's row with it. */
  g_assert_nonnull (desk_session_form_get_environment (desk_window_get_form (window)));
  g_assert_true (adw_combo_row_get_selected_item (ADW_COMBO_ROW (desk_test_widget (
                   window, "environment"))) ==
                 desk_session_form_get_environment (desk_window_get_form (window)));
  g_assert_cmpstr (desk_environment_get_id (desk_session_form_get_environment (
                     desk_window_get_form (window))), !=, "qa-staging");

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* Everything the application and WebKit wrote under HOME and the XDG directories. */
static void
test_secrets_never_under_home (void)
{
  g_autofree char *keyfile = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings",
                                               "keyfile", NULL);
  guint n_files = 0;

  /* The settings file is among them, with the form values this run remembered. */
  g_settings_sync ();
  g_assert_true (desk_test_file_holds (keyfile, "eu_preferences"));

  assert_settings_free_of_secrets ();
  n_files = desk_test_assert_tree_free_of (scratch, all_secrets, G_N_ELEMENTS (all_secrets));
  g_test_message ("%u files searched under %s", n_files, scratch);
  g_assert_cmpuint (n_files, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before GLib or WebKit ask for HOME: they remember the first answer. Settings go to a file
   * there, so that the search at the end covers what the application wrote. */
  scratch = desk_test_make_private_directories ("consent-desk-preferences-XXXXXX", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_unsetenv ("FISKIL_ACCESS_TOKEN");
  g_unsetenv ("FISKIL_CLIENT_ID");
  g_unsetenv ("FISKIL_CLIENT_SECRET");

  g_test_init (&argc, &argv, NULL);

  production_fiskil = fake_fiskil_new ("production");
  fake_fiskil_accept_client (production_fiskil, PROD_ID, PROD_SECRET);
  fake_fiskil_set_session_status (production_fiskil, 400);
  staging_fiskil = fake_fiskil_new ("staging");
  fake_fiskil_accept_client (staging_fiskil, STAGE_ID, STAGE_SECRET);
  fake_fiskil_set_session_status (staging_fiskil, 400);

  store = desk_secret_store_memory_new ();
  app = desk_test_app_new (store);

  /* Subpages and rows appear at once: no transitions to wait out. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  desk_environment_set_production_url_for_tests (production (),
                                                 fake_fiskil_get_url (production_fiskil));

  window = desk_application_ensure_window (app);
  g_signal_connect (desk_application_get_attempt_manager (app), "attempt-finished",
                    G_CALLBACK (attempt_finished_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* In order: each case starts where the previous one left the window. */
  g_test_add_func ("/preferences/1-start-up-leaves-keyring-alone",
                   test_start_up_leaves_keyring_alone);
  g_test_add_func ("/preferences/2-header-selection", test_header_selection);
  g_test_add_func ("/preferences/2b-no-credentials-warning", test_no_credentials_warning);
  g_test_add_func ("/preferences/2c-hand-off-offered", test_hand_off_offered);
  g_test_add_func ("/preferences/3-production-keyring-locked", test_production_keyring_locked);
  g_test_add_func ("/preferences/4-production-configured-url", test_production_configured_url);
  g_test_add_func ("/preferences/5-variables-skip-keyring", test_variables_skip_keyring);
  g_test_add_func ("/preferences/6-add-custom", test_add_custom);
  g_test_add_func ("/preferences/7-session-in-custom", test_session_in_custom);
  g_test_add_func ("/preferences/8-edit-credentials", test_edit_credentials);
  g_test_add_func ("/preferences/9-built-ins", test_built_ins);
  g_test_add_func ("/preferences/10-editor-keyring-locked", test_editor_keyring_locked);
  g_test_add_func ("/preferences/11-remove-environment", test_remove_environment);
  g_test_add_func ("/preferences/12-secrets-never-under-home", test_secrets_never_under_home);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&last_outcome, desk_outcome_free);
  g_object_unref (app);
  g_object_unref (store);
  fake_fiskil_free (production_fiskil);
  fake_fiskil_free (staging_fiskil);
  desk_test_remove_tree (scratch);
  g_free (scratch);

  return status;
}
