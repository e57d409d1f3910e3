/* desk-sandbox-institutions.h — the Sandbox's fictional banks and energy retailers
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DESK_SANDBOX_INSTITUTION_BANK,
  DESK_SANDBOX_INSTITUTION_ENERGY,
} DeskSandboxInstitutionKind;

typedef struct
{
  const char *id;      /* the form value, unique within its institution, e.g. "everyday" */
  const char *name;    /* e.g. "Everyday Account" */
  const char *detail;  /* masked number or supply address */
} DeskSandboxAccount;

typedef struct
{
  const char                 *id;        /* the API's institution_id, e.g. "sandbox-bank-koala" */
  const char                 *name;      /* e.g. "Koala Bank" */
  DeskSandboxInstitutionKind  kind;
  const char                 *monogram;  /* two letters for the logo */
  const char                 *colour;    /* brand colour, "#rrggbb" */
  const DeskSandboxAccount   *accounts;
  gsize                       n_accounts;
} DeskSandboxInstitution;

/* Banks first, then energy retailers, in display order. */
const DeskSandboxInstitution *
desk_sandbox_institutions_get_all (gsize *n_institutions);

/* NULL when @institution_id is not a Sandbox institution. */
const DeskSandboxInstitution *
desk_sandbox_institution_lookup (const char *institution_id);

const DeskSandboxAccount *
desk_sandbox_institution_find_account (const DeskSandboxInstitution *institution,
                                       const char                   *account_id);

/* Where an automatic run, or an ending chosen before any institution, consents: the first
 * energy retailer when @permissions are all energy ones, else the first bank. */
const DeskSandboxInstitution *
desk_sandbox_institution_for_permissions (const char * const *permissions);

/* The permissions a consent covers when the session asked for none. */
const char * const *
desk_sandbox_institution_default_permissions (const DeskSandboxInstitution *institution);

G_END_DECLS
