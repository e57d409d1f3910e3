/* desk-session-request.c — what a person asks for: the body of POST /v1/auth/session
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "desk-callback.h"
#include "desk-permissions.h"
#include "desk-navigation.h"
#include "desk-session-request.h"

G_DEFINE_BOXED_TYPE (DeskSessionRequest, desk_session_request,
                     desk_session_request_copy, desk_session_request_free)

DeskSessionRequest *
desk_session_request_new (const char         *end_user_id,
                          const char         *redirect_uri,
                          const char         *cancel_uri,
                          const char         *institution_id,
                          const char * const *permissions)
{
  DeskSessionRequest *self = g_new0 (DeskSessionRequest, 1);

  self->end_user_id = g_strdup (end_user_id);
  self->redirect_uri = g_strdup (redirect_uri);
  self->cancel_uri = g_strdup (cancel_uri);
  self->institution_id = g_strdup (institution_id);
  self->permissions = g_strdupv ((char **) permissions);

  return self;
}

DeskSessionRequest *
desk_session_request_copy (const DeskSessionRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return desk_session_request_new (self->end_user_id,
                                   self->redirect_uri,
                                   self->cancel_uri,
                                   self->institution_id,
                                   (const char * const *) self->permissions);
}

void
desk_session_request_free (DeskSessionRequest *self)
{
  if (self == NULL)
    return;

  g_free (self->end_user_id);
  g_free (self->redirect_uri);
  g_free (self->cancel_uri);
  g_free (self->institution_id);
  g_strfreev (self->permissions);
  g_free (self);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
desk_session_request_to_json (const DeskSessionRequest *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  /* fiskil-api.md §3: the docs disagree on whether the URIs are required, so both always go. */
  add_string_member (builder, "end_user_id", self->end_user_id);
  add_string_member (builder, "redirect_uri", self->redirect_uri);
  add_string_member (builder, "cancel_uri", self->cancel_uri);

  if (self->institution_id != NULL && self->institution_id[0] != '\0')
    add_string_member (builder, "institution_id", self->institution_id);

  if (self->permissions != NULL && self->permissions[0] != NULL)
    {
      json_builder_set_member_name (builder, "permissions");
      json_builder_begin_array (builder);
      for (guint i = 0; self->permissions[i] != NULL; i++)
        json_builder_add_string_value (builder, self->permissions[i]);
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
desk_session_request_to_body (const DeskSessionRequest *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  node = desk_session_request_to_json (self);
  return json_to_string (node, FALSE);
}

/* 'text' for a POSIX shell: inside single quotes every byte is literal but the quote itself,
 * which closes, is escaped and reopens. */
static void
append_quoted (GString    *command,
               const char *text)
{
  g_string_append_c (command, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (command, "'\\''");
      else
        g_string_append_c (command, *p);
    }
  g_string_append_c (command, '\'');
}

static void
append_option (GString    *command,
               const char *option,
               const char *value)
{
  g_string_append_printf (command, " \\\n  %s ", option);
  append_quoted (command, value);
}

char *
desk_session_request_to_curl (const DeskSessionRequest *self,
                              const char               *base_url,
                              const char               *api_version)
{
  g_autoptr(GString) command = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url = NULL;
  gsize length;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  length = strlen (base_url);
  while (length > 0 && base_url[length - 1] == '/')
    length--;
  url = g_strdup_printf ("%.*s/v1/auth/session", (int) length, base_url);
  body = desk_session_request_to_body (self);

  command = g_string_new ("curl -X POST ");
  append_quoted (command, url);
  append_option (command, "-H", "Accept: application/json; charset=UTF-8");
  append_option (command, "-H", "Content-Type: application/json; charset=UTF-8");
  if (api_version != NULL && *api_version != '\0')
    {
      g_autofree char *header = g_strconcat ("X-Fiskil-Version: ", api_version, NULL);

      append_option (command, "-H", header);
    }
  /* The only argument the shell expands: the token stays in the environment. */
  g_string_append (command, " \\\n  -H \"Authorization: Bearer $FISKIL_ACCESS_TOKEN\"");
  append_option (command, "--data-raw", body);

  return g_string_free (g_steal_pointer (&command), FALSE);
}

/* Control characters (Cc) and invisible format characters (Cf: zero-width spaces, byte-order
 * marks, direction marks) never belong in an identifier; they arrive by pasting from chat,
 * spreadsheets or rich text. @value must be valid UTF-8. */
static gboolean
has_invisible_characters (const char *value)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeType type = g_unichar_type (g_utf8_get_char (p));

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_spaces (const char *value)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_outer_spaces (const char *value)
{
  const char *last;

  if (value[0] == '\0')
    return FALSE;

  last = g_utf8_find_prev_char (value, value + strlen (value));

  return g_unichar_isspace (g_utf8_get_char (value)) ||
         g_unichar_isspace (g_utf8_get_char (last));
}

/* Each check returns a translated sentence describing the problem, or NULL when the value is
 * fine. */

static char *
check_end_user_id (const char *value)
{
  g_autofree char *stripped = NULL;
  glong length;

  if (value == NULL || value[0] == '\0')
    return g_strdup (_("Enter an end-user ID."));

  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (_("The end-user ID contains bytes that are not text. Type it again."));

  stripped = g_strstrip (g_strdup (value));
  if (stripped[0] == '\0')
    return g_strdup (_("Enter an end-user ID."));

  if (has_invisible_characters (value))
    return g_strdup (_("The end-user ID contains a control or invisible character. "
                       "Type it again, or paste it as plain text."));

  length = g_utf8_strlen (value, -1);
  if (length > DESK_END_USER_ID_MAX_LENGTH)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The end-user ID is longer than %d character. "
                                         "Check that only the ID was pasted.",
                                         "The end-user ID is longer than %d characters. "
                                         "Check that only the ID was pasted.",
                                         DESK_END_USER_ID_MAX_LENGTH),
                            DESK_END_USER_ID_MAX_LENGTH);

  /* The ID is opaque, so its format is never checked. Spaces at either end are still an error,
   * not a warning: Fiskil-issued IDs never have them, they are almost always a copy-and-paste
   * accident, and sending one would create a session for an end user that does not exist,
   * which only shows up later as a confusing failure inside the consent flow. */
  if (has_outer_spaces (value))
    return g_strdup (_("The end-user ID starts or ends with a space. "
                       "Remove it; it was most likely copied by accident."));

  return NULL;
}

/* Schemes that can never receive a redirect from the consent flow: a page cannot navigate to
 * them, or doing so would run code rather than reach an application. */
static const char * const unusable_schemes[] = {
  "about", "blob", "data", "file", "javascript",
};

static char *
check_callback_uri (const char *value,
                    const char *empty_message)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *scheme;
  const char *host;

  if (value == NULL || value[0] == '\0')
    return g_strdup (empty_message);

  /* Rejected before parsing: GUri would quietly percent-encode them, and the callback that
   * comes back would then never look like what was typed. */
  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        /* xgettext: no-c-format */
        return g_strdup (_("The URI contains a space or a control character. "
                           "Remove it, or percent-encode it: a space is “%20”."));
    }

  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (_("The URI contains bytes that are not text. Type it again."));

  /* The same parsing the callback matching uses, so a URI accepted here can be matched. */
  uri = g_uri_parse (value, G_URI_FLAGS_ENCODED, &parse_error);
  if (uri == NULL)
    {
      if (g_uri_peek_scheme (value) == NULL)
        return g_strdup (_("Enter an absolute URI, such as “https://example.com/callback”."));

      return g_strdup_printf (_("The URI can’t be read: %s."), parse_error->message);
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  for (gsize i = 0; i < G_N_ELEMENTS (unusable_schemes); i++)
    {
      if (g_ascii_strcasecmp (scheme, unusable_schemes[i]) == 0)
        return g_strdup_printf (_("A “%s:” URI can’t receive the callback. "
                                  "Use an https URI or your app’s own scheme."),
                                scheme);
    }

  if ((g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
      (host == NULL || host[0] == '\0'))
    return g_strdup (_("Add a host name, as in “https://example.com/callback”."));

  /* Browsers leave user-info out of the request and the matcher ignores it (design.md), so
   * one here would only mislead whoever reads the URI. */
  if (g_uri_get_userinfo (uri) != NULL)
    return g_strdup (_("Remove the user name from the URI, the part before “@”. "
                       "Browsers don’t send it, so a callback URI has no use for one."));

  if (g_uri_get_fragment (uri) != NULL)
    return g_strdup (_("Remove the part from “#” on. A callback URI can’t have a fragment: "
                       "the consent flow adds its own parameters."));

  /* What the matcher can't normalise safely could never be caught (issue 15 #4). */
  return desk_callback_check_configured_uri (value);
}

static char *
check_institution_id (const char *value)
{
  if (value == NULL || value[0] == '\0')
    return NULL;

  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (_("The institution ID contains bytes that are not text. Type it again."));

  if (has_spaces (value) || has_invisible_characters (value))
    return g_strdup (_("Institution IDs don’t contain spaces, control or invisible characters. "
                       "Check for a copy-and-paste accident."));

  return NULL;
}

static DeskRequestProblem *
desk_request_problem_new (DeskRequestField     field,
                          DeskProblemSeverity  severity,
                          char                *message)
{
  DeskRequestProblem *problem = g_new0 (DeskRequestProblem, 1);

  problem->field = field;
  problem->severity = severity;
  problem->message = message;

  return problem;
}

void
desk_request_problem_free (DeskRequestProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray           *problems,
             DeskRequestField     field,
             DeskProblemSeverity  severity,
             char                *message)
{
  if (message != NULL)
    g_ptr_array_add (problems, desk_request_problem_new (field, severity, message));
}

static void
add_error (GPtrArray        *problems,
           DeskRequestField  field,
           char             *message)
{
  add_problem (problems, field, DESK_PROBLEM_ERROR, message);
}

static const char *
find_case_insensitive_permission (const char *name)
{
  gsize n_permissions;
  const DeskPermissionInfo *permissions = desk_permissions_get_all (&n_permissions);

  for (gsize i = 0; i < n_permissions; i++)
    {
      if (g_ascii_strcasecmp (permissions[i].name, name) == 0)
        return permissions[i].name;
    }

  return NULL;
}

static void
check_permissions (const char * const *permissions,
                   GPtrArray          *problems)
{
  g_autoptr(GHashTable) seen = NULL;

  if (permissions == NULL)
    return;

  /* name → GINT_TO_POINTER (TRUE) once its repetition has been reported */
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; permissions[i] != NULL; i++)
    {
      const char *name = permissions[i];
      gpointer reported;

      if (name[0] == '\0')
        {
          add_error (problems, DESK_REQUEST_FIELD_PERMISSIONS,
                     g_strdup (_("One of the permissions is empty. Remove it.")));
          continue;
        }

      if (!g_utf8_validate (name, -1, NULL))
        {
          add_error (problems, DESK_REQUEST_FIELD_PERMISSIONS,
                     g_strdup (_("A permission contains bytes that are not text. "
                                 "Type it again.")));
          continue;
        }

      if (has_spaces (name) || has_invisible_characters (name))
        {
          add_error (problems, DESK_REQUEST_FIELD_PERMISSIONS,
                     g_strdup_printf (_("The permission “%s” contains a space, control or "
                                        "invisible character. Permission names have none."),
                                      name));
          continue;
        }

      if (g_hash_table_lookup_extended (seen, name, NULL, &reported))
        {
          if (!GPOINTER_TO_INT (reported))
            {
              add_problem (problems, DESK_REQUEST_FIELD_PERMISSIONS, DESK_PROBLEM_WARNING,
                           g_strdup_printf (_("The permission “%s” is listed more than once. "
                                              "It will still be sent as typed."),
                                            name));
              g_hash_table_insert (seen, (gpointer) name, GINT_TO_POINTER (TRUE));
            }
          continue;
        }
      g_hash_table_insert (seen, (gpointer) name, GINT_TO_POINTER (FALSE));

      /* fiskil-api.md §6: Fiskil may add permissions, so an unknown one is only a warning. */
      if (desk_permissions_lookup (name) == NULL)
        {
          const char *suggestion = find_case_insensitive_permission (name);
          char *message;

          if (suggestion != NULL)
            message = g_strdup_printf (_("“%s” is not a permission Fiskil documents; did you "
                                         "mean “%s”? It will still be sent as typed."),
                                       name, suggestion);
          else
            message = g_strdup_printf (_("“%s” is not a permission Fiskil documents. "
                                         "It will still be sent as typed."),
                                       name);

          add_problem (problems, DESK_REQUEST_FIELD_PERMISSIONS, DESK_PROBLEM_WARNING, message);
        }
    }
}

/* Fiskil requires https callbacks; plain http is only for this computer's own test servers. */
static char *
check_callback_encryption (const char *value)
{
  g_autoptr(GUri) uri = NULL;

  if (value == NULL)
    return NULL;

  uri = g_uri_parse (value, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0
      || desk_host_is_loopback (g_uri_get_host (uri)))
    return NULL;

  return g_strdup (_("This is plain http to another computer: Fiskil requires https callback "
                     "URIs, and the callback would travel unencrypted."));
}

/* An institution is a bank or an energy retailer: it can't grant both kinds of data. */
static void
check_permission_mix (const char * const *permissions,
                      GPtrArray          *problems)
{
  gboolean banking = FALSE;
  gboolean energy = FALSE;

  for (guint i = 0; permissions != NULL && permissions[i] != NULL; i++)
    {
      const DeskPermissionInfo *info = desk_permissions_lookup (permissions[i]);

      banking |= info != NULL && info->group == DESK_PERMISSION_GROUP_BANKING;
      energy |= info != NULL && info->group == DESK_PERMISSION_GROUP_ENERGY;
    }

  if (banking && energy)
    add_problem (problems, DESK_REQUEST_FIELD_PERMISSIONS, DESK_PROBLEM_WARNING,
                 g_strdup (_("Banking and energy permissions are mixed. An institution is "
                             "either a bank or an energy retailer, so it can grant only one "
                             "kind. They will still be sent as typed.")));
}

GPtrArray *
desk_session_request_validate (const DeskSessionRequest *self)
{
  GPtrArray *problems;
  char *redirect_problem;
  char *cancel_problem;

  g_return_val_if_fail (self != NULL, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_request_problem_free);

  add_error (problems, DESK_REQUEST_FIELD_END_USER_ID, check_end_user_id (self->end_user_id));

  redirect_problem = check_callback_uri (self->redirect_uri, _("Enter a redirect URI."));
  cancel_problem = check_callback_uri (self->cancel_uri, _("Enter a cancel URI."));
  add_error (problems, DESK_REQUEST_FIELD_REDIRECT_URI, redirect_problem);
  add_error (problems, DESK_REQUEST_FIELD_CANCEL_URI, cancel_problem);

  /* The redirect URI is matched first, so a cancel that also matches it (the same URI, or the
   * redirect URI plus query parameters) would end a cancelled consent as a success. */
  if (redirect_problem == NULL && cancel_problem == NULL &&
      desk_callback_match (self->cancel_uri, self->redirect_uri, self->cancel_uri) ==
      DESK_CALLBACK_MATCH_REDIRECT)
    add_problem (problems, DESK_REQUEST_FIELD_CANCEL_URI, DESK_PROBLEM_WARNING,
                 g_strdup (_("The cancel URI also matches the redirect URI, so a cancel "
                             "without error details would count as a success. Use a "
                             "different path for it.")));

  if (redirect_problem == NULL)
    add_problem (problems, DESK_REQUEST_FIELD_REDIRECT_URI, DESK_PROBLEM_WARNING,
                 check_callback_encryption (self->redirect_uri));
  if (cancel_problem == NULL)
    add_problem (problems, DESK_REQUEST_FIELD_CANCEL_URI, DESK_PROBLEM_WARNING,
                 check_callback_encryption (self->cancel_uri));

  add_error (problems, DESK_REQUEST_FIELD_INSTITUTION_ID,
             check_institution_id (self->institution_id));
  check_permissions ((const char * const *) self->permissions, problems);
  check_permission_mix ((const char * const *) self->permissions, problems);

  return problems;
}

gboolean
desk_request_problems_have_errors (GPtrArray *problems)
{
  g_return_val_if_fail (problems != NULL, FALSE);

  for (guint i = 0; i < problems->len; i++)
    {
      const DeskRequestProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == DESK_PROBLEM_ERROR)
        return TRUE;
    }

  return FALSE;
}

static gboolean
take_message_as_error (char    *message,
                       GError **error)
{
  if (message == NULL)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
  g_free (message);

  return FALSE;
}

gboolean
desk_validate_end_user_id (const char  *value,
                           GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return take_message_as_error (check_end_user_id (value), error);
}

gboolean
desk_validate_callback_uri (const char  *value,
                            GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Not tied to either field, so the emptiness message names neither. */
  return take_message_as_error (check_callback_uri (value, _("Enter a URI.")), error);
}

gboolean
desk_validate_institution_id (const char  *value,
                              GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return take_message_as_error (check_institution_id (value), error);
}
