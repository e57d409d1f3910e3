/* desk-consent-source.c — where an end user's consents are listed from (GET /v1/consent)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include "desk-consent-source.h"

G_DEFINE_INTERFACE (DeskConsentSource, desk_consent_source, G_TYPE_OBJECT)

static void
desk_consent_source_default_init (DeskConsentSourceInterface *iface)
{
}

void
desk_consent_source_list_async (DeskConsentSource   *self,
                                const char          *end_user_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DESK_IS_CONSENT_SOURCE (self));
  g_return_if_fail (end_user_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  DESK_CONSENT_SOURCE_GET_IFACE (self)->list_async (self, end_user_id, cancellable, callback,
                                                    user_data);
}

GPtrArray *
desk_consent_source_list_finish (DeskConsentSource  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (DESK_IS_CONSENT_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return DESK_CONSENT_SOURCE_GET_IFACE (self)->list_finish (self, result, error);
}

/* The adapter over DeskFiskilClient. */

#define DESK_TYPE_CLIENT_CONSENT_SOURCE (desk_client_consent_source_get_type ())

G_DECLARE_FINAL_TYPE (DeskClientConsentSource, desk_client_consent_source,
                      DESK, CLIENT_CONSENT_SOURCE, GObject)

struct _DeskClientConsentSource
{
  GObject           parent_instance;

  DeskFiskilClient *client;
};

static void desk_client_consent_source_iface_init (DeskConsentSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskClientConsentSource, desk_client_consent_source,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DESK_TYPE_CONSENT_SOURCE,
                                                      desk_client_consent_source_iface_init))

static void
listed (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *consents;

  consents = desk_fiskil_client_list_consents_finish (DESK_FISKIL_CLIENT (object), result,
                                                      &error);
  if (consents == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, consents, (GDestroyNotify) g_ptr_array_unref);
}

static void
client_list_async (DeskConsentSource   *source,
                   const char          *end_user_id,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  DeskClientConsentSource *self = DESK_CLIENT_CONSENT_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, client_list_async);
  desk_fiskil_client_list_consents_async (self->client, end_user_id, cancellable, listed, task);
}

static GPtrArray *
client_list_finish (DeskConsentSource  *source,
                    GAsyncResult       *result,
                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
desk_client_consent_source_iface_init (DeskConsentSourceInterface *iface)
{
  iface->list_async = client_list_async;
  iface->list_finish = client_list_finish;
}

static void
desk_client_consent_source_finalize (GObject *object)
{
  DeskClientConsentSource *self = DESK_CLIENT_CONSENT_SOURCE (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (desk_client_consent_source_parent_class)->finalize (object);
}

static void
desk_client_consent_source_class_init (DeskClientConsentSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_client_consent_source_finalize;
}

static void
desk_client_consent_source_init (DeskClientConsentSource *self)
{
}

DeskConsentSource *
desk_consent_source_new_for_client (DeskFiskilClient *client)
{
  DeskClientConsentSource *self;

  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (client), NULL);

  self = g_object_new (DESK_TYPE_CLIENT_CONSENT_SOURCE, NULL);
  self->client = g_object_ref (client);

  return DESK_CONSENT_SOURCE (self);
}
