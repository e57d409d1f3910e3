/* desk-application-private.h — DeskApplication's state, shared with its command line
 * (desk-application-command-line.c)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-application.h"

G_BEGIN_DECLS

/* design.md's exit status for invalid usage or input. */
#define EXIT_USAGE 2

struct _DeskApplication
{
  AdwApplication  parent_instance;

  GSettings           *settings;
  DeskSecretStore     *secret_store;
  DeskEnvironmentList *environments;  /* made at start-up */
  DeskSandbox         *sandbox;       /* started with the first Sandbox session */
  DeskWindow          *window;        /* weak */

  DeskAttemptManager  *manager;
  char           *outcome_path;       /* --outcome-json: a path, or "-" for standard output */
  DeskAttempt    *refused;            /* --start without credentials: a usage error, no outcome */
  gboolean        quit_on_outcome;
  gboolean        quit_pending;       /* quit once the outcome is written */
  guint           pending_writes;

  gboolean        options_checked;    /* handle-local-options ran: GOption parsing succeeded */
  int             exit_status;
};

/* GApplication's command-line vfunc: design.md's options, checked before anything is sent. */
int desk_application_handle_command_line (GApplication            *application,
                                          GApplicationCommandLine *cmdline);

G_END_DECLS
