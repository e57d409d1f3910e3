/* desk-popup-window.c — the pop-up pattern's second window, holding the consent pop-up
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Integration patterns": a real second window, transient for the main one, sized
 * from window.open's features, with the same address bar and security indicator. Its
 * navigations are decided by the consent view that created it; this only shows it.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-consent-web.h"
#include "desk-popup-window.h"

struct _DeskPopupWindow
{
  AdwWindow      parent_instance;

  WebKitWebView *web_view;
  GtkImage      *security_icon;
  GtkLabel      *address_label;
};

G_DEFINE_FINAL_TYPE (DeskPopupWindow, desk_popup_window, ADW_TYPE_WINDOW)

static void
desk_popup_window_update_address (DeskPopupWindow *self)
{
  const char *uri = webkit_web_view_get_uri (self->web_view);

  gtk_label_set_text (self->address_label, uri != NULL ? uri : "");
  desk_consent_show_security (self->web_view, self->security_icon);
}

static void
on_uri_changed (WebKitWebView   *web_view,
                GParamSpec      *pspec,
                DeskPopupWindow *self)
{
  desk_popup_window_update_address (self);
}

static void
on_load_changed (WebKitWebView   *web_view,
                 WebKitLoadEvent  load_event,
                 DeskPopupWindow *self)
{
  if (load_event == WEBKIT_LOAD_COMMITTED)
    desk_popup_window_update_address (self);
}

/* Sized from the features (width=500,height=700), within reason for a small screen. */
static void
on_ready_to_show (WebKitWebView   *web_view,
                  DeskPopupWindow *self)
{
  WebKitWindowProperties *properties = webkit_web_view_get_window_properties (web_view);
  GdkRectangle geometry = { 0, 0, 0, 0 };
  int width = 500;
  int height = 700;

  webkit_window_properties_get_geometry (properties, &geometry);
  if (geometry.width > 0)
    width = CLAMP (geometry.width, 240, 1600);
  if (geometry.height > 0)
    height = CLAMP (geometry.height, 240, 1200);

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  gtk_window_present (GTK_WINDOW (self));
}

static void
desk_popup_window_dispose (GObject *object)
{
  DeskPopupWindow *self = DESK_POPUP_WINDOW (object);

  if (self->web_view != NULL)
    g_signal_handlers_disconnect_by_data (self->web_view, self);
  g_clear_object (&self->web_view);

  G_OBJECT_CLASS (desk_popup_window_parent_class)->dispose (object);
}

static void
desk_popup_window_class_init (DeskPopupWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = desk_popup_window_dispose;
}

static void
desk_popup_window_init (DeskPopupWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *address = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->security_icon = GTK_IMAGE (gtk_image_new_from_icon_name ("channel-insecure-symbolic"));
  self->address_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->address_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (self->address_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->address_label), "caption");
  gtk_box_append (GTK_BOX (address), GTK_WIDGET (self->security_icon));
  gtk_box_append (GTK_BOX (address), GTK_WIDGET (self->address_label));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), address);

  gtk_box_append (GTK_BOX (box), header);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_title (GTK_WINDOW (self), _("Consent pop-up"));
}

DeskPopupWindow *
desk_popup_window_new (GtkWindow     *parent,
                       WebKitWebView *web_view)
{
  DeskPopupWindow *self;
  GtkWidget *box;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (web_view), NULL);

  self = g_object_new (DESK_TYPE_POPUP_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "default-width", 500,
                       "default-height", 700,
                       NULL);
  self->web_view = g_object_ref_sink (web_view);
  gtk_widget_set_vexpand (GTK_WIDGET (web_view), TRUE);
  box = adw_window_get_content (ADW_WINDOW (self));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (web_view));

  g_signal_connect_object (web_view, "ready-to-show", G_CALLBACK (on_ready_to_show), self, 0);
  g_signal_connect_object (web_view, "notify::uri", G_CALLBACK (on_uri_changed), self, 0);
  g_signal_connect_object (web_view, "load-changed", G_CALLBACK (on_load_changed), self, 0);
  desk_popup_window_update_address (self);

  return self;
}

WebKitWebView *
desk_popup_window_get_web_view (DeskPopupWindow *self)
{
  g_return_val_if_fail (DESK_IS_POPUP_WINDOW (self), NULL);

  return self->web_view;
}
