/* history-test-util.h — scratch files, bounded waits and attempt builders for the history tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-history.h"
#include "desk-history-model.h"

G_BEGIN_DECLS

char        *ht_scratch_dir     (void);
void         ht_remove_tree     (const char *path);

/* Each turns the main loop until the operation completes, failing the test after 30 s. */
DeskHistory *ht_open            (const char *path);
void         ht_flush           (DeskHistory *history);
JsonObject  *ht_get_outcome     (DeskHistory *history, const char *attempt_id, GError **error);
/* The attempt's recorded HAR entries (the test fails on an error). */
JsonArray   *ht_get_exchanges   (DeskHistory *history, const char *attempt_id);
JsonNode    *ht_export          (DeskHistory *history, GDateTime *since,
                                 const char * const *attempt_ids, GError **error);
gint64       ht_delete          (DeskHistory *history, const char * const *attempt_ids);
gint64       ht_clear           (DeskHistory *history);
gint64       ht_retain          (DeskHistory *history, guint days);
/* Turns the main loop until *@flag is TRUE. */
void         ht_wait_flag       (gboolean *flag, const char *what);

/* An attempt's summary as the engine hands it over; @started_at NULL for now. */
JsonObject  *ht_summary         (const char *attempt_id, const char *environment,
                                 const char *end_user_id, const char *email, const char *name,
                                 const char *started_at);
JsonObject  *ht_session         (const char *session_id);
JsonObject  *ht_event           (const char *kind, guint n);
/* A whole outcome object with every contract key. */
JsonObject  *ht_outcome         (JsonObject *summary, const char *outcome,
                                 const char *session_id, const char *error_type,
                                 const char *error_id);
/* begin, session, @n_events events, finish. */
void         ht_record          (DeskHistory *history, JsonObject *summary,
                                 const char *outcome, const char *session_id,
                                 const char *error_type, const char *error_id, guint n_events);
char        *ht_iso_days_ago    (double days);
/* Every byte of the file, its -wal and its -shm. */
GBytes      *ht_read_all        (const char *path);

G_END_DECLS
