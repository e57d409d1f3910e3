/* desk-test-app.c — helpers for tests that drive the application itself
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-test"

#include "config.h"

#include <string.h>

#include "desk-test-app.h"

DeskApplication *
desk_test_app_new (DeskSecretStore *store)
{
  DeskApplication *app = desk_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  if (store != NULL)
    desk_application_set_secret_store (app, store);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  return app;
}

DeskSandbox *
desk_test_app_sandbox (DeskApplication *app)
{
  DeskEnvironment *environment;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DESK_IS_APPLICATION (app), NULL);

  environment = desk_application_get_environment (app, DESK_ENVIRONMENT_SANDBOX, NULL);
  g_assert_true (desk_environment_ensure_started (environment, &error));
  g_assert_no_error (error);

  return desk_application_ensure_sandbox (app);
}

void
desk_test_app_use_environment (DeskApplication     *app,
                               DeskWindow          *window,
                               DeskEnvironmentKind  kind,
                               const char          *api_url)
{
  DeskEnvironment *environment;

  g_return_if_fail (DESK_IS_APPLICATION (app));
  g_return_if_fail (DESK_IS_WINDOW (window));

  environment = desk_application_get_environment (app, kind, api_url);
  desk_session_form_set_environment (desk_window_get_form (window), environment);
}

AdwMessageDialog *
desk_test_question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

gboolean
desk_test_question_is_open (gpointer data)
{
  return desk_test_question () != NULL;
}

void
desk_test_answer (const char *response)
{
  AdwMessageDialog *dialog = desk_test_question ();
  g_autoptr(GObject) keep = NULL;

  g_assert_nonnull (dialog);
  keep = g_object_ref (G_OBJECT (dialog));
  adw_message_dialog_response (dialog, response);
  /* A click closes the dialog; a response given in code leaves it to us. */
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_close (GTK_WINDOW (dialog));
}

static void
attempt_finished_cb (DeskAttemptManager *manager,
                     DeskAttempt        *attempt,
                     const DeskOutcome  *outcome,
                     gpointer            user_data)
{
  DeskTestOutcomes *outcomes = user_data;

  g_clear_pointer (&outcomes->last, desk_outcome_free);
  outcomes->last = desk_outcome_copy (outcome);
  outcomes->count++;
}

void
desk_test_outcomes_watch (DeskTestOutcomes   *outcomes,
                          DeskAttemptManager *manager)
{
  g_return_if_fail (outcomes != NULL);

  g_signal_connect (manager, "attempt-finished", G_CALLBACK (attempt_finished_cb), outcomes);
}

typedef struct
{
  DeskTestOutcomes *outcomes;
  guint             count;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return wait->outcomes->count >= wait->count;
}

void
desk_test_outcomes_wait (DeskTestOutcomes *outcomes,
                         guint             count,
                         guint             timeout_ms,
                         const char       *what)
{
  CountWait wait = { outcomes, count };

  g_return_if_fail (outcomes != NULL);

  desk_test_wait_or_fail (count_reached, &wait, timeout_ms, what);
}

static guint
count_events (DeskAttempt      *attempt,
              DeskTimelineKind  kind,
              const char       *field,
              const char       *text,
              gboolean          containing)
{
  GListModel *timeline;
  guint count = 0;

  g_return_val_if_fail (DESK_IS_ATTEMPT (attempt), 0);

  timeline = G_LIST_MODEL (desk_attempt_get_timeline (attempt));
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(DeskTimelineEvent) event = g_list_model_get_item (timeline, i);
      const char *value;

      if (desk_timeline_event_get_kind (event) != kind)
        continue;
      if (field == NULL)
        {
          count++;
          continue;
        }
      value = desk_timeline_event_get_string (event, field);
      if (containing ? value != NULL && strstr (value, text) != NULL
                     : g_strcmp0 (value, text) == 0)
        count++;
    }

  return count;
}

guint
desk_test_count_events (DeskAttempt      *attempt,
                        DeskTimelineKind  kind,
                        const char       *field,
                        const char       *text)
{
  return count_events (attempt, kind, field, text, FALSE);
}

guint
desk_test_count_events_containing (DeskAttempt      *attempt,
                                   DeskTimelineKind  kind,
                                   const char       *field,
                                   const char       *text)
{
  return count_events (attempt, kind, field, text, TRUE);
}
