/* desk-consent-source.h — where an end user's consents are listed from (GET /v1/consent)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-fiskil-client.h"

G_BEGIN_DECLS

#define DESK_TYPE_CONSENT_SOURCE (desk_consent_source_get_type ())

G_DECLARE_INTERFACE (DeskConsentSource, desk_consent_source, DESK, CONSENT_SOURCE, GObject)

struct _DeskConsentSourceInterface
{
  GTypeInterface g_iface;

  void       (*list_async)  (DeskConsentSource    *self,
                             const char           *end_user_id,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data);
  GPtrArray *(*list_finish) (DeskConsentSource    *self,
                             GAsyncResult         *result,
                             GError              **error);
};

/* A GPtrArray of DeskConsent (possibly empty), or NULL with an error: DESK_FISKIL_ERROR (a 429
 * carries its Retry-After in desk_fiskil_error_get_api_error()) or G_IO_ERROR_CANCELLED. */
void       desk_consent_source_list_async  (DeskConsentSource    *self,
                                            const char           *end_user_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GPtrArray *desk_consent_source_list_finish (DeskConsentSource    *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* The real source: desk_fiskil_client_list_consents_async() of @client. */
DeskConsentSource *desk_consent_source_new_for_client (DeskFiskilClient *client);

G_END_DECLS
