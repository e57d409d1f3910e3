/* desk-handoff-view.c — the hand-off page: the link for the customer, and word of their consent
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Onboarding a customer": the customer finishes on their own device, with their own
 * bank login, so nothing here loads auth_url. The page hands the link over (QR code, copy,
 * browser, email), says what the attempt's consent watch last found, and takes the address the
 * customer's browser ended on. The attempt decides every outcome.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-handoff-view.h"
#include "desk-qr-code.h"
#include "desk-time-format.h"

/* The QR code's side aims at this many pixels: scannable from a screen at arm's length. */
#define QR_TARGET_SIZE   300
#define QR_MIN_SCALE     4    /* pixels per module, never fewer */
#define QR_QUIET_MODULES 8    /* the quiet zone, both sides together */

struct _DeskHandoffView
{
  GtkWidget        parent_instance;

  DeskAttempt     *attempt;
  GCancellable    *cancellable;   /* launches of this attempt's link */
  guint            tick_id;
  guint            n_listings;
  char            *watch_error;   /* the last listing's failure, NULL when it went through */
  gint64           next_check;    /* monotonic µs of the next listing; 0: unknown */

  /* template */
  AdwToastOverlay *toast_overlay;
  GtkPicture      *qr_picture;
  GtkLabel        *qr_error_label;
  GtkLabel        *end_user_label;
  GtkLabel        *link_label;
  GtkLabel        *expiry_label;
  GtkLabel        *status_label;
  AdwEntryRow     *paste_row;
  GtkLabel        *paste_error_label;
};

G_DEFINE_FINAL_TYPE (DeskHandoffView, desk_handoff_view, GTK_TYPE_WIDGET)

static const DeskAuthSession *
get_session (DeskHandoffView *self)
{
  return self->attempt != NULL ? desk_attempt_get_session (self->attempt) : NULL;
}

static gboolean
is_waiting (DeskHandoffView *self)
{
  return self->attempt != NULL
         && desk_attempt_get_state (self->attempt) == DESK_ATTEMPT_STATE_CONSENTING;
}

char *
desk_handoff_mailto_uri (const char *email,
                         const char *subject,
                         const char *body)
{
  g_autofree char *to = NULL;
  g_autofree char *subject_escaped = NULL;
  g_autofree char *body_escaped = NULL;
  g_autofree char *crlf_body = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (subject != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  /* RFC 6068: only "@" stays literal in the address; everything that is not unreserved is
   * percent-encoded, so an "&" or "?" in any part cannot start another header. */
  to = email != NULL ? g_uri_escape_string (email, "@", FALSE) : g_strdup ("");
  subject_escaped = g_uri_escape_string (subject, NULL, FALSE);
  lines = g_strsplit (body, "\n", -1);
  crlf_body = g_strjoinv ("\r\n", lines);
  body_escaped = g_uri_escape_string (crlf_body, NULL, FALSE);

  return g_strconcat ("mailto:", to, "?subject=", subject_escaped, "&body=", body_escaped,
                      NULL);
}

char *
desk_handoff_compose_mailto (const DeskEndUser *end_user,
                             const char        *auth_url,
                             gint64             expires_at)
{
  g_autofree char *greeting = NULL;
  g_autofree char *until = NULL;
  g_autofree char *expiry = NULL;
  g_autofree char *body = NULL;
  const char *email = end_user != NULL && end_user->email != NULL && *end_user->email != '\0'
                      ? end_user->email : NULL;

  g_return_val_if_fail (auth_url != NULL, NULL);

  if (end_user != NULL && end_user->name != NULL && *end_user->name != '\0')
    /* Translators: the first line of the email to the customer; %s is their name */
    greeting = g_strdup_printf (_("Hello %s,"), end_user->name);
  else
    greeting = g_strdup (_("Hello,"));

  expiry = desk_format_unix_time (expires_at);
  if (expiry != NULL)
    /* Translators: in the email to the customer; %s is a date and time with its zone */
    until = g_strdup_printf (_("The link works once, until %s."), expiry);
  else
    until = g_strdup (_("The link works once."));

  body = g_strdup_printf ("%s\n\n%s\n\n%s\n\n%s\n", greeting,
                          _("Please open this link on your own phone or computer to connect "
                            "your bank. You sign in to your bank yourself: we never see your "
                            "login."),
                          auth_url, until);

  return desk_handoff_mailto_uri (email, _("Your link to connect your bank"), body);
}

static void
show_toast (DeskHandoffView *self,
            const char      *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* "Something went wrong." → "Something went wrong": for a sentence that goes on. */
static char *
without_final_period (const char *message)
{
  gsize length = strlen (message);

  if (length > 0 && message[length - 1] == '.')
    length--;

  return g_strndup (message, length);
}

static void
update_status (DeskHandoffView *self)
{
  g_autofree char *text = NULL;
  gint64 remaining_us;
  guint seconds;
  DeskAttemptState state = self->attempt != NULL ? desk_attempt_get_state (self->attempt)
                                                 : DESK_ATTEMPT_STATE_NEW;

  remaining_us = self->next_check != 0 ? self->next_check - g_get_monotonic_time () : 0;
  seconds = remaining_us > 0 ? (guint) ((remaining_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC)
                             : 0;

  if (state == DESK_ATTEMPT_STATE_CHECKING)
    text = g_strdup (_("The customer has finished: confirming the consent with Fiskil…"));
  else if (state != DESK_ATTEMPT_STATE_CONSENTING)
    text = g_strdup ("");
  else if (self->watch_error != NULL)
    /* Translators: %s is why the consent listing failed; %u is seconds */
    text = g_strdup_printf (_("Could not check: %s. Trying again in %u s."), self->watch_error,
                            seconds);
  else if (self->n_listings == 0)
    text = g_strdup (_("Waiting for the customer…"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Waiting for the customer… checked %u time, next "
                                         "check in %u s",
                                         "Waiting for the customer… checked %u times, next "
                                         "check in %u s",
                                         self->n_listings),
                            self->n_listings, seconds);

  gtk_label_set_text (self->status_label, text);
}

static void
update_expiry (DeskHandoffView *self)
{
  const DeskAuthSession *session = get_session (self);
  g_autofree char *at = NULL;
  g_autofree char *left = NULL;
  g_autofree char *text = NULL;
  gint64 expiry;
  gint64 remaining;

  if (session == NULL)
    {
      gtk_label_set_text (self->expiry_label, "");
      return;
    }

  expiry = desk_auth_session_get_local_expiry (session);
  remaining = expiry - g_get_real_time () / G_USEC_PER_SEC;
  at = desk_format_unix_time (expiry);

  if (remaining <= 0)
    /* Translators: %s is a date and time with its zone */
    text = g_strdup_printf (_("The link expired at %s"), at != NULL ? at : "—");
  else
    {
      /* A session of days reads "4 days", not "7199:59" (minutes). */
      left = desk_format_time_left (remaining);
      /* Translators: "The link expires in 14:32, at 2026-12-04 17:05:09 AEDT"; the time left
       * may also read "1:02:03" or "4 days" */
      text = g_strdup_printf (_("The link expires in %s, at %s"), left, at != NULL ? at : "—");
    }

  gtk_label_set_text (self->expiry_label, text);
}

static gboolean
on_tick (gpointer user_data)
{
  DeskHandoffView *self = DESK_HANDOFF_VIEW (user_data);

  update_expiry (self);
  update_status (self);

  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (DeskHandoffView *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

/* The countdowns tick only while someone can see them. */
static void
start_ticking (DeskHandoffView *self)
{
  if (self->tick_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)) || !is_waiting (self))
    return;

  self->tick_id = g_timeout_add_seconds (1, on_tick, self);
}

static void
show_qr_code (DeskHandoffView *self,
              const char      *auth_url)
{
  g_autoptr(GdkPaintable) code = NULL;
  g_autoptr(GError) error = NULL;
  int total;
  int scale;

  code = auth_url != NULL ? desk_qr_code_new (auth_url, &error) : NULL;
  gtk_picture_set_paintable (self->qr_picture, code);
  gtk_widget_set_visible (GTK_WIDGET (self->qr_picture), code != NULL);
  gtk_label_set_text (self->qr_error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->qr_error_label), error != NULL);
  if (code == NULL)
    return;

  /* Whole pixels per module: the paintable then draws every module sharp-edged. */
  total = (int) desk_qr_code_get_modules (DESK_QR_CODE (code)) + QR_QUIET_MODULES;
  scale = MAX (QR_MIN_SCALE, QR_TARGET_SIZE / total);
  gtk_widget_set_size_request (GTK_WIDGET (self->qr_picture), total * scale, total * scale);
}

static void
show_end_user (DeskHandoffView *self)
{
  const DeskEndUser *end_user = self->attempt != NULL
                                ? desk_attempt_get_end_user (self->attempt, NULL) : NULL;
  const DeskSessionRequest *request = self->attempt != NULL
                                      ? desk_attempt_get_request (self->attempt) : NULL;
  g_autofree char *text = NULL;

  if (end_user != NULL)
    text = desk_end_user_describe (end_user, FALSE);
  if (text == NULL && request != NULL && request->end_user_id != NULL)
    /* Translators: %s is an end-user ID, when the name and email are not known */
    text = g_strdup_printf (_("End user %s"), request->end_user_id);

  gtk_label_set_text (self->end_user_label, text != NULL ? text : "");
}

static void
update_actions (DeskHandoffView *self)
{
  gboolean has_link = get_session (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handoff.copy-link", has_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handoff.open-link", has_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handoff.email-link", has_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handoff.check-address",
                                 is_waiting (self));
}

static void
show_session (DeskHandoffView *self)
{
  const DeskAuthSession *session = get_session (self);

  show_qr_code (self, session != NULL ? session->auth_url : NULL);
  gtk_label_set_text (self->link_label, session != NULL ? session->auth_url : "");
  show_end_user (self);
  update_expiry (self);
  update_status (self);
  update_actions (self);
}

static void
on_state_changed (DeskAttempt     *attempt,
                  GParamSpec      *pspec,
                  DeskHandoffView *self)
{
  show_session (self);

  if (is_waiting (self))
    start_ticking (self);
  else
    stop_ticking (self);
}

static void
on_consent_watch (DeskAttempt     *attempt,
                  guint            n_listings,
                  const GError    *error,
                  guint            retry_in_ms,
                  DeskHandoffView *self)
{
  const char *sentence_end;

  self->n_listings = n_listings;
  g_clear_pointer (&self->watch_error, g_free);
  /* The status line keeps to the first sentence; the whole message is in its tooltip (and in
   * the timeline). */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label),
                               error != NULL ? error->message : NULL);
  if (error != NULL)
    {
      sentence_end = strstr (error->message, ". ");
      self->watch_error = sentence_end != NULL
                          ? g_strndup (error->message, sentence_end - error->message)
                          : without_final_period (error->message);
    }
  self->next_check = g_get_monotonic_time () + (gint64) retry_in_ms * 1000;

  update_status (self);
}

static void
set_paste_error (DeskHandoffView *self,
                 const char      *message)
{
  gtk_label_set_text (self->paste_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->paste_error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->paste_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->paste_row), "error");
}

static void
on_paste_changed (GtkEditable     *editable,
                  DeskHandoffView *self)
{
  set_paste_error (self, NULL);
}

static void
check_address_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DeskHandoffView *self = DESK_HANDOFF_VIEW (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->paste_row));
  g_autoptr(GError) error = NULL;

  if (self->attempt == NULL)
    return;

  /* The attempt reads it (an empty field included) and says what is wrong with it. TRUE: the
   * attempt has ended with it, and the window moves on to the outcome. */
  if (!desk_attempt_report_pasted (self->attempt, text, &error))
    set_paste_error (self, error->message);
}

static void
on_paste_activated (AdwEntryRow     *row,
                    DeskHandoffView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "handoff.check-address", NULL);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskHandoffView *self = DESK_HANDOFF_VIEW (widget);
  const DeskAuthSession *session = get_session (self);

  if (session == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), session->auth_url);
  show_toast (self, _("Link copied"));
}

typedef struct
{
  DeskHandoffView *view;  /* owned */
  gboolean         email;  /* the mail app, else the browser */
} Launch;

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Launch *launch = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !gtk_widget_in_destruction (GTK_WIDGET (launch->view)))
    {
      g_autofree char *reason = without_final_period (error->message);
      g_autofree char *text = NULL;

      if (launch->email)
        /* Translators: %s is why no email app could be opened */
        text = g_strdup_printf (_("Could not open an email app: %s. Copy the link instead."),
                                reason);
      else
        /* Translators: %s is why no browser could be opened */
        text = g_strdup_printf (_("Could not open a browser: %s. Copy the link instead."),
                                reason);

      show_toast (launch->view, text);
    }

  g_object_unref (launch->view);
  g_free (launch);
}

/* Through GIO: the desktop's default handler, or the OpenURI portal inside Flatpak. */
static void
launch_uri (DeskHandoffView *self,
            const char      *uri,
            gboolean         email)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;
  Launch *launch = g_new0 (Launch, 1);

  launch->view = g_object_ref (self);
  launch->email = email;
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context),
                                           self->cancellable, launched_cb, launch);
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskHandoffView *self = DESK_HANDOFF_VIEW (widget);
  const DeskAuthSession *session = get_session (self);

  if (session == NULL)
    return;

  launch_uri (self, session->auth_url, FALSE);
}

static void
email_link_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DeskHandoffView *self = DESK_HANDOFF_VIEW (widget);
  const DeskAuthSession *session = get_session (self);
  g_autofree char *mailto = NULL;

  if (session == NULL)
    return;

  mailto = desk_handoff_compose_mailto (desk_attempt_get_end_user (self->attempt, NULL),
                                        session->auth_url,
                                        desk_auth_session_get_local_expiry (session));
  launch_uri (self, mailto, TRUE);
}

static void
desk_handoff_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (desk_handoff_view_parent_class)->map (widget);

  start_ticking (DESK_HANDOFF_VIEW (widget));
}

static void
desk_handoff_view_unmap (GtkWidget *widget)
{
  stop_ticking (DESK_HANDOFF_VIEW (widget));

  GTK_WIDGET_CLASS (desk_handoff_view_parent_class)->unmap (widget);
}

static void
desk_handoff_view_dispose (GObject *object)
{
  DeskHandoffView *self = DESK_HANDOFF_VIEW (object);

  desk_handoff_view_set_attempt (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_HANDOFF_VIEW);

  G_OBJECT_CLASS (desk_handoff_view_parent_class)->dispose (object);
}

static void
desk_handoff_view_class_init (DeskHandoffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_handoff_view_dispose;
  widget_class->map = desk_handoff_view_map;
  widget_class->unmap = desk_handoff_view_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-handoff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskHandoffView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskHandoffView, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, DeskHandoffView, qr_error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskHandoffView, end_user_label);
  gtk_widget_class_bind_template_child (widget_class, DeskHandoffView, link_label);
  gtk_widget_class_bind_template_child (widget_class, DeskHandoffView, expiry_label);
  gtk_widget_class_bind_template_child (widget_class, DeskHandoffView, status_label);
  gtk_widget_class_bind_template_child (widget_class, DeskHandoffView, paste_row);
  gtk_widget_class_bind_template_child (widget_class, DeskHandoffView, paste_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_paste_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_paste_activated);

  gtk_widget_class_install_action (widget_class, "handoff.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "handoff.open-link", NULL, open_link_action);
  gtk_widget_class_install_action (widget_class, "handoff.email-link", NULL,
                                   email_link_action);
  gtk_widget_class_install_action (widget_class, "handoff.check-address", NULL,
                                   check_address_action);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
desk_handoff_view_init (DeskHandoffView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

DeskHandoffView *
desk_handoff_view_new (void)
{
  return g_object_new (DESK_TYPE_HANDOFF_VIEW, NULL);
}

void
desk_handoff_view_set_attempt (DeskHandoffView *self,
                               DeskAttempt     *attempt)
{
  g_return_if_fail (DESK_IS_HANDOFF_VIEW (self));
  g_return_if_fail (attempt == NULL || DESK_IS_ATTEMPT (attempt));

  if (self->attempt == attempt)
    return;

  stop_ticking (self);
  /* A browser still starting for the last customer is of no use to the next one. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->attempt != NULL)
    g_signal_handlers_disconnect_by_data (self->attempt, self);
  g_set_object (&self->attempt, attempt);

  self->n_listings = 0;
  self->next_check = 0;
  g_clear_pointer (&self->watch_error, g_free);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), NULL);
  /* One customer's address never lingers into the next attempt. */
  gtk_editable_set_text (GTK_EDITABLE (self->paste_row), "");
  set_paste_error (self, NULL);

  if (attempt != NULL)
    {
      self->cancellable = g_cancellable_new ();
      g_signal_connect_object (attempt, "notify::state", G_CALLBACK (on_state_changed), self, 0);
      g_signal_connect_object (attempt, "consent-watch", G_CALLBACK (on_consent_watch), self,
                               0);
      on_state_changed (attempt, NULL, self);
    }
  else
    show_session (self);
}

DeskAttempt *
desk_handoff_view_get_attempt (DeskHandoffView *self)
{
  g_return_val_if_fail (DESK_IS_HANDOFF_VIEW (self), NULL);

  return self->attempt;
}

const char *
desk_handoff_view_get_status (DeskHandoffView *self)
{
  g_return_val_if_fail (DESK_IS_HANDOFF_VIEW (self), NULL);

  return gtk_label_get_text (self->status_label);
}

const char *
desk_handoff_view_get_paste_error (DeskHandoffView *self)
{
  g_return_val_if_fail (DESK_IS_HANDOFF_VIEW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->paste_error_label)))
    return NULL;

  return gtk_label_get_text (self->paste_error_label);
}
