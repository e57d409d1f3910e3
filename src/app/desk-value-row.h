/* desk-value-row.h — a boxed-list row showing one named value, selectable and copyable
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DESK_TYPE_VALUE_ROW (desk_value_row_get_type ())

G_DECLARE_FINAL_TYPE (DeskValueRow, desk_value_row, DESK, VALUE_ROW, AdwPreferencesRow)

/* @value NULL shows a dimmed “Not provided” and hides the copy button. */
GtkWidget  *desk_value_row_new        (const char   *title,
                                       const char   *value);
const char *desk_value_row_get_value  (DeskValueRow *self);
void        desk_value_row_set_value  (DeskValueRow *self,
                                       const char   *value);
/* Shows the value as a link that opens in the browser (error_uri). */
void        desk_value_row_set_is_link (DeskValueRow *self,
                                        gboolean      is_link);

/*
 * Properties: "value", "is-link"; the name is AdwPreferencesRow's "title".
 * The copy button puts the value on the clipboard and activates "win.show-toast".
 */

G_END_DECLS
