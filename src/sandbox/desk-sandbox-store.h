/* desk-sandbox-store.h — the Sandbox's state: tokens, auth sessions, end users, consents
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "desk-sandbox-endings.h"
#include "desk-sandbox-institutions.h"

G_BEGIN_DECLS

#define DESK_TYPE_SANDBOX_STORE (desk_sandbox_store_get_type ())

G_DECLARE_FINAL_TYPE (DeskSandboxStore, desk_sandbox_store, DESK, SANDBOX_STORE, GObject)

typedef enum
{
  DESK_SANDBOX_STEP_INSTITUTION,
  DESK_SANDBOX_STEP_LOGIN,
  DESK_SANDBOX_STEP_OTP,
  DESK_SANDBOX_STEP_ACCOUNTS,
  DESK_SANDBOX_STEP_CONFIRM,
  DESK_SANDBOX_STEP_ENDED,
} DeskSandboxStep;

typedef struct
{
  char                         *session_id;
  char                         *client_id;
  char                         *end_user_id;
  char                         *redirect_uri;
  char                         *cancel_uri;
  const DeskSandboxInstitution *preset_institution;  /* from institution_id; NULL: user chooses */
  GStrv                         permissions;         /* as requested; never NULL, maybe empty */
  gint64                        expires_at_us;       /* real time */
  char                         *auto_outcome;        /* NULL: a person walks the pages */

  /* The consent flow, from the first visit of auth_url on. */
  char                         *flow_token;  /* cookie binding the flow to the visiting browser */
  DeskSandboxStep               step;
  const DeskSandboxInstitution *institution;
  const DeskSandboxTestUser    *user;
  GStrv                         accounts;    /* account ids chosen; never NULL */
  char                         *notice;      /* said once with the current step (wrong password) */
} DeskSandboxSession;

typedef struct
{
  char *id;
  char *email;  /* nullable, like every field below */
  char *name;
  char *phone;
  char *abn;
} DeskSandboxEndUser;

typedef struct
{
  char     *arrangement_id;
  char     *end_user_id;
  char     *institution_id;
  GStrv     permissions;
  GStrv     accounts;
  gint64    created_at;  /* Unix time */
  gint64    expires_at;  /* Unix time */
  gboolean  active;
  guint     hidden_listings;  /* listings still to leave it out of: a lagging API */
} DeskSandboxConsent;

/* How long a consent lasts: twelve months, the usual CDR sharing period. */
#define DESK_SANDBOX_CONSENT_LIFETIME (365 * 24 * 60 * 60)

/* The end users every Sandbox starts with (design.md), with stable ids for scripts. */
#define DESK_SANDBOX_DEMO_ALEX_ID   "eu_demo_alex"
#define DESK_SANDBOX_DEMO_JORDAN_ID "eu_demo_jordan"
#define DESK_SANDBOX_DEMO_PAT_ID    "eu_demo_pat"

/* Starts with the demo end users. */
DeskSandboxStore   *desk_sandbox_store_new            (void);

/* A new bearer token valid for @lifetime_s seconds. */
char               *desk_sandbox_store_issue_token    (DeskSandboxStore *self,
                                                       guint             lifetime_s);
gboolean            desk_sandbox_store_token_is_valid (DeskSandboxStore *self,
                                                       const char       *token);

/* The store owns the session; @permissions may be NULL. */
DeskSandboxSession *
desk_sandbox_store_add_session (DeskSandboxStore             *self,
                                const char                   *client_id,
                                const char                   *end_user_id,
                                const char                   *redirect_uri,
                                const char                   *cancel_uri,
                                const DeskSandboxInstitution *preset_institution,
                                const char * const           *permissions,
                                guint                         lifetime_s,
                                const char                   *auto_outcome);
DeskSandboxSession *desk_sandbox_store_lookup_session (DeskSandboxStore         *self,
                                                       const char               *session_id);
gboolean            desk_sandbox_session_is_expired   (const DeskSandboxSession *session);

DeskSandboxEndUser *desk_sandbox_store_add_end_user    (DeskSandboxStore *self,
                                                        const char       *email,
                                                        const char       *name,
                                                        const char       *phone,
                                                        const char       *abn);
DeskSandboxEndUser *desk_sandbox_store_lookup_end_user (DeskSandboxStore *self,
                                                        const char       *end_user_id);
/* Borrowed DeskSandboxEndUser pointers, oldest first; @email NULL lists every end user.
 * E-mail addresses compare without regard to case. */
GPtrArray          *desk_sandbox_store_find_end_users  (DeskSandboxStore *self,
                                                        const char       *email);

/* Records the consent a successful @session granted; it stays out of the next
 * desk_sandbox_store_get_consent_lag() listings. */
DeskSandboxConsent *desk_sandbox_store_add_consent     (DeskSandboxStore         *self,
                                                        const DeskSandboxSession *session);
/* Ends @session with @ending (DESK_SANDBOX_OUTCOME_SUCCESS or an error_type), as the consent
 * pages do: a success first completes the choices the user did not make (an institution for
 * the permissions, its first account) and records the consent. Returns the address the
 * browser is sent to: the redirect URI with session_id, or the cancel URI with the error. */
char               *desk_sandbox_store_end_session     (DeskSandboxStore         *self,
                                                        DeskSandboxSession       *session,
                                                        const char               *ending);
/* Borrowed DeskSandboxConsent pointers of @end_user_id, oldest first. */
GPtrArray          *desk_sandbox_store_list_consents   (DeskSandboxStore *self,
                                                        const char       *end_user_id);

/* Test knobs. How many consent listings leave out each new consent (0: none, the default). */
void                desk_sandbox_store_set_consent_lag (DeskSandboxStore *self,
                                                        guint             n_listings);
guint               desk_sandbox_store_get_consent_lag (DeskSandboxStore *self);
/* The next @n_calls consent listings are answered 429; each call to take consumes one. */
void                desk_sandbox_store_set_consent_rate_limit  (DeskSandboxStore *self,
                                                                guint             n_calls);
gboolean            desk_sandbox_store_take_consent_rate_limit (DeskSandboxStore *self);

G_END_DECLS
