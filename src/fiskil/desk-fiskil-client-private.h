/* desk-fiskil-client-private.h — readers for Fiskil's answers, shared by the core's models
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* An answer body is never trusted: each reader fails with DESK_FISKIL_ERROR_BAD_RESPONSE naming
 * @member when it is missing (and required) or of the wrong type. JSON null counts as missing. */

/* A required string must be non-empty; an optional one gives NULL when missing. */
gboolean desk_json_read_string  (JsonObject   *object,
                                 const char   *member,
                                 gboolean      required,
                                 char        **out,
                                 GError      **error);
gboolean desk_json_read_boolean (JsonObject   *object,
                                 const char   *member,
                                 gboolean     *out,
                                 GError      **error);
/* An integer, an integral number or a numeric string; @default_value when missing. */
gboolean desk_json_read_int64   (JsonObject   *object,
                                 const char   *member,
                                 gint64        default_value,
                                 gint64       *out,
                                 GError      **error);
/* Unix time as for desk_json_read_int64(), or an ISO 8601 string; 0 when missing. */
gboolean desk_json_read_time    (JsonObject   *object,
                                 const char   *member,
                                 gint64       *out,
                                 GError      **error);
/* An array of strings; an empty vector when missing. */
gboolean desk_json_read_strv    (JsonObject   *object,
                                 const char   *member,
                                 GStrv        *out,
                                 GError      **error);

G_END_DECLS
