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

/* In a worker thread: mapping and relocating WebKit's libraries is most of the cost, and
 * needs nothing of the main thread. */
static GModule *
open_module (GError **error)
{
  g_autofree char *path = desk_web_module_path ();
  g_autoptr(GError) local_error = NULL;
  gpointer entry = NULL;
  GModule *module;

  /* Not lazy: a symbol missing from the executable fails here, by name, not at a later call. */
  module = g_module_open_full (path, G_MODULE_BIND_LOCAL, &local_error);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Consent Desk’s web view could not be loaded: %s"), local_error->message);
      return NULL;
    }

  if (!g_module_symbol (module, DESK_WEB_MODULE_ENTRY, &entry) || entry == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Consent Desk’s web view could not be loaded: %s has no %s"), path,
                   DESK_WEB_MODULE_ENTRY);
      g_module_close (module);
      return NULL;
    }

  g_debug ("Loaded %s", path);
  return module;
}

/* In the main thread: the types are registered here, before any template names them. */
static const DeskWebModule *
adopt_entry (DeskWebModuleEntryFunc entry)
{
  if (web_module == NULL)
    {
      web_module = entry ();
      g_type_ensure (web_module->consent_view_get_type ());
    }

  return web_module;
}

static const DeskWebModule *
take_module (GModule *module)
{
  gpointer entry = NULL;

  /* Its types are registered for good: it can never be unloaded. */
  g_module_make_resident (module);
  if (!g_module_symbol (module, DESK_WEB_MODULE_ENTRY, &entry))
    return web_module;  /* open_module() checked it */

  return adopt_entry ((DeskWebModuleEntryFunc) entry);
}

const DeskWebModule *
desk_web_module_get (void)
{
  if (web_module == NULL && desk_web_module_entry != NULL)
    return adopt_entry (desk_web_module_entry);

  return web_module;
}

const DeskWebModule *
desk_web_module_ensure (GError **error)
{
  GModule *module;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (desk_web_module_get () != NULL)
    return web_module;

  /* While a worker thread opens it, this waits for it, and gets the same module. */
  module = open_module (error);
  if (module == NULL)
    return NULL;

  return take_module (module);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GModule *module = open_module (&error);

  if (module != NULL)
    g_task_return_pointer (task, module, NULL);
  else
    g_task_return_error (task, error);
}

void
desk_web_module_load_async (GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, desk_web_module_load_async);
  if (desk_web_module_get () != NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_run_in_thread (task, load_in_thread);
}

const DeskWebModule *
desk_web_module_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  GModule *module;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  module = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (module != NULL)
    return take_module (module);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return web_module;
}
