/* test-consent-check.c — which consent in a listing shows that the consent landed, as a table
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listings are written compactly: "arr-1:bank-a:active:100" is arrangement arr-1 at bank-a,
 * active, expiring at 100; "inactive" marks a revoked one; "" is an empty listing.
 */
#include "config.h"

#include "core-test-util.h"
#include "desk-consent-check.h"

typedef struct
{
  const char *name;
  const char *listing;
  const char *snapshot;        /* NULL: no snapshot was taken */
  const char *consent_id;
  const char *institution_id;
  const char *expected;        /* arrangement id, or NULL: not found */
} MatchCase;

static const MatchCase match_cases[] = {
  /* The completion message's consentID decides alone. */
  { "consent-id/found", "arr-1:bank-a:active:100 arr-2:bank-a:active:200", "",
    "arr-1", NULL, "arr-1" },
  { "consent-id/found-inactive", "arr-1:bank-a:inactive:100", "", "arr-1", NULL, "arr-1" },
  { "consent-id/lagging", "arr-2:bank-a:active:200", "", "arr-1", NULL, NULL },
  { "consent-id/not-the-newest", "arr-old:bank-a:active:100 arr-new:bank-a:active:900",
    "arr-old:bank-a:active:100", "arr-old", NULL, "arr-old" },
  { "consent-id/other-institution", "arr-1:bank-b:active:100", "", "arr-1", "bank-a", "arr-1" },
  { "consent-id/empty-means-none", "arr-1:bank-a:active:100", NULL, "", NULL, "arr-1" },
  /* A snapshot: only what is new since. */
  { "snapshot/new-arrangement", "arr-old:bank-a:active:100 arr-new:bank-a:active:200",
    "arr-old:bank-a:active:100", NULL, NULL, "arr-new" },
  { "snapshot/nothing-new", "arr-old:bank-a:active:100", "arr-old:bank-a:active:100",
    NULL, NULL, NULL },
  { "snapshot/empty-then-one", "arr-1:bank-a:active:100", "", NULL, NULL, "arr-1" },
  { "snapshot/empty-listing", "", "", NULL, NULL, NULL },
  { "snapshot/newly-active", "arr-1:bank-a:active:300", "arr-1:bank-a:inactive:100",
    NULL, NULL, "arr-1" },
  { "snapshot/new-but-inactive", "arr-old:bank-a:active:100 arr-new:bank-a:inactive:200",
    "arr-old:bank-a:active:100", NULL, NULL, NULL },
  { "snapshot/revoked-meanwhile", "arr-old:bank-a:inactive:100", "arr-old:bank-a:active:100",
    NULL, NULL, NULL },
  { "snapshot/new-beats-reactivated", "arr-back:bank-a:active:900 arr-new:bank-a:active:500",
    "arr-back:bank-a:inactive:100", NULL, NULL, "arr-new" },
  { "snapshot/latest-expiry-wins", "arr-x:bank-a:active:500 arr-y:bank-a:active:700",
    "", NULL, NULL, "arr-y" },
  { "snapshot/equal-expiry-first-wins", "arr-x:bank-a:active:500 arr-y:bank-a:active:500",
    "", NULL, NULL, "arr-x" },
  { "snapshot/institution-filter", "arr-b:bank-b:active:900 arr-a:bank-a:active:100",
    "", NULL, "bank-a", "arr-a" },
  { "snapshot/only-other-institution", "arr-b:bank-b:active:900", "", NULL, "bank-a", NULL },
  { "snapshot/duplicate-entry-active-before",
    "arr-1:bank-a:active:100", "arr-1:bank-a:inactive:100 arr-1:bank-a:active:100",
    NULL, NULL, NULL },
  /* No snapshot: any active consent (for the institution, when one was asked for). */
  { "no-snapshot/any-active", "arr-1:bank-a:inactive:100 arr-2:bank-b:active:100", NULL,
    NULL, NULL, "arr-2" },
  { "no-snapshot/institution", "arr-1:bank-a:active:100 arr-2:bank-b:active:100", NULL,
    NULL, "bank-b", "arr-2" },
  { "no-snapshot/institution-inactive", "arr-1:bank-b:inactive:100", NULL, NULL, "bank-b",
    NULL },
  { "no-snapshot/no-institution-field", "arr-1::active:100", NULL, NULL, "bank-a", NULL },
  { "no-snapshot/no-institution-field-any", "arr-1::active:100", NULL, NULL, NULL, "arr-1" },
  { "no-snapshot/empty", "", NULL, NULL, NULL, NULL },
};

static void
test_match (gconstpointer data)
{
  const MatchCase *match_case = data;
  g_autoptr(GPtrArray) listing = core_test_parse_listing (match_case->listing);
  g_autoptr(GPtrArray) snapshot = NULL;
  const DeskConsent *found;

  if (match_case->snapshot != NULL)
    snapshot = core_test_parse_listing (match_case->snapshot);

  found = desk_consent_check_find (listing, snapshot, match_case->consent_id,
                                   match_case->institution_id);

  if (match_case->expected == NULL)
    {
      g_assert_null (found);
      return;
    }

  g_assert_nonnull (found);
  g_assert_cmpstr (found->arrangement_id, ==, match_case->expected);
  /* Borrowed from the listing, not a copy. */
  g_assert_true (g_ptr_array_find (listing, found, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (match_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/consent-check/", match_cases[i].name, NULL);

      g_test_add_data_func (path, &match_cases[i], test_match);
    }

  return g_test_run ();
}
