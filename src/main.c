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

  /* Before anything reads a translation: --help is printed before GTK sets the locale. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = desk_application_new ();

  return desk_application_run (application, argc, argv);
}
