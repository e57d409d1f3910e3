/* test-renderer.c — the renderer that draws the window, on a computer without a GPU
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application's start-up picks Cairo when OpenGL is software and the person has not set
 * GSK_RENDERER (desk-renderer.c); a GSK_RENDERER the person sets always wins. GTK reads its
 * renderer choice once per process, so each case runs in its own. Whether this machine's
 * OpenGL is software is asked of OpenGL itself here, with a context and GL_RENDERER, not the
 * way the application asks the driver.
 */
#include "config.h"

#include <string.h>

#include <epoxy/gl.h>

#include "desk-debug-info.h"
#include "desk-renderer.h"
#include "desk-test-app.h"

/* The renderer's own name: llvmpipe and softpipe are Mesa's CPU renderers. NULL without GL. */
static char *
gl_renderer_name (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = gdk_display_create_gl_context (display, NULL);
  char *name;

  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return NULL;

  gdk_gl_context_make_current (context);
  name = g_strdup ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();

  return name;
}

/* The application as a person starts it, its window realized: the renderer is chosen then. */
static DeskApplication *
start_app (const char  *gsk_renderer,
           DeskWindow **window)
{
  DeskApplication *app;

  if (gsk_renderer != NULL)
    g_setenv ("GSK_RENDERER", gsk_renderer, TRUE);
  else
    g_unsetenv ("GSK_RENDERER");

  app = desk_test_app_new (NULL);
  *window = desk_application_ensure_window (app);
  gtk_widget_realize (GTK_WIDGET (*window));

  return app;
}

static const char *
renderer_type (DeskWindow *window)
{
  return G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));
}

static void
assert_debug_info_line (DeskWindow *window,
                        const char *line)
{
  g_autofree char *text = desk_debug_info_new (NULL, GTK_WIDGET (window));

  g_test_message ("%s", text);
  if (strstr (text, line) == NULL)
    g_error ("The troubleshooting text has no line “%s”:\n%s", line, text);
}

/* Each case in its own process, as GTK reads its renderer choice once: TRUE in that one. */
static gboolean
in_own_process (void)
{
  if (g_test_subprocess ())
    return TRUE;

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT
                                   | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* No GSK_RENDERER: software OpenGL draws with Cairo, and the ticket text says so and why. */
static void
test_default (void)
{
  g_autoptr(DeskApplication) app = NULL;
  g_autofree char *gl_name = NULL;
  g_autofree char *description = NULL;
  DeskWindow *window;
  gboolean software;

  if (!in_own_process ())
    return;

  app = start_app (NULL, &window);
  gl_name = gl_renderer_name (gtk_widget_get_display (GTK_WIDGET (window)));
  g_test_message ("GL_RENDERER: %s; the window's renderer: %s", gl_name, renderer_type (window));
  software = gl_name != NULL && (strstr (gl_name, "llvmpipe") != NULL
                                 || strstr (gl_name, "softpipe") != NULL);
  g_assert_cmpint (desk_renderer_gl_is_software (gtk_widget_get_display (GTK_WIDGET (window)),
                                                 &description), ==, software);

  if (!software || gtk_get_minor_version () >= 14)
    {
      /* A GPU, no GL at all, or a GTK that weighs llvmpipe itself: GTK's own choice, and
       * nothing said of a choice. */
      g_assert_null (g_object_get_data (G_OBJECT (gtk_widget_get_display (GTK_WIDGET (window))),
                                        "gsk-renderer"));
      g_test_skip ("OpenGL here is not software, or GTK is 4.14 or later: nothing to choose");
      return;
    }

  g_assert_nonnull (description);
  g_assert_cmpstr (renderer_type (window), ==, "GskCairoRenderer");
  assert_debug_info_line (window, "Renderer: Cairo (chosen: software OpenGL, ");
  assert_debug_info_line (window, description);
}

typedef struct
{
  const char *gsk_renderer;  /* what the person set */
  const char *type;          /* what draws the window then */
  const char *line;          /* and what the ticket text says */
} Choice;

/* GSK_RENDERER set: the person's choice stands, software OpenGL or not, and the ticket text
 * says no word of a choice made (GSK_RENDERER=cairo is how every other test runs). */
static void
test_person_chooses (gconstpointer data)
{
  const Choice *choice = data;
  g_autoptr(DeskApplication) app = NULL;
  DeskWindow *window;

  if (!in_own_process ())
    return;

  app = start_app (choice->gsk_renderer, &window);
  g_assert_cmpstr (renderer_type (window), ==, choice->type);
  assert_debug_info_line (window, choice->line);
}

int
main (int   argc,
      char *argv[])
{
  static const Choice gl = { "gl", "GskGLRenderer", "Renderer: OpenGL\n" };
  static const Choice cairo = { "cairo", "GskCairoRenderer", "Renderer: Cairo\n" };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/default", test_default);
  g_test_add_data_func ("/renderer/person-chooses-gl", &gl, test_person_chooses);
  g_test_add_data_func ("/renderer/person-chooses-cairo", &cairo, test_person_chooses);

  return g_test_run ();
}
