/* desk-fiskil-call.c — one API call: a token, the request, one renewal on 401, the answer read
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include "desk-fiskil-client-private.h"

typedef struct
{
  char            *method;
  char            *path;
  char            *query;
  GBytes          *body;
  DeskJsonReadFunc parse;
  GDestroyNotify   result_free;
  char            *token;    /* of the latest attempt */
  gboolean         renewed;  /* a 401 already made us renew the token */
} Call;

static void
call_free (Call *call)
{
  g_free (call->method);
  g_free (call->path);
  g_free (call->query);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->token);
  g_free (call);
}

static void call_get_token (GTask *task);

static void
on_call_answered (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(DeskHttpResponse) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gpointer answer = NULL;

  response = desk_fiskil_transport_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Only a token from /v1/token can be renewed; a ready one is what it is. */
  if (response->status == SOUP_STATUS_UNAUTHORIZED && !call->renewed
      && self->client_secret != NULL)
    {
      g_debug ("%s %s: token refused, renewing it once", call->method, call->path);
      call->renewed = TRUE;
      call_get_token (g_steal_pointer (&task));
      return;
    }

  if (response->status < 200 || response->status >= 300)
    {
      g_task_return_error (task, desk_fiskil_answer_error (self, response,
                                                           call->renewed
                                                           ? DESK_REJECTED_RENEWED_TOKEN
                                                           : DESK_REJECTED_ACCESS_TOKEN));
      return;
    }

  node = desk_fiskil_answer_json (response, &error);
  if (node != NULL)
    answer = call->parse (node, response->clock_skew, &error);
  if (node == NULL || answer == NULL)
    {
      g_task_return_error (task, desk_fiskil_with_http_status (g_steal_pointer (&error),
                                                               response->status));
      return;
    }

  g_task_return_pointer (task, answer, call->result_free);
}

static void
on_call_token (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GCancellable *cancellable;

  token = desk_fiskil_get_token_finish (self, result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_free (call->token);
  call->token = g_steal_pointer (&token);
  cancellable = g_task_get_cancellable (task);
  desk_fiskil_transport_send_async (self, call->method, call->path, call->query, call->body,
                                    call->token, cancellable, on_call_answered,
                                    g_steal_pointer (&task));
}

static void
call_get_token (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  desk_fiskil_get_token_async (g_task_get_source_object (task), call->token,
                               g_task_get_cancellable (task), on_call_token, task);
}

/* Sends @body (may be NULL) to @path and gives what @parse makes of the answer. */
void
desk_fiskil_call_async (DeskFiskilClient    *self,
            const char          *method,
            const char          *path,
            const char          *query,
            GBytes              *body,
            DeskJsonReadFunc     parse,
            GDestroyNotify       result_free,
            GCancellable        *cancellable,
            gpointer             source_tag,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task;
  Call *call;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  call = g_new0 (Call, 1);
  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->query = g_strdup (query);
  call->body = body != NULL ? g_bytes_ref (body) : NULL;
  call->parse = parse;
  call->result_free = result_free;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  call_get_token (task);
}

gpointer
desk_fiskil_call_finish (DeskFiskilClient  *self,
             GAsyncResult      *result,
             gpointer           source_tag,
             GError           **error)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
