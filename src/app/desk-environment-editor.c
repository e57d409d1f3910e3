/* desk-environment-editor.c — one environment in Preferences: its addresses and credentials
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-editor.h"

/* The rows of credentials_kind_row. */
enum {
  KIND_CLIENT,
  KIND_ACCESS_TOKEN,
};

/* The rows of api_version_row. */
static const char * const api_versions[] = { NULL, "v1", "v2" };

struct _DeskEnvironmentEditor
{
  GtkWidget             parent_instance;

  GtkWidget            *layout;
  AdwWindowTitle       *window_title;
  GtkButton            *save_button;
  GtkWidget            *sandbox_group;
  AdwPreferencesGroup  *connection_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *api_url_row;
  AdwEntryRow          *auth_origin_row;
  AdwComboRow          *api_version_row;
  GtkLabel             *connection_message;
  AdwPreferencesGroup  *callbacks_group;
  AdwEntryRow          *redirect_row;
  AdwEntryRow          *cancel_row;
  GtkLabel             *callbacks_message;
  GtkWidget            *credentials_group;
  AdwComboRow          *credentials_kind_row;
  AdwEntryRow          *client_id_row;
  AdwEntryRow          *client_secret_row;
  AdwEntryRow          *access_token_row;
  GtkLabel             *credentials_status;
  GtkLabel             *credentials_message;
  GtkButton            *test_button;
  GtkButton            *remove_credentials_button;
  GtkSpinner           *spinner;
  GtkLabel             *test_result;
  GtkWidget            *danger_group;

  DeskEnvironmentList  *environments;
  DeskEnvironment      *environment;   /* NULL while a new one is not saved */
  GCancellable         *cancellable;   /* the keyring and connection tests; cancelled on close */
  DeskCredentials      *stored;        /* what the keyring holds */
  gboolean              keyring_loading;
  gboolean              keyring_failed;
  gboolean              testing;
  gboolean              saving;
  gboolean              filling;
  gboolean              valid;
};

G_DEFINE_FINAL_TYPE (DeskEnvironmentEditor, desk_environment_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static gboolean
is_custom (DeskEnvironmentEditor *self)
{
  return self->environment == NULL ||
         desk_environment_get_kind (self->environment) == DESK_ENVIRONMENT_CUSTOM;
}

static gboolean
needs_credentials (DeskEnvironmentEditor *self)
{
  return self->environment == NULL || desk_environment_needs_credentials (self->environment);
}

static gboolean
get_busy (DeskEnvironmentEditor *self)
{
  return self->keyring_loading || self->testing || self->saving;
}

static void
notify_busy (DeskEnvironmentEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            self->valid && !self->keyring_loading && !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !self->testing && !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_credentials_button),
                            self->stored != NULL && !self->saving);
  gtk_spinner_set_spinning (self->spinner, self->testing || self->keyring_loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->testing || self->keyring_loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static AdwPreferencesWindow *
preferences_window (DeskEnvironmentEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return ADW_IS_PREFERENCES_WINDOW (root) ? ADW_PREFERENCES_WINDOW (root) : NULL;
}

static void
add_toast (DeskEnvironmentEditor *self,
           const char            *message)
{
  AdwPreferencesWindow *window = preferences_window (self);

  if (window != NULL)
    adw_preferences_window_add_toast (window, adw_toast_new (message));
}

static void
close_editor (DeskEnvironmentEditor *self)
{
  AdwPreferencesWindow *window = preferences_window (self);

  if (window != NULL)
    adw_preferences_window_close_subpage (window);
}

/* Validation, as the person types */

static DeskCredentials *
typed_credentials (DeskEnvironmentEditor *self)
{
  if (adw_combo_row_get_selected (self->credentials_kind_row) == KIND_ACCESS_TOKEN)
    return desk_credentials_new_access_token (row_text (self->access_token_row));

  return desk_credentials_new_client (row_text (self->client_id_row),
                                      row_text (self->client_secret_row));
}

static gboolean
touched_or_filled (AdwEntryRow *row)
{
  return *row_text (row) != '\0' || g_object_get_data (G_OBJECT (row), "touched") != NULL;
}

/* Marks @row and adds @error's message to @messages; TRUE when there was no error. */
static gboolean
note_problem (AdwEntryRow *row,
              GError      *error,
              gboolean     shown,
              GString     *messages)
{
  if (error == NULL || !shown)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL && shown ? GTK_ACCESSIBLE_INVALID_TRUE
                                                      : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);

  if (error != NULL && shown)
    g_string_append_printf (messages, "%s%s", messages->len > 0 ? "\n" : "", error->message);

  return error == NULL;
}

static void
show_messages (GtkLabel *label,
               GString  *messages)
{
  gtk_label_set_text (label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (label), messages->len > 0);
}

static gboolean
check_connection (DeskEnvironmentEditor *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) name_error = NULL;
  g_autoptr(GError) url_error = NULL;
  g_autoptr(GError) origin_error = NULL;
  gboolean valid = TRUE;

  if (!is_custom (self))
    return TRUE;

  desk_environment_list_check_name (self->environments, row_text (self->name_row),
                                    self->environment, &name_error);
  desk_environment_check_api_url (row_text (self->api_url_row), &url_error);
  if (*row_text (self->auth_origin_row) != '\0')
    desk_environment_check_auth_origin (row_text (self->auth_origin_row), &origin_error);

  valid &= note_problem (self->name_row, name_error, touched_or_filled (self->name_row),
                         messages);
  valid &= note_problem (self->api_url_row, url_error, touched_or_filled (self->api_url_row),
                         messages);
  valid &= note_problem (self->auth_origin_row, origin_error, TRUE, messages);
  show_messages (self->connection_message, messages);

  return valid;
}

static gboolean
check_callbacks (DeskEnvironmentEditor *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) redirect_error = NULL;
  g_autoptr(GError) cancel_error = NULL;
  gboolean valid = TRUE;

  /* Optional: an environment may have no defaults, and each session says its own. */
  if (*row_text (self->redirect_row) != '\0')
    desk_validate_callback_uri (row_text (self->redirect_row), &redirect_error);
  if (*row_text (self->cancel_row) != '\0')
    desk_validate_callback_uri (row_text (self->cancel_row), &cancel_error);

  valid &= note_problem (self->redirect_row, redirect_error, TRUE, messages);
  valid &= note_problem (self->cancel_row, cancel_error, TRUE, messages);
  show_messages (self->callbacks_message, messages);

  return valid;
}

static gboolean
check_credentials (DeskEnvironmentEditor *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GString) same_messages = g_string_new (NULL);
  g_autoptr(GError) pair_error = NULL;
  g_autoptr(GError) token_error = NULL;
  gboolean valid = TRUE;

  if (!needs_credentials (self))
    return TRUE;

  if (adw_combo_row_get_selected (self->credentials_kind_row) == KIND_ACCESS_TOKEN)
    {
      g_autoptr(DeskCredentials) token = NULL;

      token = desk_credentials_new_access_token (row_text (self->access_token_row));
      if (token != NULL)
        desk_credentials_check (token, &token_error);
    }
  else if ((*row_text (self->client_id_row) == '\0') !=
           (*row_text (self->client_secret_row) == '\0'))
    {
      g_set_error_literal (&pair_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter both the client ID and the client secret, or neither."));
    }

  valid &= note_problem (self->client_id_row, pair_error, TRUE, messages);
  note_problem (self->client_secret_row, pair_error, TRUE, same_messages);
  valid &= note_problem (self->access_token_row, token_error, TRUE, messages);
  show_messages (self->credentials_message, messages);

  return valid;
}

static void
revalidate (DeskEnvironmentEditor *self)
{
  gboolean valid = TRUE;

  valid &= check_connection (self);
  valid &= check_callbacks (self);
  valid &= check_credentials (self);
  self->valid = valid;

  notify_busy (self);
}

static void
row_changed_cb (DeskEnvironmentEditor *self,
                AdwEntryRow           *row)
{
  if (!self->filling)
    g_object_set_data (G_OBJECT (row), "touched", GINT_TO_POINTER (TRUE));

  /* What a test said is about what was typed before. */
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), FALSE);
  revalidate (self);
}

static void
credentials_kind_cb (DeskEnvironmentEditor *self)
{
  gboolean token = adw_combo_row_get_selected (self->credentials_kind_row) == KIND_ACCESS_TOKEN;

  gtk_widget_set_visible (GTK_WIDGET (self->client_id_row), !token);
  gtk_widget_set_visible (GTK_WIDGET (self->client_secret_row), !token);
  gtk_widget_set_visible (GTK_WIDGET (self->access_token_row), token);
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), FALSE);
  revalidate (self);
}

/* Credentials from the keyring */

static void
set_status (DeskEnvironmentEditor *self,
            const char            *status,
            gboolean               is_error)
{
  gtk_label_set_text (self->credentials_status, status);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->credentials_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->credentials_status), "error");
}

static void
show_keyring_error (DeskEnvironmentEditor *self,
                    const GError          *error)
{
  g_autofree char *status = NULL;

  /* Translators: %s is a sentence such as "The keyring could not be opened: …." */
  status = g_strdup_printf (_("%s Set FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET, or "
                              "FISKIL_ACCESS_TOKEN, or unlock the keyring."),
                            error->message);
  set_status (self, status, TRUE);
}

static void
fill_credentials (DeskEnvironmentEditor *self)
{
  const DeskCredentials *stored = self->stored;

  self->filling = TRUE;
  adw_combo_row_set_selected (self->credentials_kind_row,
                              stored != NULL && stored->access_token != NULL
                                ? KIND_ACCESS_TOKEN : KIND_CLIENT);
  set_row_text (self->client_id_row, stored != NULL ? stored->client_id : NULL);
  set_row_text (self->client_secret_row, stored != NULL ? stored->client_secret : NULL);
  set_row_text (self->access_token_row, stored != NULL ? stored->access_token : NULL);
  self->filling = FALSE;

  set_status (self, stored != NULL ? _("Kept in the keyring.") : _("No credentials kept yet."),
              FALSE);
}

static void
credentials_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(DeskEnvironmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  DeskCredentials *stored;

  stored = desk_secret_store_lookup_credentials_finish (DESK_SECRET_STORE (object), result,
                                                        &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->keyring_loading = FALSE;
  gtk_widget_set_sensitive (self->credentials_group, TRUE);

  if (error != NULL)
    {
      self->keyring_failed = TRUE;
      show_keyring_error (self, error);
    }
  else
    {
      g_clear_pointer (&self->stored, desk_credentials_free);
      self->stored = stored;
      fill_credentials (self);
    }

  revalidate (self);
}

static void
load_credentials (DeskEnvironmentEditor *self)
{
  DeskSecretStore *store = desk_environment_list_get_secret_store (self->environments);

  self->keyring_loading = TRUE;
  set_status (self, _("Reading the keyring…"), FALSE);
  gtk_widget_set_sensitive (self->credentials_group, FALSE);
  desk_secret_store_lookup_credentials_async (store, desk_environment_get_id (self->environment),
                                              self->cancellable, credentials_loaded_cb,
                                              g_object_ref (self));
}

/* Test connection */

static void
show_test_result (DeskEnvironmentEditor *self,
                  const char            *text,
                  gboolean               is_error)
{
  gtk_label_set_text (self->test_result, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_result), is_error ? "success" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_result), is_error ? "error" : "success");
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), TRUE);
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DeskEnvironmentEditor) self = user_data;
  DeskFiskilClient *client = DESK_FISKIL_CLIENT (object);
  g_autoptr(GError) error = NULL;
  gboolean by_token = g_object_get_data (object, "by-token") != NULL;

  if (!desk_fiskil_client_test_connection_finish (client, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->testing = FALSE;
  notify_busy (self);

  if (error != NULL)
    show_test_result (self, error->message, TRUE);
  else if (by_token)
    show_test_result (self, _("The access token is set: Fiskil checks it with each request"),
                      FALSE);
  else
    show_test_result (self, _("Connected: the token exchange worked"), FALSE);
}

static void
test_clicked_cb (DeskEnvironmentEditor *self)
{
  g_autoptr(DeskCredentials) credentials = typed_credentials (self);
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *api_url;
  const char *api_version = NULL;
  guint version;

  /* Nothing typed: what sessions would use. */
  if (credentials == NULL)
    credentials = desk_credentials_from_environment_variables ();
  if (credentials == NULL)
    {
      show_test_result (self, _("Enter credentials to test them."), TRUE);
      return;
    }

  if (!desk_credentials_check (credentials, &error))
    {
      show_test_result (self, error->message, TRUE);
      return;
    }

  if (is_custom (self))
    {
      api_url = row_text (self->api_url_row);
      if (!desk_environment_check_api_url (api_url, &error))
        {
          show_test_result (self, error->message, TRUE);
          return;
        }
      version = adw_combo_row_get_selected (self->api_version_row);
      api_version = version < G_N_ELEMENTS (api_versions) ? api_versions[version] : NULL;
    }
  else
    {
      api_url = desk_environment_get_api_url (self->environment);
    }

  /* A client of its own: the environment's cached token stays with its own credentials. */
  client = desk_fiskil_client_new (api_url);
  desk_fiskil_client_set_api_version (client, api_version);
  desk_credentials_apply (credentials, client);
  if (credentials->access_token != NULL)
    g_object_set_data (G_OBJECT (client), "by-token", GINT_TO_POINTER (TRUE));

  self->testing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), FALSE);
  notify_busy (self);
  desk_fiskil_client_test_connection_async (client, self->cancellable, tested_cb,
                                            g_object_ref (self));
}

/* Saving */

static void
finish_saving (DeskEnvironmentEditor *self)
{
  g_autofree char *message = NULL;

  /* Translators: %s is an environment's name */
  message = g_strdup_printf (_("“%s” saved"), desk_environment_get_title (self->environment));
  add_toast (self, message);
  close_editor (self);
}

static void
credentials_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DeskEnvironmentEditor) self = user_data;
  DeskSecretStore *store = DESK_SECRET_STORE (object);
  g_autoptr(DeskCredentials) typed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (g_task_get_source_tag (G_TASK (result)) == desk_secret_store_save_credentials_async)
    done = desk_secret_store_save_credentials_finish (store, result, &error);
  else
    done = desk_secret_store_remove_credentials_finish (store, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  notify_busy (self);

  if (!done)
    {
      show_keyring_error (self, error);
      return;
    }

  typed = typed_credentials (self);
  g_clear_pointer (&self->stored, desk_credentials_free);
  self->stored = g_steal_pointer (&typed);
  finish_saving (self);
}

static void
apply_fields (DeskEnvironmentEditor *self)
{
  DeskEnvironment *environment = self->environment;
  guint version = adw_combo_row_get_selected (self->api_version_row);

  if (desk_environment_get_kind (environment) == DESK_ENVIRONMENT_CUSTOM)
    {
      g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));

      desk_environment_set_title (environment, name);
      desk_environment_set_api_url (environment, row_text (self->api_url_row));
      desk_environment_set_auth_origin (environment, row_text (self->auth_origin_row));
      desk_environment_set_api_version (environment,
                                        version < G_N_ELEMENTS (api_versions)
                                          ? api_versions[version] : NULL);
    }

  desk_environment_set_default_redirect_uri (environment, row_text (self->redirect_row));
  desk_environment_set_default_cancel_uri (environment, row_text (self->cancel_row));
}

static void
save_clicked_cb (DeskEnvironmentEditor *self)
{
  DeskSecretStore *store = desk_environment_list_get_secret_store (self->environments);
  g_autoptr(DeskCredentials) typed = NULL;
  const char *id;

  revalidate (self);
  if (!self->valid || self->saving || self->keyring_loading)
    return;

  if (self->environment == NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));
      DeskEnvironment *added;

      added = desk_environment_list_add_custom (self->environments, name,
                                                row_text (self->api_url_row));
      self->environment = g_object_ref (added);
    }
  apply_fields (self);
  adw_window_title_set_title (self->window_title, desk_environment_get_title (self->environment));

  typed = typed_credentials (self);
  /* Unchanged, or nothing typed while the keyring is unreachable: leave the keyring alone. */
  if (!needs_credentials (self) || desk_credentials_equal (typed, self->stored) ||
      (typed == NULL && self->keyring_failed))
    {
      finish_saving (self);
      return;
    }

  self->saving = TRUE;
  notify_busy (self);
  id = desk_environment_get_id (self->environment);
  if (typed != NULL)
    desk_secret_store_save_credentials_async (store, id,
                                              desk_environment_get_title (self->environment),
                                              typed, self->cancellable, credentials_saved_cb,
                                              g_object_ref (self));
  else
    desk_secret_store_remove_credentials_async (store, id, self->cancellable,
                                                credentials_saved_cb, g_object_ref (self));
}

static void
credentials_removed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(DeskEnvironmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!desk_secret_store_remove_credentials_finish (DESK_SECRET_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;

  if (error != NULL)
    {
      show_keyring_error (self, error);
    }
  else
    {
      g_clear_pointer (&self->stored, desk_credentials_free);
      fill_credentials (self);
      add_toast (self, _("Credentials removed from the keyring"));
    }

  revalidate (self);
}

static void
remove_credentials_clicked_cb (DeskEnvironmentEditor *self)
{
  DeskSecretStore *store = desk_environment_list_get_secret_store (self->environments);

  g_return_if_fail (self->environment != NULL);

  self->saving = TRUE;
  notify_busy (self);
  desk_secret_store_remove_credentials_async (store, desk_environment_get_id (self->environment),
                                              self->cancellable, credentials_removed_cb,
                                              g_object_ref (self));
}

/* Removing the environment */

typedef struct
{
  AdwPreferencesWindow *window;
  char                 *name;
} RemovalData;

static void
removal_data_free (RemovalData *data)
{
  g_clear_object (&data->window);
  g_free (data->name);
  g_free (data);
}

/* Outlives the editor, which closes at once: the window gets the toast. */
static void
environment_credentials_removed_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  RemovalData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (desk_secret_store_remove_credentials_finish (DESK_SECRET_STORE (object), result, &error))
    /* Translators: %s is an environment's name */
    message = g_strdup_printf (_("“%s” removed"), data->name);
  else
    /* Translators: %s is an environment's name; then the keyring's own words */
    message = g_strdup_printf (_("“%s” removed, but not its credentials: %s"), data->name,
                               error->message);

  if (data->window != NULL)
    adw_preferences_window_add_toast (data->window, adw_toast_new (message));
  removal_data_free (data);
}

static void
remove_response_cb (DeskEnvironmentEditor *self,
                    const char            *response)
{
  DeskSecretStore *store = desk_environment_list_get_secret_store (self->environments);
  AdwPreferencesWindow *window = preferences_window (self);
  RemovalData *data;

  if (g_strcmp0 (response, "remove") != 0 || self->environment == NULL)
    return;

  data = g_new0 (RemovalData, 1);
  data->window = window != NULL ? g_object_ref (window) : NULL;
  data->name = g_strdup (desk_environment_get_title (self->environment));

  desk_environment_list_remove (self->environments, self->environment);
  desk_secret_store_remove_credentials_async (store, desk_environment_get_id (self->environment),
                                              NULL, environment_credentials_removed_cb, data);
  close_editor (self);
}

static void
remove_environment_clicked_cb (DeskEnvironmentEditor *self)
{
  AdwMessageDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_if_fail (self->environment != NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                          : NULL,
                                                       NULL, NULL));
  /* Translators: %s is an environment's name */
  adw_message_dialog_format_heading (dialog, _("Remove “%s”?"),
                                     desk_environment_get_title (self->environment));
  adw_message_dialog_set_body (dialog, _("Its addresses, its form values and its credentials in "
                                         "the keyring are removed."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_clicked_cb (DeskEnvironmentEditor *self)
{
  close_editor (self);
}

static void
entry_activated_cb (DeskEnvironmentEditor *self)
{
  save_clicked_cb (self);
}

/* Setting up */

static void
fill_fields (DeskEnvironmentEditor *self)
{
  DeskEnvironment *environment = self->environment;
  const char *api_version;

  self->filling = TRUE;

  set_row_text (self->name_row, desk_environment_get_title (environment));
  set_row_text (self->api_url_row, desk_environment_get_api_url (environment));
  set_row_text (self->auth_origin_row, desk_environment_get_auth_origin (environment));
  api_version = desk_environment_get_api_version (environment);
  for (guint i = 0; i < G_N_ELEMENTS (api_versions); i++)
    {
      if (g_strcmp0 (api_versions[i], api_version) == 0)
        adw_combo_row_set_selected (self->api_version_row, i);
    }
  set_row_text (self->redirect_row, desk_environment_get_default_redirect_uri (environment));
  set_row_text (self->cancel_row, desk_environment_get_default_cancel_uri (environment));

  self->filling = FALSE;
}

static void
set_up (DeskEnvironmentEditor *self)
{
  DeskEnvironmentKind kind = self->environment != NULL
                               ? desk_environment_get_kind (self->environment)
                               : DESK_ENVIRONMENT_CUSTOM;
  gboolean fixed = kind != DESK_ENVIRONMENT_CUSTOM;

  if (self->environment != NULL)
    {
      adw_window_title_set_title (self->window_title,
                                  desk_environment_get_title (self->environment));
      fill_fields (self);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Environment"));
    }

  gtk_widget_set_visible (self->sandbox_group, kind == DESK_ENVIRONMENT_SANDBOX);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_group), kind != DESK_ENVIRONMENT_SANDBOX);
  gtk_widget_set_visible (self->credentials_group, kind != DESK_ENVIRONMENT_SANDBOX);
  gtk_widget_set_visible (self->danger_group, kind == DESK_ENVIRONMENT_CUSTOM &&
                                                self->environment != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_credentials_button),
                          self->environment != NULL);

  /* Production is Fiskil's own: its name and addresses are not ours to change. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !fixed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_url_row), !fixed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->auth_origin_row), !fixed);
  gtk_widget_set_visible (GTK_WIDGET (self->api_version_row), !fixed);
  if (kind == DESK_ENVIRONMENT_PRODUCTION)
    adw_preferences_group_set_description (self->connection_group,
                                           _("Fiskil’s own API. Sessions created here reach "
                                             "real end users and real banks."));
  /* Nobody registers the Sandbox's addresses in Fiskil's Console. */
  if (kind == DESK_ENVIRONMENT_SANDBOX)
    adw_preferences_group_set_description (self->callbacks_group,
                                           _("Where the Sandbox’s consent pages send the browser "
                                             "at the end. New sessions in the Sandbox start "
                                             "with them."));

  credentials_kind_cb (self);

  if (self->environment != NULL && needs_credentials (self))
    load_credentials (self);
  else
    set_status (self, _("No credentials kept yet."), FALSE);

  revalidate (self);
}

static void
desk_environment_editor_dispose (GObject *object)
{
  DeskEnvironmentEditor *self = DESK_ENVIRONMENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_ENVIRONMENT_EDITOR);
  g_clear_object (&self->environments);
  g_clear_object (&self->environment);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (desk_environment_editor_parent_class)->dispose (object);
}

static void
desk_environment_editor_finalize (GObject *object)
{
  DeskEnvironmentEditor *self = DESK_ENVIRONMENT_EDITOR (object);

  g_clear_pointer (&self->stored, desk_credentials_free);

  G_OBJECT_CLASS (desk_environment_editor_parent_class)->finalize (object);
}

static void
desk_environment_editor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DeskEnvironmentEditor *self = DESK_ENVIRONMENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_environment_editor_class_init (DeskEnvironmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_environment_editor_dispose;
  object_class->finalize = desk_environment_editor_finalize;
  object_class->get_property = desk_environment_editor_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH
                                               "/ui/desk-environment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, layout);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, sandbox_group);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, connection_group);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, callbacks_group);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, api_url_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, auth_origin_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, api_version_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, connection_message);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, redirect_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, cancel_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, callbacks_message);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor,
                                        credentials_kind_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, access_token_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, credentials_status);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor,
                                        credentials_message);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, test_button);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor,
                                        remove_credentials_button);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, test_result);
  gtk_widget_class_bind_template_child (widget_class, DeskEnvironmentEditor, danger_group);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, credentials_kind_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_credentials_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_environment_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
}

static void
desk_environment_editor_init (DeskEnvironmentEditor *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_environment_editor_new (DeskEnvironmentList *environments,
                             DeskEnvironment     *environment)
{
  DeskEnvironmentEditor *self;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (environments), NULL);
  g_return_val_if_fail (environment == NULL || DESK_IS_ENVIRONMENT (environment), NULL);

  self = g_object_new (DESK_TYPE_ENVIRONMENT_EDITOR, NULL);
  self->environments = g_object_ref (environments);
  self->environment = environment != NULL ? g_object_ref (environment) : NULL;
  set_up (self);

  return GTK_WIDGET (self);
}

DeskEnvironment *
desk_environment_editor_get_environment (DeskEnvironmentEditor *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT_EDITOR (self), NULL);

  return self->environment;
}

gboolean
desk_environment_editor_get_busy (DeskEnvironmentEditor *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT_EDITOR (self), FALSE);

  return get_busy (self);
}
