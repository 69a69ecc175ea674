"""How far an Anaconda run got, from what its log and output say: the verdict texts, the
install queue's task counter as a percentage, and how far storage got (which decides what
the disks hold when the run ends early).

Anaconda's D-Bus ``ProgressChanged`` signal is not subscribed to (its bus and task paths are
internal and move between releases); the task counter in the log carries the same steps. The
image pull, by far the longest step, is weighted as most of the bar and estimated from the
target's used space against the image size.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from veilor_installer.core.install.anaconda.events import DiskState, Event, LogLines, Progress, Step
from veilor_installer.core.install.anaconda.patterns import (
    BOOTLOADER,
    ERROR_LINE,
    LOG_COMPLETE,
    LOG_STOPPED,
    PAYLOAD,
    PIDFILE,
    QUEUE,
    STDOUT_COMPLETE,
    STDOUT_REJECTED,
    STDOUT_STOPPED,
    STORAGE,
    TASK,
)

PAYLOAD_SHARE = 0.6
"""Share of the progress bar given to the image pull, by far the longest step."""
INSTALLED_EXPANSION = 2.2
"""Bytes written to the target per byte of compressed layers (a heuristic for the bar)."""
LINES_EVERY_S = 0.05
STEPS_PER_S = 20


@dataclass
class Tracker:
    """What the log and the output say so far: the verdict texts, the task counter, and how
    far storage got (which decides what the disks hold if the run ends early)."""

    succeeded: bool = False
    stopped: bool = False
    rejected: bool = False
    pidfile: bool = False
    queue_seen: bool = False
    storage_started: bool = False
    payload_started: bool = False
    payload_done: bool = False
    bootloader_started: bool = False
    bootloader_done: bool = False
    task: str = ""
    index: int = 0
    total: int = 0
    log_error: str = ""

    def log_line(self, line: str) -> None:
        if LOG_COMPLETE in line:
            self.succeeded = True
        if LOG_STOPPED in line:
            self.stopped = True
            self.log_error = line.split(LOG_STOPPED, 1)[1].lstrip(": ").strip()
        elif (" ERR" in line or " CRT" in line or "ERROR" in line or "CRITICAL" in line) and (
                ERROR_LINE.search(line)):
            self.log_error = line.strip()
        if " started: " not in line:  # the cheap test first: most lines are neither
            return
        queue = QUEUE.search(line)
        if queue:
            self._started(queue.group("name"))
        task = TASK.search(line)
        if task:
            self._started(task.group("name"))
            self.task = task.group("name")
            self.index, self.total = int(task.group("n")), int(task.group("total"))

    def _started(self, name: str) -> None:
        self.queue_seen = True
        if self.bootloader_started and not BOOTLOADER.search(name):
            self.bootloader_done = True
        if self.payload_started and not PAYLOAD.search(name):
            self.payload_done = True
        if STORAGE.search(name):
            self.storage_started = True
        if PAYLOAD.search(name):
            self.payload_started = True
        if BOOTLOADER.search(name):
            self.bootloader_started = True

    def output_line(self, line: str) -> None:
        if STDOUT_COMPLETE in line:
            self.succeeded = True
        if STDOUT_STOPPED in line:
            self.stopped = True
        if STDOUT_REJECTED in line:
            self.rejected = True
        if "already exists, exiting" in line and PIDFILE.search(line):
            self.pidfile = True

    def disk_state(self, *, log_readable: bool) -> DiskState:
        if self.succeeded and not self.stopped:
            return DiskState.INSTALLED
        if self.rejected or self.pidfile:
            return DiskState.UNTOUCHED
        if self.bootloader_done:
            return DiskState.INCOMPLETE
        if self.storage_started or self.payload_started:
            return DiskState.ERASED
        if log_readable:
            return DiskState.UNTOUCHED
        return DiskState.UNKNOWN

    def percent(self, payload_fraction: float = 0.0) -> float:
        """The task counter as a percentage, the pull counting for ``PAYLOAD_SHARE``."""
        if self.succeeded and not self.stopped:
            return 100.0
        if self.total <= 1 or self.index < 1:
            return 0.0
        unit = (1.0 - PAYLOAD_SHARE) / (self.total - 1)
        if not self.payload_started:
            value = (self.index - 1) * unit
        elif not self.payload_done:
            value = (self.index - 1) * unit + PAYLOAD_SHARE * min(max(payload_fraction, 0.0), 0.95)
        else:
            value = max(self.index - 2, 0) * unit + PAYLOAD_SHARE
        return round(min(value, 0.99) * 100.0, 1)


def payload_fraction(target_root: str, image_size: int,
                     base: int | None) -> tuple[int | None, float]:
    """How much of the image is on the target: its used space (since ``base``, the first
    reading) against the image size. Returns the base to pass next time, and the fraction."""
    if not image_size or not os.path.ismount(target_root):
        return base, 0.0
    try:
        st = os.statvfs(target_root)
    except OSError:
        return base, 0.0
    used = (st.f_blocks - st.f_bfree) * st.f_frsize
    base = used if base is None else base
    return base, (used - base) / (image_size * INSTALLED_EXPANSION)


class Pacer:
    """Sends the run's events at a pace a display can take: steps as they come, lines in
    batches, the percentage when it moved. Called on the runner's thread only."""

    def __init__(self, emit: Callable[[Event], None]) -> None:
        self._emit = emit
        self._queued: dict[str, list[str]] = {}
        self._flushed = 0.0
        self._step_times: deque[float] = deque()
        self._pending_step: str | None = None
        self._last_percent = -1.0
        self._last_task = ""

    def step(self, title: str) -> None:
        """Every step while they come at a human pace; in a flood (more than ``STEPS_PER_S``
        a second) only the latest, sent with the next batch of lines."""
        now = time.monotonic()
        while self._step_times and now - self._step_times[0] > 1.0:
            self._step_times.popleft()
        if len(self._step_times) < STEPS_PER_S:
            self._step_times.append(now)
            self._pending_step = None
            self._emit(Step(title))
        else:
            self._pending_step = title

    def lines(self, source: str, lines: tuple[str, ...]) -> None:
        """Lines go out in batches, at most every ``LINES_EVERY_S`` per source: a flood of
        output costs a display a few calls a second, not one per read."""
        self._queued.setdefault(source, []).extend(lines)
        self.flush()

    def flush(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if self._pending_step is not None and (force or now - self._flushed >= LINES_EVERY_S):
            title, self._pending_step = self._pending_step, None
            self._emit(Step(title))
        if not self._queued or (not force and now - self._flushed < LINES_EVERY_S):
            return
        self._flushed = now
        queued, self._queued = self._queued, {}
        for source, lines in queued.items():
            self._emit(LogLines(source, tuple(lines)))

    def progress(self, tracker: Tracker, pulled: float) -> None:
        """The percentage (``pulled``: the image's share on the target), when the task
        changed or it moved half a point."""
        percent = tracker.percent(pulled)
        if tracker.task != self._last_task or percent >= self._last_percent + 0.5:
            self._last_task, self._last_percent = tracker.task, percent
            self._emit(Progress(percent, tracker.task, tracker.index, tracker.total))
