/* test-environments.c — environments, credentials and tokens, without a display (suite unit)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DeskEnvironmentList over GSettings (memory backend), credentials from an in-memory keyring
 * that counts its calls, and sessions created against fake Fiskil servers on 127.0.0.1 that
 * record which credentials, tokens and headers reached them.
 */
#include "config.h"

#include <string.h>

#include "desk-environment-list.h"
#include "desk-environment-private.h"
#include "desk-sandbox.h"
#include "desk-secret-store-memory.h"
#include "fake-fiskil.h"
#include "desk-test.h"

#define WAIT_MS (20 * 1000)

#define ID_A     "client-a"
#define SECRET_A "secret-a-never-shown"
#define ID_B     "client-b"
#define SECRET_B "secret-b-never-shown"
#define ID_A2    "client-a2"
#define SECRET_A2 "secret-a2-never-shown"

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (BASE_APPLICATION_ID);

  /* The memory backend is one per process: each case starts from the defaults. */
  g_settings_reset (settings, "environments");
  g_settings_reset (settings, "form-values");
  g_settings_reset (settings, "selected-environment");

  return settings;
}

static void
unset_credential_variables (void)
{
  g_unsetenv ("FISKIL_ACCESS_TOKEN");
  g_unsetenv ("FISKIL_CLIENT_ID");
  g_unsetenv ("FISKIL_CLIENT_SECRET");
}

static GAsyncResult *
wait_for (GAsyncResult **slot,
          const char    *what)
{
  return desk_test_wait_for_result (slot, WAIT_MS, what);
}

static DeskFiskilClient *
ensure_client (DeskEnvironment  *environment,
               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  desk_environment_ensure_client_async (environment, NULL, desk_test_keep_result, &result);
  return desk_environment_ensure_client_finish (environment,
                                                wait_for (&result, "the client"), error);
}

/* A session in @environment as an attempt makes one: the client, then POST /v1/auth/session. */
static void
create_session (DeskEnvironment *environment)
{
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  client = ensure_client (environment, &error);
  g_assert_no_error (error);

  request = desk_session_request_new ("eu_environments", "https://integrator.example/done",
                                      "https://integrator.example/cancel", NULL, NULL);
  desk_fiskil_client_create_session_async (client, request, NULL, desk_test_keep_result, &result);
  session = desk_fiskil_client_create_session_finish (client, wait_for (&result, "the session"),
                                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
}

static void
save_credentials (DeskSecretStore       *store,
                  const char            *environment_id,
                  const DeskCredentials *credentials)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  desk_secret_store_save_credentials_async (store, environment_id, environment_id, credentials,
                                            NULL, desk_test_keep_result, &result);
  g_assert_true (desk_secret_store_save_credentials_finish (store,
                                                            wait_for (&result, "the store"),
                                                            &error));
  g_assert_no_error (error);
}

static DeskCredentials *
lookup_credentials (DeskSecretStore *store,
                    const char      *environment_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DeskCredentials *credentials;

  desk_secret_store_lookup_credentials_async (store, environment_id,
                                              NULL, desk_test_keep_result, &result);
  credentials = desk_secret_store_lookup_credentials_finish (store,
                                                             wait_for (&result, "the lookup"),
                                                             &error);
  g_assert_no_error (error);
  return credentials;
}

static char *
lookup_secret (DeskSecretStore *store,
               const char      *environment_id,
               DeskSecretKind   kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  desk_secret_store_lookup_async (store, environment_id, kind,
                                  NULL, desk_test_keep_result, &result);
  secret = desk_secret_store_lookup_finish (store, wait_for (&result, "the lookup"), &error);
  g_assert_no_error (error);
  return secret;
}

/* Every value of every key, printed: no secret may be among them. */
static void
assert_settings_free_of (GSettings  *settings,
                         const char *secret)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *printed = g_variant_print (value, FALSE);

      if (strstr (printed, secret) != NULL)
        g_error ("The setting “%s” holds a secret: %s", keys[i], printed);
    }
}

/* Checking addresses */

typedef struct
{
  const char *text;
  gboolean    valid;
} AddressCase;

static const AddressCase api_url_cases[] = {
  { "https://api.fiskil.com", TRUE },
  { "https://staging.example.com:8443/fiskil", TRUE },
  { "http://127.0.0.1:41234", TRUE },
  { "http://127.8.9.10", TRUE },
  { "http://[::1]:8080", TRUE },
  { "http://localhost:3000", TRUE },
  { "HTTP://LOCALHOST", TRUE },
  /* desk_host_is_loopback, the one rule: what the consent view and the client accept too. */
  { "http://localhost.:3000", TRUE },
  { "http://[::ffff:127.0.0.1]:8080", TRUE },
  { "http://127.1:8080", TRUE },
  { "http://api.example.com", FALSE },         /* plain http to another computer */
  { "http://10.0.0.1", FALSE },
  { "http://localhost.example.com", FALSE },   /* only looks local */
  { "ftp://127.0.0.1/", FALSE },
  { "api.example.com", FALSE },                /* not absolute */
  { "/v1", FALSE },
  { "", FALSE },
  { "https://", FALSE },
  { "https://user:pass@api.example.com", FALSE },
  { "https://api.example.com/?x=1", FALSE },
  { "https://api.example.com/#top", FALSE },
};

static void
test_check_api_url (gconstpointer data)
{
  const AddressCase *address = data;
  g_autoptr(GError) error = NULL;
  gboolean valid = desk_environment_check_api_url (address->text, &error);

  g_assert_cmpint (valid, ==, address->valid);
  if (valid)
    {
      g_assert_no_error (error);
    }
  else
    {
      g_assert_error (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID);
      g_assert_cmpuint (strlen (error->message), >, 10);
    }
}

static const AddressCase origin_cases[] = {
  { "https://auth.fiskil.com", TRUE },
  { "https://auth.fiskil.com/", TRUE },
  { "https://auth.example.com:8443", TRUE },
  { "http://127.0.0.1:5000", TRUE },
  { "http://auth.example.com", FALSE },
  { "https://auth.fiskil.com/consent", FALSE },  /* an origin has no path */
  { "auth.fiskil.com", FALSE },
  { "https://auth.fiskil.com?x", FALSE },
};

static void
test_check_auth_origin (gconstpointer data)
{
  const AddressCase *address = data;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (desk_environment_check_auth_origin (address->text, &error), ==,
                   address->valid);
  if (!address->valid)
    g_assert_error (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID);
}

/* The list */

static void
test_list_built_ins (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(DeskSecretStore) store = desk_secret_store_memory_new ();
  g_autoptr(DeskEnvironmentList) list = desk_environment_list_new (settings, store);
  DeskEnvironment *sandbox = desk_environment_list_get_sandbox (list);
  DeskEnvironment *production = desk_environment_list_get_production (list);
  g_autoptr(GVariant) saved = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpstr (desk_environment_get_id (sandbox), ==, "sandbox");
  g_assert_false (desk_environment_needs_credentials (sandbox));
  g_assert_cmpstr (desk_environment_get_default_redirect_uri (sandbox), ==,
                   DESK_SANDBOX_DEFAULT_REDIRECT_URI);
  /* Nothing starts before the first session. */
  g_assert_null (desk_environment_get_api_url (sandbox));

  g_assert_cmpstr (desk_environment_get_id (production), ==, "production");
  g_assert_cmpstr (desk_environment_get_title (production), ==, "Production");
  g_assert_cmpstr (desk_environment_get_api_url (production), ==, "https://api.fiskil.com");
  g_assert_cmpstr (desk_environment_get_auth_origin (production), ==, "https://auth.fiskil.com");
  g_assert_true (desk_environment_needs_credentials (production));
  g_assert_null (desk_environment_get_default_redirect_uri (production));

  /* Ids, and names whatever their case, find them. */
  g_assert_true (desk_environment_list_lookup (list, "production") == production);
  g_assert_true (desk_environment_list_lookup (list, "PRODUCTION") == production);
  g_assert_true (desk_environment_list_lookup (list, "Sandbox") == sandbox);
  g_assert_null (desk_environment_list_lookup (list, "staging"));
  g_assert_null (desk_environment_list_lookup (list, "custom"));

  /* Unchanged built-ins take no room in the settings. */
  desk_environment_set_default_redirect_uri (sandbox, DESK_SANDBOX_DEFAULT_REDIRECT_URI);
  saved = g_settings_get_value (settings, "environments");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 0);
}

static void
test_list_saved (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(DeskSecretStore) store = desk_secret_store_memory_new ();
  g_autoptr(DeskEnvironmentList) list = desk_environment_list_new (settings, store);
  g_autoptr(DeskEnvironmentList) again = NULL;
  g_autoptr(DeskSessionRequest) values = NULL;
  const char * const permissions[] = { "accounts", "made_up", NULL };
  DeskEnvironment *staging;
  DeskEnvironment *loaded;
  const DeskSessionRequest *loaded_values;

  staging = desk_environment_list_add_custom (list, "QA Staging", "https://staging.example.com");
  g_assert_cmpstr (desk_environment_get_id (staging), ==, "qa-staging");
  g_assert_true (desk_environment_is_saved (staging));
  desk_environment_set_auth_origin (staging, "https://auth.staging.example.com");
  desk_environment_set_api_version (staging, "v2");
  desk_environment_set_default_redirect_uri (staging, "https://integrator.example/done");
  desk_environment_set_default_cancel_uri (staging, "https://integrator.example/cancel");
  desk_environment_set_default_redirect_uri (desk_environment_list_get_production (list),
                                             "https://integrator.example/prod-done");

  /* Left at the default: remembered as "the default", so it follows a changed default. */
  values = desk_session_request_new ("eu_123", "https://integrator.example/done",
                                     "https://integrator.example/other-cancel", "inst_9",
                                     permissions);
  desk_environment_set_form_values (staging, values);
  desk_environment_set_integration (staging, "embedded");
  g_assert_null (desk_environment_get_integration (desk_environment_list_get_production (list)));

  /* A second list reads back what the first wrote. */
  again = desk_environment_list_new (settings, store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  loaded = desk_environment_list_lookup (again, "qa staging");
  g_assert_nonnull (loaded);
  g_assert_true (loaded != staging);
  g_assert_cmpstr (desk_environment_get_id (loaded), ==, "qa-staging");
  g_assert_cmpstr (desk_environment_get_title (loaded), ==, "QA Staging");
  g_assert_cmpstr (desk_environment_get_api_url (loaded), ==, "https://staging.example.com");
  g_assert_cmpstr (desk_environment_get_auth_origin (loaded), ==,
                   "https://auth.staging.example.com");
  g_assert_cmpstr (desk_environment_get_api_version (loaded), ==, "v2");
  g_assert_cmpstr (desk_environment_get_default_redirect_uri (loaded), ==,
                   "https://integrator.example/done");
  g_assert_cmpstr (desk_environment_get_default_redirect_uri (
                     desk_environment_list_get_production (again)), ==,
                   "https://integrator.example/prod-done");

  loaded_values = desk_environment_get_form_values (loaded);
  g_assert_nonnull (loaded_values);
  g_assert_cmpstr (loaded_values->end_user_id, ==, "eu_123");
  g_assert_cmpstr (loaded_values->institution_id, ==, "inst_9");
  g_assert_null (loaded_values->redirect_uri);
  g_assert_cmpstr (loaded_values->cancel_uri, ==, "https://integrator.example/other-cancel");
  g_assert_true (g_strv_equal ((const char * const *) loaded_values->permissions, permissions));
  /* The Integration choice is remembered per environment, with the form's values. */
  g_assert_cmpstr (desk_environment_get_integration (loaded), ==, "embedded");

  /* Renaming keeps the id: the keyring items and the command line still find it. */
  desk_environment_set_title (staging, "Staging");
  g_assert_true (desk_environment_list_lookup (list, "qa-staging") == staging);
  g_assert_true (desk_environment_list_lookup (list, "STAGING") == staging);

  desk_environment_list_remove (list, staging);
  g_clear_object (&again);
  again = desk_environment_list_new (settings, store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  g_assert_null (desk_environment_list_lookup (again, "qa-staging"));
}

static void
test_list_names (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(DeskSecretStore) store = desk_secret_store_memory_new ();
  g_autoptr(DeskEnvironmentList) list = desk_environment_list_new (settings, store);
  g_autoptr(GError) error = NULL;
  DeskEnvironment *staging;
  DeskEnvironment *other;
  const char * const refused[] = {
    "", "   ", "Sandbox", "production", "CUSTOM", "staging", " Staging ", "STAGING", "tab\there",
  };

  staging = desk_environment_list_add_custom (list, "Staging", "https://staging.example.com");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (desk_environment_list_check_name (list, refused[i], NULL, &error));
      g_assert_error (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* Its own name is no clash. */
  g_assert_true (desk_environment_list_check_name (list, "staging", staging, &error));
  g_assert_no_error (error);
  g_assert_true (desk_environment_list_check_name (list, "Staging (v2)", NULL, &error));
  g_assert_no_error (error);

  /* Ids stay unique when names differ only in punctuation. */
  other = desk_environment_list_add_custom (list, "Staging!", "https://staging2.example.com");
  g_assert_cmpstr (desk_environment_get_id (other), ==, "staging-2");
  other = desk_environment_list_add_custom (list, "Ünïcode ✓", "https://u.example.com");
  g_assert_cmpstr (desk_environment_get_id (other), ==, "unicode");
  other = desk_environment_list_add_custom (list, "✓", "https://v.example.com");
  g_assert_cmpstr (desk_environment_get_id (other), ==, "environment");
}

static void
test_list_one_off (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(DeskSecretStore) store = desk_secret_store_memory_new ();
  g_autoptr(DeskEnvironmentList) list = desk_environment_list_new (settings, store);
  g_autoptr(DeskEnvironmentList) again = NULL;
  DeskEnvironment *one_off;
  DeskEnvironment *saved;

  one_off = desk_environment_list_get_one_off (list, "http://127.0.0.1:9");
  g_assert_cmpstr (desk_environment_get_id (one_off), ==, "custom");
  g_assert_cmpstr (desk_environment_get_title (one_off), ==, "Custom");
  g_assert_false (desk_environment_is_saved (one_off));
  g_assert_true (desk_environment_list_get_one_off (list, "http://127.0.0.1:9") == one_off);
  g_assert_null (desk_environment_list_lookup (list, "custom"));

  /* Saved ones are listed before this run's one-offs. */
  saved = desk_environment_list_add_custom (list, "Staging", "https://staging.example.com");
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (list), 2) == (gpointer) saved);
  g_object_unref (saved);

  again = desk_environment_list_new (settings, store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
}

/* The keyring interface, in memory */

static void
test_memory_round_trip (void)
{
  g_autoptr(DeskSecretStore) store = desk_secret_store_memory_new ();
  g_autoptr(DeskCredentials) client = desk_credentials_new_client (ID_A, SECRET_A);
  g_autoptr(DeskCredentials) token = desk_credentials_new_access_token ("ready-token-never-shown");
  g_autoptr(DeskCredentials) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  g_assert_null (lookup_credentials (store, "staging"));

  save_credentials (store, "staging", client);
  found = lookup_credentials (store, "staging");
  g_assert_true (desk_credentials_equal (found, client));
  secret = lookup_secret (store, "staging", DESK_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, SECRET_A);
  g_clear_pointer (&secret, desk_secret_free);

  /* Another environment's are its own. */
  g_assert_null (lookup_credentials (store, "production"));

  /* A token replaces the client id and secret: one form is kept. */
  save_credentials (store, "staging", token);
  g_clear_pointer (&found, desk_credentials_free);
  found = lookup_credentials (store, "staging");
  g_assert_true (desk_credentials_equal (found, token));
  g_assert_null (lookup_secret (store, "staging", DESK_SECRET_KIND_CLIENT_SECRET));
  g_assert_null (lookup_secret (store, "staging", DESK_SECRET_KIND_CLIENT_ID));
  g_assert_cmpuint (desk_secret_store_memory_get_n_secrets (DESK_SECRET_STORE_MEMORY (store)),
                    ==, 1);

  desk_secret_store_remove_credentials_async (store, "staging",
                                              NULL, desk_test_keep_result, &result);
  g_assert_true (desk_secret_store_remove_credentials_finish (store,
                                                              wait_for (&result, "removal"),
                                                              &error));
  g_assert_no_error (error);
  g_assert_null (lookup_credentials (store, "staging"));
  g_assert_cmpuint (desk_secret_store_memory_get_n_secrets (DESK_SECRET_STORE_MEMORY (store)),
                    ==, 0);
}

/* Credentials for sessions */

typedef struct
{
  GSettings           *settings;
  DeskSecretStore     *store;
  DeskEnvironmentList *list;
  FakeFiskil          *fiskil_a;
  FakeFiskil          *fiskil_b;
  DeskEnvironment     *env_a;
  DeskEnvironment     *env_b;
} Fixture;

/* What the application does for the Sandbox environment: start a real Sandbox. */
static char *
start_sandbox (DeskEnvironment  *environment,
               gpointer          data,
               GError          **error)
{
  DeskSandbox *sandbox = data;

  if (!desk_sandbox_start (sandbox, error))
    return NULL;

  return g_strdup (desk_sandbox_get_base_url (sandbox));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskCredentials) credentials_a = desk_credentials_new_client (ID_A, SECRET_A);
  g_autoptr(DeskCredentials) credentials_b = desk_credentials_new_client (ID_B, SECRET_B);

  unset_credential_variables ();
  fixture->settings = fresh_settings ();
  fixture->store = desk_secret_store_memory_new ();
  fixture->list = desk_environment_list_new (fixture->settings, fixture->store);
  desk_environment_set_starter (desk_environment_list_get_sandbox (fixture->list),
                                start_sandbox, desk_sandbox_new (), g_object_unref);

  fixture->fiskil_a = fake_fiskil_new ("a");
  fake_fiskil_accept_client (fixture->fiskil_a, ID_A, SECRET_A);
  fake_fiskil_accept_client (fixture->fiskil_a, ID_A2, SECRET_A2);
  fixture->fiskil_b = fake_fiskil_new ("b");
  fake_fiskil_accept_client (fixture->fiskil_b, ID_B, SECRET_B);

  fixture->env_a = desk_environment_list_add_custom (fixture->list, "Staging A",
                                                     fake_fiskil_get_url (fixture->fiskil_a));
  fixture->env_b = desk_environment_list_add_custom (fixture->list, "Staging B",
                                                     fake_fiskil_get_url (fixture->fiskil_b));
  save_credentials (fixture->store, desk_environment_get_id (fixture->env_a), credentials_a);
  save_credentials (fixture->store, desk_environment_get_id (fixture->env_b), credentials_b);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  unset_credential_variables ();
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  g_clear_pointer (&fixture->fiskil_a, fake_fiskil_free);
  g_clear_pointer (&fixture->fiskil_b, fake_fiskil_free);
}

static guint
store_calls (Fixture *fixture)
{
  return desk_secret_store_memory_get_call_count (DESK_SECRET_STORE_MEMORY (fixture->store));
}

static void
test_credentials_from_keyring (Fixture       *fixture,
                               gconstpointer  data)
{
  guint calls = store_calls (fixture);

  create_session (fixture->env_a);

  g_assert_cmpuint (store_calls (fixture), >, calls);
  g_assert_cmpuint (fake_fiskil_get_token_requests (fixture->fiskil_a), ==, 1);
  g_assert_cmpstr (fake_fiskil_get_last_client_id (fixture->fiskil_a), ==, ID_A);
  g_assert_cmpuint (fake_fiskil_get_session_requests (fixture->fiskil_a), ==, 1);
  g_assert_cmpuint (fake_fiskil_get_foreign_tokens (fixture->fiskil_a), ==, 0);
  assert_settings_free_of (fixture->settings, SECRET_A);
  assert_settings_free_of (fixture->settings, ID_A);
}

/* With the variables set the keyring is not consulted at all, not even read. */
static void
test_variables_win (Fixture       *fixture,
                    gconstpointer  data)
{
  guint calls = store_calls (fixture);

  g_setenv ("FISKIL_ACCESS_TOKEN", "env-token-never-shown", TRUE);
  fake_fiskil_accept_access_token (fixture->fiskil_a, "env-token-never-shown");
  create_session (fixture->env_a);
  g_assert_cmpuint (fake_fiskil_get_token_requests (fixture->fiskil_a), ==, 0);
  g_assert_cmpstr (fake_fiskil_get_last_bearer (fixture->fiskil_a), ==, "env-token-never-shown");

  /* A client id and secret from the variables, for another environment. */
  g_unsetenv ("FISKIL_ACCESS_TOKEN");
  g_setenv ("FISKIL_CLIENT_ID", ID_B, TRUE);
  g_setenv ("FISKIL_CLIENT_SECRET", SECRET_B, TRUE);
  fake_fiskil_accept_client (fixture->fiskil_a, ID_B, SECRET_B);
  create_session (fixture->env_a);
  g_assert_cmpstr (fake_fiskil_get_last_client_id (fixture->fiskil_a), ==, ID_B);

  g_assert_cmpuint (store_calls (fixture), ==, calls);

  /* Without them, the keyring again. */
  unset_credential_variables ();
  create_session (fixture->env_a);
  g_assert_cmpstr (fake_fiskil_get_last_client_id (fixture->fiskil_a), ==, ID_A);
  g_assert_cmpuint (store_calls (fixture), >, calls);
}

/* Two environments, two servers: neither ever sees the other's token. */
static void
test_token_isolation (Fixture       *fixture,
                      gconstpointer  data)
{
  for (guint round = 0; round < 2; round++)
    {
      create_session (fixture->env_a);
      g_assert_cmpstr (fake_fiskil_get_last_bearer (fixture->fiskil_a), ==, "tok-a-1");
      create_session (fixture->env_b);
      g_assert_cmpstr (fake_fiskil_get_last_bearer (fixture->fiskil_b), ==, "tok-b-1");
    }

  /* Each exchanged its own credentials once, and then kept its own token. */
  g_assert_cmpuint (fake_fiskil_get_token_requests (fixture->fiskil_a), ==, 1);
  g_assert_cmpstr (fake_fiskil_get_last_client_id (fixture->fiskil_a), ==, ID_A);
  g_assert_cmpuint (fake_fiskil_get_token_requests (fixture->fiskil_b), ==, 1);
  g_assert_cmpstr (fake_fiskil_get_last_client_id (fixture->fiskil_b), ==, ID_B);
  g_assert_cmpuint (fake_fiskil_get_session_requests (fixture->fiskil_a), ==, 2);
  g_assert_cmpuint (fake_fiskil_get_session_requests (fixture->fiskil_b), ==, 2);
  g_assert_cmpuint (fake_fiskil_get_foreign_tokens (fixture->fiskil_a), ==, 0);
  g_assert_cmpuint (fake_fiskil_get_foreign_tokens (fixture->fiskil_b), ==, 0);
  g_assert_true (desk_environment_get_client (fixture->env_a) !=
                 desk_environment_get_client (fixture->env_b));
}

/* New credentials in the keyring: the old token goes, a new exchange uses the new ones. */
static void
test_changed_credentials_drop_token (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(DeskCredentials) credentials = desk_credentials_new_client (ID_A2, SECRET_A2);

  create_session (fixture->env_a);
  create_session (fixture->env_a);
  g_assert_cmpuint (fake_fiskil_get_token_requests (fixture->fiskil_a), ==, 1);

  save_credentials (fixture->store, desk_environment_get_id (fixture->env_a), credentials);
  create_session (fixture->env_a);
  g_assert_cmpuint (fake_fiskil_get_token_requests (fixture->fiskil_a), ==, 2);
  g_assert_cmpstr (fake_fiskil_get_last_client_id (fixture->fiskil_a), ==, ID_A2);
  g_assert_cmpstr (fake_fiskil_get_last_bearer (fixture->fiskil_a), ==, "tok-a-2");

  g_assert_cmpuint (fake_fiskil_get_foreign_tokens (fixture->fiskil_a), ==, 0);

  /* Unchanged credentials keep the token. */
  create_session (fixture->env_a);
  g_assert_cmpuint (fake_fiskil_get_token_requests (fixture->fiskil_a), ==, 2);
}

static void
test_api_version (Fixture       *fixture,
                  gconstpointer  data)
{
  create_session (fixture->env_a);
  g_assert_null (fake_fiskil_get_last_api_version (fixture->fiskil_a));

  desk_environment_set_api_version (fixture->env_a, "v2");
  create_session (fixture->env_a);
  g_assert_cmpstr (fake_fiskil_get_last_api_version (fixture->fiskil_a), ==, "v2");

  /* --api-version wins for the run, without being saved. */
  desk_environment_set_api_version_override (fixture->env_a, "v1");
  create_session (fixture->env_a);
  g_assert_cmpstr (fake_fiskil_get_last_api_version (fixture->fiskil_a), ==, "v1");
  g_assert_cmpstr (desk_environment_get_api_version (fixture->env_a), ==, "v2");

  /* Another environment sends none. */
  create_session (fixture->env_b);
  g_assert_null (fake_fiskil_get_last_api_version (fixture->fiskil_b));
}

/* Production, pointed at a local stand-in, is reached through its configured URL. */
static void
test_production_url (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DeskCredentials) credentials = desk_credentials_new_client (ID_B, SECRET_B);
  DeskEnvironment *production = desk_environment_list_get_production (fixture->list);

  desk_environment_set_production_url_for_tests (production,
                                                 fake_fiskil_get_url (fixture->fiskil_b));
  save_credentials (fixture->store, "production", credentials);

  create_session (production);
  g_assert_cmpuint (fake_fiskil_get_session_requests (fixture->fiskil_b), ==, 1);
  g_assert_cmpstr (fake_fiskil_get_last_client_id (fixture->fiskil_b), ==, ID_B);
  g_assert_cmpstr (desk_fiskil_client_get_base_url (desk_environment_get_client (production)),
                   ==, fake_fiskil_get_url (fixture->fiskil_b));
}

static void
test_no_credentials (Fixture       *fixture,
                     gconstpointer  data)
{
  DeskEnvironment *production = desk_environment_list_get_production (fixture->list);
  const char *url = fake_fiskil_get_url (fixture->fiskil_a);
  DeskEnvironment *one_off = desk_environment_list_get_one_off (fixture->list, url);
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = ensure_client (production, &error);
  g_assert_null (client);
  g_assert_error (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "Production"));
  g_assert_nonnull (strstr (error->message, "FISKIL_ACCESS_TOKEN"));
  g_clear_error (&error);

  /* A one-off --api-url environment has no keyring items: only the variables open it. */
  client = ensure_client (one_off, &error);
  g_assert_error (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_NO_CREDENTIALS);
}

/* A locked or missing keyring is said in words; the Sandbox and the variables still work. */
static void
test_keyring_unavailable (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) locked = g_error_new_literal (DESK_SECRET_STORE_ERROR,
                                                  DESK_SECRET_STORE_ERROR_UNAVAILABLE,
                                                  "The keyring could not be opened: it is "
                                                  "locked.");
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(GError) error = NULL;

  desk_secret_store_memory_set_error (DESK_SECRET_STORE_MEMORY (fixture->store), locked);

  client = ensure_client (fixture->env_a, &error);
  g_assert_null (client);
  g_assert_error (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "The keyring could not be opened: it is locked."));
  g_assert_nonnull (strstr (error->message, "FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET"));
  g_assert_nonnull (strstr (error->message, "unlock the keyring"));
  g_clear_error (&error);

  client = ensure_client (desk_environment_list_get_sandbox (fixture->list), &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
  g_clear_object (&client);

  g_setenv ("FISKIL_CLIENT_ID", ID_A, TRUE);
  g_setenv ("FISKIL_CLIENT_SECRET", SECRET_A, TRUE);
  create_session (fixture->env_a);
  g_assert_cmpstr (fake_fiskil_get_last_client_id (fixture->fiskil_a), ==, ID_A);
}

/* An unusable token from the outside is refused in words that do not repeat it. */
static void
test_bad_token (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("FISKIL_ACCESS_TOKEN", "two words-never-shown", TRUE);
  client = ensure_client (fixture->env_a, &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (strstr (error->message, "never-shown"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (api_url_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/environments/check/api-url/%zu", i);

      g_test_add_data_func (path, &api_url_cases[i], test_check_api_url);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (origin_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/environments/check/auth-origin/%zu", i);

      g_test_add_data_func (path, &origin_cases[i], test_check_auth_origin);
    }
  g_test_add_func ("/environments/list/built-ins", test_list_built_ins);
  g_test_add_func ("/environments/list/saved", test_list_saved);
  g_test_add_func ("/environments/list/names", test_list_names);
  g_test_add_func ("/environments/list/one-off", test_list_one_off);
  g_test_add_func ("/environments/keyring/memory-round-trip", test_memory_round_trip);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/environments/credentials/from-keyring", test_credentials_from_keyring);
  ADD ("/environments/credentials/variables-win", test_variables_win);
  ADD ("/environments/credentials/none", test_no_credentials);
  ADD ("/environments/credentials/keyring-unavailable", test_keyring_unavailable);
  ADD ("/environments/credentials/bad-token", test_bad_token);
  ADD ("/environments/tokens/isolation", test_token_isolation);
  ADD ("/environments/tokens/changed-credentials", test_changed_credentials_drop_token);
  ADD ("/environments/api-version", test_api_version);
  ADD ("/environments/production-url", test_production_url);
#undef ADD

  return g_test_run ();
}
