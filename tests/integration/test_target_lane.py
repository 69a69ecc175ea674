"""The target lane's safety: folders that may hold mounts are removed through tools/remove-tree,
which unmounts first and never deletes through a bind mount (a killed run's root still holds
the host's /dev and /sys), and one lane runs at a time on a machine.

The mount tests bind tmp folders of the test's own, never the real /dev or /sys; a "host" folder
with a canary file stands in for the host's tree, and the canary must survive.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import paths

REPO = paths.REPO
TOOL = REPO / "tools" / "remove-tree"
LANE = REPO / "tools" / "target-lane"

pytestmark = pytest.mark.skipif(not TOOL.exists(), reason="tools/ is not in this tree")


def _mounts_under(path: Path) -> list[str]:
    listed = subprocess.run(["findmnt", "-n", "-l", "-o", "TARGET"], capture_output=True,
                            text=True, check=True, timeout=30).stdout.splitlines()
    prefix = str(path)
    return sorted((t for t in listed if t == prefix or t.startswith(prefix + "/")), reverse=True)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(TOOL), *args], capture_output=True, text=True,
                          timeout=60)


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=30)


@pytest.fixture
def place(tmp_path: Path) -> Iterator[Path]:
    """A folder where the test may mount, every mount under it undone afterwards."""
    if os.geteuid() != 0:
        pytest.skip("bind mounts need root")
    base = tmp_path.resolve()
    (base / "probe").mkdir()
    probe = subprocess.run(["mount", "--bind", str(base / "probe"), str(base / "probe")],
                           capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip(f"bind mounts are not allowed here: {probe.stderr.strip()}")
    subprocess.run(["umount", str(base / "probe")], check=True, timeout=30)
    try:
        yield base
    finally:
        for _ in range(100):  # a listed mount may be hidden under another: try them all
            left = _mounts_under(base)
            if not left:
                break
            for target in left:
                subprocess.run(["mount", "--make-rslave", target], capture_output=True,
                               timeout=30)
                subprocess.run(["umount", "-l", target], capture_output=True, timeout=30)


def _shared_host(base: Path) -> Path:
    """A stand-in for the host's /dev: a shared mount with a submount, canaries in both."""
    host = base / "host"
    (host).mkdir()
    _mount("--bind", str(host), str(host))
    _mount("--make-shared", str(host))
    (host / "pts").mkdir()
    _mount("-t", "tmpfs", "tmpfs", str(host / "pts"))
    _mount("--make-shared", str(host / "pts"))
    (host / "canary").write_text("host\n")
    (host / "pts" / "canary").write_text("host pts\n")
    return host


def _host_intact(host: Path) -> None:
    assert (host / "canary").read_text() == "host\n"
    assert (host / "pts" / "canary").read_text() == "host pts\n", \
        "the host's submount was unmounted or emptied"
    assert str(host / "pts") in _mounts_under(host)


def test_a_root_holding_an_rbind_of_the_host_is_removed_and_the_host_kept(place: Path) -> None:
    host = _shared_host(place)
    root = place / "cache" / "target-root-0123"
    for sub in ("dev", "sys", "var/tmp"):
        (root / sub).mkdir(parents=True)
    (root / "var" / "tmp" / "file").write_text("root's own\n")
    # As the lane mounts, except that the rbind stays shared (a run killed before
    # --make-rslave): a plain umount of its submount would unmount the host's too.
    _mount("--rbind", str(host), str(root / "dev"))
    _mount("-t", "tmpfs", "tmpfs", str(root / "sys"))
    done = _run(str(root))
    assert done.returncode == 0, done.stderr
    assert not root.exists()
    assert _mounts_under(place / "cache") == []
    _host_intact(host)


def test_a_busy_mount_is_detached_lazily_and_the_canary_survives(place: Path) -> None:
    host = _shared_host(place)
    root = place / "root"
    (root / "dev").mkdir(parents=True)
    _mount("--rbind", str(host), str(root / "dev"))
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                              cwd=root / "dev" / "pts")
    try:
        done = _run(str(root))
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    assert not root.exists()
    _host_intact(host)


def test_stacked_mounts_on_one_point_are_all_undone(place: Path) -> None:
    host = _shared_host(place)
    root = place / "root"
    (root / "dev").mkdir(parents=True)
    for _ in range(3):  # three killed runs, each mounting again
        _mount("--rbind", str(host), str(root / "dev"))
    _mount("--bind", str(root), str(root))
    done = _run(str(root))
    assert done.returncode == 0, done.stderr
    assert not root.exists()
    _host_intact(host)


def test_unmount_only_keeps_the_folder(place: Path) -> None:
    host = _shared_host(place)
    root = place / "root"
    (root / "dev").mkdir(parents=True)
    (root / "kept").write_text("kept\n")
    _mount("--rbind", str(host), str(root / "dev"))
    done = _run("--unmount-only", str(root))
    assert done.returncode == 0, done.stderr
    assert (root / "kept").read_text() == "kept\n"
    assert list((root / "dev").iterdir()) == []
    assert _mounts_under(root) == []
    _host_intact(host)


def test_a_link_is_removed_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "canary").write_text("x\n")
    link = tmp_path / "root"
    link.symlink_to(target)
    done = _run(str(link))
    assert done.returncode == 0, done.stderr
    assert not link.is_symlink()
    assert (target / "canary").read_text() == "x\n"


@pytest.mark.parametrize("path", ["relative/root", "/", "/tmp/../"])
def test_refuses_a_relative_path_and_the_root(path: str) -> None:
    done = _run(path)
    assert done.returncode == 1
    assert done.stderr.startswith("remove-tree: FAILED: ")
    assert len(done.stderr.splitlines()) == 1


def test_a_missing_path_is_nothing_to_do(tmp_path: Path) -> None:
    assert _run(str(tmp_path / "never")).returncode == 0


def test_the_lane_removes_nothing_by_plain_rm_rf() -> None:
    text = LANE.read_text()
    assert not re.search(r"\brm\s+-[a-z]*r", text), \
        "tools/target-lane removes a folder without tools/remove-tree"
    assert text.count('"$REMOVE_TREE"') >= 4


def test_a_second_lane_waits_for_the_first_and_then_gives_up(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("the lane refuses to start without root")
    if shutil.which("git") is None:
        pytest.skip("the lane needs git, which this tree's machine lacks (inside the target lane)")
    # debootstrap that fails at once: without the lock, the lane would get that far and no further.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "debootstrap"
    fake.write_text("#!/bin/sh\necho 'fake debootstrap: no mirror' >&2\nexit 1\n")
    fake.chmod(0o755)
    lock = tmp_path / "lane.lock"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "VEILOR_TARGET_LOCK": str(lock), "VEILOR_TARGET_LOCK_WAIT": "1",
           "VEILOR_TARGET_CACHE": str(tmp_path / "cache"),
           "VEILOR_TARGET_MIRROR": "file:///nonexistent"}
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        done = subprocess.run(["bash", str(LANE), "--build-only"], capture_output=True, text=True,
                              env=env, timeout=60)
    assert done.returncode == 1
    assert "another target lane is running on this machine; waiting" in done.stderr
    assert done.stderr.rstrip().endswith(f"still running on this machine (lock {lock})")
    assert not (tmp_path / "cache").exists()
    # Once the first lane is gone, the second one gets past the lock (to the fake debootstrap).
    done = subprocess.run(["bash", str(LANE), "--build-only"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 1
    assert "debootstrap of Debian" in done.stderr
