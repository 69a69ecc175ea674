"""One install job: plan → pre-flight → write the kickstart → check it → run Anaconda → result
(DESIGN §3). The command line (``kickstart``, ``install --no-gui``) and the wizard (the Summary
and Install pages) all go through here, with their differences as parameters; the job never
prints and knows nothing of Qt: it reports through callbacks and returns a typed end, which the
callers present.

A live run writes ``ks.cfg`` and ``secrets.ks`` into the private runtime folder, where Anaconda
reads them; whatever stops the job (a failed check, a cancel, an error, the end of the run),
they are removed before ``run`` returns. A dry run writes them into the output folder the person
named and leaves them there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from veilor_installer.core import private
from veilor_installer.core.commands import CommandNotFound
from veilor_installer.core.i18n import _
from veilor_installer.core.install import kickstart, preflight
from veilor_installer.core.install.anaconda import (
    AnacondaRunner,
    Event,
    InstallResult,
    describe_command,
)
from veilor_installer.core.install.kickstart import Kickstart, WrittenKickstart
from veilor_installer.core.install.machine import Machine
from veilor_installer.core.install.plan import InstallPlan
from veilor_installer.core.install.requirements import Check


class Stage(StrEnum):
    PREFLIGHT = "preflight"
    KICKSTART = "kickstart"


@dataclass(frozen=True)
class ChecksFailed:
    """Stopped before Anaconda: nothing was started, and nothing is left in the runtime
    folder. ``failures``: the failed required checks of that stage."""

    stage: Stage
    failures: tuple[Check, ...]


@dataclass(frozen=True)
class Written:
    """A dry run's end: the kickstart in the output folder (checked, unless pre-flight was
    skipped); ``plan`` is the one written (pinned to the inspected digest after pre-flight)."""

    plan: InstallPlan
    kickstart: WrittenKickstart
    runtime_dir: str
    """Where a live run would write the kickstart for Anaconda."""


@dataclass(frozen=True)
class Ran:
    """Anaconda ran (or was cancelled once prepared): its result, and the runner, which can
    still restart the computer or stop Anaconda."""

    result: InstallResult
    runner: AnacondaRunner


@dataclass(frozen=True)
class Cancelled:
    """Cancelled before Anaconda's files were written: nothing was written or started."""


JobEnd = ChecksFailed | Written | Ran | Cancelled


def build_kickstart(plan: InstallPlan, *, output_dir: str | None,
                    runtime_dir: str | None = None) -> Kickstart:
    """The kickstart for the folder it will be written to: ``output_dir`` (a dry run), or with
    None the runtime folder, where Anaconda reads it. Either way the ``%onerror`` marker is in
    the runtime folder (``runtime_dir``, or the one resolver's)."""
    rundir = runtime_dir or private.runtime_dir()
    return kickstart.build_for(plan, rundir if output_dir is None else output_dir,
                               runtime_dir=rundir)


def write_kickstart(plan: InstallPlan, output_dir: str, *,
                    runtime_dir: str | None = None) -> WrittenKickstart:
    """Build the kickstart and write both files (0600) into ``output_dir`` (0700)."""
    return kickstart.write(build_kickstart(plan, output_dir=output_dir, runtime_dir=runtime_dir),
                           output_dir)


def written_report(plan: InstallPlan, written: WrittenKickstart) -> str:
    """What a person reads after a kickstart was written to a folder: the plan, then where the
    two files went (the ``kickstart`` command and the headless demo print it)."""
    return plan.describe() + "\n\n" + _("Wrote {kickstart}\n  and {secrets} (holds the "
                                         "passphrase; delete it when done)").format(
        kickstart=written.ks_path, secrets=written.secrets_path)


def live_command(plan: InstallPlan, *, anaconda: str | None = None,
                 runtime_dir: str | None = None) -> str:
    """How a live run would start Anaconda, for a dry run to show; a program that is not
    installed here is named as given, followed by why."""
    runner = AnacondaRunner(plan, anaconda=anaconda, runtime_dir=runtime_dir)
    try:
        return describe_command(runner.command())
    except CommandNotFound as exc:
        return f"{describe_command(runner.command(resolve=False))}  ({exc})"


class InstallJob:
    """One attempt at an install, live or dry (see the module docstring).

    ``preflight=False`` skips the pre-flight checks and the kickstart check (experts, offline
    tests). ``on_check`` gets each check as it ends, ``on_event`` Anaconda's events,
    ``on_started`` the runner just before Anaconda starts; all on the thread of ``run``.
    ``cancel()`` may come from any thread.
    """

    def __init__(
        self,
        plan: InstallPlan,
        *,
        live: bool,
        preflight: bool = True,
        output_dir: str | None = None,
        read_machine: Callable[[], Machine] | None = None,
        sysfs_root: str | None = None,
        anaconda: str | None = None,
        runtime_dir: str | None = None,
        on_check: Callable[[Check], None] | None = None,
        on_event: Callable[[Event], None] | None = None,
        on_started: Callable[[AnacondaRunner], None] | None = None,
    ) -> None:
        self.plan = plan
        self.live = live
        self.preflight = preflight
        self.output_dir = output_dir
        self._read_machine = read_machine
        self._sysfs_root = sysfs_root
        self._anaconda = anaconda
        self._runtime_dir = runtime_dir
        self._on_check = on_check
        self._on_event = on_event
        self._on_started = on_started
        self._lock = threading.Lock()
        self._cancelled = False
        self._runner: AnacondaRunner | None = None

    @property
    def runner(self) -> AnacondaRunner | None:
        """The live run's runner, once its files are written."""
        with self._lock:
            return self._runner

    @property
    def cancelled(self) -> bool:
        with self._lock:
            return self._cancelled

    def cancel(self) -> None:
        """Before Anaconda's files are written: nothing will be. After: the runner does not
        start Anaconda, or kills it, and its result says what the disks hold. Waits at most
        until the files being written are on disk, so that they can be deleted."""
        with self._lock:
            self._cancelled = True
            runner = self._runner
        if runner is not None:
            runner.cancel()

    def run(self) -> JobEnd:
        """The whole job; blocks (a live install: half an hour)."""
        plan, image_size = self.plan, 0
        if self.preflight:
            if self._read_machine is None:
                raise ValueError("pre-flight reads the machine again: give read_machine")
            report = preflight.run_preflight(plan, reread_machine=self._read_machine,
                                             sysfs_root=self._sysfs_root,
                                             on_check=self._on_check)
            if not report.passed:
                return ChecksFailed(Stage.PREFLIGHT, tuple(report.failures))
            plan = report.plan  # pinned to the digest that was inspected
            image_size = report.image.size_bytes if report.image else 0
        if not self.live:
            return self._dry_run(plan)
        return self._live(plan, image_size)

    def _check(self, written: WrittenKickstart, plan: InstallPlan, runtime_dir: str) -> Check:
        check = preflight.check_kickstart(written, plan, runtime_dir=runtime_dir)
        if self._on_check is not None:
            self._on_check(check)
        return check

    def _dry_run(self, plan: InstallPlan) -> JobEnd:
        if self.output_dir is None:
            raise ValueError("a dry run writes the kickstart to an output folder: give one")
        rundir = self._runtime_dir or private.runtime_dir()
        written = write_kickstart(plan, self.output_dir, runtime_dir=rundir)
        if self.preflight:
            check = self._check(written, plan, rundir)
            if not check.passed:
                return ChecksFailed(Stage.KICKSTART, (check,))
        return Written(plan, written, rundir)

    def _live(self, plan: InstallPlan, image_size: int) -> JobEnd:
        runner: AnacondaRunner | None = None
        try:
            with self._lock:  # cancel() waits while the files are written, so it can delete them
                if self._cancelled:
                    return Cancelled()
                runner = AnacondaRunner(plan, on_event=self._on_event, anaconda=self._anaconda,
                                        runtime_dir=self._runtime_dir, image_size=image_size)
                self._runner = runner
                written = runner.prepare()
            if self.preflight:
                check = self._check(written, plan, runner.runtime_dir)
                if not check.passed:
                    return ChecksFailed(Stage.KICKSTART, (check,))
            if self._on_started is not None:
                self._on_started(runner)
            # Cancelled meanwhile: run() returns at once, saying nothing was started.
            return Ran(runner.run(), runner)
        except BaseException:
            if runner is not None:
                runner.cancel()  # an error (a bug): leave nothing running
            raise
        finally:
            if runner is not None:
                runner.discard()  # no secrets.ks left behind, whatever stopped the job
