/* main.c — start Consent Desk
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "desk-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DeskApplication) application = NULL;
  const char *localedir = g_getenv ("CONSENT_DESK_LOCALEDIR");

  /* Before anything reads a translation: --help is printed before GTK sets the locale. An
   * uninstalled run (build-aux/dev run, meson devenv) sets CONSENT_DESK_LOCALEDIR to the build
   * tree's po/, where the .mo files are: the prefix's locale directory has never had them. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir
                                                                           : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = desk_application_new ();

  return desk_application_run (application, argc, argv);
}
