/* desk-popup-window.h — the pop-up pattern's second window, holding the consent pop-up
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

#define DESK_TYPE_POPUP_WINDOW (desk_popup_window_get_type ())

G_DECLARE_FINAL_TYPE (DeskPopupWindow, desk_popup_window, DESK, POPUP_WINDOW, AdwWindow)

/* A window transient for @parent showing @web_view (a view related to the integrator page's,
 * as returned from WebKitWebView::create) under an address bar with a security indicator. It
 * is sized from the page's window features and shown on WebKitWebView::ready-to-show. */
DeskPopupWindow *desk_popup_window_new          (GtkWindow       *parent,
                                                 WebKitWebView   *web_view);
WebKitWebView   *desk_popup_window_get_web_view (DeskPopupWindow *self);

G_END_DECLS
