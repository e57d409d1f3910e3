/* desk-navigation.c — which address the consent view may load, and how to say why not
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent view used to hold these rules, and the loopback test existed three times with
 * drifting answers; they now live here once, over the same endpoint reading the callback
 * matcher uses, so the two can never disagree about a host.
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "desk-callback.h"
#include "desk-endpoint-private.h"
#include "desk-navigation.h"

gboolean
desk_host_is_loopback (const char *host)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const guint8 *bytes;
  gsize length;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  normalized = desk_endpoint_normalize_host (host, -1);
  if (normalized == NULL)
    return FALSE;

  if (g_str_equal (normalized, "localhost"))
    return TRUE;

  /* IPv6 comes back bracketed; GInetAddress wants it bare. */
  length = strlen (normalized);
  if (normalized[0] == '[')
    {
      normalized[length - 1] = '\0';
      address = g_inet_address_new_from_string (normalized + 1);
    }
  else
    address = g_inet_address_new_from_string (normalized);

  if (address == NULL)
    return FALSE;
  if (g_inet_address_get_is_loopback (address))
    return TRUE;

  /* ::ffff:127.0.0.1 reaches this computer too. */
  bytes = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    {
      static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

      return memcmp (bytes, mapped, sizeof mapped) == 0 && bytes[12] == 127;
    }

  return FALSE;
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
  GString *text = g_string_new (NULL);

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

  return g_string_free (text, FALSE);
}

char *
desk_uri_origin (const char *uri)
{
  g_autoptr(DeskEndpoint) endpoint = NULL;

  if (uri == NULL)
    return NULL;

  endpoint = desk_endpoint_parse (uri);
  if (endpoint == NULL || !endpoint->special)
    return NULL;

  return desk_endpoint_origin (endpoint);
}

gboolean
desk_uri_has_user_info (const char *uri)
{
  g_autoptr(DeskEndpoint) endpoint = uri != NULL ? desk_endpoint_parse (uri) : NULL;

  return endpoint != NULL && endpoint->user_info;
}

DeskAddressVerdict
desk_navigation_classify (const char *uri,
                          const char *redirect_uri,
                          const char *cancel_uri)
{
  g_autoptr(DeskEndpoint) endpoint = NULL;

  if (uri == NULL)
    return DESK_ADDRESS_REFUSED_SCHEME;

  /* Fail safe: the endpoints first, whatever the scheme rules below would say. */
  if (desk_callback_match (uri, redirect_uri, cancel_uri) != DESK_CALLBACK_MATCH_NONE)
    return DESK_ADDRESS_CALLBACK;
  if (desk_callback_match_endpoint (uri, redirect_uri, cancel_uri) != DESK_CALLBACK_MATCH_NONE)
    return DESK_ADDRESS_ENDPOINT;

  /* The blank documents of frames. data: and blob: stay refused: WebKitGTK cannot tell a
   * frame from the main page, and a top-level data: page would show content under no
   * address. */
  if (g_ascii_strcasecmp (uri, "about:blank") == 0 ||
      g_ascii_strcasecmp (uri, "about:srcdoc") == 0)
    return DESK_ADDRESS_ALLOWED;

  endpoint = desk_endpoint_parse (uri);
  if (endpoint == NULL)
    return DESK_ADDRESS_REFUSED_SCHEME;

  if (g_str_equal (endpoint->scheme, "https"))
    return DESK_ADDRESS_ALLOWED;
  if (g_str_equal (endpoint->scheme, "http"))
    return desk_host_is_loopback (endpoint->host) ? DESK_ADDRESS_ALLOWED
                                                  : DESK_ADDRESS_REFUSED_INSECURE;

  return DESK_ADDRESS_REFUSED_SCHEME;
}

const char *
desk_address_verdict_to_string (DeskAddressVerdict verdict)
{
  switch (verdict)
    {
    case DESK_ADDRESS_ALLOWED:
      return "allowed";

    case DESK_ADDRESS_CALLBACK:
      return "callback";

    case DESK_ADDRESS_ENDPOINT:
      return "endpoint";

    case DESK_ADDRESS_REFUSED_INSECURE:
      return "refused-insecure";

    case DESK_ADDRESS_REFUSED_SCHEME:
    default:
      return "refused-scheme";
    }
}

/* -- Content filters --------------------------------------------------------------------- */

/* WebKit's url-filter is a small regex subset: no '|', no {n}, no \d; groups with ?, * or +
 * and character classes are fine. Matching is case-insensitive by default. */

static void
append_literal (GString    *regex,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        g_string_append_c (regex, '\\');
      g_string_append_c (regex, *p);
    }
}

/* One path byte: itself or its escape, "[c%](63)?", or the escape alone for bytes a browser
 * always escapes. A separator is any run of '/' and escaped '/' or '\'. */
static void
append_path_byte (GString *regex,
                  guchar   byte)
{
  if (byte == '/')
    {
      g_string_append (regex, "[/%25CF]+");
      return;
    }

  if (byte > ' ' && byte < 0x7f)
    {
      g_string_append_c (regex, '[');
      if (!g_ascii_isalnum (byte))
        g_string_append_c (regex, '\\');
      g_string_append_c (regex, (char) byte);
      g_string_append_printf (regex, "\\%%](%02X)?", byte);
    }
  else
    g_string_append_printf (regex, "%%%02X", byte);
}

static char *
endpoint_regex (const DeskEndpoint *endpoint,
                const char         *scheme)
{
  GString *regex = g_string_new ("^");
  const char *path = endpoint->path;

  append_literal (regex, scheme);
  /* user-info ends at its '@', which a browser never leaves unescaped inside it */
  g_string_append (regex, ":\\/\\/([^\\/?#]*@)?");
  append_literal (regex, endpoint->host);
  g_string_append (regex, "\\.*");
  if (endpoint->port == (g_str_equal (endpoint->scheme, "https") ? 443 : 80))
    g_string_append_printf (regex, "(:%d)?", endpoint->port);
  else
    g_string_append_printf (regex, ":%d", endpoint->port);

  /* The normalised path, its "%25" and "%00" read back as the bytes they stand for. */
  for (const char *p = path; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == '2' && p[2] == '5')
        {
          append_path_byte (regex, '%');
          p += 2;
        }
      else if (p[0] == '%' && p[1] == '0' && p[2] == '0')
        {
          append_path_byte (regex, 0);
          p += 2;
        }
      else
        append_path_byte (regex, (guchar) *p);
    }

  return g_string_free (regex, FALSE);
}

static void
add_block_rule (JsonBuilder *builder,
                const char  *url_filter)
{
  /* "raw" is fetch, XHR, WebSocket, beacons and pings; "other" adds CSP reports. Documents
   * (frames, <object>, <embed>) are left to decide-policy, which sees every one of them and
   * catches the callback exactly: these patterns are prefixes, and as document rules they
   * would stop lookalike pages such as "/callback2", which design.md says must load. */
  static const char * const types[] = {
    "image", "style-sheet", "script", "font", "raw", "media", "other",
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "trigger");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url-filter");
  json_builder_add_string_value (builder, url_filter);
  json_builder_set_member_name (builder, "resource-type");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    json_builder_add_string_value (builder, types[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "block");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_endpoint_rules (JsonBuilder *builder,
                    GPtrArray   *seen,
                    const char  *uri)
{
  g_autoptr(DeskEndpoint) endpoint = uri != NULL ? desk_endpoint_parse (uri) : NULL;
  /* A WebSocket to the same host and port reaches the same server. */
  const char *schemes[2] = { NULL, NULL };

  if (endpoint == NULL || endpoint->host == NULL)
    return;
  if (g_str_equal (endpoint->scheme, "https"))
    {
      schemes[0] = "https";
      schemes[1] = "wss";
    }
  else if (g_str_equal (endpoint->scheme, "http"))
    {
      schemes[0] = "http";
      schemes[1] = "ws";
    }
  else
    return;  /* no sub-resource loads from a custom scheme */

  for (gsize i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      char *regex = endpoint_regex (endpoint, schemes[i]);

      if (g_ptr_array_find_with_equal_func (seen, regex, g_str_equal, NULL))
        {
          g_free (regex);
          continue;
        }
      add_block_rule (builder, regex);
      g_ptr_array_add (seen, regex);
    }
}

char *
desk_navigation_content_filter_json (const char *redirect_uri,
                                     const char *cancel_uri)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  add_endpoint_rules (builder, seen, redirect_uri);
  add_endpoint_rules (builder, seen, cancel_uri);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}
