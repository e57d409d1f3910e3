/* desk-secret-store.c — where credentials are kept: the keyring, behind a small interface
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-secret-store.h"

G_DEFINE_INTERFACE (DeskSecretStore, desk_secret_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (desk-secret-store-error-quark, desk_secret_store_error)

static void
desk_secret_store_default_init (DeskSecretStoreInterface *iface)
{
}

const char *
desk_secret_kind_to_string (DeskSecretKind kind)
{
  switch (kind)
    {
    case DESK_SECRET_KIND_CLIENT_ID:
      return "client-id";
    case DESK_SECRET_KIND_CLIENT_SECRET:
      return "client-secret";
    case DESK_SECRET_KIND_ACCESS_TOKEN:
      return "access-token";
    default:
      g_return_val_if_reached (NULL);
    }
}

void
desk_secret_store_lookup_async (DeskSecretStore     *self,
                                const char          *environment_id,
                                DeskSecretKind       kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DESK_IS_SECRET_STORE (self));
  g_return_if_fail (environment_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  DESK_SECRET_STORE_GET_IFACE (self)->lookup_async (self, environment_id, kind, cancellable,
                                                    callback, user_data);
}

char *
desk_secret_store_lookup_finish (DeskSecretStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (DESK_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return DESK_SECRET_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

void
desk_secret_store_store_async (DeskSecretStore     *self,
                               const char          *environment_id,
                               DeskSecretKind       kind,
                               const char          *label,
                               const char          *secret,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (DESK_IS_SECRET_STORE (self));
  g_return_if_fail (environment_id != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (secret != NULL && *secret != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  DESK_SECRET_STORE_GET_IFACE (self)->store_async (self, environment_id, kind, label, secret,
                                                   cancellable, callback, user_data);
}

gboolean
desk_secret_store_store_finish (DeskSecretStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (DESK_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return DESK_SECRET_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

void
desk_secret_store_clear_async (DeskSecretStore     *self,
                               const char          *environment_id,
                               DeskSecretKind       kind,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (DESK_IS_SECRET_STORE (self));
  g_return_if_fail (environment_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  DESK_SECRET_STORE_GET_IFACE (self)->clear_async (self, environment_id, kind, cancellable,
                                                   callback, user_data);
}

gboolean
desk_secret_store_clear_finish (DeskSecretStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (DESK_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return DESK_SECRET_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}

/* Looking up credentials: the access token, else the client id, then its secret. */

typedef struct
{
  char *environment_id;
  char *client_id;
} LookupState;

static void
lookup_state_free (LookupState *state)
{
  g_free (state->environment_id);
  g_free (state->client_id);
  g_free (state);
}

static void lookup_client_id_cb     (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data);
static void lookup_client_secret_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data);

static void
lookup_access_token_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  DeskSecretStore *self = DESK_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  LookupState *state = g_task_get_task_data (task);
  GCancellable *cancellable;
  g_autoptr(GError) error = NULL;
  char *access_token;

  access_token = desk_secret_store_lookup_finish (self, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (access_token != NULL)
    {
      g_task_return_pointer (task, desk_credentials_new_access_token (access_token),
                             (GDestroyNotify) desk_credentials_free);
      desk_secret_free (access_token);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  desk_secret_store_lookup_async (self, state->environment_id, DESK_SECRET_KIND_CLIENT_ID,
                                  cancellable, lookup_client_id_cb, g_steal_pointer (&task));
}

static void
lookup_client_id_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DeskSecretStore *self = DESK_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  LookupState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  state->client_id = desk_secret_store_lookup_finish (self, result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (state->client_id == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      desk_secret_store_lookup_async (self, state->environment_id,
                                      DESK_SECRET_KIND_CLIENT_SECRET, cancellable,
                                      lookup_client_secret_cb, g_steal_pointer (&task));
    }
}

static void
lookup_client_secret_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  DeskSecretStore *self = DESK_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  LookupState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *client_secret;

  client_secret = desk_secret_store_lookup_finish (self, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* NULL when half a pair is stored: that opens nothing. */
  g_task_return_pointer (task, desk_credentials_new_client (state->client_id, client_secret),
                         (GDestroyNotify) desk_credentials_free);
  desk_secret_free (client_secret);
}

void
desk_secret_store_lookup_credentials_async (DeskSecretStore     *self,
                                            const char          *environment_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LookupState *state;

  g_return_if_fail (DESK_IS_SECRET_STORE (self));
  g_return_if_fail (environment_id != NULL);

  state = g_new0 (LookupState, 1);
  state->environment_id = g_strdup (environment_id);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_secret_store_lookup_credentials_async);
  g_task_set_task_data (task, state, (GDestroyNotify) lookup_state_free);

  desk_secret_store_lookup_async (self, environment_id, DESK_SECRET_KIND_ACCESS_TOKEN,
                                  cancellable, lookup_access_token_cb, g_steal_pointer (&task));
}

DeskCredentials *
desk_secret_store_lookup_credentials_finish (DeskSecretStore  *self,
                                             GAsyncResult     *result,
                                             GError          **error)
{
  g_return_val_if_fail (DESK_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving and removing: a few stores and clears, one after the other. */

typedef struct
{
  DeskSecretKind  kind;
  char           *label;   /* NULL: clear */
  char           *secret;
} Step;

typedef struct
{
  char   *environment_id;
  GArray *steps;
  guint   next;
} Steps;

static void
step_clear (Step *step)
{
  g_free (step->label);
  desk_secret_free (step->secret);
}

static void
steps_free (Steps *steps)
{
  g_free (steps->environment_id);
  g_array_unref (steps->steps);
  g_free (steps);
}

static void
add_step (Steps          *steps,
          DeskSecretKind  kind,
          const char     *label,
          const char     *secret)
{
  Step step = { kind, g_strdup (label), g_strdup (secret) };

  g_array_append_val (steps->steps, step);
}

static void run_next_step (GTask *task);

static void
step_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DeskSecretStore *self = DESK_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  Steps *steps = g_task_get_task_data (task);
  Step *step = &g_array_index (steps->steps, Step, steps->next);
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (step->label != NULL)
    done = desk_secret_store_store_finish (self, result, &error);
  else
    done = desk_secret_store_clear_finish (self, result, &error);

  if (!done)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  steps->next++;
  run_next_step (g_steal_pointer (&task));
}

static void
run_next_step (GTask *task)
{
  DeskSecretStore *self = g_task_get_source_object (task);
  Steps *steps = g_task_get_task_data (task);
  Step *step;

  if (steps->next == steps->steps->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  step = &g_array_index (steps->steps, Step, steps->next);
  if (step->label != NULL)
    desk_secret_store_store_async (self, steps->environment_id, step->kind, step->label,
                                   step->secret, g_task_get_cancellable (task),
                                   step_done_cb, task);
  else
    desk_secret_store_clear_async (self, steps->environment_id, step->kind,
                                   g_task_get_cancellable (task), step_done_cb, task);
}

static Steps *
steps_new (const char *environment_id)
{
  Steps *steps = g_new0 (Steps, 1);

  steps->environment_id = g_strdup (environment_id);
  steps->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (steps->steps, (GDestroyNotify) step_clear);

  return steps;
}

static char *
item_label (DeskSecretKind  kind,
            const char     *environment_name)
{
  switch (kind)
    {
    case DESK_SECRET_KIND_CLIENT_ID:
      /* Translators: a keyring item's label; %s is an environment's name */
      return g_strdup_printf (_("Consent Desk client ID for “%s”"), environment_name);
    case DESK_SECRET_KIND_CLIENT_SECRET:
      /* Translators: a keyring item's label; %s is an environment's name */
      return g_strdup_printf (_("Consent Desk client secret for “%s”"), environment_name);
    case DESK_SECRET_KIND_ACCESS_TOKEN:
      /* Translators: a keyring item's label; %s is an environment's name */
      return g_strdup_printf (_("Consent Desk access token for “%s”"), environment_name);
    default:
      g_assert_not_reached ();
    }
}

static void
add_store_step (Steps          *steps,
                DeskSecretKind  kind,
                const char     *environment_name,
                const char     *secret)
{
  g_autofree char *label = item_label (kind, environment_name);

  add_step (steps, kind, label, secret);
}

static void
start_steps (DeskSecretStore     *self,
             Steps               *steps,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, steps, (GDestroyNotify) steps_free);
  run_next_step (task);
}

void
desk_secret_store_save_credentials_async (DeskSecretStore       *self,
                                          const char            *environment_id,
                                          const char            *environment_name,
                                          const DeskCredentials *credentials,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  Steps *steps;

  g_return_if_fail (DESK_IS_SECRET_STORE (self));
  g_return_if_fail (environment_id != NULL);
  g_return_if_fail (environment_name != NULL);
  g_return_if_fail (credentials != NULL);

  steps = steps_new (environment_id);
  if (credentials->access_token != NULL)
    {
      add_store_step (steps, DESK_SECRET_KIND_ACCESS_TOKEN, environment_name,
                      credentials->access_token);
      add_step (steps, DESK_SECRET_KIND_CLIENT_ID, NULL, NULL);
      add_step (steps, DESK_SECRET_KIND_CLIENT_SECRET, NULL, NULL);
    }
  else
    {
      add_store_step (steps, DESK_SECRET_KIND_CLIENT_ID, environment_name,
                      credentials->client_id);
      add_store_step (steps, DESK_SECRET_KIND_CLIENT_SECRET, environment_name,
                      credentials->client_secret);
      add_step (steps, DESK_SECRET_KIND_ACCESS_TOKEN, NULL, NULL);
    }

  start_steps (self, steps, desk_secret_store_save_credentials_async, cancellable,
               callback, user_data);
}

gboolean
desk_secret_store_save_credentials_finish (DeskSecretStore  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  g_return_val_if_fail (DESK_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
desk_secret_store_remove_credentials_async (DeskSecretStore     *self,
                                            const char          *environment_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  Steps *steps;

  g_return_if_fail (DESK_IS_SECRET_STORE (self));
  g_return_if_fail (environment_id != NULL);

  steps = steps_new (environment_id);
  add_step (steps, DESK_SECRET_KIND_ACCESS_TOKEN, NULL, NULL);
  add_step (steps, DESK_SECRET_KIND_CLIENT_ID, NULL, NULL);
  add_step (steps, DESK_SECRET_KIND_CLIENT_SECRET, NULL, NULL);

  start_steps (self, steps, desk_secret_store_remove_credentials_async, cancellable,
               callback, user_data);
}

gboolean
desk_secret_store_remove_credentials_finish (DeskSecretStore  *self,
                                             GAsyncResult     *result,
                                             GError          **error)
{
  g_return_val_if_fail (DESK_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
