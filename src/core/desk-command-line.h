/* desk-command-line.h — design.md's command line: the options, their help and their checks
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>


G_BEGIN_DECLS

typedef struct
{
  char                *environment;       /* --environment as given: an id or a name; NULL */
  char                *api_url;           /* --api-url: a one-off custom environment */
  char                *api_version;       /* "v1", "v2" or NULL */
  char                *end_user_id;       /* NULL when not given, for every request field */
  char                *redirect_uri;
  char                *cancel_uri;
  char                *institution_id;
  GStrv                permissions;
  char                *integration;       /* "redirect", "popup", "embedded", "hand-off", NULL */
  char                *sandbox_outcome;   /* "success", an error type, or NULL */
  gboolean             start;
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCommandLine, desk_command_line_free)

G_END_DECLS
