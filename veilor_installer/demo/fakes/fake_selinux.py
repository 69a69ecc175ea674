#!/usr/bin/env python3
"""A fake of getenforce(8) and setenforce(8) (installed under both names), libselinux 3.x's
output: getenforce prints Enforcing, Permissive or Disabled; ``setenforce 0|1`` changes the
mode (exit 0), and on a system with SELinux disabled prints "setenforce: SELinux is disabled"
(exit 1). The mode lives in ``$VEILOR_FAKE_DIR/selinux`` (default Enforcing)."""

from __future__ import annotations

import os
import sys

from veilor_installer.demo import calls

FAKE_DIR = os.environ["VEILOR_FAKE_DIR"]
STATE = os.path.join(FAKE_DIR, "selinux")


def record(prog: str, argv: list[str]) -> None:
    calls.record(prog, argv=argv)


def main() -> int:
    prog = os.path.basename(sys.argv[0])
    record(prog, sys.argv)
    try:
        with open(STATE, encoding="utf-8") as fh:
            mode = fh.read().strip()
    except FileNotFoundError:
        mode = "Enforcing"
    if prog == "getenforce":
        print(mode)
        return 0
    args = sys.argv[1:]
    if len(args) != 1 or args[0] not in ("0", "1", "Permissive", "Enforcing"):
        sys.stderr.write("usage:  setenforce [ Enforcing | Permissive | 1 | 0 ]\n")
        return 1
    if mode == "Disabled":
        sys.stderr.write("setenforce: SELinux is disabled\n")
        return 1
    with open(STATE, "w", encoding="utf-8") as fh:
        fh.write("Enforcing\n" if args[0] in ("1", "Enforcing") else "Permissive\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
