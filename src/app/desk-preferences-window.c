/* desk-preferences-window.c — Preferences: add, edit, test and remove environments
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-editor.h"
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

/* Where it goes, then whether sessions there have credentials once that is known. */
static void
update_row_subtitle (AdwActionRow    *row,
                     GParamSpec      *pspec,
                     DeskEnvironment *environment)
{
  g_autofree char *description = desk_environment_describe (environment);
  const char *credentials = g_object_get_data (G_OBJECT (row), "credentials-status");
  g_autofree char *subtitle = NULL;

  if (credentials != NULL)
    subtitle = g_strconcat (description, "\n", credentials, NULL);

  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : description);
}

static void
set_row_credentials (AdwActionRow *row,
                     const char   *status)
{
  DeskEnvironment *environment = g_object_get_data (G_OBJECT (row), "environment");

  g_object_set_data_full (G_OBJECT (row), "credentials-status", g_strdup (status), g_free);
  update_row_subtitle (row, NULL, environment);
}

static void
row_credentials_read_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(AdwActionRow) row = user_data;
  g_autoptr(DeskCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = desk_secret_store_lookup_credentials_finish (DESK_SECRET_STORE (object), result,
                                                            &error);
  if (error != NULL)
    set_row_credentials (row, _("Credentials unknown: the keyring could not be read"));
  else if (credentials != NULL)
    set_row_credentials (row, _("Credentials saved in the keyring"));
  else
    set_row_credentials (row, _("No credentials: sessions cannot be created here"));
}

/* Said as sessions would find them: the variables win over the keyring (issue 12, item 4). */
static void
check_row_credentials (DeskPreferencesWindow *self,
                       AdwActionRow          *row)
{
  DeskEnvironment *environment = g_object_get_data (G_OBJECT (row), "environment");
  g_autoptr(DeskCredentials) variables = NULL;

  if (!desk_environment_needs_credentials (environment))
    {
      set_row_credentials (row, _("Needs no credentials"));
      return;
    }

  variables = desk_credentials_from_environment_variables ();
  if (variables != NULL)
    {
      set_row_credentials (row, _("Credentials from environment variables"));
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
      if (ADW_IS_ACTION_ROW (row) && g_object_get_data (G_OBJECT (row), "environment") != NULL)
        check_row_credentials (self, ADW_ACTION_ROW (row));
    }
}

/* One row per environment; the rows follow the list model, so no template can hold them. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  DeskEnvironment *environment = DESK_ENVIRONMENT (item);
  g_autofree char *name = g_strconcat ("environment-", desk_environment_get_id (environment),
                                       NULL);
  GtkWidget *row = adw_action_row_new ();

  g_object_set_data_full (G_OBJECT (row), "environment", g_object_ref (environment),
                          g_object_unref);
  gtk_widget_set_name (row, name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_bind_property (environment, "title", row, "title", G_BINDING_SYNC_CREATE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  update_row_subtitle (ADW_ACTION_ROW (row), NULL, environment);
  g_signal_connect_object (environment, "notify::api-url", G_CALLBACK (update_row_subtitle),
                           row, G_CONNECT_SWAPPED);
  g_signal_connect_object (environment, "notify::api-version", G_CALLBACK (update_row_subtitle),
                           row, G_CONNECT_SWAPPED);

  if (desk_environment_get_kind (environment) == DESK_ENVIRONMENT_PRODUCTION)
    {
      GtkWidget *tag = gtk_label_new (_("Real end users"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "production-tag");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  check_row_credentials (DESK_PREFERENCES_WINDOW (user_data), ADW_ACTION_ROW (row));

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
  desk_preferences_window_edit (self, g_object_get_data (G_OBJECT (row), "environment"));
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
