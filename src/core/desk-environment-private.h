/* desk-environment-private.h — what only tests may do to an environment
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-environment.h"

G_BEGIN_DECLS

/* Points Production at a local server standing in for Fiskil. Tests only: nothing in the
 * application calls this, and no option or setting reaches it. */
void desk_environment_set_production_url_for_tests (DeskEnvironment *self,
                                                    const char      *api_url);

G_END_DECLS
