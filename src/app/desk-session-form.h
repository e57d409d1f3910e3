/* desk-session-form.h — the form that becomes a session request, validated as the person types
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-attempt.h"
#include "desk-environment.h"
#include "desk-fiskil.h"

G_BEGIN_DECLS

#define DESK_TYPE_SESSION_FORM (desk_session_form_get_type ())

G_DECLARE_FINAL_TYPE (DeskSessionForm, desk_session_form, DESK, SESSION_FORM, GtkWidget)

GtkWidget          *desk_session_form_new              (void);

/* A GListModel of DeskEnvironment the person can choose from. */
void                desk_session_form_set_environments (DeskSessionForm          *self,
                                                        GListModel               *environments);
DeskEnvironment    *desk_session_form_get_environment  (DeskSessionForm          *self);
/* Selects @environment and shows its values: what was typed for it and not yet sent, else its
 * last form values, else its defaults. */
void                desk_session_form_set_environment  (DeskSessionForm          *self,
                                                        DeskEnvironment          *environment);

/* What is typed now, valid or not. */
DeskSessionRequest *desk_session_form_get_request      (DeskSessionForm          *self);
/* Fills every field from @request; NULL fields of @request leave the field as it is. */
void                desk_session_form_set_request      (DeskSessionForm          *self,
                                                        const DeskSessionRequest *request);
/* TRUE when the request has no blocking problem (warnings allowed). Property "valid". */
gboolean            desk_session_form_get_valid        (DeskSessionForm          *self);

/* While a session is being created: fields locked, a spinner and a Cancel button. */
void                desk_session_form_set_busy         (DeskSessionForm          *self,
                                                        gboolean                  busy);
gboolean            desk_session_form_get_busy         (DeskSessionForm          *self);

/* Shows why the session could not be created (Fiskil's name, message and error id when the
 * error carries a DeskApiError), with "Try again". */
void                desk_session_form_show_outcome_error (DeskSessionForm   *self,
                                                          const DeskOutcome *outcome);
void                desk_session_form_clear_error      (DeskSessionForm          *self);

/* Keeps what is typed now as the environment's last form values (saved in GSettings), which
 * the form shows whenever that environment is selected again. */
void                desk_session_form_remember_values  (DeskSessionForm          *self);

/* How the attempt runs the consent flow (the Integration row). */
DeskIntegration     desk_session_form_get_integration (DeskSessionForm *self);
void                desk_session_form_set_integration (DeskSessionForm *self,
                                                       DeskIntegration  integration);

/* The end user found or created by email for the End-user ID, or NULL when it was typed. */
const DeskEndUser  *desk_session_form_get_end_user    (DeskSessionForm *self,
                                                       gboolean        *created);
/* Puts @end_user's id in the End-user ID and shows its name and email under it, as choosing
 * it in the Find dialog does (--end-user-email). */
void                desk_session_form_set_end_user    (DeskSessionForm   *self,
                                                       const DeskEndUser *end_user,
                                                       gboolean           created);

G_END_DECLS
