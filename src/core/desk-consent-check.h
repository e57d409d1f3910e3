/* desk-consent-check.h — does a consent listing show that the consent landed? (design.md)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "desk-consent.h"

G_BEGIN_DECLS

/*
 * The consent in @listing (DeskConsent, from GET /v1/consent?end_user_id=) that shows the
 * attempt's consent landed, borrowed from @listing; NULL when none does (yet: listings lag).
 *
 * - @consent_id (the completion message's consentID) given: the consent with that
 *   arrangement_id, active or not (the outcome shows which), and no other.
 * - else, @snapshot (the listing taken before the session was created) given: an active
 *   consent that is new (an arrangement_id not in @snapshot) or newly active (inactive there).
 * - else: any active consent.
 * When @institution_id is given, only consents for that institution count in the last two cases
 * (a preset institution is the only one the customer could pick).
 * Among several candidates a new arrangement beats a re-activated one, then the latest
 * expires_at wins (a consent granted just now expires last), then the earliest in @listing.
 */
const DeskConsent *desk_consent_check_find (GPtrArray  *listing,
                                            GPtrArray  *snapshot,
                                            const char *consent_id,
                                            const char *institution_id);

G_END_DECLS
