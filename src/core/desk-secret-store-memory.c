/* desk-secret-store-memory.c — credentials in this process's memory only: the tests' keyring
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include "desk-secret-store-memory.h"

struct _DeskSecretStoreMemory
{
  GObject     parent_instance;

  GHashTable *secrets;     /* "environment id\nkind" -> secret */
  GError     *error;
  guint       call_count;
};

static void secret_store_iface_init (DeskSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskSecretStoreMemory, desk_secret_store_memory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DESK_TYPE_SECRET_STORE,
                                                      secret_store_iface_init))

static char *
make_key (const char     *environment_id,
          DeskSecretKind  kind)
{
  return g_strconcat (environment_id, "\n", desk_secret_kind_to_string (kind), NULL);
}

/* Counts the call; FALSE (the task answered) when the store is set to fail. */
static gboolean
begin_call (DeskSecretStoreMemory *self,
            GTask                 *task)
{
  self->call_count++;

  if (self->error == NULL)
    return TRUE;

  g_task_return_error (task, g_error_copy (self->error));
  return FALSE;
}

static void
desk_secret_store_memory_lookup_async (DeskSecretStore     *store,
                                       const char          *environment_id,
                                       DeskSecretKind       kind,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  DeskSecretStoreMemory *self = DESK_SECRET_STORE_MEMORY (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = make_key (environment_id, kind);

  if (begin_call (self, task))
    g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->secrets, key)),
                           (GDestroyNotify) desk_secret_free);
}

static char *
desk_secret_store_memory_lookup_finish (DeskSecretStore  *store,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
desk_secret_store_memory_store_async (DeskSecretStore     *store,
                                      const char          *environment_id,
                                      DeskSecretKind       kind,
                                      const char          *label,
                                      const char          *secret,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  DeskSecretStoreMemory *self = DESK_SECRET_STORE_MEMORY (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (!begin_call (self, task))
    return;

  g_hash_table_replace (self->secrets, make_key (environment_id, kind), g_strdup (secret));
  g_task_return_boolean (task, TRUE);
}

static gboolean
desk_secret_store_memory_finish_boolean (DeskSecretStore  *store,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
desk_secret_store_memory_clear_async (DeskSecretStore     *store,
                                      const char          *environment_id,
                                      DeskSecretKind       kind,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  DeskSecretStoreMemory *self = DESK_SECRET_STORE_MEMORY (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = make_key (environment_id, kind);

  if (!begin_call (self, task))
    return;

  g_hash_table_remove (self->secrets, key);
  g_task_return_boolean (task, TRUE);
}

static void
secret_store_iface_init (DeskSecretStoreInterface *iface)
{
  iface->lookup_async = desk_secret_store_memory_lookup_async;
  iface->lookup_finish = desk_secret_store_memory_lookup_finish;
  iface->store_async = desk_secret_store_memory_store_async;
  iface->store_finish = desk_secret_store_memory_finish_boolean;
  iface->clear_async = desk_secret_store_memory_clear_async;
  iface->clear_finish = desk_secret_store_memory_finish_boolean;
}

static void
desk_secret_store_memory_finalize (GObject *object)
{
  DeskSecretStoreMemory *self = DESK_SECRET_STORE_MEMORY (object);

  g_clear_pointer (&self->secrets, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (desk_secret_store_memory_parent_class)->finalize (object);
}

static void
desk_secret_store_memory_class_init (DeskSecretStoreMemoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_secret_store_memory_finalize;
}

static void
desk_secret_store_memory_init (DeskSecretStoreMemory *self)
{
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) desk_secret_free);
}

DeskSecretStore *
desk_secret_store_memory_new (void)
{
  return g_object_new (DESK_TYPE_SECRET_STORE_MEMORY, NULL);
}

guint
desk_secret_store_memory_get_call_count (DeskSecretStoreMemory *self)
{
  g_return_val_if_fail (DESK_IS_SECRET_STORE_MEMORY (self), 0);

  return self->call_count;
}

guint
desk_secret_store_memory_get_n_secrets (DeskSecretStoreMemory *self)
{
  g_return_val_if_fail (DESK_IS_SECRET_STORE_MEMORY (self), 0);

  return g_hash_table_size (self->secrets);
}

void
desk_secret_store_memory_set_error (DeskSecretStoreMemory *self,
                                    const GError          *error)
{
  g_return_if_fail (DESK_IS_SECRET_STORE_MEMORY (self));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
}
