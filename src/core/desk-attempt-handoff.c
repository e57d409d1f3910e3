/* desk-attempt-handoff.c — the hand-off pattern: the customer finishes on their own device
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Onboarding a customer": the consent page is never loaded here. The end user's
 * consents are listed before the session is created, then watched every 5 s; a new or newly
 * active consent ends the attempt as a success via "consent-check". The address the customer's
 * browser ended on can be pasted instead (via "pasted").
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-attempt-private.h"

gboolean
desk_attempt_report_pasted (DeskAttempt  *self,
                            const char   *text,
                            GError      **error)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("This attempt is not waiting for a customer."));
  return FALSE;
}
