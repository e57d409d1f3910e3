/* desk-history-tasks.c — what callers queue for the writer thread: writes, and reads and
 * removals answered in the caller's context
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include "desk-history-private.h"
#include "desk-history-queue.h"

/* ---- writes: the JSON is serialised now, redacted and written by the writer thread ---- */

void
desk_history_begin (DeskHistory *self,
                    JsonObject  *summary)
{
  g_return_if_fail (DESK_IS_HISTORY (self));
  g_return_if_fail (summary != NULL);

  desk_history_enqueue_write (self, OP_BEGIN, NULL, summary);
}

void
desk_history_set_session (DeskHistory *self,
                          const char  *attempt_id,
                          JsonObject  *session)
{
  g_return_if_fail (DESK_IS_HISTORY (self));
  g_return_if_fail (attempt_id != NULL);
  g_return_if_fail (session != NULL);

  desk_history_enqueue_write (self, OP_SESSION, attempt_id, session);
}

void
desk_history_append_event (DeskHistory *self,
                           const char  *attempt_id,
                           JsonObject  *event)
{
  g_return_if_fail (DESK_IS_HISTORY (self));
  g_return_if_fail (attempt_id != NULL);
  g_return_if_fail (event != NULL);

  desk_history_enqueue_write (self, OP_EVENT, attempt_id, event);
}

void
desk_history_append_exchange (DeskHistory *self,
                              const char  *attempt_id,
                              JsonObject  *entry)
{
  g_return_if_fail (DESK_IS_HISTORY (self));
  g_return_if_fail (attempt_id != NULL);
  g_return_if_fail (entry != NULL);

  desk_history_enqueue_write (self, OP_EXCHANGE, attempt_id, entry);
}

void
desk_history_finish (DeskHistory *self,
                     JsonObject  *outcome)
{
  g_return_if_fail (DESK_IS_HISTORY (self));
  g_return_if_fail (outcome != NULL);

  desk_history_enqueue_write (self, OP_FINISH, NULL, outcome);
}

/* ---- reads and removals ---- */

void
desk_history_set_max_page_count_for_testing (DeskHistory *self,
                                             gint64       pages)
{
  Op *op = g_new0 (Op, 1);

  op->kind = OP_MAX_PAGES;
  op->number = pages;
  desk_history_enqueue (self, op);
}

void
desk_history_flush_async (DeskHistory         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (DESK_IS_HISTORY (self));

  desk_history_enqueue (self, desk_history_task_op (OP_FLUSH, desk_history_flush_async, cancellable, callback,
                          user_data));
}

gboolean
desk_history_flush_finish (DeskHistory   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (desk_history_task_valid (result, desk_history_flush_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
desk_history_get_outcome_async (DeskHistory         *self,
                                const char          *attempt_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Op *op;

  g_return_if_fail (DESK_IS_HISTORY (self));
  g_return_if_fail (attempt_id != NULL);

  op = desk_history_task_op (OP_GET, desk_history_get_outcome_async, cancellable, callback, user_data);
  op->attempt_id = g_strdup (attempt_id);
  desk_history_enqueue (self, op);
}

JsonObject *
desk_history_get_outcome_finish (DeskHistory   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (desk_history_task_valid (result, desk_history_get_outcome_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
desk_history_export_json_async (DeskHistory         *self,
                                GDateTime           *since,
                                const char * const  *attempt_ids,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Op *op;

  g_return_if_fail (DESK_IS_HISTORY (self));

  op = desk_history_task_op (OP_EXPORT, desk_history_export_json_async, cancellable, callback,
                user_data);
  op->since = since ? g_date_time_ref (since) : NULL;
  op->ids = g_strdupv ((char **) attempt_ids);
  desk_history_enqueue (self, op);
}

JsonNode *
desk_history_export_json_finish (DeskHistory   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (desk_history_task_valid (result, desk_history_export_json_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
enqueue_remove (DeskHistory         *self,
                OpKind               kind,
                const char * const  *attempt_ids,
                gint64               days,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  Op *op = desk_history_task_op (kind, desk_history_delete_async, cancellable, callback, user_data);

  op->ids = g_strdupv ((char **) attempt_ids);
  op->number = days;
  desk_history_enqueue (self, op);
}

void
desk_history_delete_async (DeskHistory         *self,
                           const char * const  *attempt_ids,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (DESK_IS_HISTORY (self));
  g_return_if_fail (attempt_ids != NULL);

  enqueue_remove (self, OP_DELETE, attempt_ids, 0, cancellable, callback, user_data);
}

void
desk_history_clear_async (DeskHistory         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (DESK_IS_HISTORY (self));

  enqueue_remove (self, OP_CLEAR, NULL, 0, cancellable, callback, user_data);
}

void
desk_history_apply_retention_async (DeskHistory         *self,
                                    guint                days,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (DESK_IS_HISTORY (self));

  enqueue_remove (self, OP_RETAIN, NULL, days, cancellable, callback, user_data);
}

gint64
desk_history_remove_finish (DeskHistory   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (desk_history_task_valid (result, desk_history_delete_async), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

void
desk_history_get_exchanges_async (DeskHistory         *self,
                                  const char          *attempt_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Op *op;

  g_return_if_fail (DESK_IS_HISTORY (self));
  g_return_if_fail (attempt_id != NULL);

  op = desk_history_task_op (OP_GET_EXCHANGES, desk_history_get_exchanges_async, cancellable,
                             callback, user_data);
  op->attempt_id = g_strdup (attempt_id);
  desk_history_enqueue (self, op);
}

JsonArray *
desk_history_get_exchanges_finish (DeskHistory   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (desk_history_task_valid (result, desk_history_get_exchanges_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
