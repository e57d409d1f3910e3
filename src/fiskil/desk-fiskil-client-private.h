/* desk-fiskil-client-private.h — what the client's modules share: its fields, the transport,
 * answers into errors, the token cache
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "desk-api-error.h"
#include "desk-fiskil-client.h"
#include "desk-http-exchange.h"
#include "desk-json-readers.h"

G_BEGIN_DECLS

#define DESK_FISKIL_JSON_CONTENT_TYPE "application/json; charset=UTF-8"

typedef struct _DeskTokenExchange DeskTokenExchange;

struct _DeskFiskilClient
{
  GObject            parent_instance;

  SoupSession       *session;
  char              *base_url;
  char              *api_root;         /* base_url without trailing slashes */
  char              *host_label;       /* "host" or "host:port", for messages */
  gboolean           refuses_plain_http;

  char              *client_id;
  char              *client_secret;
  char              *access_token;     /* a ready token from the caller */
  guint              credentials_serial;

  char              *token;            /* the cached token from /v1/token */
  gint64             token_renew_at;   /* monotonic time */
  DeskTokenExchange *exchange;         /* the shared exchange in flight */

  char              *api_version;
  guint              total_timeout;
  gint64             clock_skew;
  guint              request_count;
};

/* desk-fiskil-transport.c: one HTTP request */

typedef struct
{
  guint         status;
  GBytes       *body;
  gint64        clock_skew;
  DeskApiError *api_error;    /* for a status other than 2xx */
  gboolean      temporary;    /* goa's "temporary" or "timeout" flag */
} DeskHttpResponse;

void              desk_http_response_free        (DeskHttpResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskHttpResponse, desk_http_response_free)

/* Gives a DeskHttpResponse for any status, an error when no answer arrived or the body was
 * too large. @path is already escaped; @query, when given, is an escaped query string. */
void              desk_fiskil_transport_send_async  (DeskFiskilClient    *self,
                                                     const char          *method,
                                                     const char          *path,
                                                     const char          *query,
                                                     GBytes              *body,
                                                     const char          *token,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
DeskHttpResponse *desk_fiskil_transport_send_finish (DeskFiskilClient    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* desk-fiskil-client.c: the signals, emitted by the transport */
void              desk_fiskil_client_emit_finished  (DeskFiskilClient    *self,
                                                     const char          *method,
                                                     const char          *path,
                                                     gint64               duration_us,
                                                     DeskHttpExchange    *exchange);

/* desk-fiskil-call.c: a token, the request, one renewal on 401, and what @parse makes of the
 * answer. @body may be NULL; @source_tag identifies the public call. */
void     desk_fiskil_call_async  (DeskFiskilClient    *self,
                                  const char          *method,
                                  const char          *path,
                                  const char          *query,
                                  GBytes              *body,
                                  DeskJsonReadFunc     parse,
                                  GDestroyNotify       result_free,
                                  GCancellable        *cancellable,
                                  gpointer             source_tag,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gpointer desk_fiskil_call_finish (DeskFiskilClient    *self,
                                  GAsyncResult        *result,
                                  gpointer             source_tag,
                                  GError             **error);

/* desk-fiskil-answer.c: answers into errors */

typedef enum
{
  DESK_REJECTED_CLIENT_CREDENTIALS,  /* /v1/token refused the client id and secret */
  DESK_REJECTED_ACCESS_TOKEN,        /* the caller's ready token was refused */
  DESK_REJECTED_RENEWED_TOKEN,       /* a token fresh from /v1/token was refused */
} DeskRejected;

/* Reads the error body and Retry-After of a non-2xx answer into @response's api_error. */
void      desk_fiskil_answer_read_error  (DeskFiskilClient *self,
                                          DeskHttpResponse *response,
                                          const char       *retry_after);
gint64    desk_fiskil_parse_retry_after  (const char       *value);
GError   *desk_fiskil_answer_error       (DeskFiskilClient *self,
                                          DeskHttpResponse *response,
                                          DeskRejected      rejected);
GError   *desk_fiskil_with_http_status   (GError           *error,
                                          guint             http_status);
/* The JSON of a 2xx answer; any other body is a bad response. */
JsonNode *desk_fiskil_answer_json        (DeskHttpResponse *response,
                                          GError          **error);
/* NULL-terminated list of the secrets the client holds now (entries never NULL). */
const char **desk_fiskil_client_secrets  (DeskFiskilClient *self,
                                          const char       *extra);

/* desk-fiskil-token.c: the token exchange and cache */

GError         *desk_fiskil_no_credentials_error    (void);
void            desk_fiskil_exchange_token_async    (DeskFiskilClient    *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
DeskTokenGrant *desk_fiskil_exchange_token_finish   (DeskFiskilClient    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            desk_fiskil_cache_token             (DeskFiskilClient    *self,
                                                     DeskTokenGrant      *grant);
/* A token for the next request: the ready one, the cached one unless it is @stale_token, or
 * one from the shared exchange. */
void            desk_fiskil_get_token_async         (DeskFiskilClient    *self,
                                                     const char          *stale_token,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char           *desk_fiskil_get_token_finish        (DeskFiskilClient    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
