/* desk-consent-check.c — does a consent listing show that the consent landed? (design.md)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include "desk-consent-check.h"

typedef enum
{
  NOT_A_CANDIDATE,
  NEWLY_ACTIVE,     /* known before, inactive then */
  NEW_ARRANGEMENT,  /* not known before (or no snapshot was taken) */
} Candidacy;

static Candidacy
judge (const DeskConsent *consent,
       GPtrArray         *snapshot,
       const char        *institution_id)
{
  gboolean known = FALSE;

  if (!consent->active)
    return NOT_A_CANDIDATE;
  if (institution_id != NULL && g_strcmp0 (consent->institution_id, institution_id) != 0)
    return NOT_A_CANDIDATE;
  if (snapshot == NULL)
    return NEW_ARRANGEMENT;

  /* A sloppy listing may repeat an arrangement: any active entry before means no news. */
  for (guint i = 0; i < snapshot->len; i++)
    {
      const DeskConsent *before = g_ptr_array_index (snapshot, i);

      if (g_strcmp0 (before->arrangement_id, consent->arrangement_id) != 0)
        continue;
      if (before->active)
        return NOT_A_CANDIDATE;
      known = TRUE;
    }

  return known ? NEWLY_ACTIVE : NEW_ARRANGEMENT;
}

const DeskConsent *
desk_consent_check_find (GPtrArray  *listing,
                         GPtrArray  *snapshot,
                         const char *consent_id,
                         const char *institution_id)
{
  const DeskConsent *best = NULL;
  Candidacy best_candidacy = NOT_A_CANDIDATE;

  g_return_val_if_fail (listing != NULL, NULL);

  if (consent_id != NULL && *consent_id == '\0')
    consent_id = NULL;
  if (institution_id != NULL && *institution_id == '\0')
    institution_id = NULL;

  for (guint i = 0; i < listing->len; i++)
    {
      const DeskConsent *consent = g_ptr_array_index (listing, i);
      Candidacy candidacy;

      if (consent_id != NULL)
        {
          if (g_strcmp0 (consent->arrangement_id, consent_id) == 0)
            return consent;
          continue;
        }

      candidacy = judge (consent, snapshot, institution_id);
      if (candidacy == NOT_A_CANDIDATE)
        continue;

      if (best == NULL || candidacy > best_candidacy
          || (candidacy == best_candidacy && consent->expires_at > best->expires_at))
        {
          best = consent;
          best_candidacy = candidacy;
        }
    }

  return best;
}
