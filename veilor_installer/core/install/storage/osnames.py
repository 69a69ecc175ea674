"""Naming the operating systems already on a disk, without mounting anything.

The wizard must say what an erase destroys ("holds Windows"), and it has to say it before
anything is unlocked or mounted: the only evidence is what ``blkid -p`` reads from the
devices, partition type GUIDs, filesystem types and labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from veilor_installer.core.install.machine import Disk

WINDOWS = "Windows"
BITLOCKER = "BitLocker volume"
MACOS = "macOS"
VEILOR = "veilor-os"
FEDORA = "Fedora Linux"
LINUX = "Linux"
LUKS = "an encrypted Linux volume (LUKS)"

# The order names are reported in, whatever order the partitions are in.
ORDER = (WINDOWS, BITLOCKER, MACOS, VEILOR, FEDORA, LINUX, LUKS)

ESP_TYPES = {"c12a7328-f81f-11d2-ba4b-00a0c93ec93b", "0xef"}
MS_RESERVED = "e3c9e316-0b5c-4db8-817d-f92df00215ae"
MS_RECOVERY = "de94bba4-06d1-4d40-a16a-bfd50179d6ac"
# Windows on an MBR disk has neither an ESP nor an MSR, but its setup labels the small
# NTFS boot partition "System Reserved".
WINDOWS_MBR_LABEL = "System Reserved"

LINUX_FSTYPES = {
    "ext2",
    "ext3",
    "ext4",
    "xfs",
    "btrfs",
    "LVM2_member",
    "swap",
    "linux_raid_member",
    "f2fs",
    "jfs",
    "reiserfs",
    "bcachefs",
}
MAC_FSTYPES = {"apfs", "hfsplus", "hfs"}


@dataclass(frozen=True)
class _Volume:
    fstype: str | None
    label: str | None
    parttype: str | None


def _volumes(disk: Disk) -> list[_Volume]:
    """Partitions, and the disk itself when it carries a filesystem or LUKS header."""
    volumes = [
        _Volume(p.fstype, p.label, (p.parttype or "").lower() or None) for p in disk.partitions
    ]
    if disk.fstype is not None:
        volumes.append(_Volume(disk.fstype, disk.label, None))
    return volumes


def _is_fedora_label(label: str | None) -> bool:
    # Anaconda names the btrfs volume "fedora" (F33+) or "fedora_<hostname>" (older).
    return label is not None and label.lower().startswith("fedora")


def operating_systems(disk: Disk) -> tuple[str, ...]:
    """Names of the systems found on ``disk``, in ``ORDER``, each once.

    "Linux" and the LUKS volume are only named when nothing more specific explains them:
    the /boot and LUKS partitions of a Fedora install are part of "Fedora Linux".
    """
    volumes = _volumes(disk)
    types = {v.parttype for v in volumes if v.parttype}
    fstypes = {v.fstype for v in volumes if v.fstype}
    found: set[str] = set()

    windows_marker = bool(types & ({MS_RESERVED, MS_RECOVERY} | ESP_TYPES))
    has_ntfs = "ntfs" in fstypes
    if has_ntfs and (
        windows_marker or any(v.fstype == "ntfs" and v.label == WINDOWS_MBR_LABEL for v in volumes)
    ):
        found.add(WINDOWS)
    if "BitLocker" in fstypes:
        found.add(BITLOCKER)
        if types & {MS_RESERVED, MS_RECOVERY}:
            found.add(WINDOWS)
    if fstypes & MAC_FSTYPES:
        found.add(MACOS)
    for volume in volumes:
        if volume.fstype == "btrfs" and volume.label == "veilor":
            found.add(VEILOR)
        elif volume.fstype in LINUX_FSTYPES | {"crypto_LUKS"} and _is_fedora_label(volume.label):
            found.add(FEDORA)
    if not found & {VEILOR, FEDORA}:
        if fstypes & LINUX_FSTYPES:
            found.add(LINUX)
        if "crypto_LUKS" in fstypes:
            found.add(LUKS)
    return tuple(name for name in ORDER if name in found)
