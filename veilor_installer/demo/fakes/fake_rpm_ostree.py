#!/usr/bin/env python3
"""A fake of rpm-ostree for ``status --json`` and ``install``.

State in ``$VEILOR_FAKE_DIR/rpm-ostree.json``: ``requested`` (packages of the next
deployment), ``booted`` (of the running one), ``busy`` (how many more ``status`` calls see a
running transaction, as during an automatic update at first boot). ``status --json`` prints
``{"deployments": […], "transaction": null | [method, sender, path]}`` as rpm-ostree does;
``install`` of a package whose repository is not enabled under ``$VEILOR_SYSROOT`` fails with
"Packages not found", during a transaction with "Transaction in progress".
``VEILOR_FAKE_RPMOSTREE=fail-download`` makes the download fail.
"""

from __future__ import annotations

import json
import os
import re
import sys

from veilor_installer.demo import calls

FAKE_DIR = os.environ["VEILOR_FAKE_DIR"]
STATE = os.path.join(FAKE_DIR, "rpm-ostree.json")
# Which shipped repository file and section each package comes from.
SOURCES = {"mullvad-browser": ("mullvad.repo", "mullvad-stable"),
           "thorium-browser": ("thorium.repo", "thorium")}
TXN = ["Upgrade", ":1.42", "/org/projectatomic/rpmostree1/fedora_atomic"]


def record(**fields: object) -> None:
    calls.record("rpm-ostree", **fields)


def load() -> dict[str, object]:
    try:
        with open(STATE, encoding="utf-8") as fh:
            return dict(json.load(fh))
    except FileNotFoundError:
        return {"requested": [], "booted": [], "busy": 0}


def save(state: dict[str, object]) -> None:
    with open(STATE, "w", encoding="utf-8") as fh:
        json.dump(state, fh)


def deployment(packages: list[str], *, booted: bool, checksum: str) -> dict[str, object]:
    return {"id": f"fedora-{checksum}.0", "osname": "fedora", "booted": booted,
            "staged": not booted, "pinned": False, "checksum": checksum,
            "container-image-reference":
                "ostree-image-signed:docker://ghcr.io/veilor/veilor-os:43",
            "requested-packages": packages, "packages": packages,
            "requested-local-packages": [], "base-removals": [], "version": "43.20261101.0"}


def repo_enabled(name: str) -> bool:
    repo, section = SOURCES.get(name, ("", ""))
    root = os.environ.get("VEILOR_SYSROOT", "/")
    try:
        with open(os.path.join(root, "etc/yum.repos.d", repo), encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return False
    block = re.search(rf"(?ms)^\[{re.escape(section)}\]\n(.*?)(?=^\[|\Z)", text)
    return bool(block and re.search(r"(?m)^enabled\s*=\s*1\s*$", block.group(1)))


def main() -> int:
    argv = sys.argv[1:]
    record(argv=sys.argv)
    state = load()
    busy = int(str(state.get("busy", 0)))
    if argv[:1] == ["status"] and "--json" in argv:
        if busy:
            state["busy"] = busy - 1
            save(state)
        requested = list(state.get("requested", []))  # type: ignore[call-overload]
        booted = list(state.get("booted", []))  # type: ignore[call-overload]
        deployments = [deployment(booted, booted=True, checksum="3f2a1b0c")]
        if requested != booted:
            deployments.insert(0, deployment(requested, booted=False, checksum="9e8d7c6b"))
        print(json.dumps({"deployments": deployments, "transaction": TXN if busy else None},
                         indent=2))
        return 0
    if argv[:1] == ["install"]:
        packages = [a for a in argv[1:] if not a.startswith("-")]
        if busy:
            sys.stderr.write("error: Transaction in progress: upgrade\n You can cancel the "
                             "current transaction with `rpm-ostree cancel`\n")
            return 1
        requested = list(state.get("requested", []))  # type: ignore[call-overload]
        new = [p for p in packages if p not in requested]
        if len(new) < len(packages) and "--idempotent" not in argv:
            sys.stderr.write(f"error: \"{packages[0]}\" is already requested\n")
            return 1
        if not new:
            print("No change.")
            return 0
        missing = [p for p in new if not repo_enabled(p)]
        if missing:
            sys.stderr.write(f"error: Packages not found: {', '.join(missing)}\n")
            return 1
        print("Checking out tree 3f2a1b0... done\nEnabled rpm-md repositories: fedora updates "
              "mullvad-stable\nImporting rpm-md... done\nResolving dependencies... done\n"
              f"Will download: {len(new)} package (102.3 MB)")
        if os.environ.get("VEILOR_FAKE_RPMOSTREE") == "fail-download":
            sys.stderr.write("error: Checking out packages: Curl error (6): Couldn't resolve "
                             "host name for https://repository.mullvad.net/rpm/stable/x86_64/\n")
            return 1
        print("Downloading... done\nImporting packages... done\nChecking out packages... done\n"
              "Running pre scripts... done\nRunning post scripts... done\nWriting rpmdb... done\n"
              "Writing OSTree commit... done\nStaging deployment... done\nAdded:")
        for name in new:
            print(f"  {name}-14.5.8-1.x86_64")
        print('Changes queued for next boot. Run "systemctl reboot" to start a reboot')
        state["requested"] = requested + new
        save(state)
        return 0
    sys.stderr.write(f"error: Unknown command '{argv[0] if argv else ''}'\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
