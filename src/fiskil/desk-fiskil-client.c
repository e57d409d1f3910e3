/* desk-fiskil-client.c — the Fiskil API over libsoup: token, auth sessions, end users, consents
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "desk-fiskil-client.h"
#include "desk-fiskil-client-private.h"
#include "desk-fiskil-error.h"

/* A product token cannot contain a space, so PACKAGE_NAME is spelled without one. */
#define USER_AGENT "ConsentDesk/" PACKAGE_VERSION " (+" PACKAGE_WEBSITE ")"
#define JSON_CONTENT_TYPE "application/json; charset=UTF-8"

#define DEFAULT_TOKEN_LIFETIME 900  /* seconds, when /v1/token gives no expires_in */
#define TOKEN_RENEW_MARGIN     60   /* seconds before expiry a cached token is renewed */

/* Server-provided text is shown to people: keep it to a readable length. */
#define MAX_SERVER_TEXT_CHARS  300

typedef struct _TokenExchange TokenExchange;

struct _DeskFiskilClient
{
  GObject        parent_instance;

  SoupSession   *session;
  char          *base_url;
  char          *api_root;         /* base_url without trailing slashes */
  char          *host_label;       /* "host" or "host:port", for messages */
  gboolean       refuses_plain_http;

  char          *client_id;
  char          *client_secret;
  char          *access_token;     /* a ready token from the caller */
  guint          credentials_serial;

  char          *token;            /* the cached token from /v1/token */
  gint64         token_renew_at;   /* monotonic time */
  TokenExchange *exchange;         /* the shared exchange in flight */

  char          *api_version;
  guint          total_timeout;
  gint64         clock_skew;
  guint          request_count;
};

G_DEFINE_FINAL_TYPE (DeskFiskilClient, desk_fiskil_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

enum {
  REQUEST_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Reading answers */

static GError *
missing_field_error (const char *member)
{
  return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                      _("Fiskil’s answer is missing the field “%s”."), member);
}

static GError *
invalid_field_error (const char *member)
{
  return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                      _("The field “%s” in Fiskil’s answer is not valid."), member);
}

/* NULL for a missing member and for JSON null alike. */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static const char *
node_get_string (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
desk_json_read_string (JsonObject  *object,
                       const char  *member,
                       gboolean     required,
                       char       **out,
                       GError     **error)
{
  JsonNode *node = get_member (object, member);
  const char *value;

  if (node == NULL)
    {
      if (required)
        {
          g_propagate_error (error, missing_field_error (member));
          return FALSE;
        }
      *out = NULL;
      return TRUE;
    }

  value = node_get_string (node);
  if (value == NULL || (required && *value == '\0'))
    {
      g_propagate_error (error, invalid_field_error (member));
      return FALSE;
    }

  *out = g_strdup (value);
  return TRUE;
}

gboolean
desk_json_read_boolean (JsonObject  *object,
                        const char  *member,
                        gboolean    *out,
                        GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    {
      g_propagate_error (error, missing_field_error (member));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_propagate_error (error, invalid_field_error (member));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
node_get_int64 (JsonNode *node,
                gint64   *out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* Beyond ±2^53 a double no longer holds every integer exactly. */
      if (!(ABS (value) <= 9007199254740992.0) || value != (double) (gint64) value)
        return FALSE;
      *out = (gint64) value;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                     out, NULL);

  return FALSE;
}

gboolean
desk_json_read_int64 (JsonObject  *object,
                      const char  *member,
                      gint64       default_value,
                      gint64      *out,
                      GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    {
      *out = default_value;
      return TRUE;
    }
  if (!node_get_int64 (node, out))
    {
      g_propagate_error (error, invalid_field_error (member));
      return FALSE;
    }

  return TRUE;
}

gboolean
desk_json_read_time (JsonObject  *object,
                     const char  *member,
                     gint64      *out,
                     GError     **error)
{
  JsonNode *node = get_member (object, member);
  g_autoptr(GDateTime) date = NULL;
  const char *text;

  if (node == NULL)
    {
      *out = 0;
      return TRUE;
    }
  if (node_get_int64 (node, out))
    return TRUE;

  text = node_get_string (node);
  if (text != NULL)
    date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    {
      g_propagate_error (error, invalid_field_error (member));
      return FALSE;
    }

  *out = g_date_time_to_unix (date);
  return TRUE;
}

gboolean
desk_json_read_strv (JsonObject  *object,
                     const char  *member,
                     GStrv       *out,
                     GError     **error)
{
  JsonNode *node = get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_propagate_error (error, invalid_field_error (member));
          return FALSE;
        }

      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *value = node_get_string (json_array_get_element (array, i));

          if (value == NULL)
            {
              g_propagate_error (error, invalid_field_error (member));
              return FALSE;
            }
          g_strv_builder_add (builder, value);
        }
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Secrets and server text in messages */

static char *
redact_secret (char       *text,
               const char *secret)
{
  g_auto(GStrv) parts = NULL;

  if (secret == NULL || *secret == '\0' || strstr (text, secret) == NULL)
    return text;

  parts = g_strsplit (text, secret, -1);
  g_free (text);
  return g_strjoinv ("[hidden]", parts);
}

/* Fiskil's text, made fit for a one-line message: printable, of a sane length, and without any
 * secret of ours, should a server ever echo one. NULL when nothing readable is left. */
static char *
server_text (DeskFiskilClient *self,
             JsonObject       *object,
             const char       *member)
{
  JsonNode *node = get_member (object, member);
  g_autoptr(GString) text = NULL;
  g_autofree char *redacted = NULL;
  const char *value;
  guint n_chars = 0;
  char *result;

  if (node == NULL || (value = node_get_string (node)) == NULL
      || !g_utf8_validate (value, -1, NULL))
    return NULL;

  /* Before shortening, so that no part of a secret can survive. */
  redacted = redact_secret (g_strdup (value), self->client_secret);
  redacted = redact_secret (redacted, self->access_token);
  redacted = redact_secret (redacted, self->token);

  text = g_string_new (NULL);
  for (const char *p = redacted; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars++ == MAX_SERVER_TEXT_CHARS)
        {
          g_string_append (text, "…");
          break;
        }
      g_string_append_unichar (text, g_unichar_iscntrl (c) ? ' ' : c);
    }

  result = g_strstrip (g_string_free (g_steal_pointer (&text), FALSE));
  if (*result == '\0')
    g_clear_pointer (&result, g_free);

  return result;
}

/* HTTP requests */

typedef struct
{
  guint         status;
  GBytes       *body;
  gint64        clock_skew;
  DeskApiError *api_error;    /* for a status other than 2xx */
  gboolean      temporary;    /* goa's "temporary" or "timeout" flag */
} HttpResponse;

static void
http_response_free (HttpResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->api_error, desk_api_error_free);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpResponse, http_response_free)

static gboolean
status_is_success (guint status)
{
  return status >= 200 && status < 300;
}

/* Seconds from a Retry-After value: delay-seconds or an HTTP-date. */
static gint64
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
    return (gint64) seconds;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  return MAX (0, g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC);
}

static gboolean
json_boolean_member (JsonObject *object,
                     const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static HttpResponse *
http_response_new (DeskFiskilClient *self,
                   SoupMessage      *message,
                   GBytes           *body)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(HttpResponse) response = g_new0 (HttpResponse, 1);
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  const char *date_value;
  const char *data;
  gint64 retry_after;
  JsonNode *root;
  gsize size;

  response->status = soup_message_get_status (message);
  response->body = g_bytes_ref (body);

  /* The server's clock is what judges expires_at. */
  date_value = soup_message_headers_get_one (headers, "Date");
  if (date_value != NULL)
    date = soup_date_time_new_from_http_string (date_value);
  if (date != NULL)
    self->clock_skew = g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC;
  response->clock_skew = self->clock_skew;

  if (status_is_success (response->status))
    return g_steal_pointer (&response);

  /* Error bodies come as application/json, application/vnd.goa.error, or HTML from a proxy:
   * whatever parses as a JSON object is read, every field optional. */
  data = g_bytes_get_data (body, &size);
  parser = json_parser_new_immutable ();
  if (size > 0 && json_parser_load_from_data (parser, data, size, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      id = server_text (self, object, "id");
      name = server_text (self, object, "name");
      text = server_text (self, object, "message");
      response->temporary = json_boolean_member (object, "temporary")
                            || json_boolean_member (object, "timeout");
    }

  retry_after = parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"));
  response->api_error = desk_api_error_new (response->status, id, name, text, retry_after);

  return g_steal_pointer (&response);
}

typedef struct
{
  char                 *method;
  char                 *path;
  SoupMessage          *message;
  GCancellable         *cancellable;       /* cancels this request alone */
  GSource              *cancelled_source;  /* watches the caller's cancellable */
  GSource              *timeout_source;
  gint64                started_at;
  gboolean              timed_out;
  GTlsCertificateFlags  tls_errors;
} HttpRequest;

static void
http_request_free (HttpRequest *request)
{
  g_assert (request->cancelled_source == NULL);
  g_assert (request->timeout_source == NULL);

  g_signal_handlers_disconnect_by_data (request->message, request);
  g_clear_object (&request->message);
  g_clear_object (&request->cancellable);
  g_free (request->method);
  g_free (request->path);
  g_free (request);
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

/* No HTTP answer: the transport failed, the request timed out, or the caller cancelled. */
static GError *
transport_error (DeskFiskilClient *self,
                 HttpRequest      *request,
                 const GError     *error)
{
  g_autofree char *problems = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!request->timed_out)
        return g_error_copy (error);

      return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_NETWORK,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Fiskil at %s did not answer within %u second, so the "
                                       "request timed out. Check the network connection and "
                                       "try again.",
                                       "Fiskil at %s did not answer within %u seconds, so the "
                                       "request timed out. Check the network connection and "
                                       "try again.",
                                       self->total_timeout),
                          self->host_label, self->total_timeout);
    }

  if (error->domain == G_TLS_ERROR || request->tls_errors != 0)
    {
      problems = describe_tls_errors (request->tls_errors);
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

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_NETWORK,
                        _("The connection to Fiskil at %s timed out. Check the network "
                          "connection and try again."),
                        self->host_label);

  return g_error_new (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_NETWORK,
                      _("Could not reach Fiskil at %s: %s. Check the network connection and the "
                        "API address."),
                      self->host_label, error->message);
}

static void
on_http_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeskFiskilClient *self = g_task_get_source_object (task);
  HttpRequest *request = g_task_get_task_data (task);
  g_autoptr(HttpResponse) response = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 duration;

  clear_source (&request->cancelled_source);
  clear_source (&request->timeout_source);

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body != NULL)
    response = http_response_new (self, request->message, body);

  duration = g_get_monotonic_time () - request->started_at;
  g_debug ("%s %s: HTTP %u after %" G_GINT64_FORMAT " ms", request->method, request->path,
           response ? response->status : 0, duration / 1000);
  g_signal_emit (self, signals[REQUEST_FINISHED], 0, request->method, request->path,
                 response ? response->status : 0, duration,
                 response && response->api_error ? response->api_error->id : NULL);

  if (response == NULL)
    g_task_return_error (task, transport_error (self, request, error));
  else
    g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) http_response_free);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

  if (address != NULL)
    return g_inet_address_get_is_loopback (address);

  return g_ascii_strcasecmp (host, "localhost") == 0;
}

/* One HTTP request; gives an HttpResponse for any status, an error when no answer arrived.
 * @path is already escaped; @query, when given, is an escaped query string. */
static void
http_send_async (DeskFiskilClient    *self,
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
  g_autofree char *uri = NULL;
  SoupMessageHeaders *headers;
  HttpRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_send_async);

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

  uri = g_strconcat (self->api_root, path, query ? "?" : NULL, query, NULL);

  request = g_new0 (HttpRequest, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->message = soup_message_new (method, uri);
  request->cancellable = g_cancellable_new ();
  g_assert (request->message != NULL);
  g_task_set_task_data (task, request, (GDestroyNotify) http_request_free);

  /* A redirect could carry the token elsewhere, or turn a POST into a GET. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (request->message, "accept-certificate",
                    G_CALLBACK (on_accept_certificate), request);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", JSON_CONTENT_TYPE);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (self->api_version != NULL)
    soup_message_headers_replace (headers, "X-Fiskil-Version", self->api_version);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (request->message, JSON_CONTENT_TYPE, body);

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
  request->started_at = g_get_monotonic_time ();
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    request->cancellable, on_http_done, g_steal_pointer (&task));
}

static HttpResponse *
http_send_finish (DeskFiskilClient  *self,
                  GAsyncResult      *result,
                  GError           **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == http_send_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Errors from answers */

typedef enum
{
  REJECTED_CLIENT_CREDENTIALS,  /* /v1/token refused the client id and secret */
  REJECTED_ACCESS_TOKEN,        /* the caller's ready token was refused */
  REJECTED_RENEWED_TOKEN,       /* a token fresh from /v1/token was refused */
} Rejected;

static GError *
answer_error (DeskFiskilClient *self,
              HttpResponse     *response,
              Rejected          rejected)
{
  const DeskApiError *api_error = response->api_error;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *advice = NULL;
  DeskFiskilErrorCode code;
  const char *summary;

  g_assert (api_error != NULL);

  switch (response->status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      code = DESK_FISKIL_ERROR_INVALID_INPUT;
      summary = _("Fiskil rejected the request");
      break;

    case SOUP_STATUS_UNAUTHORIZED:
      code = DESK_FISKIL_ERROR_UNAUTHORIZED;
      switch (rejected)
        {
        case REJECTED_CLIENT_CREDENTIALS:
          summary = _("Fiskil did not accept the client ID and secret");
          advice = g_strdup (_("Check both, and that they belong to this environment."));
          break;
        case REJECTED_ACCESS_TOKEN:
          summary = _("Fiskil did not accept the access token");
          advice = g_strdup (_("It may have expired or been revoked; get a new one."));
          break;
        case REJECTED_RENEWED_TOKEN:
        default:
          summary = _("Fiskil did not accept a freshly renewed access token");
          advice = g_strdup (_("Check that the client ID and secret belong to this environment "
                               "and may use this API."));
          break;
        }
      break;

    case SOUP_STATUS_FORBIDDEN:
      code = DESK_FISKIL_ERROR_FORBIDDEN;
      summary = _("Fiskil refused access");
      advice = g_strdup (_("Check that these credentials may use this API."));
      break;

    case SOUP_STATUS_NOT_FOUND:
      code = DESK_FISKIL_ERROR_NOT_FOUND;
      summary = _("Fiskil found nothing at this address");
      advice = g_strdup (_("Check the ID and the API address."));
      break;

    case 429:  /* Too Many Requests, which libsoup 3.2 has no name for */
      code = DESK_FISKIL_ERROR_RATE_LIMITED;
      summary = _("Fiskil is limiting requests");
      if (api_error->retry_after >= 0)
        {
          /* A plain %u: xgettext cannot read a G_GINT64_FORMAT inside a message. */
          guint seconds = (guint) MIN (api_error->retry_after, (gint64) G_MAXUINT);

          advice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Try again in %u second.",
                                                 "Try again in %u seconds.",
                                                 seconds),
                                    seconds);
        }
      else
        advice = g_strdup (_("Wait a moment and try again."));
      break;

    default:
      code = DESK_FISKIL_ERROR_SERVER_ERROR;
      if (response->status >= 500 && response->status < 600 && response->temporary)
        {
          summary = _("Fiskil had a temporary problem");
          advice = g_strdup (_("Try again in a moment."));
        }
      else if (response->status >= 500 && response->status < 600)
        {
          summary = _("Fiskil had a server error");
          advice = g_strdup (_("Try again later; if it keeps failing, give Fiskil support the "
                               "error ID."));
        }
      else
        {
          summary = _("Fiskil gave an unexpected answer");
          advice = g_strdup (_("Check the API address."));
        }
      break;
    }

  /* Shaped like "Fiskil rejected the request (HTTP 400, InvalidRequest): end_user_id is
   * required. Error ID: err_123." with Fiskil's own words in it as they came. */
  if (api_error->name != NULL)
    /* TRANSLATORS: a summary such as "Fiskil rejected the request", the HTTP status, and
     * Fiskil's name for the error such as "InvalidRequest" */
    g_string_append_printf (text, _("%s (HTTP %u, %s)"), summary, response->status,
                            api_error->name);
  else
    /* TRANSLATORS: a summary such as "Fiskil rejected the request" and the HTTP status */
    g_string_append_printf (text, _("%s (HTTP %u)"), summary, response->status);
  if (api_error->message != NULL)
    {
      gsize length = strlen (api_error->message);

      /* Fiskil's sentence may end with its own full stop; ours ends the message. */
      while (length > 0 && api_error->message[length - 1] == '.')
        length--;
      if (length > 0)
        {
          g_string_append (text, ": ");
          g_string_append_len (text, api_error->message, length);
        }
    }
  g_string_append_c (text, '.');
  if (advice != NULL)
    g_string_append_printf (text, " %s", advice);
  if (api_error->id != NULL)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Error ID: %s."), api_error->id);
    }

  return desk_fiskil_error_new_with_api_error (code, api_error, "%s", text->str);
}

/* A bad answer's error carries the status it came with, whoever wrote the error. */
static GError *
with_http_status (GError *error,
                  guint   http_status)
{
  const DeskApiError *api_error = desk_fiskil_error_get_api_error (error);

  if (api_error != NULL && api_error->http_status == 0)
    {
      g_autoptr(DeskApiError) status = desk_api_error_new (http_status, NULL, NULL, NULL, -1);

      desk_fiskil_error_set_api_error (error, status);
    }

  return error;
}

/* The JSON of a 2xx answer; any other body is a bad response. */
static JsonNode *
answer_json (HttpResponse  *response,
             GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root = NULL;
  const char *data;
  gsize size;

  data = g_bytes_get_data (response->body, &size);
  if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
    root = json_parser_steal_root (parser);

  if (root == NULL)
    {
      g_set_error (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                   _("Fiskil’s answer (HTTP %u) is empty, cut short or not JSON. Check that the "
                     "API address points to the Fiskil API."),
                   response->status);
      return NULL;
    }

  return root;
}

/* The token exchange */

typedef struct
{
  char   *token;
  gint64  lifetime;  /* seconds */
} TokenGrant;

static void
token_grant_free (TokenGrant *grant)
{
  g_free (grant->token);
  g_free (grant);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TokenGrant, token_grant_free)

/* A bearer token goes into a header: only visible ASCII, so no answer can inject a line. */
static gboolean
token_is_usable (const char *token)
{
  if (*token == '\0')
    return FALSE;

  for (const guchar *p = (const guchar *) token; *p != '\0'; p++)
    {
      if (*p <= ' ' || *p >= 0x7f)
        return FALSE;
    }

  return TRUE;
}

static TokenGrant *
token_grant_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(TokenGrant) grant = g_new0 (TokenGrant, 1);
  const char *member = "token";
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, missing_field_error ("token"));
      return NULL;
    }
  object = json_node_get_object (node);

  /* Current documentation says "token", an older page "access_token". */
  if (get_member (object, "token") == NULL && get_member (object, "access_token") != NULL)
    member = "access_token";

  if (!desk_json_read_string (object, member, TRUE, &grant->token, error)
      || !desk_json_read_int64 (object, "expires_in", DEFAULT_TOKEN_LIFETIME, &grant->lifetime,
                                error))
    return NULL;

  if (!token_is_usable (grant->token))
    {
      g_propagate_error (error, invalid_field_error (member));
      return NULL;
    }

  return g_steal_pointer (&grant);
}

static void
on_token_answered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(HttpResponse) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  TokenGrant *grant;

  response = http_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!status_is_success (response->status))
    {
      g_task_return_error (task, answer_error (self, response, REJECTED_CLIENT_CREDENTIALS));
      return;
    }

  node = answer_json (response, &error);
  if (node == NULL || (grant = token_grant_new_from_json (node, &error)) == NULL)
    {
      g_task_return_error (task, with_http_status (g_steal_pointer (&error), response->status));
      return;
    }

  g_task_return_pointer (task, grant, (GDestroyNotify) token_grant_free);
}

/* POST /v1/token with the current client credentials; gives a TokenGrant. */
static void
exchange_token_async (DeskFiskilClient    *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  GTask *task;
  char *text;

  g_assert (self->client_id != NULL && self->client_secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, exchange_token_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, self->client_id);
  json_builder_set_member_name (builder, "client_secret");
  json_builder_add_string_value (builder, self->client_secret);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new_take (text, strlen (text));

  http_send_async (self, "POST", "/v1/token", NULL, body, NULL, cancellable,
                   on_token_answered, task);
}

static TokenGrant *
exchange_token_finish (DeskFiskilClient  *self,
                       GAsyncResult      *result,
                       GError           **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == exchange_token_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cache_token (DeskFiskilClient *self,
             TokenGrant       *grant)
{
  g_free (self->token);
  self->token = g_strdup (grant->token);
  self->token_renew_at = g_get_monotonic_time ()
                         + (CLAMP (grant->lifetime, 0, G_MAXINT32) - TOKEN_RENEW_MARGIN)
                           * G_USEC_PER_SEC;
}

/* One exchange serves every caller that needs a token while it runs. Each waiter is a GTask
 * whose task data is a Waiter. */
struct _TokenExchange
{
  DeskFiskilClient *client;
  guint             credentials_serial;
  GCancellable     *cancellable;
  GPtrArray        *waiters;
};

typedef struct
{
  TokenExchange *exchange;
  GSource       *cancelled_source;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  g_assert (waiter->cancelled_source == NULL);
  g_free (waiter);
}

static void
token_exchange_free (TokenExchange *exchange)
{
  g_assert (exchange->waiters->len == 0);

  g_clear_object (&exchange->cancellable);
  g_ptr_array_unref (exchange->waiters);
  g_free (exchange);
}

static void
on_shared_exchange_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (source);
  TokenExchange *exchange = user_data;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(TokenGrant) grant = NULL;
  g_autoptr(GError) error = NULL;

  grant = exchange_token_finish (self, result, &error);

  if (self->exchange == exchange)
    self->exchange = NULL;
  /* Credentials changed meanwhile: the token belongs to the old ones. */
  if (grant != NULL && exchange->credentials_serial == self->credentials_serial)
    cache_token (self, grant);

  /* No waiter can leave any more, even if a callback below iterates the main context. */
  waiters = g_steal_pointer (&exchange->waiters);
  exchange->waiters = g_ptr_array_new ();
  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_task_get_task_data (g_ptr_array_index (waiters, i));

      clear_source (&waiter->cancelled_source);
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter_task = g_ptr_array_index (waiters, i);

      if (grant != NULL)
        g_task_return_pointer (waiter_task, g_strdup (grant->token), g_free);
      else
        g_task_return_error (waiter_task, g_error_copy (error));
    }

  token_exchange_free (exchange);
}

static gboolean
on_waiter_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (G_TASK (user_data));
  Waiter *waiter = g_task_get_task_data (task);
  TokenExchange *exchange = waiter->exchange;

  clear_source (&waiter->cancelled_source);
  g_ptr_array_remove (exchange->waiters, task);

  /* Nobody wants this token any more: stop the request, and let the next caller start anew. */
  if (exchange->waiters->len == 0)
    {
      if (exchange->client->exchange == exchange)
        exchange->client->exchange = NULL;
      g_cancellable_cancel (exchange->cancellable);
    }

  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static void
token_exchange_add_waiter (TokenExchange *exchange,
                           GTask         *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->exchange = exchange;
  g_task_set_task_data (task, waiter, (GDestroyNotify) waiter_free);
  g_ptr_array_add (exchange->waiters, g_object_ref (task));

  if (cancellable != NULL)
    {
      waiter->cancelled_source = g_cancellable_source_new (cancellable);
      g_task_attach_source (task, waiter->cancelled_source, G_SOURCE_FUNC (on_waiter_cancelled));
    }
}

static TokenExchange *
token_exchange_start (DeskFiskilClient *self)
{
  TokenExchange *exchange = g_new0 (TokenExchange, 1);

  exchange->client = self;
  exchange->credentials_serial = self->credentials_serial;
  exchange->cancellable = g_cancellable_new ();
  exchange->waiters = g_ptr_array_new_with_free_func (g_object_unref);

  exchange_token_async (self, exchange->cancellable, on_shared_exchange_done, exchange);

  return exchange;
}

static GError *
no_credentials_error (void)
{
  return g_error_new_literal (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_UNAUTHORIZED,
                              _("No Fiskil credentials are set. Enter a client ID and secret, or "
                                "an access token."));
}

/* A token for the next request: the ready one, the cached one unless it is @stale_token, or one
 * from the shared exchange. */
static void
get_token_async (DeskFiskilClient    *self,
                 const char          *stale_token,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, get_token_async);

  if (self->access_token != NULL)
    {
      g_task_return_pointer (task, g_strdup (self->access_token), g_free);
      return;
    }
  if (self->client_secret == NULL)
    {
      g_task_return_error (task, no_credentials_error ());
      return;
    }

  if (self->token != NULL && g_strcmp0 (self->token, stale_token) != 0
      && g_get_monotonic_time () < self->token_renew_at)
    {
      g_task_return_pointer (task, g_strdup (self->token), g_free);
      return;
    }
  g_clear_pointer (&self->token, g_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->exchange == NULL)
    self->exchange = token_exchange_start (self);
  token_exchange_add_waiter (self->exchange, task);
}

static char *
get_token_finish (DeskFiskilClient  *self,
                  GAsyncResult      *result,
                  GError           **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == get_token_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* API calls: token, request, one renewal on 401, and the answer parsed */

typedef gpointer (*ParseAnswerFunc) (JsonNode  *node,
                                     gint64     clock_skew,
                                     GError   **error);

typedef struct
{
  char            *method;
  char            *path;
  char            *query;
  GBytes          *body;
  ParseAnswerFunc  parse;
  GDestroyNotify   result_free;
  char            *token;    /* of the latest attempt */
  gboolean         renewed;  /* a 401 already made us renew the token */
} Call;

static void
call_free (Call *call)
{
  g_free (call->method);
  g_free (call->path);
  g_free (call->query);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->token);
  g_free (call);
}

static void call_get_token (GTask *task);

static void
on_call_answered (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(HttpResponse) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gpointer answer = NULL;

  response = http_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Only a token from /v1/token can be renewed; a ready one is what it is. */
  if (response->status == SOUP_STATUS_UNAUTHORIZED && !call->renewed
      && self->client_secret != NULL)
    {
      g_debug ("%s %s: token refused, renewing it once", call->method, call->path);
      call->renewed = TRUE;
      call_get_token (g_steal_pointer (&task));
      return;
    }

  if (!status_is_success (response->status))
    {
      g_task_return_error (task, answer_error (self, response,
                                               call->renewed ? REJECTED_RENEWED_TOKEN
                                                             : REJECTED_ACCESS_TOKEN));
      return;
    }

  node = answer_json (response, &error);
  if (node != NULL)
    answer = call->parse (node, response->clock_skew, &error);
  if (node == NULL || answer == NULL)
    {
      g_task_return_error (task, with_http_status (g_steal_pointer (&error), response->status));
      return;
    }

  g_task_return_pointer (task, answer, call->result_free);
}

static void
on_call_token (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GCancellable *cancellable;

  token = get_token_finish (self, result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_free (call->token);
  call->token = g_steal_pointer (&token);
  cancellable = g_task_get_cancellable (task);
  http_send_async (self, call->method, call->path, call->query, call->body, call->token,
                   cancellable, on_call_answered, g_steal_pointer (&task));
}

static void
call_get_token (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  get_token_async (g_task_get_source_object (task), call->token, g_task_get_cancellable (task),
                   on_call_token, task);
}

/* Sends @body (may be NULL) to @path and gives what @parse makes of the answer. */
static void
call_async (DeskFiskilClient    *self,
            const char          *method,
            const char          *path,
            const char          *query,
            JsonNode            *body,
            ParseAnswerFunc      parse,
            GDestroyNotify       result_free,
            GCancellable        *cancellable,
            gpointer             source_tag,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task;
  Call *call;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  call = g_new0 (Call, 1);
  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->query = g_strdup (query);
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      call->body = g_bytes_new_take (text, strlen (text));
    }
  call->parse = parse;
  call->result_free = result_free;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  call_get_token (task);
}

static gpointer
call_finish (DeskFiskilClient  *self,
             GAsyncResult      *result,
             gpointer           source_tag,
             GError           **error)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Answer parsers */

static gpointer
parse_auth_session (JsonNode  *node,
                    gint64     clock_skew,
                    GError   **error)
{
  return desk_auth_session_new_from_json (node, clock_skew, error);
}

static gpointer
parse_end_user_id (JsonNode  *node,
                   gint64     clock_skew,
                   GError   **error)
{
  char *end_user_id = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, missing_field_error ("end_user_id"));
      return NULL;
    }
  if (!desk_json_read_string (json_node_get_object (node), "end_user_id", TRUE, &end_user_id,
                              error))
    return NULL;

  return end_user_id;
}

static gpointer
parse_end_user (JsonNode  *node,
                gint64     clock_skew,
                GError   **error)
{
  return desk_end_user_new_from_json (node, error);
}

static GPtrArray *
parse_list (JsonNode         *node,
            gint64            clock_skew,
            ParseAnswerFunc   parse_item,
            GDestroyNotify    item_free,
            GError          **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (item_free);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                           _("Fiskil’s answer is not a list."));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = parse_item (json_array_get_element (array, i), clock_skew, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

static gpointer
parse_end_users (JsonNode  *node,
                 gint64     clock_skew,
                 GError   **error)
{
  return parse_list (node, clock_skew, parse_end_user, (GDestroyNotify) desk_end_user_free,
                     error);
}

static gpointer
parse_consent (JsonNode  *node,
               gint64     clock_skew,
               GError   **error)
{
  return desk_consent_new_from_json (node, error);
}

static gpointer
parse_consents (JsonNode  *node,
                gint64     clock_skew,
                GError   **error)
{
  return parse_list (node, clock_skew, parse_consent, (GDestroyNotify) desk_consent_free, error);
}

/* GObject */

static void
desk_fiskil_client_constructed (GObject *object)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (object);
  g_autoptr(GUri) uri = NULL;
  const char *host;
  gsize length;

  G_OBJECT_CLASS (desk_fiskil_client_parent_class)->constructed (object);

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  g_return_if_fail (uri != NULL && g_uri_get_host (uri) != NULL);

  host = g_uri_get_host (uri);
  if (strchr (host, ':') != NULL)  /* an IPv6 address */
    self->host_label = g_uri_get_port (uri) > 0
                       ? g_strdup_printf ("[%s]:%d", host, g_uri_get_port (uri))
                       : g_strdup_printf ("[%s]", host);
  else
    self->host_label = g_uri_get_port (uri) > 0
                       ? g_strdup_printf ("%s:%d", host, g_uri_get_port (uri))
                       : g_strdup (host);
  self->refuses_plain_http = g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0
                             && !is_loopback_host (host);

  length = strlen (self->base_url);
  while (length > 0 && self->base_url[length - 1] == '/')
    length--;
  self->api_root = g_strndup (self->base_url, length);
}

static void
desk_fiskil_client_finalize (GObject *object)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (object);

  /* The exchange's request holds a reference on us: none can be in flight. */
  g_assert (self->exchange == NULL);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->api_root);
  g_free (self->host_label);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->access_token);
  g_free (self->token);
  g_free (self->api_version);

  G_OBJECT_CLASS (desk_fiskil_client_parent_class)->finalize (object);
}

static void
desk_fiskil_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_fiskil_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_fiskil_client_class_init (DeskFiskilClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = desk_fiskil_client_constructed;
  object_class->finalize = desk_fiskil_client_finalize;
  object_class->get_property = desk_fiskil_client_get_property;
  object_class->set_property = desk_fiskil_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REQUEST_FINISHED] =
    g_signal_new ("request-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 5,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_UINT,
                  G_TYPE_INT64,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
desk_fiskil_client_init (DeskFiskilClient *self)
{
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", DESK_FISKIL_DEFAULT_CONNECT_TIMEOUT,
                                                 NULL);
  self->total_timeout = DESK_FISKIL_DEFAULT_TOTAL_TIMEOUT;
}

static gboolean
base_url_is_usable (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (base_url == NULL)
    return FALSE;

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0;
}

/**
 * desk_fiskil_client_new:
 * @base_url: an absolute http(s) URL without query or fragment
 *
 * Plain http is accepted for loopback hosts only (the Sandbox, test servers): requests to any
 * other host over http fail with DESK_FISKIL_ERROR_INVALID_INPUT before anything is sent.
 */
DeskFiskilClient *
desk_fiskil_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url_is_usable (base_url), NULL);

  return g_object_new (DESK_TYPE_FISKIL_CLIENT, "base-url", base_url, NULL);
}

const char *
desk_fiskil_client_get_base_url (DeskFiskilClient *self)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), NULL);

  return self->base_url;
}

static void
forget_credentials (DeskFiskilClient *self)
{
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->token, g_free);
  /* An exchange in flight still answers its waiters, but no new caller joins it. */
  self->exchange = NULL;
  self->credentials_serial++;
}

/**
 * desk_fiskil_client_set_client_credentials:
 * @client_id: (nullable): the client ID
 * @client_secret: (nullable): its secret
 *
 * Replaces any credentials (an access token included) and drops the cached token. Passing
 * %NULL or empty strings leaves the client without credentials.
 */
void
desk_fiskil_client_set_client_credentials (DeskFiskilClient *self,
                                           const char       *client_id,
                                           const char       *client_secret)
{
  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));

  forget_credentials (self);
  if (client_id != NULL && *client_id != '\0' && client_secret != NULL && *client_secret != '\0')
    {
      self->client_id = g_strdup (client_id);
      self->client_secret = g_strdup (client_secret);
    }
}

/**
 * desk_fiskil_client_set_access_token:
 * @access_token: (nullable): a ready bearer token: visible ASCII only, as it goes into a header
 *
 * Replaces any credentials (a client ID and secret included) and drops the cached token.
 */
void
desk_fiskil_client_set_access_token (DeskFiskilClient *self,
                                     const char       *access_token)
{
  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (access_token == NULL || *access_token == '\0'
                    || token_is_usable (access_token));

  forget_credentials (self);
  if (access_token != NULL && *access_token != '\0')
    self->access_token = g_strdup (access_token);
}

gboolean
desk_fiskil_client_has_credentials (DeskFiskilClient *self)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), FALSE);

  return self->access_token != NULL || self->client_secret != NULL;
}

void
desk_fiskil_client_set_api_version (DeskFiskilClient *self,
                                    const char       *api_version)
{
  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (api_version == NULL || g_str_equal (api_version, "v1")
                    || g_str_equal (api_version, "v2"));

  g_free (self->api_version);
  self->api_version = g_strdup (api_version);
}

const char *
desk_fiskil_client_get_api_version (DeskFiskilClient *self)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), NULL);

  return self->api_version;
}

/**
 * desk_fiskil_client_set_timeouts:
 * @connect_timeout_s: limit for connecting and for each wait on the socket; 0 for none
 * @total_timeout_s: limit for a whole HTTP request; 0 for none
 */
void
desk_fiskil_client_set_timeouts (DeskFiskilClient *self,
                                 guint             connect_timeout_s,
                                 guint             total_timeout_s)
{
  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));

  g_object_set (self->session, "timeout", connect_timeout_s, NULL);
  self->total_timeout = total_timeout_s;
}

gint64
desk_fiskil_client_get_clock_skew (DeskFiskilClient *self)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), 0);

  return self->clock_skew;
}

guint
desk_fiskil_client_get_request_count (DeskFiskilClient *self)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), 0);

  return self->request_count;
}

static void
on_test_exchange_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  DeskFiskilClient *self = DESK_FISKIL_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(TokenGrant) grant = NULL;
  g_autoptr(GError) error = NULL;

  grant = exchange_token_finish (self, result, &error);
  if (grant == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (GPOINTER_TO_UINT (g_task_get_task_data (task)) == self->credentials_serial)
    cache_token (self, grant);
  g_task_return_boolean (task, TRUE);
}

void
desk_fiskil_client_test_connection_async (DeskFiskilClient    *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_fiskil_client_test_connection_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->credentials_serial), NULL);

  if (self->access_token != NULL)
    g_task_return_boolean (task, TRUE);
  else if (self->client_secret == NULL)
    g_task_return_error (task, no_credentials_error ());
  else
    exchange_token_async (self, cancellable, on_test_exchange_done, g_steal_pointer (&task));
}

gboolean
desk_fiskil_client_test_connection_finish (DeskFiskilClient  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  g_return_val_if_fail (DESK_IS_FISKIL_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == desk_fiskil_client_test_connection_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
desk_fiskil_client_create_session_async (DeskFiskilClient         *self,
                                         const DeskSessionRequest *request,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  body = desk_session_request_to_json (request);
  call_async (self, "POST", "/v1/auth/session", NULL, body,
              parse_auth_session, (GDestroyNotify) desk_auth_session_free,
              cancellable, desk_fiskil_client_create_session_async, callback, user_data);
}

DeskAuthSession *
desk_fiskil_client_create_session_finish (DeskFiskilClient  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return call_finish (self, result, desk_fiskil_client_create_session_async, error);
}

static void
add_optional_member (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  if (value == NULL || *value == '\0')
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
desk_fiskil_client_create_end_user_async (DeskFiskilClient    *self,
                                          const char          *email,
                                          const char          *name,
                                          const char          *phone,
                                          const char          *abn,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  add_optional_member (builder, "email", email);
  add_optional_member (builder, "name", name);
  add_optional_member (builder, "phone", phone);
  add_optional_member (builder, "abn", abn);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  call_async (self, "POST", "/v1/end-users", NULL, body, parse_end_user_id, g_free,
              cancellable, desk_fiskil_client_create_end_user_async, callback, user_data);
}

char *
desk_fiskil_client_create_end_user_finish (DeskFiskilClient  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  return call_finish (self, result, desk_fiskil_client_create_end_user_async, error);
}

void
desk_fiskil_client_find_end_users_async (DeskFiskilClient    *self,
                                         const char          *email,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (email != NULL && *email != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  escaped = g_uri_escape_string (email, NULL, FALSE);
  query = g_strconcat ("email=", escaped, NULL);
  call_async (self, "GET", "/v1/end-users", query, NULL,
              parse_end_users, (GDestroyNotify) g_ptr_array_unref,
              cancellable, desk_fiskil_client_find_end_users_async, callback, user_data);
}

GPtrArray *
desk_fiskil_client_find_end_users_finish (DeskFiskilClient  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return call_finish (self, result, desk_fiskil_client_find_end_users_async, error);
}

void
desk_fiskil_client_get_end_user_async (DeskFiskilClient    *self,
                                       const char          *end_user_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (end_user_id != NULL && *end_user_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The id is opaque: even a "/" in it stays inside the one path segment. */
  escaped = g_uri_escape_string (end_user_id, NULL, FALSE);
  path = g_strconcat ("/v1/end-users/", escaped, NULL);
  call_async (self, "GET", path, NULL, NULL,
              parse_end_user, (GDestroyNotify) desk_end_user_free,
              cancellable, desk_fiskil_client_get_end_user_async, callback, user_data);
}

DeskEndUser *
desk_fiskil_client_get_end_user_finish (DeskFiskilClient  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return call_finish (self, result, desk_fiskil_client_get_end_user_async, error);
}

void
desk_fiskil_client_list_consents_async (DeskFiskilClient    *self,
                                        const char          *end_user_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (DESK_IS_FISKIL_CLIENT (self));
  g_return_if_fail (end_user_id != NULL && *end_user_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  escaped = g_uri_escape_string (end_user_id, NULL, FALSE);
  query = g_strconcat ("end_user_id=", escaped, NULL);
  call_async (self, "GET", "/v1/consent", query, NULL,
              parse_consents, (GDestroyNotify) g_ptr_array_unref,
              cancellable, desk_fiskil_client_list_consents_async, callback, user_data);
}

GPtrArray *
desk_fiskil_client_list_consents_finish (DeskFiskilClient  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return call_finish (self, result, desk_fiskil_client_list_consents_async, error);
}
