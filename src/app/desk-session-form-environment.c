/* desk-session-form-environment.c — the form follows its environment: its defaults, its
 * remembered values, and unsent drafts kept per environment
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-session-form-private.h"

static void
update_environment_subtitle (DeskSessionForm *self)
{
  g_autofree char *description = NULL;

  if (self->environment == NULL)
    return;

  description = desk_environment_describe (self->environment);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->environment_row), description);
}

/* A callback URI the person left at the environment's default follows that default when it
 * is changed in Preferences. */
static void
follow_default (AdwEntryRow  *row,
                char        **shown_default,
                const char   *new_default)
{
  const char *text = desk_session_form_editable_text (row);

  if (*text == '\0' || g_strcmp0 (text, *shown_default) == 0)
    desk_session_form_set_editable_text (row, new_default);

  g_free (*shown_default);
  *shown_default = g_strdup (new_default);
}

static void
defaults_changed_cb (DeskSessionForm *self)
{
  self->filling = TRUE;
  follow_default (self->redirect_row, &self->redirect_default,
                  desk_environment_get_default_redirect_uri (self->environment));
  follow_default (self->cancel_row, &self->cancel_default,
                  desk_environment_get_default_cancel_uri (self->environment));
  self->filling = FALSE;
  desk_session_form_revalidate (self);
}

/* What was typed for this environment and not sent, else what was last sent from it, else its
 * defaults: end users and callbacks differ between environments. */
static void
fill_from_environment (DeskSessionForm *self)
{
  const DeskSessionRequest *values = g_hash_table_lookup (self->drafts, self->environment);
  const char *redirect_default = desk_environment_get_default_redirect_uri (self->environment);
  const char *cancel_default = desk_environment_get_default_cancel_uri (self->environment);

  if (values == NULL)
    values = desk_environment_get_form_values (self->environment);

  g_free (self->redirect_default);
  self->redirect_default = g_strdup (redirect_default);
  g_free (self->cancel_default);
  self->cancel_default = g_strdup (cancel_default);

  if (values != NULL && values->redirect_uri != NULL)
    redirect_default = values->redirect_uri;
  if (values != NULL && values->cancel_uri != NULL)
    cancel_default = values->cancel_uri;

  /* Remembered per environment, as the other values are. */
  if (desk_environment_get_integration (self->environment) != NULL)
    {
      DeskIntegration integration = DESK_INTEGRATION_REDIRECT;

      desk_integration_from_string (desk_environment_get_integration (self->environment),
                                    &integration);
      desk_session_form_set_integration (self, integration);
    }

  self->filling = TRUE;
  desk_session_form_set_editable_text (self->end_user_row,
                                       values != NULL ? values->end_user_id : NULL);
  desk_session_form_set_editable_text (self->institution_row,
                                       values != NULL ? values->institution_id : NULL);
  desk_session_form_set_editable_text (self->redirect_row, redirect_default);
  desk_session_form_set_editable_text (self->cancel_row, cancel_default);
  desk_session_form_set_permissions (self, values != NULL
                                             ? (const char * const *) values->permissions
                                             : NULL);
  self->filling = FALSE;

  for (guint i = 0; i < N_FIELDS; i++)
    self->touched[i] = FALSE;
}

void
desk_session_form_environment_selected_cb (DeskSessionForm *self)
{
  DeskEnvironment *environment = adw_combo_row_get_selected_item (self->environment_row);
  g_autoptr(DeskEnvironment) old = NULL;

  if (environment == NULL || environment == self->environment)
    return;

  old = g_steal_pointer (&self->environment);
  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_data (old, self);
      g_hash_table_replace (self->drafts, g_object_ref (old),
                            desk_session_form_get_request (self));
    }

  self->environment = g_object_ref (environment);
  g_signal_connect_object (environment, "notify::api-url",
                           G_CALLBACK (update_environment_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (environment, "notify::api-version",
                           G_CALLBACK (update_environment_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (environment, "notify::default-redirect-uri",
                           G_CALLBACK (defaults_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (environment, "notify::default-cancel-uri",
                           G_CALLBACK (defaults_changed_cb), self, G_CONNECT_SWAPPED);

  fill_from_environment (self);
  update_environment_subtitle (self);
  desk_session_form_revalidate (self);
  g_object_notify (G_OBJECT (self), "environment");
}

void
desk_session_form_reset_clicked_cb (DeskSessionForm *self)
{
  g_return_if_fail (self->environment != NULL);

  desk_session_form_set_editable_text (self->redirect_row,
                     desk_environment_get_default_redirect_uri (self->environment));
  desk_session_form_set_editable_text (self->cancel_row,
                     desk_environment_get_default_cancel_uri (self->environment));
}

void
desk_session_form_set_environments (DeskSessionForm *self,
                                    GListModel      *environments)
{
  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (G_IS_LIST_MODEL (environments));

  adw_combo_row_set_model (self->environment_row, environments);
  desk_session_form_environment_selected_cb (self);
}

DeskEnvironment *
desk_session_form_get_environment (DeskSessionForm *self)
{
  g_return_val_if_fail (DESK_IS_SESSION_FORM (self), NULL);

  return self->environment;
}

void
desk_session_form_set_environment (DeskSessionForm *self,
                                   DeskEnvironment *environment)
{
  GListModel *model;

  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (DESK_IS_ENVIRONMENT (environment));

  model = adw_combo_row_get_model (self->environment_row);
  g_return_if_fail (model != NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DeskEnvironment) item = g_list_model_get_item (model, i);

      if (item == environment)
        {
          adw_combo_row_set_selected (self->environment_row, i);
          return;
        }
    }

  g_critical ("Environment “%s” is not among the form’s environments",
              desk_environment_get_id (environment));
}
