/* test-common.c — the shared test library keeps its promises (suite unit)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "desk-test.h"
#include "desk-test-server.h"

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
set_flag_once (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A condition that becomes true on a later iteration is seen; one that never does times out
 * within its bound, and reports it. */
static void
test_wait_until (void)
{
  gboolean flag = FALSE;
  gint64 started;

  g_idle_add (set_flag_once, &flag);
  g_assert_true (desk_test_wait_until (flag_is_set, &flag, 5000));

  flag = FALSE;
  started = g_get_monotonic_time ();
  g_assert_false (desk_test_wait_until (flag_is_set, &flag, 50));
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 50 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  /* Already true: no iteration needed, even with no time at all. */
  flag = TRUE;
  g_assert_true (desk_test_wait_until (flag_is_set, &flag, 0));
}

static void
test_wait_or_fail (void)
{
  if (g_test_subprocess ())
    {
      gboolean flag = FALSE;

      desk_test_wait_or_fail (flag_is_set, &flag, 10, "a flag nobody sets");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Timed out after 10 ms waiting for a flag nobody sets*");
}

static gboolean
emit_notify (gpointer data)
{
  g_object_notify (data, "name");
  return G_SOURCE_REMOVE;
}

/* Counts from the watch on, in any signature (notify has a detail and a GParamSpec). */
static void
test_signal_watch (void)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("act", NULL);
  g_autoptr(DeskTestSignal) watch = NULL;

  g_object_notify (G_OBJECT (action), "name");  /* before the watch: not counted */
  watch = desk_test_signal_watch (action, "notify::name");
  g_assert_cmpuint (desk_test_signal_count (watch), ==, 0);

  g_object_notify (G_OBJECT (action), "name");
  g_object_notify (G_OBJECT (action), "enabled");  /* another detail: not counted */
  g_assert_cmpuint (desk_test_signal_count (watch), ==, 1);

  g_idle_add (emit_notify, action);
  g_assert_true (desk_test_signal_wait (watch, 2, 5000));
  g_assert_false (desk_test_signal_wait (watch, 3, 20));

  g_idle_add (emit_notify, action);
  g_assert_true (desk_test_wait_for_signal (action, "notify::name", 5000));
  g_assert_false (desk_test_wait_for_signal (action, "notify::name", 20));
}

/* A signal with a return value: the watch leaves it at its default. */
static void
test_signal_return_value (void)
{
  g_autoptr(DeskTestSignal) watch = NULL;
  g_autoptr(GSocketService) service = g_socket_service_new ();
  gboolean handled = TRUE;

  watch = desk_test_signal_watch (service, "incoming");
  g_signal_emit_by_name (service, "incoming", NULL, NULL, &handled);
  g_assert_cmpuint (desk_test_signal_count (watch), ==, 1);
  g_assert_false (handled);
}

/* The instance may go before the watch. */
static void
test_signal_instance_gone (void)
{
  GSimpleAction *action = g_simple_action_new ("act", NULL);
  g_autoptr(DeskTestSignal) watch = desk_test_signal_watch (action, "notify");

  g_object_unref (action);
  g_assert_cmpuint (desk_test_signal_count (watch), ==, 0);
}

static void
test_remove_tree (void)
{
  g_autofree char *scratch = desk_test_make_scratch_dir ("desk-test-common-XXXXXX");
  g_autofree char *outside = desk_test_make_scratch_dir ("desk-test-outside-XXXXXX");
  g_autofree char *kept = g_build_filename (outside, "kept", NULL);
  g_autofree char *deep = g_build_filename (scratch, "a", "b", NULL);
  g_autofree char *file = g_build_filename (deep, "file", NULL);
  g_autofree char *link = g_build_filename (scratch, "a", "link", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (deep, 0700), ==, 0);
  g_file_set_contents (file, "x", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (kept, "kept", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink (outside, link), ==, 0);

  desk_test_remove_tree (scratch);

  g_assert_false (g_file_test (scratch, G_FILE_TEST_EXISTS));
  /* The link went, not what it pointed at. */
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  desk_test_remove_tree (outside);
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
}

static void
test_run_wait (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  DeskTestRun run;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, "sh", "-c", "echo out; echo err >&2; exit 3", NULL);
  g_assert_no_error (error);

  desk_test_run_wait (&run, process, 30000);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpstr (run.out, ==, "out\n");
  g_assert_cmpstr (run.err, ==, "err\n");
  desk_test_run_clear (&run);
  g_assert_null (run.out);
}

static void
on_hello (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "hello", 5);
}

typedef struct
{
  GBytes *body;
  GError *error;
  gboolean done;
} Fetch;

static void
fetched (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &fetch->error);
  fetch->done = TRUE;
}

static gboolean
fetch_done (gpointer data)
{
  return ((Fetch *) data)->done;
}

static void
test_server (void)
{
  g_autoptr(SoupServer) server = desk_test_server_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = desk_test_server_get_url (server, "/hello");
  g_autofree char *prefix = g_strdup_printf ("http://127.0.0.1:%u/",
                                             desk_test_server_get_port (server));
  Fetch fetch = { NULL, NULL, FALSE };

  g_assert_cmpuint (desk_test_server_get_port (server), >, 0);
  g_assert_true (g_str_has_prefix (url, prefix));

  soup_server_add_handler (server, "/hello", on_hello, NULL, NULL);
  message = soup_message_new ("GET", url);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, fetched, &fetch);
  desk_test_wait_or_fail (fetch_done, &fetch, 30000, "the server's answer");

  g_assert_no_error (fetch.error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
  g_assert_cmpmem (g_bytes_get_data (fetch.body, NULL), g_bytes_get_size (fetch.body),
                   "hello", 5);
  g_bytes_unref (fetch.body);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/common/wait-until", test_wait_until);
  g_test_add_func ("/common/wait-or-fail", test_wait_or_fail);
  g_test_add_func ("/common/signal/watch", test_signal_watch);
  g_test_add_func ("/common/signal/return-value", test_signal_return_value);
  g_test_add_func ("/common/signal/instance-gone", test_signal_instance_gone);
  g_test_add_func ("/common/remove-tree", test_remove_tree);
  g_test_add_func ("/common/run-wait", test_run_wait);
  g_test_add_func ("/common/server", test_server);

  return g_test_run ();
}
