/* desk-command-line.h — design.md's command line: the options, their help and their checks
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-environment.h"


G_BEGIN_DECLS

typedef struct
{
  char                *environment;       /* --environment as given: an id or a name; NULL */
  char                *api_url;           /* --api-url: a one-off custom environment */
  char                *api_version;       /* "v1", "v2" or NULL */
  char                *end_user_id;       /* NULL when not given, for every request field */
  char                *end_user_email;    /* --end-user-email: found (or created) before sending */
  gboolean             create_end_user;   /* --create-end-user: create it when none is found */
  char                *end_user_name;     /* --end-user-name: the created end user's name */
  char                *redirect_uri;
  char                *cancel_uri;
  char                *institution_id;
  GStrv                permissions;
  char                *integration;       /* "redirect", "popup", "embedded", "hand-off", NULL */
  char                *sandbox_outcome;   /* "success", an error type, or NULL */
  gboolean             start;
  char                *callback_uri;      /* --callback-uri: hand-off, ended as if pasted */
  char                *outcome_json;      /* a path, "-" for standard output, or NULL */
  gboolean             quit_on_outcome;
  char                *har;               /* --har: where the attempt's HAR goes, or NULL */
  gboolean             print_curl;        /* --print-curl: print the request, send nothing */
  char                *history_json;      /* --history-json: a path, "-", or NULL */
  GDateTime           *since;             /* --since, or NULL for every recorded attempt */
} DeskCommandLine;

/* For g_application_add_main_option_entries(): values land in the options dictionary. */
const GOptionEntry *desk_command_line_get_entries   (void);
/* The --help summary and the text after the options (exit statuses, credentials). */
const char         *desk_command_line_get_summary   (void);
const char         *desk_command_line_get_description (void);

/* Reads and checks the options. The error message names the option and what it must be, e.g.
 * "--api-version must be v1 or v2" (G_OPTION_ERROR_BAD_VALUE). Which environment
 * --environment names is for the caller to find: only the application knows the saved ones. */
DeskCommandLine    *desk_command_line_parse         (GVariantDict          *options,
                                                     GError               **error);
void                desk_command_line_free          (DeskCommandLine       *self);

/* A run driven by a script (--start, --outcome-json or --quit-on-outcome): it gets its own
 * process and window, and leaves the person's remembered form values alone. */
gboolean            desk_command_line_is_scripted   (const DeskCommandLine *self);
/* --history-json or --print-curl: answered at once, with no window and no display. */
gboolean            desk_command_line_is_local      (const DeskCommandLine *self);

/* --end-user-email (design.md "The command line"): the environment's client is made (the
 * credentials read, the Sandbox started), then GET /v1/end-users?email=. Exactly one match is
 * the end user; none: with --create-end-user, POST /v1/end-users (the email and
 * --end-user-name) makes it (@created TRUE), else DESK_COMMAND_LINE_ERROR_NO_END_USER;
 * several: DESK_COMMAND_LINE_ERROR_SEVERAL_END_USERS, the message listing their ids. Listed end
 * users whose email is another one are not matches. Other errors are the environment's
 * (DESK_ENVIRONMENT_ERROR) or the client's (the API, the network). Every message is one
 * translated sentence naming the email. */
#define DESK_COMMAND_LINE_ERROR (desk_command_line_error_quark ())

typedef enum
{
  DESK_COMMAND_LINE_ERROR_NO_END_USER,
  DESK_COMMAND_LINE_ERROR_SEVERAL_END_USERS,
} DeskCommandLineError;

GQuark              desk_command_line_error_quark   (void);

void                desk_command_line_resolve_end_user_async  (const DeskCommandLine *self,
                                                               DeskEnvironment       *environment,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
DeskEndUser        *desk_command_line_resolve_end_user_finish (GAsyncResult          *result,
                                                               gboolean              *created,
                                                               GError               **error);

/* design.md's exit status for a failed resolution: 2 (usage or input: no match, several, no
 * credentials) or 3 (the API or the network). */
int                 desk_command_line_error_exit_status (const GError          *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCommandLine, desk_command_line_free)

G_END_DECLS
