/* desk-consent-poller.c — watching an end user's consents: the hand-off poll and the check
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run at a time. Each listing waits for the previous one to answer before the next is
 * scheduled, so a slow API never piles requests up. Timers come from a DeskClock so tests can
 * move time by hand.
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include "desk-consent-check.h"
#include "desk-consent-poller.h"
#include "desk-fiskil-error.h"

typedef enum
{
  MODE_IDLE,
  MODE_WATCH,
  MODE_CHECK,
} Mode;

struct _DeskConsentPoller
{
  GObject            parent_instance;

  DeskConsentSource *source;
  DeskClock         *clock;
  char              *end_user_id;
  GPtrArray         *snapshot;        /* DeskConsent; NULL: none taken */
  char              *consent_id;
  char              *institution_id;

  Mode               mode;
  GCancellable      *cancellable;     /* of the current run; NULL when idle */
  guint              poll_timer;
  guint              expiry_timer;
  gint64             started_us;
  guint              n_listings;
  guint              n_errors;        /* watch: in a row; check: in all */
  DeskConsent       *consent;
};

G_DEFINE_FINAL_TYPE (DeskConsentPoller, desk_consent_poller, G_TYPE_OBJECT)

enum
{
  SIGNAL_FOUND,
  SIGNAL_NOT_FOUND,
  SIGNAL_FAILED,
  SIGNAL_EXPIRED,
  SIGNAL_LISTED,
  SIGNAL_POLL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const guint check_offsets_ms[DESK_CONSENT_CHECK_TRIES] = DESK_CONSENT_CHECK_OFFSETS_MS;

static void start_listing (DeskConsentPoller *self);

/* Leaves the poller idle; the listing in flight, if any, is cancelled and ignored. */
static void
stop (DeskConsentPoller *self)
{
  desk_clock_clear_timer (self->clock, &self->poll_timer);
  desk_clock_clear_timer (self->clock, &self->expiry_timer);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->mode = MODE_IDLE;
}

static void
desk_consent_poller_dispose (GObject *object)
{
  DeskConsentPoller *self = DESK_CONSENT_POLLER (object);

  if (self->clock != NULL)
    stop (self);

  G_OBJECT_CLASS (desk_consent_poller_parent_class)->dispose (object);
}

static void
desk_consent_poller_finalize (GObject *object)
{
  DeskConsentPoller *self = DESK_CONSENT_POLLER (object);

  g_clear_object (&self->source);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->end_user_id, g_free);
  g_clear_pointer (&self->snapshot, g_ptr_array_unref);
  g_clear_pointer (&self->consent_id, g_free);
  g_clear_pointer (&self->institution_id, g_free);
  g_clear_pointer (&self->consent, desk_consent_free);

  G_OBJECT_CLASS (desk_consent_poller_parent_class)->finalize (object);
}

static void
desk_consent_poller_class_init (DeskConsentPollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_consent_poller_dispose;
  object_class->finalize = desk_consent_poller_finalize;

  signals[SIGNAL_FOUND] =
    g_signal_new ("found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DESK_TYPE_CONSENT | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_NOT_FOUND] =
    g_signal_new ("not-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_EXPIRED] =
    g_signal_new ("expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_LISTED] =
    g_signal_new ("listed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_POLL_FAILED] =
    g_signal_new ("poll-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT);
}

static void
desk_consent_poller_init (DeskConsentPoller *self)
{
}

DeskConsentPoller *
desk_consent_poller_new (DeskConsentSource *source,
                         DeskClock         *clock,
                         const char        *end_user_id)
{
  DeskConsentPoller *self;

  g_return_val_if_fail (DESK_IS_CONSENT_SOURCE (source), NULL);
  g_return_val_if_fail (clock == NULL || DESK_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (end_user_id != NULL && *end_user_id != '\0', NULL);

  self = g_object_new (DESK_TYPE_CONSENT_POLLER, NULL);
  self->source = g_object_ref (source);
  self->clock = clock != NULL ? g_object_ref (clock) : desk_clock_get_default ();
  self->end_user_id = g_strdup (end_user_id);

  return self;
}

void
desk_consent_poller_set_snapshot (DeskConsentPoller *self,
                                  GPtrArray         *snapshot)
{
  g_return_if_fail (DESK_IS_CONSENT_POLLER (self));

  if (snapshot != NULL)
    g_ptr_array_ref (snapshot);
  g_clear_pointer (&self->snapshot, g_ptr_array_unref);
  self->snapshot = snapshot;
}

void
desk_consent_poller_set_consent_id (DeskConsentPoller *self,
                                    const char        *consent_id)
{
  g_return_if_fail (DESK_IS_CONSENT_POLLER (self));

  g_free (self->consent_id);
  self->consent_id = g_strdup (consent_id);
}

void
desk_consent_poller_set_institution_id (DeskConsentPoller *self,
                                        const char        *institution_id)
{
  g_return_if_fail (DESK_IS_CONSENT_POLLER (self));

  g_free (self->institution_id);
  self->institution_id = g_strdup (institution_id);
}

static void
begin_run (DeskConsentPoller *self,
           Mode               mode)
{
  stop (self);
  self->mode = mode;
  self->cancellable = g_cancellable_new ();
  self->started_us = desk_clock_get_real_time (self->clock);
  self->n_listings = 0;
  self->n_errors = 0;
  g_clear_pointer (&self->consent, desk_consent_free);
}

static void
on_poll_timer (gpointer user_data)
{
  DeskConsentPoller *self = user_data;

  self->poll_timer = 0;
  start_listing (self);
}

static void
schedule_listing (DeskConsentPoller *self,
                  guint              delay_ms)
{
  g_assert (self->poll_timer == 0);
  self->poll_timer = desk_clock_add_timer (self->clock, delay_ms, on_poll_timer, self, NULL);
}

static void
on_expiry_timer (gpointer user_data)
{
  g_autoptr(DeskConsentPoller) self = g_object_ref (user_data);

  self->expiry_timer = 0;
  stop (self);
  g_signal_emit (self, signals[SIGNAL_EXPIRED], 0);
}

void
desk_consent_poller_watch (DeskConsentPoller *self,
                           gint64             expires_at)
{
  gint64 remaining_ms;

  g_return_if_fail (DESK_IS_CONSENT_POLLER (self));

  begin_run (self, MODE_WATCH);

  /* Added before any poll timer, so at an equal time the expiry comes first: nothing is listed
   * for a session that can no longer be completed. */
  remaining_ms = (expires_at * G_USEC_PER_SEC - self->started_us + 999) / 1000;
  remaining_ms = CLAMP (remaining_ms, 0, G_MAXUINT);
  self->expiry_timer = desk_clock_add_timer (self->clock, (guint) remaining_ms, on_expiry_timer,
                                             self, NULL);
  schedule_listing (self, DESK_CONSENT_POLL_INTERVAL_MS);
}

void
desk_consent_poller_check (DeskConsentPoller *self)
{
  g_return_if_fail (DESK_IS_CONSENT_POLLER (self));

  begin_run (self, MODE_CHECK);
  start_listing (self);
}

void
desk_consent_poller_cancel (DeskConsentPoller *self)
{
  g_return_if_fail (DESK_IS_CONSENT_POLLER (self));

  stop (self);
}

gboolean
desk_consent_poller_is_running (DeskConsentPoller *self)
{
  g_return_val_if_fail (DESK_IS_CONSENT_POLLER (self), FALSE);

  return self->mode != MODE_IDLE;
}

guint
desk_consent_poller_get_n_listings (DeskConsentPoller *self)
{
  g_return_val_if_fail (DESK_IS_CONSENT_POLLER (self), 0);

  return self->n_listings;
}

const DeskConsent *
desk_consent_poller_get_consent (DeskConsentPoller *self)
{
  g_return_val_if_fail (DESK_IS_CONSENT_POLLER (self), NULL);

  return self->consent;
}

/* The wait a 429 asks for, in ms, or 0 when it names none. */
static guint
retry_after_ms (const GError *error)
{
  const DeskApiError *api_error;

  if (!g_error_matches (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_RATE_LIMITED))
    return 0;

  api_error = desk_fiskil_error_get_api_error (error);
  if (api_error == NULL || api_error->retry_after <= 0)
    return 0;

  return (guint) MIN (api_error->retry_after, G_MAXUINT / 1000) * 1000;
}

/* 5 s after the first error in a row, then doubling, at most 60 s. */
static guint
backoff_ms (guint n_errors)
{
  guint delay = DESK_CONSENT_POLL_INTERVAL_MS;

  for (guint i = 1; i < n_errors && delay < DESK_CONSENT_POLL_BACKOFF_MAX_MS; i++)
    delay *= 2;

  return MIN (delay, DESK_CONSENT_POLL_BACKOFF_MAX_MS);
}

/* The wait before the check's next try; FALSE when it has had them all. */
static gboolean
next_check_delay (DeskConsentPoller *self,
                  guint             *delay_ms)
{
  gint64 elapsed_ms;

  if (self->n_listings >= DESK_CONSENT_CHECK_TRIES)
    return FALSE;

  elapsed_ms = (desk_clock_get_real_time (self->clock) - self->started_us) / 1000;
  *delay_ms = (guint) CLAMP (check_offsets_ms[self->n_listings] - elapsed_ms, 0, G_MAXUINT);
  return TRUE;
}

static void
finish_check (DeskConsentPoller *self,
              const GError      *last_error)
{
  gboolean all_failed = self->n_errors == self->n_listings;

  stop (self);
  if (all_failed)
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, last_error);
  else
    g_signal_emit (self, signals[SIGNAL_NOT_FOUND], 0);
}

static void
handle_error (DeskConsentPoller *self,
              const GError      *error)
{
  guint delay_ms = 0;
  gboolean retry;

  self->n_errors++;
  if (self->mode == MODE_WATCH)
    {
      retry = TRUE;
      delay_ms = backoff_ms (self->n_errors);
    }
  else
    retry = next_check_delay (self, &delay_ms);

  if (retry)
    delay_ms = MAX (delay_ms, retry_after_ms (error));

  g_debug ("Listing consents failed (%s); %s", error->message, retry ? "retrying" : "giving up");
  g_signal_emit (self, signals[SIGNAL_POLL_FAILED], 0, error, retry ? delay_ms : 0u);

  /* A handler may have cancelled the run. */
  if (self->mode == MODE_IDLE)
    return;

  if (retry)
    schedule_listing (self, delay_ms);
  else
    finish_check (self, error);
}

static void
handle_listing (DeskConsentPoller *self,
                GPtrArray         *listing)
{
  const DeskConsent *consent;
  guint delay_ms = DESK_CONSENT_POLL_INTERVAL_MS;

  if (self->mode == MODE_WATCH)
    self->n_errors = 0;

  consent = desk_consent_check_find (listing, self->snapshot, self->consent_id,
                                     self->institution_id);
  if (consent != NULL)
    {
      self->consent = desk_consent_copy (consent);
      stop (self);
      g_signal_emit (self, signals[SIGNAL_FOUND], 0, self->consent);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_LISTED], 0, listing->len);
  if (self->mode == MODE_IDLE)
    return;

  if (self->mode == MODE_WATCH || next_check_delay (self, &delay_ms))
    schedule_listing (self, delay_ms);
  else
    finish_check (self, NULL);
}

typedef struct
{
  DeskConsentPoller *poller;
  GCancellable      *cancellable;  /* identifies the run that asked */
} Listing;

static void
listing_free (Listing *listing)
{
  g_object_unref (listing->poller);
  g_object_unref (listing->cancellable);
  g_free (listing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listing, listing_free)

static void
listed (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(Listing) listing = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  DeskConsentPoller *self = listing->poller;

  consents = desk_consent_source_list_finish (DESK_CONSENT_SOURCE (object), result, &error);

  /* A cancelled or restarted run must not hear from its old listing. */
  if (g_cancellable_is_cancelled (listing->cancellable)
      || listing->cancellable != self->cancellable)
    return;

  if (consents == NULL)
    handle_error (self, error);
  else
    handle_listing (self, consents);
}

static void
start_listing (DeskConsentPoller *self)
{
  Listing *listing = g_new0 (Listing, 1);

  g_assert (self->mode != MODE_IDLE);

  listing->poller = g_object_ref (self);
  listing->cancellable = g_object_ref (self->cancellable);
  self->n_listings++;
  desk_consent_source_list_async (self->source, self->end_user_id, self->cancellable, listed,
                                  listing);
}
