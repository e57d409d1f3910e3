/* desk-credentials.h — what opens an environment: a client id and secret, or an access token
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-fiskil.h"

G_BEGIN_DECLS

#define DESK_TYPE_CREDENTIALS (desk_credentials_get_type ())

/* Exactly one of the two forms is set: client_id and client_secret, or access_token. */
typedef struct
{
  char *client_id;
  char *client_secret;
  char *access_token;
} DeskCredentials;

GType            desk_credentials_get_type          (void) G_GNUC_CONST;
/* NULL unless both are non-empty. */
DeskCredentials *desk_credentials_new_client        (const char            *client_id,
                                                     const char            *client_secret);
/* NULL unless non-empty. */
DeskCredentials *desk_credentials_new_access_token  (const char            *access_token);
DeskCredentials *desk_credentials_copy              (const DeskCredentials *self);
/* Overwrites the secrets before freeing them. */
void             desk_credentials_free              (DeskCredentials       *self);
gboolean         desk_credentials_equal             (const DeskCredentials *a,
                                                     const DeskCredentials *b);

/* An access token goes into an HTTP header: visible ASCII only. FALSE with a translated message
 * (G_IO_ERROR_INVALID_ARGUMENT) that never quotes the secret. */
gboolean         desk_credentials_check             (const DeskCredentials *self,
                                                     GError               **error);

/* FISKIL_ACCESS_TOKEN, else FISKIL_CLIENT_ID with FISKIL_CLIENT_SECRET; NULL when neither is set.
 * When this gives credentials, they win over the keyring, which is then not consulted. */
DeskCredentials *desk_credentials_from_environment_variables (void);

/* Gives @client these credentials; this drops its cached token. */
void             desk_credentials_apply             (const DeskCredentials *self,
                                                     DeskFiskilClient      *client);

/* Overwrites @secret and frees it; NULL is fine. */
void             desk_secret_free                   (char                  *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCredentials, desk_credentials_free)

G_END_DECLS
