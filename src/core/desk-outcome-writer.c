/* desk-outcome-writer.c — --outcome-json and --har: where a script's file goes, checked first
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "desk-outcome-writer.h"

static gboolean
fail (GError     **error,
      int          saved_errno,
      const char  *option,
      const char  *path,
      const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: "--outcome-json: cannot write /x/y.json: No such file or directory" */
               _("%s: cannot write %s: %s"), option, path,
               what != NULL ? what : g_strerror (saved_errno));
  return FALSE;
}

gboolean
desk_outcome_writer_check (const char  *option,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *directory = NULL;
  struct stat info;

  g_return_val_if_fail (option != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_str_equal (path, "-"))
    return TRUE;

  if (*path == '\0')
    return fail (error, ENOENT, option, path, _("the path is empty"));

  /* stat() follows a symlink: what counts is where the bytes will land. */
  if (g_stat (path, &info) == 0)
    {
      if (S_ISDIR (info.st_mode))
        return fail (error, EISDIR, option, path, _("it is a directory"));
      if (g_access (path, W_OK) != 0)
        return fail (error, errno, option, path, NULL);
      if (!S_ISREG (info.st_mode))
        return TRUE;  /* a device or a FIFO: written through */
    }
  else if (errno != ENOENT)
    {
      return fail (error, errno, option, path, NULL);
    }

  /* A regular file is replaced by a rename in its directory, so that must be writable too. */
  directory = g_path_get_dirname (path);
  if (g_stat (directory, &info) != 0)
    return fail (error, errno, option, path, _("its folder does not exist"));
  if (!S_ISDIR (info.st_mode))
    return fail (error, ENOTDIR, option, path, _("its folder is not a folder"));
  if (g_access (directory, W_OK | X_OK) != 0)
    return fail (error, errno, option, path, _("its folder cannot be written to"));

  return TRUE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           GError     **error,
           const char  *path)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return fail (error, written < 0 ? errno : EIO, "write", path, NULL);

      data += written;
      length -= (gsize) written;
    }

  return TRUE;
}

/* Devices, FIFOs (>(jq .)) and the targets of symlinks: never replaced, only written. */
static gboolean
write_through (const char  *path,
               GBytes      *contents,
               GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  struct stat info;
  int flags = O_WRONLY | O_CREAT | O_NOCTTY | O_CLOEXEC;
  gboolean ok;
  int fd;

  /* Only a regular file behind a symlink is emptied first; a device or a pipe never is. */
  if (g_stat (path, &info) == 0 && S_ISREG (info.st_mode))
    flags |= O_TRUNC;

  fd = g_open (path, flags, 0600);
  if (fd < 0)
    return fail (error, errno, "write", path, NULL);

  ok = write_all (fd, data, length, error, path);
  if (close (fd) != 0 && ok)
    ok = fail (error, errno, "write", path, NULL);

  return ok;
}

/* A reader never sees half an object; the file keeps its permissions (new files 0600). */
static gboolean
replace_regular (const char   *path,
                 GBytes       *contents,
                 mode_t        mode,
                 GError      **error)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *temporary = g_build_filename (directory, ".consent-desk-XXXXXX", NULL);
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  gboolean ok;
  int fd;

  fd = g_mkstemp_full (temporary, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return fail (error, errno, "write", path, NULL);

  ok = write_all (fd, data, length, error, path)
       && (fchmod (fd, mode) == 0 || fail (error, errno, "write", path, NULL))
       && (fsync (fd) == 0 || fail (error, errno, "write", path, NULL));
  if (close (fd) != 0 && ok)
    ok = fail (error, errno, "write", path, NULL);
  if (ok && g_rename (temporary, path) != 0)
    ok = fail (error, errno, "write", path, NULL);
  if (!ok)
    g_unlink (temporary);

  return ok;
}

gboolean
desk_outcome_writer_write (const char  *path,
                           GBytes      *contents,
                           GError     **error)
{
  struct stat info;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (g_str_equal (path, "-"))
    {
      gsize length;
      const char *data = g_bytes_get_data (contents, &length);

      /* Standard output as it is: never reopened, never truncated. */
      return write_all (STDOUT_FILENO, data, length, error, _("standard output"));
    }

  if (g_lstat (path, &info) == 0)
    {
      if (S_ISLNK (info.st_mode) || !S_ISREG (info.st_mode))
        return write_through (path, contents, error);
      return replace_regular (path, contents, info.st_mode & 07777, error);
    }

  return replace_regular (path, contents, 0600, error);
}

typedef struct
{
  char   *path;
  GBytes *contents;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_bytes_unref (job->contents);
  g_free (job);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (desk_outcome_writer_write (job->path, job->contents, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
desk_outcome_writer_write_async (const char          *path,
                                 GBytes              *contents,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (contents != NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (path);
  job->contents = g_bytes_ref (contents);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_outcome_writer_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
desk_outcome_writer_write_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
