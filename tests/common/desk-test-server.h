/* desk-test-server.h — an in-process HTTP server on 127.0.0.1 for tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A SoupServer listening on 127.0.0.1 at a port the kernel picks (never the internet, never a
 * fixed port); fails the test if it cannot listen. Add handlers with
 * soup_server_add_handler (); they run on the main context the test iterates. */
SoupServer *desk_test_server_new      (void);

/* The port it listens on. */
guint       desk_test_server_get_port (SoupServer *server);

/* "http://127.0.0.1:PORT" followed by @path (NULL or "" for none). */
char       *desk_test_server_get_url  (SoupServer *server,
                                       const char *path);

G_END_DECLS
