/* fuzz-replay.c — runs a fuzz target over files and directories, without libFuzzer
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main of every tests/fuzz target when -Dfuzzing is false: each argument is a file or a
 * directory of files (a corpus), each file is given once to LLVMFuzzerTestOneInput. Used by
 * the unit suite to replay the seed corpora with gcc or clang, with or without sanitizers.
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "desk-fuzz.h"

/* Not every target has one; a weak reference is NULL when it does not. */
#pragma weak LLVMFuzzerInitialize

static guint
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);

  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);

  return 1;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
replay (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint count = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return replay_file (path);

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  /* Sorted, so a failure names the same seed on every run. */
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    count += replay (g_ptr_array_index (names, i));

  return count;
}

int
main (int   argc,
      char *argv[])
{
  guint count = 0;

  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize (&argc, &argv);

  if (argc < 2)
    g_error ("usage: %s FILE-OR-CORPUS-DIRECTORY…", argv[0]);

  for (int i = 1; i < argc; i++)
    count += replay (argv[i]);

  if (count == 0)
    g_error ("no input found in the corpus: a replay that runs nothing proves nothing");

  g_print ("%u input(s) replayed without a finding\n", count);

  return 0;
}
