/* test-handoff.c — the hand-off page against the built-in Sandbox, in the real window
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Onboarding a customer" and issue 12: the QR code a phone would read (decoded by
 * zbarimg from a rendering of the widget), the link on the clipboard, in the default browser
 * and in an email (a fake browser and mail app registered in a private XDG directory record
 * what they were given), the simulated remote customer, a pasted address, 429s while
 * watching, expiry and Cancel. Attempts start through the application's own manager, so the
 * application's wiring of the Sandbox is what runs.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "desk-application.h"
#include "desk-handoff-view.h"
#include "desk-qr-code.h"
#include "desk-sandbox.h"
#include "desk-test-app.h"

#define WAIT_MS (30 * 1000)

static DeskApplication *app;
static DeskWindow *window;
static DeskSandbox *sandbox;
static char *scratch_dir;
static char *browser_out;  /* what the fake browser was asked to open */
static char *mail_out;     /* what the fake mail app was asked to open */

typedef struct
{
  DeskAttempt *attempt;
} Fixture;

/* A URI handler that writes the URI it gets to @out (atomically: the test polls for it). */
static void
install_handler (const char *name,
                 const char *schemes,
                 const char *out)
{
  g_autofree char *script = g_strdup_printf ("%s/%s.sh", scratch_dir, name);
  g_autofree char *script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.tmp'\n"
                                                  "mv '%s.tmp' '%s'\n", out, out, out);
  g_autofree char *applications = g_build_filename (g_get_user_data_dir (), "applications",
                                                    NULL);
  g_autofree char *desktop = g_strdup_printf ("%s/desk-test-%s.desktop", applications, name);
  g_autofree char *desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\n"
                                                   "Name=Test %s\nExec=%s %%u\nNoDisplay=true\n"
                                                   "MimeType=%s\n", name, script, schemes);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_file_set_contents (desktop, desktop_text, -1, &error);
  g_assert_no_error (error);
}

static void
install_handlers (void)
{
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autoptr(GError) error = NULL;

  browser_out = g_build_filename (scratch_dir, "browser.out", NULL);
  mail_out = g_build_filename (scratch_dir, "mail.out", NULL);
  install_handler ("browser", "x-scheme-handler/http;x-scheme-handler/https;", browser_out);
  install_handler ("mail", "x-scheme-handler/mailto;", mail_out);
  g_file_set_contents (mimeapps, "[Default Applications]\n"
                       "x-scheme-handler/http=desk-test-browser.desktop\n"
                       "x-scheme-handler/https=desk-test-browser.desktop\n"
                       "x-scheme-handler/mailto=desk-test-mail.desktop\n", -1, &error);
  g_assert_no_error (error);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static char *
wait_for_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  desk_test_wait_or_fail (file_exists, (gpointer) path, WAIT_MS, path);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);

  return g_steal_pointer (&contents);
}

static DeskHandoffView *
view (void)
{
  GtkWidget *qr = desk_test_find_widget (GTK_WIDGET (window), "handoff-qr");

  g_assert_nonnull (qr);

  return DESK_HANDOFF_VIEW (gtk_widget_get_ancestor (qr, DESK_TYPE_HANDOFF_VIEW));
}

static GtkWidget *
in_view (const char *name)
{
  GtkWidget *widget = desk_test_find_widget (GTK_WIDGET (view ()), name);

  g_assert_nonnull (widget);

  return widget;
}

static gboolean
is_consenting (gpointer data)
{
  return desk_attempt_get_state (((Fixture *) data)->attempt) >= DESK_ATTEMPT_STATE_CONSENTING;
}

static gboolean
is_finished (gpointer data)
{
  return desk_attempt_get_state (((Fixture *) data)->attempt) == DESK_ATTEMPT_STATE_FINISHED;
}

static gboolean
page_is_shown (gpointer data)
{
  GtkWidget *qr = desk_test_find_widget (GTK_WIDGET (window), "handoff-qr");

  return qr != NULL && gtk_widget_get_mapped (qr) && gtk_widget_get_width (qr) > 0;
}

/* A hand-off attempt for Alex (a Sandbox demo end user), started as the window starts one. */
static void
fixture_start (Fixture *fixture)
{
  DeskEnvironment *environment = desk_application_get_environment (app, DESK_ENVIRONMENT_SANDBOX,
                                                                   NULL);
  g_autoptr(DeskSessionRequest) request =
    desk_session_request_new ("eu_demo_alex", DESK_SANDBOX_DEFAULT_REDIRECT_URI,
                              DESK_SANDBOX_DEFAULT_CANCEL_URI, NULL, NULL);
  g_autoptr(DeskEndUser) alex = desk_end_user_new ("eu_demo_alex", "alex@example.com",
                                                   "Alex Example", NULL);

  fixture->attempt = desk_attempt_new (environment, request, DESK_INTEGRATION_HAND_OFF);
  desk_attempt_set_end_user (fixture->attempt, alex, FALSE);
  desk_attempt_manager_start_attempt (desk_application_get_attempt_manager (app),
                                      fixture->attempt);
  desk_test_wait_or_fail (is_consenting, fixture, WAIT_MS, "the session");
  desk_test_wait_or_fail (page_is_shown, NULL, WAIT_MS, "the hand-off page");
}

/* A running hand-off attempt; tests that set the Sandbox up first start their own. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_start (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  desk_attempt_manager_cancel (desk_application_get_attempt_manager (app));
  g_clear_object (&fixture->attempt);
  desk_sandbox_set_auto_outcome (sandbox, NULL);
  desk_sandbox_set_consent_rate_limit (sandbox, 0);
  desk_sandbox_set_session_lifetime (sandbox, DESK_SANDBOX_DEFAULT_SESSION_LIFETIME);
}

static void
wait_finished (Fixture *fixture)
{
  if (!desk_test_wait_until (is_finished, fixture, WAIT_MS))
    g_error ("Timed out waiting for the outcome; the status line says “%s”",
             desk_handoff_view_get_status (view ()));
}

static const DeskOutcome *
outcome_of (Fixture *fixture)
{
  const DeskOutcome *outcome = desk_attempt_get_outcome (fixture->attempt);

  g_assert_nonnull (outcome);

  return outcome;
}

static const char *
auth_url_of (Fixture *fixture)
{
  return desk_attempt_get_session (fixture->attempt)->auth_url;
}

/* The QR code as the window shows it, at its size on screen, read by a real decoder. */
static void
test_qr_code (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *picture = in_view ("handoff-qr");
  g_autoptr(GdkPaintable) rendering = gtk_widget_paintable_new (picture);
  GdkPaintable *code = gtk_picture_get_paintable (GTK_PICTURE (picture));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *png = g_build_filename (scratch_dir, "handoff-qr.png", NULL);
  g_autofree char *decoded = NULL;
  int width = gtk_widget_get_width (picture);
  int height = gtk_widget_get_height (picture);
  cairo_surface_t *surface;
  cairo_t *cr;
  int total;
  guint grey = 0;

  g_assert_true (DESK_IS_QR_CODE (code));
  total = (int) desk_qr_code_get_modules (DESK_QR_CODE (code)) + 8;
  /* Scannable from a screen: square, at least 4 whole pixels per module, about 300 px. */
  g_assert_cmpint (width, ==, height);
  g_assert_cmpint (width % total, ==, 0);
  g_assert_cmpint (width / total, >=, 4);
  g_assert_cmpint (width, >=, 240);

  gdk_paintable_snapshot (rendering, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Not blurred: every pixel is black or white, none of the grey backdrop shows. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *row = cairo_image_surface_get_data (surface)
                            + (gsize) y * cairo_image_surface_get_stride (surface);
        guint32 pixel = *(const guint32 *) (row + (gsize) x * 4) & 0xffffff;

        if (pixel != 0 && pixel != 0xffffff)
          grey++;
      }
  g_assert_cmpuint (grey, ==, 0);

  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  decoded = desk_test_read_qr_code (png);
  g_assert_cmpstr (decoded, ==, auth_url_of (fixture));
  g_unlink (png);
}

/* What the agent sees, and each way of sending the link reaches its target with auth_url. */
static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  const char *auth_url = auth_url_of (fixture);
  g_autofree char *copied = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *mailed = NULL;
  g_autofree char *expected_mailto = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  const char *query;

  /* Nothing of the consent pages is loaded here: the customer opens them. */
  g_assert_cmpstr (desk_window_get_page (window), ==, "attempt");
  g_assert_null (desk_attempt_page_get_web_view (desk_window_get_attempt_page (window)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (in_view ("handoff-end-user"))), ==,
                   "Alex Example · alex@example.com");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (in_view ("handoff-link"))), ==, auth_url);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (in_view ("handoff-expiry"))),
                                   "The link expires in 1"));
  g_assert_true (g_str_has_prefix (desk_handoff_view_get_status (view ()),
                                   "Waiting for the customer…"));

  /* Copy link */
  g_signal_emit_by_name (in_view ("handoff-copy"), "clicked");
  copied = desk_test_clipboard_text (window, WAIT_MS);
  g_assert_cmpstr (copied, ==, auth_url);

  /* Open in browser: the desktop's default browser gets exactly auth_url. */
  g_signal_emit_by_name (in_view ("handoff-open"), "clicked");
  opened = wait_for_file (browser_out);
  g_assert_cmpstr (opened, ==, auth_url);

  /* Email link: the default mail app gets a message to Alex holding the link. */
  g_signal_emit_by_name (in_view ("handoff-email"), "clicked");
  mailed = wait_for_file (mail_out);
  expected_mailto = desk_handoff_compose_mailto (desk_attempt_get_end_user (fixture->attempt,
                                                                            NULL),
                                                 auth_url,
                                                 desk_auth_session_get_local_expiry (
                                                   desk_attempt_get_session (fixture->attempt)));
  g_assert_cmpstr (mailed, ==, expected_mailto);
  g_assert_true (g_str_has_prefix (mailed, "mailto:alex@example.com?subject="));
  query = strchr (mailed, '?') + 1;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_hash_table_lookup (params, "body"), auth_url));
  g_assert_nonnull (strstr (g_hash_table_lookup (params, "body"), "Hello Alex Example,"));
  g_assert_cmpstr (g_hash_table_lookup (params, "subject"), ==, "Your link to connect your bank");

  /* Still waiting: none of this ends the attempt. */
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);
}

typedef struct
{
  const char *email;
  const char *subject;
  const char *body;
  const char *expected;
} MailtoCase;

static const MailtoCase mailto_cases[] = {
  { "alex@example.com", "Hi", "a b", "mailto:alex@example.com?subject=Hi&body=a%20b" },
  /* "&", "=", "+" and "?" can never start another header or field */
  { "a+b&c@example.com", "Q & A?", "x=1&y=2\nnext",
    "mailto:a%2Bb%26c@example.com?subject=Q%20%26%20A%3F&body=x%3D1%26y%3D2%0D%0Anext" },
  { NULL, "S", "https://h.example/?a=1&b=2 c#f",
    "mailto:?subject=S&body=https%3A%2F%2Fh.example%2F%3Fa%3D1%26b%3D2%20c%23f" },
  { "zoë@example.com", "Café", "100%",
    "mailto:zo%C3%AB@example.com?subject=Caf%C3%A9&body=100%25" },
};

static void
test_mailto (gconstpointer data)
{
  const MailtoCase *c = data;
  g_autofree char *uri = desk_handoff_mailto_uri (c->email, c->subject, c->body);

  g_assert_cmpstr (uri, ==, c->expected);
}

/* No end user known: no recipient, a greeting without a name; the link survives intact. */
static void
test_mailto_composed (void)
{
  static const char link[] = "https://auth.example/?sess_id=a b&x=1+2";
  g_autoptr(DeskEndUser) nameless = desk_end_user_new ("eu_1", NULL, NULL, NULL);
  g_autofree char *uri = desk_handoff_compose_mailto (nameless, link, 0);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  const char *body;

  g_assert_true (g_str_has_prefix (uri, "mailto:?subject="));
  g_assert_null (strchr (uri, ' '));
  params = g_uri_parse_params (uri + strlen ("mailto:?"), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (params), ==, 2);
  body = g_hash_table_lookup (params, "body");
  g_assert_true (g_str_has_prefix (body, "Hello,\r\n"));
  g_assert_nonnull (strstr (body, "\r\nhttps://auth.example/?sess_id=a b&x=1+2\r\n"));
  g_assert_nonnull (strstr (body, "The link works once."));
}

/* The Sandbox's simulated customer finishes on their own device: with a success the consent
 * watch finds the new consent; with an error the address they ended on is pasted for them. */
static void
test_simulated_customer (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *ending = data;
  const DeskOutcome *outcome;

  /* The application schedules the customer when the link is shown, as with
   * --sandbox-outcome. */
  desk_sandbox_set_auto_outcome (sandbox, ending);
  fixture_start (fixture);
  wait_finished (fixture);

  outcome = outcome_of (fixture);
  if (g_str_equal (ending, "success"))
    {
      g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_SUCCESS);
      g_assert_cmpstr (outcome->callback_via, ==, "consent-check");
      g_assert_cmpstr (outcome->consent_check, ==, "found");
      g_assert_nonnull (outcome->consent);
    }
  else
    {
      g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_FAILURE);
      g_assert_cmpstr (outcome->callback_via, ==, "pasted");
      g_assert_cmpstr (outcome->error_type, ==, ending);
    }
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
}

static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *text = find_text (child);

      if (text != NULL)
        return text;
    }

  return NULL;
}

/* Types @address into the field and presses Enter in it. */
static void
paste_and_enter (const char *address)
{
  GtkWidget *row = in_view ("handoff-paste");
  GtkWidget *text = find_text (row);

  g_assert_nonnull (text);
  gtk_editable_set_text (GTK_EDITABLE (row), address);
  g_signal_emit_by_name (text, "activate");
}

/* The customer cancelled and sent the address their browser ended on. */
static void
test_pasted_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  const DeskOutcome *outcome;

  paste_and_enter ("  " DESK_SANDBOX_DEFAULT_CANCEL_URI "?error=access_denied"
                   "&error_type=CONSENT_ENDUSER_DENIED&error_description=The%20user%20said%20no"
                   "&error_id=err-123\n");
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_FINISHED);

  outcome = outcome_of (fixture);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_FAILURE);
  g_assert_cmpstr (outcome->callback_via, ==, "pasted");
  g_assert_cmpstr (outcome->error_type, ==, "CONSENT_ENDUSER_DENIED");
  g_assert_cmpstr (outcome->error_id, ==, "err-123");
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
}

/* Anything else is refused under the field, the text stays for correcting, the attempt goes
 * on; editing it clears the message. */
static void
test_pasted_garbage (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const garbage[] = {
    "hello, I clicked it but nothing happened",
    "https://callback.consent-desk.invalid.evil.example/done?session_id=x",
    "",
  };
  GtkWidget *row = in_view ("handoff-paste");

  for (gsize i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      const char *shown;

      if (i == 0)
        paste_and_enter (garbage[i]);
      else
        {
          /* The Check button does what Enter does. */
          gtk_editable_set_text (GTK_EDITABLE (row), garbage[i]);
          g_signal_emit_by_name (in_view ("handoff-check"), "clicked");
        }

      shown = desk_handoff_view_get_paste_error (view ());
      g_test_message ("%s → %s", garbage[i], shown);
      g_assert_nonnull (shown);
      g_assert_cmpuint (strlen (shown), >, 10);
      g_assert_true (gtk_widget_get_mapped (in_view ("handoff-paste-error")));
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, garbage[i]);
      g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==,
                       DESK_ATTEMPT_STATE_CONSENTING);
      g_assert_null (desk_attempt_get_outcome (fixture->attempt));
    }

  gtk_editable_set_text (GTK_EDITABLE (row), "https://");
  g_assert_null (desk_handoff_view_get_paste_error (view ()));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

static gboolean
status_has (gpointer data)
{
  return strstr (desk_handoff_view_get_status (view ()), data) != NULL;
}

/* 429 while watching: the status line says so and when it tries again; a later listing finds
 * the consent. */
static void
test_rate_limited (Fixture       *fixture,
                   gconstpointer  data)
{
  const DeskOutcome *outcome;
  const char *status;

  desk_sandbox_set_consent_rate_limit (sandbox, 1);
  desk_test_wait_or_fail (status_has, (gpointer) "Could not check: ", WAIT_MS,
                          "the status line to show the 429");
  status = desk_handoff_view_get_status (view ());
  g_test_message ("%s", status);
  g_assert_nonnull (strstr (status, "Trying again in "));
  /* The first sentence of what went wrong; the rest (the error ID) is in the tooltip. */
  g_assert_nonnull (strstr (status, "429"));
  g_assert_null (strstr (status, "Error ID"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (in_view ("handoff-status")),
                            "Error ID"));
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);

  g_assert_true (desk_sandbox_complete_remotely (sandbox,
                                                 desk_attempt_get_session (fixture->attempt)
                                                   ->session_id, "success", 0));
  wait_finished (fixture);

  outcome = outcome_of (fixture);
  g_assert_cmpint (outcome->kind, ==, DESK_OUTCOME_SUCCESS);
  g_assert_cmpstr (outcome->callback_via, ==, "consent-check");
  g_assert_cmpstr (outcome->consent_check, ==, "found");
}

/* The status line counts the listings that found nothing yet. */
static void
test_waiting_status (Fixture       *fixture,
                     gconstpointer  data)
{
  desk_test_wait_or_fail (status_has, (gpointer) "checked 1 time, next check in ", WAIT_MS,
                          "the first listing");
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_CONSENTING);
}

/* A link nobody used: the attempt ends as expired. */
static void
test_expiry (Fixture       *fixture,
             gconstpointer  data)
{
  desk_sandbox_set_session_lifetime (sandbox, 3);
  fixture_start (fixture);
  wait_finished (fixture);

  g_assert_cmpint (outcome_of (fixture)->kind, ==, DESK_OUTCOME_EXPIRED);
}

static gboolean
expiry_has (gpointer data)
{
  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (in_view ("handoff-expiry"))), data);
}

/* A session of days (fiskil-api.md): the link's line counts them, rounded down, where it read
 * "7198:20" (minutes); an hour or more reads as hours. */
static void
test_long_session (Fixture       *fixture,
                   gconstpointer  data)
{
  desk_sandbox_set_session_lifetime (sandbox, 5 * 24 * 3600 - 100);
  fixture_start (fixture);
  desk_test_wait_or_fail (expiry_has, (gpointer) "The link expires in 4 days, at ", WAIT_MS,
                          "the link's expiry in days");

  desk_attempt_manager_cancel (desk_application_get_attempt_manager (app));
  g_clear_object (&fixture->attempt);
  desk_sandbox_set_session_lifetime (sandbox, 2 * 3600);
  fixture_start (fixture);
  desk_test_wait_or_fail (expiry_has, (gpointer) "The link expires in 1:59:", WAIT_MS,
                          "the link's expiry in hours");
}

/* The attempt page's Cancel, confirmed: cancelled at once, with no listing to wait for. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-attempt", NULL);
  desk_test_wait_or_fail (desk_test_question_is_open, NULL, WAIT_MS, "Cancel's question");
  adw_message_dialog_response (desk_test_question (), "end");

  /* No main-loop turn in between: nothing had to come back first. */
  g_assert_cmpint (desk_attempt_get_state (fixture->attempt), ==, DESK_ATTEMPT_STATE_FINISHED);
  g_assert_cmpint (outcome_of (fixture)->kind, ==, DESK_OUTCOME_CANCELLED);
  g_assert_cmpstr (desk_window_get_page (window), ==, "outcome");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *private_dir = NULL;
  int status;

  /* Before GLib is asked for any directory: the fake browser and mail app live there. */
  private_dir = desk_test_make_private_directories ("desk-handoff-XXXXXX", FALSE);
  g_test_init (&argc, &argv, NULL);

  if (!desk_test_have_zbarimg ())
    {
      desk_test_remove_tree (private_dir);
      return 77;
    }

  scratch_dir = g_build_filename (private_dir, "scratch", NULL);
  g_assert_cmpint (g_mkdir_with_parents (scratch_dir, 0700), ==, 0);
  install_handlers ();

  app = desk_test_app_new (NULL);
  sandbox = desk_application_ensure_sandbox (app);

  window = desk_application_ensure_window (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 860);
  gtk_window_present (GTK_WINDOW (window));

  for (gsize i = 0; i < G_N_ELEMENTS (mailto_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/handoff/mailto/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &mailto_cases[i], test_mailto);
    }
  g_test_add_func ("/handoff/mailto/composed", test_mailto_composed);
  g_test_add ("/handoff/qr-code", Fixture, NULL, fixture_set_up, test_qr_code,
              fixture_tear_down);
  g_test_add ("/handoff/page", Fixture, NULL, fixture_set_up, test_page, fixture_tear_down);
  g_test_add ("/handoff/waiting-status", Fixture, NULL, fixture_set_up, test_waiting_status,
              fixture_tear_down);
  g_test_add ("/handoff/simulated-customer/success", Fixture, "success", NULL,
              test_simulated_customer, fixture_tear_down);
  g_test_add ("/handoff/simulated-customer/denied", Fixture, "CONSENT_ENDUSER_DENIED", NULL,
              test_simulated_customer, fixture_tear_down);
  g_test_add ("/handoff/pasted/cancel", Fixture, NULL, fixture_set_up, test_pasted_cancel,
              fixture_tear_down);
  g_test_add ("/handoff/pasted/garbage", Fixture, NULL, fixture_set_up, test_pasted_garbage,
              fixture_tear_down);
  g_test_add ("/handoff/rate-limited", Fixture, NULL, fixture_set_up, test_rate_limited,
              fixture_tear_down);
  g_test_add ("/handoff/expiry", Fixture, NULL, NULL, test_expiry, fixture_tear_down);
  g_test_add ("/handoff/long-session", Fixture, NULL, NULL, test_long_session,
              fixture_tear_down);
  g_test_add ("/handoff/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  g_free (scratch_dir);
  g_free (browser_out);
  g_free (mail_out);
  desk_test_remove_tree (private_dir);

  return status;
}
