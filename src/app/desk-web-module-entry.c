/* desk-web-module-entry.c — what the consent-desk-web module offers the application
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one symbol desk-web-module.c looks up: a table, so that nothing outside the module
 * calls into WebKit or needs its headers.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <gmodule.h>

#include "desk-consent-view.h"
#include "desk-consent-warm.h"
#include "desk-web-module.h"

G_MODULE_EXPORT const DeskWebModule *desk_web_module_entry (void);

static void
consent_view_set_attempt (GtkWidget   *view,
                          DeskAttempt *attempt)
{
  desk_consent_view_set_attempt (DESK_CONSENT_VIEW (view), attempt);
}

static GtkWidget *
consent_view_get_web_view (GtkWidget *view)
{
  return (GtkWidget *) desk_consent_view_get_web_view (DESK_CONSENT_VIEW (view));
}

static void
get_webkit_version (guint *major,
                    guint *minor,
                    guint *micro)
{
  *major = webkit_get_major_version ();
  *minor = webkit_get_minor_version ();
  *micro = webkit_get_micro_version ();
}

static const DeskWebModule web_module = {
  .consent_view_get_type = desk_consent_view_get_type,
  .consent_view_set_attempt = consent_view_set_attempt,
  .consent_view_get_web_view = consent_view_get_web_view,
  .warm = desk_consent_warm,
  .get_webkit_version = get_webkit_version,
};

const DeskWebModule *
desk_web_module_entry (void)
{
  return &web_module;
}
