/* desk-environment-editor-checks.c — the environment editor's checks, as the person types: each
 * field marked, the problems under their group, Save enabled only when all is well
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-editor-private.h"

DeskCredentials *
desk_environment_editor_typed_credentials (DeskEnvironmentEditor *self)
{
  if (adw_combo_row_get_selected (self->credentials_kind_row) == KIND_ACCESS_TOKEN)
    return desk_credentials_new_access_token (row_text (self->access_token_row));

  return desk_credentials_new_client (row_text (self->client_id_row),
                                      row_text (self->client_secret_row));
}

static gboolean
touched_or_filled (DeskEnvironmentEditor *self,
                   AdwEntryRow           *row)
{
  return *row_text (row) != '\0' || g_hash_table_contains (self->touched, row);
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

  valid &= note_problem (self->name_row, name_error, touched_or_filled (self, self->name_row),
                         messages);
  valid &= note_problem (self->api_url_row, url_error, touched_or_filled (self, self->api_url_row),
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

void
desk_environment_editor_revalidate (DeskEnvironmentEditor *self)
{
  gboolean valid = TRUE;

  valid &= check_connection (self);
  valid &= check_callbacks (self);
  valid &= check_credentials (self);
  self->valid = valid;

  desk_environment_editor_notify_busy (self);
}
