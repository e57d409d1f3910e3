/* desk-session-form-private.h — DeskSessionForm's state, shared with its companions: the
 * permission rows, the end user found by email, and what keeps the request from being sent
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-session-form.h"

G_BEGIN_DECLS

#define N_FIELDS (DESK_REQUEST_FIELD_PERMISSIONS + 1)

struct _DeskSessionForm
{
  GtkWidget           parent_instance;

  GtkWidget          *layout;            /* bound so that dispose_template unparents it */
  GtkWidget          *environment_group;
  AdwComboRow        *environment_row;
  AdwComboRow        *integration_row;
  GtkWidget          *end_user_group;
  AdwEntryRow        *end_user_row;
  AdwEntryRow        *institution_row;
  GtkLabel           *end_user_message;
  GtkLabel           *end_user_label;
  GtkLabel           *institution_message;
  GtkWidget          *callback_group;
  GtkWidget          *institution_group;
  GtkWidget          *cancel_group;
  GtkWidget          *cancel_button;
  GtkButton          *reset_button;
  AdwEntryRow        *redirect_row;
  AdwEntryRow        *cancel_row;
  GtkLabel           *redirect_message;
  GtkLabel           *cancel_message;
  GtkWidget          *permissions_group;
  AdwExpanderRow     *banking_row;
  AdwExpanderRow     *energy_row;
  AdwExpanderRow     *common_row;
  AdwEntryRow        *other_permissions_row;
  GtkLabel           *permissions_message;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_message;
  GtkListBox         *error_details;
  GtkLabel           *blocked_label;
  GtkStack           *action_stack;
  GtkWidget          *create_button;
  GtkSpinner         *spinner;

  /* Indexed by DeskRequestField. */
  GtkWidget          *field_rows[N_FIELDS];
  GtkLabel           *field_messages[N_FIELDS];
  gboolean            touched[N_FIELDS];

  GPtrArray          *permission_checks;  /* GtkCheckButton, owned by their rows */
  GPtrArray          *permission_infos;   /* the DeskPermissionInfo of each check, same order */
  DeskEnvironment    *environment;
  char               *redirect_default;   /* the environment's defaults the fields started with */
  char               *cancel_default;
  GHashTable         *drafts;             /* DeskEnvironment -> DeskSessionRequest: unsent */
  gboolean            valid;
  gboolean            busy;
  gboolean            filling;             /* set_request/settings: not the person typing */
  int                 api_fault;           /* the field Fiskil's error names, or -1 */
  DeskEndUser        *end_user;            /* found or created by email; NULL when typed */
  gboolean            end_user_created;
};

/* desk-session-form.c */
/* Runs the core's validation on what is typed and puts each problem next to its field. */
void     desk_session_form_revalidate               (DeskSessionForm    *self);
const char *desk_session_form_editable_text       (AdwEntryRow        *row);
void     desk_session_form_set_editable_text        (AdwEntryRow        *row,
                                                     const char         *text);

/* desk-session-form-environment.c */
void     desk_session_form_environment_selected_cb  (DeskSessionForm    *self);
void     desk_session_form_reset_clicked_cb         (DeskSessionForm    *self);

/* desk-session-form-permissions.c */
void     desk_session_form_build_permission_rows    (DeskSessionForm    *self);
void     desk_session_form_update_permission_counts (DeskSessionForm    *self);
void     desk_session_form_set_permissions          (DeskSessionForm    *self,
                                                     const char * const *permissions);
gboolean desk_session_form_strv_has                 (GPtrArray          *array,
                                                     const char         *value);

/* desk-session-form-end-user.c */
void     desk_session_form_show_end_user            (DeskSessionForm    *self);
void     desk_session_form_find_end_user_cb         (DeskSessionForm    *self);
void     desk_session_form_create_end_user_cb       (DeskSessionForm    *self);

/* desk-session-form-errors.c */
void     desk_session_form_update_blocked_label     (DeskSessionForm    *self,
                                                     GPtrArray          *problems);

G_END_DECLS
