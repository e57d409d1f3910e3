/* desk-sandbox-pages.c — the consent pages as HTML documents, from the GResource templates
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages imitate Fiskil's hosted Auth UI, which is in English, so their text is not
 * translated: testers compare them with the real pages. Templates say {{key}} for text (HTML
 * escaped here) and {{{key}}} for markup built in this file, where every value is escaped.
 */
#define G_LOG_DOMAIN "desk-sandbox"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "desk-error-catalogue.h"
#include "desk-permissions.h"
#include "desk-sandbox-autorun.h"
#include "desk-sandbox-icons.h"
#include "desk-sandbox-pages.h"
#include "desk-sandbox-resources.h"

#define PAGES_PATH RESOURCE_BASE_PATH "/sandbox/pages/"

typedef struct
{
  DeskSandboxStep  step;
  const char      *name;   /* data-step of <body>, what tests and scripts look for */
  const char      *title;  /* of the document */
  const char      *label;  /* in the progress bar */
  const char      *template;
} StepPage;

static const StepPage step_pages[] = {
  { DESK_SANDBOX_STEP_INSTITUTION, "institution", "Choose your provider", "Provider",
    "institution.html" },
  { DESK_SANDBOX_STEP_LOGIN, "login", "Sign in", "Sign in", "login.html" },
  { DESK_SANDBOX_STEP_OTP, "otp", "One-time password", "Verify", "otp.html" },
  { DESK_SANDBOX_STEP_ACCOUNTS, "accounts", "Select accounts", "Accounts", "accounts.html" },
  { DESK_SANDBOX_STEP_CONFIRM, "confirm", "Confirm data sharing", "Confirm", "confirm.html" },
};

static char *
load_template (const char *name)
{
  g_autofree char *path = g_strconcat (PAGES_PATH, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  /* Looked up in our own resource bundle, which a static library cannot fail to link in. */
  bytes = g_resource_lookup_data (desk_sandbox_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  data = g_bytes_get_data (bytes, &length);
  return g_strndup (data, length);
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text, -1);
}

/* Fills @name's placeholders from @values (key → value). */
static char *
expand (const char *name,
        GHashTable *values)
{
  g_autofree char *template = load_template (name);
  GString *out = g_string_sized_new (strlen (template) + 1024);
  const char *p = template;
  const char *open;

  while ((open = strstr (p, "{{")) != NULL)
    {
      gboolean raw = g_str_has_prefix (open, "{{{");
      const char *key_start = open + (raw ? 3 : 2);
      const char *close = strstr (key_start, raw ? "}}}" : "}}");
      g_autofree char *key = NULL;
      const char *value;

      g_assert (close != NULL);
      g_string_append_len (out, p, open - p);

      key = g_strndup (key_start, close - key_start);
      value = g_hash_table_lookup (values, key);
      if (value == NULL)
        g_critical ("Page template %s has no value for “%s”", name, key);
      else if (raw)
        g_string_append (out, value);
      else
        {
          g_autofree char *escaped = escape (value);

          g_string_append (out, escaped);
        }

      p = close + (raw ? 3 : 2);
    }
  g_string_append (out, p);

  return g_string_free (out, FALSE);
}

static GHashTable *
values_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

/* @key must be a string literal: the table keeps the pointer. */
static void
set_value (GHashTable *values,
           const char *key,
           const char *value)
{
  g_hash_table_replace (values, (gpointer) key, g_strdup (value));
}

static void
take_value (GHashTable *values,
            const char *key,
            char       *value)
{
  g_hash_table_replace (values, (gpointer) key, value);
}

static const StepPage *
find_step_page (DeskSandboxStep step)
{
  for (gsize i = 0; i < G_N_ELEMENTS (step_pages); i++)
    {
      if (step_pages[i].step == step)
        return &step_pages[i];
    }

  g_assert_not_reached ();
}

static char *
render_connection (const DeskSandboxSession *session)
{
  GString *html = g_string_new ("<div class=\"connection\" aria-hidden=\"true\">");
  g_autofree char *caption = NULL;

  g_string_append (html, brand_svg);
  g_string_append (html, "<span class=\"connection-line\"></span>"
                   "<span class=\"connection-lock\">");
  g_string_append (html, lock_svg);
  g_string_append (html, "</span><span class=\"connection-line\"></span>");
  if (session->institution != NULL)
    {
      g_autofree char *logo = institution_logo (session->institution, 44);
      g_autofree char *name = escape (session->institution->name);

      g_string_append (html, logo);
      caption = g_strdup_printf ("Consent Desk Sandbox is requesting access to your data at "
                                 "%s.", name);
    }
  else
    {
      g_string_append (html, unknown_institution_svg);
      caption = g_strdup ("Consent Desk Sandbox is requesting access to your data.");
    }
  g_string_append (html, "</div>");
  g_string_append_printf (html, "<p class=\"connection-caption\">%s</p>", caption);

  return g_string_free (html, FALSE);
}

static char *
render_progress (const DeskSandboxSession *session)
{
  GString *list = g_string_new (NULL);
  GString *html;
  gsize first = session->preset_institution != NULL ? 1 : 0;
  gsize total = G_N_ELEMENTS (step_pages) - first;
  gsize current = 0;
  const char *current_label = NULL;

  for (gsize i = first; i < G_N_ELEMENTS (step_pages); i++)
    {
      const StepPage *page = &step_pages[i];

      if (page->step < session->step)
        g_string_append_printf (list, "<li class=\"done\"><span class=\"progress-label\">%s"
                                "<span class=\"visually-hidden\">, done</span></span></li>",
                                page->label);
      else if (page->step == session->step)
        {
          current = i - first + 1;
          current_label = page->label;
          g_string_append_printf (list, "<li class=\"current\" aria-current=\"step\">"
                                  "<span class=\"progress-label\">%s</span></li>", page->label);
        }
      else
        g_string_append_printf (list, "<li><span class=\"progress-label\">%s</span></li>",
                                page->label);
    }

  g_assert (current_label != NULL);
  html = g_string_new ("<nav class=\"progress\" aria-label=\"Progress\">");
  g_string_append_printf (html, "<p class=\"progress-summary\" aria-hidden=\"true\">"
                          "Step %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " · %s</p>",
                          current, total, current_label);
  g_string_append_printf (html, "<ol>%s</ol></nav>", list->str);
  g_string_free (list, TRUE);

  return g_string_free (html, FALSE);
}

static char *
render_notice (const char *notice)
{
  g_autofree char *text = NULL;

  if (notice == NULL)
    return g_strdup ("");

  text = escape (notice);
  return g_strdup_printf ("<div id=\"notice\" class=\"notice\" role=\"alert\">%s<p>%s</p></div>",
                          alert_svg, text);
}

static char *
render_cancel (const DeskSandboxSession *session)
{
  g_autofree char *session_id = escape (session->session_id);

  return g_strdup_printf ("<form method=\"post\" action=\"/auth/flow\" class=\"cancel-form\">"
                          "<input type=\"hidden\" name=\"session\" value=\"%s\">"
                          "<button id=\"cancel\" class=\"button secondary\" type=\"submit\""
                          " name=\"action\" value=\"cancel\">Cancel</button></form>",
                          session_id);
}

/* How a person reaches @ending without the tester's panel; NULL when only the panel does. */
static char *
describe_route (const char *ending)
{
  g_autoptr(GPtrArray) routes = g_ptr_array_new_with_free_func (g_free);
  const DeskSandboxTestUser *users;
  gsize n_users;
  char *joined;

  users = desk_sandbox_test_users_get_all (&n_users);
  for (gsize i = 0; i < n_users; i++)
    {
      if (g_str_equal (users[i].ending, ending))
        g_ptr_array_add (routes,
                         g_strdup_printf (users[i].at_sign_in ? "sign in as <code>%s</code>"
                                                              : "sign in as <code>%s</code>, "
                                                                "then share",
                                          users[i].username));
    }

  if (g_str_equal (ending, "CONSENT_ENDUSER_DENIED"))
    g_ptr_array_add (routes, g_strdup ("cancel, on any step"));
  else if (g_str_equal (ending, "CONSENT_OTP_FAILURE"))
    g_ptr_array_add (routes, g_strdup ("a wrong one-time password"));
  else if (g_str_equal (ending, "CONSENT_TIMEOUT"))
    g_ptr_array_add (routes, g_strdup ("let the session expire during the flow"));
  else if (g_str_equal (ending, "AUTH_SESSION_INVALID"))
    g_ptr_array_add (routes, g_strdup ("open the link a second time, or after it expires"));

  if (routes->len == 0)
    return NULL;

  g_ptr_array_add (routes, NULL);
  joined = g_strjoinv ("; or ", (char **) routes->pdata);
  joined[0] = g_ascii_toupper (joined[0]);

  return joined;
}

static char *
render_tester_panel (const DeskSandboxSession *session)
{
  g_autofree char *session_id = escape (session->session_id);
  GString *current = g_string_new (NULL);
  GString *legacy = g_string_new (NULL);
  GString *rows = g_string_new (NULL);
  GString *html = g_string_new (NULL);
  const DeskErrorTypeInfo *types;
  gsize n_types;
  g_autofree char *success_route = describe_route (DESK_SANDBOX_OUTCOME_SUCCESS);

  g_string_append_printf (rows, "<div><dt><code>success</code></dt><dd>%s</dd></div>",
                          success_route);

  types = desk_error_catalogue_get_all (&n_types);
  for (gsize i = 0; i < n_types; i++)
    {
      g_autofree char *type = escape (types[i].error_type);
      g_autofree char *route = describe_route (types[i].error_type);

      g_string_append_printf (types[i].legacy ? legacy : current,
                              "<option value=\"%s\">%s</option>", type, type);
      g_string_append_printf (rows, "<div><dt><code>%s</code></dt><dd>%s</dd></div>", type,
                              route != NULL ? route : "This panel only");
    }

  g_string_append (html, "<aside class=\"tester\" aria-labelledby=\"tester-heading\">");
  g_string_append_printf (html, "<h2 id=\"tester-heading\">%s Tester’s panel</h2>", tools_svg);
  g_string_append (html, "<p>Not part of a real consent flow. End this session now with any "
                   "ending the real Auth UI can produce.</p>");
  g_string_append (html, "<form method=\"post\" action=\"/auth/flow\" class=\"tester-form\">");
  g_string_append_printf (html, "<input type=\"hidden\" name=\"session\" value=\"%s\">",
                          session_id);
  g_string_append (html, "<input type=\"hidden\" name=\"action\" value=\"end\">"
                   "<label for=\"sandbox-ending\">Sandbox ending</label>"
                   "<div class=\"tester-row\"><select id=\"sandbox-ending\" name=\"ending\">"
                   "<option value=\"success\">success (consent granted)</option>");
  g_string_append_printf (html, "<optgroup label=\"Error types\">%s</optgroup>", current->str);
  if (legacy->len > 0)
    g_string_append_printf (html, "<optgroup label=\"Legacy error types\">%s</optgroup>",
                            legacy->str);
  g_string_append (html, "</select><button id=\"sandbox-end-now\" class=\"button\""
                   " type=\"submit\">End now</button></div><label for=\"sandbox-message-format\">"
                   "Message to a framing page</label><select id=\"sandbox-message-format\""
                   " name=\"message_format\"><option value=\"sdk\">Link SDK (flat)</option>"
                   "<option value=\"seed\">Seed (type: consent_complete)</option>"
                   "<option value=\"none\">None</option></select></form>"
                   "<button id=\"sandbox-forge\" class=\"button\" type=\"button\" hidden>"
                   "Send a forged message</button>");
  g_string_append (html, "<details><summary>Every ending, by hand</summary>"
                   "<dl class=\"endings\">");
  g_string_append (html, rows->str);
  g_string_append (html, "</dl></details></aside>");

  g_string_free (current, TRUE);
  g_string_free (legacy, TRUE);
  g_string_free (rows, TRUE);

  return g_string_free (html, FALSE);
}

static char *
render_auto_banner (const DeskSandboxSession *session)
{
  g_autofree char *ending = NULL;

  if (session->auto_outcome == NULL)
    return g_strdup ("");

  ending = escape (session->auto_outcome);
  return g_strdup_printf ("<div id=\"sandbox-auto-banner\" class=\"auto-banner\" role=\"status\">"
                          "<span class=\"auto-pulse\" aria-hidden=\"true\"></span>"
                          "<strong>Automatic run:</strong> <code>%s</code>"
                          " <span class=\"auto-detail\">This page fills itself in.</span></div>",
                          ending);
}

static char *
render_auto_plan (const DeskSandboxSession *session)
{
  g_autofree char *plan = desk_sandbox_autorun_plan (session);
  GString *html;

  if (plan == NULL)
    return g_strdup ("");

  /* JSON in a script element: "<" escaped so no value can close the element. */
  html = g_string_new ("<script type=\"application/json\" id=\"sandbox-auto-plan\">");
  for (const char *p = plan; *p != '\0'; p++)
    {
      if (*p == '<')
        g_string_append (html, "\\u003c");
      else
        g_string_append_c (html, *p);
    }
  g_string_append (html, "</script>");

  return g_string_free (html, FALSE);
}

static char *
render_institutions (DeskSandboxInstitutionKind kind)
{
  GString *html = g_string_new (NULL);
  const DeskSandboxInstitution *institutions;
  gsize n_institutions;

  institutions = desk_sandbox_institutions_get_all (&n_institutions);
  for (gsize i = 0; i < n_institutions; i++)
    {
      const DeskSandboxInstitution *institution = &institutions[i];
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      g_autofree char *search = NULL;
      g_autofree char *search_escaped = NULL;
      g_autofree char *logo = NULL;

      if (institution->kind != kind)
        continue;

      id = escape (institution->id);
      name = escape (institution->name);
      search = g_utf8_strdown (institution->name, -1);
      search_escaped = escape (search);
      logo = institution_logo (institution, 40);
      g_string_append_printf (html, "<li data-search=\"%s %s\"><button type=\"submit\""
                              " class=\"institution\" name=\"institution_id\" value=\"%s\">%s"
                              "<span class=\"institution-text\"><span class=\"institution-name\">"
                              "%s</span><span class=\"institution-id\">%s</span></span>%s"
                              "</button></li>",
                              search_escaped, id, id, logo, name, id, chevron_svg);
    }

  return g_string_free (html, FALSE);
}

static char *
render_credentials (void)
{
  GString *html = g_string_new (NULL);
  const DeskSandboxTestUser *users;
  gsize n_users;

  users = desk_sandbox_test_users_get_all (&n_users);
  for (gsize i = 0; i < n_users; i++)
    {
      g_autofree char *username = escape (users[i].username);
      g_autofree char *password = escape (users[i].password);
      g_autofree char *summary = escape (users[i].summary);
      g_autofree char *ending = escape (users[i].ending);
      g_autofree char *credentials = NULL;

      credentials = g_str_equal (users[i].username, users[i].password)
        ? g_strdup_printf ("<code>%s</code>", username)
        : g_strdup_printf ("<code>%s</code> / <code>%s</code>", username, password);
      g_string_append_printf (html, "<tr><td>%s</td><td>%s <span class=\"ending-code\">"
                              "<code>%s</code></span></td></tr>",
                              credentials, summary, ending);
    }

  return g_string_free (html, FALSE);
}

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

static char *
render_accounts (const DeskSandboxSession *session)
{
  GString *html = g_string_new (NULL);

  for (gsize i = 0; i < session->institution->n_accounts; i++)
    {
      const DeskSandboxAccount *account = &session->institution->accounts[i];
      g_autofree char *id = escape (account->id);
      g_autofree char *name = escape (account->name);
      g_autofree char *detail = escape (account->detail);

      g_string_append_printf (html, "<label class=\"account\" for=\"account-%s\">"
                              "<input type=\"checkbox\" id=\"account-%s\" name=\"account\""
                              " value=\"%s\"%s><span class=\"account-text\">"
                              "<span class=\"account-name\">%s</span>"
                              "<span class=\"account-detail\">%s</span></span></label>",
                              id, id, id,
                              strv_has ((const char * const *) session->accounts, account->id)
                                ? " checked" : "",
                              name, detail);
    }

  return g_string_free (html, FALSE);
}

static char *
render_permission_list (const DeskSandboxSession *session)
{
  const char * const *permissions = (const char * const *) session->permissions;
  GString *html = g_string_new (NULL);

  if (permissions[0] == NULL)
    permissions = desk_sandbox_institution_default_permissions (session->institution);

  for (gsize i = 0; permissions[i] != NULL; i++)
    {
      const DeskPermissionInfo *info = desk_permissions_lookup (permissions[i]);
      g_autofree char *name = escape (permissions[i]);

      /* Titles are the catalogue's English ones, untranslated like the rest of the page. */
      if (info != NULL)
        {
          g_autofree char *title = escape (info->title);

          g_string_append_printf (html, "<li>%s</li>", title);
        }
      else
        g_string_append_printf (html, "<li><code>%s</code></li>", name);
    }

  return g_string_free (html, FALSE);
}

static char *
render_chosen_accounts (const DeskSandboxSession *session)
{
  GString *html = g_string_new (NULL);

  for (gsize i = 0; session->accounts[i] != NULL; i++)
    {
      const DeskSandboxAccount *account =
        desk_sandbox_institution_find_account (session->institution, session->accounts[i]);
      g_autofree char *name = NULL;
      g_autofree char *detail = NULL;

      if (account == NULL)
        continue;

      name = escape (account->name);
      detail = escape (account->detail);
      g_string_append_printf (html, "<li>%s <span class=\"account-detail\">%s</span></li>",
                              name, detail);
    }

  return g_string_free (html, FALSE);
}

/* "14 June 2027", in English whatever the locale, like the rest of the page. */
static char *
format_date (GDateTime *date)
{
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  };

  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1], g_date_time_get_year (date));
}

static char *
render_content (const DeskSandboxSession *session,
                const StepPage           *page)
{
  g_autoptr(GHashTable) values = values_new ();

  set_value (values, "session", session->session_id);
  if (session->institution != NULL)
    set_value (values, "institution", session->institution->name);

  switch (session->step)
    {
    case DESK_SANDBOX_STEP_INSTITUTION:
      take_value (values, "banks", render_institutions (DESK_SANDBOX_INSTITUTION_BANK));
      take_value (values, "energy", render_institutions (DESK_SANDBOX_INSTITUTION_ENERGY));
      break;

    case DESK_SANDBOX_STEP_LOGIN:
      take_value (values, "credentials", render_credentials ());
      set_value (values, "otp_code", DESK_SANDBOX_OTP_CODE);
      break;

    case DESK_SANDBOX_STEP_OTP:
      set_value (values, "otp_code", DESK_SANDBOX_OTP_CODE);
      break;

    case DESK_SANDBOX_STEP_ACCOUNTS:
      take_value (values, "accounts", render_accounts (session));
      break;

    case DESK_SANDBOX_STEP_CONFIRM:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        g_autoptr(GDateTime) until = g_date_time_add_seconds (now,
                                                              DESK_SANDBOX_CONSENT_LIFETIME);

        take_value (values, "permissions", render_permission_list (session));
        take_value (values, "accounts", render_chosen_accounts (session));
        take_value (values, "until", format_date (until));
      }
      break;

    case DESK_SANDBOX_STEP_ENDED:
    default:
      g_assert_not_reached ();
    }

  return expand (page->template, values);
}

static char *
render_document (GHashTable *values,
                 const char *nonce)
{
  set_value (values, "nonce", nonce);
  take_value (values, "css", load_template ("sandbox.css"));
  take_value (values, "script", load_template ("sandbox.js"));

  return expand ("page.html", values);
}

char *
desk_sandbox_pages_render_step (const DeskSandboxSession *session,
                                const char               *nonce)
{
  g_autoptr(GHashTable) values = values_new ();
  const StepPage *page;
  g_autofree char *title = NULL;

  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (session->step != DESK_SANDBOX_STEP_ENDED, NULL);
  g_return_val_if_fail (nonce != NULL, NULL);

  page = find_step_page (session->step);
  title = session->institution != NULL
    ? g_strdup_printf ("%s – %s", page->title, session->institution->name)
    : g_strdup (page->title);

  set_value (values, "title", title);
  set_value (values, "step", page->name);
  take_value (values, "auto_banner", render_auto_banner (session));
  take_value (values, "connection", render_connection (session));
  take_value (values, "progress", render_progress (session));
  take_value (values, "notice", render_notice (session->notice));
  take_value (values, "content", render_content (session, page));
  take_value (values, "cancel", render_cancel (session));
  take_value (values, "tester_panel", render_tester_panel (session));
  take_value (values, "auto_plan", render_auto_plan (session));

  return render_document (values, nonce);
}

/* A page with a heading and a sentence; @extra: markup after the content (or NULL). */
static char *
render_plain (const char *heading,
              const char *text,
              char       *extra,
              const char *nonce)
{
  g_autoptr(GHashTable) values = values_new ();
  g_autoptr(GHashTable) content = values_new ();

  set_value (content, "heading", heading);
  set_value (content, "text", text);
  set_value (values, "title", heading);
  set_value (values, "step", "message");
  for (const char * const *key = (const char * const[]) { "auto_banner", "connection",
         "progress", "notice", "cancel", "tester_panel", NULL }; *key != NULL; key++)
    set_value (values, *key, "");
  take_value (values, "content", expand ("message.html", content));
  take_value (values, "auto_plan", extra != NULL ? extra : g_strdup (""));

  return render_document (values, nonce);
}

char *
desk_sandbox_pages_render_message (const char *heading,
                                   const char *text,
                                   const char *nonce)
{
  g_return_val_if_fail (heading != NULL && text != NULL && nonce != NULL, NULL);

  return render_plain (heading, text, NULL, nonce);
}

char *
desk_sandbox_pages_render_ending (const char *location,
                                  const char *message_format,
                                  const char *nonce)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;
  g_autoptr(GString) escaped = NULL;

  g_return_val_if_fail (location != NULL && nonce != NULL, NULL);

  json_node_take_object (root, json_object_new ());
  json_object_set_string_member (json_node_get_object (root), "location", location);
  json_object_set_string_member (json_node_get_object (root), "format",
                                 message_format != NULL ? message_format : "sdk");
  json = json_to_string (root, FALSE);
  escaped = g_string_new (json);
  g_string_replace (escaped, "</", "<\\/", 0);  /* inside <script>, "</" would end it */

  return render_plain ("Returning to the app", "You can close this page if nothing happens.",
                       g_strdup_printf ("<script type=\"application/json\" id=\"sandbox-return\">"
                                        "%s</script>", escaped->str),
                       nonce);
}
