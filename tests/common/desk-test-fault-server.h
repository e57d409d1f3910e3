/* desk-test-fault-server.h — a hostile HTTP server on 127.0.0.1 for fault-injection tests
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  DESK_FAULT_DRIP,        /* 200 with a valid session body, one byte every 100 ms */
  DESK_FAULT_NEVER,       /* reads the request and never answers */
  DESK_FAULT_ENDLESS,     /* 200, chunked, 64 KiB chunks for as long as anyone reads */
  DESK_FAULT_DEEP_JSON,   /* 200 with 100,000 nested arrays (about 200 KB) */
  DESK_FAULT_HUGE_FIELD,  /* 200 with a session whose auth_url has `size` bytes */
  DESK_FAULT_BIG_BODY,    /* 200 with a Content-Length body of `size` bytes */
  DESK_FAULT_RESET,       /* reads the request, then resets the connection */
  DESK_FAULT_GARBAGE,     /* answers with bytes that are not HTTP, then closes */
  DESK_FAULT_TLS,         /* HTTPS with a self-signed certificate for another host */
} DeskFaultKind;

typedef struct _DeskTestFaultServer DeskTestFaultServer;

/* Every request to the server meets @kind; @size is for HUGE_FIELD and BIG_BODY. Listens on
 * 127.0.0.1 and a free port; served from the thread-default main context. */
DeskTestFaultServer *desk_test_fault_server_new           (DeskFaultKind        kind,
                                                           gsize                size);
/* "http://127.0.0.1:PORT" (https for DESK_FAULT_TLS). */
const char          *desk_test_fault_server_get_base_url  (DeskTestFaultServer *self);
/* Connections accepted so far (for TLS: requests that got through, which must be none). */
guint                desk_test_fault_server_get_count     (DeskTestFaultServer *self);
void                 desk_test_fault_server_free          (DeskTestFaultServer *self);

/* Kilobytes from /proc/self/status ("VmRSS", "VmHWM"); 0 when unreadable. */
guint64              desk_test_read_memory_kb             (const char          *field);
/* Resets VmHWM to the current VmRSS, so a peak measured next belongs to what follows. */
void                 desk_test_reset_memory_peak          (void);

/* A self-signed certificate and key for "fiskil.test" (PEM), the same as the client tests'. */
extern const char desk_test_fault_server_pem[];

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskTestFaultServer, desk_test_fault_server_free)

G_END_DECLS
