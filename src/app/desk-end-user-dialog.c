/* desk-end-user-dialog.c — finding an end user by email, or creating one, for the form
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Support staff have the customer's email, not an end-user ID (design.md "Onboarding"). What
 * is typed is checked here first (email, E.164 phone, ABN checksum); nothing is sent while a
 * field is wrong.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-contact-checks.h"
#include "desk-end-user-dialog.h"

struct _DeskEndUserDialog
{
  AdwWindow              parent_instance;

  DeskEnvironment       *environment;
  DeskEndUserDialogMode  mode;
  GCancellable          *cancellable;
  GPtrArray             *matches;       /* DeskEndUser, in the list's order */

  /* template */
  AdwWindowTitle        *window_title;
  AdwEntryRow           *email_row;
  AdwEntryRow           *name_row;
  AdwEntryRow           *phone_row;
  AdwEntryRow           *abn_row;
  GtkLabel              *message_label;
  GtkWidget             *submit_button;
  GtkSpinner            *spinner;
  GtkWidget             *matches_group;
  GtkListBox            *matches_list;
};

G_DEFINE_FINAL_TYPE (DeskEndUserDialog, desk_end_user_dialog, ADW_TYPE_WINDOW)

enum
{
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void find_by_email (DeskEndUserDialog *self,
                           const char        *email);

static const char *
text_of (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text != NULL && *text != '\0' ? text : NULL;
}

static void
show_message (DeskEndUserDialog *self,
              const char        *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_busy (DeskEndUserDialog *self,
          gboolean           busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->submit_button, !busy);
}

static void
field_changed_cb (DeskEndUserDialog *self)
{
  show_message (self, NULL);
}

static void
choose (DeskEndUserDialog *self,
        const DeskEndUser *end_user,
        gboolean           created)
{
  g_signal_emit (self, signals[CHOSEN], 0, end_user, created);
  gtk_window_close (GTK_WINDOW (self));
}

static void
match_activated_cb (DeskEndUserDialog *self,
                    GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->matches->len)
    choose (self, g_ptr_array_index (self->matches, index), FALSE);
}

static const char *
or_unknown (const char *text)
{
  return text != NULL ? text : _("unknown");
}

static void
show_matches (DeskEndUserDialog *self,
              GPtrArray         *matches)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matches_list))) != NULL)
    gtk_list_box_remove (self->matches_list, child);
  g_ptr_array_set_size (self->matches, 0);

  for (guint i = 0; i < matches->len; i++)
    {
      const DeskEndUser *end_user = g_ptr_array_index (matches, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Fields from the API may be missing: said, never a crash. */
      /* Translators: an end user's email, phone and ID, e.g. "a@b.c · +61… · eu_1" */
      subtitle = g_strdup_printf (_("%s · %s · %s"), or_unknown (end_user->email),
                                  or_unknown (end_user->phone), end_user->id);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     end_user->name != NULL ? end_user->name : _("No name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->matches_list, row);
      g_ptr_array_add (self->matches, desk_end_user_copy (end_user));
    }

  gtk_widget_set_visible (self->matches_group, matches->len > 0);
  if (matches->len > 0)
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->matches_list)));
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  DeskEndUserDialog *self = user_data;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  matches = desk_fiskil_client_find_end_users_finish (DESK_FISKIL_CLIENT (source), result,
                                                      &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (matches == NULL)
    {
      show_message (self, error->message);
      return;
    }

  if (matches->len == 0)
    {
      /* Translators: %s is an email address */
      message = g_strdup_printf (_("No end user has the email “%s” in this environment. "
                                   "Create one instead."), text_of (self->email_row));
      show_message (self, message);
    }

  show_matches (self, matches);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeskEndUserDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskEndUser) end_user = NULL;
  g_autofree char *id = NULL;
  const DeskApiError *api_error;

  id = desk_fiskil_client_create_end_user_finish (DESK_FISKIL_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (id != NULL)
    {
      end_user = desk_end_user_new (id, text_of (self->email_row), text_of (self->name_row),
                                    text_of (self->phone_row));
      choose (self, end_user, TRUE);
      return;
    }

  /* fiskil-api.md §4: a duplicate email. The existing one is offered instead. */
  api_error = desk_fiskil_error_get_api_error (error);
  if (api_error != NULL && g_strcmp0 (api_error->name, "end_user_already_exists") == 0)
    {
      show_message (self, _("An end user with this email already exists. Choose it below."));
      find_by_email (self, text_of (self->email_row));
      return;
    }

  show_message (self, error->message);
}

typedef enum
{
  REQUEST_FIND,
  REQUEST_CREATE,
} Request;

typedef struct
{
  DeskEndUserDialog *self;
  Request            request;
  char              *email;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending->email);
  g_free (pending);
}

static void
client_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  DeskEndUserDialog *self = pending->self;
  g_autoptr(DeskFiskilClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = desk_environment_ensure_client_finish (DESK_ENVIRONMENT (source), result, &error);
  if (client == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_busy (self, FALSE);
          show_message (self, error->message);
        }
    }
  else if (pending->request == REQUEST_FIND)
    {
      desk_fiskil_client_find_end_users_async (client, pending->email, self->cancellable,
                                               found_cb, self);
    }
  else
    {
      desk_fiskil_client_create_end_user_async (client, pending->email,
                                                text_of (self->name_row),
                                                text_of (self->phone_row),
                                                text_of (self->abn_row),
                                                self->cancellable, created_cb, self);
    }

  pending_free (pending);
}

static void
ask (DeskEndUserDialog *self,
     Request            request,
     const char        *email)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->request = request;
  pending->email = g_strdup (email);
  set_busy (self, TRUE);
  desk_environment_ensure_client_async (self->environment, self->cancellable, client_ready_cb,
                                        pending);
}

static void
find_by_email (DeskEndUserDialog *self,
               const char        *email)
{
  ask (self, REQUEST_FIND, email);
}

/* Every field is checked before anything is sent; the first problem is said and focused. */
static gboolean
check_fields (DeskEndUserDialog *self)
{
  g_autoptr(GError) error = NULL;
  AdwEntryRow *at_fault = NULL;

  if (!desk_check_email (text_of (self->email_row), &error))
    at_fault = self->email_row;
  else if (self->mode == DESK_END_USER_DIALOG_CREATE && text_of (self->phone_row) != NULL
           && !desk_check_e164 (text_of (self->phone_row), &error))
    at_fault = self->phone_row;
  else if (self->mode == DESK_END_USER_DIALOG_CREATE && text_of (self->abn_row) != NULL
           && !desk_check_abn (text_of (self->abn_row), &error))
    at_fault = self->abn_row;

  if (at_fault == NULL)
    return TRUE;

  show_message (self, error->message);
  gtk_widget_grab_focus (GTK_WIDGET (at_fault));

  return FALSE;
}

static void
submit_cb (DeskEndUserDialog *self)
{
  if (!gtk_widget_get_sensitive (self->submit_button) || !check_fields (self))
    return;

  ask (self, self->mode == DESK_END_USER_DIALOG_FIND ? REQUEST_FIND : REQUEST_CREATE,
       text_of (self->email_row));
}

static void
desk_end_user_dialog_dispose (GObject *object)
{
  DeskEndUserDialog *self = DESK_END_USER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->environment);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_end_user_dialog_parent_class)->dispose (object);
}

static void
desk_end_user_dialog_class_init (DeskEndUserDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_end_user_dialog_dispose;

  signals[CHOSEN] =
    g_signal_new ("chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  DESK_TYPE_END_USER | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-end-user-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskEndUserDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DeskEndUserDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEndUserDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEndUserDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEndUserDialog, abn_row);
  gtk_widget_class_bind_template_child (widget_class, DeskEndUserDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, DeskEndUserDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, DeskEndUserDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskEndUserDialog, matches_group);
  gtk_widget_class_bind_template_child (widget_class, DeskEndUserDialog, matches_list);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
desk_end_user_dialog_init (DeskEndUserDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_end_user_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->matches_list, "row-activated",
                           G_CALLBACK (match_activated_cb), self, G_CONNECT_SWAPPED);
}

DeskEndUserDialog *
desk_end_user_dialog_new (GtkWindow             *parent,
                          DeskEnvironment       *environment,
                          DeskEndUserDialogMode  mode)
{
  DeskEndUserDialog *self;
  gboolean create = mode == DESK_END_USER_DIALOG_CREATE;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT (environment), NULL);

  self = g_object_new (DESK_TYPE_END_USER_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->environment = g_object_ref (environment);
  self->mode = mode;

  adw_window_title_set_title (self->window_title,
                              create ? _("Create an end user") : _("Find an end user"));
  adw_window_title_set_subtitle (self->window_title, desk_environment_get_title (environment));
  gtk_button_set_label (GTK_BUTTON (self->submit_button), create ? _("_Create") : _("_Search"));
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), create);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_row), create);
  gtk_widget_set_visible (GTK_WIDGET (self->abn_row), create);
  gtk_widget_grab_focus (GTK_WIDGET (self->email_row));

  return self;
}
