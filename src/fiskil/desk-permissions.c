/* desk-permissions.c — the permission names Fiskil documents, grouped as the form shows them
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-permissions.h"

/* fiskil-api.md §6, in the order the form lists them. */
static const DeskPermissionInfo permissions[] = {
  { "accounts",           DESK_PERMISSION_GROUP_BANKING, N_("Accounts") },
  { "balances",           DESK_PERMISSION_GROUP_BANKING, N_("Balances") },
  { "transactions",       DESK_PERMISSION_GROUP_BANKING, N_("Transactions") },
  { "payees",             DESK_PERMISSION_GROUP_BANKING, N_("Payees") },
  { "direct_debits",      DESK_PERMISSION_GROUP_BANKING, N_("Direct debits") },
  { "scheduled_payments", DESK_PERMISSION_GROUP_BANKING, N_("Scheduled payments") },
  { "energy_accounts",    DESK_PERMISSION_GROUP_ENERGY,  N_("Energy accounts") },
  { "energy_balances",    DESK_PERMISSION_GROUP_ENERGY,  N_("Energy balances") },
  { "usage",              DESK_PERMISSION_GROUP_ENERGY,  N_("Usage") },
  { "billing",            DESK_PERMISSION_GROUP_ENERGY,  N_("Billing") },
  { "invoices",           DESK_PERMISSION_GROUP_ENERGY,  N_("Invoices") },
  { "concessions",        DESK_PERMISSION_GROUP_ENERGY,  N_("Concessions") },
  { "service_points",     DESK_PERMISSION_GROUP_ENERGY,  N_("Service points") },
  /* TRANSLATORS: "der" in Fiskil's API: solar panels, batteries and the like */
  { "der",                DESK_PERMISSION_GROUP_ENERGY,  N_("Distributed energy resources") },
  { "payment_schedule",   DESK_PERMISSION_GROUP_ENERGY,  N_("Payment schedule") },
  { "identity",           DESK_PERMISSION_GROUP_COMMON,  N_("Identity") },
};

const DeskPermissionInfo *
desk_permissions_get_all (gsize *n_permissions)
{
  if (n_permissions != NULL)
    *n_permissions = G_N_ELEMENTS (permissions);

  return permissions;
}

const DeskPermissionInfo *
desk_permissions_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (permissions); i++)
    {
      if (g_str_equal (permissions[i].name, name))
        return &permissions[i];
    }

  return NULL;
}

const char *
desk_permission_group_title (DeskPermissionGroup group)
{
  switch (group)
    {
    case DESK_PERMISSION_GROUP_BANKING:
      return _("Banking");

    case DESK_PERMISSION_GROUP_ENERGY:
      return _("Energy");

    case DESK_PERMISSION_GROUP_COMMON:
      return _("Common");

    case DESK_PERMISSION_GROUP_UNKNOWN:
    default:
      /* Names Fiskil may add later: sent as typed, listed apart in the form */
      return _("Other");
    }
}
