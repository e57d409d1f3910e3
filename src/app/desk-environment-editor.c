/* desk-environment-editor.c — one environment in Preferences: its addresses and credentials
 * (checks as typed, the keyring and the connection test are in desk-environment-editor-*.c)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-editor-private.h"

/* The rows of api_version_row. */
static const char * const api_versions[] = { NULL, "v1", "v2" };

G_DEFINE_FINAL_TYPE (DeskEnvironmentEditor, desk_environment_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
desk_environment_editor_selected_api_version (DeskEnvironmentEditor *self)
{
  guint position = adw_combo_row_get_selected (self->api_version_row);

  return position < G_N_ELEMENTS (api_versions) ? api_versions[position] : NULL;
}

static gboolean
get_busy (DeskEnvironmentEditor *self)
{
  return self->keyring_loading || self->testing || self->saving;
}

void
desk_environment_editor_notify_busy (DeskEnvironmentEditor *self)
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

void
desk_environment_editor_add_toast (DeskEnvironmentEditor *self,
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

static void
row_changed_cb (DeskEnvironmentEditor *self,
                AdwEntryRow           *row)
{
  if (!self->filling)
    g_hash_table_add (self->touched, row);

  /* What a test said is about what was typed before. */
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), FALSE);
  desk_environment_editor_revalidate (self);
}

static void
credentials_kind_cb (DeskEnvironmentEditor *self)
{
  gboolean token = adw_combo_row_get_selected (self->credentials_kind_row) == KIND_ACCESS_TOKEN;

  gtk_widget_set_visible (GTK_WIDGET (self->client_id_row), !token);
  gtk_widget_set_visible (GTK_WIDGET (self->client_secret_row), !token);
  gtk_widget_set_visible (GTK_WIDGET (self->access_token_row), token);
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), FALSE);
  desk_environment_editor_revalidate (self);
}

/* Saving */

static void
finish_saving (DeskEnvironmentEditor *self)
{
  g_autofree char *message = NULL;

  /* Translators: %s is an environment's name */
  message = g_strdup_printf (_("“%s” saved"), desk_environment_get_title (self->environment));
  desk_environment_editor_add_toast (self, message);
  close_editor (self);
}

/* Saving and removing end alike: the keyring now holds what was typed (or nothing). */
static void
credentials_stored (DeskEnvironmentEditor *self,
                    gboolean               done,
                    GError                *error)
{
  g_autoptr(DeskCredentials) typed = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  desk_environment_editor_notify_busy (self);

  if (!done)
    {
      desk_environment_editor_show_keyring_error (self, error);
      return;
    }

  typed = desk_environment_editor_typed_credentials (self);
  g_clear_pointer (&self->stored, desk_credentials_free);
  self->stored = g_steal_pointer (&typed);
  finish_saving (self);
}

static void
credentials_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DeskEnvironmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done;

  done = desk_secret_store_save_credentials_finish (DESK_SECRET_STORE (object), result, &error);
  credentials_stored (self, done, error);
}

static void
credentials_removed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(DeskEnvironmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done;

  done = desk_secret_store_remove_credentials_finish (DESK_SECRET_STORE (object), result,
                                                      &error);
  credentials_stored (self, done, error);
}

static void
apply_fields (DeskEnvironmentEditor *self)
{
  DeskEnvironment *environment = self->environment;

  if (desk_environment_get_kind (environment) == DESK_ENVIRONMENT_CUSTOM)
    {
      g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));

      desk_environment_set_title (environment, name);
      desk_environment_set_api_url (environment, row_text (self->api_url_row));
      desk_environment_set_auth_origin (environment, row_text (self->auth_origin_row));
      desk_environment_set_api_version (environment,
                                        desk_environment_editor_selected_api_version (self));
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

  desk_environment_editor_revalidate (self);
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

  typed = desk_environment_editor_typed_credentials (self);
  /* Unchanged, or nothing typed while the keyring is unreachable: leave the keyring alone. */
  if (!needs_credentials (self) || desk_credentials_equal (typed, self->stored) ||
      (typed == NULL && self->keyring_failed))
    {
      finish_saving (self);
      return;
    }

  self->saving = TRUE;
  desk_environment_editor_notify_busy (self);
  id = desk_environment_get_id (self->environment);
  if (typed != NULL)
    desk_secret_store_save_credentials_async (store, id,
                                              desk_environment_get_title (self->environment),
                                              typed, self->cancellable, credentials_saved_cb,
                                              g_object_ref (self));
  else
    desk_secret_store_remove_credentials_async (store, id, self->cancellable,
                                                credentials_removed_cb, g_object_ref (self));
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
    desk_environment_editor_load_credentials (self);
  else
    desk_environment_editor_set_status (self, _("No credentials kept yet."), FALSE);

  desk_environment_editor_revalidate (self);
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
  g_clear_pointer (&self->touched, g_hash_table_unref);

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
  gtk_widget_class_bind_template_callback_full (
    widget_class, "test_clicked_cb", G_CALLBACK (desk_environment_editor_test_connection));
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback_full (
    widget_class, "remove_credentials_clicked_cb",
    G_CALLBACK (desk_environment_editor_remove_credentials));
  gtk_widget_class_bind_template_callback (widget_class, remove_environment_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
}

static void
desk_environment_editor_init (DeskEnvironmentEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->touched = g_hash_table_new (NULL, NULL);

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
