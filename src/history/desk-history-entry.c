/* desk-history-entry.c — one recorded attempt as the History list shows it
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include "desk-history-entry.h"
#include "desk-history-private.h"

/* The string fields, in the order of desk_history_entry_columns (after started_at). */
enum
{
  F_ATTEMPT_ID, F_ENVIRONMENT_ID, F_ENVIRONMENT_NAME, F_END_USER_ID, F_END_USER_EMAIL,
  F_END_USER_NAME, F_INTEGRATION, F_OUTCOME, F_ERROR_TYPE, F_ERROR_ID, F_SESSION_ID, N_FIELDS
};

static const char * const field_names[N_FIELDS] = {
  "attempt-id", "environment-id", "environment-name", "end-user-id", "end-user-email",
  "end-user-name", "integration", "outcome", "error-type", "error-id", "session-id",
};

const char desk_history_entry_columns[] =
  "attempt_id, environment_id, environment_name, end_user_id, end_user_email, end_user_name,"
  " integration, outcome, error_type, error_id, session_id, started_at, owner_id";

struct _DeskHistoryEntry
{
  GObject    parent_instance;
  char      *fields[N_FIELDS];
  GDateTime *started_at;
};

G_DEFINE_FINAL_TYPE (DeskHistoryEntry, desk_history_entry, G_TYPE_OBJECT)

enum { PROP_0, PROP_STARTED_AT, PROP_FIRST_FIELD, N_PROPS = PROP_FIRST_FIELD + N_FIELDS };
static GParamSpec *properties[N_PROPS];

static void
desk_history_entry_finalize (GObject *object)
{
  DeskHistoryEntry *self = DESK_HISTORY_ENTRY (object);

  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->fields[i]);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  G_OBJECT_CLASS (desk_history_entry_parent_class)->finalize (object);
}

static void
desk_history_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskHistoryEntry *self = DESK_HISTORY_ENTRY (object);

  if (prop_id == PROP_STARTED_AT)
    g_value_set_boxed (value, self->started_at);
  else if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
    g_value_set_string (value, self->fields[prop_id - PROP_FIRST_FIELD]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
desk_history_entry_class_init (DeskHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_history_entry_finalize;
  object_class->get_property = desk_history_entry_get_property;

  properties[PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < N_FIELDS; i++)
    properties[PROP_FIRST_FIELD + i] =
      g_param_spec_string (field_names[i], NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_history_entry_init (DeskHistoryEntry *self)
{
}

/* A row of desk_history_entry_columns. */
DeskHistoryEntry *
desk_history_entry_new_from_row (sqlite3_stmt *stmt,
                                 const char   *owners_dir)
{
  DeskHistoryEntry *self = g_object_new (DESK_TYPE_HISTORY_ENTRY, NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *started_at = (const char *) sqlite3_column_text (stmt, N_FIELDS);

  for (guint i = 0; i < N_FIELDS; i++)
    self->fields[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i));
  if (self->fields[F_OUTCOME] == NULL)
    {
      const char *owner_id = (const char *) sqlite3_column_text (stmt, N_FIELDS + 1);
      gboolean alive = owner_id && desk_history_owner_alive (owners_dir, owner_id);
      self->fields[F_OUTCOME] = g_strdup (alive ? "running" : "interrupted");
    }
  if (started_at != NULL)
    self->started_at = g_date_time_new_from_iso8601 (started_at, utc);
  return self;
}

const char *
desk_history_entry_get_attempt_id (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_ATTEMPT_ID];
}

GDateTime *
desk_history_entry_get_started_at (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->started_at;
}

const char *
desk_history_entry_get_environment_id (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_ENVIRONMENT_ID];
}

const char *
desk_history_entry_get_environment_name (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_ENVIRONMENT_NAME];
}

const char *
desk_history_entry_get_end_user_id (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_END_USER_ID];
}

const char *
desk_history_entry_get_end_user_email (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_END_USER_EMAIL];
}

const char *
desk_history_entry_get_end_user_name (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_END_USER_NAME];
}

const char *
desk_history_entry_get_integration (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_INTEGRATION];
}

const char *
desk_history_entry_get_outcome (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_OUTCOME];
}

const char *
desk_history_entry_get_error_type (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_ERROR_TYPE];
}

const char *
desk_history_entry_get_error_id (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_ERROR_ID];
}

const char *
desk_history_entry_get_session_id (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->fields[F_SESSION_ID];
}
