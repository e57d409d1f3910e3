/* desk-permissions.h — the permission names Fiskil documents, grouped as the form shows them
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DESK_PERMISSION_GROUP_UNKNOWN,
  DESK_PERMISSION_GROUP_BANKING,
  DESK_PERMISSION_GROUP_ENERGY,
  DESK_PERMISSION_GROUP_COMMON,
} DeskPermissionGroup;

typedef struct
{
  const char          *name;   /* the API value, e.g. "transactions" */
  DeskPermissionGroup  group;
  const char          *title;  /* untranslated (N_()), e.g. "Transactions"; use g_dgettext */
} DeskPermissionInfo;

/* All documented permissions in display order (Banking, Energy, Common). */
const DeskPermissionInfo *desk_permissions_get_all    (gsize      *n_permissions);
/* NULL when @name is not documented (it is still sent, but flagged). */
const DeskPermissionInfo *desk_permissions_lookup     (const char *name);
const char               *desk_permission_group_title (DeskPermissionGroup group);  /* translated */

G_END_DECLS
