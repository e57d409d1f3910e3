/* desk-window.c — the main window: the form, the running attempt and its outcome
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-web-module.h"
#include "desk-window-private.h"

G_DEFINE_FINAL_TYPE (DeskWindow, desk_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
needs_web (DeskAttempt *attempt)
{
  /* Hand-off loads nothing here: the customer finishes on their own device. */
  return desk_attempt_get_integration (attempt) != DESK_INTEGRATION_HAND_OFF;
}

static void
web_module_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DeskAttempt) attempt = user_data;
  g_autoptr(GError) error = NULL;
  const DeskWebModule *web = desk_web_module_load_finish (result, &error);

  /* Told when the page would have opened (desk_window_has_web), in the outcome. */
  if (web == NULL)
    g_debug ("%s", error->message);
  else
    web->warm (attempt);  /* nothing once the attempt is past CREATING */
}

/* The first attempt that shows a page loads the web module (desk-web-module.h) in a worker
 * thread, while its session request is in flight; then WebKit starts for it. */
static void
desk_window_warm (DeskAttempt *attempt)
{
  const DeskWebModule *web;

  if (!needs_web (attempt))
    return;

  web = desk_web_module_get ();
  if (web != NULL)
    web->warm (attempt);
  else
    desk_web_module_load_async (web_module_loaded_cb, g_object_ref (attempt));
}

typedef struct
{
  DeskAttempt *attempt;
  char        *reason;
} WebFailure;

static void
web_failure_free (gpointer data)
{
  WebFailure *failure = data;

  g_object_unref (failure->attempt);
  g_free (failure->reason);
  g_free (failure);
}

static gboolean
fail_without_web (gpointer data)
{
  WebFailure *failure = data;
  const DeskAuthSession *session = desk_attempt_get_session (failure->attempt);

  desk_attempt_report_load (failure->attempt, session != NULL ? session->auth_url : NULL,
                            "failed", failure->reason);

  return G_SOURCE_REMOVE;
}

/* Without the web module there is no page to show: the attempt ends as a failed load, with
 * the reason, once the state change that got here is over. */
static gboolean
desk_window_has_web (DeskAttempt *attempt)
{
  g_autoptr(GError) error = NULL;
  WebFailure *failure;

  if (!needs_web (attempt) || desk_web_module_ensure (&error) != NULL)
    return TRUE;

  failure = g_new0 (WebFailure, 1);
  failure->attempt = g_object_ref (attempt);
  failure->reason = g_strdup (error->message);
  g_idle_add_full (G_PRIORITY_DEFAULT, fail_without_web, failure, web_failure_free);
  return FALSE;
}

static void
attempt_state_cb (DeskWindow  *self,
                  GParamSpec  *pspec,
                  DeskAttempt *attempt)
{
  switch (desk_attempt_get_state (attempt))
    {
    case DESK_ATTEMPT_STATE_PREPARING:
    case DESK_ATTEMPT_STATE_CREATING:
      desk_session_form_set_busy (self->form, TRUE);
      break;

    case DESK_ATTEMPT_STATE_CONSENTING:
      desk_session_form_set_busy (self->form, FALSE);
      if (!desk_window_has_web (attempt))
        break;
      desk_attempt_page_set_attempt (desk_window_ensure_attempt_page (self), attempt);
      desk_window_show_attempt_page (self, attempt);
      break;

    case DESK_ATTEMPT_STATE_NEW:
    case DESK_ATTEMPT_STATE_FINISHED:
    default:
      break;
    }

  if (desk_attempt_get_state (attempt) >= DESK_ATTEMPT_STATE_CONSENTING)
    desk_window_describe_cancel (self, FALSE);
  desk_window_update_actions (self);
}

static void
attempt_started_cb (DeskWindow         *self,
                    DeskAttempt        *attempt,
                    DeskAttemptManager *manager)
{
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_set_object (&self->watched, attempt);
  g_signal_connect_object (attempt, "notify::state",
                           G_CALLBACK (attempt_state_cb), self, G_CONNECT_SWAPPED);

  /* WebKit is loaded and started, and the page that will show the consent page is built,
   * while the session request is in flight: none of them waits for the answer. */
  desk_window_warm (attempt);
  desk_window_ensure_attempt_page (self);

  desk_session_form_clear_error (self->form);
  desk_session_form_set_busy (self->form, TRUE);

  /* Started before the window is shown (--start): its first frames say what is happening
   * rather than draw a busy form nobody filled in, which costs the consent page's start the
   * form's drawing (README "Benchmarks"). An API error still lands in the form. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    desk_window_show_page (self, "creating");
  desk_window_update_actions (self);
}

static void
attempt_finished_cb (DeskWindow         *self,
                     DeskAttempt        *attempt,
                     const DeskOutcome  *outcome,
                     DeskAttemptManager *manager)
{
  desk_session_form_set_busy (self->form, FALSE);
  desk_window_stop_page_wait (self);

  /* Closing: the outcome is recorded; there is nothing left to show it in. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (outcome->kind == DESK_OUTCOME_API_ERROR)
    {
      /* Back to the form, with what was typed and what went wrong. */
      gtk_stack_set_visible_child_name (self->stack, "form");
      desk_session_form_show_outcome_error (self->form, outcome);
    }
  else if (outcome->kind == DESK_OUTCOME_CANCELLED && outcome->session == NULL)
    {
      /* Cancelled before the session existed: nothing to show but the form again. */
      gtk_stack_set_visible_child_name (self->stack, "form");
      desk_window_show_toast (self, _("Session creation cancelled"));
    }
  else
    {
      self->outcome_from_history = FALSE;
      desk_outcome_view_set_outcome (desk_window_ensure_outcome_view (self), outcome);
      desk_window_show_page (self, "outcome");
    }

  /* The web view and every page of this attempt go now (design.md). */
  if (self->attempt_page != NULL && desk_attempt_page_get_attempt (self->attempt_page) == attempt)
    desk_attempt_page_set_attempt (self->attempt_page, NULL);

  desk_window_update_actions (self);
}

static gboolean
is_listed (DeskWindow      *self,
           DeskEnvironment *environment)
{
  GListModel *model = G_LIST_MODEL (self->environments);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DeskEnvironment) item = g_list_model_get_item (model, i);

      if (item == environment)
        return TRUE;
    }

  return FALSE;
}

void
desk_window_start_attempt (DeskWindow               *self,
                           DeskEnvironment          *environment,
                           const DeskSessionRequest *request)
{
  g_return_if_fail (DESK_IS_WINDOW (self));

  desk_window_start_attempt_as (self, environment, request,
                                desk_session_form_get_integration (self->form));
}

void
desk_window_start_attempt_as (DeskWindow               *self,
                              DeskEnvironment          *environment,
                              const DeskSessionRequest *request,
                              DeskIntegration           integration)
{
  g_autoptr(DeskAttempt) attempt = NULL;
  const DeskEndUser *end_user;
  gboolean created = FALSE;

  g_return_if_fail (DESK_IS_WINDOW (self));
  g_return_if_fail (DESK_IS_ENVIRONMENT (environment));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!desk_attempt_manager_is_running (self->manager));

  /* Made now: @request may belong to the attempt about to be replaced ("Try again"). */
  attempt = desk_attempt_new (environment, request, integration);
  end_user = desk_session_form_get_end_user (self->form, &created);
  if (end_user != NULL && g_strcmp0 (end_user->id, request->end_user_id) == 0)
    desk_attempt_set_end_user (attempt, end_user, created);

  /* The header shows where the attempt runs ("Try again" after switching included). */
  if (desk_session_form_get_environment (self->form) != environment &&
      is_listed (self, environment))
    desk_session_form_set_environment (self->form, environment);

  if (self->remember_values && desk_session_form_get_environment (self->form) == environment)
    desk_session_form_remember_values (self->form);

  desk_attempt_manager_start_attempt (self->manager, attempt);
}

static void
history_attempt_activated_cb (DeskWindow *self,
                              const char *attempt_id)
{
  desk_window_open_recorded_attempt (self, attempt_id);
}

static void
page_changed_cb (DeskWindow *self)
{
  desk_window_update_actions (self);
}

static void
form_changed_cb (DeskWindow *self)
{
  desk_window_update_actions (self);
}

/* Enter in the form: what the Create session button would do, when it could. */
static void
form_submit_cb (DeskWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.create-session", NULL);
}

DeskAttemptPage *
desk_window_ensure_attempt_page (DeskWindow *self)
{
  if (self->attempt_page != NULL)
    return self->attempt_page;

  self->attempt_page = desk_attempt_page_new ();
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->attempt_page), "attempt", _("Consent"));
  g_settings_bind (self->settings, "timeline-expanded", self->attempt_page, "timeline-expanded",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "timeline-position", self->attempt_page, "timeline-position",
                   G_SETTINGS_BIND_DEFAULT);

  return self->attempt_page;
}

DeskOutcomeView *
desk_window_ensure_outcome_view (DeskWindow *self)
{
  if (self->outcome_view != NULL)
    return self->outcome_view;

  self->outcome_view = DESK_OUTCOME_VIEW (desk_outcome_view_new ());
  if (self->environments != NULL)
    desk_outcome_view_set_environments (self->outcome_view, G_LIST_MODEL (self->environments));
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->outcome_view), "outcome", _("Outcome"));

  return self->outcome_view;
}

DeskHistoryView *
desk_window_ensure_history_view (DeskWindow *self)
{
  if (self->history_view != NULL)
    return self->history_view;

  self->history_view = g_object_new (DESK_TYPE_HISTORY_VIEW, "name", "history-view", NULL);
  g_signal_connect_object (self->history_view, "attempt-activated",
                           G_CALLBACK (history_attempt_activated_cb), self, G_CONNECT_SWAPPED);
  if (self->environments != NULL)
    desk_history_view_set_environments (self->history_view, G_LIST_MODEL (self->environments));
  desk_history_view_set_history (self->history_view, self->history);
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->history_view), "history", _("History"));

  return self->history_view;
}

void
desk_window_show_page (DeskWindow *self,
                       const char *name)
{
  if (g_str_equal (name, "attempt"))
    desk_window_ensure_attempt_page (self);
  else if (g_str_equal (name, "outcome"))
    desk_window_ensure_outcome_view (self);
  else if (g_str_equal (name, "history"))
    desk_window_ensure_history_view (self);
  else if (g_str_equal (name, "creating"))
    desk_window_ensure_creating_page (self);

  /* The attempt page comes at once: its consent page's web process is starting, and without a
   * GPU a crossfade's frames (the whole window's) slow that start (README "Benchmarks"). */
  gtk_stack_set_visible_child_full (self->stack, name,
                                    g_str_equal (name, "attempt")
                                    ? GTK_STACK_TRANSITION_TYPE_NONE
                                    : gtk_stack_get_transition_type (self->stack));
}

const DeskOutcome *
desk_window_get_shown_outcome (DeskWindow *self)
{
  return self->outcome_view != NULL ? desk_outcome_view_get_outcome (self->outcome_view) : NULL;
}

static void
show_environment (DeskWindow *self)
{
  DeskEnvironment *environment = desk_session_form_get_environment (self->form);
  const char *name = desk_environment_get_title (environment);
  g_autofree char *title = NULL;
  gboolean production;

  adw_window_title_set_subtitle (self->window_title, name);
  /* Translators: the window's title; %s is an environment's name, e.g. "Production" */
  title = g_strdup_printf (_("Consent Desk — %s"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* Sessions made here reach real end users: the header says so, in colour and in words. */
  production = desk_environment_get_kind (environment) == DESK_ENVIRONMENT_PRODUCTION;
  if (production)
    gtk_widget_add_css_class (GTK_WIDGET (self), "production");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "production");
  gtk_widget_set_visible (self->production_badge, production);
}

/* The form's environment changed: the header's title and style show it. */
static void
environment_changed_cb (DeskWindow *self)
{
  DeskEnvironment *environment = desk_session_form_get_environment (self->form);

  if (environment == NULL)
    return;

  if (self->shown_environment != NULL)
    g_signal_handlers_disconnect_by_func (self->shown_environment, show_environment, self);
  g_set_object (&self->shown_environment, environment);
  g_signal_connect_object (environment, "notify::title", G_CALLBACK (show_environment), self,
                           G_CONNECT_SWAPPED);

  show_environment (self);

  if (self->remember_values && desk_environment_is_saved (environment))
    g_settings_set_string (self->settings, "selected-environment",
                           desk_environment_get_id (environment));
}

static void
save_window_state (DeskWindow *self)
{
  int width = 0;
  int height = 0;

  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));

  /* A maximized size is the screen's, not the one to come back to. */
  if (gtk_window_is_maximized (GTK_WINDOW (self)))
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
}

static gboolean
desk_window_close_request (GtkWindow *window)
{
  DeskWindow *self = DESK_WINDOW (window);

  save_window_state (self);

  /* A running session asks first; on "Close" the dialog records "closed" and closes. */
  if (desk_window_confirm_close (self))
    return TRUE;

  /* Ends it as "closed"; the outcome still reaches --outcome-json through the manager. */
  desk_attempt_manager_close (self->manager);

  return GTK_WINDOW_CLASS (desk_window_parent_class)->close_request (window);
}

static void
desk_window_dispose (GObject *object)
{
  DeskWindow *self = (DeskWindow *)object;

  desk_window_stop_page_wait (self);
  if (self->manager != NULL)
    desk_attempt_manager_close (self->manager);
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
  g_clear_object (&self->manager);
  g_clear_object (&self->shown_environment);
  g_clear_object (&self->environments);
  g_clear_object (&self->settings);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (desk_window_parent_class)->dispose (object);
}

static void
desk_window_class_init (DeskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = desk_window_dispose;
  window_class->close_request = desk_window_close_request;

  g_type_ensure (DESK_TYPE_ENVIRONMENT);
  g_type_ensure (DESK_TYPE_SESSION_FORM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, cancel_squeezer);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, history_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, production_badge);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, form);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, environment_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_submit_cb);

  desk_window_class_install_actions (widget_class);
}

static void
desk_window_init (DeskWindow *self)
{
  self->remember_values = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new (BASE_APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
select_remembered_environment (DeskWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "selected-environment");
  DeskEnvironment *environment = desk_environment_list_lookup (self->environments, id);

  if (environment != NULL)
    desk_session_form_set_environment (self->form, environment);
}

DeskWindow *
desk_window_new (GtkApplication      *application,
                 DeskEnvironmentList *environments,
                 DeskAttemptManager  *manager)
{
  DeskWindow *self;
  GListModel *model = G_LIST_MODEL (environments);

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (environments), NULL);
  g_return_val_if_fail (DESK_IS_ATTEMPT_MANAGER (manager), NULL);

  self = g_object_new (DESK_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->environments = g_object_ref (environments);
  self->manager = g_object_ref (manager);
  g_signal_connect_object (manager, "attempt-started",
                           G_CALLBACK (attempt_started_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "attempt-finished",
                           G_CALLBACK (attempt_finished_cb), self, G_CONNECT_SWAPPED);

  /* The form's Environment row is the one place to choose it (with "Manage environments…");
   * the header only shows it. */
  desk_session_form_set_environments (self->form, model);
  select_remembered_environment (self);
  environment_changed_cb (self);
  desk_window_update_actions (self);

  return self;
}

DeskAttempt *
desk_window_get_attempt (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return desk_attempt_manager_get_current (self->manager);
}

const char *
desk_window_get_page (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
desk_window_set_remember_values (DeskWindow *self,
                                 gboolean    remember_values)
{
  g_return_if_fail (DESK_IS_WINDOW (self));

  self->remember_values = !!remember_values;
}

void
desk_window_show_toast (DeskWindow *self,
                        const char *message)
{
  g_return_if_fail (DESK_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

DeskSessionForm *
desk_window_get_form (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return self->form;
}

DeskAttemptPage *
desk_window_get_attempt_page (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return desk_window_ensure_attempt_page (self);
}

DeskOutcomeView *
desk_window_get_outcome_view (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return desk_window_ensure_outcome_view (self);
}

DeskHistoryView *
desk_window_get_history_view (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return desk_window_ensure_history_view (self);
}

/* Never in the way of an attempt: one toast, the first time the history turns out unusable. */
static void
history_state_cb (DeskWindow *self)
{
  const GError *problem = desk_history_get_problem (self->history);
  AdwToast *toast;

  if (self->history_problem_said)
    return;
  if (problem == NULL && desk_history_get_available (self->history))
    return;

  self->history_problem_said = TRUE;
  if (problem != NULL && g_error_matches (problem, DESK_HISTORY_ERROR, DESK_HISTORY_ERROR_CORRUPT))
    toast = adw_toast_new (problem->message);
  else
    toast = adw_toast_new (_("History is unavailable: attempts are not being recorded"));

  /* Before any queued notice: it says why the History page will stay empty. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
desk_window_set_history (DeskWindow  *self,
                         DeskHistory *history)
{
  g_return_if_fail (DESK_IS_WINDOW (self));
  g_return_if_fail (history == NULL || DESK_IS_HISTORY (history));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  if (self->history_view != NULL)
    desk_history_view_set_history (self->history_view, history);
  desk_window_update_actions (self);
  if (history == NULL)
    return;

  g_signal_connect_object (history, "notify::available", G_CALLBACK (history_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "changed", G_CALLBACK (history_state_cb), self,
                           G_CONNECT_SWAPPED);
  history_state_cb (self);
}
