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
#include "desk-web-module.h"

struct _DeskAttemptPage
{
  GtkWidget          parent_instance;

  DeskAttempt       *attempt;
  guint              countdown_id;

  /* template */
  AdwToastOverlay   *toast_overlay;
  GtkWidget         *details_bar;
  GtkLabel          *summary_label;
  GtkToggleButton   *details_button;
  GtkToggleButton   *timeline_button;
  GtkLabel          *session_id_label;
  GtkLabel          *id_label;
  GtkLabel          *auth_url_label;
  GtkLabel          *expires_label;
  GtkRevealer       *details_revealer;
  GtkWidget         *countdown_squeezer;
  GtkLabel          *countdown_label;        /* "Expires in 1:02:03" */
  GtkLabel          *countdown_short_label;  /* "1:02:03", where that does not fit */
  GtkLabel          *end_user_label;
  GtkRevealer       *notice_revealer;
  GtkLabel          *notice_label;
  GtkStack          *content_stack;
  AdwBin            *consent_bin;
  GtkWidget         *consent_view;     /* the web module's, in consent_bin; NULL before */
  DeskHandoffView   *handoff_view;
  GtkPaned          *paned;
  GtkWidget         *timeline_box;
  DeskTimelineView  *timeline_view;
};

G_DEFINE_FINAL_TYPE (DeskAttemptPage, desk_attempt_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ATTEMPT,
  PROP_TIMELINE_EXPANDED,
  PROP_TIMELINE_POSITION,
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

static void
desk_attempt_page_update_countdown (DeskAttemptPage *self)
{
  const DeskAuthSession *session = NULL;
  g_autofree char *text = NULL;
  g_autofree char *left = NULL;
  gint64 remaining;

  /* Both forms: the squeezer shows the one that fits. None once the attempt is over. */
  if (self->attempt != NULL
      && desk_attempt_get_state (self->attempt) != DESK_ATTEMPT_STATE_FINISHED)
    session = desk_attempt_get_session (self->attempt);
  if (session != NULL)
    {
      remaining = desk_auth_session_get_local_expiry (session)
                  - g_get_real_time () / G_USEC_PER_SEC;
      text = desk_format_countdown (remaining);
      left = desk_format_time_left (remaining);
    }

  gtk_label_set_text (self->countdown_label, text != NULL ? text : "");
  gtk_label_set_text (self->countdown_short_label, left != NULL ? left : "");
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

  gtk_label_set_text (self->summary_label, session != NULL ? session->session_id : "—");
  gtk_widget_set_tooltip_text (self->countdown_squeezer, expires_text);
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
      desk_attempt_page_update_countdown (self);
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
      toast = _("Consent page address copied");
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
  self->consent_view = NULL;  /* went with consent_bin */

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
      g_value_set_boolean (value, gtk_toggle_button_get_active (self->timeline_button));
      break;

    case PROP_TIMELINE_POSITION:
      g_value_set_int (value, desk_attempt_page_get_timeline_position (self));
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
      gtk_toggle_button_set_active (self->timeline_button, g_value_get_boolean (value));
      break;

    case PROP_TIMELINE_POSITION:
      gtk_paned_set_position (self->paned, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_timeline_toggled (GtkToggleButton *button,
                     GParamSpec      *pspec,
                     DeskAttemptPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE_EXPANDED]);
}

/* GTK 4.8 has no getter for it. */
static gboolean
paned_position_set (GtkPaned *paned)
{
  gboolean set = FALSE;

  g_object_get (paned, "position-set", &set, NULL);

  return set;
}

/* Only a position the person chose is kept: the one GtkPaned computes for a new window size
 * is not. */
static void
on_paned_position (GtkPaned        *paned,
                   GParamSpec      *pspec,
                   DeskAttemptPage *self)
{
  if (paned_position_set (paned))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE_POSITION]);
}

typedef enum
{
  PANE_NONE = -1,
  PANE_DETAILS,
  PANE_PAGE,
  PANE_TIMELINE,
  N_PANES
} Pane;

static Pane
focused_pane (DeskAttemptPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL)
    return PANE_NONE;
  if (gtk_widget_is_ancestor (focus, self->details_bar)
      || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->details_revealer)))
    return PANE_DETAILS;
  if (gtk_widget_is_ancestor (focus, gtk_paned_get_start_child (self->paned))
      || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->notice_revealer)))
    return PANE_PAGE;
  if (gtk_widget_is_ancestor (focus, self->timeline_box))
    return PANE_TIMELINE;

  return PANE_NONE;
}

static gboolean
focus_pane (DeskAttemptPage *self,
            Pane             pane)
{
  GtkWidget *web_view;

  switch (pane)
    {
    case PANE_DETAILS:
      return gtk_widget_grab_focus (GTK_WIDGET (self->details_button));

    case PANE_PAGE:
      web_view = (GtkWidget *) desk_attempt_page_get_web_view (self);
      if (web_view != NULL && gtk_widget_get_mapped (web_view))
        return gtk_widget_grab_focus (web_view);
      return gtk_widget_child_focus (gtk_paned_get_start_child (self->paned),
                                     GTK_DIR_TAB_FORWARD);

    case PANE_TIMELINE:
      return gtk_widget_get_visible (self->timeline_box)
             && gtk_widget_child_focus (self->timeline_box, GTK_DIR_TAB_FORWARD);

    case PANE_NONE:
    case N_PANES:
    default:
      return FALSE;
    }
}

/* F6 and Shift+F6, GNOME's keys between the panes of a window: the session's details, the
 * consent page and the timeline. */
static void
cycle_pane_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);
  gboolean backward = g_variant_get_boolean (parameter);
  int step = backward ? N_PANES - 1 : 1;
  int pane = focused_pane (self);

  if (pane == PANE_NONE)
    pane = backward ? PANE_DETAILS : PANE_TIMELINE;

  for (int i = 0; i < N_PANES - 1; i++)
    {
      pane = (pane + step) % N_PANES;
      if (focus_pane (self, pane))
        return;
    }
}

/* Alt+D and Alt+T, as the buttons' mnemonics were before they became icons. */
static void
toggle_details_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DeskAttemptPage *self = DESK_ATTEMPT_PAGE (widget);

  gtk_toggle_button_set_active (self->details_button,
                                !gtk_toggle_button_get_active (self->details_button));
}

/* In the capture phase: the consent page never sees F6 (a browser's own use for it, the
 * address bar, does not exist here). */
static void
add_pane_shortcuts (DeskAttemptPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcut *shortcut;

  gtk_event_controller_set_name (controller, "pane-keys");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, 0),
                               gtk_named_action_new ("attempt.cycle-pane"));
  gtk_shortcut_set_arguments (shortcut, g_variant_new_boolean (FALSE));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, GDK_SHIFT_MASK),
                               gtk_named_action_new ("attempt.cycle-pane"));
  gtk_shortcut_set_arguments (shortcut, g_variant_new_boolean (TRUE));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);

  gtk_widget_add_controller (GTK_WIDGET (self), controller);
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
  properties[PROP_TIMELINE_POSITION] =
    g_param_spec_int ("timeline-position", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-attempt-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, details_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, details_button);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, timeline_button);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, session_id_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, id_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, auth_url_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, expires_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, countdown_squeezer);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, countdown_short_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, end_user_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, consent_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, handoff_view);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, paned);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, DeskAttemptPage, timeline_view);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_paned_position);

  gtk_widget_class_install_action (widget_class, "attempt.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "attempt.dismiss-notice", NULL,
                                   dismiss_notice_action);
  gtk_widget_class_install_action (widget_class, "attempt.cycle-pane", "b", cycle_pane_action);
  gtk_widget_class_install_action (widget_class, "attempt.toggle-details", NULL,
                                   toggle_details_action);
  gtk_widget_class_install_property_action (widget_class, "attempt.toggle-timeline",
                                            "timeline-expanded");
  /* In the bubble phase: Escape inside the consent page belongs to the page, and so do Alt+D
   * and Alt+T (an access key of the page's own). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-attempt",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_ALT_MASK,
                                       "attempt.toggle-details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_ALT_MASK,
                                       "attempt.toggle-timeline", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (DESK_TYPE_HANDOFF_VIEW);
  g_type_ensure (DESK_TYPE_TIMELINE_VIEW);
}

static void
desk_attempt_page_init (DeskAttemptPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_pane_shortcuts (self);
  desk_attempt_page_update_actions (self);
}

DeskAttemptPage *
desk_attempt_page_new (void)
{
  return g_object_new (DESK_TYPE_ATTEMPT_PAGE, NULL);
}

/* Who the session is for, when found or created by email (the hand-off page names them
 * itself). */
static void
desk_attempt_page_show_end_user (DeskAttemptPage *self,
                                 gboolean         handoff)
{
  const DeskEndUser *end_user = NULL;
  gboolean created = FALSE;
  g_autofree char *text = NULL;

  if (self->attempt != NULL && !handoff)
    end_user = desk_attempt_get_end_user (self->attempt, &created);
  if (end_user != NULL)
    text = desk_end_user_describe (end_user, created);

  gtk_label_set_text (self->end_user_label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->end_user_label), text);
  gtk_widget_set_visible (GTK_WIDGET (self->end_user_label), text != NULL);
}

/* The consent view comes from the web module, which the window loads when the attempt starts,
 * at the latest before its page opens (desk-window.c): made for the first attempt that shows a
 * page, then kept. Without the module there is none, and the window ends the attempt. */
static void
desk_attempt_page_show_consent (DeskAttemptPage *self,
                                DeskAttempt     *attempt)
{
  const DeskWebModule *web = desk_web_module_get ();

  if (web == NULL)
    return;

  if (self->consent_view == NULL && attempt != NULL)
    {
      self->consent_view = g_object_new (web->consent_view_get_type (), NULL);
      adw_bin_set_child (self->consent_bin, self->consent_view);
    }
  if (self->consent_view != NULL)
    web->consent_view_set_attempt (self->consent_view, attempt);
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
  desk_attempt_page_show_consent (self, handoff ? NULL : attempt);
  desk_handoff_view_set_attempt (self->handoff_view, handoff ? attempt : NULL);
  gtk_stack_set_visible_child_name (self->content_stack, handoff ? "handoff" : "consent");
  /* The hand-off page shows the expiry itself, large: two clocks would disagree by a tick. */
  gtk_widget_set_visible (self->countdown_squeezer, !handoff);
  desk_attempt_page_show_end_user (self, handoff);
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
  const DeskWebModule *web;

  g_return_val_if_fail (DESK_IS_ATTEMPT_PAGE (self), NULL);

  web = desk_web_module_get ();
  if (self->consent_view == NULL || web == NULL)
    return NULL;

  return (WebKitWebView *) web->consent_view_get_web_view (self->consent_view);
}

const char *
desk_attempt_page_get_notice (DeskAttemptPage *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->notice_revealer))
    return NULL;

  return gtk_label_get_text (self->notice_label);
}

int
desk_attempt_page_get_timeline_position (DeskAttemptPage *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT_PAGE (self), -1);

  return paned_position_set (self->paned) ? gtk_paned_get_position (self->paned) : -1;
}
