#!/usr/bin/python3
# check-accessible.py — every control of Consent Desk's window has a name for screen readers
#
# Copyright 2026 The Consent Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the real executable with GTK's AT-SPI bridge on (GTK_A11Y unset), finds it on the
# accessibility bus, walks the whole accessible tree of its window and fails, listing them,
# for every interactive element (buttons, toggles, entries, combo boxes, links, switches…) that
# a screen reader would announce without a name. Run inside the test session bus and Xvfb.
import os
import re
import socket
import subprocess
import sys
import time

import pyatspi

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_LINK, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM,
}
# GTK 4.8 maps GtkSwitch to this role.
INTERACTIVE.add(getattr(pyatspi, "ROLE_SWITCH", pyatspi.ROLE_TOGGLE_BUTTON))


def find_application(pid, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid and app.childCount > 0:
                    return app
            except Exception:  # an application that just went away
                pass
        time.sleep(0.2)  # polling the bus: no signal tells us the window is exported
    return None


# GTK 4.8 names an unlabelled widget after its type ("GtkImage", "GtkEntry") and may point
# "labelled by" at an unlabelled child: neither is a name a person can use.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Desk|WebKit)[A-Z][A-Za-z]*$")


def is_real_name(text):
    text = (text or "").strip()
    return bool(text) and not TYPE_NAME.match(text)


def has_name(node, depth=0):
    if is_real_name(node.name):
        return True
    if depth > 3:
        return False
    for relation in node.getRelationSet():
        if relation.getRelationType() != pyatspi.RELATION_LABELLED_BY:
            continue
        for i in range(relation.getNTargets()):
            target = relation.getTarget(i)
            if target is not None and target is not node and has_name(target, depth + 1):
                return True
    return False


def walk(node, path, problems, seen, in_named_combo=False):
    try:
        role = node.getRole()
        states = node.getState()
    except Exception:
        return
    where = path + [node.getRoleName() + (f" “{node.name}”" if node.name else "")]
    # GTK 4.8 sets VISIBLE but never SHOWING on children. A GtkDropDown's own toggle button
    # is announced through its named combo box.
    if (role in INTERACTIVE and states.contains(pyatspi.STATE_VISIBLE) and not in_named_combo
            and not has_name(node)):
        problems.append(" > ".join(where[-4:]))
    seen.append(role)
    named_combo = role == pyatspi.ROLE_COMBO_BOX and has_name(node)
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, where, problems, seen, named_combo)


def find_named(node, role, name, depth=0):
    """The first element with @role and @name under @node, or None."""
    try:
        # GTK 4.8 may keep a button label's mnemonic underscore in its name, and may name it
        # twice: its label, then its labelled-by label ("_Cancel Attempt Cancel Attempt").
        if node.getRole() == role and (node.name or "").replace("_", "") in (name,
                                                                           f"{name} {name}"):
            return node
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:  # an element that just went away
        return None
    if depth > 40:
        return None
    for child in children:
        found = child is not None and find_named(child, role, name, depth + 1)
        if found:
            return found
    return None


def find_described(node, role, name, description, focused, depth=0):
    """Whether an element with @role, named @name, under @node has @description (and the
    focus, if @focused)."""
    try:
        # GTK 4.8 may name a button "_Cancel Cancel": its label, then its labelled-by label.
        if (node.getRole() == role and name in (node.name or "").replace("_", "").split()
                and node.description == description
                and (not focused or node.getState().contains(pyatspi.STATE_FOCUSED))):
            return True
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:  # an element that just went away
        return False
    return depth < 40 and any(child is not None
                              and find_described(child, role, name, description, focused,
                                                 depth + 1)
                              for child in children)


# Focused while a session is being created, a Cancel button tells a screen reader what is going
# on; a button named "Cancel" alone would not. The form's is focused once it is pressed; a
# window that opens creating its session (--start) gives the focus to the header's Cancel.
DESCRIBED = {
    "form": [(pyatspi.ROLE_PUSH_BUTTON, "Cancel", "Creating the session. This stops it (Esc).",
              False)],
    "creating": [(pyatspi.ROLE_PUSH_BUTTON, "Cancel", "Creating the session. This stops it.",
                  True)],
}

# Takes the create-session request and never answers (the kernel accepts the connection), so a
# --start window stays on "Creating the Session…" while it is checked.
SILENT_API = socket.create_server(("127.0.0.1", 0))
SILENT_API_URL = f"http://127.0.0.1:{SILENT_API.getsockname()[1]}"


def dump(node, role, depth=0):
    try:
        if node.getRole() == role:
            print(f"  {node.getRoleName()} “{node.name}”")
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return
    for child in children:
        if child is not None and depth < 40:
            dump(child, role, depth + 1)


def wait_for(app, role, name, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for i in range(app.childCount):
            if find_named(app.getChildAtIndex(i), role, name):
                return True
        time.sleep(0.5)  # polling the bus: the page's change sends no signal we can wait on
    return False


# Each screen a person works in, reached through the command line. GTK 4.8 exposes every page
# of the window's stack at once, so the form at start already shows the attempt page's controls
# (its session line, Details, Timeline) and the outcome's buttons; the rows an outcome adds
# (each value with its copy button) are only there once an attempt has ended.
SCREENS = [
    ("form", [], None),
    ("outcome", ["--end-user-id=eu_a11y_outcome", "--start", "--sandbox-outcome=success"],
     (pyatspi.ROLE_PUSH_BUTTON, "Copy Session ID")),
    ("creating", ["--end-user-id=eu_a11y_creating", "--start", f"--api-url={SILENT_API_URL}",
                  "--redirect-uri=https://callback.consent-desk.invalid/done",
                  "--cancel-uri=https://callback.consent-desk.invalid/cancel"],
     (pyatspi.ROLE_PUSH_BUTTON, "Cancel Attempt")),
]


def check_screen(executable, name, options, ready):
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env["FISKIL_ACCESS_TOKEN"] = "a11y-token-never-shown"  # for --api-url's environment
    process = subprocess.Popen([executable] + options, env=env)
    try:
        app = find_application(process.pid, 30)
        if app is None:
            print(f"{name}: Consent Desk did not appear on the accessibility bus within 30 s")
            return 1
        if ready is not None and not wait_for(app, ready[0], ready[1], 60):
            print(f"{name}: “{ready[1]}” never appeared; these did:")
            problems, seen = [], []
            for i in range(app.childCount):
                dump(app.getChildAtIndex(i), ready[0])
            return 1
        time.sleep(1.0)  # let the window finish mapping its frame
        problems, seen = [], []
        for i in range(app.childCount):
            child = app.getChildAtIndex(i)
            walk(child, [], problems, seen)
        buttons = sum(1 for role in seen if role == pyatspi.ROLE_PUSH_BUTTON)
        entries = sum(1 for role in seen if role in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT))
        print(f"{name}: accessible elements: {len(seen)}, push buttons: {buttons}, "
              f"text fields: {entries}")
        if buttons == 0 or (name == "form" and entries == 0):
            print(f"{name}: the window exposes no buttons or text fields: the tree was not read")
            return 1
        for problem in problems:
            print(f"{name}: no accessible name:", problem)
        for role, element, description, focused in DESCRIBED.get(name, []):
            if not any(find_described(app.getChildAtIndex(i), role, element, description,
                                      focused)
                       for i in range(app.childCount)):
                print(f"{name}: no {'focused ' if focused else ''}“{element}” described as "
                      f"“{description}”")
                problems.append(element)
        return 1 if problems else 0
    finally:
        process.terminate()
        process.wait(timeout=10)


def main():
    executable = sys.argv[1]
    failed = 0
    for name, options, ready in SCREENS:
        failed |= check_screen(executable, name, options, ready)
    return failed


if __name__ == "__main__":
    sys.exit(main())
