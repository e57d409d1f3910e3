/* desk-navigation.h — which address the consent view may load, and how to say why not
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "The web view's rules" and "Callback matching", as pure functions: the consent
 * view asks, and records the answer.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  DESK_ADDRESS_ALLOWED,           /* https, http on this computer, about:blank, about:srcdoc */
  DESK_ADDRESS_CALLBACK,          /* the redirect or cancel URI: never loaded, ends the attempt */
  DESK_ADDRESS_ENDPOINT,          /* reaches a callback endpoint but is not our callback: never
                                   * loaded, recorded, the attempt goes on */
  DESK_ADDRESS_REFUSED_SCHEME,    /* mailto:, bank apps, intent:, data:, blob:, file:, … */
  DESK_ADDRESS_REFUSED_INSECURE,  /* plain http to another computer */
} DeskAddressVerdict;

/* The one loopback rule: 127.0.0.0/8 in any IPv4 spelling ("127.1", "0x7f.0.0.1"), ::1 and
 * ::ffff:127.x.y.z (with or without brackets), and "localhost" in any case. A trailing dot is
 * ignored ("localhost." is loopback), as the callback matcher ignores it everywhere. Names
 * under .localhost are not: GLib's resolver does not promise where they go. */
gboolean           desk_host_is_loopback          (const char *host);

/* One translated sentence per certificate problem in @errors, e.g. "The certificate has
 * expired."; a generic sentence when @errors names none we know. */
char              *desk_tls_errors_describe       (GTlsCertificateFlags errors);

/* "scheme://host[:port]" normalised as the callback matcher normalises (lower case, no
 * trailing dot, canonical IP literals, default port left out); NULL for an opaque or invalid
 * URI and for origins that are not one ("null", "file://", ""). */
char              *desk_uri_origin                (const char *uri);

/* Whether @uri's authority carries "user@" (suspicious on a callback: record it). */
gboolean           desk_uri_has_user_info         (const char *uri);

/* The callback endpoints are checked first, whatever the scheme rules would say. */
DeskAddressVerdict desk_navigation_classify       (const char *uri,
                                                   const char *redirect_uri,
                                                   const char *cancel_uri);
/* "allowed", "callback", "endpoint", "refused-scheme", "refused-insecure" */
const char        *desk_address_verdict_to_string (DeskAddressVerdict verdict);

/* WebKit content-blocker JSON (for WebKitUserContentFilterStore) that blocks requests
 * (images, scripts, styles, fonts, media, fetch/XHR, WebSocket, beacons and pings, CSP
 * reports, and documents as a second line behind decide-policy) to either callback endpoint:
 * any case, a trailing dot, user-info, the default port written or not, repeated or encoded
 * slashes, percent-encoded path characters, any query. Paths on the callback host that merely
 * start like the callback path are blocked too; other hosts and ports are not. "popup" is left
 * out: a pop-up to the callback must reach the view's "create" handler to end the attempt.
 * (WebKitGTK 2.50 asks decide-policy before it applies the filter, a 302 to the callback
 * included, so "document" does not hide callbacks from the policy.) "[]" when neither URI has
 * a web endpoint. */
char              *desk_navigation_content_filter_json (const char *redirect_uri,
                                                        const char *cancel_uri);

G_END_DECLS
