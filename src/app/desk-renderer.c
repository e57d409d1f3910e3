/* desk-renderer.c — which of GTK's renderers draws the windows, on a computer without a GPU
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Support staff often work in virtual machines and remote desktops, where OpenGL is Mesa's
 * llvmpipe: the CPU runs every shader. GTK 4.8's GL renderer redraws the whole window for
 * each frame and compiles its shaders on the CPU. Measured under Xvfb with llvmpipe (README,
 * Benchmarks): the form's first frame 690 ms after exec with it and 400 ms with Cairo, and a
 * focused field's blinking cursor kept a whole core busy (505 ticks of 1/100 s in 5 s)
 * against 16 with Cairo. GTK 4.14 and later weigh llvmpipe themselves, with other
 * renderers, so they are left to choose.
 *
 * GTK has no call to pick a renderer; it reads a display's "gsk-renderer" data before the
 * GSK_RENDERER variable (gsk_renderer_new_for_surface(), as its inspector uses it), so the
 * choice is only ever made when the person has not set GSK_RENDERER.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <string.h>

#include "desk-renderer.h"

/* After gtk.h: gdkconfig.h says which backends this GTK has. */
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <epoxy/glx.h>
#endif
#ifdef GDK_WINDOWING_WAYLAND
#include <gdk/wayland/gdkwayland.h>
#endif
#if defined (GDK_WINDOWING_X11) || defined (GDK_WINDOWING_WAYLAND)
#include <epoxy/egl.h>
#endif

#define CHOSEN_KEY "desk-renderer-chosen"

#if defined (GDK_WINDOWING_X11) || defined (GDK_WINDOWING_WAYLAND)
/* Mesa names its software drivers "swrast" (and "kms_swrast"). */
static gboolean
egl_is_software (gpointer   egl_display,
                 char     **description)
{
  const char *driver;

  if (egl_display == NULL || !epoxy_has_egl_extension (egl_display, "EGL_MESA_query_driver"))
    return FALSE;

  driver = eglGetDisplayDriverName (egl_display);
  if (driver == NULL || strstr (driver, "swrast") == NULL)
    return FALSE;

  if (description != NULL)
    *description = g_strdup (driver);
  return TRUE;
}
#endif

#ifdef GDK_WINDOWING_X11
static gboolean
glx_is_software (GdkDisplay  *display,
                 char       **description)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);
  int screen = gdk_x11_screen_get_screen_number (gdk_x11_display_get_screen (display));
  unsigned int accelerated = 1;

  if (!epoxy_has_glx_extension (xdisplay, screen, "GLX_MESA_query_renderer")
      || !glXQueryRendererIntegerMESA (xdisplay, screen, 0, GLX_RENDERER_ACCELERATED_MESA,
                                       &accelerated)
      || accelerated != 0)
    return FALSE;

  if (description != NULL)
    *description = g_strdup (glXQueryRendererStringMESA (xdisplay, screen, 0,
                                                         GLX_RENDERER_DEVICE_ID_MESA));
  return TRUE;
}
#endif

gboolean
desk_renderer_gl_is_software (GdkDisplay  *display,
                              char       **description)
{
  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  /* Done already on X11 (GDK picks its visual with it); on Wayland it is what GTK's GL
   * renderer would do first anyway. Without GL, GTK draws with Cairo on its own. */
  if (!gdk_display_prepare_gl (display, NULL))
    return FALSE;

#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (display))
    {
      gpointer egl_display = gdk_x11_display_get_egl_display (display);

      return egl_display != NULL ? egl_is_software (egl_display, description)
                                 : glx_is_software (display, description);
    }
#endif
#ifdef GDK_WINDOWING_WAYLAND
  if (GDK_IS_WAYLAND_DISPLAY (display))
    return egl_is_software (gdk_wayland_display_get_egl_display (display), description);
#endif

  return FALSE;
}

gboolean
desk_renderer_choose (GdkDisplay *display)
{
  g_autofree char *description = NULL;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  if (gtk_get_minor_version () >= 14
      || g_getenv ("GSK_RENDERER") != NULL
      || g_object_get_data (G_OBJECT (display), "gsk-renderer") != NULL
      || !desk_renderer_gl_is_software (display, &description))
    return FALSE;

  g_debug ("Software OpenGL (%s): windows are drawn with Cairo", description);
  g_object_set_data_full (G_OBJECT (display), "gsk-renderer", g_strdup ("cairo"), g_free);
  g_object_set_data_full (G_OBJECT (display), CHOSEN_KEY, g_steal_pointer (&description),
                          g_free);
  return TRUE;
}

char *
desk_renderer_describe (GtkWidget *widget)
{
  GtkNative *native;
  GskRenderer *renderer;
  const char *name;
  const char *chosen;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  native = gtk_widget_get_native (widget);
  renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  if (renderer == NULL)
    return NULL;

  name = G_OBJECT_TYPE_NAME (renderer);
  if (g_str_equal (name, "GskCairoRenderer"))
    name = "Cairo";
  else if (g_str_equal (name, "GskGLRenderer") || g_str_equal (name, "GskNglRenderer"))
    name = "OpenGL";
  else if (g_str_equal (name, "GskVulkanRenderer"))
    name = "Vulkan";

  chosen = g_object_get_data (G_OBJECT (gtk_widget_get_display (widget)), CHOSEN_KEY);
  if (chosen != NULL)
    return g_strdup_printf ("%s (chosen: software OpenGL, %s)", name, chosen);
  return g_strdup (name);
}
