"""The install plan: validated answers bound to a machine. What the kickstart is built from,
and what the summary page and ``kickstart`` show a person."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from veilor_installer.core.install.localedata import Keyboard
from veilor_installer.core.install.machine import Disk, Firmware, human_size
from veilor_installer.core.secret import Secret

DEFAULT_IMAGE = "ghcr.io/veilor/veilor-os:43"
TRANSPORTS = ("registry", "oci", "oci-archive", "containers-storage")

ESP_MIB = 600
BIOSBOOT_MIB = 1
BOOT_MIB = 2048
BTRFS_LABEL = "veilor"
DATA_MOUNTPOINT = "/var/mnt/data"
SUBVOLUMES = (("root", "/"), ("home", "/home"), ("var", "/var"))
PBKDF_TIME_MS = 3000


class Layout(StrEnum):
    SINGLE = "single"
    MIRROR = "mirror"
    SPAN = "span"
    OS_PLUS_DATA = "os-plus-data"

    @property
    def disk_counts(self) -> tuple[int, int]:
        """The fewest and most disks the layout takes."""
        return {
            Layout.SINGLE: (1, 1),
            Layout.MIRROR: (2, 8),
            Layout.SPAN: (2, 8),
            Layout.OS_PLUS_DATA: (2, 2),
        }[self]

    @property
    def summary(self) -> str:
        return {
            Layout.SINGLE: "one encrypted disk",
            Layout.MIRROR: "every disk holds a full copy (btrfs RAID1): one disk may fail",
            Layout.SPAN: "the disks form one large pool (btrfs): any disk failing loses data",
            Layout.OS_PLUS_DATA: f"the system on the first disk, the second as encrypted "
            f"storage at {DATA_MOUNTPOINT}",
        }[self]


@dataclass(frozen=True)
class ImageSource:
    ref: str
    transport: str
    update_ref: str
    """The registry reference the installed system follows for signed updates."""
    digest: str | None = None
    """The digest the image must have (an offline install: the one the ISO recorded,
    core.medium); pre-flight refuses another."""


@dataclass(frozen=True)
class InstallPlan:
    image: ImageSource
    language: str
    keyboard: Keyboard
    timezone: str
    disks: tuple[Disk, ...]
    layout: Layout
    passphrase: Secret
    username: str
    full_name: str
    password_hash: str
    hostname: str
    firmware: Firmware
    ram_bytes: int
    warnings: tuple[str, ...] = ()

    @property
    def boot_disk(self) -> Disk:
        return self.disks[0]

    @property
    def pbkdf_memory_kib(self) -> int:
        """argon2id memory: a quarter of RAM, between 256 MiB and 1 GiB. The same memory is
        needed at every unlock in the initramfs, and a fixed 1 GiB can fail on small machines
        (research/anaconda.md §4.2)."""
        quarter = self.ram_bytes // 4 // 1024
        return max(262144, min(1048576, quarter))

    def erase_lines(self) -> list[str]:
        """One line per disk, naming what is lost: the words of the summary and confirm pages."""
        lines = []
        for disk in self.disks:
            if disk.os:
                names = ["a BitLocker volume" if n == "BitLocker volume" else n for n in disk.os]
                held = names[0] if len(names) == 1 else (
                    ", ".join(names[:-1]) + " and " + names[-1])
                lines.append(f"{disk.description}: holds {held}")
            elif disk.partitions:
                count = len(disk.partitions)
                lines.append(f"{disk.description}: holds {count} partition"
                             f"{'s' if count > 1 else ''} with no system we recognise")
            elif disk.fstype:
                lines.append(f"{disk.description}: holds a {disk.fstype} file system")
            else:
                lines.append(f"{disk.description}: empty")
        return lines

    def describe(self) -> str:
        """A plain-words summary, as `kickstart` prints it."""
        usable = _usable_bytes(self)
        out = [
            f"Image:     {self.image.ref} ({self.image.transport})"
            + (f", digest {self.image.digest}" if self.image.digest else ""),
            f"Language:  {self.language}, keyboard {','.join(self.keyboard.x_layouts)}"
            f" (console {self.keyboard.vc_keymap}), time zone {self.timezone}",
            f"Account:   {self.username}" + (f" ({self.full_name})" if self.full_name else "")
            + f", administrator; host name {self.hostname}",
            f"Layout:    {self.layout.value}: {self.layout.summary}",
            f"Space:     about {human_size(usable)} for the system and your files, "
            "encrypted (LUKS2)",
            "ERASES:",
            *(f"  {line}" for line in self.erase_lines()),
        ]
        return "\n".join(out)


def _usable_bytes(plan: InstallPlan) -> int:
    """Space in the encrypted btrfs pool (the data disk of os-plus-data is not counted)."""
    overhead = (ESP_MIB if plan.firmware == "uefi" else BIOSBOOT_MIB) * 1024**2 + BOOT_MIB * 1024**2
    sizes = [d.size_bytes for d in plan.disks]
    if plan.layout is Layout.MIRROR:
        return min(sizes) - overhead
    if plan.layout is Layout.SPAN:
        return sum(sizes) - overhead
    return sizes[0] - overhead

