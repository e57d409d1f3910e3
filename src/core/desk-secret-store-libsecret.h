/* desk-secret-store-libsecret.h — credentials in the desktop keyring, through libsecret
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-secret-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_SECRET_STORE_LIBSECRET (desk_secret_store_libsecret_get_type ())

G_DECLARE_FINAL_TYPE (DeskSecretStoreLibsecret, desk_secret_store_libsecret,
                      DESK, SECRET_STORE_LIBSECRET, GObject)

/* Items use the schema BASE_APPLICATION_ID with the attributes "environment" (an environment's
 * id) and "kind" (desk_secret_kind_to_string()), in the default collection. Creating the store
 * touches nothing: the keyring is first reached by the first lookup or store. */
DeskSecretStore *desk_secret_store_libsecret_new (void);

G_END_DECLS
