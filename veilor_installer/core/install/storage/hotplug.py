"""Disks that come and go: udev's events for whole disks, through pyudev (DESIGN card).

Where udev runs (the ISO: ``/run/udev/control`` exists) a netlink monitor reports each disk
added, removed or changed (a loop device or a card reader gets a medium: ``change``) after
udev has processed it. Where it does not (a container, CI, a bootstrap ISO's first seconds)
``DiskEvents.open()`` returns None and the Disks page keeps its Rescan button as the only way.

The monitor never blocks: ``fileno()`` is for the caller's event loop (the GUI's socket
notifier), ``drain()`` reads what is pending and returns at once.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from veilor_installer.core.log import get_logger

log = get_logger("hotplug")

UDEV_CONTROL = "/run/udev/control"
ACTIONS = ("add", "remove", "change")


def udev_running(control: str = UDEV_CONTROL) -> bool:
    return os.path.exists(control)


class DiskEvents:
    def __init__(self, monitor: Any) -> None:
        self._monitor = monitor

    @classmethod
    def open(cls, control: str = UDEV_CONTROL) -> DiskEvents | None:
        """A started monitor of whole disks, or None where udev (or pyudev) is missing."""
        if not udev_running(control):
            return None
        try:
            pyudev = importlib.import_module("pyudev")
        except ImportError:
            log.info("pyudev is not installed: disks are found by Rescan only")
            return None
        try:
            monitor = pyudev.Monitor.from_netlink(pyudev.Context(), source="udev")
            monitor.filter_by(subsystem="block", device_type="disk")
            monitor.start()
        except (OSError, ImportError) as exc:  # ImportError: no libudev.so.1
            log.warning("cannot follow disk events (%s): disks are found by Rescan only", exc)
            return None
        return cls(monitor)

    def fileno(self) -> int:
        return int(self._monitor.fileno())

    def drain(self) -> list[tuple[str, str]]:
        """(action, kernel name) of each pending event for a disk; never waits."""
        events: list[tuple[str, str]] = []
        while True:
            device = self._monitor.poll(timeout=0)
            if device is None:
                return events
            if device.action in ACTIONS:
                events.append((str(device.action), str(device.sys_name)))

    def close(self) -> None:
        """Let go of the monitor (pyudev closes its netlink socket with it)."""
        self._monitor = None
