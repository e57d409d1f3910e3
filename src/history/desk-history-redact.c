/* desk-history-redact.c — keeps secrets out of the history, whatever a caller hands over
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include <string.h>

#include "desk-history-private.h"

#define HIDDEN "[hidden]"

/* The engine never hands over a secret; this is the second line of defence, so it errs on the
 * side of hiding: credentials by name, in JSON members, in name/value header pairs, in form or
 * query strings, in JSON text inside strings, and bearer or basic credentials anywhere. */
static const char * const secret_names[] = {
  "client_secret", "access_token", "refresh_token", "id_token", "token", "authorization",
  "proxy_authorization", "password", "secret", "api_key", "apikey", "cookie", "set_cookie",
};

static gboolean
is_secret_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  g_strdelimit (lower, "-", '_');
  for (gsize i = 0; i < G_N_ELEMENTS (secret_names); i++)
    if (strcmp (lower, secret_names[i]) == 0)
      return TRUE;
  return g_str_has_suffix (lower, "_token") || g_str_has_suffix (lower, "_secret") ||
         strstr (lower, "password") != NULL;
}

typedef struct
{
  GRegex *pairs;   /* client_secret=…, token=… in a query or form body */
  GRegex *json;    /* "client_secret": "…" inside a string */
  GRegex *scheme;  /* Bearer …, Basic … */
} Patterns;

static Patterns *
patterns_new (gpointer data)
{
  Patterns *patterns = g_new0 (Patterns, 1);
  const char *names = "(?:client_secret|access_token|refresh_token|id_token|token|password"
                      "|authorization|api_key|apikey)";
  g_autofree char *pairs = g_strdup_printf ("(?i)(^|[?&;\\s\"'{,])(%s=)[^&#\\s\"']*", names);
  g_autofree char *json = g_strdup_printf ("(?i)(\\\\?\"%s\\\\?\"\\s*:\\s*\\\\?\")"
                                           "(?:[^\"\\\\]|\\\\[^\"])*", names);

  patterns->pairs = g_regex_new (pairs, G_REGEX_OPTIMIZE, 0, NULL);
  patterns->json = g_regex_new (json, G_REGEX_OPTIMIZE, 0, NULL);
  /* "Basic" only before something credential-sized: not the next word of "basic details". */
  patterns->scheme = g_regex_new ("(?i)\\b(bearer\\s+|basic\\s+(?=[A-Za-z0-9+/=]{16,}))"
                                  "[A-Za-z0-9._~+/=-]+",
                                  G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (patterns->pairs && patterns->json && patterns->scheme);
  return patterns;
}

static Patterns *
patterns_get (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, (GThreadFunc) patterns_new, NULL);
}

char *
desk_history_redact_string (const char *text)
{
  Patterns *patterns = patterns_get ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  a = g_regex_replace (patterns->pairs, text, -1, 0, "\\1\\2" HIDDEN, 0, NULL);
  b = g_regex_replace (patterns->json, a ? a : text, -1, 0, "\\1" HIDDEN, 0, NULL);
  return g_regex_replace (patterns->scheme, b ? b : text, -1, 0, "\\1" HIDDEN, 0, NULL);
}

static void
redact_object (JsonObject *object)
{
  g_autoptr(GList) names = json_object_get_members (object);
  JsonNode *name = json_object_get_member (object, "name");
  gboolean header_pair = name != NULL && JSON_NODE_HOLDS_VALUE (name) &&
                         json_node_get_value_type (name) == G_TYPE_STRING &&
                         is_secret_name (json_node_get_string (name));

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_NULL (member))
        continue;
      if (is_secret_name (l->data) || (header_pair && strcmp (l->data, "value") == 0))
        json_object_set_string_member (object, l->data, HIDDEN);
      else
        desk_history_redact (member);
    }
}

void
desk_history_redact (JsonNode *node)
{
  g_return_if_fail (node != NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      redact_object (json_node_get_object (node));
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          desk_history_redact (json_array_get_element (array, i));
      }
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autofree char *clean = desk_history_redact_string (json_node_get_string (node));
          if (g_strcmp0 (clean, json_node_get_string (node)) != 0)
            json_node_set_string (node, clean);
        }
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}
