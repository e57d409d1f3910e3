/* test-navigation.c — the web view's rules: loopback, origins, address verdicts, TLS sentences,
 * and the content filters that keep sub-resources away from the callback endpoints
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "desk-callback.h"
#include "desk-navigation.h"

#define REDIRECT "https://yourapp.com/callback?tenant=acme"
#define CANCEL   "https://yourapp.com/cancel"

/* -- Loopback ---------------------------------------------------------------------------- */

typedef struct
{
  const char *host;
  gboolean    loopback;
} LoopbackCase;

static const LoopbackCase loopback_cases[] = {
  { "localhost", TRUE },
  { "LocalHost", TRUE },
  { "localhost.", TRUE },  /* consistent with the matcher: a trailing dot is ignored */
  { "127.0.0.1", TRUE },
  { "127.0.0.1.", TRUE },
  { "127.1", TRUE },
  { "127.255.255.254", TRUE },
  { "0x7f.0.0.1", TRUE },
  { "0x7F000001", TRUE },
  { "2130706433", TRUE },
  { "0177.0.0.1", TRUE },
  { "::1", TRUE },
  { "[::1]", TRUE },
  { "[0:0:0:0:0:0:0:1]", TRUE },
  { "::ffff:127.0.0.1", TRUE },
  { "[::ffff:7f00:1]", TRUE },
  { "", FALSE },
  { "128.0.0.1", FALSE },
  { "126.255.255.255", FALSE },
  { "0.0.0.0", FALSE },
  { "10.0.0.1", FALSE },
  { "localhost.example", FALSE },
  { "foo.localhost", FALSE },
  { "localhostx", FALSE },
  { "127.0.0.1.evil.example", FALSE },
  { "256.0.0.1", FALSE },
  { "::2", FALSE },
  { "[::ffff:8.8.8.8]", FALSE },
  { "[::1", FALSE },
  { "evil.example", FALSE },
};

static void
test_loopback (gconstpointer data)
{
  const LoopbackCase *test = data;

  g_assert_cmpint (desk_host_is_loopback (test->host), ==, test->loopback);
}

/* -- Origins ----------------------------------------------------------------------------- */

typedef struct
{
  const char *uri;
  const char *origin;
} OriginCase;

static const OriginCase origin_cases[] = {
  { "https://auth.fiskil.com", "https://auth.fiskil.com" },
  { "https://auth.fiskil.com/", "https://auth.fiskil.com" },
  { "HTTPS://AUTH.Fiskil.com:443/path?x=1#y", "https://auth.fiskil.com" },
  { "https://auth.fiskil.com./", "https://auth.fiskil.com" },
  { "https://u:p@auth.fiskil.com/", "https://auth.fiskil.com" },
  { "https://auth.fiskil.com:8443", "https://auth.fiskil.com:8443" },
  { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
  { "http://127.1:8080/x", "http://127.0.0.1:8080" },
  { "http://[::1]:80/", "http://[::1]" },
  { "http://[0::1]:8080", "http://[::1]:8080" },
  { "null", NULL },
  { "file://", NULL },
  { "file:///etc/passwd", NULL },
  { "", NULL },
  { "data:text/html,x", NULL },
  { "myapp://callback", NULL },
  { "https://", NULL },
  { "about:blank", NULL },
};

static void
test_origin (gconstpointer data)
{
  const OriginCase *test = data;
  g_autofree char *origin = desk_uri_origin (test->uri);

  g_assert_cmpstr (origin, ==, test->origin);
}

/* -- Address verdicts -------------------------------------------------------------------- */

typedef struct
{
  const char         *name;
  const char         *uri;
  DeskAddressVerdict  verdict;
  const char         *redirect_uri;  /* NULL: REDIRECT */
  const char         *cancel_uri;    /* NULL: CANCEL */
} ClassifyCase;

static const ClassifyCase classify_cases[] = {
  { "https", "https://bank.example/login", DESK_ADDRESS_ALLOWED },
  { "https-upper-case", "HTTPS://Bank.example", DESK_ADDRESS_ALLOWED },
  { "http-remote", "http://bank.example/", DESK_ADDRESS_REFUSED_INSECURE },
  { "http-loopback", "http://127.0.0.1:8080/consent", DESK_ADDRESS_ALLOWED },
  { "http-loopback-short", "http://127.1:8080/", DESK_ADDRESS_ALLOWED },
  { "http-loopback-hex", "http://0x7f.1/", DESK_ADDRESS_ALLOWED },
  { "http-localhost", "http://localhost:8080/", DESK_ADDRESS_ALLOWED },
  { "http-localhost-dot", "http://localhost.:8080/", DESK_ADDRESS_ALLOWED },
  { "http-ipv6-loopback", "http://[::1]:8080/", DESK_ADDRESS_ALLOWED },
  { "http-localhost-lookalike", "http://localhost.example/", DESK_ADDRESS_REFUSED_INSECURE },
  { "http-localhost-userinfo-disguise", "http://localhost@evil.example/",
    DESK_ADDRESS_REFUSED_INSECURE },
  { "http-ipv4-mapped-remote", "http://[::ffff:8.8.8.8]/", DESK_ADDRESS_REFUSED_INSECURE },
  { "about-blank", "about:blank", DESK_ADDRESS_ALLOWED },
  { "about-blank-case", "ABOUT:BLANK", DESK_ADDRESS_ALLOWED },
  { "about-srcdoc", "about:srcdoc", DESK_ADDRESS_ALLOWED },
  { "about-other", "about:config", DESK_ADDRESS_REFUSED_SCHEME },
  { "data", "data:text/html,<h1>hi</h1>", DESK_ADDRESS_REFUSED_SCHEME },
  { "blob", "blob:https://bank.example/5c1d", DESK_ADDRESS_REFUSED_SCHEME },
  { "javascript", "javascript:alert(1)", DESK_ADDRESS_REFUSED_SCHEME },
  { "mailto", "mailto:help@bank.example", DESK_ADDRESS_REFUSED_SCHEME },
  { "intent", "intent://open#Intent;scheme=bank;end", DESK_ADDRESS_REFUSED_SCHEME },
  { "bank-app", "commbank://login", DESK_ADDRESS_REFUSED_SCHEME },
  { "file", "file:///etc/passwd", DESK_ADDRESS_REFUSED_SCHEME },
  { "websocket", "wss://bank.example/", DESK_ADDRESS_REFUSED_SCHEME },
  { "empty", "", DESK_ADDRESS_REFUSED_SCHEME },
  { "not-a-uri", "not a uri", DESK_ADDRESS_REFUSED_SCHEME },
  { "https-bad-host", "https://256.0.0.1/", DESK_ADDRESS_REFUSED_SCHEME },

  /* The endpoints first, whatever the scheme rules say */
  { "callback", REDIRECT "&session_id=1", DESK_ADDRESS_CALLBACK },
  { "callback-cancel", CANCEL "?error=access_denied", DESK_ADDRESS_CALLBACK },
  { "callback-disguised", "https://u:p@YOURAPP.com.//callback?tenant=acme",
    DESK_ADDRESS_CALLBACK },
  { "callback-over-http", "http://yourapp.example/cb?session_id=1", DESK_ADDRESS_CALLBACK,
    "http://yourapp.example/cb" },
  { "callback-custom-scheme", "myapp://done?session_id=1", DESK_ADDRESS_CALLBACK,
    "myapp://done" },
  { "callback-data-scheme-is-still-refused", "data:text/html,x", DESK_ADDRESS_REFUSED_SCHEME,
    "myapp://done" },
  { "endpoint-without-parameters", "https://yourapp.com/callback?session_id=1",
    DESK_ADDRESS_ENDPOINT },
  { "endpoint-trailing-dot", "https://yourapp.com./callback", DESK_ADDRESS_ENDPOINT },
  { "endpoint-double-slash", "https://yourapp.com//callback#tenant=acme",
    DESK_ADDRESS_ENDPOINT },
  { "endpoint-over-http", "http://yourapp.example/cb", DESK_ADDRESS_ENDPOINT,
    "http://yourapp.example/cb?t=1" },

  /* Lookalikes load */
  { "lookalike-userinfo", "https://yourapp.com@evil.example/callback", DESK_ADDRESS_ALLOWED },
  { "lookalike-suffix", "https://yourapp.com.evil.example/callback", DESK_ADDRESS_ALLOWED },
  { "lookalike-prefix", "https://myyourapp.com/callback", DESK_ADDRESS_ALLOWED },
  { "lookalike-port", "https://yourapp.com:8443/callback", DESK_ADDRESS_ALLOWED },
  { "lookalike-scheme", "http://yourapp.com/callback", DESK_ADDRESS_REFUSED_INSECURE },
  { "lookalike-longer-path", "https://yourapp.com/callback/extra", DESK_ADDRESS_ALLOWED },
  { "lookalike-shorter-path", "https://yourapp.com/call", DESK_ADDRESS_ALLOWED },
};

static void
test_classify (gconstpointer data)
{
  const ClassifyCase *test = data;
  const char *redirect_uri = test->redirect_uri != NULL ? test->redirect_uri : REDIRECT;
  const char *cancel_uri = test->cancel_uri != NULL ? test->cancel_uri : CANCEL;

  g_assert_cmpstr (desk_address_verdict_to_string (desk_navigation_classify (test->uri,
                                                                             redirect_uri,
                                                                             cancel_uri)),
                   ==, desk_address_verdict_to_string (test->verdict));
}

static void
test_classify_null (void)
{
  g_assert_cmpint (desk_navigation_classify (NULL, REDIRECT, CANCEL), ==,
                   DESK_ADDRESS_REFUSED_SCHEME);
  g_assert_cmpint (desk_navigation_classify ("https://a.example/", NULL, NULL), ==,
                   DESK_ADDRESS_ALLOWED);
}

static void
test_user_info (void)
{
  g_assert_true (desk_uri_has_user_info ("https://u:p@yourapp.com/callback"));
  g_assert_true (desk_uri_has_user_info ("https://yourapp.com@evil.example/"));
  g_assert_true (desk_uri_has_user_info ("https://@yourapp.com/"));
  g_assert_false (desk_uri_has_user_info ("https://yourapp.com/callback?u=a@b"));
  g_assert_false (desk_uri_has_user_info ("https://yourapp.com/a@b"));
  g_assert_false (desk_uri_has_user_info ("not a uri"));
  g_assert_false (desk_uri_has_user_info (NULL));
}

static void
test_verdict_to_string (void)
{
  g_assert_cmpstr (desk_address_verdict_to_string (DESK_ADDRESS_ALLOWED), ==, "allowed");
  g_assert_cmpstr (desk_address_verdict_to_string (DESK_ADDRESS_CALLBACK), ==, "callback");
  g_assert_cmpstr (desk_address_verdict_to_string (DESK_ADDRESS_ENDPOINT), ==, "endpoint");
  g_assert_cmpstr (desk_address_verdict_to_string (DESK_ADDRESS_REFUSED_SCHEME), ==,
                   "refused-scheme");
  g_assert_cmpstr (desk_address_verdict_to_string (DESK_ADDRESS_REFUSED_INSECURE), ==,
                   "refused-insecure");
}

/* -- TLS --------------------------------------------------------------------------------- */

static void
test_tls_errors (void)
{
  g_autofree char *expired = desk_tls_errors_describe (G_TLS_CERTIFICATE_EXPIRED);
  g_autofree char *two = desk_tls_errors_describe (G_TLS_CERTIFICATE_UNKNOWN_CA |
                                                   G_TLS_CERTIFICATE_BAD_IDENTITY);
  g_autofree char *none = desk_tls_errors_describe (0);

  g_assert_cmpstr (expired, ==, "The certificate has expired.");
  g_assert_cmpstr (two, ==, "The certificate is not signed by a trusted authority. "
                            "The certificate does not belong to this address.");
  g_assert_cmpstr (none, ==, "The certificate could not be checked.");
}

/* -- Content filters --------------------------------------------------------------------- */

typedef struct
{
  const char         *name;
  const char         *redirect_uri;
  const char         *cancel_uri;
  guint               n_rules;
  const char * const *blocked;
  const char * const *loaded;
} FilterCase;

static const char * const web_blocked[] = {
  "https://yourapp.com/callback",
  "https://yourapp.com/callback?session_id=s1",
  "https://yourapp.com/callback?tenant=acme&session_id=s1#x",
  "https://YOURAPP.COM/callback",
  "https://yourapp.com./callback",
  "https://yourapp.com../callback",
  "https://u:p@yourapp.com/callback",
  "https://u@yourapp.com./callback",
  "https://yourapp.com:443/callback",
  "https://yourapp.com//callback",
  "https://yourapp.com///callback?x",
  "https://yourapp.com/%2Fcallback",
  "https://yourapp.com/%63allback",
  "https://yourapp.com/c%61llback?x=1",
  "https://yourapp.com/c%61LLB%61ck",
  "https://yourapp.com/callback/extra",
  "https://yourapp.com/cancel?error=access_denied",
  "wss://yourapp.com/callback",
  NULL,
};

static const char * const web_loaded[] = {
  "https://yourapp.com.evil.example/callback",
  "https://yourapp.com@evil.example/callback",
  "https://yourapp.com:443@evil.example/callback",
  "https://evil.example/callback",
  "https://evil.example/?u=https://yourapp.com/callback",
  "https://yourapp.com:8443/callback",
  "https://yourapp.com:4430/callback",
  "http://yourapp.com/callback",
  "https://yourapp.com/",
  "https://yourapp.com/other",
  "https://yourapp.com/app/callback",
  "https://xyourapp.com/callback",
  "https://yourapp.co/callback",
  "https://yourappXcom/callback",
  NULL,
};

static const char * const loopback_blocked[] = {
  "http://127.0.0.1:8080/cb%7Bx%7D",
  "http://127.0.0.1:8080/cb%7bx%7d?session_id=1",
  "http://127.0.0.1:8080/cb{x}",
  "http://127.0.0.1.:8080/cb%7Bx%7D",
  "ws://127.0.0.1:8080/cb%7Bx%7D",
  "http://localhost:8080/cancel?error=x",
  "http://localhost.:8080/cancel",
  NULL,
};

static const char * const loopback_loaded[] = {
  "http://127.0.0.1:8081/cb%7Bx%7D",
  "http://127.0.0.1/cb%7Bx%7D",
  "http://127.0.0.1:80/cb%7Bx%7D",
  "http://127.0.0.1:80800/cb%7Bx%7D",
  "http://127.0.0.2:8080/cb%7Bx%7D",
  "https://127.0.0.1:8080/cb%7Bx%7D",
  "http://localhost:8080/other",
  "http://127.0.0.1:8080/cancel",
  NULL,
};

static const char * const ipv6_blocked[] = {
  "http://[::1]:9000/done",
  "http://[::1]:9000/caf%C3%A9/x",
  "http://[::1]:9000/caf%c3%a9",
  NULL,
};

static const char * const ipv6_loaded[] = {
  "http://[::2]:9000/done",
  "http://[::1]:9001/done",
  "http://[::1]:9000/cafe",
  NULL,
};

static const char * const none[] = { NULL };

static const FilterCase filter_cases[] = {
  { "web", REDIRECT, CANCEL, 4, web_blocked, web_loaded },
  { "loopback", "http://127.1:8080/cb{x}", "http://LOCALHOST:8080/cancel", 4,
    loopback_blocked, loopback_loaded },
  { "ipv6-and-utf8", "http://[0::1]:9000/done", "http://[::1]:9000/café", 4,
    ipv6_blocked, ipv6_loaded },
  { "same-endpoint-once", REDIRECT, "https://yourapp.com/callback", 2, none, none },
  { "custom-scheme", "myapp://done", "com.example.app:/cancel", 0, none, none },
  { "unset", NULL, NULL, 0, none, none },
};

/* The url-filter subset WebKit compiles: no disjunction, no counted repetition, no built-in
 * classes, no word boundaries, ASCII only. */
static void
assert_webkit_subset (const char *regex)
{
  g_assert_true (g_str_is_ascii (regex));
  g_assert_true (regex[0] == '^');
  for (const char *p = regex; *p != '\0'; p++)
    {
      if (*p == '\\')
        {
          p++;
          g_assert_false (g_ascii_isalnum (*p));
          continue;
        }
      g_assert_cmpint (*p, !=, '|');
      g_assert_cmpint (*p, !=, '{');
    }
}

static gboolean
is_blocked (GPtrArray  *regexes,
            const char *url)
{
  for (guint i = 0; i < regexes->len; i++)
    {
      if (g_regex_match (g_ptr_array_index (regexes, i), url, 0, NULL))
        return TRUE;
    }

  return FALSE;
}

static void
test_content_filter (gconstpointer data)
{
  const FilterCase *test = data;
  g_autofree char *json = desk_navigation_content_filter_json (test->redirect_uri,
                                                               test->cancel_uri);
  g_autoptr(GPtrArray) regexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rules;

  root = json_from_string (json, NULL);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  rules = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (rules), ==, test->n_rules);

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      JsonObject *trigger = json_object_get_object_member (rule, "trigger");
      JsonObject *action = json_object_get_object_member (rule, "action");
      JsonArray *types = json_object_get_array_member (trigger, "resource-type");
      const char *filter = json_object_get_string_member (trigger, "url-filter");
      g_autoptr(GError) error = NULL;
      GRegex *regex;

      g_assert_cmpstr (json_object_get_string_member (action, "type"), ==, "block");
      g_assert_false (json_object_has_member (trigger, "url-filter-is-case-sensitive"));
      /* sub-resources of every kind; never "popup", which would hide a pop-up callback, nor
       * documents, which decide-policy catches exactly (lookalike pages must load) */
      g_assert_cmpuint (json_array_get_length (types), ==, 7);
      for (guint j = 0; j < json_array_get_length (types); j++)
        {
          const char *type = json_array_get_string_element (types, j);

          g_assert_cmpstr (type, !=, "popup");
          g_assert_cmpstr (type, !=, "document");
          g_assert_cmpstr (type, !=, "svg-document");
        }

      g_test_message ("url-filter: %s", filter);
      assert_webkit_subset (filter);
      /* WebKit's url-filter is case-insensitive unless the rule says otherwise */
      regex = g_regex_new (filter, G_REGEX_CASELESS, 0, &error);
      g_assert_no_error (error);
      g_ptr_array_add (regexes, regex);
    }

  for (guint i = 0; test->blocked[i] != NULL; i++)
    {
      g_test_message ("must block %s", test->blocked[i]);
      g_assert_true (is_blocked (regexes, test->blocked[i]));
    }

  for (guint i = 0; test->loaded[i] != NULL; i++)
    {
      g_test_message ("must load %s", test->loaded[i]);
      g_assert_false (is_blocked (regexes, test->loaded[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (loopback_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/navigation/loopback/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &loopback_cases[i], test_loopback);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (origin_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/navigation/origin/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &origin_cases[i], test_origin);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (classify_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/navigation/classify/%s",
                                               classify_cases[i].name);

      g_test_add_data_func (path, &classify_cases[i], test_classify);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (filter_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/navigation/content-filter/%s",
                                               filter_cases[i].name);

      g_test_add_data_func (path, &filter_cases[i], test_content_filter);
    }

  g_test_add_func ("/navigation/classify-null", test_classify_null);
  g_test_add_func ("/navigation/verdict-to-string", test_verdict_to_string);
  g_test_add_func ("/navigation/user-info", test_user_info);
  g_test_add_func ("/navigation/tls-errors", test_tls_errors);

  return g_test_run ();
}
