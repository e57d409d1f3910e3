/* desk-consent.h — one consent (arrangement) of an end user (GET /v1/consent)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DESK_TYPE_CONSENT (desk_consent_get_type ())

typedef struct
{
  char     *arrangement_id;  /* required */
  gboolean  active;
  char     *institution_id;  /* nullable */
  GStrv     permissions;     /* never NULL */
  gint64    expires_at;      /* Unix time; 0 when unknown */
} DeskConsent;

GType        desk_consent_get_type      (void) G_GNUC_CONST;
DeskConsent *desk_consent_new_from_json (JsonNode          *node,
                                         GError           **error);
DeskConsent *desk_consent_copy          (const DeskConsent *self);
void         desk_consent_free          (DeskConsent       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskConsent, desk_consent_free)

G_END_DECLS
