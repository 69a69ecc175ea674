"""core.install.job, the one install job, driven with plain pytest against the fake programs:
a dry run writes and checks the kickstart, a live run goes through Anaconda, a failed check
stops before it, a cancel stops wherever it is, and the secrets never stay in the runtime
folder, whatever stopped the job."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.answers import base_answers
from helpers.system import install_fakes, local_registry, wait_until, write_policy

from veilor_installer.core.install import preflight
from veilor_installer.core.install.anaconda import AnacondaRunner, Ended, Event, Outcome
from veilor_installer.core.install.answers import answers_from_mapping, build_plan
from veilor_installer.core.install.job import (
    Cancelled,
    ChecksFailed,
    InstallJob,
    Ran,
    Stage,
    Written,
    build_kickstart,
    write_kickstart,
)
from veilor_installer.core.install.kickstart import WrittenKickstart
from veilor_installer.core.install.machine import Machine, load_machine
from veilor_installer.core.install.plan import InstallPlan
from veilor_installer.core.install.requirements import Check
from veilor_installer.demo.system import Fakes


@pytest.fixture
def plan(machine_file: Path) -> InstallPlan:
    return build_plan(answers_from_mapping(base_answers()), load_machine(str(machine_file)))


@pytest.fixture
def reread(machine_file: Path) -> Callable[[], Machine]:
    def read() -> Machine:
        return load_machine(str(machine_file))

    return read


def _nothing_left(fakes: Fakes) -> None:
    assert not (fakes.runtime_dir / "secrets.ks").exists()
    assert not (fakes.runtime_dir / "ks.cfg").exists()


def test_build_kickstart_names_the_folder_it_is_written_to(
    tmp_path: Path, plan: InstallPlan,
) -> None:
    runtime = tmp_path / "run-veilor"
    dry = build_kickstart(plan, output_dir=str(tmp_path / "out"))
    live = build_kickstart(plan, output_dir=None)
    assert dry.secrets_path == str(tmp_path / "out" / "secrets.ks")
    assert live.secrets_path == str(runtime / "secrets.ks")
    # the %onerror marker is in the runtime folder either way
    assert f"{runtime}/install-failed" in dry.main and f"{runtime}/install-failed" in live.main


def test_write_kickstart_writes_both_files_private(tmp_path: Path, plan: InstallPlan) -> None:
    written = write_kickstart(plan, str(tmp_path / "out"))
    assert written.ks_path.stat().st_mode & 0o777 == 0o600
    assert written.secrets_path.stat().st_mode & 0o777 == 0o600
    assert plan.passphrase.reveal() not in written.ks_path.read_text()


def test_a_dry_run_without_preflight_writes_and_starts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)
    checks: list[Check] = []
    out = tmp_path / "out"
    end = InstallJob(plan, live=False, preflight=False, output_dir=str(out),
                     on_check=checks.append).run()
    assert isinstance(end, Written)
    assert end.plan is plan and end.kickstart.ks_path == out / "ks.cfg"
    assert end.runtime_dir == str(fakes.runtime_dir)
    assert checks == []  # no pre-flight, and no kickstart check either
    assert fakes.calls() == []
    _nothing_left(fakes)


def test_a_dry_run_with_preflight_checks_and_writes_the_pinned_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
    reread: Callable[[], Machine],
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)
    write_policy(tmp_path, monkeypatch)
    checks: list[Check] = []
    with local_registry(monkeypatch):
        end = InstallJob(plan, live=False, output_dir=str(tmp_path / "out"),
                         read_machine=reread, on_check=checks.append).run()
    assert isinstance(end, Written)
    assert all(c.passed for c in checks if c.required)
    assert checks[-1].key == "kickstart"
    assert "@sha256:" in end.plan.image.ref and "@sha256:" not in plan.image.ref
    assert end.plan.image.ref in (tmp_path / "out" / "ks.cfg").read_text()
    assert fakes.calls("anaconda") == []


def test_preflight_without_a_machine_reader_is_refused(plan: InstallPlan, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="read_machine"):
        InstallJob(plan, live=False, output_dir=str(tmp_path)).run()


def test_a_live_run_reports_and_ends_with_the_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)
    events: list[Event] = []
    started: list[AnacondaRunner] = []

    def on_started(runner: AnacondaRunner) -> None:
        assert (fakes.runtime_dir / "secrets.ks").exists()  # written, Anaconda not yet run
        assert fakes.calls("anaconda") == []
        started.append(runner)

    job = InstallJob(plan, live=True, preflight=False, on_event=events.append,
                     on_started=on_started)
    end = job.run()
    assert isinstance(end, Ran)
    assert end.result.succeeded and end.runner is started[0] is job.runner
    assert isinstance(events[-1], Ended) and events[-1].result is end.result
    end.runner.stop()  # Anaconda waits for Enter: not restarted by a test
    _nothing_left(fakes)


def test_a_failed_preflight_starts_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
    reread: Callable[[], Machine],
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)
    write_policy(tmp_path, monkeypatch)
    monkeypatch.setenv("VEILOR_CONTAINERS_POLICY", str(tmp_path / "absent.json"))
    with local_registry(monkeypatch):
        end = InstallJob(plan, live=True, read_machine=reread).run()
    assert isinstance(end, ChecksFailed) and end.stage is Stage.PREFLIGHT
    assert [c.key for c in end.failures] == ["signature-policy"]
    assert fakes.calls("anaconda") == []
    _nothing_left(fakes)


def test_a_failed_kickstart_check_deletes_the_written_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
    reread: Callable[[], Machine],
) -> None:
    """ks.cfg readable by others (as if its mode changed under us) fails the real check."""
    fakes = install_fakes(tmp_path, monkeypatch)
    write_policy(tmp_path, monkeypatch)
    real_check = preflight.check_kickstart

    def loosened(written: WrittenKickstart, plan: InstallPlan, *, runtime_dir: str) -> Check:
        written.ks_path.chmod(0o644)
        return real_check(written, plan, runtime_dir=runtime_dir)

    monkeypatch.setattr(preflight, "check_kickstart", loosened)
    with local_registry(monkeypatch):
        job = InstallJob(plan, live=True, read_machine=reread)
        end = job.run()
    assert isinstance(end, ChecksFailed) and end.stage is Stage.KICKSTART
    assert "can be read by other users" in str(end.failures[0].detail)
    assert fakes.calls("anaconda") == []
    _nothing_left(fakes)


def test_cancelled_before_the_files_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)
    job = InstallJob(plan, live=True, preflight=False)
    job.cancel()
    assert isinstance(job.run(), Cancelled)
    assert job.cancelled and job.runner is None
    assert fakes.calls() == []
    _nothing_left(fakes)


def test_cancelled_during_the_run_kills_anaconda(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch, mode="hang")
    monkeypatch.setenv("VEILOR_ANACONDA_STALL_TIMEOUT", "600")
    job = InstallJob(plan, live=True, preflight=False)
    ends: list[object] = []
    worker = threading.Thread(target=lambda: ends.append(job.run()))
    worker.start()
    try:
        assert wait_until(lambda: fakes.event("hung") is not None, timeout=20)
        job.cancel()
        worker.join(timeout=30)
    finally:
        if job.runner is not None:
            job.runner.stop()
        worker.join(timeout=20)
    end = ends[0]
    assert isinstance(end, Ran) and end.result.outcome is Outcome.CANCELLED
    assert not end.runner.anaconda_running
    _nothing_left(fakes)


def test_an_error_before_anaconda_starts_leaves_no_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)

    def broken(runner: AnacondaRunner) -> None:
        raise RuntimeError("a display that broke")

    job = InstallJob(plan, live=True, preflight=False, on_started=broken)
    with pytest.raises(RuntimeError, match="broke"):
        job.run()
    assert fakes.calls("anaconda") == []
    _nothing_left(fakes)
