/* desk-callback.c — matching a navigation against the redirect and cancel URIs, and reading it
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Callback matching": fail safe. Both URIs are reduced to their endpoint
 * (desk-endpoint.c) before they are compared, so no spelling of the callback address — a
 * trailing dot, user-info, doubled slashes, WebKit's own re-encoding — can let it load. A
 * broken escape ("?x=%zz") is read as browsers read it: kept as it is.
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "desk-callback.h"
#include "desk-endpoint-private.h"

G_DEFINE_BOXED_TYPE (DeskCallback, desk_callback, desk_callback_copy, desk_callback_free)

static DeskCallbackParam *
desk_callback_param_new (char               *key,
                         char               *value,
                         DeskCallbackSource  source)
{
  DeskCallbackParam *param = g_new0 (DeskCallbackParam, 1);

  param->key = key;
  param->value = value;
  param->source = source;
  param->from_fragment = source == DESK_CALLBACK_SOURCE_FRAGMENT;

  return param;
}

static void
desk_callback_param_free (DeskCallbackParam *param)
{
  g_free (param->key);
  g_free (param->value);
  g_free (param);
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

typedef void (*PairFunc) (const char *pair,
                          gsize       pair_length,
                          gsize       key_length,  /* pair_length when there is no '=' */
                          gpointer    user_data);

/* Calls @func for each non-empty "key[=value]" of @encoded, in order; stops when it returns
 * FALSE through @stop. One pass: linear in the length. */
static void
for_each_pair (const char *encoded,
               gsize       length,
               PairFunc    func,
               gboolean   *stop,
               gpointer    user_data)
{
  const char *pair = encoded;
  const char *end = encoded + length;

  while (pair < end && !*stop)
    {
      const char *amp = memchr (pair, '&', end - pair);
      gsize pair_length = (amp != NULL ? amp : end) - pair;
      const char *equals = memchr (pair, '=', pair_length);

      if (pair_length > 0)
        func (pair, pair_length, equals != NULL ? (gsize) (equals - pair) : pair_length,
              user_data);
      pair += pair_length + 1;
    }
}

static char *
pair_value (const char *pair,
            gsize       pair_length,
            gsize       key_length)
{
  if (key_length == pair_length)
    return g_strdup ("");

  return form_decode (pair + key_length + 1, pair_length - key_length - 1);
}

/* -- Matching ---------------------------------------------------------------------------- */

typedef struct
{
  GHashTable *wanted;  /* "len:key=value" of each configured pair not seen yet */
  gboolean    done;
} QueryMatch;

static char *
pair_id (const char *key,
         const char *value)
{
  return g_strdup_printf ("%" G_GSIZE_FORMAT ":%s=%s", strlen (key), key, value);
}

static void
collect_wanted (const char *pair,
                gsize       pair_length,
                gsize       key_length,
                gpointer    user_data)
{
  QueryMatch *match = user_data;
  g_autofree char *key = form_decode (pair, key_length);
  g_autofree char *value = pair_value (pair, pair_length, key_length);

  g_hash_table_add (match->wanted, pair_id (key, value));
}

static void
cross_off (const char *pair,
           gsize       pair_length,
           gsize       key_length,
           gpointer    user_data)
{
  QueryMatch *match = user_data;
  g_autofree char *key = form_decode (pair, key_length);
  g_autofree char *value = pair_value (pair, pair_length, key_length);
  g_autofree char *id = pair_id (key, value);

  g_hash_table_remove (match->wanted, id);
  match->done = g_hash_table_size (match->wanted) == 0;
}

/* Every pair of the configured query must be in the candidate's query; anything else there
 * is the callback's payload. Compared form-decoded ("a%20b" is "a+b"), in one pass. */
static gboolean
query_matches (const char *configured_query,
               const char *candidate_query)
{
  QueryMatch match = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), FALSE };
  gboolean never = FALSE;
  gboolean matches;

  if (configured_query != NULL)
    for_each_pair (configured_query, strlen (configured_query), collect_wanted, &never, &match);

  match.done = g_hash_table_size (match.wanted) == 0;
  if (!match.done && candidate_query != NULL)
    for_each_pair (candidate_query, strlen (candidate_query), cross_off, &match.done, &match);

  matches = match.done;
  g_hash_table_unref (match.wanted);

  return matches;
}

gboolean
desk_callback_uri_reaches_endpoint (const char *configured,
                                    const char *candidate)
{
  g_autoptr(DeskEndpoint) configured_endpoint = desk_endpoint_parse (configured);
  g_autoptr(DeskEndpoint) candidate_endpoint = NULL;

  if (configured_endpoint == NULL)
    return FALSE;

  candidate_endpoint = desk_endpoint_parse (candidate);

  return candidate_endpoint != NULL &&
         desk_endpoint_same (configured_endpoint, candidate_endpoint);
}

gboolean
desk_callback_uri_matches (const char *configured,
                           const char *candidate)
{
  g_autoptr(DeskEndpoint) configured_endpoint = desk_endpoint_parse (configured);
  g_autoptr(DeskEndpoint) candidate_endpoint = NULL;

  if (configured_endpoint == NULL)
    return FALSE;

  candidate_endpoint = desk_endpoint_parse (candidate);
  if (candidate_endpoint == NULL || !desk_endpoint_same (configured_endpoint, candidate_endpoint))
    return FALSE;

  /* The fragment is not part of matching: a server never sees it. */
  return query_matches (configured_endpoint->query, candidate_endpoint->query);
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

DeskCallbackMatch
desk_callback_match_endpoint (const char *candidate,
                              const char *redirect_uri,
                              const char *cancel_uri)
{
  if (desk_callback_uri_reaches_endpoint (redirect_uri, candidate))
    return DESK_CALLBACK_MATCH_REDIRECT;

  if (desk_callback_uri_reaches_endpoint (cancel_uri, candidate))
    return DESK_CALLBACK_MATCH_CANCEL;

  return DESK_CALLBACK_MATCH_NONE;
}

char *
desk_callback_check_configured_uri (const char *uri)
{
  g_autoptr(DeskEndpoint) endpoint = NULL;
  g_autofree char *with_session = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  endpoint = desk_endpoint_parse (uri);
  if (endpoint == NULL)
    {
      if (strchr (uri, ':') != NULL && g_uri_peek_scheme (uri) != NULL)
        return g_strdup (_("The host or port of this URI is not valid, so the callback could "
                           "not be recognised. Check the part after “//”."));
      return g_strdup (_("Enter an absolute URI, such as “https://example.com/callback”."));
    }

  if (endpoint->special && endpoint->host == NULL)
    return g_strdup (_("Add a host name, as in “https://example.com/callback”."));

  /* "%zz" reads differently in different servers: which endpoint it names is unknowable. */
  if (endpoint->broken_escape)
    /* xgettext: no-c-format */
    return g_strdup (_("The URI contains a “%” that does not start an escape such as “%20”. "
                       "Write a percent sign as “%25”."));

  /* The invariants the matcher relies on, checked rather than assumed. */
  with_session = g_strconcat (uri, endpoint->query != NULL ? "&" : "?", "session_id=x", NULL);
  if (endpoint->fragment == NULL &&
      (!desk_callback_uri_matches (uri, uri) || !desk_callback_uri_matches (uri, with_session)))
    return g_strdup (_("This URI can’t be compared safely with the address the browser "
                       "reaches. Use a plain https URI, such as "
                       "“https://example.com/callback”."));

  return NULL;
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

const char *
desk_callback_via_to_string (DeskCallbackVia via)
{
  switch (via)
    {
    case DESK_CALLBACK_VIA_MESSAGE:
      return "message";

    case DESK_CALLBACK_VIA_PASTED:
      return "pasted";

    case DESK_CALLBACK_VIA_CONSENT_CHECK:
      return "consent-check";

    case DESK_CALLBACK_VIA_NAVIGATION:
    default:
      return "navigation";
    }
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
    default:
      return "absent";
    }
}

/* -- The callback and its parameters ----------------------------------------------------- */

typedef struct
{
  DeskCallback       *self;
  DeskCallbackSource  source;
  gsize               bytes;  /* of encoded pairs read so far, this call included */
} FormReading;

/* Bytes of encoded parameters already read into @self, for the DESK_CALLBACK_MAX_BYTES limit. */
static gsize
params_bytes (const DeskCallback *self)
{
  gsize bytes = 0;

  for (guint i = 0; i < self->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (self->params, i);

      bytes += strlen (param->key) + strlen (param->value) + 2;
    }

  return bytes;
}

static void
read_pair (const char *pair,
           gsize       pair_length,
           gsize       key_length,
           gpointer    user_data)
{
  FormReading *reading = user_data;
  DeskCallback *self = reading->self;

  reading->bytes += pair_length + 1;
  if (self->params->len >= DESK_CALLBACK_MAX_PARAMS || reading->bytes > DESK_CALLBACK_MAX_BYTES)
    {
      self->too_large = TRUE;
      return;
    }

  g_ptr_array_add (self->params,
                   desk_callback_param_new (form_decode (pair, key_length),
                                            pair_value (pair, pair_length, key_length),
                                            reading->source));
}

void
desk_callback_add_form (DeskCallback       *self,
                        const char         *encoded,
                        gssize              length,
                        DeskCallbackSource  source)
{
  FormReading reading = { self, source, 0 };

  g_return_if_fail (self != NULL);

  if (encoded == NULL)
    return;
  if (length < 0)
    length = strlen (encoded);

  reading.bytes = params_bytes (self);
  /* read_pair sets too_large; stopping on it keeps a 60,000-pair query linear and short */
  for_each_pair (encoded, length, read_pair, &self->too_large, &reading);
}

void
desk_callback_add_form_params (DeskCallback *self,
                               const char   *form_body)
{
  g_return_if_fail (self != NULL);

  desk_callback_add_form (self, form_body, -1, DESK_CALLBACK_SOURCE_FORM);
}

void
desk_callback_add_param (DeskCallback       *self,
                         const char         *key,
                         const char         *value,
                         DeskCallbackSource  source)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  if (value == NULL)
    value = "";

  if (self->params->len >= DESK_CALLBACK_MAX_PARAMS ||
      params_bytes (self) + strlen (key) + strlen (value) + 2 > DESK_CALLBACK_MAX_BYTES)
    {
      self->too_large = TRUE;
      return;
    }

  g_ptr_array_add (self->params,
                   desk_callback_param_new (g_utf8_make_valid (key, -1),
                                            g_utf8_make_valid (value, -1), source));
}

DeskCallback *
desk_callback_new (const char        *uri,
                   DeskCallbackMatch  matched,
                   DeskCallbackVia    via)
{
  DeskCallback *self = g_new0 (DeskCallback, 1);

  self->uri = g_strdup (uri);
  self->matched = matched;
  self->via = via;
  self->params = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_callback_param_free);

  return self;
}

DeskCallback *
desk_callback_parse (const char *candidate,
                     const char *redirect_uri,
                     const char *cancel_uri)
{
  DeskCallbackMatch matched = desk_callback_match (candidate, redirect_uri, cancel_uri);
  g_autoptr(DeskEndpoint) endpoint = NULL;
  DeskCallback *self;

  if (matched == DESK_CALLBACK_MATCH_NONE)
    return NULL;

  endpoint = desk_endpoint_parse (candidate);
  g_assert (endpoint != NULL);

  self = desk_callback_new (candidate, matched, DESK_CALLBACK_VIA_NAVIGATION);
  self->user_info = endpoint->user_info;

  /* Query first, then fragment: an implicit-flow style callback puts its payload after "#". */
  desk_callback_add_form (self, endpoint->query, -1, DESK_CALLBACK_SOURCE_QUERY);
  desk_callback_add_form (self, endpoint->fragment, -1, DESK_CALLBACK_SOURCE_FRAGMENT);
  self->too_large |= strlen (candidate) > DESK_CALLBACK_MAX_BYTES;

  return self;
}

DeskCallback *
desk_callback_parse_pasted (const char *text,
                            const char *redirect_uri,
                            const char *cancel_uri)
{
  g_autofree char *stripped = NULL;
  DeskCallback *self;

  if (text == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (text));
  self = desk_callback_parse (stripped, redirect_uri, cancel_uri);
  if (self != NULL)
    self->via = DESK_CALLBACK_VIA_PASTED;

  return self;
}

DeskCallback *
desk_callback_copy (const DeskCallback *self)
{
  DeskCallback *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = desk_callback_new (self->uri, self->matched, self->via);
  copy->message = self->message != NULL ? json_node_copy (self->message) : NULL;
  copy->user_info = self->user_info;
  copy->too_large = self->too_large;

  for (guint i = 0; i < self->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (self->params, i);

      g_ptr_array_add (copy->params, desk_callback_param_new (g_strdup (param->key),
                                                              g_strdup (param->value),
                                                              param->source));
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
  g_clear_pointer (&self->message, json_node_unref);
  g_free (self);
}

const char *
desk_callback_get_param (const DeskCallback *self,
                         const char         *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  /* At most DESK_CALLBACK_MAX_PARAMS to look through. */
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

  /* fiskil-api.md §7: error parameters make a failure whichever URI was reached. A callback
   * cut short may have lost its error among the dropped parameters: never a success. */
  return self->too_large ||
         desk_callback_get_param (self, "error") != NULL ||
         desk_callback_get_param (self, "error_type") != NULL ||
         self->matched == DESK_CALLBACK_MATCH_CANCEL;
}

DeskSessionCheck
desk_callback_check_session (const DeskCallback *callback,
                             const char         *session_id)
{
  const char *carried;

  g_return_val_if_fail (callback != NULL, DESK_SESSION_CHECK_ABSENT);

  carried = desk_callback_get_param (callback, "session_id");
  if (carried == NULL)
    return DESK_SESSION_CHECK_ABSENT;

  /* Without a session of ours to compare, a carried session_id can't be ours: fail safe. */
  return g_strcmp0 (carried, session_id) == 0 ? DESK_SESSION_CHECK_MATCH
                                              : DESK_SESSION_CHECK_MISMATCH;
}
