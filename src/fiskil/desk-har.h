/* desk-har.h — HTTP exchanges as a HAR 1.2 log
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "desk-http-exchange.h"

G_BEGIN_DECLS

/* {"log": {"version": "1.2", "creator": {"name": "Consent Desk", "version"}, "entries": [...]}}
 * with one entry per DeskHttpExchange of @exchanges, in order. Carries only what the exchanges
 * carry, so no secret: they are hidden when an exchange is recorded. */
JsonNode *desk_har_new              (GPtrArray              *exchanges,
                                     const char             *creator_version);
/* One entry of that log, for @exchange: what the history keeps of each exchange. */
JsonNode *desk_har_entry_new        (const DeskHttpExchange *exchange);
/* The log around @entries, such entries (the history's, read back). */
JsonNode *desk_har_new_from_entries (JsonArray              *entries,
                                     const char             *creator_version);

G_END_DECLS
