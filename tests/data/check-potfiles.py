#!/usr/bin/env python3
# check-potfiles.py — po/POTFILES.in lists exactly the files with translatable strings
#
# A source or UI file missing from POTFILES.in ships its strings untranslated, silently; a
# listed file that no longer exists breaks `ninja consent-desk-pot` for translators. Also
# checks po/LINGUAS against the catalogues, and that xgettext can extract the list.
#
# Copyright 2026 The Consent Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# _("…"), N_("…"), C_("context", "…"), NC_(…) (GNU style may put a space before the
# parenthesis), the ngettext family, and GtkBuilder's translatable="yes". The \b keeps
# identifiers that merely end in "_" out.
TRANSLATABLE = re.compile(r'\b(?:N|C|NC)?_\s*\(\s*"|\b(?:C_|NC_)\s*\(|\w*ngettext\s*\('
                          r'|translatable\s*=\s*["\']yes["\']')
SOURCE_SUFFIXES = ('.c', '.h', '.ui')
# Same keywords as meson's i18n 'glib' preset.
XGETTEXT_ARGS = ['--from-code=UTF-8', '--add-comments', '--keyword=_', '--keyword=N_',
                 '--keyword=C_:1c,2', '--keyword=NC_:1c,2', '--keyword=g_dcgettext:2',
                 '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3']


def listed_files(potfiles):
    entries = []
    for line in potfiles.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            entries.append(line)
    return entries


def files_with_strings(root):
    found = set()
    for path in sorted((root / 'src').rglob('*')):
        if path.suffix in SOURCE_SUFFIXES and path.is_file():
            if TRANSLATABLE.search(path.read_text(encoding='utf-8', errors='replace')):
                found.add(path.relative_to(root).as_posix())
    # The desktop file and metainfo are translated by merging, from the same catalogues.
    for path in sorted((root / 'data').glob('*.in')):
        found.add(path.relative_to(root).as_posix())
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-root', type=Path, required=True)
    args = parser.parse_args()
    root = args.source_root
    failures = []

    entries = listed_files(root / 'po' / 'POTFILES.in')
    duplicates = sorted({e for e in entries if entries.count(e) > 1})
    if duplicates:
        failures.append('listed more than once in po/POTFILES.in: ' + ', '.join(duplicates))
    for entry in entries:
        if not (root / entry).is_file():
            failures.append(f'po/POTFILES.in lists {entry}, which does not exist')
    for path in sorted(files_with_strings(root) - set(entries)):
        failures.append(f'{path} has translatable strings but is missing from po/POTFILES.in')

    linguas = listed_files(root / 'po' / 'LINGUAS')
    catalogues = sorted(p.stem for p in (root / 'po').glob('*.po'))
    if sorted(linguas) != catalogues:
        failures.append(f'po/LINGUAS lists {linguas}, po/ holds catalogues {catalogues}')

    xgettext = shutil.which('xgettext')
    existing = [e for e in entries if (root / e).is_file()]
    if xgettext and existing:
        with tempfile.TemporaryDirectory() as tmp:
            result = subprocess.run([xgettext, *XGETTEXT_ARGS, '--directory', str(root),
                                     '--output', str(Path(tmp) / 'check.pot'), *existing],
                                    capture_output=True, text=True)
            if result.returncode != 0 or 'warning' in result.stderr.lower():
                failures.append('xgettext cannot extract the listed files:\n' + result.stderr)
    elif not xgettext:
        print('note: xgettext is not installed; extraction not checked')

    for failure in failures:
        print('FAIL:', failure)
    if not failures:
        print(f'po/POTFILES.in lists all {len(entries)} files with translatable strings')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
