#!/usr/bin/env python3
"""A fake of ``udevadm control --reload`` and ``udevadm trigger ...`` (systemd 257): records the
call and succeeds silently, as udevadm does; ``VEILOR_FAKE_UDEVADM_FAIL`` (a sub-command name)
fails that one the way udevadm does without a running udevd: "Failed to send reload request:
No such file or directory", exit 1. It never touches a device."""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> int:
    fd = os.open(os.path.join(os.environ["VEILOR_FAKE_DIR"], "calls.jsonl"),
                 os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"prog": "udevadm", "t": time.time(), "argv": sys.argv}) + "\n")
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
