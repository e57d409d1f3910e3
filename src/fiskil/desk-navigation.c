/* desk-navigation.c — which address may load in a consent view: the web view's rules, pure
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-callback.h"
#include "desk-navigation.h"

static const char * const verdict_names[] = {
  [DESK_ADDRESS_ALLOWED] = "allowed",
  [DESK_ADDRESS_CALLBACK] = "callback",
  [DESK_ADDRESS_ENDPOINT] = "endpoint",
  [DESK_ADDRESS_REFUSED_SCHEME] = "refused-scheme",
  [DESK_ADDRESS_REFUSED_INSECURE] = "refused-insecure",
};

const char *
desk_address_verdict_to_string (DeskAddressVerdict verdict)
{
  g_return_val_if_fail ((guint) verdict < G_N_ELEMENTS (verdict_names), NULL);

  return verdict_names[verdict];
}

gboolean
desk_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* Covers 127.0.0.0/8 and ::1; GUri has already taken the brackets off an IPv6 literal. */
  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Only web pages load: https anywhere, http on this computer (the Sandbox, test servers), and
 * the blank documents of frames. data: and blob: are refused: WebKitGTK 2.50 cannot tell a
 * frame from the main page, and a top-level data: page would show content under no address. */
static DeskAddressVerdict
classify_scheme (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (parsed == NULL)
    return DESK_ADDRESS_REFUSED_SCHEME;

  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return DESK_ADDRESS_ALLOWED;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    return desk_host_is_loopback (g_uri_get_host (parsed)) ? DESK_ADDRESS_ALLOWED
                                                           : DESK_ADDRESS_REFUSED_INSECURE;
  if (g_ascii_strcasecmp (uri, "about:blank") == 0
      || g_ascii_strcasecmp (uri, "about:srcdoc") == 0)
    return DESK_ADDRESS_ALLOWED;

  return DESK_ADDRESS_REFUSED_SCHEME;
}

DeskAddressVerdict
desk_navigation_classify (const char *uri,
                          const char *redirect_uri,
                          const char *cancel_uri)
{
  g_return_val_if_fail (uri != NULL, DESK_ADDRESS_REFUSED_SCHEME);

  if (desk_callback_match (uri, redirect_uri, cancel_uri) != DESK_CALLBACK_MATCH_NONE)
    return DESK_ADDRESS_CALLBACK;

  return classify_scheme (uri);
}

char *
desk_tls_errors_describe (GTlsCertificateFlags errors)
{
  static const struct
  {
    GTlsCertificateFlags  flag;
    const char           *sentence;
  } sentences[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("The certificate is not signed by a trusted authority.") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("The certificate does not belong to this address.") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("The certificate is not valid yet.") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("The certificate has expired.") },
    { G_TLS_CERTIFICATE_REVOKED, N_("The certificate has been revoked.") },
    { G_TLS_CERTIFICATE_INSECURE, N_("The certificate uses an insecure algorithm.") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("The certificate could not be checked.") },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      if ((errors & sentences[i].flag) == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _(sentences[i].sentence));
    }

  if (text->len == 0)
    g_string_append (text, _("The certificate could not be checked."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
desk_uri_origin (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  int port;

  if (uri == NULL)
    return NULL;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED
                             | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (parsed), -1);
  host = g_ascii_strdown (g_uri_get_host (parsed), -1);
  port = g_uri_get_port (parsed);

  if (strchr (host, ':') != NULL)
    return port > 0 ? g_strdup_printf ("%s://[%s]:%d", scheme, host, port)
                    : g_strdup_printf ("%s://[%s]", scheme, host);

  return port > 0 ? g_strdup_printf ("%s://%s:%d", scheme, host, port)
                  : g_strdup_printf ("%s://%s", scheme, host);
}
