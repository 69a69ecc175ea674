#!/usr/bin/env python3
"""A fake of ``udevadm control --reload`` and ``udevadm trigger ...`` (systemd 257): records the
call and succeeds silently, as udevadm does; ``VEILOR_FAKE_UDEVADM_FAIL`` (a sub-command name)
fails that one the way udevadm does without a running udevd: "Failed to send reload request:
No such file or directory", exit 1. It never touches a device."""

from __future__ import annotations

import os
import sys

from veilor_installer.demo import calls


def main() -> int:
    calls.record("udevadm", argv=sys.argv)
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command not in ("control", "trigger"):
        sys.stderr.write(f"udevadm: unknown command '{command}'\n")
        return 1
    if os.environ.get("VEILOR_FAKE_UDEVADM_FAIL") == command:
        sys.stderr.write("Failed to send reload request: No such file or directory\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
