/* desk-preferences-window.c — Preferences: add, edit, test and remove environments
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-editor.h"
#include "desk-environment-row.h"
#include "desk-preferences-window.h"

struct _DeskPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkListBox           *environment_list;
  GtkWidget            *variables_group;
  AdwActionRow         *variables_row;

  DeskEnvironmentList  *environments;
};

G_DEFINE_FINAL_TYPE (DeskPreferencesWindow, desk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
row_credentials_read_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(DeskEnvironmentRow) row = user_data;
  g_autoptr(DeskCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = desk_secret_store_lookup_credentials_finish (DESK_SECRET_STORE (object), result,
                                                            &error);
  if (error != NULL)
    desk_environment_row_set_credentials (row,
                                          _("Credentials unknown: the keyring could not be "
                                            "read"));
  else if (credentials != NULL)
    desk_environment_row_set_credentials (row, _("Credentials saved in the keyring"));
  else
    desk_environment_row_set_credentials (row,
                                          _("No credentials: sessions cannot be created here"));
}

/* Said as sessions would find them: the variables win over the keyring (issue 12, item 4). */
static void
check_row_credentials (DeskPreferencesWindow *self,
                       DeskEnvironmentRow    *row)
{
  DeskEnvironment *environment = desk_environment_row_get_environment (row);
  g_autoptr(DeskCredentials) variables = NULL;

  if (!desk_environment_needs_credentials (environment))
    {
      desk_environment_row_set_credentials (row, _("Needs no credentials"));
      return;
    }

  variables = desk_credentials_from_environment_variables ();
  if (variables != NULL)
    {
      desk_environment_row_set_credentials (row, _("Credentials from environment variables"));
      return;
    }

  desk_secret_store_lookup_credentials_async (
    desk_environment_list_get_secret_store (self->environments),
    desk_environment_get_id (environment), NULL, row_credentials_read_cb, g_object_ref (row));
}

static void
check_credentials (DeskPreferencesWindow *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->environment_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (DESK_IS_ENVIRONMENT_ROW (row))
        check_row_credentials (self, DESK_ENVIRONMENT_ROW (row));
    }
}

/* One row per environment; the rows follow the list model, so no template can hold them. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GtkWidget *row = desk_environment_row_new (DESK_ENVIRONMENT (item));

  check_row_credentials (DESK_PREFERENCES_WINDOW (user_data), DESK_ENVIRONMENT_ROW (row));

  return row;
}

static gboolean
is_saved (gpointer item,
          gpointer user_data)
{
  return desk_environment_is_saved (DESK_ENVIRONMENT (item));
}

static void
row_activated_cb (DeskPreferencesWindow *self,
                  GtkListBoxRow         *row)
{
  desk_preferences_window_edit (self,
                                desk_environment_row_get_environment (DESK_ENVIRONMENT_ROW (row)));
}

static void
add_clicked_cb (DeskPreferencesWindow *self)
{
  desk_preferences_window_edit (self, NULL);
}

/* Said up front: with these set, what is typed here is not what sessions use. */
static void
update_variables_notice (DeskPreferencesWindow *self)
{
  const char *subtitle = NULL;

  if (g_getenv ("FISKIL_ACCESS_TOKEN") != NULL && *g_getenv ("FISKIL_ACCESS_TOKEN") != '\0')
    subtitle = _("FISKIL_ACCESS_TOKEN is set: Production and custom environments use it, "
                 "and the keyring is not consulted.");
  else if (g_getenv ("FISKIL_CLIENT_ID") != NULL && g_getenv ("FISKIL_CLIENT_SECRET") != NULL)
    subtitle = _("FISKIL_CLIENT_ID and FISKIL_CLIENT_SECRET are set: Production and custom "
                 "environments use them, and the keyring is not consulted.");

  gtk_widget_set_visible (self->variables_group, subtitle != NULL);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (self->variables_row, subtitle);
}

static void
desk_preferences_window_dispose (GObject *object)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (object);

  /* The list outlives a closed window while anything holds it: no row is made for it then. */
  if (self->environment_list != NULL)
    gtk_list_box_bind_model (self->environment_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->environments);

  G_OBJECT_CLASS (desk_preferences_window_parent_class)->dispose (object);
}

static void
desk_preferences_window_class_init (DeskPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH
                                               "/ui/desk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, environment_list);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, variables_group);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, variables_row);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
desk_preferences_window_init (DeskPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_variables_notice (self);
}

DeskPreferencesWindow *
desk_preferences_window_new (DeskEnvironmentList *environments)
{
  DeskPreferencesWindow *self;
  g_autoptr(GtkFilterListModel) saved = NULL;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (environments), NULL);

  self = g_object_new (DESK_TYPE_PREFERENCES_WINDOW, NULL);
  self->environments = g_object_ref (environments);

  /* A one-off --api-url environment is this run's only: nothing to edit or keep. */
  saved = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (environments)),
                                     GTK_FILTER (gtk_custom_filter_new (is_saved, NULL, NULL)));
  gtk_list_box_bind_model (self->environment_list, G_LIST_MODEL (saved), create_row, self, NULL);

  return self;
}

static void
editor_busy_cb (DeskPreferencesWindow *self,
                GParamSpec            *pspec,
                DeskEnvironmentEditor *editor)
{
  if (!desk_environment_editor_get_busy (editor))
    check_credentials (self);
}

void
desk_preferences_window_edit (DeskPreferencesWindow *self,
                              DeskEnvironment       *environment)
{
  GtkWidget *editor;

  g_return_if_fail (DESK_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (environment == NULL || DESK_IS_ENVIRONMENT (environment));

  editor = desk_environment_editor_new (self->environments, environment);
  /* Saved or removed: the list says so when it is shown again. */
  g_signal_connect_object (editor, "notify::busy", G_CALLBACK (editor_busy_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), editor);
}
