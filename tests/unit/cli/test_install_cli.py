"""``veilor-installer install --no-gui``: every ending through the command line against the
fake anaconda, pre-flight failures that stop before Anaconda starts, the dry run, and the
terminal (a progress bar and the restart question on a TTY)."""

from __future__ import annotations

import copy
import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import TEST_MACHINE, base_answers, write_answers
from helpers.leaks import assert_bundle_clean, assert_no_secret, assert_no_secret_in_argv
from helpers.paths import REPO
from helpers.system import install_fakes, local_registry, write_policy

from veilor_installer.cli import main
from veilor_installer.demo.system import Fakes


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    return write_answers(tmp_path / "answers.toml", base_answers())


def _live(answers: Path, machine_file: Path, *extra: str) -> list[str]:
    return ["install", "--no-gui", "--live", "--answers", str(answers), "--machine",
            str(machine_file), *extra]


def _logs(out: str) -> str:
    found = re.search(r"Logs:\s+(\S+)", out)
    assert found, "the command did not say where the logs are"
    return found.group(1)


def _finished_within(fakes: Fakes, signal: str, seconds: float = 10.0) -> None:
    row = fakes.event(signal)
    assert row is not None, f"the fake never signalled {signal}"
    assert time.time() - row["t"] <= seconds


def _secrets_gone(fakes: Fakes) -> None:
    assert not (fakes.runtime_dir / "secrets.ks").exists()
    assert not (fakes.runtime_dir / "ks.cfg").exists()


# --- every ending, pre-flight skipped ---------------------------------------------------------


@pytest.mark.parametrize(("mode", "speed", "extra", "code", "signal", "words", "rebooted"), [
    ("success", 0.01, (), 0, "complete", "veilor-os is installed", False),
    ("success", 0.01, ("--reboot",), 0, "complete", "Restarting the computer", True),
    ("payload-fail", 0.2, (), 1, "failed", "no such host", False),
    ("payload-fail", 0.01, ("--reboot",), 1, "failed", "already partitioned", True),
    ("reject", 0.01, (), 1, "rejected", "Nothing was changed", False),
    ("crash", 0.01, (), 1, "crashed", "Anaconda stopped unexpectedly (exit code 1)", False),
    ("hang", 0.01, (), 1, "hung", "Anaconda stopped responding", False),
])
@pytest.mark.warning_log("the failure under test is logged as a warning")
def test_every_ending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    answers: Path, machine_file: Path, mode: str, speed: float, extra: tuple[str, ...],
    code: int, signal: str, words: str, rebooted: bool,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch, mode=mode, speed=speed)
    # The hang must come after the fake's start (Python, pykickstart, the kickstart read),
    # which took over 1 s on a loaded 2-core machine (the target lane): a 1 s stall then
    # stopped it before it reached the payload and signalled "hung".
    stall = 3.0 if mode == "hang" else 1.0
    monkeypatch.setenv("VEILOR_ANACONDA_STALL_TIMEOUT", str(int(stall)))
    assert main(_live(answers, machine_file, "--skip-preflight", *extra)) == code
    out, err = capsys.readouterr()
    # within 10 s of the fake's signal, plus the 180 s sleep (scaled) when it may restart,
    # plus the silence that makes a stall
    allowance = 10.0 + (180 * speed if rebooted and mode != "success" else 0) + (
        stall if mode == "hang" else 0)
    _finished_within(fakes, signal, allowance)
    assert words in out
    assert "WARNING: --skip-preflight" in err and "NOT checked" in err
    assert fakes.rebooted is rebooted
    assert ("veilor-os is installed" in out) is (mode == "success")
    _secrets_gone(fakes)
    assert_bundle_clean(_logs(out))
    assert_no_secret(out + err)
    assert_no_secret_in_argv(fakes)
    if mode == "success" and not rebooted:
        assert "will not restart by itself" in out and fakes.calls("anaconda-cleanup")


def test_plain_lines_without_a_tty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    answers: Path, machine_file: Path,
) -> None:
    install_fakes(tmp_path, monkeypatch)
    assert main(_live(answers, machine_file, "--skip-preflight")) == 0
    out = capsys.readouterr().out
    assert "\r" not in out and "\x1b[" not in out
    assert re.search(r"^\[\s*\d+%\] Configuring storage$", out, re.MULTILINE)


# --- with pre-flight against the fakes ----------------------------------------------------------


def test_live_with_preflight_installs_the_pinned_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    answers: Path, machine_file: Path,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)
    write_policy(tmp_path, monkeypatch)
    with local_registry(monkeypatch):
        assert main(_live(answers, machine_file, "--reboot")) == 0
    out, err = capsys.readouterr()
    assert "WARNING" not in err
    assert "ok    Image:" in out and "ok    Kickstart:" in out
    kickstart = next(r for r in fakes.calls("anaconda") if r.get("event") == "kickstart")
    assert re.fullmatch(r"ghcr\.io/veilor/veilor-os@sha256:[0-9a-f]{64}", kickstart["url"])
    assert fakes.rebooted
    assert_no_secret_in_argv(fakes)


def _mounted_machine(tmp_path: Path) -> Path:
    data = copy.deepcopy(TEST_MACHINE)
    data["disks"][0]["partitions"] = [{"name": "nvme0n1p1", "size_bytes": 10**9, "fstype": "ext4",
                                       "label": None, "mountpoints": ["/run/media/live/x"]}]
    path = tmp_path / "machine-mounted.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("problem", ["registry unreachable", "signature policy missing",
                                     "disk mounted"])
def test_preflight_failure_stops_before_anaconda(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    answers: Path, machine_file: Path, problem: str,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)
    write_policy(tmp_path, monkeypatch)
    machine = machine_file
    with local_registry(monkeypatch):
        if problem == "registry unreachable":
            monkeypatch.setenv("VEILOR_REGISTRY_URL", "http://127.0.0.1:9")
            monkeypatch.setenv("VEILOR_FAKE_SKOPEO", "unreachable")
        elif problem == "signature policy missing":
            monkeypatch.setenv("VEILOR_CONTAINERS_POLICY", str(tmp_path / "absent.json"))
        else:
            machine = _mounted_machine(tmp_path)
        assert main(_live(answers, machine)) == 1
    out, err = capsys.readouterr()
    assert "FAIL" in out and "Nothing was changed" in err
    assert fakes.calls("anaconda") == []
    assert not (fakes.runtime_dir / "secrets.ks").exists()
    assert not fakes.rebooted


def test_dry_run_writes_the_pinned_kickstart_and_starts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    answers: Path, machine_file: Path,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)
    write_policy(tmp_path, monkeypatch)
    out_dir = tmp_path / "out"
    with local_registry(monkeypatch):
        assert main(["install", "--no-gui", "--answers", str(answers), "--machine",
                     str(machine_file), "--output", str(out_dir)]) == 0
    out = capsys.readouterr().out
    assert "Dry run: nothing was erased." in out
    assert f"anaconda --cmdline --kickstart={fakes.runtime_dir}/ks.cfg" in out
    assert "@sha256:" in (out_dir / "ks.cfg").read_text()
    assert (out_dir / "secrets.ks").stat().st_mode & 0o777 == 0o600
    assert fakes.calls("anaconda") == []


@pytest.mark.parametrize(("argv", "words"), [
    (["install", "--no-gui"], "--no-gui needs --answers"),
    (["install", "--no-gui", "--answers", "a.toml", "--reboot"], "--reboot is for --live"),
    (["install", "--demo", "--live"], "drop --demo"),
    (["install", "--demo", "--anaconda", "/bin/true"], "--anaconda is for --live"),
    (["install", "--live", "--reboot"], "--reboot is for unattended installs"),
    (["install", "--demo", "--answers", "a.toml"], "add --no-gui"),
])
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    assert main(argv) == 2
    assert words in capsys.readouterr().err


@pytest.mark.parametrize("command", ["install", "kickstart"])
@pytest.mark.parametrize(("section", "key", "value", "field"), [
    ("account", "username", "root", "account.username"),
    ("storage", "passphrase", "short", "storage.passphrase"),
    ("locale", "keyboard", "us ru", "locale.keyboard"),
    ("storage", "disks", ["nvme0n1", "nvme0n1"], "storage.disks[1]"),
])
def test_refusals_speak_the_environments_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    machine_file: Path, command: str, section: str, key: str, value: Any, field: str,
) -> None:
    """Bad answers are refused in the language of the environment (here the long
    pseudo-language: every translated text in brackets), one line naming the field, exit 2."""
    from veilor_installer.core import i18n

    answers = base_answers()
    answers[section][key] = value
    path = write_answers(tmp_path / "answers.toml", answers)
    argv = ([command, "--answers", str(path), "--machine", str(machine_file), "--output",
             str(tmp_path / "out")] + (["--no-gui"] if command == "install" else []))
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LC_ALL", "en_XA.UTF-8")
    try:
        assert main(argv) == 2
    finally:
        i18n.use("en")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("veilor-installer: [")
    assert field in err and err.rstrip().endswith("]")


# --- a terminal ---------------------------------------------------------------------------------


def _read_until(fd: int, pattern: str, deadline: float) -> str:
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if pattern.encode() in seen:
                break
    return seen.decode("utf-8", errors="replace")


@pytest.mark.parametrize(("answer", "rebooted"), [("y", True), ("n", False)])
def test_tty_progress_bar_and_restart_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: Path, machine_file: Path,
    answer: str, rebooted: bool,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch, speed=0.05)
    controller, terminal = pty.openpty()
    env: dict[str, Any] = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "veilor_installer", *_live(answers, machine_file,
                                                          "--skip-preflight")],
        stdin=terminal, stdout=terminal, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)
    os.close(terminal)
    try:
        deadline = time.monotonic() + 60
        seen = _read_until(controller, "Restart the computer now?", deadline)
        assert "Restart the computer now?" in seen, seen[-2000:]
        assert "\r\x1b[K[" in seen and "100.0%" in seen
        os.write(controller, f"{answer}\n".encode())
        seen += _read_until(controller, "\x00never", deadline)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(controller)
    assert fakes.rebooted is rebooted
    assert ("will not restart by itself" in seen) is not rebooted
    _secrets_gone(fakes)


def test_a_stale_secrets_file_is_overwritten_and_removed_at_the_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """A run killed with SIGKILL leaves secrets.ks in the runtime folder: the next start
    overwrites it (an open descriptor sees only zeros) and removes it."""
    runtime = Path(os.environ["VEILOR_RUNTIME_DIR"])
    runtime.mkdir(mode=0o700, parents=True)
    stale = "part / --encrypted --passphrase=\"stale passphrase 1234\"\n"
    (runtime / "secrets.ks").write_text(stale)
    (runtime / "ks.cfg").write_text("%include secrets.ks\n")
    with open(runtime / "secrets.ks", "rb") as held:
        assert main(["install", "--no-gui"]) == 2  # it stops at once: no answers given
        held.seek(0)
        assert held.read() == b"\0" * len(stale)
    assert sorted(os.listdir(runtime)) == []
    assert "removed secrets.ks left in" in capsys.readouterr().err
