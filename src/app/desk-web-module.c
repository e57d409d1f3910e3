/* desk-web-module.c — loads consent-desk-web, the part of Consent Desk that needs WebKit
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 13: linking WebKitGTK made the dynamic loader map and relocate about a hundred more
 * libraries before main(), a quarter of a second of every start. The module is loaded when the
 * first attempt that shows a web page starts, or when About asks for WebKit's version.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "desk-web-module.h"

/* Test programs link the module's code in (one copy of each GType, and their own WebKit calls
 * need it anyway): then that is the module. The executable has no such symbol and loads the
 * file. */
extern const DeskWebModule *desk_web_module_entry (void) __attribute__ ((weak));

static const DeskWebModule *web_module;

char *
desk_web_module_path (void)
{
  const char *path = g_getenv (DESK_WEB_MODULE_ENV);

  if (path != NULL && *path != '\0')
    return g_strdup (path);

  return g_build_filename (WEB_MODULE_DIR, "consent-desk-web.so", NULL);
}

static const DeskWebModule *
load (GError **error)
{
  g_autofree char *path = desk_web_module_path ();
  g_autoptr(GError) local_error = NULL;
  DeskWebModuleEntryFunc entry = NULL;
  GModule *module;

  /* Not lazy: a symbol missing from the executable fails here, by name, not at a later call. */
  module = g_module_open_full (path, G_MODULE_BIND_LOCAL, &local_error);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Consent Desk’s web view could not be loaded: %s"), local_error->message);
      return NULL;
    }

  if (!g_module_symbol (module, DESK_WEB_MODULE_ENTRY, (gpointer *) &entry) || entry == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Consent Desk’s web view could not be loaded: %s has no %s"), path,
                   DESK_WEB_MODULE_ENTRY);
      g_module_close (module);
      return NULL;
    }

  /* Its types are registered for good: it can never be unloaded. */
  g_module_make_resident (module);
  g_debug ("Loaded %s", path);

  return entry ();
}

const DeskWebModule *
desk_web_module_ensure (GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (web_module != NULL)
    return web_module;

  if (desk_web_module_entry != NULL)
    web_module = desk_web_module_entry ();
  else
    web_module = load (error);

  /* Before any template that names DeskConsentView is built. */
  if (web_module != NULL)
    g_type_ensure (web_module->consent_view_get_type ());

  return web_module;
}

const DeskWebModule *
desk_web_module_get (void)
{
  return web_module;
}
