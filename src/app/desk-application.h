/* desk-application.h — Consent Desk's AdwApplication: command line, environments, outcome output
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-environment-list.h"
#include "desk-sandbox.h"
#include "desk-secret-store.h"
#include "desk-window.h"

G_BEGIN_DECLS

#define DESK_TYPE_APPLICATION (desk_application_get_type ())

G_DECLARE_FINAL_TYPE (DeskApplication, desk_application, DESK, APPLICATION, AdwApplication)

DeskApplication *desk_application_new              (void);
/* g_application_run(), returning the outcome's exit status after --quit-on-outcome. */
int              desk_application_run              (DeskApplication     *self,
                                                    int                  argc,
                                                    char               **argv);

/* The environments (DeskEnvironment): Sandbox, Production, the saved custom ones, and this
 * run's one-off custom one. Made at start-up (registration); NULL before. */
GListModel          *desk_application_get_environments     (DeskApplication *self);
DeskEnvironmentList *desk_application_get_environment_list (DeskApplication *self);
/* The built-in environment of @kind; for CUSTOM, the one-off one for @api_url (made and listed
 * when new), as --api-url makes it. */
DeskEnvironment *desk_application_get_environment  (DeskApplication     *self,
                                                    DeskEnvironmentKind  kind,
                                                    const char          *api_url);

/* Where credentials are kept: the desktop keyring (libsecret) unless a test gives another
 * store, such as an in-memory one, before or after registration. */
DeskSecretStore *desk_application_get_secret_store (DeskApplication     *self);
void             desk_application_set_secret_store (DeskApplication     *self,
                                                    DeskSecretStore     *store);

/* The built-in Sandbox (not started until the first Sandbox session needs it). */
DeskSandbox     *desk_application_ensure_sandbox   (DeskApplication     *self);

/* The main window, created on first use. */
DeskWindow      *desk_application_ensure_window    (DeskApplication     *self);

/* Where each outcome goes as JSON (--outcome-json): a path, "-" for standard output, or NULL:
 * nowhere. The path should have passed desk_outcome_writer_check(). */
void             desk_application_set_outcome_json (DeskApplication     *self,
                                                    const char          *path);
/* The attempts: the running one, Try again, and every ending. Made at start-up. */
DeskAttemptManager *desk_application_get_attempt_manager (DeskApplication *self);
/* --quit-on-outcome: quit once the outcome is written, with desk_outcome_exit_status(). */
void             desk_application_set_quit_on_outcome (DeskApplication  *self,
                                                       gboolean          quit_on_outcome);

G_END_DECLS
