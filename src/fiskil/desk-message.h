/* desk-message.h — judging the consent frame's postMessage in the embedded pattern
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Integration patterns" and fiskil-api.md §8. The decision is made here, in C,
 * never trusted to page script.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "desk-callback.h"

G_BEGIN_DECLS

/* Messages whose serialised data is longer than this are ignored as "too-large". */
#define DESK_MESSAGE_MAX_BYTES (64 * 1024)

/* Deeper nesting than this is refused before json-glib's recursive parser sees it. */
#define DESK_MESSAGE_MAX_DEPTH 64

/* Parses a page's serialised message data for desk_message_judge(): NULL with *@reason
 * "too-large" (over DESK_MESSAGE_MAX_BYTES) or "format" (not JSON, or nested deeper than
 * DESK_MESSAGE_MAX_DEPTH). */
JsonNode     *desk_message_parse_data (const char  *json,
                                       gssize       length,
                                       const char **reason);

/* Returns the callback an accepted message stands for (via MESSAGE, message = @data, matched
 * REDIRECT for a success and CANCEL for a failure, params error, error_type,
 * error_description, error_id, error_uri, consent_id, session_id from the message, then the
 * redirect URL's own), or NULL with *@reason set to "origin" (not the Auth UI origin, or an
 * opaque one: "null", "file://", ""), "source" (not the consent frame's window), "too-large"
 * or "format" (not a protocol message: strings, arrays, unknown shapes, wrong field types).
 *
 * @data: the message data, parsed by the caller within its own depth and size limits
 * @serialized_length: the length of @data as the page serialised it
 * @origin: the event's origin, as the browser reported it
 * @from_consent_frame: whether the event's source is the consent iframe's window
 * @auth_ui_origin: the environment's Auth UI origin; relative redirect URLs resolve against it
 * @redirect_uri, @cancel_uri: the configured callbacks; a redirect URL that is the cancel URI
 *   makes the message a cancel, as the navigation there would be */
DeskCallback *desk_message_judge (JsonNode    *data,
                                  gsize        serialized_length,
                                  const char  *origin,
                                  gboolean     from_consent_frame,
                                  const char  *auth_ui_origin,
                                  const char  *redirect_uri,
                                  const char  *cancel_uri,
                                  const char **reason);

G_END_DECLS
