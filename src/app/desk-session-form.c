/* desk-session-form.c — the form that becomes a session request, validated as the person types
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-session-form-private.h"
#include "desk-value-row.h"

G_DEFINE_FINAL_TYPE (DeskSessionForm, desk_session_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENVIRONMENT,
  PROP_VALID,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SUBMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
desk_session_form_editable_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

void
desk_session_form_set_editable_text (AdwEntryRow *row,
                                     const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static gboolean
field_has_text (DeskSessionForm  *self,
                DeskRequestField  field)
{
  GtkWidget *row = self->field_rows[field];

  return *gtk_editable_get_text (GTK_EDITABLE (row)) != '\0';
}

static void
set_message_style (GtkWidget           *widget,
                   gboolean             shown,
                   DeskProblemSeverity  severity)
{
  gboolean is_error = shown && severity == DESK_PROBLEM_ERROR;
  gboolean is_warning = shown && severity == DESK_PROBLEM_WARNING;

  if (is_error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  if (is_warning)
    gtk_widget_add_css_class (widget, "warning");
  else
    gtk_widget_remove_css_class (widget, "warning");
}

static void
update_reset_button (DeskSessionForm *self)
{
  const char *redirect_default = NULL;
  const char *cancel_default = NULL;

  if (self->environment != NULL)
    {
      redirect_default = desk_environment_get_default_redirect_uri (self->environment);
      cancel_default = desk_environment_get_default_cancel_uri (self->environment);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->reset_button),
                          redirect_default != NULL && cancel_default != NULL);
  gtk_widget_set_sensitive (
    GTK_WIDGET (self->reset_button),
    g_strcmp0 (desk_session_form_editable_text (self->redirect_row), redirect_default) != 0
    || g_strcmp0 (desk_session_form_editable_text (self->cancel_row), cancel_default) != 0);
}

/* Runs the core's validation on what is typed and puts each problem next to its field. A field
 * the person has not touched yet shows nothing while empty: the button says enough then. */
void
desk_session_form_revalidate (DeskSessionForm *self)
{
  g_autoptr(DeskSessionRequest) request = desk_session_form_get_request (self);
  g_autoptr(GPtrArray) problems = desk_session_request_validate (request);
  GString *messages[N_FIELDS] = { NULL, };
  DeskProblemSeverity severity[N_FIELDS];
  gboolean valid;

  for (guint i = 0; i < N_FIELDS; i++)
    severity[i] = DESK_PROBLEM_WARNING;

  for (guint i = 0; i < problems->len; i++)
    {
      const DeskRequestProblem *problem = g_ptr_array_index (problems, i);

      g_assert (problem->field < N_FIELDS);

      if (messages[problem->field] == NULL)
        messages[problem->field] = g_string_new (problem->message);
      else
        g_string_append_printf (messages[problem->field], "\n%s", problem->message);

      if (problem->severity == DESK_PROBLEM_ERROR)
        severity[problem->field] = DESK_PROBLEM_ERROR;
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      gboolean shown = messages[i] != NULL && (self->touched[i] || field_has_text (self, i));

      set_message_style (self->field_rows[i], shown, severity[i]);
      set_message_style (GTK_WIDGET (self->field_messages[i]), shown, severity[i]);
      gtk_label_set_text (self->field_messages[i], shown ? messages[i]->str : "");
      gtk_widget_set_visible (GTK_WIDGET (self->field_messages[i]), shown);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->field_rows[i]),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   shown && severity[i] == DESK_PROBLEM_ERROR
                                     ? GTK_ACCESSIBLE_INVALID_TRUE
                                     : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (messages[i] != NULL)
        g_string_free (messages[i], TRUE);
    }

  update_reset_button (self);
  desk_session_form_update_blocked_label (self, problems);

  /* Fiskil would refuse a session without credentials: nothing is sent then. */
  valid = !desk_request_problems_have_errors (problems);
  if (desk_session_form_credentials_block (self))
    valid = FALSE;
  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
field_changed_cb (GtkEditable     *editable,
                  DeskSessionForm *self)
{
  /* Whatever Fiskil said was about the values as they were: it goes once they change. */
  if (!self->filling)
    desk_session_form_clear_error (self);

  if (self->end_user != NULL && GTK_WIDGET (editable) == GTK_WIDGET (self->end_user_row)
      && g_strcmp0 (gtk_editable_get_text (editable), self->end_user->id) != 0)
    {
      g_clear_pointer (&self->end_user, desk_end_user_free);
      desk_session_form_show_end_user (self);
    }

  if (!self->filling)
    {
      for (guint i = 0; i < N_FIELDS; i++)
        {
          if (self->field_rows[i] == GTK_WIDGET (editable))
            self->touched[i] = TRUE;
        }
    }

  desk_session_form_revalidate (self);
}

static void
entry_activated_cb (DeskSessionForm *self)
{
  /* Whoever holds the form decides whether it can be sent now. */
  g_signal_emit (self, signals[SUBMIT], 0);
}


static void
desk_session_form_dispose (GObject *object)
{
  DeskSessionForm *self = (DeskSessionForm *)object;

  desk_session_form_credentials_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_SESSION_FORM);
  if (self->environment != NULL)
    g_signal_handlers_disconnect_by_data (self->environment, self);
  g_clear_object (&self->environment);
  g_clear_pointer (&self->drafts, g_hash_table_unref);

  G_OBJECT_CLASS (desk_session_form_parent_class)->dispose (object);
}

static void
desk_session_form_finalize (GObject *object)
{
  DeskSessionForm *self = (DeskSessionForm *)object;

  g_clear_pointer (&self->permission_checks, g_ptr_array_unref);
  g_clear_pointer (&self->permission_infos, g_ptr_array_unref);
  g_clear_pointer (&self->redirect_default, g_free);
  g_clear_pointer (&self->cancel_default, g_free);
  g_clear_pointer (&self->end_user, desk_end_user_free);

  G_OBJECT_CLASS (desk_session_form_parent_class)->finalize (object);
}

static void
desk_session_form_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DeskSessionForm *self = DESK_SESSION_FORM (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      g_value_set_object (value, self->environment);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_session_form_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DeskSessionForm *self = DESK_SESSION_FORM (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      desk_session_form_set_environment (self, g_value_get_object (value));
      break;

    case PROP_BUSY:
      desk_session_form_set_busy (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Where typing starts: the first field with a problem to fix, else the End-user ID. */
static gboolean
desk_session_form_grab_focus (GtkWidget *widget)
{
  DeskSessionForm *self = DESK_SESSION_FORM (widget);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (gtk_widget_has_css_class (self->field_rows[i], "error")
          && gtk_widget_get_visible (self->field_rows[i]))
        return gtk_widget_grab_focus (self->field_rows[i]);
    }

  return gtk_widget_grab_focus (GTK_WIDGET (self->end_user_row));
}

static void
desk_session_form_map (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (desk_session_form_parent_class)->map (widget);

  desk_session_form_watch_window (DESK_SESSION_FORM (widget));
  desk_session_form_show_permissions_later (DESK_SESSION_FORM (widget));

  /* Nothing has focus in a new window: the form gives it to its first field. */
  root = gtk_widget_get_root (widget);
  if (root != NULL && gtk_root_get_focus (root) == NULL)
    desk_session_form_grab_focus (widget);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-session-form.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, layout);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, environment_group);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, environment_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, end_user_group);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, end_user_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, institution_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, end_user_message);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, institution_message);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, callback_group);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, reset_button);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, redirect_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, cancel_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, redirect_message);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, cancel_message);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, permissions_group);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, banking_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, energy_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, common_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, other_permissions_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, permissions_message);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, error_message);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, error_details);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, blocked_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, integration_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, action_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, create_button);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, institution_group);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, cancel_group);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, spinner);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "environment_selected_cb",
                                                G_CALLBACK (
                                                  desk_session_form_environment_selected_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "reset_clicked_cb",
                                                G_CALLBACK (desk_session_form_reset_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "find_end_user_cb",
                                                G_CALLBACK (desk_session_form_find_end_user_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "create_end_user_cb",
                                                G_CALLBACK (desk_session_form_create_end_user_cb));
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, end_user_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, credentials_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, credentials_message);
  gtk_widget_class_bind_template_child (widget_class, DeskSessionForm, credentials_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "open_preferences_cb",
                                                G_CALLBACK (
                                                  desk_session_form_open_preferences_cb));
}

static void
desk_session_form_class_init (DeskSessionFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_session_form_dispose;
  widget_class->grab_focus = desk_session_form_grab_focus;
  widget_class->map = desk_session_form_map;
  object_class->finalize = desk_session_form_finalize;
  object_class->get_property = desk_session_form_get_property;
  object_class->set_property = desk_session_form_set_property;

  /* Enter in a field: send the request if it can be sent. */
  signals[SUBMIT] =
    g_signal_new ("submit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  properties[PROP_ENVIRONMENT] =
    g_param_spec_object ("environment", NULL, NULL, DESK_TYPE_ENVIRONMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DESK_TYPE_ENVIRONMENT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  bind_template (widget_class);
}

static void
desk_session_form_init (DeskSessionForm *self)
{
  self->api_fault = -1;
  self->permission_checks = g_ptr_array_new ();
  self->permission_infos = g_ptr_array_new ();
  self->drafts = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                        (GDestroyNotify) desk_session_request_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_rows[DESK_REQUEST_FIELD_END_USER_ID] = GTK_WIDGET (self->end_user_row);
  self->field_rows[DESK_REQUEST_FIELD_REDIRECT_URI] = GTK_WIDGET (self->redirect_row);
  self->field_rows[DESK_REQUEST_FIELD_CANCEL_URI] = GTK_WIDGET (self->cancel_row);
  self->field_rows[DESK_REQUEST_FIELD_INSTITUTION_ID] = GTK_WIDGET (self->institution_row);
  self->field_rows[DESK_REQUEST_FIELD_PERMISSIONS] = GTK_WIDGET (self->other_permissions_row);
  self->field_messages[DESK_REQUEST_FIELD_END_USER_ID] = self->end_user_message;
  self->field_messages[DESK_REQUEST_FIELD_REDIRECT_URI] = self->redirect_message;
  self->field_messages[DESK_REQUEST_FIELD_CANCEL_URI] = self->cancel_message;
  self->field_messages[DESK_REQUEST_FIELD_INSTITUTION_ID] = self->institution_message;
  self->field_messages[DESK_REQUEST_FIELD_PERMISSIONS] = self->permissions_message;

  for (guint i = 0; i < N_FIELDS; i++)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->field_rows[i]),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    self->field_messages[i], NULL,
                                    -1);

  desk_session_form_revalidate (self);

  /* Every change of environment, whoever makes it (the row, the header, a script). */
  g_signal_connect (self, "notify::environment",
                    G_CALLBACK (desk_session_form_check_credentials), NULL);
}

GtkWidget *
desk_session_form_new (void)
{
  return g_object_new (DESK_TYPE_SESSION_FORM, NULL);
}

DeskSessionRequest *
desk_session_form_get_request (DeskSessionForm *self)
{
  g_autoptr(GPtrArray) permissions = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) others = NULL;
  const char *institution_id;

  g_return_val_if_fail (DESK_IS_SESSION_FORM (self), NULL);

  for (guint i = 0; i < self->permission_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->permission_checks, i);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (permissions,
                         g_strdup (((const DeskPermissionInfo *)
                                    g_ptr_array_index (self->permission_infos, i))->name));
    }

  others = g_strsplit_set (desk_session_form_editable_text (self->other_permissions_row),
                           ", \t\n", -1);
  for (guint i = 0; others[i] != NULL; i++)
    {
      if (*others[i] != '\0' && !desk_session_form_strv_has (permissions, others[i]))
        g_ptr_array_add (permissions, g_strdup (others[i]));
    }
  g_ptr_array_add (permissions, NULL);

  institution_id = desk_session_form_editable_text (self->institution_row);

  return desk_session_request_new (desk_session_form_editable_text (self->end_user_row),
                                   desk_session_form_editable_text (self->redirect_row),
                                   desk_session_form_editable_text (self->cancel_row),
                                   *institution_id != '\0' ? institution_id : NULL,
                                   (const char * const *) permissions->pdata);
}

void
desk_session_form_set_request (DeskSessionForm          *self,
                               const DeskSessionRequest *request)
{
  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (request != NULL);

  self->filling = TRUE;

  if (request->end_user_id != NULL)
    desk_session_form_set_editable_text (self->end_user_row, request->end_user_id);
  if (request->redirect_uri != NULL)
    desk_session_form_set_editable_text (self->redirect_row, request->redirect_uri);
  if (request->cancel_uri != NULL)
    desk_session_form_set_editable_text (self->cancel_row, request->cancel_uri);
  if (request->institution_id != NULL)
    desk_session_form_set_editable_text (self->institution_row, request->institution_id);
  if (request->permissions != NULL)
    desk_session_form_set_permissions (self, (const char * const *) request->permissions);

  self->filling = FALSE;
  desk_session_form_revalidate (self);
}

gboolean
desk_session_form_get_valid (DeskSessionForm *self)
{
  g_return_val_if_fail (DESK_IS_SESSION_FORM (self), FALSE);

  return self->valid;
}

void
desk_session_form_set_busy (DeskSessionForm *self,
                            gboolean         busy)
{
  GtkWidget *groups[6];
  GtkWidget *focus;
  GtkRoot *root;

  g_return_if_fail (DESK_IS_SESSION_FORM (self));

  busy = !!busy;
  if (busy == self->busy)
    return;

  self->busy = busy;

  if (busy)
    desk_session_form_clear_error (self);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->action_stack, busy ? "busy" : "idle");

  /* A focused entry must not turn insensitive under the cursor (GTK then never sends it its
   * focus-out): the focus moves to Cancel first, and comes back to the form afterwards. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (busy && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self))
      && !gtk_widget_grab_focus (self->cancel_button))
    gtk_root_set_focus (root, NULL);

  groups[0] = self->environment_group;
  groups[1] = self->end_user_group;
  groups[2] = self->institution_group;
  groups[3] = self->callback_group;
  groups[4] = self->cancel_group;
  groups[5] = self->permissions_group;
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (groups[i], !busy);

  if (!busy && focus == self->cancel_button)
    desk_session_form_grab_focus (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
desk_session_form_get_busy (DeskSessionForm *self)
{
  g_return_val_if_fail (DESK_IS_SESSION_FORM (self), FALSE);

  return self->busy;
}

void
desk_session_form_remember_values (DeskSessionForm *self)
{
  g_autoptr(DeskSessionRequest) request = NULL;

  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (self->environment != NULL);

  request = desk_session_form_get_request (self);
  desk_environment_set_form_values (self->environment, request);
  desk_environment_set_integration (self->environment,
                                    desk_integration_to_string (
                                      desk_session_form_get_integration (self)));
  g_hash_table_remove (self->drafts, self->environment);
}

DeskIntegration
desk_session_form_get_integration (DeskSessionForm *self)
{
  g_return_val_if_fail (DESK_IS_SESSION_FORM (self), DESK_INTEGRATION_REDIRECT);

  /* The rows are in DeskIntegration's order. */
  return (DeskIntegration) MIN (adw_combo_row_get_selected (self->integration_row),
                                DESK_INTEGRATION_HAND_OFF);
}

void
desk_session_form_set_integration (DeskSessionForm *self,
                                   DeskIntegration  integration)
{
  g_return_if_fail (DESK_IS_SESSION_FORM (self));

  adw_combo_row_set_selected (self->integration_row, integration);
}

void
desk_session_form_set_end_user (DeskSessionForm   *self,
                                const DeskEndUser *end_user,
                                gboolean           created)
{
  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (end_user != NULL && end_user->id != NULL);

  /* The text first: replacing it passes through "", which would forget the end user. */
  self->filling = TRUE;
  desk_session_form_set_editable_text (self->end_user_row, end_user->id);
  self->filling = FALSE;
  g_clear_pointer (&self->end_user, desk_end_user_free);
  self->end_user = desk_end_user_copy (end_user);
  self->end_user_created = created;
  desk_session_form_show_end_user (self);
  desk_session_form_revalidate (self);
}
