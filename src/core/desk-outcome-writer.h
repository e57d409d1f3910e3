/* desk-outcome-writer.h — --outcome-json and --har: where a script's file goes, checked first
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "The command line": the path is checked before anything is sent; a regular file is
 * replaced atomically keeping its permissions (new files 0600); a device, FIFO or symlink
 * target is written through, never replaced; every write error is reported.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* "-" is standard output and always usable. A missing directory, a directory, or a place that
 * cannot be written: FALSE with a sentence naming @option ("--outcome-json") and the path. */
gboolean desk_outcome_writer_check        (const char           *option,
                                           const char           *path,
                                           GError              **error);

/* Writes @contents to @path (or standard output for "-") in a worker thread. */
void     desk_outcome_writer_write_async  (const char           *path,
                                           GBytes               *contents,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean desk_outcome_writer_write_finish (GAsyncResult         *result,
                                           GError              **error);

/* The same, blocking: for tests and for the worker. */
gboolean desk_outcome_writer_write        (const char           *path,
                                           GBytes               *contents,
                                           GError              **error);

G_END_DECLS
