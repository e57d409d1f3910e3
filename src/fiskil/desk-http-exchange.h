/* desk-http-exchange.h — one HTTP request and its answer, as evidence, with secrets hidden
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DESK_TYPE_HTTP_EXCHANGE (desk_http_exchange_get_type ())

/* What replaces every secret: the Authorization value, client_secret, token, access_token. */
#define DESK_HTTP_EXCHANGE_HIDDEN "[hidden]"
/* Longest body text kept, in bytes; a longer one is cut and ends with "…". */
#define DESK_HTTP_EXCHANGE_MAX_BODY (64 * 1024)

typedef struct
{
  char *name;
  char *value;
} DeskHttpHeader;

typedef struct
{
  char       *method;
  char       *url;
  GPtrArray  *request_headers;     /* DeskHttpHeader, in order */
  char       *request_mime_type;   /* nullable */
  char       *request_body;        /* nullable; JSON secrets hidden */
  guint       http_status;         /* 0 when no answer arrived */
  char       *status_text;         /* nullable */
  GPtrArray  *response_headers;    /* DeskHttpHeader, in order */
  char       *response_mime_type;  /* nullable */
  char       *response_body;       /* nullable; bounded, tokens hidden */
  gint64      response_body_size;  /* bytes received; -1 when unknown */
  GDateTime  *started;             /* UTC */
  double      duration_ms;
  char       *error_id;            /* Fiskil's error id, nullable */
} DeskHttpExchange;

GType             desk_http_exchange_get_type (void) G_GNUC_CONST;
DeskHttpExchange *desk_http_exchange_new      (const char             *method,
                                               const char             *url,
                                               GDateTime              *started);
DeskHttpExchange *desk_http_exchange_copy     (const DeskHttpExchange *self);
void              desk_http_exchange_free     (DeskHttpExchange       *self);

/* An Authorization header's value is stored as "[hidden]". */
void desk_http_exchange_add_request_header  (DeskHttpExchange *self,
                                             const char       *name,
                                             const char       *value);
void desk_http_exchange_add_response_header (DeskHttpExchange *self,
                                             const char       *name,
                                             const char       *value);
/* JSON bodies get the values of client_secret, token and access_token (at any depth) replaced
 * by "[hidden]"; every body is cut to DESK_HTTP_EXCHANGE_MAX_BODY. @size is in bytes. */
void desk_http_exchange_set_request_body    (DeskHttpExchange *self,
                                             const char       *mime_type,
                                             const char       *body,
                                             gsize             size);
void desk_http_exchange_set_response_body   (DeskHttpExchange *self,
                                             const char       *mime_type,
                                             const char       *body,
                                             gsize             size);
/* Replaces every occurrence of each of @secrets (NULL-terminated; empty entries are skipped)
 * in every text of the exchange, as a last guard. */
void desk_http_exchange_redact              (DeskHttpExchange   *self,
                                             const char * const *secrets);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskHttpExchange, desk_http_exchange_free)

G_END_DECLS
