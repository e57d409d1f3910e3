/* desk-credentials.c — what opens an environment: a client id and secret, or an access token
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-credentials.h"

G_DEFINE_BOXED_TYPE (DeskCredentials, desk_credentials,
                     desk_credentials_copy, desk_credentials_free)

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

void
desk_secret_free (char *secret)
{
  if (secret == NULL)
    return;

  /* explicit_bzero: a plain memset before free may be optimised away. */
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

DeskCredentials *
desk_credentials_new_client (const char *client_id,
                             const char *client_secret)
{
  DeskCredentials *self;

  if (!is_set (client_id) || !is_set (client_secret))
    return NULL;

  self = g_new0 (DeskCredentials, 1);
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret);

  return self;
}

DeskCredentials *
desk_credentials_new_access_token (const char *access_token)
{
  DeskCredentials *self;

  if (!is_set (access_token))
    return NULL;

  self = g_new0 (DeskCredentials, 1);
  self->access_token = g_strdup (access_token);

  return self;
}

DeskCredentials *
desk_credentials_copy (const DeskCredentials *self)
{
  DeskCredentials *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DeskCredentials, 1);
  copy->client_id = g_strdup (self->client_id);
  copy->client_secret = g_strdup (self->client_secret);
  copy->access_token = g_strdup (self->access_token);

  return copy;
}

void
desk_credentials_free (DeskCredentials *self)
{
  if (self == NULL)
    return;

  g_free (self->client_id);
  desk_secret_free (self->client_secret);
  desk_secret_free (self->access_token);
  g_free (self);
}

gboolean
desk_credentials_equal (const DeskCredentials *a,
                        const DeskCredentials *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (a->client_id, b->client_id) == 0 &&
         g_strcmp0 (a->client_secret, b->client_secret) == 0 &&
         g_strcmp0 (a->access_token, b->access_token) == 0;
}

gboolean
desk_credentials_check (const DeskCredentials  *self,
                        GError                **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->access_token == NULL)
    return TRUE;

  for (const guchar *p = (const guchar *) self->access_token; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p >= 0x7f)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("An access token contains only visible ASCII characters, "
                                 "without spaces."));
          return FALSE;
        }
    }

  return TRUE;
}

DeskCredentials *
desk_credentials_from_environment_variables (void)
{
  DeskCredentials *credentials;

  credentials = desk_credentials_new_access_token (g_getenv ("FISKIL_ACCESS_TOKEN"));
  if (credentials != NULL)
    return credentials;

  return desk_credentials_new_client (g_getenv ("FISKIL_CLIENT_ID"),
                                      g_getenv ("FISKIL_CLIENT_SECRET"));
}

void
desk_credentials_apply (const DeskCredentials *self,
                        DeskFiskilClient      *client)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (DESK_IS_FISKIL_CLIENT (client));

  if (self->access_token != NULL)
    desk_fiskil_client_set_access_token (client, self->access_token);
  else
    desk_fiskil_client_set_client_credentials (client, self->client_id, self->client_secret);
}
