/* desk-consent-poller.h — watching an end user's consents: the hand-off poll and the check
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-clock.h"
#include "desk-consent-source.h"

G_BEGIN_DECLS

#define DESK_TYPE_CONSENT_POLLER (desk_consent_poller_get_type ())

G_DECLARE_FINAL_TYPE (DeskConsentPoller, desk_consent_poller, DESK, CONSENT_POLLER, GObject)

/* The hand-off watch lists every 5 s; after the n-th error in a row it waits 5 s × 2ⁿ⁻¹, at most
 * 60 s, and after a 429 at least its Retry-After. */
#define DESK_CONSENT_POLL_INTERVAL_MS 5000
#define DESK_CONSENT_POLL_BACKOFF_MAX_MS 60000
/* The success check lists at most this often, at these offsets from its start (ms). */
#define DESK_CONSENT_CHECK_TRIES 3
#define DESK_CONSENT_CHECK_OFFSETS_MS { 0, 3000, 7000 }

/* @clock: NULL for the real one. What counts as "the consent" is desk_consent_check_find()'s
 * rule, with the snapshot, consent id and institution set below (all optional). */
DeskConsentPoller *desk_consent_poller_new                (DeskConsentSource *source,
                                                           DeskClock         *clock,
                                                           const char        *end_user_id);
/* @snapshot: GPtrArray of DeskConsent listed before the session was created (a reference is
 * kept), or NULL when none could be taken. */
void               desk_consent_poller_set_snapshot       (DeskConsentPoller *self,
                                                           GPtrArray         *snapshot);
void               desk_consent_poller_set_consent_id     (DeskConsentPoller *self,
                                                           const char        *consent_id);
void               desk_consent_poller_set_institution_id (DeskConsentPoller *self,
                                                           const char        *institution_id);

/* Hand-off: lists every 5 s from now (the first listing 5 s from now) until "found", or
 * "expired" when the clock reaches @expires_at (Unix seconds on this machine's clock: correct
 * the session's expires_at for the server's clock skew first). Errors never end it: each is
 * reported by "poll-failed" and retried with back-off. Restarts any run in progress. */
void               desk_consent_poller_watch              (DeskConsentPoller *self,
                                                           gint64             expires_at);
/* After a success: lists now, then at 3 s and 7 s while the consent is not listed; ends with
 * "found", "not-found", or "failed" when every listing failed. Restarts any run in progress. */
void               desk_consent_poller_check              (DeskConsentPoller *self);
/* Stops at once: no signal is emitted afterwards, the listing in flight is cancelled. */
void               desk_consent_poller_cancel             (DeskConsentPoller *self);

gboolean           desk_consent_poller_is_running         (DeskConsentPoller *self);
/* Listings asked for in the current or last run (the timeline's consent-check "count"). */
guint              desk_consent_poller_get_n_listings     (DeskConsentPoller *self);
/* The consent "found" reported, until the next run; NULL before. */
const DeskConsent *desk_consent_poller_get_consent        (DeskConsentPoller *self);

/*
 * Signals (each on the thread-default main context of the caller, never after a cancel):
 *   "found"       (const DeskConsent *consent)      the consent landed; the run is over
 *   "not-found"   ()                                the check listed, but not the consent
 *   "failed"      (const GError *last_error)        the check could not list at all
 *   "expired"     ()                                the watch reached expires_at
 *   "listed"      (guint n_consents)                a listing came back without the consent
 *   "poll-failed" (const GError *error, guint retry_in_ms)
 *                 one listing failed; retry_in_ms is 0 when no retry follows. A 429's
 *                 Retry-After is in desk_fiskil_error_get_api_error (error)->retry_after.
 */

G_END_DECLS
