/* test-callback.c — callback matching, parameter reading and classification (design.md's rules)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "desk-fiskil.h"

#define REDIRECT "https://callback.example.com/callback"
#define CANCEL   "https://callback.example.com/cancel"

typedef enum
{
  CLASS_UNCHECKED,
  CLASS_SUCCESS,
  CLASS_FAILURE,
} Classification;

typedef struct
{
  const char *key;
  const char *value;  /* NULL: the key must be absent */
} ExpectedParam;

typedef struct
{
  const char        *name;
  const char        *candidate;
  const char        *redirect_uri;  /* NULL: REDIRECT */
  const char        *cancel_uri;    /* NULL: CANCEL */
  DeskCallbackMatch  match;
  Classification     classification;
  ExpectedParam      params[5];     /* first values read with desk_callback_get_param() */
  const char        *listed;        /* every parameter in order, "k=v&k=v", "#k=v" from the
                                     * fragment; NULL: not checked */
  gboolean           user_info;     /* the callback is flagged as carrying user-info */
  DeskCallbackMatch  endpoint;      /* desk_callback_match_endpoint(); NONE: as match */
} MatchCase;

#define NONE     DESK_CALLBACK_MATCH_NONE
#define TO_REDIR DESK_CALLBACK_MATCH_REDIRECT
#define TO_CANCL DESK_CALLBACK_MATCH_CANCEL

static const MatchCase match_cases[] = {
  /* The plain callbacks and their classification */
  { "exact-redirect", REDIRECT, NULL, NULL, TO_REDIR, CLASS_SUCCESS, { { NULL } }, "" },
  { "exact-cancel", CANCEL, NULL, NULL, TO_CANCL, CLASS_FAILURE, { { NULL } }, "" },
  { "redirect-with-session-id", REDIRECT "?session_id=ea564d-56012s4-6ds4564", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS, { { "session_id", "ea564d-56012s4-6ds4564" }, { "error", NULL } },
    "session_id=ea564d-56012s4-6ds4564" },
  { "redirect-with-error-is-failure", REDIRECT "?error=access_denied", NULL, NULL,
    TO_REDIR, CLASS_FAILURE, { { "error", "access_denied" } } },
  { "redirect-with-error-type-only-is-failure", REDIRECT "?error_type=CONSENT_TIMEOUT", NULL, NULL,
    TO_REDIR, CLASS_FAILURE, { { "error_type", "CONSENT_TIMEOUT" }, { "error", NULL } } },
  { "redirect-with-empty-error-is-failure", REDIRECT "?error=", NULL, NULL,
    TO_REDIR, CLASS_FAILURE, { { "error", "" } } },
  { "cancel-with-error", CANCEL "?error=server_error&error_type=CONSENT_UPSTREAM_PROCESSING_ERROR",
    NULL, NULL, TO_CANCL, CLASS_FAILURE,
    { { "error", "server_error" }, { "error_type", "CONSENT_UPSTREAM_PROCESSING_ERROR" } } },
  { "same-uri-for-both-is-redirect", CANCEL "?session_id=1", CANCEL, CANCEL,
    TO_REDIR, CLASS_SUCCESS },

  /* Hosts that only look alike */
  { "host-suffix-lookalike", "https://callback.example.com.evil.test/callback", NULL, NULL, NONE },
  { "host-prefix-lookalike", "https://evilcallback.example.com/callback", NULL, NULL, NONE },
  { "host-subdomain", "https://evil.callback.example.com/callback", NULL, NULL, NONE },
  { "host-parent-domain", "https://example.com/callback", NULL, NULL, NONE },
  /* issue 15 #1: the same host to DNS and to the server */
  { "host-trailing-dot", "https://callback.example.com./callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "host-trailing-dots", "https://callback.example.com../cancel?error=x", NULL, NULL,
    TO_CANCL, CLASS_FAILURE },
  { "host-trailing-dot-localhost", "http://localhost.:8080/callback?session_id=s1",
    "http://localhost:8080/callback", NULL, TO_REDIR, CLASS_SUCCESS, { { "session_id", "s1" } } },
  { "host-trailing-dot-configured", "https://yourapp.com/callback",
    "https://yourapp.com./callback", NULL, TO_REDIR, CLASS_SUCCESS },
  { "host-escaped", "https://callback%2Eexample.com/callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "host-fullwidth", "https://\xEF\xBD\x83" "allback.example.com/callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "host-only-dot-lookalike", "https://callback.example.com.x/callback", NULL, NULL, NONE },
  { "host-case-matches", "https://CALLBACK.Example.COM/callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "host-idn-matches-ascii-form", "https://xn--bcher-kva.example/callback?q=1",
    "https://bücher.example/callback", NULL, TO_REDIR, CLASS_SUCCESS, { { "q", "1" } } },
  { "host-idn-lookalike", "https://xn--bcher-kva.example/callback",
    "https://bucher.example/callback", NULL, NONE },

  /* User-info: ignored for matching (issue 15 #2), flagged as suspicious; disguises load */
  { "userinfo-disguise", "https://yourapp.com@evil.example/callback",
    "https://yourapp.com/callback", NULL, NONE },
  { "userinfo-disguise-default-uris", "https://callback.example.com@evil.example/callback",
    NULL, NULL, NONE },
  { "userinfo-disguise-with-port", "https://callback.example.com:443@evil.example/callback",
    NULL, NULL, NONE },
  { "userinfo-disguise-slash-escaped", "https://callback.example.com%2F@evil.example/callback",
    NULL, NULL, NONE },
  { "userinfo-on-right-host", "https://user@callback.example.com/callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS, .user_info = TRUE },
  { "userinfo-with-password", "https://user:secret@callback.example.com/cancel", NULL, NULL,
    TO_CANCL, CLASS_FAILURE, .user_info = TRUE },
  { "userinfo-empty", "https://@callback.example.com/callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS, .user_info = TRUE },
  { "userinfo-localhost", "http://u:p@localhost:8080/callback?session_id=s1",
    "http://localhost:8080/callback", NULL, TO_REDIR, CLASS_SUCCESS,
    { { "session_id", "s1" } }, .user_info = TRUE },
  { "userinfo-two-at-signs", "https://a@b@callback.example.com/callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS, .user_info = TRUE },

  /* Ports */
  { "port-other", "https://callback.example.com:8443/callback", NULL, NULL, NONE },
  { "port-default-https-explicit", "https://callback.example.com:443/callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "port-default-http-explicit", "http://localhost:80/done", "http://localhost/done", NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "port-https-default-on-http", "http://localhost:443/done", "http://localhost/done", NULL,
    NONE },
  { "port-configured-but-absent", REDIRECT, "https://callback.example.com:8443/callback", NULL,
    NONE },
  { "port-configured-and-equal", "https://callback.example.com:8443/callback?x=1",
    "https://callback.example.com:8443/callback", NULL, TO_REDIR, CLASS_SUCCESS },
  { "port-ipv6-loopback", "http://[::1]:8080/cb?code=7", "http://[::1]:8080/cb", NULL,
    TO_REDIR, CLASS_SUCCESS, { { "code", "7" } } },

  /* Schemes */
  { "scheme-other", "http://callback.example.com/callback", NULL, NULL, NONE },
  { "scheme-case-matches", "HTTPS://callback.example.com/callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "scheme-custom", "myapp://callback?session_id=abc", "myapp://callback", NULL,
    TO_REDIR, CLASS_SUCCESS, { { "session_id", "abc" } } },
  { "scheme-custom-case", "MyApp://callback", "myapp://callback", NULL, TO_REDIR, CLASS_SUCCESS },
  { "scheme-custom-cancel", "myapp://callback/cancel?error=access_denied", "myapp://callback",
    "myapp://callback/cancel", TO_CANCL, CLASS_FAILURE, { { "error", "access_denied" } } },
  { "scheme-custom-other-host", "myapp://callbackx", "myapp://callback", NULL, NONE },
  { "scheme-custom-vs-https", "https://callback", "myapp://callback", NULL, NONE },
  { "scheme-reverse-dns-no-authority", "com.example.app:/callback?session_id=1",
    "com.example.app:/callback", NULL, TO_REDIR, CLASS_SUCCESS, { { "session_id", "1" } } },

  /* Paths */
  { "path-case", "https://callback.example.com/Callback", NULL, NULL, NONE },
  { "path-prefix-longer", "https://callback.example.com/callback2", NULL, NULL, NONE },
  { "path-child", "https://callback.example.com/callback/extra", NULL, NULL, NONE },
  { "path-extension", "https://callback.example.com/callback.html", NULL, NULL, NONE },
  { "path-trailing-slash", "https://callback.example.com/callback/", NULL, NULL, NONE },
  { "path-shorter", "https://callback.example.com/callbac", NULL, NULL, NONE },
  { "path-root", "https://callback.example.com/", NULL, NULL, NONE },
  { "path-empty-equals-slash", "https://callback.example.com?session_id=1",
    "https://callback.example.com/", NULL, TO_REDIR, CLASS_SUCCESS, { { "session_id", "1" } } },
  { "path-slash-equals-empty", "https://callback.example.com/?session_id=1",
    "https://callback.example.com", NULL, TO_REDIR, CLASS_SUCCESS },
  { "path-escaped-tilde", "https://callback.example.com/%7Eapp/callback",
    "https://callback.example.com/~app/callback", NULL, TO_REDIR, CLASS_SUCCESS },
  { "path-escaped-tilde-lower-case-hex", "https://callback.example.com/~app/callback",
    "https://callback.example.com/%7eapp/callback", NULL, TO_REDIR, CLASS_SUCCESS },
  { "path-escaped-letters", "https://callback.example.com/%63%61llback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "path-escaped-capital-is-still-case-sensitive", "https://callback.example.com/%43allback",
    NULL, NULL, NONE },
  /* common servers decode before routing: fail safe */
  { "path-escaped-slash-is-a-separator", "https://callback.example.com/app%2Fcallback",
    "https://callback.example.com/app/callback", NULL, TO_REDIR, CLASS_SUCCESS },
  { "path-escaped-slash-hex-case", "https://callback.example.com/app%2fcallback",
    "https://callback.example.com/app%2Fcallback", NULL, TO_REDIR, CLASS_SUCCESS },
  { "path-utf8-escapes-equal-raw", "https://callback.example.com/caf%C3%A9",
    "https://callback.example.com/café", NULL, TO_REDIR, CLASS_SUCCESS },
  /* RFC 3986 §5.2.4: the same resource, and what a browser would request */
  { "path-dot-segments", "https://callback.example.com/app/../callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "path-dot-segments-escaped", "https://callback.example.com/app/%2e%2E/callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "path-dot-segment-single", "https://callback.example.com/./callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "path-dot-segments-above-root", "https://callback.example.com/../../callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "path-dot-segment-trailing", "https://callback.example.com/callback/.", NULL, NULL, NONE },
  { "path-dots-in-name", "https://callback.example.com/callback..", NULL, NULL, NONE },

  /* issue 15 #3: repeated slashes and backslashes reach the same handler */
  { "path-double-slash", "https://callback.example.com//callback?session_id=1", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS, { { "session_id", "1" } } },
  { "path-many-slashes", "https://callback.example.com///callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "path-inner-double-slash", "https://callback.example.com/app//callback",
    "https://callback.example.com/app/callback", NULL, TO_REDIR, CLASS_SUCCESS },
  { "path-backslash", "https://callback.example.com/\\callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "path-backslash-after-host", "https://callback.example.com\\callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "path-backslashes-everywhere", "https:\\\\callback.example.com\\cancel?error=x", NULL,
    NULL, TO_CANCL, CLASS_FAILURE },
  { "path-escaped-backslash", "https://callback.example.com/%5Ccallback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "path-no-slashes-after-scheme", "https:callback.example.com/callback", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "path-double-slash-configured", REDIRECT, "https://callback.example.com//callback", NULL,
    TO_REDIR, CLASS_SUCCESS },

  /* issue 15 #4: what validation accepts and WebKit re-encodes still matches itself */
  { "reencoded-braces", "https://callback.example.com/cb%7Bx%7D",
    "https://callback.example.com/cb{x}", NULL, TO_REDIR, CLASS_SUCCESS },
  { "reencoded-braces-lower-hex", "https://callback.example.com/cb%7bx%7d",
    "https://callback.example.com/cb{x}", NULL, TO_REDIR, CLASS_SUCCESS },
  { "reencoded-braces-configured-escaped", "https://callback.example.com/cb{x}",
    "https://callback.example.com/cb%7Bx%7D", NULL, TO_REDIR, CLASS_SUCCESS },
  { "reencoded-backtick-quote", "https://callback.example.com/a%60b%22c",
    "https://callback.example.com/a`b\"c", NULL, TO_REDIR, CLASS_SUCCESS },
  { "reencoded-pipe-caret", "https://callback.example.com/a%7Cb%5Ec",
    "https://callback.example.com/a|b^c", NULL, TO_REDIR, CLASS_SUCCESS },
  { "reencoded-pipe-caret-raw", "https://callback.example.com/a|b^c",
    "https://callback.example.com/a%7cb%5ec", NULL, TO_REDIR, CLASS_SUCCESS },
  { "reencoded-percent", "https://callback.example.com/100%25",
    "https://callback.example.com/100%25", NULL, TO_REDIR, CLASS_SUCCESS },
  { "reencoded-percent-not-double-decoded", "https://callback.example.com/a%252F",
    "https://callback.example.com/a/", NULL, NONE },
  { "ipv4-short", "http://127.0.0.1:8080/callback", "http://127.1:8080/callback", NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "ipv4-short-candidate", "http://127.1:8080/callback", "http://127.0.0.1:8080/callback",
    NULL, TO_REDIR, CLASS_SUCCESS },
  { "ipv4-hex", "http://0x7f.0.0.1:8080/callback", "http://127.0.0.1:8080/callback", NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "ipv4-hex-whole", "http://0x7F000001:8080/callback", "http://127.0.0.1:8080/callback",
    NULL, TO_REDIR, CLASS_SUCCESS },
  { "ipv4-decimal", "http://2130706433:8080/callback", "http://127.0.0.1:8080/callback", NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "ipv4-octal", "http://0177.0.0.01:8080/callback", "http://127.0.0.1:8080/callback", NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "ipv4-three-parts", "http://127.0.1:8080/callback", "http://127.0.0.1:8080/callback", NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "ipv4-trailing-dot", "http://127.0.0.1.:8080/callback", "http://127.0.0.1:8080/callback",
    NULL, TO_REDIR, CLASS_SUCCESS },
  { "ipv4-other-address", "http://127.0.0.2:8080/callback", "http://127.1:8080/callback", NULL,
    NONE },
  { "ipv4-out-of-range", "http://256.0.0.1:8080/callback", "http://256.0.0.1:8080/callback",
    NULL, NONE },
  { "ipv4-five-parts", "http://1.2.3.4.5/callback", "http://1.2.3.4.5/callback", NULL, NONE },
  { "ipv4-bad-octal", "http://09.0.0.1/callback", "http://9.0.0.1/callback", NULL, NONE },
  { "ipv4-mapped-ipv6", "http://[::ffff:7f00:1]:8080/callback",
    "http://[::ffff:127.0.0.1]:8080/callback", NULL, TO_REDIR, CLASS_SUCCESS },
  { "ipv6-uncompressed", "http://[0:0:0:0:0:0:0:1]:8080/cb", "http://[::1]:8080/cb", NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "ipv6-upper-case", "http://[FE80::A:1]:8080/cb", "http://[fe80::a:1]:8080/cb", NULL,
    TO_REDIR, CLASS_SUCCESS },
  { "ipv6-other", "http://[::2]:8080/cb", "http://[::1]:8080/cb", NULL, NONE },
  { "ipv6-vs-ipv4", "http://[::1]:8080/cb", "http://127.0.0.1:8080/cb", NULL, NONE },

  /* Query parameters of the configured URI */
  { "query-required-present", REDIRECT "?tenant=acme&session_id=1", REDIRECT "?tenant=acme",
    NULL, TO_REDIR, CLASS_SUCCESS, { { "tenant", "acme" }, { "session_id", "1" } },
    "tenant=acme&session_id=1" },
  { "query-required-reordered", REDIRECT "?session_id=1&b=2&a=1", REDIRECT "?a=1&b=2", NULL,
    TO_REDIR, CLASS_SUCCESS },
  /* issue 15 #7: the endpoint without the configured parameters is caught, not ours */
  { "query-required-missing", REDIRECT "?session_id=1", REDIRECT "?tenant=acme", NULL, NONE,
    .endpoint = TO_REDIR },
  { "query-required-other-value", REDIRECT "?tenant=evil", REDIRECT "?tenant=acme", NULL, NONE,
    .endpoint = TO_REDIR },
  { "query-required-value-prefix", REDIRECT "?tenant=acme2", REDIRECT "?tenant=acme", NULL,
    NONE, .endpoint = TO_REDIR },
  { "query-required-only-in-fragment", REDIRECT "#tenant=acme", REDIRECT "?tenant=acme", NULL,
    NONE, .endpoint = TO_REDIR },
  { "query-required-missing-cancel", CANCEL "?error=access_denied", NULL, CANCEL "?t=1", NONE,
    .endpoint = TO_CANCL },
  { "query-required-missing-disguised", "https://u@CALLBACK.example.com.//callback",
    REDIRECT "?tenant=acme", NULL, NONE, .endpoint = TO_REDIR },
  { "query-required-reencoded", REDIRECT "?t=a%27b%22c%3Cd&session_id=1",
    REDIRECT "?t=a'b\"c<d", NULL, TO_REDIR, CLASS_SUCCESS, { { "t", "a'b\"c<d" } } },
  { "query-required-repeated", REDIRECT "?tenant=acme&tenant=acme&x=1", REDIRECT "?tenant=acme",
    NULL, TO_REDIR, CLASS_SUCCESS },
  { "query-required-form-decoded", REDIRECT "?team=a+b", REDIRECT "?team=a%20b", NULL,
    TO_REDIR, CLASS_SUCCESS, { { "team", "a b" } } },
  { "query-required-cancel", CANCEL "?tenant=acme&error=access_denied", NULL,
    CANCEL "?tenant=acme", TO_CANCL, CLASS_FAILURE },
  { "query-extra-on-plain-uri", REDIRECT "?a=1&b=2", NULL, NULL, TO_REDIR, CLASS_SUCCESS,
    { { "a", "1" }, { "b", "2" } }, "a=1&b=2" },

  /* Fragments */
  { "fragment-ignored", REDIRECT "#section", NULL, NULL, TO_REDIR, CLASS_SUCCESS,
    { { "section", "" } }, "#section=" },
  { "fragment-params-cancel", CANCEL "#error=access_denied&error_type=CONSENT_ENDUSER_DENIED",
    NULL, NULL, TO_CANCL, CLASS_FAILURE,
    { { "error", "access_denied" }, { "error_type", "CONSENT_ENDUSER_DENIED" } },
    "#error=access_denied&#error_type=CONSENT_ENDUSER_DENIED" },
  { "fragment-error-on-redirect-is-failure", REDIRECT "#error=server_error", NULL, NULL,
    TO_REDIR, CLASS_FAILURE, { { "error", "server_error" } } },
  { "fragment-after-query", REDIRECT "?state=query#state=fragment&extra=1", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS, { { "state", "query" }, { "extra", "1" } },
    "state=query&#state=fragment&#extra=1" },

  /* Form decoding */
  { "plus-is-space", CANCEL "?error_description=End-user+denied+consent", NULL, NULL,
    TO_CANCL, CLASS_FAILURE, { { "error_description", "End-user denied consent" } } },
  { "escaped-plus-is-plus", REDIRECT "?sum=1%2B1", NULL, NULL, TO_REDIR, CLASS_SUCCESS,
    { { "sum", "1+1" } } },
  { "escaped-key", REDIRECT "?error%5Ftype=X", NULL, NULL, TO_REDIR, CLASS_FAILURE,
    { { "error_type", "X" } } },
  { "utf8-escapes", REDIRECT "?name=Bj%C3%B6rk+%E6%97%A5%E6%9C%AC", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS, { { "name", "Björk 日本" } } },
  { "invalid-utf8-repaired", REDIRECT "?x=%FFok", NULL, NULL, TO_REDIR, CLASS_SUCCESS,
    { { "x", "\xEF\xBF\xBDok" } } },
  { "truncated-utf8-repaired", REDIRECT "?x=%C3", NULL, NULL, TO_REDIR, CLASS_SUCCESS,
    { { "x", "\xEF\xBF\xBD" } } },
  { "escaped-nul-repaired", REDIRECT "?x=a%00b", NULL, NULL, TO_REDIR, CLASS_SUCCESS,
    { { "x", "a\xEF\xBF\xBD" "b" } } },
  { "bare-key", REDIRECT "?flag&a=1", NULL, NULL, TO_REDIR, CLASS_SUCCESS,
    { { "flag", "" }, { "a", "1" } }, "flag=&a=1" },
  { "empty-pairs-skipped", REDIRECT "?&&a=1&", NULL, NULL, TO_REDIR, CLASS_SUCCESS,
    { { "a", "1" } }, "a=1" },
  { "value-with-equals", REDIRECT "?state=a=b", NULL, NULL, TO_REDIR, CLASS_SUCCESS,
    { { "state", "a=b" } } },
  { "repeated-keys-first-wins", REDIRECT "?k=1&k=2&other=x&k=3", NULL, NULL,
    TO_REDIR, CLASS_SUCCESS, { { "k", "1" }, { "other", "x" } }, "k=1&k=2&other=x&k=3" },

  /* Malformed candidates never match */
  { "malformed-empty", "", NULL, NULL, NONE },
  { "malformed-not-a-uri", "not a uri", NULL, NULL, NONE },
  { "malformed-relative", "/callback", NULL, NULL, NONE },
  { "malformed-no-host", "https://", NULL, NULL, NONE },
  { "malformed-no-authority", "https:/callback", NULL, NULL, NONE },
  { "malformed-ipv6", "https://[::1", "https://[::1]/callback", NULL, NONE },
  { "malformed-space-in-path", "https://callback.example.com/call back",
    "https://callback.example.com/call%20back", NULL, NONE },
  { "malformed-space-in-host", "https://callback.example.com /callback", NULL, NULL, NONE },
  { "malformed-leading-space", " " REDIRECT, NULL, NULL, NONE },
  { "malformed-trailing-newline", REDIRECT "\n", NULL, NULL, NONE },
  { "malformed-port-out-of-range", "https://callback.example.com:99999/callback", NULL, NULL,
    NONE },

  /* A broken escape is what a browser loads as it is: it must not slip past interception. */
  { "broken-escape-in-query", REDIRECT "?x=%zz&session_id=1", NULL, NULL, TO_REDIR,
    CLASS_SUCCESS, { { "x", "%zz" }, { "session_id", "1" } } },
  { "broken-escape-in-fragment", CANCEL "#error=access_denied&x=%", NULL, NULL, TO_CANCL,
    CLASS_FAILURE, { { "error", "access_denied" }, { "x", "%" } } },
  { "broken-escape-other-path", "https://callback.example.com/call%zzback", NULL, NULL, NONE },
};

static char *
list_params (const DeskCallback *callback)
{
  g_autoptr(GString) listed = g_string_new (NULL);

  for (guint i = 0; i < callback->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (callback->params, i);

      g_string_append_printf (listed, "%s%s%s=%s",
                              i > 0 ? "&" : "",
                              param->from_fragment ? "#" : "",
                              param->key, param->value);
    }

  return g_string_free (g_steal_pointer (&listed), FALSE);
}

static void
test_match (gconstpointer data)
{
  const MatchCase *test = data;
  const char *redirect_uri = test->redirect_uri != NULL ? test->redirect_uri : REDIRECT;
  const char *cancel_uri = test->cancel_uri != NULL ? test->cancel_uri : CANCEL;
  g_autoptr(DeskCallback) callback = NULL;

  g_assert_cmpint (desk_callback_match (test->candidate, redirect_uri, cancel_uri), ==,
                   test->match);
  /* Fail safe: whatever is our callback reaches its endpoint. */
  g_assert_cmpint (desk_callback_match_endpoint (test->candidate, redirect_uri, cancel_uri), ==,
                   test->endpoint != DESK_CALLBACK_MATCH_NONE ? test->endpoint : test->match);

  callback = desk_callback_parse (test->candidate, redirect_uri, cancel_uri);
  if (test->match == DESK_CALLBACK_MATCH_NONE)
    {
      g_assert_null (callback);
      return;
    }

  g_assert_nonnull (callback);
  g_assert_cmpstr (callback->uri, ==, test->candidate);
  g_assert_cmpint (callback->matched, ==, test->match);
  g_assert_cmpint (callback->via, ==, DESK_CALLBACK_VIA_NAVIGATION);
  g_assert_cmpint (callback->user_info, ==, test->user_info);
  g_assert_false (callback->too_large);
  g_assert_null (callback->message);

  g_assert_cmpint (test->classification, !=, CLASS_UNCHECKED);
  g_assert_cmpint (desk_callback_is_failure (callback), ==,
                   test->classification == CLASS_FAILURE);

  for (guint i = 0; i < callback->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (callback->params, i);

      g_assert_true (g_utf8_validate (param->key, -1, NULL));
      g_assert_true (g_utf8_validate (param->value, -1, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (test->params) && test->params[i].key != NULL; i++)
    g_assert_cmpstr (desk_callback_get_param (callback, test->params[i].key), ==,
                     test->params[i].value);

  if (test->listed != NULL)
    {
      g_autofree char *listed = list_params (callback);

      g_assert_cmpstr (listed, ==, test->listed);
    }
}

/* fiskil-api.md §7's example, with the five fields the Link SDK reads from a cancel callback. */
static void
test_sdk_cancel_example (void)
{
  const char *candidate =
    "https://auth.fiskil.com/cancel?error=access_denied"
    "&error_description=End-user+denied+consent"
    "&error_id=err_8d3f1c2a-4b5e-4f60-9a7b-0c1d2e3f4a5b"
    "&error_type=CONSENT_ENDUSER_DENIED"
    "&error_uri=https%3A%2F%2Fdata.docs.fiskil.dev%2Ferrors%23CONSENT_ENDUSER_DENIED";
  g_autoptr(DeskCallback) callback = NULL;
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autoptr(DeskOutcome) outcome = NULL;
  g_autofree char *listed = NULL;

  callback = desk_callback_parse (candidate, "https://yourapp.com/callback",
                                  "https://auth.fiskil.com/cancel");
  g_assert_nonnull (callback);
  g_assert_cmpint (callback->matched, ==, DESK_CALLBACK_MATCH_CANCEL);
  g_assert_true (desk_callback_is_failure (callback));

  listed = list_params (callback);
  g_assert_cmpstr (listed, ==,
                   "error=access_denied"
                   "&error_description=End-user denied consent"
                   "&error_id=err_8d3f1c2a-4b5e-4f60-9a7b-0c1d2e3f4a5b"
                   "&error_type=CONSENT_ENDUSER_DENIED"
                   "&error_uri=https://data.docs.fiskil.dev/errors#CONSENT_ENDUSER_DENIED");

  request = desk_session_request_new ("eu_1", "https://yourapp.com/callback",
                                      "https://auth.fiskil.com/cancel", NULL, NULL);
  outcome = desk_outcome_new (DESK_OUTCOME_CLOSED, "sandbox", "http://127.0.0.1:1",
                              request, NULL, NULL);
  desk_outcome_set_callback (outcome, callback, NULL, NULL);

  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_FAILURE);
  g_assert_cmpstr (outcome->error, ==, "access_denied");
  g_assert_cmpstr (outcome->error_type, ==, "CONSENT_ENDUSER_DENIED");
  g_assert_cmpstr (outcome->error_description, ==, "End-user denied consent");
  g_assert_cmpstr (outcome->error_id, ==, "err_8d3f1c2a-4b5e-4f60-9a7b-0c1d2e3f4a5b");
  g_assert_cmpstr (outcome->error_uri, ==,
                   "https://data.docs.fiskil.dev/errors#CONSENT_ENDUSER_DENIED");
}

static void
test_null_uris (void)
{
  g_assert_false (desk_callback_uri_matches (NULL, REDIRECT));
  g_assert_false (desk_callback_uri_matches (REDIRECT, NULL));
  g_assert_false (desk_callback_uri_matches (NULL, NULL));

  g_assert_cmpint (desk_callback_match (NULL, REDIRECT, CANCEL), ==, DESK_CALLBACK_MATCH_NONE);
  g_assert_cmpint (desk_callback_match (REDIRECT, NULL, NULL), ==, DESK_CALLBACK_MATCH_NONE);
  g_assert_cmpint (desk_callback_match (CANCEL, NULL, CANCEL), ==, DESK_CALLBACK_MATCH_CANCEL);
  g_assert_null (desk_callback_parse (NULL, REDIRECT, CANCEL));

  /* A configured URI that is itself malformed matches nothing, not even itself. */
  g_assert_false (desk_callback_uri_matches ("https://", "https://"));
  g_assert_false (desk_callback_uri_matches ("not a uri", "not a uri"));
}

static void
test_match_to_string (void)
{
  g_assert_cmpstr (desk_callback_match_to_string (DESK_CALLBACK_MATCH_REDIRECT), ==, "redirect");
  g_assert_cmpstr (desk_callback_match_to_string (DESK_CALLBACK_MATCH_CANCEL), ==, "cancel");
  g_assert_null (desk_callback_match_to_string (DESK_CALLBACK_MATCH_NONE));
}

static void
test_copy (void)
{
  g_autoptr(DeskCallback) callback = NULL;
  g_autoptr(DeskCallback) copy = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *copy_listed = NULL;

  callback = desk_callback_parse ("https://u@callback.example.com/cancel?error=a&error=b"
                                  "#error_id=c", REDIRECT, CANCEL);
  g_assert_nonnull (callback);
  callback->via = DESK_CALLBACK_VIA_PASTED;
  callback->too_large = TRUE;
  callback->message = json_from_string ("{\"isCompleted\": false}", NULL);
  copy = desk_callback_copy (callback);

  g_assert_true (copy->params != callback->params);
  g_assert_cmpint (copy->via, ==, DESK_CALLBACK_VIA_PASTED);
  g_assert_true (copy->user_info);
  g_assert_true (copy->too_large);
  g_assert_nonnull (copy->message);
  g_assert_true (json_node_equal (copy->message, callback->message));
  g_assert_cmpstr (copy->uri, ==, callback->uri);
  g_assert_cmpint (copy->matched, ==, callback->matched);

  listed = list_params (callback);
  copy_listed = list_params (copy);
  g_assert_cmpstr (copy_listed, ==, listed);
  g_assert_cmpstr (copy_listed, ==, "error=a&error=b&#error_id=c");

  g_clear_pointer (&callback, desk_callback_free);
  g_assert_cmpstr (desk_callback_get_param (copy, "error_id"), ==, "c");
}

/* Whatever bytes a query carries, the callback is recognised, and every key and value comes
 * out as valid UTF-8. */
static void
test_random_queries (void)
{
  static const char * const pieces[] = {
    "%FF", "%C3", "%A9", "%00", "%E6%97", "%2B", "%26", "%3D", "%25", "+", "&", "=", "a",
    "error", "error_type", "#", "%F0%9F%98%80", "%ED%A0%80", "%7E", "~", "%",
  };

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(GString) candidate = g_string_new (REDIRECT "?");
      g_autoptr(DeskCallback) callback = NULL;
      guint n_pieces = g_test_rand_int_range (1, 16);

      for (guint i = 0; i < n_pieces; i++)
        g_string_append (candidate,
                         pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

      callback = desk_callback_parse (candidate->str, REDIRECT, CANCEL);
      g_assert_nonnull (callback);

      for (guint i = 0; i < callback->params->len; i++)
        {
          const DeskCallbackParam *param = g_ptr_array_index (callback->params, i);

          g_assert_true (g_utf8_validate (param->key, -1, NULL));
          g_assert_true (g_utf8_validate (param->value, -1, NULL));
        }
    }
}


/* issue 15 #11: 60,000 parameters once froze the app; now the first ones are kept, in one
 * pass, and the callback says it was cut short. */
static void
test_too_many_params (void)
{
  g_autoptr(GString) candidate = g_string_new (REDIRECT "?session_id=s1");
  g_autoptr(DeskCallback) callback = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();

  for (guint i = 0; i < 60000; i++)
    g_string_append_printf (candidate, "&p%u=%u", i, i);

  callback = desk_callback_parse (candidate->str, REDIRECT, CANCEL);
  g_test_message ("60,000 parameters read in %.3f s", g_timer_elapsed (timer, NULL));

  g_assert_nonnull (callback);
  g_assert_cmpint (callback->matched, ==, DESK_CALLBACK_MATCH_REDIRECT);
  g_assert_true (callback->too_large);
  g_assert_cmpuint (callback->params->len, ==, DESK_CALLBACK_MAX_PARAMS);
  g_assert_cmpstr (desk_callback_get_param (callback, "session_id"), ==, "s1");
  g_assert_cmpstr (desk_callback_get_param (callback, "p998"), ==, "998");
  g_assert_null (desk_callback_get_param (callback, "p999"));
  /* what was dropped may have held an error: never a success */
  g_assert_true (desk_callback_is_failure (callback));
  /* generous: the quadratic reading took over a minute */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
}

static void
test_huge_value (void)
{
  g_autoptr(GString) candidate = g_string_new (CANCEL "?error=access_denied&error_type=");
  g_autoptr(DeskCallback) callback = NULL;
  g_autoptr(DeskCallback) huge_path = NULL;
  g_autofree char *long_path = NULL;

  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (candidate, 'X');

  callback = desk_callback_parse (candidate->str, REDIRECT, CANCEL);
  g_assert_nonnull (callback);
  g_assert_true (callback->too_large);
  g_assert_cmpstr (desk_callback_get_param (callback, "error"), ==, "access_denied");
  g_assert_null (desk_callback_get_param (callback, "error_type"));
  g_assert_true (desk_callback_is_failure (callback));

  /* a huge address is still caught, whatever part of it is huge */
  long_path = g_strdup_printf ("%s?x=%0*d", REDIRECT, 70 * 1024, 0);
  huge_path = desk_callback_parse (long_path, REDIRECT, CANCEL);
  g_assert_nonnull (huge_path);
  g_assert_true (huge_path->too_large);
}

/* issue 15 #6: a form POSTed to the redirect URI with an error in its body is a failure. */
static void
test_form_body (void)
{
  g_autoptr(DeskCallback) callback = desk_callback_parse (REDIRECT "?session_id=s1", REDIRECT,
                                                          CANCEL);
  g_autofree char *listed = NULL;
  const DeskCallbackParam *param;

  g_assert_nonnull (callback);
  g_assert_false (desk_callback_is_failure (callback));

  desk_callback_add_form_params (callback, "error=access_denied&error_type=CONSENT_TIMEOUT"
                                 "&error_description=Took+too+long&session_id=other");
  g_assert_true (desk_callback_is_failure (callback));
  g_assert_cmpstr (desk_callback_get_param (callback, "error_type"), ==, "CONSENT_TIMEOUT");
  g_assert_cmpstr (desk_callback_get_param (callback, "error_description"), ==,
                   "Took too long");
  /* the query's value comes first */
  g_assert_cmpstr (desk_callback_get_param (callback, "session_id"), ==, "s1");

  param = g_ptr_array_index (callback->params, 1);
  g_assert_cmpstr (param->key, ==, "error");
  g_assert_cmpint (param->source, ==, DESK_CALLBACK_SOURCE_FORM);
  g_assert_false (param->from_fragment);

  listed = list_params (callback);
  g_assert_cmpstr (listed, ==, "session_id=s1&error=access_denied&error_type=CONSENT_TIMEOUT"
                   "&error_description=Took too long&session_id=other");
}

/* The body counts toward the same limits as the query. */
static void
test_form_body_limits (void)
{
  g_autoptr(DeskCallback) callback = desk_callback_parse (REDIRECT, REDIRECT, CANCEL);
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (body, "k%u=v&", i);

  desk_callback_add_form_params (callback, body->str);
  g_assert_true (callback->too_large);
  g_assert_cmpuint (callback->params->len, ==, DESK_CALLBACK_MAX_PARAMS);
}

typedef struct
{
  const char       *name;
  const char       *candidate;
  const char       *session_id;
  DeskSessionCheck  check;
  gboolean          failure;
} SessionCase;

static const SessionCase session_cases[] = {
  { "match", REDIRECT "?session_id=sess_1", "sess_1", DESK_SESSION_CHECK_MATCH, FALSE },
  { "mismatch", REDIRECT "?session_id=sess_2", "sess_1", DESK_SESSION_CHECK_MISMATCH, FALSE },
  { "mismatch-prefix", REDIRECT "?session_id=sess_10", "sess_1", DESK_SESSION_CHECK_MISMATCH,
    FALSE },
  { "mismatch-empty", REDIRECT "?session_id=", "sess_1", DESK_SESSION_CHECK_MISMATCH, FALSE },
  { "absent", REDIRECT "?state=x", "sess_1", DESK_SESSION_CHECK_ABSENT, FALSE },
  { "first-value-counts", REDIRECT "?session_id=sess_2&session_id=sess_1", "sess_1",
    DESK_SESSION_CHECK_MISMATCH, FALSE },
  { "from-fragment", REDIRECT "#session_id=sess_1", "sess_1", DESK_SESSION_CHECK_MATCH, FALSE },
  { "form-decoded", REDIRECT "?session_id=a%2Bb", "a+b", DESK_SESSION_CHECK_MATCH, FALSE },
  { "failure-match", CANCEL "?error=access_denied&session_id=sess_1", "sess_1",
    DESK_SESSION_CHECK_MATCH, TRUE },
  { "failure-mismatch", CANCEL "?error=access_denied&session_id=x", "sess_1",
    DESK_SESSION_CHECK_MISMATCH, TRUE },
  { "failure-absent", CANCEL "?error=access_denied", "sess_1", DESK_SESSION_CHECK_ABSENT, TRUE },
};

static void
test_session_check (gconstpointer data)
{
  const SessionCase *test = data;
  g_autoptr(DeskCallback) callback = desk_callback_parse (test->candidate, REDIRECT, CANCEL);

  g_assert_nonnull (callback);
  g_assert_cmpint (desk_callback_check_session (callback, test->session_id), ==, test->check);
  g_assert_cmpint (desk_callback_is_failure (callback), ==, test->failure);
}

/* No created session to compare with: a carried session_id can't be shown to be ours. */
static void
test_session_check_unknown (void)
{
  g_autoptr(DeskCallback) carried = desk_callback_parse (REDIRECT "?session_id=s", REDIRECT,
                                                         CANCEL);
  g_autoptr(DeskCallback) none = desk_callback_parse (REDIRECT, REDIRECT, CANCEL);

  g_assert_cmpint (desk_callback_check_session (carried, NULL), ==,
                   DESK_SESSION_CHECK_MISMATCH);
  g_assert_cmpint (desk_callback_check_session (none, NULL), ==, DESK_SESSION_CHECK_ABSENT);
}

static void
test_to_string (void)
{
  g_assert_cmpstr (desk_callback_via_to_string (DESK_CALLBACK_VIA_NAVIGATION), ==, "navigation");
  g_assert_cmpstr (desk_callback_via_to_string (DESK_CALLBACK_VIA_MESSAGE), ==, "message");
  g_assert_cmpstr (desk_callback_via_to_string (DESK_CALLBACK_VIA_PASTED), ==, "pasted");
  g_assert_cmpstr (desk_callback_via_to_string (DESK_CALLBACK_VIA_CONSENT_CHECK), ==,
                   "consent-check");
  g_assert_cmpstr (desk_session_check_to_string (DESK_SESSION_CHECK_MATCH), ==, "match");
  g_assert_cmpstr (desk_session_check_to_string (DESK_SESSION_CHECK_MISMATCH), ==, "mismatch");
  g_assert_cmpstr (desk_session_check_to_string (DESK_SESSION_CHECK_ABSENT), ==, "absent");
}

typedef struct
{
  const char *uri;
  const char *problem;  /* a word of the message; NULL: accepted */
} ConfiguredCase;

static const ConfiguredCase configured_cases[] = {
  { "https://yourapp.com/callback", NULL },
  { "https://yourapp.com/callback?tenant=acme", NULL },
  { "https://yourapp.com/cb{x}", NULL },
  { "https://yourapp.com/a`b\"c", NULL },
  { "https://yourapp.com/a|b^c", NULL },
  { "http://127.1:8080/callback", NULL },
  { "http://[::1]:8080/callback", NULL },
  { "https://bücher.example/callback", NULL },
  { "myapp://callback", NULL },
  { "com.example.app:/callback", NULL },
  { "https://yourapp.com/100%zz", "%25" },
  { "https://256.0.0.1/callback", "host" },
  { "https://yourapp.com:99999/callback", "host" },
  { "https://[::1/callback", "host" },
  { "not a uri", "absolute" },
  { "/callback", "absolute" },
};

static void
test_configured_uri (gconstpointer data)
{
  const ConfiguredCase *test = data;
  g_autofree char *problem = desk_callback_check_configured_uri (test->uri);

  if (test->problem == NULL)
    {
      g_assert_null (problem);
      g_assert_true (desk_callback_uri_matches (test->uri, test->uri));
      return;
    }

  g_assert_nonnull (problem);
  g_assert_true (strstr (problem, test->problem) != NULL);
}

static void
test_pasted (void)
{
  g_autoptr(DeskCallback) pasted = desk_callback_parse_pasted ("  " CANCEL "?error=x\n",
                                                               REDIRECT, CANCEL);
  g_autoptr(DeskCallback) inner_space = desk_callback_parse_pasted (REDIRECT "?a=b c",
                                                                    REDIRECT, CANCEL);

  g_assert_nonnull (pasted);
  g_assert_cmpint (pasted->via, ==, DESK_CALLBACK_VIA_PASTED);
  g_assert_cmpint (pasted->matched, ==, DESK_CALLBACK_MATCH_CANCEL);
  g_assert_cmpstr (pasted->uri, ==, CANCEL "?error=x");
  g_assert_cmpstr (desk_callback_get_param (pasted, "error"), ==, "x");
  g_assert_null (inner_space);
  g_assert_null (desk_callback_parse_pasted (NULL, REDIRECT, CANCEL));
  g_assert_null (desk_callback_parse_pasted ("https://evil.example/callback", REDIRECT, CANCEL));
}

/* The form's validation refuses what the matcher could not catch. */
static void
test_form_validation (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_validate_callback_uri ("https://yourapp.com/cb{x}", NULL));
  g_assert_true (desk_validate_callback_uri ("http://127.1:8080/callback", NULL));
  g_assert_false (desk_validate_callback_uri ("https://256.0.0.1/callback", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_true (strstr (error->message, "host") != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (match_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/callback/match/%s", match_cases[i].name);

      g_test_add_data_func (path, &match_cases[i], test_match);
    }

  g_test_add_func ("/callback/sdk-cancel-example", test_sdk_cancel_example);
  g_test_add_func ("/callback/null-uris", test_null_uris);
  g_test_add_func ("/callback/match-to-string", test_match_to_string);
  g_test_add_func ("/callback/copy", test_copy);
  g_test_add_func ("/callback/random-queries", test_random_queries);
  g_test_add_func ("/callback/too-many-params", test_too_many_params);
  g_test_add_func ("/callback/huge-value", test_huge_value);
  g_test_add_func ("/callback/form-body", test_form_body);
  g_test_add_func ("/callback/form-body-limits", test_form_body_limits);
  g_test_add_func ("/callback/to-string", test_to_string);
  g_test_add_func ("/callback/form-validation", test_form_validation);
  g_test_add_func ("/callback/pasted", test_pasted);
  g_test_add_func ("/callback/session-check-unknown", test_session_check_unknown);

  for (gsize i = 0; i < G_N_ELEMENTS (session_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/callback/session-check/%s",
                                               session_cases[i].name);

      g_test_add_data_func (path, &session_cases[i], test_session_check);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (configured_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/callback/configured/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &configured_cases[i], test_configured_uri);
    }

  return g_test_run ();
}
