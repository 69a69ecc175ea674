"""The Anaconda runner against the fake anaconda: every ending, the secrets removed, the log
bundle private and redacted, the disks' state said plainly, and nothing called a success that
was not one."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from helpers.answers import STRONG_PASSPHRASE, base_answers
from helpers.leaks import assert_bundle_clean, assert_no_secret, assert_no_secret_in_argv
from helpers.system import install_fakes, wait_until

from veilor_installer.core import commands
from veilor_installer.core.install.anaconda import (
    LOG_COMPLETE,
    AnacondaRunner,
    DiskState,
    Ended,
    Event,
    InstallResult,
    LogLines,
    Outcome,
    Progress,
    Step,
    Tracker,
    step_title,
)
from veilor_installer.core.install.answers import answers_from_mapping, build_plan
from veilor_installer.core.install.machine import load_machine
from veilor_installer.core.install.plan import InstallPlan
from veilor_installer.demo.system import Fakes


class Recorder:
    """Events with the wall-clock time they arrived (the fakes stamp their signals the same)."""

    def __init__(self) -> None:
        self.events: list[tuple[float, Event]] = []
        self._lock = threading.Lock()

    def __call__(self, event: Event) -> None:
        with self._lock:
            self.events.append((time.time(), event))

    def of(self, kind: type) -> list[object]:
        with self._lock:
            return [e for _, e in self.events if isinstance(e, kind)]

    def ended_at(self) -> float:
        with self._lock:
            return next(t for t, e in self.events if isinstance(e, Ended))

    def text(self) -> str:
        lines = [line for e in self.of(LogLines) for line in e.lines]  # type: ignore[attr-defined]
        return "\n".join(lines)


@pytest.fixture
def plan(machine_file: Path) -> InstallPlan:
    return build_plan(answers_from_mapping(base_answers()), load_machine(str(machine_file)))


def _fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str,
           speed: float = 0.01) -> Fakes:
    return install_fakes(tmp_path, monkeypatch, mode=mode, speed=speed)


def _runner(plan: InstallPlan, recorder: Recorder, **options: object) -> AnacondaRunner:
    options.setdefault("use_pkexec", False)
    options.setdefault("poll_interval", 0.05)
    return AnacondaRunner(plan, on_event=recorder, **options)  # type: ignore[arg-type]


def _assert_secrets_gone(fakes: Fakes) -> None:
    assert not (fakes.runtime_dir / "secrets.ks").exists()
    assert not (fakes.runtime_dir / "ks.cfg").exists()


def _assert_within(recorder: Recorder, fakes: Fakes, signal: str, seconds: float = 10.0) -> None:
    row = fakes.event(signal)
    assert row is not None, f"the fake never signalled {signal}"
    assert 0 <= recorder.ended_at() - row["t"] <= seconds


def _assert_clean(result: InstallResult, recorder: Recorder) -> list[str]:
    assert_no_secret(recorder.text())
    assert_no_secret(repr(result))
    return assert_bundle_clean(result.log_dir)


def test_success_waits_for_enter_and_reboot_sends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
    veilor_log: pytest.LogCaptureFixture,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "success")
    recorder = Recorder()
    runner = _runner(plan, recorder)
    result = runner.run()

    assert result.outcome is Outcome.SUCCEEDED and result.succeeded
    assert result.disks is DiskState.INSTALLED and result.exit_code is None
    assert result.anaconda_running and result.restarts_in is None
    _assert_within(recorder, fakes, "complete")
    _assert_secrets_gone(fakes)
    names = _assert_clean(result, recorder)
    assert {"anaconda.log", "program.log", "packaging.log", "storage.log",
            "anaconda-output.log", "veilor-installer.log", "README.txt"} <= set(names)
    assert Path(result.log_dir or "").parent == fakes.runtime_dir
    # Anaconda read the kickstart we wrote, secrets included through %include
    started = fakes.calls("anaconda")[0]
    assert started["argv"][1:] == ["--cmdline", f"--kickstart={fakes.runtime_dir}/ks.cfg"]
    kickstart = next(r for r in fakes.calls("anaconda") if r.get("event") == "kickstart")
    assert kickstart["encrypted_with_passphrase"] == 1
    assert kickstart["url"] == plan.image.ref
    # progress: steps in Anaconda's words, a percentage that never goes back and ends at 100
    steps = [e.title for e in recorder.of(Step)]  # type: ignore[attr-defined]
    assert "Configuring storage" in steps and "Installing." in steps
    percents = [e.percent for e in recorder.of(Progress)]  # type: ignore[attr-defined]
    assert percents == sorted(percents) and percents[-1] == 100.0 and len(percents) > 10
    assert not fakes.rebooted and fakes.input() is None

    runner.reboot()
    assert runner.wait(10) == 0
    assert fakes.input() == "enter" and fakes.rebooted
    assert_no_secret(veilor_log.text)
    assert_no_secret_in_argv(fakes)


def test_success_then_stop_leaves_the_computer_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "success")
    runner = _runner(plan, Recorder())
    assert runner.run().succeeded
    assert "will not restart" in str(runner.stop())
    assert not runner.anaconda_running
    assert not fakes.rebooted and fakes.input() is None
    assert fakes.calls("anaconda-cleanup"), "anaconda-cleanup tidies up after a kill"


def test_payload_failure_is_reported_at_once_not_after_the_sleep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    # speed 0.2: the fake sleeps 36 s after failing, so a runner waiting for the exit fails
    fakes = _fakes(tmp_path, monkeypatch, "payload-fail", speed=0.2)
    recorder = Recorder()
    runner = _runner(plan, recorder)
    result = runner.run()

    assert result.outcome is Outcome.FAILED and not result.succeeded
    _assert_within(recorder, fakes, "failed")
    assert result.anaconda_running and result.restarts_in == 180
    assert "no such host" in result.reason and "ostree container image deploy" in result.reason
    assert result.disks is DiskState.ERASED and "already partitioned" in str(result.disks_message)
    assert "restarts the computer in about 3 minutes" in str(result.next_steps)
    assert (fakes.runtime_dir / "install-failed").exists(), "the %onerror script ran for real"
    _assert_secrets_gone(fakes)
    names = _assert_clean(result, recorder)
    assert any(n.startswith("ks-script-") and n.endswith(".log") for n in names)
    assert "no such host" in (Path(result.log_dir or "") / "program.log").read_text()
    # the fake leaks the passphrase into storage.log: the bundle keeps the line, masked
    assert "new LUKS format with passphrase ********" in (
        Path(result.log_dir or "") / "storage.log").read_text()

    runner.stop()
    assert not runner.anaconda_running and not fakes.rebooted


def test_payload_failure_left_alone_restarts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "payload-fail", speed=0.01)
    runner = _runner(plan, Recorder())
    result = runner.run()
    assert result.outcome is Outcome.FAILED
    assert runner.wait(10) == 1
    assert fakes.rebooted


def test_rejected_kickstart_leaves_disks_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "reject")
    recorder = Recorder()
    result = _runner(plan, recorder).run()
    assert result.outcome is Outcome.REJECTED
    _assert_within(recorder, fakes, "rejected")
    assert result.disks is DiskState.UNTOUCHED
    assert "Nothing was changed" in str(result.disks_message)
    assert "no such option: --vckeymap" in result.reason
    _assert_secrets_gone(fakes)
    _assert_clean(result, recorder)
    assert not fakes.rebooted


def test_crash_is_not_success_and_its_traceback_is_masked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "crash")
    # An earlier run in the same live session left a successful anaconda.log behind.
    (fakes.log_dir / "anaconda.log").write_text(f"10:00:00,000 INF anaconda: {LOG_COMPLETE}\n")
    recorder = Recorder()
    result = _runner(plan, recorder).run()
    assert result.outcome is Outcome.CRASHED and not result.succeeded
    _assert_within(recorder, fakes, "crashed")
    assert result.exit_code == 1 and not result.anaconda_running
    assert "RuntimeError" in result.reason and "********" in result.reason
    assert result.disks is DiskState.UNTOUCHED  # it crashed before storage was configured
    names = _assert_clean(result, recorder)
    assert any(n.startswith("anaconda-tb-") for n in names)
    _assert_secrets_gone(fakes)


@pytest.mark.warning_log("the runner logs what went wrong with Anaconda")
def test_silence_is_a_stall_and_anaconda_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "hang")
    recorder = Recorder()
    result = _runner(plan, recorder, stall_timeout=1.0).run()
    assert result.outcome is Outcome.STALLED
    _assert_within(recorder, fakes, "hung", seconds=1.0 + 10.0)
    assert not result.anaconda_running
    assert result.disks is DiskState.ERASED  # it hung in the image pull, after storage
    assert fakes.calls("anaconda-cleanup")
    _assert_secrets_gone(fakes)
    _assert_clean(result, recorder)


def test_cancel_before_the_start_starts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "success")
    recorder = Recorder()
    runner = _runner(plan, recorder)
    runner.prepare()
    assert (fakes.runtime_dir / "secrets.ks").exists()
    assert (fakes.runtime_dir / "secrets.ks").stat().st_mode & 0o777 == 0o600
    assert fakes.runtime_dir.stat().st_mode & 0o777 == 0o700
    runner.cancel()
    result = runner.run()
    assert result.outcome is Outcome.CANCELLED and result.disks is DiskState.UNTOUCHED
    assert fakes.calls() == []
    _assert_secrets_gone(fakes)
    assert isinstance(recorder.of(Ended)[0], Ended)


def test_cancel_during_the_pull_kills_and_says_the_disks_are_erased(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "hang")
    recorder = Recorder()
    runner = _runner(plan, recorder, stall_timeout=600)
    results: list[InstallResult] = []
    worker = threading.Thread(target=lambda: results.append(runner.run()))
    worker.start()
    assert wait_until(lambda: fakes.event("hung") is not None, timeout=20)
    runner.cancel()
    worker.join(timeout=20)
    assert results and results[0].outcome is Outcome.CANCELLED
    assert results[0].disks is DiskState.ERASED and "gone" in str(results[0].disks_message)
    assert not runner.anaconda_running and not fakes.rebooted
    assert fakes.calls("anaconda-cleanup")
    _assert_secrets_gone(fakes)
    _assert_clean(results[0], recorder)


@pytest.mark.warning_log("the failure under test is logged as a warning")
@pytest.mark.parametrize("pkexec", ["allow", "deny"])
def test_anaconda_running_as_root_is_stopped_by_the_helper_or_said_to_run_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan, pkexec: str,
) -> None:
    """Through pkexec Anaconda runs as root and the GUI may not kill it: the privileged
    helper is asked. When it refuses (not authorised, or not Anaconda as installed), the
    result says so, never "stopped"."""
    from veilor_installer.core.install.anaconda import stop as anaconda_module

    fakes = _fakes(tmp_path, monkeypatch, "hang")
    if pkexec == "deny":
        monkeypatch.setenv("VEILOR_FAKE_PKEXEC", "deny")
    runner = _runner(plan, Recorder(), stall_timeout=600)
    real_killpg = os.killpg

    def refused(pid: int, sig: int) -> None:  # this process is not root's: as for the GUI
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(anaconda_module.os, "killpg", refused)
    results: list[InstallResult] = []
    worker = threading.Thread(target=lambda: results.append(runner.run()))
    worker.start()
    try:
        assert wait_until(lambda: fakes.event("hung") is not None, timeout=20)
        runner.cancel()
        worker.join(timeout=30)
        assert results
        calls = [c["argv"][1:] for c in fakes.calls("pkexec")]
        assert any(argv[0].endswith("veilor-installer-helper") for argv in calls)
        # Allowed, the helper runs elevated (PKEXEC_UID): it trusts only Anaconda as
        # installed on its fixed PATH, which the test's fake is not, so it refuses too
        # (test_anaconda_stop covers a stop it accepts).
        assert results[0].anaconda_running
        assert str(results[0].title) == "The installation could not be stopped"
        assert "still working" in str(results[0].next_steps)
        assert fakes.calls("anaconda-cleanup") == []
    finally:
        monkeypatch.setattr(anaconda_module.os, "killpg", real_killpg)
        runner.stop()  # the test cleans up for real
        worker.join(timeout=20)
    assert not runner.anaconda_running
    assert_no_secret_in_argv(fakes)


def test_an_unexpected_error_still_removes_the_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "hang")
    runner = _runner(plan, Recorder(), stall_timeout=600)

    def broken(*args: object) -> None:
        raise RuntimeError("a bug while following Anaconda")

    monkeypatch.setattr(runner, "_follow", broken)
    try:
        with pytest.raises(RuntimeError, match="a bug"):
            runner.run()
        _assert_secrets_gone(fakes)
    finally:
        runner.stop()
        proc = runner._proc  # the broken follower left its pipes open
        if proc is not None:
            for pipe in (proc.stdin, proc.stdout):
                if pipe is not None:
                    pipe.close()
            proc.wait(timeout=10)


def test_through_pkexec_when_not_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "success")
    runner = _runner(plan, Recorder(), use_pkexec=True)
    assert runner.run().succeeded
    pkexec = fakes.calls("pkexec")[0]["argv"]
    assert pkexec[1:] == [str(fakes.bin_dir / "anaconda"), "--cmdline",
                          f"--kickstart={fakes.runtime_dir}/ks.cfg"]
    runner.stop()
    assert [c["argv"][1] for c in fakes.calls("pkexec")][-1].endswith("anaconda-cleanup")
    assert_no_secret_in_argv(fakes)


def test_refused_authorisation_is_not_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "success")
    monkeypatch.setenv("VEILOR_FAKE_PKEXEC", "deny")
    result = _runner(plan, Recorder(), use_pkexec=True).run()
    assert result.outcome is Outcome.NOT_STARTED and result.disks is DiskState.UNTOUCHED
    assert "refused" in str(result.reason)
    assert fakes.calls("anaconda") == []
    _assert_secrets_gone(fakes)


def test_missing_anaconda_is_not_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "success")
    result = _runner(plan, Recorder(), anaconda=str(tmp_path / "no-anaconda")).run()
    assert result.outcome is Outcome.NOT_STARTED and "not an executable" in result.reason
    _assert_secrets_gone(fakes)


def test_an_exit_without_a_report_is_not_success(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = _fakes(tmp_path, monkeypatch, "success")
    silent = tmp_path / "bin" / "quiet-anaconda"
    silent.write_text("#!/bin/sh\nexit 0\n")
    silent.chmod(0o755)
    result = _runner(plan, Recorder(), anaconda=str(silent)).run()
    assert result.outcome is Outcome.CRASHED and result.exit_code == 0
    assert result.disks is DiskState.UNKNOWN  # no anaconda.log: nothing is known
    _assert_secrets_gone(fakes)


def test_no_secret_in_any_argument_list() -> None:
    from veilor_installer.core.commands import CommandError
    from veilor_installer.core.secret import Secret

    Secret(STRONG_PASSPHRASE)  # known to the redactor, as the plan's passphrase is
    with pytest.raises(CommandError, match="holds a secret"):
        commands.spawn(["true", f"--passphrase={STRONG_PASSPHRASE}"])
    with pytest.raises(CommandError, match="holds a secret"):
        commands.run(["true", STRONG_PASSPHRASE], timeout=5)
    # a secret passed by file is fine: only its path is in the list
    assert commands.run(["true", "--auth-key=file:/run/veilor/key"], timeout=5).ok


def test_runtime_folder_of_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    from veilor_installer.core.errors import OperationFailed
    from veilor_installer.core.private import private_folder

    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    private_folder(folder).close()
    # ours and nobody else may write: used as it is, never chmod-ed (it may be a home folder)
    assert folder.stat().st_mode & 0o777 == 0o755
    if os.geteuid() == 0:
        os.chown(folder, 65534, 65534)
        with pytest.raises(OperationFailed, match="belongs to user 65534"):
            private_folder(folder)


# --- reading the log and the output -------------------------------------------------------------


def _queue(tracker: Tracker, n: int, name: str, total: int = 20) -> None:
    tracker.log_line(f"10:00:00,000 INF anaconda.installation: Task started: {name} "
                     f"({n}/{total})")


def test_disk_state_follows_the_queue() -> None:
    tracker = Tracker()
    assert tracker.disk_state(log_readable=False) is DiskState.UNKNOWN
    assert tracker.disk_state(log_readable=True) is DiskState.UNTOUCHED
    _queue(tracker, 1, "Configure the installation environment")
    assert tracker.disk_state(log_readable=True) is DiskState.UNTOUCHED
    _queue(tracker, 2, "Create storage layout")
    assert tracker.disk_state(log_readable=True) is DiskState.ERASED
    _queue(tracker, 3, "Install the payload")
    _queue(tracker, 4, "Install the bootloader")
    assert tracker.disk_state(log_readable=True) is DiskState.ERASED
    _queue(tracker, 5, "Create users and groups")
    assert tracker.disk_state(log_readable=True) is DiskState.INCOMPLETE
    tracker.log_line(f"10:00:09,000 INF anaconda.installation: {LOG_COMPLETE}")
    assert tracker.disk_state(log_readable=True) is DiskState.INSTALLED


def test_percent_weights_the_pull_and_never_goes_back() -> None:
    tracker = Tracker()
    seen = [tracker.percent()]
    for n, name in enumerate(["Set up", "Create storage layout", "Install the payload"], 1):
        _queue(tracker, n, name, total=5)
        seen.append(tracker.percent())
    seen += [tracker.percent(f) for f in (0.1, 0.5, 0.9, 2.0)]
    for n, name in ((4, "Install the bootloader"), (5, "Create users and groups")):
        _queue(tracker, n, name, total=5)
        seen.append(tracker.percent())
    assert seen == sorted(seen) and seen[-1] < 100
    assert seen[3] == 20.0 and seen[7] == 77.0  # the pull is 60 % of the bar, capped at 95 %
    tracker.log_line(LOG_COMPLETE)
    assert tracker.percent() == 100.0


def test_translated_output_is_not_trusted_the_log_is() -> None:
    # With `lang de_DE.UTF-8` Anaconda prints German; its log stays English.
    tracker = Tracker()
    tracker.output_line("Installation abgeschlossen. Drücken Sie ENTER zum Beenden: ")
    assert not tracker.succeeded
    tracker.log_line(f"10:00:00,000 INF anaconda.installation: {LOG_COMPLETE}")
    assert tracker.succeeded
    failed = Tracker()
    failed.log_line("10:00:00,000 ERR anaconda: NonInteractiveError: Non interactive "
                    "installation failed: The command 'ostree …' exited with the code 1")
    assert failed.stopped and failed.log_error.startswith("The command 'ostree")


def test_step_titles_skip_the_banner_and_the_dots() -> None:
    assert step_title("Configuring storage") == "Configuring storage"
    assert step_title("...Installing.") == "Installing."
    for line in ("=" * 80, " * shell is available in TTY2", "...", "", "Progress",
                 "anaconda 43.48-1.fc43 for Fedora 43 started.",
                 "Installation complete. Press ENTER to quit: "):
        assert step_title(line) is None
