/* desk-fiskil-error.c — the DESK_FISKIL_ERROR domain: failures a caller can act on
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include "desk-fiskil-error.h"

/* Embedded rather than pointed to, so every error of the domain has one and a copy of the
 * GError copies it without extra allocations to track. */
typedef struct
{
  DeskApiError api_error;
} DeskFiskilErrorPrivate;

static void
api_error_clear (DeskApiError *api_error)
{
  g_clear_pointer (&api_error->id, g_free);
  g_clear_pointer (&api_error->name, g_free);
  g_clear_pointer (&api_error->message, g_free);
  g_clear_pointer (&api_error->code, g_free);
  g_clear_pointer (&api_error->description, g_free);
  api_error->http_status = 0;
  api_error->retry_after = -1;
}

static void
api_error_assign (DeskApiError       *dest,
                  const DeskApiError *src)
{
  dest->http_status = src->http_status;
  dest->id = g_strdup (src->id);
  dest->name = g_strdup (src->name);
  dest->message = g_strdup (src->message);
  dest->retry_after = src->retry_after;
  dest->code = g_strdup (src->code);
  dest->description = g_strdup (src->description);
}

/* GLib hands these functions the private data of a valid error, never NULL. */
static void
desk_fiskil_error_private_init (DeskFiskilErrorPrivate *priv)
{
  g_assert (priv != NULL);
  priv->api_error.retry_after = -1;
}

/* @dest is zero-filled here: GLib does not run the init function on copies. */
static void
desk_fiskil_error_private_copy (const DeskFiskilErrorPrivate *src,
                                DeskFiskilErrorPrivate       *dest)
{
  g_assert (src != NULL && dest != NULL);
  api_error_assign (&dest->api_error, &src->api_error);
}

static void
desk_fiskil_error_private_clear (DeskFiskilErrorPrivate *priv)
{
  g_assert (priv != NULL);
  api_error_clear (&priv->api_error);
}

G_DEFINE_EXTENDED_ERROR (DeskFiskilError, desk_fiskil_error)

const char *
desk_fiskil_error_code_to_string (int code)
{
  static const char * const codes[] = {
    [DESK_FISKIL_ERROR_INVALID_INPUT] = "invalid-input",
    [DESK_FISKIL_ERROR_UNAUTHORIZED] = "unauthorized",
    [DESK_FISKIL_ERROR_FORBIDDEN] = "forbidden",
    [DESK_FISKIL_ERROR_NOT_FOUND] = "not-found",
    [DESK_FISKIL_ERROR_RATE_LIMITED] = "rate-limited",
    [DESK_FISKIL_ERROR_SERVER_ERROR] = "server-error",
    [DESK_FISKIL_ERROR_BAD_RESPONSE] = "bad-response",
    [DESK_FISKIL_ERROR_NETWORK] = "network",
    [DESK_FISKIL_ERROR_TLS] = "tls",
    [DESK_FISKIL_ERROR_TOO_LARGE] = "too-large",
  };

  g_return_val_if_fail (code >= 0 && code < (int) G_N_ELEMENTS (codes), "network");

  return codes[code];
}

/**
 * desk_fiskil_error_get_api_error:
 * @error: any error
 *
 * Returns: (nullable): the HTTP status and Fiskil's error details of an error in the
 *   DESK_FISKIL_ERROR domain (http_status 0 when no answer arrived), or %NULL for an error of
 *   another domain, such as G_IO_ERROR_CANCELLED
 */
const DeskApiError *
desk_fiskil_error_get_api_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != DESK_FISKIL_ERROR)
    return NULL;

  return &desk_fiskil_error_get_private (error)->api_error;
}

void
desk_fiskil_error_set_api_error (GError             *error,
                                 const DeskApiError *api_error)
{
  DeskFiskilErrorPrivate *priv;

  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == DESK_FISKIL_ERROR);

  priv = desk_fiskil_error_get_private (error);
  g_assert (priv != NULL);
  api_error_clear (&priv->api_error);
  if (api_error != NULL)
    api_error_assign (&priv->api_error, api_error);
}

GError *
desk_fiskil_error_new_with_api_error (DeskFiskilErrorCode  code,
                                      const DeskApiError  *api_error,
                                      const char          *format,
                                      ...)
{
  GError *error;
  va_list args;

  g_return_val_if_fail (format != NULL, NULL);

  va_start (args, format);
  error = g_error_new_valist (DESK_FISKIL_ERROR, code, format, args);
  va_end (args);

  if (api_error != NULL)
    desk_fiskil_error_set_api_error (error, api_error);

  return error;
}
