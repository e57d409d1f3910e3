/* test-environment-cli.c — --environment with saved environments, run as a script (suite gui)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saves a custom environment into a settings file (the keyfile backend, in this test's own
 * config directory), then runs the built consent-desk (CONSENT_DESK_PATH) against it as a
 * script would: the environment is found by name or id, its defaults and API version apply,
 * the outcome names it, an unknown one is a usage error, and a keyring that cannot be reached
 * is said in words.
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "desk-environment-list.h"
#include "desk-secret-store-memory.h"
#include "fake-fiskil.h"
#include "desk-test.h"

#define WAIT_MS (120 * 1000)
#define ENV_TOKEN    "cli-env-token-never-shown"

static char *config_dir;
static FakeFiskil *fiskil;

/* @bus: NULL for this test's session bus, else the D-Bus address the child gets. */
static void
run_consent_desk (DeskTestRun        *run,
                  gboolean            with_token,
                  const char         *bus,
                  const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  launcher = desk_test_launcher_new (with_token ? ENV_TOKEN : NULL);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_dir, TRUE);
  if (bus != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus, TRUE);

  desk_test_run_program (run, launcher, CONSENT_DESK_PATH, args, WAIT_MS, ENV_TOKEN);
}

static JsonObject *
parse_outcome (JsonParser *parser,
               const char *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

typedef struct
{
  const char *name;
  const char *environment;   /* as typed after --environment= */
  const char *api_version;   /* --api-version, or NULL */
  const char *expected_version;
} FoundCase;

static const FoundCase found_cases[] = {
  { "by-name", "QA Staging", NULL, "v2" },
  { "by-name-any-case", "qa STAGING", NULL, "v2" },
  { "by-id", "qa-staging", NULL, "v2" },
  { "by-id-with-api-version", "qa-staging", "v1", "v1" },
};

/* Found, with its saved defaults and API version; the outcome names it by its id. */
static void
test_found (gconstpointer data)
{
  const FoundCase *found = data;
  g_autofree char *environment = g_strdup_printf ("--environment=%s", found->environment);
  g_autofree char *api_version = g_strdup_printf ("--api-version=%s", found->api_version);
  const char * const args[] = {
    "--start", "--quit-on-outcome", "--outcome-json=-", environment,
    "--end-user-id=eu_cli_saved", found->api_version != NULL ? api_version : NULL, NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint sessions = fake_fiskil_get_session_requests (fiskil);
  JsonObject *outcome;
  JsonObject *request;
  DeskTestRun run;

  run_consent_desk (&run, TRUE, NULL, args);
  g_assert_cmpint (run.status, ==, 3);

  outcome = parse_outcome (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "api-error");
  g_assert_cmpstr (json_object_get_string_member (outcome, "environment"), ==, "qa-staging");
  g_assert_cmpstr (json_object_get_string_member (outcome, "api_url"), ==,
                   fake_fiskil_get_url (fiskil));
  request = json_object_get_object_member (outcome, "request");
  g_assert_cmpstr (json_object_get_string_member (request, "redirect_uri"), ==,
                   "https://integrator.example/saved-done");
  g_assert_cmpstr (json_object_get_string_member (request, "cancel_uri"), ==,
                   "https://integrator.example/saved-cancel");

  g_assert_cmpuint (fake_fiskil_get_session_requests (fiskil), ==, sessions + 1);
  g_assert_cmpstr (fake_fiskil_get_last_api_version (fiskil), ==, found->expected_version);
  g_assert_cmpstr (fake_fiskil_get_last_bearer (fiskil), ==, ENV_TOKEN);
  desk_test_run_clear (&run);
}

typedef struct
{
  const char *name;
  const char *args[6];
  const char *bus;
  const char *expected[3];  /* on standard error */
} RefusedCase;

static const RefusedCase refused_cases[] = {
  { "unknown", { "--environment=nope", NULL }, NULL, { "--environment", "“nope”", NULL } },
  { "unknown-with-start",
    { "--environment=Nope", "--start", "--end-user-id=eu_1", "--outcome-json=-", NULL }, NULL,
    { "“Nope”", NULL } },
  { "sandbox-outcome-elsewhere",
    { "--environment=qa-staging", "--sandbox-outcome=success", NULL }, NULL,
    { "--sandbox-outcome", NULL } },
  /* No credentials in the variables and no keyring to ask (no session bus at all). */
  { "keyring-unreachable",
    { "--environment=QA Staging", "--start", "--end-user-id=eu_1", "--outcome-json=-", NULL },
    "unix:path=/nonexistent/consent-desk-test-bus",
    { "The keyring could not be opened", "FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET",
      "unlock the keyring" } },
};

static void
test_refused (gconstpointer data)
{
  const RefusedCase *refused = data;
  guint sessions = fake_fiskil_get_session_requests (fiskil);
  DeskTestRun run;

  run_consent_desk (&run, FALSE, refused->bus, refused->args);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (refused->expected) && refused->expected[i] != NULL; i++)
    g_assert_nonnull (strstr (run.err, refused->expected[i]));
  g_assert_cmpuint (fake_fiskil_get_session_requests (fiskil), ==, sessions);
  desk_test_run_clear (&run);
}

/* What Preferences would have saved, written with the application's own code. */
static void
save_environment (void)
{
  g_autofree char *path = g_build_filename (config_dir, "glib-2.0", "settings", "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (path, "/", NULL);
  g_autoptr(GSettings) settings = g_settings_new_with_backend (BASE_APPLICATION_ID, backend);
  g_autoptr(DeskSecretStore) store = desk_secret_store_memory_new ();
  g_autoptr(DeskEnvironmentList) list = desk_environment_list_new (settings, store);
  DeskEnvironment *staging;

  staging = desk_environment_list_add_custom (list, "QA Staging", fake_fiskil_get_url (fiskil));
  g_assert_cmpstr (desk_environment_get_id (staging), ==, "qa-staging");
  desk_environment_set_api_version (staging, "v2");
  desk_environment_set_default_redirect_uri (staging, "https://integrator.example/saved-done");
  desk_environment_set_default_cancel_uri (staging, "https://integrator.example/saved-cancel");
  g_settings_sync ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  config_dir = g_dir_make_tmp ("consent-desk-cli-XXXXXX", &error);
  g_assert_no_error (error);

  fiskil = fake_fiskil_new ("cli");
  fake_fiskil_accept_access_token (fiskil, ENV_TOKEN);
  fake_fiskil_set_session_status (fiskil, 400);
  save_environment ();

  for (gsize i = 0; i < G_N_ELEMENTS (found_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/environment-cli/found/%s", found_cases[i].name);

      g_test_add_data_func (path, &found_cases[i], test_found);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/environment-cli/refused/%s",
                                               refused_cases[i].name);

      g_test_add_data_func (path, &refused_cases[i], test_refused);
    }

  status = g_test_run ();

  fake_fiskil_free (fiskil);
  desk_test_remove_tree (config_dir);
  g_free (config_dir);

  return status;
}
