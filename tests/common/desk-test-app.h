/* desk-test-app.h — helpers for tests that drive the application itself: its Sandbox, its
 * environments, the attempts it finishes and the questions it asks
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-application.h"
#include "desk-test-gtk.h"

G_BEGIN_DECLS

/* A new application as the tests run it (non-unique, handling its own command line), given
 * @store as its keyring when not NULL, and registered; fails the test if it cannot register. */
DeskApplication  *desk_test_app_new             (DeskSecretStore     *store);

/* The application's in-process Sandbox, started (failing the test if it cannot start). */
DeskSandbox      *desk_test_app_sandbox         (DeskApplication     *app);

/* Chooses the environment of @kind (@api_url for a custom one) in @window's form. */
void              desk_test_app_use_environment (DeskApplication     *app,
                                                 DeskWindow          *window,
                                                 DeskEnvironmentKind  kind,
                                                 const char          *api_url);

/* The visible question (Cancel's, closing's, Delete's…), or NULL. */
AdwMessageDialog *desk_test_question            (void);

/* A DeskTestCondition: a question is on screen. @data is unused. */
gboolean          desk_test_question_is_open    (gpointer             data);

/* Answers the visible question with @response as a click would, closing it; fails if none. */
void              desk_test_answer              (const char          *response);

/* Every outcome the attempt manager reported: how many, and a copy of the last. */
typedef struct
{
  guint        count;
  DeskOutcome *last;
} DeskTestOutcomes;

/* Counts @manager's "attempt-finished" into @outcomes from now on; @outcomes must outlive it. */
void              desk_test_outcomes_watch      (DeskTestOutcomes    *outcomes,
                                                 DeskAttemptManager  *manager);

/* Waits until @outcomes has counted @count, failing with "… waiting for @what" on timeout. */
void              desk_test_outcomes_wait       (DeskTestOutcomes    *outcomes,
                                                 guint                count,
                                                 guint                timeout_ms,
                                                 const char          *what);

/* How many events of @kind @attempt's timeline holds whose string @field is @text; with @field
 * NULL, every event of @kind. */
guint             desk_test_count_events        (DeskAttempt         *attempt,
                                                 DeskTimelineKind     kind,
                                                 const char          *field,
                                                 const char          *text);

/* The same, counting the events whose @field contains @text. */
guint             desk_test_count_events_containing (DeskAttempt     *attempt,
                                                     DeskTimelineKind kind,
                                                     const char      *field,
                                                     const char      *text);

G_END_DECLS
