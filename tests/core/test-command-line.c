/* test-command-line.c — design.md's command line below the window: the options' checks, and
 * --end-user-email resolved against the Sandbox and a test server (suite unit)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "desk-command-line.h"
#include "desk-sandbox.h"
#include "desk-test-server.h"
#include "core-test-util.h"

/* One option: its name, and its value ("" for a flag that is given). */
typedef struct
{
  const char *name;
  const char *value;
} Option;

typedef struct
{
  const char *path;
  Option      options[6];
  const char *error;     /* a part of the message; NULL when the options are accepted */
} ParseCase;

static const ParseCase parse_cases[] = {
  { "email", { { "end-user-email", "alex@example.com" }, { "start", "" } }, NULL },
  { "email-create-name",
    { { "end-user-email", "new@example.com" }, { "create-end-user", "" },
      { "end-user-name", "Nova" } }, NULL },
  { "email-and-id", { { "end-user-email", "alex@example.com" }, { "end-user-id", "eu_1" } },
    "--end-user-email and --end-user-id cannot be combined" },
  { "email-not-an-email", { { "end-user-email", "alex@" } }, "--end-user-email: " },
  { "email-with-space", { { "end-user-email", " alex@example.com" } }, "--end-user-email: " },
  { "email-empty", { { "end-user-email", "" } }, "--end-user-email: " },
  { "create-alone", { { "create-end-user", "" }, { "end-user-id", "eu_1" } },
    "--create-end-user needs --end-user-email" },
  { "name-alone", { { "end-user-name", "Nova" } }, "--end-user-name needs --end-user-email" },
  { "name-without-create",
    { { "end-user-email", "alex@example.com" }, { "end-user-name", "Nova" } },
    "--end-user-name only applies with --create-end-user" },
  { "name-empty",
    { { "end-user-email", "new@example.com" }, { "create-end-user", "" },
      { "end-user-name", "" } }, "--end-user-name needs a name" },
  { "print-curl-email",
    { { "print-curl", "" }, { "end-user-email", "alex@example.com" } },
    "cannot look up --end-user-email" },
  { "hand-off", { { "integration", "hand-off" }, { "start", "" } }, NULL },
  { "callback-uri",
    { { "integration", "hand-off" }, { "start", "" },
      { "callback-uri", "https://callback.example/done?code=1" } }, NULL },
  { "callback-uri-http",
    { { "integration", "hand-off" }, { "start", "" },
      { "callback-uri", "http://127.0.0.1:8080/cancel" } }, NULL },
  { "callback-uri-redirect",
    { { "integration", "redirect" }, { "start", "" },
      { "callback-uri", "https://callback.example/done" } },
    "--callback-uri only applies with --integration=hand-off --start" },
  { "callback-uri-no-start",
    { { "integration", "hand-off" }, { "callback-uri", "https://callback.example/done" } },
    "--callback-uri only applies" },
  { "callback-uri-relative",
    { { "integration", "hand-off" }, { "start", "" }, { "callback-uri", "/done?code=1" } },
    "--callback-uri must be an absolute http or https address" },
  { "callback-uri-scheme",
    { { "integration", "hand-off" }, { "start", "" },
      { "callback-uri", "myapp://callback/done" } },
    "--callback-uri must be an absolute http or https address" },
  { "callback-uri-no-host",
    { { "integration", "hand-off" }, { "start", "" }, { "callback-uri", "https:///done" } },
    "--callback-uri must be an absolute http or https address" },
  { "integration-unknown", { { "integration", "iframe" } },
    "--integration must be redirect, popup, embedded or hand-off" },
};

static GVariantDict *
dict_for (const Option *options)
{
  GVariantDict *dict = g_variant_dict_new (NULL);

  for (guint i = 0; i < 6 && options[i].name != NULL; i++)
    {
      const char *name = options[i].name;

      if (g_str_equal (name, "start") || g_str_equal (name, "create-end-user")
          || g_str_equal (name, "print-curl"))
        g_variant_dict_insert (dict, name, "b", TRUE);
      else
        g_variant_dict_insert (dict, name, "s", options[i].value);
    }

  return dict;
}

static void
test_parse (gconstpointer data)
{
  const ParseCase *c = data;
  g_autoptr(GVariantDict) dict = dict_for (c->options);
  g_autoptr(DeskCommandLine) command_line = NULL;
  g_autoptr(GError) error = NULL;

  command_line = desk_command_line_parse (dict, &error);
  if (c->error == NULL)
    {
      g_assert_no_error (error);
      g_assert_nonnull (command_line);
      return;
    }

  g_assert_null (command_line);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  if (strstr (error->message, c->error) == NULL)
    g_error ("“%s” does not say “%s”", error->message, c->error);
  g_assert_cmpint (desk_command_line_error_exit_status (error), ==, 2);
}

static void
test_parse_values (void)
{
  const Option options[6] = {
    { "end-user-email", "new@example.com" }, { "create-end-user", "" },
    { "end-user-name", "Nova Customer" }, { "integration", "hand-off" }, { "start", "" },
    { "callback-uri", "https://callback.example/cancel?error=access_denied" },
  };
  g_autoptr(GVariantDict) dict = dict_for (options);
  g_autoptr(DeskCommandLine) command_line = NULL;
  g_autoptr(GError) error = NULL;

  command_line = desk_command_line_parse (dict, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (command_line->end_user_email, ==, "new@example.com");
  g_assert_true (command_line->create_end_user);
  g_assert_cmpstr (command_line->end_user_name, ==, "Nova Customer");
  g_assert_null (command_line->end_user_id);
  g_assert_cmpstr (command_line->callback_uri, ==,
                   "https://callback.example/cancel?error=access_denied");
  g_assert_true (desk_command_line_is_scripted (command_line));
}

/* Resolution */

static DeskSandbox *sandbox;
static SoupServer *fiskil;
static char *fiskil_url;
static guint fiskil_creates;

static char *
start_sandbox (DeskEnvironment  *environment,
               gpointer          data,
               GError          **error)
{
  if (!desk_sandbox_start (sandbox, error))
    return NULL;

  return g_strdup (desk_sandbox_get_base_url (sandbox));
}

/* Stands in for a Fiskil where two end users share an email, another listing ignores the
 * query, and one look-up fails. */
static void
fiskil_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  const char *email = query != NULL ? g_hash_table_lookup (query, "email") : NULL;
  const char *body = "[]";
  guint status = 200;

  if (g_str_equal (soup_server_message_get_method (message), "POST"))
    {
      fiskil_creates++;
      body = "{\"end_user_id\": \"eu_should_not_exist\"}";
    }
  else if (g_strcmp0 (email, "twins@example.com") == 0)
    body = "[{\"id\": \"eu_a\", \"email\": \"twins@example.com\"},"
           " {\"id\": \"eu_b\", \"email\": \"Twins@Example.com\"}]";
  else if (g_strcmp0 (email, "ignored@example.com") == 0)
    body = "[{\"id\": \"eu_other\", \"email\": \"other@example.com\"},"
           " {\"id\": \"eu_mine\", \"email\": \"ignored@example.com\"}]";
  else if (g_strcmp0 (email, "broken@example.com") == 0)
    {
      status = 500;
      body = "{\"id\": \"err_1\", \"name\": \"InternalServerError\", \"message\": \"Down.\"}";
    }

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

typedef struct
{
  const char *path;
  gboolean    sandbox;     /* else the test server, with FISKIL_ACCESS_TOKEN */
  const char *email;
  gboolean    create;
  const char *name;
  const char *id;          /* the end user resolved (NULL: an error), or a prefix of it */
  gboolean    created;
  GQuark      domain;      /* 0: DESK_COMMAND_LINE_ERROR */
  int         code;
  int         exit_status;
  const char *message;     /* a part of the error's message */
} ResolveCase;

static const ResolveCase resolve_cases[] = {
  { "sandbox-one", TRUE, "alex@example.com", FALSE, NULL, "eu_demo_alex", FALSE, 0, 0, 0,
    NULL },
  { "sandbox-one-created-not-needed", TRUE, "Jordan@Example.com", TRUE, "Not Used",
    "eu_demo_jordan", FALSE, 0, 0, 0, NULL },
  { "sandbox-none", TRUE, "nobody@example.com", FALSE, NULL, NULL, FALSE, 0,
    DESK_COMMAND_LINE_ERROR_NO_END_USER, 2, "“nobody@example.com”" },
  { "sandbox-none-created", TRUE, "created.now@example.com", TRUE, "Created Now", "", TRUE, 0,
    0, 0, NULL },
  { "several", FALSE, "twins@example.com", TRUE, NULL, NULL, FALSE, 0,
    DESK_COMMAND_LINE_ERROR_SEVERAL_END_USERS, 2, "eu_a, eu_b" },
  { "listing-ignores-query", FALSE, "ignored@example.com", FALSE, NULL, "eu_mine", FALSE, 0, 0,
    0, NULL },
  { "server-error", FALSE, "broken@example.com", TRUE, NULL, NULL, FALSE, 1, 0, 3, "Down." },
};

static void
keep_result (GObject      *object,
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

static void
test_resolve (gconstpointer data)
{
  const ResolveCase *c = data;
  g_autoptr(DeskCommandLine) command_line = g_new0 (DeskCommandLine, 1);
  g_autoptr(DeskEnvironment) environment = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DeskEndUser) end_user = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created = !c->created;
  guint creates = fiskil_creates;

  command_line->end_user_email = g_strdup (c->email);
  command_line->create_end_user = c->create;
  command_line->end_user_name = g_strdup (c->name);

  if (c->sandbox)
    {
      environment = desk_environment_new_sandbox ();
      desk_environment_set_starter (environment, start_sandbox, NULL, NULL);
      g_unsetenv ("FISKIL_ACCESS_TOKEN");
    }
  else
    {
      environment = desk_environment_new_custom (NULL, NULL, fiskil_url);
      g_setenv ("FISKIL_ACCESS_TOKEN", "token-for-tests", TRUE);
    }

  desk_command_line_resolve_end_user_async (command_line, environment, NULL, keep_result,
                                            &result);
  core_test_wait_until (result_arrived, &result, 30, "the end user");
  end_user = desk_command_line_resolve_end_user_finish (result, &created, &error);

  if (c->id != NULL)
    {
      g_assert_no_error (error);
      g_assert_nonnull (end_user);
      if (*c->id != '\0')
        g_assert_cmpstr (end_user->id, ==, c->id);
      g_assert_cmpint (created, ==, c->created);
      if (c->created)
        {
          g_assert_cmpstr (end_user->email, ==, c->email);
          g_assert_cmpstr (end_user->name, ==, c->name);
        }
      return;
    }

  g_assert_null (end_user);
  g_assert_false (created);
  g_assert_nonnull (error);
  if (c->domain == 0)
    g_assert_error (error, DESK_COMMAND_LINE_ERROR, c->code);
  else
    g_assert_true (error->domain != DESK_COMMAND_LINE_ERROR);
  g_assert_cmpint (desk_command_line_error_exit_status (error), ==, c->exit_status);
  if (strstr (error->message, c->message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, c->message);
  /* Several, or a failed look-up: never a new end user. */
  g_assert_cmpuint (fiskil_creates, ==, creates);
}

/* A created end user is found by the next look-up: once created, never created twice. */
static void
test_resolve_created_then_found (void)
{
  g_autoptr(DeskCommandLine) command_line = g_new0 (DeskCommandLine, 1);
  g_autoptr(DeskEnvironment) environment = desk_environment_new_sandbox ();
  g_autoptr(DeskEndUser) first = NULL;
  g_autoptr(DeskEndUser) second = NULL;
  gboolean created = FALSE;

  desk_environment_set_starter (environment, start_sandbox, NULL, NULL);
  command_line->end_user_email = g_strdup ("once@example.com");
  command_line->create_end_user = TRUE;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      desk_command_line_resolve_end_user_async (command_line, environment, NULL, keep_result,
                                                &result);
      core_test_wait_until (result_arrived, &result, 30, "the end user");
      if (i == 0)
        first = desk_command_line_resolve_end_user_finish (result, &created, &error);
      else
        second = desk_command_line_resolve_end_user_finish (result, &created, &error);
      g_assert_no_error (error);
      g_assert_cmpint (created, ==, i == 0);
    }

  g_assert_cmpstr (first->id, ==, second->id);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  sandbox = desk_sandbox_new ();
  fiskil = desk_test_server_new ();
  soup_server_add_handler (fiskil, "/v1/end-users", fiskil_cb, NULL, NULL);
  fiskil_url = desk_test_server_get_url (fiskil, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/command-line/parse/%s", parse_cases[i].path);
      g_test_add_data_func (path, &parse_cases[i], test_parse);
    }
  g_test_add_func ("/command-line/parse/values", test_parse_values);
  for (gsize i = 0; i < G_N_ELEMENTS (resolve_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/command-line/resolve/%s",
                                               resolve_cases[i].path);
      g_test_add_data_func (path, &resolve_cases[i], test_resolve);
    }
  g_test_add_func ("/command-line/resolve/created-then-found", test_resolve_created_then_found);

  status = g_test_run ();

  desk_sandbox_stop (sandbox);
  g_object_unref (sandbox);
  g_object_unref (fiskil);
  g_free (fiskil_url);

  return status;
}
