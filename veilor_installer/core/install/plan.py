"""The install plan: validated answers bound to a machine. What the kickstart is built from,
and what the summary page and ``kickstart`` show a person."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from veilor_installer.core.i18n import Text
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
    def summary(self) -> Text:
        return {
            Layout.SINGLE: Text("one encrypted disk"),
            Layout.MIRROR: Text("every disk holds a full copy (btrfs RAID1): one disk may fail"),
            Layout.SPAN: Text("the disks form one large pool (btrfs): any disk failing loses "
                              "data"),
            Layout.OS_PLUS_DATA: Text("the system on the first disk, the second as encrypted "
                                      "storage at {mount}", mount=DATA_MOUNTPOINT),
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
    warnings: tuple[Text, ...] = ()

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

    def erase_lines(self) -> list[Text]:
        """One line per disk, naming what is lost: the words of the summary and confirm pages."""
        lines = []
        for disk in self.disks:
            if disk.os:
                names: list[str | Text] = [Text("a BitLocker volume") if n == "BitLocker volume"
                                           else n for n in disk.os]
                held = names[0] if len(names) == 1 else Text(
                    "{first} and {last}", first=", ".join(str(n) for n in names[:-1]),
                    last=names[-1])
                lines.append(Text("{disk}: holds {systems}", disk=disk.description,
                                  systems=held))
            elif disk.partitions:
                lines.append(Text.plural(
                    "{disk}: holds {n} partition with no system we recognise",
                    "{disk}: holds {n} partitions with no system we recognise",
                    len(disk.partitions), disk=disk.description))
            elif disk.fstype:
                lines.append(Text("{disk}: holds a {fstype} file system", disk=disk.description,
                                  fstype=disk.fstype))
            else:
                lines.append(Text("{disk}: empty", disk=disk.description))
        return lines

    def describe(self) -> str:
        """A plain-words summary, as `kickstart` prints it, in the language in use."""
        plan = self
        image = plan.image
        account = (Text("Account:   {user} ({name}), administrator; host name {host}",
                        user=plan.username, name=plan.full_name, host=plan.hostname)
                   if plan.full_name else
                   Text("Account:   {user}, administrator; host name {host}",
                        user=plan.username, host=plan.hostname))
        out = [
            Text("Image:     {ref} ({transport}), digest {digest}", ref=image.ref,
                 transport=image.transport, digest=image.digest) if image.digest else
            Text("Image:     {ref} ({transport})", ref=image.ref, transport=image.transport),
            Text("Language:  {language}, keyboard {layouts} (console {keymap}), time zone "
                 "{timezone}", language=plan.language, layouts=",".join(plan.keyboard.x_layouts),
                 keymap=plan.keyboard.vc_keymap, timezone=plan.timezone),
            account,
            Text("Layout:    {layout}: {summary}", layout=plan.layout.value,
                 summary=plan.layout.summary),
            Text("Space:     about {size} for the system and your files, encrypted (LUKS2)",
                 size=human_size(_usable_bytes(plan))),
            Text("ERASES:"),
            *(Text("  {line}", line=line) for line in plan.erase_lines()),
        ]
        return "\n".join(str(line) for line in out)

def _usable_bytes(plan: InstallPlan) -> int:
    """Space in the encrypted btrfs pool (the data disk of os-plus-data is not counted)."""
    overhead = (ESP_MIB if plan.firmware == "uefi" else BIOSBOOT_MIB) * 1024**2 + BOOT_MIB * 1024**2
    sizes = [d.size_bytes for d in plan.disks]
    if plan.layout is Layout.MIRROR:
        return min(sizes) - overhead
    if plan.layout is Layout.SPAN:
        return sum(sizes) - overhead
    return sizes[0] - overhead

