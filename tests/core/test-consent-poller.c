/* test-consent-poller.c — the hand-off poll and the success check, on a clock moved by hand
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fake DeskConsentSource answers from a script ("listing:…", "error:…"), or holds the request
 * until the test answers it. Everything the poller does is written to a log with the time on
 * the manual clock ("list@5000 listed:0@5000 …"), and each test compares the whole log: the
 * schedule is what a person watching the timeline would see. No real time passes.
 */
#include "config.h"

#include "core-test-util.h"
#include "desk-consent-poller.h"
#include "desk-fiskil-error.h"
#include "desk-manual-clock.h"

#define START_US (G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC)
#define START_S  (START_US / G_USEC_PER_SEC)

/* The fake source. */

#define FAKE_TYPE_SOURCE (fake_source_get_type ())
G_DECLARE_FINAL_TYPE (FakeSource, fake_source, FAKE, SOURCE, GObject)

struct _FakeSource
{
  GObject          parent_instance;

  DeskManualClock *clock;
  GString         *log;
  GQueue           script;   /* const char *answers, used in order */
  GPtrArray       *pending;  /* GTask, requests waiting for fake_source_answer() */
  GPtrArray       *tasks;    /* GTask, every request, to inspect their cancellables */
};

static void fake_source_iface_init (DeskConsentSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeSource, fake_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DESK_TYPE_CONSENT_SOURCE,
                                                      fake_source_iface_init))

static void
log_event (GString         *log,
           DeskManualClock *clock,
           const char      *event)
{
  gint64 at_ms = (desk_clock_get_real_time (DESK_CLOCK (clock)) - START_US) / 1000;

  g_string_append_printf (log, "%s%s@%" G_GINT64_FORMAT, log->len > 0 ? " " : "", event, at_ms);
}

static GError *
make_error (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 2);
  g_autoptr(DeskApiError) api_error = NULL;

  if (g_str_equal (parts[0], "network"))
    return desk_fiskil_error_new_with_api_error (DESK_FISKIL_ERROR_NETWORK, NULL,
                                                 "Could not connect.");
  if (g_str_equal (parts[0], "500"))
    {
      api_error = desk_api_error_new (500, "err_1", "InternalError", "Boom.", -1);
      return desk_fiskil_error_new_with_api_error (DESK_FISKIL_ERROR_SERVER_ERROR, api_error,
                                                   "Fiskil failed.");
    }
  if (g_str_equal (parts[0], "bad-json"))
    return desk_fiskil_error_new_with_api_error (DESK_FISKIL_ERROR_BAD_RESPONSE, NULL,
                                                 "Not JSON.");

  g_assert_cmpstr (parts[0], ==, "429");
  api_error = desk_api_error_new (429, "err_2", "TooManyRequests", "Slow down.",
                                  parts[1] != NULL ? g_ascii_strtoll (parts[1], NULL, 10) : -1);
  return desk_fiskil_error_new_with_api_error (DESK_FISKIL_ERROR_RATE_LIMITED, api_error,
                                               "Too many requests.");
}

static void
answer_task (GTask      *task,
             const char *answer)
{
  if (g_str_has_prefix (answer, "listing:"))
    g_task_return_pointer (task, core_test_parse_listing (answer + strlen ("listing:")),
                           (GDestroyNotify) g_ptr_array_unref);
  else if (g_str_has_prefix (answer, "error:"))
    g_task_return_error (task, make_error (answer + strlen ("error:")));
  else
    g_assert_not_reached ();
}

static void
fake_list_async (DeskConsentSource   *source,
                 const char          *end_user_id,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  FakeSource *self = FAKE_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  const char *answer = g_queue_pop_head (&self->script);

  g_assert_cmpstr (end_user_id, ==, "eu_alex");
  g_assert_nonnull (cancellable);
  log_event (self->log, self->clock, "list");
  g_ptr_array_add (self->tasks, g_object_ref (task));

  if (answer != NULL)
    answer_task (task, answer);
  else
    g_ptr_array_add (self->pending, g_steal_pointer (&task));
}

static GPtrArray *
fake_list_finish (DeskConsentSource  *source,
                  GAsyncResult       *result,
                  GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_source_iface_init (DeskConsentSourceInterface *iface)
{
  iface->list_async = fake_list_async;
  iface->list_finish = fake_list_finish;
}

static void
fake_source_finalize (GObject *object)
{
  FakeSource *self = FAKE_SOURCE (object);

  g_queue_clear (&self->script);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);

  G_OBJECT_CLASS (fake_source_parent_class)->finalize (object);
}

static void
fake_source_class_init (FakeSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_source_finalize;
}

static void
fake_source_init (FakeSource *self)
{
  g_queue_init (&self->script);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The fixture. */

typedef struct
{
  DeskManualClock   *clock;
  FakeSource        *source;
  DeskConsentPoller *poller;
  GString           *log;
} Fixture;

/* Answers the oldest request the fake is holding. */
static GTask *
answer_pending (Fixture    *fixture,
                const char *answer)
{
  g_autoptr(GTask) task = NULL;

  g_assert_cmpuint (fixture->source->pending->len, >, 0);
  task = g_ptr_array_steal_index (fixture->source->pending, 0);
  answer_task (task, answer);

  return task;  /* still alive: the fake's list of every request holds it */
}

static void
on_found (DeskConsentPoller *poller,
          const DeskConsent *consent,
          Fixture           *fixture)
{
  g_autofree char *event = g_strconcat ("found:", consent->arrangement_id, NULL);

  g_assert_false (desk_consent_poller_is_running (poller));
  g_assert_true (desk_consent_poller_get_consent (poller) == consent);
  log_event (fixture->log, fixture->clock, event);
}

static void
on_not_found (DeskConsentPoller *poller,
              Fixture           *fixture)
{
  g_assert_false (desk_consent_poller_is_running (poller));
  log_event (fixture->log, fixture->clock, "not-found");
}

static const char *
error_name (const GError *error)
{
  switch (error->code)
    {
    case DESK_FISKIL_ERROR_NETWORK:
      return "network";
    case DESK_FISKIL_ERROR_SERVER_ERROR:
      return "500";
    case DESK_FISKIL_ERROR_BAD_RESPONSE:
      return "bad-json";
    case DESK_FISKIL_ERROR_RATE_LIMITED:
      return "429";
    default:
      return "other";
    }
}

static void
on_failed (DeskConsentPoller *poller,
           const GError      *error,
           Fixture           *fixture)
{
  g_autofree char *event = g_strconcat ("failed:", error_name (error), NULL);

  g_assert_false (desk_consent_poller_is_running (poller));
  log_event (fixture->log, fixture->clock, event);
}

static void
on_expired (DeskConsentPoller *poller,
            Fixture           *fixture)
{
  g_assert_false (desk_consent_poller_is_running (poller));
  log_event (fixture->log, fixture->clock, "expired");
}

static void
on_listed (DeskConsentPoller *poller,
           guint              n_consents,
           Fixture           *fixture)
{
  g_autofree char *event = g_strdup_printf ("listed:%u", n_consents);

  log_event (fixture->log, fixture->clock, event);
}

static void
on_poll_failed (DeskConsentPoller *poller,
                const GError      *error,
                guint              retry_in_ms,
                Fixture           *fixture)
{
  g_autofree char *event = g_strdup_printf ("poll-failed:%s:%u", error_name (error), retry_in_ms);

  g_assert_error (error, DESK_FISKIL_ERROR, error->code);
  log_event (fixture->log, fixture->clock, event);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->clock = desk_manual_clock_new (START_US);
  fixture->log = g_string_new (NULL);
  fixture->source = g_object_new (FAKE_TYPE_SOURCE, NULL);
  fixture->source->clock = fixture->clock;
  fixture->source->log = fixture->log;
  fixture->poller = desk_consent_poller_new (DESK_CONSENT_SOURCE (fixture->source),
                                             DESK_CLOCK (fixture->clock), "eu_alex");

  g_signal_connect (fixture->poller, "found", G_CALLBACK (on_found), fixture);
  g_signal_connect (fixture->poller, "not-found", G_CALLBACK (on_not_found), fixture);
  g_signal_connect (fixture->poller, "failed", G_CALLBACK (on_failed), fixture);
  g_signal_connect (fixture->poller, "expired", G_CALLBACK (on_expired), fixture);
  g_signal_connect (fixture->poller, "listed", G_CALLBACK (on_listed), fixture);
  g_signal_connect (fixture->poller, "poll-failed", G_CALLBACK (on_poll_failed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* A request never answered would keep the poller alive. */
  while (fixture->source->pending->len > 0)
    answer_pending (fixture, "listing:");
  core_test_flush ();

  g_clear_object (&fixture->poller);
  /* The poller left no timer behind. */
  g_assert_cmpuint (desk_manual_clock_get_n_timers (fixture->clock), ==, 0);
  g_clear_object (&fixture->source);
  g_clear_object (&fixture->clock);
  g_string_free (fixture->log, TRUE);
}

static void
script (Fixture *fixture,
        ...)
{
  va_list args;
  const char *answer;

  va_start (args, fixture);
  while ((answer = va_arg (args, const char *)) != NULL)
    g_queue_push_tail (&fixture->source->script, (gpointer) answer);
  va_end (args);
}

/* Moves the clock by @ms, letting the fake's answers arrive at each timer's time. */
static void
advance (Fixture *fixture,
         guint    ms)
{
  gint64 left = ms;

  core_test_flush ();
  for (;;)
    {
      gint64 next = desk_manual_clock_get_next_delay (fixture->clock);

      if (next < 0 || next > left)
        {
          desk_manual_clock_advance (fixture->clock, (guint) left);
          core_test_flush ();
          return;
        }

      desk_manual_clock_advance (fixture->clock, (guint) next);
      core_test_flush ();
      left -= next;
    }
}

static void
assert_log (Fixture    *fixture,
            const char *expected)
{
  g_assert_cmpstr (fixture->log->str, ==, expected);
}

/* The hand-off watch. */

static void
test_watch_cadence (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) snapshot = core_test_parse_listing ("arr-old:bank-a:active:100");

  desk_consent_poller_set_snapshot (fixture->poller, snapshot);
  script (fixture, "listing:arr-old:bank-a:active:100", "listing:arr-old:bank-a:active:100",
          "listing:", "listing:arr-old:bank-a:active:100 arr-new:bank-a:active:900", NULL);
  desk_consent_poller_watch (fixture->poller, START_S + 600);
  g_assert_true (desk_consent_poller_is_running (fixture->poller));

  advance (fixture, 4999);
  assert_log (fixture, "");

  advance (fixture, 60000);
  assert_log (fixture, "list@5000 listed:1@5000 list@10000 listed:1@10000 "
                       "list@15000 listed:0@15000 list@20000 found:arr-new@20000");
  g_assert_false (desk_consent_poller_is_running (fixture->poller));
  g_assert_cmpuint (desk_consent_poller_get_n_listings (fixture->poller), ==, 4);
  g_assert_cmpstr (desk_consent_poller_get_consent (fixture->poller)->arrangement_id, ==,
                   "arr-new");
}

static void
test_watch_retry_after (Fixture       *fixture,
                        gconstpointer  user_data)
{
  /* Retry-After longer than the cadence is waited out; a shorter one never speeds it up. */
  script (fixture, "error:429:12", "listing:", "error:429:1", "error:429",
          "listing:arr-1:bank-a:active:100", NULL);
  desk_consent_poller_watch (fixture->poller, START_S + 600);

  advance (fixture, 60000);
  assert_log (fixture, "list@5000 poll-failed:429:12000@5000 "
                       "list@17000 listed:0@17000 "
                       "list@22000 poll-failed:429:5000@22000 "
                       "list@27000 poll-failed:429:10000@27000 "
                       "list@37000 found:arr-1@37000");
}

static void
test_watch_backoff (Fixture       *fixture,
                    gconstpointer  user_data)
{
  script (fixture, "error:network", "error:500", "error:bad-json", "error:network",
          "error:network", "error:network", "listing:", "error:500",
          "listing:arr-1:bank-a:active:100", NULL);
  desk_consent_poller_watch (fixture->poller, START_S + 3600);

  advance (fixture, 600000);
  assert_log (fixture, "list@5000 poll-failed:network:5000@5000 "
                       "list@10000 poll-failed:500:10000@10000 "
                       "list@20000 poll-failed:bad-json:20000@20000 "
                       "list@40000 poll-failed:network:40000@40000 "
                       "list@80000 poll-failed:network:60000@80000 "
                       "list@140000 poll-failed:network:60000@140000 "
                       "list@200000 listed:0@200000 "
                       /* A listing that worked starts the back-off again. */
                       "list@205000 poll-failed:500:5000@205000 "
                       "list@210000 found:arr-1@210000");
}

static void
test_watch_expiry (Fixture       *fixture,
                   gconstpointer  user_data)
{
  script (fixture, "listing:", "listing:", "error:network", NULL);
  desk_consent_poller_watch (fixture->poller, START_S + 22);

  advance (fixture, 120000);
  assert_log (fixture, "list@5000 listed:0@5000 list@10000 listed:0@10000 "
                       "list@15000 poll-failed:network:5000@15000 "
                       "list@20000 expired@22000");
  g_assert_false (desk_consent_poller_is_running (fixture->poller));

  /* The listing in flight at expiry was cancelled, and its late answer is not heard. */
  g_assert_cmpuint (fixture->source->pending->len, ==, 1);
  g_assert_true (g_cancellable_is_cancelled (
    g_task_get_cancellable (answer_pending (fixture, "listing:arr-1:bank-a:active:100"))));
  core_test_flush ();
  assert_log (fixture, "list@5000 listed:0@5000 list@10000 listed:0@10000 "
                       "list@15000 poll-failed:network:5000@15000 "
                       "list@20000 expired@22000");
}

static void
test_watch_expiry_on_a_poll (Fixture       *fixture,
                             gconstpointer  user_data)
{
  script (fixture, "listing:", "listing:", NULL);
  desk_consent_poller_watch (fixture->poller, START_S + 10);

  advance (fixture, 30000);
  assert_log (fixture, "list@5000 listed:0@5000 expired@10000");
}

static void
test_watch_already_expired (Fixture       *fixture,
                            gconstpointer  user_data)
{
  desk_consent_poller_watch (fixture->poller, START_S - 5);
  /* Reported from the main loop, not from inside watch(). */
  assert_log (fixture, "");

  advance (fixture, 30000);
  assert_log (fixture, "expired@0");
}

static void
test_watch_cancel_in_flight (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GTask *task;

  desk_consent_poller_watch (fixture->poller, START_S + 600);
  advance (fixture, 5000);
  assert_log (fixture, "list@5000");
  g_assert_cmpuint (fixture->source->pending->len, ==, 1);
  task = g_ptr_array_index (fixture->source->tasks, 0);

  desk_consent_poller_cancel (fixture->poller);
  g_assert_false (desk_consent_poller_is_running (fixture->poller));
  g_assert_true (g_cancellable_is_cancelled (g_task_get_cancellable (task)));
  g_assert_cmpuint (desk_manual_clock_get_n_timers (fixture->clock), ==, 0);

  /* The answer, even one with the consent, comes too late to be heard. */
  answer_pending (fixture, "listing:arr-1:bank-a:active:100");
  advance (fixture, 600000);
  assert_log (fixture, "list@5000");
}

static void
test_watch_cancel_while_waiting (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  script (fixture, "listing:", NULL);
  desk_consent_poller_watch (fixture->poller, START_S + 600);
  advance (fixture, 7000);
  desk_consent_poller_cancel (fixture->poller);

  advance (fixture, 600000);
  assert_log (fixture, "list@5000 listed:0@5000");
  g_assert_cmpuint (fixture->source->tasks->len, ==, 1);
}

static void
on_poll_failed_cancel (DeskConsentPoller *poller,
                       const GError      *error,
                       guint              retry_in_ms,
                       gpointer           user_data)
{
  desk_consent_poller_cancel (poller);
}

static void
test_watch_cancel_from_handler (Fixture       *fixture,
                                gconstpointer  user_data)
{
  script (fixture, "error:network", "listing:arr-1:bank-a:active:100", NULL);
  g_signal_connect (fixture->poller, "poll-failed", G_CALLBACK (on_poll_failed_cancel), NULL);
  desk_consent_poller_watch (fixture->poller, START_S + 600);

  advance (fixture, 60000);
  assert_log (fixture, "list@5000 poll-failed:network:5000@5000");
}

static void
test_watch_restart (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GTask *first;

  desk_consent_poller_watch (fixture->poller, START_S + 600);
  advance (fixture, 5000);
  first = g_ptr_array_index (fixture->source->tasks, 0);

  /* A new run forgets the old one, and its answer. */
  script (fixture, "listing:", NULL);
  desk_consent_poller_watch (fixture->poller, START_S + 12);
  g_assert_true (g_cancellable_is_cancelled (g_task_get_cancellable (first)));
  answer_pending (fixture, "listing:arr-1:bank-a:active:100");

  advance (fixture, 60000);
  assert_log (fixture, "list@5000 list@10000 listed:0@10000 expired@12000");
}

/* The success check. */

static void
test_check_found_second (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GPtrArray) snapshot = core_test_parse_listing ("");

  desk_consent_poller_set_snapshot (fixture->poller, snapshot);
  script (fixture, "listing:", "listing:arr-1:bank-a:active:100", NULL);
  desk_consent_poller_check (fixture->poller);

  advance (fixture, 20000);
  assert_log (fixture, "list@0 listed:0@0 list@3000 found:arr-1@3000");
  g_assert_cmpuint (desk_consent_poller_get_n_listings (fixture->poller), ==, 2);
}

static void
test_check_consent_id (Fixture       *fixture,
                       gconstpointer  user_data)
{
  /* The message named arr-2: a listing showing only another new consent is not it. */
  desk_consent_poller_set_consent_id (fixture->poller, "arr-2");
  script (fixture, "listing:arr-1:bank-a:active:100",
          "listing:arr-1:bank-a:active:100 arr-2:bank-a:active:100", NULL);
  desk_consent_poller_check (fixture->poller);

  advance (fixture, 20000);
  assert_log (fixture, "list@0 listed:1@0 list@3000 found:arr-2@3000");
}

static void
test_check_not_found (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) snapshot = core_test_parse_listing ("arr-old:bank-a:active:100");

  desk_consent_poller_set_snapshot (fixture->poller, snapshot);
  desk_consent_poller_set_institution_id (fixture->poller, "bank-a");
  script (fixture, "listing:arr-old:bank-a:active:100",
          "listing:arr-old:bank-a:active:100 arr-b:bank-b:active:900",
          "listing:arr-old:bank-a:active:100", NULL);
  desk_consent_poller_check (fixture->poller);

  advance (fixture, 60000);
  assert_log (fixture, "list@0 listed:1@0 list@3000 listed:2@3000 "
                       "list@7000 listed:1@7000 not-found@7000");
  g_assert_cmpuint (desk_consent_poller_get_n_listings (fixture->poller), ==, 3);
  g_assert_null (desk_consent_poller_get_consent (fixture->poller));
}

static void
test_check_failed (Fixture       *fixture,
                   gconstpointer  user_data)
{
  script (fixture, "error:network", "error:500", "error:bad-json", NULL);
  desk_consent_poller_check (fixture->poller);

  advance (fixture, 60000);
  assert_log (fixture, "list@0 poll-failed:network:3000@0 "
                       "list@3000 poll-failed:500:4000@3000 "
                       "list@7000 poll-failed:bad-json:0@7000 failed:bad-json@7000");
}

static void
test_check_some_failed (Fixture       *fixture,
                        gconstpointer  user_data)
{
  /* One listing that worked makes it "not found", not "failed". */
  script (fixture, "error:network", "listing:", "error:network", NULL);
  desk_consent_poller_check (fixture->poller);

  advance (fixture, 60000);
  assert_log (fixture, "list@0 poll-failed:network:3000@0 list@3000 listed:0@3000 "
                       "list@7000 poll-failed:network:0@7000 not-found@7000");
}

static void
test_check_retry_after (Fixture       *fixture,
                        gconstpointer  user_data)
{
  script (fixture, "error:429:5", "listing:", "listing:arr-1:bank-a:active:100", NULL);
  desk_consent_poller_check (fixture->poller);

  advance (fixture, 60000);
  assert_log (fixture, "list@0 poll-failed:429:5000@0 list@5000 listed:0@5000 "
                       "list@7000 found:arr-1@7000");
}

static void
test_check_slow_answers (Fixture       *fixture,
                         gconstpointer  user_data)
{
  /* A listing that takes longer than the gap to the next try: the next one follows at once,
   * never two at a time. */
  desk_consent_poller_check (fixture->poller);
  advance (fixture, 8000);
  assert_log (fixture, "list@0");

  script (fixture, "listing:", "listing:arr-1:bank-a:active:100", NULL);
  answer_pending (fixture, "listing:");
  advance (fixture, 0);
  assert_log (fixture, "list@0 listed:0@8000 list@8000 listed:0@8000 "
                       "list@8000 found:arr-1@8000");
}

/* The clocks. */

typedef struct
{
  GString         *log;
  DeskManualClock *clock;
  guint            chained;
} ClockLog;

static void
on_tick (gpointer user_data)
{
  ClockLog *clock_log = user_data;

  log_event (clock_log->log, clock_log->clock, "tick");
}

static void
on_chain (gpointer user_data)
{
  ClockLog *clock_log = user_data;

  log_event (clock_log->log, clock_log->clock, "chain");
  if (++clock_log->chained < 3)
    desk_clock_add_timer (DESK_CLOCK (clock_log->clock), 100, on_chain, clock_log, NULL);
}

static void
count_destroy (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_manual_clock (void)
{
  g_autoptr(DeskManualClock) clock = desk_manual_clock_new (START_US);
  g_autoptr(GString) log = g_string_new (NULL);
  ClockLog clock_log = { log, clock, 0 };
  guint destroyed = 0;
  guint removed;

  g_assert_cmpint (desk_clock_get_real_time (DESK_CLOCK (clock)), ==, START_US);
  g_assert_cmpint (desk_manual_clock_get_next_delay (clock), ==, -1);

  desk_clock_add_timer (DESK_CLOCK (clock), 500, on_tick, &clock_log, NULL);
  desk_clock_add_timer (DESK_CLOCK (clock), 200, on_chain, &clock_log, NULL);
  removed = desk_clock_add_timer (DESK_CLOCK (clock), 300, on_tick, &destroyed, count_destroy);
  desk_clock_remove_timer (DESK_CLOCK (clock), removed);
  g_assert_cmpuint (destroyed, ==, 1);
  g_assert_cmpint (desk_manual_clock_get_next_delay (clock), ==, 200);

  desk_manual_clock_advance (clock, 450);
  g_assert_cmpstr (log->str, ==, "chain@200 chain@300 chain@400");
  g_assert_cmpint (desk_clock_get_real_time (DESK_CLOCK (clock)), ==, START_US + 450000);

  desk_manual_clock_advance (clock, 50);
  g_assert_cmpstr (log->str, ==, "chain@200 chain@300 chain@400 tick@500");
  g_assert_cmpuint (desk_manual_clock_get_n_timers (clock), ==, 0);
}

static void
on_real_timer (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_real_clock (void)
{
  g_autoptr(DeskClock) clock = desk_clock_get_default ();
  g_autoptr(DeskClock) again = desk_clock_get_default ();
  gboolean fired = FALSE;
  gboolean never = FALSE;
  gint64 before = g_get_real_time ();
  guint removed;

  g_assert_true (clock == again);
  g_assert_cmpint (desk_clock_get_real_time (clock), >=, before);

  removed = desk_clock_add_timer (clock, 10, on_real_timer, &never, NULL);
  desk_clock_add_timer (clock, 20, on_real_timer, &fired, NULL);
  desk_clock_remove_timer (clock, removed);
  core_test_wait_for (&fired, 5);
  g_assert_false (never);
  g_assert_cmpint (g_get_real_time () - before, >=, 20000);
  /* A fired timer's id is forgotten: removing it again is harmless. */
  desk_clock_remove_timer (clock, removed);
}

#define ADD(path, func) \
  g_test_add ("/consent-poller/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consent-poller/clock/manual", test_manual_clock);
  g_test_add_func ("/consent-poller/clock/real", test_real_clock);
  ADD ("watch/cadence", test_watch_cadence);
  ADD ("watch/retry-after", test_watch_retry_after);
  ADD ("watch/backoff", test_watch_backoff);
  ADD ("watch/expiry", test_watch_expiry);
  ADD ("watch/expiry-on-a-poll", test_watch_expiry_on_a_poll);
  ADD ("watch/already-expired", test_watch_already_expired);
  ADD ("watch/cancel-in-flight", test_watch_cancel_in_flight);
  ADD ("watch/cancel-while-waiting", test_watch_cancel_while_waiting);
  ADD ("watch/cancel-from-handler", test_watch_cancel_from_handler);
  ADD ("watch/restart", test_watch_restart);
  ADD ("check/found-on-second", test_check_found_second);
  ADD ("check/consent-id", test_check_consent_id);
  ADD ("check/not-found", test_check_not_found);
  ADD ("check/failed", test_check_failed);
  ADD ("check/some-failed", test_check_some_failed);
  ADD ("check/retry-after", test_check_retry_after);
  ADD ("check/slow-answers", test_check_slow_answers);

  return g_test_run ();
}
