/* test-keyring.c — credentials in a real gnome-keyring, on a private session bus (suite unit)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gives itself throwaway HOME and XDG directories and its own session bus (GTestDBus), starts
 * gnome-keyring-daemon there unlocked with a known password (toolchain.md), and drives
 * DeskSecretStoreLibsecret against it: a round trip, the schema and attributes other tools
 * see, a session created with credentials read from it, then a search of every file under
 * those directories for the secret. At the end the daemon is stopped and the bus taken down,
 * so nothing outlives the test. Skips (77) only when gnome-keyring-daemon or dbus-daemon is
 * not installed.
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "desk-environment-list.h"
#include "desk-secret-store-libsecret.h"
#include "fake-fiskil.h"
#include "desk-test.h"

#define WAIT_MS   (30 * 1000)
#define SECRETS_NAME   "org.freedesktop.secrets"
#define CLIENT_ID      "keyring-client-3c9a"
#define CLIENT_SECRET  "keyring-secret-Vq7w-never-on-disk"
#define ACCESS_TOKEN   "keyring-token-Lp02-never-on-disk"

static char *scratch;           /* every HOME and XDG directory lives under it */
static GTestDBus *bus;          /* deliberately never finalized: see main() */
static guint32 daemon_pid;
static guint secrets_watch;
static GDBusConnection *session_connection;
static gboolean secrets_owned;

static const SecretSchema *
expected_schema (void)
{
  static const SecretSchema schema = {
    BASE_APPLICATION_ID, SECRET_SCHEMA_NONE,
    {
      { "environment", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static GAsyncResult *
wait_for (GAsyncResult **slot,
          const char    *what)
{
  return desk_test_wait_for_result (slot, WAIT_MS, what);
}

static void
save_credentials (DeskSecretStore       *store,
                  const char            *environment_id,
                  const char            *environment_name,
                  const DeskCredentials *credentials)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  desk_secret_store_save_credentials_async (store, environment_id, environment_name,
                                            credentials, NULL, desk_test_keep_result, &result);
  desk_secret_store_save_credentials_finish (store, wait_for (&result, "the keyring to store"),
                                             &error);
  g_assert_no_error (error);
}

static DeskCredentials *
lookup_credentials (DeskSecretStore  *store,
                    const char       *environment_id,
                    GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  desk_secret_store_lookup_credentials_async (store, environment_id,
                                              NULL, desk_test_keep_result, &result);
  return desk_secret_store_lookup_credentials_finish (store,
                                                      wait_for (&result, "the keyring to answer"),
                                                      error);
}

static void
test_round_trip (void)
{
  g_autoptr(DeskSecretStore) store = desk_secret_store_libsecret_new ();
  g_autoptr(DeskCredentials) client = desk_credentials_new_client (CLIENT_ID, CLIENT_SECRET);
  g_autoptr(DeskCredentials) token = desk_credentials_new_access_token (ACCESS_TOKEN);
  g_autoptr(DeskCredentials) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  found = lookup_credentials (store, "round-trip", &error);
  g_assert_no_error (error);
  g_assert_null (found);

  save_credentials (store, "round-trip", "Round trip", client);
  found = lookup_credentials (store, "round-trip", &error);
  g_assert_no_error (error);
  g_assert_true (desk_credentials_equal (found, client));
  g_clear_pointer (&found, desk_credentials_free);

  /* Another environment's items are not this one's. */
  found = lookup_credentials (store, "elsewhere", &error);
  g_assert_no_error (error);
  g_assert_null (found);

  save_credentials (store, "round-trip", "Round trip", token);
  found = lookup_credentials (store, "round-trip", &error);
  g_assert_no_error (error);
  g_assert_true (desk_credentials_equal (found, token));
  g_assert_null (secret_password_lookup_sync (expected_schema (), NULL, &error,
                                              "environment", "round-trip",
                                              "kind", "client-secret", NULL));
  g_assert_no_error (error);
  g_clear_pointer (&found, desk_credentials_free);

  desk_secret_store_remove_credentials_async (store, "round-trip",
                                              NULL, desk_test_keep_result, &result);
  desk_secret_store_remove_credentials_finish (store, wait_for (&result, "the removal"), &error);
  g_assert_no_error (error);
  found = lookup_credentials (store, "round-trip", &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

/* What Seahorse or secret-tool see: the application's schema, the environment and the kind. */
static void
test_schema_and_attributes (void)
{
  g_autoptr(DeskSecretStore) store = desk_secret_store_libsecret_new ();
  g_autoptr(DeskCredentials) client = desk_credentials_new_client (CLIENT_ID, CLIENT_SECRET);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *client_id = NULL;
  GList *items;
  g_autofree char *label = NULL;

  save_credentials (store, "qa-staging", "QA Staging", client);

  secret = secret_password_lookup_sync (expected_schema (), NULL, &error,
                                        "environment", "qa-staging",
                                        "kind", "client-secret", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, CLIENT_SECRET);
  client_id = secret_password_lookup_sync (expected_schema (), NULL, &error,
                                           "environment", "qa-staging",
                                           "kind", "client-id", NULL);
  g_assert_cmpstr (client_id, ==, CLIENT_ID);

  items = secret_password_search_sync (expected_schema (), SECRET_SEARCH_ALL, NULL, &error,
                                       "environment", "qa-staging", "kind", "client-secret",
                                       NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  g_assert_nonnull (strstr (label, "QA Staging"));
  g_assert_null (strstr (label, CLIENT_SECRET));
  g_list_free_full (items, g_object_unref);
}

/* A custom environment whose credentials are only in the keyring creates a session. */
static void
test_session_with_keyring_credentials (void)
{
  g_autofree char *keyfile = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings",
                                               "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  g_autoptr(GSettings) settings = g_settings_new_with_backend (BASE_APPLICATION_ID, backend);
  g_autoptr(DeskSecretStore) store = desk_secret_store_libsecret_new ();
  g_autoptr(DeskEnvironmentList) list = desk_environment_list_new (settings, store);
  g_autoptr(DeskCredentials) client = desk_credentials_new_client (CLIENT_ID, CLIENT_SECRET);
  g_autoptr(FakeFiskil) fiskil = fake_fiskil_new ("keyring");
  g_autoptr(DeskFiskilClient) fiskil_client = NULL;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) session_result = NULL;
  g_autoptr(GError) error = NULL;
  DeskEnvironment *environment;

  fake_fiskil_accept_client (fiskil, CLIENT_ID, CLIENT_SECRET);
  environment = desk_environment_list_add_custom (list, "Keyring staging",
                                                  fake_fiskil_get_url (fiskil));
  save_credentials (store, desk_environment_get_id (environment), "Keyring staging", client);

  desk_environment_ensure_client_async (environment, NULL, desk_test_keep_result, &result);
  fiskil_client = desk_environment_ensure_client_finish (environment,
                                                         wait_for (&result, "the client"),
                                                         &error);
  g_assert_no_error (error);

  request = desk_session_request_new ("eu_keyring", "https://integrator.example/done",
                                      "https://integrator.example/cancel", NULL, NULL);
  desk_fiskil_client_create_session_async (fiskil_client, request, NULL, desk_test_keep_result,
                                           &session_result);
  session = desk_fiskil_client_create_session_finish (fiskil_client,
                                                      wait_for (&session_result, "the session"),
                                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpuint (fake_fiskil_get_token_requests (fiskil), ==, 1);
  g_assert_cmpstr (fake_fiskil_get_last_client_id (fiskil), ==, CLIENT_ID);

  g_settings_sync ();
  g_assert_true (g_file_test (keyfile, G_FILE_TEST_IS_REGULAR));
}

/* After storing and using secrets, no file under HOME or the XDG directories holds one in
 * plain text: not the settings, not a cache. The keyring's own file is there, encrypted. */
static void
test_never_under_home (void)
{
  const char * const secrets[] = { CLIENT_SECRET, ACCESS_TOKEN };
  g_autofree char *keyring_file = g_build_filename (g_get_user_data_dir (), "keyrings",
                                                    "login.keyring", NULL);
  g_autofree char *keyfile = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings",
                                               "keyfile", NULL);
  guint n_files = 0;

  /* The scan covers what was written: the keyring's file and the settings. */
  g_assert_true (g_file_test (keyring_file, G_FILE_TEST_IS_REGULAR));
  g_assert_true (desk_test_file_holds (keyfile, "keyring-staging"));

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      n_files = desk_test_assert_tree_free_of (scratch, &secrets[i], 1);
      g_assert_cmpuint (n_files, >=, 2);
    }
}

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  secrets_owned = TRUE;
}

static void
name_vanished_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  secrets_owned = FALSE;
}

static gboolean
secrets_present (gpointer data)
{
  return secrets_owned;
}

static gboolean
secrets_gone (gpointer data)
{
  return !secrets_owned;
}

static void
stop_daemon (void)
{
  if (daemon_pid == 0)
    return;

  kill ((pid_t) daemon_pid, SIGTERM);
  daemon_pid = 0;
  desk_test_wait_or_fail (secrets_gone, NULL, WAIT_MS, "gnome-keyring-daemon to stop");
}

/* No Secret Service any more: said in words, and the environment says what to do instead. */
static void
test_keyring_gone (void)
{
  g_autoptr(DeskSecretStore) store = desk_secret_store_libsecret_new ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr(DeskEnvironmentList) list = desk_environment_list_new (settings, store);
  g_autoptr(DeskCredentials) found = NULL;
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DeskEnvironment *production = desk_environment_list_get_production (list);

  stop_daemon ();

  found = lookup_credentials (store, "qa-staging", &error);
  g_assert_null (found);
  g_assert_error (error, DESK_SECRET_STORE_ERROR, DESK_SECRET_STORE_ERROR_UNAVAILABLE);
  g_assert_true (g_str_has_prefix (error->message, "The keyring could not be opened: "));
  g_clear_error (&error);

  desk_environment_ensure_client_async (production, NULL, desk_test_keep_result, &result);
  client = desk_environment_ensure_client_finish (production, wait_for (&result, "the client"),
                                                  &error);
  g_assert_null (client);
  g_assert_error (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "unlock the keyring"));
}

static void
start_daemon (void)
{
  g_autoptr(GSubprocess) process = NULL;
  GDBusConnection *connection;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* toolchain.md: printf test | gnome-keyring-daemon --unlock --components=secrets --daemonize */
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                              &error, "gnome-keyring-daemon", "--unlock",
                              "--components=secrets", "--daemonize", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "test", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  connection = session_connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  secrets_watch = g_bus_watch_name_on_connection (connection, SECRETS_NAME,
                                                  G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                  name_appeared_cb, name_vanished_cb, NULL, NULL);
  desk_test_wait_or_fail (secrets_present, NULL, WAIT_MS, "gnome-keyring-daemon");

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", SECRETS_NAME), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &daemon_pid);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");
  int status;

  /* Before anything asks GLib for HOME or an XDG directory: it remembers the first answer. The
   * credentials are the keyring's here, never the caller's shell's. */
  scratch = desk_test_make_private_directories ("consent-desk-keyring-XXXXXX", TRUE);
  g_unsetenv ("FISKIL_ACCESS_TOKEN");
  g_unsetenv ("FISKIL_CLIENT_ID");
  g_unsetenv ("FISKIL_CLIENT_SECRET");
  g_test_init (&argc, &argv, NULL);

  if (keyring_daemon == NULL || dbus_daemon == NULL)
    {
      g_print ("1..0 # SKIP %s is not installed: no real keyring to test against\n",
               keyring_daemon == NULL ? "gnome-keyring-daemon" : "dbus-daemon");
      desk_test_remove_tree (scratch);
      return 77;
    }

  /* A bus of our own: nothing else's keyring, nothing activated behind our back. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  start_daemon ();

  /* One level, so they run in this order: the last two rely on the first three. */
  g_test_add_func ("/keyring/round-trip", test_round_trip);
  g_test_add_func ("/keyring/schema-and-attributes", test_schema_and_attributes);
  g_test_add_func ("/keyring/session-with-keyring-credentials",
                   test_session_with_keyring_credentials);
  g_test_add_func ("/keyring/never-under-home", test_never_under_home);
  g_test_add_func ("/keyring/keyring-gone", test_keyring_gone);

  status = g_test_run ();

  stop_daemon ();
  g_bus_unwatch_name (secrets_watch);
  secret_service_disconnect ();
  /* libsecret keeps a reference on the bus connection until the process ends, which
   * g_test_dbus_down() would wait for in vain: the bus is stopped, and the GTestDBus object
   * (whose finalization would wait too) is left for the exit to take. */
  g_dbus_connection_set_exit_on_close (session_connection, FALSE);
  g_test_dbus_stop (bus);
  g_clear_object (&session_connection);
  desk_test_remove_tree (scratch);
  g_free (scratch);

  return status;
}
