"""What every storage backend shares: the protocol it fills, the error it raises, and
``finish_machine``, which adds what every backend derives the same way. Here, not in the
package's ``__init__``, so that the backends never import the package that picks them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Protocol

from veilor_installer.core.commands import CommandError
from veilor_installer.core.install.machine import Disk, Machine
from veilor_installer.core.install.storage.hostfacts import (
    boot_medium_names,
    mountpoints_by_device,
    read_firmware,
    read_ram_bytes,
)
from veilor_installer.core.install.storage.osnames import operating_systems


class StorageError(CommandError):
    """Discovery failed: a program failed, or printed something we cannot read."""


class StorageBackend(Protocol):
    """Something that can read the machine: the real one, or a saved profile."""

    name: str

    def read_machine(self) -> Machine: ...


def finish_machine(
    disks: Iterable[Disk],
    *,
    proc_root: str = "/proc",
    sysfs_root: str = "/sys",
    dev_root: str = "/dev",
    mounts: Mapping[str, tuple[str, ...]] | None = None,
) -> Machine:
    """Add what every backend derives the same way: OS names, the boot medium, firmware, RAM."""
    disks = tuple(disks)
    if mounts is None:
        mounts = mountpoints_by_device(
            proc_root=proc_root, sysfs_root=sysfs_root, dev_root=dev_root
        )
    boot = boot_medium_names(
        disks, proc_root=proc_root, sysfs_root=sysfs_root, dev_root=dev_root, mounts=mounts
    )
    return Machine(
        firmware=read_firmware(sysfs_root),
        ram_bytes=read_ram_bytes(f"{proc_root}/meminfo"),
        disks=tuple(
            replace(disk, os=operating_systems(disk), boot_medium=disk.name in boot)
            for disk in disks
        ),
    )
