#!/usr/bin/env python3
# check-screenshots.py — every screenshot the metainfo promises is in data/screenshots/
#
# `appstreamcli validate --no-net` cannot fetch the screenshot URLs, so this checks their
# source instead: each URL names a PNG under data/screenshots/ on the main branch, the file
# exists, and its size is the one the metainfo declares. Skipped (77) while no screenshot
# has been taken yet.
#
# Copyright 2026 The Consent Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

URL_PREFIX = 'https://raw.githubusercontent.com/consentdesk/consent-desk/main/data/screenshots/'
PNG_SIGNATURE = b'\x89PNG\r\n\x1a\n'


def png_size(path):
    with open(path, 'rb') as png:
        header = png.read(24)
    if len(header) < 24 or header[:8] != PNG_SIGNATURE or header[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', header[16:24])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-root', type=Path, required=True)
    parser.add_argument('--metainfo', type=Path, required=True)
    args = parser.parse_args()
    folder = args.source_root / 'data' / 'screenshots'
    failures = []

    images = ET.parse(args.metainfo).getroot().findall('screenshots/screenshot/image')
    if not images:
        failures.append('the metainfo lists no screenshots')
    names = []
    for image in images:
        url = (image.text or '').strip()
        if not url.startswith(URL_PREFIX) or not url.endswith('.png'):
            failures.append(f'screenshot {url} is not a PNG under {URL_PREFIX}')
            continue
        names.append((url[len(URL_PREFIX):], image.get('width'), image.get('height')))

    present = sorted(p.name for p in folder.glob('*.png'))
    if not present and not failures:
        print(f'SKIP: no screenshots in {folder} yet')
        return 77

    for name, width, height in names:
        path = folder / name
        if not path.is_file():
            failures.append(f'{name} is listed in the metainfo but missing from data/screenshots/')
            continue
        size = png_size(path)
        if size is None:
            failures.append(f'{name} is not a PNG')
        elif (str(size[0]), str(size[1])) != (width, height):
            failures.append(f'{name} is {size[0]}×{size[1]}, the metainfo says {width}×{height}')
    for name in sorted(set(present) - {n for n, _, _ in names}):
        failures.append(f'data/screenshots/{name} is not listed in the metainfo')

    for failure in failures:
        print('FAIL:', failure)
    if not failures:
        print(f'{len(names)} screenshots present with the declared sizes')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
