/* desk-sandbox-endings.c — how a Sandbox consent ends: test users, error values, callback URIs
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-sandbox"

#include "config.h"

#include <string.h>

#include "desk-error-catalogue.h"
#include "desk-sandbox-endings.h"

static const DeskSandboxTestUser test_users[] = {
  { "success", "success", DESK_SANDBOX_OUTCOME_SUCCESS, FALSE,
    "Signs in. Confirming shares the data: success." },
  { "processing", "processing", "CONSUMERDATA_PROCESSING_ERROR", FALSE,
    "Signs in. Confirming fails while the data is processed." },
  { "ineligible", "ineligible", "CONSENT_ENDUSER_INELIGIBLE", TRUE,
    "The account is not eligible for data sharing." },
  { "upstream", "upstream", "CONSENT_UPSTREAM_PROCESSING_ERROR", TRUE,
    "The institution fails during sign-in." },
  { "timeout", "timeout", "CONSENT_TIMEOUT", TRUE,
    "Sign-in takes too long and the consent times out." },
};

typedef struct
{
  const char *error_type;
  const char *error;        /* used when the catalogue documents none */
  const char *description;
} EndingText;

/* Fiskil documents "error" only for the first two types; the others get the OAuth 2.0 value
 * (RFC 6749 §4.1.2.1) that says the same thing, so integrators see a familiar shape. */
static const EndingText ending_texts[] = {
  { "CONSENT_ENDUSER_DENIED", "access_denied", "End-user denied consent." },
  { "CONSENT_UPSTREAM_PROCESSING_ERROR", "server_error",
    "The data holder could not process the consent request." },
  { "CONSUMERDATA_PROCESSING_ERROR", "server_error",
    "The consumer data could not be processed. Please try again." },
  { "CONSENT_OTP_FAILURE", "access_denied", "One-time password verification failed." },
  { "CONSENT_ENDUSER_INELIGIBLE", "access_denied",
    "The end-user's account is not eligible for data sharing." },
  { "CONSENT_TIMEOUT", "temporarily_unavailable", "The consent process timed out." },
  { "AUTH_SESSION_INVALID", "invalid_request",
    "The auth session is invalid, expired or already used." },
  { "AUTH_SESSION_CANCELLED", "access_denied", "The auth session was cancelled." },
  { "AUTH_SESSION_NOT_FOUND", "invalid_request", "The auth session was not found." },
  { "AUTH_SESSION_TERMINAL", "invalid_request", "The auth session has already finished." },
};

const DeskSandboxTestUser *
desk_sandbox_test_users_get_all (gsize *n_users)
{
  g_return_val_if_fail (n_users != NULL, NULL);

  *n_users = G_N_ELEMENTS (test_users);
  return test_users;
}

const DeskSandboxTestUser *
desk_sandbox_test_user_lookup (const char *username,
                               const char *password)
{
  if (username == NULL || password == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (test_users); i++)
    {
      if (g_str_equal (test_users[i].username, username)
          && g_str_equal (test_users[i].password, password))
        return &test_users[i];
    }

  return NULL;
}

static const EndingText *
find_ending_text (const char *error_type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (ending_texts); i++)
    {
      if (g_str_equal (ending_texts[i].error_type, error_type))
        return &ending_texts[i];
    }

  return NULL;
}

const char *
desk_sandbox_ending_get_error (const char *error_type)
{
  const DeskErrorTypeInfo *info;
  const EndingText *text;

  g_return_val_if_fail (error_type != NULL, NULL);

  info = desk_error_catalogue_lookup (error_type);
  if (info != NULL && info->error != NULL)
    return info->error;

  text = find_ending_text (error_type);
  return text != NULL ? text->error : "server_error";
}

const char *
desk_sandbox_ending_get_description (const char *error_type)
{
  const DeskErrorTypeInfo *info;
  const EndingText *text;

  g_return_val_if_fail (error_type != NULL, NULL);

  text = find_ending_text (error_type);
  if (text != NULL)
    return text->description;

  /* A type the catalogue gained later: its (untranslated) title still reads well. */
  info = desk_error_catalogue_lookup (error_type);
  return info != NULL ? info->title : "The consent could not be completed.";
}

char *
desk_sandbox_new_error_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("err_", uuid, NULL);
}

/* application/x-www-form-urlencoded: unreserved characters as they are, '+' for a space,
 * every other byte percent-encoded. */
static void
append_form_encoded (GString    *out,
                     const char *value)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
        g_string_append_c (out, (char) *p);
      else if (*p == ' ')
        g_string_append_c (out, '+');
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

static void
append_param (GString    *out,
              const char *key,
              const char *value)
{
  char last = out->len > 0 ? out->str[out->len - 1] : '\0';

  if (strchr (out->str, '?') == NULL)
    g_string_append_c (out, '?');
  else if (last != '?' && last != '&')
    g_string_append_c (out, '&');

  g_string_append (out, key);
  g_string_append_c (out, '=');
  append_form_encoded (out, value);
}

char *
desk_sandbox_success_uri (const char *redirect_uri,
                          const char *session_id)
{
  GString *uri;

  g_return_val_if_fail (redirect_uri != NULL, NULL);
  g_return_val_if_fail (session_id != NULL, NULL);

  uri = g_string_new (redirect_uri);
  append_param (uri, "session_id", session_id);

  return g_string_free (uri, FALSE);
}

char *
desk_sandbox_failure_uri (const char *cancel_uri,
                          const char *error_type,
                          const char *error_id)
{
  g_autofree char *error_uri = NULL;
  GString *uri;

  g_return_val_if_fail (cancel_uri != NULL, NULL);
  g_return_val_if_fail (error_type != NULL, NULL);
  g_return_val_if_fail (error_id != NULL, NULL);

  error_uri = g_strconcat (DESK_SANDBOX_ERROR_URI_BASE, error_type, NULL);

  /* The order of the SDK's own example callback. */
  uri = g_string_new (cancel_uri);
  append_param (uri, "error", desk_sandbox_ending_get_error (error_type));
  append_param (uri, "error_description", desk_sandbox_ending_get_description (error_type));
  append_param (uri, "error_id", error_id);
  append_param (uri, "error_type", error_type);
  append_param (uri, "error_uri", error_uri);

  return g_string_free (uri, FALSE);
}
