/* test-outcome-writer.c — --outcome-json's file rules: checked first, devices and pipes written
 * through, regular files replaced keeping their permissions, every write error reported
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "desk-outcome-writer.h"

static char *
scratch_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("consent-desk-writer-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static GBytes *
object_bytes (void)
{
  return g_bytes_new_static ("{\"outcome\": \"success\"}\n", 23);
}

static void
test_new_file_is_private (void)
{
  g_autofree char *dir = scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "outcome.json", NULL);
  g_autoptr(GBytes) bytes = object_bytes ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct stat info;

  g_assert_true (desk_outcome_writer_check ("--outcome-json", path, &error));
  g_assert_no_error (error);
  g_assert_true (desk_outcome_writer_write (path, bytes, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 07777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"outcome\": \"success\"}\n");

  remove_tree (dir);
}

static void
test_existing_file_keeps_permissions (void)
{
  g_autofree char *dir = scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "outcome.json", NULL);
  g_autoptr(GBytes) bytes = object_bytes ();
  g_autoptr(GError) error = NULL;
  struct stat info;

  g_assert_true (g_file_set_contents (path, "old and much longer contents", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  g_assert_true (desk_outcome_writer_write (path, bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 07777, ==, 0640);
  g_assert_cmpint (info.st_size, ==, 23);

  remove_tree (dir);
}

/* As root, renaming over /dev/null would replace the device for the whole machine. */
static void
test_device_written_through (void)
{
  g_autoptr(GBytes) bytes = object_bytes ();
  g_autoptr(GError) error = NULL;
  struct stat before, after;

  g_assert_cmpint (g_stat ("/dev/null", &before), ==, 0);
  g_assert_true (desk_outcome_writer_check ("--outcome-json", "/dev/null", &error));
  g_assert_true (desk_outcome_writer_write ("/dev/null", bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat ("/dev/null", &after), ==, 0);
  g_assert_true (S_ISCHR (after.st_mode));
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
}

static void
test_full_device_is_an_error (void)
{
  g_autoptr(GBytes) bytes = object_bytes ();
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here");
      return;
    }

  g_assert_false (desk_outcome_writer_write ("/dev/full", bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "/dev/full"));
}

typedef struct
{
  char    *path;
  GString *read;
} FifoReader;

static gpointer
read_fifo (gpointer data)
{
  FifoReader *reader = data;
  char buffer[256];
  gssize n;
  int fd = g_open (reader->path, O_RDONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (reader->read, buffer, n);
  close (fd);

  return NULL;
}

/* `--outcome-json=>(jq .)` hands over a pipe: it is written, never replaced. */
static void
test_fifo_written_through (void)
{
  g_autofree char *dir = scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "pipe", NULL);
  g_autoptr(GBytes) bytes = object_bytes ();
  g_autoptr(GError) error = NULL;
  FifoReader reader = { path, g_string_new (NULL) };
  GThread *thread;
  struct stat info;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_true (desk_outcome_writer_check ("--outcome-json", path, &error));
  thread = g_thread_new ("fifo-reader", read_fifo, &reader);
  g_assert_true (desk_outcome_writer_write (path, bytes, &error));
  g_assert_no_error (error);
  g_thread_join (thread);

  g_assert_cmpstr (reader.read->str, ==, "{\"outcome\": \"success\"}\n");
  g_assert_cmpint (g_lstat (path, &info), ==, 0);
  g_assert_true (S_ISFIFO (info.st_mode));

  g_string_free (reader.read, TRUE);
  remove_tree (dir);
}

static void
test_symlink_target_written (void)
{
  g_autofree char *dir = scratch_dir ();
  g_autofree char *target = g_build_filename (dir, "target.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autoptr(GBytes) bytes = object_bytes ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct stat info;

  g_assert_true (g_file_set_contents (target, "previous contents, longer", -1, NULL));
  g_assert_cmpint (symlink (target, link), ==, 0);

  g_assert_true (desk_outcome_writer_write (link, bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &info), ==, 0);
  g_assert_true (S_ISLNK (info.st_mode));
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"outcome\": \"success\"}\n");

  remove_tree (dir);
}

/* Found before the single-use session is spent. */
static void
test_check_refuses (void)
{
  g_autofree char *dir = scratch_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "outcome.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (desk_outcome_writer_check ("--outcome-json", missing, &error));
  g_assert_nonnull (strstr (error->message, "--outcome-json"));
  g_assert_nonnull (strstr (error->message, "folder does not exist"));
  g_clear_error (&error);

  g_assert_false (desk_outcome_writer_check ("--outcome-json", dir, &error));
  g_assert_nonnull (strstr (error->message, "directory"));
  g_clear_error (&error);

  g_assert_false (desk_outcome_writer_check ("--har", "", &error));
  g_assert_nonnull (strstr (error->message, "--har"));
  g_clear_error (&error);

  g_assert_true (desk_outcome_writer_check ("--outcome-json", "-", &error));
  g_assert_no_error (error);

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outcome-writer/new-file-is-private", test_new_file_is_private);
  g_test_add_func ("/outcome-writer/existing-file-keeps-permissions",
                   test_existing_file_keeps_permissions);
  g_test_add_func ("/outcome-writer/device-written-through", test_device_written_through);
  g_test_add_func ("/outcome-writer/full-device-is-an-error", test_full_device_is_an_error);
  g_test_add_func ("/outcome-writer/fifo-written-through", test_fifo_written_through);
  g_test_add_func ("/outcome-writer/symlink-target-written", test_symlink_target_written);
  g_test_add_func ("/outcome-writer/check-refuses", test_check_refuses);

  return g_test_run ();
}
