/* test-window-layout.c — the window as a person at a desk or on a phone-sized screen meets it
 * (suite gui)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 14: the running attempt gives the consent page the room (the session on one line, its
 * details behind a toggle, the timeline in a pane), F6 moves between the panes and few Tab stops
 * lead to the page; the outcome opens at its top with its own picture; the form and the outcome
 * fit GNOME's mobile width, 360 px. One application and window, against the Sandbox.
 */
#include "config.h"

#include <string.h>

#include "desk-application.h"
#include "desk-test-app.h"
#include "desk-time-format.h"

/* A cold web process on a busy 2-core machine. */
#define WAIT_MS (90 * 1000)

static DeskApplication *app;
static DeskWindow *window;

static DeskTestOutcomes outcomes;

static gboolean
attempt_consenting (gpointer data)
{
  DeskAttempt *attempt = desk_window_get_attempt (window);

  return attempt != NULL && desk_attempt_get_state (attempt) == DESK_ATTEMPT_STATE_CONSENTING;
}

static gboolean
revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (GTK_REVEALER (data));
}

static gboolean
hidden (gpointer data)
{
  return !gtk_revealer_get_child_revealed (GTK_REVEALER (data));
}

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_height (GTK_WIDGET (data)) > 0;
}

/* The consent page gets the room: the session is one line, its details behind a toggle. */
static void
check_attempt_page (void)
{
  DeskAttemptPage *page = desk_window_get_attempt_page (window);
  GtkWidget *web_view = GTK_WIDGET (desk_attempt_page_get_web_view (page));
  GtkWidget *summary = desk_test_widget (window, "session-summary");
  GtkWidget *details = desk_test_widget (window, "session-details");
  GtkWidget *toggle = desk_test_widget (window, "session-details-toggle");
  const DeskAuthSession *session = desk_attempt_get_session (desk_window_get_attempt (window));
  int page_height;

  g_assert_nonnull (web_view);
  desk_test_wait_or_fail (allocated, web_view, WAIT_MS, "the web view's allocation");
  page_height = gtk_widget_get_height (GTK_WIDGET (page));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (details)));
  g_assert_false (gtk_widget_get_child_visible (gtk_revealer_get_child (GTK_REVEALER (details))));
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (desk_test_widget (window, "session-summary-id"))),
                   ==, session->session_id);
  /* One line (a button's height), and the page has most of the height. */
  g_assert_cmpint (gtk_widget_get_height (summary), <=, 48);
  g_assert_cmpint (gtk_widget_get_height (web_view), >=, page_height * 3 / 4);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  desk_test_wait_or_fail (revealed, details, WAIT_MS, "the session's details");
  desk_test_assert_visible_text (window, session->auth_url);
  g_assert_true (gtk_widget_get_mapped (desk_test_find_actionable (details, "attempt.copy")));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  desk_test_wait_or_fail (hidden, details, WAIT_MS, "the details to close");
}

static GtkWidget *
focus_widget (void)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gboolean
focus_in (GtkWidget *area)
{
  GtkWidget *focus = focus_widget ();

  return focus != NULL && (focus == area || gtk_widget_is_ancestor (focus, area));
}

static gboolean
count_tab_stops_from (GtkWidget *widget,
                      GtkWidget *from,
                      GtkWidget *to,
                      int       *stops,
                      gboolean  *counting)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;

  if (*counting && gtk_widget_get_focusable (widget))
    (*stops)++;
  if (widget == to)
    return TRUE;
  if (widget == from)
    *counting = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (count_tab_stops_from (child, from, to, stops, counting))
      return TRUE;

  return FALSE;
}

/* The Tab stops from @from (excluded) to @to (included), in GTK's tree order, among what is
 * shown: TRUE once @to is reached. */
static gboolean
count_tab_stops (GtkWidget *root,
                 GtkWidget *from,
                 GtkWidget *to,
                 int       *stops,
                 gboolean   counting)
{
  return count_tab_stops_from (root, from, to, stops, &counting);
}

/* Whether @widget has a shortcut for @keyval with @modifiers in @phase. */
static gboolean
has_key (GtkWidget          *widget,
         guint               keyval,
         GdkModifierType     modifiers,
         GtkPropagationPhase phase)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) key = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), key))
            return TRUE;
        }
    }

  return FALSE;
}

static void
press_f6 (gboolean shift)
{
  GtkWidget *page = GTK_WIDGET (desk_window_get_attempt_page (window));

  g_assert_true (gtk_widget_activate_action (page, "attempt.cycle-pane", "b", shift));
}

/* F6 moves between the details and the page; Tab reaches the page in a few presses. */
static void
check_pane_keys (void)
{
  DeskAttemptPage *page = desk_window_get_attempt_page (window);
  GtkWidget *web_view = GTK_WIDGET (desk_attempt_page_get_web_view (page));
  GtkWidget *toggle = desk_test_widget (window, "session-details-toggle");
  GtkWidget *timeline_toggle = desk_test_widget (window, "timeline-toggle");
  int stops = 0;

  /* F6, GNOME's key between panes, in the capture phase: the consent page cannot swallow it.
   * Escape the other way round: only what the page passes on cancels (asking first), never an
   * application accelerator, which would act before the page. */
  g_assert_true (has_key (GTK_WIDGET (page), GDK_KEY_F6, 0, GTK_PHASE_CAPTURE));
  g_assert_true (has_key (GTK_WIDGET (page), GDK_KEY_Escape, 0, GTK_PHASE_BUBBLE));
  g_assert_false (has_key (GTK_WIDGET (window), GDK_KEY_Escape, 0, GTK_PHASE_CAPTURE));

  /* Alt+D and Alt+T show and hide the details and the timeline, as the buttons' mnemonics did
   * before they became icons; in the bubble phase, after the page's own access keys. */
  g_assert_true (has_key (GTK_WIDGET (page), GDK_KEY_d, GDK_ALT_MASK, GTK_PHASE_BUBBLE));
  g_assert_true (has_key (GTK_WIDGET (page), GDK_KEY_t, GDK_ALT_MASK, GTK_PHASE_BUBBLE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "attempt.toggle-details", NULL));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (desk_test_widget (window,
                                                                               "session-details"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "attempt.toggle-details", NULL));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "attempt.toggle-timeline", NULL));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (timeline_toggle)));
  g_assert_true (gtk_widget_get_visible (desk_test_widget (window, "attempt-timeline")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "attempt.toggle-timeline", NULL));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (timeline_toggle)));

  g_assert_true (gtk_widget_grab_focus (toggle));
  press_f6 (FALSE);
  g_assert_true (focus_in (web_view));
  press_f6 (FALSE);
  g_assert_true (focus_widget () == toggle);
  press_f6 (TRUE);
  g_assert_true (focus_in (web_view));

  /* With the timeline shown, F6 visits it too, then comes back to the details. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (timeline_toggle), TRUE);
  press_f6 (FALSE);
  g_assert_true (focus_in (desk_test_widget (window, "attempt-timeline")));
  press_f6 (FALSE);
  g_assert_true (focus_widget () == toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (timeline_toggle), FALSE);

  /* Tab from the details: the timeline toggle, then the page (was 9 stops). GTK moves the
   * focus in tree order; WebKit takes it only once its web process answers, which a window
   * without a window manager may never see, so the stops on the way are counted. */
  g_assert_true (gtk_widget_grab_focus (toggle));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_widget () == timeline_toggle);
  g_assert_true (count_tab_stops (GTK_WIDGET (page), toggle, web_view, &stops, FALSE));
  g_assert_cmpint (stops, <=, 2);
}

/* An outcome with the widest words the outcome page shows: the longest error type, long
 * addresses and a long description. */
static void
show_long_failure (void)
{
  g_autoptr(DeskSessionRequest) request = desk_session_request_new ("eu_narrow_window_0123456789",
      "https://callback.consent-desk.invalid/done/with/a/long/path?and=query&more=values",
      "https://callback.consent-desk.invalid/cancel/with/a/long/path", "institution_0123456789",
      NULL);
  DeskOutcome *failure = desk_outcome_new (DESK_OUTCOME_FAILURE, "sandbox", NULL, request, NULL,
                                           NULL);

  failure->error = g_strdup ("server_error");
  failure->error_type = g_strdup ("CONSENT_UPSTREAM_PROCESSING_ERROR");
  failure->error_description = g_strdup ("The upstream data holder returned an error while the "
                                         "consent was being set up");
  desk_outcome_view_set_outcome (desk_window_get_outcome_view (window), failure);
  desk_outcome_free (failure);
}

static gboolean
scrollable (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > 0;
}

static void
assert_narrow (GtkWidget  *widget,
               const char *what)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum > 360)
    g_error ("%s needs %d px", what, minimum);
}

/* Fiskil's sessions may last days (fiskil-api.md): their countdown says so in days, never more
 * than is left, and fits 360 px by dropping "Expires in" (the window needed 387 px for "Expires
 * in 119:59:59", 367 for "Expires in 9:59:59"). Set as the page sets it each second. */
static void
check_long_countdowns (void)
{
  static const struct
  {
    gint64      remaining;
    const char *text;
    const char *left;
  } countdowns[] = {
    { 5 * 24 * 3600 - 1, "Expires in 4 days", "4 days" },
    { 2 * 24 * 3600, "Expires in 2 days", "2 days" },
    { 2 * 24 * 3600 - 1, "Expires in 47:59:59", "47:59:59" },
    { 3600, "Expires in 1:00:00", "1:00:00" },
    { 3599, "Expires in 59:59", "59:59" },
    { 0, "Expired", "Expired" },
  };
  GtkLabel *countdown = GTK_LABEL (desk_test_widget (window, "countdown"));
  GtkLabel *countdown_short = GTK_LABEL (desk_test_widget (window, "countdown-short"));
  g_autofree char *shown = g_strdup (gtk_label_get_text (countdown));
  g_autofree char *shown_short = g_strdup (gtk_label_get_text (countdown_short));

  g_assert_true (g_str_has_prefix (shown, "Expires in "));
  g_assert_cmpstr (shown + strlen ("Expires in "), ==, shown_short);

  for (guint i = 0; i < G_N_ELEMENTS (countdowns); i++)
    {
      g_autofree char *text = desk_format_countdown (countdowns[i].remaining);
      g_autofree char *left = desk_format_time_left (countdowns[i].remaining);
      g_autofree char *what = NULL;

      g_assert_cmpstr (text, ==, countdowns[i].text);
      g_assert_cmpstr (left, ==, countdowns[i].left);
      gtk_label_set_text (countdown, text);
      gtk_label_set_text (countdown_short, left);
      what = g_strdup_printf ("The window with “%s”", text);
      assert_narrow (GTK_WIDGET (window), what);
    }

  gtk_label_set_text (countdown, shown);
  gtk_label_set_text (countdown_short, shown_short);
}

/* A running attempt: the session on one line and the page with the room, F6 and few Tab stops,
 * Cancel in the header bar; cancelled, the outcome opens at its top. */
static void
test_attempt_page (void)
{
  guint expected = outcomes.count + 1;
  GtkAdjustment *outcome_scroll;
  GtkWidget *badge;
  int minimum = 0;

  /* An outcome page left scrolled down. */
  show_long_failure ();
  gtk_stack_set_visible_child_full (GTK_STACK (desk_test_widget (window, "pages")), "outcome",
                                    GTK_STACK_TRANSITION_TYPE_NONE);
  outcome_scroll = desk_outcome_view_get_vadjustment (desk_window_get_outcome_view (window));
  desk_test_wait_or_fail (scrollable, outcome_scroll, WAIT_MS, "the outcome to scroll");
  gtk_adjustment_set_value (outcome_scroll, gtk_adjustment_get_upper (outcome_scroll));
  g_assert_cmpfloat (gtk_adjustment_get_value (outcome_scroll), >, 0);

  desk_test_app_use_environment (app, window, DESK_ENVIRONMENT_SANDBOX, NULL);
  desk_sandbox_set_auto_outcome (desk_test_app_sandbox (app), NULL);
  desk_test_activate (window, "win.new-session");
  desk_test_type_text (window, "end-user-id", "eu_layout_attempt");
  desk_test_activate (window, "win.create-session");
  desk_test_wait_or_fail (attempt_consenting, NULL, WAIT_MS, "the consent page");

  check_attempt_page ();
  check_pane_keys ();
  assert_narrow (GTK_WIDGET (desk_window_get_attempt_page (window)), "the running attempt");
  check_long_countdowns ();

  /* Cancel is in the header bar, and it is the window's one Cancel. */
  g_assert_true (gtk_widget_get_mapped (desk_test_widget (window, "cancel-attempt")));
  g_assert_nonnull (gtk_widget_get_ancestor (desk_test_widget (window, "cancel-attempt"),
                                             ADW_TYPE_HEADER_BAR));
  g_assert_cmpstr (gtk_actionable_get_action_name (
                     GTK_ACTIONABLE (desk_test_widget (window, "cancel-attempt"))),
                   ==, "win.cancel-attempt");

  /* And in a phone-sized window, with three window buttons: "Cancel" where the two words do not
   * fit, History (which cannot open meanwhile) makes room, and the session's ID shows its ends
   * (the window needed 441 px). */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  if (minimum > 360)
    g_error ("The window needs %d px during an attempt", minimum);
  g_assert_false (gtk_widget_get_visible (desk_test_widget (window, "history-button")));
  g_assert_cmpstr (gtk_actionable_get_action_name (
                     GTK_ACTIONABLE (desk_test_widget (window, "cancel-attempt-short"))),
                   ==, "win.cancel-attempt");

  /* Production's "Real end users" badge steps aside there too (the tinted header and its
   * subtitle still say Production): shown as that environment shows it, it needed 473 px. */
  badge = desk_test_widget (window, "production-badge");
  gtk_widget_set_visible (badge, TRUE);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  gtk_widget_set_visible (badge, FALSE);
  if (minimum > 360)
    g_error ("The window needs %d px during an attempt in Production", minimum);

  desk_test_activate (window, "win.cancel-attempt");
  desk_test_wait_or_fail (desk_test_question_is_open, NULL, WAIT_MS, "the question");
  desk_test_answer ("end");
  desk_test_outcomes_wait (&outcomes, expected, WAIT_MS, "the attempt to end");
  g_assert_cmpint (outcomes.last->kind, ==, DESK_OUTCOME_CANCELLED);

  /* The cancelled outcome opens at its top, with Try again suggested. */
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
  g_assert_cmpfloat (gtk_adjustment_get_value (outcome_scroll), ==, 0);
  g_assert_true (gtk_widget_get_visible (desk_test_widget (window, "try-again")));
  g_assert_true (gtk_widget_has_css_class (desk_test_widget (window, "try-again"),
                                           "suggested-action"));
  g_assert_cmpstr (adw_status_page_get_icon_name (
                     ADW_STATUS_PAGE (desk_test_widget (window, "outcome-status"))),
                   ==, "process-stop-symbolic");

  /* With a real timeline (addresses, sentences) it still fits 360 px. */
  assert_narrow (GTK_WIDGET (desk_window_get_outcome_view (window)), "a real outcome");
  assert_narrow (GTK_WIDGET (window), "the window on a real outcome");
}

/* Each kind of ending has its own picture, one the icon theme has. */
static void
test_outcome_icons (void)
{
  static const struct
  {
    DeskOutcomeKind  kind;
    const char      *error;
    const char      *error_type;
  } endings[] = {
    { DESK_OUTCOME_SUCCESS, NULL, NULL },
    { DESK_OUTCOME_FAILURE, "access_denied", "CONSENT_ENDUSER_DENIED" },            /* refused */
    { DESK_OUTCOME_FAILURE, "server_error", "CONSENT_UPSTREAM_PROCESSING_ERROR" },  /* bank */
    { DESK_OUTCOME_EXPIRED, NULL, NULL },
    { DESK_OUTCOME_CANCELLED, NULL, NULL },
    { DESK_OUTCOME_CLOSED, NULL, NULL },
  };
  g_autoptr(DeskSessionRequest) request = desk_session_request_new ("eu_icons",
      "https://callback.example/done", "https://callback.example/cancel", NULL, NULL);
  GtkWidget *view = g_object_ref_sink (desk_outcome_view_new ());
  GtkWidget *status = desk_test_find_widget (view, "outcome-status");
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      DeskOutcome *outcome = desk_outcome_new (endings[i].kind, "sandbox", NULL, request, NULL,
                                               NULL);
      const char *icon;

      outcome->error = g_strdup (endings[i].error);
      outcome->error_type = g_strdup (endings[i].error_type);
      desk_outcome_view_set_outcome (DESK_OUTCOME_VIEW (view), outcome);
      icon = adw_status_page_get_icon_name (ADW_STATUS_PAGE (status));

      g_assert_cmpstr (icon, ==, desk_outcome_view_icon_for (outcome));
      g_assert_true (gtk_icon_theme_has_icon (theme, icon));
      if (g_hash_table_contains (seen, icon))
        g_error ("ending %u has the same icon as another: %s", i, icon);
      g_hash_table_add (seen, (gpointer) icon);
      desk_outcome_free (outcome);
    }

  g_object_unref (view);
}

/* GNOME's mobile width: the form, the outcome, the attempt and History fit 360 px, and so
 * does the window showing the form, the outcome or History. */
static void
test_minimum_width (void)
{
  const char *narrow_pages[] = { "form", "outcome", "history" };
  GtkWidget *manage;
  GtkWidget *pages[] = {
    GTK_WIDGET (desk_window_get_form (window)), GTK_WIDGET (desk_window_get_outcome_view (window)),
    GTK_WIDGET (desk_window_get_attempt_page (window)),
    GTK_WIDGET (desk_window_get_history_view (window)),
  };
  int minimum = 0;

  show_long_failure ();

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_measure (pages[i], GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > 360)
        g_error ("%s needs %d px", G_OBJECT_TYPE_NAME (pages[i]), minimum);
    }

  /* The window, on each of the two pages used from a phone-sized window. */
  for (guint i = 0; i < G_N_ELEMENTS (narrow_pages); i++)
    {
      gtk_stack_set_visible_child_full (GTK_STACK (desk_test_widget (window, "pages")),
                                        narrow_pages[i],
                                        GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                          NULL, NULL);
      if (minimum > 360)
        g_error ("The window needs %d px on the %s page", minimum, narrow_pages[i]);
      if (g_str_equal (narrow_pages[i], "history"))
        {
          /* Export and Clear History stay one menu away at any width. */
          GtkWidget *menu = desk_test_widget (window, "history-menu");

          g_assert_true (gtk_widget_get_visible (menu));
          g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)));
        }
    }
  gtk_stack_set_visible_child_full (GTK_STACK (desk_test_widget (window, "pages")), "form",
                                    GTK_STACK_TRANSITION_TYPE_NONE);

  /* The header shows the environment; the form's row chooses it, with Manage environments…. */
  g_assert_null (desk_test_find_widget (GTK_WIDGET (window), "environment-menu"));
  manage = desk_test_widget (window, "manage-environments");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (manage)), ==, "app.preferences");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = desk_test_app_new (NULL);

  window = desk_application_ensure_window (app);
  desk_test_outcomes_watch (&outcomes, desk_application_get_attempt_manager (app));
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/window-layout/outcome-icons", test_outcome_icons);
  g_test_add_func ("/window-layout/minimum-width", test_minimum_width);
  g_test_add_func ("/window-layout/attempt-page", test_attempt_page);

  status = g_test_run ();

  g_clear_pointer (&outcomes.last, desk_outcome_free);
  g_object_unref (app);

  return status;
}
