/* desk-sandbox-autorun.h — the automatic run: what the pages do by themselves to reach an ending
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "desk-sandbox-store.h"

G_BEGIN_DECLS

/* The actions that take @session's current step towards its automatic ending, as a JSON array
 * of {"do": "fill"|"check"|"select"|"click", "target": CSS selector[, "value"]} that the
 * page's script performs on the real page elements. NULL when a person walks the pages. */
char *desk_sandbox_autorun_plan (const DeskSandboxSession *session);

G_END_DECLS
