/* desk-environment-editor-test.c — the environment editor's Test connection: a client of its own
 * with what is typed (or the run's variables), and what Fiskil answered
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-editor-private.h"

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
  gboolean by_token = self->testing_by_token;

  if (!desk_fiskil_client_test_connection_finish (client, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->testing = FALSE;
  desk_environment_editor_notify_busy (self);

  if (error != NULL)
    show_test_result (self, error->message, TRUE);
  else if (by_token)
    show_test_result (self, _("The access token is set: Fiskil checks it with each request"),
                      FALSE);
  else
    show_test_result (self, _("Connected: the token exchange worked"), FALSE);
}

void
desk_environment_editor_test_connection (DeskEnvironmentEditor *self)
{
  g_autoptr(DeskCredentials) credentials = desk_environment_editor_typed_credentials (self);
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *api_url;
  const char *api_version = NULL;

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
      api_version = desk_environment_editor_selected_api_version (self);
    }
  else
    {
      api_url = desk_environment_get_api_url (self->environment);
    }

  /* A client of its own: the environment's cached token stays with its own credentials. */
  client = desk_fiskil_client_new (api_url);
  desk_fiskil_client_set_api_version (client, api_version);
  desk_credentials_apply (credentials, client);
  self->testing_by_token = credentials->access_token != NULL;

  self->testing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), FALSE);
  desk_environment_editor_notify_busy (self);
  desk_fiskil_client_test_connection_async (client, self->cancellable, tested_cb,
                                            g_object_ref (self));
}
