/* test-command-line.c — design.md's command line, run as a script would run it (suite gui)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built consent-desk (CONSENT_DESK_PATH) as a subprocess and reads what a script
 * reads: the exit status, the outcome JSON and the messages on standard error. A SoupServer on
 * 127.0.0.1 plays Fiskil where the Sandbox cannot (a session that expires in seconds).
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "desk-test.h"
#include "desk-test-server.h"

#define WAIT_MS (120 * 1000)

static SoupServer *slow_fiskil;
static char *slow_fiskil_url;

/* The main loop keeps turning meanwhile, so the test's own server answers the subprocess. */
static void
run_consent_desk (DeskTestRun                *run,
                  gboolean            with_credentials,
                  const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) CONSENT_DESK_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "FISKIL_CLIENT_ID");
  g_subprocess_launcher_unsetenv (launcher, "FISKIL_CLIENT_SECRET");
  if (with_credentials)
    g_subprocess_launcher_setenv (launcher, "FISKIL_ACCESS_TOKEN", "test-token-never-shown",
                                  TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "FISKIL_ACCESS_TOKEN");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  desk_test_run_wait (run, process, WAIT_MS);

  g_test_message ("exit status %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
  g_assert_false (strstr (run->out, "test-token-never-shown") != NULL);
  g_assert_false (strstr (run->err, "test-token-never-shown") != NULL);
}

/* design.md: every key is always present. */
static JsonObject *
parse_outcome (JsonParser *parser,
               const char *json)
{
  static const char * const keys[] = {
    "outcome", "environment", "api_url", "request", "session", "callback", "error",
    "error_type", "error_description", "error_id", "error_uri", "api_error", "started_at",
    "finished_at",
  };
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!json_object_has_member (object, keys[i]))
        g_error ("The outcome JSON has no “%s”:\n%s", keys[i], json);
    }

  return object;
}

static void
test_help (void)
{
  static const char * const options[] = {
    "--environment", "--api-url", "--api-version", "--end-user-id", "--redirect-uri",
    "--cancel-uri", "--institution-id", "--permission", "--sandbox-outcome", "--start",
    "--outcome-json", "--quit-on-outcome",
  };
  const char * const args[] = { "--help", NULL };
  DeskTestRun run;

  run_consent_desk (&run, FALSE, args);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (run.out, options[i]));
  desk_test_run_clear (&run);
}

typedef struct
{
  const char *name;
  const char *args[8];
  gboolean    with_credentials;
  const char *expected;  /* the message names the problem */
} UsageCase;

static const UsageCase usage_cases[] = {
  { "api-version", { "--api-version=v3", NULL }, FALSE, "--api-version must be v1 or v2" },
  { "environment", { "--environment=staging", NULL }, FALSE, "--environment" },
  { "sandbox-outcome", { "--sandbox-outcome=NOT_A_TYPE", NULL }, FALSE, "--sandbox-outcome" },
  { "sandbox-outcome-elsewhere",
    { "--environment=production", "--sandbox-outcome=success", NULL }, FALSE,
    "--sandbox-outcome" },
  { "api-url", { "--api-url=ftp://127.0.0.1/", NULL }, FALSE, "--api-url" },
  { "api-url-with-sandbox",
    { "--environment=sandbox", "--api-url=http://127.0.0.1:1", NULL }, FALSE, "--api-url" },
  { "custom-without-url", { "--environment=custom", NULL }, FALSE, "--api-url" },
  { "unknown-option", { "--no-such-option", NULL }, FALSE, "--no-such-option" },
  { "unexpected-argument", { "stray", NULL }, FALSE, "stray" },
  { "start-without-end-user", { "--start", "--quit-on-outcome", NULL }, FALSE,
    "--end-user-id" },
  { "start-bad-redirect",
    { "--start", "--end-user-id=eu_1", "--redirect-uri=not a uri", NULL }, FALSE,
    "--redirect-uri" },
  { "start-without-credentials",
    { "--start", "--environment=production", "--end-user-id=eu_1",
      "--redirect-uri=https://integrator.example/done",
      "--cancel-uri=https://integrator.example/cancel", NULL }, FALSE,
    "FISKIL_ACCESS_TOKEN" },
};

static void
test_usage_error (gconstpointer data)
{
  const UsageCase *usage = data;
  DeskTestRun run;

  run_consent_desk (&run, usage->with_credentials, usage->args);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, usage->expected));
  g_assert_cmpstr (run.out, ==, "");
  desk_test_run_clear (&run);
}

static void
test_success (void)
{
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", "--sandbox-outcome=success",
    "--end-user-id=eu_cli_success", "--permission=accounts", "--permission=made_up", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *outcome;
  JsonObject *callback;
  JsonArray *permissions;
  DeskTestRun run;

  run_consent_desk (&run, FALSE, args);
  g_assert_cmpint (run.status, ==, 0);

  outcome = parse_outcome (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "success");
  g_assert_cmpstr (json_object_get_string_member (outcome, "environment"), ==, "sandbox");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (outcome,
                                                                                 "request"),
                                                  "end_user_id"), ==, "eu_cli_success");
  permissions = json_object_get_array_member (json_object_get_object_member (outcome, "request"),
                                              "permissions");
  g_assert_cmpuint (json_array_get_length (permissions), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (permissions, 1), ==, "made_up");
  g_assert_nonnull (json_object_get_object_member (outcome, "session"));
  callback = json_object_get_object_member (outcome, "callback");
  g_assert_nonnull (callback);
  g_assert_cmpstr (json_object_get_string_member (callback, "matched"), ==, "redirect");
  g_assert_true (json_object_get_null_member (outcome, "error_type"));

  /* The unknown permission was sent, with a warning. */
  g_assert_nonnull (strstr (run.err, "made_up"));
  desk_test_run_clear (&run);
}

static void
test_failure_to_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("consent-desk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "outcome.json", NULL);
  g_autofree char *option = g_strdup_printf ("--outcome-json=%s", path);
  const char * const args[] = {
    "--start", "--quit-on-outcome", option, "--sandbox-outcome=CONSENT_ENDUSER_DENIED",
    "--end-user-id=eu_cli_denied", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  JsonObject *outcome;
  DeskTestRun run;

  g_assert_nonnull (dir);
  run_consent_desk (&run, FALSE, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  outcome = parse_outcome (parser, contents);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "failure");
  g_assert_cmpstr (json_object_get_string_member (outcome, "error_type"), ==,
                   "CONSENT_ENDUSER_DENIED");
  g_assert_cmpstr (json_object_get_string_member (outcome, "error"), ==, "access_denied");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (outcome,
                                                                                 "callback"),
                                                  "matched"), ==, "cancel");
  desk_test_run_clear (&run);

  g_unlink (path);
  g_rmdir (dir);
}

static guint
dead_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  guint port;

  /* Bound, never listening, then closed: connections to it are refused. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

static void
test_api_error (void)
{
  g_autofree char *option = g_strdup_printf ("--api-url=http://127.0.0.1:%u", dead_port ());
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", option,
    "--end-user-id=eu_cli_api_error", "--redirect-uri=https://integrator.example/done",
    "--cancel-uri=https://integrator.example/cancel", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *outcome;
  DeskTestRun run;

  run_consent_desk (&run, TRUE, args);
  g_assert_cmpint (run.status, ==, 3);

  outcome = parse_outcome (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "api-error");
  g_assert_cmpstr (json_object_get_string_member (outcome, "environment"), ==, "custom");
  g_assert_true (json_object_get_null_member (outcome, "session"));
  g_assert_true (json_object_get_null_member (outcome, "callback"));
  g_assert_nonnull (json_object_get_object_member (outcome, "api_error"));
  desk_test_run_clear (&run);
}

static void
slow_fiskil_cb (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  if (g_str_equal (path, "/v1/auth/session"))
    {
      g_autofree char *body = NULL;

      body = g_strdup_printf ("{\"id\": \"test-client\", \"session_id\": \"sess_expiring\", "
                              "\"auth_url\": \"%s/auth/wait\", \"expires_at\": %" G_GINT64_FORMAT
                              "}",
                              slow_fiskil_url, g_get_real_time () / G_USEC_PER_SEC + 3);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        body, strlen (body));
    }
  else if (g_str_equal (path, "/auth/wait"))
    {
      static const char page[] =
        "<!doctype html><title>Consent</title><p>Waiting for the end user…</p>";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        page, strlen (page));
    }
  else
    {
      soup_server_message_set_status (message, 404, NULL);
    }
}

static void
test_expired (void)
{
  g_autofree char *option = g_strdup_printf ("--api-url=%s", slow_fiskil_url);
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", option, "--api-version=v2",
    "--end-user-id=eu_cli_expired", "--redirect-uri=https://integrator.example/done",
    "--cancel-uri=https://integrator.example/cancel", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *outcome;
  DeskTestRun run;

  run_consent_desk (&run, TRUE, args);
  g_assert_cmpint (run.status, ==, 1);

  outcome = parse_outcome (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "expired");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (outcome,
                                                                                 "session"),
                                                  "session_id"), ==, "sess_expiring");
  g_assert_true (json_object_get_null_member (outcome, "callback"));
  desk_test_run_clear (&run);
}

static void
start_slow_fiskil (void)
{
  slow_fiskil = desk_test_server_new ();
  soup_server_add_handler (slow_fiskil, NULL, slow_fiskil_cb, NULL, NULL);
  slow_fiskil_url = desk_test_server_get_url (slow_fiskil, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  start_slow_fiskil ();

  g_test_add_func ("/command-line/help", test_help);
  for (gsize i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/command-line/usage/%s", usage_cases[i].name);
      g_test_add_data_func (path, &usage_cases[i], test_usage_error);
    }
  g_test_add_func ("/command-line/success", test_success);
  g_test_add_func ("/command-line/failure-to-file", test_failure_to_file);
  g_test_add_func ("/command-line/api-error", test_api_error);
  g_test_add_func ("/command-line/expired", test_expired);

  status = g_test_run ();

  g_clear_object (&slow_fiskil);
  g_free (slow_fiskil_url);

  return status;
}
