#!/usr/bin/env python3
"""A fake of systemd-cryptenroll (systemd 252+) over pretend LUKS2 volumes.

Volumes live in ``$VEILOR_FAKE_DIR/luks.json``: ``{device: {"passphrase_sha256": …,
"slots": [{"slot": 0, "type": "password"}]}}``. As the real one: with only a device it lists
the slots (``SLOT TYPE`` table); enrolling reads the unlock passphrase from ``$PASSWORD``, a
TPM2 PIN from ``$NEWPIN``, a FIDO2 PIN from ``$PIN`` (with no terminal to ask on, a missing
one fails); a wrong passphrase fails with "Password from environment variable $PASSWORD did
not work."; ``--wipe-slot=`` takes slot numbers or types and refuses to wipe every slot.
A TPM2 chip is there when ``$VEILOR_SYSROOT/sys/class/tpm`` holds one; a FIDO2 key unless
``VEILOR_FAKE_FIDO2=absent``. Secrets are never recorded: only which variables were set.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys

from veilor_installer.demo import calls

FAKE_DIR = os.environ["VEILOR_FAKE_DIR"]
STATE = os.path.join(FAKE_DIR, "luks.json")


def record(**fields: object) -> None:
    calls.record("systemd-cryptenroll", **fields)


def main() -> int:
    argv = sys.argv[1:]
    record(argv=sys.argv, env_set=sorted(k for k in ("PASSWORD", "NEWPIN", "PIN")
                                         if k in os.environ))
    devices = [a for a in argv if not a.startswith("-")]
    options = dict(a.lstrip("-").partition("=")[::2] for a in argv if a.startswith("-"))
    if len(devices) != 1:
        sys.stderr.write("No block device specified.\n" if not devices else
                         "Too many arguments.\n")
        return 1
    with open(STATE, encoding="utf-8") as fh:
        volumes = json.load(fh)
    device = devices[0]
    volume = volumes.get(device)
    if volume is None:
        sys.stderr.write(f"Failed to open {device}: No such file or directory\n")
        return 1
    slots = volume["slots"]
    enrol = "tpm2-device" in options or "fido2-device" in options
    if not enrol and "wipe-slot" not in options:
        print("SLOT TYPE    ")
        for slot in slots:
            print(f"{slot['slot']:>4} {slot['type']}")
        return 0
    if enrol:
        password = os.environ.get("PASSWORD")
        if password is None:
            sys.stderr.write("Failed to query password: No such device or address\n")
            return 1
        if hashlib.sha256(password.encode()).hexdigest() != volume["passphrase_sha256"]:
            sys.stderr.write("Password from environment variable $PASSWORD did not work.\n")
            return 1
        kind = "tpm2" if "tpm2-device" in options else "fido2"
        root = os.environ.get("VEILOR_SYSROOT", "/")
        if kind == "tpm2":
            tpm = os.path.join(root, "sys/class/tpm")
            if not (os.path.isdir(tpm) and os.listdir(tpm)):
                sys.stderr.write("Could not find TPM2 device: No such device\n")
                return 1
            if options.get("tpm2-with-pin") == "yes" and "NEWPIN" not in os.environ:
                sys.stderr.write("Failed to acquire PIN from environment: No such device or "
                                 "address\n")
                return 1
        elif os.environ.get("VEILOR_FAKE_FIDO2") == "absent":
            sys.stderr.write("No FIDO2 devices found.\n")
            return 1
        new = min(set(range(32)) - {s["slot"] for s in slots})
        slots.append({"slot": new, "type": kind,
                      "pin": options.get("tpm2-with-pin", options.get("fido2-with-client-pin"))})
        sys.stderr.write(f"New {kind.upper()} token enrolled as key slot {new}.\n")
    else:
        new = None
    if "wipe-slot" in options:
        wanted = options["wipe-slot"].split(",")
        doomed = [s for s in slots if s["slot"] != new and
                  (str(s["slot"]) in wanted or s["type"] in wanted or "all" in wanted)]
        if len(doomed) == len(slots):
            sys.stderr.write("Wiping requested for all key slots, refusing.\n")
            return 1
        for slot in doomed:
            slots.remove(slot)
            sys.stderr.write(f"Wiped slot {slot['slot']}.\n")
        if not doomed:
            sys.stderr.write("No slots to remove selected.\n")
    with open(STATE, "w", encoding="utf-8") as fh:
        json.dump(volumes, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
