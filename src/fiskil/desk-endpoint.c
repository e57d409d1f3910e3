/* desk-endpoint.c — a URI reduced to what decides where a request lands
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Callback matching": fail safe. Web URIs are read as the WHATWG URL parser (and so
 * WebKit) reads them — any run of '/' or '\' after "https:", the last '@' ends the user-info,
 * IPv4 in any spelling ("127.1", "0x7f.0.0.1", "2130706433") — and then reduced further, as a
 * common server routes a request: a trailing dot on the host ignored, the path percent-decoded,
 * '\' taken as '/', repeated separators merged and dot segments resolved. Two URIs with the
 * same endpoint reach the same handler, however a page or WebKit spelled them.
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "desk-endpoint-private.h"

void
desk_endpoint_free (DeskEndpoint *self)
{
  if (self == NULL)
    return;

  g_free (self->scheme);
  g_free (self->host);
  g_free (self->path);
  g_free (self->query);
  g_free (self->fragment);
  g_free (self);
}

static int
default_port (const char *scheme)
{
  if (g_str_equal (scheme, "http") || g_str_equal (scheme, "ws"))
    return 80;
  if (g_str_equal (scheme, "https") || g_str_equal (scheme, "wss"))
    return 443;

  return -1;
}

/* Browsers hand us URIs their own parser encoded, so whitespace or a control character means
 * the string did not come from a navigation (or was pasted with junk): it is not a URI. */
static gboolean
has_space_or_control (const char *text,
                      gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if ((guchar) text[i] <= ' ' || text[i] == 0x7f)
        return TRUE;
    }

  return FALSE;
}

/* %XX becomes the byte; a '%' that starts no escape stays, and sets @broken. */
static GString *
percent_decode (const char *text,
                gsize       length,
                gboolean   *broken)
{
  GString *decoded = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '%' && i + 2 < length &&
          g_ascii_isxdigit (text[i + 1]) && g_ascii_isxdigit (text[i + 2]))
        {
          g_string_append_c (decoded, (char) (g_ascii_xdigit_value (text[i + 1]) << 4 |
                                              g_ascii_xdigit_value (text[i + 2])));
          i += 2;
        }
      else
        {
          if (text[i] == '%' && broken != NULL)
            *broken = TRUE;
          g_string_append_c (decoded, text[i]);
        }
    }

  return decoded;
}

/* WHATWG "IPv4 number": decimal, octal with a leading 0, hex with 0x. */
static gboolean
parse_ipv4_number (const char *part,
                   gsize       length,
                   guint64    *value)
{
  guint base = 10;
  guint64 number = 0;

  if (length == 0)
    return FALSE;

  if (length >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X'))
    {
      base = 16;
      part += 2;
      length -= 2;
    }
  else if (length >= 2 && part[0] == '0')
    {
      base = 8;
      part++;
      length--;
    }

  for (gsize i = 0; i < length; i++)
    {
      int digit = g_ascii_xdigit_value (part[i]);

      if (digit < 0 || (guint) digit >= base || (base != 16 && !g_ascii_isdigit (part[i])))
        return FALSE;
      /* anything past 2^32 is out of range whatever follows: stop growing */
      if (number <= G_MAXUINT32)
        number = number * base + (guint) digit;
    }

  *value = number;
  return TRUE;
}

/* WHATWG "ends in a number": then the host must be an IPv4 address or it is invalid. */
static gboolean
ends_in_number (const char *host)
{
  const char *last = strrchr (host, '.');

  last = last != NULL ? last + 1 : host;
  if (*last == '\0')
    return FALSE;

  if (last[0] == '0' && (last[1] == 'x' || last[1] == 'X'))
    {
      for (const char *p = last + 2; *p != '\0'; p++)
        {
          if (!g_ascii_isxdigit (*p))
            return FALSE;
        }
      return TRUE;
    }

  for (const char *p = last; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static char *
parse_ipv4 (const char *host)
{
  g_auto(GStrv) parts = g_strsplit (host, ".", -1);
  guint n_parts = g_strv_length (parts);
  guint64 numbers[4];
  guint64 address;

  if (n_parts == 0 || n_parts > 4)
    return NULL;

  for (guint i = 0; i < n_parts; i++)
    {
      if (!parse_ipv4_number (parts[i], strlen (parts[i]), &numbers[i]))
        return NULL;
      if (i < n_parts - 1 && numbers[i] > 255)
        return NULL;
    }

  if (numbers[n_parts - 1] >= ((guint64) 1 << (8 * (5 - n_parts))))
    return NULL;

  address = numbers[n_parts - 1];
  for (guint i = 0; i < n_parts - 1; i++)
    address += numbers[i] << (8 * (3 - i));

  return g_strdup_printf ("%u.%u.%u.%u",
                          (guint) (address >> 24) & 0xff, (guint) (address >> 16) & 0xff,
                          (guint) (address >> 8) & 0xff, (guint) address & 0xff);
}

/* WHATWG's serialisation: lower-case hex, the first longest run of two or more zero pieces
 * compressed, no embedded IPv4 ("::ffff:127.0.0.1" is "::ffff:7f00:1"). */
static char *
serialize_ipv6 (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);
  GString *text = g_string_new ("[");
  guint pieces[8];
  int best_start = -1;
  int best_length = 1;

  for (int i = 0; i < 8; i++)
    pieces[i] = (guint) bytes[2 * i] << 8 | bytes[2 * i + 1];

  for (int i = 0; i < 8; i++)
    {
      int length = 0;

      while (i + length < 8 && pieces[i + length] == 0)
        length++;
      if (length > best_length)
        {
          best_start = i;
          best_length = length;
        }
    }

  for (int i = 0; i < 8; i++)
    {
      if (i == best_start)
        {
          g_string_append (text, i == 0 ? "::" : ":");
          i += best_length - 1;
          continue;
        }
      g_string_append_printf (text, "%x", pieces[i]);
      if (i < 7)
        g_string_append_c (text, ':');
    }

  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static char *
normalize_ipv6 (const char *literal,
                gsize       length)
{
  g_autofree char *text = g_strndup (literal, length);
  g_autoptr(GInetAddress) address = NULL;

  /* inet_pton takes no zone ("%25eth0"), as WHATWG takes none */
  if (strchr (text, ':') == NULL)
    return NULL;
  address = g_inet_address_new_from_string (text);
  if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
    return NULL;

  return serialize_ipv6 (address);
}

static gboolean
is_forbidden_host_char (guchar c)
{
  return c <= ' ' || c == 0x7f || strchr ("#%/:<>?@[\\]^|", c) != NULL;
}

char *
desk_endpoint_normalize_host (const char *host,
                              gssize      length)
{
  g_autoptr(GString) decoded = NULL;
  g_autofree char *ascii = NULL;
  gsize end;

  g_return_val_if_fail (host != NULL, NULL);

  if (length < 0)
    length = strlen (host);

  if (length > 0 && host[0] == '[')
    {
      if (host[length - 1] != ']')
        return NULL;
      return normalize_ipv6 (host + 1, length - 2);
    }

  decoded = percent_decode (host, length, NULL);
  if (memchr (decoded->str, '\0', decoded->len) != NULL ||
      !g_utf8_validate (decoded->str, decoded->len, NULL))
    return NULL;

  /* A bare IPv6 address, as GUri gives it without its brackets. */
  if (strchr (decoded->str, ':') != NULL)
    return normalize_ipv6 (decoded->str, decoded->len);

  /* IDN to its ASCII form; GLib's nameprep also folds case as UTS #46 does. */
  ascii = g_hostname_to_ascii (decoded->str);
  if (ascii == NULL)
    return NULL;
  for (char *p = ascii; *p != '\0'; p++)
    {
      if (is_forbidden_host_char ((guchar) *p))
        return NULL;
      *p = g_ascii_tolower (*p);
    }

  /* "yourapp.com." is the same host to DNS and to a server's virtual hosts. */
  end = strlen (ascii);
  while (end > 0 && ascii[end - 1] == '.')
    end--;
  if (end == 0)
    return NULL;
  ascii[end] = '\0';

  if (ends_in_number (ascii))
    return parse_ipv4 (ascii);

  return g_steal_pointer (&ascii);
}

typedef struct
{
  gsize start;
  gsize length;
} Segment;

static void
append_segment (GString    *result,
                const char *bytes,
                gsize       length)
{
  /* '%' and NUL escaped back, so that the result is one C string and "%2500" stays "%2500" */
  for (gsize i = 0; i < length; i++)
    {
      if (bytes[i] == '%')
        g_string_append (result, "%25");
      else if (bytes[i] == '\0')
        g_string_append (result, "%00");
      else
        g_string_append_c (result, bytes[i]);
    }
}

/* Decoded, separators merged, dot segments resolved; an empty path is "/". A trailing
 * separator is kept: "/callback/" is another path. */
static char *
normalize_path (const char *path,
                gsize       length,
                gboolean    special,
                gboolean   *broken)
{
  g_autoptr(GString) decoded = percent_decode (path, length, broken);
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  GString *result = g_string_new (NULL);
  gboolean trailing = FALSE;
  gsize start = 0;

  /* An opaque path ("myapp:callback") has no segments to resolve. */
  if (!special && decoded->len > 0 && decoded->str[0] != '/')
    {
      append_segment (result, decoded->str, decoded->len);
      return g_string_free (result, FALSE);
    }

  for (gsize i = 0; i <= decoded->len; i++)
    {
      char c = i < decoded->len ? decoded->str[i] : '/';
      Segment segment = { start, i - start };
      const char *text = decoded->str + start;
      gboolean pushed = FALSE;

      if (c != '/' && !(special && c == '\\'))
        continue;

      if (segment.length == 2 && text[0] == '.' && text[1] == '.')
        {
          if (segments->len > 0)
            g_array_set_size (segments, segments->len - 1);
        }
      else if (segment.length > 0 && !(segment.length == 1 && text[0] == '.'))
        {
          g_array_append_val (segments, segment);
          pushed = TRUE;
        }

      if (i == decoded->len)
        trailing = !pushed;
      start = i + 1;
    }

  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);

      g_string_append_c (result, '/');
      append_segment (result, decoded->str + segment->start, segment->length);
    }

  if (trailing || result->len == 0)
    g_string_append_c (result, '/');

  return g_string_free (result, FALSE);
}

/* The authority of a special URI: "[user[:password]@]host[:port]". */
static gboolean
parse_authority (DeskEndpoint *self,
                 const char   *authority,
                 gsize         length)
{
  const char *at = g_strrstr_len (authority, length, "@");
  const char *host = authority;
  const char *port = NULL;
  gsize host_length;

  if (at != NULL)
    {
      self->user_info = TRUE;
      host = at + 1;
    }
  host_length = authority + length - host;

  if (host_length > 0 && host[0] == '[')
    {
      const char *close = memchr (host, ']', host_length);

      if (close == NULL)
        return FALSE;
      if (close + 1 < host + host_length)
        {
          if (close[1] != ':')
            return FALSE;
          port = close + 2;
        }
      host_length = close + 1 - host;
    }
  else
    {
      const char *colon = memchr (host, ':', host_length);

      if (colon != NULL)
        {
          port = colon + 1;
          host_length = colon - host;
        }
    }

  self->port = default_port (self->scheme);
  if (port != NULL && port < authority + length)
    {
      guint64 number = 0;

      for (const char *p = port; p < authority + length; p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          number = number * 10 + (guint) (*p - '0');
          if (number > 65535)
            return FALSE;
        }
      self->port = (int) number;
    }

  self->host = host_length > 0 ? desk_endpoint_normalize_host (host, host_length) : NULL;

  return self->host != NULL;
}

static gboolean
parse_special (DeskEndpoint *self,
               const char   *rest)
{
  const char *authority = rest;
  const char *end;
  const char *query;
  const char *fragment;

  while (*authority == '/' || *authority == '\\')
    authority++;
  end = authority + strcspn (authority, "/\\?#");

  if (!parse_authority (self, authority, end - authority))
    return FALSE;

  fragment = strchr (end, '#');
  query = memchr (end, '?', (fragment != NULL ? fragment : end + strlen (end)) - end);
  if (fragment != NULL)
    self->fragment = g_strdup (fragment + 1);
  if (query != NULL)
    self->query = g_strndup (query + 1, (fragment != NULL ? fragment : query + strlen (query))
                                        - query - 1);

  self->path = normalize_path (end, (query != NULL ? query : fragment != NULL ? fragment
                                     : end + strlen (end)) - end, TRUE, &self->broken_escape);

  return TRUE;
}

/* Any other scheme ("myapp://callback", "com.example.app:/callback") is read by GUri. */
static gboolean
parse_other (DeskEndpoint *self,
             const char   *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  const char *host;
  const char *path;

  if (parsed == NULL)
    parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (parsed == NULL)
    return FALSE;

  host = g_uri_get_host (parsed);
  if (host != NULL && host[0] != '\0')
    {
      gsize end = strlen (host);

      while (end > 0 && host[end - 1] == '.')
        end--;
      self->host = g_ascii_strdown (host, end);
    }
  else if (host != NULL)
    self->host = g_strdup ("");

  self->port = g_uri_get_port (parsed);
  self->user_info = g_uri_get_userinfo (parsed) != NULL;
  self->query = g_strdup (g_uri_get_query (parsed));
  self->fragment = g_strdup (g_uri_get_fragment (parsed));
  path = g_uri_get_path (parsed);
  self->path = normalize_path (path, strlen (path), FALSE, &self->broken_escape);

  return TRUE;
}

DeskEndpoint *
desk_endpoint_parse (const char *uri)
{
  DeskEndpoint *self;
  const char *colon;
  gboolean parsed;

  if (uri == NULL || uri[0] == '\0' || has_space_or_control (uri, strlen (uri)))
    return NULL;

  colon = strchr (uri, ':');
  if (colon == NULL || colon == uri || !g_ascii_isalpha (uri[0]))
    return NULL;
  for (const char *p = uri; p < colon; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
        return NULL;
    }

  self = g_new0 (DeskEndpoint, 1);
  self->scheme = g_ascii_strdown (uri, colon - uri);
  self->port = -1;
  self->special = default_port (self->scheme) != -1;

  parsed = self->special ? parse_special (self, colon + 1) : parse_other (self, uri);
  if (!parsed)
    g_clear_pointer (&self, desk_endpoint_free);

  return self;
}

gboolean
desk_endpoint_same (const DeskEndpoint *a,
                    const DeskEndpoint *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_str_equal (a->scheme, b->scheme) &&
         g_strcmp0 (a->host, b->host) == 0 &&
         a->port == b->port &&
         g_str_equal (a->path, b->path);
}

char *
desk_endpoint_origin (const DeskEndpoint *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->host == NULL || self->host[0] == '\0')
    return NULL;

  if (self->port == -1 || self->port == default_port (self->scheme))
    return g_strdup_printf ("%s://%s", self->scheme, self->host);

  return g_strdup_printf ("%s://%s:%d", self->scheme, self->host, self->port);
}
