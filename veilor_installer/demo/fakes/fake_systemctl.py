#!/usr/bin/env python3
"""A fake of systemctl(1) for the units first boot touches (tailscaled, yggdrasil).

Unit states live in ``$VEILOR_FAKE_DIR/units.json`` (``{"tailscaled": {"file": "masked",
"active": false}}``); a unit not listed there is not installed. Outputs and exit codes are
systemd 252's: ``is-enabled`` prints the state (exit 0 only for enabled-like states), an
unknown unit gets "Failed to get unit file state …" (exit 1); ``is-active`` prints
active/inactive (exit 0/3); enabling or starting a masked unit fails (exit 1).
``VEILOR_FAKE_SYSTEMCTL_FAIL=start:yggdrasil`` makes one verb fail for one unit. ``reboot``
touches ``$VEILOR_FAKE_DIR/systemctl-rebooted`` and returns 0, as systemd does once it queued it.
"""

from __future__ import annotations

import json
import os
import sys

from veilor_installer.demo import calls

STATE = os.path.join(os.environ["VEILOR_FAKE_DIR"], "units.json")
ENABLED_LIKE = {"enabled", "enabled-runtime", "static", "indirect", "generated", "alias",
                "linked"}


def record(**fields: object) -> None:
    calls.record("systemctl", **fields)


def load() -> dict[str, dict[str, object]]:
    try:
        with open(STATE, encoding="utf-8") as fh:
            return dict(json.load(fh))
    except FileNotFoundError:
        return {}


def save(units: dict[str, dict[str, object]]) -> None:
    with open(STATE, "w", encoding="utf-8") as fh:
        json.dump(units, fh)


def service(name: str) -> str:
    return name if "." in name else f"{name}.service"


def main() -> int:
    argv = sys.argv[1:]
    record(argv=sys.argv)
    args = [a for a in argv if not a.startswith("-")]
    flags = [a for a in argv if a.startswith("-")]
    if not args:
        sys.stderr.write("Too few arguments.\n")
        return 1
    verb, names = args[0], [n.removesuffix(".service") for n in args[1:]]
    units = load()
    fail = os.environ.get("VEILOR_FAKE_SYSTEMCTL_FAIL", "")
    if verb == "daemon-reload":
        return 0
    if verb == "reboot":  # systemd queues the restart and returns at once
        with open(os.path.join(os.environ["VEILOR_FAKE_DIR"], "systemctl-rebooted"), "w",
                  encoding="utf-8") as fh:
            fh.write("reboot\n")
        return 0
    if not names:
        sys.stderr.write("Too few arguments.\n")
        return 1
    name = names[0]
    unit = units.get(name)
    if fail == f"{verb}:{name}":
        sys.stderr.write(f"Job for {service(name)} failed because the control process exited "
                         f"with error code.\nSee \"systemctl status {service(name)}\" and "
                         f"\"journalctl -xeu {service(name)}\" for details.\n")
        return 1
    if verb == "is-enabled":
        if unit is None:
            sys.stderr.write(f"Failed to get unit file state for {service(name)}: No such file "
                             "or directory\n")
            return 1
        print(unit["file"])
        return 0 if unit["file"] in ENABLED_LIKE else 1
    if verb == "is-active":
        if unit is not None and unit["active"]:
            print("active")
            return 0
        print("inactive")
        return 3
    if unit is None:
        sys.stderr.write(f"Failed to {verb} unit: Unit file {service(name)} does not exist.\n"
                         if verb in ("enable", "unmask") else
                         f"Failed to {verb} {service(name)}: Unit {service(name)} not found.\n")
        return 1 if verb != "unmask" else 0
    if verb == "unmask":
        if unit["file"] == "masked":
            sys.stderr.write(f"Removed \"/etc/systemd/system/{service(name)}\".\n")
            unit["file"] = "disabled"
    elif verb == "enable":
        if unit["file"] == "masked":
            sys.stderr.write(f"Failed to enable unit: Unit file /etc/systemd/system/"
                             f"{service(name)} is masked.\n")
            return 1
        if unit["file"] not in ENABLED_LIKE:
            sys.stderr.write(f"Created symlink /etc/systemd/system/multi-user.target.wants/"
                             f"{service(name)} → /usr/lib/systemd/system/{service(name)}.\n")
            unit["file"] = "enabled"
        if "--now" in flags:
            unit["active"] = True
    elif verb in ("start", "restart"):
        if unit["file"] == "masked":
            sys.stderr.write(f"Failed to {verb} {service(name)}: Unit {service(name)} is "
                             "masked.\n")
            return 1
        unit["active"] = True
        unit["starts"] = int(str(unit.get("starts", 0))) + 1
    elif verb == "stop":
        unit["active"] = False
    else:
        sys.stderr.write(f"Unknown command verb {verb}.\n")
        return 1
    save(units)
    return 0


if __name__ == "__main__":
    sys.exit(main())
