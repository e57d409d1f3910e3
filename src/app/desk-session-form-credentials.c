/* desk-session-form-credentials.c — the form warns before sending when the selected environment
 * has no credentials, with a way to add them
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 12, item 4 (production safety). The keyring is read asynchronously, never for the
 * Sandbox (which needs nothing), and again while none were found whenever the window is
 * activated or the Preferences window it opened closes: the moments they may have been added.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-editor.h"
#include "desk-environment-list.h"
#include "desk-preferences-window.h"
#include "desk-session-form-private.h"

static DeskEnvironmentList *
form_environments (DeskSessionForm *self)
{
  GListModel *model = adw_combo_row_get_model (self->environment_row);

  return DESK_IS_ENVIRONMENT_LIST (model) ? DESK_ENVIRONMENT_LIST (model) : NULL;
}

static void
show_credentials (DeskSessionForm     *self,
                  DeskFormCredentials  state,
                  const char          *keyring_message)
{
  DeskEnvironment *environment = self->environment;
  g_autofree char *text = NULL;
  gboolean editable = environment != NULL && desk_environment_is_saved (environment)
                      && form_environments (self) != NULL;

  self->credentials = state;
  g_set_weak_pointer (&self->credentials_environment, environment);

  if (state == DESK_FORM_CREDENTIALS_MISSING && editable)
    /* Translators: %s is an environment's name, e.g. "Production" */
    text = g_strdup_printf (_("“%s” has no credentials, so Fiskil would refuse every session. "
                              "Add a client ID and secret, or an access token, in "
                              "Preferences."),
                            desk_environment_get_title (environment));
  else if (state == DESK_FORM_CREDENTIALS_MISSING)
    text = g_strdup (_("This environment has no credentials, so Fiskil would refuse every "
                       "session. Set FISKIL_ACCESS_TOKEN, or FISKIL_CLIENT_ID and "
                       "FISKIL_CLIENT_SECRET, and start Consent Desk again."));
  else if (state == DESK_FORM_CREDENTIALS_UNREADABLE)
    /* Translators: %s is a sentence such as "The keyring could not be opened: it is locked." */
    text = g_strdup_printf (_("Consent Desk could not tell whether this environment has "
                              "credentials. %s"),
                            keyring_message);

  if (text != NULL)
    gtk_label_set_text (self->credentials_message, text);
  gtk_widget_set_visible (self->credentials_button, text != NULL && editable);
  gtk_revealer_set_reveal_child (self->credentials_revealer, text != NULL);

  desk_session_form_revalidate (self);
}

static void
credentials_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DeskSessionForm) self = user_data;
  g_autoptr(DeskCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = desk_secret_store_lookup_credentials_finish (DESK_SECRET_STORE (object), result,
                                                            &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->credentials_cancellable);

  /* A locked keyring may still open when the session is created (it can ask to be unlocked):
   * said, but not blocking. */
  if (error != NULL)
    show_credentials (self, DESK_FORM_CREDENTIALS_UNREADABLE, error->message);
  else
    show_credentials (self, credentials != NULL ? DESK_FORM_CREDENTIALS_KEYRING
                                                : DESK_FORM_CREDENTIALS_MISSING, NULL);
}

void
desk_session_form_check_credentials (DeskSessionForm *self)
{
  g_autoptr(DeskCredentials) variables = NULL;
  DeskEnvironment *environment = self->environment;
  DeskEnvironmentList *environments = form_environments (self);

  g_cancellable_cancel (self->credentials_cancellable);
  g_clear_object (&self->credentials_cancellable);

  if (environment == NULL || !desk_environment_needs_credentials (environment))
    {
      show_credentials (self, DESK_FORM_CREDENTIALS_NOT_NEEDED, NULL);
      return;
    }

  /* As desk_environment_ensure_client_async() decides: the variables win over the keyring,
   * which is then not read at all. */
  variables = desk_credentials_from_environment_variables ();
  if (variables != NULL)
    {
      show_credentials (self, DESK_FORM_CREDENTIALS_VARIABLES, NULL);
      return;
    }

  /* A one-off --api-url environment takes credentials from the variables only. */
  if (!desk_environment_is_saved (environment))
    {
      show_credentials (self, DESK_FORM_CREDENTIALS_MISSING, NULL);
      return;
    }

  if (environments == NULL)
    {
      show_credentials (self, DESK_FORM_CREDENTIALS_NOT_NEEDED, NULL);
      return;
    }

  /* Another environment: what was said of the last one no longer holds. The same one (the
   * window activated again): the warning stays until the keyring answers, without flicker. */
  if (self->credentials_environment != environment)
    show_credentials (self, DESK_FORM_CREDENTIALS_CHECKING, NULL);

  self->credentials_cancellable = g_cancellable_new ();
  desk_secret_store_lookup_credentials_async (desk_environment_list_get_secret_store (environments),
                                              desk_environment_get_id (environment),
                                              self->credentials_cancellable,
                                              credentials_read_cb, g_object_ref (self));
}

/* Only a warning is worth re-reading for: a keyring that could not be read may ask to be
 * unlocked, and asking again at every activation would never let the person go. */
static void
window_active_cb (DeskSessionForm *self)
{
  if (self->watched_window != NULL && gtk_window_is_active (self->watched_window)
      && self->credentials == DESK_FORM_CREDENTIALS_MISSING)
    desk_session_form_check_credentials (self);
}

void
desk_session_form_watch_window (DeskSessionForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!GTK_IS_WINDOW (root) || GTK_WINDOW (root) == self->watched_window)
    return;

  if (self->watched_window != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_window, window_active_cb, self);
  g_set_weak_pointer (&self->watched_window, GTK_WINDOW (root));
  g_signal_connect_object (root, "notify::is-active", G_CALLBACK (window_active_cb), self,
                           G_CONNECT_SWAPPED);
}

gboolean
desk_session_form_credentials_block (DeskSessionForm *self)
{
  g_autofree char *text = NULL;

  if (self->credentials != DESK_FORM_CREDENTIALS_MISSING
      || self->credentials_environment != self->environment)
    return FALSE;

  /* A field's own problem is said first: it is the one under the person's hands. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->blocked_label)))
    {
      if (gtk_widget_get_visible (self->credentials_button))
        /* Translators: %s is an environment's name, e.g. "Production" */
        text = g_strdup_printf (_("Add credentials for “%s” in Preferences to create a "
                                  "session."),
                                desk_environment_get_title (self->environment));
      else
        text = g_strdup (_("Set FISKIL_ACCESS_TOKEN to create a session here."));
      gtk_label_set_text (self->blocked_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->blocked_label), TRUE);
    }

  return TRUE;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The editor reads the keyring before its credentials can be typed: the focus goes to them
 * once it has. */
static void
editor_busy_cb (GtkWidget *editor)
{
  GtkWidget *client_id;

  if (desk_environment_editor_get_busy (DESK_ENVIRONMENT_EDITOR (editor)))
    return;

  g_signal_handlers_disconnect_by_func (editor, editor_busy_cb, NULL);
  client_id = find_widget (editor, GTK_TYPE_WIDGET, "client-id");
  if (client_id != NULL && gtk_widget_get_mapped (client_id))
    gtk_widget_grab_focus (client_id);
}

void
desk_session_form_open_preferences_cb (DeskSessionForm *self)
{
  DeskEnvironmentList *environments = form_environments (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  DeskPreferencesWindow *preferences;
  GtkWidget *editor;

  g_return_if_fail (environments != NULL && self->environment != NULL);

  preferences = desk_preferences_window_new (environments);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_application (GTK_WINDOW (preferences),
                                  gtk_window_get_application (GTK_WINDOW (root)));
      gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (root));
    }
  /* Closed: the credentials may have been added (activation may not follow without a window
   * manager). */
  g_signal_connect_object (preferences, "destroy",
                           G_CALLBACK (desk_session_form_check_credentials), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));

  /* Straight to this environment's page, where its credentials are. */
  desk_preferences_window_edit (preferences, self->environment);
  editor = find_widget (GTK_WIDGET (preferences), DESK_TYPE_ENVIRONMENT_EDITOR, NULL);
  if (editor != NULL)
    {
      g_signal_connect (editor, "notify::busy", G_CALLBACK (editor_busy_cb), NULL);
      editor_busy_cb (editor);
    }
}

void
desk_session_form_credentials_dispose (DeskSessionForm *self)
{
  g_cancellable_cancel (self->credentials_cancellable);
  g_clear_object (&self->credentials_cancellable);
  g_clear_weak_pointer (&self->credentials_environment);
  if (self->watched_window != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_window, window_active_cb, self);
  g_clear_weak_pointer (&self->watched_window);
}
