"""Work off the GUI thread: disk scans, plan and kickstart building, strength checks.

``run_task(fn, on_done, on_error)`` runs ``fn`` in Qt's thread pool and delivers its result
(or the exception text) back on the GUI thread through queued signals. They are emitted on a
bridge (``gui.bridges``): deleted on the GUI thread once the worker is past its emit, never
freed by a garbage collection that another thread happens to run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PyQt6 import sip
from PyQt6.QtCore import QObject, QRunnable, QThreadPool, pyqtSignal

from veilor_installer.core.i18n import english
from veilor_installer.core.log import get_logger, redact
from veilor_installer.gui import bridges

if TYPE_CHECKING:
    from PyQt6.QtWidgets import QWidget

log = get_logger("gui.workers")


class Task(QObject):
    """Lives on the GUI thread; its signals carry the worker's outcome back there."""

    done = pyqtSignal(object)
    failed = pyqtSignal(object)  # the exception

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn
        self.running = False
        self.emitted = threading.Event()
        """Set by the worker once its last emit returned."""


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        try:
            result = self._task._fn()
        except Exception as exc:  # reported to the page, which shows a message
            log.warning("background task failed: %s", redact(english(exc)))
            self._task.failed.emit(exc)
        else:
            self._task.done.emit(result)
        finally:
            self._task.emitted.set()


def run_task(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> Task:
    task = bridges.keep(Task(fn))

    def finish_ok(result: Any) -> None:
        task.running = False
        bridges.release(task, task.emitted.is_set)
        on_done(result)

    def finish_err(exc: BaseException) -> None:
        task.running = False
        bridges.release(task, task.emitted.is_set)
        on_error(exc)

    task.done.connect(finish_ok)
    task.failed.connect(finish_err)
    task.running = True
    _pool().start(_Runnable(task))
    return task


def _pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    if pool is None:  # only once Qt's globals are destroyed, at process exit
        raise RuntimeError("Qt's global thread pool is gone")
    return pool


def wait_for_all(timeout_ms: int = 10_000) -> bool:
    """For shutdown and tests: wait until the pool is idle."""
    return _pool().waitForDone(timeout_ms)


def load_in_worker(page: QWidget, load: Callable[[], Any], done: Callable[[Any], None],
                   failed: Callable[[BaseException], None]) -> None:
    """``run_task``, with the results dropped when the page is gone by the time they arrive."""

    def on_done(result: Any) -> None:
        if not sip.isdeleted(page):
            done(result)

    def on_failed(exc: BaseException) -> None:
        if not sip.isdeleted(page):
            failed(exc)

    run_task(load, on_done, on_failed)
