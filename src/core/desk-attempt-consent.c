/* desk-attempt-consent.c — after a success, confirming with Fiskil that the consent landed
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Consent check": GET /v1/consent?end_user_id= up to 3 times within 10 s. It never
 * turns a success into a failure; the outcome only carries what was found.
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include "desk-attempt-private.h"
#include "desk-consent-source.h"

JsonNode *
desk_attempt_consent_to_json (const DeskConsent *consent)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "arrangement_id");
  json_builder_add_string_value (builder, consent->arrangement_id);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, consent->active);
  json_builder_set_member_name (builder, "institution_id");
  if (consent->institution_id != NULL)
    json_builder_add_string_value (builder, consent->institution_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "permissions");
  json_builder_begin_array (builder);
  for (guint i = 0; consent->permissions[i] != NULL; i++)
    json_builder_add_string_value (builder, consent->permissions[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "expires_at");
  if (consent->expires_at > 0)
    json_builder_add_int_value (builder, consent->expires_at);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
complete (DeskAttempt       *self,
          const char        *result,
          const DeskConsent *consent)
{
  DeskOutcome *outcome = g_steal_pointer (&self->checked);
  guint count = desk_consent_poller_get_n_listings (self->poller);

  g_signal_handlers_disconnect_by_data (self->poller, self);
  desk_consent_poller_cancel (self->poller);
  desk_timeline_add_consent_check (self->timeline, result, count);

  outcome->consent_check = g_strdup (result);
  if (consent != NULL)
    outcome->consent = desk_attempt_consent_to_json (consent);

  desk_attempt_finish (self, outcome);
}

static void
on_found (DeskConsentPoller *poller,
          const DeskConsent *consent,
          DeskAttempt       *self)
{
  complete (self, "found", consent);
}

static void
on_not_found (DeskConsentPoller *poller,
              DeskAttempt       *self)
{
  complete (self, "not-found", NULL);
}

static void
on_failed (DeskConsentPoller *poller,
           const GError      *error,
           DeskAttempt       *self)
{
  complete (self, "failed", NULL);
}

/* The consent id the flow gave, if any: the callback's or the embedded message's. */
static const char *
consent_id_of (const DeskOutcome *outcome)
{
  const char *id;

  if (outcome->callback == NULL)
    return NULL;

  id = desk_callback_get_param (outcome->callback, "consent_id");
  if (id == NULL)
    id = desk_callback_get_param (outcome->callback, "consentID");

  return id;
}

gboolean
desk_attempt_check_consent (DeskAttempt *self,
                            DeskOutcome *outcome)
{
  g_autoptr(DeskConsentSource) source = NULL;

  if (outcome->kind != DESK_OUTCOME_SUCCESS || self->client == NULL || self->poller != NULL)
    return FALSE;

  self->checked = outcome;
  source = desk_consent_source_new_for_client (self->client);
  self->poller = desk_consent_poller_new (source, NULL, self->request->end_user_id);
  /* A hand-off's snapshot tells the new consent from the ones the end user already had. */
  desk_consent_poller_set_snapshot (self->poller, self->snapshot);
  desk_consent_poller_set_consent_id (self->poller, consent_id_of (outcome));
  desk_consent_poller_set_institution_id (self->poller, self->request->institution_id);
  g_signal_connect (self->poller, "found", G_CALLBACK (on_found), self);
  g_signal_connect (self->poller, "not-found", G_CALLBACK (on_not_found), self);
  g_signal_connect (self->poller, "failed", G_CALLBACK (on_failed), self);

  desk_attempt_set_checking (self);
  desk_consent_poller_check (self->poller);

  return TRUE;
}

void
desk_attempt_stop_checking (DeskAttempt *self)
{
  DeskOutcome *outcome = g_steal_pointer (&self->checked);

  /* Cancelled or closed meanwhile: the success stands, unconfirmed. */
  if (self->poller != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->poller, self);
      desk_consent_poller_cancel (self->poller);
    }
  if (outcome != NULL)
    desk_attempt_finish (self, outcome);
}
