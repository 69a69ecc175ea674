"""Discovery through blivet, the library Anaconda itself partitions with.

On the Fedora ISO blivet is the system's python3-blivet, and what it sees is what Anaconda
will act on, so it is preferred there. It is not a PyPI dependency: on Debian it does not even
import (research/deps.md §1), so this module is imported lazily and tested only where
``import blivet`` works. blivet reads formats from the udev database; OS names, the boot
medium, firmware and RAM come from the same pure readers the lsblk backend uses.

Loop devices: blivet does not populate their partitions. Its loop populator claims every
device whose name starts with "loop", so ``loop0p1`` is taken for a loop device without a
backing file and dropped, and a ``LoopDevice`` is not partitionable. blivet does read the
partition table (the loop's format is the disklabel), so for a loop device that has one and
whose kernel partitions exist in sysfs, the partitions are read by the lsblk backend and put
under the disk blivet found; the log says so. Real disks (the ones an install can target)
are blivet's alone. The target lane's loop-device test compares the two backends on this.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import blivet

from veilor_installer.core.commands import _SYSTEM_DIRS  # the folders our runner searches
from veilor_installer.core.install.machine import Disk, Machine, Partition
from veilor_installer.core.install.storage.backend import finish_machine
from veilor_installer.core.install.storage.hostfacts import mountpoints_by_device
from veilor_installer.core.log import get_logger

log = get_logger("storage.blivet")

# blivet's format names → blkid's TYPE names, which the rest of the installer speaks.
_FSTYPES = {
    "efi": "vfat",
    "macefi": "hfsplus",
    "appleboot": "hfsplus",
    "luks": "crypto_LUKS",
    "lvmpv": "LVM2_member",
    "mdmember": "linux_raid_member",
    "bitlk": "BitLocker",
    "bitlocker": "BitLocker",
}
# blivet and udev spell a few things differently from lsblk and blkid.
_PTTYPES = {"msdos": "dos"}
_TRANSPORTS = {"ata": "sata"}
# Formats that are not filesystems on the device: a partition table, or a partition's role.
_NO_FSTYPE = {"disklabel", "biosboot", "prepboot"}


def _fstype(fmt: Any) -> str | None:
    kind = getattr(fmt, "type", None)
    if not isinstance(kind, str) or kind in _NO_FSTYPE:
        return None
    return _FSTYPES.get(kind, kind)


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _renamed(value: Any, names: Mapping[str, str]) -> str | None:
    text = _text(value)
    return names.get(text.lower(), text) if text else None


def _sysfs_flag(name: str, leaf: str, sysfs_root: str) -> bool:
    try:
        with open(os.path.join(sysfs_root, "class", "block", name, leaf), encoding="ascii") as fh:
            return fh.read().strip() == "1"
    except OSError:
        return False


def _parted_attr(part: Any, attr: str) -> Any:
    """An attribute of a partition's parted object, or None.

    pyparted raises (NotImplementedError, PartitionException) rather than returning None
    when the label type or the libparted build lacks the attribute, e.g. ``type_uuid`` with
    parted ≤ 3.5 or ``name`` on an msdos label.
    """
    try:
        return getattr(part.parted_partition, attr)
    except Exception:  # pyparted's exceptions are not one family
        return None


def _stacked_mounts(
    name: str, mounts: Mapping[str, tuple[str, ...]], sysfs_root: str
) -> tuple[str, ...]:
    """Where a device or anything stacked on it (dm, md) is mounted, through sysfs holders.

    blivet names dm devices by their mapper name, mountinfo by dm-N: sysfs speaks kernel names.
    """
    found: list[str] = []
    todo, seen = [name], set()
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        found.extend(p for p in mounts.get(current, ()) if p not in found)
        with contextlib.suppress(OSError):
            todo.extend(
                sorted(os.listdir(os.path.join(sysfs_root, "class", "block", current, "holders")))
            )
    return tuple(found)


def _parttype(part: Any) -> str | None:
    """The GPT type GUID or MBR type code, lower case as blkid prints them.

    blivet ≥ 3.9 keeps the GUID as ``part_type_uuid``; else pyparted has it as 16 bytes in
    standard (big-endian) order, which libparted converts from GPT's mixed-endian form.
    """
    try:
        known = getattr(part, "part_type_uuid", None)
    except Exception:  # a property of an object blivet may not fully know
        known = None
    if known is not None:
        return str(known).lower()
    type_uuid = _parted_attr(part, "type_uuid")
    if isinstance(type_uuid, bytes) and len(type_uuid) == 16 and any(type_uuid):
        return str(uuid.UUID(bytes=type_uuid))
    type_id = _parted_attr(part, "type_id")
    return hex(type_id) if isinstance(type_id, int) and type_id else None


def _partition(part: Any, mounts: Mapping[str, tuple[str, ...]], sysfs_root: str) -> Partition:
    number = _parted_attr(part, "number")
    return Partition(
        name=part.name,
        size_bytes=int(part.size),
        fstype=_fstype(part.format),
        label=_text(getattr(part.format, "label", None)),
        number=number if isinstance(number, int) else None,
        parttype=_parttype(part),
        partlabel=_text(_parted_attr(part, "name")),
        mountpoints=_stacked_mounts(part.name, mounts, sysfs_root),
    )


def _kernel_partitions(name: str, sysfs_root: str) -> list[str]:
    """The kernel's partitions of block device ``name`` (``loop0p1``, …), from sysfs."""
    try:
        entries = os.listdir(os.path.join(sysfs_root, "class", "block", name))
    except OSError:
        return []
    return sorted(
        e for e in entries
        if e.startswith(name)
        and os.path.exists(os.path.join(sysfs_root, "class", "block", name, e, "partition"))
    )


def _with_system_dirs(path: str) -> str:
    """``path`` with the system's program folders (sbin included) appended where missing."""
    parts = [p for p in path.split(os.pathsep) if p]
    return os.pathsep.join(parts + [d for d in _SYSTEM_DIRS if d not in parts])


def _tools_on_path() -> None:
    """Put the sbin folders on PATH for blivet, once.

    blivet and libblockdev look for mke2fs, resize2fs, mkfs.xfs, lvm, mdadm … on PATH only,
    and an ordinary user's PATH on Debian has no sbin. Missing them, ``Blivet()`` fails with
    ``DeviceFormatError: None of ext4,xfs,ext3,ext2 is supported by your kernel`` (the file
    systems count as unsupported when their tools are missing; the kernel is not asked), or
    with ``'LVMTech' object has no attribute 'value_name'`` when the LVM tools are missing
    (blivet 3.12 on PyGObject ≥ 3.52). The installer's own runner already searches these
    folders (``commands.find_program``); this gives blivet the same ones.
    """
    current = os.environ.get("PATH", "")
    wanted = _with_system_dirs(current)
    if wanted != current:
        log.info("adding the system program folders to PATH for blivet: %s", wanted)
        os.environ["PATH"] = wanted


def _disk_type(device: Any) -> str:
    if device.name.startswith("zram"):
        return "zram"
    if device.type == "loop":
        return "loop"
    if device.type == "cdrom":
        return "rom"
    return "disk"


class BlivetBackend:
    """``Blivet().reset()`` and its device tree, turned into a Machine."""

    name = "blivet"

    def __init__(
        self, *, proc_root: str = "/proc", sysfs_root: str = "/sys", dev_root: str = "/dev"
    ) -> None:
        self.proc_root = proc_root
        self.sysfs_root = sysfs_root
        self.dev_root = dev_root

    def read_machine(self) -> Machine:
        _tools_on_path()
        storage = blivet.Blivet()
        storage.reset()
        mounts = mountpoints_by_device(
            proc_root=self.proc_root, sysfs_root=self.sysfs_root, dev_root=self.dev_root
        )
        disks = []
        for device in storage.devicetree.devices:
            if not (device.is_disk or device.type in ("loop", "cdrom")):
                continue
            fmt = device.format
            partitioned = getattr(fmt, "type", None) == "disklabel"
            parts = sorted(
                (child for child in device.children if child.type == "partition"),
                key=lambda p: _parted_attr(p, "number") or 0,
            )
            disks.append(
                Disk(
                    name=device.name,
                    path=device.path,
                    size_bytes=int(device.size),
                    model=_text(getattr(device, "model", None)),
                    serial=_text(getattr(device, "serial", None)),
                    transport=_renamed(getattr(device, "bus", None), _TRANSPORTS),
                    # From sysfs, as lsblk reads it: blivet 3.12's ``removable`` leaves
                    # the sysfs file open (a ResourceWarning per disk).
                    removable=_sysfs_flag(device.name, "removable", self.sysfs_root),
                    rotational=_sysfs_flag(device.name, "queue/rotational", self.sysfs_root),
                    readonly=_sysfs_flag(device.name, "ro", self.sysfs_root),
                    fstype=None if partitioned else _fstype(fmt),
                    partitions=tuple(_partition(p, mounts, self.sysfs_root) for p in parts),
                    type=_disk_type(device),
                    pttype=_renamed(getattr(fmt, "label_type", None), _PTTYPES)
                    if partitioned
                    else None,
                    label=None if partitioned else _text(getattr(fmt, "label", None)),
                    mountpoints=_stacked_mounts(device.name, mounts, self.sysfs_root),
                )
            )
        disks = self._loop_partitions_from_lsblk(disks)
        log.info("blivet found %d disks", len(disks))
        return finish_machine(
            disks,
            proc_root=self.proc_root,
            sysfs_root=self.sysfs_root,
            dev_root=self.dev_root,
            mounts=mounts,
        )

    def _loop_partitions_from_lsblk(self, disks: list[Disk]) -> list[Disk]:
        """Fill in the partitions blivet leaves out on loop devices (see the module's note)."""
        wanted = {
            d.name
            for d in disks
            if d.type == "loop"
            and d.pttype is not None
            and not d.partitions
            and _kernel_partitions(d.name, self.sysfs_root)
        }
        if not wanted:
            return disks
        from veilor_installer.core.install.storage.lsblk import LsblkBackend

        log.info(
            "blivet does not read the partitions of loop devices; lsblk reads those of %s",
            ", ".join(sorted(wanted)),
        )
        by_lsblk = LsblkBackend(
            proc_root=self.proc_root, sysfs_root=self.sysfs_root, dev_root=self.dev_root
        ).read_machine()
        filled = []
        for disk in disks:
            other = by_lsblk.disk(disk.name) if disk.name in wanted else None
            filled.append(disk if other is None else replace(disk, partitions=other.partitions))
        return filled
