/* desk-web-module.h — the part of Consent Desk that needs WebKit, loaded on first use
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that links WebKitGTK (the consent view, its pop-up window, the warm-up) lives in
 * the module consent-desk-web, so that the executable does not need WebKit's hundred libraries
 * mapped and relocated before its first frame (issue 13). No WebKit header here.
 */
#pragma once

#include <gtk/gtk.h>

#include "desk-attempt.h"

G_BEGIN_DECLS

/* Overrides where the module is loaded from (a file name): uninstalled runs and tests. */
#define DESK_WEB_MODULE_ENV "CONSENT_DESK_WEB_MODULE"

typedef struct
{
  /* DeskConsentView (desk-consent-view.h), a GtkWidget. */
  GType      (*consent_view_get_type)     (void);
  /* desk_consent_view_set_attempt(): follows @attempt (NULL: nothing shown). */
  void       (*consent_view_set_attempt)  (GtkWidget   *view,
                                           DeskAttempt *attempt);
  /* The WebKitWebView of the running attempt, or NULL. */
  GtkWidget *(*consent_view_get_web_view) (GtkWidget   *view);
  /* desk_consent_warm() (desk-consent-warm.h). */
  void       (*warm)                      (DeskAttempt *attempt);
  /* The running WebKitGTK's version. */
  void       (*get_webkit_version)        (guint       *major,
                                           guint       *minor,
                                           guint       *micro);
} DeskWebModule;

/* The module's one entry point, looked up by name. */
typedef const DeskWebModule *(*DeskWebModuleEntryFunc) (void);
#define DESK_WEB_MODULE_ENTRY "desk_web_module_entry"

/* Loads the module once (it then stays loaded), or returns the one loaded. NULL with an error
 * saying which file could not be loaded and why. Blocks while the libraries are mapped. */
const DeskWebModule *desk_web_module_ensure      (GError            **error);
/* The same, with the libraries mapped in a worker thread; the types are registered in the
 * main thread when it finishes. */
void                 desk_web_module_load_async  (GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
const DeskWebModule *desk_web_module_load_finish (GAsyncResult        *result,
                                                  GError             **error);
/* The module if it is loaded already, else NULL: never loads it. */
const DeskWebModule *desk_web_module_get         (void);
/* The file desk_web_module_ensure() loads: DESK_WEB_MODULE_ENV, or the installed module. */
char                *desk_web_module_path        (void);

G_END_DECLS
