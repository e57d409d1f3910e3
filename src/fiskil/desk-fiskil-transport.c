/* desk-fiskil-transport.c — one HTTP request to Fiskil: timeouts, TLS, a bounded body, evidence
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-fiskil-client-private.h"
#include "desk-fiskil-error.h"

#define READ_CHUNK_SIZE (64 * 1024)

typedef struct
{
  char                 *method;
  char                 *path;
  char                 *url;
  GBytes               *request_body;      /* nullable */
  SoupMessage          *message;
  GInputStream         *stream;            /* the answer's body, once headers arrived */
  GByteArray           *body;              /* what was read of it */
  gboolean              at_end;
  gboolean              too_large;
  GCancellable         *cancellable;       /* cancels this request alone */
  GSource              *cancelled_source;  /* watches the caller's cancellable */
  GSource              *timeout_source;
  GDateTime            *started;
  gint64                started_at;        /* monotonic */
  gboolean              timed_out;
  GTlsCertificateFlags  tls_errors;
} HttpRequest;

void
desk_http_response_free (DeskHttpResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->api_error, desk_api_error_free);
  g_free (response);
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
close_stream (HttpRequest *request)
{
  if (request->stream == NULL)
    return;

  /* Closing an unfinished body makes libsoup read it to its end, which may never come:
   * cancelled first, the close only drops the connection. */
  if (!request->at_end)
    g_cancellable_cancel (request->cancellable);
  g_input_stream_close (request->stream, request->cancellable, NULL);
  g_clear_object (&request->stream);
}

static void
http_request_free (HttpRequest *request)
{
  g_assert (request->cancelled_source == NULL);
  g_assert (request->timeout_source == NULL);

  close_stream (request);
  g_signal_handlers_disconnect_by_data (request->message, request);
  g_clear_object (&request->message);
  g_clear_object (&request->cancellable);
  g_clear_pointer (&request->request_body, g_bytes_unref);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_clear_pointer (&request->started, g_date_time_unref);
  g_free (request->method);
  g_free (request->path);
  g_free (request->url);
  g_free (request);
}

/* The answer */

static DeskHttpResponse *
http_response_new (DeskFiskilClient *self,
                   SoupMessage      *message,
                   GBytes           *body)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(DeskHttpResponse) response = g_new0 (DeskHttpResponse, 1);
  g_autoptr(GDateTime) date = NULL;
  const char *date_value;

  response->status = soup_message_get_status (message);
  response->body = g_bytes_ref (body);

  /* The server's clock is what judges expires_at. */
  date_value = soup_message_headers_get_one (headers, "Date");
  if (date_value != NULL)
    date = soup_date_time_new_from_http_string (date_value);
  if (date != NULL)
    self->clock_skew = g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC;
  response->clock_skew = self->clock_skew;

  if (response->status < 200 || response->status >= 300)
    desk_fiskil_answer_read_error (self, response,
                                   soup_message_headers_get_one (headers, "Retry-After"));

  return g_steal_pointer (&response);
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       HttpRequest          *request)
{
  /* Remembered for the message; the certificate is never accepted. */
  request->tls_errors = errors;
  return FALSE;
}

static gboolean
on_request_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  HttpRequest *request = g_task_get_task_data (G_TASK (user_data));

  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_request_timeout (gpointer user_data)
{
  HttpRequest *request = g_task_get_task_data (G_TASK (user_data));

  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
}

/* Errors without an answer */

static char *
describe_tls_errors (GTlsCertificateFlags errors)
{
  static const struct {
    GTlsCertificateFlags flag;
    const char *problem;
  } problems[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("not trusted") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("host name mismatch") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("not yet valid") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("invalid") },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    {
      if ((errors & problems[i].flag) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, _(problems[i].problem));
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static GError *
timeout_error (DeskFiskilClient *self,
               const char       *message)
{
  g_autoptr(DeskApiError) api_error = desk_api_error_new (0, NULL, NULL, NULL, -1);

  api_error->code = g_strdup ("timeout");
  return desk_fiskil_error_new_with_api_error (DESK_FISKIL_ERROR_NETWORK, api_error, "%s",
                                               message);
}

static GError *
tls_error (DeskFiskilClient *self,
           HttpRequest      *request,
           const GError     *error)
{
  g_autofree char *problems = describe_tls_errors (request->tls_errors);

  if (problems != NULL)
    return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_TLS,
                        _("The secure connection to %s was refused because of its "
                          "certificate: %s. Nothing was sent; check the API address and the "
                          "system’s certificates."),
                        self->host_label, problems);

  return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_TLS,
                      _("The secure connection to %s failed: %s. Nothing was sent."),
                      self->host_label, error->message);
}

/* No whole answer: the transport failed, the request timed out, or the caller cancelled. */
static GError *
transport_error (DeskFiskilClient *self,
                 HttpRequest      *request,
                 const GError     *error)
{
  g_autofree char *text = NULL;

  /* No answer and no error from libsoup: still a clear sentence, never a crash. */
  if (error == NULL)
    return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_NETWORK,
                        _("Fiskil at %s gave no answer that could be read. Try again."),
                        self->host_label);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!request->timed_out)
        return g_error_copy (error);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Fiskil at %s did not answer within %u second, so "
                                           "the request timed out. Check the network "
                                           "connection and try again.",
                                           "Fiskil at %s did not answer within %u seconds, so "
                                           "the request timed out. Check the network "
                                           "connection and try again.",
                                           self->total_timeout),
                              self->host_label, self->total_timeout);
      return timeout_error (self, text);
    }

  if (error->domain == G_TLS_ERROR || request->tls_errors != 0)
    return tls_error (self, request, error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      text = g_strdup_printf (_("The connection to Fiskil at %s timed out. Check the network "
                                "connection and try again."),
                              self->host_label);
      return timeout_error (self, text);
    }

  return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_NETWORK,
                      _("Could not reach Fiskil at %s: %s. Check the network connection and the "
                        "API address."),
                      self->host_label, error->message);
}

static GError *
too_large_error (DeskFiskilClient *self,
                 guint             http_status)
{
  g_autoptr(DeskApiError) api_error = desk_api_error_new (http_status, NULL, NULL, NULL, -1);

  return desk_fiskil_error_new_with_api_error (DESK_FISKIL_ERROR_TOO_LARGE, api_error,
                                               _("Fiskil’s answer (HTTP %u) is larger than %u "
                                                 "MiB, so it was not read. Check that the API "
                                                 "address points to the Fiskil API."),
                                               http_status,
                                               DESK_FISKIL_MAX_ANSWER_SIZE / (1024 * 1024));
}

/* Evidence */

static void
add_request_header (const char *name,
                    const char *value,
                    gpointer    exchange)
{
  desk_http_exchange_add_request_header (exchange, name, value);
}

static void
add_response_header (const char *name,
                     const char *value,
                     gpointer    exchange)
{
  desk_http_exchange_add_response_header (exchange, name, value);
}

static DeskHttpExchange *
record_exchange (DeskFiskilClient *self,
                 HttpRequest      *request,
                 DeskHttpResponse *response,
                 gint64            duration_us)
{
  SoupMessage *message = request->message;
  g_autoptr(DeskHttpExchange) exchange = NULL;
  g_autofree const char **secrets = NULL;
  guint status = soup_message_get_status (message);

  exchange = desk_http_exchange_new (request->method, request->url, request->started);
  soup_message_headers_foreach (soup_message_get_request_headers (message),
                                add_request_header, exchange);
  if (request->request_body != NULL)
    desk_http_exchange_set_request_body (exchange, DESK_FISKIL_JSON_CONTENT_TYPE,
                                         g_bytes_get_data (request->request_body, NULL),
                                         g_bytes_get_size (request->request_body));

  /* A status without a whole answer (too large) is still what the server said. */
  if (response != NULL || request->too_large)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (message);

      exchange->http_status = status;
      exchange->status_text = g_strdup (soup_message_get_reason_phrase (message));
      soup_message_headers_foreach (headers, add_response_header, exchange);
      desk_http_exchange_set_response_body (exchange,
                                            soup_message_headers_get_content_type (headers,
                                                                                   NULL),
                                            (const char *) request->body->data,
                                            request->body->len);
    }
  if (response != NULL && response->api_error != NULL)
    exchange->error_id = g_strdup (response->api_error->id);

  exchange->duration_ms = (double) duration_us / 1000.0;
  secrets = desk_fiskil_client_secrets (self, NULL);
  desk_http_exchange_redact (exchange, secrets);

  return g_steal_pointer (&exchange);
}

/* Ends the request: @error when no whole answer arrived. */
static void
http_request_finish (GTask  *task,
                     GError *error)
{
  DeskFiskilClient *self = g_task_get_source_object (task);
  HttpRequest *request = g_task_get_task_data (task);
  g_autoptr(DeskHttpResponse) response = NULL;
  g_autoptr(DeskHttpExchange) exchange = NULL;
  g_autoptr(GError) owned_error = error;
  gint64 duration;

  clear_source (&request->cancelled_source);
  clear_source (&request->timeout_source);
  close_stream (request);

  if (owned_error == NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (request->body->data, request->body->len);

      response = http_response_new (self, request->message, body);
    }

  duration = g_get_monotonic_time () - request->started_at;
  g_debug ("%s %s: HTTP %u after %" G_GINT64_FORMAT " ms", request->method, request->path,
           response ? response->status : 0, duration / 1000);
  exchange = record_exchange (self, request, response, duration);
  desk_fiskil_client_emit_finished (self, request->method, request->path, duration, exchange);

  if (request->too_large)
    g_task_return_error (task, too_large_error (self, soup_message_get_status (request->message)));
  else if (response == NULL)
    g_task_return_error (task, transport_error (self, request, owned_error));
  else
    g_task_return_pointer (task, g_steal_pointer (&response),
                           (GDestroyNotify) desk_http_response_free);
}

static void read_next_chunk (GTask *task);

static void
on_chunk_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  HttpRequest *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      http_request_finish (task, error);
      g_object_unref (task);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      request->at_end = TRUE;
      http_request_finish (task, NULL);
      g_object_unref (task);
      return;
    }

  /* Stop at the cap, before what was read could grow any further. */
  if (request->body->len + size > DESK_FISKIL_MAX_ANSWER_SIZE)
    {
      request->too_large = TRUE;
      http_request_finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                                      "too large"));
      g_object_unref (task);
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (chunk, NULL), size);
  read_next_chunk (task);
}

static void
read_next_chunk (GTask *task)
{
  HttpRequest *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_chunk_read, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  HttpRequest *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      http_request_finish (task, error);
      g_object_unref (task);
      return;
    }

  /* A declared length over the cap is refused before reading a byte of it. */
  headers = soup_message_get_response_headers (request->message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > DESK_FISKIL_MAX_ANSWER_SIZE)
    {
      request->too_large = TRUE;
      http_request_finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                                      "too large"));
      g_object_unref (task);
      return;
    }

  read_next_chunk (task);
}

static HttpRequest *
http_request_new (DeskFiskilClient *self,
                  const char       *method,
                  const char       *path,
                  const char       *query,
                  GBytes           *body,
                  const char       *token)
{
  HttpRequest *request = g_new0 (HttpRequest, 1);
  SoupMessageHeaders *headers;

  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->url = g_strconcat (self->api_root, path, query ? "?" : NULL, query, NULL);
  request->message = soup_message_new (method, request->url);
  request->cancellable = g_cancellable_new ();
  request->body = g_byte_array_new ();
  request->request_body = body != NULL ? g_bytes_ref (body) : NULL;
  g_assert (request->message != NULL);

  /* A redirect could carry the token elsewhere, or turn a POST into a GET. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (request->message, "accept-certificate",
                    G_CALLBACK (on_accept_certificate), request);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", DESK_FISKIL_JSON_CONTENT_TYPE);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (self->api_version != NULL)
    soup_message_headers_replace (headers, "X-Fiskil-Version", self->api_version);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (request->message, DESK_FISKIL_JSON_CONTENT_TYPE,
                                              body);

  return request;
}

void
desk_fiskil_transport_send_async (DeskFiskilClient    *self,
                                  const char          *method,
                                  const char          *path,
                                  const char          *query,
                                  GBytes              *body,
                                  const char          *token,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  HttpRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_fiskil_transport_send_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Every request carries the client secret or a token. */
  if (self->refuses_plain_http)
    {
      g_task_return_new_error (task, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_INVALID_INPUT,
                               _("Credentials are never sent to %s over unencrypted HTTP. Use an "
                                 "API address that starts with “https://”."),
                               self->host_label);
      return;
    }

  request = http_request_new (self, method, path, query, body, token);
  g_task_set_task_data (task, request, (GDestroyNotify) http_request_free);

  /* Our own cancellable lets the total timeout cancel this request alone; the caller's is
   * watched from the main context so soup never completes inside g_cancellable_cancel(). */
  if (cancellable != NULL)
    {
      request->cancelled_source = g_cancellable_source_new (cancellable);
      g_task_attach_source (task, request->cancelled_source, G_SOURCE_FUNC (on_request_cancelled));
    }
  if (self->total_timeout > 0)
    {
      request->timeout_source = g_timeout_source_new (self->total_timeout * 1000);
      g_task_attach_source (task, request->timeout_source, on_request_timeout);
    }

  self->request_count++;
  request->started = g_date_time_new_now_utc ();
  request->started_at = g_get_monotonic_time ();
  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->cancellable, on_sent, g_steal_pointer (&task));
}

DeskHttpResponse *
desk_fiskil_transport_send_finish (DeskFiskilClient  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == desk_fiskil_transport_send_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}
