/* desk-environment-row.c — one environment in Preferences: its name, where it goes, and whether
 * sessions there have credentials
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows follow the environment list (gtk_list_box_bind_model), so the row itself keeps its
 * environment and what is known of its credentials (style.md "Rows bound to models").
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-row.h"

struct _DeskEnvironmentRow
{
  AdwActionRow     parent_instance;

  DeskEnvironment *environment;
  char            *credentials;  /* a sentence, or NULL while not known */
};

G_DEFINE_FINAL_TYPE (DeskEnvironmentRow, desk_environment_row, ADW_TYPE_ACTION_ROW)

/* Where it goes, then whether sessions there have credentials once that is known. */
static void
update_subtitle (DeskEnvironmentRow *self)
{
  g_autofree char *description = desk_environment_describe (self->environment);
  g_autofree char *subtitle = NULL;

  if (self->credentials != NULL)
    subtitle = g_strconcat (description, "\n", self->credentials, NULL);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                               subtitle != NULL ? subtitle : description);
}

static void
desk_environment_row_finalize (GObject *object)
{
  DeskEnvironmentRow *self = DESK_ENVIRONMENT_ROW (object);

  g_clear_object (&self->environment);
  g_clear_pointer (&self->credentials, g_free);

  G_OBJECT_CLASS (desk_environment_row_parent_class)->finalize (object);
}

static void
desk_environment_row_class_init (DeskEnvironmentRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_environment_row_finalize;
}

static void
desk_environment_row_init (DeskEnvironmentRow *self)
{
}

GtkWidget *
desk_environment_row_new (DeskEnvironment *environment)
{
  DeskEnvironmentRow *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT (environment), NULL);

  self = g_object_new (DESK_TYPE_ENVIRONMENT_ROW, "activatable", TRUE, "use-markup", FALSE,
                       NULL);
  self->environment = g_object_ref (environment);

  name = g_strconcat ("environment-", desk_environment_get_id (environment), NULL);
  gtk_widget_set_name (GTK_WIDGET (self), name);
  g_object_bind_property (environment, "title", self, "title", G_BINDING_SYNC_CREATE);
  update_subtitle (self);
  g_signal_connect_object (environment, "notify::api-url", G_CALLBACK (update_subtitle), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (environment, "notify::api-version", G_CALLBACK (update_subtitle),
                           self, G_CONNECT_SWAPPED);

  if (desk_environment_get_kind (environment) == DESK_ENVIRONMENT_PRODUCTION)
    {
      GtkWidget *tag = gtk_label_new (_("Real end users"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "production-tag");
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), tag);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (self),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));

  return GTK_WIDGET (self);
}

DeskEnvironment *
desk_environment_row_get_environment (DeskEnvironmentRow *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT_ROW (self), NULL);

  return self->environment;
}

void
desk_environment_row_set_credentials (DeskEnvironmentRow *self,
                                      const char         *status)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT_ROW (self));

  g_free (self->credentials);
  self->credentials = g_strdup (status);
  update_subtitle (self);
}
