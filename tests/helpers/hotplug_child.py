"""Run by tests/integration/test_hotplug.py inside a private mount namespace (``unshare -m``): a
udevd of its own with no rules and a private /run (so nothing of the machine's is touched: no
/run/udev database, no /dev/disk links), the Disks page on the real lsblk scan, and one loop
disk plugged in and pulled out. Prints one JSON line: what happened and how long it took.

argv: IMAGE (a file to back the loop disk), OUTPUT_DIR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

UDEVD = ("/usr/lib/systemd/systemd-udevd", "/lib/systemd/systemd-udevd")
RULES = ("/etc/udev/rules.d", "/usr/lib/udev/rules.d", "/lib/udev/rules.d")


def say(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def private_udev() -> subprocess.Popen[bytes]:
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/run"], check=True)
    os.makedirs("/run/udev")
    for folder in RULES:
        if os.path.isdir(folder) and not os.path.islink(folder):
            subprocess.run(["mount", "-t", "tmpfs", "tmpfs", folder], check=True)
    udevd = next(p for p in UDEVD if os.path.exists(p))
    proc = subprocess.Popen([udevd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while not os.path.exists("/run/udev/control"):
        if proc.poll() is not None or time.monotonic() > deadline:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            proc.kill()
            say(outcome="udevd-failed", why=err.strip()[-300:])
            sys.exit(0)
        time.sleep(0.02)
    return proc


def main() -> int:
    image, output_dir = sys.argv[1], sys.argv[2]
    udevd = private_udev()
    device = ""
    try:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PyQt6.QtWidgets import QApplication

        from veilor_installer.core.install.storage import discover
        from veilor_installer.gui.install.disks import NAME_ROLE, DisksPage
        from veilor_installer.gui.install.state import InstallState

        app = QApplication(["hotplug-test"])
        state = InstallState(read_machine=lambda: discover(backend="lsblk"), dry_run=True,
                             output_dir=output_dir)
        page = DisksPage(state)
        page.show()
        page.initializePage()

        def names() -> set[str]:
            items = (page.ui.diskList.item(i) for i in range(page.ui.diskList.count()))
            return {str(item.data(NAME_ROLE)) for item in items}

        def wait(condition: Any, seconds: float) -> float | None:
            start = time.monotonic()
            while time.monotonic() - start < seconds:
                app.processEvents()
                if condition():
                    return time.monotonic() - start
                time.sleep(0.01)
            return None

        if wait(lambda: not page.scanning and page.shown_machine is not None, 60) is None:
            say(outcome="first-scan-timeout")
            return 0
        if page.hotplug is None:
            say(outcome="no-monitor")
            return 0
        scans = {"before": names()}
        plugged = time.monotonic()
        device = subprocess.run(["losetup", "-f", "--show", image], capture_output=True,
                                text=True, check=True, timeout=20).stdout.strip()
        name = os.path.basename(device)
        appeared = wait(lambda: name in names() and not page.scanning, 10)
        appeared_after = None if appeared is None else time.monotonic() - plugged
        subprocess.run(["losetup", "-d", device], check=True, timeout=20)
        pulled = time.monotonic()
        device = ""
        gone = wait(lambda: name not in names() and not page.scanning, 10)
        say(outcome="ran", name=name, before=sorted(scans["before"]),
            appeared_after=appeared_after, gone_after=None if gone is None else
            time.monotonic() - pulled)
        return 0
    finally:
        if device:
            subprocess.run(["losetup", "-d", device], check=False, timeout=20)
        udevd.terminate()
        try:
            udevd.wait(10)
        except subprocess.TimeoutExpired:
            udevd.kill()
            udevd.wait(10)


if __name__ == "__main__":
    sys.exit(main())
