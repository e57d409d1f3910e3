/* desk-fiskil-error.h — the DESK_FISKIL_ERROR domain: failures a caller can act on
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "desk-api-error.h"

G_BEGIN_DECLS

#define DESK_FISKIL_ERROR (desk_fiskil_error_quark ())

/**
 * DeskFiskilErrorCode:
 * @DESK_FISKIL_ERROR_INVALID_INPUT: the request was rejected as invalid (HTTP 400), or failed
 *   local validation before anything was sent
 * @DESK_FISKIL_ERROR_UNAUTHORIZED: credentials missing or rejected (HTTP 401, also after one renewal)
 * @DESK_FISKIL_ERROR_FORBIDDEN: HTTP 403
 * @DESK_FISKIL_ERROR_NOT_FOUND: HTTP 404
 * @DESK_FISKIL_ERROR_RATE_LIMITED: HTTP 429; see desk_api_error's retry_after
 * @DESK_FISKIL_ERROR_SERVER_ERROR: HTTP 5xx, or any other unexpected status
 * @DESK_FISKIL_ERROR_BAD_RESPONSE: a 2xx answer that is not JSON, truncated, or has missing or
 *   mistyped fields
 * @DESK_FISKIL_ERROR_NETWORK: connection refused, DNS failure, timeout, connection reset
 * @DESK_FISKIL_ERROR_TLS: a certificate or TLS handshake problem; never bypassed
 * @DESK_FISKIL_ERROR_TOO_LARGE: the answer's body was larger than the client reads
 *   (DESK_FISKIL_MAX_ANSWER_SIZE); reading stopped there
 *
 * A timeout is DESK_FISKIL_ERROR_NETWORK whose DeskApiError has the code "timeout".
 *
 * Cancellation is reported as G_IO_ERROR_CANCELLED, never in this domain.
 */
typedef enum
{
  DESK_FISKIL_ERROR_INVALID_INPUT,
  DESK_FISKIL_ERROR_UNAUTHORIZED,
  DESK_FISKIL_ERROR_FORBIDDEN,
  DESK_FISKIL_ERROR_NOT_FOUND,
  DESK_FISKIL_ERROR_RATE_LIMITED,
  DESK_FISKIL_ERROR_SERVER_ERROR,
  DESK_FISKIL_ERROR_BAD_RESPONSE,
  DESK_FISKIL_ERROR_NETWORK,
  DESK_FISKIL_ERROR_TLS,
  DESK_FISKIL_ERROR_TOO_LARGE,
} DeskFiskilErrorCode;

GQuark      desk_fiskil_error_quark          (void);
/* design.md's string for @code: "invalid-input", …, "too-large", "network", "tls". */
const char *desk_fiskil_error_code_to_string (int code);

/* The domain is a GLib "extended" error domain (G_DEFINE_EXTENDED_ERROR): every error in it
 * carries a DeskApiError with the HTTP status and Fiskil's {id, name, message} when known. */
const DeskApiError *desk_fiskil_error_get_api_error (const GError *error);
void                desk_fiskil_error_set_api_error (GError             *error,
                                                     const DeskApiError *api_error);

/* Convenience: a new error in the domain carrying a copy of @api_error (may be NULL). */
GError *desk_fiskil_error_new_with_api_error (DeskFiskilErrorCode  code,
                                              const DeskApiError  *api_error,
                                              const char          *format,
                                              ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
