/* desk-test-server.c — an in-process HTTP server on 127.0.0.1 for tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-test"

#include "config.h"

#include "desk-test-server.h"

SoupServer *
desk_test_server_new (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;

  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&server);
}

guint
desk_test_server_get_port (SoupServer *server)
{
  GSList *uris;
  guint port;

  g_return_val_if_fail (SOUP_IS_SERVER (server), 0);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return port;
}

char *
desk_test_server_get_url (SoupServer *server,
                          const char *path)
{
  g_return_val_if_fail (SOUP_IS_SERVER (server), NULL);

  return g_strdup_printf ("http://127.0.0.1:%u%s", desk_test_server_get_port (server),
                          path != NULL ? path : "");
}
