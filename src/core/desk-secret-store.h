/* desk-secret-store.h — where credentials are kept: the keyring, behind a small interface
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-credentials.h"

G_BEGIN_DECLS

#define DESK_TYPE_SECRET_STORE (desk_secret_store_get_type ())

G_DECLARE_INTERFACE (DeskSecretStore, desk_secret_store, DESK, SECRET_STORE, GObject)

#define DESK_SECRET_STORE_ERROR (desk_secret_store_error_quark ())

typedef enum
{
  /* The keyring is missing, locked or refused: the message says so in words. */
  DESK_SECRET_STORE_ERROR_UNAVAILABLE,
} DeskSecretStoreError;

/* One secret per environment and kind; the kinds are the keyring's "kind" attribute. */
typedef enum
{
  DESK_SECRET_KIND_CLIENT_ID,
  DESK_SECRET_KIND_CLIENT_SECRET,
  DESK_SECRET_KIND_ACCESS_TOKEN,
} DeskSecretKind;

struct _DeskSecretStoreInterface
{
  GTypeInterface parent_iface;

  /* NULL without an error when nothing is stored. */
  void      (*lookup_async)  (DeskSecretStore      *self,
                              const char           *environment_id,
                              DeskSecretKind        kind,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  char     *(*lookup_finish) (DeskSecretStore      *self,
                              GAsyncResult         *result,
                              GError              **error);
  /* @label: what a keyring manager (Seahorse) shows for the item. */
  void      (*store_async)   (DeskSecretStore      *self,
                              const char           *environment_id,
                              DeskSecretKind        kind,
                              const char           *label,
                              const char           *secret,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean  (*store_finish)  (DeskSecretStore      *self,
                              GAsyncResult         *result,
                              GError              **error);
  /* Succeeds when there was nothing to remove. */
  void      (*clear_async)   (DeskSecretStore      *self,
                              const char           *environment_id,
                              DeskSecretKind        kind,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean  (*clear_finish)  (DeskSecretStore      *self,
                              GAsyncResult         *result,
                              GError              **error);
};

GQuark           desk_secret_store_error_quark   (void);
/* "client-id", "client-secret", "access-token". */
const char      *desk_secret_kind_to_string      (DeskSecretKind        kind);

/* The secret comes back in memory the caller frees with desk_secret_free(). */
void             desk_secret_store_lookup_async  (DeskSecretStore      *self,
                                                  const char           *environment_id,
                                                  DeskSecretKind        kind,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char            *desk_secret_store_lookup_finish (DeskSecretStore      *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void             desk_secret_store_store_async   (DeskSecretStore      *self,
                                                  const char           *environment_id,
                                                  DeskSecretKind        kind,
                                                  const char           *label,
                                                  const char           *secret,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         desk_secret_store_store_finish  (DeskSecretStore      *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void             desk_secret_store_clear_async   (DeskSecretStore      *self,
                                                  const char           *environment_id,
                                                  DeskSecretKind        kind,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         desk_secret_store_clear_finish  (DeskSecretStore      *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* An environment's credentials as a whole. Lookup gives NULL without an error when none are
 * stored; an access token wins over a client id and secret. */
void             desk_secret_store_lookup_credentials_async  (DeskSecretStore       *self,
                                                              const char            *env_id,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
DeskCredentials *desk_secret_store_lookup_credentials_finish (DeskSecretStore       *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);
/* Stores @credentials and removes the other form, so exactly one is kept.
 * @env_name: for the items' labels. */
void             desk_secret_store_save_credentials_async    (DeskSecretStore       *self,
                                                              const char            *env_id,
                                                              const char            *env_name,
                                                              const DeskCredentials *credentials,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
gboolean         desk_secret_store_save_credentials_finish   (DeskSecretStore       *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);
/* Removes every kind of secret of the environment. */
void             desk_secret_store_remove_credentials_async  (DeskSecretStore       *self,
                                                              const char            *env_id,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
gboolean         desk_secret_store_remove_credentials_finish (DeskSecretStore       *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);

G_END_DECLS
