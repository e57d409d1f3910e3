/* desk-window.c — the main window: the form, the running attempt and its outcome
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-window-private.h"

G_DEFINE_FINAL_TYPE (DeskWindow, desk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  ATTEMPT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
desk_window_attempt_running (DeskWindow *self)
{
  return self->attempt != NULL &&
         desk_attempt_get_state (self->attempt) != DESK_ATTEMPT_STATE_FINISHED;
}

gboolean
desk_window_busy (DeskWindow *self)
{
  return self->preparing != NULL || desk_window_attempt_running (self);
}

void
desk_window_cancel (DeskWindow *self)
{
  if (self->preparing != NULL)
    g_cancellable_cancel (self->preparing);
  else if (desk_window_attempt_running (self))
    desk_attempt_close (self->attempt);
}

static void
set_outcome (DeskWindow        *self,
             const DeskOutcome *outcome)
{
  g_clear_pointer (&self->outcome, desk_outcome_free);
  self->outcome = desk_outcome_copy (outcome);
}

static void
attempt_state_cb (DeskWindow  *self,
                  GParamSpec  *pspec,
                  DeskAttempt *attempt)
{
  switch (desk_attempt_get_state (attempt))
    {
    case DESK_ATTEMPT_STATE_CREATING:
      desk_session_form_set_busy (self->form, TRUE);
      break;

    case DESK_ATTEMPT_STATE_CONSENTING:
      desk_session_form_set_busy (self->form, FALSE);
      desk_attempt_page_set_attempt (self->attempt_page, attempt);
      gtk_stack_set_visible_child_name (self->stack, "attempt");
      break;

    case DESK_ATTEMPT_STATE_NEW:
    case DESK_ATTEMPT_STATE_FINISHED:
    default:
      break;
    }

  desk_window_update_actions (self);
}

/* An error for the form when the attempt kept none (it always should for an api-error). */
static GError *
error_from_outcome (const DeskOutcome *outcome)
{
  const char *message = outcome->detail;
  GError *error;

  if (message == NULL && outcome->api_error != NULL)
    message = outcome->api_error->message;
  if (message == NULL)
    message = _("Fiskil did not create the session.");

  error = g_error_new_literal (DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_SERVER_ERROR, message);
  if (outcome->api_error != NULL)
    desk_fiskil_error_set_api_error (error, outcome->api_error);

  return error;
}

static void
attempt_finished_cb (DeskWindow        *self,
                     const DeskOutcome *outcome,
                     DeskAttempt       *attempt)
{
  g_object_ref (attempt);  /* a later attempt may replace it */

  set_outcome (self, outcome);
  desk_session_form_set_busy (self->form, FALSE);

  if (outcome->kind == DESK_OUTCOME_API_ERROR)
    {
      const GError *api_error = desk_attempt_get_api_error (attempt);
      g_autoptr(GError) fallback = NULL;

      if (api_error == NULL)
        api_error = fallback = error_from_outcome (outcome);

      gtk_stack_set_visible_child_name (self->stack, "form");
      desk_session_form_show_error (self->form, api_error);
    }
  else if (outcome->kind == DESK_OUTCOME_CLOSED && outcome->session == NULL)
    {
      /* Cancelled before the session existed: nothing to show but the form again. */
      gtk_stack_set_visible_child_name (self->stack, "form");
      desk_window_show_toast (self, _("Session creation cancelled"));
    }
  else
    {
      desk_outcome_view_set_outcome (self->outcome_view, outcome);
      gtk_stack_set_visible_child_name (self->stack, "outcome");
    }

  /* The web view and every page of this attempt go now (design.md). */
  if (desk_attempt_page_get_attempt (self->attempt_page) == attempt)
    desk_attempt_page_set_attempt (self->attempt_page, NULL);

  desk_window_update_actions (self);
  g_signal_emit (self, signals[ATTEMPT_FINISHED], 0, attempt, outcome);
  g_object_unref (attempt);
}

static void
finish_without_attempt (DeskWindow               *self,
                        DeskEnvironment          *environment,
                        const DeskSessionRequest *request,
                        const GError             *error)
{
  g_autoptr(DeskOutcome) outcome = NULL;
  const DeskApiError *api_error = NULL;
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  outcome = desk_outcome_new (cancelled ? DESK_OUTCOME_CLOSED : DESK_OUTCOME_API_ERROR,
                              desk_environment_get_id (environment),
                              desk_environment_get_api_url (environment),
                              request, NULL, NULL);
  if (error->domain == DESK_FISKIL_ERROR)
    api_error = desk_fiskil_error_get_api_error (error);
  if (api_error != NULL)
    desk_outcome_set_api_error (outcome, api_error);
  if (!cancelled)
    desk_outcome_set_detail (outcome, error->message);
  desk_outcome_finish (outcome, NULL);

  set_outcome (self, outcome);

  /* Closed while reading the credentials: only the outcome is left to report. */
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      desk_session_form_set_busy (self->form, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "form");
      if (cancelled)
        desk_window_show_toast (self, _("Session creation cancelled"));
      else
        desk_session_form_show_error (self->form, error);
      desk_window_update_actions (self);
    }

  g_signal_emit (self, signals[ATTEMPT_FINISHED], 0, NULL, outcome);
}

static void
client_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  DeskEnvironment *environment = DESK_ENVIRONMENT (object);
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = desk_environment_ensure_client_finish (environment, result, &error);
  g_clear_object (&self->preparing);

  if (client == NULL)
    {
      finish_without_attempt (self, environment, self->attempt_request, error);
      return;
    }

  /* Closed meanwhile, yet not cancelled in time: no attempt any more. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (self->attempt != NULL)
    g_signal_handlers_disconnect_by_data (self->attempt, self);
  g_clear_object (&self->attempt);

  self->attempt = desk_attempt_new (client, desk_environment_get_id (environment),
                                    self->attempt_request);
  g_signal_connect_object (self->attempt, "notify::state",
                           G_CALLBACK (attempt_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->attempt, "finished",
                           G_CALLBACK (attempt_finished_cb), self, G_CONNECT_SWAPPED);

  desk_attempt_start (self->attempt);
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
  g_return_if_fail (DESK_IS_ENVIRONMENT (environment));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!desk_window_busy (self));

  g_set_object (&self->attempt_environment, environment);
  g_clear_pointer (&self->attempt_request, desk_session_request_free);
  self->attempt_request = desk_session_request_copy (request);

  /* The header shows where the attempt runs ("Try again" after switching included). */
  if (desk_session_form_get_environment (self->form) != environment &&
      is_listed (self, environment))
    desk_session_form_set_environment (self->form, environment);

  if (self->remember_values && desk_session_form_get_environment (self->form) == environment)
    desk_session_form_remember_values (self->form);

  desk_session_form_clear_error (self->form);
  desk_session_form_set_busy (self->form, TRUE);

  self->preparing = g_cancellable_new ();
  desk_environment_ensure_client_async (environment, self->preparing, client_ready_cb,
                                        g_object_ref (self));
  desk_window_update_actions (self);
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

static void
sync_dropdown (DeskWindow *self)
{
  DeskEnvironment *environment = desk_session_form_get_environment (self->form);
  GListModel *model = G_LIST_MODEL (self->environments);

  /* Mid items-changed the menu's own selection may not have caught up with the list yet. */
  if (self->environments_changing)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DeskEnvironment) item = g_list_model_get_item (model, i);

      if (item == environment && gtk_drop_down_get_selected (self->environment_dropdown) != i)
        gtk_drop_down_set_selected (self->environment_dropdown, i);
    }
}

/* Around the list's items-changed: the form's row and the menu each follow the change on their
 * own, then the menu is brought back to the form's choice. */
static void
environments_changing_cb (DeskWindow *self)
{
  self->environments_changing = TRUE;
}

static void
environments_changed_cb (DeskWindow *self)
{
  self->environments_changing = FALSE;
  sync_dropdown (self);
}

/* The form's environment changed: the header's menu follows, and the title and style show it. */
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

  sync_dropdown (self);
  show_environment (self);

  if (self->remember_values && desk_environment_is_saved (environment))
    g_settings_set_string (self->settings, "selected-environment",
                           desk_environment_get_id (environment));
}

/* One click in the header bar: the form follows, and everything else follows the form. */
static void
dropdown_selected_cb (DeskWindow *self)
{
  DeskEnvironment *environment = gtk_drop_down_get_selected_item (self->environment_dropdown);

  if (self->environments_changing)
    return;

  if (environment != NULL && environment != desk_session_form_get_environment (self->form))
    desk_session_form_set_environment (self->form, environment);
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

  /* Ends it as "closed"; the outcome still reaches --outcome-json through "attempt-finished". */
  desk_window_cancel (self);

  return GTK_WINDOW_CLASS (desk_window_parent_class)->close_request (window);
}

static void
desk_window_dispose (GObject *object)
{
  DeskWindow *self = (DeskWindow *)object;

  desk_window_cancel (self);

  if (self->attempt != NULL)
    g_signal_handlers_disconnect_by_data (self->attempt, self);
  g_clear_object (&self->attempt);
  g_clear_object (&self->attempt_environment);
  g_clear_object (&self->preparing);
  g_clear_object (&self->shown_environment);
  g_clear_object (&self->environments);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_window_parent_class)->dispose (object);
}

static void
desk_window_finalize (GObject *object)
{
  DeskWindow *self = (DeskWindow *)object;

  g_clear_pointer (&self->attempt_request, desk_session_request_free);
  g_clear_pointer (&self->outcome, desk_outcome_free);

  G_OBJECT_CLASS (desk_window_parent_class)->finalize (object);
}

static void
desk_window_class_init (DeskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = desk_window_dispose;
  object_class->finalize = desk_window_finalize;
  window_class->close_request = desk_window_close_request;

  signals[ATTEMPT_FINISHED] =
    g_signal_new ("attempt-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  DESK_TYPE_ATTEMPT,
                  DESK_TYPE_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (DESK_TYPE_ENVIRONMENT);
  g_type_ensure (DESK_TYPE_SESSION_FORM);
  g_type_ensure (DESK_TYPE_ATTEMPT_PAGE);
  g_type_ensure (DESK_TYPE_OUTCOME_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, environment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, production_badge);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, form);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, attempt_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, outcome_view);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, environment_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, dropdown_selected_cb);
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
  g_settings_bind (self->settings, "timeline-expanded", self->attempt_page, "timeline-expanded",
                   G_SETTINGS_BIND_DEFAULT);

  desk_window_install_actions (self);
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
                 DeskEnvironmentList *environments)
{
  DeskWindow *self;
  GListModel *model = G_LIST_MODEL (environments);

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (environments), NULL);

  self = g_object_new (DESK_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->environments = g_object_ref (environments);

  /* The header's menu and the form's row are one choice. */
  g_signal_connect_object (environments, "items-changed",
                           G_CALLBACK (environments_changing_cb), self, G_CONNECT_SWAPPED);
  desk_session_form_set_environments (self->form, model);
  gtk_drop_down_set_model (self->environment_dropdown, model);
  g_signal_connect_object (environments, "items-changed",
                           G_CALLBACK (environments_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  select_remembered_environment (self);
  environment_changed_cb (self);
  desk_window_update_actions (self);

  return self;
}

DeskAttempt *
desk_window_get_attempt (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return self->attempt;
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

  return self->attempt_page;
}

DeskOutcomeView *
desk_window_get_outcome_view (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return self->outcome_view;
}
