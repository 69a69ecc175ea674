"""What the running system says about itself: firmware, RAM, mounts, swap, the boot medium.

Pure readers of /proc and /sys text. Every root is a parameter so that tests feed fake trees;
nothing here runs a program or opens a block device, so it works without root and without
udev (a bootstrap ISO's first seconds, a container, CI).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from veilor_installer.core.install.machine import Disk, Firmware
from veilor_installer.core.log import get_logger

log = get_logger("storage.hostfacts")

# Mount points that hold what this system was started from. On a live ISO / is an overlay,
# so the ISO itself shows up under /run/initramfs/live (or isoscan when booted from an ISO
# file on a disk); on Fedora Atomic / is composefs and the real root is /sysroot.
BOOT_MOUNTPOINTS = (
    "/",
    "/run/initramfs/live",
    "/run/initramfs/isoscan",
    "/sysroot",
    "/boot",
    "/boot/efi",
    "/usr",
)

SWAP = "[SWAP]"

_OCTAL = re.compile(r"\\([0-7]{3})")
_HEX = re.compile(r"\\x([0-9a-fA-F]{2})")


def read_firmware(sysfs_root: str = "/sys") -> Firmware:
    """UEFI when the kernel was started by UEFI firmware (it then exposes /sys/firmware/efi)."""
    return "uefi" if os.path.isdir(os.path.join(sysfs_root, "firmware", "efi")) else "bios"


def read_ram_bytes(proc: str = "/proc/meminfo") -> int:
    """MemTotal in bytes: what the kernel can use, a little under what is installed."""
    with open(proc, encoding="ascii", errors="replace") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key == "MemTotal":
                fields = rest.split()
                unit = fields[1].lower() if len(fields) > 1 else "b"
                return int(fields[0]) * (1024 if unit == "kb" else 1)
    raise ValueError(f"{proc} has no MemTotal line")


# --- mounts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mount:
    """One line of /proc/self/mountinfo, the fields we need."""

    devno: str  # "major:minor"; "0:N" for btrfs, overlay and other anonymous devices
    mountpoint: str
    fstype: str
    source: str


def _unescape_octal(text: str) -> str:
    """mountinfo and /proc/swaps write space, tab, newline and backslash as \\040 etc."""
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), text)


def parse_mountinfo(text: str) -> list[Mount]:
    """Parse /proc/self/mountinfo (proc(5)); malformed lines are skipped, not fatal."""
    mounts = []
    for line in text.splitlines():
        fields = line.split(" ")
        try:
            sep = fields.index("-", 6)
            mounts.append(
                Mount(
                    devno=fields[2],
                    mountpoint=_unescape_octal(fields[4]),
                    fstype=fields[sep + 1],
                    source=_unescape_octal(fields[sep + 2]),
                )
            )
        except (ValueError, IndexError):
            log.debug("skipping a mountinfo line I cannot read: %r", line)
    return mounts


def parse_swaps(text: str) -> list[str]:
    """The device paths in /proc/swaps (swap files are returned too; they resolve to nothing)."""
    paths = []
    for line in text.splitlines()[1:]:
        fields = line.split()
        if fields:
            paths.append(_unescape_octal(fields[0]))
    return paths


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return None


def name_for_devno(devno: str, sysfs_root: str = "/sys") -> str | None:
    """Kernel name of a block device number, through the /sys/dev/block/MAJ:MIN link."""
    link = os.path.join(sysfs_root, "dev", "block", devno)
    try:
        target = os.readlink(link)
    except OSError:
        return None
    return os.path.basename(target.rstrip("/"))


def name_for_path(path: str, *, sysfs_root: str = "/sys", dev_root: str = "/dev") -> str | None:
    """Kernel name of a device node path such as /dev/nvme0n1p3 or /dev/mapper/luks-….

    Used where mountinfo shows an anonymous device number (btrfs) and for /proc/swaps.
    Symlinks (udev's /dev/mapper/x → ../dm-0) are followed inside ``dev_root``; a plain
    /dev/mapper node, as device-mapper makes without udev, is matched on dm/name.
    """
    if not path.startswith("/dev/"):
        return None
    relative = path[len("/dev/") :]
    local = os.path.join(dev_root, relative)
    resolved = os.path.realpath(local)
    real_dev = os.path.realpath(dev_root)
    if resolved.startswith(real_dev + os.sep):
        relative = resolved[len(real_dev) + 1 :]
    class_block = os.path.join(sysfs_root, "class", "block")
    candidate = os.path.basename(relative)
    if os.path.exists(os.path.join(class_block, candidate)):
        return candidate
    if relative.startswith("mapper/"):
        wanted = relative[len("mapper/") :]
        try:
            names = sorted(os.listdir(class_block))
        except OSError:
            return None
        for name in names:
            dm_name = _read(os.path.join(class_block, name, "dm", "name"))
            if dm_name is not None and dm_name.strip() == wanted:
                return name
    return None


def _mount_device(mount: Mount, sysfs_root: str, dev_root: str) -> str | None:
    if not mount.devno.startswith("0:"):
        name = name_for_devno(mount.devno, sysfs_root)
        if name is not None:
            return name
    return name_for_path(mount.source, sysfs_root=sysfs_root, dev_root=dev_root)


def mounted_fstypes(
    *, proc_root: str = "/proc", sysfs_root: str = "/sys", dev_root: str = "/dev"
) -> dict[str, str]:
    """Kernel name → the filesystem type it is mounted with, "swap" for active swap.

    The kernel knows the type of what it mounted, so this works where blkid cannot read the
    device (not root, or a sandbox that forbids opening it).
    """
    found: dict[str, str] = {}
    text = _read(os.path.join(proc_root, "self", "mountinfo")) or ""
    for mount in parse_mountinfo(text):
        name = _mount_device(mount, sysfs_root, dev_root)
        if name is not None:
            found.setdefault(name, mount.fstype)
    for path in parse_swaps(_read(os.path.join(proc_root, "swaps")) or ""):
        name = name_for_path(path, sysfs_root=sysfs_root, dev_root=dev_root)
        if name is not None:
            found.setdefault(name, "swap")
    return found


def mountpoints_by_device(
    *, proc_root: str = "/proc", sysfs_root: str = "/sys", dev_root: str = "/dev"
) -> dict[str, tuple[str, ...]]:
    """Kernel name → where it is mounted, in mount order, plus "[SWAP]" for active swap."""
    found: dict[str, list[str]] = {}
    text = _read(os.path.join(proc_root, "self", "mountinfo")) or ""
    for mount in parse_mountinfo(text):
        name = _mount_device(mount, sysfs_root, dev_root)
        if name is not None and mount.mountpoint not in found.setdefault(name, []):
            found[name].append(mount.mountpoint)
    for path in parse_swaps(_read(os.path.join(proc_root, "swaps")) or ""):
        name = name_for_path(path, sysfs_root=sysfs_root, dev_root=dev_root)
        if name is not None and SWAP not in found.setdefault(name, []):
            found[name].append(SWAP)
    return {name: tuple(points) for name, points in found.items()}


# --- the boot medium -------------------------------------------------------------------------


def disk_of(name: str, sysfs_root: str = "/sys") -> str:
    """The disk a partition lives on (its parent folder in sysfs); a disk is its own."""
    entry = os.path.join(sysfs_root, "class", "block", name)
    if not os.path.exists(os.path.join(entry, "partition")):
        return name
    return os.path.basename(os.path.dirname(os.path.realpath(entry)))


def backing_disks(name: str, sysfs_root: str = "/sys") -> set[str]:
    """The disks under a device: through its partitions' parents and dm/md ``slaves``.

    /dev/mapper/luks-… (dm-0) → slaves nvme0n1p3 → disk nvme0n1; an md array → each member.
    """
    disks: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            slaves = os.listdir(os.path.join(sysfs_root, "class", "block", current, "slaves"))
        except OSError:
            slaves = []
        if slaves:
            todo.extend(slaves)
        else:
            disks.add(disk_of(current, sysfs_root))
    return disks


def parse_live_root(cmdline: str) -> tuple[str, str] | None:
    """The ``root=live:`` source on the kernel command line, as (kind, value).

    kind is "LABEL" (for CDLABEL= and LABEL=) or "PATH". dracut writes spaces in labels as
    \\x20. UUID= is not handled: without udev there is no UUID index to match it against.
    """
    for word in cmdline.split():
        if not word.startswith("root=live:"):
            continue
        spec = word[len("root=live:") :]
        spec = _HEX.sub(lambda m: chr(int(m.group(1), 16)), spec)
        for prefix in ("CDLABEL=", "LABEL="):
            if spec.startswith(prefix):
                return "LABEL", spec[len(prefix) :]
        if spec.startswith("/dev/"):
            return "PATH", spec
    return None


def boot_medium_names(
    disks: Iterable[Disk],
    *,
    proc_root: str = "/proc",
    sysfs_root: str = "/sys",
    dev_root: str = "/dev",
    mounts: Mapping[str, tuple[str, ...]] | None = None,
) -> frozenset[str]:
    """Names of the disks holding what the running system was started from.

    A disk backing one of ``BOOT_MOUNTPOINTS`` (through partitions and dm/md layers), plus a
    disk that itself or in a partition carries the label or path given by ``root=live:`` on
    the kernel command line, for live media started into RAM that no longer show as mounted.
    """
    disks = tuple(disks)
    if mounts is None:
        mounts = mountpoints_by_device(
            proc_root=proc_root, sysfs_root=sysfs_root, dev_root=dev_root
        )
    found: set[str] = set()
    for name, points in mounts.items():
        if any(point in BOOT_MOUNTPOINTS for point in points):
            found |= backing_disks(name, sysfs_root)
    live = parse_live_root(_read(os.path.join(proc_root, "cmdline")) or "")
    if live is not None:
        kind, value = live
        if kind == "LABEL":
            found.update(
                d.name for d in disks if value in {d.label, *(p.label for p in d.partitions)}
            )
        else:
            device = name_for_path(value, sysfs_root=sysfs_root, dev_root=dev_root)
            if device is not None:
                found.add(disk_of(device, sysfs_root))
    return frozenset(found)
