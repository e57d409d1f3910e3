/* desk-outcome-view.c — how the attempt ended: the kind, the explanation and every field
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment.h"
#include "desk-outcome-view.h"
#include "desk-time-format.h"
#include "desk-timeline-view.h"
#include "desk-value-row.h"

struct _DeskOutcomeView
{
  GtkWidget      parent_instance;

  AdwStatusPage *status_page;
  GtkLabel      *error_type_label;
  GtkWidget     *try_again_button;
  GtkWidget     *new_session_button;
  GtkWidget     *explanation_group;
  GtkWidget     *consent_group;
  GtkWidget     *error_group;
  GtkWidget     *api_error_group;
  GtkWidget     *callback_group;
  GtkWidget     *params_group;
  GtkWidget     *session_group;
  GtkWidget     *request_group;
  GtkWidget     *attempt_group;
  DeskTimelineView *timeline_view;
  GListStore    *events;  /* DeskTimelineEvent, read from the outcome's "timeline" */

  GPtrArray     *rows;  /* every DeskValueRow added, so the next outcome starts clean */
  GListModel    *environments;  /* DeskEnvironment: their names for the outcome's ids */
  DeskOutcome   *outcome;
};

G_DEFINE_FINAL_TYPE (DeskOutcomeView, desk_outcome_view, GTK_TYPE_WIDGET)

/* Not libadwaita's "success" or "error": those would colour every label of the page. */
static const char * const kind_classes[] = {
  [DESK_OUTCOME_SUCCESS] = "outcome-success",
  [DESK_OUTCOME_FAILURE] = "outcome-failure",
  [DESK_OUTCOME_EXPIRED] = "outcome-expired",
  [DESK_OUTCOME_CANCELLED] = "outcome-closed",
  [DESK_OUTCOME_CLOSED] = "outcome-closed",
  [DESK_OUTCOME_API_ERROR] = "outcome-api-error",
  [DESK_OUTCOME_NAVIGATION_ERROR] = "outcome-navigation-error",
  [DESK_OUTCOME_INTERRUPTED] = "outcome-closed",
};

static DeskValueRow *
add_row (DeskOutcomeView *self,
         GtkWidget       *group,
         const char      *title,
         const char      *value)
{
  GtkWidget *row = desk_value_row_new (title, value);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (self->rows, row);
  gtk_widget_set_visible (group, TRUE);

  return DESK_VALUE_ROW (row);
}

static void
clear_rows (DeskOutcomeView *self)
{
  GtkWidget *groups[] = {
    self->explanation_group, self->consent_group, self->error_group, self->api_error_group,
    self->callback_group, self->params_group, self->session_group, self->request_group,
    self->attempt_group,
  };

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_visible (groups[i], FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_page), kind_classes[i]);
}


/* The failures a person tells apart at a glance, each with its own picture. */
static const struct
{
  const char *error_type;
  const char *icon;
} failure_icons[] = {
  /* refused by the customer */
  { "CONSENT_ENDUSER_DENIED", "action-unavailable-symbolic" },
  /* failed at the bank or energy retailer */
  { "CONSENT_UPSTREAM_PROCESSING_ERROR", "network-server-symbolic" },
  { "CONSENT_OTP_FAILURE", "network-server-symbolic" },
  { "CONSENT_ENDUSER_INELIGIBLE", "network-server-symbolic" },
  /* ran out of time */
  { "CONSENT_TIMEOUT", "alarm-symbolic" },
  /* cancelled */
  { "AUTH_SESSION_CANCELLED", "process-stop-symbolic" },
};

const char *
desk_outcome_view_icon_for (const DeskOutcome *outcome)
{
  g_return_val_if_fail (outcome != NULL, NULL);

  switch (outcome->kind)
    {
    case DESK_OUTCOME_SUCCESS:
      return "emblem-ok-symbolic";
    case DESK_OUTCOME_FAILURE:
      if (g_strcmp0 (outcome->session_check, "mismatch") == 0)
        return "dialog-warning-symbolic";
      /* The cancel URI reached without an error: the customer left the flow. */
      if (outcome->error_type == NULL && outcome->error == NULL)
        return "process-stop-symbolic";
      for (guint i = 0; i < G_N_ELEMENTS (failure_icons); i++)
        if (g_strcmp0 (outcome->error_type, failure_icons[i].error_type) == 0)
          return failure_icons[i].icon;
      return "dialog-error-symbolic";
    case DESK_OUTCOME_EXPIRED:
      return "alarm-symbolic";
    case DESK_OUTCOME_CANCELLED:
      return "process-stop-symbolic";
    case DESK_OUTCOME_CLOSED:
    case DESK_OUTCOME_INTERRUPTED:
      return "window-close-symbolic";
    case DESK_OUTCOME_API_ERROR:
      return "network-error-symbolic";
    case DESK_OUTCOME_NAVIGATION_ERROR:
    default:
      return "web-browser-symbolic";
    }
}

static void
set_header (DeskOutcomeView   *self,
            const DeskOutcome *outcome)
{
  g_autoptr(DeskErrorExplanation) explanation = NULL;
  g_autofree char *summary = desk_outcome_get_summary (outcome);
  const char *title = desk_outcome_get_title (outcome);

  if (title == NULL)
    {
      explanation = desk_error_catalogue_explain (outcome->error_type);
      title = explanation->title;
    }

  adw_status_page_set_icon_name (self->status_page, desk_outcome_view_icon_for (outcome));
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, summary);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_page), kind_classes[outcome->kind]);

  /* Under the plain-words title, the error type Fiskil support asks for, not below the fold. */
  gtk_label_set_text (self->error_type_label, outcome->error_type);
  gtk_widget_set_visible (GTK_WIDGET (self->error_type_label), outcome->error_type != NULL);

  if (explanation != NULL && !explanation->known && outcome->error_type != NULL)
    add_row (self, self->explanation_group, _("Unknown error type"), outcome->error_type);
  if (outcome->kind == DESK_OUTCOME_NAVIGATION_ERROR && outcome->error_description != NULL)
    add_row (self, self->explanation_group, _("Detail"), outcome->error_description);
  if (g_strcmp0 (outcome->session_check, "absent") == 0)
    add_row (self, self->explanation_group, _("Session check"),
             _("The callback carried no session_id, so it could not be checked against this "
               "session."));
}

static void
add_failure_rows (DeskOutcomeView   *self,
                  const DeskOutcome *outcome)
{
  add_row (self, self->error_group, _("Error"), outcome->error);
  add_row (self, self->error_group, _("Error type"), outcome->error_type);
  add_row (self, self->error_group, _("Description"), outcome->error_description);
  add_row (self, self->error_group, _("Error ID"), outcome->error_id);
  desk_value_row_set_is_link (add_row (self, self->error_group, _("More information"),
                                       outcome->error_uri),
                              outcome->error_uri != NULL);
}

static void
add_api_error_rows (DeskOutcomeView    *self,
                    const DeskApiError *api_error)
{
  g_autofree char *status = NULL;

  if (api_error->http_status != 0)
    status = g_strdup_printf ("%u", api_error->http_status);

  add_row (self, self->api_error_group, _("HTTP status"), status);
  add_row (self, self->api_error_group, _("Fiskil error"), api_error->name);
  add_row (self, self->api_error_group, _("Fiskil’s message"), api_error->message);
  add_row (self, self->api_error_group, _("Error ID"), api_error->id);
}

static void
add_callback_rows (DeskOutcomeView    *self,
                   const DeskCallback *callback)
{
  const char *matched = callback->matched == DESK_CALLBACK_MATCH_REDIRECT
                          ? _("Redirect URI")
                          : _("Cancel URI");

  add_row (self, self->callback_group, _("Callback caught (not loaded)"), callback->uri);
  add_row (self, self->callback_group, _("Matched"), matched);

  for (guint i = 0; callback->params != NULL && i < callback->params->len; i++)
    {
      const DeskCallbackParam *param = g_ptr_array_index (callback->params, i);
      g_autofree char *title = NULL;

      if (param->from_fragment)
        /* Translators: a callback parameter read from the URI's fragment; %s is its name */
        title = g_strdup_printf (_("%s (fragment)"), param->key);
      else
        title = g_strdup (param->key);

      add_row (self, self->params_group, title, param->value);
    }
}

static const char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* design.md "Consent check": what Fiskil holds after a success, or a warning that it could
 * not be confirmed (never a failure). */
static void
add_consent_rows (DeskOutcomeView   *self,
                  const DeskOutcome *outcome)
{
  JsonObject *consent;
  JsonNode *node;
  g_autofree char *permissions = NULL;
  g_autofree char *expires = NULL;

  if (g_strcmp0 (outcome->consent_check, "not-found") == 0)
    {
      add_row (self, self->consent_group, _("Warning"),
               _("No new active consent was listed for this end user within ten seconds. "
                 "Fiskil may be slow to list it: check the end user's consents before "
                 "relying on this one."));
      return;
    }
  if (g_strcmp0 (outcome->consent_check, "failed") == 0)
    {
      add_row (self, self->consent_group, _("Warning"),
               _("Fiskil's consent listing could not be read, so the consent is not "
                 "confirmed. The timeline shows each try."));
      return;
    }
  if (outcome->consent == NULL || !JSON_NODE_HOLDS_OBJECT (outcome->consent))
    return;

  consent = json_node_get_object (outcome->consent);
  node = json_object_get_member (consent, "permissions");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (json_node_get_value_type (element) != G_TYPE_STRING)
            continue;
          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append (text, json_node_get_string (element));
        }
      permissions = g_string_free (g_steal_pointer (&text), FALSE);
    }
  expires = desk_format_unix_time (json_object_get_int_member_with_default (consent,
                                                                            "expires_at", 0));

  add_row (self, self->consent_group, _("Arrangement ID"),
           json_string (consent, "arrangement_id"));
  add_row (self, self->consent_group, _("Institution"), json_string (consent, "institution_id"));
  add_row (self, self->consent_group, _("Active"),
           json_object_get_boolean_member_with_default (consent, "active", FALSE)
             ? _("Yes") : _("No"));
  add_row (self, self->consent_group, _("Permissions"), permissions);
  add_row (self, self->consent_group, _("Expires"), expires);
}

static void
add_session_rows (DeskOutcomeView       *self,
                  const DeskAuthSession *session)
{
  g_autofree char *expires = desk_format_unix_time (desk_auth_session_get_local_expiry (session));

  add_row (self, self->session_group, _("Session ID"), session->session_id);
  add_row (self, self->session_group, _("ID"), session->id);
  add_row (self, self->session_group, _("Consent page"), session->auth_url);
  add_row (self, self->session_group, _("Expires"), expires);
}

static void
add_request_rows (DeskOutcomeView   *self,
                  const DeskOutcome *outcome)
{
  const DeskSessionRequest *request = outcome->request;
  g_autofree char *permissions = NULL;
  g_autofree char *end_user = NULL;

  if (request->permissions != NULL && request->permissions[0] != NULL)
    permissions = g_strjoinv (", ", request->permissions);
  if (outcome->end_user != NULL)
    end_user = desk_end_user_describe (outcome->end_user, outcome->end_user_created);

  /* Found or created by email: who it is, beside the ID the session was made for. */
  if (end_user != NULL)
    add_row (self, self->request_group, _("End user"), end_user);
  add_row (self, self->request_group, _("End-user ID"), request->end_user_id);
  add_row (self, self->request_group, _("Institution ID"), request->institution_id);
  add_row (self, self->request_group, _("Permissions"), permissions);
  add_row (self, self->request_group, _("Redirect URI"), request->redirect_uri);
  add_row (self, self->request_group, _("Cancel URI"), request->cancel_uri);
}

/* The name the form and the header show ("Sandbox"), not the id the JSON keeps ("sandbox"); the
 * id when no environment has it any more. */
static const char *
environment_name (DeskOutcomeView   *self,
                  const DeskOutcome *outcome)
{
  guint n = self->environments != NULL ? g_list_model_get_n_items (self->environments) : 0;

  for (guint i = 0; i < n && outcome->environment != NULL; i++)
    {
      g_autoptr(DeskEnvironment) environment = g_list_model_get_item (self->environments, i);

      if (g_strcmp0 (desk_environment_get_id (environment), outcome->environment) == 0)
        return desk_environment_get_title (environment);
    }

  return outcome->environment;
}

static void
add_attempt_rows (DeskOutcomeView   *self,
                  const DeskOutcome *outcome)
{
  g_autofree char *started = desk_format_local_time (outcome->started_at);
  g_autofree char *finished = desk_format_local_time (outcome->finished_at);

  add_row (self, self->attempt_group, _("Environment"), environment_name (self, outcome));
  add_row (self, self->attempt_group, _("API URL"), outcome->api_url);
  add_row (self, self->attempt_group, _("Started"), started);
  add_row (self, self->attempt_group, _("Finished"), finished);
}

/* The outcome's JSON timeline as events again: the same sentences as during the attempt. */
static void
load_timeline (DeskOutcomeView   *self,
               const DeskOutcome *outcome)
{
  JsonArray *array;

  g_list_store_remove_all (self->events);
  if (outcome == NULL || outcome->timeline == NULL || !JSON_NODE_HOLDS_ARRAY (outcome->timeline))
    return;

  array = json_node_get_array (outcome->timeline);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(DeskTimelineEvent) event = NULL;
      g_autoptr(GError) error = NULL;

      event = desk_timeline_event_new_from_json (json_array_get_element (array, i), &error);
      if (event == NULL)
        g_debug ("Timeline event %u not shown: %s", i, error->message);
      else
        g_list_store_append (self->events, event);
    }
  desk_timeline_view_set_model (self->timeline_view, G_LIST_MODEL (self->events));
}

char *
desk_outcome_view_describe_event (DeskTimelineEvent *event)
{
  g_autofree char *detail = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (event), NULL);

  sentence = desk_timeline_describe_event (event, &detail);
  node = desk_timeline_event_to_json (event);
  json = json_to_string (node, FALSE);

  if (detail != NULL)
    return g_strdup_printf ("%s\n%s\n%s", sentence, detail, json);

  return g_strdup_printf ("%s\n%s", sentence, json);
}

/* Ctrl+C on a selected timeline row: its sentence and its JSON. */
static void
copy_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DeskOutcomeView *self = DESK_OUTCOME_VIEW (widget);
  DeskTimelineEvent *event = desk_timeline_view_get_selected (self->timeline_view);
  g_autofree char *text = NULL;

  if (event == NULL)
    return;

  text = desk_outcome_view_describe_event (event);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
desk_outcome_view_dispose (GObject *object)
{
  DeskOutcomeView *self = (DeskOutcomeView *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_OUTCOME_VIEW);
  /* The template's root (the pane) is not a bound child: it goes here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_outcome_view_parent_class)->dispose (object);
}

static void
desk_outcome_view_finalize (GObject *object)
{
  DeskOutcomeView *self = (DeskOutcomeView *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->environments);
  g_clear_pointer (&self->outcome, desk_outcome_free);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (desk_outcome_view_parent_class)->finalize (object);
}

static void
desk_outcome_view_class_init (DeskOutcomeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_outcome_view_dispose;
  object_class->finalize = desk_outcome_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-outcome-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, status_page);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, error_type_label);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, try_again_button);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, new_session_button);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, explanation_group);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, consent_group);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, error_group);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, api_error_group);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, callback_group);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, params_group);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, session_group);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, request_group);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, attempt_group);
  gtk_widget_class_bind_template_child (widget_class, DeskOutcomeView, timeline_view);

  gtk_widget_class_install_action (widget_class, "outcome.copy-event", NULL, copy_event_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "outcome.copy-event", NULL);

  g_type_ensure (DESK_TYPE_TIMELINE_VIEW);
}

static void
desk_outcome_view_init (DeskOutcomeView *self)
{
  self->rows = g_ptr_array_new ();
  self->events = g_list_store_new (DESK_TYPE_TIMELINE_EVENT);

  gtk_widget_init_template (GTK_WIDGET (self));
  clear_rows (self);
}

GtkWidget *
desk_outcome_view_new (void)
{
  return g_object_new (DESK_TYPE_OUTCOME_VIEW, NULL);
}

void
desk_outcome_view_set_outcome (DeskOutcomeView   *self,
                               const DeskOutcome *outcome)
{
  gboolean success;

  g_return_if_fail (DESK_IS_OUTCOME_VIEW (self));

  clear_rows (self);
  g_clear_pointer (&self->outcome, desk_outcome_free);
  load_timeline (self, outcome);

  if (outcome == NULL)
    return;

  self->outcome = desk_outcome_copy (outcome);

  set_header (self, outcome);

  add_consent_rows (self, outcome);
  if (outcome->kind == DESK_OUTCOME_FAILURE)
    add_failure_rows (self, outcome);
  if (outcome->api_error != NULL)
    add_api_error_rows (self, outcome->api_error);
  if (outcome->callback != NULL)
    add_callback_rows (self, outcome->callback);
  if (outcome->session != NULL)
    add_session_rows (self, outcome->session);
  if (outcome->request != NULL)
    add_request_rows (self, outcome);
  add_attempt_rows (self, outcome);

  /* One suggested action: another try after a failure, a new session after a success (where
   * trying again would only ask the customer for the same consent twice). */
  success = outcome->kind == DESK_OUTCOME_SUCCESS;
  gtk_widget_set_visible (self->try_again_button, !success);
  if (success)
    {
      gtk_widget_remove_css_class (self->try_again_button, "suggested-action");
      gtk_widget_add_css_class (self->new_session_button, "suggested-action");
    }
  else
    {
      gtk_widget_remove_css_class (self->new_session_button, "suggested-action");
      gtk_widget_add_css_class (self->try_again_button, "suggested-action");
    }

  desk_outcome_view_scroll_to_top (self);
  gtk_widget_grab_focus (success ? self->new_session_button : self->try_again_button);
}

static GtkAdjustment *
status_page_adjustment (DeskOutcomeView *self)
{
  /* AdwStatusPage scrolls its content itself. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->status_page));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));

  return NULL;
}

GtkAdjustment *
desk_outcome_view_get_vadjustment (DeskOutcomeView *self)
{
  g_return_val_if_fail (DESK_IS_OUTCOME_VIEW (self), NULL);

  return status_page_adjustment (self);
}

void
desk_outcome_view_scroll_to_top (DeskOutcomeView *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (DESK_IS_OUTCOME_VIEW (self));

  adjustment = status_page_adjustment (self);
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

const DeskOutcome *
desk_outcome_view_get_outcome (DeskOutcomeView *self)
{
  g_return_val_if_fail (DESK_IS_OUTCOME_VIEW (self), NULL);

  return self->outcome;
}

GListModel *
desk_outcome_view_get_timeline (DeskOutcomeView *self)
{
  g_return_val_if_fail (DESK_IS_OUTCOME_VIEW (self), NULL);

  return G_LIST_MODEL (self->events);
}

void
desk_outcome_view_set_environments (DeskOutcomeView *self,
                                    GListModel      *environments)
{
  g_return_if_fail (DESK_IS_OUTCOME_VIEW (self));
  g_return_if_fail (environments == NULL || G_IS_LIST_MODEL (environments));

  g_set_object (&self->environments, environments);
}
