"""Machines that are not this one: a saved profile (``--machine FILE``) and the demo machine.

They let the wizard, the kickstart and the tests run on any computer against disks that are
not there, and an admin plan an install for another machine from its ``disks --json``.
"""

from __future__ import annotations

from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.install.machine import Machine, load_machine
from veilor_installer.core.install.storage.backend import StorageError

DEMO_PROFILE = "demo-machine.json"


def demo_machine() -> Machine:
    """The embedded demo machine (DESIGN §3): Windows+BitLocker NVMe, empty SSD, USB stick."""
    try:
        path = resource_path(DEMO_PROFILE)
    except FileNotFoundError as exc:
        # A broken installation, not bad input: the CLI reports it as a failure (exit 1).
        raise StorageError(f"--demo: {exc}") from None
    return load_machine(str(path))


class ProfileBackend:
    """A machine profile read from a JSON file, as ``disks --json`` writes it."""

    name = "profile"

    def __init__(self, path: str) -> None:
        self.path = path

    def read_machine(self) -> Machine:
        return load_machine(self.path)


class DemoBackend:
    """The demo machine, for ``--demo``."""

    name = "demo"

    def read_machine(self) -> Machine:
        return demo_machine()
