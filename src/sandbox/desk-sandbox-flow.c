/* desk-sandbox-flow.c — the consent flow under /auth: its steps, kept server-side, and endings
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /auth/start?session=ID   the auth_url: single use; binds the flow to this browser
 * GET /auth/flow?session=ID    the page of the session's current step
 * POST /auth/flow              a step's form (session, action, fields); answered 303 to the next
 *                              page, or 302 to the redirect or cancel URI when the flow ends
 *
 * Like Fiskil's Auth UI, every ending is a server redirect, never a script's.
 */
#define G_LOG_DOMAIN "desk-sandbox"

#include "config.h"

#include <string.h>

#include "desk-sandbox-pages.h"
#include "desk-sandbox-private.h"

#define FLOW_COOKIE_PREFIX "desk_sandbox_flow_"

typedef struct
{
  char *key;
  char *value;
} FormField;

static void
form_field_free (FormField *field)
{
  g_free (field->key);
  g_free (field->value);
  g_free (field);
}

static char *
form_decode (const char *start,
             gsize       length)
{
  g_autofree char *plus_free = g_strndup (start, length);

  g_strdelimit (plus_free, "+", ' ');
  return g_uri_unescape_string (plus_free, NULL);
}

/* application/x-www-form-urlencoded, every field in order, repeated keys kept (accounts). */
static GPtrArray *
parse_form (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = NULL;
  g_auto(GStrv) pairs = NULL;
  GPtrArray *form = g_ptr_array_new_with_free_func ((GDestroyNotify) form_field_free);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  text = g_strndup (data, length);
  pairs = g_strsplit (text, "&", -1);
  for (gsize i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      FormField *field;

      if (equals == NULL)
        continue;

      key = form_decode (pairs[i], equals - pairs[i]);
      value = form_decode (equals + 1, strlen (equals + 1));
      if (key == NULL || value == NULL)
        continue;

      field = g_new0 (FormField, 1);
      field->key = g_steal_pointer (&key);
      field->value = g_steal_pointer (&value);
      g_ptr_array_add (form, field);
    }

  return form;
}

static const char *
form_get (GPtrArray  *form,
          const char *key)
{
  for (guint i = 0; i < form->len; i++)
    {
      FormField *field = g_ptr_array_index (form, i);

      if (g_str_equal (field->key, key))
        return field->value;
    }

  return NULL;
}

static char *
new_nonce (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  g_strdelimit (uuid, "-", 'x');
  return g_steal_pointer (&uuid);
}

static void
send_html (SoupServerMessage *msg,
           guint              status,
           char              *html,
           const char        *nonce)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *policy = NULL;

  /* Nothing but the page's own style and script: a page that loaded anything from elsewhere
   * would fail here, not only on a machine without network. */
  policy = g_strdup_printf ("default-src 'none'; script-src 'nonce-%s'; style-src 'nonce-%s'; "
                            "img-src data:; base-uri 'none'", nonce, nonce);
  soup_message_headers_replace (headers, "Content-Security-Policy", policy);
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    html, strlen (html));
}

static void
send_not_found (SoupServerMessage *msg)
{
  g_autofree char *nonce = new_nonce ();

  send_html (msg, SOUP_STATUS_NOT_FOUND,
             desk_sandbox_pages_render_message ("This link is not valid",
                                                "This consent link is incomplete or unknown. "
                                                "Ask for a new link and open it once.",
                                                nonce),
             nonce);
}

static void
send_method_not_allowed (SoupServerMessage *msg,
                         const char        *allow)
{
  static const char text[] = "Method not allowed\n";

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                    text, strlen (text));
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *location)
{
  /* Set verbatim: soup_server_message_set_redirect() would re-serialise the URI. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
  soup_server_message_set_status (msg, status, NULL);
}

/* Post/redirect/get: every form answer leads to the page of the current step. */
static void
see_current_step (SoupServerMessage  *msg,
                  DeskSandboxSession *session)
{
  g_autofree char *escaped = g_uri_escape_string (session->session_id, NULL, FALSE);
  g_autofree char *location = g_strconcat ("/auth/flow?session=", escaped, NULL);

  redirect (msg, SOUP_STATUS_SEE_OTHER, location);
}

static char *
flow_cookie_name (const DeskSandboxSession *session)
{
  return g_strconcat (FLOW_COOKIE_PREFIX, session->session_id, NULL);
}

static gboolean
flow_cookie_matches (SoupServerMessage        *msg,
                     const DeskSandboxSession *session)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *cookie_header = soup_message_headers_get_list (headers, "Cookie");
  g_autoptr(GHashTable) cookies = NULL;
  g_autofree char *name = NULL;

  if (session->flow_token == NULL || cookie_header == NULL)
    return FALSE;

  name = flow_cookie_name (session);
  cookies = soup_header_parse_semi_param_list (cookie_header);
  return g_strcmp0 (g_hash_table_lookup (cookies, name), session->flow_token) == 0;
}

static void
set_flow_cookie (SoupServerMessage        *msg,
                 const DeskSandboxSession *session,
                 const char               *value,
                 gboolean                  expire)
{
  g_autofree char *name = flow_cookie_name (session);
  g_autofree char *cookie = g_strdup_printf ("%s=%s; Path=/auth; HttpOnly; SameSite=Lax%s",
                                             name, value, expire ? "; Max-Age=0" : "");

  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                               cookie);
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

/* @form: the form that ended the flow, NULL when the server ended it. */
static void
end_session (DeskSandbox        *self,
             SoupServerMessage  *msg,
             DeskSandboxSession *session,
             const char         *ending,
             GPtrArray          *form)
{
  g_autofree char *location = NULL;

  g_assert (desk_sandbox_outcome_is_valid (ending));

  if (g_str_equal (ending, DESK_SANDBOX_OUTCOME_SUCCESS))
    {
      complete_choices (session);
      desk_sandbox_store_add_consent (desk_sandbox_get_store (self), session);
      location = desk_sandbox_success_uri (session->redirect_uri, session->session_id);
    }
  else
    {
      g_autofree char *error_id = desk_sandbox_new_error_id ();

      location = desk_sandbox_failure_uri (session->cancel_uri, ending, error_id);
    }

  g_debug ("Sandbox session %s ended: %s", session->session_id, ending);

  session->step = DESK_SANDBOX_STEP_ENDED;
  g_clear_pointer (&session->notice, g_free);
  if (session->flow_token != NULL)
    set_flow_cookie (msg, session, "", TRUE);

  /* Framed, the real Auth UI tells its parent first (design.md "Integration patterns"). */
  if (form != NULL && g_strcmp0 (form_get (form, "framed"), "1") == 0)
    {
      g_autofree char *nonce = new_nonce ();

      send_html (msg, SOUP_STATUS_OK,
                 desk_sandbox_pages_render_ending (location, form_get (form, "message_format"),
                                                   nonce),
                 nonce);
      return;
    }

  redirect (msg, SOUP_STATUS_FOUND, location);
}

/* The session to go on with, or NULL when the request has been answered already: unknown
 * sessions get a page, finished or foreign ones the invalid-session ending, and expired ones
 * the timeout ending. */
static DeskSandboxSession *
check_session (DeskSandbox       *self,
               SoupServerMessage *msg,
               const char        *session_id)
{
  DeskSandboxSession *session =
    desk_sandbox_store_lookup_session (desk_sandbox_get_store (self), session_id);

  if (session == NULL)
    {
      send_not_found (msg);
      return NULL;
    }

  if (session->step == DESK_SANDBOX_STEP_ENDED || !flow_cookie_matches (msg, session))
    {
      end_session (self, msg, session, "AUTH_SESSION_INVALID", NULL);
      return NULL;
    }

  if (desk_sandbox_session_is_expired (session))
    {
      end_session (self, msg, session, "CONSENT_TIMEOUT", NULL);
      return NULL;
    }

  return session;
}

static void
handle_start (DeskSandbox       *self,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  const char *session_id = query != NULL ? g_hash_table_lookup (query, "session") : NULL;
  DeskSandboxSession *session =
    desk_sandbox_store_lookup_session (desk_sandbox_get_store (self), session_id);

  if (session == NULL)
    {
      send_not_found (msg);
      return;
    }

  /* Single use: a second visit, or one after expiry, is the Auth UI's invalid-session ending. */
  if (session->flow_token != NULL || session->step == DESK_SANDBOX_STEP_ENDED
      || desk_sandbox_session_is_expired (session))
    {
      end_session (self, msg, session, "AUTH_SESSION_INVALID", NULL);
      return;
    }

  session->flow_token = g_uuid_string_random ();
  set_flow_cookie (msg, session, session->flow_token, FALSE);
  see_current_step (msg, session);
}

static void
handle_show (DeskSandbox       *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  const char *session_id = query != NULL ? g_hash_table_lookup (query, "session") : NULL;
  DeskSandboxSession *session = check_session (self, msg, session_id);
  g_autofree char *nonce = NULL;
  char *html;

  if (session == NULL)
    return;

  nonce = new_nonce ();
  html = desk_sandbox_pages_render_step (session, nonce);
  /* A notice is said once; a reload shows the plain step. */
  g_clear_pointer (&session->notice, g_free);

  send_html (msg, SOUP_STATUS_OK, html, nonce);
}

static void
set_notice (DeskSandboxSession *session,
            const char         *notice)
{
  g_free (session->notice);
  session->notice = g_strdup (notice);
}

static const char *
step_action (DeskSandboxStep step)
{
  switch (step)
    {
    case DESK_SANDBOX_STEP_INSTITUTION:
      return "institution";
    case DESK_SANDBOX_STEP_LOGIN:
      return "login";
    case DESK_SANDBOX_STEP_OTP:
      return "otp";
    case DESK_SANDBOX_STEP_ACCOUNTS:
      return "accounts";
    case DESK_SANDBOX_STEP_CONFIRM:
      return "confirm";
    case DESK_SANDBOX_STEP_ENDED:
    default:
      g_assert_not_reached ();
    }
}

static GStrv
chosen_accounts (GPtrArray                    *form,
                 const DeskSandboxInstitution *institution)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < form->len; i++)
    {
      FormField *field = g_ptr_array_index (form, i);

      if (g_str_equal (field->key, "account")
          && desk_sandbox_institution_find_account (institution, field->value) != NULL)
        g_strv_builder_add (builder, field->value);
    }

  return g_strv_builder_end (builder);
}

/* Advances @session by the step's form; returns the ending it reached, or NULL to show the
 * (next or same) step. */
static const char *
apply_step (DeskSandboxSession *session,
            GPtrArray          *form)
{
  switch (session->step)
    {
    case DESK_SANDBOX_STEP_INSTITUTION:
      {
        const DeskSandboxInstitution *institution =
          desk_sandbox_institution_lookup (form_get (form, "institution_id"));

        if (institution == NULL)
          {
            set_notice (session, "Choose a provider to continue.");
            return NULL;
          }
        session->institution = institution;
        session->step = DESK_SANDBOX_STEP_LOGIN;
        return NULL;
      }

    case DESK_SANDBOX_STEP_LOGIN:
      {
        const DeskSandboxTestUser *user =
          desk_sandbox_test_user_lookup (form_get (form, "username"), form_get (form, "password"));

        if (user == NULL)
          {
            set_notice (session, "The username or password is incorrect. Use one of the test "
                        "credentials below.");
            return NULL;
          }
        if (user->at_sign_in)
          return user->ending;

        session->user = user;
        session->step = DESK_SANDBOX_STEP_OTP;
        return NULL;
      }

    case DESK_SANDBOX_STEP_OTP:
      {
        g_autofree char *code = g_strdup (form_get (form, "code"));

        if (code != NULL)
          g_strstrip (code);
        if (code == NULL || *code == '\0')
          {
            set_notice (session, "Enter the 6-digit code.");
            return NULL;
          }
        if (!g_str_equal (code, DESK_SANDBOX_OTP_CODE))
          return "CONSENT_OTP_FAILURE";

        session->step = DESK_SANDBOX_STEP_ACCOUNTS;
        return NULL;
      }

    case DESK_SANDBOX_STEP_ACCOUNTS:
      {
        g_auto(GStrv) accounts = chosen_accounts (form, session->institution);

        if (accounts[0] == NULL)
          {
            set_notice (session, "Select at least one account.");
            return NULL;
          }
        g_strfreev (session->accounts);
        session->accounts = g_steal_pointer (&accounts);
        session->step = DESK_SANDBOX_STEP_CONFIRM;
        return NULL;
      }

    case DESK_SANDBOX_STEP_CONFIRM:
      return session->user != NULL ? session->user->ending : DESK_SANDBOX_OUTCOME_SUCCESS;

    case DESK_SANDBOX_STEP_ENDED:
    default:
      g_assert_not_reached ();
    }
}

static void
handle_post (DeskSandbox       *self,
             SoupServerMessage *msg)
{
  g_autoptr(GPtrArray) form = parse_form (msg);
  DeskSandboxSession *session = check_session (self, msg, form_get (form, "session"));
  const char *action;
  const char *ending;

  if (session == NULL)
    return;

  action = form_get (form, "action");
  if (g_strcmp0 (action, "cancel") == 0)
    ending = "CONSENT_ENDUSER_DENIED";
  else if (g_strcmp0 (action, "end") == 0)
    {
      /* The tester's panel. */
      ending = form_get (form, "ending");
      if (!desk_sandbox_outcome_is_valid (ending))
        {
          set_notice (session, "Choose a Sandbox ending.");
          ending = NULL;
        }
    }
  else if (g_strcmp0 (action, step_action (session->step)) == 0)
    ending = apply_step (session, form);
  else
    ending = NULL;  /* a page left behind by Back: show where the flow really is */

  if (ending != NULL)
    end_session (self, msg, session, ending, form);
  else
    see_current_step (msg, session);
}

/* The Tester's panel's forged message: a success for another session, posted to the top window
 * from a foreign origin. The framing page must ignore it. */
static void
send_forged_message (SoupServerMessage *msg)
{
  g_autofree char *nonce = new_nonce ();

  send_html (msg, SOUP_STATUS_OK,
             g_strdup_printf ("<!DOCTYPE html><html><head><title>Forged message</title></head>"
                              "<body><script nonce=\"%s\">top.postMessage ({isCompleted: true,"
                              " redirectURL: '/forged?session_id=forged'}, '*');</script>"
                              "</body></html>", nonce),
             nonce);
}

void
desk_sandbox_flow_handle (DeskSandbox       *self,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/auth/start"))
    {
      /* Only GET: a HEAD from a link checker must not use the session up. */
      if (g_str_equal (method, SOUP_METHOD_GET))
        handle_start (self, msg, query);
      else
        send_method_not_allowed (msg, "GET");
    }
  else if (g_str_equal (path, "/auth/forge"))
    send_forged_message (msg);
  else if (g_str_equal (path, "/auth/flow"))
    {
      if (g_str_equal (method, SOUP_METHOD_GET))
        handle_show (self, msg, query);
      else if (g_str_equal (method, SOUP_METHOD_POST))
        handle_post (self, msg);
      else
        send_method_not_allowed (msg, "GET, POST");
    }
  else
    send_not_found (msg);
}
