#!/usr/bin/env python3
# check-layering.py — src/ keeps the shape design.md "Layout" gives it
#
# Four rules, each violation printed as "path:line: rule: what":
#   toolkit   no GTK, libadwaita or WebKit include (<gtk/…>, <gdk/…>, <gsk/…>, <adwaita.h>,
#             <webkit/…>, <jsc/…>) outside src/app;
#   layer     no quoted #include pointing up a layer: each include is resolved to the folder of
#             src/ whose header it names, and only these directions are allowed:
#               main (src/main.c) → app; app → history, core, sandbox, fiskil;
#               history → core, fiskil; core → fiskil; sandbox → fiskil; fiskil → nothing;
#             a folder of src/ that is none of these is a violation too (add it here first);
#   file      no .c file in src/ over 700 lines;
#   function  no function over 80 lines, counted from its opening to its closing brace, found
#             by a brace-counting scan of GNU-style definitions (return type on its own line,
#             "name (" at column 0, "{" and "}" alone at column 0).
# `--self-test` builds a small tree that breaks each rule once, and one that breaks none, and
# fails unless the check finds exactly those violations.
#
# Copyright 2026 The Consent Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import re
import sys
import tempfile
from pathlib import Path

MAX_FILE_LINES = 700
MAX_FUNCTION_LINES = 80

# Who may include whom (design.md "Layout"). Includes within one folder are always fine.
ALLOWED = {
    'main': {'app', 'history', 'core', 'sandbox', 'fiskil'},
    'app': {'history', 'core', 'sandbox', 'fiskil'},
    'history': {'core', 'fiskil'},
    'core': {'fiskil'},
    'sandbox': {'fiskil'},
    'fiskil': set(),
}
TOOLKIT_LAYERS = {'app'}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
TOOLKIT = re.compile(r'^(?:gtk|gdk|gsk|webkit|webkit2|jsc)/|^adwaita\.h$')
FUNCTION_NAME = re.compile(r'^([A-Za-z_]\w*)\s*\(')


def layer_of(src, path):
    rel = path.relative_to(src)
    if len(rel.parts) == 1:
        return 'main' if rel.name == 'main.c' else None
    return rel.parts[0]


def source_files(src):
    return sorted(p for p in src.rglob('*') if p.suffix in ('.c', '.h') and p.is_file())


def header_homes(src):
    """Each header's basename → the folders of src/ that hold one by that name."""
    homes = {}
    for path in source_files(src):
        if path.suffix == '.h':
            homes.setdefault(path.name, set()).add(layer_of(src, path))
    return homes


def check_includes(src, path, lines, homes, violations):
    layer = layer_of(src, path)
    rel = path.relative_to(src.parent)
    if layer not in ALLOWED:
        violations.append(f'{rel}:1: layer: "{layer or path.name}" is not a layer of design.md '
                          '(src/fiskil, sandbox, core, history, app, or src/main.c)')
        return
    for number, line in enumerate(lines, 1):
        match = INCLUDE.match(line)
        if not match:
            continue
        bracket, name = match.groups()
        if TOOLKIT.search(name) and layer not in TOOLKIT_LAYERS:
            violations.append(f'{rel}:{number}: toolkit: <{name}> outside src/app '
                              '(GTK, libadwaita and WebKit belong to the widgets)')
            continue
        if bracket != '"':
            continue
        targets = homes.get(Path(name).name, set())
        if not targets or layer in targets:
            continue  # generated (config.h, resources) or our own folder's header
        if not targets & (ALLOWED[layer] | {layer}):
            home = ', '.join(sorted(t or 'src' for t in targets))
            violations.append(f'{rel}:{number}: layer: {layer} includes "{name}" from {home}; '
                              f'{layer} may include only '
                              f'{", ".join(sorted(ALLOWED[layer])) or "nothing of ours"}')


def long_functions(lines):
    """(name, first line, length) of each GNU-style function definition."""
    found = []
    number = 0
    while number < len(lines):
        if lines[number].rstrip() != '{':
            number += 1
            continue
        # Back to "name (" at column 0 over the parameter lines; a struct or enum body has none.
        name, back = None, number - 1
        while back >= 0 and back >= number - 30:
            text = lines[back]
            if not text.strip() or text.startswith('}') or text.rstrip().endswith(';'):
                break
            match = FUNCTION_NAME.match(text)
            if match:
                name = match.group(1)
                break
            if not text[0].isspace():
                break
            back -= 1
        end = number + 1
        while end < len(lines) and not lines[end].startswith('}'):
            end += 1
        if name is not None and lines[number - 1].rstrip().endswith(')'):
            found.append((name, number + 1, end - number + 1))
        number = end + 1
    return found


def check_sizes(src, path, lines, violations):
    if path.suffix != '.c':
        return
    rel = path.relative_to(src.parent)
    if len(lines) > MAX_FILE_LINES:
        violations.append(f'{rel}:1: file: {len(lines)} lines, more than {MAX_FILE_LINES}')
    for name, start, length in long_functions(lines):
        if length > MAX_FUNCTION_LINES:
            violations.append(f'{rel}:{start}: function: {name} () is {length} lines, '
                              f'more than {MAX_FUNCTION_LINES}')


def check(src):
    violations = []
    homes = header_homes(src)
    for path in source_files(src):
        lines = path.read_text(encoding='utf-8', errors='replace').splitlines()
        check_includes(src, path, lines, homes, violations)
        check_sizes(src, path, lines, violations)
    return violations


def function(name, body_lines):
    body = ''.join(f'  step ({i});\n' for i in range(body_lines))
    return f'static void\n{name} (int  a,\n{" " * len(name)}  int  b)\n{{\n{body}}}\n\n'


SELF_TEST_TREE = {
    'src/main.c': '#include "config.h"\n#include "desk-application.h"\n',
    'src/app/desk-application.h': '#include <adwaita.h>\n#include "desk-attempt.h"\n',
    'src/app/desk-window.c': '#include <gtk/gtk.h>\n#include "desk-history.h"\n',
    'src/history/desk-history.h': '#include "desk-attempt.h"\n',
    'src/core/desk-attempt.h': '#include <gio/gio.h>\n#include "desk-outcome.h"\n',
    'src/core/desk-attempt.c': ('#include "desk-attempt.h"\n\ntypedef struct\n{\n  int a;\n} S;\n\n'
                                + function('short_enough', 78)),
    'src/sandbox/desk-sandbox.h': '#include "desk-outcome.h"\n',
    'src/fiskil/desk-outcome.h': '#include <json-glib/json-glib.h>\n',
    'src/fiskil/desk-outcome.c': '#include "desk-outcome.h"\n',
}

SELF_TEST_BREAKS = {
    'src/core/desk-engine.c': ('#include <webkit/webkit.h>\n', 'toolkit'),
    'src/fiskil/desk-client.c': ('#include "desk-attempt.h"\n', 'layer'),
    'src/sandbox/desk-sandbox.c': ('#include "desk-window.h"\n', 'layer'),
    'src/app/desk-window.h': ('', None),
    'src/core/desk-history-use.c': ('#include "desk-history.h"\n', 'layer'),
    'src/widgets/desk-x.c': ('', 'layer'),
    'src/fiskil/desk-big.c': ('\n' * 701, 'file'),
    'src/core/desk-long.c': (function('too_long', 80), 'function'),
}


def self_test():
    failures = []
    with tempfile.TemporaryDirectory() as scratch:
        src = Path(scratch) / 'src'
        for name, text in SELF_TEST_TREE.items():
            (Path(scratch) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(scratch) / name).write_text(text, encoding='utf-8')
        clean = check(src)
        if clean:
            failures.append('a tree that keeps every rule was reported:\n  ' + '\n  '.join(clean))
        for name, (text, _) in SELF_TEST_BREAKS.items():
            (Path(scratch) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(scratch) / name).write_text(text, encoding='utf-8')
        found = check(src)
        for name, (_, rule) in SELF_TEST_BREAKS.items():
            if rule is None:
                continue
            rel = name[len('src/'):]
            hits = [v for v in found if v.startswith('src/' + rel + ':') and f': {rule}: ' in v]
            if len(hits) != 1:
                failures.append(f'{name}: expected one "{rule}" violation, found {len(hits)}')
        if len(found) != sum(1 for _, rule in SELF_TEST_BREAKS.values() if rule):
            failures.append('unexpected violations:\n  ' + '\n  '.join(found))
    for failure in failures:
        print(f'self-test: {failure}', file=sys.stderr)
    if not failures:
        print(f'self-test: every rule caught its violation ({len(SELF_TEST_BREAKS) - 1} cases), '
              'and a clean tree passed')
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--source-root', type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument('--self-test', action='store_true')
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    violations = check(args.source_root / 'src')
    for violation in violations:
        print(violation)
    if violations:
        print(f'{len(violations)} layering violation(s); the rules are at the top of '
              'tests/data/check-layering.py and in design.md "Layout"', file=sys.stderr)
        return 1
    print('src/ keeps its layers, file sizes and function sizes')
    return 0


if __name__ == '__main__':
    sys.exit(main())
