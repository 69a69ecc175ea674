"""The runner in a live session (DESIGN §11) against the fake anaconda: nothing restarts the
computer behind the person's back, and it restarts through the helper when they choose. The
fake plays both system types Anaconda may take itself for (research/anaconda.md §3.1-3.2:
without --liveinst Anaconda 43 says boot.iso, and its exit handler restarts the computer)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from helpers.answers import base_answers
from helpers.leaks import assert_bundle_clean, assert_no_secret_in_argv
from helpers.system import install_fakes, wait_until

from veilor_installer import helper
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.helper import protocol
from veilor_installer.core.install import anaconda as anaconda_module
from veilor_installer.core.install.anaconda import (
    AnacondaRunner,
    Environment,
    InstallResult,
    Outcome,
    detect_environment,
)
from veilor_installer.core.install.answers import answers_from_mapping, build_plan
from veilor_installer.core.install.machine import load_machine
from veilor_installer.core.install.plan import InstallPlan
from veilor_installer.demo.programs import install_programs
from veilor_installer.demo.system import Fakes


@pytest.fixture
def plan(machine_file: Path) -> InstallPlan:
    return build_plan(answers_from_mapping(base_answers()), load_machine(str(machine_file)))


def _live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, *, system: str,
          speed: float = 0.01) -> Fakes:
    fakes = install_fakes(tmp_path, monkeypatch, mode=mode, speed=speed, environment="live")
    install_programs(fakes.bin_dir, {"systemctl": "fake_systemctl.py"})
    monkeypatch.setenv("VEILOR_FAKE_ANACONDA_SYSTEM", system)
    return fakes


def _runner(plan: InstallPlan) -> AnacondaRunner:
    return AnacondaRunner(plan, use_pkexec=False, poll_interval=0.05)


def _helper_restarted(fakes: Fakes) -> bool:
    return (fakes.fake_dir / "systemctl-rebooted").exists()


def test_environment_is_a_boot_iso_only_with_a_buildstamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VEILOR_ENVIRONMENT", raising=False)
    assert detect_environment(str(tmp_path)) is Environment.LIVE
    (tmp_path / ".buildstamp").write_text("[Main]\nProduct=Fedora\n")
    assert detect_environment(str(tmp_path)) is Environment.BOOT_ISO
    monkeypatch.setenv("VEILOR_ENVIRONMENT", "live")
    assert detect_environment(str(tmp_path)) is Environment.LIVE
    monkeypatch.setenv("VEILOR_ENVIRONMENT", "usb")
    with pytest.raises(OperationFailed, match="VEILOR_ENVIRONMENT"):
        detect_environment(str(tmp_path))


@pytest.mark.parametrize("system", ["live", "boot-iso"])
def test_live_success_restarts_through_the_helper_when_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan, system: str,
) -> None:
    fakes = _live(tmp_path, monkeypatch, "success", system=system)
    runner = _runner(plan)
    result = runner.run()
    assert result.succeeded and result.environment is Environment.LIVE
    assert result.anaconda_running and result.restarts_in is None
    assert not _helper_restarted(fakes) and not fakes.rebooted

    runner.reboot()
    assert runner.wait(20) == 0
    assert fakes.input() == "enter", "Anaconda was let end its own way first"
    assert _helper_restarted(fakes) and runner.restart_problem == ""
    assert fakes.rebooted == (system == "boot-iso")
    with pytest.raises(OperationFailed, match="already"):
        runner.reboot()
    assert_no_secret_in_argv(fakes)


@pytest.mark.parametrize("system", ["live", "boot-iso"])
def test_live_payload_failure_restarts_nothing_by_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan, system: str,
) -> None:
    # speed 0.2: the fake sleeps 36 s before its exit (and, as a boot.iso, its restart)
    fakes = _live(tmp_path, monkeypatch, "payload-fail", system=system, speed=0.2)
    runner = _runner(plan)
    result = runner.run()
    assert result.outcome is Outcome.FAILED and result.environment is Environment.LIVE
    assert not result.anaconda_running and result.restarts_in is None
    assert "Nothing restarts the computer by itself" in str(result.next_steps)
    assert "restarts the computer in about" not in str(result.next_steps)
    assert "no such host" in result.reason
    assert fakes.calls("anaconda-cleanup"), "anaconda-cleanup tidies up after the stop"
    assert "program.log" in assert_bundle_clean(result.log_dir)
    assert not runner.anaconda_running and not fakes.rebooted and not _helper_restarted(fakes)

    runner.reboot()  # the person chooses to restart, from the failure page
    runner.wait(20)
    assert _helper_restarted(fakes) and not fakes.rebooted


@pytest.mark.warning_log("the failure under test is logged as a warning")
def test_live_failure_that_cannot_be_stopped_says_it_may_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    """Anaconda runs as root and even the helper may not stop it: never claim it won't."""
    fakes = _live(tmp_path, monkeypatch, "payload-fail", system="boot-iso", speed=0.2)
    monkeypatch.setenv("VEILOR_FAKE_PKEXEC", "deny")
    real_killpg = os.killpg

    def refused(pid: int, sig: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "killpg", refused)
    runner = _runner(plan)
    results: list[InstallResult] = []
    worker = threading.Thread(target=lambda: results.append(runner.run()))
    worker.start()
    try:
        worker.join(timeout=30)
        assert results
        result = results[0]
        assert result.outcome is Outcome.FAILED and result.anaconda_running
        assert result.restarts_in == anaconda_module.FAILURE_SLEEP_S
        assert "may restart the computer in about 3 minutes" in str(result.next_steps)
    finally:
        monkeypatch.setattr(os, "killpg", real_killpg)
        runner.stop()
        worker.join(timeout=20)
    assert wait_until(lambda: not runner.anaconda_running)
    assert not fakes.rebooted


def test_boot_iso_success_still_leaves_the_restart_to_anaconda(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch, mode="success")
    install_programs(fakes.bin_dir, {"systemctl": "fake_systemctl.py"})
    runner = _runner(plan)
    result = runner.run()
    assert result.succeeded and result.environment is Environment.BOOT_ISO
    runner.reboot()
    assert runner.wait(10) == 0
    assert fakes.rebooted and not _helper_restarted(fakes)


def test_helper_restart_action_takes_no_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)
    install_programs(fakes.bin_dir, {"systemctl": "fake_systemctl.py"})
    assert "restart" in protocol.ACTIONS
    bad = helper.handle({"action": "restart", "when": "now"})
    assert not bad.ok and "not a field of restart" in str(bad.reason)
    assert not _helper_restarted(fakes)
    assert helper.handle({"action": "restart"}).ok
    assert _helper_restarted(fakes)
    assert fakes.calls("systemctl")[-1]["argv"][1:] == ["reboot"]


@pytest.mark.parametrize("reboot", [False, True], ids=["keep-running", "reboot"])
def test_command_line_live_failure_restarts_only_with_consent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    machine_file: Path, reboot: bool,
) -> None:
    from helpers.answers import write_answers

    from veilor_installer.cli import main

    fakes = _live(tmp_path, monkeypatch, "payload-fail", system="boot-iso", speed=0.2)
    answers = write_answers(tmp_path / "answers.toml", base_answers())
    argv = ["install", "--no-gui", "--live", "--answers", str(answers), "--machine",
            str(machine_file), "--skip-preflight", *(["--reboot"] if reboot else [])]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "Nothing restarts the computer by itself" in out
    assert ("Restarting the computer" in out) is reboot
    assert _helper_restarted(fakes) is reboot
    assert not fakes.rebooted, "Anaconda's own restart never ran"


# --- the live session's preparations, through the helper (what liveinst does) ---------------


def _selinux(fakes: Fakes) -> str:
    path = fakes.fake_dir / "selinux"
    return path.read_text().strip() if path.exists() else "Enforcing"


@pytest.mark.parametrize("mode", ["success", "payload-fail"])
def test_live_install_is_prepared_by_the_helper_and_undone_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan, mode: str,
) -> None:
    fakes = _live(tmp_path, monkeypatch, mode, system="live")
    seen: dict[str, str] = {}

    def at_start(event: object) -> None:  # SELinux while Anaconda runs
        seen.setdefault("during", _selinux(fakes))

    runner = AnacondaRunner(plan, use_pkexec=False, poll_interval=0.05, on_event=at_start)
    result = runner.run()
    assert result.succeeded == (mode == "success")
    assert seen["during"] == "Permissive", "Anaconda ran with SELinux permissive, as liveinst"
    assert [c["argv"][1:] for c in fakes.calls("modprobe")][:2] == [["raid0"], ["raid1"]]
    assert _selinux(fakes) == "Enforcing", "put back once Anaconda ended"
    assert [c["argv"][1:] for c in fakes.calls("setenforce")] == [["0"], ["1"]]
    assert not (tmp_path / "live-state" / "selinux.json").exists()


def test_a_boot_iso_is_not_prepared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch, mode="success", environment="boot-iso")
    assert _runner(plan).run().succeeded
    assert fakes.calls("modprobe") == [] and fakes.calls("setenforce") == []


def test_a_failed_preparation_starts_no_anaconda_and_undoes_what_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _live(tmp_path, monkeypatch, "success", system="live")
    # anaconda-cleanup is not installed: a warning, not a failure; a setenforce that fails is
    (fakes.bin_dir / "setenforce").write_text("#!/bin/sh\necho 'setenforce: no policy' >&2\n"
                                              "exit 1\n")
    result = _runner(plan).run()
    assert result.outcome is Outcome.NOT_STARTED
    assert "could not be prepared" in result.reason
    assert fakes.calls("anaconda") == [], "Anaconda was not started"
    assert_no_secret_in_argv(fakes)
