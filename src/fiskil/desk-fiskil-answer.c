/* desk-fiskil-answer.c — Fiskil's answers into errors a person can read and a caller can act on
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-fiskil"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-display-text.h"
#include "desk-fiskil-client-private.h"
#include "desk-fiskil-error.h"

/* A Retry-After beyond this many seconds is not a wait anyone would sit through: the message
 * says "later" instead of a number. */
#define RETRY_AFTER_MAX_SHOWN (24 * 60 * 60)

const char **
desk_fiskil_client_secrets (DeskFiskilClient *self,
                            const char       *extra)
{
  const char *candidates[] = { self->client_secret, self->access_token, self->token, extra };
  const char **secrets = g_new0 (const char *, G_N_ELEMENTS (candidates) + 1);
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (candidates[i] != NULL && *candidates[i] != '\0')
        secrets[n++] = candidates[i];
    }

  return secrets;
}

static char *
redact_secret (char       *text,
               const char *secret)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL || strstr (text, secret) == NULL)
    return text;

  parts = g_strsplit (text, secret, -1);
  g_free (text);
  return g_strjoinv ("[hidden]", parts);
}

/* Fiskil's text, made fit for a one-line message: no secret of ours (should a server ever echo
 * one), no bidi or control characters, a sane length. NULL when nothing readable is left. */
static char *
server_text (DeskFiskilClient *self,
             const char       *value)
{
  g_autofree const char **secrets = desk_fiskil_client_secrets (self, NULL);
  g_autofree char *redacted = g_strdup (value);

  /* Before shortening, so that no part of a secret can survive. */
  for (guint i = 0; secrets[i] != NULL; i++)
    redacted = redact_secret (redacted, secrets[i]);

  return desk_display_text_clean (redacted, DESK_DISPLAY_TEXT_MAX_CHARS);
}

/* Seconds from a Retry-After value (delay-seconds or an HTTP-date); -1 when absent or bad.
 * A date in the past gives 0. */
gint64
desk_fiskil_parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seconds, NULL))
    return (gint64) MIN (seconds, (guint64) G_MAXINT32);

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  return CLAMP (g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC, 0, G_MAXINT32);
}

void
desk_fiskil_answer_read_error (DeskFiskilClient *self,
                               DeskHttpResponse *response,
                               const char       *retry_after)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DeskErrorBody) body = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  const char *data;
  gsize size;

  /* Error bodies come as application/json, application/vnd.goa.error, or HTML from a proxy:
   * whatever parses as a JSON object is read, every field optional. */
  data = g_bytes_get_data (response->body, &size);
  if (size > 0)
    root = desk_json_parse_bounded (data, (gssize) size, DESK_JSON_MAX_DEPTH, NULL);
  body = desk_json_read_error_body (root);

  id = server_text (self, body->id);
  name = server_text (self, body->name);
  text = server_text (self, body->message);
  response->temporary = body->temporary;

  g_clear_pointer (&response->api_error, desk_api_error_free);
  response->api_error = desk_api_error_new (response->status, id, name, text,
                                            desk_fiskil_parse_retry_after (retry_after));
}

static char *
retry_advice (gint64 retry_after)
{
  /* Plain %u: xgettext cannot read a G_GINT64_FORMAT inside a message. */
  guint minutes = (guint) ((retry_after + 59) / 60);
  guint hours = (guint) ((retry_after + 3599) / 3600);

  if (retry_after <= 0)
    return g_strdup (_("Wait a moment and try again."));
  if (retry_after <= 120)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Try again in %u second.",
                                         "Try again in %u seconds.", (guint) retry_after),
                            (guint) retry_after);
  if (retry_after <= 2 * 60 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Try again in %u minute.",
                                         "Try again in %u minutes.", minutes),
                            minutes);
  if (retry_after <= RETRY_AFTER_MAX_SHOWN)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Try again in %u hour.",
                                         "Try again in %u hours.", hours),
                            hours);

  return g_strdup (_("Try again later."));
}

static const char *
unauthorized_summary (DeskRejected   rejected,
                      char         **advice)
{
  switch (rejected)
    {
    case DESK_REJECTED_CLIENT_CREDENTIALS:
      *advice = g_strdup (_("Check both, and that they belong to this environment."));
      return _("Fiskil did not accept the client ID and secret");
    case DESK_REJECTED_ACCESS_TOKEN:
      *advice = g_strdup (_("It may have expired or been revoked; get a new one."));
      return _("Fiskil did not accept the access token");
    case DESK_REJECTED_RENEWED_TOKEN:
    default:
      *advice = g_strdup (_("Check that the client ID and secret belong to this environment "
                            "and may use this API."));
      return _("Fiskil did not accept a freshly renewed access token");
    }
}

static const char *
other_status_summary (DeskHttpResponse  *response,
                      char             **advice)
{
  if (response->status >= 500 && response->status < 600 && response->temporary)
    {
      *advice = g_strdup (_("Try again in a moment."));
      return _("Fiskil had a temporary problem");
    }
  if (response->status >= 500 && response->status < 600)
    {
      *advice = g_strdup (_("Try again later; if it keeps failing, give Fiskil support the "
                            "error ID."));
      return _("Fiskil had a server error");
    }

  *advice = g_strdup (_("Check the API address."));
  return _("Fiskil gave an unexpected answer");
}

/* The code, a summary and advice for @response's status. */
static DeskFiskilErrorCode
classify (DeskHttpResponse  *response,
          DeskRejected       rejected,
          const char       **summary,
          char             **advice)
{
  switch (response->status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      *summary = _("Fiskil rejected the request");
      return DESK_FISKIL_ERROR_INVALID_INPUT;

    case SOUP_STATUS_UNAUTHORIZED:
      *summary = unauthorized_summary (rejected, advice);
      return DESK_FISKIL_ERROR_UNAUTHORIZED;

    case SOUP_STATUS_FORBIDDEN:
      *summary = _("Fiskil refused access");
      *advice = g_strdup (_("Check that these credentials may use this API."));
      return DESK_FISKIL_ERROR_FORBIDDEN;

    case SOUP_STATUS_NOT_FOUND:
      *summary = _("Fiskil found nothing at this address");
      *advice = g_strdup (_("Check the ID and the API address."));
      return DESK_FISKIL_ERROR_NOT_FOUND;

    case 429:  /* Too Many Requests, which libsoup 3.2 has no name for */
      *summary = _("Fiskil is limiting requests");
      *advice = retry_advice (response->api_error->retry_after);
      return DESK_FISKIL_ERROR_RATE_LIMITED;

    default:
      *summary = other_status_summary (response, advice);
      return DESK_FISKIL_ERROR_SERVER_ERROR;
    }
}

GError *
desk_fiskil_answer_error (DeskFiskilClient *self,
                          DeskHttpResponse *response,
                          DeskRejected      rejected)
{
  const DeskApiError *api_error = response->api_error;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *advice = NULL;
  DeskFiskilErrorCode code;
  const char *summary = NULL;

  g_assert (api_error != NULL);

  code = classify (response, rejected, &summary, &advice);

  /* Shaped like "Fiskil rejected the request (HTTP 400, InvalidRequest): end_user_id is
   * required. Error ID: err_123." with Fiskil's own words in it as they came. */
  if (api_error->name != NULL)
    /* TRANSLATORS: a summary such as "Fiskil rejected the request", the HTTP status, and
     * Fiskil's name for the error such as "InvalidRequest" */
    g_string_append_printf (text, _("%s (HTTP %u, %s)"), summary, response->status,
                            api_error->name);
  else
    /* TRANSLATORS: a summary such as "Fiskil rejected the request" and the HTTP status */
    g_string_append_printf (text, _("%s (HTTP %u)"), summary, response->status);
  if (api_error->message != NULL)
    {
      gsize length = strlen (api_error->message);

      /* Fiskil's sentence may end with its own full stop; ours ends the message. */
      while (length > 0 && api_error->message[length - 1] == '.')
        length--;
      if (length > 0)
        {
          g_string_append (text, ": ");
          g_string_append_len (text, api_error->message, length);
        }
    }
  g_string_append_c (text, '.');
  if (advice != NULL)
    g_string_append_printf (text, " %s", advice);
  if (api_error->id != NULL)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Error ID: %s."), api_error->id);
    }

  return desk_fiskil_error_new_with_api_error (code, api_error, "%s", text->str);
}

/* A bad answer's error carries the status it came with, whoever wrote the error. */
GError *
desk_fiskil_with_http_status (GError *error,
                              guint   http_status)
{
  const DeskApiError *api_error = desk_fiskil_error_get_api_error (error);

  if (api_error != NULL && api_error->http_status == 0)
    {
      g_autoptr(DeskApiError) status = desk_api_error_copy (api_error);

      status->http_status = http_status;
      desk_fiskil_error_set_api_error (error, status);
    }

  return error;
}

JsonNode *
desk_fiskil_answer_json (DeskHttpResponse  *response,
                         GError           **error)
{
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root = NULL;
  const char *data;
  gsize size;

  data = g_bytes_get_data (response->body, &size);
  root = desk_json_parse_bounded (data, (gssize) size, DESK_JSON_MAX_DEPTH, &parse_error);
  if (root != NULL)
    return root;

  g_set_error (error, DESK_FISKIL_ERROR, DESK_FISKIL_ERROR_BAD_RESPONSE,
               _("Fiskil’s answer (HTTP %u) is empty, cut short or not JSON. Check that the "
                 "API address points to the Fiskil API."),
               response->status);
  return NULL;
}
