/* test-catalogue.c — every error_type of fiskil-api.md §7 is explained; unknown ones verbatim
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "desk-fiskil.h"

typedef struct
{
  const char *error_type;
  const char *error;  /* the documented "error" value, or NULL */
  gboolean    legacy;
} DocumentedType;

/* fiskil-api.md §7, literally */
static const DocumentedType documented[] = {
  { "CONSENT_ENDUSER_DENIED", "access_denied", FALSE },
  { "CONSENT_UPSTREAM_PROCESSING_ERROR", "server_error", FALSE },
  { "CONSUMERDATA_PROCESSING_ERROR", NULL, FALSE },
  { "CONSENT_OTP_FAILURE", NULL, FALSE },
  { "CONSENT_ENDUSER_INELIGIBLE", NULL, FALSE },
  { "CONSENT_TIMEOUT", NULL, FALSE },
  { "AUTH_SESSION_INVALID", NULL, FALSE },
  { "AUTH_SESSION_CANCELLED", NULL, FALSE },
  { "AUTH_SESSION_NOT_FOUND", NULL, TRUE },
  { "AUTH_SESSION_TERMINAL", NULL, TRUE },
};

/* A real sentence: capitalised, several words, ending with a full stop. */
static void
assert_sentences (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_unichar_isupper (g_utf8_get_char (text)));
  g_assert_true (g_str_has_suffix (text, "."));
  g_assert_cmpuint (strlen (text), >, 40);
}

static void
test_documented_type (gconstpointer data)
{
  const DocumentedType *type = data;
  const DeskErrorTypeInfo *info = desk_error_catalogue_lookup (type->error_type);
  g_autoptr(DeskErrorExplanation) explanation = NULL;

  g_assert_nonnull (info);
  g_assert_cmpstr (info->error_type, ==, type->error_type);
  g_assert_cmpstr (info->error, ==, type->error);
  g_assert_cmpint (info->legacy, ==, type->legacy);

  explanation = desk_error_catalogue_explain (type->error_type);
  g_assert_true (explanation->known);
  g_assert_cmpstr (explanation->error_type, ==, type->error_type);

  /* A title is short and does not shout the raw type at the reader */
  g_assert_nonnull (explanation->title);
  g_assert_cmpstr (explanation->title, !=, "");
  g_assert_cmpuint (g_utf8_strlen (explanation->title, -1), <=, 40);
  g_assert_null (strstr (explanation->title, "_"));
  assert_sentences (explanation->explanation);
  assert_sentences (explanation->next_step);
  g_assert_cmpstr (explanation->explanation, !=, explanation->next_step);
}

static void
test_complete (void)
{
  gsize n_entries;
  const DeskErrorTypeInfo *all = desk_error_catalogue_get_all (&n_entries);

  /* Nothing more than documented, current types first, then legacy ones */
  g_assert_cmpuint (n_entries, ==, G_N_ELEMENTS (documented));
  for (gsize i = 0; i < n_entries; i++)
    {
      g_assert_cmpstr (all[i].error_type, ==, documented[i].error_type);
      g_assert_true (desk_error_catalogue_lookup (all[i].error_type) == &all[i]);
    }

  /* Every type has its own words, none copied from another */
  for (gsize i = 0; i < n_entries; i++)
    {
      for (gsize j = i + 1; j < n_entries; j++)
        {
          g_assert_cmpstr (all[i].title, !=, all[j].title);
          g_assert_cmpstr (all[i].explanation, !=, all[j].explanation);
          g_assert_cmpstr (all[i].next_step, !=, all[j].next_step);
        }
    }
}

static void
test_specific_advice (void)
{
  g_autoptr(DeskErrorExplanation) otp = desk_error_catalogue_explain ("CONSENT_OTP_FAILURE");
  g_autoptr(DeskErrorExplanation) denied = NULL;

  /* What a support person has to ask the customer about */
  g_assert_nonnull (strstr (otp->next_step, "phone number"));
  g_assert_nonnull (strstr (otp->next_step, "new session"));

  denied = desk_error_catalogue_explain ("CONSENT_ENDUSER_DENIED");
  g_assert_nonnull (strstr (denied->explanation, "declined"));
}

static void
test_lookup_is_exact (void)
{
  static const char * const near_misses[] = {
    "consent_enduser_denied", "Consent_Timeout", " CONSENT_TIMEOUT", "CONSENT_TIMEOUT ",
    "CONSENT", "CONSENT_TIMEOUT_", "AUTH_SESSION", "access_denied", "",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (near_misses); i++)
    g_assert_null (desk_error_catalogue_lookup (near_misses[i]));

  g_assert_null (desk_error_catalogue_lookup (NULL));
}

static void
test_unknown_verbatim (void)
{
  static const char * const unknown[] = {
    "CONSENT_SOMETHING_NEW", "consent_timeout", "Bank said no", "ÉRREUR_«42»",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr(DeskErrorExplanation) explanation = desk_error_catalogue_explain (unknown[i]);
      g_autofree char *quoted = g_strdup_printf ("“%s”", unknown[i]);

      g_assert_false (explanation->known);
      g_assert_cmpstr (explanation->error_type, ==, unknown[i]);
      g_assert_true (g_str_has_prefix (explanation->title, "Unknown error type"));
      g_assert_nonnull (strstr (explanation->title, quoted));
      g_assert_nonnull (strstr (explanation->explanation, quoted));
      assert_sentences (explanation->next_step);
    }
}

static void
test_no_type (void)
{
  static const char * const no_type[] = { NULL, "" };

  for (gsize i = 0; i < G_N_ELEMENTS (no_type); i++)
    {
      g_autoptr(DeskErrorExplanation) explanation = desk_error_catalogue_explain (no_type[i]);

      g_assert_false (explanation->known);
      g_assert_cmpstr (explanation->error_type, ==, no_type[i]);
      g_assert_cmpstr (explanation->title, ==, "Consent was not completed");
      g_assert_nonnull (strstr (explanation->explanation, "cancel"));
      g_assert_nonnull (strstr (explanation->explanation, "unknown"));
      assert_sentences (explanation->next_step);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (documented); i++)
    {
      g_autofree char *path = g_strdup_printf ("/catalogue/documented/%s",
                                               documented[i].error_type);

      g_test_add_data_func (path, &documented[i], test_documented_type);
    }

  g_test_add_func ("/catalogue/complete", test_complete);
  g_test_add_func ("/catalogue/specific-advice", test_specific_advice);
  g_test_add_func ("/catalogue/lookup-is-exact", test_lookup_is_exact);
  g_test_add_func ("/catalogue/unknown-verbatim", test_unknown_verbatim);
  g_test_add_func ("/catalogue/no-type", test_no_type);

  return g_test_run ();
}
