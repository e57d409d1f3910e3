/* desk-environment-editor-private.h — what the parts of DeskEnvironmentEditor share: its
 * fields and the helpers its files call in one another
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-environment-editor.h"

G_BEGIN_DECLS

/* The rows of credentials_kind_row. */
enum {
  KIND_CLIENT,
  KIND_ACCESS_TOKEN,
};

struct _DeskEnvironmentEditor
{
  GtkWidget             parent_instance;

  GtkWidget            *layout;
  AdwWindowTitle       *window_title;
  GtkButton            *save_button;
  GtkWidget            *sandbox_group;
  AdwPreferencesGroup  *connection_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *api_url_row;
  AdwEntryRow          *auth_origin_row;
  AdwComboRow          *api_version_row;
  GtkLabel             *connection_message;
  AdwPreferencesGroup  *callbacks_group;
  AdwEntryRow          *redirect_row;
  AdwEntryRow          *cancel_row;
  GtkLabel             *callbacks_message;
  GtkWidget            *credentials_group;
  AdwComboRow          *credentials_kind_row;
  AdwEntryRow          *client_id_row;
  AdwEntryRow          *client_secret_row;
  AdwEntryRow          *access_token_row;
  GtkLabel             *credentials_status;
  GtkLabel             *credentials_message;
  GtkButton            *test_button;
  GtkButton            *remove_credentials_button;
  GtkSpinner           *spinner;
  GtkLabel             *test_result;
  GtkWidget            *danger_group;

  DeskEnvironmentList  *environments;
  DeskEnvironment      *environment;   /* NULL while a new one is not saved */
  GCancellable         *cancellable;   /* the keyring and connection tests; cancelled on close */
  DeskCredentials      *stored;        /* what the keyring holds */
  gboolean              keyring_loading;
  gboolean              keyring_failed;
  gboolean              testing;
  gboolean              testing_by_token;  /* the connection test sends a ready token */
  GHashTable           *touched;           /* the rows the person typed in (a set) */
  gboolean              saving;
  gboolean              filling;
  gboolean              valid;
};

static inline const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static inline void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static inline gboolean
is_custom (DeskEnvironmentEditor *self)
{
  return self->environment == NULL ||
         desk_environment_get_kind (self->environment) == DESK_ENVIRONMENT_CUSTOM;
}

static inline gboolean
needs_credentials (DeskEnvironmentEditor *self)
{
  return self->environment == NULL || desk_environment_needs_credentials (self->environment);
}

/* desk-environment-editor.c */
void             desk_environment_editor_notify_busy          (DeskEnvironmentEditor *self);
void             desk_environment_editor_add_toast            (DeskEnvironmentEditor *self,
                                                               const char            *message);
/* The version the API version row shows; NULL for the API's default. */
const char      *desk_environment_editor_selected_api_version (DeskEnvironmentEditor *self);

/* desk-environment-editor-checks.c: checking the fields as the person types */
DeskCredentials *desk_environment_editor_typed_credentials    (DeskEnvironmentEditor *self);
/* Checks every field, shows the problems under their groups, enables Save. */
void             desk_environment_editor_revalidate           (DeskEnvironmentEditor *self);

/* desk-environment-editor-keyring.c: the credentials the keyring holds */
void             desk_environment_editor_set_status           (DeskEnvironmentEditor *self,
                                                               const char            *status,
                                                               gboolean               is_error);
void             desk_environment_editor_show_keyring_error   (DeskEnvironmentEditor *self,
                                                               const GError          *error);
void             desk_environment_editor_load_credentials     (DeskEnvironmentEditor *self);
void             desk_environment_editor_remove_credentials   (DeskEnvironmentEditor *self);

/* desk-environment-editor-test.c: Test connection, with what is typed */
void             desk_environment_editor_test_connection      (DeskEnvironmentEditor *self);

G_END_DECLS
