/* desk-consent.c — one consent (arrangement) of an end user (GET /v1/consent)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-consent.h"
#include "desk-json-readers.h"
#include "desk-fiskil-error.h"

G_DEFINE_BOXED_TYPE (DeskConsent, desk_consent, desk_consent_copy, desk_consent_free)

DeskConsent *
desk_consent_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(DeskConsent) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                           _("Fiskil’s answer has a consent that is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);

  self = g_new0 (DeskConsent, 1);
  if (!desk_json_read_string (object, "arrangement_id", TRUE, &self->arrangement_id, error)
      || !desk_json_read_boolean (object, "active", &self->active, error)
      || !desk_json_read_string (object, "institution_id", FALSE, &self->institution_id, error)
      || !desk_json_read_strv (object, "permissions", &self->permissions, error)
      || !desk_json_read_time (object, "expires_at", &self->expires_at, error))
    return NULL;

  return g_steal_pointer (&self);
}

DeskConsent *
desk_consent_copy (const DeskConsent *self)
{
  DeskConsent *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DeskConsent, 1);
  copy->arrangement_id = g_strdup (self->arrangement_id);
  copy->active = self->active;
  copy->institution_id = g_strdup (self->institution_id);
  copy->permissions = g_strdupv (self->permissions);
  copy->expires_at = self->expires_at;

  return copy;
}

void
desk_consent_free (DeskConsent *self)
{
  if (self == NULL)
    return;

  g_free (self->arrangement_id);
  g_free (self->institution_id);
  g_strfreev (self->permissions);
  g_free (self);
}
