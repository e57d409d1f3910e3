/* desk-consent-web.c — what the consent view adds to WebKit: the content filter that keeps
 * requests off the callback endpoints, its user scripts, and the integrator page's server
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * design.md "Callback matching" (sub-resources and form POSTs) and "Integration patterns". The
 * integrator page is served over HTTP on loopback rather than a custom URI scheme: an http
 * origin is a real origin to WebKit, so window.opener, the frame's view of its parent
 * (ancestorOrigins, referrer, postMessage's targetOrigin) and event.origin behave as on an
 * integrator's own site, and the attempt's web rules (http only on loopback) admit it as they
 * are.
 */
#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "desk-consent-web.h"
#include "desk-navigation.h"

#define INTEGRATOR_RESOURCES RESOURCE_BASE_PATH "/integrator/"

static GHashTable *compiled_filters;  /* identifier → WebKitUserContentFilter */
static GHashTable *pending_filters;   /* identifier → GPtrArray of waiting GTasks */
static WebKitUserContentFilterStore *filter_store;
static SoupServer *integrator_server;
static char *integrator_origin;

/* How a navigation started, in the timeline's words (design.md keeps them untranslated). */
const char *
desk_consent_navigation_via (WebKitNavigationAction *action,
                             gboolean                new_window)
{
  if (new_window)
    return "new-window";
  if (webkit_navigation_action_is_redirect (action))
    return "redirect";

  switch (webkit_navigation_action_get_navigation_type (action))
    {
    case WEBKIT_NAVIGATION_TYPE_LINK_CLICKED:
      return "link";
    case WEBKIT_NAVIGATION_TYPE_FORM_SUBMITTED:
    case WEBKIT_NAVIGATION_TYPE_FORM_RESUBMITTED:
      return "form";
    case WEBKIT_NAVIGATION_TYPE_BACK_FORWARD:
      return "back-forward";
    case WEBKIT_NAVIGATION_TYPE_RELOAD:
      return "reload";
    case WEBKIT_NAVIGATION_TYPE_OTHER:
    default:
      return "script";
    }
}

char *
desk_consent_js_string (JSCValue   *value,
                        const char *name)
{
  g_autoptr(JSCValue) property = NULL;

  if (!jsc_value_is_object (value))
    return NULL;
  property = jsc_value_object_get_property (value, name);

  return jsc_value_is_string (property) ? jsc_value_to_string (property) : NULL;
}

void
desk_consent_show_security (WebKitWebView *web_view,
                            GtkImage      *icon)
{
  const char *uri = web_view != NULL ? webkit_web_view_get_uri (web_view) : NULL;
  GTlsCertificate *certificate = NULL;
  GTlsCertificateFlags errors = 0;
  const char *icon_name = "channel-insecure-symbolic";
  const char *description = _("No web page");

  if (uri != NULL && g_str_has_prefix (uri, "https:")
      && webkit_web_view_get_tls_info (web_view, &certificate, &errors) && errors == 0)
    {
      icon_name = "channel-secure-symbolic";
      description = _("Secure connection");
    }
  else if (uri != NULL && g_str_has_prefix (uri, "http:"))
    {
      description = _("Unencrypted connection to this computer");
    }

  gtk_image_set_from_icon_name (icon, icon_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (icon), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
}

/* Every request waiting for one compilation gets its result (or its own cancellation). */
WebKitNetworkSession *
desk_consent_network_session_new (void)
{
  /* Nothing (cookies, storage, cache, credentials) is shared with another attempt. */
  WebKitNetworkSession *network_session = webkit_network_session_new_ephemeral ();

  webkit_network_session_set_tls_errors_policy (network_session, WEBKIT_TLS_ERRORS_POLICY_FAIL);

  return network_session;
}

WebKitUserContentManager *
desk_consent_content_manager_new (void)
{
  WebKitUserContentManager *manager = webkit_user_content_manager_new ();
  g_autoptr(WebKitUserScript) form_script = desk_consent_form_script_new ();

  webkit_user_content_manager_register_script_message_handler (manager, "deskForm",
                                                               DESK_CONSENT_WORLD);
  webkit_user_content_manager_register_script_message_handler (manager, "deskMessage",
                                                               DESK_CONSENT_WORLD);
  webkit_user_content_manager_add_script (manager, form_script);

  return manager;
}

WebKitWebView *
desk_consent_web_view_new (WebKitNetworkSession     *network_session,
                           WebKitUserContentManager *content_manager)
{
  g_autoptr(WebKitSettings) settings = NULL;

  g_return_val_if_fail (WEBKIT_IS_NETWORK_SESSION (network_session), NULL);
  g_return_val_if_fail (WEBKIT_IS_USER_CONTENT_MANAGER (content_manager), NULL);

  /* Pop-ups without a click are routed into this view or the pop-up pattern's one window
   * (the consent view's "create"), so letting scripts open them is safe, and consent pages
   * that open one after a network round trip work.
   *
   * A consent page is a sign-in form: it needs no GPU compositing, and without it the web
   * process makes no GL context of its own, so the page loads sooner, the tree is ~20 MiB
   * smaller (README "Benchmarks"), and its drawing does not depend on the GPU driver. */
  settings = webkit_settings_new_with_settings ("javascript-can-open-windows-automatically", TRUE,
                                                "enable-developer-extras", DEVELOPMENT,
                                                "hardware-acceleration-policy",
                                                WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER,
                                                NULL);

  return g_object_new (WEBKIT_TYPE_WEB_VIEW,
                       "network-session", network_session,
                       "user-content-manager", content_manager,
                       "settings", settings,
                       NULL);
}

void
desk_consent_web_view_release (gpointer web_view)
{
  webkit_web_view_terminate_web_process (web_view);
  g_object_unref (web_view);
#ifdef __GLIBC__
  /* An attempt frees megabytes scattered through the heap, which glibc keeps resident: they
   * go back now, or the UI process's memory would creep up attempt after attempt. */
  malloc_trim (0);
#endif
}

const char *
desk_consent_termination_reason (WebKitWebProcessTerminationReason reason)
{
  switch (reason)
    {
    case WEBKIT_WEB_PROCESS_CRASHED:
      return "crashed";
    case WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT:
      return "memory";
    case WEBKIT_WEB_PROCESS_TERMINATED_BY_API:
    default:
      return "ended";
    }
}

/* Every request waiting for @identifier's filter gets it, or @error. */
static void
finish_pending_filter (const char              *identifier,
                       WebKitUserContentFilter *filter,
                       const GError            *error)
{
  g_autoptr(GPtrArray) waiting = NULL;
  g_autofree char *key = NULL;

  g_hash_table_steal_extended (pending_filters, identifier, (gpointer *) &key,
                               (gpointer *) &waiting);
  if (filter != NULL)
    g_hash_table_replace (compiled_filters, g_strdup (identifier), filter);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (filter != NULL)
        g_task_return_pointer (task, webkit_user_content_filter_ref (filter),
                               (GDestroyNotify) webkit_user_content_filter_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

/* One rule set on its way to a filter: read back from the store, or else compiled. */
typedef struct
{
  char   *identifier;
  GBytes *rules;
} FilterJob;

static void
filter_job_free (FilterJob *job)
{
  g_free (job->identifier);
  g_bytes_unref (job->rules);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FilterJob, filter_job_free)

static void
on_filter_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FilterJob) job = user_data;
  g_autoptr(GError) error = NULL;
  WebKitUserContentFilter *filter;

  filter = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (source),
                                                         result, &error);
  finish_pending_filter (job->identifier, filter, error);
}

/* A rule set compiled by an earlier run is read back; only a new one is compiled, which
 * takes WebKit seconds on a slow machine (each path byte's escape makes the DFA larger). */
static void
on_filter_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FilterJob *job = user_data;
  WebKitUserContentFilter *filter;

  filter = webkit_user_content_filter_store_load_finish (WEBKIT_USER_CONTENT_FILTER_STORE (source),
                                                         result, NULL);
  if (filter != NULL)
    {
      finish_pending_filter (job->identifier, filter, NULL);
      filter_job_free (job);
      return;
    }

  /* The job goes on to on_filter_saved(). */
  webkit_user_content_filter_store_save (filter_store, job->identifier, job->rules, NULL,
                                         on_filter_saved, job);
}

void
desk_consent_filter_load_async (const char          *redirect_uri,
                                const char          *cancel_uri,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *rules = desk_navigation_content_filter_json (redirect_uri, cancel_uri);
  g_autofree char *identifier = NULL;
  FilterJob *job;
  WebKitUserContentFilter *filter;
  GPtrArray *waiting;
  gsize length;

  g_task_set_source_tag (task, desk_consent_filter_load_async);

  if (g_str_equal (rules, "[]"))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (compiled_filters == NULL)
    {
      g_autofree char *directory = g_build_filename (g_get_user_cache_dir (), "consent-desk",
                                                     "content-filters", NULL);

      compiled_filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) webkit_user_content_filter_unref);
      pending_filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
      filter_store = webkit_user_content_filter_store_new (directory);
    }

  /* The rules name the endpoints, so the identifier is their digest, never the URIs. */
  identifier = g_compute_checksum_for_string (G_CHECKSUM_SHA256, rules, -1);

  filter = g_hash_table_lookup (compiled_filters, identifier);
  if (filter != NULL)
    {
      g_task_return_pointer (task, webkit_user_content_filter_ref (filter),
                             (GDestroyNotify) webkit_user_content_filter_unref);
      return;
    }

  /* One compilation per rule set at a time: the warmed attempt's request (desk-consent-warm.c)
   * and the view's join. It is not cancelled: its result is kept for the next request. */
  waiting = g_hash_table_lookup (pending_filters, identifier);
  if (waiting != NULL)
    {
      g_ptr_array_add (waiting, g_steal_pointer (&task));
      return;
    }

  waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiting, g_steal_pointer (&task));
  g_hash_table_insert (pending_filters, g_strdup (identifier), waiting);
  length = strlen (rules);
  job = g_new0 (FilterJob, 1);
  job->identifier = g_strdup (identifier);
  job->rules = g_bytes_new_take (g_steal_pointer (&rules), length);
  webkit_user_content_filter_store_load (filter_store, identifier, NULL, on_filter_loaded, job);
}

WebKitUserContentFilter *
desk_consent_filter_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
desk_consent_filters_forget (void)
{
  if (compiled_filters != NULL)
    g_hash_table_remove_all (compiled_filters);
}

/* The "formdata" event fires for every submission (form.submit() included) right before the
 * navigation; "submit" says which button, whose formaction/formmethod win. */
static const char form_script[] =
  "(function () {\n"
  "  var submitter = null;\n"
  "  window.addEventListener('submit', function (event) {\n"
  "    submitter = event.submitter || null;\n"
  "  }, true);\n"
  "  window.addEventListener('formdata', function (event) {\n"
  "    var form = event.target, body;\n"
  "    if (!(form instanceof HTMLFormElement)) return;\n"
  "    var action = form.action, method = form.method;\n"
  "    if (submitter && submitter.form === form) {\n"
  "      if (submitter.hasAttribute('formaction')) action = submitter.formAction;\n"
  "      if (submitter.hasAttribute('formmethod')) method = submitter.formMethod;\n"
  "    }\n"
  "    submitter = null;\n"
  "    try {\n"
  "      var pairs = [];\n"
  "      event.formData.forEach(function (value, key) {\n"
  "        pairs.push(encodeURIComponent(key) + '=' +\n"
  "                   encodeURIComponent(typeof value === 'string' ? value : value.name));\n"
  "      });\n"
  "      body = pairs.join('&');\n"
  "    } catch (e) { body = null; }\n"
  "    window.webkit.messageHandlers.deskForm.postMessage(\n"
  "      { action: String(action), method: String(method), body: body });\n"
  "  }, true);\n"
  "})();\n";

WebKitUserScript *
desk_consent_form_script_new (void)
{
  return webkit_user_script_new_for_world (form_script, WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                           WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                           DESK_CONSENT_WORLD, NULL, NULL);
}

/* Page script cannot forge these: the listener lives in Consent Desk's own world, and C makes
 * the decision (desk_attempt_report_message). */
static const char message_script[] =
  "(function (origin) {\n"
  "  if (window.top !== window || location.origin !== origin) return;\n"
  "  window.addEventListener('message', function (event) {\n"
  "    var frame = document.getElementById('consent'), data = null;\n"
  "    try { data = JSON.stringify(event.data); } catch (e) { data = null; }\n"
  "    window.webkit.messageHandlers.deskMessage.postMessage({\n"
  "      data: typeof data === 'string' ? data : null,\n"
  "      origin: String(event.origin),\n"
  "      fromFrame: !!frame && event.source === frame.contentWindow });\n"
  "  }, true);\n"
  "})(%s);\n";

WebKitUserScript *
desk_consent_message_script_new (const char *integrator_origin)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *quoted = NULL;
  g_autofree char *source = NULL;

  g_return_val_if_fail (integrator_origin != NULL, NULL);

  json_node_set_string (node, integrator_origin);
  quoted = json_to_string (node, FALSE);
  source = g_strdup_printf (message_script, quoted);

  return webkit_user_script_new_for_world (source, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                           WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                           DESK_CONSENT_WORLD, NULL, NULL);
}

static void
integrator_handler (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  g_autofree char *resource = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *type = "text/html; charset=utf-8";

  if (g_strcmp0 (soup_server_message_get_method (message), "GET") != 0
      || strstr (path, "..") != NULL || path[0] != '/' || strchr (path + 1, '/') != NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  resource = g_strconcat (INTEGRATOR_RESOURCES, path + 1, NULL);
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  if (g_str_has_suffix (path, ".js"))
    type = "text/javascript; charset=utf-8";
  else if (g_str_has_suffix (path, ".css"))
    type = "text/css; charset=utf-8";

  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Cache-Control", "no-store");
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
integrator_server_start (GError **error)
{
  GSList *uris;

  if (integrator_server != NULL)
    return TRUE;

  integrator_server = soup_server_new ("server-header", "", NULL);
  soup_server_add_handler (integrator_server, NULL, integrator_handler, NULL, NULL);
  if (!soup_server_listen_local (integrator_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_clear_object (&integrator_server);
      return FALSE;
    }

  uris = soup_server_get_uris (integrator_server);
  integrator_origin = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return TRUE;
}

const char *
desk_integrator_origin (void)
{
  return integrator_origin;
}

char *
desk_integrator_page_uri (DeskIntegration   integration,
                          const char       *auth_url,
                          GError          **error)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (auth_url != NULL, NULL);

  if (!integrator_server_start (error))
    return NULL;

  escaped = g_uri_escape_string (auth_url, NULL, FALSE);

  return g_strdup_printf ("%s/%s.html?auth_url=%s", integrator_origin,
                          integration == DESK_INTEGRATION_EMBEDDED ? "embedded" : "popup",
                          escaped);
}

char *
desk_consent_first_uri (DeskIntegration           integration,
                        const char               *auth_url,
                        WebKitUserContentManager *content_manager,
                        GError                  **error)
{
  char *page;

  /* The consent page is an address like any other: the attempt decides it, and refuses a
   * non-web one before anything is sent. It opens exactly as returned (fiskil-api §3). */
  if (integration != DESK_INTEGRATION_POPUP && integration != DESK_INTEGRATION_EMBEDDED)
    return g_strdup (auth_url);

  page = desk_integrator_page_uri (integration, auth_url, error);
  if (page != NULL && integration == DESK_INTEGRATION_EMBEDDED)
    {
      g_autoptr(WebKitUserScript) script =
        desk_consent_message_script_new (desk_integrator_origin ());

      webkit_user_content_manager_add_script (content_manager, script);
    }
  return page;
}

static gboolean
pid_is_network_process (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", pid);
  g_autofree char *cmdline = NULL;
  gsize length = 0;

  /* The arguments are NUL-separated: the program's name is the first. */
  return g_file_get_contents (path, &cmdline, &length, NULL) && length > 0
         && g_str_has_suffix (cmdline, "WebKitNetworkProcess");
}

int
desk_process_parent_of (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *after;
  int parent = 0;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL
      || sscanf (after + 1, " %*c %d", &parent) != 1)
    return 0;

  return parent;
}

static int
find_network_process (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  int self = getpid ();

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      int pid = atoi (name);

      if (pid <= 0 || !pid_is_network_process (pid))
        continue;
      /* Ours only (a sandbox may stand between us): its ancestry leads to this process. */
      for (int ancestor = desk_process_parent_of (pid); ancestor > 1;
           ancestor = desk_process_parent_of (ancestor))
        if (ancestor == self)
          return pid;
    }

  return 0;
}

typedef struct
{
  DeskProcessEndedFunc func;
  gpointer             data;
  int                  fd;
} ProcessWatch;

static void
process_watch_free (gpointer data)
{
  ProcessWatch *watch = data;

  close (watch->fd);
  g_free (watch);
}

static gboolean
on_process_ended (int           fd,
                  GIOCondition  condition,
                  gpointer      data)
{
  ProcessWatch *watch = data;

  watch->func (watch->data);
  return G_SOURCE_REMOVE;
}

guint
desk_network_process_watch (DeskProcessEndedFunc func,
                            gpointer             data)
{
  ProcessWatch *watch;
  int pid = find_network_process ();
  int fd = -1;

  g_return_val_if_fail (func != NULL, 0);

#ifdef SYS_pidfd_open
  if (pid > 0)
    fd = (int) syscall (SYS_pidfd_open, pid, 0);
#endif
  if (fd < 0)
    return 0;

  watch = g_new0 (ProcessWatch, 1);
  watch->func = func;
  watch->data = data;
  watch->fd = fd;

  /* A pidfd becomes readable when its process ends. */
  return g_unix_fd_add_full (G_PRIORITY_DEFAULT, fd, G_IO_IN | G_IO_HUP | G_IO_ERR,
                             on_process_ended, watch, process_watch_free);
}
