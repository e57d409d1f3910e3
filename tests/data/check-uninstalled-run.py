#!/usr/bin/env python3
# check-uninstalled-run.py — what `build-aux/dev run` promises about a run from the build tree
#
#   no-display    without DISPLAY and WAYLAND_DISPLAY, `build-aux/dev run` says why it does not
#                 start the app and exits 2, before installing or building anything (it used to
#                 start an invisible window in Xvfb that never ended);
#   translations  the built executable, pointed at the build tree's po/ as build-aux/dev run
#                 and `meson devenv` point it (CONSENT_DESK_LOCALEDIR), speaks German: the .mo
#                 files are never under the prefix of an uninstalled build.
#
# Copyright 2026 The Consent Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

GERMAN = 'Wo Sitzungen erstellt werden'   # de.po's --environment description
ENGLISH = 'Where to create sessions'

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def check_no_display(args):
    env = {k: v for k, v in os.environ.items() if k not in ('DISPLAY', 'WAYLAND_DISPLAY')}
    with tempfile.TemporaryDirectory() as scratch:
        build = Path(scratch) / 'never-built'
        env['BUILD_DIR'] = str(build)
        run = subprocess.run([str(args.source_root / 'build-aux' / 'dev'), 'run'], env=env,
                             stdin=subprocess.DEVNULL, capture_output=True, text=True,
                             timeout=60)
        check(run.returncode == 2, f'no-display: exit status {run.returncode}, not 2')
        check('no display' in run.stderr and '--quit-on-outcome' in run.stderr,
              f'no-display: the message does not say why and what to do: {run.stderr!r}')
        check(not build.exists(), 'no-display: it configured a build before refusing')


def check_translations(args):
    env = dict(os.environ, LANGUAGE='de', LC_ALL='C.UTF-8',
               CONSENT_DESK_LOCALEDIR=str(args.build_root / 'po'))
    run = subprocess.run([str(args.executable), '--help'], env=env, stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=60)
    check(run.returncode == 0, f'translations: --help exited {run.returncode}: {run.stderr!r}')
    check(GERMAN in run.stdout and ENGLISH not in run.stdout,
          f'translations: --help is not in German from the build tree:\n{run.stdout}')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-root', type=Path, required=True)
    parser.add_argument('--build-root', type=Path, required=True)
    parser.add_argument('--executable', type=Path, required=True)
    args = parser.parse_args()

    check_no_display(args)
    check_translations(args)
    for failure in failures:
        print('FAIL:', failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
