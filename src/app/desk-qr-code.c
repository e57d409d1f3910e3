/* desk-qr-code.c — a QR code as a GdkPaintable: crisp dark squares on light, at any size
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <errno.h>
#include <math.h>

#include <glib/gi18n-lib.h>
#include <qrencode.h>

#include "desk-qr-code.h"

#define QUIET_ZONE     4  /* modules of light border on each side (ISO/IEC 18004) */
#define INTRINSIC_SCALE 4  /* pixels per module when nothing else decides */

struct _DeskQrCode
{
  GObject  parent_instance;

  char    *text;
  guint    modules;  /* per side, without the quiet zone */
  guint8  *dark;     /* modules × modules, row by row: 1 dark, 0 light */
};

static void desk_qr_code_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskQrCode, desk_qr_code, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      desk_qr_code_paintable_init))

G_DEFINE_QUARK (desk-qr-code-error-quark, desk_qr_code_error)

static const GdkRGBA dark_color = { 0.0f, 0.0f, 0.0f, 1.0f };
static const GdkRGBA light_color = { 1.0f, 1.0f, 1.0f, 1.0f };

static void
desk_qr_code_snapshot (GdkPaintable *paintable,
                       GdkSnapshot  *snapshot,
                       double        width,
                       double        height)
{
  DeskQrCode *self = DESK_QR_CODE (paintable);
  guint total = self->modules + 2 * QUIET_ZONE;
  double side = MIN (width, height);
  double module = side / total;
  double x0;
  double y0;

  /* Whole pixels per module keep the edges sharp; only a picture smaller than one pixel per
   * module gets fractional (blurred, still better than nothing) modules. */
  if (module >= 1.0)
    module = floor (module);
  x0 = floor ((width - module * total) / 2);
  y0 = floor ((height - module * total) / 2);

  gtk_snapshot_append_color (GTK_SNAPSHOT (snapshot), &light_color,
                             &GRAPHENE_RECT_INIT (x0, y0, module * total, module * total));

  /* One rectangle per horizontal run of dark modules: a few hundred nodes, not thousands. */
  for (guint y = 0; y < self->modules; y++)
    {
      const guint8 *row = self->dark + (gsize) y * self->modules;
      guint x = 0;

      while (x < self->modules)
        {
          guint start;

          if (!row[x])
            {
              x++;
              continue;
            }

          for (start = x; x < self->modules && row[x]; x++)
            ;
          gtk_snapshot_append_color (GTK_SNAPSHOT (snapshot), &dark_color,
                                     &GRAPHENE_RECT_INIT (x0 + (QUIET_ZONE + start) * module,
                                                          y0 + (QUIET_ZONE + y) * module,
                                                          (x - start) * module, module));
        }
    }
}

static int
desk_qr_code_get_intrinsic_size (GdkPaintable *paintable)
{
  DeskQrCode *self = DESK_QR_CODE (paintable);

  return (int) (self->modules + 2 * QUIET_ZONE) * INTRINSIC_SCALE;
}

static double
desk_qr_code_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  return 1.0;
}

static GdkPaintableFlags
desk_qr_code_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
desk_qr_code_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = desk_qr_code_snapshot;
  iface->get_intrinsic_width = desk_qr_code_get_intrinsic_size;
  iface->get_intrinsic_height = desk_qr_code_get_intrinsic_size;
  iface->get_intrinsic_aspect_ratio = desk_qr_code_get_intrinsic_aspect_ratio;
  iface->get_flags = desk_qr_code_get_flags;
}

static void
desk_qr_code_finalize (GObject *object)
{
  DeskQrCode *self = DESK_QR_CODE (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->dark, g_free);

  G_OBJECT_CLASS (desk_qr_code_parent_class)->finalize (object);
}

static void
desk_qr_code_class_init (DeskQrCodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_qr_code_finalize;
}

static void
desk_qr_code_init (DeskQrCode *self)
{
}

GdkPaintable *
desk_qr_code_new (const char  *text,
                  GError     **error)
{
  DeskQrCode *self;
  QRcode *code;
  gsize n_modules;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*text == '\0')
    {
      g_set_error_literal (error, DESK_QR_CODE_ERROR, DESK_QR_CODE_ERROR_EMPTY,
                           _("There is no link to show as a QR code."));
      return NULL;
    }

  /* Version 0: the smallest symbol that holds the text. Mode 8 with case kept: the bytes of a
   * URL go in exactly as they are; libqrencode still packs runs of digits compactly. */
  errno = 0;
  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      if (errno == ERANGE)
        g_set_error_literal (error, DESK_QR_CODE_ERROR, DESK_QR_CODE_ERROR_TOO_LONG,
                             _("The link is too long to show as a QR code. Copy it or email "
                               "it to the customer instead."));
      else
        g_set_error (error, DESK_QR_CODE_ERROR, DESK_QR_CODE_ERROR_FAILED,
                     _("The QR code could not be made: %s."), g_strerror (errno));
      return NULL;
    }

  self = g_object_new (DESK_TYPE_QR_CODE, NULL);
  self->text = g_strdup (text);
  self->modules = (guint) code->width;
  n_modules = (gsize) self->modules * self->modules;
  self->dark = g_new (guint8, n_modules);
  /* Bit 0 of each byte is the module's colour; the other bits are libqrencode's bookkeeping. */
  for (gsize i = 0; i < n_modules; i++)
    self->dark[i] = code->data[i] & 1;
  QRcode_free (code);

  return GDK_PAINTABLE (self);
}

const char *
desk_qr_code_get_text (DeskQrCode *self)
{
  g_return_val_if_fail (DESK_IS_QR_CODE (self), NULL);

  return self->text;
}

guint
desk_qr_code_get_modules (DeskQrCode *self)
{
  g_return_val_if_fail (DESK_IS_QR_CODE (self), 0);

  return self->modules;
}
