/* desk-secret-store-memory.h — credentials in this process's memory only: the tests' keyring
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-secret-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_SECRET_STORE_MEMORY (desk_secret_store_memory_get_type ())

G_DECLARE_FINAL_TYPE (DeskSecretStoreMemory, desk_secret_store_memory,
                      DESK, SECRET_STORE_MEMORY, GObject)

/* Only tests choose this store (desk_application_set_secret_store()); nothing in the
 * application selects it, whatever the environment. Everything is forgotten with the object. */
DeskSecretStore *desk_secret_store_memory_new            (void);

/* Lookups, stores and clears asked for so far, failed ones included. */
guint            desk_secret_store_memory_get_call_count (DeskSecretStoreMemory *self);
/* Secrets held now. */
guint            desk_secret_store_memory_get_n_secrets  (DeskSecretStoreMemory *self);
/* From now on every call fails with a copy of @error (NULL: works again), as a locked or
 * missing keyring does. */
void             desk_secret_store_memory_set_error      (DeskSecretStoreMemory *self,
                                                          const GError          *error);

G_END_DECLS
