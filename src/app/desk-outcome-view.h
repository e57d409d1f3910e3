/* desk-outcome-view.h — how the attempt ended: the kind, the explanation and every field
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-fiskil.h"

G_BEGIN_DECLS

#define DESK_TYPE_OUTCOME_VIEW (desk_outcome_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskOutcomeView, desk_outcome_view, DESK, OUTCOME_VIEW, GtkWidget)

GtkWidget         *desk_outcome_view_new         (void);
/* Shows a copy of @outcome; NULL empties the view. */
void               desk_outcome_view_set_outcome (DeskOutcomeView   *self,
                                                  const DeskOutcome *outcome);
const DeskOutcome *desk_outcome_view_get_outcome (DeskOutcomeView   *self);

/* Its buttons activate "win.try-again", "win.new-session" and "win.copy-outcome-json". */

G_END_DECLS
