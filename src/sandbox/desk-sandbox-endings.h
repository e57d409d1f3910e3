/* desk-sandbox-endings.h — how a Sandbox consent ends: test users, error values, callback URIs
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The ending that grants consent; every other ending is an error_type of the catalogue. */
#define DESK_SANDBOX_OUTCOME_SUCCESS "success"

/* The one-time password that verifies; any other code ends in CONSENT_OTP_FAILURE. */
#define DESK_SANDBOX_OTP_CODE "123456"

/* error_uri is this followed by the error_type, as Fiskil's Auth UI links its documentation. */
#define DESK_SANDBOX_ERROR_URI_BASE "https://data.docs.fiskil.dev/errors#"

typedef struct
{
  const char *username;
  const char *password;
  const char *ending;      /* DESK_SANDBOX_OUTCOME_SUCCESS or an error_type */
  gboolean    at_sign_in;  /* TRUE: ends at sign-in; FALSE: when the consent is confirmed */
  const char *summary;     /* what happens, for the page (English, like the hosted UI) */
} DeskSandboxTestUser;

/* In the order the login page lists them. */
const DeskSandboxTestUser *desk_sandbox_test_users_get_all (gsize      *n_users);
/* NULL unless both match exactly. */
const DeskSandboxTestUser *desk_sandbox_test_user_lookup   (const char *username,
                                                            const char *password);

/* The "error" parameter of an ending: the documented value, else an OAuth 2.0 one that fits. */
const char *desk_sandbox_ending_get_error       (const char *error_type);
/* The error_description, in Fiskil's plain English. */
const char *desk_sandbox_ending_get_description (const char *error_type);

/* "err_" and a random UUID, the shape of Fiskil's error ids. */
char       *desk_sandbox_new_error_id           (void);

/* @redirect_uri with session_id appended to any query it already has. */
char       *desk_sandbox_success_uri            (const char *redirect_uri,
                                                 const char *session_id);
/* @cancel_uri with error, error_description, error_id, error_type and error_uri appended,
 * form-encoded ('+' for spaces, error_uri percent-encoded), like Fiskil's Auth UI. */
char       *desk_sandbox_failure_uri            (const char *cancel_uri,
                                                 const char *error_type,
                                                 const char *error_id);

G_END_DECLS
