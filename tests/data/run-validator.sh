#!/bin/sh
# run-validator.sh — run one of the ecosystem's validators as a test
#
#   run-validator.sh TOOL-NAME TOOL-PATH [ARGUMENT…]
#
# An empty TOOL-PATH means meson found no such tool: the test is skipped (77). Otherwise the
# validator's exit status decides, and a warning in its output fails the test too: several
# validators (desktop-file-validate, flatpak-builder) print warnings yet exit 0.
#
# Copyright 2026 The Consent Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

name=$1
tool=$2
shift 2

if [ -z "$tool" ]; then
  echo "SKIP: $name is not installed"
  exit 77
fi

output=$("$tool" "$@" 2>&1)
status=$?
[ -n "$output" ] && printf '%s\n' "$output"

if [ $status -ne 0 ]; then
  echo "FAIL: $name exited with status $status"
  exit 1
fi
if printf '%s\n' "$output" | grep -qi 'warning'; then
  echo "FAIL: $name printed warnings"
  exit 1
fi
exit 0
