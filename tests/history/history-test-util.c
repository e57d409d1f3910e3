/* history-test-util.c — scratch files, bounded waits and attempt builders for the history tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "history-test-util.h"

#define WAIT_SECONDS 30

char *
ht_scratch_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("history-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
ht_remove_tree (const char *path)
{
  GDir *dir;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      const char *name;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          ht_remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ht_wait_flag (gboolean   *flag,
              const char *what)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, timed_out, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  if (!*flag)
    g_error ("Timed out waiting for %s", what);
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_result (Wait       *wait,
             const char *what)
{
  ht_wait_flag (&wait->done, what);
  return wait->result;
}

DeskHistory *
ht_open (const char *path)
{
  Wait wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  DeskHistory *history;

  desk_history_open_async (path, NULL, got_result, &wait);
  result = wait_result (&wait, "the history to open");
  history = desk_history_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (history);
  return history;
}

void
ht_flush (DeskHistory *history)
{
  Wait wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  desk_history_flush_async (history, NULL, got_result, &wait);
  result = wait_result (&wait, "the history to flush");
  g_assert_true (desk_history_flush_finish (history, result, &error));
  g_assert_no_error (error);
}

JsonObject *
ht_get_outcome (DeskHistory *history,
                const char  *attempt_id,
                GError     **error)
{
  Wait wait = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  desk_history_get_outcome_async (history, attempt_id, NULL, got_result, &wait);
  result = wait_result (&wait, "an outcome");
  return desk_history_get_outcome_finish (history, result, error);
}

JsonArray *
ht_get_exchanges (DeskHistory *history,
                  const char  *attempt_id)
{
  Wait wait = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *entries;

  desk_history_get_exchanges_async (history, attempt_id, NULL, got_result, &wait);
  result = wait_result (&wait, "the exchanges");
  entries = desk_history_get_exchanges_finish (history, result, &error);
  g_assert_no_error (error);
  return entries;
}

JsonNode *
ht_export (DeskHistory         *history,
           GDateTime           *since,
           const char * const  *attempt_ids,
           GError             **error)
{
  Wait wait = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  desk_history_export_json_async (history, since, attempt_ids, NULL, got_result, &wait);
  result = wait_result (&wait, "an export");
  return desk_history_export_json_finish (history, result, error);
}

static gint64
remove_finish (DeskHistory *history,
               Wait        *wait)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = wait_result (wait, "a removal");
  gint64 removed = desk_history_remove_finish (history, result, &error);

  g_assert_no_error (error);
  return removed;
}

gint64
ht_delete (DeskHistory        *history,
           const char * const *attempt_ids)
{
  Wait wait = { 0 };

  desk_history_delete_async (history, attempt_ids, NULL, got_result, &wait);
  return remove_finish (history, &wait);
}

gint64
ht_clear (DeskHistory *history)
{
  Wait wait = { 0 };

  desk_history_clear_async (history, NULL, got_result, &wait);
  return remove_finish (history, &wait);
}

gint64
ht_retain (DeskHistory *history,
           guint        days)
{
  Wait wait = { 0 };

  desk_history_apply_retention_async (history, days, NULL, got_result, &wait);
  return remove_finish (history, &wait);
}

char *
ht_iso_days_ago (double days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, -days * 86400.0);

  return g_date_time_format_iso8601 (then);
}

JsonObject *
ht_summary (const char *attempt_id,
            const char *environment,
            const char *end_user_id,
            const char *email,
            const char *name,
            const char *started_at)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *now = started_at ? NULL : ht_iso_days_ago (0);
  JsonNode *root;
  JsonObject *object;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "attempt_id");
  json_builder_add_string_value (b, attempt_id);
  json_builder_set_member_name (b, "started_at");
  json_builder_add_string_value (b, started_at ? started_at : now);
  json_builder_set_member_name (b, "environment");
  json_builder_add_string_value (b, environment);
  json_builder_set_member_name (b, "environment_name");
  json_builder_add_string_value (b, g_str_equal (environment, "sandbox") ? "Sandbox"
                                                                         : "Production");
  json_builder_set_member_name (b, "integration");
  json_builder_add_string_value (b, "redirect");
  json_builder_set_member_name (b, "api_url");
  json_builder_add_string_value (b, "http://127.0.0.1:4000");
  json_builder_set_member_name (b, "end_user");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, end_user_id);
  json_builder_set_member_name (b, "email");
  json_builder_add_string_value (b, email);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "request");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "end_user_id");
  json_builder_add_string_value (b, end_user_id);
  json_builder_set_member_name (b, "redirect_uri");
  json_builder_add_string_value (b, "https://callback.consent-desk.invalid/done");
  json_builder_set_member_name (b, "cancel_uri");
  json_builder_add_string_value (b, "https://callback.consent-desk.invalid/cancel");
  json_builder_set_member_name (b, "institution_id");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "permissions");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "ACCOUNT_BASIC_ACCESS");
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  object = json_object_ref (json_node_get_object (root));
  json_node_unref (root);
  return object;
}

JsonObject *
ht_session (const char *session_id)
{
  JsonObject *session = json_object_new ();
  g_autofree char *auth_url = g_strdup_printf ("http://127.0.0.1:4000/auth/%s", session_id);

  json_object_set_string_member (session, "id", session_id);
  json_object_set_string_member (session, "session_id", session_id);
  json_object_set_string_member (session, "auth_url", auth_url);
  json_object_set_string_member (session, "expires_at", "2026-12-04T18:00:00Z");
  return session;
}

/* Every kind of design.md's timeline, with its members. */
JsonObject *
ht_event (const char *kind,
          guint       n)
{
  JsonObject *event = json_object_new ();
  g_autofree char *at = g_strdup_printf ("2026-12-04T16:00:%02u.%03uZ", n % 60, n % 1000);

  json_object_set_string_member (event, "at", at);
  json_object_set_string_member (event, "kind", kind);
  if (g_str_equal (kind, "api-request") || g_str_equal (kind, "api-response"))
    {
      json_object_set_string_member (event, "method", "POST");
      json_object_set_string_member (event, "url", "http://127.0.0.1:4000/v1/auth/session");
      if (g_str_equal (kind, "api-response"))
        {
          json_object_set_int_member (event, "status", 201);
          json_object_set_int_member (event, "duration_ms", 12 + n);
          json_object_set_null_member (event, "error_id");
        }
    }
  else if (g_str_equal (kind, "navigation"))
    {
      json_object_set_string_member (event, "uri", "https://auth.example/step?x=1");
      json_object_set_string_member (event, "decision", "allowed");
    }
  else if (g_str_equal (kind, "load"))
    {
      json_object_set_string_member (event, "uri", "https://auth.example/step");
      json_object_set_string_member (event, "event", "failed");
      json_object_set_string_member (event, "error", "Connection refused");
    }
  else if (g_str_equal (kind, "message"))
    {
      JsonObject *data = json_object_new ();
      json_object_set_boolean_member (data, "isCompleted", TRUE);
      json_object_set_string_member (event, "origin", "https://auth.fiskil.com");
      json_object_set_boolean_member (event, "accepted", FALSE);
      json_object_set_string_member (event, "reason", "foreign-origin");
      json_object_set_object_member (event, "data", data);
    }
  else if (g_str_equal (kind, "popup"))
    json_object_set_string_member (event, "event", "opened");
  else if (g_str_equal (kind, "consent-check"))
    {
      json_object_set_string_member (event, "result", "found");
      json_object_set_int_member (event, "count", 1);
    }
  else if (g_str_equal (kind, "notice"))
    json_object_set_string_member (event, "code", "refused-scheme");
  else if (g_str_equal (kind, "outcome"))
    json_object_set_string_member (event, "outcome", "success");
  return event;
}

static void
set_or_null (JsonObject *object,
             const char *name,
             const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

JsonObject *
ht_outcome (JsonObject *summary,
            const char *outcome,
            const char *session_id,
            const char *error_type,
            const char *error_id)
{
  JsonObject *object = json_object_new ();
  static const char * const copied[] = {
    "attempt_id", "integration", "environment", "api_url", "end_user", "request",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (copied); i++)
    json_object_set_member (object, copied[i],
                            json_node_copy (json_object_get_member (summary, copied[i])));
  json_object_set_string_member (object, "outcome", outcome);
  if (session_id != NULL)
    json_object_set_object_member (object, "session", ht_session (session_id));
  else
    json_object_set_null_member (object, "session");
  json_object_set_null_member (object, "callback");
  set_or_null (object, "session_check", g_str_equal (outcome, "success") ? "match" : NULL);
  json_object_set_null_member (object, "consent_check");
  json_object_set_null_member (object, "consent");
  set_or_null (object, "error", error_type ? "access_denied" : NULL);
  set_or_null (object, "error_type", error_type);
  set_or_null (object, "error_description", error_type ? "The person said no" : NULL);
  set_or_null (object, "error_id", error_id);
  json_object_set_null_member (object, "error_uri");
  if (g_str_equal (outcome, "api-error"))
    {
      JsonObject *api_error = json_object_new ();
      json_object_set_int_member (api_error, "http_status", 400);
      json_object_set_string_member (api_error, "id", "e-1");
      json_object_set_string_member (api_error, "name", "invalid_request");
      json_object_set_string_member (api_error, "message", "end_user_id is required");
      json_object_set_string_member (api_error, "code", "invalid-input");
      json_object_set_string_member (api_error, "description", "Fiskil refused the request.");
      json_object_set_object_member (object, "api_error", api_error);
    }
  else
    json_object_set_null_member (object, "api_error");
  json_object_set_member (object, "started_at",
                          json_node_copy (json_object_get_member (summary, "started_at")));
  json_object_set_string_member (object, "finished_at", "2026-12-04T16:01:00Z");
  json_object_set_array_member (object, "timeline", json_array_new ());
  return object;
}

void
ht_record (DeskHistory *history,
           JsonObject  *summary,
           const char  *outcome,
           const char  *session_id,
           const char  *error_type,
           const char  *error_id,
           guint        n_events)
{
  const char *attempt_id = json_object_get_string_member (summary, "attempt_id");
  g_autoptr(JsonObject) result = ht_outcome (summary, outcome, session_id, error_type, error_id);

  desk_history_begin (history, summary);
  if (session_id != NULL)
    {
      g_autoptr(JsonObject) session = ht_session (session_id);
      desk_history_set_session (history, attempt_id, session);
    }
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(JsonObject) event = ht_event (i % 2 ? "api-response" : "navigation", i);
      desk_history_append_event (history, attempt_id, event);
    }
  /* One API exchange, as a HAR entry that names its attempt ("exchange-ID"). */
  {
    g_autoptr(JsonObject) entry = json_object_new ();
    g_autoptr(JsonObject) request = json_object_new ();
    g_autofree char *url = g_strdup_printf ("https://api.example/v1/auth/session#exchange-%s",
                                            attempt_id);

    json_object_set_string_member (request, "method", "POST");
    json_object_set_string_member (request, "url", url);
    json_object_set_object_member (entry, "request", g_steal_pointer (&request));
    desk_history_append_exchange (history, attempt_id, entry);
  }
  desk_history_finish (history, result);
}

GBytes *
ht_read_all (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  GByteArray *all = g_byte_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (file, &contents, &length, NULL))
        g_byte_array_append (all, (const guint8 *) contents, length);
    }
  return g_byte_array_free_to_bytes (all);
}
