/* desk-sandbox.c — the built-in Sandbox: Fiskil's API and consent UI, in-process on 127.0.0.1
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-sandbox"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-error-catalogue.h"
#include "desk-sandbox-private.h"

struct _DeskSandbox
{
  GObject           parent_instance;

  SoupServer       *server;            /* NULL while stopped */
  char             *base_url;          /* NULL while stopped */
  DeskSandboxStore *store;             /* outlives a stop, so a restart keeps end users */
  guint             session_lifetime;  /* seconds */
  char             *auto_outcome;
  GPtrArray        *remote_customers;  /* GSource, pending simulated completions */
};

G_DEFINE_FINAL_TYPE (DeskSandbox, desk_sandbox, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BASE_URL,
  PROP_RUNNING,
  PROP_SESSION_LIFETIME,
  PROP_AUTO_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_REMOTE_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
desk_sandbox_dispose (GObject *object)
{
  DeskSandbox *self = DESK_SANDBOX (object);

  desk_sandbox_stop (self);

  /* A customer who has not finished yet never will: their sources point at this Sandbox. */
  while (self->remote_customers->len > 0)
    {
      GSource *source = g_ptr_array_steal_index (self->remote_customers, 0);

      g_source_destroy (source);
      g_source_unref (source);
    }

  G_OBJECT_CLASS (desk_sandbox_parent_class)->dispose (object);
}

static void
desk_sandbox_finalize (GObject *object)
{
  DeskSandbox *self = DESK_SANDBOX (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->auto_outcome, g_free);
  g_clear_pointer (&self->remote_customers, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_sandbox_parent_class)->finalize (object);
}

static void
desk_sandbox_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DeskSandbox *self = DESK_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, desk_sandbox_is_running (self));
      break;

    case PROP_SESSION_LIFETIME:
      g_value_set_uint (value, self->session_lifetime);
      break;

    case PROP_AUTO_OUTCOME:
      g_value_set_string (value, self->auto_outcome);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sandbox_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DeskSandbox *self = DESK_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_SESSION_LIFETIME:
      desk_sandbox_set_session_lifetime (self, g_value_get_uint (value));
      break;

    case PROP_AUTO_OUTCOME:
      desk_sandbox_set_auto_outcome (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sandbox_class_init (DeskSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_sandbox_dispose;
  object_class->finalize = desk_sandbox_finalize;
  object_class->get_property = desk_sandbox_get_property;
  object_class->set_property = desk_sandbox_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION_LIFETIME] =
    g_param_spec_uint ("session-lifetime", NULL, NULL,
                       1, G_MAXUINT32, DESK_SANDBOX_DEFAULT_SESSION_LIFETIME,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTO_OUTCOME] =
    g_param_spec_string ("auto-outcome", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REMOTE_FINISHED] =
    g_signal_new ("remote-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
desk_sandbox_init (DeskSandbox *self)
{
  self->store = desk_sandbox_store_new ();
  self->session_lifetime = DESK_SANDBOX_DEFAULT_SESSION_LIFETIME;
  self->remote_customers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
}

DeskSandbox *
desk_sandbox_new (void)
{
  return g_object_new (DESK_TYPE_SANDBOX, NULL);
}

void
desk_sandbox_set_standard_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

  soup_message_headers_replace (headers, "Date", date);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  DeskSandbox *self = DESK_SANDBOX (user_data);

  desk_sandbox_set_standard_headers (msg);

  if (g_str_equal (path, "/v1") || g_str_has_prefix (path, "/v1/"))
    desk_sandbox_api_handle (self, msg, path, query);
  else if (g_str_equal (path, "/auth") || g_str_has_prefix (path, "/auth/"))
    desk_sandbox_flow_handle (self, msg, path, query);
  else
    {
      static const char not_found[] = "Not found\n";

      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        not_found, strlen (not_found));
    }
}

gboolean
desk_sandbox_start (DeskSandbox  *self,
                    GError      **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (DESK_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;

  /* The trailing space makes libsoup append its own product token. */
  server = soup_server_new ("server-header", "ConsentDeskSandbox/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (server, NULL, handle_request, self, NULL);

  /* Port 0: the kernel picks a free port; loopback only, nothing outside this machine sees it. */
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The Sandbox could not start: %s"), local_error->message);
      return FALSE;
    }

  uris = soup_server_get_uris (server);
  g_assert (uris != NULL);

  self->server = g_steal_pointer (&server);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_debug ("Sandbox listening on %s", self->base_url);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  return TRUE;
}

void
desk_sandbox_stop (DeskSandbox *self)
{
  g_return_if_fail (DESK_IS_SANDBOX (self));

  if (self->server == NULL)
    return;

  /* Closes the listening socket and every client connection, and with them their sources. */
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->base_url, g_free);
  g_debug ("Sandbox stopped");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
desk_sandbox_is_running (DeskSandbox *self)
{
  g_return_val_if_fail (DESK_IS_SANDBOX (self), FALSE);

  return self->server != NULL;
}

const char *
desk_sandbox_get_base_url (DeskSandbox *self)
{
  g_return_val_if_fail (DESK_IS_SANDBOX (self), NULL);

  return self->base_url;
}

void
desk_sandbox_set_session_lifetime (DeskSandbox *self,
                                   guint        seconds)
{
  g_return_if_fail (DESK_IS_SANDBOX (self));
  g_return_if_fail (seconds > 0);

  if (self->session_lifetime == seconds)
    return;

  self->session_lifetime = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_LIFETIME]);
}

guint
desk_sandbox_get_session_lifetime (DeskSandbox *self)
{
  g_return_val_if_fail (DESK_IS_SANDBOX (self), DESK_SANDBOX_DEFAULT_SESSION_LIFETIME);

  return self->session_lifetime;
}

void
desk_sandbox_set_auto_outcome (DeskSandbox *self,
                               const char  *outcome)
{
  g_return_if_fail (DESK_IS_SANDBOX (self));
  g_return_if_fail (outcome == NULL || desk_sandbox_outcome_is_valid (outcome));

  if (g_strcmp0 (self->auto_outcome, outcome) == 0)
    return;

  g_free (self->auto_outcome);
  self->auto_outcome = g_strdup (outcome);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_OUTCOME]);
}

const char *
desk_sandbox_get_auto_outcome (DeskSandbox *self)
{
  g_return_val_if_fail (DESK_IS_SANDBOX (self), NULL);

  return self->auto_outcome;
}

gboolean
desk_sandbox_outcome_is_valid (const char *outcome)
{
  if (outcome == NULL)
    return FALSE;

  return desk_error_catalogue_is_ending (outcome);
}

DeskSandboxStore *
desk_sandbox_get_store (DeskSandbox *self)
{
  g_return_val_if_fail (DESK_IS_SANDBOX (self), NULL);

  return self->store;
}

typedef struct
{
  DeskSandbox *sandbox;  /* not a reference: dispose destroys the source first */
  GSource     *source;
  char        *session_id;
  char        *outcome;
} RemoteCustomer;

static void
remote_customer_free (RemoteCustomer *customer)
{
  g_free (customer->session_id);
  g_free (customer->outcome);
  g_free (customer);
}

static gboolean
remote_customer_finish (gpointer user_data)
{
  RemoteCustomer *customer = user_data;
  g_autoptr(DeskSandbox) self = g_object_ref (customer->sandbox);
  DeskSandboxSession *session;
  g_autofree char *location = NULL;
  const char *ending = customer->outcome;

  g_ptr_array_remove_fast (self->remote_customers, customer->source);

  session = desk_sandbox_store_lookup_session (self->store, customer->session_id);
  g_assert (session != NULL);  /* sessions are never forgotten */

  /* What the pages would do for a customer arriving now. */
  if (session->step == DESK_SANDBOX_STEP_ENDED)
    ending = "AUTH_SESSION_INVALID";
  else if (desk_sandbox_session_is_expired (session))
    ending = "CONSENT_TIMEOUT";

  location = desk_sandbox_store_end_session (self->store, session, ending);
  g_debug ("Sandbox session %s ended remotely: %s", session->session_id, ending);
  g_signal_emit (self, signals[SIGNAL_REMOTE_FINISHED], 0, customer->session_id, location);

  return G_SOURCE_REMOVE;
}

gboolean
desk_sandbox_complete_remotely (DeskSandbox *self,
                                const char  *session_id,
                                const char  *outcome,
                                guint        delay_ms)
{
  RemoteCustomer *customer;

  g_return_val_if_fail (DESK_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);
  g_return_val_if_fail (desk_sandbox_outcome_is_valid (outcome), FALSE);

  if (desk_sandbox_store_lookup_session (self->store, session_id) == NULL)
    return FALSE;

  customer = g_new0 (RemoteCustomer, 1);
  customer->sandbox = self;
  customer->session_id = g_strdup (session_id);
  customer->outcome = g_strdup (outcome);
  customer->source = g_timeout_source_new (delay_ms);
  g_source_set_callback (customer->source, remote_customer_finish, customer,
                         (GDestroyNotify) remote_customer_free);
  g_source_set_static_name (customer->source, "[desk] Sandbox remote customer");
  g_source_attach (customer->source, g_main_context_get_thread_default ());
  g_ptr_array_add (self->remote_customers, customer->source);

  return TRUE;
}

void
desk_sandbox_set_consent_lag (DeskSandbox *self,
                              guint        n_listings)
{
  g_return_if_fail (DESK_IS_SANDBOX (self));

  desk_sandbox_store_set_consent_lag (self->store, n_listings);
}

void
desk_sandbox_set_consent_rate_limit (DeskSandbox *self,
                                     guint        n_calls)
{
  g_return_if_fail (DESK_IS_SANDBOX (self));

  desk_sandbox_store_set_consent_rate_limit (self->store, n_calls);
}
