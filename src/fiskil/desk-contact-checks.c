/* desk-contact-checks.c — local checks of an end user's email, phone (E.164) and ABN
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These run before any request, so a typo gets a sentence under the field rather than a 400.
 * They are deliberately not full RFC 5321 or numbering-plan validators: they catch what a person
 * mistypes and let Fiskil judge the rest.
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-contact-checks.h"
#include "desk-fiskil-error.h"

#define EMAIL_MAX_LENGTH   254  /* RFC 5321's limit for a forward path */
#define EMAIL_LOCAL_MAX    64
#define DOMAIN_LABEL_MAX   63
#define E164_MIN_DIGITS    8
#define E164_MAX_DIGITS    15
#define ABN_DIGITS         11
#define ABN_MODULUS        89

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_INVALID_INPUT, message);
  return FALSE;
}

static gboolean
has_space_or_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c)
          || g_unichar_type (c) == G_UNICODE_FORMAT)
        return TRUE;
    }

  return FALSE;
}

/* Letters (any script, for internationalised names), digits and inner hyphens. */
static gboolean
domain_label_is_valid (const char *label,
                       gsize       length)
{
  const char *end = label + length;

  if (length == 0 || length > DOMAIN_LABEL_MAX || label[0] == '-' || end[-1] == '-')
    return FALSE;

  for (const char *p = label; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '-' && !g_unichar_isalnum (c))
        return FALSE;
    }

  return TRUE;
}

static gboolean
domain_is_valid (const char *domain)
{
  g_auto(GStrv) labels = g_strsplit (domain, ".", -1);
  guint n_labels = g_strv_length (labels);
  const char *top;

  if (n_labels < 2)
    return FALSE;

  for (guint i = 0; i < n_labels; i++)
    {
      if (!domain_label_is_valid (labels[i], strlen (labels[i])))
        return FALSE;
    }

  /* A top-level domain is never all digits: "name@10.0.0" is a mistyped address. */
  top = labels[n_labels - 1];
  return strspn (top, "0123456789") != strlen (top);
}

static gboolean
local_part_is_valid (const char *local,
                     gsize       length)
{
  if (length == 0 || length > EMAIL_LOCAL_MAX)
    return FALSE;

  /* Dots separate words: none first, last or doubled (RFC 5322's dot-atom). */
  if (local[0] == '.' || local[length - 1] == '.' || g_strstr_len (local, length, "..") != NULL)
    return FALSE;

  return TRUE;
}

gboolean
desk_check_email (const char  *email,
                  GError     **error)
{
  const char *at;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (email == NULL || *email == '\0')
    return fail (error, _("Enter an email address like name@example.com."));
  if (!g_utf8_validate (email, -1, NULL))
    return fail (error, _("The email address contains bytes that are not text. Type it again."));
  if (has_space_or_control (email))
    return fail (error, _("Remove the spaces from the email address."));
  if (strlen (email) > EMAIL_MAX_LENGTH)
    return fail (error, _("This email address is too long to be real. Check it for a paste "
                          "that went wrong."));

  at = strchr (email, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL
      || !local_part_is_valid (email, (gsize) (at - email)))
    return fail (error, _("Enter an email address like name@example.com."));

  if (!domain_is_valid (at + 1))
    return fail (error, _("Check the part after “@”: it should be a domain like example.com."));

  return TRUE;
}

gboolean
desk_check_e164 (const char  *phone,
                 GError     **error)
{
  gsize digits;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (phone == NULL || *phone == '\0')
    return fail (error, _("Enter the phone number in international format, like +61412345678."));
  if (phone[0] != '+')
    return fail (error, _("Start the phone number with + and the country code, like "
                          "+61412345678."));

  digits = strspn (phone + 1, "0123456789");
  if (phone[1 + digits] != '\0')
    return fail (error, _("Leave out spaces and punctuation: only + and digits, like "
                          "+61412345678."));
  if (phone[1] == '0')
    return fail (error, _("A country code never starts with 0. For the Australian number "
                          "0412 345 678, enter +61412345678."));
  if (digits < E164_MIN_DIGITS || digits > E164_MAX_DIGITS)
    return fail (error, _("An international phone number has 8 to 15 digits after the +."));

  return TRUE;
}

gboolean
desk_check_abn (const char  *abn,
                GError     **error)
{
  static const int weights[ABN_DIGITS] = { 10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19 };
  int digits[ABN_DIGITS];
  gsize n_digits = 0;
  int sum = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (abn == NULL || *abn == '\0')
    return fail (error, _("Enter an ABN: 11 digits, like 51 824 753 556."));

  for (const char *p = abn; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;
      if (!g_ascii_isdigit (*p))
        return fail (error, _("An ABN has only digits and spaces, like 51 824 753 556."));
      if (n_digits == ABN_DIGITS)
        return fail (error, _("An ABN has 11 digits, like 51 824 753 556."));
      digits[n_digits++] = *p - '0';
    }

  if (n_digits != ABN_DIGITS)
    return fail (error, _("An ABN has 11 digits, like 51 824 753 556."));

  /* The ATO's check: its two leading check digits are 10 to 99, so a leading 0 never passes. */
  digits[0] -= 1;
  for (gsize i = 0; i < ABN_DIGITS; i++)
    sum += digits[i] * weights[i];

  if (digits[0] < 0 || sum % ABN_MODULUS != 0)
    return fail (error, _("This is not a valid ABN: its check digits don’t match. Check it for "
                          "a typo."));

  return TRUE;
}
