"""What an Anaconda run tells its caller: the events while it runs (``Step``, ``Progress``,
``LogLines``, ``Ended`` last) and the typed result a UI renders as it is (DESIGN §8).

Plain data, at the bottom of the package: the runner makes them, the CLI and the pages only
read them. ``Environment`` is here too, since the result says where the run happened (what
restarts the computer depends on it, DESIGN §11).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum

from veilor_installer.core import settings
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.i18n import Text

BUILDSTAMP = ".buildstamp"
"""lorax writes /.buildstamp into a boot.iso's installer image; a live root has none."""
FAILURE_SLEEP_S = 180.0
"""Anaconda sleeps this long after printing a failure, then exits and restarts the computer."""


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    """Anaconda stopped on an error during the install (it restarts the computer later)."""
    REJECTED = "rejected"
    """Anaconda refused the kickstart before doing anything."""
    CRASHED = "crashed"
    """Anaconda ended without its usual report (a traceback, an unexpected exit)."""
    STALLED = "stalled"
    """Nothing happened for too long; the runner stopped Anaconda."""
    CANCELLED = "cancelled"
    NOT_STARTED = "not-started"


class Environment(StrEnum):
    BOOT_ISO = "boot-iso"
    """Fedora's boot.iso: Anaconda restarts the computer when it ends, after a failure too."""
    LIVE = "live"
    """A live session (the veilor-os ISO): the computer restarts when the person chooses,
    through the helper."""


def detect_environment(root: str = "/") -> Environment:
    """Where this runs: ``VEILOR_ENVIRONMENT`` (boot-iso or live; ignored when elevated), else
    a boot.iso when ``/.buildstamp`` exists, else a live session."""
    forced = settings.environment()
    if forced:
        try:
            return Environment(forced)
        except ValueError:
            raise OperationFailed("VEILOR_ENVIRONMENT: must be boot-iso or live") from None
    return (Environment.BOOT_ISO if os.path.lexists(os.path.join(root, BUILDSTAMP))
            else Environment.LIVE)


class DiskState(StrEnum):
    UNTOUCHED = "untouched"
    ERASED = "erased"
    """Partitioned and formatted: the old contents are gone, nothing starts from them yet."""
    INCOMPLETE = "incomplete"
    """The system and boot loader were written but the last steps did not finish."""
    INSTALLED = "installed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class InstallResult:
    """How a run ended, in words a person can act on; the UI renders it as it is."""

    outcome: Outcome
    title: Text
    reason: str | Text
    """Anaconda's own words about the error, when it gave some (redacted), or ours."""
    disks: DiskState
    disks_message: Text
    next_steps: Text
    exit_code: int | None
    log_dir: str | None
    log_tail: tuple[str, ...] = ()
    anaconda_running: bool = False
    """Anaconda still runs: waiting for Enter after success, or sleeping after a failure."""
    restarts_in: float | None = None
    """Seconds (from the end of ``run``) until Anaconda restarts the computer by itself."""
    environment: Environment = Environment.BOOT_ISO

    @property
    def succeeded(self) -> bool:
        return self.outcome is Outcome.SUCCEEDED


@dataclass(frozen=True)
class Step:
    """A new step, in Anaconda's words (translated like its output)."""

    title: str


@dataclass(frozen=True)
class Progress:
    percent: float
    task: str
    index: int
    total: int


@dataclass(frozen=True)
class LogLines:
    """New lines (redacted) from Anaconda's output (``source="output"``) or a log file, in
    batches (at most 20 a second per source) so that a flood costs a display few calls."""

    source: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Ended:
    result: InstallResult


Event = Step | Progress | LogLines | Ended
