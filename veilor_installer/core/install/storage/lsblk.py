"""Storage discovery with util-linux: one ``lsblk -J -b -O``, sysfs, and one ``blkid -p``.

lsblk gives the tree and the hardware facts, but its fstype, label, pttype and partition
columns come from the udev database, which is empty on a bootstrap ISO's first seconds, in a
container or in CI (research/deps.md §2). ``blkid -p`` reads the devices themselves, so those
columns are taken from it whenever it could read a device (as root), and from lsblk otherwise.

Parsing is pure (``parse_lsblk``, ``parse_blkid_export``, ``parse_partx``, ``build_disk``) so
tests feed recorded output; ``LsblkBackend`` runs the programs and reads the files.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from veilor_installer.core.commands import CommandError, run
from veilor_installer.core.install.machine import Disk, Machine, Partition
from veilor_installer.core.install.storage.backend import StorageError, finish_machine
from veilor_installer.core.install.storage.hostfacts import mounted_fstypes, mountpoints_by_device
from veilor_installer.core.log import get_logger

log = get_logger("storage.lsblk")

LSBLK_TIMEOUT = 10.0
BLKID_TIMEOUT = 10.0
SECTOR = 512  # sysfs counts start and size in 512-byte sectors, whatever the disk's own

# Filesystems that start at sector 0 of a hybrid image and span the disk although a partition
# table sits beside them (a dd-written ISO): the disk's own filesystem is the useful answer.
HYBRID_FSTYPES = {"iso9660", "udf"}

# A block reading: blkid's KEY=value pairs for one device. ``None`` where blkid could not read
# the device (not root, I/O error, ambivalent): then lsblk's columns are kept. An empty
# mapping means it read the device and found no signature.
Probe = Mapping[str, str]

_HEX_ESCAPE = re.compile(rb"\\x([0-9a-fA-F]{2})")
_PAIR = re.compile(r'([A-Z_]+)="((?:[^"\\]|\\.)*)"')


# --- lsblk -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockNode:
    """One device in ``lsblk -J -b -O`` output, the columns we use."""

    name: str
    path: str
    type: str
    size_bytes: int
    model: str | None
    vendor: str | None
    serial: str | None
    tran: str | None
    removable: bool
    rotational: bool
    readonly: bool
    fstype: str | None
    label: str | None
    pttype: str | None
    parttype: str | None
    partlabel: str | None
    start_sector: int | None
    mountpoints: tuple[str, ...]
    children: tuple[BlockNode, ...]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _flag(value: Any) -> bool:
    # lsblk ≥ 2.33 writes JSON booleans; older ones wrote "0"/"1".
    if isinstance(value, str):
        return value.strip() not in ("", "0")
    return bool(value)


def _number(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _node(obj: Any) -> BlockNode:
    if not isinstance(obj, dict) or not isinstance(obj.get("name"), str):
        raise StorageError("lsblk printed a device without a name")
    kname = _text(obj.get("kname")) or obj["name"]
    points = obj.get("mountpoints")
    if not isinstance(points, list):  # lsblk < 2.37 has only "mountpoint"
        points = [obj.get("mountpoint")]
    children = obj.get("children") or []
    if not isinstance(children, list):
        raise StorageError(f"lsblk printed malformed children for {kname}")
    return BlockNode(
        name=kname,
        path=_text(obj.get("path")) or f"/dev/{kname}",
        type=_text(obj.get("type")) or "disk",
        size_bytes=_number(obj.get("size")) or 0,
        model=_text(obj.get("model")),
        vendor=_text(obj.get("vendor")),
        serial=_text(obj.get("serial")),
        tran=_text(obj.get("tran")),
        removable=_flag(obj.get("rm")),
        rotational=_flag(obj.get("rota")),
        readonly=_flag(obj.get("ro")),
        fstype=_text(obj.get("fstype")),
        label=_text(obj.get("label")),
        pttype=_text(obj.get("pttype")),
        parttype=_text(obj.get("parttype")),
        partlabel=_text(obj.get("partlabel")),
        start_sector=_number(obj.get("start")),
        mountpoints=tuple(p for p in points if isinstance(p, str) and p),
        children=tuple(_node(child) for child in children),
    )


def parse_lsblk(text: str) -> tuple[BlockNode, ...]:
    """The top-level devices (disks, loops, roms, zram) of ``lsblk -J -b -O`` output."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StorageError(f"lsblk printed something that is not JSON ({exc})") from None
    devices = data.get("blockdevices") if isinstance(data, dict) else None
    if not isinstance(devices, list):
        raise StorageError("lsblk printed JSON without a blockdevices list")
    return tuple(_node(device) for device in devices)


# --- blkid and partx -------------------------------------------------------------------------


def parse_blkid_export(text: str, requested: Iterable[str]) -> dict[str, dict[str, str]]:
    """Split ``blkid -p -d -o export DEV…`` output into one mapping per device path.

    Each device's block starts with DEVNAME= and ends with a blank line. ``-d`` keeps labels
    raw (UTF-8 intact, no backslashes), so only a label holding a newline could fake lines;
    a block therefore only starts at a DEVNAME line right after a blank line that names a
    device we asked for, and a later block for the same device replaces an earlier one.
    """
    wanted = set(requested)
    blocks: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    block_start = True
    for line in text.split("\n"):
        if not line:
            block_start = True
            continue
        key, sep, value = line.partition("=")
        if block_start:
            block_start = False
            current = None
            if key == "DEVNAME" and value in wanted:
                current = blocks[value] = {}
            continue
        if current is not None and sep:
            current[key] = value
    return blocks


def blkid_unreadable(stderr: str, requested: Iterable[str]) -> set[str]:
    """Devices blkid named in an error ("blkid: error: /dev/sda: Permission denied")."""
    lines = stderr.splitlines()
    return {path for path in requested if any(f"{path}: " in line for line in lines)}


def collect_probes(stdout: str, stderr: str, paths: Sequence[str]) -> dict[str, Probe]:
    """One blkid run's readings by path: its block for each device it read, an empty mapping
    for a device it read and found nothing on (blkid prints no block then), and nothing for
    a device it named in an error."""
    blocks = parse_blkid_export(stdout, paths)
    unreadable = blkid_unreadable(stderr, paths)
    return {path: blocks.get(path, {}) for path in paths if path not in unreadable}


def _unescape_hex(text: str) -> str:
    """libsmartcols writes unsafe bytes (quotes, non-ASCII) as \\xNN."""
    raw = text.encode("utf-8", errors="surrogateescape")
    return _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode(
        "utf-8", errors="replace"
    )


def parse_partx(text: str) -> dict[int, dict[str, str]]:
    """``partx -g -b -P -o NR,TYPE,NAME DISK`` → partition number → blkid-style keys.

    Only used when a partition has no device node, so blkid cannot read its table entry.
    """
    entries: dict[int, dict[str, str]] = {}
    for line in text.splitlines():
        pairs = {key: _unescape_hex(value) for key, value in _PAIR.findall(line)}
        number = _number(pairs.get("NR"))
        if number is None:
            continue
        entry = {"PART_ENTRY_NUMBER": str(number)}
        if pairs.get("TYPE"):
            entry["PART_ENTRY_TYPE"] = pairs["TYPE"]
        if pairs.get("NAME"):
            entry["PART_ENTRY_NAME"] = pairs["NAME"]
        entries[number] = entry
    return entries


# --- sysfs and /dev --------------------------------------------------------------------------


@dataclass(frozen=True)
class SysBlock:
    """What sysfs adds to lsblk for one device."""

    partition_number: int | None = None
    start_sector: int | None = None
    size_sectors: int | None = None
    bus: str | None = None  # "nvme", "virtio", "mmc", … from device/subsystem
    serial: str | None = None
    model: str | None = None


def _read_text(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read().strip() or None
    except OSError:
        return None


def read_sysblock(name: str, sysfs_root: str = "/sys") -> SysBlock:
    entry = os.path.join(sysfs_root, "class", "block", name)
    subsystem = os.path.join(entry, "device", "subsystem")
    bus = os.path.basename(os.path.realpath(subsystem)) if os.path.islink(subsystem) else None
    return SysBlock(
        partition_number=_number(_read_text(os.path.join(entry, "partition"))),
        start_sector=_number(_read_text(os.path.join(entry, "start"))),
        size_sectors=_number(_read_text(os.path.join(entry, "size"))),
        bus=bus,
        serial=_read_text(os.path.join(entry, "serial"))
        or _read_text(os.path.join(entry, "device", "serial")),
        model=_read_text(os.path.join(entry, "device", "model")),
    )


# Stable, human names first; WWN/EUI numbers only when nothing else is there.
_HUMAN_ID_PREFIXES = ("ata-", "nvme-", "usb-", "mmc-", "virtio-", "scsi-S", "ieee1394-")
_NUMERIC_ID_PREFIXES = ("wwn-", "nvme-eui.", "nvme-nvme.", "scsi-0", "scsi-1", "scsi-3")


def _by_id_rank(link: str) -> tuple[int, str]:
    if link.startswith(_NUMERIC_ID_PREFIXES):
        return 2, link
    if link.startswith(_HUMAN_ID_PREFIXES):
        return 0, link
    return 1, link


def read_by_id(dev_root: str = "/dev") -> dict[str, str]:
    """Kernel name → its preferred /dev/disk/by-id link name; empty without udev."""
    folder = os.path.join(dev_root, "disk", "by-id")
    links: dict[str, list[str]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return {}
    for entry in entries:
        try:
            target = os.readlink(entry.path)
        except OSError:
            continue
        links.setdefault(os.path.basename(target), []).append(entry.name)
    return {name: min(found, key=_by_id_rank) for name, found in links.items()}


# --- building the Machine --------------------------------------------------------------------


def _disk_type(node: BlockNode) -> str:
    if node.name.startswith("zram"):
        return "zram"
    if re.fullmatch(r"ram\d+", node.name):
        return "ram"
    return node.type


def _model(node: BlockNode, sysblock: SysBlock) -> str | None:
    """ "SanDisk Cruzer Blade" rather than "Cruzer Blade".

    Not for ATA disks, whose vendor is just "ATA", nor virtio's PCI vendor id "0x1af4".
    """
    model = node.model or sysblock.model
    vendor = node.vendor
    if (
        model
        and vendor
        and vendor.upper() != "ATA"
        and not vendor.startswith("0x")
        and not model.lower().startswith(vendor.lower())
    ):
        return f"{vendor} {model}"
    return model


def _transport(node: BlockNode, sysblock: SysBlock) -> str | None:
    if node.tran:
        return node.tran
    if node.name.startswith("nvme"):
        return "nvme"
    if sysblock.bus in ("nvme", "virtio", "mmc"):
        return sysblock.bus
    return None


def _descendant_mounts(
    node: BlockNode, mounts: Mapping[str, tuple[str, ...]], *, skip_partitions: bool
) -> tuple[str, ...]:
    """Where a device, or anything built on it (LUKS, LVM, md), is mounted."""
    found: list[str] = []

    def visit(current: BlockNode) -> None:
        for point in (*mounts.get(current.name, ()), *current.mountpoints):
            if point not in found:
                found.append(point)
        for child in current.children:
            if not (skip_partitions and child.type == "part"):
                visit(child)

    visit(node)
    return tuple(found)


def _lower(value: str | None) -> str | None:
    return value.lower() if value else None


@dataclass(frozen=True)
class Facts:
    """Everything besides lsblk that a Disk is built from, gathered once per discovery.

    ``probes`` is keyed by device path: a device missing from it could not be read by blkid,
    so lsblk's columns (and what the kernel says about mounted filesystems) are used instead.
    The other mappings are keyed by kernel name.
    """

    probes: Mapping[str, Probe] = field(default_factory=dict)
    sysblocks: Mapping[str, SysBlock] = field(default_factory=dict)
    by_id: Mapping[str, str] = field(default_factory=dict)
    mounts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    mounted_fstypes: Mapping[str, str] = field(default_factory=dict)


def build_partition(node: BlockNode, facts: Facts) -> Partition:
    probe = facts.probes.get(node.path)
    if probe is None:
        fstype = node.fstype or facts.mounted_fstypes.get(node.name)
        label, parttype, partlabel, number = node.label, node.parttype, node.partlabel, None
    else:
        fstype, label = probe.get("TYPE"), probe.get("LABEL")
        parttype = probe.get("PART_ENTRY_TYPE") or node.parttype
        partlabel = probe.get("PART_ENTRY_NAME") or node.partlabel
        number = _number(probe.get("PART_ENTRY_NUMBER"))
    sysblock = facts.sysblocks.get(node.name, SysBlock())
    return Partition(
        name=node.name,
        size_bytes=node.size_bytes,
        fstype=fstype,
        label=label,
        number=sysblock.partition_number or number,
        parttype=_lower(parttype),
        partlabel=partlabel,
        mountpoints=_descendant_mounts(node, facts.mounts, skip_partitions=False),
    )


def build_disk(node: BlockNode, facts: Facts) -> Disk:
    """One Disk from its lsblk node and what blkid, sysfs, /dev and mountinfo add to it."""
    sysblock = facts.sysblocks.get(node.name, SysBlock())
    probe = facts.probes.get(node.path)
    if probe is None:
        fs = node.fstype or facts.mounted_fstypes.get(node.name)
        label, pttype = node.label, node.pttype
    else:
        fs, label, pttype = probe.get("TYPE"), probe.get("LABEL"), probe.get("PTTYPE")
    return Disk(
        name=node.name,
        path=node.path,
        size_bytes=node.size_bytes,
        model=_model(node, sysblock),
        serial=node.serial or sysblock.serial,
        transport=_transport(node, sysblock),
        removable=node.removable,
        rotational=node.rotational,
        readonly=node.readonly,
        fstype=fs if pttype is None or fs in HYBRID_FSTYPES else None,
        partitions=tuple(build_partition(c, facts) for c in node.children if c.type == "part"),
        type=_disk_type(node),
        pttype=pttype,
        label=label,
        by_id=facts.by_id.get(node.name),
        mountpoints=_descendant_mounts(node, facts.mounts, skip_partitions=True),
    )


# --- running it ------------------------------------------------------------------------------


class LsblkBackend:
    """Discovery through lsblk + sysfs + blkid; needs no udev, and no root for the basics."""

    name = "lsblk"

    def __init__(
        self,
        *,
        proc_root: str = "/proc",
        sysfs_root: str = "/sys",
        dev_root: str = "/dev",
        node_exists: Callable[[str], bool] = os.path.exists,
    ) -> None:
        self.proc_root = proc_root
        self.sysfs_root = sysfs_root
        self.dev_root = dev_root
        # Replaceable so tests can pretend a partition's device node is missing.
        self.node_exists = node_exists

    def read_machine(self) -> Machine:
        result = run(["lsblk", "-J", "-b", "-O"], timeout=LSBLK_TIMEOUT, check=True)
        nodes = parse_lsblk(result.stdout)
        sysblocks = {
            node.name: read_sysblock(node.name, self.sysfs_root)
            for disk in nodes
            for node in (disk, *disk.children)
        }
        roots = {
            "proc_root": self.proc_root,
            "sysfs_root": self.sysfs_root,
            "dev_root": self.dev_root,
        }
        facts = Facts(
            probes=self.probe(nodes, sysblocks),
            sysblocks=sysblocks,
            by_id=read_by_id(self.dev_root),
            mounts=mountpoints_by_device(**roots),
            mounted_fstypes=mounted_fstypes(**roots),
        )
        disks = [build_disk(node, facts) for node in nodes]
        return finish_machine(disks, mounts=facts.mounts, **roots)

    def probe(
        self, nodes: Sequence[BlockNode], sysblocks: Mapping[str, SysBlock]
    ) -> dict[str, Probe]:
        """blkid readings by device path: one call for every disk and partition with a
        device node, and an offset probe of the parent for partitions without one."""
        paths: list[str] = []
        orphans: list[tuple[BlockNode, BlockNode]] = []
        for disk in nodes:
            if disk.size_bytes <= 0:
                continue
            paths.append(disk.path)
            for child in disk.children:
                if child.type != "part" or child.size_bytes <= 0:
                    continue
                if self.node_exists(child.path):
                    paths.append(child.path)
                elif self.node_exists(disk.path):
                    orphans.append((disk, child))
        probes = _blkid(paths, []) if paths else {}
        tables: dict[str, dict[int, dict[str, str]]] = {}
        for disk, part in orphans:
            if disk.path not in tables:
                tables[disk.path] = _partx(disk.path)
            found = self._probe_at_offset(disk, part, sysblocks.get(part.name, SysBlock()))
            if found is None:
                continue
            number = sysblocks.get(part.name, SysBlock()).partition_number
            entry = tables[disk.path].get(number, {}) if number is not None else {}
            probes[part.path] = {**entry, **found}
        return probes

    def _probe_at_offset(
        self, disk: BlockNode, part: BlockNode, sysblock: SysBlock
    ) -> Probe | None:
        start = sysblock.start_sector if sysblock.start_sector is not None else part.start_sector
        if start is None:
            return None
        size = sysblock.size_sectors * SECTOR if sysblock.size_sectors else part.size_bytes
        log.info(
            "%s has no device node; probing %s at offset %d", part.name, disk.path, start * SECTOR
        )
        found = _blkid([disk.path], ["-O", str(start * SECTOR), "-S", str(size)])
        return found.get(disk.path)


def _blkid(paths: Sequence[str], extra: Sequence[str]) -> dict[str, Probe]:
    """Run ``blkid -p -d -o export`` once over ``paths``; unreadable devices are left out."""
    try:
        result = run(["blkid", "-p", "-d", "-o", "export", *extra, *paths], timeout=BLKID_TIMEOUT)
    except CommandError as exc:
        log.warning("blkid could not run (%s); filesystem types come from lsblk only", exc)
        return {}
    # 0: found something everywhere; 2: nothing on some device (also after per-device
    # errors); anything else is a usage error and nothing can be trusted.
    if result.returncode not in (0, 2):
        log.warning("blkid failed with exit code %d", result.returncode)
        return {}
    return collect_probes(result.stdout, result.stderr, paths)


def _partx(disk_path: str) -> dict[int, dict[str, str]]:
    try:
        result = run(
            ["partx", "-g", "-b", "-P", "-o", "NR,TYPE,NAME", disk_path], timeout=BLKID_TIMEOUT
        )
    except CommandError as exc:
        log.warning("partx could not run (%s); partition types of %s unknown", exc, disk_path)
        return {}
    return parse_partx(result.stdout) if result.ok else {}
