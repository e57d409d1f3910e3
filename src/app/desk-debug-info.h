/* desk-debug-info.h — the troubleshooting text of the About window, for support tickets
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "desk-environment.h"

G_BEGIN_DECLS

/* Plain text, not translated (support staff read it, whatever the agent's language): the app's
 * version and id, the versions of GLib, GTK, libadwaita, WebKitGTK, libsoup, json-glib and
 * SQLite (the running one and, where they differ, the one it was built against), and
 * @environment's name and API URL (scheme, host, port and path only). Never a credential:
 * nothing of the keyring, the FISKIL_* variables or a token is read. @environment may be NULL.
 * With @window (nullable), also the renderer that draws it (desk-renderer.h). */
char *desk_debug_info_new (DeskEnvironment *environment,
                           GtkWidget       *window);

G_END_DECLS
