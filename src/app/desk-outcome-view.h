/* desk-outcome-view.h — how the attempt ended: the kind, the explanation and every field
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-fiskil.h"
#include "desk-timeline-event.h"

G_BEGIN_DECLS

#define DESK_TYPE_OUTCOME_VIEW (desk_outcome_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskOutcomeView, desk_outcome_view, DESK, OUTCOME_VIEW, GtkWidget)

GtkWidget         *desk_outcome_view_new         (void);
/* Shows a copy of @outcome; NULL empties the view. */
void               desk_outcome_view_set_outcome (DeskOutcomeView   *self,
                                                  const DeskOutcome *outcome);
const DeskOutcome *desk_outcome_view_get_outcome (DeskOutcomeView   *self);
/* The events its timeline pane shows (DeskTimelineEvent), read from the outcome's JSON. */
GListModel        *desk_outcome_view_get_timeline (DeskOutcomeView *self);
/* What copying a timeline event gives: its sentence, its detail line and its JSON. */
char              *desk_outcome_view_describe_event (DeskTimelineEvent *event);

/* The environments (DeskEnvironment) whose names are shown for an outcome's environment id. */
void               desk_outcome_view_set_environments (DeskOutcomeView *self,
                                                       GListModel      *environments);
/* The picture for @outcome's kind of ending: refused, failed at the bank, timed out or
 * expired, cancelled and closed each have their own icon name. */
const char        *desk_outcome_view_icon_for    (const DeskOutcome *outcome);
/* Back to the top (what the outcome is and what to do next), as each new outcome opens. */
void               desk_outcome_view_scroll_to_top (DeskOutcomeView *self);
/* The vertical scrolling of the outcome's details, for tests. */
GtkAdjustment     *desk_outcome_view_get_vadjustment (DeskOutcomeView *self);

/* One suggested action: "Try again" after anything but a success, "New session" after a
 * success (which has no "Try again"). Its buttons activate "win.try-again", "win.new-session"
 * and "win.copy-outcome-json"; its menu "win.copy-curl", "win.export-har", "win.export-json"
 * and "win.delete-attempt". Ctrl+C on a selected timeline row copies that event. */

G_END_DECLS
