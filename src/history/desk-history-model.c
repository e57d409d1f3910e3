/* desk-history-model.c — the recorded attempts as a GListModel, newest first, read by pages
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include "desk-history-model.h"
#include "desk-history-private.h"

/* Reads run in the main context, synchronously, on the store's own read connection. They are
 * short by construction: a count and a page of PAGE_SIZE rows over attempts_by_time, which
 * holds the search column, so even a search of 10,000 attempts reads one index (the benchmark
 * measures it, a few milliseconds). In WAL mode a reader never waits for the writer, and its
 * busy timeout is bounded for the rare case (recovery after a crash) where it could. */
#define PAGE_SIZE 50
#define MAX_PAGES 40

struct _DeskHistoryModel
{
  GObject       parent_instance;
  DeskHistory  *history;
  char         *search;
  char         *search_key;
  char         *environment;
  char         *outcome;
  char         *where;       /* the filter, with numbered parameters */
  gint64        snapshot;    /* rows inserted after the last reload are not counted yet */
  guint         n_items;
  GHashTable   *pages;       /* page number → GPtrArray of DeskHistoryEntry */
  sqlite3_stmt *page_stmt;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskHistoryModel, desk_history_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum { PROP_0, PROP_HISTORY, PROP_SEARCH, PROP_ENVIRONMENT, PROP_OUTCOME, N_PROPS };
static GParamSpec *properties[N_PROPS];

static sqlite3 *
reader (DeskHistoryModel *self)
{
  DeskHistoryDb *db = self->history ? desk_history_get_reader (self->history) : NULL;

  return db ? db->db : NULL;
}

/* ?1 snapshot, ?2 search key, ?3 environment, ?4 outcome. */
static void
bind_filter (DeskHistoryModel *self,
             sqlite3_stmt     *stmt)
{
  sqlite3_bind_int64 (stmt, 1, self->snapshot);
  if (self->search_key != NULL)
    sqlite3_bind_text (stmt, 2, self->search_key, -1, SQLITE_STATIC);
  if (self->environment != NULL)
    sqlite3_bind_text (stmt, 3, self->environment, -1, SQLITE_STATIC);
  if (self->outcome != NULL && g_strcmp0 (self->outcome, "running") != 0)
    sqlite3_bind_text (stmt, 4, self->outcome, -1, SQLITE_STATIC);
}

static char *
build_where (DeskHistoryModel *self)
{
  /* "+rowid": the snapshot bound must not steer the planner to a scan of the table rows. */
  GString *where = g_string_new ("+rowid <= ?1");

  if (self->search_key != NULL)
    g_string_append (where, " AND instr(search_text, ?2) > 0");
  if (self->environment != NULL)
    g_string_append (where, " AND environment_id = ?3");
  if (g_strcmp0 (self->outcome, "running") == 0)
    g_string_append (where, " AND outcome IS NULL");
  else if (self->outcome != NULL)
    g_string_append (where, " AND outcome = ?4");
  return g_string_free (where, FALSE);
}

static gint64
query_int (sqlite3          *db,
           DeskHistoryModel *self,
           const char       *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_message ("History query failed: %s", sqlite3_errmsg (db));
      return 0;
    }
  if (self != NULL)
    bind_filter (self, stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

void
desk_history_model_reload (DeskHistoryModel *self)
{
  sqlite3 *db;
  guint old_n;
  g_autofree char *count_sql = NULL;
  g_autofree char *page_sql = NULL;

  g_return_if_fail (DESK_IS_HISTORY_MODEL (self));

  db = reader (self);
  old_n = self->n_items;
  g_hash_table_remove_all (self->pages);
  if (self->page_stmt != NULL)
    sqlite3_finalize (g_steal_pointer (&self->page_stmt));
  g_free (self->where);
  self->where = build_where (self);
  self->n_items = 0;
  if (db != NULL)
    {
      self->snapshot = query_int (db, NULL, "SELECT COALESCE(MAX(rowid), 0) FROM attempts");
      count_sql = g_strdup_printf ("SELECT count(*) FROM attempts WHERE %s", self->where);
      self->n_items = (guint) query_int (db, self, count_sql);
      page_sql = g_strdup_printf ("SELECT %s FROM attempts WHERE %s"
                                  " ORDER BY started_at DESC, rowid DESC LIMIT ?5 OFFSET ?6",
                                  desk_history_entry_columns, self->where);
      if (sqlite3_prepare_v2 (db, page_sql, -1, &self->page_stmt, NULL) != SQLITE_OK)
        g_message ("History query failed: %s", sqlite3_errmsg (db));
    }
  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
}

static GPtrArray *
load_page (DeskHistoryModel *self,
           guint             page)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  const char *owners_dir = desk_history_get_owners_dir (self->history);

  if (self->page_stmt != NULL)
    {
      sqlite3_reset (self->page_stmt);
      bind_filter (self, self->page_stmt);
      sqlite3_bind_int64 (self->page_stmt, 5, PAGE_SIZE);
      sqlite3_bind_int64 (self->page_stmt, 6, (gint64) page * PAGE_SIZE);
      while (sqlite3_step (self->page_stmt) == SQLITE_ROW)
        g_ptr_array_add (rows, desk_history_entry_new_from_row (self->page_stmt, owners_dir));
      sqlite3_reset (self->page_stmt);
    }
  /* Bounded memory however far the list is scrolled; a view keeps its own references. */
  if (g_hash_table_size (self->pages) >= MAX_PAGES)
    g_hash_table_remove_all (self->pages);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  return rows;
}

static GType
desk_history_model_get_item_type (GListModel *model)
{
  return DESK_TYPE_HISTORY_ENTRY;
}

static guint
desk_history_model_get_n_items (GListModel *model)
{
  return DESK_HISTORY_MODEL (model)->n_items;
}

static gpointer
desk_history_model_get_item (GListModel *model,
                             guint       position)
{
  DeskHistoryModel *self = DESK_HISTORY_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;
  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    rows = load_page (self, page);
  /* Rows deleted since the count: the "changed" that follows corrects the count. */
  if (position % PAGE_SIZE >= rows->len)
    return NULL;
  return g_object_ref (rows->pdata[position % PAGE_SIZE]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = desk_history_model_get_item_type;
  iface->get_n_items = desk_history_model_get_n_items;
  iface->get_item = desk_history_model_get_item;
}

static gboolean
replace (char       **field,
         const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
desk_history_model_set_search (DeskHistoryModel *self,
                               const char       *text)
{
  g_return_if_fail (DESK_IS_HISTORY_MODEL (self));

  if (!replace (&self->search, text))
    return;
  g_clear_pointer (&self->search_key, g_free);
  if (self->search != NULL)
    self->search_key = desk_history_search_key (self->search);
  desk_history_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
desk_history_model_get_search (DeskHistoryModel *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_MODEL (self), NULL);
  return self->search;
}

void
desk_history_model_set_environment (DeskHistoryModel *self,
                                    const char       *environment_id)
{
  g_return_if_fail (DESK_IS_HISTORY_MODEL (self));

  if (!replace (&self->environment, environment_id))
    return;
  desk_history_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
}

const char *
desk_history_model_get_environment (DeskHistoryModel *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_MODEL (self), NULL);
  return self->environment;
}

void
desk_history_model_set_outcome (DeskHistoryModel *self,
                                const char       *outcome)
{
  g_return_if_fail (DESK_IS_HISTORY_MODEL (self));

  if (!replace (&self->outcome, outcome))
    return;
  desk_history_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
}

const char *
desk_history_model_get_outcome (DeskHistoryModel *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_MODEL (self), NULL);
  return self->outcome;
}

static void
desk_history_model_constructed (GObject *object)
{
  DeskHistoryModel *self = DESK_HISTORY_MODEL (object);

  G_OBJECT_CLASS (desk_history_model_parent_class)->constructed (object);
  g_signal_connect_object (self->history, "changed", G_CALLBACK (desk_history_model_reload),
                           self, G_CONNECT_SWAPPED);
  desk_history_model_reload (self);
}

static void
desk_history_model_dispose (GObject *object)
{
  DeskHistoryModel *self = DESK_HISTORY_MODEL (object);

  if (self->page_stmt != NULL)
    sqlite3_finalize (g_steal_pointer (&self->page_stmt));
  g_hash_table_remove_all (self->pages);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (desk_history_model_parent_class)->dispose (object);
}

static void
desk_history_model_finalize (GObject *object)
{
  DeskHistoryModel *self = DESK_HISTORY_MODEL (object);

  g_hash_table_unref (self->pages);
  g_free (self->search);
  g_free (self->search_key);
  g_free (self->environment);
  g_free (self->outcome);
  g_free (self->where);
  G_OBJECT_CLASS (desk_history_model_parent_class)->finalize (object);
}

static void
desk_history_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskHistoryModel *self = DESK_HISTORY_MODEL (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_ENVIRONMENT:
      g_value_set_string (value, self->environment);
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_history_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DeskHistoryModel *self = DESK_HISTORY_MODEL (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    case PROP_SEARCH:
      desk_history_model_set_search (self, g_value_get_string (value));
      break;
    case PROP_ENVIRONMENT:
      desk_history_model_set_environment (self, g_value_get_string (value));
      break;
    case PROP_OUTCOME:
      desk_history_model_set_outcome (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_history_model_class_init (DeskHistoryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = desk_history_model_constructed;
  object_class->dispose = desk_history_model_dispose;
  object_class->finalize = desk_history_model_finalize;
  object_class->get_property = desk_history_model_get_property;
  object_class->set_property = desk_history_model_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, DESK_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, flags);
  properties[PROP_ENVIRONMENT] = g_param_spec_string ("environment", NULL, NULL, NULL, flags);
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_history_model_init (DeskHistoryModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

DeskHistoryModel *
desk_history_model_new (DeskHistory *history)
{
  g_return_val_if_fail (DESK_IS_HISTORY (history), NULL);

  return g_object_new (DESK_TYPE_HISTORY_MODEL, "history", history, NULL);
}
