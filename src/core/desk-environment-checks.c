/* desk-environment-checks.c — checking what people type for an environment: its API address
 * and its Auth UI origin
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment.h"
#include "desk-navigation.h"

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID, message);
  return FALSE;
}

/* Absolute, https (http on this computer only), no user, query or fragment. */
static GUri *
check_web_address (const char  *text,
                   const char  *example_message,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (!is_set (text))
    {
      invalid (error, example_message);
      return NULL;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      invalid (error, example_message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      invalid (error, _("The address must start with https://."));
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !desk_host_is_loopback (host))
    {
      invalid (error, _("Use https://. Unencrypted http:// is only for this computer "
                        "(127.0.0.1, ::1 or localhost)."));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      invalid (error, _("The address must not contain a user name or password."));
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      invalid (error, _("The address must not have a query (?…) or a fragment (#…)."));
      return NULL;
    }

  return g_steal_pointer (&uri);
}

gboolean
desk_environment_check_api_url (const char  *api_url,
                                GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  uri = check_web_address (api_url,
                           _("Enter an absolute address, such as https://api.example.com."),
                           error);
  return uri != NULL;
}

gboolean
desk_environment_check_auth_origin (const char  *origin,
                                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;

  uri = check_web_address (origin,
                           _("Enter an origin, such as https://auth.example.com."),
                           error);
  if (uri == NULL)
    return FALSE;

  path = g_uri_get_path (uri);
  if (*path != '\0' && g_strcmp0 (path, "/") != 0)
    return invalid (error, _("An origin has no path: only the scheme, the host and the port, "
                             "such as https://auth.example.com."));

  return TRUE;
}
