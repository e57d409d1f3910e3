/* desk-endpoint-private.h — a URI reduced to what decides where a request lands
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the callback matcher, the navigation rules and the message judge; not for the
 * layers above, which ask those modules their questions instead.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *scheme;     /* lower case */
  char     *host;       /* lower-case ASCII, trailing dots removed, IPv4 dotted-decimal,
                         * IPv6 "[compressed]"; NULL when the URI has no authority */
  int       port;       /* the effective port: the scheme's default when absent; -1 if none */
  char     *path;       /* decoded, separators merged, dot segments resolved, "/" when empty;
                         * '%' and NUL written back as "%25" and "%00" so it stays one string */
  char     *query;      /* as written (still encoded), NULL when absent */
  char     *fragment;   /* as written, NULL when absent */
  gboolean  user_info;  /* the authority carried "user@" */
  gboolean  special;    /* http, https, ws or wss: parsed as browsers parse them */
  gboolean  broken_escape;  /* a '%' in the path starts no escape (kept as it is) */
} DeskEndpoint;

DeskEndpoint *desk_endpoint_parse           (const char         *uri);
void          desk_endpoint_free            (DeskEndpoint       *self);
/* Same scheme, host, effective port and path: a common server routes both to one handler. */
gboolean      desk_endpoint_same            (const DeskEndpoint *a,
                                             const DeskEndpoint *b);
/* "scheme://host[:port]" with the port only when not the default; NULL without a host. */
char         *desk_endpoint_origin          (const DeskEndpoint *self);
/* A host as browsers canonicalise it (brackets optional around IPv6), NULL when invalid. */
char         *desk_endpoint_normalize_host  (const char         *host,
                                             gssize              length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskEndpoint, desk_endpoint_free)

G_END_DECLS
