/* desk-renderer.h — which of GTK's renderers draws the windows, on a computer without a GPU
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether @display's OpenGL is drawn by the CPU (Mesa's llvmpipe or softpipe), asked of the
 * driver, without a GL context of its own. FALSE when it cannot tell (not Mesa, no GL): a GPU
 * is assumed. @description (nullable) gets the driver's own name for it when known. */
gboolean    desk_renderer_gl_is_software (GdkDisplay  *display,
                                          char       **description);

/* Before the first window of @display is realized: with GTK before 4.14, software OpenGL and
 * no GSK_RENDERER set by the person, its windows are drawn by Cairo rather than by GTK's GL
 * renderer. TRUE when it chose Cairo. */
gboolean    desk_renderer_choose         (GdkDisplay  *display);

/* "Cairo (chosen: software OpenGL, llvmpipe (LLVM 15.0.6, 256 bits))", "OpenGL", … for the
 * troubleshooting text: the renderer of @widget's window, and why when Consent Desk chose it.
 * NULL when @widget is not realized. */
char       *desk_renderer_describe       (GtkWidget   *widget);

G_END_DECLS
