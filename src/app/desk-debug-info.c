/* desk-debug-info.c — the troubleshooting text of the About window, for support tickets
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the About window calls this, so WebKit's version is asked for when it opens and
 * start-up never touches WebKit: the web module is loaded for it then (desk-web-module.h).
 * WebKit's headers give only the version built with; nothing here links WebKit.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <webkit/webkit.h>

#include "desk-debug-info.h"
#include "desk-renderer.h"
#include "desk-web-module.h"

/* "name 1.2.3", and " (built with 1.2.0)" when the running library is another version. */
static void
add_library (GString    *text,
             const char *name,
             guint       major,
             guint       minor,
             guint       micro,
             guint       built_major,
             guint       built_minor,
             guint       built_micro)
{
  g_string_append_printf (text, "%s %u.%u.%u", name, major, minor, micro);
  if (major != built_major || minor != built_minor || micro != built_micro)
    g_string_append_printf (text, " (built with %u.%u.%u)", built_major, built_minor, built_micro);
  g_string_append_c (text, '\n');
}

/* Only what says where requests go: a user name, query or fragment could hold a secret. */
static char *
describe_api_url (const char *api_url)
{
  g_autoptr(GUri) uri = NULL;

  if (api_url == NULL || *api_url == '\0')
    return g_strdup ("not started yet");

  uri = g_uri_parse (api_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup ("(not a valid address)");

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
}

static void
add_environment (GString         *text,
                 DeskEnvironment *environment)
{
  g_autofree char *api_url = NULL;
  const char *version;

  if (environment == NULL)
    {
      g_string_append (text, "Environment: none selected\n");
      return;
    }

  api_url = describe_api_url (desk_environment_get_api_url (environment));
  version = desk_environment_get_api_version (environment);
  g_string_append_printf (text, "Environment: %s (%s)\n", desk_environment_get_title (environment),
                          desk_environment_get_id (environment));
  g_string_append_printf (text, "API URL: %s\n", api_url);
  g_string_append_printf (text, "API version: %s\n", version != NULL ? version : "default");
}

static void
add_webkit (GString *text)
{
  g_autoptr(GError) error = NULL;
  const DeskWebModule *web = desk_web_module_ensure (&error);
  guint major, minor, micro;

  if (web == NULL)
    {
      /* What a support ticket needs to know: the web view cannot work at all. */
      g_string_append_printf (text, "WebKitGTK: not loaded, built with %u.%u.%u (%s)\n",
                              WEBKIT_MAJOR_VERSION, WEBKIT_MINOR_VERSION, WEBKIT_MICRO_VERSION,
                              error->message);
      return;
    }

  web->get_webkit_version (&major, &minor, &micro);
  add_library (text, "WebKitGTK", major, minor, micro,
               WEBKIT_MAJOR_VERSION, WEBKIT_MINOR_VERSION, WEBKIT_MICRO_VERSION);
}

static void
add_libraries (GString *text)
{
  int sqlite_version = sqlite3_libversion_number ();

  add_library (text, "GLib", glib_major_version, glib_minor_version, glib_micro_version,
               GLIB_MAJOR_VERSION, GLIB_MINOR_VERSION, GLIB_MICRO_VERSION);
  add_library (text, "GTK", gtk_get_major_version (), gtk_get_minor_version (),
               gtk_get_micro_version (),
               GTK_MAJOR_VERSION, GTK_MINOR_VERSION, GTK_MICRO_VERSION);
  add_library (text, "libadwaita", adw_get_major_version (), adw_get_minor_version (),
               adw_get_micro_version (),
               ADW_MAJOR_VERSION, ADW_MINOR_VERSION, ADW_MICRO_VERSION);
  add_webkit (text);
  add_library (text, "libsoup", soup_get_major_version (), soup_get_minor_version (),
               soup_get_micro_version (),
               SOUP_MAJOR_VERSION, SOUP_MINOR_VERSION, SOUP_MICRO_VERSION);
  /* json-glib has no run-time version call. */
  g_string_append_printf (text, "json-glib %u.%u.%u\n",
                          JSON_MAJOR_VERSION, JSON_MINOR_VERSION, JSON_MICRO_VERSION);
  add_library (text, "SQLite", sqlite_version / 1000000, sqlite_version / 1000 % 1000,
               sqlite_version % 1000, SQLITE_VERSION_NUMBER / 1000000,
               SQLITE_VERSION_NUMBER / 1000 % 1000, SQLITE_VERSION_NUMBER % 1000);
}

char *
desk_debug_info_new (DeskEnvironment *environment,
                     GtkWidget       *window)
{
  GString *text = g_string_new (NULL);
  g_autofree char *renderer = NULL;

  g_return_val_if_fail (environment == NULL || DESK_IS_ENVIRONMENT (environment), NULL);
  g_return_val_if_fail (window == NULL || GTK_IS_WIDGET (window), NULL);

  g_string_append_printf (text, "Consent Desk %s (%s%s)\n", PACKAGE_VERSION, APPLICATION_ID,
                          DEVELOPMENT ? ", development build" : "");
  g_string_append_printf (text, "Flatpak: %s\n",
                          g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? "yes" : "no");
  /* A drawing fault is often the renderer's: which one, and whether Consent Desk chose it. */
  if (window != NULL && (renderer = desk_renderer_describe (window)) != NULL)
    g_string_append_printf (text, "Renderer: %s\n", renderer);
  add_environment (text, environment);
  g_string_append_c (text, '\n');
  add_libraries (text);

  return g_string_free (text, FALSE);
}
