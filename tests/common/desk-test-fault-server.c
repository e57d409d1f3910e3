/* desk-test-fault-server.c — a hostile HTTP server on 127.0.0.1 for fault-injection tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <libsoup/soup.h>

#include "desk-test-fault-server.h"

#define CHUNK_SIZE (64 * 1024)
#define DEEP_LEVELS 100000
#define VALID_SESSION "{\"session_id\": \"sess_drip\", \"auth_url\": " \
                      "\"https://auth.fiskil.com/?s=1\", \"expires_at\": 4102444800}"

/* openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \
 *   -subj "/CN=fiskil.test" -addext "subjectAltName=DNS:fiskil.test" */
const char desk_test_fault_server_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBnDCCAUGgAwIBAgIUY437XH2vxhHmh5y9B/N6Nz/1X+UwCgYIKoZIzj0EAwIw\n"
  "FjEUMBIGA1UEAwwLZmlza2lsLnRlc3QwIBcNMjYxMTI4MDE1OTE3WhgPMjEyNjEx\n"
  "MDQwMTU5MTdaMBYxFDASBgNVBAMMC2Zpc2tpbC50ZXN0MFkwEwYHKoZIzj0CAQYI\n"
  "KoZIzj0DAQcDQgAEdwHx/qHE+JzcHoLMCt/xuZKXKRMUHxeb8RbtqBOr/ag87AoD\n"
  "7khEqz0N/4D209IuaRNisHtLY68rw9DcOpd07aNrMGkwHQYDVR0OBBYEFNPu19Zv\n"
  "cLHOs9/gcGAk7YjGfEE9MB8GA1UdIwQYMBaAFNPu19ZvcLHOs9/gcGAk7YjGfEE9\n"
  "MA8GA1UdEwEB/wQFMAMBAf8wFgYDVR0RBA8wDYILZmlza2lsLnRlc3QwCgYIKoZI\n"
  "zj0EAwIDSQAwRgIhANI6fLOoodc0B4aYmN5qd2O4ppxagU70P2dIqeH0iIeNAiEA\n"
  "uKxvr6+zlZnDviWsskbZOgJjwwR9KDmJxKHlcZ7lBPc=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgIpAf/3Cd89q1sJ0M\n"
  "wEjaoNMeyh6HEF4zfAdtxe0ysImhRANCAAR3AfH+ocT4nNwegswK3/G5kpcpExQf\n"
  "F5vxFu2oE6v9qDzsCgPuSESrPQ3/gPbT0i5pE2Kwe0tjryvD0Nw6l3Tt\n"
  "-----END PRIVATE KEY-----\n";

struct _DeskTestFaultServer
{
  DeskFaultKind      kind;
  gsize              size;
  GSocketService    *service;     /* raw faults */
  SoupServer        *tls_server;  /* DESK_FAULT_TLS */
  char              *base_url;
  guint              count;
  GPtrArray         *connections; /* Connection */
  GBytes            *chunk;       /* one chunk of the endless body, framed */
  GBytes            *raw_chunk;   /* one chunk of a big body */
};

typedef struct
{
  DeskTestFaultServer *server;
  GSocketConnection   *connection;
  GCancellable        *cancellable;
  char                 buffer[4096];
  GBytes              *drip;       /* the body still to drip */
  gsize                dripped;
  guint                drip_source;
  gsize                left;       /* of a big body */
} Connection;

static void
connection_free (Connection *connection)
{
  g_cancellable_cancel (connection->cancellable);
  if (connection->drip_source != 0)
    g_source_remove (connection->drip_source);
  g_io_stream_close (G_IO_STREAM (connection->connection), NULL, NULL);
  g_object_unref (connection->connection);
  g_object_unref (connection->cancellable);
  g_clear_pointer (&connection->drip, g_bytes_unref);
  g_free (connection);
}

static GOutputStream *
output_of (Connection *connection)
{
  return g_io_stream_get_output_stream (G_IO_STREAM (connection->connection));
}

static void
on_written_then_close (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Connection *connection = user_data;

  /* Only the sending half: closing with the request's body unread would reset the
   * connection before the client read the answer. */
  if (g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    g_socket_shutdown (g_socket_connection_get_socket (connection->connection), FALSE, TRUE,
                       NULL);
}

static void
write_then_close (Connection *connection,
                  const char *text,
                  gsize       length)
{
  GBytes *bytes = g_bytes_new (text, length);

  /* The bytes outlive the write through the closure's reference. */
  g_object_set_data_full (G_OBJECT (connection->connection), "pending", bytes,
                          (GDestroyNotify) g_bytes_unref);
  g_output_stream_write_all_async (output_of (connection), g_bytes_get_data (bytes, NULL),
                                   length, G_PRIORITY_DEFAULT, connection->cancellable,
                                   on_written_then_close, connection);
}

static void
answer_with_body (Connection *connection,
                  const char *body,
                  gsize       length)
{
  g_autoptr(GString) answer = g_string_new (NULL);

  g_string_append_printf (answer, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          length);
  g_string_append_len (answer, body, (gssize) length);
  write_then_close (connection, answer->str, answer->len);
}

static gboolean
on_drip (gpointer user_data)
{
  Connection *connection = user_data;
  const char *data = g_bytes_get_data (connection->drip, NULL);

  if (connection->dripped == g_bytes_get_size (connection->drip))
    {
      connection->drip_source = 0;
      return G_SOURCE_REMOVE;
    }

  if (!g_output_stream_write_all (output_of (connection), data + connection->dripped, 1, NULL,
                                  NULL, NULL))
    {
      connection->drip_source = 0;
      return G_SOURCE_REMOVE;
    }
  connection->dripped++;
  return G_SOURCE_CONTINUE;
}

static void
on_chunk_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Connection *connection = user_data;

  /* Fails once the client has gone: then the endless body ends here. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    return;

  g_output_stream_write_all_async (G_OUTPUT_STREAM (source),
                                   g_bytes_get_data (connection->server->chunk, NULL),
                                   g_bytes_get_size (connection->server->chunk),
                                   G_PRIORITY_DEFAULT, connection->cancellable,
                                   on_chunk_written, connection);
}

static void
start_endless (Connection *connection)
{
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n";

  g_output_stream_write_all_async (output_of (connection), head, strlen (head),
                                   G_PRIORITY_DEFAULT, connection->cancellable,
                                   on_chunk_written, connection);
}

static void
on_raw_chunk_written (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Connection *connection = user_data;
  gsize size;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL)
      || connection->left == 0)
    return;

  size = MIN (connection->left, g_bytes_get_size (connection->server->raw_chunk));
  connection->left -= size;
  g_output_stream_write_all_async (G_OUTPUT_STREAM (source),
                                   g_bytes_get_data (connection->server->raw_chunk, NULL), size,
                                   G_PRIORITY_DEFAULT, connection->cancellable,
                                   on_raw_chunk_written, connection);
}

/* Streamed, so that the server's own memory stays small whatever the size. */
static void
start_big_body (Connection *connection)
{
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json"
                                           "\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                                           connection->server->size);

  connection->left = connection->server->size;
  g_object_set_data_full (G_OBJECT (connection->connection), "pending",
                          g_steal_pointer (&head), g_free);
  g_output_stream_write_all_async (output_of (connection),
                                   g_object_get_data (G_OBJECT (connection->connection),
                                                      "pending"),
                                   strlen (g_object_get_data (G_OBJECT (connection->connection),
                                                              "pending")),
                                   G_PRIORITY_DEFAULT, connection->cancellable,
                                   on_raw_chunk_written, connection);
}

static void
start_drip (Connection *connection)
{
  g_autofree char *answer = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json"
                                             "\r\nContent-Length: %zu\r\n\r\n",
                                             strlen (VALID_SESSION));

  g_output_stream_write_all (output_of (connection), answer, strlen (answer), NULL, NULL,
                             NULL);
  connection->drip = g_bytes_new_static (VALID_SESSION, strlen (VALID_SESSION));
  connection->drip_source = g_timeout_add (100, on_drip, connection);
}

static void
reset (Connection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection->connection);
  struct linger linger = { 1, 0 };

  /* A zero linger time makes close() send RST instead of FIN. */
  setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  g_socket_close (socket, NULL);
}

static char *
deep_json (void)
{
  char *text = g_malloc (2 * DEEP_LEVELS + 1);

  memset (text, '[', DEEP_LEVELS);
  memset (text + DEEP_LEVELS, ']', DEEP_LEVELS);
  text[2 * DEEP_LEVELS] = '\0';
  return text;
}

static void
answer (Connection *connection)
{
  DeskTestFaultServer *server = connection->server;
  g_autofree char *body = NULL;

  switch (server->kind)
    {
    case DESK_FAULT_DRIP:
      start_drip (connection);
      break;
    case DESK_FAULT_NEVER:
    case DESK_FAULT_TLS:
      break;
    case DESK_FAULT_ENDLESS:
      start_endless (connection);
      break;
    case DESK_FAULT_DEEP_JSON:
      body = deep_json ();
      answer_with_body (connection, body, strlen (body));
      break;
    case DESK_FAULT_HUGE_FIELD:
      {
        g_autofree char *padding = g_strnfill (server->size, 'a');

        body = g_strdup_printf ("{\"session_id\": \"s\", \"auth_url\": \"https://x.test/%s\", "
                                "\"expires_at\": 4102444800}", padding);
        answer_with_body (connection, body, strlen (body));
      }
      break;
    case DESK_FAULT_BIG_BODY:
      start_big_body (connection);
      break;
    case DESK_FAULT_RESET:
      reset (connection);
      break;
    case DESK_FAULT_GARBAGE:
      write_then_close (connection, "\x01\x02 not HTTP at all\r\n\r\n", 22);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_request_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Connection *connection = user_data;
  gssize n_read = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n_read > 0)
    answer (connection);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *socket_connection,
             GObject           *source_object,
             gpointer           user_data)
{
  DeskTestFaultServer *server = user_data;
  Connection *connection = g_new0 (Connection, 1);

  server->count++;
  connection->server = server;
  connection->connection = g_object_ref (socket_connection);
  connection->cancellable = g_cancellable_new ();
  g_ptr_array_add (server->connections, connection);

  /* The request's head comes in one read from our own client; its content is not judged. */
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (socket_connection)),
                             connection->buffer, sizeof connection->buffer, G_PRIORITY_DEFAULT,
                             connection->cancellable, on_request_read, connection);
  return TRUE;
}

static void
on_tls_request (SoupServer        *soup_server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  DeskTestFaultServer *server = user_data;

  server->count++;
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    VALID_SESSION, strlen (VALID_SESSION));
}

static void
start_tls_server (DeskTestFaultServer *self)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  certificate = g_tls_certificate_new_from_pem (desk_test_fault_server_pem, -1, &error);
  g_assert_no_error (error);
  self->tls_server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (self->tls_server, NULL, on_tls_request, self, NULL);
  soup_server_listen_local (self->tls_server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->tls_server);
  self->base_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
start_raw_server (DeskTestFaultServer *self)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  self->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &effective,
                                 &error);
  g_assert_no_error (error);
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->service);

  self->base_url = g_strdup_printf ("http://127.0.0.1:%u",
                                    g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (
                                                                      effective)));
}

DeskTestFaultServer *
desk_test_fault_server_new (DeskFaultKind kind,
                            gsize         size)
{
  DeskTestFaultServer *self = g_new0 (DeskTestFaultServer, 1);
  g_autofree char *chunk_data = g_strnfill (CHUNK_SIZE, ' ');
  g_autofree char *framed = g_strdup_printf ("%x\r\n%s\r\n", CHUNK_SIZE, chunk_data);

  self->kind = kind;
  self->size = size;
  self->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) connection_free);
  self->chunk = g_bytes_new (framed, strlen (framed));
  self->raw_chunk = g_bytes_new (chunk_data, CHUNK_SIZE);

  if (kind == DESK_FAULT_TLS)
    start_tls_server (self);
  else
    start_raw_server (self);

  return self;
}

const char *
desk_test_fault_server_get_base_url (DeskTestFaultServer *self)
{
  return self->base_url;
}

guint
desk_test_fault_server_get_count (DeskTestFaultServer *self)
{
  return self->count;
}

void
desk_test_fault_server_free (DeskTestFaultServer *self)
{
  if (self == NULL)
    return;

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_clear_object (&self->service);
    }
  if (self->tls_server != NULL)
    {
      soup_server_disconnect (self->tls_server);
      g_clear_object (&self->tls_server);
    }
  g_ptr_array_unref (self->connections);
  g_bytes_unref (self->chunk);
  g_bytes_unref (self->raw_chunk);
  g_free (self->base_url);
  g_free (self);
}

guint64
desk_test_read_memory_kb (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strncmp (lines[i], field, length) == 0 && lines[i][length] == ':')
        return g_ascii_strtoull (g_strchug (lines[i] + length + 1), NULL, 10);
    }

  return 0;
}

void
desk_test_reset_memory_peak (void)
{
  /* "5" resets VmHWM to the current RSS (Linux 4.0 and later); failing is harmless. */
  FILE *file = fopen ("/proc/self/clear_refs", "w");

  if (file == NULL)
    return;
  fputs ("5", file);
  fclose (file);
}
