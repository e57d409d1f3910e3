/* fuzz-readers.c — libFuzzer target: bounded JSON parsing and every reader of Fiskil's answers
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes go through desk_json_parse_bounded(); whatever parses goes through every model
 * reader. Invariants: no crash, no leak, and each reader either gives a model or sets an error,
 * never both and never neither.
 */
#define G_LOG_DOMAIN "desk-fuzz"

#include "config.h"

#include <stdint.h>

#include "desk-fiskil-error.h"
#include "desk-json-readers.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check (gpointer    model,
       GError     *error,
       GDestroyNotify free_model)
{
  g_assert ((model == NULL) != (error == NULL));
  if (error != NULL)
    g_assert (error->domain == DESK_FISKIL_ERROR && error->message != NULL);
  if (model != NULL)
    free_model (model);
  g_clear_error (&error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(DeskErrorBody) body = NULL;
  GError *error = NULL;
  gpointer model;

  node = desk_json_parse_bounded ((const char *) data, (gssize) size, DESK_JSON_MAX_DEPTH,
                                  &error);
  g_assert ((node == NULL) != (error == NULL));
  g_clear_error (&error);
  if (node == NULL)
    return 0;

  model = desk_json_read_token (node, &error);
  check (model, error, (GDestroyNotify) desk_token_grant_free);
  error = NULL;
  model = desk_json_read_auth_session (node, 0, &error);
  check (model, error, (GDestroyNotify) desk_auth_session_free);
  error = NULL;
  model = desk_json_read_end_user_id (node, &error);
  check (model, error, g_free);
  error = NULL;
  model = desk_end_user_new_from_json (node, &error);
  check (model, error, (GDestroyNotify) desk_end_user_free);
  error = NULL;
  model = desk_json_read_end_users (node, &error);
  check (model, error, (GDestroyNotify) g_ptr_array_unref);
  error = NULL;
  model = desk_consent_new_from_json (node, &error);
  check (model, error, (GDestroyNotify) desk_consent_free);
  error = NULL;
  model = desk_json_read_consents (node, &error);
  check (model, error, (GDestroyNotify) g_ptr_array_unref);

  body = desk_json_read_error_body (node);
  g_assert (body != NULL);

  return 0;
}
