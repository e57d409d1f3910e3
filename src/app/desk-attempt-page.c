/* desk-attempt-page.c — the running attempt: session details, the consent view and its timeline
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent view follows design.md's "Callback matching" and "The web view's rules":
 * every navigation and new-window decision, in any frame, is checked against the redirect and
 * cancel URIs before anything is sent; a match is ignored and ends the attempt.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-attempt-page.h"
#include "desk-handoff-view.h"
#include "desk-time-format.h"
#include "desk-timeline-view.h"

struct _DeskAttemptPage
{
  GtkWidget          parent_instance;

  DeskAttempt       *attempt;
  guint              countdown_id;

  /* template */
  AdwToastOverlay   *toast_overlay;
  GtkLabel          *session_id_label;
  GtkLabel          *id_label;
  GtkLabel          *auth_url_label;
  GtkLabel          *expires_label;
  GtkLabel          *countdown_label;
  GtkRevealer       *notice_revealer;
  GtkLabel          *notice_label;
  GtkStack          *content_stack;
  DeskConsentView   *consent_view;
  DeskHandoffView   *handoff_view;
  GtkExpander       *timeline_expander;
  DeskTimelineView  *timeline_view;
};

G_DEFINE_FINAL_TYPE (DeskAttemptPage, desk_attempt_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ATTEMPT,
  PROP_TIMELINE_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
desk_attempt_page_is_consenting (DeskAttemptPage *self)
{
  return self->attempt != NULL
         && desk_attempt_get_state (self->attempt) == DESK_ATTEMPT_STATE_CONSENTING;
}

/* Something the page tried that Consent Desk refused: the person should see it. */
static void
on_notice (DeskAttempt     *attempt,
           const char      *code,
           const char      *uri,
           DeskAttemptPage *self)
{
  g_autofree char *text = desk_timeline_describe_notice (code, uri);

  gtk_label_set_text (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

static char *
format_countdown (gint64 remaining)
{
  g_autofree char *clock = NULL;

  if (remaining <= 0)
    return g_strdup (_("Expired"));

  if (remaining >= 3600)
    clock = g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", remaining / 3600,
                             (int) (remaining / 60 % 60), (int) (remaining % 60));
  else
    clock = g_strdup_printf ("%d:%02d", (int) (remaining / 60), (int) (remaining % 60));

  /* Translators: %s is a countdown such as "14:32" or "1:02:03" */
  return g_strdup_printf (_("Expires in %s"), clock);
}

static void
desk_attempt_page_update_countdown (DeskAttemptPage *self)
{
  const DeskAuthSession *session;
  g_autofree char *text = NULL;

  session = self->attempt != NULL ? desk_attempt_get_session (self->attempt) : NULL;
  if (session == NULL)
    {
      gtk_label_set_text (self->countdown_label, "");
      return;
    }

  text = format_countdown (desk_auth_session_get_local_expiry (session)
                           - g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_text (self->countdown_label, text);
}

static gboolean
on_countdown_tick (gpointer user_data)
{
  desk_attempt_page_update_countdown (DESK_ATTEMPT_PAGE (user_data));

  return G_SOURCE_CONTINUE;
}

static void
desk_attempt_page_stop_countdown (DeskAttemptPage *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
}

/* Ticks only while someone can see it. */
static void
desk_attempt_page_start_countdown (DeskAttemptPage *self)
{
  if (self->countdown_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self))
      || !desk_attempt_page_is_consenting (self))
    return;

  desk_attempt_page_update_countdown (self);
  self->countdown_id = g_timeout_add (1000, on_countdown_tick, self);
}

static void
desk_attempt_page_show_session (DeskAttemptPage *self)
{
  const DeskAuthSession *session;
  g_autofree char *expires_text = NULL;

  session = self->attempt != NULL ? desk_attempt_get_session (self->attempt) : NULL;
  if (session != NULL)
    expires_text = desk_format_unix_time (desk_auth_session_get_local_expiry (session));

  gtk_label_set_text (self->session_id_label, session != NULL ? session->session_id : "—");
  gtk_label_set_text (self->id_label,
                      session != NULL && session->id != NULL ? session->id : "—");
  gtk_label_set_text (self->auth_url_label, session != NULL ? session->auth_url : "—");
  gtk_label_set_text (self->expires_label, expires_text != NULL ? expires_text : "—");
  desk_attempt_page_update_countdown (self);
}

static void
desk_attempt_page_update_actions (DeskAttemptPage *self)
{
  gboolean has_session = self->attempt != NULL && desk_attempt_get_session (self->attempt) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attempt.copy", has_session);
}

static void
on_attempt_state_changed (DeskAttempt     *attempt,
                          GParamSpec      *pspec,
                          DeskAttemptPage *self)
{
  desk_attempt_page_show_session (self);
  desk_attempt_page_update_actions (self);

  switch (desk_attempt_get_state (attempt))
    {
    case DESK_ATTEMPT_STATE_CONSENTING:
      desk_attempt_page_start_countdown (self);
      break;

    case DESK_ATTEMPT_STATE_FINISHED:
      desk_attempt_page_stop_countdown (self);
      gtk_label_set_text (self->countdown_label, "");
      break;

    case DESK_ATTEMPT_STATE_NEW:
    case DESK_ATTEMPT_STATE_PREPARING:
    case DESK_ATTEMPT_STATE_CREATING:
    default:
      break;
    }
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);
  const char *field = g_variant_get_string (parameter, NULL);
  const DeskAuthSession *session;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *expires_text = NULL;
  const char *text = NULL;
  const char *toast = NULL;

  session = self->attempt != NULL ? desk_attempt_get_session (self->attempt) : NULL;
  if (session == NULL)
    return;

  if (g_str_equal (field, "session-id"))
    {
      text = session->session_id;
      toast = _("Session ID copied");
    }
  else if (g_str_equal (field, "id"))
    {
      text = session->id;
      toast = _("ID copied");
    }
  else if (g_str_equal (field, "auth-url"))
    {
      text = session->auth_url;
      toast = _("Auth URL copied");
    }
  else if (g_str_equal (field, "expires-at"))
    {
      /* ISO 8601 with the offset: unambiguous when pasted into a ticket. */
      expires = g_date_time_new_from_unix_local (session->expires_at);
      expires_text = expires != NULL ? g_date_time_format_iso8601 (expires) : NULL;
      text = expires_text;
      toast = _("Expiry time copied");
    }

  if (text == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (toast));
}

static void
dismiss_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);

  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

static void
desk_attempt_page_map (GtkWidget *widget)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);

  GTK_WIDGET_CLASS (desk_attempt_page_parent_class)->map (widget);

  desk_attempt_page_start_countdown (self);
}

static void
desk_attempt_page_unmap (GtkWidget *widget)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);

  desk_attempt_page_stop_countdown (self);

  GTK_WIDGET_CLASS (desk_attempt_page_parent_class)->unmap (widget);
}

static void
desk_attempt_page_dispose (GObject *object)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (object);

  desk_attempt_page_set_attempt (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_ATTEMPT_PAGE);

  G_OBJECT_CLASS (desk_attempt_page_parent_class)->dispose (object);
}

static void
desk_attempt_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (object);

  switch (prop_id)
    {
    case PROP_ATTEMPT:
      g_value_set_object (value, self->attempt);
      break;

    case PROP_TIMELINE_EXPANDED:
      g_value_set_boolean (value, gtk_expander_get_expanded (self->timeline_expander));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_attempt_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (object);

  switch (prop_id)
    {
    case PROP_ATTEMPT:
      desk_attempt_page_set_attempt (self, g_value_get_object (value));
      break;

    case PROP_TIMELINE_EXPANDED:
      gtk_expander_set_expanded (self->timeline_expander, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_expander_expanded (GtkExpander     *expander,
                      GParamSpec      *pspec,
                      DeskAttemptPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE_EXPANDED]);
}

static void
desk_attempt_page_class_init (DeskAttemptPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_attempt_page_dispose;
  object_class->get_property = desk_attempt_page_get_property;
  object_class->set_property = desk_attempt_page_set_property;

  widget_class->map = desk_attempt_page_map;
  widget_class->unmap = desk_attempt_page_unmap;

  properties[PROP_ATTEMPT] =
    g_param_spec_object ("attempt", NULL, NULL, DESK_TYPE_ATTEMPT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMELINE_EXPANDED] =
    g_param_spec_boolean ("timeline-expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-attempt-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, session_id_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, id_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, auth_url_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, expires_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, consent_view);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, handoff_view);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, timeline_expander);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, timeline_view);
  gtk_widget_class_bind_template_callback (widget_class, on_expander_expanded);

  gtk_widget_class_install_action (widget_class, "attempt.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "attempt.dismiss-notice", NULL,
                                   dismiss_notice_action);
  /* In the bubble phase: Escape inside the consent page belongs to the page. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-attempt",
                                       NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (DESK_TYPE_CONSENT_VIEW);
  g_type_ensure (DESK_TYPE_HANDOFF_VIEW);
  g_type_ensure (DESK_TYPE_TIMELINE_VIEW);
}

static void
desk_attempt_page_init (DeskAttemptPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_attempt_page_update_actions (self);
}

DeskAttemptPage *
desk_attempt_page_new (void)
{
  return g_object_new (DESK_TYPE_ATTEMPT_PAGE, NULL);
}

void
desk_attempt_page_set_attempt (DeskAttemptPage *self,
                               DeskAttempt     *attempt)
{
  gboolean handoff;

  g_return_if_fail (DESK_IS_ATTEMPT_PAGE (self));
  g_return_if_fail (attempt == NULL || DESK_IS_ATTEMPT (attempt));

  if (self->attempt == attempt)
    return;

  desk_attempt_page_stop_countdown (self);
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
  if (self->attempt != NULL)
    g_signal_handlers_disconnect_by_data (self->attempt, self);
  g_set_object (&self->attempt, attempt);

  /* Hand-off loads nothing here: the customer finishes on their own device. */
  handoff = attempt != NULL
            && desk_attempt_get_integration (attempt) == DESK_INTEGRATION_HAND_OFF;
  desk_consent_view_set_attempt (self->consent_view, handoff ? NULL : attempt);
  desk_handoff_view_set_attempt (self->handoff_view, handoff ? attempt : NULL);
  gtk_stack_set_visible_child_name (self->content_stack, handoff ? "handoff" : "consent");
  desk_timeline_view_set_model (self->timeline_view,
                                attempt != NULL
                                  ? G_LIST_MODEL (desk_attempt_get_timeline (attempt)) : NULL);

  if (attempt != NULL)
    {
      g_signal_connect_object (attempt, "notify::state",
                               G_CALLBACK (on_attempt_state_changed), self, 0);
      g_signal_connect_object (attempt, "notice", G_CALLBACK (on_notice), self, 0);
    }

  desk_attempt_page_show_session (self);
  desk_attempt_page_update_actions (self);
  if (attempt != NULL)
    on_attempt_state_changed (attempt, NULL, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPT]);
}

DeskAttempt *
desk_attempt_page_get_attempt (DeskAttemptPage *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT_PAGE (self), NULL);

  return self->attempt;
}

WebKitWebView *
desk_attempt_page_get_web_view (DeskAttemptPage *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT_PAGE (self), NULL);

  return desk_consent_view_get_web_view (self->consent_view);
}

const char *
desk_attempt_page_get_notice (DeskAttemptPage *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->notice_revealer))
    return NULL;

  return gtk_label_get_text (self->notice_label);
}
