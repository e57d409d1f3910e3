/* desk-sandbox-private.h — what the Sandbox's own files share: its store and request handlers
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "desk-sandbox.h"
#include "desk-sandbox-store.h"

G_BEGIN_DECLS

DeskSandboxStore *desk_sandbox_get_store            (DeskSandbox       *self);

/* Headers every answer carries: Date (clients judge expires_at by it), no caching. */
void              desk_sandbox_set_standard_headers (SoupServerMessage *msg);

/* desk-sandbox-api.c: everything under /v1. @path is still percent-encoded. */
void              desk_sandbox_api_handle           (DeskSandbox       *self,
                                                     SoupServerMessage *msg,
                                                     const char        *path,
                                                     GHashTable        *query);

/* desk-sandbox-flow.c: the consent pages under /auth. */
void              desk_sandbox_flow_handle          (DeskSandbox       *self,
                                                     SoupServerMessage *msg,
                                                     const char        *path,
                                                     GHashTable        *query);

G_END_DECLS
