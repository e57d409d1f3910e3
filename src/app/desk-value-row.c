/* desk-value-row.c — a boxed-list row showing one named value, selectable and copyable
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-value-row.h"

struct _DeskValueRow
{
  AdwPreferencesRow  parent_instance;

  GtkLabel          *value_label;
  GtkButton         *copy_button;

  char              *value;
  gboolean           is_link;
};

G_DEFINE_FINAL_TYPE (DeskValueRow, desk_value_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_IS_LINK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_value_label (DeskValueRow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), self->value != NULL);

  if (self->value == NULL)
    {
      gtk_label_set_text (self->value_label, _("Not provided"));
      gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "dim-label");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "dim-label");

  if (self->is_link)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>",
                                                         self->value, self->value);
      gtk_label_set_markup (self->value_label, markup);
    }
  else
    {
      gtk_label_set_text (self->value_label, self->value);
    }
}

static void
update_copy_label (DeskValueRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  /* Translators: accessible name of a copy button; %s is a field name such as "Error ID" */
  g_autofree char *label = g_strdup_printf (_("Copy %s"), title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
copy_clicked_cb (DeskValueRow *self)
{
  GtkWidget *overlay;

  g_return_if_fail (self->value != NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->value);

  /* Whichever page holds the row says so in its own toast overlay. */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Copied")));
}

static void
desk_value_row_finalize (GObject *object)
{
  DeskValueRow *self = (DeskValueRow *)object;

  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (desk_value_row_parent_class)->finalize (object);
}

static void
desk_value_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DeskValueRow *self = DESK_VALUE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_IS_LINK:
      g_value_set_boolean (value, self->is_link);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_value_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DeskValueRow *self = DESK_VALUE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      desk_value_row_set_value (self, g_value_get_string (value));
      break;

    case PROP_IS_LINK:
      desk_value_row_set_is_link (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_value_row_class_init (DeskValueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = desk_value_row_finalize;
  object_class->get_property = desk_value_row_get_property;
  object_class->set_property = desk_value_row_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_LINK] =
    g_param_spec_boolean ("is-link", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-value-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskValueRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, DeskValueRow, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}

static void
desk_value_row_init (DeskValueRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::title", G_CALLBACK (update_copy_label), NULL);
  update_value_label (self);
}

GtkWidget *
desk_value_row_new (const char *title,
                    const char *value)
{
  return g_object_new (DESK_TYPE_VALUE_ROW,
                       "title", title,
                       "value", value,
                       NULL);
}

const char *
desk_value_row_get_value (DeskValueRow *self)
{
  g_return_val_if_fail (DESK_IS_VALUE_ROW (self), NULL);

  return self->value;
}

void
desk_value_row_set_value (DeskValueRow *self,
                          const char   *value)
{
  g_return_if_fail (DESK_IS_VALUE_ROW (self));

  if (g_strcmp0 (self->value, value) == 0)
    return;

  g_free (self->value);
  self->value = g_strdup (value);
  update_value_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

void
desk_value_row_set_is_link (DeskValueRow *self,
                            gboolean      is_link)
{
  g_return_if_fail (DESK_IS_VALUE_ROW (self));

  is_link = !!is_link;
  if (self->is_link == is_link)
    return;

  self->is_link = is_link;
  update_value_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_LINK]);
}
