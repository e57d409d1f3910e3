/* test-qr-code.c — the QR code paintable, rendered and read back by a real decoder (zbarimg)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paintable is snapshotted as a widget would snapshot it, the render nodes drawn into an
 * image over a dark-theme background, saved as PNG and decoded by /usr/bin/zbarimg (Debian's
 * zbar-tools). What a phone camera would read is what is asserted.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "desk-qr-code.h"
#include "desk-test.h"

#define QUIET_ZONE 4

/* A real Fiskil-shaped auth_url with a long query: what the agent hands to the customer. */
#define FISKIL_AUTH_URL \
  "https://auth.fiskil.com/?sess_id=ea564d-56012s4-6ds4564&client_id=cl_2xF9qkT7wPZ3" \
  "&redirect_uri=https%3A%2F%2Fyourapp.com%2Fcallback%3Ftenant%3Dqa%26flow%3Dhand-off" \
  "&cancel_uri=https%3A%2F%2Fyourapp.com%2Fcancel%3Ftenant%3Dqa" \
  "&institution_id=sandbox-bank-harbour&permissions=accounts%2Cbalances%2Ctransactions" \
  "%2Cidentity&state=7b1d3c2e-9f0a-4e8b-b6a1-2c4d5e6f7a8b&lang=en-AU#consent"
#define SANDBOX_AUTH_URL \
  "http://127.0.0.1:41234/auth/start?session=0f8e2a1c-6b3d-4c5e-9a7f-1d2b3c4e5f60"

/* The dark theme's window background: the quiet zone must stay light over it. */
#define BACKDROP_R 0x24
#define BACKDROP_G 0x24
#define BACKDROP_B 0x24

static char *scratch_dir;

typedef struct
{
  const char *name;
  const char *text;
  int         size;  /* pixels per side of the picture */
} DecodeCase;

static const DecodeCase decode_cases[] = {
  { "fiskil-intrinsic", FISKIL_AUTH_URL, 0 },  /* 0: the paintable's own size */
  { "fiskil-odd-size", FISKIL_AUTH_URL, 333 },
  { "fiskil-wide-area", FISKIL_AUTH_URL, -480 },  /* negative: a 480 × 300 area */
  { "sandbox-small", SANDBOX_AUTH_URL, 160 },
};

/* Draws @paintable into a @width × @height image over the backdrop, as GTK would. */
static cairo_surface_t *
render (GdkPaintable *paintable,
        int           width,
        int           height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  cairo_set_source_rgb (cr, BACKDROP_R / 255.0, BACKDROP_G / 255.0, BACKDROP_B / 255.0);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4) & 0xffffff;
}

/* Every pixel of the symbol is pure black or pure white (no blurred edges), and the quiet
 * zone is white all round. Returns the symbol's side in pixels. */
static int
assert_crisp (cairo_surface_t *surface,
              guint            modules)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint total = modules + 2 * QUIET_ZONE;
  int module = MIN (width, height) / (int) total;
  int side = module * (int) total;
  int x0 = (width - side) / 2;
  int y0 = (height - side) / 2;

  g_assert_cmpint (module, >=, 1);
  for (int y = y0; y < y0 + side; y++)
    for (int x = x0; x < x0 + side; x++)
      {
        guint32 pixel = pixel_at (surface, x, y);
        int margin = QUIET_ZONE * module;
        gboolean in_quiet_zone = x < x0 + margin || x >= x0 + side - margin
                                 || y < y0 + margin || y >= y0 + side - margin;

        if (pixel != 0x000000 && pixel != 0xffffff)
          g_error ("Pixel (%d, %d) is #%06x: neither black nor white", x, y, pixel);
        if (in_quiet_zone && pixel != 0xffffff)
          g_error ("Pixel (%d, %d) of the quiet zone is not white", x, y);
      }

  /* The backdrop around the symbol was left alone: the paintable draws only its square. */
  if (x0 > 0)
    g_assert_cmphex (pixel_at (surface, 0, height / 2), ==,
                     (BACKDROP_R << 16) | (BACKDROP_G << 8) | BACKDROP_B);

  return side;
}

static void
test_decode (gconstpointer data)
{
  const DecodeCase *decode_case = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPaintable) paintable = desk_qr_code_new (decode_case->text, &error);
  g_autofree char *png = NULL;
  g_autofree char *decoded = NULL;
  cairo_surface_t *surface;
  guint modules;
  int width;
  int height;

  g_assert_no_error (error);
  g_assert_nonnull (paintable);
  g_assert_cmpstr (desk_qr_code_get_text (DESK_QR_CODE (paintable)), ==, decode_case->text);
  modules = desk_qr_code_get_modules (DESK_QR_CODE (paintable));
  /* A QR code's side is 17 + 4 × version modules. */
  g_assert_cmpuint (modules % 4, ==, 1);
  g_assert_cmpuint (modules, >=, 21);
  g_assert_cmpfloat (gdk_paintable_get_intrinsic_aspect_ratio (paintable), ==, 1.0);

  if (decode_case->size == 0)
    width = height = gdk_paintable_get_intrinsic_width (paintable);
  else if (decode_case->size < 0)
    {
      width = -decode_case->size;
      height = width * 5 / 8;
    }
  else
    width = height = decode_case->size;

  surface = render (paintable, width, height);
  g_assert_cmpint (assert_crisp (surface, modules), >, MIN (width, height) - (int) modules - 8);

  png = g_strconcat (scratch_dir, G_DIR_SEPARATOR_S, decode_case->name, ".png", NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  decoded = desk_test_read_qr_code (png);
  g_assert_cmpstr (decoded, ==, decode_case->text);
}

static void
test_largest (void)
{
  /* The most the largest symbol (version 40) holds at level M, as bytes: still a QR code. */
  g_autofree char *text = g_strnfill (2331, 'q');
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPaintable) paintable = desk_qr_code_new (text, &error);
  g_autofree char *png = g_build_filename (scratch_dir, "largest.png", NULL);
  g_autofree char *decoded = NULL;
  cairo_surface_t *surface;

  g_assert_no_error (error);
  g_assert_cmpuint (desk_qr_code_get_modules (DESK_QR_CODE (paintable)), ==, 177);

  surface = render (paintable, 740, 740);
  assert_crisp (surface, 177);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  decoded = desk_test_read_qr_code (png);
  g_assert_cmpstr (decoded, ==, text);
}

static void
test_too_long (void)
{
  g_autofree char *just_over = g_strnfill (2332, 'q');
  g_autoptr(GString) long_url = g_string_new ("https://auth.fiskil.com/?sess_id=");
  g_autoptr(GError) error = NULL;
  GdkPaintable *paintable;

  paintable = desk_qr_code_new (just_over, &error);
  g_assert_null (paintable);
  g_assert_error (error, DESK_QR_CODE_ERROR, DESK_QR_CODE_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "too long"));
  g_clear_error (&error);

  while (long_url->len < 10000)
    g_string_append (long_url, "&state=7b1d3c2e-9f0a-4e8b-b6a1-2c4d5e6f7a8b");
  paintable = desk_qr_code_new (long_url->str, &error);
  g_assert_null (paintable);
  g_assert_error (error, DESK_QR_CODE_ERROR, DESK_QR_CODE_ERROR_TOO_LONG);
  g_clear_error (&error);

  paintable = desk_qr_code_new ("", &error);
  g_assert_null (paintable);
  g_assert_error (error, DESK_QR_CODE_ERROR, DESK_QR_CODE_ERROR_EMPTY);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  if (!desk_test_have_zbarimg ())
    return 77;

  scratch_dir = g_dir_make_tmp ("desk-qr-code-XXXXXX", &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (decode_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/qr-code/decode/", decode_cases[i].name, NULL);

      g_test_add_data_func (path, &decode_cases[i], test_decode);
    }
  g_test_add_func ("/qr-code/largest", test_largest);
  g_test_add_func ("/qr-code/too-long", test_too_long);

  status = g_test_run ();

  /* Keep the images of a failed run for whoever looks into it. */
  if (status == 0)
    {
      g_autoptr(GDir) dir = g_dir_open (scratch_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (scratch_dir, name, NULL);

          g_unlink (file);
        }
      g_rmdir (scratch_dir);
    }
  g_free (scratch_dir);

  return status;
}
