/* desk-sandbox-api-private.h — what the Sandbox API's files share: reading a request's JSON,
 * answering in Fiskil's shapes, and the handlers desk_sandbox_api_handle() routes to
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "desk-sandbox.h"

G_BEGIN_DECLS

#define JSON_CONTENT_TYPE "application/json; charset=utf-8"
#define GOA_CONTENT_TYPE  "application/vnd.goa.error"

typedef enum
{
  ERROR_BODY_PLAIN,  /* {"id", "name", "message"} */
  ERROR_BODY_GOA,    /* the same plus goa's "temporary", "timeout" and "fault" booleans */
} ErrorBody;

/* desk-sandbox-api-answers.c */
void        desk_sandbox_send_json     (SoupServerMessage  *msg,
                                        guint               status,
                                        const char         *content_type,
                                        JsonNode           *node);
void        desk_sandbox_send_error    (SoupServerMessage  *msg,
                                        guint               status,
                                        ErrorBody           shape,
                                        const char         *name,
                                        const char         *message);
/* 400 InvalidRequest with @message. */
void        desk_sandbox_send_invalid  (SoupServerMessage  *msg,
                                        const char         *message);
/* The body as a JSON object, or NULL after answering 400. */
JsonObject *desk_sandbox_read_body     (SoupServerMessage  *msg);
/* FALSE after answering 400 when @member is present but not a string; absent and null give
 * *@value NULL, and so does "" unless @keep_empty. */
gboolean    desk_sandbox_read_string   (SoupServerMessage  *msg,
                                        JsonObject         *object,
                                        const char         *member,
                                        gboolean            keep_empty,
                                        const char        **value);
gboolean    desk_sandbox_has_controls  (const char         *value);

/* desk-sandbox-end-users.c: POST and GET /v1/end-users, GET /v1/end-users/{id}. */
void        desk_sandbox_api_create_end_user (DeskSandbox       *self,
                                              SoupServerMessage *msg);
void        desk_sandbox_api_find_end_users  (DeskSandbox       *self,
                                              SoupServerMessage *msg,
                                              GHashTable        *query);
void        desk_sandbox_api_get_end_user    (DeskSandbox       *self,
                                              SoupServerMessage *msg,
                                              const char        *encoded_id);

G_END_DECLS
