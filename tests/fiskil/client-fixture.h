/* client-fixture.h — an in-process SoupServer on 127.0.0.1 and a DeskFiskilClient pointed at it
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "desk-fiskil.h"

#define WAIT_SECONDS 10
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

#define ERROR_BODY(id, name, message) \
  "{\"id\": \"" id "\", \"name\": \"" name "\", \"message\": \"" message "\"}"

#define JSON_CONTENT_TYPE "application/json; charset=UTF-8"

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
  GPtrArray        *exchanges; /* "exchange-finished" emissions: DeskHttpExchange copies */
  GAsyncResult     *results[MAX_RESULTS];
  guint             n_results;
} Fixture;

/* Every secret the tests hand out: none may ever reach an error message or a log line. */
extern const char * const secrets[];
/* A self-signed certificate and key for "fiskil.test" (PEM). */
extern const char tls_certificate_pem[];
extern const Reply token_reply;
extern const Reply session_reply;
extern const Reply not_found_reply;

void                recorded_free          (Recorded      *recorded);
void                finished_free          (Finished      *finished);
void                assert_no_secret       (const char    *text);
GLogWriterOutput    log_writer             (GLogLevelFlags   log_level,
                                            const GLogField *fields,
                                            gsize            n_fields,
                                            gpointer         user_data);
/* Replies for "METHOD /path", in order, NULL-terminated; the last one repeats. */
void                set_replies            (Fixture       *fixture,
                                            const char    *method_and_path,
                                            ...) G_GNUC_NULL_TERMINATED;
guint               count_recorded         (Fixture       *fixture,
                                            const char    *path);
Recorded           *get_recorded           (Fixture       *fixture,
                                            const char    *path,
                                            guint          nth);
const char         *get_authorization      (Fixture       *fixture,
                                            const char    *path,
                                            guint          nth);
void                wait_for_count         (guint         *count,
                                            guint          at_least);
void                wait_for_result        (GAsyncResult **result);
void                store_result           (GObject       *source,
                                            GAsyncResult  *result,
                                            gpointer       user_data);
GAsyncResult      **next_slot              (Fixture       *fixture);
void                use_client             (Fixture       *fixture,
                                            const char    *base_url);
void                fixture_setup          (Fixture       *fixture,
                                            gconstpointer  data);
void                fixture_setup_tls      (Fixture       *fixture,
                                            gconstpointer  data);
void                fixture_teardown       (Fixture       *fixture,
                                            gconstpointer  data);
DeskSessionRequest *make_request           (void);
GAsyncResult      **start_session          (Fixture       *fixture,
                                            GCancellable  *cancellable);
DeskAuthSession    *finish_session         (Fixture       *fixture,
                                            GAsyncResult **slot,
                                            GError       **error);
DeskAuthSession    *create_session         (Fixture       *fixture,
                                            GError       **error);
void                assert_session_created (Fixture       *fixture);
const DeskApiError *assert_fiskil_error    (const GError        *error,
                                            DeskFiskilErrorCode  code);
void                assert_contains        (const char    *text,
                                            const char    *part);
void                assert_json_members    (const char    *text,
                                            const char    *expected_members);
void                assert_common_headers  (Recorded      *recorded,
                                            const char    *api_version,
                                            gboolean       has_body);
void                assert_member          (const char    *text,
                                            const char    *member,
                                            const char    *expected);
