/* desk-history.c — the history store: opening, one writer thread, and the operations queued to it
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk-history-private.h"
#include "desk-history-queue.h"

G_DEFINE_QUARK (desk-history-error-quark, desk_history_error)

/* What the writer thread and the main context share. The GObject is a handle on it: the thread
 * never holds a reference to the GObject, so its last unref always happens in its own thread. */
typedef struct
{
  gatomicrefcount   ref;
  DeskHistory      *object;       /* main context only; NULL once disposed */
  GMainContext     *context;
  GAsyncQueue      *queue;
  DeskHistoryDb    *worker_db;    /* the writer thread's, once it runs */
  DeskHistoryOwner *owner;
  char             *path;
  char             *owners_dir;
  gint              available;    /* atomic */
  gint              changed_pending;
  gboolean          opened;       /* the writer thread's, or before it starts */
  GError           *open_problem;
  DeskHistoryDb    *reader;       /* handed to the object at open */
} Store;

struct _DeskHistory
{
  GObject        parent_instance;
  Store         *store;
  GThread       *thread;
  DeskHistoryDb *reader;
  GError        *problem;
};

G_DEFINE_FINAL_TYPE (DeskHistory, desk_history, G_TYPE_OBJECT)

enum { PROP_0, PROP_PATH, PROP_AVAILABLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
op_free (Op *op)
{
  g_free (op->attempt_id);
  g_free (op->json);
  g_strfreev (op->ids);
  g_clear_pointer (&op->since, g_date_time_unref);
  g_clear_object (&op->task);
  if (op->result && op->result_free)
    op->result_free (op->result);
  g_clear_error (&op->error);
  g_free (op);
}

static Store *
store_ref (Store *store)
{
  g_atomic_ref_count_inc (&store->ref);
  return store;
}

static void
store_unref (Store *store)
{
  if (!g_atomic_ref_count_dec (&store->ref))
    return;
  g_clear_pointer (&store->worker_db, desk_history_db_free);
  g_clear_pointer (&store->reader, desk_history_db_free);
  g_clear_pointer (&store->owner, desk_history_owner_free);
  g_clear_pointer (&store->queue, g_async_queue_unref);
  g_clear_pointer (&store->context, g_main_context_unref);
  g_clear_error (&store->open_problem);
  g_free (store->path);
  g_free (store->owners_dir);
  g_free (store);
}

/* ---- notifications from the writer thread, delivered in the main context ---- */

/* Always through a source of @context. g_main_context_invoke_full () would call @function right
 * here in the writer thread whenever @context is free (between two iterations of the main loop,
 * or while a test is not iterating it): the writer has no thread-default context, so the
 * global default one counts as its own. The handlers then touched GTK from this thread, which
 * corrupted the heap now and then (CI's unexplained failures; test /history/notices-in-context). */
static void
deliver_in (GMainContext   *context,
            GSourceFunc     function,
            gpointer        data,
            GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, function, data, notify);
  g_source_set_static_name (source, "[desk-history] notice");
  g_source_attach (source, context);
}

typedef struct
{
  Store  *store;
  GError *problem;
} Notice;

static gboolean
deliver_changed (gpointer data)
{
  Store *store = data;

  g_atomic_int_set (&store->changed_pending, 0);
  if (store->object != NULL)
    g_signal_emit (store->object, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
post_changed (Store *store)
{
  if (g_atomic_int_compare_and_exchange (&store->changed_pending, 0, 1))
    deliver_in (store->context, deliver_changed, store_ref (store),
                (GDestroyNotify) store_unref);
}

static gboolean
deliver_unavailable (gpointer data)
{
  Notice *notice = data;
  DeskHistory *self = notice->store->object;

  if (self != NULL)
    {
      g_clear_error (&self->problem);
      self->problem = g_steal_pointer (&notice->problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
    }
  return G_SOURCE_REMOVE;
}

static void
notice_free (Notice *notice)
{
  store_unref (notice->store);
  g_clear_error (&notice->problem);
  g_free (notice);
}

/* Once: later writes are dropped, so the attempt under way goes on undisturbed. */
static void
mark_unavailable (Store        *store,
                  const GError *error)
{
  Notice *notice;

  if (!g_atomic_int_compare_and_exchange (&store->available, 1, 0))
    return;
  g_message ("History unavailable: %s", error->message);
  notice = g_new0 (Notice, 1);
  notice->store = store_ref (store);
  notice->problem = desk_history_unavailable_error (error->message);
  deliver_in (store->context, deliver_unavailable, notice, (GDestroyNotify) notice_free);
}

/* ---- opening, in the writer thread (or the caller's, for _open_sync) ---- */

static Store *
store_new (const char   *path,
           GMainContext *context)
{
  Store *store = g_new0 (Store, 1);

  g_atomic_ref_count_init (&store->ref);
  store->path = path ? g_strdup (path) : desk_history_default_path ();
  store->owners_dir = g_strconcat (store->path, ".owners", NULL);
  store->context = g_main_context_ref (context);
  store->queue = g_async_queue_new ();
  /* Optimistic until the file is open: writes queue up meanwhile, and are dropped only if it
   * then cannot be written. */
  store->available = TRUE;
  return store;
}

static void
store_open_files (Store *store)
{
  store->worker_db = desk_history_open_files (store->path, store->owners_dir, &store->owner,
                                              &store->reader, &store->open_problem);
  g_atomic_int_set (&store->available, store->worker_db != NULL && store->worker_db->writable);
  store->opened = TRUE;
}

static void
take_opened (DeskHistory *self,
             Store       *store)
{
  self->reader = g_steal_pointer (&store->reader);
  if (self->reader != NULL)
    /* The main context's reads: in WAL mode they never wait for a writer, except for the rare
     * recovery after a crash, and then only this long. */
    sqlite3_busy_timeout (self->reader->db, 100);
  g_clear_error (&self->problem);
  self->problem = g_steal_pointer (&store->open_problem);
  if (self->problem != NULL)
    g_message ("%s", self->problem->message);
}

/* In the main context, once the writer thread has opened the file. */
static gboolean
deliver_opened (gpointer data)
{
  Store *store = data;
  DeskHistory *self = store->object;

  if (self == NULL)
    return G_SOURCE_REMOVE;
  take_opened (self, store);
  if (!g_atomic_int_get (&store->available))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* ---- the writer thread ---- */

static JsonObject *
parse_redacted (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  desk_history_redact (root);
  return json_object_ref (json_node_get_object (root));
}

static void
run_write (Store *store,
           Op    *op)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  DeskHistoryOwner *owner = store->owner;
  gboolean ok = TRUE;

  if (!g_atomic_int_get (&store->available) || (object = parse_redacted (op->json)) == NULL)
    return;
  switch (op->kind)
    {
    case OP_BEGIN:
      ok = desk_history_db_begin (store->worker_db, object, desk_history_owner_get_id (owner),
                                  desk_history_owner_get_pid (owner),
                                  desk_history_owner_get_started (owner), &error);
      break;
    case OP_SESSION:
      ok = desk_history_db_set_session (store->worker_db, op->attempt_id, object, &error);
      break;
    case OP_EVENT:
      ok = desk_history_db_append_event (store->worker_db, op->attempt_id, object, &error);
      break;
    case OP_EXCHANGE:
      ok = desk_history_db_append_exchange (store->worker_db, op->attempt_id, object, &error);
      break;
    case OP_FINISH:
      ok = desk_history_db_finish (store->worker_db, object, desk_history_owner_get_id (owner),
                                   desk_history_owner_get_pid (owner),
                                   desk_history_owner_get_started (owner), &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    mark_unavailable (store, error);
  else if (op->kind != OP_EVENT && op->kind != OP_EXCHANGE)
    post_changed (store);
}

static gint64
run_remove (Store   *store,
            Op      *op,
            GError **error)
{
  gint64 removed;

  if (!store->worker_db->writable || !g_atomic_int_get (&store->available))
    {
      g_set_error_literal (error, DESK_HISTORY_ERROR, DESK_HISTORY_ERROR_UNAVAILABLE,
                           _("History is unavailable: nothing can be deleted."));
      return -1;
    }
  if (op->kind == OP_DELETE)
    removed = desk_history_db_delete (store->worker_db, (const char * const *) op->ids, error);
  else if (op->kind == OP_CLEAR)
    removed = desk_history_db_clear (store->worker_db, error);
  else
    removed = desk_history_db_retain (store->worker_db, (guint) op->number, error);
  if (removed > 0)
    post_changed (store);
  return removed;
}

static gboolean
complete_op (gpointer data)
{
  Op *op = data;

  if (g_task_return_error_if_cancelled (op->task))
    return G_SOURCE_REMOVE;
  if (op->error != NULL)
    g_task_return_error (op->task, g_steal_pointer (&op->error));
  else if (op->kind == OP_GET || op->kind == OP_EXPORT || op->kind == OP_GET_EXCHANGES)
    {
      g_task_return_pointer (op->task, g_steal_pointer (&op->result), op->result_free);
      op->result_free = NULL;
    }
  else if (op->kind == OP_FLUSH)
    g_task_return_boolean (op->task, TRUE);
  else
    g_task_return_int (op->task, op->number);
  return G_SOURCE_REMOVE;
}

static void
run_task (Store *store,
          Op    *op)
{
  gboolean readable = store->worker_db != NULL;

  if (!readable && op->kind != OP_FLUSH)
    op->error = desk_history_unavailable_error (_("the history file cannot be read"));
  else if (op->kind == OP_GET)
    {
      op->result = desk_history_db_get_outcome (store->worker_db, store->owners_dir,
                                                op->attempt_id, &op->error);
      op->result_free = (GDestroyNotify) json_object_unref;
    }
  else if (op->kind == OP_GET_EXCHANGES)
    {
      op->result = desk_history_db_get_exchanges (store->worker_db, op->attempt_id, &op->error);
      op->result_free = (GDestroyNotify) json_array_unref;
    }
  else if (op->kind == OP_EXPORT)
    {
      op->result = desk_history_db_export (store->worker_db, store->owners_dir, op->since,
                                           (const char * const *) op->ids, &op->error);
      op->result_free = (GDestroyNotify) json_node_unref;
    }
  else if (op->kind == OP_DELETE || op->kind == OP_CLEAR || op->kind == OP_RETAIN)
    op->number = run_remove (store, op, &op->error);
  /* Completed in the task's own context, so the last unref of everything it holds is there. */
  deliver_in (g_task_get_context (op->task), complete_op, op, (GDestroyNotify) op_free);
}

static gpointer
writer_main (gpointer data)
{
  Store *store = data;

  if (!store->opened)
    {
      store_open_files (store);
      deliver_in (store->context, deliver_opened, store_ref (store),
                  (GDestroyNotify) store_unref);
    }

  for (;;)
    {
      Op *op = g_async_queue_pop (store->queue);

      if (op->kind == OP_QUIT)
        {
          op_free (op);
          break;
        }
      if (op->task != NULL)
        {
          run_task (store, op);
          continue;
        }
      if (op->kind == OP_MAX_PAGES && store->worker_db != NULL)
        {
          g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                                                  op->number);
          desk_history_db_exec (store->worker_db, sql, NULL);
        }
      else if (op->kind != OP_MAX_PAGES && store->worker_db != NULL &&
               store->worker_db->writable)
        run_write (store, op);
      op_free (op);
    }
  g_clear_pointer (&store->worker_db, desk_history_db_free);
  store_unref (store);
  return NULL;
}

void
desk_history_enqueue (DeskHistory *self,
                      Op          *op)
{
  g_async_queue_push (self->store->queue, op);
}

/* ---- the object ---- */

static void
desk_history_dispose (GObject *object)
{
  DeskHistory *self = DESK_HISTORY (object);

  /* The reader goes first, so that the writer, closing last, checkpoints the log into the
   * file. Everything handed over is written before the thread ends: a quit loses nothing. */
  g_clear_pointer (&self->reader, desk_history_db_free);
  if (self->thread != NULL)
    {
      Op *quit = g_new0 (Op, 1);

      quit->kind = OP_QUIT;
      desk_history_enqueue (self, quit);
      g_thread_join (g_steal_pointer (&self->thread));
    }
  if (self->store != NULL)
    {
      self->store->object = NULL;
      g_clear_pointer (&self->store, store_unref);
    }
  G_OBJECT_CLASS (desk_history_parent_class)->dispose (object);
}

static void
desk_history_finalize (GObject *object)
{
  DeskHistory *self = DESK_HISTORY (object);

  g_clear_error (&self->problem);
  G_OBJECT_CLASS (desk_history_parent_class)->finalize (object);
}

static void
desk_history_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DeskHistory *self = DESK_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, desk_history_get_path (self));
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, desk_history_get_available (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_history_class_init (DeskHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_history_dispose;
  object_class->finalize = desk_history_finalize;
  object_class->get_property = desk_history_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DeskHistory::changed:
   *
   * The list of attempts changed: one began, got its session or ended, or some were deleted.
   * Emitted in the main context, at most once per main-loop turn (timeline events do not
   * change the list and do not emit it).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
desk_history_init (DeskHistory *self)
{
}

char *
desk_history_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "consent-desk", "history.db", NULL);
}

static DeskHistory *
history_start (Store *store)
{
  DeskHistory *self = g_object_new (DESK_TYPE_HISTORY, NULL);

  self->store = store;
  store->object = self;
  if (store->opened)
    take_opened (self, store);
  self->thread = g_thread_new ("desk-history", writer_main, store_ref (store));
  return self;
}

DeskHistory *
desk_history_new (const char *path)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  return history_start (store_new (path, context));
}

DeskHistory *
desk_history_open_sync (const char *path)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  Store *store = store_new (path, context);

  store_open_files (store);
  return history_start (store);
}

void
desk_history_open_async (const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  DeskHistory *self = desk_history_new (path);
  Op *op = desk_history_task_op (OP_FLUSH, desk_history_open_async, cancellable, callback,
                                 user_data);

  /* Completed after the file is open (the writer's first job), with the new store. */
  g_task_set_task_data (op->task, self, g_object_unref);
  desk_history_enqueue (self, op);
}

DeskHistory *
desk_history_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (desk_history_task_valid (result, desk_history_open_async), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_object_ref (g_task_get_task_data (G_TASK (result)));
}

const char *
desk_history_get_path (DeskHistory *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), NULL);

  return self->store->path;
}

gboolean
desk_history_get_available (DeskHistory *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);

  return g_atomic_int_get (&self->store->available);
}

const GError *
desk_history_get_problem (DeskHistory *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), NULL);

  return self->problem;
}

DeskHistoryDb *
desk_history_get_reader (DeskHistory *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), NULL);

  return self->reader;
}

const char *
desk_history_get_owners_dir (DeskHistory *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), NULL);

  return self->store->owners_dir;
}

/* ---- writes ---- */

void
desk_history_enqueue_write (DeskHistory *self,
                            OpKind       kind,
                            const char  *attempt_id,
                            JsonObject  *object)
{
  g_autoptr(JsonNode) node = NULL;
  Op *op;

  /* Serialised here: the caller keeps its object and may change it as soon as we return. */
  if (!g_atomic_int_get (&self->store->available))
    return;
  node = json_node_init_object (json_node_alloc (), object);
  op = g_new0 (Op, 1);
  op->kind = kind;
  op->attempt_id = g_strdup (attempt_id);
  op->json = json_to_string (node, FALSE);
  desk_history_enqueue (self, op);
}

/* ---- queued tasks ---- */

Op *
desk_history_task_op (OpKind               kind,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Op *op = g_new0 (Op, 1);

  /* No source object: the task must never hold the store's last reference in its thread. */
  op->kind = kind;
  op->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, source_tag);
  return op;
}

gboolean
desk_history_task_valid (GAsyncResult *result,
                         gpointer      source_tag)
{
  return g_task_is_valid (result, NULL) && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

