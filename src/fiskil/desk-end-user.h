/* desk-end-user.h — a Fiskil end user (GET /v1/end-users)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DESK_TYPE_END_USER (desk_end_user_get_type ())

typedef struct
{
  char *id;     /* required */
  char *email;  /* nullable */
  char *name;   /* nullable */
  char *phone;  /* nullable */
} DeskEndUser;

GType        desk_end_user_get_type      (void) G_GNUC_CONST;
DeskEndUser *desk_end_user_new           (const char        *id,
                                          const char        *email,
                                          const char        *name,
                                          const char        *phone);
/* Accepts "id" or "end_user_id"; DESK_FISKIL_ERROR_BAD_RESPONSE when neither is a string. */
DeskEndUser *desk_end_user_new_from_json (JsonNode          *node,
                                          GError           **error);
DeskEndUser *desk_end_user_copy          (const DeskEndUser *self);
void         desk_end_user_free          (DeskEndUser       *self);

/* How screens name an end user: "Alex Example · alex@example.com", the name or the email alone
 * when only one is known, with " (created now)" when @created; NULL when neither is known. One
 * wording for the form, the hand-off page and the outcome. */
char        *desk_end_user_describe      (const DeskEndUser *self,
                                          gboolean           created);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskEndUser, desk_end_user_free)

G_END_DECLS
