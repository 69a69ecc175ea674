"""The install wizard's words for the core's facts, shared by its pages: what is on a disk and
how it is attached, and what the new system will have. (A page never imports another page.)"""

from __future__ import annotations

from veilor_installer.core.i18n import N_
from veilor_installer.core.install.machine import Disk
from veilor_installer.core.install.plan import (
    BOOT_MIB,
    DATA_MOUNTPOINT,
    ESP_MIB,
    InstallPlan,
    Layout,
)
from veilor_installer.core.install.storage import osnames
from veilor_installer.gui.i18n import tr

_TRANSPORTS = {
    "nvme": "NVMe", "sata": "SATA", "ata": "ATA", "usb": "USB", "scsi": "SCSI", "sas": "SAS",
    "virtio": "virtio", "mmc": "SD/MMC", "ieee1394": "FireWire", "fc": "Fibre Channel",
    "iscsi": "iSCSI", "nbd": N_("network block device"),
}
_WORDS = frozenset({"nbd"})
"""The connections above named in words (translated), not by a name."""


def and_join(items: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return tr("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def contents(disk: Disk) -> str:
    """What is on a disk, in words: "holds Windows and a BitLocker volume", "empty"."""
    if disk.os:
        with_article = {osnames.BITLOCKER: tr("a BitLocker volume")}
        return tr("holds {systems}").format(
            systems=and_join([with_article.get(name, name) for name in disk.os]))
    if disk.partitions:
        count = len(disk.partitions)
        if count == 1:
            return tr("holds one partition with no system we recognise")
        return tr("holds {count} partitions with no system we recognise").format(count=count)
    if disk.fstype:
        return tr("holds a file system ({fstype})").format(fstype=disk.fstype)
    return tr("empty")


def connection(disk: Disk) -> str:
    """How the disk is attached, in words: "NVMe", "USB, removable", "SATA hard disk"."""
    transport = disk.transport
    if not transport:
        words = tr("unknown connection")
    elif transport in _WORDS:
        words = tr(_TRANSPORTS[transport])
    else:
        words = _TRANSPORTS.get(transport, transport.upper())
    if disk.rotational:
        words = tr("{connection} hard disk").format(connection=words)
    if disk.removable:
        words = tr("{connection}, removable").format(connection=words)
    return words


def created(plan: InstallPlan) -> list[str]:
    """What the new system will have, in plain words."""
    boot = plan.boot_disk
    platform = (tr("an EFI system partition of {size} MiB").format(size=ESP_MIB)
                if plan.firmware == "uefi" else tr("a 1 MiB BIOS boot partition"))
    lines = [
        tr("On {disk}: {platform} and /boot ({size} GiB, not encrypted: it holds only the "
           "kernel).").format(disk=boot.description, platform=platform, size=BOOT_MIB // 1024),
        tr("Encrypted with LUKS2 (argon2id): btrfs with / , /home and /var — {layout}.").format(
            layout=plan.layout.summary),
    ]
    if plan.layout is Layout.OS_PLUS_DATA:
        lines.append(tr("{disk}: encrypted storage at {mount}.").format(
            disk=plan.disks[1].description, mount=DATA_MOUNTPOINT))
    lines += [
        tr("System image: {ref}, signed; updates follow {update}.").format(
            ref=plan.image.ref, update=plan.image.update_ref),
        tr("Account: {user}{name}, an administrator; root login is locked.").format(
            user=plan.username, name=f" ({plan.full_name})" if plan.full_name else ""),
        tr("Computer name: {host}. Language {lang}, keyboard {kbd}, time zone {tz}.").format(
            host=plan.hostname, lang=plan.language, kbd=plan.keyboard.vc_keymap,
            tz=plan.timezone),
    ]
    return lines
