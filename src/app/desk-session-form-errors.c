/* desk-session-form-errors.c — what keeps the request from being sent: Fiskil's refusal,
 * or a field
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-session-form-private.h"
#include "desk-value-row.h"

static void
add_error_detail (DeskSessionForm *self,
                  const char      *title,
                  const char      *value)
{
  if (value == NULL || *value == '\0')
    return;

  gtk_list_box_append (self->error_details, desk_value_row_new (title, value));
}

/* Which field an API error is about, from Fiskil's stable error names; -1 for none. */
static int
field_at_fault (const DeskApiError *api_error)
{
  static const struct
  {
    const char       *word;
    DeskRequestField  field;
  } words[] = {
    { "institution", DESK_REQUEST_FIELD_INSTITUTION_ID },
    { "permission", DESK_REQUEST_FIELD_PERMISSIONS },
    { "redirect", DESK_REQUEST_FIELD_REDIRECT_URI },
    { "cancel_uri", DESK_REQUEST_FIELD_CANCEL_URI },
    { "end_user", DESK_REQUEST_FIELD_END_USER_ID },
  };
  g_autofree char *name = g_ascii_strdown (api_error->name != NULL ? api_error->name : "", -1);

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (strstr (name, words[i].word) != NULL)
        return words[i].field;
    }

  return -1;
}

void
desk_session_form_show_outcome_error (DeskSessionForm   *self,
                                      const DeskOutcome *outcome)
{
  const DeskApiError *api_error;
  g_autofree char *summary = NULL;
  GtkWidget *child;

  g_return_if_fail (DESK_IS_SESSION_FORM (self));
  g_return_if_fail (outcome != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->error_details))) != NULL)
    gtk_list_box_remove (self->error_details, child);

  api_error = outcome->api_error;
  if (api_error != NULL && (api_error->http_status != 0 || api_error->id != NULL))
    {
      g_autofree char *status = NULL;

      if (api_error->http_status != 0)
        status = g_strdup_printf ("%u", api_error->http_status);

      add_error_detail (self, _("HTTP status"), status);
      add_error_detail (self, _("Fiskil error"), api_error->name);
      add_error_detail (self, _("Fiskil’s message"), api_error->message);
      add_error_detail (self, _("Error ID"), api_error->id);
    }

  summary = desk_outcome_get_summary (outcome);
  gtk_label_set_text (self->error_message, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->error_details),
                          gtk_widget_get_first_child (GTK_WIDGET (self->error_details)) != NULL);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);

  /* The field Fiskil refused is marked and takes the focus, so the fix starts there; the
   * Permissions group may not have joined yet (a form first shown with this error). */
  desk_session_form_show_permissions (self);
  self->api_fault = api_error != NULL ? field_at_fault (api_error) : -1;
  if (self->api_fault >= 0)
    {
      gtk_widget_add_css_class (self->field_rows[self->api_fault], "error");
      gtk_widget_grab_focus (self->field_rows[self->api_fault]);
    }
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->create_button));
    }
}

void
desk_session_form_clear_error (DeskSessionForm *self)
{
  g_return_if_fail (DESK_IS_SESSION_FORM (self));

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  if (self->api_fault >= 0)
    {
      gtk_widget_remove_css_class (self->field_rows[self->api_fault], "error");
      self->api_fault = -1;
      desk_session_form_revalidate (self);
    }
}

/* The titles people see, for saying which field keeps the button disabled. */
static const char *
field_title (DeskRequestField field)
{
  switch (field)
    {
    case DESK_REQUEST_FIELD_END_USER_ID:
      return _("End-user ID");
    case DESK_REQUEST_FIELD_REDIRECT_URI:
      return _("Redirect URI");
    case DESK_REQUEST_FIELD_CANCEL_URI:
      return _("Cancel URI");
    case DESK_REQUEST_FIELD_INSTITUTION_ID:
      return _("Institution ID");
    case DESK_REQUEST_FIELD_PERMISSIONS:
    default:
      return _("Permissions");
    }
}

/* A disabled button says why: the first field that keeps the request from being sent. */
void
desk_session_form_update_blocked_label (DeskSessionForm *self,
                      GPtrArray       *problems)
{
  g_autofree char *text = NULL;

  for (guint i = 0; i < problems->len && text == NULL; i++)
    {
      const DeskRequestProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == DESK_PROBLEM_ERROR)
        /* Translators: %s is a field's title, e.g. "End-user ID" */
        text = g_strdup_printf (_("Fill in or fix “%s” to create a session."),
                                field_title (problem->field));
    }

  gtk_label_set_text (self->blocked_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->blocked_label), text != NULL);
}
