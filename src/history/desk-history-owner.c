/* desk-history-owner.c — which process owns an unfinished attempt, and whether it still lives
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "desk-history-private.h"

struct _DeskHistoryOwner
{
  char   *id;
  char   *path;
  int     fd;
  gint64  pid;
  gint64  started;
};

/* Field 22 of /proc/self/stat: when the process started, in clock ticks after boot. Recorded
 * with the pid so a person reading the file can tell processes apart; the lock decides. */
static gint64
process_start_time (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (after = strrchr (stat, ')')) == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", 0);
  return g_strv_length (fields) > 19 ? g_ascii_strtoll (fields[19], NULL, 10) : 0;
}

static char *
lock_path (const char *owners_dir,
           const char *owner_id)
{
  g_autofree char *name = g_strconcat (owner_id, ".lock", NULL);

  return g_build_filename (owners_dir, name, NULL);
}

/* The file gets its final name only once it is locked, so nobody ever finds it unlocked while
 * its owner lives (which would read as a crashed owner). */
DeskHistoryOwner *
desk_history_owner_new (const char  *owners_dir,
                        GError     **error)
{
  g_autoptr(DeskHistoryOwner) owner = g_new0 (DeskHistoryOwner, 1);
  g_autofree char *temp = NULL;
  int saved;

  owner->fd = -1;
  owner->id = g_uuid_string_random ();
  owner->pid = getpid ();
  owner->started = process_start_time ();
  owner->path = lock_path (owners_dir, owner->id);
  temp = g_strconcat (owner->path, ".new", NULL);
  if (g_mkdir_with_parents (owners_dir, 0700) != 0 ||
      (owner->fd = g_open (temp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0 ||
      flock (owner->fd, LOCK_EX | LOCK_NB) != 0 || g_rename (temp, owner->path) != 0)
    {
      saved = errno;
      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", owners_dir,
                   g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&owner);
}

void
desk_history_owner_free (DeskHistoryOwner *owner)
{
  if (owner == NULL)
    return;
  if (owner->fd >= 0)
    {
      g_unlink (owner->path);
      close (owner->fd);
    }
  g_free (owner->id);
  g_free (owner->path);
  g_free (owner);
}

const char *
desk_history_owner_get_id (DeskHistoryOwner *owner)
{
  return owner ? owner->id : NULL;
}

gint64
desk_history_owner_get_pid (DeskHistoryOwner *owner)
{
  return owner ? owner->pid : 0;
}

gint64
desk_history_owner_get_started (DeskHistoryOwner *owner)
{
  return owner ? owner->started : 0;
}

/* Alive while someone holds the lock: the kernel drops it the moment a process dies, even by
 * SIGKILL, and it works across PID namespaces where a pid means nothing. When the lock cannot
 * be checked at all (an unreadable directory) the owner is taken as alive: never claim an
 * attempt interrupted that may still be running. */
gboolean
desk_history_owner_alive (const char *owners_dir,
                          const char *owner_id)
{
  g_autofree char *path = NULL;
  int fd;
  gboolean alive;

  if (owners_dir == NULL || owner_id == NULL || strchr (owner_id, '/') != NULL)
    return FALSE;
  path = lock_path (owners_dir, owner_id);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return errno != ENOENT;
  alive = flock (fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);
  return alive;
}

static gboolean
no_statement (DeskHistoryDb  *db,
              GError        **error)
{
  g_set_error (error, DESK_HISTORY_SQLITE_ERROR, SQLITE_ERROR, "%s", sqlite3_errmsg (db->db));
  return FALSE;
}

static gboolean
interrupt_owner (DeskHistoryDb  *db,
                 const char     *owner_id,
                 GError        **error)
{
  static const char sql[] =
    "UPDATE attempts SET outcome = 'interrupted' WHERE outcome IS NULL AND owner_id IS ?";
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql);
  int rc;

  if (stmt == NULL)
    return no_statement (db, error);
  if (owner_id != NULL)
    sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, desk_history_db_error (db, rc, "interrupt"));
      return FALSE;
    }
  return TRUE;
}

gboolean
desk_history_owner_sweep (DeskHistoryDb  *db,
                          const char     *owners_dir,
                          GError        **error)
{
  static const char sql[] = "SELECT DISTINCT owner_id FROM attempts WHERE outcome IS NULL";
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = desk_history_db_prepare (db, sql);

  if (stmt == NULL)
    return no_statement (db, error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *owner_id = (const char *) sqlite3_column_text (stmt, 0);
      if (!desk_history_owner_alive (owners_dir, owner_id))
        g_ptr_array_add (gone, g_strdup (owner_id));
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < gone->len; i++)
    {
      if (!interrupt_owner (db, gone->pdata[i], error))
        return FALSE;
      if (gone->pdata[i] != NULL)
        {
          g_autofree char *path = lock_path (owners_dir, gone->pdata[i]);
          g_unlink (path);
        }
    }
  return TRUE;
}
