/* test-debug-info.c — the About window's troubleshooting text (suite unit, no display)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What support staff paste into a ticket: the versions of every library a fault could come
 * from, where requests went, and never a secret, even one sitting in the address or in the
 * FISKIL_* variables.
 *
 * Built twice. test-debug-info links the web module's code in, as the gui tests do.
 * test-debug-info-module (LOADS_WEB_MODULE) is linked as consent-desk is, without WebKit, and
 * loads the web module as a file for WebKit's version: first from where there is none (the
 * text says WebKit is not loaded, and why), then from the build tree.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <webkit/webkit.h>

#include "desk-debug-info.h"
#include "desk-web-module.h"

#define SECRET_VARIABLE "client-secret-never-shown"
#define TOKEN_VARIABLE  "access-token-never-shown"

typedef enum
{
  NO_ENVIRONMENT,
  SANDBOX,
  CUSTOM,
} Which;

typedef struct
{
  const char *name;
  Which       which;
  const char *api_url;              /* CUSTOM only */
  const char *expected[3];          /* lines that must be there */
  const char *absent[4];            /* words that must not */
} DebugInfoTest;

static const DebugInfoTest tests[] = {
  { "none", NO_ENVIRONMENT, NULL,
    { "Environment: none selected\n" }, { "API URL" } },
  { "sandbox-not-started", SANDBOX, NULL,
    { "Environment: Sandbox (sandbox)\n", "API URL: not started yet\n" }, { NULL } },
  { "custom", CUSTOM, "https://api.example.com/base",
    { "Environment: Staging (staging)\n", "API URL: https://api.example.com/base\n" },
    { NULL } },
  { "custom-port", CUSTOM, "http://127.0.0.1:8080",
    { "API URL: http://127.0.0.1:8080\n" }, { NULL } },
  /* A URL typed with a password or a token in it: only where it points is shown. */
  { "custom-secrets-in-address", CUSTOM,
    "https://agent:hunter2@api.example.com/base?token=tok-in-query#frag-secret",
    { "API URL: https://api.example.com/base\n" },
    { "hunter2", "agent", "tok-in-query", "frag-secret" } },
};

static void
assert_line (const char *text,
             const char *line)
{
  if (strstr (text, line) == NULL)
    g_error ("“%s” is not in the debug info:\n%s", line, text);
}

static void
assert_versions (const char *text)
{
  int sqlite_version = sqlite3_libversion_number ();
  g_autofree char *app = g_strdup_printf ("Consent Desk %s (%s", PACKAGE_VERSION,
                                          APPLICATION_ID);
  g_autofree char *glib = g_strdup_printf ("GLib %u.%u.%u", glib_major_version,
                                           glib_minor_version, glib_micro_version);
  g_autofree char *gtk = g_strdup_printf ("GTK %u.%u.%u", gtk_get_major_version (),
                                          gtk_get_minor_version (), gtk_get_micro_version ());
  g_autofree char *adw = g_strdup_printf ("libadwaita %u.%u.%u", adw_get_major_version (),
                                          adw_get_minor_version (), adw_get_micro_version ());
#ifdef LOADS_WEB_MODULE
  /* Nothing here links WebKit: the version it was built with is the one this machine runs. */
  g_autofree char *webkit = g_strdup_printf ("WebKitGTK %u.%u.%u", WEBKIT_MAJOR_VERSION,
                                             WEBKIT_MINOR_VERSION, WEBKIT_MICRO_VERSION);
#else
  g_autofree char *webkit = g_strdup_printf ("WebKitGTK %u.%u.%u", webkit_get_major_version (),
                                             webkit_get_minor_version (),
                                             webkit_get_micro_version ());
#endif
  g_autofree char *soup = g_strdup_printf ("libsoup %u.%u.%u", soup_get_major_version (),
                                           soup_get_minor_version (), soup_get_micro_version ());
  g_autofree char *json = g_strdup_printf ("json-glib %u.%u.%u", JSON_MAJOR_VERSION,
                                           JSON_MINOR_VERSION, JSON_MICRO_VERSION);
  g_autofree char *sqlite = g_strdup_printf ("SQLite %d.%d.%d", sqlite_version / 1000000,
                                             sqlite_version / 1000 % 1000,
                                             sqlite_version % 1000);

  assert_line (text, app);
  assert_line (text, glib);
  assert_line (text, gtk);
  assert_line (text, adw);
  assert_line (text, webkit);
  assert_line (text, soup);
  assert_line (text, json);
  assert_line (text, sqlite);
}

static void
test_debug_info (gconstpointer data)
{
  const DebugInfoTest *test = data;
  g_autoptr(DeskEnvironment) environment = NULL;
  g_autofree char *text = NULL;

  if (test->which == SANDBOX)
    environment = desk_environment_new_sandbox ();
  else if (test->which == CUSTOM)
    environment = desk_environment_new_custom ("staging", "Staging", test->api_url);

  text = desk_debug_info_new (environment, NULL);
  g_test_message ("%s", text);

  assert_versions (text);
  for (gsize i = 0; i < G_N_ELEMENTS (test->expected) && test->expected[i] != NULL; i++)
    assert_line (text, test->expected[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (test->absent) && test->absent[i] != NULL; i++)
    g_assert_null (strstr (text, test->absent[i]));

  /* Set for this run: a ticket must never carry them. */
  g_assert_null (strstr (text, SECRET_VARIABLE));
  g_assert_null (strstr (text, TOKEN_VARIABLE));
}

#ifdef LOADS_WEB_MODULE
/* A broken installation: the ticket says WebKit could not be loaded, from where and why, and
 * the rest of the text is all there. */
static void
test_web_module_missing (void)
{
  g_autofree char *module = g_strdup (g_getenv (DESK_WEB_MODULE_ENV));
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no-such-dir",
                                               "consent-desk-web.so", NULL);
  g_autofree char *built_with = g_strdup_printf ("WebKitGTK: not loaded, built with %u.%u.%u (",
                                                 WEBKIT_MAJOR_VERSION, WEBKIT_MINOR_VERSION,
                                                 WEBKIT_MICRO_VERSION);
  g_autofree char *text = NULL;

  g_assert_null (desk_web_module_get ());
  g_setenv (DESK_WEB_MODULE_ENV, missing, TRUE);
  text = desk_debug_info_new (NULL, NULL);
  g_test_message ("%s", text);
  assert_line (text, built_with);
  assert_line (text, missing);
  assert_line (text, "Environment: none selected\n");
  g_assert_null (desk_web_module_get ());

  /* The next ask loads the real one (the later cases), as About opened again would. */
  g_setenv (DESK_WEB_MODULE_ENV, module, TRUE);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_setenv ("FISKIL_CLIENT_ID", "client-id-of-this-run", TRUE);
  g_setenv ("FISKIL_CLIENT_SECRET", SECRET_VARIABLE, TRUE);
  g_setenv ("FISKIL_ACCESS_TOKEN", TOKEN_VARIABLE, TRUE);
  g_test_init (&argc, &argv, NULL);

#ifdef LOADS_WEB_MODULE
  /* First: once loaded, the module stays. */
  g_test_add_func ("/debug-info/web-module-missing", test_web_module_missing);
#endif
  for (gsize i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *path = g_strdup_printf ("/debug-info/%s", tests[i].name);

      g_test_add_data_func (path, &tests[i], test_debug_info);
    }

  return g_test_run ();
}
