/* desk-application-end-user.h — --end-user-email: the end user found (or created) before the
 * window and its attempt
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-application-private.h"

G_BEGIN_DECLS

/* desk-application-command-line.c: the window with what the options ask for, shown, or its
 * attempt started at once (@request non-NULL: --start). @end_user: found or created by
 * email, for the form and the attempt; NULL when the id was given. */
void desk_application_run_window        (DeskApplication          *self,
                                         GApplicationCommandLine  *cmdline,
                                         const DeskCommandLine    *command_line,
                                         DeskEnvironment          *environment,
                                         const DeskSessionRequest *request,
                                         const DeskEndUser        *end_user,
                                         gboolean                  created);

/* desk-application-end-user.c: looks up --end-user-email in @environment (NULL: the one the
 * form shows), then runs the window with the end user's id; holds the application meanwhile.
 * A failed look-up shows no window: one sentence on standard error, status 2 (none, several,
 * no credentials) or 3 (the API or the network, with an api-error outcome written to
 * --outcome-json). Takes @command_line and @request (NULL without --start). */
void desk_application_resolve_end_user  (DeskApplication          *self,
                                         GApplicationCommandLine  *cmdline,
                                         DeskCommandLine          *command_line,
                                         DeskEnvironment          *environment,
                                         DeskSessionRequest       *request);

G_END_DECLS
