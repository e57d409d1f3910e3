/* desk-sandbox-institutions.c — the Sandbox's fictional banks and energy retailers
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-sandbox"

#include "config.h"

#include "desk-permissions.h"
#include "desk-sandbox-institutions.h"

/* Every institution of a kind offers the same accounts: what matters to a tester is the
 * choice, not the variety. */
static const DeskSandboxAccount bank_accounts[] = {
  { "everyday", "Everyday Account", "BSB 062-000 · •••• 4821" },
  { "savings", "Bonus Saver", "BSB 062-000 · •••• 7730" },
  { "credit-card", "Low Rate Credit Card", "Mastercard · •••• 1108" },
};

static const DeskSandboxAccount energy_accounts[] = {
  { "electricity", "Electricity", "12 Example Street, Newtown NSW 2042" },
  { "gas", "Gas", "12 Example Street, Newtown NSW 2042" },
};

static const DeskSandboxInstitution institutions[] = {
  { "sandbox-bank-koala", "Koala Bank", DESK_SANDBOX_INSTITUTION_BANK, "KB", "#1f6f5c",
    bank_accounts, G_N_ELEMENTS (bank_accounts) },
  { "sandbox-bank-wattle", "Wattle Mutual", DESK_SANDBOX_INSTITUTION_BANK, "WM", "#9a5b0f",
    bank_accounts, G_N_ELEMENTS (bank_accounts) },
  { "sandbox-bank-harbour", "Harbour Credit Union", DESK_SANDBOX_INSTITUTION_BANK, "HC", "#1d4ed8",
    bank_accounts, G_N_ELEMENTS (bank_accounts) },
  { "sandbox-bank-lyrebird", "Lyrebird Digital Bank", DESK_SANDBOX_INSTITUTION_BANK, "LB",
    "#6d28d9", bank_accounts, G_N_ELEMENTS (bank_accounts) },
  { "sandbox-energy-sunray", "Sunray Energy", DESK_SANDBOX_INSTITUTION_ENERGY, "SE", "#c2410c",
    energy_accounts, G_N_ELEMENTS (energy_accounts) },
  { "sandbox-energy-gumleaf", "Gumleaf Power", DESK_SANDBOX_INSTITUTION_ENERGY, "GP", "#15803d",
    energy_accounts, G_N_ELEMENTS (energy_accounts) },
  { "sandbox-energy-southerly", "Southerly Gas & Electric", DESK_SANDBOX_INSTITUTION_ENERGY, "SG",
    "#0e7490", energy_accounts, G_N_ELEMENTS (energy_accounts) },
};

static const char * const bank_permissions[] = { "accounts", "balances", "transactions", NULL };
static const char * const energy_permissions[] = { "energy_accounts", "billing", "usage", NULL };

const DeskSandboxInstitution *
desk_sandbox_institutions_get_all (gsize *n_institutions)
{
  g_return_val_if_fail (n_institutions != NULL, NULL);

  *n_institutions = G_N_ELEMENTS (institutions);
  return institutions;
}

const DeskSandboxInstitution *
desk_sandbox_institution_lookup (const char *institution_id)
{
  if (institution_id == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (institutions); i++)
    {
      if (g_str_equal (institutions[i].id, institution_id))
        return &institutions[i];
    }

  return NULL;
}

const DeskSandboxAccount *
desk_sandbox_institution_find_account (const DeskSandboxInstitution *institution,
                                       const char                   *account_id)
{
  g_return_val_if_fail (institution != NULL, NULL);

  if (account_id == NULL)
    return NULL;

  for (gsize i = 0; i < institution->n_accounts; i++)
    {
      if (g_str_equal (institution->accounts[i].id, account_id))
        return &institution->accounts[i];
    }

  return NULL;
}

const DeskSandboxInstitution *
desk_sandbox_institution_for_permissions (const char * const *permissions)
{
  gboolean any_energy = FALSE;
  gboolean any_other = FALSE;

  for (gsize i = 0; permissions != NULL && permissions[i] != NULL; i++)
    {
      const DeskPermissionInfo *info = desk_permissions_lookup (permissions[i]);

      if (info != NULL && info->group == DESK_PERMISSION_GROUP_ENERGY)
        any_energy = TRUE;
      else if (info == NULL || info->group != DESK_PERMISSION_GROUP_COMMON)
        any_other = TRUE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (institutions); i++)
    {
      gboolean energy = institutions[i].kind == DESK_SANDBOX_INSTITUTION_ENERGY;

      if (energy == (any_energy && !any_other))
        return &institutions[i];
    }

  g_assert_not_reached ();
}

const char * const *
desk_sandbox_institution_default_permissions (const DeskSandboxInstitution *institution)
{
  g_return_val_if_fail (institution != NULL, NULL);

  return institution->kind == DESK_SANDBOX_INSTITUTION_ENERGY ? energy_permissions
                                                              : bank_permissions;
}
