/* desk-sandbox-store.c — the Sandbox's state: tokens, auth sessions, end users, consents
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-sandbox"

#include "config.h"

#include "desk-sandbox-store.h"

struct _DeskSandboxStore
{
  GObject     parent_instance;

  GHashTable *tokens;     /* token → gint64 expiry (real time, µs) */
  GHashTable *sessions;   /* session_id → DeskSandboxSession */
  GPtrArray  *end_users;  /* DeskSandboxEndUser, oldest first */
  GPtrArray  *consents;   /* DeskSandboxConsent, oldest first */

  guint       consent_lag;          /* test knob: listings each new consent is left out of */
  guint       rate_limited_calls;   /* test knob: consent listings still to answer 429 */
};

G_DEFINE_FINAL_TYPE (DeskSandboxStore, desk_sandbox_store, G_TYPE_OBJECT)

static void
session_free (DeskSandboxSession *session)
{
  g_free (session->session_id);
  g_free (session->client_id);
  g_free (session->end_user_id);
  g_free (session->redirect_uri);
  g_free (session->cancel_uri);
  g_strfreev (session->permissions);
  g_free (session->auto_outcome);
  g_free (session->flow_token);
  g_strfreev (session->accounts);
  g_free (session->notice);
  g_free (session);
}

static void
end_user_free (DeskSandboxEndUser *end_user)
{
  g_free (end_user->id);
  g_free (end_user->email);
  g_free (end_user->name);
  g_free (end_user->phone);
  g_free (end_user->abn);
  g_free (end_user);
}

static void
consent_free (DeskSandboxConsent *consent)
{
  g_free (consent->arrangement_id);
  g_free (consent->end_user_id);
  g_free (consent->institution_id);
  g_strfreev (consent->permissions);
  g_strfreev (consent->accounts);
  g_free (consent);
}

static void
desk_sandbox_store_finalize (GObject *object)
{
  DeskSandboxStore *self = DESK_SANDBOX_STORE (object);

  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->end_users, g_ptr_array_unref);
  g_clear_pointer (&self->consents, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_sandbox_store_parent_class)->finalize (object);
}

static void
desk_sandbox_store_class_init (DeskSandboxStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_sandbox_store_finalize;
}

static DeskSandboxEndUser *
add_end_user_with_id (DeskSandboxStore *self,
                      char             *id,
                      const char       *email,
                      const char       *name,
                      const char       *phone,
                      const char       *abn)
{
  DeskSandboxEndUser *end_user = g_new0 (DeskSandboxEndUser, 1);

  end_user->id = id;
  end_user->email = g_strdup (email);
  end_user->name = g_strdup (name);
  end_user->phone = g_strdup (phone);
  end_user->abn = g_strdup (abn);
  g_ptr_array_add (self->end_users, end_user);

  return end_user;
}

static void
desk_sandbox_store_init (DeskSandboxStore *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) session_free);
  self->end_users = g_ptr_array_new_with_free_func ((GDestroyNotify) end_user_free);
  self->consents = g_ptr_array_new_with_free_func ((GDestroyNotify) consent_free);

  /* Find by email works on a fresh machine; Pat has only an email, as real records may. */
  add_end_user_with_id (self, g_strdup (DESK_SANDBOX_DEMO_ALEX_ID), "alex@example.com",
                        "Alex Example", "+61412345678", NULL);
  add_end_user_with_id (self, g_strdup (DESK_SANDBOX_DEMO_JORDAN_ID), "jordan@example.com",
                        "Jordan Lee", "+61298765432", "51 824 753 556");
  add_end_user_with_id (self, g_strdup (DESK_SANDBOX_DEMO_PAT_ID), "pat@example.com",
                        NULL, NULL, NULL);
}

DeskSandboxStore *
desk_sandbox_store_new (void)
{
  return g_object_new (DESK_TYPE_SANDBOX_STORE, NULL);
}

char *
desk_sandbox_store_issue_token (DeskSandboxStore *self,
                                guint             lifetime_s)
{
  gint64 now = g_get_real_time ();
  GHashTableIter iter;
  gpointer expiry;
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 *new_expiry;
  char *token;

  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), NULL);

  /* Forget expired tokens so a long-running app does not accumulate them. */
  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, &expiry))
    {
      if (*(gint64 *) expiry <= now)
        g_hash_table_iter_remove (&iter);
    }

  token = g_strconcat ("sbx_", uuid, NULL);
  new_expiry = g_new (gint64, 1);
  *new_expiry = now + (gint64) lifetime_s * G_USEC_PER_SEC;
  g_hash_table_insert (self->tokens, g_strdup (token), new_expiry);

  return token;
}

gboolean
desk_sandbox_store_token_is_valid (DeskSandboxStore *self,
                                   const char       *token)
{
  const gint64 *expiry;

  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), FALSE);

  if (token == NULL)
    return FALSE;

  expiry = g_hash_table_lookup (self->tokens, token);
  return expiry != NULL && *expiry > g_get_real_time ();
}

DeskSandboxSession *
desk_sandbox_store_add_session (DeskSandboxStore             *self,
                                const char                   *client_id,
                                const char                   *end_user_id,
                                const char                   *redirect_uri,
                                const char                   *cancel_uri,
                                const DeskSandboxInstitution *preset_institution,
                                const char * const           *permissions,
                                guint                         lifetime_s,
                                const char                   *auto_outcome)
{
  DeskSandboxSession *session;

  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), NULL);
  g_return_val_if_fail (end_user_id != NULL, NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);
  g_return_val_if_fail (cancel_uri != NULL, NULL);

  session = g_new0 (DeskSandboxSession, 1);
  session->session_id = g_uuid_string_random ();
  session->client_id = g_strdup (client_id);
  session->end_user_id = g_strdup (end_user_id);
  session->redirect_uri = g_strdup (redirect_uri);
  session->cancel_uri = g_strdup (cancel_uri);
  session->preset_institution = preset_institution;
  session->permissions = permissions != NULL ? g_strdupv ((char **) permissions)
                                             : g_new0 (char *, 1);
  session->expires_at_us = g_get_real_time () + (gint64) lifetime_s * G_USEC_PER_SEC;
  session->auto_outcome = g_strdup (auto_outcome);
  session->step = preset_institution != NULL ? DESK_SANDBOX_STEP_LOGIN
                                             : DESK_SANDBOX_STEP_INSTITUTION;
  session->institution = preset_institution;
  session->accounts = g_new0 (char *, 1);

  g_hash_table_insert (self->sessions, session->session_id, session);

  return session;
}

DeskSandboxSession *
desk_sandbox_store_lookup_session (DeskSandboxStore *self,
                                   const char       *session_id)
{
  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), NULL);

  if (session_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->sessions, session_id);
}

gboolean
desk_sandbox_session_is_expired (const DeskSandboxSession *session)
{
  g_return_val_if_fail (session != NULL, TRUE);

  return g_get_real_time () >= session->expires_at_us;
}

DeskSandboxEndUser *
desk_sandbox_store_add_end_user (DeskSandboxStore *self,
                                 const char       *email,
                                 const char       *name,
                                 const char       *phone,
                                 const char       *abn)
{
  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), NULL);

  return add_end_user_with_id (self, g_uuid_string_random (), email, name, phone, abn);
}

DeskSandboxEndUser *
desk_sandbox_store_lookup_end_user (DeskSandboxStore *self,
                                    const char       *end_user_id)
{
  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), NULL);

  if (end_user_id == NULL)
    return NULL;

  for (guint i = 0; i < self->end_users->len; i++)
    {
      DeskSandboxEndUser *end_user = g_ptr_array_index (self->end_users, i);

      if (g_str_equal (end_user->id, end_user_id))
        return end_user;
    }

  return NULL;
}

GPtrArray *
desk_sandbox_store_find_end_users (DeskSandboxStore *self,
                                   const char       *email)
{
  GPtrArray *found;

  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), NULL);

  found = g_ptr_array_new ();
  for (guint i = 0; i < self->end_users->len; i++)
    {
      DeskSandboxEndUser *end_user = g_ptr_array_index (self->end_users, i);

      if (email == NULL
          || (end_user->email != NULL && g_ascii_strcasecmp (end_user->email, email) == 0))
        g_ptr_array_add (found, end_user);
    }

  return found;
}

DeskSandboxConsent *
desk_sandbox_store_add_consent (DeskSandboxStore         *self,
                                const DeskSandboxSession *session)
{
  DeskSandboxConsent *consent;
  const char * const *permissions;

  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), NULL);
  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (session->institution != NULL, NULL);

  permissions = (const char * const *) session->permissions;
  if (permissions[0] == NULL)
    permissions = desk_sandbox_institution_default_permissions (session->institution);

  consent = g_new0 (DeskSandboxConsent, 1);
  consent->arrangement_id = g_uuid_string_random ();
  consent->end_user_id = g_strdup (session->end_user_id);
  consent->institution_id = g_strdup (session->institution->id);
  consent->permissions = g_strdupv ((char **) permissions);
  consent->accounts = g_strdupv (session->accounts);
  consent->created_at = g_get_real_time () / G_USEC_PER_SEC;
  consent->expires_at = consent->created_at + DESK_SANDBOX_CONSENT_LIFETIME;
  consent->active = TRUE;
  consent->hidden_listings = self->consent_lag;
  g_ptr_array_add (self->consents, consent);

  return consent;
}

/* An ending chosen before the user got that far still needs an institution and an account. */
static void
complete_choices (DeskSandboxSession *session)
{
  if (session->institution == NULL)
    session->institution =
      desk_sandbox_institution_for_permissions ((const char * const *) session->permissions);

  if (session->accounts[0] == NULL)
    {
      g_strfreev (session->accounts);
      session->accounts = g_new0 (char *, 2);
      session->accounts[0] = g_strdup (session->institution->accounts[0].id);
    }
}

char *
desk_sandbox_store_end_session (DeskSandboxStore   *self,
                                DeskSandboxSession *session,
                                const char         *ending)
{
  char *location;

  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), NULL);
  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (ending != NULL, NULL);

  if (g_str_equal (ending, DESK_SANDBOX_OUTCOME_SUCCESS))
    {
      complete_choices (session);
      desk_sandbox_store_add_consent (self, session);
      location = desk_sandbox_success_uri (session->redirect_uri, session->session_id);
    }
  else
    {
      g_autofree char *error_id = desk_sandbox_new_error_id ();

      location = desk_sandbox_failure_uri (session->cancel_uri, ending, error_id);
    }

  session->step = DESK_SANDBOX_STEP_ENDED;
  g_clear_pointer (&session->notice, g_free);

  return location;
}

GPtrArray *
desk_sandbox_store_list_consents (DeskSandboxStore *self,
                                  const char       *end_user_id)
{
  GPtrArray *found;

  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), NULL);
  g_return_val_if_fail (end_user_id != NULL, NULL);

  found = g_ptr_array_new ();
  for (guint i = 0; i < self->consents->len; i++)
    {
      DeskSandboxConsent *consent = g_ptr_array_index (self->consents, i);

      if (g_str_equal (consent->end_user_id, end_user_id))
        g_ptr_array_add (found, consent);
    }

  return found;
}

void
desk_sandbox_store_set_consent_lag (DeskSandboxStore *self,
                                    guint             n_listings)
{
  g_return_if_fail (DESK_IS_SANDBOX_STORE (self));

  self->consent_lag = n_listings;
}

guint
desk_sandbox_store_get_consent_lag (DeskSandboxStore *self)
{
  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), 0);

  return self->consent_lag;
}

void
desk_sandbox_store_set_consent_rate_limit (DeskSandboxStore *self,
                                           guint             n_calls)
{
  g_return_if_fail (DESK_IS_SANDBOX_STORE (self));

  self->rate_limited_calls = n_calls;
}

gboolean
desk_sandbox_store_take_consent_rate_limit (DeskSandboxStore *self)
{
  g_return_val_if_fail (DESK_IS_SANDBOX_STORE (self), FALSE);

  if (self->rate_limited_calls == 0)
    return FALSE;

  self->rate_limited_calls--;
  return TRUE;
}
