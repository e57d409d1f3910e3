/* desk-error-catalogue.h — every error_type of the consent flow, explained for support and QA
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *error_type;   /* e.g. "CONSENT_ENDUSER_DENIED" */
  const char *error;        /* the documented "error" value, or NULL when undocumented */
  const char *title;        /* untranslated (N_()); use desk_error_catalogue_explain() */
  const char *explanation;  /* untranslated (N_()) */
  const char *next_step;    /* untranslated (N_()) */
  gboolean    legacy;       /* only older SDK releases used it */
} DeskErrorTypeInfo;

typedef struct
{
  char     *error_type;   /* verbatim, as received */
  gboolean  known;        /* FALSE: kept verbatim and marked unknown */
  char     *title;        /* translated */
  char     *explanation;  /* translated */
  char     *next_step;    /* translated */
} DeskErrorExplanation;

/* Every documented type, current ones first, then legacy ones. */
const DeskErrorTypeInfo *desk_error_catalogue_get_all (gsize      *n_entries);
/* NULL when @error_type is not documented. Exact, case-sensitive match. */
const DeskErrorTypeInfo *desk_error_catalogue_lookup  (const char *error_type);
/* Always an explanation: a known type's, or an "unknown type" one that keeps @error_type
 * verbatim; @error_type NULL or "" means a cancel without any type. */
/* "success" or a known error type: an ending the Sandbox can walk to (--sandbox-outcome). */
gboolean                 desk_error_catalogue_is_ending (const char *outcome);
DeskErrorExplanation    *desk_error_catalogue_explain (const char *error_type);
void                     desk_error_explanation_free  (DeskErrorExplanation *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskErrorExplanation, desk_error_explanation_free)

G_END_DECLS
