/* desk-application-private.h — DeskApplication's state, shared with its command line
 * (desk-application-command-line.c)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-application.h"
#include "desk-command-line.h"
#include "desk-history-recorder.h"

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

  DeskHistory         *history;       /* opened by its writer thread: never blocks */
  DeskHistoryRecorder *recorder;
  char           *har_path;           /* --har */
  guint           retention_id;
  gboolean        retention_scheduled;

  gboolean        options_checked;    /* handle-local-options ran: GOption parsing succeeded */
  int             exit_status;
};

/* GApplication's command-line vfunc: design.md's options, checked before anything is sent. */
int desk_application_handle_command_line (GApplication            *application,
                                          GApplicationCommandLine *cmdline);

/* Quits once a --quit-on-outcome run's outcome (and every file it asked for) is written. */
void desk_application_maybe_quit        (DeskApplication         *self);

/* desk-application-history.c: the history, its recorder and retention; --har; --history-json. */
void desk_application_history_startup   (DeskApplication         *self);
/* Applies the retention setting once the first frame is drawn (off the start-up path). */
void desk_application_schedule_retention (DeskApplication        *self);
void desk_application_write_har         (DeskApplication         *self,
                                         DeskAttempt             *attempt);
gboolean desk_application_apply_har_path (DeskApplication        *self,
                                          GApplicationCommandLine *cmdline,
                                          const DeskCommandLine   *command_line);
/* --history-json and --print-curl: before GTK is initialised, with no display; an exit
 * status. */
int  desk_application_print_history     (const DeskCommandLine   *command_line);
int  desk_application_print_curl        (const DeskCommandLine   *command_line);

/* desk-application-handoff.c: the Sandbox's simulated remote customer for hand-off attempts
 * (with an automatic Sandbox outcome); call once the attempt manager exists. */
void desk_application_handoff_startup   (DeskApplication         *self);

/* -1 when --environment names an environment that exists (or is not given), else EXIT_USAGE
 * after saying so: answered before any display is needed. */
int      desk_application_check_environment        (const DeskCommandLine *command_line);
/* FALSE, after naming the option, when an argument is not UTF-8. */
gboolean desk_application_check_arguments_are_text (char                 **arguments);

G_END_DECLS
