"""Storage discovery against real block devices: loop devices over sparse images.

Needs root (losetup) and util-linux, fdisk, dosfstools, btrfs-progs and cryptsetup. Works
without udevd and without device-mapper: the LUKS header is written to the image file, never
opened. Only the loop devices this module attaches are looked at or touched, found by their
backing files, and they are detached even when a test fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from veilor_installer.core.commands import CommandError, CommandNotFound, find_program, run
from veilor_installer.core.install.machine import Disk, Machine
from veilor_installer.core.install.storage.lsblk import LsblkBackend

pytestmark = pytest.mark.root

GIB = 1024**3
MIB = 1024**2
ESP = "c12a7328-f81f-11d2-ba4b-00a0c93ec93b"
LINUX_FS = "0fc63daf-8483-4772-8e79-3d69d8477de4"
TOOLS = ("losetup", "partx", "sfdisk", "blkid", "lsblk", "mkfs.vfat", "mkfs.btrfs", "cryptsetup")
PASSPHRASE = "loop-test-passphrase"


@dataclass(frozen=True)
class Loops:
    fedora: str  # kernel names: GPT, ESP vfat "EFI" + btrfs "fedora"
    luks: str  # LUKS2 header on the whole device, label "veilorluks"
    empty: str  # nothing at all
    fedora_parts: tuple[int, int]  # partition sizes in bytes, as sfdisk wrote them


def _skip_unless_possible() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to attach loop devices")
    missing = []
    for tool in TOOLS:
        try:
            find_program(tool)
        except CommandNotFound:
            missing.append(tool)
    if missing:
        pytest.skip(
            f"needs {', '.join(missing)} (util-linux, fdisk, dosfstools, btrfs-progs, cryptsetup)"
        )
    if not os.path.exists("/dev/loop-control"):
        pytest.skip("the kernel has no loop device support (/dev/loop-control missing)")


def _detach(image: Path) -> None:
    """Detach every loop device backed by ``image``, its partitions first."""
    found = run(["losetup", "-l", "-n", "-O", "NAME", "-j", str(image)], timeout=10)
    for device in found.stdout.split():
        run(["partx", "-d", device], timeout=10)
        run(["losetup", "-d", device], timeout=10)


def _attach(image: Path, attached: list[Path]) -> str:
    attached.append(image)  # before attaching: a failure half-way still gets cleaned up
    device = run(["losetup", "-f", "--show", "-P", str(image)], timeout=20, check=True)
    return device.stdout.strip()


def _ensure_partitions(device: str, count: int) -> None:
    """``losetup -P`` often leaves the partitions out on this kernel; partx adds them (and
    fails harmlessly with "busy" when they are already there)."""
    name = os.path.basename(device)
    if not os.path.exists(f"/sys/class/block/{name}p{count}"):
        run(["partx", "-a", device], timeout=10)
    for number in range(1, count + 1):
        if not os.path.exists(f"/sys/class/block/{name}p{number}"):
            pytest.skip(f"the kernel did not create {name}p{number}, even after partx -a")
        if not os.path.exists(f"/dev/{name}p{number}"):
            pytest.skip(f"/dev/{name}p{number} is missing (no devtmpfs?)")


@pytest.fixture(scope="module")
def loops(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loops]:
    _skip_unless_possible()
    folder = tmp_path_factory.mktemp("loops")
    fedora, luks, empty = folder / "fedora.img", folder / "luks.img", folder / "empty.img"
    for image, size in ((fedora, 40 * GIB), (luks, 2 * GIB), (empty, 40 * GIB)):
        with open(image, "wb") as fh:
            fh.truncate(size)
    # The partition table goes onto the file, before attaching: re-reading the table of an
    # attached loop device makes this kernel drop its partitions.
    run(
        ["sfdisk", "-q", str(fedora)],
        timeout=20,
        check=True,
        stdin_text=(
            "label: gpt\n"
            f'size=600MiB, type={ESP.upper()}, name="EFI System"\n'
            f'type={LINUX_FS.upper()}, name="data"\n'
        ),
    )
    table = json.loads(run(["sfdisk", "-J", str(fedora)], timeout=10, check=True).stdout)
    sector = table["partitiontable"].get("sectorsize", 512)
    sizes = tuple(p["size"] * sector for p in table["partitiontable"]["partitions"])
    run(
        [
            "cryptsetup",
            "luksFormat",
            "--type",
            "luks2",
            "--batch-mode",
            "--pbkdf",
            "pbkdf2",
            "--pbkdf-force-iterations",
            "1000",
            "--label",
            "veilorluks",
            "--key-file=-",
            str(luks),
        ],
        timeout=60,
        check=True,
        stdin_text=PASSPHRASE,
        secrets=[PASSPHRASE],
    )

    attached: list[Path] = []
    try:
        fedora_dev = _attach(fedora, attached)
        luks_dev = _attach(luks, attached)
        empty_dev = _attach(empty, attached)
        _ensure_partitions(fedora_dev, 2)
        run(["mkfs.vfat", "-n", "EFI", f"{fedora_dev}p1"], timeout=60, check=True)
        run(["mkfs.btrfs", "-q", "-K", "-L", "fedora", f"{fedora_dev}p2"], timeout=60, check=True)
        yield Loops(
            fedora=os.path.basename(fedora_dev),
            luks=os.path.basename(luks_dev),
            empty=os.path.basename(empty_dev),
            fedora_parts=(sizes[0], sizes[1]),
        )
    finally:
        errors = []
        for image in attached:
            try:
                _detach(image)
            except CommandError as exc:
                errors.append(f"{image.name}: {exc}")
        assert not errors, f"could not detach: {errors}"


def _check(machine: Machine, loops: Loops) -> None:
    """What every way of reading must find on the fixture's devices."""
    fedora, luks, empty = (machine.disk(n) for n in (loops.fedora, loops.luks, loops.empty))
    assert fedora is not None and luks is not None and empty is not None
    for disk in (fedora, luks, empty):
        assert disk.type == "loop"
        assert not disk.install_target
        assert str(disk.unsuitable_reason()) == "it is a loop device, not a disk"
    assert (fedora.size_bytes, luks.size_bytes, empty.size_bytes) == (40 * GIB, 2 * GIB, 40 * GIB)
    assert loops.fedora_parts[0] == 600 * MIB
    assert (fedora.pttype, fedora.fstype) == ("gpt", None)
    assert [
        (p.name, p.number, p.size_bytes, p.fstype, p.label, p.parttype) for p in fedora.partitions
    ] == [
        (f"{loops.fedora}p1", 1, loops.fedora_parts[0], "vfat", "EFI", ESP),
        (f"{loops.fedora}p2", 2, loops.fedora_parts[1], "btrfs", "fedora", LINUX_FS),
    ]
    assert fedora.os == ("Fedora Linux",)
    assert (luks.fstype, luks.label, luks.pttype, luks.partitions) == (
        "crypto_LUKS",
        "veilorluks",
        None,
        (),
    )
    assert luks.os == ("an encrypted Linux volume (LUKS)",)
    assert (empty.fstype, empty.pttype, empty.partitions, empty.os) == (None, None, (), ())
    assert not fedora.boot_medium and not fedora.in_use


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    # blivet (where it imports) skips partitions on loop devices (research/deps.md §1), so
    # the loop test pins the backend it is about.
    env = {**os.environ, "VEILOR_STORAGE_BACKEND": "lsblk"}
    return subprocess.run(
        [sys.executable, "-m", "veilor_installer", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _disk_from_json(data: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((d for d in data["disks"] if d["name"] == name), None)


def test_cli_lists_the_loop_devices_with_all(loops: Loops) -> None:
    from veilor_installer.core.install.machine import machine_from_json

    done = _cli("disks", "--json", "--all")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    _check(machine_from_json(data), loops)
    fedora = _disk_from_json(data, loops.fedora)
    assert fedora is not None
    assert fedora["install_target"] is False
    assert [p["fstype"] for p in fedora["partitions"]] == ["vfat", "btrfs"]
    luks = _disk_from_json(data, loops.luks)
    assert luks is not None and luks["fstype"] == "crypto_LUKS"


def test_cli_without_all_lists_only_install_targets(loops: Loops) -> None:
    done = _cli("disks", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    names = {d["name"] for d in data["disks"]}
    assert not names & {loops.fedora, loops.luks, loops.empty}
    assert all(d["install_target"] for d in data["disks"])


def test_cli_table_shows_what_the_loops_hold(loops: Loops) -> None:
    done = _cli("disks", "--all")
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line for line in done.stdout.splitlines()[2:]}
    assert "Fedora Linux" in rows[loops.fedora]
    assert "an encrypted Linux volume (LUKS)" in rows[loops.luks]
    assert " empty " in rows[loops.empty]
    assert rows[loops.fedora].endswith("no: it is a loop device, not a disk")


def test_lsblk_backend_in_process(loops: Loops) -> None:
    _check(LsblkBackend().read_machine(), loops)


def test_lsblk_backend_reads_a_partition_without_its_device_node(loops: Loops) -> None:
    """Without udev a partition's node may be missing: blkid then reads it through its disk
    at the partition's offset, and partx supplies the partition table entry."""
    missing = {f"/dev/{loops.fedora}p1", f"/dev/{loops.fedora}p2"}
    machine = LsblkBackend(node_exists=lambda path: path not in missing).read_machine()
    _check(machine, loops)
    fedora: Disk | None = machine.disk(loops.fedora)
    assert fedora is not None
    assert [p.partlabel for p in fedora.partitions] == ["EFI System", "data"]


def _blivet_backend_class() -> Any:
    """BlivetBackend where blivet imports; the target lane (VEILOR_REQUIRE_BLIVET=1) fails
    instead of skipping, since the Fedora ISO discovers disks with it."""
    try:
        from veilor_installer.core.install.storage.blivet_backend import BlivetBackend
    except Exception as exc:  # blivet is a system library; any import failure means "not here"
        if os.environ.get("VEILOR_REQUIRE_BLIVET") == "1":
            raise AssertionError(f"blivet must import here: {type(exc).__name__}: {exc}") from exc
        pytest.skip(f"blivet does not import here ({type(exc).__name__}: {exc})")
    return BlivetBackend


def _described(disk: Disk) -> tuple[Any, ...]:
    return (
        disk.name,
        disk.type,
        disk.size_bytes,
        disk.pttype,
        disk.fstype,
        disk.label,
        disk.os,
        disk.boot_medium,
        [(p.name, p.number, p.size_bytes, p.fstype, p.label, p.parttype) for p in disk.partitions],
    )


def test_blivet_backend_agrees_with_lsblk(loops: Loops) -> None:
    """Where blivet works (the Fedora ISO, the target lane), both backends describe the disks
    alike: the same disks, sizes, file systems and operating systems. On loop devices blivet
    reads the partition table and lsblk the partitions (blivet_backend's note)."""
    backend = _blivet_backend_class()
    by_blivet = backend().read_machine()
    by_lsblk = LsblkBackend().read_machine()
    _check(by_blivet, loops)
    assert (by_blivet.firmware, by_blivet.ram_bytes) == (by_lsblk.firmware, by_lsblk.ram_bytes)
    ours = {loops.fedora, loops.luks, loops.empty}
    # Other loop devices may come and go while this runs (other tests, other users).
    def compared(machine: Machine) -> list[tuple[Any, ...]]:
        return sorted(
            _described(d) for d in machine.disks if d.type != "loop" or d.name in ours
        )

    assert compared(by_blivet) == compared(by_lsblk)
    assert len(compared(by_blivet)) > len(ours) or not [
        d for d in by_lsblk.disks if d.type == "disk"
    ], "blivet found no real disks"


def test_cli_with_blivet_on_an_ordinary_users_path(loops: Loops) -> None:
    """With PATH as an ordinary Debian user has it (no sbin), blivet used to find none of the
    file-system tools and fail ("None of ext4,xfs,ext3,ext2 is supported by your kernel");
    the backend gives it the system folders, so the blivet CLI reads the loops all the same."""
    _blivet_backend_class()
    env = {
        **os.environ,
        "VEILOR_STORAGE_BACKEND": "blivet",
        "PATH": "/usr/local/bin:/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-m", "veilor_installer", "disks", "--json", "--all"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    from veilor_installer.core.install.machine import machine_from_json

    _check(machine_from_json(json.loads(done.stdout)), loops)
