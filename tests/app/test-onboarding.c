/* test-onboarding.c — a support agent's way in: find the end user by email or create one,
 * from the form, against the built-in Sandbox
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "desk-application.h"
#include "desk-test-app.h"
#include "desk-test.h"

#define WAIT_MS (30 * 1000)

static DeskApplication *app;
static DeskWindow *window;

/* The dialog the form opened: the one window besides the main one. */
static GtkWindow *
dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (toplevel))
          && desk_test_find_widget (GTK_WIDGET (toplevel), "end-user-email") != NULL)
        return toplevel;
    }

  return NULL;
}

static gboolean
dialog_is_open (gpointer data)
{
  return dialog () != NULL;
}

static gboolean
dialog_is_closed (gpointer data)
{
  return dialog () == NULL;
}

static GtkWidget *
in_dialog (const char *name)
{
  GtkWidget *widget = desk_test_find_widget (GTK_WIDGET (dialog ()), name);

  g_assert_nonnull (widget);

  return widget;
}

static void
open_dialog (const char *button)
{
  GtkWidget *widget = desk_test_find_widget (GTK_WIDGET (window), button);

  g_assert_nonnull (widget);
  g_signal_emit_by_name (widget, "clicked");
  desk_test_wait_or_fail (dialog_is_open, NULL, WAIT_MS, "the end-user dialog");
}

static GtkListBoxRow *
first_match (void)
{
  GtkWidget *list = desk_test_find_widget (GTK_WIDGET (dialog ()), "end-user-matches");

  if (list == NULL || !gtk_widget_get_mapped (list))
    return NULL;

  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
}

static gboolean
has_match (gpointer data)
{
  return dialog () != NULL && first_match () != NULL;
}

static const char *
form_text (const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (desk_test_find_widget (GTK_WIDGET (window),
                                                                     name)));
}

static void
submit (void)
{
  g_signal_emit_by_name (in_dialog ("end-user-submit"), "clicked");
}

static void
choose_first_match (void)
{
  GtkListBoxRow *row;

  desk_test_wait_or_fail (has_match, NULL, WAIT_MS, "a match");
  row = first_match ();
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (row)), "row-activated", row);
  desk_test_wait_or_fail (dialog_is_closed, NULL, WAIT_MS, "the dialog to close");
}

/* Find → choose → the ID is filled in, with the end user's name and email beside it. */
static void
test_find_and_choose (void)
{
  g_autofree char *shown = NULL;

  gtk_editable_set_text (GTK_EDITABLE (desk_test_find_widget (GTK_WIDGET (window),
                                                              "end-user-id")), "");
  open_dialog ("find-end-user");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-email")), "ALEX@example.com");
  submit ();
  choose_first_match ();

  g_assert_cmpstr (form_text ("end-user-id"), ==, "eu_demo_alex");
  shown = desk_test_visible_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (shown, "Alex Example · alex@example.com"));
  g_assert_nonnull (desk_session_form_get_end_user (desk_window_get_form (window), NULL));

  /* Typing another ID by hand forgets who it was. */
  gtk_editable_set_text (GTK_EDITABLE (desk_test_find_widget (GTK_WIDGET (window),
                                                              "end-user-id")), "eu_typed");
  g_assert_null (desk_session_form_get_end_user (desk_window_get_form (window), NULL));
}

static gboolean
attempt_consenting (gpointer data)
{
  DeskAttempt *attempt = desk_attempt_manager_get_current (desk_application_get_attempt_manager (
                                                             app));

  return attempt != NULL && desk_attempt_get_state (attempt) == DESK_ATTEMPT_STATE_CONSENTING;
}

static gboolean
on_outcome_page (gpointer data)
{
  return g_strcmp0 (desk_window_get_page (window), "outcome") == 0;
}

/* Find → choose → session: the session is made for that end user, and the outcome names them
 * (issue 12 "the attempt and outcome pages show the end user's name and email"). */
static void
test_find_then_session (void)
{
  DeskAttemptManager *manager = desk_application_get_attempt_manager (app);
  g_autofree char *shown = NULL;
  const DeskOutcome *outcome;

  gtk_editable_set_text (GTK_EDITABLE (desk_test_find_widget (GTK_WIDGET (window),
                                                              "end-user-id")), "");
  open_dialog ("find-end-user");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-email")), "jordan@example.com");
  submit ();
  choose_first_match ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-session", NULL));
  desk_test_wait_or_fail (attempt_consenting, NULL, WAIT_MS, "the session");
  g_assert_cmpstr (desk_attempt_get_request (desk_attempt_manager_get_current (manager))
                     ->end_user_id, ==, "eu_demo_jordan");
  desk_attempt_manager_cancel (manager);
  desk_test_wait_or_fail (on_outcome_page, NULL, WAIT_MS, "the outcome");

  outcome = desk_outcome_view_get_outcome (desk_window_get_outcome_view (window));
  g_assert_nonnull (outcome->end_user);
  g_assert_cmpstr (outcome->end_user->id, ==, "eu_demo_jordan");
  shown = desk_test_visible_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (shown, "jordan@example.com"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-session", NULL));
}

/* Checked before anything is sent: a bad email, phone or ABN says so and sends nothing. */
static void
test_checked_locally (void)
{
  g_autofree char *shown = NULL;

  open_dialog ("create-end-user");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-email")), "not an email");
  submit ();
  shown = desk_test_visible_text (GTK_WIDGET (dialog ()));
  g_assert_nonnull (strstr (shown, "email"));
  g_clear_pointer (&shown, g_free);

  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-email")), "new@example.com");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-phone")), "0412 345 678");
  submit ();
  shown = desk_test_visible_text (GTK_WIDGET (dialog ()));
  g_assert_nonnull (strstr (shown, "+"));
  g_clear_pointer (&shown, g_free);

  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-phone")), "+61412345678");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-abn")), "51 824 753 557");
  submit ();
  shown = desk_test_visible_text (GTK_WIDGET (dialog ()));
  g_assert_nonnull (strstr (shown, "ABN"));

  gtk_window_close (dialog ());
  desk_test_wait_or_fail (dialog_is_closed, NULL, WAIT_MS, "the dialog to close");
}

/* Create → the email exists already → the existing end user is offered, and used. */
static void
test_create_duplicate (void)
{
  const DeskEndUser *end_user;

  open_dialog ("create-end-user");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-email")), "jordan@example.com");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-name")), "Jordan Again");
  submit ();
  choose_first_match ();

  g_test_message ("end-user-id: %s", form_text ("end-user-id"));
  end_user = desk_session_form_get_end_user (desk_window_get_form (window), NULL);
  g_assert_nonnull (end_user);
  g_assert_cmpstr (form_text ("end-user-id"), ==, end_user->id);
  g_assert_cmpstr (end_user->email, ==, "jordan@example.com");
}

static void
test_create_new (void)
{
  gboolean created = FALSE;
  const DeskEndUser *end_user;

  open_dialog ("create-end-user");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-email")), "newcomer@example.com");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-name")), "New Comer");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-phone")), "+61412345678");
  gtk_editable_set_text (GTK_EDITABLE (in_dialog ("end-user-abn")), "51 824 753 556");
  submit ();
  desk_test_wait_or_fail (dialog_is_closed, NULL, WAIT_MS, "the end user to be created");

  end_user = desk_session_form_get_end_user (desk_window_get_form (window), &created);
  g_assert_nonnull (end_user);
  g_assert_true (created);
  g_assert_cmpstr (form_text ("end-user-id"), ==, end_user->id);
  g_assert_cmpstr (end_user->name, ==, "New Comer");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = desk_test_app_new (NULL);

  window = desk_application_ensure_window (app);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/onboarding/find-and-choose", test_find_and_choose);
  g_test_add_func ("/onboarding/find-then-session", test_find_then_session);
  g_test_add_func ("/onboarding/checked-locally", test_checked_locally);
  g_test_add_func ("/onboarding/create-duplicate", test_create_duplicate);
  g_test_add_func ("/onboarding/create-new", test_create_new);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);

  return status;
}
