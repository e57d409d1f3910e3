/* desk-session-form.c — the form that becomes a session request, validated as the person types
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-session-form.h"
#include "desk-value-row.h"

#define N_FIELDS (DESK_REQUEST_FIELD_PERMISSIONS + 1)

struct _DeskSessionForm
{
  GtkWidget           parent_instance;

  GtkWidget          *layout;            /* bound so that dispose_template unparents it */
  GtkWidget          *environment_group;
  AdwComboRow        *environment_row;
  AdwComboRow        *integration_row;
  GtkWidget          *end_user_group;
  AdwEntryRow        *end_user_row;
  AdwEntryRow        *institution_row;
  GtkLabel           *end_user_message;
  GtkLabel           *institution_message;
  GtkWidget          *callback_group;
  GtkWidget          *institution_group;
  GtkWidget          *cancel_group;
  GtkWidget          *cancel_button;
  GtkButton          *reset_button;
  AdwEntryRow        *redirect_row;
  AdwEntryRow        *cancel_row;
  GtkLabel           *redirect_message;
  GtkLabel           *cancel_message;
  GtkWidget          *permissions_group;
  AdwExpanderRow     *banking_row;
  AdwExpanderRow     *energy_row;
  AdwExpanderRow     *common_row;
  AdwEntryRow        *other_permissions_row;
  GtkLabel           *permissions_message;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_message;
  GtkListBox         *error_details;
  GtkLabel           *blocked_label;
  GtkStack           *action_stack;
  GtkWidget          *create_button;
  GtkSpinner         *spinner;

  /* Indexed by DeskRequestField. */
  GtkWidget          *field_rows[N_FIELDS];
  GtkLabel           *field_messages[N_FIELDS];
  gboolean            touched[N_FIELDS];

  GPtrArray          *permission_checks;  /* GtkCheckButton, owned by their rows */
  DeskEnvironment    *environment;
  char               *redirect_default;   /* the environment's defaults the fields started with */
  char               *cancel_default;
  GHashTable         *drafts;             /* DeskEnvironment -> DeskSessionRequest: unsent */
  gboolean            valid;
  gboolean            busy;
  gboolean            filling;             /* set_request/settings: not the person typing */
  int                 api_fault;           /* the field Fiskil's error names, or -1 */
};

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

static const char *
editable_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_editable_text (AdwEntryRow *row,
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
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button),
                            g_strcmp0 (editable_text (self->redirect_row), redirect_default) ||
                            g_strcmp0 (editable_text (self->cancel_row), cancel_default));
}

/* The titles people see, for saying which field keeps the button disabled. */
static const char *
field_title (DeskRequestField field)
{
  switch (field)
    {
    case DESK_REQUEST_FIELD_END_USER_ID:
      return _("End-user ID");
    case DESK_REQUEST_FIELD_REDIRECT_URI:
      return _("Redirect URI");
    case DESK_REQUEST_FIELD_CANCEL_URI:
      return _("Cancel URI");
    case DESK_REQUEST_FIELD_INSTITUTION_ID:
      return _("Institution ID");
    case DESK_REQUEST_FIELD_PERMISSIONS:
    default:
      return _("Permissions");
    }
}

/* A disabled button says why: the first field that keeps the request from being sent. */
static void
update_blocked_label (DeskSessionForm *self,
                      GPtrArray       *problems)
{
  g_autofree char *text = NULL;

  for (guint i = 0; i < problems->len && text == NULL; i++)
    {
      const DeskRequestProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == DESK_PROBLEM_ERROR)
        /* Translators: %s is a field's title, e.g. "End-user ID" */
        text = g_strdup_printf (_("Fill in or fix “%s” to create a session."),
                                field_title (problem->field));
    }

  gtk_label_set_text (self->blocked_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->blocked_label), text != NULL);
}

/* Runs the core's validation on what is typed and puts each problem next to its field. A field
 * the person has not touched yet shows nothing while empty: the button says enough then. */
static void
revalidate (DeskSessionForm *self)
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
  update_blocked_label (self, problems);

  valid = !desk_request_problems_have_errors (problems);
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

  if (!self->filling)
    {
      for (guint i = 0; i < N_FIELDS; i++)
        {
          if (self->field_rows[i] == GTK_WIDGET (editable))
            self->touched[i] = TRUE;
        }
    }

  revalidate (self);
}

static void
entry_activated_cb (DeskSessionForm *self)
{
  /* Whoever holds the form decides whether it can be sent now. */
  g_signal_emit (self, signals[SUBMIT], 0);
}

static void
update_permission_counts (DeskSessionForm *self)
{
  AdwExpanderRow *rows[] = { NULL, self->banking_row, self->energy_row, self->common_row };
  guint selected[G_N_ELEMENTS (rows)] = { 0, };
  guint total[G_N_ELEMENTS (rows)] = { 0, };

  for (guint i = 0; i < self->permission_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->permission_checks, i);
      DeskPermissionGroup group = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "group"));

      total[group]++;
      if (gtk_check_button_get_active (check))
        selected[group]++;
    }

  for (guint g = 1; g < G_N_ELEMENTS (rows); g++)
    {
      g_autofree char *subtitle = NULL;

      if (selected[g] == 0)
        subtitle = g_strdup (_("None selected"));
      else
        /* Translators: e.g. "2 of 6 selected" */
        subtitle = g_strdup_printf (_("%u of %u selected"), selected[g], total[g]);

      adw_expander_row_set_subtitle (rows[g], subtitle);
    }
}

static void
permission_toggled_cb (DeskSessionForm *self)
{
  update_permission_counts (self);
  revalidate (self);
}

static void
build_permission_rows (DeskSessionForm *self)
{
  const DeskPermissionInfo *all;
  gsize n_permissions = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->banking_row),
                                 desk_permission_group_title (DESK_PERMISSION_GROUP_BANKING));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->energy_row),
                                 desk_permission_group_title (DESK_PERMISSION_GROUP_ENERGY));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->common_row),
                                 desk_permission_group_title (DESK_PERMISSION_GROUP_COMMON));

  all = desk_permissions_get_all (&n_permissions);
  for (gsize i = 0; i < n_permissions; i++)
    {
      const DeskPermissionInfo *info = &all[i];
      const char *title = g_dgettext (GETTEXT_PACKAGE, info->title);
      AdwExpanderRow *expander;
      GtkWidget *row;
      GtkWidget *check;

      switch (info->group)
        {
        case DESK_PERMISSION_GROUP_BANKING:
          expander = self->banking_row;
          break;
        case DESK_PERMISSION_GROUP_ENERGY:
          expander = self->energy_row;
          break;
        case DESK_PERMISSION_GROUP_COMMON:
          expander = self->common_row;
          break;
        case DESK_PERMISSION_GROUP_UNKNOWN:
        default:
          continue;
        }

      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      g_object_set_data (G_OBJECT (check), "permission", (gpointer) info->name);
      g_object_set_data (G_OBJECT (check), "group", GINT_TO_POINTER (info->group));
      g_signal_connect_object (check, "toggled", G_CALLBACK (permission_toggled_cb), self,
                               G_CONNECT_SWAPPED);

      row = adw_action_row_new ();
      gtk_widget_set_name (row, info->name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), info->name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (expander, row);

      g_ptr_array_add (self->permission_checks, check);
    }

  update_permission_counts (self);
}

static void
update_environment_subtitle (DeskSessionForm *self)
{
  g_autofree char *description = NULL;

  if (self->environment == NULL)
    return;

  description = desk_environment_describe (self->environment);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->environment_row), description);
}

static void set_permissions (DeskSessionForm    *self,
                             const char * const *permissions);

/* A callback URI the person left at the environment's default follows that default when it
 * is changed in Preferences. */
static void
follow_default (AdwEntryRow  *row,
                char        **shown_default,
                const char   *new_default)
{
  const char *text = editable_text (row);

  if (*text == '\0' || g_strcmp0 (text, *shown_default) == 0)
    set_editable_text (row, new_default);

  g_free (*shown_default);
  *shown_default = g_strdup (new_default);
}

static void
defaults_changed_cb (DeskSessionForm *self)
{
  self->filling = TRUE;
  follow_default (self->redirect_row, &self->redirect_default,
                  desk_environment_get_default_redirect_uri (self->environment));
  follow_default (self->cancel_row, &self->cancel_default,
                  desk_environment_get_default_cancel_uri (self->environment));
  self->filling = FALSE;
  revalidate (self);
}

/* What was typed for this environment and not sent, else what was last sent from it, else its
 * defaults: end users and callbacks differ between environments. */
static void
fill_from_environment (DeskSessionForm *self)
{
  const DeskSessionRequest *values = g_hash_table_lookup (self->drafts, self->environment);
  const char *redirect_default = desk_environment_get_default_redirect_uri (self->environment);
  const char *cancel_default = desk_environment_get_default_cancel_uri (self->environment);

  if (values == NULL)
    values = desk_environment_get_form_values (self->environment);

  g_free (self->redirect_default);
  self->redirect_default = g_strdup (redirect_default);
  g_free (self->cancel_default);
  self->cancel_default = g_strdup (cancel_default);

  self->filling = TRUE;
  set_editable_text (self->end_user_row, values != NULL ? values->end_user_id : NULL);
  set_editable_text (self->institution_row, values != NULL ? values->institution_id : NULL);
  set_editable_text (self->redirect_row, values != NULL && values->redirect_uri != NULL
                                           ? values->redirect_uri : redirect_default);
  set_editable_text (self->cancel_row, values != NULL && values->cancel_uri != NULL
                                         ? values->cancel_uri : cancel_default);
  set_permissions (self, values != NULL ? (const char * const *) values->permissions : NULL);
  self->filling = FALSE;

  for (guint i = 0; i < N_FIELDS; i++)
    self->touched[i] = FALSE;
}

static void
environment_selected_cb (DeskSessionForm *self)
{
  DeskEnvironment *environment = adw_combo_row_get_selected_item (self->environment_row);
  g_autoptr(DeskEnvironment) old = NULL;

  if (environment == NULL || environment == self->environment)
    return;

  old = g_steal_pointer (&self->environment);
  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_data (old, self);
      g_hash_table_replace (self->drafts, g_object_ref (old),
                            desk_session_form_get_request (self));
    }

  self->environment = g_object_ref (environment);
  g_signal_connect_object (environment, "notify::api-url",
                           G_CALLBACK (update_environment_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (environment, "notify::api-version",
                           G_CALLBACK (update_environment_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (environment, "notify::default-redirect-uri",
                           G_CALLBACK (defaults_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (environment, "notify::default-cancel-uri",
                           G_CALLBACK (defaults_changed_cb), self, G_CONNECT_SWAPPED);

  fill_from_environment (self);
  update_environment_subtitle (self);
  revalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
}

static void
reset_clicked_cb (DeskSessionForm *self)
{
  g_return_if_fail (self->environment != NULL);

  set_editable_text (self->redirect_row,
                     desk_environment_get_default_redirect_uri (self->environment));
  set_editable_text (self->cancel_row,
                     desk_environment_get_default_cancel_uri (self->environment));
}

static void
desk_session_form_dispose (GObject *object)
{
  DeskSessionForm *self = (DeskSessionForm *)object;

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
  g_clear_pointer (&self->redirect_default, g_free);
  g_clear_pointer (&self->cancel_default, g_free);

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

  /* Nothing has focus in a new window: the form gives it to its first field. */
  root = gtk_widget_get_root (widget);
  if (root != NULL && gtk_root_get_focus (root) == NULL)
    desk_session_form_grab_focus (widget);
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
  gtk_widget_class_bind_template_callback (widget_class, environment_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
}

static void
desk_session_form_init (DeskSessionForm *self)
{
  self->api_fault = -1;
  self->permission_checks = g_ptr_array_new ();
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

  build_permission_rows (self);
  revalidate (self);
}

GtkWidget *
desk_session_form_new (void)
{
  return g_object_new (DESK_TYPE_SESSION_FORM, NULL);
}

void
desk_session_form_set_environments (DeskSessionForm *self,
                                    GListModel      *environments)
{
  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (G_IS_LIST_MODEL (environments));

  adw_combo_row_set_model (self->environment_row, environments);
  environment_selected_cb (self);
}

DeskEnvironment *
desk_session_form_get_environment (DeskSessionForm *self)
{
  g_return_val_if_fail (DESK_IS_SESSION_FORM (self), NULL);

  return self->environment;
}

void
desk_session_form_set_environment (DeskSessionForm *self,
                                   DeskEnvironment *environment)
{
  GListModel *model;

  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (DESK_IS_ENVIRONMENT (environment));

  model = adw_combo_row_get_model (self->environment_row);
  g_return_if_fail (model != NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DeskEnvironment) item = g_list_model_get_item (model, i);

      if (item == environment)
        {
          adw_combo_row_set_selected (self->environment_row, i);
          return;
        }
    }

  g_critical ("Environment “%s” is not among the form’s environments",
              desk_environment_get_id (environment));
}

static gboolean
strv_has (GPtrArray  *array,
          const char *value)
{
  for (guint i = 0; i < array->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
        return TRUE;
    }

  return FALSE;
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
        g_ptr_array_add (permissions, g_strdup (g_object_get_data (G_OBJECT (check),
                                                                   "permission")));
    }

  others = g_strsplit_set (editable_text (self->other_permissions_row), ", \t\n", -1);
  for (guint i = 0; others[i] != NULL; i++)
    {
      if (*others[i] != '\0' && !strv_has (permissions, others[i]))
        g_ptr_array_add (permissions, g_strdup (others[i]));
    }
  g_ptr_array_add (permissions, NULL);

  institution_id = editable_text (self->institution_row);

  return desk_session_request_new (editable_text (self->end_user_row),
                                   editable_text (self->redirect_row),
                                   editable_text (self->cancel_row),
                                   *institution_id != '\0' ? institution_id : NULL,
                                   (const char * const *) permissions->pdata);
}

static void
set_permissions (DeskSessionForm    *self,
                 const char * const *permissions)
{
  g_autoptr(GString) others = g_string_new (NULL);

  for (guint i = 0; i < self->permission_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->permission_checks, i);
      const char *name = g_object_get_data (G_OBJECT (check), "permission");

      gtk_check_button_set_active (check,
                                   permissions != NULL &&
                                   g_strv_contains (permissions, name));
    }

  for (guint i = 0; permissions != NULL && permissions[i] != NULL; i++)
    {
      if (desk_permissions_lookup (permissions[i]) != NULL)
        continue;

      if (others->len > 0)
        g_string_append (others, ", ");
      g_string_append (others, permissions[i]);
    }

  set_editable_text (self->other_permissions_row, others->str);
}

void
desk_session_form_set_request (DeskSessionForm          *self,
                               const DeskSessionRequest *request)
{
  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (request != NULL);

  self->filling = TRUE;

  if (request->end_user_id != NULL)
    set_editable_text (self->end_user_row, request->end_user_id);
  if (request->redirect_uri != NULL)
    set_editable_text (self->redirect_row, request->redirect_uri);
  if (request->cancel_uri != NULL)
    set_editable_text (self->cancel_row, request->cancel_uri);
  if (request->institution_id != NULL)
    set_editable_text (self->institution_row, request->institution_id);
  if (request->permissions != NULL)
    set_permissions (self, (const char * const *) request->permissions);

  self->filling = FALSE;
  revalidate (self);
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

static void
add_error_detail (DeskSessionForm *self,
                  const char      *title,
                  const char      *value)
{
  if (value == NULL || *value == '\0')
    return;

  gtk_list_box_append (self->error_details, desk_value_row_new (title, value));
}

/* Which field an API error is about, from Fiskil's stable error names; -1 for none. */
static int
field_at_fault (const DeskApiError *api_error)
{
  static const struct
  {
    const char       *word;
    DeskRequestField  field;
  } words[] = {
    { "institution", DESK_REQUEST_FIELD_INSTITUTION_ID },
    { "permission", DESK_REQUEST_FIELD_PERMISSIONS },
    { "redirect", DESK_REQUEST_FIELD_REDIRECT_URI },
    { "cancel_uri", DESK_REQUEST_FIELD_CANCEL_URI },
    { "end_user", DESK_REQUEST_FIELD_END_USER_ID },
  };
  g_autofree char *name = g_ascii_strdown (api_error->name != NULL ? api_error->name : "", -1);

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (strstr (name, words[i].word) != NULL)
        return words[i].field;
    }

  return -1;
}

void
desk_session_form_show_outcome_error (DeskSessionForm   *self,
                                      const DeskOutcome *outcome)
{
  const DeskApiError *api_error;
  g_autofree char *summary = NULL;
  GtkWidget *child;

  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (outcome != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->error_details))) != NULL)
    gtk_list_box_remove (self->error_details, child);

  api_error = outcome->api_error;
  if (api_error != NULL && (api_error->http_status != 0 || api_error->id != NULL))
    {
      g_autofree char *status = NULL;

      if (api_error->http_status != 0)
        status = g_strdup_printf ("%u", api_error->http_status);

      add_error_detail (self, _("HTTP status"), status);
      add_error_detail (self, _("Fiskil error"), api_error->name);
      add_error_detail (self, _("Fiskil’s message"), api_error->message);
      add_error_detail (self, _("Error ID"), api_error->id);
    }

  summary = desk_outcome_get_summary (outcome);
  gtk_label_set_text (self->error_message, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->error_details),
                          gtk_widget_get_first_child (GTK_WIDGET (self->error_details)) != NULL);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);

  /* The field Fiskil refused is marked and takes the focus, so the fix starts there. */
  self->api_fault = api_error != NULL ? field_at_fault (api_error) : -1;
  if (self->api_fault >= 0)
    {
      gtk_widget_add_css_class (self->field_rows[self->api_fault], "error");
      gtk_widget_grab_focus (self->field_rows[self->api_fault]);
    }
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->create_button));
    }
}

void
desk_session_form_clear_error (DeskSessionForm *self)
{
  g_return_if_fail (DESK_IS_SESSION_FORM (self));

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  if (self->api_fault >= 0)
    {
      gtk_widget_remove_css_class (self->field_rows[self->api_fault], "error");
      self->api_fault = -1;
      revalidate (self);
    }
}

void
desk_session_form_remember_values (DeskSessionForm *self)
{
  g_autoptr(DeskSessionRequest) request = NULL;

  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (self->environment != NULL);

  request = desk_session_form_get_request (self);
  desk_environment_set_form_values (self->environment, request);
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
