/* desk-test-app.c — helpers for tests that drive the application itself
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-test"

#include "config.h"

#include "desk-test-app.h"

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

