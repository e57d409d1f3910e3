/* desk-history-open.c — opening the history file: permissions, migration, recovery
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk-history-private.h"

/* The file is made 0600 before SQLite sees it: SQLite gives the -wal and -shm files the
 * database file's mode. An older, wider file is narrowed. */
static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  GStatBuf st;
  int fd;

  if (g_stat (path, &st) == 0)
    {
      if (S_ISREG (st.st_mode) && (st.st_mode & 077) != 0)
        g_chmod (path, st.st_mode & 0700);
      return TRUE;
    }
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved = errno;
      g_set_error (error, DESK_HISTORY_SQLITE_ERROR, SQLITE_CANTOPEN, "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
  return TRUE;
}

static DeskHistoryDb *
open_writable (const char  *path,
               GError     **error)
{
  g_autoptr(DeskHistoryDb) db = NULL;

  if (!prepare_file (path, error) || (db = desk_history_db_open (path, TRUE, error)) == NULL ||
      !desk_history_db_migrate (db, error))
    return NULL;
  return g_steal_pointer (&db);
}

static gboolean
directory_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return access (dir, W_OK | X_OK) == 0;
}

/* Damage SQLite reports, or a file that exists in a writable place but cannot be opened. A
 * newer schema or a read-only place is not damage: that file is left alone. */
static gboolean
is_damage (const char   *path,
           const GError *error)
{
  if (error->domain != DESK_HISTORY_SQLITE_ERROR || !directory_writable (path))
    return FALSE;
  return error->code == SQLITE_CORRUPT || error->code == SQLITE_NOTADB ||
         ((error->code == SQLITE_CANTOPEN || error->code == SQLITE_PERM ||
           error->code == SQLITE_IOERR) && g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Looked at before SQLite opens the file for writing: a writable connection to a damaged file
 * may checkpoint or delete its -wal on closing, and that log may hold the newest attempts. */
static gboolean
looks_damaged (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskHistoryDb) db = NULL;
  g_autofree char *head = NULL;
  gsize length = 0;
  GStatBuf st;
  int fd;

  if (g_stat (path, &st) != 0 || (S_ISREG (st.st_mode) && st.st_size == 0))
    return FALSE;
  if (!S_ISREG (st.st_mode))
    return TRUE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return errno != ENOENT && errno != EROFS;
  head = g_malloc0 (sizeof magic);
  length = read (fd, head, sizeof magic);
  close (fd);
  if (length < sizeof magic || memcmp (head, magic, sizeof magic) != 0)
    return TRUE;
  db = desk_history_db_open (path, FALSE, &error);
  return db == NULL && error->domain == DESK_HISTORY_SQLITE_ERROR &&
         (error->code == SQLITE_CORRUPT || error->code == SQLITE_NOTADB);
}

/* history.db → history.db.corrupt-<UTC time>, with its -wal and -shm: never deleted, so what
 * it held can still be rescued by hand. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  static const char * const companions[] = { "-wal", "-shm", "-journal" };

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);
    }
  if (g_rename (path, target) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (target, companions[i], NULL);
      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  return g_steal_pointer (&target);
}

GError *
desk_history_unavailable_error (const char *reason)
{
  return g_error_new (DESK_HISTORY_ERROR, DESK_HISTORY_ERROR_UNAVAILABLE,
                      _("History is unavailable: %s. Attempts still work but are not recorded."),
                      reason);
}

static GError *
unavailable (const char   *what,
             const GError *error)
{
  g_autofree char *reason = g_strdup_printf ("%s (%s)", what, error->message);

  return desk_history_unavailable_error (reason);
}

/* A store that cannot write may still show what an earlier run recorded. */
static DeskHistoryDb *
open_read_only (const char *path)
{
  g_autoptr(DeskHistoryDb) db = desk_history_db_open (path, FALSE, NULL);
  sqlite3_stmt *stmt;
  gint64 version = -1;

  if (db == NULL || (stmt = desk_history_db_prepare (db, "PRAGMA user_version")) == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version == DESK_HISTORY_SCHEMA_VERSION ? g_steal_pointer (&db) : NULL;
}

static DeskHistoryDb *
open_or_recover (const char  *path,
                 GError     **problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  DeskHistoryDb *db = NULL;

  if (looks_damaged (path) && directory_writable (path))
    g_set_error_literal (&error, DESK_HISTORY_SQLITE_ERROR, SQLITE_NOTADB, "damaged");
  else
    db = open_writable (path, &error);
  if (db != NULL || !is_damage (path, error))
    {
      if (db == NULL)
        *problem = unavailable (_("the history file cannot be written"), error);
      return db;
    }
  g_message ("History file %s is damaged: %s", path, error->message);
  g_clear_error (&error);
  if ((moved = move_aside (path, &error)) == NULL)
    {
      *problem = unavailable (_("the damaged history file cannot be moved aside"), error);
      return NULL;
    }
  db = open_writable (path, &error);
  if (db == NULL)
    *problem = unavailable (_("a new history file cannot be created"), error);
  else
    *problem = g_error_new (DESK_HISTORY_ERROR, DESK_HISTORY_ERROR_CORRUPT,
                            _("The history file was damaged and could not be read. It was "
                              "moved to “%s” and a new, empty history was started."), moved);
  return db;
}

/* Our own data directory is private (0700), even if something else created it wider; a
 * directory of another name (a test's, a custom path) is not ours to change. */
static void
tighten_directory (const char *dir)
{
  g_autofree char *name = g_path_get_basename (dir);
  GStatBuf st;

  if (g_str_equal (name, "consent-desk") && g_stat (dir, &st) == 0 && (st.st_mode & 077) != 0)
    g_chmod (dir, st.st_mode & 0700);
}

/* Returns the writer's connection (read-only when the file cannot be written, NULL when it
 * cannot be read either); *@problem says what went wrong, if anything. */
DeskHistoryDb *
desk_history_open_files (const char        *path,
                         const char        *owners_dir,
                         DeskHistoryOwner **owner,
                         DeskHistoryDb    **reader,
                         GError           **problem)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(DeskHistoryDb) db = NULL;
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *reason = g_strdup_printf ("%s: %s", dir, g_strerror (saved));
      *problem = desk_history_unavailable_error (reason);
      return NULL;
    }
  tighten_directory (dir);
  db = open_or_recover (path, problem);
  if (db != NULL && ((*owner = desk_history_owner_new (owners_dir, &error)) == NULL ||
                     !desk_history_owner_sweep (db, owners_dir, &error)))
    {
      g_clear_error (problem);
      *problem = unavailable (_("the history cannot be shared with other windows"), error);
      g_clear_pointer (owner, desk_history_owner_free);
      g_clear_pointer (&db, desk_history_db_free);
    }
  if (db == NULL)
    {
      *reader = open_read_only (path);
      return *reader ? open_read_only (path) : NULL;
    }
  *reader = open_read_only (path);
  return g_steal_pointer (&db);
}
