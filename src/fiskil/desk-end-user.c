/* desk-end-user.c — a Fiskil end user (GET /v1/end-users)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-end-user.h"
#include "desk-json-readers.h"
#include "desk-fiskil-error.h"

G_DEFINE_BOXED_TYPE (DeskEndUser, desk_end_user, desk_end_user_copy, desk_end_user_free)

DeskEndUser *
desk_end_user_new (const char *id,
                   const char *email,
                   const char *name,
                   const char *phone)
{
  DeskEndUser *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_new0 (DeskEndUser, 1);
  self->id = g_strdup (id);
  self->email = g_strdup (email);
  self->name = g_strdup (name);
  self->phone = g_strdup (phone);

  return self;
}

/* A detail Fiskil may leave out, send in another type or make absurdly long: unknown (NULL),
 * never an error, so one odd record does not hide the others (issue 12 "Bad input"). */
static char *
dup_optional_text (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || strlen (json_node_get_string (node)) > DESK_JSON_MAX_STRING_LENGTH)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

DeskEndUser *
desk_end_user_new_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autofree char *id = NULL;
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  JsonObject *object;
  const char *id_member = "id";

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
                           _("Fiskil’s answer has an end user that is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);

  /* The list answer says "id", the create answer "end_user_id". */
  if (!json_object_has_member (object, "id") && json_object_has_member (object, "end_user_id"))
    id_member = "end_user_id";

  if (!desk_json_read_string (object, id_member, TRUE, &id, error))
    return NULL;
  email = dup_optional_text (object, "email");
  name = dup_optional_text (object, "name");
  phone = dup_optional_text (object, "phone");

  return desk_end_user_new (id, email, name, phone);
}

DeskEndUser *
desk_end_user_copy (const DeskEndUser *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return desk_end_user_new (self->id, self->email, self->name, self->phone);
}

char *
desk_end_user_describe (const DeskEndUser *self,
                        gboolean           created)
{
  g_autofree char *who = NULL;
  gboolean has_name, has_email;

  g_return_val_if_fail (self != NULL, NULL);

  has_name = self->name != NULL && *self->name != '\0';
  has_email = self->email != NULL && *self->email != '\0';
  if (has_name && has_email)
    /* Translators: an end user's name and email */
    who = g_strdup_printf (_("%s · %s"), self->name, self->email);
  else if (has_name || has_email)
    who = g_strdup (has_name ? self->name : self->email);
  else
    return NULL;

  if (!created)
    return g_steal_pointer (&who);

  /* Translators: an end user (name and email) Consent Desk has just created */
  return g_strdup_printf (_("%s (created now)"), who);
}

void
desk_end_user_free (DeskEndUser *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->email);
  g_free (self->name);
  g_free (self->phone);
  g_free (self);
}
