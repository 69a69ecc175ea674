"""The helper's ``stop-anaconda``: only a real Anaconda install run is killed, with its
process group, and anaconda-cleanup runs after it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from veilor_installer import helper
from veilor_installer.core.install.anaconda import stop as anaconda_stop


def _script(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def started(tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    procs: list[subprocess.Popen[bytes]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


def _wait_for_cmdline(pid: int) -> None:
    import time

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if Path(f"/proc/{pid}/cmdline").read_bytes().count(b"\0") >= 2:
            return
        time.sleep(0.01)


def test_an_anaconda_install_run_is_stopped_and_cleaned_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[subprocess.Popen[bytes]],
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    marker = tmp_path / "cleaned"
    cleanup = bin_dir / "anaconda-cleanup"
    cleanup.write_text(f"#!{sys.executable}\nopen({str(marker)!r}, 'w').close()\n")
    cleanup.chmod(0o755)
    monkeypatch.setenv("VEILOR_BIN_DIR", str(bin_dir))
    anaconda = _script(bin_dir, "anaconda")  # Anaconda as installed: on the PATH
    proc = subprocess.Popen([str(anaconda), "--cmdline", "--kickstart=/run/veilor/ks.cfg"],
                            start_new_session=True)
    started.append(proc)
    _wait_for_cmdline(proc.pid)
    result = helper.handle({"action": "stop-anaconda", "pid": proc.pid})
    assert result.ok, result.reason
    assert proc.wait(timeout=10) == -9
    assert marker.exists()
    assert [s.step for s in result.steps] == ["check", "kill", "cleanup"]


@pytest.mark.warning_log("the failed step under test is logged")
def test_any_other_process_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[subprocess.Popen[bytes]],
) -> None:
    monkeypatch.setenv("VEILOR_BIN_DIR", str(tmp_path))
    not_anaconda = _script(tmp_path, "sleeper")
    proc = subprocess.Popen([str(not_anaconda), "--cmdline", "--kickstart=/x"],
                            start_new_session=True)
    started.append(proc)
    _wait_for_cmdline(proc.pid)
    result = helper.handle({"action": "stop-anaconda", "pid": proc.pid})
    assert result.exit_code == 2 and "not a running Anaconda" in str(result.reason)
    assert proc.poll() is None
    anaconda = _script(tmp_path, "anaconda")
    interactive = subprocess.Popen([str(anaconda), "--liveinst"], start_new_session=True)
    started.append(interactive)
    _wait_for_cmdline(interactive.pid)
    assert anaconda_stop.anaconda_argv(interactive.pid) is None  # not a kickstart run


@pytest.mark.parametrize("pid", ["1234", -1, 2**23, True, None])
def test_the_pid_is_validated(pid: object) -> None:
    result = helper.handle({"action": "stop-anaconda", "pid": pid})
    assert result.exit_code == 2 and str(result.reason).startswith("pid:")


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.warning_log("the failed step under test is logged")
def test_a_users_look_alike_is_refused_and_left_running(
    monkeypatch: pytest.MonkeyPatch, started: list[subprocess.Popen[bytes]],
) -> None:
    """The very program found as Anaconda, with Anaconda's arguments, but run by a user
    (uid 65534): not root's install run, so not killed, and no anaconda-cleanup runs."""
    if os.geteuid() != 0:
        pytest.skip("starting a process as another user needs root")
    folder = Path(tempfile.mkdtemp(prefix="veilor-lookalike-"))
    try:
        folder.chmod(0o755)  # the user must be able to run the script
        marker = folder / "cleaned"
        cleanup = folder / "anaconda-cleanup"
        cleanup.write_text(f"#!{sys.executable}\nopen({str(marker)!r}, 'w').close()\n")
        cleanup.chmod(0o755)
        anaconda = folder / "anaconda"
        anaconda.write_text("#!/usr/bin/python3\nimport time\ntime.sleep(60)\n")
        anaconda.chmod(0o755)
        monkeypatch.setenv("VEILOR_BIN_DIR", str(folder))
        proc = subprocess.Popen(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                 str(anaconda), "--cmdline", "--kickstart=/x"],
                                start_new_session=True)
        started.append(proc)
        script = str(anaconda).encode()

        def exec_done() -> bool:  # setpriv has become the script, run by python as the user
            argv = Path(f"/proc/{proc.pid}/cmdline").read_bytes().split(b"\0")
            return len(argv) > 1 and argv[1] == script

        deadline = time.monotonic() + 10
        while not exec_done() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert exec_done()
        assert Path(f"/proc/{proc.pid}/status").read_text().count("65534") >= 4
        result = helper.handle({"action": "stop-anaconda", "pid": proc.pid})
        assert result.exit_code == 2 and "not a running Anaconda" in str(result.reason)
        time.sleep(0.2)
        assert _running(proc.pid) and proc.poll() is None
        assert not marker.exists(), "anaconda-cleanup ran as root for a user's script"
    finally:
        shutil.rmtree(folder)


def test_anaconda_started_for_another_pkexec_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[subprocess.Popen[bytes]],
) -> None:
    monkeypatch.setenv("VEILOR_BIN_DIR", str(tmp_path))
    anaconda = _script(tmp_path, "anaconda")
    proc = subprocess.Popen([str(anaconda), "--cmdline", "--kickstart=/run/veilor/ks.cfg"],
                            start_new_session=True, env={**os.environ, "PKEXEC_UID": "1001"})
    started.append(proc)
    _wait_for_cmdline(proc.pid)
    assert anaconda_stop.anaconda_argv(proc.pid, caller="1000") is None
    assert anaconda_stop.anaconda_argv(proc.pid, caller="1001") is not None
