/* desk-api-error.c — an error answer from the Fiskil API: status, id, name, message, Retry-After
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include "desk-api-error.h"
#include "desk-fiskil-error.h"

G_DEFINE_BOXED_TYPE (DeskApiError, desk_api_error, desk_api_error_copy, desk_api_error_free)

DeskApiError *
desk_api_error_new (guint       http_status,
                    const char *id,
                    const char *name,
                    const char *message,
                    gint64      retry_after)
{
  DeskApiError *self = g_new0 (DeskApiError, 1);

  self->http_status = http_status;
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->message = g_strdup (message);
  self->retry_after = retry_after;

  return self;
}

DeskApiError *
desk_api_error_new_from_error (const GError *error)
{
  const DeskApiError *api_error;
  DeskApiError *self;

  g_return_val_if_fail (error != NULL, NULL);

  api_error = desk_fiskil_error_get_api_error (error);
  if (api_error != NULL)
    {
      self = desk_api_error_copy (api_error);
      if (self->code == NULL)
        self->code = g_strdup (desk_fiskil_error_code_to_string (error->code));
    }
  else
    {
      self = desk_api_error_new (0, NULL, NULL, NULL, -1);
      if (error->domain == G_TLS_ERROR)
        self->code = g_strdup ("tls");
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        self->code = g_strdup ("timeout");
      else
        self->code = g_strdup ("network");
    }

  g_free (self->description);
  self->description = g_strdup (error->message);

  return self;
}

DeskApiError *
desk_api_error_copy (const DeskApiError *self)
{
  DeskApiError *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = desk_api_error_new (self->http_status, self->id, self->name, self->message,
                             self->retry_after);
  copy->code = g_strdup (self->code);
  copy->description = g_strdup (self->description);

  return copy;
}

void
desk_api_error_free (DeskApiError *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->name);
  g_free (self->message);
  g_free (self->code);
  g_free (self->description);
  g_free (self);
}
