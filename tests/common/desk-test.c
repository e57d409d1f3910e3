/* desk-test.c — the shared test library: bounded waits, signal waits, scratch directories,
 * subprocesses and tree removal
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "desk-test.h"

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
desk_test_wait_until (DeskTestCondition condition,
                      gpointer          data,
                      guint             timeout_ms)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GSource) timeout = g_timeout_source_new (timeout_ms);
  gboolean timed_out = FALSE;
  gboolean holds;

  g_return_val_if_fail (condition != NULL, FALSE);

  g_source_set_callback (timeout, set_flag, &timed_out, NULL);
  g_source_attach (timeout, context);

  while (!(holds = condition (data)) && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);

  return holds;
}

void
desk_test_wait_or_fail (DeskTestCondition  condition,
                        gpointer           data,
                        guint              timeout_ms,
                        const char        *what)
{
  if (!desk_test_wait_until (condition, data, timeout_ms))
    g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
}

gboolean
desk_test_pointer_is_cleared (gpointer data)
{
  g_return_val_if_fail (data != NULL, FALSE);

  return *(gpointer *) data == NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Signals                                                                                    */

struct _DeskTestSignal
{
  GWeakRef  instance;
  gulong    handler_id;
  guint     count;
};

/* A marshaller that ignores the signal's arguments, so one handler fits every signature; a
 * return value keeps the default its emitter initialised it to. */
static void
count_emission (GClosure     *closure,
                GValue       *return_value,
                guint         n_param_values,
                const GValue *param_values,
                gpointer      invocation_hint,
                gpointer      marshal_data)
{
  DeskTestSignal *watch = closure->data;

  watch->count++;
}

DeskTestSignal *
desk_test_signal_watch (gpointer    instance,
                        const char *detailed_signal)
{
  DeskTestSignal *watch;
  GClosure *closure;

  g_return_val_if_fail (G_IS_OBJECT (instance), NULL);
  g_return_val_if_fail (detailed_signal != NULL, NULL);

  watch = g_new0 (DeskTestSignal, 1);
  g_weak_ref_init (&watch->instance, instance);
  closure = g_closure_new_simple (sizeof (GClosure), watch);
  g_closure_set_marshal (closure, count_emission);
  watch->handler_id = g_signal_connect_closure (instance, detailed_signal, closure, FALSE);
  g_assert_cmpuint (watch->handler_id, !=, 0);

  return watch;
}

guint
desk_test_signal_count (DeskTestSignal *watch)
{
  g_return_val_if_fail (watch != NULL, 0);

  return watch->count;
}

typedef struct
{
  DeskTestSignal *watch;
  guint           count;
} SignalWait;

static gboolean
signal_count_reached (gpointer data)
{
  SignalWait *wait = data;

  return wait->watch->count >= wait->count;
}

gboolean
desk_test_signal_wait (DeskTestSignal *watch,
                       guint           count,
                       guint           timeout_ms)
{
  SignalWait wait = { watch, count };

  g_return_val_if_fail (watch != NULL, FALSE);

  return desk_test_wait_until (signal_count_reached, &wait, timeout_ms);
}

void
desk_test_signal_free (DeskTestSignal *watch)
{
  g_autoptr(GObject) instance = NULL;

  if (watch == NULL)
    return;

  /* A finalized instance has dropped its handlers, and with them the closure. */
  instance = g_weak_ref_get (&watch->instance);
  if (instance != NULL)
    g_signal_handler_disconnect (instance, watch->handler_id);
  g_weak_ref_clear (&watch->instance);
  g_free (watch);
}

gboolean
desk_test_wait_for_signal (gpointer    instance,
                           const char *detailed_signal,
                           guint       timeout_ms)
{
  g_autoptr(DeskTestSignal) watch = desk_test_signal_watch (instance, detailed_signal);

  return desk_test_signal_wait (watch, 1, timeout_ms);
}

/* ------------------------------------------------------------------------------------------ */
/* Directories                                                                                */

char *
desk_test_make_scratch_dir (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);

  return path;
}

char *
desk_test_make_private_directories (const char *template,
                                    gboolean    runtime_dir)
{
  const char * const variables[] = {
    "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
    "XDG_RUNTIME_DIR",
  };
  g_autofree char *scratch = desk_test_make_scratch_dir (template);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *path = NULL;

      if (!runtime_dir && g_str_equal (variables[i], "XDG_RUNTIME_DIR"))
        continue;

      path = g_build_filename (scratch, variables[i], NULL);
      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (variables[i], path, TRUE);
    }

  return g_steal_pointer (&scratch);
}

void
desk_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_if_fail (path != NULL);

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        desk_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

/* ------------------------------------------------------------------------------------------ */
/* Subprocesses                                                                               */

typedef struct
{
  DeskTestRun *run;
  gboolean     done;
} RunWait;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RunWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result,
                                        &wait->run->out, &wait->run->err, &error);
  g_assert_no_error (error);
  wait->run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  wait->done = TRUE;
}

static gboolean
run_done (gpointer data)
{
  return ((RunWait *) data)->done;
}

void
desk_test_run_wait (DeskTestRun *run,
                    GSubprocess *process,
                    guint        timeout_ms)
{
  RunWait wait = { run, FALSE };

  g_return_if_fail (run != NULL);
  g_return_if_fail (G_IS_SUBPROCESS (process));

  *run = (DeskTestRun) { -1, NULL, NULL };
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &wait);
  desk_test_wait_or_fail (run_done, &wait, timeout_ms, "the subprocess to exit");
}

GSubprocessLauncher *
desk_test_launcher_new (const char *access_token)
{
  GSubprocessLauncher *launcher;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "FISKIL_CLIENT_ID");
  g_subprocess_launcher_unsetenv (launcher, "FISKIL_CLIENT_SECRET");
  if (access_token != NULL)
    g_subprocess_launcher_setenv (launcher, "FISKIL_ACCESS_TOKEN", access_token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "FISKIL_ACCESS_TOKEN");

  return launcher;
}

void
desk_test_run_program (DeskTestRun         *run,
                       GSubprocessLauncher *launcher,
                       const char          *program,
                       const char * const  *args,
                       guint                timeout_ms,
                       const char          *secret)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (run != NULL);
  g_return_if_fail (G_IS_SUBPROCESS_LAUNCHER (launcher));

  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  desk_test_run_wait (run, process, timeout_ms);

  g_test_message ("exit status %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
  if (secret != NULL)
    {
      g_assert_null (strstr (run->out, secret));
      g_assert_null (strstr (run->err, secret));
    }
}

void
desk_test_run_clear (DeskTestRun *run)
{
  g_return_if_fail (run != NULL);

  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Files that must not hold a secret, and asynchronous results                               */

gboolean
desk_test_file_holds (const char *path,
                      const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize needle_length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  needle_length = strlen (needle);
  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  /* Byte by byte: binary files hold NULs that would stop a string search. */
  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (memcmp (contents + i, needle, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

guint
desk_test_assert_tree_free_of (const char         *directory,
                               const char * const *secrets,
                               gsize               n_secrets)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;
  guint n_files = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += desk_test_assert_tree_free_of (path, secrets, n_secrets);
          continue;
        }
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      n_files++;
      for (gsize i = 0; i < n_secrets; i++)
        {
          if (desk_test_file_holds (path, secrets[i]))
            g_error ("%s holds a secret", path);
        }
    }

  return n_files;
}

void
desk_test_keep_result (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

GAsyncResult *
desk_test_wait_for_result (GAsyncResult **slot,
                           guint          timeout_ms,
                           const char    *what)
{
  g_return_val_if_fail (slot != NULL, NULL);

  desk_test_wait_or_fail (result_arrived, slot, timeout_ms, what);
  return *slot;
}

/* ------------------------------------------------------------------------------------------ */
/* QR codes read back                                                                        */

gboolean
desk_test_have_zbarimg (void)
{
  if (g_file_test (DESK_TEST_ZBARIMG, G_FILE_TEST_IS_EXECUTABLE))
    return TRUE;

  g_printerr ("%s is missing: install Debian's zbar-tools\n", DESK_TEST_ZBARIMG);
  return FALSE;
}

char *
desk_test_read_qr_code (const char *png)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_return_val_if_fail (png != NULL, NULL);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, DESK_TEST_ZBARIMG, "--raw", "-q", png, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("zbarimg found no QR code in %s (exit %d): %s", png,
             g_subprocess_get_exit_status (process), err);

  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  return g_steal_pointer (&out);
}
