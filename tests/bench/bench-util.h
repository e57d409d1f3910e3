/* bench-util.h — process measurements shared by the benchmarks
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Resident memory of one process, in KiB (VmRSS); 0 if it is gone. */
guint64 bench_process_rss_kib     (GPid        pid);

/* Resident memory of every descendant of @pid (WebKit's web and network processes), in KiB;
 * @n_processes receives how many there are. */
guint64 bench_descendants_rss_kib (GPid        pid,
                                   guint      *n_processes);

double  bench_median              (GArray     *values);  /* of double; sorts @values */

G_END_DECLS
