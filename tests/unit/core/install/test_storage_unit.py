"""Storage discovery without devices: recorded lsblk/blkid/partx output, fake /proc, /sys and
/dev trees, and fake programs through VEILOR_BIN_DIR.

The recordings were taken on the development VM (util-linux 2.38.1, no udevd) with two loop
devices attached: loop0 (GPT: ESP vfat "EFI" + btrfs "fedora", partition name "données") and
loop1 (LUKS2, label "veilorluks"); /dev/vda holds / and cannot be opened by blkid there.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import types
from collections.abc import Iterable
from pathlib import Path

import pytest

from veilor_installer.core.install.machine import Disk, Machine, Partition, machine_from_json
from veilor_installer.core.install.storage import StorageError, discover
from veilor_installer.core.install.storage.hostfacts import (
    SWAP,
    boot_medium_names,
    mounted_fstypes,
    mountpoints_by_device,
    parse_live_root,
    parse_mountinfo,
    parse_swaps,
    read_firmware,
    read_ram_bytes,
)
from veilor_installer.core.install.storage.lsblk import (
    Facts,
    LsblkBackend,
    SysBlock,
    build_disk,
    collect_probes,
    parse_blkid_export,
    parse_lsblk,
    parse_partx,
    read_by_id,
)
from veilor_installer.core.install.storage.osnames import (
    BITLOCKER,
    FEDORA,
    LINUX,
    LUKS,
    MACOS,
    VEILOR,
    WINDOWS,
    operating_systems,
)
from veilor_installer.core.install.storage.profile import ProfileBackend, demo_machine
from veilor_installer.core.install.storage.table import format_table

# --- recordings ------------------------------------------------------------------------------

# `lsblk -J -b -O`, re-wrapped to fit the line length; every key and value as recorded.
LSBLK_RECORDED = """\
{
 "blockdevices": [
  {
   "alignment": 0, "disc-aln": 0, "dax": false, "disc-gran": 4096, "disc-max": 4294966784,
   "disc-zero": false, "fsavail": null, "fsroots": [null], "fssize": null, "fstype": null,
   "fsused": null, "fsuse%": null, "fsver": null, "group": "root", "hctl": null, "hotplug": false,
   "kname": "loop0", "label": null, "log-sec": 512, "maj:min": "7:0", "min-io": 512,
   "mode": "brw-------", "model": null, "name": "loop0", "opt-io": 0, "owner": "root",
   "partflags": null, "partlabel": null, "parttype": null, "parttypename": null, "partuuid": null,
   "path": "/dev/loop0", "phy-sec": 512, "pkname": null, "pttype": null, "ptuuid": null,
   "ra": 2560, "rand": false, "rev": null, "rm": false, "ro": false, "rota": true, "rq-size": 128,
   "sched": "none", "serial": null, "size": 4294967296, "start": null, "state": null,
   "subsystems": "block", "mountpoint": null, "mountpoints": [null], "tran": null, "type": "loop",
   "uuid": null, "vendor": null, "wsame": 0, "wwn": null, "zoned": "none", "zone-sz": 0,
   "zone-wgran": 0, "zone-app": 0, "zone-nr": 0, "zone-omax": 0, "zone-amax": 0,
   "children": [
    {
     "alignment": 0, "disc-aln": 0, "dax": false, "disc-gran": 4096, "disc-max": 4294966784,
     "disc-zero": false, "fsavail": null, "fsroots": [null], "fssize": null, "fstype": null,
     "fsused": null, "fsuse%": null, "fsver": null, "group": "root", "hctl": null,
     "hotplug": false, "kname": "loop0p1", "label": null, "log-sec": 512, "maj:min": "259:0",
     "min-io": 512, "mode": "brw-------", "model": null, "name": "loop0p1", "opt-io": 0,
     "owner": "root", "partflags": null, "partlabel": null, "parttype": null, "parttypename": null,
     "partuuid": null, "path": "/dev/loop0p1", "phy-sec": 512, "pkname": "loop0", "pttype": null,
     "ptuuid": null, "ra": 2560, "rand": false, "rev": null, "rm": false, "ro": false,
     "rota": true, "rq-size": 128, "sched": "none", "serial": null, "size": 629145600,
     "start": 2048, "state": null, "subsystems": "block", "mountpoint": null,
     "mountpoints": [null], "tran": null, "type": "part", "uuid": null, "vendor": null, "wsame": 0,
     "wwn": null, "zoned": "none", "zone-sz": 0, "zone-wgran": 0, "zone-app": 0, "zone-nr": 0,
     "zone-omax": 0, "zone-amax": 0
    },
    {
     "alignment": 0, "disc-aln": 0, "dax": false, "disc-gran": 4096, "disc-max": 4294966784,
     "disc-zero": false, "fsavail": null, "fsroots": [null], "fssize": null, "fstype": null,
     "fsused": null, "fsuse%": null, "fsver": null, "group": "root", "hctl": null,
     "hotplug": false, "kname": "loop0p2", "label": null, "log-sec": 512, "maj:min": "259:1",
     "min-io": 512, "mode": "brw-------", "model": null, "name": "loop0p2", "opt-io": 0,
     "owner": "root", "partflags": null, "partlabel": null, "parttype": null, "parttypename": null,
     "partuuid": null, "path": "/dev/loop0p2", "phy-sec": 512, "pkname": "loop0", "pttype": null,
     "ptuuid": null, "ra": 2560, "rand": false, "rev": null, "rm": false, "ro": false,
     "rota": true, "rq-size": 128, "sched": "none", "serial": null, "size": 3663724544,
     "start": 1230848, "state": null, "subsystems": "block", "mountpoint": null,
     "mountpoints": [null], "tran": null, "type": "part", "uuid": null, "vendor": null, "wsame": 0,
     "wwn": null, "zoned": "none", "zone-sz": 0, "zone-wgran": 0, "zone-app": 0, "zone-nr": 0,
     "zone-omax": 0, "zone-amax": 0
    }
   ]
  },
  {
   "alignment": 0, "disc-aln": 0, "dax": false, "disc-gran": 4096, "disc-max": 4294966784,
   "disc-zero": false, "fsavail": null, "fsroots": [null], "fssize": null, "fstype": null,
   "fsused": null, "fsuse%": null, "fsver": null, "group": "root", "hctl": null, "hotplug": false,
   "kname": "loop1", "label": null, "log-sec": 512, "maj:min": "7:1", "min-io": 512,
   "mode": "brw-------", "model": null, "name": "loop1", "opt-io": 0, "owner": "root",
   "partflags": null, "partlabel": null, "parttype": null, "parttypename": null, "partuuid": null,
   "path": "/dev/loop1", "phy-sec": 512, "pkname": null, "pttype": null, "ptuuid": null,
   "ra": 2560, "rand": false, "rev": null, "rm": false, "ro": false, "rota": true, "rq-size": 128,
   "sched": "none", "serial": null, "size": 2147483648, "start": null, "state": null,
   "subsystems": "block", "mountpoint": null, "mountpoints": [null], "tran": null, "type": "loop",
   "uuid": null, "vendor": null, "wsame": 0, "wwn": null, "zoned": "none", "zone-sz": 0,
   "zone-wgran": 0, "zone-app": 0, "zone-nr": 0, "zone-omax": 0, "zone-amax": 0
  },
  {
   "alignment": 0, "disc-aln": 0, "dax": false, "disc-gran": 4096, "disc-max": 2199023255040,
   "disc-zero": false, "fsavail": null, "fsroots": [null], "fssize": null, "fstype": null,
   "fsused": null, "fsuse%": null, "fsver": null, "group": "root", "hctl": null, "hotplug": false,
   "kname": "zram0", "label": null, "log-sec": 4096, "maj:min": "253:0", "min-io": 4096,
   "mode": "brw-------", "model": null, "name": "zram0", "opt-io": 4096, "owner": "root",
   "partflags": null, "partlabel": null, "parttype": null, "parttypename": null, "partuuid": null,
   "path": "/dev/zram0", "phy-sec": 4096, "pkname": null, "pttype": null, "ptuuid": null,
   "ra": 128, "rand": false, "rev": null, "rm": false, "ro": false, "rota": false, "rq-size": null,
   "sched": null, "serial": null, "size": 0, "start": null, "state": null, "subsystems": "block",
   "mountpoint": null, "mountpoints": [null], "tran": null, "type": "disk", "uuid": null,
   "vendor": null, "wsame": 0, "wwn": null, "zoned": "none", "zone-sz": 0, "zone-wgran": 0,
   "zone-app": 0, "zone-nr": 0, "zone-omax": 0, "zone-amax": 0
  },
  {
   "alignment": 0, "disc-aln": 0, "dax": false, "disc-gran": 4096, "disc-max": 1073741824,
   "disc-zero": false, "fsavail": 84882698240, "fsroots": ["/"], "fssize": 270553174016,
   "fstype": null, "fsused": 24061595648, "fsuse%": "9%", "fsver": null, "group": "root",
   "hctl": null, "hotplug": false, "kname": "vda", "label": null, "log-sec": 512,
   "maj:min": "254:0", "min-io": 4096, "mode": "brw-------", "model": null, "name": "vda",
   "opt-io": 0, "owner": "root", "partflags": null, "partlabel": null, "parttype": null,
   "parttypename": null, "partuuid": null, "path": "/dev/vda", "phy-sec": 4096, "pkname": null,
   "pttype": null, "ptuuid": null, "ra": 8192, "rand": false, "rev": null, "rm": false,
   "ro": false, "rota": true, "rq-size": 256, "sched": "mq-deadline", "serial": null,
   "size": 274877906944, "start": null, "state": null, "subsystems": "block:virtio:pci",
   "mountpoint": "/", "mountpoints": ["/"], "tran": null, "type": "disk", "uuid": null,
   "vendor": "0x1af4", "wsame": 0, "wwn": null, "zoned": "none", "zone-sz": 0, "zone-wgran": 0,
   "zone-app": 0, "zone-nr": 0, "zone-omax": 0, "zone-amax": 0
  }
 ]
}
"""

# `blkid -p -d -o export /dev/loop0 /dev/loop0p1 /dev/loop0p2 /dev/loop1 /dev/vda` (exit 2)
BLKID_RECORDED = """\
DEVNAME=/dev/loop0
PTUUID=c1aea099-17f8-ec4d-a866-4eeea15baf13
PTTYPE=gpt

DEVNAME=/dev/loop0p1
LABEL_FATBOOT=EFI
LABEL=EFI
UUID=F011-DF58
VERSION=FAT32
BLOCK_SIZE=512
TYPE=vfat
USAGE=filesystem
PART_ENTRY_SCHEME=gpt
PART_ENTRY_NAME=EFI System
PART_ENTRY_UUID=69b829de-1cc0-8e4e-9e3c-0f8406868ddf
PART_ENTRY_TYPE=c12a7328-f81f-11d2-ba4b-00a0c93ec93b
PART_ENTRY_NUMBER=1
PART_ENTRY_OFFSET=2048
PART_ENTRY_SIZE=1228800
PART_ENTRY_DISK=7:0

DEVNAME=/dev/loop0p2
LABEL=fedora
UUID=871a6e42-f0ce-4f80-aa40-7abe7da83232
UUID_SUB=70cd5370-bcde-4d48-a3c5-df96961bbd08
BLOCK_SIZE=4096
TYPE=btrfs
USAGE=filesystem
PART_ENTRY_SCHEME=gpt
PART_ENTRY_NAME=données
PART_ENTRY_UUID=582154ca-c999-0f4d-9f3c-da6c235a9270
PART_ENTRY_TYPE=0fc63daf-8483-4772-8e79-3d69d8477de4
PART_ENTRY_NUMBER=2
PART_ENTRY_OFFSET=1230848
PART_ENTRY_SIZE=7155712
PART_ENTRY_DISK=7:0

DEVNAME=/dev/loop1
VERSION=2
UUID=161c7a4b-e5fb-420d-b414-4b497ccd36f7
LABEL=veilorluks
TYPE=crypto_LUKS
USAGE=crypto
"""
BLKID_RECORDED_STDERR = "blkid: error: /dev/vda: Operation not permitted\n"
BLKID_PATHS = ("/dev/loop0", "/dev/loop0p1", "/dev/loop0p2", "/dev/loop1", "/dev/vda")

# `partx -g -b -P -o NR,TYPE,NAME /dev/loop0`
PARTX_RECORDED = """\
NR="1" TYPE="c12a7328-f81f-11d2-ba4b-00a0c93ec93b" NAME="EFI System"
NR="2" TYPE="0fc63daf-8483-4772-8e79-3d69d8477de4" NAME="donn\\xc3\\xa9es"
"""

# `blkid -p -d -o export -O 630194176 -S 3663724544 /dev/loop0`: loop0p2 read through its disk
BLKID_OFFSET_RECORDED = """\
DEVNAME=/dev/loop0
LABEL=fedora
UUID=871a6e42-f0ce-4f80-aa40-7abe7da83232
UUID_SUB=70cd5370-bcde-4d48-a3c5-df96961bbd08
BLOCK_SIZE=4096
TYPE=btrfs
USAGE=filesystem
"""

ESP = "c12a7328-f81f-11d2-ba4b-00a0c93ec93b"
LINUX_FS = "0fc63daf-8483-4772-8e79-3d69d8477de4"
BASIC_DATA = "ebd0a0a2-b9e5-4433-87c0-68b6b72699c7"
MSR = "e3c9e316-0b5c-4db8-817d-f92df00215ae"
RECOVERY = "de94bba4-06d1-4d40-a16a-bfd50179d6ac"
GIB = 1024**3


# --- fake trees ------------------------------------------------------------------------------


class FakeSys:
    """A /sys tree with just what discovery reads: class/block and dev/block links, partition
    numbers, start and size, slaves and holders, dm names, firmware/efi."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "class" / "block").mkdir(parents=True)
        (root / "dev" / "block").mkdir(parents=True)

    def add(
        self,
        name: str,
        devno: str,
        *,
        parent: str | None = None,
        partition: int | None = None,
        start: int | None = None,
        size: int | None = None,
        slaves: Iterable[str] = (),
        dm_name: str | None = None,
        attrs: dict[str, str] | None = None,
    ) -> Path:
        base = self.root / "devices" / "virtual" / "block"
        folder = base / parent / name if parent else base / name
        folder.mkdir(parents=True)
        (folder / "dev").write_text(devno + "\n")
        (folder / "slaves").mkdir()
        (folder / "holders").mkdir()
        for slave in slaves:
            (folder / "slaves" / slave).write_text("")
        if partition is not None:
            (folder / "partition").write_text(f"{partition}\n")
        if start is not None:
            (folder / "start").write_text(f"{start}\n")
        if size is not None:
            (folder / "size").write_text(f"{size}\n")
        if dm_name is not None:
            (folder / "dm").mkdir()
            (folder / "dm" / "name").write_text(dm_name + "\n")
        for attr, value in (attrs or {}).items():
            (folder / attr).parent.mkdir(parents=True, exist_ok=True)
            (folder / attr).write_text(value + "\n")
        for link in (self.root / "class" / "block" / name, self.root / "dev" / "block" / devno):
            link.symlink_to(os.path.relpath(folder, link.parent))
        return folder

    def efi(self) -> None:
        (self.root / "firmware" / "efi").mkdir(parents=True)


def fake_proc(
    root: Path,
    *,
    mountinfo: str = "",
    cmdline: str = "",
    swaps: str = "",
    meminfo: str = "MemTotal:       16318412 kB\n",
) -> Path:
    (root / "self").mkdir(parents=True)
    (root / "self" / "mountinfo").write_text(mountinfo)
    (root / "cmdline").write_text(cmdline + "\n")
    (root / "swaps").write_text("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n" + swaps)
    (root / "meminfo").write_text(meminfo)
    return root


@pytest.fixture
def trees(tmp_path: Path) -> tuple[FakeSys, Path, Path]:
    """Empty fake /sys, /proc and /dev roots."""
    sys_tree = FakeSys(tmp_path / "sys")
    proc = tmp_path / "proc"
    dev = tmp_path / "dev"
    dev.mkdir()
    return sys_tree, proc, dev


def part(
    name: str, fstype: str | None = None, label: str | None = None, parttype: str | None = None
) -> Partition:
    return Partition(name=name, size_bytes=GIB, fstype=fstype, label=label, parttype=parttype)


def disk(
    *partitions: Partition, name: str = "sda", fstype: str | None = None, label: str | None = None
) -> Disk:
    return Disk(
        name=name,
        path=f"/dev/{name}",
        size_bytes=500 * GIB,
        partitions=partitions,
        fstype=fstype,
        label=label,
        pttype="gpt" if partitions else None,
    )


# --- lsblk and blkid parsing -----------------------------------------------------------------


def test_parse_lsblk_recorded_tree_without_udev() -> None:
    nodes = parse_lsblk(LSBLK_RECORDED)
    assert [(n.name, n.type, n.size_bytes) for n in nodes] == [
        ("loop0", "loop", 4 * GIB),
        ("loop1", "loop", 2 * GIB),
        ("zram0", "disk", 0),
        ("vda", "disk", 274877906944),
    ]
    loop0 = nodes[0]
    assert [(c.name, c.type, c.size_bytes, c.start_sector) for c in loop0.children] == [
        ("loop0p1", "part", 600 * 1024**2, 2048),
        ("loop0p2", "part", 3663724544, 1230848),
    ]
    # Without udev lsblk knows nothing of what is on the devices: that is blkid's job.
    assert all(n.fstype is None and n.pttype is None for n in (*nodes, *loop0.children))
    assert nodes[3].mountpoints == ("/",)
    assert nodes[3].rotational and not nodes[3].removable and not nodes[3].readonly


def test_parse_lsblk_accepts_old_string_flags_and_single_mountpoint() -> None:
    old = {
        "blockdevices": [
            {
                "name": "sda",
                "size": "1000",
                "rm": "1",
                "ro": "0",
                "rota": "1",
                "type": "disk",
                "mountpoint": "/mnt",
                "model": "  Disk  ",
            }
        ]
    }
    (node,) = parse_lsblk(json.dumps(old))
    assert (node.size_bytes, node.removable, node.readonly, node.rotational) == (
        1000,
        True,
        False,
        True,
    )
    assert node.mountpoints == ("/mnt",)
    assert node.model == "Disk"
    assert node.path == "/dev/sda"


@pytest.mark.parametrize(
    "text", ["", "not json", "[]", '{"blockdevices": 3}', '{"blockdevices": [{"size": 1}]}']
)
def test_parse_lsblk_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(StorageError, match="lsblk"):
        parse_lsblk(text)


def test_parse_blkid_export_recorded() -> None:
    blocks = parse_blkid_export(BLKID_RECORDED, BLKID_PATHS)
    assert set(blocks) == {"/dev/loop0", "/dev/loop0p1", "/dev/loop0p2", "/dev/loop1"}
    assert blocks["/dev/loop0"]["PTTYPE"] == "gpt"
    assert blocks["/dev/loop0p1"]["TYPE"] == "vfat"
    assert blocks["/dev/loop0p1"]["PART_ENTRY_NAME"] == "EFI System"
    assert blocks["/dev/loop0p2"]["LABEL"] == "fedora"
    assert blocks["/dev/loop0p2"]["PART_ENTRY_NAME"] == "données"
    assert blocks["/dev/loop1"] == {
        "VERSION": "2",
        "UUID": "161c7a4b-e5fb-420d-b414-4b497ccd36f7",
        "LABEL": "veilorluks",
        "TYPE": "crypto_LUKS",
        "USAGE": "crypto",
    }


def test_collect_probes_tells_unreadable_from_empty() -> None:
    paths = (*BLKID_PATHS, "/dev/loop2")
    probes = collect_probes(BLKID_RECORDED, BLKID_RECORDED_STDERR, paths)
    assert "/dev/vda" not in probes  # named in an error: keep lsblk's columns
    assert probes["/dev/loop2"] == {}  # read, nothing found: authoritative "empty"
    assert probes["/dev/loop1"]["TYPE"] == "crypto_LUKS"


def test_a_label_holding_newlines_cannot_fake_another_device() -> None:
    text = (
        "DEVNAME=/dev/sdb1\nLABEL=x\n\nDEVNAME=/dev/sda\nTYPE=ntfs\nTYPE=vfat\n\n"
        "DEVNAME=/dev/sdc\nTYPE=ext4\n\n"
        "DEVNAME=/dev/sda\nTYPE=crypto_LUKS\n"
    )
    blocks = parse_blkid_export(text, ["/dev/sdb1", "/dev/sda"])
    assert "/dev/sdc" not in blocks  # not asked for
    assert blocks["/dev/sda"] == {"TYPE": "crypto_LUKS"}  # the real, later block wins
    assert blocks["/dev/sdb1"] == {"LABEL": "x"}


def test_a_value_is_kept_raw_after_the_first_equals_sign() -> None:
    text = 'DEVNAME=/dev/sda1\nLABEL=a=b c"$d\nTYPE=ext4\n'
    assert parse_blkid_export(text, ["/dev/sda1"]) == {
        "/dev/sda1": {"LABEL": 'a=b c"$d', "TYPE": "ext4"}
    }


def test_parse_partx_recorded_decodes_hex_escapes() -> None:
    entries = parse_partx(PARTX_RECORDED + 'NR="3" TYPE="0x83" NAME="say \\x22hi\\x22"\nbad\n')
    assert entries[1] == {
        "PART_ENTRY_NUMBER": "1",
        "PART_ENTRY_TYPE": ESP,
        "PART_ENTRY_NAME": "EFI System",
    }
    assert entries[2]["PART_ENTRY_NAME"] == "données"
    assert entries[3]["PART_ENTRY_NAME"] == 'say "hi"'
    assert set(entries) == {1, 2, 3}


def test_build_disks_from_recordings() -> None:
    nodes = parse_lsblk(LSBLK_RECORDED)
    facts = Facts(
        probes=collect_probes(BLKID_RECORDED, BLKID_RECORDED_STDERR, BLKID_PATHS),
        mounts={"vda": ("/",)},
        mounted_fstypes={"vda": "ext4"},
    )
    loop0, loop1, zram0, vda = (build_disk(node, facts) for node in nodes)

    assert (loop0.type, loop0.pttype, loop0.fstype, loop0.size_bytes) == (
        "loop",
        "gpt",
        None,
        4 * GIB,
    )
    assert [
        (p.name, p.size_bytes, p.fstype, p.label, p.number, p.parttype, p.partlabel)
        for p in loop0.partitions
    ] == [
        ("loop0p1", 600 * 1024**2, "vfat", "EFI", 1, ESP, "EFI System"),
        ("loop0p2", 3663724544, "btrfs", "fedora", 2, LINUX_FS, "données"),
    ]
    assert (loop1.fstype, loop1.label, loop1.pttype, loop1.partitions) == (
        "crypto_LUKS",
        "veilorluks",
        None,
        (),
    )
    assert zram0.type == "zram"
    # blkid may not open vda; the kernel still says what it mounted there.
    assert (vda.fstype, vda.mountpoints, vda.transport) == ("ext4", ("/",), None)
    assert vda.by_id is None


SYNTHETIC_UDEV_LSBLK = {
    "blockdevices": [
        {
            "name": "nvme0n1",
            "kname": "nvme0n1",
            "path": "/dev/nvme0n1",
            "type": "disk",
            "size": 1000204886016,
            "model": "Samsung SSD 980 PRO 1TB   ",
            "vendor": None,
            "serial": "S5GX",
            "tran": "nvme",
            "rm": False,
            "rota": False,
            "ro": False,
            "pttype": "gpt",
            "fstype": None,
            "label": None,
            "mountpoints": [None],
            "children": [
                {
                    "name": "nvme0n1p1",
                    "kname": "nvme0n1p1",
                    "path": "/dev/nvme0n1p1",
                    "type": "part",
                    "size": 629145600,
                    "fstype": "vfat",
                    "label": None,
                    "parttype": ESP.upper(),
                    "partlabel": "EFI System Partition",
                    "mountpoints": ["/boot/efi"],
                },
                {
                    "name": "nvme0n1p2",
                    "kname": "nvme0n1p2",
                    "path": "/dev/nvme0n1p2",
                    "type": "part",
                    "size": 999 * 10**9,
                    "fstype": "crypto_LUKS",
                    "label": None,
                    "parttype": LINUX_FS,
                    "partlabel": None,
                    "mountpoints": [None],
                    "children": [
                        {
                            "name": "luks-1234",
                            "kname": "dm-0",
                            "path": "/dev/mapper/luks-1234",
                            "type": "crypt",
                            "size": 999 * 10**9,
                            "fstype": "btrfs",
                            "label": "fedora",
                            "mountpoints": ["/home", "/"],
                        }
                    ],
                },
            ],
        },
        {
            "name": "sdb",
            "kname": "sdb",
            "path": "/dev/sdb",
            "type": "disk",
            "size": 16 * GIB,
            "model": "Cruzer Blade",
            "vendor": "SanDisk ",
            "serial": None,
            "tran": "usb",
            "rm": True,
            "rota": False,
            "ro": False,
            "pttype": None,
            "fstype": "exfat",
            "label": "STICK",
            "mountpoints": [None],
        },
        {
            "name": "sr0",
            "kname": "sr0",
            "path": "/dev/sr0",
            "type": "rom",
            "size": 0,
            "model": "QEMU DVD-ROM",
            "vendor": "QEMU",
            "tran": "sata",
            "rm": True,
            "ro": False,
            "rota": True,
            "mountpoints": [None],
        },
    ]
}


def test_lsblk_columns_are_kept_where_blkid_cannot_read() -> None:
    nodes = parse_lsblk(json.dumps(SYNTHETIC_UDEV_LSBLK))
    paths = ["/dev/nvme0n1", "/dev/nvme0n1p1", "/dev/nvme0n1p2", "/dev/sdb"]
    stderr = "".join(f"blkid: error: {p}: Permission denied\n" for p in paths)
    facts = Facts(
        probes=collect_probes("", stderr, paths),
        sysblocks={"nvme0n1p2": SysBlock(partition_number=2)},
    )
    nvme, sdb, sr0 = (build_disk(node, facts) for node in nodes)

    assert (nvme.model, nvme.transport, nvme.pttype, nvme.fstype) == (
        "Samsung SSD 980 PRO 1TB",
        "nvme",
        "gpt",
        None,
    )
    esp, luks = nvme.partitions
    assert (esp.fstype, esp.parttype, esp.partlabel, esp.mountpoints) == (
        "vfat",
        ESP,
        "EFI System Partition",
        ("/boot/efi",),
    )
    # What is mounted from the opened LUKS volume counts as the partition's.
    assert (luks.fstype, luks.number, luks.mountpoints) == ("crypto_LUKS", 2, ("/home", "/"))
    assert nvme.mountpoints == ()
    assert nvme.in_use
    assert (sdb.model, sdb.fstype, sdb.label, sdb.removable) == (
        "SanDisk Cruzer Blade",
        "exfat",
        "STICK",
        True,
    )
    assert (sr0.type, sr0.model) == ("rom", "QEMU DVD-ROM")


def test_blkid_reading_nothing_overrides_a_stale_udev_database() -> None:
    nodes = parse_lsblk(json.dumps(SYNTHETIC_UDEV_LSBLK))
    facts = Facts(probes=collect_probes("", "", ["/dev/sdb"]))
    sdb = build_disk(nodes[1], facts)
    assert (sdb.fstype, sdb.label) == (None, None)


def test_hybrid_iso_keeps_its_filesystem_but_a_partitioned_disk_does_not() -> None:
    (node,) = parse_lsblk('{"blockdevices": [{"name": "sdb", "size": 4000000000}]}')
    iso = {"/dev/sdb": {"TYPE": "iso9660", "LABEL": "veilor-os-43", "PTTYPE": "dos"}}
    stale = {"/dev/sdb": {"TYPE": "vfat", "PTTYPE": "gpt"}}
    assert build_disk(node, Facts(probes=iso)).fstype == "iso9660"
    assert build_disk(node, Facts(probes=iso)).label == "veilor-os-43"
    assert build_disk(node, Facts(probes=stale)).fstype is None


# --- the backend with fake programs ----------------------------------------------------------


def write_program(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)


@pytest.fixture
def fake_programs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """lsblk, blkid and partx that replay the recordings and log how they were called."""
    bin_dir = tmp_path / "bin"
    data = tmp_path / "data"
    bin_dir.mkdir()
    data.mkdir()
    (data / "lsblk.json").write_text(LSBLK_RECORDED)
    (data / "blkid.out").write_text(BLKID_RECORDED)
    (data / "blkid.err").write_text(BLKID_RECORDED_STDERR)
    (data / "offset.out").write_text(BLKID_OFFSET_RECORDED)
    (data / "partx.out").write_text(PARTX_RECORDED)
    log = data / "calls.log"
    write_program(bin_dir, "lsblk", f'echo "lsblk $*" >> {log}\ncat {data}/lsblk.json\n')
    write_program(
        bin_dir,
        "blkid",
        f"""echo "blkid $*" >> {log}
case " $* " in *" -O "*) cat {data}/offset.out; exit 0;; esac
cat {data}/blkid.out; cat {data}/blkid.err >&2; exit 2
""",
    )
    write_program(bin_dir, "partx", f'echo "partx $*" >> {log}\ncat {data}/partx.out\n')
    monkeypatch.setenv("VEILOR_BIN_DIR", str(bin_dir))
    monkeypatch.delenv("PKEXEC_UID", raising=False)
    return log


def recorded_sysfs(sys_tree: FakeSys) -> None:
    sys_tree.add("loop0", "7:0", size=8388608)
    sys_tree.add("loop0p1", "259:0", parent="loop0", partition=1, start=2048, size=1228800)
    sys_tree.add("loop0p2", "259:1", parent="loop0", partition=2, start=1230848, size=7155712)
    sys_tree.add("loop1", "7:1", size=4194304)
    sys_tree.add("zram0", "253:0", size=0)
    sys_tree.add("vda", "254:0", size=536870912, attrs={"serial": "overlayblk"})


ROOT_ON_VDA = "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n"


def test_lsblk_backend_end_to_end_with_a_missing_partition_node(
    fake_programs: Path, trees: tuple[FakeSys, Path, Path]
) -> None:
    sys_tree, proc, dev = trees
    recorded_sysfs(sys_tree)
    fake_proc(proc, mountinfo=ROOT_ON_VDA)
    backend = LsblkBackend(
        proc_root=str(proc),
        sysfs_root=str(sys_tree.root),
        dev_root=str(dev),
        node_exists=lambda p: p != "/dev/loop0p2",
    )
    machine = backend.read_machine()

    calls = fake_programs.read_text().splitlines()
    assert calls == [
        "lsblk -J -b -O",
        "blkid -p -d -o export /dev/loop0 /dev/loop0p1 /dev/loop1 /dev/vda",
        "partx -g -b -P -o NR,TYPE,NAME /dev/loop0",
        f"blkid -p -d -o export -O {1230848 * 512} -S {7155712 * 512} /dev/loop0",
    ]
    assert (machine.firmware, machine.ram_bytes) == ("bios", 16318412 * 1024)
    loop0 = machine.disk("loop0")
    assert loop0 is not None
    p2 = loop0.partitions[1]
    assert (p2.fstype, p2.label, p2.number, p2.parttype, p2.partlabel) == (
        "btrfs",
        "fedora",
        2,
        LINUX_FS,
        "données",
    )
    assert loop0.os == (FEDORA,)
    loop1 = machine.disk("loop1")
    assert loop1 is not None and loop1.os == (LUKS,)
    vda = machine.disk("vda")
    assert vda is not None
    assert (vda.boot_medium, vda.fstype, vda.os, vda.serial, vda.mountpoints) == (
        True,
        "ext4",
        (LINUX,),
        "overlayblk",
        ("/",),
    )
    assert machine.targets().disks == ()


def test_discover_honours_the_backend_switch(
    fake_programs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEILOR_STORAGE_BACKEND", "lsblk")
    fake_blivet = types.ModuleType("veilor_installer.core.install.storage.blivet_backend")
    monkeypatch.setitem(sys.modules, fake_blivet.__name__, fake_blivet)  # would fail if used
    machine = discover()
    assert [d.name for d in machine.disks] == ["loop0", "loop1", "zram0", "vda"]
    with pytest.raises(ValueError, match="unknown storage backend"):
        discover(backend="udisks")


def test_discover_falls_back_to_lsblk_when_blivet_fails_to_read(
    fake_programs: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    class BrokenBlivet:
        name = "blivet"

        def read_machine(self) -> Machine:
            raise RuntimeError("Namespace BlockDev not available")

    module = types.ModuleType("veilor_installer.core.install.storage.blivet_backend")
    module.BlivetBackend = BrokenBlivet  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.delenv("VEILOR_STORAGE_BACKEND", raising=False)
    with caplog.at_level(logging.WARNING):
        assert [d.name for d in discover().disks] == ["loop0", "loop1", "zram0", "vda"]
    # The log says why: the wizard then works on lsblk's reading.
    assert any(
        "blivet failed to read the disks (RuntimeError: Namespace BlockDev not available)"
        in r.getMessage()
        for r in caplog.records
    ), [r.getMessage() for r in caplog.records]
    # Asked for by name, blivet's failure is one line (a StorageError), never a traceback.
    with pytest.raises(StorageError, match=r"blivet failed to read the disks \(RuntimeError"):
        discover(backend="blivet")


def test_without_blivet_discover_uses_lsblk_or_refuses_blivet(
    fake_programs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # None in sys.modules makes the import fail, as it does on Debian.
    monkeypatch.setitem(sys.modules, "veilor_installer.core.install.storage.blivet_backend", None)
    monkeypatch.delenv("VEILOR_STORAGE_BACKEND", raising=False)
    assert [d.name for d in discover().disks] == ["loop0", "loop1", "zram0", "vda"]
    with pytest.raises(StorageError, match="blivet"):
        discover(backend="blivet")


@pytest.mark.warning_log("blkid's failure is logged")
def test_blkid_usage_error_keeps_lsblk_columns(
    fake_programs: Path, tmp_path: Path, trees: tuple[FakeSys, Path, Path]
) -> None:
    write_program(tmp_path / "bin", "blkid", "echo 'blkid: bad usage' >&2\nexit 4\n")
    sys_tree, proc, dev = trees
    recorded_sysfs(sys_tree)
    fake_proc(proc)
    machine = LsblkBackend(
        proc_root=str(proc), sysfs_root=str(sys_tree.root), dev_root=str(dev)
    ).read_machine()
    loop0 = machine.disk("loop0")
    assert loop0 is not None
    assert [p.fstype for p in loop0.partitions] == [None, None]
    assert [p.number for p in loop0.partitions] == [1, 2]  # sysfs still knows


# --- sysfs, /dev, /proc ----------------------------------------------------------------------


def test_by_id_prefers_human_names(tmp_path: Path) -> None:
    by_id = tmp_path / "disk" / "by-id"
    by_id.mkdir(parents=True)
    links = {
        "wwn-0x5002538e40a1b2c3": "../../sda",
        "ata-Samsung_SSD_870_EVO_1TB_S6PU": "../../sda",
        "ata-Samsung_SSD_870_EVO_1TB_S6PU-part1": "../../sda1",
        "nvme-eui.002538b111b2c3d4": "../../nvme0n1",
        "nvme-Samsung_SSD_980_PRO_1TB_S5GX": "../../nvme0n1",
        "nvme-Samsung_SSD_980_PRO_1TB_S5GX_1": "../../nvme0n1",
        "wwn-0x6001": "../../sdc",
    }
    for name, target in links.items():
        (by_id / name).symlink_to(target)
    found = read_by_id(str(tmp_path))
    assert found["sda"] == "ata-Samsung_SSD_870_EVO_1TB_S6PU"
    assert found["sda1"] == "ata-Samsung_SSD_870_EVO_1TB_S6PU-part1"
    assert found["nvme0n1"] == "nvme-Samsung_SSD_980_PRO_1TB_S5GX"
    assert found["sdc"] == "wwn-0x6001"
    assert read_by_id(str(tmp_path / "nowhere")) == {}


def test_firmware_and_ram(tmp_path: Path) -> None:
    sys_tree = FakeSys(tmp_path / "sys")
    assert read_firmware(str(sys_tree.root)) == "bios"
    sys_tree.efi()
    assert read_firmware(str(sys_tree.root)) == "uefi"
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemFree:  100 kB\nMemTotal:       16318412 kB\n")
    assert read_ram_bytes(str(meminfo)) == 16318412 * 1024
    meminfo.write_text("MemFree:  100 kB\n")
    with pytest.raises(ValueError, match="MemTotal"):
        read_ram_bytes(str(meminfo))


def test_parse_mountinfo_unescapes_and_skips_garbage() -> None:
    text = (
        "36 35 98:0 /mnt1 /mnt\\040with\\040space rw,noatime master:1 - ext3 /dev/root rw\n"
        "garbage line\n"
        "61 24 0:35 /root /sysroot ro,relatime shared:4 - btrfs /dev/nvme0n1p3 rw,subvol=/root\n"
    )
    mounts = parse_mountinfo(text)
    assert [(m.devno, m.mountpoint, m.fstype, m.source) for m in mounts] == [
        ("98:0", "/mnt with space", "ext3", "/dev/root"),
        ("0:35", "/sysroot", "btrfs", "/dev/nvme0n1p3"),
    ]
    assert parse_swaps(
        "Filename Type Size Used Priority\n/dev/zram0 partition 8 0 100\n"
        "/var/swap\\040file file 4 0 -2\n"
    ) == ["/dev/zram0", "/var/swap file"]


def fedora_atomic(trees: tuple[FakeSys, Path, Path]) -> None:
    """nvme0n1: p1 ESP on /boot/efi, p2 ext4 /boot, p3 LUKS → dm-0 btrfs on /sysroot."""
    sys_tree, proc, dev = trees
    sys_tree.add("nvme0n1", "259:0")
    sys_tree.add("nvme0n1p1", "259:1", parent="nvme0n1", partition=1)
    sys_tree.add("nvme0n1p2", "259:2", parent="nvme0n1", partition=2)
    sys_tree.add("nvme0n1p3", "259:3", parent="nvme0n1", partition=3)
    sys_tree.add("dm-0", "253:0", slaves=["nvme0n1p3"], dm_name="luks-5f1b")
    sys_tree.add("sda", "8:0")
    sys_tree.add("zram0", "252:0")
    (dev / "mapper").mkdir()
    (dev / "mapper" / "luks-5f1b").symlink_to("../dm-0")
    fake_proc(
        proc,
        mountinfo=(
            "24 1 0:22 / / ro,relatime shared:1 - overlay composefs ro,lowerdir=/x\n"
            "61 24 0:35 /root /sysroot ro,relatime shared:4 - btrfs /dev/mapper/luks-5f1b rw\n"
            "62 24 0:35 /var /var rw,relatime shared:5 - btrfs /dev/mapper/luks-5f1b rw\n"
            "88 24 259:2 / /boot rw,relatime shared:60 - ext4 /dev/nvme0n1p2 rw\n"
            "92 88 259:1 / /boot/efi rw,relatime shared:62 - vfat /dev/nvme0n1p1 rw\n"
        ),
        swaps="/dev/zram0                              partition\t8388604\t\t0\t\t100\n",
    )


def test_mountpoints_and_fstypes_by_device(trees: tuple[FakeSys, Path, Path]) -> None:
    fedora_atomic(trees)
    sys_tree, proc, dev = trees
    roots = {"proc_root": str(proc), "sysfs_root": str(sys_tree.root), "dev_root": str(dev)}
    assert mountpoints_by_device(**roots) == {
        "dm-0": ("/sysroot", "/var"),
        "nvme0n1p2": ("/boot",),
        "nvme0n1p1": ("/boot/efi",),
        "zram0": (SWAP,),
    }
    assert mounted_fstypes(**roots) == {
        "dm-0": "btrfs",
        "nvme0n1p2": "ext4",
        "nvme0n1p1": "vfat",
        "zram0": "swap",
    }


def test_a_plain_mapper_node_is_found_by_its_dm_name(trees: tuple[FakeSys, Path, Path]) -> None:
    sys_tree, proc, dev = trees
    sys_tree.add("sda", "8:0")
    sys_tree.add("sda1", "8:1", parent="sda", partition=1)
    sys_tree.add("dm-3", "253:3", slaves=["sda1"], dm_name="root")
    (dev / "mapper").mkdir()
    (dev / "mapper" / "root").write_text("")  # device-mapper without udev makes real nodes
    fake_proc(proc, mountinfo="1 0 0:40 / / rw - btrfs /dev/mapper/root rw\n")
    found = boot_medium_names(
        [], proc_root=str(proc), sysfs_root=str(sys_tree.root), dev_root=str(dev)
    )
    assert found == {"sda"}


def test_boot_medium_of_an_installed_fedora_atomic(trees: tuple[FakeSys, Path, Path]) -> None:
    fedora_atomic(trees)
    sys_tree, proc, dev = trees
    found = boot_medium_names(
        [], proc_root=str(proc), sysfs_root=str(sys_tree.root), dev_root=str(dev)
    )
    assert found == {"nvme0n1"}


def test_boot_medium_of_this_dev_machine_shape(trees: tuple[FakeSys, Path, Path]) -> None:
    sys_tree, proc, dev = trees
    sys_tree.add("vda", "254:0")
    sys_tree.add("loop0", "7:0")
    fake_proc(proc, mountinfo=ROOT_ON_VDA)
    assert boot_medium_names(
        [], proc_root=str(proc), sysfs_root=str(sys_tree.root), dev_root=str(dev)
    ) == {"vda"}


def test_boot_medium_of_a_live_usb_stick(trees: tuple[FakeSys, Path, Path]) -> None:
    sys_tree, proc, dev = trees
    sys_tree.add("sda", "8:0")
    sys_tree.add("sdb", "8:16")
    sys_tree.add("sdb1", "8:17", parent="sdb", partition=1)
    sys_tree.add("loop0", "7:0")
    fake_proc(
        proc,
        mountinfo=(
            "22 1 0:30 / / rw,relatime shared:1 - overlay LiveOS_rootfs rw,lowerdir=/run/base\n"
            "31 28 8:16 / /run/initramfs/live ro,relatime shared:13 - iso9660 /dev/sdb ro\n"
            "40 22 7:0 / /run/rootfsbase ro,relatime - squashfs /dev/loop0 ro\n"
            "41 22 8:0 / /mnt/data rw - ext4 /dev/sda rw\n"
        ),
    )
    assert boot_medium_names(
        [], proc_root=str(proc), sysfs_root=str(sys_tree.root), dev_root=str(dev)
    ) == {"sdb"}


def test_boot_medium_from_the_live_label_when_nothing_is_mounted(
    trees: tuple[FakeSys, Path, Path],
) -> None:
    sys_tree, proc, dev = trees
    fake_proc(
        proc,
        mountinfo="22 1 0:30 / / rw - overlay LiveOS_rootfs rw\n",
        cmdline="BOOT_IMAGE=/images/pxeboot/vmlinuz root=live:CDLABEL=veilor\\x20os "
        "rd.live.image rd.live.ram quiet",
    )
    stick = disk(part("sdc1", "iso9660", "veilor os"), name="sdc")
    other = disk(part("sda1", "ext4", "veilor"), name="sda")
    iso_disk = disk(name="sr0", fstype="iso9660", label="veilor os")
    found = boot_medium_names(
        [stick, other, iso_disk],
        proc_root=str(proc),
        sysfs_root=str(sys_tree.root),
        dev_root=str(dev),
    )
    assert found == {"sdc", "sr0"}


def test_boot_medium_through_md_raid_members(trees: tuple[FakeSys, Path, Path]) -> None:
    sys_tree, proc, dev = trees
    for name, devno in (("sda", "8:0"), ("sdb", "8:16"), ("sdc", "8:32")):
        sys_tree.add(name, devno)
        sys_tree.add(f"{name}1", devno[:-1] + str(int(devno[-1]) + 1), parent=name, partition=1)
    sys_tree.add("md127", "9:127", slaves=["sda1", "sdb1"])
    fake_proc(proc, mountinfo="30 1 9:127 / / rw - xfs /dev/md127 rw\n")
    assert boot_medium_names(
        [], proc_root=str(proc), sysfs_root=str(sys_tree.root), dev_root=str(dev)
    ) == {"sda", "sdb"}


@pytest.mark.parametrize(
    ("cmdline", "expected"),
    [
        ("root=live:CDLABEL=Fedora-KDE-Live-43 rd.live.image", ("LABEL", "Fedora-KDE-Live-43")),
        ("quiet root=live:LABEL=my\\x20stick", ("LABEL", "my stick")),
        ("root=live:/dev/sdb1", ("PATH", "/dev/sdb1")),
        ("root=live:UUID=1234-ABCD", None),
        ("root=/dev/mapper/root ro", None),
        ("", None),
    ],
)
def test_parse_live_root(cmdline: str, expected: tuple[str, str] | None) -> None:
    assert parse_live_root(cmdline) == expected


def test_this_machine_root_disk_is_the_boot_medium() -> None:
    """The running system's own / must never be offered (here: /dev/vda on the dev VM)."""
    with open("/proc/self/mountinfo", encoding="utf-8") as fh:
        root = next(m for m in parse_mountinfo(fh.read()) if m.mountpoint == "/")
    if root.devno.startswith("0:") and not root.source.startswith("/dev/"):
        pytest.skip(f"/ is on {root.source} ({root.fstype}), not on a block device")
    found = boot_medium_names([])
    if root.devno.startswith("0:"):
        assert found, "the disk holding / was not found"
        return
    # Independently of the code under test: the sysfs folder of /'s device, or its parent.
    folder = os.path.realpath(f"/sys/dev/block/{root.devno}")
    if os.path.exists(os.path.join(folder, "partition")):
        folder = os.path.dirname(folder)
    assert os.path.basename(folder) in found


# --- naming operating systems ----------------------------------------------------------------


OS_CASES = {
    "windows 11": (
        disk(
            part("p1", "vfat", parttype=ESP),
            part("p2", parttype=MSR),
            part("p3", "ntfs", parttype=BASIC_DATA),
            part("p4", "ntfs", "Windows RE tools", RECOVERY),
        ),
        (WINDOWS,),
    ),
    "windows with bitlocker": (
        disk(
            part("p1", "vfat", parttype=ESP),
            part("p2", parttype=MSR),
            part("p3", "BitLocker", parttype=BASIC_DATA),
            part("p4", "ntfs", parttype=RECOVERY),
        ),
        (WINDOWS, BITLOCKER),
    ),
    "bitlocker data disk": (disk(part("p1", "BitLocker", parttype=BASIC_DATA)), (BITLOCKER,)),
    "ntfs data disk": (disk(part("p1", "ntfs", "Photos", BASIC_DATA)), ()),
    "windows on mbr": (
        disk(part("p1", "ntfs", "System Reserved", "0x7"), part("p2", "ntfs", parttype="0x7")),
        (WINDOWS,),
    ),
    "ntfs beside an mbr esp": (
        disk(part("p1", "vfat", parttype="0xef"), part("p2", "ntfs", parttype="0x7")),
        (WINDOWS,),
    ),
    "fedora workstation": (
        disk(
            part("p1", "vfat", parttype=ESP),
            part("p2", "ext4"),
            part("p3", "btrfs", "fedora", LINUX_FS),
        ),
        (FEDORA,),
    ),
    "older fedora": (disk(part("p1", "btrfs", "fedora_localhost-live")), (FEDORA,)),
    "veilor-os": (disk(part("p1", "vfat", parttype=ESP), part("p2", "btrfs", "veilor")), (VEILOR,)),
    "generic linux": (disk(part("p1", "ext4"), part("p2", "swap")), (LINUX,)),
    "lvm": (disk(part("p1", "LVM2_member")), (LINUX,)),
    "encrypted linux": (
        disk(part("p1", "vfat", parttype=ESP), part("p2", "ext4"), part("p3", "crypto_LUKS")),
        (LINUX, LUKS),
    ),
    "luks explained by fedora": (
        disk(part("p1", "btrfs", "fedora"), part("p2", "crypto_LUKS")),
        (FEDORA,),
    ),
    "luks labelled fedora": (disk(part("p1", "crypto_LUKS", "fedora-root")), (FEDORA,)),
    "bare luks disk": (disk(fstype="crypto_LUKS", label="veilorluks"), (LUKS,)),
    "bare btrfs disk": (disk(fstype="btrfs", label="fedora"), (FEDORA,)),
    "a veilor label on ext4 is not veilor-os": (disk(part("p1", "ext4", "veilor")), (LINUX,)),
    "mac": (disk(part("p1", "vfat", parttype=ESP), part("p2", "apfs")), (MACOS,)),
    "dual boot": (
        disk(
            part("p4", "btrfs", "fedora"),
            part("p1", "vfat", parttype=ESP),
            part("p2", parttype=MSR),
            part("p3", "ntfs", parttype=BASIC_DATA),
        ),
        (WINDOWS, FEDORA),
    ),
    "empty": (disk(), ()),
    "unformatted partition": (disk(part("p1")), ()),
}


@pytest.mark.parametrize("case", OS_CASES)
def test_operating_systems(case: str) -> None:
    the_disk, expected = OS_CASES[case]
    assert operating_systems(the_disk) == expected


def test_operating_systems_ignores_case_of_guids() -> None:
    upper = disk(part("p1", "vfat", parttype=ESP.upper()), part("p2", "ntfs"))
    assert operating_systems(upper) == (WINDOWS,)


def test_demo_profile_agrees_with_the_rules() -> None:
    machine = demo_machine()
    assert machine.firmware == "uefi"
    assert [d.name for d in machine.disks] == ["nvme0n1", "sda", "sdb"]
    for the_disk in machine.disks:
        assert the_disk.os == operating_systems(the_disk), the_disk.name


# --- profiles and the table ------------------------------------------------------------------


def test_profile_backend_round_trips_disks_json(tmp_path: Path) -> None:
    machine = demo_machine()
    path = tmp_path / "machine.json"
    path.write_text(machine.dumps())
    backend = ProfileBackend(str(path))
    assert backend.read_machine() == machine
    assert machine_from_json(json.loads(machine.dumps())) == machine


def test_table_for_the_demo_machine() -> None:
    lines = format_table(demo_machine()).splitlines()
    assert lines[0] == "Firmware: UEFI, RAM: 16.0 GiB"
    assert lines[1].split() == ["NAME", "SIZE", "TYPE", "TRANSPORT", "MODEL", "CONTAINS", "TARGET"]
    nvme, sda, sdb = lines[2:]
    assert nvme.startswith("nvme0n1  1.0 TB ")
    assert "Windows, BitLocker volume" in nvme and nvme.endswith("  yes")
    assert " empty " in sda
    assert sdb.endswith("no: it is the medium this system was started from")
    # Columns line up: every row's CONTAINS starts where the header's does.
    column = lines[1].index("CONTAINS")
    assert nvme[column:].startswith("Windows") and sda[column:].startswith("empty")


def test_table_contains_column_falls_back_to_fstypes_then_partitions() -> None:
    machine = Machine(
        firmware="bios",
        ram_bytes=8 * GIB,
        disks=(
            disk(part("sda1", "ntfs"), part("sda2", "ntfs"), name="sda"),
            disk(part("sdb1"), part("sdb2"), name="sdb"),
            disk(part("sdc1"), name="sdc"),
        ),
    )
    rows = format_table(machine).splitlines()
    assert rows[0] == "Firmware: BIOS, RAM: 8.0 GiB"
    assert "ntfs " in rows[2] and "ntfs, ntfs" not in rows[2]
    assert "2 partitions" in rows[3]
    assert "1 partition " in rows[4]
    empty = Machine(firmware="uefi", ram_bytes=GIB)
    assert format_table(empty).splitlines()[1].startswith("No disk to list.")
