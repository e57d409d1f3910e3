/* desk-history-view.c — the History page: every recorded attempt, newest first, searchable
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment.h"
#include "desk-history-view.h"
#include "desk-time-format.h"

struct _DeskHistoryView
{
  GtkWidget         parent_instance;

  GtkSearchEntry   *search_entry;
  GtkDropDown      *environment_dropdown;
  GtkDropDown      *outcome_dropdown;
  GtkStack         *content_stack;
  GtkListView      *list_view;
  AdwStatusPage    *empty_page;

  DeskHistoryModel *model;
  GListModel       *environments;
  GPtrArray        *environment_ids;  /* parallel to the environment menu; [0] NULL: all */
};

G_DEFINE_FINAL_TYPE (DeskHistoryView, desk_history_view, GTK_TYPE_WIDGET)

enum { ATTEMPT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The outcome filter's choices: the stored word, and what the person reads. */
static const struct { const char *outcome; const char *label; } outcomes[] = {
  { NULL, N_("All outcomes") },
  { "success", N_("Success") },
  { "failure", N_("Failure") },
  { "expired", N_("Expired") },
  { "cancelled", N_("Cancelled") },
  { "closed", N_("Closed") },
  { "api-error", N_("API error") },
  { "navigation-error", N_("Navigation error") },
  { "interrupted", N_("Interrupted") },
  { "running", N_("Running") },
};

static const char *
outcome_label (const char *outcome)
{
  for (gsize i = 1; outcome != NULL && i < G_N_ELEMENTS (outcomes); i++)
    if (g_str_equal (outcomes[i].outcome, outcome))
      return _(outcomes[i].label);

  return outcome;
}

char *
desk_history_view_format_time (GDateTime *time)
{
  return desk_format_local_time (time);
}

static char *
row_time (GtkListItem      *item,
          DeskHistoryEntry *entry)
{
  return entry != NULL ? desk_history_view_format_time (desk_history_entry_get_started_at (entry))
                       : NULL;
}

static char *
row_time_utc (GtkListItem      *item,
              DeskHistoryEntry *entry)
{
  return entry != NULL ? desk_format_utc_time (desk_history_entry_get_started_at (entry)) : NULL;
}

static char *
row_end_user (GtkListItem      *item,
              DeskHistoryEntry *entry)
{
  const char *id;
  const char *email;

  if (entry == NULL)
    return NULL;

  id = desk_history_entry_get_end_user_id (entry);
  email = desk_history_entry_get_end_user_email (entry);
  if (email != NULL && id != NULL)
    /* Translators: an end user's email, then their Fiskil id */
    return g_strdup_printf (_("%s (%s)"), email, id);

  return g_strdup (id != NULL ? id : email != NULL ? email : _("Unknown end user"));
}

/* "Sandbox · redirect · CONSENT_ENDUSER_DENIED" */
static char *
row_where (GtkListItem      *item,
           DeskHistoryEntry *entry)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *environment;

  if (entry == NULL)
    return NULL;

  environment = desk_history_entry_get_environment_name (entry);
  if (environment == NULL)
    environment = desk_history_entry_get_environment_id (entry);
  if (environment != NULL)
    g_ptr_array_add (parts, (gpointer) environment);
  if (desk_history_entry_get_integration (entry) != NULL)
    g_ptr_array_add (parts, (gpointer) desk_history_entry_get_integration (entry));
  if (desk_history_entry_get_error_type (entry) != NULL)
    g_ptr_array_add (parts, (gpointer) desk_history_entry_get_error_type (entry));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
row_outcome (GtkListItem      *item,
             DeskHistoryEntry *entry)
{
  return entry != NULL ? g_strdup (outcome_label (desk_history_entry_get_outcome (entry)))
                       : NULL;
}

static gboolean
is_narrowed (DeskHistoryView *self)
{
  return self->model != NULL &&
         ((desk_history_model_get_search (self->model) != NULL &&
           *desk_history_model_get_search (self->model) != '\0') ||
          desk_history_model_get_environment (self->model) != NULL ||
          desk_history_model_get_outcome (self->model) != NULL);
}

static void
update_empty_state (DeskHistoryView *self)
{
  gboolean empty = self->model == NULL ||
                   g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  if (!empty)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
      return;
    }

  if (is_narrowed (self))
    {
      adw_status_page_set_title (self->empty_page, _("No matching attempts"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try another search, or show every environment and "
                                         "outcome."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No history yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Every session you create is recorded here, with its "
                                         "timeline and outcome."));
    }
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
search_changed_cb (DeskHistoryView *self)
{
  if (self->model != NULL)
    desk_history_model_set_search (self->model,
                                   gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
filters_changed_cb (DeskHistoryView *self)
{
  guint environment = gtk_drop_down_get_selected (self->environment_dropdown);
  guint outcome = gtk_drop_down_get_selected (self->outcome_dropdown);

  if (self->model == NULL)
    return;

  desk_history_model_set_environment (self->model,
                                      environment < self->environment_ids->len
                                        ? g_ptr_array_index (self->environment_ids, environment)
                                        : NULL);
  desk_history_model_set_outcome (self->model,
                                  outcome < G_N_ELEMENTS (outcomes)
                                    ? outcomes[outcome].outcome : NULL);
}

static void
row_activated_cb (DeskHistoryView *self,
                  guint            position)
{
  g_autoptr(DeskHistoryEntry) entry = NULL;

  entry = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (entry != NULL)
    g_signal_emit (self, signals[ATTEMPT_ACTIVATED], 0,
                   desk_history_entry_get_attempt_id (entry));
}

static void
fill_environment_menu (DeskHistoryView *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint n_items = self->environments != NULL ? g_list_model_get_n_items (self->environments) : 0;

  g_ptr_array_set_size (self->environment_ids, 0);
  gtk_string_list_append (titles, _("All environments"));
  g_ptr_array_add (self->environment_ids, NULL);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DeskEnvironment) environment = g_list_model_get_item (self->environments, i);

      gtk_string_list_append (titles, desk_environment_get_title (environment));
      g_ptr_array_add (self->environment_ids, g_strdup (desk_environment_get_id (environment)));
    }

  gtk_drop_down_set_model (self->environment_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->environment_dropdown, 0);
}

static void
desk_history_view_dispose (GObject *object)
{
  DeskHistoryView *self = DESK_HISTORY_VIEW (object);
  GtkWidget *child;

  if (self->environments != NULL)
    g_signal_handlers_disconnect_by_data (self->environments, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), DESK_TYPE_HISTORY_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->environments);

  G_OBJECT_CLASS (desk_history_view_parent_class)->dispose (object);
}

static void
desk_history_view_finalize (GObject *object)
{
  DeskHistoryView *self = DESK_HISTORY_VIEW (object);

  g_clear_pointer (&self->environment_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_history_view_parent_class)->finalize (object);
}

static void
desk_history_view_class_init (DeskHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_history_view_dispose;
  object_class->finalize = desk_history_view_finalize;

  signals[ATTEMPT_ACTIVATED] = g_signal_new ("attempt-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskHistoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskHistoryView, environment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskHistoryView, outcome_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskHistoryView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskHistoryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, DeskHistoryView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_time);
  gtk_widget_class_bind_template_callback (widget_class, row_time_utc);
  gtk_widget_class_bind_template_callback (widget_class, row_end_user);
  gtk_widget_class_bind_template_callback (widget_class, row_where);
  gtk_widget_class_bind_template_callback (widget_class, row_outcome);

  g_type_ensure (DESK_TYPE_HISTORY_ENTRY);
}

static void
desk_history_view_init (DeskHistoryView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  self->environment_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (gsize i = 0; i < G_N_ELEMENTS (outcomes); i++)
    gtk_string_list_append (labels, _(outcomes[i].label));
  gtk_drop_down_set_model (self->outcome_dropdown, G_LIST_MODEL (labels));
  fill_environment_menu (self);
  update_empty_state (self);
}

void
desk_history_view_set_history (DeskHistoryView *self,
                               DeskHistory     *history)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_return_if_fail (DESK_IS_HISTORY_VIEW (self));
  g_return_if_fail (history == NULL || DESK_IS_HISTORY (history));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  if (history != NULL)
    {
      self->model = desk_history_model_new (history);
      g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_empty_state),
                               self, G_CONNECT_SWAPPED);
      selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
      gtk_single_selection_set_autoselect (selection, FALSE);
      search_changed_cb (self);
      filters_changed_cb (self);
    }

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_empty_state (self);
}

void
desk_history_view_set_environments (DeskHistoryView *self,
                                    GListModel      *environments)
{
  g_return_if_fail (DESK_IS_HISTORY_VIEW (self));
  g_return_if_fail (environments == NULL || G_IS_LIST_MODEL (environments));

  if (self->environments != NULL)
    g_signal_handlers_disconnect_by_data (self->environments, self);
  g_set_object (&self->environments, environments);
  if (environments != NULL)
    g_signal_connect_object (environments, "items-changed", G_CALLBACK (fill_environment_menu),
                             self, G_CONNECT_SWAPPED);
  fill_environment_menu (self);
}

DeskHistoryModel *
desk_history_view_get_model (DeskHistoryView *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_VIEW (self), NULL);

  return self->model;
}

GStrv
desk_history_view_dup_shown_ids (DeskHistoryView *self)
{
  g_autoptr(GStrvBuilder) ids = NULL;
  guint n_items;

  g_return_val_if_fail (DESK_IS_HISTORY_VIEW (self), NULL);

  if (self->model == NULL || !is_narrowed (self))
    return NULL;

  ids = g_strv_builder_new ();
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DeskHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (entry != NULL)
        g_strv_builder_add (ids, desk_history_entry_get_attempt_id (entry));
    }

  return g_strv_builder_end (ids);
}
