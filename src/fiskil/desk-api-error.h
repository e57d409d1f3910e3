/* desk-api-error.h — an error answer from the Fiskil API: status, id, name, message, Retry-After
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DESK_TYPE_API_ERROR (desk_api_error_get_type ())

typedef struct
{
  guint  http_status;  /* 0 when no HTTP answer was received (network, TLS) */
  char  *id;           /* Fiskil's error id ("err_…"), what Fiskil support asks for; nullable */
  char  *name;         /* stable per kind, e.g. "InvalidRequest"; nullable */
  char  *message;      /* per occurrence; nullable */
  gint64 retry_after;  /* seconds from a Retry-After header; -1 when absent */
  char  *code;         /* design.md's kind: "invalid-input", "unauthorized", "forbidden",
                        * "not-found", "rate-limited", "server-error", "bad-response",
                        * "too-large", "network", "timeout" or "tls"; nullable */
  char  *description;  /* the full sentence shown to people (the GError's message); nullable */
} DeskApiError;

GType         desk_api_error_get_type (void) G_GNUC_CONST;
DeskApiError *desk_api_error_new      (guint               http_status,
                                       const char         *id,
                                       const char         *name,
                                       const char         *message,
                                       gint64              retry_after);
/* For any error the Fiskil client gives (transport failures included): its DeskApiError with
 * code and description always set. Errors of other domains give http_status 0, a code from
 * the error ("tls", "timeout", else "network") and their message. */
DeskApiError *desk_api_error_new_from_error (const GError *error);
DeskApiError *desk_api_error_copy     (const DeskApiError *self);
void          desk_api_error_free     (DeskApiError       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskApiError, desk_api_error_free)

G_END_DECLS
