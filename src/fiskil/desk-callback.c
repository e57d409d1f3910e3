/* desk-callback.c — matching a navigation against the redirect and cancel URIs, and reading it
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here compares parsed, normalised URIs (design.md, "Callback matching"), never
 * strings. A configured URI must parse strictly. A candidate is what the browser is about to
 * load, so a broken escape in it ("?x=%zz") must not let a callback slip past interception:
 * it is parsed leniently, as browsers do, and its components compared all the same.
 */

#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include "desk-callback.h"

G_DEFINE_BOXED_TYPE (DeskCallback, desk_callback, desk_callback_copy, desk_callback_free)

static DeskCallbackParam *
desk_callback_param_new (char     *key,
                         char     *value,
                         gboolean  from_fragment)
{
  DeskCallbackParam *param = g_new0 (DeskCallbackParam, 1);

  param->key = key;
  param->value = value;
  param->from_fragment = from_fragment;

  return param;
}

static void
desk_callback_param_free (DeskCallbackParam *param)
{
  g_free (param->key);
  g_free (param->value);
  g_free (param);
}

static GPtrArray *
params_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) desk_callback_param_free);
}

/* Form decoding as browsers do it: '+' is a space, %XX is a byte, and a '%' that does not
 * start an escape stays as it is. The bytes may be anything, so the result is repaired into
 * valid UTF-8 (U+FFFD for each bad byte, an escaped NUL included). */
static char *
form_decode (const char *encoded,
             gsize       length)
{
  g_autoptr(GString) decoded = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (encoded[i] == '+')
        {
          g_string_append_c (decoded, ' ');
        }
      else if (encoded[i] == '%' && i + 2 < length &&
               g_ascii_isxdigit (encoded[i + 1]) && g_ascii_isxdigit (encoded[i + 2]))
        {
          g_string_append_c (decoded, (char) (g_ascii_xdigit_value (encoded[i + 1]) << 4 |
                                              g_ascii_xdigit_value (encoded[i + 2])));
          i += 2;
        }
      else
        {
          g_string_append_c (decoded, encoded[i]);
        }
    }

  return g_utf8_make_valid (decoded->str, decoded->len);
}

/* Appends the key=value pairs of a query or fragment to @params, in order, repeats kept. */
static void
parse_form (const char *encoded,
            gboolean    from_fragment,
            GPtrArray  *params)
{
  const char *pair = encoded;

  if (encoded == NULL)
    return;

  while (*pair != '\0')
    {
      const char *end = strchr (pair, '&');
      const char *equals;
      gsize length;

      length = end != NULL ? (gsize) (end - pair) : strlen (pair);
      equals = memchr (pair, '=', length);

      if (length > 0)
        {
          gsize key_length = equals != NULL ? (gsize) (equals - pair) : length;
          char *key = form_decode (pair, key_length);
          char *value = equals != NULL ? form_decode (equals + 1, length - key_length - 1)
                                       : g_strdup ("");

          g_ptr_array_add (params, desk_callback_param_new (key, value, from_fragment));
        }

      pair += length;
      if (*pair == '&')
        pair++;
    }
}

/* WebKit hands us URIs its own parser has already encoded, so whitespace or a control
 * character means the string did not come from a navigation: it never matches. */
static gboolean
has_raw_space_or_control (const char *uri)
{
  for (const char *p = uri; *p != '\0'; p++)
    {
      if ((guchar) *p <= ' ' || *p == 0x7f)
        return TRUE;
    }

  return FALSE;
}

static gboolean
scheme_is_web (const char *scheme)
{
  return g_str_equal (scheme, "http") || g_str_equal (scheme, "https");
}

/* G_URI_FLAGS_ENCODED keeps the escapes of path, query and fragment, so that "%2F" stays
 * distinct from "/" and "%26" from "&". With @lenient, a '%' that starts no escape is kept
 * as it is instead of failing the parse; everything else is as strict. */
static GUri *
parse_uri (const char *uri,
           gboolean    lenient)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;

  if (uri == NULL || uri[0] == '\0' || has_raw_space_or_control (uri))
    return NULL;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL && lenient)
    parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (parsed == NULL)
    return NULL;

  host = g_uri_get_host (parsed);
  if (scheme_is_web (g_uri_get_scheme (parsed)) && (host == NULL || host[0] == '\0'))
    return NULL;

  return g_steal_pointer (&parsed);
}

static int
get_effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port != -1)
    return port;

  /* GUri always gives the scheme in lower case */
  if (g_str_equal (g_uri_get_scheme (uri), "http"))
    return 80;

  if (g_str_equal (g_uri_get_scheme (uri), "https"))
    return 443;

  return -1;
}

/* Parsing with G_URI_FLAGS_ENCODED already applies RFC 3986 §6.2.2 to the path: escaped
 * unreserved characters are decoded ("%7E" is "~") and the hex digits of every other escape
 * upper-cased, while reserved escapes such as "%2F" stay distinct from "/" as they may mean
 * something else to the server. Only §6.2.3 is left: an empty path is "/". (test-callback
 * holds GLib to this.) */
static const char *
normalize_path (const char *path)
{
  return path[0] != '\0' ? path : "/";
}

static gboolean
nullable_ascii_equal (const char *a,
                      const char *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_ascii_strcasecmp (a, b) == 0;
}

static gboolean
params_contain (GPtrArray               *params,
                const DeskCallbackParam *wanted)
{
  for (guint i = 0; i < params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (params, i);

      if (g_str_equal (param->key, wanted->key) && g_str_equal (param->value, wanted->value))
        return TRUE;
    }

  return FALSE;
}

/* Every pair of the configured query must be in the candidate's query; anything else there
 * is the callback's payload. Compared form-decoded, so "a%20b" and "a+b" are the same. */
static gboolean
query_matches (const char *configured_query,
               const char *candidate_query)
{
  g_autoptr(GPtrArray) configured = params_new ();
  g_autoptr(GPtrArray) candidate = params_new ();

  parse_form (configured_query, FALSE, configured);
  parse_form (candidate_query, FALSE, candidate);

  for (guint i = 0; i < configured->len; i++)
    {
      if (!params_contain (candidate, g_ptr_array_index (configured, i)))
        return FALSE;
    }

  return TRUE;
}

gboolean
desk_callback_uri_matches (const char *configured,
                           const char *candidate)
{
  g_autoptr(GUri) configured_uri = parse_uri (configured, FALSE);
  g_autoptr(GUri) candidate_uri = parse_uri (candidate, TRUE);

  if (configured_uri == NULL || candidate_uri == NULL)
    return FALSE;

  /* "https://yourapp.com@evil.example/" is a host disguise; no callback carries user-info. */
  if (g_uri_get_userinfo (candidate_uri) != NULL)
    return FALSE;

  /* GUri gives the scheme in lower case, and international host names in ASCII form. */
  if (!g_str_equal (g_uri_get_scheme (configured_uri), g_uri_get_scheme (candidate_uri)) ||
      !nullable_ascii_equal (g_uri_get_host (configured_uri), g_uri_get_host (candidate_uri)) ||
      get_effective_port (configured_uri) != get_effective_port (candidate_uri))
    return FALSE;

  if (!g_str_equal (normalize_path (g_uri_get_path (configured_uri)),
                    normalize_path (g_uri_get_path (candidate_uri))))
    return FALSE;

  return query_matches (g_uri_get_query (configured_uri), g_uri_get_query (candidate_uri));
}

DeskCallbackMatch
desk_callback_match (const char *candidate,
                     const char *redirect_uri,
                     const char *cancel_uri)
{
  if (desk_callback_uri_matches (redirect_uri, candidate))
    return DESK_CALLBACK_MATCH_REDIRECT;

  if (desk_callback_uri_matches (cancel_uri, candidate))
    return DESK_CALLBACK_MATCH_CANCEL;

  return DESK_CALLBACK_MATCH_NONE;
}

const char *
desk_callback_match_to_string (DeskCallbackMatch match)
{
  switch (match)
    {
    case DESK_CALLBACK_MATCH_REDIRECT:
      return "redirect";

    case DESK_CALLBACK_MATCH_CANCEL:
      return "cancel";

    case DESK_CALLBACK_MATCH_NONE:
    default:
      return NULL;
    }
}

DeskCallback *
desk_callback_parse (const char *candidate,
                     const char *redirect_uri,
                     const char *cancel_uri)
{
  DeskCallbackMatch matched = desk_callback_match (candidate, redirect_uri, cancel_uri);
  g_autoptr(GUri) uri = NULL;
  DeskCallback *self;

  if (matched == DESK_CALLBACK_MATCH_NONE)
    return NULL;

  uri = parse_uri (candidate, TRUE);
  g_assert (uri != NULL);

  self = g_new0 (DeskCallback, 1);
  self->uri = g_strdup (candidate);
  self->matched = matched;
  self->params = params_new ();

  /* Query first, then fragment: an implicit-flow style callback puts its payload after "#". */
  parse_form (g_uri_get_query (uri), FALSE, self->params);
  parse_form (g_uri_get_fragment (uri), TRUE, self->params);

  return self;
}

DeskCallback *
desk_callback_copy (const DeskCallback *self)
{
  DeskCallback *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DeskCallback, 1);
  copy->uri = g_strdup (self->uri);
  copy->matched = self->matched;
  copy->too_large = self->too_large;
  copy->params = params_new ();

  for (guint i = 0; i < self->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (self->params, i);

      g_ptr_array_add (copy->params, desk_callback_param_new (g_strdup (param->key),
                                                              g_strdup (param->value),
                                                              param->from_fragment));
    }

  return copy;
}

void
desk_callback_free (DeskCallback *self)
{
  if (self == NULL)
    return;

  g_free (self->uri);
  g_clear_pointer (&self->params, g_ptr_array_unref);
  g_free (self);
}

const char *
desk_callback_get_param (const DeskCallback *self,
                         const char         *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < self->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (self->params, i);

      if (g_str_equal (param->key, key))
        return param->value;
    }

  return NULL;
}

gboolean
desk_callback_is_failure (const DeskCallback *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* fiskil-api.md §7: error parameters make a failure whichever URI was reached. */
  return desk_callback_get_param (self, "error") != NULL ||
         desk_callback_get_param (self, "error_type") != NULL ||
         self->matched == DESK_CALLBACK_MATCH_CANCEL;
}

void
desk_callback_add_form_params (DeskCallback *self,
                               const char   *form_body)
{
  g_return_if_fail (self != NULL);

  parse_form (form_body, FALSE, self->params);
}

DeskSessionCheck
desk_callback_check_session (const DeskCallback *self,
                             const char         *session_id)
{
  const char *carried;

  g_return_val_if_fail (self != NULL, DESK_SESSION_CHECK_ABSENT);

  carried = desk_callback_get_param (self, "session_id");
  if (carried == NULL)
    return DESK_SESSION_CHECK_ABSENT;

  return g_strcmp0 (carried, session_id) == 0 ? DESK_SESSION_CHECK_MATCH
                                              : DESK_SESSION_CHECK_MISMATCH;
}

const char *
desk_session_check_to_string (DeskSessionCheck check)
{
  switch (check)
    {
    case DESK_SESSION_CHECK_MATCH:
      return "match";
    case DESK_SESSION_CHECK_MISMATCH:
      return "mismatch";
    case DESK_SESSION_CHECK_ABSENT:
      return "absent";
    default:
      g_return_val_if_reached (NULL);
    }
}
