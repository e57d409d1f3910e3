/* desk-fiskil-token.c — the token exchange at /v1/token, shared by callers, and its cache
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-fiskil-client-private.h"
#include "desk-fiskil-error.h"

#define TOKEN_RENEW_MARGIN 60  /* seconds before expiry a cached token is renewed */

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

GError *
desk_fiskil_no_credentials_error (void)
{
  return g_error_new_literal (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_UNAUTHORIZED,
                              _("No Fiskil credentials are set. Enter a client ID and secret, or "
                                "an access token."));
}

static void
on_token_answered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(DeskHttpResponse) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  DeskTokenGrant *grant;

  response = desk_fiskil_transport_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (response->status < 200 || response->status >= 300)
    {
      g_task_return_error (task, desk_fiskil_answer_error (self, response,
                                                           DESK_REJECTED_CLIENT_CREDENTIALS));
      return;
    }

  node = desk_fiskil_answer_json (response, &error);
  if (node == NULL || (grant = desk_json_read_token (node, &error)) == NULL)
    {
      g_task_return_error (task, desk_fiskil_with_http_status (g_steal_pointer (&error),
                                                               response->status));
      return;
    }

  g_task_return_pointer (task, grant, (GDestroyNotify) desk_token_grant_free);
}

/* POST /v1/token with the current client credentials; gives a DeskTokenGrant. */
void
desk_fiskil_exchange_token_async (DeskFiskilClient    *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  GTask *task;
  char *text;

  g_assert (self->client_id != NULL && self->client_secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_fiskil_exchange_token_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, self->client_id);
  json_builder_set_member_name (builder, "client_secret");
  json_builder_add_string_value (builder, self->client_secret);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new_take (text, strlen (text));

  desk_fiskil_transport_send_async (self, "POST", "/v1/token", NULL, body, NULL, cancellable,
                                    on_token_answered, task);
}

DeskTokenGrant *
desk_fiskil_exchange_token_finish (DeskFiskilClient  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == desk_fiskil_exchange_token_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
desk_fiskil_cache_token (DeskFiskilClient *self,
                         DeskTokenGrant   *grant)
{
  g_free (self->token);
  self->token = g_strdup (grant->token);
  self->token_renew_at = g_get_monotonic_time ()
                         + (CLAMP (grant->lifetime, 0, G_MAXINT32) - TOKEN_RENEW_MARGIN)
                           * G_USEC_PER_SEC;
}

/* One exchange serves every caller that needs a token while it runs. Each waiter is a GTask
 * whose task data is a Waiter. */
struct _DeskTokenExchange
{
  DeskFiskilClient *client;
  guint             credentials_serial;
  GCancellable     *cancellable;
  GPtrArray        *waiters;
};

typedef struct
{
  DeskTokenExchange *exchange;
  GSource           *cancelled_source;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  g_assert (waiter->cancelled_source == NULL);
  g_free (waiter);
}

static void
token_exchange_free (DeskTokenExchange *exchange)
{
  g_assert (exchange->waiters->len == 0);

  g_clear_object (&exchange->cancellable);
  g_ptr_array_unref (exchange->waiters);
  g_free (exchange);
}

static void
on_shared_exchange_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (source);
  DeskTokenExchange *exchange = user_data;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(DeskTokenGrant) grant = NULL;
  g_autoptr(GError) error = NULL;

  grant = desk_fiskil_exchange_token_finish (self, result, &error);

  if (self->exchange == exchange)
    self->exchange = NULL;
  /* Credentials changed meanwhile: the token belongs to the old ones. */
  if (grant != NULL && exchange->credentials_serial == self->credentials_serial)
    desk_fiskil_cache_token (self, grant);

  /* No waiter can leave any more, even if a callback below iterates the main context. */
  waiters = g_steal_pointer (&exchange->waiters);
  exchange->waiters = g_ptr_array_new ();
  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_task_get_task_data (g_ptr_array_index (waiters, i));

      clear_source (&waiter->cancelled_source);
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter_task = g_ptr_array_index (waiters, i);

      if (grant != NULL)
        g_task_return_pointer (waiter_task, g_strdup (grant->token), g_free);
      else
        g_task_return_error (waiter_task, g_error_copy (error));
    }

  token_exchange_free (exchange);
}

static gboolean
on_waiter_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (G_TASK (user_data));
  Waiter *waiter = g_task_get_task_data (task);
  DeskTokenExchange *exchange = waiter->exchange;

  clear_source (&waiter->cancelled_source);
  g_ptr_array_remove (exchange->waiters, task);

  /* Nobody wants this token any more: stop the request, and let the next caller start anew. */
  if (exchange->waiters->len == 0)
    {
      if (exchange->client->exchange == exchange)
        exchange->client->exchange = NULL;
      g_cancellable_cancel (exchange->cancellable);
    }

  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static void
token_exchange_add_waiter (DeskTokenExchange *exchange,
                           GTask             *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->exchange = exchange;
  g_task_set_task_data (task, waiter, (GDestroyNotify) waiter_free);
  g_ptr_array_add (exchange->waiters, g_object_ref (task));

  if (cancellable != NULL)
    {
      waiter->cancelled_source = g_cancellable_source_new (cancellable);
      g_task_attach_source (task, waiter->cancelled_source, G_SOURCE_FUNC (on_waiter_cancelled));
    }
}

static DeskTokenExchange *
token_exchange_start (DeskFiskilClient *self)
{
  DeskTokenExchange *exchange = g_new0 (DeskTokenExchange, 1);

  exchange->client = self;
  exchange->credentials_serial = self->credentials_serial;
  exchange->cancellable = g_cancellable_new ();
  exchange->waiters = g_ptr_array_new_with_free_func (g_object_unref);

  desk_fiskil_exchange_token_async (self, exchange->cancellable, on_shared_exchange_done,
                                    exchange);

  return exchange;
}

void
desk_fiskil_get_token_async (DeskFiskilClient    *self,
                             const char          *stale_token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_fiskil_get_token_async);

  if (self->access_token != NULL)
    {
      g_task_return_pointer (task, g_strdup (self->access_token), g_free);
      return;
    }
  if (self->client_secret == NULL)
    {
      g_task_return_error (task, desk_fiskil_no_credentials_error ());
      return;
    }

  if (self->token != NULL && g_strcmp0 (self->token, stale_token) != 0
      && g_get_monotonic_time () < self->token_renew_at)
    {
      g_task_return_pointer (task, g_strdup (self->token), g_free);
      return;
    }
  g_clear_pointer (&self->token, g_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->exchange == NULL)
    self->exchange = token_exchange_start (self);
  token_exchange_add_waiter (self->exchange, task);
}

char *
desk_fiskil_get_token_finish (DeskFiskilClient  *self,
                              GAsyncResult      *result,
                              GError           **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == desk_fiskil_get_token_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}
