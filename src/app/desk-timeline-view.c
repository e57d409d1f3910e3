/* desk-timeline-view.c — an attempt's timeline in readable sentences, made from its events
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Events are data (design.md "Evidence"); this is the one place they become words, so a new
 * event kind or field needs a sentence here and nowhere else.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-timeline-view.h"

struct _DeskTimelineView
{
  GtkWidget    parent_instance;

  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (DeskTimelineView, desk_timeline_view, GTK_TYPE_WIDGET)

/* How a navigation started, in plain words. */
static const char *
describe_via (const char *via)
{
  static const struct { const char *via; const char *words; } table[] = {
    { "link", N_("a link was clicked") },
    { "form", N_("a form was sent") },
    { "redirect", N_("the server redirected") },
    { "script", N_("the page moved on by itself") },
    { "new-window", N_("the page asked for a new window") },
    { "popup", N_("the page opened a pop-up") },
    { "back-forward", N_("back or forward") },
    { "reload", N_("reload") },
    { "pasted", N_("pasted: the address the customer’s browser ended on") },
  };

  for (gsize i = 0; via != NULL && i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].via, via))
      return _(table[i].words);

  return NULL;
}

static char *
describe_navigation (DeskTimelineEvent  *event,
                     char              **detail)
{
  const char *decision = desk_timeline_event_get_string (event, "decision");
  const char *uri = desk_timeline_event_get_string (event, "uri");
  const char *via = describe_via (desk_timeline_event_get_string (event, "via"));
  const char *title;

  if (g_strcmp0 (decision, "allowed") == 0)
    title = _("Page allowed to load");
  else if (g_strcmp0 (decision, "callback") == 0)
    title = g_strcmp0 (desk_timeline_event_get_string (event, "via"), "pasted") == 0
            ? _("Callback address pasted")
            : _("Callback caught, never loaded");
  else if (g_strcmp0 (decision, "endpoint") == 0)
    title = _("Callback address without its parameters: caught, never loaded");
  else if (g_strcmp0 (decision, "refused-scheme") == 0)
    title = _("Not a web page: ignored");
  else if (g_strcmp0 (decision, "refused-insecure") == 0)
    title = _("Unencrypted address refused");
  else
    title = _("Ignored: the attempt was already over");

  /* Translators: an address, then how the page got there, e.g. "— a link was clicked" */
  *detail = via != NULL ? g_strdup_printf (_("%s — %s"), uri, via) : g_strdup (uri);

  return g_strdup (title);
}

/* "/v1/token" of "https://api.fiskil.com/v1/token": which call it was, at a glance. */
static char *
api_path (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return g_strdup (uri != NULL ? g_uri_get_path (uri) : url != NULL ? url : "");
}

static char *
describe_api (DeskTimelineEvent  *event,
              char              **detail)
{
  const char *method = desk_timeline_event_get_string (event, "method");
  const char *url = desk_timeline_event_get_string (event, "url");
  const char *error_id = desk_timeline_event_get_string (event, "error_id");
  guint status = (guint) desk_timeline_event_get_int (event, "status", 0);
  guint duration = (guint) desk_timeline_event_get_int (event, "duration_ms", 0);
  g_autofree char *path = api_path (url);

  if (desk_timeline_event_get_kind (event) == DESK_TIMELINE_API_REQUEST)
    {
      *detail = g_strdup (url);
      /* Translators: an HTTP method and the API's path, e.g. "POST /v1/auth/session sent to
       * Fiskil" */
      return g_strdup_printf (_("%s %s sent to Fiskil"), method, path);
    }

  *detail = error_id != NULL ? g_strdup_printf (_("Fiskil error ID: %s"), error_id)
                             : g_strdup (url);
  if (status == 0)
    /* Translators: e.g. "POST /v1/token: no answer after 10000 ms" */
    return g_strdup_printf (_("%s %s: no answer after %u ms"), method, path, duration);

  /* Translators: e.g. "POST /v1/token: HTTP 200 in 35 ms" */
  return g_strdup_printf (_("%s %s: HTTP %u in %u ms"), method, path, status, duration);
}

static char *
describe_load (DeskTimelineEvent  *event,
               char              **detail)
{
  const char *what = desk_timeline_event_get_string (event, "event");
  const char *uri = desk_timeline_event_get_string (event, "uri");
  const char *error = desk_timeline_event_get_string (event, "error");

  if (g_strcmp0 (what, "failed") == 0)
    {
      *detail = error != NULL ? g_strdup_printf (_("%s — %s"), uri, error) : g_strdup (uri);
      return g_strdup (_("Page failed to load"));
    }

  *detail = g_strdup (uri);

  return g_strdup (g_strcmp0 (what, "committed") == 0 ? _("Page started to show")
                                                      : _("Page finished loading"));
}

char *
desk_timeline_describe_notice (const char *code,
                               const char *uri)
{
  if (g_strcmp0 (code, "refused-download") == 0)
    return g_strdup_printf (_("The page tried to download “%s”; Consent Desk ignored it."), uri);
  if (g_strcmp0 (code, "refused-scheme") == 0)
    return g_strdup_printf (_("The page tried to open “%s”; Consent Desk ignored it."), uri);
  if (g_strcmp0 (code, "refused-insecure") == 0)
    return g_strdup_printf (_("The page tried to open “%s” without encryption; Consent Desk "
                              "refused it."), uri);
  if (g_strcmp0 (code, "endpoint-caught") == 0)
    return g_strdup_printf (_("The page went to the callback address “%s” without the "
                              "parameters of your redirect or cancel URI. It was caught and "
                              "not loaded; the attempt goes on."), uri);
  if (g_strcmp0 (code, "web-process-ended") == 0)
    return g_strdup (_("The page’s web process ended."));
  if (g_strcmp0 (code, "network-process-ended") == 0)
    return g_strdup (_("The browser’s network process ended."));
  if (g_strcmp0 (code, "consent-snapshot-failed") == 0)
    return g_strdup (_("The end user’s consents could not be listed before the session: any "
                       "active consent for the institution will count as the new one."));
  if (g_strcmp0 (code, "consent-listing-failed") == 0)
    return g_strdup (_("Checking for the customer’s consent failed; Consent Desk tries again."));

  /* Translators: %s is a short code for something that happened, e.g. "popup-refused" */
  return g_strdup_printf (_("Notice: %s"), code);
}

char *
desk_timeline_describe_event (DeskTimelineEvent  *event,
                              char              **detail)
{
  const char *text;

  g_return_val_if_fail (DESK_IS_TIMELINE_EVENT (event), NULL);
  g_return_val_if_fail (detail != NULL, NULL);

  *detail = NULL;

  switch (desk_timeline_event_get_kind (event))
    {
    case DESK_TIMELINE_API_REQUEST:
    case DESK_TIMELINE_API_RESPONSE:
      return describe_api (event, detail);

    case DESK_TIMELINE_NAVIGATION:
      return describe_navigation (event, detail);

    case DESK_TIMELINE_LOAD:
      return describe_load (event, detail);

    case DESK_TIMELINE_MESSAGE:
      *detail = g_strdup (desk_timeline_event_get_string (event, "origin"));
      if (desk_timeline_event_get_boolean (event, "accepted"))
        return g_strdup (_("Message from the consent page accepted"));
      /* Translators: %s is why: "origin", "source", "format" or "too-large" */
      return g_strdup_printf (_("Message ignored (%s)"),
                              desk_timeline_event_get_string (event, "reason"));

    case DESK_TIMELINE_POPUP:
      text = desk_timeline_event_get_string (event, "event");
      return g_strdup (g_strcmp0 (text, "opened") == 0 ? _("Pop-up window opened")
                                                       : _("Pop-up window closed"));

    case DESK_TIMELINE_CONSENT_CHECK:
      /* Translators: the result ("found", "not-found", "failed") and how many consents */
      return g_strdup_printf (_("Consent check: %s (%u listed)"),
                              desk_timeline_event_get_string (event, "result"),
                              (guint) desk_timeline_event_get_int (event, "count", 0));

    case DESK_TIMELINE_NOTICE:
      return desk_timeline_describe_notice (desk_timeline_event_get_string (event, "code"),
                                            desk_timeline_event_get_string (event, "uri"));

    case DESK_TIMELINE_OUTCOME:
      /* Translators: %s is the outcome's name, e.g. "success" or "api-error" */
      return g_strdup_printf (_("Attempt ended: %s"),
                              desk_timeline_event_get_string (event, "outcome"));

    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
event_time (GtkListItem       *list_item,
            DeskTimelineEvent *event)
{
  g_autoptr(GDateTime) local = NULL;

  if (event == NULL)
    return NULL;

  local = g_date_time_to_local (desk_timeline_event_get_time (event));

  return g_date_time_format (local, "%H:%M:%S");
}

static char *
event_title (GtkListItem       *list_item,
             DeskTimelineEvent *event)
{
  g_autofree char *detail = NULL;

  return event != NULL ? desk_timeline_describe_event (event, &detail) : NULL;
}

static char *
event_detail (GtkListItem       *list_item,
              DeskTimelineEvent *event)
{
  char *detail = NULL;

  /* The sentence comes with its detail; only the detail is wanted here. */
  if (event != NULL)
    g_free (desk_timeline_describe_event (event, &detail));

  return detail;
}

static void
desk_timeline_view_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), DESK_TYPE_TIMELINE_VIEW);
  /* The template's root is not a bound child: it goes here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_timeline_view_parent_class)->dispose (object);
}

static void
desk_timeline_view_class_init (DeskTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_timeline_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/desk-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskTimelineView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, event_time);
  gtk_widget_class_bind_template_callback (widget_class, event_title);
  gtk_widget_class_bind_template_callback (widget_class, event_detail);

  g_type_ensure (DESK_TYPE_TIMELINE_EVENT);
}

static void
desk_timeline_view_init (DeskTimelineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DeskTimelineView *
desk_timeline_view_new (void)
{
  return g_object_new (DESK_TYPE_TIMELINE_VIEW, NULL);
}

void
desk_timeline_view_set_model (DeskTimelineView *self,
                              GListModel       *events)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_return_if_fail (DESK_IS_TIMELINE_VIEW (self));
  g_return_if_fail (events == NULL || G_IS_LIST_MODEL (events));

  /* A row can be selected (and copied), none at first. */
  if (events != NULL)
    {
      selection = gtk_single_selection_new (g_object_ref (events));
      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, TRUE);
      gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
    }

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

DeskTimelineEvent *
desk_timeline_view_get_selected (DeskTimelineView *self)
{
  GtkSelectionModel *selection;

  g_return_val_if_fail (DESK_IS_TIMELINE_VIEW (self), NULL);

  selection = gtk_list_view_get_model (self->list_view);
  if (!GTK_IS_SINGLE_SELECTION (selection))
    return NULL;

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
}
