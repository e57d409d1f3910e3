/* desk-navigation.h — which address may load in a consent view: the web view's rules, pure
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  DESK_ADDRESS_ALLOWED,           /* https, or http to this computer: may load */
  DESK_ADDRESS_CALLBACK,          /* our redirect or cancel URI: never loaded, ends the attempt */
  DESK_ADDRESS_ENDPOINT,          /* a callback endpoint, not our callback: never loaded */
  DESK_ADDRESS_REFUSED_SCHEME,    /* mailto:, bank apps, intent:, data:, file:, … */
  DESK_ADDRESS_REFUSED_INSECURE,  /* plain http to another computer */
} DeskAddressVerdict;

/* "allowed", "callback", "endpoint", "refused-scheme", "refused-insecure" (design.md). */
const char         *desk_address_verdict_to_string (DeskAddressVerdict  verdict);

/* 127.0.0.0/8, ::1 and localhost: the one loopback rule. */
gboolean            desk_host_is_loopback          (const char         *host);

/* The callback endpoints first (fail safe), then the scheme rules. */
DeskAddressVerdict  desk_navigation_classify       (const char         *uri,
                                                    const char         *redirect_uri,
                                                    const char         *cancel_uri);

/* One or more translated sentences naming the certificate's problems. */
char               *desk_tls_errors_describe       (GTlsCertificateFlags errors);

/* "scheme://host[:port]", lower case, default port left out; NULL for no such origin. */
char               *desk_uri_origin                (const char         *uri);

G_END_DECLS
