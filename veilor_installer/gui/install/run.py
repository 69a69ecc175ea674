"""A live install's job (core.install.job) off the GUI thread, with what it learns sent back
as queued signals.

The job runs the order the command line follows (``install --no-gui --live``): the pre-flight
checks (each reported as it ends), then the kickstart written to the runtime folder and checked
again as Anaconda will read it, then the Anaconda run. A failed check stops the job before
Anaconda is started; the files written are deleted.

It runs on its own thread, not in Qt's pool: an install holds its thread for half an hour and
the pool is two threads on this machine. The runner reports on that thread; ``progress``
carries its events to the GUI thread, where Qt queues them (the runner already batches log
lines, at most 20 calls a second per source, so a flood costs the GUI a few slots a second).

``cancel()`` may come at any time: before Anaconda started, nothing is started and the files
written are deleted; after, the runner kills Anaconda and its result says what the disks hold.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PyQt6.QtCore import QObject, pyqtSignal

from veilor_installer.core.install.machine import Machine
from veilor_installer.core.log import get_logger, redact

if TYPE_CHECKING:  # pykickstart comes with these: imported by the worker, not at start-up
    from veilor_installer.core.install.anaconda import AnacondaRunner
    from veilor_installer.core.install.job import InstallJob
    from veilor_installer.core.install.plan import InstallPlan

log = get_logger("gui.install")


class InstallRun(QObject):
    check = pyqtSignal(object)
    """A pre-flight ``Check``, as soon as it is known."""
    stopped_before = pyqtSignal(object)
    """The failed required checks (a list): nothing was started, nothing is left written."""
    started = pyqtSignal(object)
    """The runner, just before it starts Anaconda (its command holds no secret)."""
    progress = pyqtSignal(object)
    """A runner event: Step, Progress, LogLines, and Ended last."""
    broke = pyqtSignal(str)
    """The job itself failed (a bug): what happened, in words; Anaconda is not running."""

    def __init__(self, plan: InstallPlan, *, read_machine: Callable[[], Machine],
                 sysfs_root: str | None, anaconda: str | None, skip_preflight: bool,
                 runtime_dir: str | None = None) -> None:
        super().__init__()
        self.plan = plan
        self._read_machine = read_machine
        self._sysfs_root = sysfs_root
        self._anaconda = anaconda
        self.skip_preflight = skip_preflight
        self._runtime_dir = runtime_dir
        self._lock = threading.Lock()
        self._cancelled = False
        self._job: InstallJob | None = None
        self._thread: threading.Thread | None = None

    @property
    def runner(self) -> AnacondaRunner | None:
        """The Anaconda run, once its files are written."""
        with self._lock:
            job = self._job
        return job.runner if job is not None else None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._work, name="veilor-install", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Stop the job wherever it is (see the module docstring). Never blocks for long: at
        most until the kickstart being written is on disk, so that it can be deleted."""
        with self._lock:
            self._cancelled = True
            job = self._job
        if job is not None:
            job.cancel()

    @property
    def cancelled(self) -> bool:
        with self._lock:
            return self._cancelled

    def join(self, timeout: float) -> bool:
        """Wait for the job's thread to end; True when it has."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the worker thread --

    def _work(self) -> None:
        from veilor_installer.core.install.job import ChecksFailed, InstallJob

        with self._lock:
            if self._cancelled:
                return
            job = self._job = InstallJob(
                self.plan, live=True, preflight=not self.skip_preflight,
                read_machine=self._read_machine, sysfs_root=self._sysfs_root,
                anaconda=self._anaconda, runtime_dir=self._runtime_dir,
                on_check=self.check.emit, on_event=self.progress.emit,
                on_started=self.started.emit)
        try:
            end = job.run()  # the runner emits Ended last, whatever happened
        except Exception as exc:  # a bug: the job left nothing running or written; say so
            log.exception("the install job failed")
            self.broke.emit(redact(f"{type(exc).__name__}: {exc}"))
            return
        if isinstance(end, ChecksFailed):
            self.stopped_before.emit(list(end.failures))
