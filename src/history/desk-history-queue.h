/* desk-history-queue.h — what is queued to the history's writer thread (private)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-history.h"

G_BEGIN_DECLS

typedef enum
{
  OP_BEGIN, OP_SESSION, OP_EVENT, OP_EXCHANGE, OP_FINISH,
  OP_FLUSH, OP_GET, OP_GET_EXCHANGES, OP_EXPORT, OP_DELETE, OP_CLEAR, OP_RETAIN, OP_MAX_PAGES,
  OP_QUIT,
} OpKind;

typedef struct
{
  OpKind          kind;
  char           *attempt_id;
  char           *json;
  char          **ids;
  GDateTime      *since;
  gint64          number;
  GTask          *task;
  gpointer        result;
  GDestroyNotify  result_free;
  GError         *error;
} Op;

/* Queues a write of @object (serialised now: the caller may change it once this returns);
 * nothing once the history is unavailable. */
void      desk_history_enqueue_write (DeskHistory      *self,
                                      OpKind            kind,
                                      const char       *attempt_id,
                                      JsonObject       *object);
/* Hands @op to the writer thread, which runs it after everything queued before. */
void      desk_history_enqueue    (DeskHistory         *self,
                                   Op                  *op);
/* An op answered through a GTask in the caller's context. The task has no source object: it
 * must never hold the store's last reference in the writer thread. */
Op       *desk_history_task_op    (OpKind               kind,
                                   gpointer             source_tag,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  desk_history_task_valid (GAsyncResult        *result,
                                   gpointer             source_tag);

G_END_DECLS
