"""Disks that come and go (DESIGN card: pyudev): where udev runs, the Disks page follows a disk
plugged in or pulled out without Rescan; where it does not, Rescan stays the way. The real test
starts its own udevd in a private mount namespace (no rules, a private /run) and plugs a
loop-backed disk; it skips only where that cannot run, saying why."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import paths
from helpers.disks import Reader, disk, machine, state_for

from veilor_installer.core.install.storage import hotplug
from veilor_installer.gui.install import disks as disks_page
from veilor_installer.gui.install.disks import DisksPage

CHILD = paths.HELPERS / "hotplug_child.py"
UDEVD = ("/usr/lib/systemd/systemd-udevd", "/lib/systemd/systemd-udevd")
BUDGET_S = 2.0


def test_without_udev_there_is_no_monitor(tmp_path: Path) -> None:
    assert not hotplug.udev_running(str(tmp_path / "control"))
    assert hotplug.DiskEvents.open(str(tmp_path / "control")) is None


class PipeEvents:
    """Stands in for the udev monitor: a pipe the test writes "action name" lines to."""

    def __init__(self) -> None:
        self.read_fd, self.write_fd = os.pipe()
        os.set_blocking(self.read_fd, False)
        self.closed = False

    def fileno(self) -> int:
        return self.read_fd

    def send(self, *events: str) -> None:
        os.write(self.write_fd, "".join(e + "\n" for e in events).encode())

    def drain(self) -> list[tuple[str, str]]:
        try:
            data = os.read(self.read_fd, 4096).decode()
        except BlockingIOError:
            return []
        return [tuple(line.split()) for line in data.splitlines()]  # type: ignore[misc]

    def close(self) -> None:
        self.closed = True


def test_events_rescan_once_per_burst_and_after_a_scan_under_way(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    events = PipeEvents()
    monkeypatch.setattr(disks_page.DiskEvents, "open", classmethod(lambda cls: events))
    reader = Reader(machine(disk("sda", 256)), machine(disk("sda", 256), disk("sdb", 64)))
    page = DisksPage(state_for(tmp_path, reader))
    qtbot.addWidget(page)
    page.initializePage()
    qtbot.waitUntil(lambda: reader.calls == 1 and not page.scanning, timeout=5000)
    events.send("add sdb", "change sdb", "add sdb1")  # one disk, one burst
    qtbot.waitUntil(lambda: reader.calls == 2 and not page.scanning, timeout=5000)
    assert page.ui.diskList.count() == 2
    qtbot.wait(disks_page.HOTPLUG_SETTLE_MS * 2)
    assert reader.calls == 2, "a burst of events is one scan"
    # an event during a scan: that scan may have read the disks before, so one more follows
    page.rescan()
    assert page.scanning
    events.send("remove sdb")
    qtbot.waitUntil(lambda: reader.calls == 4 and not page.scanning, timeout=5000)


def _skip_unless_possible() -> str:
    if os.geteuid() != 0:
        pytest.skip("needs root: loop devices, and a mount namespace for udevd")
    udevd = next((p for p in UDEVD if os.path.exists(p)), None)
    if udevd is None:
        pytest.skip("systemd-udevd is not installed (tools/bootstrap installs udev when root)")
    if importlib.util.find_spec("pyudev") is None:
        pytest.skip("pyudev is not installed: the page cannot follow udev's events")
    for tool in ("unshare", "losetup", "mount"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (util-linux)")
    if not os.path.exists("/dev/loop-control"):
        pytest.skip("the kernel has no loop device support (/dev/loop-control missing)")
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"],
                           capture_output=True, text=True, timeout=20, check=False)
    if probe.returncode != 0:
        pytest.skip(f"udevd cannot run here: no private mount namespace ({probe.stderr.strip()})")
    return udevd


def _detach(image: Path) -> None:
    found = subprocess.run(["losetup", "-n", "-O", "NAME", "-j", str(image)],
                           capture_output=True, text=True, timeout=10, check=False)
    for device in found.stdout.split():
        subprocess.run(["losetup", "-d", device], timeout=10, check=False)


def test_a_plugged_loop_disk_appears_within_two_seconds_without_rescan(tmp_path: Path) -> None:
    _skip_unless_possible()
    image = tmp_path / "plugged.img"
    with open(image, "wb") as fh:
        fh.truncate(64 * 1024**2)
    udev_before = Path("/run/udev").exists()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(CHILD.parent.parent), *sys.path])}
    proc = subprocess.Popen(["unshare", "-m", "--propagation", "private", sys.executable,
                             str(CHILD), str(image), str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the child and its udevd
        out, err = proc.communicate()
        pytest.fail(f"the hot-plug run did not end: {err[-2000:]}")
    finally:
        _detach(image)
    assert proc.returncode == 0, err[-3000:]
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert lines, out + err[-2000:]
    result = lines[-1]
    if result["outcome"] == "udevd-failed":
        pytest.skip(f"udevd cannot run here: {result['why']}")
    assert result["outcome"] == "ran", result
    assert result["name"] not in result["before"]
    assert result["appeared_after"] is not None, "the plugged disk never appeared"
    assert result["appeared_after"] <= BUDGET_S, result
    assert result["gone_after"] is not None and result["gone_after"] <= BUDGET_S, result
    assert Path("/run/udev").exists() == udev_before, "udevd's database leaked out"
    print(f"hot-plug: appeared after {result['appeared_after']:.2f} s, gone after "
          f"{result['gone_after']:.2f} s")


def test_the_monitor_is_let_go_once_the_page_is_gone_not_before(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    events = PipeEvents()
    monkeypatch.setattr(disks_page.DiskEvents, "open", classmethod(lambda cls: events))
    reader = Reader(machine(disk("sda", 256)))
    page = DisksPage(state_for(tmp_path, reader))
    page.initializePage()
    qtbot.waitUntil(lambda: not page.scanning, timeout=5000)
    qtbot.wait(disks_page.bridges.CHECK_MS * 3)
    assert not events.closed, "open while the page (and its notifier) lives"
    page.deleteLater()
    qtbot.waitUntil(lambda: events.closed, timeout=5000)
