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

#include "desk-session-request.h"
#include "desk-test.h"
#include "desk-test-server.h"

#define WAIT_MS (120 * 1000)

static SoupServer *slow_fiskil;
static char *data_home;
static char *slow_fiskil_url;

/* The main loop keeps turning meanwhile, so the test's own server answers the subprocess.
 * @no_display: DISPLAY and WAYLAND_DISPLAY unset, as on a server with no screen. */
static void
run_consent_desk_full (DeskTestRun        *run,
                       gboolean            with_credentials,
                       gboolean            no_display,
                       const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  launcher = desk_test_launcher_new (with_credentials ? "test-token-never-shown" : NULL);
  if (no_display)
    {
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
    }

  desk_test_run_program (run, launcher, CONSENT_DESK_PATH, args, WAIT_MS,
                         "test-token-never-shown");
}

static void
run_consent_desk (DeskTestRun        *run,
                  gboolean            with_credentials,
                  const char * const *args)
{
  run_consent_desk_full (run, with_credentials, FALSE, args);
}

/* Runs consent-desk with @args: it must refuse with @status, print nothing on stdout, and name
 * on stderr each of the strings that follow (NULL-terminated). */
static void
assert_refused (gboolean            with_credentials,
                const char * const *args,
                int                 status,
                ...)
{
  DeskTestRun run;
  va_list expected;
  const char *text;

  run_consent_desk (&run, with_credentials, args);
  g_assert_cmpint (run.status, ==, status);
  va_start (expected, status);
  while ((text = va_arg (expected, const char *)) != NULL)
    g_assert_nonnull (strstr (run.err, text));
  va_end (expected);
  g_assert_cmpstr (run.out, ==, "");
  desk_test_run_clear (&run);
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

/* Runs consent-desk with @args: it must exit with @status and print the outcome JSON, which
 * @parser then holds. */
static JsonObject *
run_for_outcome (JsonParser         *parser,
                 gboolean            with_credentials,
                 const char * const *args,
                 int                 status)
{
  JsonObject *outcome;
  DeskTestRun run;

  run_consent_desk (&run, with_credentials, args);
  g_assert_cmpint (run.status, ==, status);
  outcome = parse_outcome (parser, run.out);
  desk_test_run_clear (&run);

  return outcome;
}

static void
test_help (void)
{
  static const char * const options[] = {
    "--environment", "--api-url", "--api-version", "--end-user-id", "--end-user-email",
    "--create-end-user", "--end-user-name", "--redirect-uri", "--cancel-uri",
    "--institution-id", "--permission", "--integration", "hand-off", "--sandbox-outcome",
    "--start", "--callback-uri", "--outcome-json", "--quit-on-outcome", "--har",
    "--print-curl", "--history-json", "--since",
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
  { "integration", { "--integration=iframe", "--start", NULL }, FALSE,
    "--integration must be redirect, popup, embedded or hand-off" },
  { "end-user-email-and-id",
    { "--start", "--end-user-email=alex@example.com", "--end-user-id=eu_1", NULL }, FALSE,
    "--end-user-email and --end-user-id" },
  { "end-user-email-not-an-email", { "--start", "--end-user-email=alex.example.com", NULL },
    FALSE, "--end-user-email: Enter an email address" },
  { "create-end-user-alone", { "--start", "--create-end-user", "--end-user-id=eu_1", NULL },
    FALSE, "--create-end-user needs --end-user-email" },
  { "end-user-name-alone", { "--start", "--end-user-name=Alex", "--end-user-id=eu_1", NULL },
    FALSE, "--end-user-name needs --end-user-email" },
  { "end-user-name-without-create",
    { "--start", "--end-user-email=alex@example.com", "--end-user-name=Alex", NULL }, FALSE,
    "--end-user-name only applies with --create-end-user" },
  { "print-curl-end-user-email",
    { "--print-curl", "--api-url=http://127.0.0.1:9", "--end-user-email=alex@example.com",
      NULL }, FALSE, "cannot look up --end-user-email" },
  { "callback-uri-without-hand-off",
    { "--start", "--end-user-id=eu_1",
      "--callback-uri=https://callback.consent-desk.invalid/cancel", NULL }, FALSE,
    "--callback-uri only applies with --integration=hand-off --start" },
  { "callback-uri-without-start",
    { "--integration=hand-off", "--callback-uri=https://callback.consent-desk.invalid/cancel",
      NULL }, FALSE, "--callback-uri only applies" },
  { "callback-uri-not-http",
    { "--start", "--integration=hand-off", "--end-user-id=eu_1",
      "--callback-uri=callback.consent-desk.invalid/cancel", NULL }, FALSE,
    "--callback-uri must be an absolute http or https address" },
  { "callback-uri-not-a-callback",
    { "--start", "--integration=hand-off", "--end-user-id=eu_1",
      "--callback-uri=https://elsewhere.example/cancel", NULL }, FALSE,
    "--callback-uri is neither the redirect URI" },
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
  { "since-alone", { "--since=2026-01-01", NULL }, FALSE, "--since" },
  { "since-not-a-time", { "--history-json=-", "--since=yesterday", NULL }, FALSE, "--since" },
  { "history-json-with-start",
    { "--history-json=-", "--start", "--end-user-id=eu_1", NULL }, FALSE, "--history-json" },
  { "history-json-no-directory",
    { "--history-json=/nonexistent-consent-desk-dir/history.json", NULL }, FALSE,
    "--history-json" },
  { "har-no-directory",
    { "--start", "--end-user-id=eu_1", "--har=/nonexistent-consent-desk-dir/a.har", NULL },
    FALSE, "--har" },
  { "print-curl-with-start", { "--print-curl", "--start", "--end-user-id=eu_1", NULL }, FALSE,
    "--print-curl" },
  { "print-curl-sandbox", { "--print-curl", "--end-user-id=eu_1", NULL }, FALSE,
    "--print-curl" },
  { "print-curl-without-end-user",
    { "--print-curl", "--api-url=http://127.0.0.1:9", NULL }, FALSE, "--end-user-id" },
};

static void
test_usage_error (gconstpointer data)
{
  const UsageCase *usage = data;

  assert_refused (usage->with_credentials, usage->args, 2, usage->expected, NULL);
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

  outcome = run_for_outcome (parser, TRUE, args, 3);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "api-error");
  g_assert_cmpstr (json_object_get_string_member (outcome, "environment"), ==, "custom");
  g_assert_true (json_object_get_null_member (outcome, "session"));
  g_assert_true (json_object_get_null_member (outcome, "callback"));
  g_assert_nonnull (json_object_get_object_member (outcome, "api_error"));
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
  else if (g_str_equal (path, "/v1/end-users"))
    {
      const char *email = query != NULL ? g_hash_table_lookup (query, "email") : NULL;
      static const char twins[] =
        "[{\"id\": \"eu_twin_1\", \"email\": \"twins@example.com\", \"name\": \"Sam\"}, "
        "{\"id\": \"eu_twin_2\", \"email\": \"TWINS@example.com\"}]";
      static const char broken[] =
        "{\"id\": \"err_store_down\", \"name\": \"InternalServerError\", "
        "\"message\": \"The end-user store is down.\"}";

      /* Two end users share one email here; any other look-up meets a broken store. */
      if (g_strcmp0 (email, "twins@example.com") == 0)
        {
          soup_server_message_set_status (message, 200, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                            twins, strlen (twins));
        }
      else
        {
          soup_server_message_set_status (message, 500, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                            broken, strlen (broken));
        }
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

  outcome = run_for_outcome (parser, TRUE, args, 1);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "expired");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (outcome,
                                                                                 "session"),
                                                  "session_id"), ==, "sess_expiring");
  g_assert_true (json_object_get_null_member (outcome, "callback"));
}

static void
start_slow_fiskil (void)
{
  slow_fiskil = desk_test_server_new ();
  soup_server_add_handler (slow_fiskil, NULL, slow_fiskil_cb, NULL, NULL);
  slow_fiskil_url = desk_test_server_get_url (slow_fiskil, NULL);
}

/* The recorded attempts, as --history-json prints them (a JSON array), with no display. */
static JsonArray *
history_json (JsonParser *parser,
              const char *since)
{
  g_autofree char *since_option = since != NULL ? g_strdup_printf ("--since=%s", since) : NULL;
  const char * const args[] = { "--history-json=-", since_option, NULL };
  g_autoptr(GError) error = NULL;
  DeskTestRun run;

  /* No window, no display needed: it must work over ssh and in CI without Xvfb. */
  run_consent_desk_full (&run, FALSE, TRUE, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  desk_test_run_clear (&run);

  return json_node_get_array (json_parser_get_root (parser));
}

static const char *
end_user_of (JsonArray *attempts,
             guint      index)
{
  JsonObject *attempt = json_array_get_object_element (attempts, index);

  return json_object_get_string_member (json_object_get_object_member (attempt, "request"),
                                        "end_user_id");
}

/* A scripted run is recorded; --history-json lists it first (newest first) with its outcome
 * and timeline; --since keeps out what started before it. */
static void
test_history_json (void)
{
  const char * const first[] = {
    "--start", "--quit-on-outcome", "--sandbox-outcome=success", "--end-user-id=eu_hist_1", NULL
  };
  const char * const second[] = {
    "--start", "--quit-on-outcome", "--sandbox-outcome=CONSENT_ENDUSER_DENIED",
    "--end-user-id=eu_hist_2", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) since_parser = json_parser_new ();
  g_autoptr(JsonParser) future_parser = json_parser_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autofree char *between = NULL;
  g_autofree char *future = g_date_time_format_iso8601 (later);
  JsonArray *attempts;
  JsonObject *newest;
  DeskTestRun run;

  run_consent_desk (&run, FALSE, first);
  g_assert_cmpint (run.status, ==, 0);
  desk_test_run_clear (&run);

  run_consent_desk (&run, FALSE, second);
  g_assert_cmpint (run.status, ==, 1);
  desk_test_run_clear (&run);

  attempts = history_json (parser, NULL);
  g_assert_cmpuint (json_array_get_length (attempts), >=, 2);
  g_assert_cmpstr (end_user_of (attempts, 0), ==, "eu_hist_2");
  g_assert_cmpstr (end_user_of (attempts, 1), ==, "eu_hist_1");
  newest = json_array_get_object_element (attempts, 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "outcome"), ==, "failure");
  g_assert_cmpstr (json_object_get_string_member (newest, "error_type"), ==,
                   "CONSENT_ENDUSER_DENIED");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (newest, "timeline")),
                    >, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attempts, 1),
                                                  "outcome"), ==, "success");

  /* The second run started after the first had ended (seconds of consent pages later). */
  between = g_strdup (json_object_get_string_member (newest, "started_at"));
  attempts = history_json (since_parser, between);
  g_assert_cmpuint (json_array_get_length (attempts), ==, 1);
  g_assert_cmpstr (end_user_of (attempts, 0), ==, "eu_hist_2");

  attempts = history_json (future_parser, future);
  g_assert_cmpuint (json_array_get_length (attempts), ==, 0);
}

/* --har: the attempt's API exchanges as HAR 1.2, and not one secret in any byte. */
static void
test_har (void)
{
  g_autofree char *dir = g_dir_make_tmp ("consent-desk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "attempt.har", NULL);
  g_autofree char *option = g_strdup_printf ("--har=%s", path);
  const char * const args[] = {
    "--start", "--quit-on-outcome", option, "--sandbox-outcome=success",
    "--end-user-id=eu_cli_har", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  JsonObject *log;
  JsonArray *entries;
  gboolean saw_session = FALSE;
  GStatBuf buf;
  DeskTestRun run;

  run_consent_desk (&run, FALSE, args);
  g_assert_cmpint (run.status, ==, 0);
  desk_test_run_clear (&run);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_null (strstr (contents, "sandbox-secret"));
  g_assert_null (strstr (contents, "test-token-never-shown"));

  g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
  g_assert_no_error (error);
  log = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                       "log");
  g_assert_cmpstr (json_object_get_string_member (log, "version"), ==, "1.2");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (log, "creator"),
                                                  "name"), ==, "Consent Desk");
  entries = json_object_get_array_member (log, "entries");
  g_assert_cmpuint (json_array_get_length (entries), >=, 2);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *request = json_object_get_object_member (json_array_get_object_element (entries,
                                                                                          i),
                                                           "request");
      JsonArray *headers = json_object_get_array_member (request, "headers");

      if (g_str_has_suffix (json_object_get_string_member (request, "url"), "/v1/auth/session"))
        saw_session = TRUE;

      /* Every bearer token is hidden, whatever the Sandbox issued. */
      for (guint j = 0; j < json_array_get_length (headers); j++)
        {
          JsonObject *header = json_array_get_object_element (headers, j);

          if (g_ascii_strcasecmp (json_object_get_string_member (header, "name"),
                                  "Authorization") == 0)
            g_assert_nonnull (strstr (json_object_get_string_member (header, "value"),
                                      "[hidden]"));
        }
    }
  g_assert_true (saw_session);

  g_unlink (path);
  g_rmdir (dir);
}

/* --print-curl prints exactly the command of desk_session_request_to_curl() (whose bytes on
 * the wire tests/fiskil checks against the client's), sends nothing, needs no display. */
static void
test_print_curl (void)
{
  const char * const args[] = {
    "--print-curl", "--api-url=http://127.0.0.1:9", "--api-version=v2",
    "--end-user-id=eu_o'brien \"quoted\" $HOME", "--redirect-uri=https://integrator.example/done",
    "--cancel-uri=https://integrator.example/cancel", "--institution-id=bank-1",
    "--permission=accounts", "--permission=transactions", NULL
  };
  const char * const permissions[] = { "accounts", "transactions", NULL };
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_line = NULL;
  DeskTestRun run;

  request = desk_session_request_new ("eu_o'brien \"quoted\" $HOME",
                                      "https://integrator.example/done",
                                      "https://integrator.example/cancel", "bank-1",
                                      permissions);
  expected = desk_session_request_to_curl (request, "http://127.0.0.1:9", "v2");
  expected_line = g_strconcat (expected, "\n", NULL);

  run_consent_desk_full (&run, TRUE, TRUE, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected_line);
  g_assert_nonnull (strstr (run.out, "$FISKIL_ACCESS_TOKEN"));
  desk_test_run_clear (&run);
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  g_assert_false (json_object_get_null_member (object, member));

  return json_object_get_object_member (object, member);
}

/* The session the outcome records was made for the end user it names. */
static void
assert_session_for_end_user (JsonObject *outcome,
                             JsonObject *end_user)
{
  g_assert_cmpstr (json_object_get_string_member (member_object (outcome, "request"),
                                                  "end_user_id"), ==,
                   json_object_get_string_member (end_user, "id"));
}

/* --end-user-email with one match (a Sandbox demo end user): the session is created for its
 * id, and the outcome's end_user says who it was. */
static void
test_end_user_email_found (void)
{
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", "--sandbox-outcome=success",
    "--end-user-email=ALEX@example.com", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *outcome;
  JsonObject *end_user;

  outcome = run_for_outcome (parser, FALSE, args, 0);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "success");
  end_user = member_object (outcome, "end_user");
  g_assert_cmpstr (json_object_get_string_member (end_user, "email"), ==, "alex@example.com");
  g_assert_nonnull (json_object_get_string_member (end_user, "name"));
  g_assert_false (json_object_get_boolean_member (end_user, "created"));
  assert_session_for_end_user (outcome, end_user);
}

/* No match: nothing is created, nothing is sent, status 2 naming the email. */
static void
test_end_user_email_none (void)
{
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", "--sandbox-outcome=success",
    "--end-user-email=nobody-here@example.com", NULL
  };

  assert_refused (FALSE, args, 2, "nobody-here@example.com", "--create-end-user", NULL);
}

/* No match and --create-end-user: POST /v1/end-users with the email and name, then the
 * session for the new id; created true. */
static void
test_end_user_email_created (void)
{
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", "--sandbox-outcome=success",
    "--end-user-email=new.customer@example.com", "--create-end-user",
    "--end-user-name=Nova Customer", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *outcome;
  JsonObject *end_user;

  outcome = run_for_outcome (parser, FALSE, args, 0);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "success");
  end_user = member_object (outcome, "end_user");
  g_assert_true (json_object_get_boolean_member (end_user, "created"));
  g_assert_cmpstr (json_object_get_string_member (end_user, "email"), ==,
                   "new.customer@example.com");
  g_assert_cmpstr (json_object_get_string_member (end_user, "name"), ==, "Nova Customer");
  assert_session_for_end_user (outcome, end_user);
}

/* Several matches: status 2 listing every id, and no session. */
static void
test_end_user_email_several (void)
{
  g_autofree char *option = g_strdup_printf ("--api-url=%s", slow_fiskil_url);
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", option,
    "--end-user-email=twins@example.com", "--create-end-user",
    "--redirect-uri=https://integrator.example/done",
    "--cancel-uri=https://integrator.example/cancel", NULL
  };

  assert_refused (TRUE, args, 2, "twins@example.com", "eu_twin_1", "eu_twin_2", NULL);
}

/* The look-up fails (500): status 3, one sentence, and an api-error outcome for the script. */
static void
test_end_user_email_api_error (void)
{
  g_autofree char *option = g_strdup_printf ("--api-url=%s", slow_fiskil_url);
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", option,
    "--end-user-email=someone@example.com", "--redirect-uri=https://integrator.example/done",
    "--cancel-uri=https://integrator.example/cancel", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *outcome;
  JsonObject *api_error;
  DeskTestRun run;

  run_consent_desk (&run, TRUE, args);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "someone@example.com"));
  g_assert_null (strchr (strchr (run.err, '\n') + 1, '\n'));

  outcome = parse_outcome (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "api-error");
  g_assert_true (json_object_get_null_member (outcome, "session"));
  g_assert_true (json_object_get_null_member (outcome, "end_user"));
  api_error = member_object (outcome, "api_error");
  g_assert_cmpint (json_object_get_int_member (api_error, "http_status"), ==, 500);
  g_assert_cmpstr (json_object_get_string_member (api_error, "id"), ==, "err_store_down");
  g_assert_cmpstr (json_object_get_string_member (member_object (outcome, "request"),
                                                  "redirect_uri"), ==,
                   "https://integrator.example/done");
  desk_test_run_clear (&run);
}

/* Nothing listens where the API should be: status 3 too, and no window was ever needed. */
static void
test_end_user_email_network (void)
{
  g_autofree char *option = g_strdup_printf ("--api-url=http://127.0.0.1:%u", dead_port ());
  const char * const args[] = {
    "--start", "--quit-on-outcome", option, "--end-user-email=someone@example.com",
    "--redirect-uri=https://integrator.example/done",
    "--cancel-uri=https://integrator.example/cancel", NULL
  };

  assert_refused (TRUE, args, 3, "--end-user-email: looking up “someone@example.com” failed",
                  NULL);
}

/* Hand-off ended by the address the customer's browser reached, given on the command line:
 * the cancel URI with an error is a failure, read as if pasted. */
static void
test_callback_uri_cancel (void)
{
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", "--integration=hand-off",
    "--end-user-id=eu_cli_handoff",
    "--callback-uri=https://callback.consent-desk.invalid/cancel?error=access_denied"
      "&error_type=CONSENT_ENDUSER_DENIED", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *outcome;
  JsonObject *callback;

  outcome = run_for_outcome (parser, FALSE, args, 1);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "failure");
  g_assert_cmpstr (json_object_get_string_member (outcome, "integration"), ==, "hand-off");
  g_assert_cmpstr (json_object_get_string_member (outcome, "error_type"), ==,
                   "CONSENT_ENDUSER_DENIED");
  callback = member_object (outcome, "callback");
  g_assert_cmpstr (json_object_get_string_member (callback, "via"), ==, "pasted");
  g_assert_cmpstr (json_object_get_string_member (callback, "matched"), ==, "cancel");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Every run records into a history of its own, never the person's. */
  data_home = desk_test_make_scratch_dir ("consent-desk-cli-XXXXXX");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

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
  g_test_add_func ("/command-line/history-json", test_history_json);
  g_test_add_func ("/command-line/har", test_har);
  g_test_add_func ("/command-line/print-curl", test_print_curl);
  g_test_add_func ("/command-line/end-user-email/found", test_end_user_email_found);
  g_test_add_func ("/command-line/end-user-email/none", test_end_user_email_none);
  g_test_add_func ("/command-line/end-user-email/created", test_end_user_email_created);
  g_test_add_func ("/command-line/end-user-email/several", test_end_user_email_several);
  g_test_add_func ("/command-line/end-user-email/api-error", test_end_user_email_api_error);
  g_test_add_func ("/command-line/end-user-email/network", test_end_user_email_network);
  g_test_add_func ("/command-line/callback-uri/cancel", test_callback_uri_cancel);

  status = g_test_run ();

  g_clear_object (&slow_fiskil);
  g_free (slow_fiskil_url);
  desk_test_remove_tree (data_home);
  g_free (data_home);

  return status;
}
