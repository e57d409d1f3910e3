/* test-history-processes.c — the history across processes: kill -9 mid-attempt, two at once
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "history-test-util.h"

#define N_EVENTS 7

/* ---- the child: this binary run again with --child MODE PATH ATTEMPT ---- */

static void
say (const char *line)
{
  fputs (line, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static char *
hear (void)
{
  char line[64];

  if (fgets (line, sizeof line, stdin) == NULL)
    return NULL;
  return g_strstrip (g_strdup (line));
}

static int
child_main (const char *mode,
            const char *path,
            const char *attempt_id)
{
  g_autoptr(DeskHistory) history = ht_open (path);
  g_autoptr(JsonObject) summary = ht_summary (attempt_id, "sandbox", "eu_child",
                                              "child@example.com", "Child", NULL);
  g_autoptr(JsonObject) session = ht_session ("sess_child");
  g_autofree char *order = NULL;

  desk_history_begin (history, summary);
  desk_history_set_session (history, attempt_id, session);
  for (guint i = 0; i < N_EVENTS; i++)
    {
      g_autoptr(JsonObject) event = ht_event (i % 2 ? "load" : "navigation", i);
      desk_history_append_event (history, attempt_id, event);
    }
  ht_flush (history);
  say ("written");
  /* kill: the parent kills us here. two: we finish when told to. */
  order = hear ();
  if (g_strcmp0 (mode, "two") == 0 && g_strcmp0 (order, "finish") == 0)
    {
      g_autoptr(JsonObject) outcome = ht_outcome (summary, "success", "sess_child", NULL, NULL);
      desk_history_finish (history, outcome);
      ht_flush (history);
      say ("finished");
      hear ();
    }
  return 0;
}

/* ---- the parent ---- */

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  GOutputStream    *in;
} Child;

static void
child_start (Child      *child,
             const char *mode,
             const char *path,
             const char *attempt_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  child->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                     self, "--child", mode, path, attempt_id, NULL);
  g_assert_no_error (error);
  child->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child->process));
  child->in = g_subprocess_get_stdin_pipe (child->process);
}

typedef struct
{
  gboolean  done;
  char     *line;
} Line;

static void
got_line (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Line *line = data;

  line->line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result,
                                                     NULL, NULL);
  line->done = TRUE;
}

/* The child's next line, waiting at most 30 s. */
static void
child_expect (Child      *child,
              const char *expected)
{
  Line line = { 0 };

  g_data_input_stream_read_line_async (child->out, G_PRIORITY_DEFAULT, NULL, got_line, &line);
  ht_wait_flag (&line.done, expected);
  g_assert_cmpstr (line.line, ==, expected);
  g_free (line.line);
}

static void
child_tell (Child      *child,
            const char *order)
{
  g_autofree char *text = g_strconcat (order, "\n", NULL);
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (child->in, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
got_exit (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) data = TRUE;
}

/* Reaped, not merely dead: a zombie would still hold nothing, but be tidy. */
static void
child_wait (Child *child)
{
  gboolean exited = FALSE;

  g_subprocess_wait_async (child->process, NULL, got_exit, &exited);
  ht_wait_flag (&exited, "the child to exit");
  g_clear_object (&child->out);
  g_clear_object (&child->process);
}

static JsonObject *
outcome_of (DeskHistory *history,
            const char  *attempt_id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *outcome = ht_get_outcome (history, attempt_id, &error);

  g_assert_no_error (error);
  return outcome;
}

static void
test_kill_9 (void)
{
  g_autofree char *dir = ht_scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(DeskHistory) history = NULL;
  g_autoptr(DeskHistoryModel) model = NULL;
  g_autoptr(DeskHistoryEntry) entry = NULL;
  g_autoptr(JsonObject) outcome = NULL;
  Child child = { 0 };
  JsonArray *timeline;

  child_start (&child, "kill", path, "killed-1");
  child_expect (&child, "written");
  g_subprocess_send_signal (child.process, SIGKILL);
  child_wait (&child);

  history = ht_open (path);
  outcome = outcome_of (history, "killed-1");
  g_assert_cmpstr (json_object_get_string_member (outcome, "outcome"), ==, "interrupted");
  g_assert_true (json_object_get_null_member (outcome, "finished_at"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (outcome,
                                                                                 "session"),
                                                  "session_id"), ==, "sess_child");
  timeline = json_object_get_array_member (outcome, "timeline");
  g_assert_cmpuint (json_array_get_length (timeline), ==, N_EVENTS);
  for (guint i = 0; i < N_EVENTS; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (timeline, i),
                                                    "kind"), ==, i % 2 ? "load" : "navigation");
  model = desk_history_model_new (history);
  desk_history_model_set_outcome (model, "interrupted");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  entry = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (desk_history_entry_get_session_id (entry), ==, "sess_child");
  g_clear_object (&model);
  g_clear_object (&history);
  ht_remove_tree (dir);
}

/* Two instances on one file: both record, and neither takes the other's live attempt for a
 * dead one. */
static void
test_two_processes (void)
{
  g_autofree char *dir = ht_scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(DeskHistory) history = NULL;
  g_autoptr(DeskHistory) again = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(JsonObject) ours = NULL;
  g_autoptr(JsonObject) summary = ht_summary ("parent-1", "production", "eu_p", "p@x", "P",
                                              NULL);
  Child child = { 0 };

  child_start (&child, "two", path, "child-1");
  child_expect (&child, "written");
  /* Opening while the child's attempt runs must not interrupt it. */
  history = ht_open (path);
  theirs = outcome_of (history, "child-1");
  g_assert_cmpstr (json_object_get_string_member (theirs, "outcome"), ==, "running");
  /* Nor must a second store in this process. */
  again = ht_open (path);
  g_clear_pointer (&theirs, json_object_unref);
  theirs = outcome_of (again, "child-1");
  g_assert_cmpstr (json_object_get_string_member (theirs, "outcome"), ==, "running");
  g_clear_object (&again);

  desk_history_begin (history, summary);
  ht_flush (history);
  child_tell (&child, "finish");
  child_expect (&child, "finished");
  ht_record (history, summary, "failure", "sess_p", "consent_rejected", "E1", 3);
  ht_flush (history);
  child_tell (&child, "bye");
  child_wait (&child);

  g_clear_pointer (&theirs, json_object_unref);
  theirs = outcome_of (history, "child-1");
  ours = outcome_of (history, "parent-1");
  g_assert_cmpstr (json_object_get_string_member (theirs, "outcome"), ==, "success");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (theirs, "timeline")),
                    ==, N_EVENTS);
  g_assert_cmpstr (json_object_get_string_member (ours, "outcome"), ==, "failure");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ours, "timeline")),
                    ==, 3);
  g_clear_object (&history);
  ht_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history/kill-9", test_kill_9);
  g_test_add_func ("/history/two-processes", test_two_processes);
  return g_test_run ();
}
