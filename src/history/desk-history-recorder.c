/* desk-history-recorder.c — writes every attempt of a manager into the history as it happens
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "The flow" 6: the request, the session, each timeline event and the outcome are
 * written when they happen, so a crash loses nothing already seen.
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include "desk-har.h"
#include "desk-history-recorder.h"

struct _DeskHistoryRecorder
{
  GObject             parent_instance;

  DeskHistory        *history;
  DeskAttemptManager *manager;
  GPtrArray          *watches;  /* Watch, one per attempt not yet finished */
};

typedef struct
{
  DeskHistoryRecorder *recorder;  /* unowned: the recorder owns the watch */
  DeskAttempt         *attempt;
  guint                n_events;     /* timeline events written so far */
  guint                n_exchanges;  /* API exchanges written so far */
} Watch;

G_DEFINE_FINAL_TYPE (DeskHistoryRecorder, desk_history_recorder, G_TYPE_OBJECT)

static void
watch_free (Watch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->attempt, watch);
  g_signal_handlers_disconnect_by_data (desk_attempt_get_timeline (watch->attempt), watch);
  g_object_unref (watch->attempt);
  g_free (watch);
}

/* The outcome object's own shapes, so the stored summary reads back as the outcome would. */
static JsonObject *
provisional_outcome (DeskAttempt *attempt)
{
  DeskEnvironment *environment = desk_attempt_get_environment (attempt);
  g_autoptr(DeskOutcome) outcome = NULL;
  g_autoptr(JsonNode) node = NULL;

  outcome = desk_outcome_new (DESK_OUTCOME_INTERRUPTED,
                              desk_environment_get_id (environment),
                              desk_environment_get_api_url (environment),
                              desk_attempt_get_request (attempt),
                              desk_attempt_get_session (attempt),
                              NULL);
  outcome->attempt_id = g_strdup (desk_attempt_get_id (attempt));
  outcome->integration =
    g_strdup (desk_integration_to_string (desk_attempt_get_integration (attempt)));
  node = desk_outcome_to_json (outcome);

  return json_object_ref (json_node_get_object (node));
}

JsonObject *
desk_history_recorder_summary (DeskAttempt *attempt)
{
  static const char * const members[] = {
    "attempt_id", "started_at", "environment", "integration", "api_url", "end_user", "request",
  };
  g_autoptr(JsonObject) outcome = NULL;
  JsonObject *summary;

  g_return_val_if_fail (DESK_IS_ATTEMPT (attempt), NULL);

  outcome = provisional_outcome (attempt);
  summary = json_object_new ();
  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    if (json_object_has_member (outcome, members[i]))
      json_object_set_member (summary, members[i],
                              json_object_dup_member (outcome, members[i]));
  json_object_set_string_member (summary, "environment_name",
                                 desk_environment_get_title (
                                   desk_attempt_get_environment (attempt)));

  return summary;
}

static void
write_events (Watch *watch)
{
  GListModel *timeline = G_LIST_MODEL (desk_attempt_get_timeline (watch->attempt));
  guint n_items = g_list_model_get_n_items (timeline);

  for (; watch->n_events < n_items; watch->n_events++)
    {
      g_autoptr(DeskTimelineEvent) event = g_list_model_get_item (timeline, watch->n_events);
      g_autoptr(JsonNode) node = desk_timeline_event_to_json (event);

      desk_history_append_event (watch->recorder->history, desk_attempt_get_id (watch->attempt),
                                 json_node_get_object (node));
    }
}

/* Each as its HAR entry: a recorded attempt exports as HAR as a live one does. The client has
 * hidden every secret in them already, and the history hides them again before writing. */
static void
write_exchanges (Watch *watch)
{
  GPtrArray *exchanges = desk_attempt_get_exchanges (watch->attempt);

  for (; watch->n_exchanges < exchanges->len; watch->n_exchanges++)
    {
      g_autoptr(JsonNode) entry = desk_har_entry_new (g_ptr_array_index (exchanges,
                                                                         watch->n_exchanges));

      desk_history_append_exchange (watch->recorder->history,
                                    desk_attempt_get_id (watch->attempt),
                                    json_node_get_object (entry));
    }
}

/* A timeline only grows: whatever is past the last written event is new. Every exchange's
 * answer adds an event too, so the exchanges are written here as well. */
static void
timeline_changed_cb (GListModel *timeline,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Watch      *watch)
{
  write_events (watch);
  write_exchanges (watch);
}

static void
session_changed_cb (DeskAttempt *attempt,
                    GParamSpec  *pspec,
                    Watch       *watch)
{
  g_autoptr(JsonObject) outcome = NULL;
  JsonNode *session;

  if (desk_attempt_get_session (attempt) == NULL)
    return;

  outcome = provisional_outcome (attempt);
  session = json_object_get_member (outcome, "session");
  if (session != NULL && JSON_NODE_HOLDS_OBJECT (session))
    desk_history_set_session (watch->recorder->history, desk_attempt_get_id (attempt),
                              json_node_get_object (session));
}

static void
attempt_started_cb (DeskHistoryRecorder *self,
                    DeskAttempt         *attempt,
                    DeskAttemptManager  *manager)
{
  g_autoptr(JsonObject) summary = desk_history_recorder_summary (attempt);
  Watch *watch;

  /* "attempt-started" comes just before the attempt stamps its own start: "started_at" is now,
   * and the outcome's own replaces it at the end. */
  desk_history_begin (self->history, summary);

  watch = g_new0 (Watch, 1);
  watch->recorder = self;
  watch->attempt = g_object_ref (attempt);
  g_ptr_array_add (self->watches, watch);

  g_signal_connect (desk_attempt_get_timeline (attempt), "items-changed",
                    G_CALLBACK (timeline_changed_cb), watch);
  g_signal_connect (attempt, "notify::session", G_CALLBACK (session_changed_cb), watch);
  write_events (watch);
  session_changed_cb (attempt, NULL, watch);
}

static void
attempt_finished_cb (DeskHistoryRecorder *self,
                     DeskAttempt         *attempt,
                     const DeskOutcome   *outcome,
                     DeskAttemptManager  *manager)
{
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < self->watches->len; i++)
    {
      Watch *watch = g_ptr_array_index (self->watches, i);

      if (watch->attempt != attempt)
        continue;

      write_events (watch);
      write_exchanges (watch);
      g_ptr_array_remove_index (self->watches, i);
      break;
    }

  node = desk_outcome_to_json (outcome);
  desk_history_finish (self->history, json_node_get_object (node));
}

static void
desk_history_recorder_dispose (GObject *object)
{
  DeskHistoryRecorder *self = DESK_HISTORY_RECORDER (object);

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_pointer (&self->watches, g_ptr_array_unref);
  g_clear_object (&self->manager);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (desk_history_recorder_parent_class)->dispose (object);
}

static void
desk_history_recorder_class_init (DeskHistoryRecorderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = desk_history_recorder_dispose;
}

static void
desk_history_recorder_init (DeskHistoryRecorder *self)
{
  self->watches = g_ptr_array_new_with_free_func ((GDestroyNotify) watch_free);
}

DeskHistoryRecorder *
desk_history_recorder_new (DeskHistory        *history,
                           DeskAttemptManager *manager)
{
  DeskHistoryRecorder *self;

  g_return_val_if_fail (DESK_IS_HISTORY (history), NULL);
  g_return_val_if_fail (DESK_IS_ATTEMPT_MANAGER (manager), NULL);

  self = g_object_new (DESK_TYPE_HISTORY_RECORDER, NULL);
  self->history = g_object_ref (history);
  self->manager = g_object_ref (manager);
  g_signal_connect_swapped (manager, "attempt-started", G_CALLBACK (attempt_started_cb), self);
  g_signal_connect_swapped (manager, "attempt-finished", G_CALLBACK (attempt_finished_cb), self);

  return self;
}

DeskHistory *
desk_history_recorder_get_history (DeskHistoryRecorder *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_RECORDER (self), NULL);

  return self->history;
}
