"""core.private, the review's points: where the runtime folder is (root's /run/veilor, a user's
$XDG_RUNTIME_DIR/veilor), folders it did not make are never chmod-ed, a folder of another user
has nothing of ours to shred, and the parents it makes are never reached through a link."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import TEST_MACHINE, base_answers, write_answers

from veilor_installer.cli import main
from veilor_installer.cli.install import remove_stale_kickstart
from veilor_installer.core import private
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.install.anaconda import AnacondaRunner, Environment
from veilor_installer.core.install.answers import answers_from_mapping, build_plan
from veilor_installer.core.install.machine import machine_from_json

IS_ROOT = os.geteuid() == 0  # asked once: some tests play another user's euid
ROOT_ONLY = pytest.mark.skipif(not IS_ROOT, reason="needs root (chown)")
USER = 4711  # a user who is not root, played by this process


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


# --- the runtime folder -------------------------------------------------------------------------


@pytest.fixture
def as_user(monkeypatch: pytest.MonkeyPatch) -> int:
    """This process as user USER for ``private`` (only its euid is asked), no override."""
    monkeypatch.delenv("VEILOR_RUNTIME_DIR", raising=False)
    monkeypatch.delenv("PKEXEC_UID", raising=False)
    monkeypatch.setattr(private.os, "geteuid", lambda: USER)
    return USER


def _xdg(tmp_path: Path, uid: int, mode: int = 0o700) -> Path:
    """The user's runtime folder, as logind makes it (/run/user/UID, the user's, 0700)."""
    xdg = tmp_path / "run" / "user" / str(uid)
    xdg.mkdir(parents=True)
    xdg.chmod(mode)
    if IS_ROOT:
        os.chown(xdg, uid, uid)
    return xdg


@ROOT_ONLY
def test_a_user_keeps_the_runtime_files_in_the_sessions_runtime_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_user: int,
) -> None:
    """The live wizard runs as liveuser, who cannot make /run/veilor: its folder is
    $XDG_RUNTIME_DIR/veilor, for the kickstart, the runner and the CLI alike."""
    xdg = _xdg(tmp_path, as_user)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(xdg) + "/")
    assert private.runtime_dir() == str(xdg / "veilor")
    plan = build_plan(answers_from_mapping(base_answers()), machine_from_json(TEST_MACHINE))
    runner = AnacondaRunner(plan, environment=Environment.BOOT_ISO)
    assert runner.runtime_dir == str(xdg / "veilor")


@ROOT_ONLY
@pytest.mark.parametrize("how", ["unset", "relative", "missing", "open", "others", "link"])
def test_no_private_session_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_user: int, how: str,
) -> None:
    xdg = _xdg(tmp_path, as_user, 0o755 if how == "open" else 0o700)
    words = "is not this user's own private folder"
    if how == "unset":
        monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
        words = "XDG_RUNTIME_DIR is not set"
    elif how == "relative":
        monkeypatch.setenv("XDG_RUNTIME_DIR", "run/user/4711")
        words = "XDG_RUNTIME_DIR is not set"
    elif how == "missing":
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "gone"))
        words = "does not exist"
    elif how == "others":
        os.chown(xdg, 0, 0)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(xdg))
    elif how == "link":
        (tmp_path / "link").symlink_to(xdg)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "link"))
    else:
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(xdg))
    with pytest.raises(OperationFailed, match=words):
        private.runtime_dir()


def test_root_and_the_helper_keep_run_veilor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Root's folder stays /run/veilor (the helper's, 0755, the mesh key's), whatever the
    caller's session says; through pkexec the development override is ignored too."""
    monkeypatch.setattr(private.os, "geteuid", lambda: 0)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.delenv("VEILOR_RUNTIME_DIR", raising=False)
    assert private.runtime_dir() == "/run/veilor"
    monkeypatch.setenv("VEILOR_RUNTIME_DIR", str(tmp_path / "mine"))
    assert private.runtime_dir() == str(tmp_path / "mine")
    monkeypatch.setenv("PKEXEC_UID", "1000")
    assert private.runtime_dir() == "/run/veilor"
    from veilor_installer import helper

    assert helper._runtime_dir() == "/run/veilor"


def test_a_dry_run_without_a_session_folder_does_not_fail(
    monkeypatch: pytest.MonkeyPatch, as_user: int,
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    remove_stale_kickstart()  # nothing to remove, nothing raised


# --- folders we did not make --------------------------------------------------------------------


def _kickstart(tmp_path: Path, output: Path) -> int:
    answers = write_answers(tmp_path / "answers.toml", base_answers())
    answers.chmod(0o600)
    return main(["kickstart", "--answers", str(answers), "--demo", "--output", str(output)])


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o711])
def test_kickstart_into_an_existing_folder_leaves_its_mode(
    tmp_path: Path, mode: int, capsys: pytest.CaptureFixture[str],
) -> None:
    """``kickstart --output ~``: the home folder keeps its mode; the files are 0600."""
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(mode)
    assert _kickstart(tmp_path, home) == 0, capsys.readouterr().err
    assert _mode(home) == mode
    assert _mode(home / "ks.cfg") == 0o600 and _mode(home / "secrets.ks") == 0o600


def test_a_folder_the_kickstart_makes_is_0700(tmp_path: Path) -> None:
    assert _kickstart(tmp_path, tmp_path / "new" / "out") == 0
    assert _mode(tmp_path / "new" / "out") == 0o700 and _mode(tmp_path / "new") == 0o755


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o1777])
def test_an_existing_folder_others_can_write_is_refused_as_it_is(
    tmp_path: Path, mode: int, capsys: pytest.CaptureFixture[str],
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    assert _kickstart(tmp_path, shared) == 1
    err = capsys.readouterr().err
    assert f"can be written by other users (mode {mode:04o})" in err and "Traceback" not in err
    assert _mode(shared) == mode and os.listdir(shared) == []


@ROOT_ONLY
def test_an_existing_folder_of_another_user_is_refused_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    os.chown(theirs, 65534, 65534)
    assert _kickstart(tmp_path, theirs) == 1
    assert "belongs to user 65534" in capsys.readouterr().err
    assert _mode(theirs) == 0o755 and os.listdir(theirs) == []


def test_a_private_folder_that_exists_is_not_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir(mode=0o750)
    folder.chmod(0o750)
    with private.private_folder(folder) as opened:
        opened.write("secret", "x")
    assert _mode(folder) == 0o750 and _mode(folder / "secret") == 0o600


# --- a runtime folder of another user -----------------------------------------------------------


@ROOT_ONLY
def test_a_runtime_folder_of_another_user_has_nothing_of_ours_to_shred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    """/run/veilor made by the helper (root's) seen by a user's run: skipped quietly."""
    run = tmp_path / "run-veilor"
    run.mkdir(mode=0o755)
    (run / "ks.cfg").write_text("theirs\n")
    os.chown(run, 65534, 65534)
    monkeypatch.setenv("VEILOR_RUNTIME_DIR", str(run))
    with caplog.at_level(logging.INFO, logger="veilor.private"):
        assert private.shred_in(run, ("secrets.ks", "ks.cfg")) == []
        remove_stale_kickstart()
    assert (run / "ks.cfg").read_text() == "theirs\n"
    assert "belongs to user 65534: nothing of ours" in caplog.text


@ROOT_ONLY
def test_install_demo_runs_beside_a_runtime_folder_of_another_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """``install --demo`` once the helper has made /run/veilor: no "belongs to user 0"."""
    run = tmp_path / "run-veilor"
    run.mkdir(mode=0o755)
    os.chown(run, 65534, 65534)
    monkeypatch.setenv("VEILOR_RUNTIME_DIR", str(run))
    started: list[dict[str, Any]] = []

    def run_install(*args: Any, **kwargs: Any) -> int:
        started.append(kwargs)
        return 0

    import veilor_installer.gui.app as app

    monkeypatch.setattr(app, "run_install", run_install)
    assert main(["install", "--demo"]) == 0, capsys.readouterr().err
    assert started and started[0]["dry_run"] is True
    assert "belongs to user" not in capsys.readouterr().err


# --- parents made without following a link -----------------------------------------------------


def test_a_link_swapped_in_after_mkdir_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Someone swaps the parent just made for a link to their folder: it is neither chmod-ed
    nor written into; the whole call is refused."""
    target = tmp_path / "target"
    target.mkdir(mode=0o700)
    target.chmod(0o700)
    real_mkdir = os.mkdir
    swapped: list[str] = []

    def mkdir(path: Any, mode: int = 0o777, *, dir_fd: int | None = None) -> None:
        real_mkdir(path, mode, dir_fd=dir_fd)
        if os.path.basename(os.fspath(path)) == "a" and not swapped:
            swapped.append(os.fspath(path))
            os.rmdir(path, dir_fd=dir_fd)
            os.symlink(target, path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "mkdir", mkdir)
    with pytest.raises(OperationFailed, match="a symbolic link"):
        private.private_folder(tmp_path / "a" / "b" / "c")
    assert swapped
    assert _mode(target) == 0o700 and os.listdir(target) == []


def test_missing_parents_are_0755_under_any_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        private.private_folder(tmp_path / "x" / "y" / "z").close()
    finally:
        os.umask(old)
    assert _mode(tmp_path / "x") == 0o755 and _mode(tmp_path / "x" / "y") == 0o755
    assert _mode(tmp_path / "x" / "y" / "z") == 0o700
