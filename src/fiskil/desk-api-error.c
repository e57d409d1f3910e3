/* desk-api-error.c — an error answer from the Fiskil API: status, id, name, message, Retry-After
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include "desk-api-error.h"

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
desk_api_error_copy (const DeskApiError *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return desk_api_error_new (self->http_status, self->id, self->name, self->message,
                             self->retry_after);
}

void
desk_api_error_free (DeskApiError *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->name);
  g_free (self->message);
  g_free (self);
}
