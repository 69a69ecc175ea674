"""An AT-SPI client, as Orca is one: records every event an application sends and, on request,
everything its accessible tree exposes. Runs under Debian's /usr/bin/python3 (pyatspi is a
Debian package, not a PyPI one), started by tests/integration/test_gui_atspi.py.

argv: the JSON-lines file to write, the application name to watch.
stdin commands, one a line: ``find`` (answers ``found`` once the application is on the bus),
``walk`` (writes one ``tree`` record per object, answers ``walked``), ``quit``.
Everything read is recorded as is; the test decides what counts as a leak.
"""

import json
import sys

import pyatspi
from gi.repository import GLib

OUT = open(sys.argv[1], "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run
APP = sys.argv[2]
EVENTS = ("object", "window", "focus", "document", "terminal", "mouse:button")


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def write(record):
    OUT.write(json.dumps(record, ensure_ascii=False) + "\n")
    OUT.flush()


def app_of(acc):
    try:
        app = acc.getApplication()
        return app.name if app is not None else ""
    except Exception:
        return ""


def interfaces(acc):
    """Every string the object gives through its name, description and Text/EditableText."""
    found = {}
    for what, read in (("role", lambda: acc.getRoleName()), ("name", lambda: acc.name),
                       ("description", lambda: acc.description),
                       ("states", lambda: sorted(pyatspi.stateToString(s)
                                                 for s in acc.getState().getStates()))):
        try:
            found[what] = read()
        except Exception as exc:
            found[what + "_error"] = type(exc).__name__
    try:
        text = acc.queryText()
    except NotImplementedError:
        text = None
    if text is not None:
        try:
            found["text"] = text.getText(0, -1)
            found["caret"] = text.caretOffset
            found["selections"] = [text.getSelection(i) for i in range(text.getNSelections())]
            # What a screen reader asks for when it reads by character, word and line.
            found["at_offsets"] = [
                text.getTextAtOffset(0, kind)[0]
                for kind in (pyatspi.TEXT_BOUNDARY_CHAR, pyatspi.TEXT_BOUNDARY_WORD_START,
                             pyatspi.TEXT_BOUNDARY_LINE_START)]
        except Exception as exc:
            found["text_error"] = type(exc).__name__
    try:
        acc.queryEditableText()
        found["editable"] = True
    except NotImplementedError:
        found["editable"] = False
    return found


def on_event(event):
    try:
        if app_of(event.source) != APP:
            return
        data = event.any_data
        if not isinstance(data, (str, int, float, bool, type(None))):
            try:
                data = {"role": data.getRoleName(), "name": data.name,
                        "description": data.description}
            except Exception:
                data = repr(data)
        write({"kind": "event", "type": event.type, "detail1": event.detail1,
               "detail2": event.detail2, "any_data": data, "source": interfaces(event.source)})
    except Exception as exc:  # a dead object: recorded, never fatal
        write({"kind": "error", "type": getattr(event, "type", "?"), "error": repr(exc)})


def our_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == APP:
            return app
    return None


def walk(acc, depth=0):
    if acc is None or depth > 60:
        return
    write({"kind": "tree", "depth": depth, **interfaces(acc)})
    for i in range(acc.childCount):
        try:
            child = acc.getChildAtIndex(i)
        except Exception as exc:  # gone meanwhile: recorded
            write({"kind": "error", "type": "walk", "error": repr(exc)})
            continue
        walk(child, depth + 1)


def on_command(source, _condition):
    line = source.readline()
    command = line.strip()
    if command == "find" or not line:
        if not line:
            pyatspi.Registry.stop()
            return False

        def look():
            if our_app() is None:
                return True
            say("found")
            return False

        GLib.timeout_add(100, look)
    elif command == "walk":
        walk(our_app())
        say("walked")
    elif command == "quit":
        pyatspi.Registry.stop()
        return False
    return True


pyatspi.Registry.registerEventListener(on_event, *EVENTS)
GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, on_command)
say("ready")
pyatspi.Registry.start()
OUT.close()
