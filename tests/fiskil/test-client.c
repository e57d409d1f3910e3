/* test-client.c — DeskFiskilClient against an in-process SoupServer on 127.0.0.1
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "desk-fiskil.h"

#define WAIT_SECONDS 10

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

#define CLIENT_ID      "client-7d1f"
#define CLIENT_SECRET  "secret-Qx81-never-shown"
#define CLIENT_ID_2    "client-88aa"
#define CLIENT_SECRET_2 "secret-Zr22-never-shown"
#define TOKEN          "tok-A9f3e2-never-shown"
#define TOKEN_2        "tok-B7710c-never-shown"
#define ACCESS_TOKEN   "ready-77c0-never-shown"

#define TOKEN_BODY     "{\"token\": \"" TOKEN "\", \"token_type\": \"Bearer\", " \
                       "\"expires_in\": 900}"
#define TOKEN_2_BODY   "{\"token\": \"" TOKEN_2 "\", \"token_type\": \"Bearer\", " \
                       "\"expires_in\": 900}"
#define AUTH_URL       "https://auth.fiskil.com/?session=sess_1"
#define SESSION_BODY   "{\"id\": \"" CLIENT_ID "\", \"session_id\": \"sess_1\", " \
                       "\"auth_url\": \"" AUTH_URL "\", \"expires_at\": 4102444800}"

#define JSON_CONTENT_TYPE "application/json; charset=UTF-8"

/* Every secret the tests hand out: none may ever reach an error message or a log line. */
static const char * const secrets[] = {
  CLIENT_SECRET, CLIENT_SECRET_2, TOKEN, TOKEN_2, ACCESS_TOKEN, NULL
};

/* A self-signed certificate for "fiskil.test", made once with
 * openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \
 *   -subj "/CN=fiskil.test" -addext "subjectAltName=DNS:fiskil.test"
 * Served on 127.0.0.1 it is both untrusted and for another host. */
static const char tls_certificate_pem[] =
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

typedef struct
{
  guint        status;
  const char  *body;          /* NULL: none */
  const char  *content_type;  /* NULL: application/json */
  const char  *header_name;   /* one more response header, or NULL */
  const char  *header_value;
  guint        delay_ms;      /* answer this much later */
  gboolean     never;         /* never answer */
} Reply;

typedef struct
{
  char               *method;
  char               *path;   /* decoded by SoupServer */
  char               *query;  /* as sent, or NULL */
  SoupMessageHeaders *headers;
  char               *body;
} Recorded;

typedef struct
{
  char   *method;
  char   *path;
  guint   status;
  gint64  duration;
  char   *error_id;
} Finished;

#define MAX_RESULTS 16

typedef struct
{
  SoupServer       *server;
  char             *base_url;
  GHashTable       *replies;   /* "METHOD /path" → GQueue of Reply; the last one repeats */
  GPtrArray        *recorded;
  GPtrArray        *held;      /* SoupServerMessage never answered */
  GArray           *timers;    /* delayed answers */

  DeskFiskilClient *client;
  GPtrArray        *finished;  /* "request-finished" emissions */
  GAsyncResult     *results[MAX_RESULTS];
  guint             n_results;
} Fixture;

static void
recorded_free (Recorded *recorded)
{
  g_free (recorded->method);
  g_free (recorded->path);
  g_free (recorded->query);
  soup_message_headers_unref (recorded->headers);
  g_free (recorded->body);
  g_free (recorded);
}

static void
finished_free (Finished *finished)
{
  g_free (finished->method);
  g_free (finished->path);
  g_free (finished->error_id);
  g_free (finished);
}

static void
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

static GLogWriterOutput
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

static void
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

static const Reply token_reply = { 200, TOKEN_BODY };
static const Reply session_reply = { 200, SESSION_BODY };
static const Reply not_found_reply = { 404 };

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

static guint
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

static Recorded *
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

static const char *
get_authorization (Fixture    *fixture,
                   const char *path,
                   guint       nth)
{
  Recorded *recorded = get_recorded (fixture, path, nth);

  return soup_message_headers_get_one (recorded->headers, "Authorization");
}

/* Waiting, bounded */

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_count (guint *count,
                guint  at_least)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, on_wait_timeout, &timed_out);

  while (*count < at_least && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Waited %d s for %u events, saw %u", WAIT_SECONDS, at_least, *count);
  g_source_remove (id);
}

static void
wait_for_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, on_wait_timeout, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Waited %d s for a result", WAIT_SECONDS);
  g_source_remove (id);
}

/* Stores the result in its own slot: a second call for the same operation fails the test. */
static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult **
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
use_client (Fixture    *fixture,
            const char *base_url)
{
  g_clear_object (&fixture->client);
  fixture->client = desk_fiskil_client_new (base_url);
  g_assert_nonnull (fixture->client);
  desk_fiskil_client_set_client_credentials (fixture->client, CLIENT_ID, CLIENT_SECRET);
  g_signal_connect (fixture->client, "request-finished",
                    G_CALLBACK (on_request_finished), fixture);
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

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = soup_server_new (NULL, NULL);
  setup_server (fixture, 0);
}

static void
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

static void
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
  g_hash_table_unref (fixture->replies);
  g_free (fixture->base_url);
}

/* Operations */

static DeskSessionRequest *
make_request (void)
{
  static const char * const permissions[] = { "accounts", "transactions", NULL };

  return desk_session_request_new ("eu_42",
                                   "https://callback.consent-desk.invalid/done",
                                   "https://callback.consent-desk.invalid/cancel",
                                   "inst-1", permissions);
}

static GAsyncResult **
start_session (Fixture      *fixture,
               GCancellable *cancellable)
{
  g_autoptr(DeskSessionRequest) request = make_request ();
  GAsyncResult **slot = next_slot (fixture);

  desk_fiskil_client_create_session_async (fixture->client, request, cancellable,
                                           store_result, slot);
  return slot;
}

static DeskAuthSession *
finish_session (Fixture       *fixture,
                GAsyncResult **slot,
                GError       **error)
{
  wait_for_result (slot);
  return desk_fiskil_client_create_session_finish (fixture->client, *slot, error);
}

static DeskAuthSession *
create_session (Fixture  *fixture,
                GError  **error)
{
  return finish_session (fixture, start_session (fixture, NULL), error);
}

static void
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
static const DeskApiError *
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

  return api_error;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
assert_member (const char *text,
               const char *member,
               const char *expected)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), member), ==,
                   expected);
}

/* Token exchange */

static void
test_token_shared (Fixture       *fixture,
                   gconstpointer  data)
{
  static const Reply slow_token = { 200, TOKEN_BODY, .delay_ms = 100 };
  GAsyncResult **slots[5];

  set_replies (fixture, "POST /v1/token", &slow_token, NULL);

  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
        slots[i] = start_session (fixture, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
        {
          g_autoptr(DeskAuthSession) session = NULL;
          g_autoptr(GError) error = NULL;

          session = finish_session (fixture, slots[i], &error);
          g_assert_no_error (error);
          g_assert_cmpstr (session->session_id, ==, "sess_1");
        }

      /* One token for everybody, then one HTTP request per session once it is cached. */
      g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 1);
      g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==,
                        (round + 1) * G_N_ELEMENTS (slots));
    }

  for (guint i = 0; i < 2 * G_N_ELEMENTS (slots); i++)
    g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", i), ==, "Bearer " TOKEN);
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 11);
  g_assert_cmpuint (fixture->finished->len, ==, 11);
}

typedef struct
{
  const char *body;
  guint       token_requests;  /* for two sessions in a row */
  const char *authorization;
} TokenCase;

static const TokenCase token_field_token = {
  "{\"token\": \"" TOKEN "\", \"expires_in\": 900}", 1, "Bearer " TOKEN
};
static const TokenCase token_field_access_token = {
  "{\"access_token\": \"" TOKEN "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}",
  1, "Bearer " TOKEN
};
static const TokenCase token_field_both = {
  "{\"token\": \"" TOKEN "\", \"access_token\": \"" TOKEN_2 "\"}", 1, "Bearer " TOKEN
};
static const TokenCase token_default_lifetime = {
  "{\"token\": \"" TOKEN "\"}", 1, "Bearer " TOKEN
};
static const TokenCase token_string_lifetime = {
  "{\"token\": \"" TOKEN "\", \"expires_in\": \"900\"}", 1, "Bearer " TOKEN
};
/* Within a minute of expiry a token is renewed: this one is never reused. */
static const TokenCase token_short_lifetime = {
  "{\"token\": \"" TOKEN "\", \"expires_in\": 60}", 2, "Bearer " TOKEN
};
static const TokenCase token_expired = {
  "{\"token\": \"" TOKEN "\", \"expires_in\": 0}", 2, "Bearer " TOKEN
};

static void
test_token_fields (Fixture       *fixture,
                   gconstpointer  data)
{
  const TokenCase *token_case = data;
  const Reply reply = { 200, token_case->body };

  set_replies (fixture, "POST /v1/token", &reply, NULL);

  assert_session_created (fixture);
  assert_session_created (fixture);

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, token_case->token_requests);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 2);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 0), ==,
                   token_case->authorization);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 1), ==,
                   token_case->authorization);
}

static void
test_token_access_token (Fixture       *fixture,
                         gconstpointer  data)
{
  desk_fiskil_client_set_access_token (fixture->client, ACCESS_TOKEN);
  g_assert_true (desk_fiskil_client_has_credentials (fixture->client));

  assert_session_created (fixture);
  assert_session_created (fixture);

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 0);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 0), ==,
                   "Bearer " ACCESS_TOKEN);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 1), ==,
                   "Bearer " ACCESS_TOKEN);
}

static void
test_token_no_credentials (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  desk_fiskil_client_set_client_credentials (fixture->client, NULL, NULL);
  g_assert_false (desk_fiskil_client_has_credentials (fixture->client));

  session = create_session (fixture, &error);
  g_assert_null (session);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED);
  assert_contains (error->message, "client ID and secret");
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 0);
}

/* New credentials while an exchange for the old ones is in flight: its token serves the calls
 * that waited for it, but is never cached for the new credentials. */
static void
test_token_credentials_change (Fixture       *fixture,
                               gconstpointer  data)
{
  static const Reply slow_token = { 200, TOKEN_BODY, .delay_ms = 300 };
  static const Reply token_2 = { 200, TOKEN_2_BODY };
  g_autoptr(DeskAuthSession) first = NULL;
  g_autoptr(DeskAuthSession) second = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult **first_slot;
  GAsyncResult **second_slot;

  set_replies (fixture, "POST /v1/token", &slow_token, &token_2, NULL);

  first_slot = start_session (fixture, NULL);
  wait_for_count (&fixture->recorded->len, 1);
  desk_fiskil_client_set_client_credentials (fixture->client, CLIENT_ID_2, CLIENT_SECRET_2);
  second_slot = start_session (fixture, NULL);

  second = finish_session (fixture, second_slot, &error);
  g_assert_no_error (error);
  first = finish_session (fixture, first_slot, &error);
  g_assert_no_error (error);
  assert_session_created (fixture);

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  assert_member (get_recorded (fixture, "/v1/token", 1)->body, "client_id", CLIENT_ID_2);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 3);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 0), ==, "Bearer " TOKEN_2);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 1), ==, "Bearer " TOKEN);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 2), ==, "Bearer " TOKEN_2);
}

static gboolean
test_connection (Fixture  *fixture,
                 GError  **error)
{
  GAsyncResult **slot = next_slot (fixture);

  desk_fiskil_client_test_connection_async (fixture->client, NULL, store_result, slot);
  wait_for_result (slot);
  return desk_fiskil_client_test_connection_finish (fixture->client, *slot, error);
}

static void
test_token_test_connection (Fixture       *fixture,
                            gconstpointer  data)
{
  static const Reply refused = {
    401, "{\"id\": \"err_t401\", \"name\": \"Unauthorized\", \"message\": \"bad client\"}"
  };
  g_autoptr(GError) error = NULL;

  /* Always a fresh exchange, whose token is then cached. */
  g_assert_true (test_connection (fixture, &error));
  g_assert_no_error (error);
  g_assert_true (test_connection (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  assert_session_created (fixture);
  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);

  set_replies (fixture, "POST /v1/token", &refused, NULL);
  g_assert_false (test_connection (fixture, &error));
  assert_fiskil_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED);
  assert_contains (error->message, "client ID and secret");
  assert_contains (error->message, "Error ID: err_t401.");
  g_clear_error (&error);

  desk_fiskil_client_set_access_token (fixture->client, ACCESS_TOKEN);
  g_assert_true (test_connection (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 3);
}

/* 401: renew once, retry once */

static const Reply unauthorized_reply = {
  401, "{\"id\": \"err_401\", \"name\": \"Unauthorized\", \"message\": \"token is not valid\"}"
};

static void
test_retry_renews_once (Fixture       *fixture,
                        gconstpointer  data)
{
  static const Reply token_1 = { 200, TOKEN_BODY };
  static const Reply token_2 = { 200, TOKEN_2_BODY };

  set_replies (fixture, "POST /v1/token", &token_1, &token_2, NULL);
  set_replies (fixture, "POST /v1/auth/session", &unauthorized_reply, &session_reply, NULL);

  assert_session_created (fixture);

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 2);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 0), ==, "Bearer " TOKEN);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 1), ==, "Bearer " TOKEN_2);

  /* The renewed token is the one cached. */
  assert_session_created (fixture);
  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  g_assert_cmpstr (get_authorization (fixture, "/v1/auth/session", 2), ==, "Bearer " TOKEN_2);
}

static void
test_retry_twice_fails (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  set_replies (fixture, "POST /v1/auth/session", &unauthorized_reply, NULL);

  session = create_session (fixture, &error);
  g_assert_null (session);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==,
                   "Fiskil did not accept a freshly renewed access token (HTTP 401, "
                   "Unauthorized): token is not valid. Check that the client ID and secret "
                   "belong to this environment and may use this API. Error ID: err_401.");
  g_assert_cmpuint (api_error->http_status, ==, 401);
  g_assert_cmpstr (api_error->id, ==, "err_401");

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 2);
}

static void
test_retry_not_with_access_token (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  set_replies (fixture, "POST /v1/auth/session", &unauthorized_reply, NULL);
  desk_fiskil_client_set_access_token (fixture->client, ACCESS_TOKEN);

  session = create_session (fixture, &error);
  g_assert_null (session);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_UNAUTHORIZED);
  assert_contains (error->message, "access token");
  assert_contains (error->message, "Error ID: err_401.");

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 0);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 1);
}

/* Statuses and bodies */

typedef struct
{
  const char          *method_and_path;  /* NULL: POST /v1/auth/session */
  Reply                reply;
  DeskFiskilErrorCode  code;
  const char          *message;          /* the whole message, when given */
  const char          *parts[4];         /* in the message */
  const char          *absent;           /* not in the message */
  const char          *id;               /* DeskApiError fields */
  const char          *name;
  gint64               retry_after;      /* 0: expect -1 (none) */
} ErrorCase;

#define ERROR_BODY(id, name, message) \
  "{\"id\": \"" id "\", \"name\": \"" name "\", \"message\": \"" message "\"}"

static const ErrorCase error_400 = {
  .reply = { 400, ERROR_BODY ("err_123", "InvalidRequest", "end_user_id is required") },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400, InvalidRequest): end_user_id is required. "
             "Error ID: err_123.",
  .id = "err_123", .name = "InvalidRequest",
};
static const ErrorCase error_400_institution = {
  .reply = { 400, ERROR_BODY ("err_c1", "invalid_institution_id", "institution not found.") },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400, invalid_institution_id): institution not "
             "found. Error ID: err_c1.",
  .id = "err_c1", .name = "invalid_institution_id",
};
static const ErrorCase error_403 = {
  .reply = { 403, ERROR_BODY ("err_403", "Forbidden", "not allowed") },
  .code = DESK_FISKIL_ERROR_FORBIDDEN,
  .parts = { "HTTP 403", "not allowed", "Error ID: err_403." },
  .id = "err_403", .name = "Forbidden",
};
static const ErrorCase error_404 = {
  .reply = { 404, ERROR_BODY ("err_404", "NotFound", "no such end user") },
  .code = DESK_FISKIL_ERROR_NOT_FOUND,
  .parts = { "HTTP 404", "no such end user", "Error ID: err_404." },
  .id = "err_404", .name = "NotFound",
};
static const ErrorCase error_404_text = {
  .reply = { 404, "Not Found", "text/plain" },
  .code = DESK_FISKIL_ERROR_NOT_FOUND,
  .parts = { "(HTTP 404)", "API address" },
};
static const ErrorCase error_429_seconds = {
  .reply = { 429, ERROR_BODY ("err_429", "RateLimited", "slow down"), NULL,
             "Retry-After", "30" },
  .code = DESK_FISKIL_ERROR_RATE_LIMITED,
  .message = "Fiskil is limiting requests (HTTP 429, RateLimited): slow down. Try again in 30 "
             "seconds. Error ID: err_429.",
  .id = "err_429", .name = "RateLimited", .retry_after = 30,
};
static const ErrorCase error_429_no_header = {
  .reply = { 429 },
  .code = DESK_FISKIL_ERROR_RATE_LIMITED,
  .parts = { "HTTP 429", "Wait a moment" },
};
static const ErrorCase error_429_bad_header = {
  .reply = { 429, NULL, NULL, "Retry-After", "soon" },
  .code = DESK_FISKIL_ERROR_RATE_LIMITED,
  .parts = { "HTTP 429", "Wait a moment" },
};
static const ErrorCase error_500 = {
  .reply = { 500, ERROR_BODY ("err_500", "InternalError", "database unavailable") },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "server error", "HTTP 500, InternalError", "Error ID: err_500." },
  .id = "err_500", .name = "InternalError",
};
static const ErrorCase error_502_html = {
  .reply = { 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html" },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "server error", "(HTTP 502)" },
  .absent = "<",
};
static const ErrorCase error_503 = {
  .reply = { 503, ERROR_BODY ("err_503", "Unavailable", "maintenance") },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "HTTP 503", "maintenance", "Error ID: err_503." },
  .id = "err_503", .name = "Unavailable",
};
static const ErrorCase error_504_empty = {
  .reply = { 504 },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "(HTTP 504)" },
};
static const ErrorCase error_unexpected_status = {
  .reply = { 418, ERROR_BODY ("err_418", "Teapot", "short and stout") },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "unexpected", "HTTP 418", "Error ID: err_418." },
  .id = "err_418", .name = "Teapot",
};
/* Never followed: a redirect could carry the token to another host. */
static const ErrorCase error_redirect = {
  .reply = { 302, NULL, NULL, "Location", "/v1/elsewhere" },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "HTTP 302", "API address" },
};
static const ErrorCase error_goa = {
  .reply = { 400, "{\"name\": \"missing_field\", \"id\": \"Xy12Ab\", "
                  "\"message\": \"\\\"end_user_id\\\" is missing from body\", "
                  "\"temporary\": false, \"timeout\": false, \"fault\": false}",
             "application/vnd.goa.error" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400, missing_field): \"end_user_id\" is missing "
             "from body. Error ID: Xy12Ab.",
  .id = "Xy12Ab", .name = "missing_field",
};
static const ErrorCase error_goa_temporary = {
  .reply = { 503, "{\"name\": \"unavailable\", \"id\": \"t1\", \"message\": \"overloaded\", "
                  "\"temporary\": true, \"timeout\": false, \"fault\": true}",
             "application/vnd.goa.error" },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "temporary", "HTTP 503, unavailable", "Try again in a moment.", "Error ID: t1." },
  .id = "t1", .name = "unavailable",
};
static const ErrorCase error_400_empty = {
  .reply = { 400 },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400).",
};
static const ErrorCase error_400_truncated = {
  .reply = { 400, "{\"id\": \"err_9\", \"name\": \"Inval" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400).",
};
static const ErrorCase error_400_mistyped = {
  .reply = { 400, "{\"id\": 7, \"name\": [\"x\"], \"message\": {\"a\": 1}}" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400).",
};
static const ErrorCase error_400_array = {
  .reply = { 400, "[\"err_1\"]" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400).",
};
static const ErrorCase error_400_only_id = {
  .reply = { 400, "{\"id\": \"err_only\"}" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400). Error ID: err_only.",
  .id = "err_only",
};
static const ErrorCase error_400_control_characters = {
  .reply = { 400, "{\"message\": \"line one\\nline two\\u0007\\t\"}" },
  .code = DESK_FISKIL_ERROR_INVALID_INPUT,
  .message = "Fiskil rejected the request (HTTP 400): line one line two.",
};

/* 2xx answers that are not what was asked for */
static const ErrorCase bad_html = {
  .reply = { 200, "<!DOCTYPE html><html><body>Welcome</body></html>", "text/html" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "HTTP 200", "not JSON", "API address" },
  .absent = "<",
};
static const ErrorCase bad_empty = {
  .reply = { 200 },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "HTTP 200", "empty" },
};
static const ErrorCase bad_whitespace = {
  .reply = { 200, "  \n" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "HTTP 200" },
};
static const ErrorCase bad_truncated = {
  .reply = { 200, "{\"id\": \"c\", \"session_id\": \"sess_1\", \"auth_u" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "HTTP 200", "cut short" },
};
static const ErrorCase bad_array = {
  .reply = { 200, "[" SESSION_BODY "]" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
};
static const ErrorCase bad_missing_session_id = {
  .reply = { 200, "{\"id\": \"c\", \"auth_url\": \"" AUTH_URL "\", \"expires_at\": 4102444800}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“session_id”" },
};
static const ErrorCase bad_null_session_id = {
  .reply = { 200, "{\"session_id\": null, \"auth_url\": \"" AUTH_URL "\", "
                  "\"expires_at\": 4102444800}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“session_id”" },
};
static const ErrorCase bad_mistyped_session_id = {
  .reply = { 200, "{\"session_id\": 5, \"auth_url\": \"" AUTH_URL "\", "
                  "\"expires_at\": 4102444800}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“session_id”" },
};
static const ErrorCase bad_missing_auth_url = {
  .reply = { 200, "{\"session_id\": \"sess_1\", \"expires_at\": 4102444800}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“auth_url”" },
};
static const ErrorCase bad_mistyped_auth_url = {
  .reply = { 200, "{\"session_id\": \"sess_1\", \"auth_url\": true, \"expires_at\": 4102444800}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“auth_url”" },
};
static const ErrorCase bad_missing_expires_at = {
  .reply = { 200, "{\"session_id\": \"sess_1\", \"auth_url\": \"" AUTH_URL "\"}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“expires_at”" },
};
static const ErrorCase bad_mistyped_expires_at = {
  .reply = { 200, "{\"session_id\": \"sess_1\", \"auth_url\": \"" AUTH_URL "\", "
                  "\"expires_at\": \"soon\"}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“expires_at”" },
};

/* The token exchange fails the same way, and says which credentials were refused. */
static const ErrorCase token_401 = {
  .method_and_path = "POST /v1/token",
  .reply = { 401, ERROR_BODY ("err_t1", "Unauthorized", "invalid client credentials") },
  .code = DESK_FISKIL_ERROR_UNAUTHORIZED,
  .message = "Fiskil did not accept the client ID and secret (HTTP 401, Unauthorized): invalid "
             "client credentials. Check both, and that they belong to this environment. Error "
             "ID: err_t1.",
  .id = "err_t1", .name = "Unauthorized",
};
static const ErrorCase token_500 = {
  .method_and_path = "POST /v1/token",
  .reply = { 500, "<html>oops</html>", "text/html" },
  .code = DESK_FISKIL_ERROR_SERVER_ERROR,
  .parts = { "(HTTP 500)" },
};
static const ErrorCase token_missing = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "{\"token_type\": \"Bearer\", \"expires_in\": 900}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“token”" },
};
static const ErrorCase token_mistyped = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "{\"token\": 42}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“token”" },
};
static const ErrorCase token_mistyped_access_token = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "{\"access_token\": [\"x\"]}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“access_token”" },
};
/* A token goes into a header: no answer may smuggle a line break into it. */
static const ErrorCase token_header_injection = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "{\"token\": \"abc\\r\\nX-Injected: 1\"}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“token”" },
};
static const ErrorCase token_mistyped_lifetime = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "{\"token\": \"" TOKEN "\", \"expires_in\": \"soon\"}" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "“expires_in”" },
};
static const ErrorCase token_not_json = {
  .method_and_path = "POST /v1/token",
  .reply = { 200, "token=abc", "application/x-www-form-urlencoded" },
  .code = DESK_FISKIL_ERROR_BAD_RESPONSE,
  .parts = { "HTTP 200" },
};

static void
test_error_case (Fixture       *fixture,
                 gconstpointer  data)
{
  const ErrorCase *error_case = data;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  set_replies (fixture,
               error_case->method_and_path ? error_case->method_and_path
                                           : "POST /v1/auth/session",
               &error_case->reply, NULL);

  session = create_session (fixture, &error);
  g_assert_null (session);
  api_error = assert_fiskil_error (error, error_case->code);

  if (error_case->message != NULL)
    g_assert_cmpstr (error->message, ==, error_case->message);
  for (guint i = 0; i < G_N_ELEMENTS (error_case->parts) && error_case->parts[i]; i++)
    assert_contains (error->message, error_case->parts[i]);
  if (error_case->absent != NULL)
    g_assert_null (strstr (error->message, error_case->absent));

  g_assert_cmpuint (api_error->http_status, ==, error_case->reply.status);
  g_assert_cmpstr (api_error->id, ==, error_case->id);
  g_assert_cmpstr (api_error->name, ==, error_case->name);
  g_assert_cmpint (api_error->retry_after, ==,
                   error_case->retry_after ? error_case->retry_after : -1);

  /* The request that failed was the last: no retry, no redirect followed. */
  g_assert_cmpuint (fixture->recorded->len, ==, error_case->method_and_path ? 1 : 2);
}

static void
test_error_retry_after_date (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  const Reply reply = { 429, NULL, NULL, "Retry-After", date };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  set_replies (fixture, "POST /v1/auth/session", &reply, NULL);

  session = create_session (fixture, &error);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_RATE_LIMITED);
  /* HTTP dates have whole seconds, and the answer takes a moment. */
  g_assert_cmpint (api_error->retry_after, >=, 117);
  g_assert_cmpint (api_error->retry_after, <=, 120);
  assert_contains (error->message, "Try again in 1");
}

static void
test_error_long_message (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *long_text = g_strnfill (5000, 'x');
  g_autofree char *body = g_strdup_printf ("{\"message\": \"%s\", \"id\": \"err_long\"}",
                                           long_text);
  const Reply reply = { 400, body };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  set_replies (fixture, "POST /v1/auth/session", &reply, NULL);

  session = create_session (fixture, &error);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);
  g_assert_cmpuint (strlen (error->message), <, 500);
  assert_contains (error->message, "xxx…");
  assert_contains (error->message, "Error ID: err_long.");
}

static void
test_success_201 (Fixture       *fixture,
                  gconstpointer  data)
{
  static const Reply created = { 201, SESSION_BODY };

  set_replies (fixture, "POST /v1/auth/session", &created, NULL);
  assert_session_created (fixture);
}

/* The request on the wire */

static void
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

static void
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

static void
test_request_format (Fixture       *fixture,
                     gconstpointer  data)
{
  Recorded *token;
  Recorded *session;

  g_assert_null (desk_fiskil_client_get_api_version (fixture->client));
  assert_session_created (fixture);
  g_assert_cmpuint (fixture->recorded->len, ==, 2);

  token = g_ptr_array_index (fixture->recorded, 0);
  g_assert_cmpstr (token->method, ==, "POST");
  g_assert_cmpstr (token->path, ==, "/v1/token");
  g_assert_null (token->query);
  assert_common_headers (token, NULL, TRUE);
  g_assert_null (soup_message_headers_get_one (token->headers, "Authorization"));
  assert_json_members (token->body, "client_id,client_secret");
  assert_member (token->body, "client_id", CLIENT_ID);
  assert_member (token->body, "client_secret", CLIENT_SECRET);

  session = g_ptr_array_index (fixture->recorded, 1);
  g_assert_cmpstr (session->method, ==, "POST");
  g_assert_cmpstr (session->path, ==, "/v1/auth/session");
  g_assert_null (session->query);
  assert_common_headers (session, NULL, TRUE);
  g_assert_cmpstr (soup_message_headers_get_one (session->headers, "Authorization"), ==,
                   "Bearer " TOKEN);
  assert_json_members (session->body,
                       "cancel_uri,end_user_id,institution_id,permissions,redirect_uri");
  assert_member (session->body, "end_user_id", "eu_42");
  assert_member (session->body, "redirect_uri", "https://callback.consent-desk.invalid/done");
  assert_member (session->body, "cancel_uri", "https://callback.consent-desk.invalid/cancel");

  desk_fiskil_client_set_api_version (fixture->client, "v2");
  g_assert_cmpstr (desk_fiskil_client_get_api_version (fixture->client), ==, "v2");
  assert_session_created (fixture);
  assert_common_headers (g_ptr_array_index (fixture->recorded, 2), "v2", TRUE);

  desk_fiskil_client_set_api_version (fixture->client, "v1");
  assert_session_created (fixture);
  assert_common_headers (g_ptr_array_index (fixture->recorded, 3), "v1", TRUE);

  desk_fiskil_client_set_api_version (fixture->client, NULL);
  assert_session_created (fixture);
  assert_common_headers (g_ptr_array_index (fixture->recorded, 4), NULL, TRUE);
}

static void
test_request_api_version_checked (Fixture       *fixture,
                                  gconstpointer  data)
{
  desk_fiskil_client_set_api_version (fixture->client, "v2");

  g_test_expect_message ("desk-fiskil", G_LOG_LEVEL_CRITICAL, "*api_version*");
  desk_fiskil_client_set_api_version (fixture->client, "V3");
  g_test_assert_expected_messages ();

  g_assert_cmpstr (desk_fiskil_client_get_api_version (fixture->client), ==, "v2");
}

static void
test_request_plain_http_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  use_client (fixture, "http://api.fiskil.test");

  session = create_session (fixture, &error);
  g_assert_null (session);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);
  assert_contains (error->message, "api.fiskil.test");
  assert_contains (error->message, "https://");
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 0);
}

static void
test_request_finished_signal (Fixture       *fixture,
                              gconstpointer  data)
{
  static const Reply failure = { 400, ERROR_BODY ("err_rf", "InvalidRequest", "nope") };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  Finished *finished;

  set_replies (fixture, "POST /v1/auth/session", &failure, NULL);
  session = create_session (fixture, &error);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);

  g_assert_cmpuint (fixture->finished->len, ==, 2);
  finished = g_ptr_array_index (fixture->finished, 0);
  g_assert_cmpstr (finished->method, ==, "POST");
  g_assert_cmpstr (finished->path, ==, "/v1/token");
  g_assert_cmpuint (finished->status, ==, 200);
  g_assert_null (finished->error_id);
  finished = g_ptr_array_index (fixture->finished, 1);
  g_assert_cmpstr (finished->path, ==, "/v1/auth/session");
  g_assert_cmpuint (finished->status, ==, 400);
  g_assert_cmpstr (finished->error_id, ==, "err_rf");
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 2);
}

static void
test_request_clock_skew (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) ahead = g_date_time_add_hours (now, 1);
  g_autofree char *date = soup_date_time_to_string (ahead, SOUP_DATE_HTTP);
  const Reply reply = { 200, SESSION_BODY, NULL, "Date", date };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (desk_fiskil_client_get_clock_skew (fixture->client), ==, 0);
  set_replies (fixture, "POST /v1/auth/session", &reply, NULL);

  session = create_session (fixture, &error);
  g_assert_no_error (error);
  /* Date has whole seconds. */
  g_assert_cmpint (session->clock_skew, >=, 3598);
  g_assert_cmpint (session->clock_skew, <=, 3600);
  g_assert_cmpint (desk_fiskil_client_get_clock_skew (fixture->client), ==, session->clock_skew);
  g_assert_cmpint (desk_auth_session_get_local_expiry (session), ==,
                   4102444800 - session->clock_skew);
}

/* The network */

static void
test_network_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *host = NULL;
  const DeskApiError *api_error;
  Finished *finished;
  guint16 port;

  /* A port that was free a moment ago and has nobody listening now. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  host = g_strdup_printf ("127.0.0.1:%u", port);
  use_client (fixture, base_url);

  session = create_session (fixture, &error);
  g_assert_null (session);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_NETWORK);
  assert_contains (error->message, host);
  assert_contains (error->message, "network connection");
  g_assert_cmpuint (api_error->http_status, ==, 0);

  g_assert_cmpuint (fixture->finished->len, ==, 1);
  finished = g_ptr_array_index (fixture->finished, 0);
  g_assert_cmpuint (finished->status, ==, 0);
}

static void
assert_times_out (Fixture *fixture,
                  guint    connect_timeout,
                  guint    total_timeout)
{
  static const Reply silence = { 200, SESSION_BODY, .never = TRUE };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  gint64 elapsed;
  Finished *finished;

  set_replies (fixture, "POST /v1/auth/session", &silence, NULL);
  desk_fiskil_client_set_timeouts (fixture->client, connect_timeout, total_timeout);

  started = g_get_monotonic_time ();
  session = create_session (fixture, &error);
  elapsed = g_get_monotonic_time () - started;

  g_assert_null (session);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_NETWORK);
  assert_contains (error->message, "timed out");
  g_assert_cmpint (elapsed, >=, 900 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 5 * G_TIME_SPAN_SECOND);

  g_assert_cmpuint (fixture->finished->len, ==, 2);
  finished = g_ptr_array_index (fixture->finished, 1);
  g_assert_cmpuint (finished->status, ==, 0);
}

static void
test_network_total_timeout (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_times_out (fixture, 30, 1);
}

static void
test_network_io_timeout (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_times_out (fixture, 1, 30);
}

static void
test_network_tls (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  g_assert_true (g_str_has_prefix (fixture->base_url, "https://127.0.0.1:"));

  session = create_session (fixture, &error);
  g_assert_null (session);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_TLS);
  assert_contains (error->message, "not trusted");
  assert_contains (error->message, "host name mismatch");
  g_assert_cmpuint (api_error->http_status, ==, 0);

  /* Fail closed: nothing reached the server. */
  g_assert_cmpuint (fixture->recorded->len, ==, 0);
  g_assert_cmpuint (fixture->finished->len, ==, 1);
}

/* Cancellation */

static void
test_cancel_during_request (Fixture       *fixture,
                            gconstpointer  data)
{
  static const Reply silence = { 200, SESSION_BODY, .never = TRUE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult **slot;
  Finished *finished;

  set_replies (fixture, "POST /v1/auth/session", &silence, NULL);

  slot = start_session (fixture, cancellable);
  wait_for_count (&fixture->recorded->len, 2);
  g_cancellable_cancel (cancellable);

  session = finish_session (fixture, slot, &error);
  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (desk_fiskil_error_get_api_error (error));

  /* The request was reported once, without an answer, and the client works on. */
  g_assert_cmpuint (fixture->finished->len, ==, 2);
  finished = g_ptr_array_index (fixture->finished, 1);
  g_assert_cmpuint (finished->status, ==, 0);

  set_replies (fixture, "POST /v1/auth/session", &session_reply, NULL);
  assert_session_created (fixture);
  g_assert_cmpuint (fixture->finished->len, ==, 3);
}

static void
test_cancel_before_start (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  session = finish_session (fixture, start_session (fixture, cancellable), &error);
  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (desk_fiskil_client_get_request_count (fixture->client), ==, 0);
}

/* One caller leaving a shared token exchange does not disturb the others. */
static void
test_cancel_one_waiter (Fixture       *fixture,
                        gconstpointer  data)
{
  static const Reply slow_token = { 200, TOKEN_BODY, .delay_ms = 200 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskAuthSession) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult **slots[3];

  set_replies (fixture, "POST /v1/token", &slow_token, NULL);

  slots[0] = start_session (fixture, cancellable);
  slots[1] = start_session (fixture, NULL);
  slots[2] = start_session (fixture, NULL);
  g_cancellable_cancel (cancellable);

  cancelled = finish_session (fixture, slots[0], &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  for (guint i = 1; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(DeskAuthSession) session = NULL;
      g_autoptr(GError) session_error = NULL;

      session = finish_session (fixture, slots[i], &session_error);
      g_assert_no_error (session_error);
      g_assert_nonnull (session);
    }

  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 1);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 2);
}

/* When every caller has left, the exchange stops, and the next caller starts a new one. */
static void
test_cancel_all_waiters (Fixture       *fixture,
                         gconstpointer  data)
{
  static const Reply silent_token = { 200, TOKEN_BODY, .never = TRUE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult **slots[2];

  set_replies (fixture, "POST /v1/token", &silent_token, &token_reply, NULL);

  slots[0] = start_session (fixture, cancellable);
  slots[1] = start_session (fixture, cancellable);
  wait_for_count (&fixture->recorded->len, 1);
  g_cancellable_cancel (cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(DeskAuthSession) session = finish_session (fixture, slots[i], &error);

      g_assert_null (session);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }
  wait_for_count (&fixture->finished->len, 1);
  g_assert_cmpuint (((Finished *) g_ptr_array_index (fixture->finished, 0))->status, ==, 0);

  assert_session_created (fixture);
  g_assert_cmpuint (count_recorded (fixture, "/v1/token"), ==, 2);
  g_assert_cmpuint (count_recorded (fixture, "/v1/auth/session"), ==, 1);
}

/* Secrets */

static void
test_secrets_echoed_by_server (Fixture       *fixture,
                               gconstpointer  data)
{
  static const Reply echo = {
    400, "{\"id\": \"err_" CLIENT_SECRET "\", \"name\": \"" TOKEN "\", "
         "\"message\": \"client_secret " CLIENT_SECRET " and token " TOKEN " rejected\"}"
  };
  g_autoptr(DeskAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const DeskApiError *api_error;

  set_replies (fixture, "POST /v1/auth/session", &echo, NULL);

  session = create_session (fixture, &error);
  api_error = assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);
  assert_contains (error->message, "client_secret [hidden] and token [hidden] rejected");
  g_assert_cmpstr (api_error->id, ==, "err_[hidden]");
}

/* End users */

static void
test_end_user_create (Fixture       *fixture,
                      gconstpointer  data)
{
  static const Reply created = { 200, "{\"end_user_id\": \"eu_new\"}" };
  static const Reply duplicate = {
    400, ERROR_BODY ("err_dup", "end_user_already_exists", "an end user with this email exists")
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *end_user_id = NULL;
  GAsyncResult **slot;
  Recorded *recorded;

  set_replies (fixture, "POST /v1/end-users", &created, &duplicate, NULL);

  slot = next_slot (fixture);
  desk_fiskil_client_create_end_user_async (fixture->client, "ana@example.com", "Ana", NULL,
                                            NULL, NULL, store_result, slot);
  wait_for_result (slot);
  end_user_id = desk_fiskil_client_create_end_user_finish (fixture->client, *slot, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (end_user_id, ==, "eu_new");

  recorded = get_recorded (fixture, "/v1/end-users", 0);
  g_assert_cmpstr (recorded->method, ==, "POST");
  assert_common_headers (recorded, NULL, TRUE);
  g_assert_cmpstr (soup_message_headers_get_one (recorded->headers, "Authorization"), ==,
                   "Bearer " TOKEN);
  assert_json_members (recorded->body, "email,name");
  assert_member (recorded->body, "email", "ana@example.com");

  slot = next_slot (fixture);
  desk_fiskil_client_create_end_user_async (fixture->client, "ana@example.com", NULL,
                                            "+61400000000", "12345678901", NULL,
                                            store_result, slot);
  wait_for_result (slot);
  g_assert_null (desk_fiskil_client_create_end_user_finish (fixture->client, *slot, &error));
  assert_fiskil_error (error, DESK_FISKIL_ERROR_INVALID_INPUT);
  assert_contains (error->message, "end_user_already_exists");
  assert_json_members (get_recorded (fixture, "/v1/end-users", 1)->body, "abn,email,phone");
}

static GPtrArray *
find_end_users (Fixture     *fixture,
                const char  *email,
                GError     **error)
{
  GAsyncResult **slot = next_slot (fixture);

  desk_fiskil_client_find_end_users_async (fixture->client, email, NULL, store_result, slot);
  wait_for_result (slot);
  return desk_fiskil_client_find_end_users_finish (fixture->client, *slot, error);
}

static void
test_end_user_find (Fixture       *fixture,
                    gconstpointer  data)
{
  static const Reply found = {
    200, "[{\"id\": \"eu_1\", \"email\": \"a+b@example.com\", \"name\": \"Ana\", "
         "\"phone\": \"+61400000000\"}, {\"id\": \"eu_2\", \"email\": null}]"
  };
  static const Reply none = { 200, "[]" };
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  DeskEndUser *user;
  Recorded *recorded;

  set_replies (fixture, "GET /v1/end-users", &found, &none, NULL);

  users = find_end_users (fixture, "a+b@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 2);
  user = g_ptr_array_index (users, 0);
  g_assert_cmpstr (user->id, ==, "eu_1");
  g_assert_cmpstr (user->email, ==, "a+b@example.com");
  g_assert_cmpstr (user->name, ==, "Ana");
  g_assert_cmpstr (user->phone, ==, "+61400000000");
  user = g_ptr_array_index (users, 1);
  g_assert_cmpstr (user->id, ==, "eu_2");
  g_assert_null (user->email);
  g_assert_null (user->name);

  recorded = get_recorded (fixture, "/v1/end-users", 0);
  g_assert_cmpstr (recorded->method, ==, "GET");
  g_assert_cmpstr (recorded->query, ==, "email=a%2Bb%40example.com");
  g_assert_cmpstr (recorded->body, ==, "");
  assert_common_headers (recorded, NULL, FALSE);

  g_clear_pointer (&users, g_ptr_array_unref);
  users = find_end_users (fixture, "nobody@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 0);
}

typedef struct
{
  const char *body;
  const char *field;  /* named in the message, or NULL */
} JunkCase;

static const JunkCase end_users_not_a_list = { "{\"end_users\": []}", NULL };
static const JunkCase end_users_number = { "[{\"id\": \"eu_1\"}, 42]", NULL };
static const JunkCase end_users_null = { "[null]", NULL };
static const JunkCase end_users_no_id = { "[{\"email\": \"a@example.com\"}]", "“id”" };
static const JunkCase end_users_empty_id = { "[{\"id\": \"\"}]", "“id”" };
static const JunkCase end_users_mistyped_id = { "[{\"id\": 12}]", "“id”" };
static const JunkCase end_users_mistyped_email = { "[{\"id\": \"eu_1\", \"email\": 5}]",
                                                   "“email”" };
static const JunkCase end_users_not_json = { "<html></html>", "HTTP 200" };

static void
test_end_user_find_junk (Fixture       *fixture,
                         gconstpointer  data)
{
  const JunkCase *junk = data;
  const Reply reply = { 200, junk->body };
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  set_replies (fixture, "GET /v1/end-users", &reply, NULL);

  users = find_end_users (fixture, "a@example.com", &error);
  g_assert_null (users);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (desk_fiskil_error_get_api_error (error)->http_status, ==, 200);
  if (junk->field != NULL)
    assert_contains (error->message, junk->field);
}

static DeskEndUser *
get_end_user (Fixture     *fixture,
              const char  *end_user_id,
              GError     **error)
{
  GAsyncResult **slot = next_slot (fixture);

  desk_fiskil_client_get_end_user_async (fixture->client, end_user_id, NULL, store_result, slot);
  wait_for_result (slot);
  return desk_fiskil_client_get_end_user_finish (fixture->client, *slot, error);
}

static void
test_end_user_get (Fixture       *fixture,
                   gconstpointer  data)
{
  static const Reply user = { 200, "{\"id\": \"eu/1 x?y#z\", \"email\": \"c@example.com\"}" };
  g_autoptr(DeskEndUser) found = NULL;
  g_autoptr(DeskEndUser) missing = NULL;
  g_autoptr(GError) error = NULL;
  Recorded *recorded;

  /* An opaque id stays in the path, whatever it holds: unescaped, "?" would start a query and
   * "#" a fragment. (SoupServer hands handlers the decoded path.) */
  set_replies (fixture, "GET /v1/end-users/eu/1 x?y#z", &user, NULL);

  found = get_end_user (fixture, "eu/1 x?y#z", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->id, ==, "eu/1 x?y#z");
  g_assert_cmpstr (found->email, ==, "c@example.com");
  recorded = get_recorded (fixture, "/v1/end-users/eu/1 x?y#z", 0);
  g_assert_cmpstr (recorded->method, ==, "GET");
  g_assert_null (recorded->query);
  assert_common_headers (recorded, NULL, FALSE);

  missing = get_end_user (fixture, "eu_gone", &error);
  g_assert_null (missing);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_NOT_FOUND);
}

/* Consents */

static GPtrArray *
list_consents (Fixture     *fixture,
               const char  *end_user_id,
               GError     **error)
{
  GAsyncResult **slot = next_slot (fixture);

  desk_fiskil_client_list_consents_async (fixture->client, end_user_id, NULL, store_result, slot);
  wait_for_result (slot);
  return desk_fiskil_client_list_consents_finish (fixture->client, *slot, error);
}

static void
test_consents_list (Fixture       *fixture,
                    gconstpointer  data)
{
  static const Reply consents = {
    200, "[{\"arrangement_id\": \"arr_1\", \"active\": true, \"institution_id\": \"inst_1\", "
         "\"permissions\": [\"accounts\", \"balances\"], \"expires_at\": 1893456000, "
         "\"created_at\": \"2026-01-01T00:00:00Z\"}, "
         "{\"arrangement_id\": \"arr_2\", \"active\": false, "
         "\"expires_at\": \"2030-01-01T00:00:00Z\"}]"
  };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  DeskConsent *consent;
  Recorded *recorded;

  set_replies (fixture, "GET /v1/consent", &consents, NULL);

  list = list_consents (fixture, "eu 42&x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  consent = g_ptr_array_index (list, 0);
  g_assert_cmpstr (consent->arrangement_id, ==, "arr_1");
  g_assert_true (consent->active);
  g_assert_cmpstr (consent->institution_id, ==, "inst_1");
  g_assert_cmpuint (g_strv_length (consent->permissions), ==, 2);
  g_assert_cmpstr (consent->permissions[1], ==, "balances");
  g_assert_cmpint (consent->expires_at, ==, 1893456000);

  consent = g_ptr_array_index (list, 1);
  g_assert_cmpstr (consent->arrangement_id, ==, "arr_2");
  g_assert_false (consent->active);
  g_assert_null (consent->institution_id);
  g_assert_nonnull (consent->permissions);
  g_assert_cmpuint (g_strv_length (consent->permissions), ==, 0);
  g_assert_cmpint (consent->expires_at, ==, 1893456000);

  recorded = get_recorded (fixture, "/v1/consent", 0);
  g_assert_cmpstr (recorded->method, ==, "GET");
  g_assert_cmpstr (recorded->query, ==, "end_user_id=eu%2042%26x");
  assert_common_headers (recorded, NULL, FALSE);
}

static const JunkCase consents_not_a_list = { "{\"consents\": []}", NULL };
static const JunkCase consents_string_entry = { "[\"arr_1\"]", NULL };
static const JunkCase consents_no_arrangement = { "[{\"active\": true}]", "“arrangement_id”" };
static const JunkCase consents_no_active = { "[{\"arrangement_id\": \"a\"}]", "“active”" };
static const JunkCase consents_mistyped_active = {
  "[{\"arrangement_id\": \"a\", \"active\": \"yes\"}]", "“active”"
};
static const JunkCase consents_mistyped_permissions = {
  "[{\"arrangement_id\": \"a\", \"active\": true, \"permissions\": [\"accounts\", 1]}]",
  "“permissions”"
};
static const JunkCase consents_mistyped_institution = {
  "[{\"arrangement_id\": \"a\", \"active\": true, \"institution_id\": {}}]",
  "“institution_id”"
};
static const JunkCase consents_mistyped_expiry = {
  "[{\"arrangement_id\": \"a\", \"active\": true, \"expires_at\": \"soon\"}]",
  "“expires_at”"
};
static const JunkCase consents_fractional_expiry = {
  "[{\"arrangement_id\": \"a\", \"active\": true, \"expires_at\": 1.5}]", "“expires_at”"
};
static const JunkCase consents_truncated = { "[{\"arrangement_id\": \"a\", \"act", "HTTP 200" };

static void
test_consents_junk (Fixture       *fixture,
                    gconstpointer  data)
{
  const JunkCase *junk = data;
  const Reply reply = { 200, junk->body };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  set_replies (fixture, "GET /v1/consent", &reply, NULL);

  list = list_consents (fixture, "eu_42", &error);
  g_assert_null (list);
  assert_fiskil_error (error, DESK_FISKIL_ERROR_BAD_RESPONSE);
  if (junk->field != NULL)
    assert_contains (error->message, junk->field);
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char     *path;
    const ErrorCase *error_case;
  } error_cases[] = {
    { "/client/status/400", &error_400 },
    { "/client/status/400-institution", &error_400_institution },
    { "/client/status/403", &error_403 },
    { "/client/status/404", &error_404 },
    { "/client/status/404-text", &error_404_text },
    { "/client/status/429-seconds", &error_429_seconds },
    { "/client/status/429-no-retry-after", &error_429_no_header },
    { "/client/status/429-bad-retry-after", &error_429_bad_header },
    { "/client/status/500", &error_500 },
    { "/client/status/502-html", &error_502_html },
    { "/client/status/503", &error_503 },
    { "/client/status/504-empty", &error_504_empty },
    { "/client/status/418", &error_unexpected_status },
    { "/client/status/302-not-followed", &error_redirect },
    { "/client/error-body/goa", &error_goa },
    { "/client/error-body/goa-temporary", &error_goa_temporary },
    { "/client/error-body/empty", &error_400_empty },
    { "/client/error-body/truncated", &error_400_truncated },
    { "/client/error-body/mistyped", &error_400_mistyped },
    { "/client/error-body/array", &error_400_array },
    { "/client/error-body/only-id", &error_400_only_id },
    { "/client/error-body/control-characters", &error_400_control_characters },
    { "/client/answer/html", &bad_html },
    { "/client/answer/empty", &bad_empty },
    { "/client/answer/whitespace", &bad_whitespace },
    { "/client/answer/truncated", &bad_truncated },
    { "/client/answer/array", &bad_array },
    { "/client/answer/missing-session-id", &bad_missing_session_id },
    { "/client/answer/null-session-id", &bad_null_session_id },
    { "/client/answer/mistyped-session-id", &bad_mistyped_session_id },
    { "/client/answer/missing-auth-url", &bad_missing_auth_url },
    { "/client/answer/mistyped-auth-url", &bad_mistyped_auth_url },
    { "/client/answer/missing-expires-at", &bad_missing_expires_at },
    { "/client/answer/mistyped-expires-at", &bad_mistyped_expires_at },
    { "/client/token/401", &token_401 },
    { "/client/token/500", &token_500 },
    { "/client/token/missing", &token_missing },
    { "/client/token/mistyped", &token_mistyped },
    { "/client/token/mistyped-access-token", &token_mistyped_access_token },
    { "/client/token/header-injection", &token_header_injection },
    { "/client/token/mistyped-expires-in", &token_mistyped_lifetime },
    { "/client/token/not-json", &token_not_json },
  };
  static const struct {
    const char     *path;
    const TokenCase *token_case;
  } token_cases[] = {
    { "/client/token/field-token", &token_field_token },
    { "/client/token/field-access-token", &token_field_access_token },
    { "/client/token/field-token-preferred", &token_field_both },
    { "/client/token/default-lifetime", &token_default_lifetime },
    { "/client/token/string-lifetime", &token_string_lifetime },
    { "/client/token/short-lifetime", &token_short_lifetime },
    { "/client/token/expired", &token_expired },
  };
  static const struct {
    const char     *path;
    const JunkCase *junk;
  } end_user_junk[] = {
    { "/client/end-users/junk/not-a-list", &end_users_not_a_list },
    { "/client/end-users/junk/number", &end_users_number },
    { "/client/end-users/junk/null", &end_users_null },
    { "/client/end-users/junk/no-id", &end_users_no_id },
    { "/client/end-users/junk/empty-id", &end_users_empty_id },
    { "/client/end-users/junk/mistyped-id", &end_users_mistyped_id },
    { "/client/end-users/junk/mistyped-email", &end_users_mistyped_email },
    { "/client/end-users/junk/not-json", &end_users_not_json },
  }, consent_junk[] = {
    { "/client/consents/junk/not-a-list", &consents_not_a_list },
    { "/client/consents/junk/string-entry", &consents_string_entry },
    { "/client/consents/junk/no-arrangement-id", &consents_no_arrangement },
    { "/client/consents/junk/no-active", &consents_no_active },
    { "/client/consents/junk/mistyped-active", &consents_mistyped_active },
    { "/client/consents/junk/mistyped-permissions", &consents_mistyped_permissions },
    { "/client/consents/junk/mistyped-institution", &consents_mistyped_institution },
    { "/client/consents/junk/mistyped-expires-at", &consents_mistyped_expiry },
    { "/client/consents/junk/fractional-expires-at", &consents_fractional_expiry },
    { "/client/consents/junk/truncated", &consents_truncated },
  };

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/client/token/shared", test_token_shared);
  for (guint i = 0; i < G_N_ELEMENTS (token_cases); i++)
    g_test_add (token_cases[i].path, Fixture, token_cases[i].token_case,
                fixture_setup, test_token_fields, fixture_teardown);
  ADD ("/client/token/access-token", test_token_access_token);
  ADD ("/client/token/no-credentials", test_token_no_credentials);
  ADD ("/client/token/credentials-change", test_token_credentials_change);
  ADD ("/client/token/test-connection", test_token_test_connection);

  ADD ("/client/retry/renews-once", test_retry_renews_once);
  ADD ("/client/retry/twice-fails", test_retry_twice_fails);
  ADD ("/client/retry/not-with-access-token", test_retry_not_with_access_token);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    g_test_add (error_cases[i].path, Fixture, error_cases[i].error_case,
                fixture_setup, test_error_case, fixture_teardown);
  ADD ("/client/status/429-retry-after-date", test_error_retry_after_date);
  ADD ("/client/error-body/long-message", test_error_long_message);
  ADD ("/client/status/201", test_success_201);

  ADD ("/client/request/format", test_request_format);
  ADD ("/client/request/api-version-checked", test_request_api_version_checked);
  ADD ("/client/request/plain-http-refused", test_request_plain_http_refused);
  ADD ("/client/request/finished-signal", test_request_finished_signal);
  ADD ("/client/request/clock-skew", test_request_clock_skew);

  ADD ("/client/network/refused", test_network_refused);
  ADD ("/client/network/total-timeout", test_network_total_timeout);
  ADD ("/client/network/io-timeout", test_network_io_timeout);
  g_test_add ("/client/network/tls-untrusted", Fixture, NULL,
              fixture_setup_tls, test_network_tls, fixture_teardown);

  ADD ("/client/cancel/during-request", test_cancel_during_request);
  ADD ("/client/cancel/before-start", test_cancel_before_start);
  ADD ("/client/cancel/one-waiter", test_cancel_one_waiter);
  ADD ("/client/cancel/all-waiters", test_cancel_all_waiters);

  ADD ("/client/secrets/echoed-by-server", test_secrets_echoed_by_server);

  ADD ("/client/end-users/create", test_end_user_create);
  ADD ("/client/end-users/find", test_end_user_find);
  for (guint i = 0; i < G_N_ELEMENTS (end_user_junk); i++)
    g_test_add (end_user_junk[i].path, Fixture, end_user_junk[i].junk,
                fixture_setup, test_end_user_find_junk, fixture_teardown);
  ADD ("/client/end-users/get", test_end_user_get);

  ADD ("/client/consents/list", test_consents_list);
  for (guint i = 0; i < G_N_ELEMENTS (consent_junk); i++)
    g_test_add (consent_junk[i].path, Fixture, consent_junk[i].junk,
                fixture_setup, test_consents_junk, fixture_teardown);

#undef ADD

  return g_test_run ();
}
