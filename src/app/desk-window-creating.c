/* desk-window-creating.c — DeskWindow's first page for an attempt started before it was shown
 * (--start): "Creating the Session…", then the consent page once it has something to show
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-window-private.h"

/* The longest the page stays after Fiskil has answered, for a consent page slow to come. */
#define PAGE_WAIT_MS 500

/* Nothing on the page takes the focus, so a screen reader heard only the window's title: the
 * header's Cancel takes it, and its description says what is going on (as the form's does)
 * while the session is still being created. */
static void
creating_page_mapped_cb (DeskWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->watched != NULL
      && desk_attempt_get_state (self->watched) < DESK_ATTEMPT_STATE_CONSENTING)
    desk_window_describe_cancel (self, TRUE);
  if (focus == NULL || !gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (gtk_widget_get_first_child (self->cancel_squeezer));
}

void
desk_window_ensure_creating_page (DeskWindow *self)
{
  GtkWidget *page;

  if (gtk_stack_get_child_by_name (self->stack, "creating") != NULL)
    return;

  page = adw_status_page_new ();
  gtk_widget_set_name (page, "creating-page");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Creating the Session…"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("The next step opens as soon as Fiskil answers."));
  g_signal_connect_object (page, "map", G_CALLBACK (creating_page_mapped_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_titled (self->stack, page, "creating", _("Creating the session"));
}

void
desk_window_stop_page_wait (DeskWindow *self)
{
  g_clear_handle_id (&self->page_wait_id, g_source_remove);
  if (self->page_wait_timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->page_wait_timeline, self);
  g_clear_object (&self->page_wait_timeline);
}

static void
page_wait_over (DeskWindow *self)
{
  desk_window_stop_page_wait (self);
  desk_window_show_page (self, "attempt");
}

static void
page_wait_timeout_cb (gpointer user_data)
{
  DeskWindow *self = user_data;

  self->page_wait_id = 0;
  page_wait_over (self);
}

/* A load event (committed, finished or failed) is the consent page's first news. */
static void
timeline_changed_cb (GListModel *timeline,
                     guint       position,
                     guint       removed,
                     guint       added,
                     DeskWindow *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(DeskTimelineEvent) event = g_list_model_get_item (timeline, i);

      if (desk_timeline_event_get_kind (event) == DESK_TIMELINE_LOAD)
        {
          page_wait_over (self);
          return;
        }
    }
}

/* The session exists. A window still saying "Creating the Session…" keeps saying so until the
 * consent page's first load commits, for at most PAGE_WAIT_MS, rather than draw the attempt
 * page's "Opening the consent page…", address and progress meanwhile: without a GPU each of
 * those frames is the whole window drawn on the CPU while the web process starts the page,
 * which then loaded about 45 ms later (README "Benchmarks"). */
void
desk_window_show_attempt_page (DeskWindow  *self,
                               DeskAttempt *attempt)
{
  desk_window_stop_page_wait (self);
  if (g_strcmp0 (desk_window_get_page (self), "creating") != 0)
    {
      desk_window_show_page (self, "attempt");
      return;
    }

  self->page_wait_timeline = G_LIST_MODEL (g_object_ref (desk_attempt_get_timeline (attempt)));
  g_signal_connect (self->page_wait_timeline, "items-changed", G_CALLBACK (timeline_changed_cb),
                    self);
  self->page_wait_id = g_timeout_add_once (PAGE_WAIT_MS, page_wait_timeout_cb, self);
}
