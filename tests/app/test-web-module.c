/* test-web-module.c — the built consent-desk when its web module cannot be loaded
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WebKit's part of Consent Desk is a module loaded at the first attempt that shows a page
 * (src/app/desk-web-module.h). A broken installation must not crash the app or leave an
 * attempt hanging: the attempt ends, and its outcome says that the web view could not be
 * loaded, and from where. Runs the built executable (CONSENT_DESK_PATH) as a script runs it,
 * with CONSENT_DESK_WEB_MODULE pointing at a file that is not the module.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "desk-test.h"

#define WAIT_MS 120000

static char *scratch;

typedef struct
{
  const char *name;
  const char *file;     /* in the scratch directory */
  const char *contents; /* NULL: the file does not exist */
} BrokenModule;

static const BrokenModule broken_modules[] = {
  { "missing", "no-such-dir/consent-desk-web.so", NULL },
  { "not-a-module", "consent-desk-web.so", "not a shared object\n" },
};

static void
test_broken_module (gconstpointer data)
{
  const BrokenModule *broken = data;
  g_autofree char *path = g_build_filename (scratch, broken->file, NULL);
  g_autoptr(GSubprocessLauncher) launcher = desk_test_launcher_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", "--sandbox-outcome=success",
    "--end-user-id=eu_web_module", NULL
  };
  const char *description;
  JsonObject *outcome;
  DeskTestRun run;

  if (broken->contents != NULL)
    g_assert_true (g_file_set_contents (path, broken->contents, -1, NULL));
  g_subprocess_launcher_setenv (launcher, "CONSENT_DESK_WEB_MODULE", path, TRUE);

  desk_test_run_program (&run, launcher, CONSENT_DESK_PATH, args, WAIT_MS, NULL);

  /* Ended, not crashed, and not a success. */
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  outcome = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), !=, "success");
  /* The session was created: only the page could not be shown. */
  g_assert_nonnull (json_object_get_object_member (outcome, "session"));
  description = json_object_get_string_member (outcome, "error_description");
  g_test_message ("error_description: %s", description);
  g_assert_nonnull (strstr (description, "web view could not be loaded"));
  g_assert_nonnull (strstr (description, path));
  desk_test_run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Every run records into a history of its own, never the person's. */
  scratch = desk_test_make_scratch_dir ("consent-desk-web-module-XXXXXX");
  g_setenv ("XDG_DATA_HOME", scratch, TRUE);

  for (gsize i = 0; i < G_N_ELEMENTS (broken_modules); i++)
    {
      g_autofree char *name = g_strdup_printf ("/web-module/%s", broken_modules[i].name);

      g_test_add_data_func (name, &broken_modules[i], test_broken_module);
    }

  status = g_test_run ();
  desk_test_remove_tree (scratch);
  g_free (scratch);

  return status;
}
