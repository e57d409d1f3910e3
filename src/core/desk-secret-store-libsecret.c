/* desk-secret-store-libsecret.c — credentials in the desktop keyring, through libsecret
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "desk-secret-store-libsecret.h"

struct _DeskSecretStoreLibsecret
{
  GObject parent_instance;
};

static void secret_store_iface_init (DeskSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskSecretStoreLibsecret, desk_secret_store_libsecret,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DESK_TYPE_SECRET_STORE,
                                                      secret_store_iface_init))

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    BASE_APPLICATION_ID, SECRET_SCHEMA_NONE,
    {
      { "environment", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Whatever libsecret or D-Bus said (no Secret Service, a locked or refusing keyring), said as
 * one sentence. A cancellation stays a cancellation. */
static GError *
keyring_error (GError *error)
{
  g_autofree char *reason = NULL;
  gsize length;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  g_dbus_error_strip_remote_error (error);
  reason = g_strchomp (g_strdup (error->message));
  length = strlen (reason);
  if (length > 0 && reason[length - 1] == '.')
    reason[length - 1] = '\0';

  /* Translators: %s is the keyring's own explanation, without a final full stop */
  return g_error_new (DESK_SECRET_STORE_ERROR, DESK_SECRET_STORE_ERROR_UNAVAILABLE,
                      _("The keyring could not be opened: %s."), reason);
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) desk_secret_free);
}

static void
desk_secret_store_libsecret_lookup_async (DeskSecretStore     *store,
                                          const char          *environment_id,
                                          DeskSecretKind       kind,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, desk_secret_store_libsecret_lookup_async);
  secret_password_lookup (get_schema (), cancellable, lookup_done_cb, task,
                          "environment", environment_id,
                          "kind", desk_secret_kind_to_string (kind),
                          NULL);
}

static char *
desk_secret_store_libsecret_lookup_finish (DeskSecretStore  *store,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
desk_secret_store_libsecret_store_async (DeskSecretStore     *store,
                                         const char          *environment_id,
                                         DeskSecretKind       kind,
                                         const char          *label,
                                         const char          *secret,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, desk_secret_store_libsecret_store_async);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, store_done_cb, task,
                         "environment", environment_id,
                         "kind", desk_secret_kind_to_string (kind),
                         NULL);
}

/* Storing and clearing both end in a plain success or an error. */
static gboolean
desk_secret_store_libsecret_finish_boolean (DeskSecretStore  *store,
                                            GAsyncResult     *result,
                                            GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to remove, which is what was asked. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
desk_secret_store_libsecret_clear_async (DeskSecretStore     *store,
                                         const char          *environment_id,
                                         DeskSecretKind       kind,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, desk_secret_store_libsecret_clear_async);
  secret_password_clear (get_schema (), cancellable, clear_done_cb, task,
                         "environment", environment_id,
                         "kind", desk_secret_kind_to_string (kind),
                         NULL);
}

static void
secret_store_iface_init (DeskSecretStoreInterface *iface)
{
  iface->lookup_async = desk_secret_store_libsecret_lookup_async;
  iface->lookup_finish = desk_secret_store_libsecret_lookup_finish;
  iface->store_async = desk_secret_store_libsecret_store_async;
  iface->store_finish = desk_secret_store_libsecret_finish_boolean;
  iface->clear_async = desk_secret_store_libsecret_clear_async;
  iface->clear_finish = desk_secret_store_libsecret_finish_boolean;
}

static void
desk_secret_store_libsecret_class_init (DeskSecretStoreLibsecretClass *klass)
{
}

static void
desk_secret_store_libsecret_init (DeskSecretStoreLibsecret *self)
{
}

DeskSecretStore *
desk_secret_store_libsecret_new (void)
{
  return g_object_new (DESK_TYPE_SECRET_STORE_LIBSECRET, NULL);
}
