"""The root boundary (issue 10): root never writes what others may change or through a folder
someone can swap, no process holding a secret leaves a core file, and the private-file module
(core.private) keeps its promises."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.paths import REPO
from helpers.system import install

from veilor_installer.core import commands, private
from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.firstboot import mesh
from veilor_installer.core.secret import Secret
from veilor_installer.demo.joincodes import KEY_HEX
from veilor_installer.demo.system import RETINET_SOURCE, Firstboot

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root")


@pytest.fixture
def fb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Firstboot:
    return install(tmp_path, monkeypatch)


def _writable_by_others(*folders: Path) -> list[str]:
    found = []
    for folder in folders:
        for path in [folder, *folder.rglob("*")]:
            info = path.lstat()
            if not stat.S_ISLNK(info.st_mode) and info.st_mode & 0o022:
                found.append(f"{path} {stat.S_IMODE(info.st_mode):04o}")
    return found


def _umask_000() -> None:
    os.umask(0)


# --- core.private -------------------------------------------------------------------------------


def test_private_files_are_0600_and_folders_0700_under_any_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        with private.private_folder(tmp_path / "a" / "b") as folder:
            folder.write("secret", "s3cret")
            folder.replace("hostfile", "x", 0o644)
            with folder.subfolder("inner") as inner:
                inner.write("k", b"key")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "a/b").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a/b/secret").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "a/b/hostfile").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "a/b/inner").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a/b/inner/k").stat().st_mode) == 0o600


def test_a_link_or_a_folder_others_can_write_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(target)
    with pytest.raises(OperationFailed, match="not a folder"):
        private.private_folder(tmp_path / "link")
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(OperationFailed, match="written by other users"):
        private.open_folder(shared, mode=0o755)
    with pytest.raises(OperationFailed, match="written by other users"):
        private.open_folder(shared / "inner")  # its parent: anyone could swap it
    with private.private_folder(tmp_path / "mine") as folder:
        (tmp_path / "mine" / "planted").symlink_to(target / "victim")
        with pytest.raises(FileExistsError):
            folder.write("planted", "x")
        assert folder.write("planted", "x", replace=True)  # the link is removed, not followed
    assert not (target / "victim").exists()


def test_host_folders_are_made_as_private_folders_are(tmp_path: Path) -> None:
    """hostfiles.make_dirs (the helper's /etc/yggdrasil, /etc/reticulum) is core.private's
    rule: parents 0755 and the folder its mode whatever the umask, no link followed, a folder
    others may write refused."""
    from veilor_installer.core.firstboot import hostfiles

    old = os.umask(0o077)
    try:
        hostfiles.make_dirs(tmp_path / "etc" / "yggdrasil" / "keys", 0o700)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "etc").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "etc" / "yggdrasil").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "etc" / "yggdrasil" / "keys").stat().st_mode) == 0o700
    hostfiles.make_dirs(tmp_path / "etc" / "yggdrasil")  # an existing one is kept as it is
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "etc" / "reticulum").symlink_to(elsewhere)
    with pytest.raises(OperationFailed, match="not a folder"):
        hostfiles.make_dirs(tmp_path / "etc" / "reticulum")
    (tmp_path / "etc" / "shared").mkdir()
    (tmp_path / "etc" / "shared").chmod(0o777)
    with pytest.raises(OperationFailed, match="written by other users"):
        hostfiles.make_dirs(tmp_path / "etc" / "shared")


@ROOT_ONLY
def test_a_runtime_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    run = tmp_path / "run-veilor"
    run.mkdir(mode=0o755)
    os.chown(run, 65534, 65534)
    with pytest.raises(OperationFailed, match="belongs to user 65534"):
        private.runtime_folder(run)


def test_shredding_goes_through_the_open_folder(tmp_path: Path) -> None:
    """Swapped for a link after it was opened, the folder still gets the zeros and the unlink,
    never the file the link leads to."""
    victim_dir = tmp_path / "victim"
    victim_dir.mkdir()
    (victim_dir / "k").write_text("precious")
    folder = private.private_folder(tmp_path / "keys")
    folder.write("k", "secret")
    os.rename(tmp_path / "keys", tmp_path / "keys-moved")
    (tmp_path / "keys").symlink_to(victim_dir)
    with folder:
        assert folder.shred("k")
    assert (victim_dir / "k").read_text() == "precious"
    assert not (tmp_path / "keys-moved" / "k").exists()


# --- the helper under umask 000 -------------------------------------------------------------


def test_a_join_through_the_helper_under_umask_000_leaves_nothing_writable_by_others(
    fb: Firstboot,
) -> None:
    """pkexec passes the caller's umask on: the helper must not create /run/veilor 0777 (nor
    anything else others may write)."""
    done = subprocess.run([str(fb.bin_dir / "veilor-installer-helper")],
                          input=json.dumps({"action": "mesh-join", "payload": KEY_HEX}),
                          capture_output=True, text=True, timeout=60, check=False,
                          preexec_fn=_umask_000)
    answer = json.loads(done.stdout.splitlines()[-1])
    assert done.returncode == 0 and answer["ok"], done.stdout + done.stderr
    assert fb.runtime_dir.is_dir()
    assert stat.S_IMODE(fb.runtime_dir.stat().st_mode) == 0o755
    assert _writable_by_others(fb.runtime_dir, fb.sysroot) == []
    ygg = subprocess.run([str(fb.bin_dir / "veilor-installer-helper")],
                         input=json.dumps({"action": "yggdrasil"}), capture_output=True,
                         text=True, timeout=60, check=False, preexec_fn=_umask_000)
    assert ygg.returncode == 0, ygg.stdout + ygg.stderr
    assert _writable_by_others(fb.sysroot) == []


@ROOT_ONLY
def test_a_swapped_key_folder_never_makes_root_write_outside_it(
    fb: Firstboot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While ``tailscale up`` runs (the key path is in its command line), a user renames the
    key folder away and puts a link in its place, leading to a folder of theirs where the key
    file's name is a link to a file of root's. Removing the key must not zero that file."""
    precious = tmp_path / "etc-shadow"
    precious.write_text("root:$y$precious:19000::::::\n")
    attacker = tmp_path / "attacker"
    attacker.mkdir()
    real_run = commands.run
    swapped: list[str] = []

    def run(argv: list[str], **kwargs: Any) -> commands.Completed:
        key_arg = next((a for a in argv if a.startswith("--auth-key=file:")), None)
        if key_arg is not None:
            key_file = Path(key_arg.removeprefix("--auth-key=file:"))
            (attacker / key_file.name).symlink_to(precious)
            os.rename(key_file.parent, tmp_path / "moved-away")
            key_file.parent.symlink_to(attacker)
            swapped.append(key_file.name)
        return real_run(argv, **kwargs)

    monkeypatch.setattr(commands, "run", run)
    fb.runtime_dir.mkdir(mode=0o755)
    result = mesh.join(mesh.JoinTarget(server="hs.s8n.ru", key=Secret(KEY_HEX), tier=None,
                                       label=None),
                       hostname="alice", runtime_dir=fb.runtime_dir)
    assert swapped, "tailscale up never ran"
    assert precious.read_text() == "root:$y$precious:19000::::::\n"
    assert (attacker / swapped[0]).is_symlink(), "root removed the attacker's link"
    moved = tmp_path / "moved-away"
    assert not moved.exists() or list(moved.iterdir()) == [], "the key was left behind"
    assert result.steps  # it ran to the end, whatever tailscale made of the swapped path


# --- core dumps ---------------------------------------------------------------------------------


def _allow_cores() -> None:
    """The test allows core files (the child must turn them off itself)."""
    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


def _cores_can_be_allowed() -> bool:
    return resource.getrlimit(resource.RLIMIT_CORE)[1] != 0


def _core_limit(pid: int) -> str | None:
    """The soft limit on core files of ``pid`` (the one the kernel obeys)."""
    try:
        text = Path(f"/proc/{pid}/limits").read_text()
    except OSError:
        return None
    line = next(x for x in text.splitlines() if x.startswith("Max core file size"))
    return line.split()[4]


def _wait_for(check: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[bytes]]]:
    procs: list[subprocess.Popen[bytes]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()


def test_the_running_helper_has_core_dumps_off(
    fb: Firstboot, children: list[subprocess.Popen[bytes]],
) -> None:
    if not _cores_can_be_allowed():
        pytest.skip("core files are already forbidden here (hard limit 0)")
    proc = subprocess.Popen([str(fb.bin_dir / "veilor-installer-helper")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            preexec_fn=_allow_cores, start_new_session=True)
    children.append(proc)
    # It waits for its request: by then it must hold nothing it could dump.
    assert _wait_for(lambda: _core_limit(proc.pid) == "0", 20), _core_limit(proc.pid)


@pytest.mark.parametrize("argv", [["install", "--demo"], ["firstboot", "--demo"]],
                         ids=["install", "firstboot"])
def test_the_running_wizards_have_core_dumps_off(
    argv: list[str], tmp_path: Path, children: list[subprocess.Popen[bytes]],
) -> None:
    if not _cores_can_be_allowed():
        pytest.skip("core files are already forbidden here (hard limit 0)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_RUNTIME_DIR": str(tmp_path), "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "veilor_installer", *argv],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, preexec_fn=_allow_cores,
                            start_new_session=True)
    children.append(proc)
    assert _wait_for(lambda: proc.poll() is not None or _core_limit(proc.pid) == "0", 60)
    assert proc.poll() is None, f"the wizard ended (exit {proc.returncode})"
    assert _core_limit(proc.pid) == "0"


# --- the shipped recipes under umask 000 --------------------------------------------------------

_FAKE_PYTHON3 = """#!/bin/bash
# python3 -m venv --system-site-packages PREFIX: a venv's files, created as venv does (the
# umask decides their modes); PREFIX/bin/pip "installs" rns the same way.
set -eu
# the recipe asks core.retinet for the image's RetiNet source: the real module answers
[ "$1 $2" = "-m veilor_installer.core.firstboot.retinet" ] && exec "$REAL_PYTHON" "$@"
[ "$1 $2" = "-m venv" ] || exit 3
prefix="${@: -1}"
mkdir -p "$prefix/bin" "$prefix/lib/python3/site-packages"
printf 'home = /usr/bin\\n' > "$prefix/pyvenv.cfg"
# PREFIX/bin/python3 -m veilor_installer.core.firstboot.retinet check-licence: the stand-in
# wheel passes
printf '#!/bin/sh\\nexit 0\\n' > "$prefix/bin/python3"; chmod +x "$prefix/bin/python3"
cat > "$prefix/bin/pip" <<'PIP'
#!/bin/bash
prefix=$(dirname "$(dirname "$0")")
mkdir -p "$prefix/lib/python3/site-packages/RNS"
echo "__version__ = '1.5.7'" > "$prefix/lib/python3/site-packages/RNS/__init__.py"
for tool in rnsd rnstatus rnpath rnprobe rnid rncp rnx rnodeconf; do
    printf '#!/bin/sh\\n' > "$prefix/bin/$tool"; chmod +x "$prefix/bin/$tool"
done
PIP
chmod +x "$prefix/bin/pip"
"""


@ROOT_ONLY
@pytest.mark.skipif(not Path("/usr/bin/unshare").exists(), reason="needs unshare(1)")
def test_the_reticulum_recipes_under_umask_000_write_nothing_others_can_change(
    tmp_path: Path,
) -> None:
    """The real recipes, run by the real ``just`` as root under umask 000, in a private mount
    namespace whose /etc/systemd/system, /var/opt and /usr/local/bin are fresh tmpfs: venv and
    pip are stand-ins that create files the way they do (the umask decides their modes)."""
    just = str(Path(sys.executable).parent / "just")
    fakes = tmp_path / "fakes"
    fakes.mkdir()
    (fakes / "python3").write_text(_FAKE_PYTHON3)
    (fakes / "systemctl").write_text("#!/bin/sh\nexit 0\n")
    for path in fakes.iterdir():
        path.chmod(0o755)
    report = tmp_path / "modes.txt"
    config = tmp_path / "installer.toml"
    config.write_text("[reticulum]\n" + RETINET_SOURCE)
    script = f"""
set -eu
for d in /etc/systemd/system /var/opt /usr/local/bin; do
    mkdir -p "$d"; mount -t tmpfs -o mode=0755 none "$d"
done
umask 000
export PATH={fakes}:/usr/sbin:/usr/bin:/sbin:/bin
export REAL_PYTHON={sys.executable} VEILOR_CONFIG={config} PYTHONPATH={REPO}
{just} --justfile {resource_path("ujust/veilor.just")} install-reticulum-rnode
find /etc/systemd/system /var/opt -printf '%m %y %p\\n' > {report}
"""
    done = subprocess.run(["unshare", "-m", "--propagation", "private", "bash", "-c", script],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line.split(" ", 2) for line in report.read_text().splitlines()]
    assert any(p == "/etc/systemd/system/rnsd.service" for _, _, p in rows), rows
    assert any(p.endswith("/bin/rnsd") for _, _, p in rows), rows
    loose = [f"{mode} {path}" for mode, kind, path in rows
             if kind != "l" and int(mode, 8) & 0o022]
    assert loose == [], "written so that others may change it"
    modes = {path: mode for mode, _, path in rows}
    assert modes["/etc/systemd/system/rnsd.service"] == "644"
    assert modes["/etc/systemd/system/rnsd.service.d/rnode.conf"] == "644"


def test_the_log_bundle_is_copied_without_following_links(tmp_path: Path) -> None:
    bundle = tmp_path / "logs-1"
    with private.private_folder(bundle) as folder:
        folder.write("anaconda.log", "redacted\n")
    (bundle / "escape").symlink_to("/etc/hostname")
    usb = tmp_path / "usb"
    usb.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (usb / "veilor-install-logs-1").symlink_to(elsewhere)  # planted under the first name
    saved = Path(private.copy_folder(bundle, usb, "veilor-install-logs-1"))
    assert saved == usb / "veilor-install-logs-1-2" and not saved.is_symlink()
    assert sorted(p.name for p in saved.iterdir()) == ["anaconda.log"]
    assert list(elsewhere.iterdir()) == []
    assert stat.S_IMODE((saved / "anaconda.log").stat().st_mode) == 0o600
