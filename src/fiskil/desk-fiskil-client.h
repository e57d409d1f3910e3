/* desk-fiskil-client.h — the Fiskil API over libsoup: token, auth sessions, end users, consents
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-auth-session.h"
#include "desk-consent.h"
#include "desk-end-user.h"
#include "desk-http-exchange.h"
#include "desk-session-request.h"

G_BEGIN_DECLS

#define DESK_TYPE_FISKIL_CLIENT (desk_fiskil_client_get_type ())

G_DECLARE_FINAL_TYPE (DeskFiskilClient, desk_fiskil_client, DESK, FISKIL_CLIENT, GObject)

#define DESK_FISKIL_DEFAULT_CONNECT_TIMEOUT 10  /* seconds */
#define DESK_FISKIL_DEFAULT_TOTAL_TIMEOUT   30  /* seconds, per HTTP request */
/* Largest answer body read; beyond it reading stops with DESK_FISKIL_ERROR_TOO_LARGE. */
#define DESK_FISKIL_MAX_ANSWER_SIZE         (1024 * 1024)  /* bytes */

/* @base_url: e.g. "https://api.fiskil.com" or "http://127.0.0.1:41234"; paths start with /v1. */
DeskFiskilClient *desk_fiskil_client_new                  (const char       *base_url);
const char       *desk_fiskil_client_get_base_url         (DeskFiskilClient *self);

/* Credentials: either a client id and secret (token exchange at /v1/token), or a ready access
 * token. Setting either drops any cached token. Never logged, never in error messages. */
void              desk_fiskil_client_set_client_credentials (DeskFiskilClient *self,
                                                             const char       *client_id,
                                                             const char       *client_secret);
void              desk_fiskil_client_set_access_token     (DeskFiskilClient *self,
                                                           const char       *access_token);
gboolean          desk_fiskil_client_has_credentials      (DeskFiskilClient *self);

/* "v1", "v2" or NULL (no X-Fiskil-Version header). */
void              desk_fiskil_client_set_api_version      (DeskFiskilClient *self,
                                                           const char       *api_version);
const char       *desk_fiskil_client_get_api_version      (DeskFiskilClient *self);

void              desk_fiskil_client_set_timeouts         (DeskFiskilClient *self,
                                                           guint             connect_timeout_s,
                                                           guint             total_timeout_s);

/* Seconds the server's clock is ahead of ours, from the last answer's Date header (0 before). */
gint64            desk_fiskil_client_get_clock_skew       (DeskFiskilClient *self);

/* HTTP requests sent so far (token exchanges included): lets tests and benchmarks count them. */
guint             desk_fiskil_client_get_request_count    (DeskFiskilClient *self);

/* Performs a fresh token exchange (never the cached token); with an access token, succeeds
 * without a request. */
void              desk_fiskil_client_test_connection_async  (DeskFiskilClient    *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean          desk_fiskil_client_test_connection_finish (DeskFiskilClient    *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

void              desk_fiskil_client_create_session_async  (DeskFiskilClient         *self,
                                                            const DeskSessionRequest *request,
                                                            GCancellable             *cancellable,
                                                            GAsyncReadyCallback       callback,
                                                            gpointer                  user_data);
DeskAuthSession  *desk_fiskil_client_create_session_finish (DeskFiskilClient         *self,
                                                            GAsyncResult             *result,
                                                            GError                  **error);

/* All of @email, @name, @phone, @abn are optional (NULL: not sent). Returns the end_user_id. */
void              desk_fiskil_client_create_end_user_async  (DeskFiskilClient    *self,
                                                             const char          *email,
                                                             const char          *name,
                                                             const char          *phone,
                                                             const char          *abn,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
char             *desk_fiskil_client_create_end_user_finish (DeskFiskilClient    *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* GPtrArray of DeskEndUser (possibly empty). */
void              desk_fiskil_client_find_end_users_async  (DeskFiskilClient    *self,
                                                            const char          *email,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GPtrArray        *desk_fiskil_client_find_end_users_finish (DeskFiskilClient    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

void              desk_fiskil_client_get_end_user_async    (DeskFiskilClient    *self,
                                                            const char          *end_user_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
DeskEndUser      *desk_fiskil_client_get_end_user_finish   (DeskFiskilClient    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* GPtrArray of DeskConsent (possibly empty). */
void              desk_fiskil_client_list_consents_async   (DeskFiskilClient    *self,
                                                            const char          *end_user_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GPtrArray        *desk_fiskil_client_list_consents_finish  (DeskFiskilClient    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/*
 * Signals:
 *   "request-finished" (const char *method, const char *path, guint http_status,
 *                       gint64 duration_us, const char *fiskil_error_id)
 *     Emitted on the main context once per HTTP request, token exchanges included, for the
 *     attempt timeline. http_status is 0 when no answer arrived. Never carries a body or a secret.
 *
 *   "exchange-finished" (DeskHttpExchange *exchange)
 *     Emitted right after "request-finished" for the same request, with the whole exchange as
 *     evidence (for a HAR): headers and bodies, with the Authorization value, client_secret and
 *     every token hidden. Copy the exchange to keep it.
 */

G_END_DECLS
