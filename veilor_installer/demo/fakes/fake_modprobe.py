#!/usr/bin/env python3
"""A fake of ``modprobe MODULE`` (kmod 30): records the call; a module named in
``VEILOR_FAKE_MODPROBE_MISSING`` (comma-separated) fails as kmod does: "modprobe: FATAL: Module
X not found in directory /lib/modules/<release>", exit 1."""

from __future__ import annotations

import os
import sys

from veilor_installer.demo import calls


def main() -> int:
    calls.record("modprobe", argv=sys.argv)
    missing = os.environ.get("VEILOR_FAKE_MODPROBE_MISSING", "").split(",")
    if sys.argv[-1] in missing:
        sys.stderr.write(f"modprobe: FATAL: Module {sys.argv[-1]} not found in directory "
                         f"/lib/modules/{os.uname().release}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
