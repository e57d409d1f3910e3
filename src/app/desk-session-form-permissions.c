/* desk-session-form-permissions.c — the form's permission rows, grouped as fiskil-api.md §6
 * lists them
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-session-form-private.h"

void
desk_session_form_update_permission_counts (DeskSessionForm *self)
{
  AdwExpanderRow *rows[] = { NULL, self->banking_row, self->energy_row, self->common_row };
  guint selected[G_N_ELEMENTS (rows)] = { 0, };
  guint total[G_N_ELEMENTS (rows)] = { 0, };

  for (guint i = 0; i < self->permission_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->permission_checks, i);
      const DeskPermissionInfo *info = g_ptr_array_index (self->permission_infos, i);
      DeskPermissionGroup group = info->group;

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
  desk_session_form_update_permission_counts (self);
  desk_session_form_revalidate (self);
}

static void
show_permissions_cb (DeskSessionForm *self,
                     GdkFrameClock   *clock)
{
  g_signal_handlers_disconnect_by_func (clock, show_permissions_cb, self);
  desk_session_form_show_permissions (self);
}

/* The Permissions group starts hidden, its rows unbuilt, and joins the form once the window has
 * drawn its first frame. It is below the fold of a new window: measuring and drawing it took
 * about 18 ms of that first frame, and building its rows 3.6 ms before it (issue 13). */
void
desk_session_form_show_permissions_later (DeskSessionForm *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (gtk_widget_get_visible (self->permissions_group))
    return;

  if (clock == NULL)
    {
      desk_session_form_show_permissions (self);
      return;
    }

  /* Once per frame clock: a window realized again has a new one. */
  if (g_signal_handler_find (clock, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             show_permissions_cb, self) != 0)
    return;

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (show_permissions_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Built once, when the group is first shown or a permission is first set: until then no
 * permission is selected, and the request reads none. */
static void
ensure_permission_rows (DeskSessionForm *self)
{
  const DeskPermissionInfo *all;
  gsize n_permissions = 0;

  if (self->permission_checks->len > 0)
    return;

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
      g_ptr_array_add (self->permission_infos, (gpointer) info);
    }

  desk_session_form_update_permission_counts (self);
}

void
desk_session_form_show_permissions (DeskSessionForm *self)
{
  ensure_permission_rows (self);
  gtk_widget_set_visible (self->permissions_group, TRUE);
}

gboolean
desk_session_form_strv_has (GPtrArray  *array,
          const char *value)
{
  for (guint i = 0; i < array->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
        return TRUE;
    }

  return FALSE;
}

void
desk_session_form_set_permissions (DeskSessionForm    *self,
                                   const char * const *permissions)
{
  g_autoptr(GString) others = g_string_new (NULL);

  for (guint i = 0; permissions != NULL && permissions[i] != NULL; i++)
    {
      if (desk_permissions_lookup (permissions[i]) != NULL)
        ensure_permission_rows (self);
    }

  for (guint i = 0; i < self->permission_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->permission_checks, i);
      const DeskPermissionInfo *info = g_ptr_array_index (self->permission_infos, i);
      const char *name = info->name;

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

  desk_session_form_set_editable_text (self->other_permissions_row, others->str);
}
