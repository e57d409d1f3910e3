/* desk-sandbox-end-users.c — the Sandbox API's end users: create, find by e-mail, get by id
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shapes, statuses and error bodies follow fiskil-api.md.
 */
#define G_LOG_DOMAIN "desk-sandbox"

#include "config.h"

#include <string.h>

#include "desk-sandbox-private.h"
#include "desk-sandbox-api-private.h"

static gboolean
email_is_plausible (const char *email)
{
  const char *at = strchr (email, '@');

  return at != NULL && at != email && at[1] != '\0' && strchr (at + 1, '@') == NULL
         && strpbrk (email, " \t\r\n") == NULL;
}

/* E.164: a plus sign and 2 to 15 digits, the first not zero. */
static gboolean
phone_is_e164 (const char *phone)
{
  gsize digits = 0;

  if (phone[0] != '+' || phone[1] < '1' || phone[1] > '9')
    return FALSE;

  for (const char *p = phone + 1; *p != '\0'; p++, digits++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return digits >= 2 && digits <= 15;
}

static gboolean
abn_is_plausible (const char *abn)
{
  gsize digits = 0;

  for (const char *p = abn; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != ' ')
        return FALSE;
    }

  return digits == 11;
}

static void
add_optional_member (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_end_user (JsonBuilder              *builder,
              const DeskSandboxEndUser *end_user)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, end_user->id);
  add_optional_member (builder, "email", end_user->email);
  add_optional_member (builder, "name", end_user->name);
  add_optional_member (builder, "phone", end_user->phone);
  add_optional_member (builder, "abn", end_user->abn);
  json_builder_end_object (builder);
}

void
desk_sandbox_api_create_end_user (DeskSandbox       *self,
                                  SoupServerMessage *msg)
{
  DeskSandboxStore *store = desk_sandbox_get_store (self);
  g_autoptr(JsonObject) body = desk_sandbox_read_body (msg);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  DeskSandboxEndUser *end_user;
  const char *email;
  const char *name;
  const char *phone;
  const char *abn;

  if (body == NULL
      || !desk_sandbox_read_string (msg, body, "email", FALSE, &email)
      || !desk_sandbox_read_string (msg, body, "name", FALSE, &name)
      || !desk_sandbox_read_string (msg, body, "phone", FALSE, &phone)
      || !desk_sandbox_read_string (msg, body, "abn", FALSE, &abn))
    return;

  if (email != NULL && !email_is_plausible (email))
    {
      desk_sandbox_send_invalid (msg, "email is not a valid e-mail address.");
      return;
    }
  if (phone != NULL && !phone_is_e164 (phone))
    {
      desk_sandbox_send_invalid (msg, "phone must be in E.164 format, for example +61412345678.");
      return;
    }
  if (abn != NULL && !abn_is_plausible (abn))
    {
      desk_sandbox_send_invalid (msg, "abn must have 11 digits.");
      return;
    }

  if (email != NULL)
    {
      g_autoptr(GPtrArray) existing = desk_sandbox_store_find_end_users (store, email);

      if (existing->len > 0)
        {
          desk_sandbox_send_error (msg, SOUP_STATUS_BAD_REQUEST, ERROR_BODY_PLAIN,
                                   "end_user_already_exists",
                                   "An end user with this email already exists.");
          return;
        }
    }

  end_user = desk_sandbox_store_add_end_user (store, email, name, phone, abn);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "end_user_id");
  json_builder_add_string_value (builder, end_user->id);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  desk_sandbox_send_json (msg, SOUP_STATUS_CREATED, JSON_CONTENT_TYPE, node);
}

void
desk_sandbox_api_find_end_users (DeskSandbox       *self,
                                 SoupServerMessage *msg,
                                 GHashTable        *query)
{
  const char *email = query != NULL ? g_hash_table_lookup (query, "email") : NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  if (email != NULL && *email == '\0')
    email = NULL;

  found = desk_sandbox_store_find_end_users (desk_sandbox_get_store (self), email);

  json_builder_begin_array (builder);
  for (guint i = 0; i < found->len; i++)
    add_end_user (builder, g_ptr_array_index (found, i));
  json_builder_end_array (builder);

  node = json_builder_get_root (builder);
  desk_sandbox_send_json (msg, SOUP_STATUS_OK, JSON_CONTENT_TYPE, node);
}

void
desk_sandbox_api_get_end_user (DeskSandbox       *self,
                               SoupServerMessage *msg,
                               const char        *encoded_id)
{
  g_autofree char *end_user_id = g_uri_unescape_string (encoded_id, "/");
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  DeskSandboxEndUser *end_user;

  end_user = desk_sandbox_store_lookup_end_user (desk_sandbox_get_store (self), end_user_id);
  if (end_user == NULL)
    {
      desk_sandbox_send_error (msg, SOUP_STATUS_NOT_FOUND, ERROR_BODY_GOA, "not_found",
                               "End user not found.");
      return;
    }

  builder = json_builder_new ();
  add_end_user (builder, end_user);
  node = json_builder_get_root (builder);
  desk_sandbox_send_json (msg, SOUP_STATUS_OK, JSON_CONTENT_TYPE, node);
}
