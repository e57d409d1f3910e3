/* test-contact-checks.c — the local email, E.164 and ABN checks, as tables
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "desk-contact-checks.h"
#include "desk-fiskil-error.h"

typedef gboolean (*CheckFunc) (const char *value, GError **error);

typedef struct
{
  const char *name;
  const char *value;
  const char *message;  /* a part of the sentence shown under the field; NULL: valid */
} CheckCase;

static void
run_case (CheckFunc        check,
          const CheckCase *check_case)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = check (check_case->value, &error);

  if (check_case->message == NULL)
    {
      g_assert_no_error (error);
      g_assert_true (valid);
      return;
    }

  g_assert_false (valid);
  g_assert_error (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_INVALID_INPUT);
  if (strstr (error->message, check_case->message) == NULL)
    g_error ("“%s”: expected a message with “%s”, got “%s”", check_case->value,
             check_case->message, error->message);
  /* A sentence a person reads: capitalised, ends with a full stop. */
  g_assert_true (g_ascii_isupper (error->message[0]));
  g_assert_true (g_str_has_suffix (error->message, "."));
}

#define LABEL10 "aaaaaaaaaa"
#define LABEL63 LABEL10 LABEL10 LABEL10 LABEL10 LABEL10 LABEL10 "aaa"
#define EMAIL_EXAMPLE "like name@example.com"
#define EMAIL_DOMAIN  "after “@”"

static const CheckCase email_cases[] = {
  { "plain", "alex@example.com", NULL },
  { "subdomain", "ops.team@mail.example.com.au", NULL },
  { "plus-tag", "alex+fiskil@example.com", NULL },
  { "upper-case", "Alex.Example@Example.COM", NULL },
  { "hyphen-domain", "qa@consent-desk.example", NULL },
  { "idn", "zoë@bücher.example", NULL },
  { "null", NULL, EMAIL_EXAMPLE },
  { "empty", "", EMAIL_EXAMPLE },
  { "no-at", "alex.example.com", EMAIL_EXAMPLE },
  { "two-ats", "alex@home@example.com", EMAIL_EXAMPLE },
  { "no-local", "@example.com", EMAIL_EXAMPLE },
  { "leading-dot", ".alex@example.com", EMAIL_EXAMPLE },
  { "double-dot", "alex..ex@example.com", EMAIL_EXAMPLE },
  { "no-domain", "alex@", EMAIL_DOMAIN },
  { "no-tld", "alex@localhost", EMAIL_DOMAIN },
  { "trailing-dot-domain", "alex@example.com.", EMAIL_DOMAIN },
  { "empty-label", "alex@example..com", EMAIL_DOMAIN },
  { "hyphen-edge", "alex@-example.com", EMAIL_DOMAIN },
  { "underscore-domain", "alex@ex_ample.com", EMAIL_DOMAIN },
  { "numeric-tld", "alex@10.0.0.1", EMAIL_DOMAIN },
  { "comma-typo", "alex@example,com", EMAIL_DOMAIN },
  { "inner-space", "alex @example.com", "spaces" },
  { "trailing-space", "alex@example.com ", "spaces" },
  { "tab", "alex@exam\tple.com", "spaces" },
  { "zero-width", "alex@exam\xe2\x80\x8bple.com", "spaces" },
  { "not-utf8", "alex@exam\xff.com", "not text" },
  /* Four 63-letter labels: each label is fine, the whole is over 254 characters. */
  { "too-long", "a@" LABEL63 "." LABEL63 "." LABEL63 "." LABEL63 ".com", "too long" },
};

#define PHONE_PLUS   "Start the phone number with +"
#define PHONE_CHARS  "only + and digits"
#define PHONE_LENGTH "8 to 15 digits"

static const CheckCase e164_cases[] = {
  { "au-mobile", "+61412345678", NULL },
  { "us", "+14155552671", NULL },
  { "uk", "+442071838750", NULL },
  { "shortest", "+12345678", NULL },
  { "longest", "+123456789012345", NULL },
  { "null", NULL, "international format" },
  { "empty", "", "international format" },
  { "national", "0412345678", PHONE_PLUS },
  { "double-zero", "0061412345678", PHONE_PLUS },
  { "spaces", "+61 412 345 678", PHONE_CHARS },
  { "dashes", "+1-415-555-2671", PHONE_CHARS },
  { "brackets", "+61(2)98765432", PHONE_CHARS },
  { "letters", "+61412ABC678", PHONE_CHARS },
  { "trailing-space", "+61412345678 ", PHONE_CHARS },
  { "plus-only", "+", PHONE_LENGTH },
  { "zero-country", "+0412345678", "never starts with 0" },
  { "seven-digits", "+1234567", PHONE_LENGTH },
  { "sixteen-digits", "+1234567890123456", PHONE_LENGTH },
  { "two-pluses", "++61412345678", PHONE_CHARS },
};

#define ABN_LENGTH   "11 digits"
#define ABN_CHECKSUM "check digits"

static const CheckCase abn_cases[] = {
  { "ato-example", "51 824 753 556", NULL },      /* the ATO's published example */
  { "ato-example-unspaced", "51824753556", NULL },
  { "telstra", "33 051 775 556", NULL },
  { "westpac", "33 007 457 141", NULL },
  { "commonwealth-bank", "48 123 123 124", NULL },
  { "anz", "11 005 357 522", NULL },
  { "nab", "12 004 044 937", NULL },
  { "odd-spacing", " 5 1824 75 3556 ", NULL },
  { "null", NULL, "Enter an ABN" },
  { "empty", "", "Enter an ABN" },
  { "only-spaces", "   ", ABN_LENGTH },
  { "last-digit-off", "51 824 753 557", ABN_CHECKSUM },
  { "first-two-swapped", "15 824 753 556", ABN_CHECKSUM },
  { "inner-swap", "51 824 735 556", ABN_CHECKSUM },
  { "leading-zero", "01 824 753 556", ABN_CHECKSUM },
  { "all-zero", "00 000 000 000", ABN_CHECKSUM },
  { "ten-digits", "51 824 753 55", ABN_LENGTH },
  { "twelve-digits", "51 824 753 5560", ABN_LENGTH },
  { "hyphens", "51-824-753-556", "only digits and spaces" },
  { "letter-o", "51 824 753 55O", "only digits and spaces" },
  { "acn-only", "004 085 616", ABN_LENGTH },
};

static void
test_email (gconstpointer data)
{
  run_case (desk_check_email, data);
}

static void
test_e164 (gconstpointer data)
{
  run_case (desk_check_e164, data);
}

static void
test_abn (gconstpointer data)
{
  run_case (desk_check_abn, data);
}

static void
add_cases (const char      *prefix,
           const CheckCase *cases,
           gsize            n_cases,
           GTestDataFunc    func)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *path = g_strconcat (prefix, cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], func);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_cases ("/contact-checks/email/", email_cases, G_N_ELEMENTS (email_cases), test_email);
  add_cases ("/contact-checks/e164/", e164_cases, G_N_ELEMENTS (e164_cases), test_e164);
  add_cases ("/contact-checks/abn/", abn_cases, G_N_ELEMENTS (abn_cases), test_abn);

  return g_test_run ();
}
