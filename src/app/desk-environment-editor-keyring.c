/* desk-environment-editor-keyring.c — the environment editor's credentials in the keyring:
 * reading them when it opens, showing what is kept, removing them
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-editor-private.h"

void
desk_environment_editor_set_status (DeskEnvironmentEditor *self,
                                    const char            *status,
                                    gboolean               is_error)
{
  gtk_label_set_text (self->credentials_status, status);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->credentials_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->credentials_status), "error");
}

void
desk_environment_editor_show_keyring_error (DeskEnvironmentEditor *self,
                                            const GError          *error)
{
  g_autofree char *status = NULL;

  /* Translators: %s is a sentence such as "The keyring could not be opened: …." */
  status = g_strdup_printf (_("%s Set FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET, or "
                              "FISKIL_ACCESS_TOKEN, or unlock the keyring."),
                            error->message);
  desk_environment_editor_set_status (self, status, TRUE);
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

  desk_environment_editor_set_status (self, stored != NULL ? _("Kept in the keyring.")
                                                            : _("No credentials kept yet."),
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
      desk_environment_editor_show_keyring_error (self, error);
    }
  else
    {
      g_clear_pointer (&self->stored, desk_credentials_free);
      self->stored = stored;
      fill_credentials (self);
    }

  desk_environment_editor_revalidate (self);
}

void
desk_environment_editor_load_credentials (DeskEnvironmentEditor *self)
{
  DeskSecretStore *store = desk_environment_list_get_secret_store (self->environments);

  self->keyring_loading = TRUE;
  desk_environment_editor_set_status (self, _("Reading the keyring…"), FALSE);
  gtk_widget_set_sensitive (self->credentials_group, FALSE);
  desk_secret_store_lookup_credentials_async (store, desk_environment_get_id (self->environment),
                                              self->cancellable, credentials_loaded_cb,
                                              g_object_ref (self));
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
      desk_environment_editor_show_keyring_error (self, error);
    }
  else
    {
      g_clear_pointer (&self->stored, desk_credentials_free);
      fill_credentials (self);
      desk_environment_editor_add_toast (self, _("Credentials removed from the keyring"));
    }

  desk_environment_editor_revalidate (self);
}

void
desk_environment_editor_remove_credentials (DeskEnvironmentEditor *self)
{
  DeskSecretStore *store = desk_environment_list_get_secret_store (self->environments);

  g_return_if_fail (self->environment != NULL);

  self->saving = TRUE;
  desk_environment_editor_notify_busy (self);
  desk_secret_store_remove_credentials_async (store, desk_environment_get_id (self->environment),
                                              self->cancellable, credentials_removed_cb,
                                              g_object_ref (self));
}
