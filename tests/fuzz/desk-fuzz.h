/* desk-fuzz.h — the libFuzzer entry points every tests/fuzz/fuzz-<name>.c defines
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With -Dfuzzing=true (clang) each target links libFuzzer's main; otherwise fuzz-replay.c's
 * main runs the target over its seed corpus as a unit test, so every target keeps compiling
 * with both compilers and every seed keeps passing.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Optional: called once before the first input. */
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);

/* Called once per input; returns 0. A crash, a failed assertion, a fatal log message or a
 * leak is a finding. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
