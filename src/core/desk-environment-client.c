/* desk-environment-client.c — an environment's Fiskil client: the Sandbox's start, the
 * credentials (run-time variables, then the keyring) and the one client they are given to
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment.h"
#include "desk-environment-state-private.h"

void
desk_environment_set_starter (DeskEnvironment        *self,
                              DeskEnvironmentStarter  starter,
                              gpointer                data,
                              GDestroyNotify          destroy)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (self->kind == DESK_ENVIRONMENT_SANDBOX);

  if (self->starter_destroy != NULL)
    g_clear_pointer (&self->starter_data, self->starter_destroy);
  self->starter = starter;
  self->starter_data = data;
  self->starter_destroy = destroy;
}

gboolean
desk_environment_ensure_started (DeskEnvironment  *self,
                                 GError          **error)
{
  g_autofree char *api_url = NULL;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), FALSE);

  if (self->kind != DESK_ENVIRONMENT_SANDBOX)
    return TRUE;

  if (self->starter == NULL)
    {
      g_set_error_literal (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID,
                           _("The built-in Sandbox is not available in this program."));
      return FALSE;
    }

  api_url = self->starter (self, self->starter_data, error);
  if (api_url == NULL)
    return FALSE;

  desk_environment_take_api_url (self, g_steal_pointer (&api_url));

  return TRUE;
}

void
desk_environment_set_secret_store (DeskEnvironment *self,
                                   DeskSecretStore *store)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (store == NULL || DESK_IS_SECRET_STORE (store));

  g_set_object (&self->secret_store, store);
}

DeskFiskilClient *
desk_environment_get_client (DeskEnvironment *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);

  return self->client;
}

/* Gives the client @credentials; only a change drops its cached token. */
static gboolean
use_credentials (DeskEnvironment        *self,
                 const DeskCredentials  *credentials,
                 GError                **error)
{
  if (!desk_credentials_check (credentials, error))
    return FALSE;

  if (self->client == NULL)
    {
      self->client = desk_fiskil_client_new (self->api_url);
      desk_fiskil_client_set_api_version (self->client,
                                          desk_environment_effective_api_version (self));
    }

  if (!desk_credentials_equal (self->applied_credentials, credentials))
    {
      desk_credentials_apply (credentials, self->client);
      g_clear_pointer (&self->applied_credentials, desk_credentials_free);
      self->applied_credentials = desk_credentials_copy (credentials);
    }

  return TRUE;
}

static void
return_client (DeskEnvironment       *self,
               GTask                 *task,
               const DeskCredentials *credentials)
{
  GError *error = NULL;

  if (use_credentials (self, credentials, &error))
    g_task_return_pointer (task, g_object_ref (self->client), g_object_unref);
  else
    g_task_return_error (task, error);
}

static GError *
no_credentials_error (DeskEnvironment *self)
{
  return g_error_new (DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_NO_CREDENTIALS,
                      /* Translators: %s is an environment's name, e.g. "Production" */
                      _("No credentials for “%s”. Add them in Preferences, or set "
                        "FISKIL_ACCESS_TOKEN, or FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET."),
                      desk_environment_get_title (self));
}

static void
keyring_credentials_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeskEnvironment *self = g_task_get_source_object (task);
  g_autoptr(DeskCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = desk_secret_store_lookup_credentials_finish (DESK_SECRET_STORE (object), result,
                                                             &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (error != NULL)
    /* Translators: %s is a sentence such as "The keyring could not be opened: …." */
    g_task_return_new_error (task, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_KEYRING,
                             _("%s Set FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET, or "
                               "FISKIL_ACCESS_TOKEN, or unlock the keyring."),
                             error->message);
  else if (credentials == NULL)
    g_task_return_error (task, no_credentials_error (self));
  else
    return_client (self, task, credentials);
}

void
desk_environment_ensure_client_async (DeskEnvironment     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(DeskCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DESK_IS_ENVIRONMENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_environment_ensure_client_async);

  if (self->kind == DESK_ENVIRONMENT_SANDBOX)
    {
      if (!desk_environment_ensure_started (self, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      credentials = desk_credentials_new_client (DESK_SANDBOX_CLIENT_ID,
                                                 DESK_SANDBOX_CLIENT_SECRET);
      return_client (self, task, credentials);
      return;
    }

  /* Set on purpose for this run: they win, and the keyring is left alone. */
  credentials = desk_credentials_from_environment_variables ();
  if (credentials != NULL)
    {
      return_client (self, task, credentials);
      return;
    }

  if (!self->saved || self->secret_store == NULL)
    {
      g_task_return_error (task, no_credentials_error (self));
      return;
    }

  desk_secret_store_lookup_credentials_async (self->secret_store, self->id, cancellable,
                                              keyring_credentials_cb, g_steal_pointer (&task));
}

DeskFiskilClient *
desk_environment_ensure_client_finish (DeskEnvironment  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
