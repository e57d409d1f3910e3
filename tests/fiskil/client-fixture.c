/* client-fixture.c — an in-process SoupServer on 127.0.0.1 and a DeskFiskilClient pointed at it
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "client-fixture.h"
#include "desk-test.h"

#ifdef __SANITIZE_ADDRESS__
/* GCC 12's LeakSanitizer crashes when it scans the dynamic TLS of modules loaded with dlopen(),
 * as GIO loads its TLS backend: the TLS test needs it to leave __tls_get_addr alone. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "intercept_tls_get_addr=0";
}
#endif

/* Every secret the tests hand out: none may ever reach an error message or a log line. */
const char * const secrets[] = {
  CLIENT_SECRET, CLIENT_SECRET_2, TOKEN, TOKEN_2, ACCESS_TOKEN, NULL
};

/* A self-signed certificate for "fiskil.test", made once with
 * openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \
 *   -subj "/CN=fiskil.test" -addext "subjectAltName=DNS:fiskil.test"
 * Served on 127.0.0.1 it is both untrusted and for another host. */
const char tls_certificate_pem[] =
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

/* The test server */
void
recorded_free (Recorded *recorded)
{
  g_free (recorded->method);
  g_free (recorded->path);
  g_free (recorded->query);
  soup_message_headers_unref (recorded->headers);
  g_free (recorded->body);
  g_free (recorded);
}

void
finished_free (Finished *finished)
{
  g_free (finished->method);
  g_free (finished->path);
  g_free (finished->error_id);
  g_free (finished);
}

void
assert_no_secret (const char *text)
{
  if (text == NULL)
    return;

  for (guint i = 0; secrets[i] != NULL; i++)
    {
      if (strstr (text, secrets[i]) != NULL)
        g_error ("A secret leaked into “%s”", text);
    }
}

GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        assert_no_secret (fields[i].value);
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

void
set_replies (Fixture    *fixture,
             const char *method_and_path,
             ...)
{
  GQueue *queue = g_queue_new ();
  const Reply *reply;
  va_list args;

  va_start (args, method_and_path);
  while ((reply = va_arg (args, const Reply *)) != NULL)
    g_queue_push_tail (queue, (gpointer) reply);
  va_end (args);

  g_hash_table_replace (fixture->replies, g_strdup (method_and_path), queue);
}

const Reply token_reply = { 200, TOKEN_BODY };
const Reply session_reply = { 200, SESSION_BODY };
const Reply not_found_reply = { 404 };

static gboolean
on_delay_over (gpointer user_data)
{
  soup_server_message_unpause (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *unused_path,
            GHashTable        *unused_query,
            gpointer           user_data)
{
  Fixture *fixture = user_data;
  GUri *uri = soup_server_message_get_uri (message);
  SoupMessageBody *request_body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) body = soup_message_body_flatten (request_body);
  g_autofree char *key = NULL;
  Recorded *recorded = g_new0 (Recorded, 1);
  const Reply *reply = &not_found_reply;
  GQueue *queue;

  recorded->method = g_strdup (soup_server_message_get_method (message));
  recorded->path = g_strdup (g_uri_get_path (uri));
  recorded->query = g_strdup (g_uri_get_query (uri));
  recorded->headers = soup_message_headers_ref (soup_server_message_get_request_headers (message));
  recorded->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_ptr_array_add (fixture->recorded, recorded);

  key = g_strdup_printf ("%s %s", recorded->method, recorded->path);
  queue = g_hash_table_lookup (fixture->replies, key);
  if (queue != NULL && queue->length > 1)
    reply = g_queue_pop_head (queue);
  else if (queue != NULL)
    reply = g_queue_peek_head (queue);

  soup_server_message_set_status (message, reply->status, NULL);
  if (reply->body != NULL)
    soup_server_message_set_response (message,
                                      reply->content_type ? reply->content_type
                                                          : "application/json",
                                      SOUP_MEMORY_COPY, reply->body, strlen (reply->body));
  if (reply->header_name != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                  reply->header_name, reply->header_value);

  if (reply->never)
    {
      soup_server_message_pause (message);
      g_ptr_array_add (fixture->held, g_object_ref (message));
    }
  else if (reply->delay_ms > 0)
    {
      guint id;

      soup_server_message_pause (message);
      id = g_timeout_add_full (G_PRIORITY_DEFAULT, reply->delay_ms, on_delay_over,
                               g_object_ref (message), g_object_unref);
      g_array_append_val (fixture->timers, id);
    }
}

guint
count_recorded (Fixture    *fixture,
                const char *path)
{
  guint count = 0;

  for (guint i = 0; i < fixture->recorded->len; i++)
    {
      Recorded *recorded = g_ptr_array_index (fixture->recorded, i);

      if (g_str_equal (recorded->path, path))
        count++;
    }

  return count;
}

Recorded *
get_recorded (Fixture    *fixture,
              const char *path,
              guint       nth)
{
  for (guint i = 0; i < fixture->recorded->len; i++)
    {
      Recorded *recorded = g_ptr_array_index (fixture->recorded, i);

      if (g_str_equal (recorded->path, path) && nth-- == 0)
        return recorded;
    }

  g_error ("No request %u to %s", nth, path);
}

const char *
get_authorization (Fixture    *fixture,
                   const char *path,
                   guint       nth)
{
  Recorded *recorded = get_recorded (fixture, path, nth);

  return soup_message_headers_get_one (recorded->headers, "Authorization");
}

/* Waiting, bounded */

static gboolean
count_reached (gpointer data)
{
  const guint *const *wait = data;

  return *wait[0] >= *wait[1];
}

void
wait_for_count (guint *count,
                guint  at_least)
{
  const guint *wait[] = { count, &at_least };

  desk_test_wait_or_fail (count_reached, wait, WAIT_SECONDS * 1000, "the events");
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

void
wait_for_result (GAsyncResult **result)
{
  desk_test_wait_or_fail (result_arrived, result, WAIT_SECONDS * 1000, "a result");
}

/* Stores the result in its own slot: a second call for the same operation fails the test. */
void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

GAsyncResult **
next_slot (Fixture *fixture)
{
  g_assert_cmpuint (fixture->n_results, <, MAX_RESULTS);
  return &fixture->results[fixture->n_results++];
}

/* The fixture */

static void
on_request_finished (DeskFiskilClient *client,
                     const char       *method,
                     const char       *path,
                     guint             status,
                     gint64            duration,
                     const char       *error_id,
                     Fixture          *fixture)
{
  Finished *finished = g_new0 (Finished, 1);

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpint (duration, >=, 0);

  finished->method = g_strdup (method);
  finished->path = g_strdup (path);
  finished->status = status;
  finished->duration = duration;
  finished->error_id = g_strdup (error_id);
  g_ptr_array_add (fixture->finished, finished);
}

static void
on_exchange_finished (DeskFiskilClient *client,
                      DeskHttpExchange *exchange,
                      Fixture          *fixture)
{
  g_ptr_array_add (fixture->exchanges, desk_http_exchange_copy (exchange));
}

void
use_client (Fixture    *fixture,
            const char *base_url)
{
  g_clear_object (&fixture->client);
  fixture->client = desk_fiskil_client_new (base_url);
  g_assert_nonnull (fixture->client);
  desk_fiskil_client_set_client_credentials (fixture->client, CLIENT_ID, CLIENT_SECRET);
  g_signal_connect (fixture->client, "request-finished",
                    G_CALLBACK (on_request_finished), fixture);
  g_signal_connect (fixture->client, "exchange-finished",
                    G_CALLBACK (on_exchange_finished), fixture);
}

static void
setup_server (Fixture                *fixture,
              SoupServerListenOptions options)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_queue_free);
  fixture->recorded = g_ptr_array_new_with_free_func ((GDestroyNotify) recorded_free);
  fixture->held = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->timers = g_array_new (FALSE, FALSE, sizeof (guint));
  fixture->finished = g_ptr_array_new_with_free_func ((GDestroyNotify) finished_free);
  fixture->exchanges = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_http_exchange_free);

  soup_server_add_handler (fixture->server, NULL, on_request, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | options, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->base_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  set_replies (fixture, "POST /v1/token", &token_reply, NULL);
  set_replies (fixture, "POST /v1/auth/session", &session_reply, NULL);

  use_client (fixture, fixture->base_url);
}

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = soup_server_new (NULL, NULL);
  setup_server (fixture, 0);
}

void
fixture_setup_tls (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  certificate = g_tls_certificate_new_from_pem (tls_certificate_pem, -1, &error);
  g_assert_no_error (error);

  fixture->server = soup_server_new ("tls-certificate", certificate, NULL);
  setup_server (fixture, SOUP_SERVER_LISTEN_HTTPS);
}

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint i = 0; i < MAX_RESULTS; i++)
    g_clear_object (&fixture->results[i]);

  /* Every operation has finished: nothing may still hold the client. */
  g_assert_finalize_object (g_steal_pointer (&fixture->client));

  for (guint i = 0; i < fixture->timers->len; i++)
    {
      guint id = g_array_index (fixture->timers, guint, i);

      if (g_main_context_find_source_by_id (NULL, id) != NULL)
        g_source_remove (id);
    }
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  g_ptr_array_unref (fixture->held);
  g_array_unref (fixture->timers);
  g_ptr_array_unref (fixture->recorded);
  g_ptr_array_unref (fixture->finished);
  g_ptr_array_unref (fixture->exchanges);
  g_hash_table_unref (fixture->replies);
  g_free (fixture->base_url);
}

/* Operations */

DeskSessionRequest *
make_request (void)
{
  static const char * const permissions[] = { "accounts", "transactions", NULL };

  return desk_session_request_new ("eu_42",
                                   "https://callback.consent-desk.invalid/done",
                                   "https://callback.consent-desk.invalid/cancel",
                                   "inst-1", permissions);
}

GAsyncResult **
start_session (Fixture      *fixture,
               GCancellable *cancellable)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  GAsyncResult **slot = next_slot (fixture);

  desk_fiskil_client_create_session_async (fixture->client, request, cancellable,
                                           store_result, slot);
  return slot;
}

DeskAuthSession *
finish_session (Fixture       *fixture,
                GAsyncResult **slot,
                GError       **error)
{
  wait_for_result (slot);
  return desk_fiskil_client_create_session_finish (fixture->client, *slot, error);
}

DeskAuthSession *
create_session (Fixture  *fixture,
                GError  **error)
{
  return finish_session (fixture, start_session (fixture, NULL), error);
}

void
assert_session_created (Fixture *fixture)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = create_session (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpstr (session->session_id, ==, "sess_1");
  g_assert_cmpstr (session->auth_url, ==, AUTH_URL);
}

/* Checks what every error must be: in our domain with @code, carrying a DeskApiError, and
 * free of secrets. */
const DeskApiError *
assert_fiskil_error (const GError        *error,
                     DeskFiskilErrorCode  code)
{
  const DeskApiError *api_error;

  g_assert_error (error, DESK_FISKIL_ERROR, (int) code);
  g_test_message ("%s", error->message);

  assert_no_secret (error->message);
  api_error = desk_fiskil_error_get_api_error (error);
  g_assert_nonnull (api_error);
  assert_no_secret (api_error->id);
  assert_no_secret (api_error->name);
  assert_no_secret (api_error->message);

  /* One sentence or a few, always ending like one. */
  g_assert_true (g_str_has_suffix (error->message, "."));

  /* What scripts get: the kind as design.md names it, and the very sentence shown. */
  {
    g_autoptr(DeskApiError) copy = desk_api_error_new_from_error (error);
    const char *expected = desk_fiskil_error_code_to_string (code);

    if (g_strcmp0 (copy->code, "timeout") != 0 || code != DESK_FISKIL_ERROR_NETWORK)
      g_assert_cmpstr (copy->code, ==, expected);
    g_assert_cmpstr (copy->description, ==, error->message);
    g_assert_cmpuint (copy->http_status, ==, api_error->http_status);
    g_assert_cmpstr (copy->id, ==, api_error->id);
  }

  return api_error;
}

void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

void
assert_member (const char *text,
               const char *member,
               const char *expected)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), member), ==,
                   expected);
}

void
assert_json_members (const char *text,
                     const char *expected_members)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  members = json_object_get_members (json_node_get_object (node));
  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (names, "%s%s", names->len ? "," : "", (const char *) l->data);
  g_assert_cmpstr (names->str, ==, expected_members);
}

void
assert_common_headers (Recorded   *recorded,
                       const char *api_version,
                       gboolean    has_body)
{
  SoupMessageHeaders *headers = recorded->headers;

  g_assert_cmpstr (soup_message_headers_get_one (headers, "Accept"), ==, JSON_CONTENT_TYPE);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Content-Type"), ==,
                   has_body ? JSON_CONTENT_TYPE : NULL);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Fiskil-Version"), ==, api_version);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "User-Agent"), ==,
                   "ConsentDesk/" PACKAGE_VERSION " (+" PACKAGE_WEBSITE ")");
}
