#!/usr/bin/env python3
# check-ids.py — one application id everywhere, and the packaging contracts around it
#
# Reads what the build produced (config.h, the merged desktop file and metainfo) and what the
# source carries (GSettings schema, icons, Flatpak manifests), and fails on any disagreement:
# a desktop file, icon or manifest under another name is an app that "installs" but never
# shows up, or shows up without its icon.
#
# Copyright 2026 The Consent Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import configparser
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

EXECUTABLE = 'consent-desk'
FINISH_ARGS = ['--share=network', '--share=ipc', '--socket=wayland',
               '--socket=fallback-x11', '--device=dri']
# BRIEF.md "Agreed names", as extended by issue 5 (environments): key -> (type, default as
# written in the schema)
SCHEMA_KEYS = {
    'window-width': ('i', '1000'),
    'window-height': ('i', '760'),
    'window-maximized': ('b', 'false'),
    'selected-environment': ('s', "'sandbox'"),
    'environments': ('aa{sv}', '[]'),
    'form-values': ('a{sa{sv}}', '{}'),
    'timeline-expanded': ('b', 'false'),
    'timeline-position': ('i', '-1'),
    'history-retention-days': ('i', '90'),
}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def config_h(build_root):
    text = (build_root / 'config.h').read_text(encoding='utf-8')
    return dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.MULTILINE))


def desktop_entry(path):
    parser = configparser.RawConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding='utf-8')
    return parser['Desktop Entry']


def check_build_tree(args):
    config = config_h(args.build_root)
    check(config.get('APPLICATION_ID') == args.app_id,
          f'config.h APPLICATION_ID is {config.get("APPLICATION_ID")!r}, not {args.app_id!r}')
    check(config.get('BASE_APPLICATION_ID') == args.base_id,
          f'config.h BASE_APPLICATION_ID is {config.get("BASE_APPLICATION_ID")!r}')
    check(config.get('GETTEXT_PACKAGE') == EXECUTABLE,
          f'config.h GETTEXT_PACKAGE is {config.get("GETTEXT_PACKAGE")!r}')

    data = args.build_root / 'data'
    desktop = data / (args.app_id + '.desktop')
    if check(desktop.is_file(), f'{desktop} was not built'):
        entry = desktop_entry(desktop)
        check(entry.get('Icon') == args.app_id,
              f'desktop file Icon={entry.get("Icon")}, not {args.app_id}')
        check(entry.get('Exec', '').split(' ')[0] == EXECUTABLE,
              f'desktop file Exec={entry.get("Exec")} does not start {EXECUTABLE}')

    metainfo = data / (args.app_id + '.metainfo.xml')
    if check(metainfo.is_file(), f'{metainfo} was not built'):
        root = ET.parse(metainfo).getroot()
        check(root.findtext('id') == args.app_id,
              f'metainfo <id> is {root.findtext("id")!r}, not {args.app_id!r}')
        launchables = [(e.get('type'), e.text) for e in root.findall('launchable')]
        check(launchables == [('desktop-id', args.app_id + '.desktop')],
              f'metainfo launchables are {launchables}')
        check(root.findtext('provides/binary') == EXECUTABLE,
              f'metainfo provides binary {root.findtext("provides/binary")!r}')
        check(root.findtext('translation') == EXECUTABLE,
              f'metainfo translation domain is {root.findtext("translation")!r}')
        versions = [r.get('version') for r in root.findall('releases/release')]
        check(versions[:1] == [args.version],
              f'newest metainfo release is {versions[:1]}, the project is {args.version}')


def check_schema(args):
    path = args.source_root / 'data' / (args.base_id + '.gschema.xml')
    schemas = ET.parse(path).getroot().findall('schema')
    if not check(len(schemas) == 1, f'{path.name} holds {len(schemas)} schemas, not 1'):
        return
    schema = schemas[0]
    check(schema.get('id') == args.base_id, f'schema id is {schema.get("id")!r}')
    want_path = '/' + args.base_id.replace('.', '/') + '/'
    check(schema.get('path') == want_path, f'schema path is {schema.get("path")!r}')
    keys = {k.get('name'): (k.get('type'), k.findtext('default')) for k in schema.findall('key')}
    for name in sorted(SCHEMA_KEYS.keys() | keys.keys()):
        check(keys.get(name) == SCHEMA_KEYS.get(name),
              f'schema key {name} is {keys.get(name)}, agreed {SCHEMA_KEYS.get(name)}')
    for key in schema.findall('key'):
        check(key.findtext('summary') and key.findtext('description'),
              f'schema key {key.get("name")} lacks a summary or a description')


def check_icons(args):
    icons = args.source_root / 'data' / 'icons' / 'hicolor'
    for path, size in ((icons / 'scalable' / 'apps' / (args.base_id + '.svg'), '128'),
                       (icons / 'scalable' / 'apps' / (args.base_id + '.Devel.svg'), '128'),
                       (icons / 'symbolic' / 'apps' / (args.base_id + '-symbolic.svg'), '16')):
        if not check(path.is_file(), f'{path} is missing'):
            continue
        svg = ET.parse(path).getroot()
        check(svg.get('viewBox') == f'0 0 {size} {size}',
              f'{path.name} has viewBox {svg.get("viewBox")!r}, not a {size}×{size} canvas')


def check_manifests(args):
    for app_id, devel in ((args.base_id, False), (args.base_id + '.Devel', True)):
        path = args.source_root / 'flatpak' / (app_id + '.json')
        if not check(path.is_file(), f'{path} is missing'):
            continue
        manifest = json.loads(path.read_text(encoding='utf-8'))
        name = path.name
        check(manifest.get('id', manifest.get('app-id')) == app_id, f'{name}: id is not {app_id}')
        check(manifest.get('command') == EXECUTABLE, f'{name}: command is not {EXECUTABLE}')
        check(manifest.get('runtime') == 'org.gnome.Platform', f'{name}: runtime')
        check(manifest.get('sdk') == 'org.gnome.Sdk', f'{name}: sdk')
        check(str(manifest.get('runtime-version', '')).isdigit()
              and int(manifest['runtime-version']) >= 48,
              f'{name}: runtime-version {manifest.get("runtime-version")!r} is not 48 or later')
        check(manifest.get('finish-args') == FINISH_ARGS,
              f'{name}: finish-args {manifest.get("finish-args")} are not exactly {FINISH_ARGS}')

        modules = manifest.get('modules', [])
        if not check(modules and isinstance(modules[-1], dict), f'{name}: no modules'):
            continue
        app = modules[-1]
        check(app.get('name') == EXECUTABLE and app.get('buildsystem') == 'meson',
              f'{name}: the last module is not {EXECUTABLE} built with meson')
        sources = app.get('sources', [])
        options = app.get('config-opts', [])
        if devel:
            check('-Ddevelopment=true' in options, f'{name}: not configured -Ddevelopment=true')
            check(app.get('run-tests') is True, f'{name}: does not run the tests')
            check(sources[:1] and sources[0].get('type') == 'dir'
                  and sources[0].get('path') == '..',
                  f'{name}: does not build the local checkout')
        else:
            check(not any(o.startswith('-Ddevelopment=true') for o in options),
                  f'{name}: the release is a development build')
            # The checkout it sits in (a release is built from its tag checked out): a git
            # source would name a tag or a repository that may not exist (README "Making a
            # release").
            check(sources[:1] and sources[0].get('type') == 'dir'
                  and sources[0].get('path') == '..',
                  f'{name}: does not build the local checkout')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-root', type=Path, required=True)
    parser.add_argument('--build-root', type=Path, required=True)
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--base-id', required=True)
    parser.add_argument('--version', required=True)
    args = parser.parse_args()

    check(args.app_id in (args.base_id, args.base_id + '.Devel'),
          f'application id {args.app_id} is neither {args.base_id} nor its .Devel variant')
    check_build_tree(args)
    check_schema(args)
    check_icons(args)
    check_manifests(args)

    for failure in failures:
        print('FAIL:', failure)
    if not failures:
        print(f'one application id everywhere: {args.app_id} (schema {args.base_id})')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
