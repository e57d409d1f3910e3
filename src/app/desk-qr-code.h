/* desk-qr-code.h — a QR code as a GdkPaintable: crisp dark squares on light, at any size
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DESK_QR_CODE_ERROR (desk_qr_code_error_quark ())

typedef enum
{
  DESK_QR_CODE_ERROR_EMPTY,     /* nothing to encode */
  DESK_QR_CODE_ERROR_TOO_LONG,  /* more than the largest QR code holds at level M */
  DESK_QR_CODE_ERROR_FAILED,    /* libqrencode failed otherwise (out of memory) */
} DeskQrCodeError;

GQuark desk_qr_code_error_quark (void);

#define DESK_TYPE_QR_CODE (desk_qr_code_get_type ())

G_DECLARE_FINAL_TYPE (DeskQrCode, desk_qr_code, DESK, QR_CODE, GObject)

/* @text encoded as is (its UTF-8 bytes), error correction level M, with the quiet zone of 4
 * modules the standard asks for. Always black on white, whatever the theme: phone cameras read
 * dark-on-light best. A picture showing it needs an accessible description of its own. */
GdkPaintable *desk_qr_code_new         (const char *text,
                                        GError    **error);
const char   *desk_qr_code_get_text    (DeskQrCode *self);
/* Modules per side, without the quiet zone (21 for a version 1 symbol). */
guint         desk_qr_code_get_modules (DeskQrCode *self);

G_END_DECLS
