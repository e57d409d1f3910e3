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

/* What the form knows of the selected environment's credentials (issue 12, item 4). */
typedef enum
{
  DESK_FORM_CREDENTIALS_NOT_NEEDED,  /* the Sandbox, or no way to tell */
  DESK_FORM_CREDENTIALS_CHECKING,    /* the keyring is being read */
  DESK_FORM_CREDENTIALS_KEYRING,     /* kept in the keyring */
  DESK_FORM_CREDENTIALS_VARIABLES,   /* FISKIL_ACCESS_TOKEN, or FISKIL_CLIENT_ID and _SECRET */
  DESK_FORM_CREDENTIALS_MISSING,     /* none: Fiskil would refuse every session */
  DESK_FORM_CREDENTIALS_UNREADABLE,  /* the keyring could not be read (locked, missing) */
} DeskFormCredentials;

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

  GtkRevealer        *credentials_revealer;
  GtkLabel           *credentials_message;
  GtkWidget          *credentials_button;
  DeskFormCredentials credentials;
  DeskEnvironment    *credentials_environment;  /* weak: what @credentials is about */
  GCancellable       *credentials_cancellable;  /* the keyring read under way */
  GtkWindow          *watched_window;           /* weak: its activation re-reads them */
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
void     desk_session_form_show_permissions         (DeskSessionForm    *self);
void     desk_session_form_update_permission_counts (DeskSessionForm    *self);
void     desk_session_form_show_permissions_later   (DeskSessionForm    *self);
void     desk_session_form_set_permissions          (DeskSessionForm    *self,
                                                     const char * const *permissions);
gboolean desk_session_form_strv_has                 (GPtrArray          *array,
                                                     const char         *value);

/* desk-session-form-end-user.c */
void     desk_session_form_show_end_user            (DeskSessionForm    *self);
void     desk_session_form_find_end_user_cb         (DeskSessionForm    *self);
void     desk_session_form_create_end_user_cb       (DeskSessionForm    *self);

/* desk-session-form-credentials.c: whether the selected environment has credentials, read
 * without blocking when it is selected and, while it has none, whenever the window is
 * activated again (back from Preferences); a warning with Open Preferences when it has none. */
void     desk_session_form_check_credentials        (DeskSessionForm    *self);
void     desk_session_form_watch_window             (DeskSessionForm    *self);
void     desk_session_form_open_preferences_cb      (DeskSessionForm    *self);
/* TRUE when Create session must stay disabled for want of credentials; then sets the label
 * that says why (unless a field already does). */
gboolean desk_session_form_credentials_block        (DeskSessionForm    *self);
void     desk_session_form_credentials_dispose      (DeskSessionForm    *self);

/* desk-session-form-errors.c */
void     desk_session_form_update_blocked_label     (DeskSessionForm    *self,
                                                     GPtrArray          *problems);

G_END_DECLS
