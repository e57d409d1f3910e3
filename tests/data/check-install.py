#!/usr/bin/env python3
# check-install.py — `meson install` into a throwaway DESTDIR yields a complete desktop app
#
# Installs the build tree the way a distribution or flatpak-builder does, then looks for what
# the desktop needs at the standard paths: desktop file, metainfo, icons (the Devel icon in
# development builds), the GSettings schema, the German catalogue, and the web module where
# the executable looks for it, and checks that the desktop file and metainfo really carry the
# merged translations.
#
# Copyright 2026 The Consent Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
MO_MAGIC = (0x950412de, 0xde120495)
LANGUAGE = 'de'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--meson', required=True)
    parser.add_argument('--source-root', type=Path, required=True)
    parser.add_argument('--build-root', type=Path, required=True)
    parser.add_argument('--prefix', required=True)
    parser.add_argument('--bindir', required=True)
    parser.add_argument('--libdir', required=True)
    parser.add_argument('--datadir', required=True)
    parser.add_argument('--localedir', required=True)
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--base-id', required=True)
    parser.add_argument('--gettext-package', required=True)
    parser.add_argument('--development', choices=['true', 'false'], required=True)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix='consent-desk-install.') as destdir:
        result = subprocess.run([args.meson, 'install', '-C', str(args.build_root),
                                 '--destdir', destdir, '--no-rebuild'],
                                capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stdout, result.stderr, sep='\n')
            print('FAIL: meson install failed')
            return 1
        return check_tree(args, Path(destdir))


def check_tree(args, destdir):
    failures = []

    def under(directory):
        # Options may be absolute or relative to the prefix; DESTDIR goes in front either way.
        path = Path(args.prefix) / directory
        return destdir / path.relative_to(path.anchor)

    datadir = under(args.datadir)
    hicolor = datadir / 'icons' / 'hicolor'
    expected = {
        'desktop file': datadir / 'applications' / (args.app_id + '.desktop'),
        'metainfo': datadir / 'metainfo' / (args.app_id + '.metainfo.xml'),
        'GSettings schema': datadir / 'glib-2.0' / 'schemas' / (args.base_id + '.gschema.xml'),
        'scalable icon': hicolor / 'scalable' / 'apps' / (args.app_id + '.svg'),
        'symbolic icon': hicolor / 'symbolic' / 'apps' / (args.app_id + '-symbolic.svg'),
        'translation': (under(args.localedir) / LANGUAGE / 'LC_MESSAGES'
                        / (args.gettext_package + '.mo')),
    }
    # The executable belongs to the application's build; once the build tree has it, the
    # installed tree must too, or the desktop file's Exec= points nowhere.
    if (args.build_root / 'src' / 'consent-desk').is_file():
        expected['executable'] = under(args.bindir) / 'consent-desk'
    else:
        print('note: the build tree has no src/consent-desk yet; executable not checked')
    # WebKit's part, which the executable loads at the first attempt from this very path.
    if (args.build_root / 'src' / 'app' / 'consent-desk-web.so').is_file():
        expected['web module'] = under(args.libdir) / 'consent-desk' / 'consent-desk-web.so'

    for what, path in expected.items():
        if path.is_file():
            print(f'ok: {what}: {path.relative_to(destdir)}')
        else:
            failures.append(f'{what} not installed at {path.relative_to(destdir)}')
    if failures:
        return report(failures)

    # Development builds must wear the Devel icon, release builds the plain one.
    source_icons = args.source_root / 'data' / 'icons' / 'hicolor' / 'scalable' / 'apps'
    want_icon = source_icons / (args.base_id + ('.Devel' if args.development == 'true' else '')
                                + '.svg')
    if expected['scalable icon'].read_bytes() != want_icon.read_bytes():
        failures.append(f'the installed icon is not {want_icon.name}')

    with open(expected['translation'], 'rb') as mo:
        magic = struct.unpack('<I', mo.read(4))[0]
    if magic not in MO_MAGIC:
        failures.append('the installed translation is not a compiled gettext catalogue')

    desktop = expected['desktop file'].read_text(encoding='utf-8')
    if not re.search(rf'^\w+\[{LANGUAGE}\]=', desktop, re.MULTILINE):
        failures.append(f'the installed desktop file carries no {LANGUAGE} translation')
    metainfo = ET.parse(expected['metainfo']).getroot()
    if not any(e.get(XML_LANG) == LANGUAGE for e in metainfo.iter()):
        failures.append(f'the installed metainfo carries no {LANGUAGE} translation')

    compiler = shutil.which('glib-compile-schemas')
    if compiler:
        result = subprocess.run([compiler, '--strict', '--dry-run',
                                 str(expected['GSettings schema'].parent)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            failures.append('the installed schemas do not compile: ' + result.stderr)

    return report(failures)


def report(failures):
    for failure in failures:
        print('FAIL:', failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
