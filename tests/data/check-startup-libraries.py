#!/usr/bin/env python3
# check-startup-libraries.py — starting consent-desk loads no WebKit; its web module can load
#
# Issue 13: WebKitGTK and JavaScriptCore (about a hundred libraries with theirs) were mapped
# and relocated before main() on every start. They now belong to the module consent-desk-web,
# loaded at the first attempt that shows a page. Checks, from the built files:
#   - the executable has no NEEDED entry for either library (readelf -d);
#   - the dynamic loader, asked which libraries a start maps (LD_TRACE_LOADED_OBJECTS, as ldd
#     does, without running the program), lists neither, directly or through another library;
#   - the module does need WebKit (it is the part that carries it), and every function of the
#     application it calls is exported by the executable, or loading it would fail with an
#     undefined symbol (export_dynamic and link_whole in src/meson.build, src/app/meson.build).
# readelf and nm are binutils', which build-essential brings.
#
# Copyright 2026 The Consent Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import re
import subprocess
import sys

WEBKIT = re.compile(r'lib(?:webkitgtk|javascriptcoregtk)-6\.0\.so')


def needed(path):
    out = subprocess.run(['readelf', '-d', path], capture_output=True, text=True, check=True)
    return re.findall(r'\(NEEDED\)\s+Shared library: \[([^\]]+)\]', out.stdout)


def mapped_at_start(path):
    env = dict(os.environ, LD_TRACE_LOADED_OBJECTS='1')
    out = subprocess.run([path], capture_output=True, text=True, env=env, check=True)
    return [line.split()[0] for line in out.stdout.splitlines() if line.strip()]


def symbols(path, undefined):
    flag = '--undefined-only' if undefined else '--defined-only'
    out = subprocess.run(['nm', '-D', flag, path], capture_output=True, text=True, check=True)
    return {fields[-1].split('@')[0] for fields in map(str.split, out.stdout.splitlines())
            if fields}


def check(executable, module):
    failures = []

    webkit_needed = [name for name in needed(executable) if WEBKIT.search(name)]
    if webkit_needed:
        failures.append(f'{executable} needs {", ".join(webkit_needed)} (readelf -d)')

    webkit_mapped = [name for name in mapped_at_start(executable) if WEBKIT.search(name)]
    if webkit_mapped:
        failures.append(f'starting {executable} maps {", ".join(webkit_mapped)}')

    if not any(WEBKIT.search(name) for name in needed(module)):
        failures.append(f'{module} does not need WebKitGTK: is it the web module?')

    exported = symbols(executable, undefined=False)
    missing = sorted(name for name in symbols(module, undefined=True)
                     if name.startswith('desk_') and name not in exported)
    if missing:
        failures.append(f'{module} calls what {executable} does not export: '
                        + ', '.join(missing))

    for failure in failures:
        print(f'FAIL: {failure}')
    if not failures:
        print(f'ok: {executable} starts without WebKit; {module} loads into it')
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--executable', required=True)
    parser.add_argument('--module', required=True)
    args = parser.parse_args()
    return check(args.executable, args.module)


if __name__ == '__main__':
    sys.exit(main())
