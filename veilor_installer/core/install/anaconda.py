"""The Anaconda runner for ``--live`` installs (DESIGN §3, §8; research/anaconda.md §3).

``anaconda --cmdline --kickstart=<runtime>/ks.cfg`` is started (through pkexec when not root)
with stdin kept as a pipe, and followed through three channels:

- its output (merged stdout/stderr): progress messages, and the texts it prints at the end;
- ``<log dir>/anaconda.log``: the install queue's "Queue started: … (n/N)" / "Task started:
  … (n/N)" lines, and "All tasks in the installation queue are done. Installation
  successfully finished." — log lines are never translated, while the printed texts follow
  the kickstart's ``lang``, so the log and the marker are what the verdict rests on;
- the ``%onerror`` marker ``<runtime>/install-failed``: it is touched before Anaconda's 180 s
  sleep, so a failure is known at once.

Progress: the task counter gives the percentage, with the image pull weighted as most of the
bar and estimated from the target's used space against the image size. Anaconda's D-Bus
``ProgressChanged`` signal is not subscribed to (its bus and task paths are internal and move
between releases); the task counter in the log carries the same steps.

On every end the secrets files are overwritten and deleted and the logs are gathered,
redacted, into one private folder. What happens next depends on where it runs
(``Environment``, DESIGN §11):

- on Fedora's boot.iso, after success Anaconda waits for Enter and then restarts the
  computer; after a failure it restarts it by itself about three minutes later. ``reboot()``
  sends the Enter;
- in a live session (the veilor-os ISO) the computer restarts only when the person chooses:
  ``reboot()`` lets Anaconda end (Enter after success) and then asks the privileged helper to
  restart (``core.power``). Anaconda 43 takes itself for a boot.iso unless started with
  ``--liveinst`` (which ignores ``--kickstart``), so after a failure the runner does not wait
  for its exit handler: it ends the sleeping Anaconda at once, as ``stop()`` does.

``stop()`` ends Anaconda with SIGKILL, which skips its restart (its exit handler does not
run), and tidies up with ``anaconda-cleanup``.

A GUI drives this from a worker thread: ``run()`` blocks and reports through ``on_event`` (on
that thread); ``cancel()``, ``reboot()`` and ``stop()`` may be called from any thread.
"""

from __future__ import annotations

import codecs
import contextlib
import glob
import logging
import os
import re
import selectors
import shlex
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from veilor_installer.core import commands, private, settings
from veilor_installer.core.commands import CommandError, CommandNotFound
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.helper.steps import Status
from veilor_installer.core.install import kickstart
from veilor_installer.core.install.kickstart import FAILURE_MARKER, WrittenKickstart, dquote
from veilor_installer.core.install.plan import InstallPlan
from veilor_installer.core.log import MASK, get_logger, redact

log = get_logger("anaconda")

DEFAULT_TARGET_ROOT = "/mnt/sysimage"
FAILURE_SLEEP_S = 180.0
"""Anaconda sleeps this long after printing a failure, then exits and restarts the computer."""
LIVE_EXIT_WAIT_S = 60.0
"""In a live session, how long ``reboot()`` lets Anaconda end after the Enter before the
helper restarts the computer anyway."""
BUILDSTAMP = ".buildstamp"
"""lorax writes /.buildstamp into a boot.iso's installer image; a live root has none."""

# What Anaconda 43 prints (translated by the kickstart's `lang`) and logs (never translated).
STDOUT_COMPLETE = "Installation complete. Press ENTER to quit"
LOG_COMPLETE = "All tasks in the installation queue are done. Installation successfully finished."
STDOUT_STOPPED = "The installation was stopped due to an error"
LOG_STOPPED = "Non interactive installation failed"
STDOUT_REJECTED = "An error occurred during reading the kickstart file"
_PIDFILE = re.compile(r"anaconda\.pid already exists, exiting")
_QUEUE = re.compile(r"Queue started: (?P<name>.+?) \((?P<n>\d+)/(?P<total>\d+)\)")
_TASK = re.compile(r"Task started: (?P<name>.+?) \((?P<n>\d+)/(?P<total>\d+)\)")
_ERROR_LINE = re.compile(r"\b(?:ERR|ERROR|CRT|CRITICAL)\b")
_STORAGE = re.compile(r"storage|partition|filesystem|format|disk", re.IGNORECASE)
_PAYLOAD = re.compile(r"payload|ostree|container|deploy", re.IGNORECASE)
_BOOTLOADER = re.compile(r"boot ?loader", re.IGNORECASE)

LOG_FILES = ("anaconda.log", "program.log", "packaging.log", "storage.log", "dbus.log",
             "syslog", "journal.log")
LOG_PATTERNS = ("ks-script-*.log", "anaconda-tb-*")
WATCHED = ("anaconda.log", "program.log", "packaging.log", "storage.log")
OUTPUT_LOG = "anaconda-output.log"
OWN_LOG = "veilor-installer.log"
MAX_LOG_BYTES = 64 * 1024**2
MARKER_GRACE_S = 3.0
"""After a failure text, how long to wait for the %onerror marker (its script logs with it)."""
PAYLOAD_SHARE = 0.6
"""Share of the progress bar given to the image pull, by far the longest step."""
INSTALLED_EXPANSION = 2.2
"""Bytes written to the target per byte of compressed layers (a heuristic for the bar)."""
_KEEP_LINES = 200_000
LINES_EVERY_S = 0.05
STEPS_PER_S = 20


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
    title: str
    reason: str
    """Anaconda's own words about the error, when it gave some (redacted)."""
    disks: DiskState
    disks_message: str
    next_steps: str
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


# --- events -----------------------------------------------------------------------------------


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


# --- following ----------------------------------------------------------------------------------


class _Tail:
    """Reads what was added to a log file since the last call; a file replaced or truncated
    (a new Anaconda run in the same live session) is read from its start."""

    def __init__(self, path: str, *, from_end: bool) -> None:
        self.path = path
        self._ino: int | None = None
        self._offset = 0
        self._partial = ""
        self.readable = False
        self.size = 0
        if from_end:
            try:
                st = os.stat(path)
            except OSError:
                return
            self._ino, self._offset = st.st_ino, st.st_size

    def read(self, *, final: bool = False) -> list[str]:
        try:
            st = os.stat(self.path)
        except OSError:
            return []
        if st.st_ino != self._ino or st.st_size < self._offset:
            self._ino, self._offset, self._partial = st.st_ino, 0, ""
        self.size = st.st_size
        if st.st_size == self._offset and not final:
            return []
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self._offset)
                data = fh.read(st.st_size - self._offset)
        except OSError:
            return []
        self.readable = True
        self._offset += len(data)
        text = self._partial + data.decode("utf-8", errors="replace")
        lines = text.split("\n")
        self._partial = lines.pop()
        if final and self._partial:
            lines.append(self._partial)
            self._partial = ""
        return [line.rstrip("\r") for line in lines]


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
                _ERROR_LINE.search(line)):
            self.log_error = line.strip()
        if " started: " not in line:  # the cheap test first: most lines are neither
            return
        queue = _QUEUE.search(line)
        if queue:
            self._started(queue.group("name"))
        task = _TASK.search(line)
        if task:
            self._started(task.group("name"))
            self.task = task.group("name")
            self.index, self.total = int(task.group("n")), int(task.group("total"))

    def _started(self, name: str) -> None:
        self.queue_seen = True
        if self.bootloader_started and not _BOOTLOADER.search(name):
            self.bootloader_done = True
        if self.payload_started and not _PAYLOAD.search(name):
            self.payload_done = True
        if _STORAGE.search(name):
            self.storage_started = True
        if _PAYLOAD.search(name):
            self.payload_started = True
        if _BOOTLOADER.search(name):
            self.bootloader_started = True

    def output_line(self, line: str) -> None:
        if STDOUT_COMPLETE in line:
            self.succeeded = True
        if STDOUT_STOPPED in line:
            self.stopped = True
        if STDOUT_REJECTED in line:
            self.rejected = True
        if "already exists, exiting" in line and _PIDFILE.search(line):
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


_BOILERPLATE = re.compile(r"^(?:=+|\s*\*.*|Starting installer.*|anaconda .* started\.|Progress|"
                          r"\.+|\s*)$")


def step_title(line: str) -> str | None:
    """A progress message of Anaconda's output, or None for its banner, dots and verdicts."""
    text = line.strip().lstrip(".").strip()
    if not text or _BOILERPLATE.fullmatch(line.strip()) or len(text) > 120:
        return None
    if any(t in text for t in (STDOUT_COMPLETE, STDOUT_STOPPED, STDOUT_REJECTED)):
        return None
    if text.startswith(("Traceback", "File ", "The exact error", "The installer will")):
        return None
    return text


def between(lines: Sequence[str], start: str, end: str) -> str:
    """The text after the line holding ``start`` (after its colon) up to ``end``."""
    text = "\n".join(lines)
    at = text.rfind(start)
    if at < 0:
        return ""
    rest = text[at + len(start):]
    marker = "The exact error message is:"
    if marker in rest:
        rest = rest.split(marker, 1)[1]
    elif ":" in rest.split("\n", 1)[0]:
        rest = rest.split(":", 1)[1]
    rest = rest.split(end, 1)[0]
    return rest.strip().rstrip(".").strip()


# --- files --------------------------------------------------------------------------------------


def default_runtime_dir() -> str:
    return private.runtime_dir()


def default_log_dir() -> str:
    return settings.anaconda_log_dir()


def default_stall_seconds() -> float:
    return settings.anaconda_stall_seconds()


MASK_PIECE = 64 * 1024
"""Long texts are masked in pieces of about this size, cut at line ends: each regex pass holds
the GIL for its whole length (~20 µs a KiB), and a GUI thread waiting for it stalls (a 10 MB
log file in one pass: 0.2 s)."""


def mask(text: str, secrets: Iterable[str]) -> str:
    """``redact`` plus the given secrets (the plan's passphrase, as typed and as quoted).
    Line by line in effect: no secret spans a line (control characters are refused)."""
    known = sorted({s for s in secrets if len(s) >= 3}, key=len, reverse=True)
    if len(text) <= MASK_PIECE:
        return _mask_piece(text, known)
    pieces = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + MASK_PIECE)
        end = len(text) if end < 0 else end + 1
        pieces.append(_mask_piece(text[start:end], known))
        start = end
    return "".join(pieces)


def _mask_piece(text: str, known: list[str]) -> str:
    for secret in known:
        text = text.replace(secret, MASK)
    return redact(text)


def _read_tail_text(path: str) -> str:
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_LOG_BYTES:
            fh.seek(size - MAX_LOG_BYTES)
            head = f"[veilor-installer: the first {size - MAX_LOG_BYTES} bytes were left out]\n"
        else:
            head = ""
        return head + fh.read().decode("utf-8", errors="replace")


def _mtime(path: str) -> float:
    try:
        return os.path.getmtime(path)
    except OSError:
        return 0.0


def collect_logs(parent: str, *, log_dir: str, since: float, extra: dict[str, str],
                 secrets: Sequence[str]) -> str:
    """Copy Anaconda's logs of this run, and ``extra`` texts, into a new private folder
    ``<parent>/logs-<time>/``, every file redacted. Returns the folder."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = Path(parent) / f"logs-{stamp}"
    n = 1
    while folder.exists():
        n += 1
        folder = Path(parent) / f"logs-{stamp}-{n}"
    names = [os.path.join(log_dir, name) for name in LOG_FILES]
    for pattern in LOG_PATTERNS:
        names += sorted(p for p in glob.glob(os.path.join(log_dir, pattern))
                        if _mtime(p) >= since - 1)  # this run's, not an earlier one's
    missing, unreadable = [], []
    texts = dict(extra)
    for path in names:
        if not os.path.isfile(path):
            missing.append(os.path.basename(path))
            continue
        try:
            texts[os.path.basename(path)] = _read_tail_text(path)
        except OSError as exc:
            unreadable.append(f"{os.path.basename(path)} ({exc.strerror})")
    readme = [
        "Logs of a veilor-os install, gathered by veilor-installer.",
        "Passphrases, passwords and password hashes are replaced by ********.",
        f"From {log_dir}: " + ", ".join(sorted(n for n in texts if n not in extra)),
        f"{OUTPUT_LOG}: what Anaconda printed. {OWN_LOG}: veilor-installer's own log.",
    ]
    if unreadable:
        readme.append("Could not be read: " + ", ".join(unreadable))
    with private.private_folder(folder) as bundle:
        for name, text in texts.items():
            bundle.write(name, mask(text, secrets))
        bundle.write("README.txt", "\n".join(readme) + "\n")
    log.info("logs gathered in %s (%d files; not present: %s)", folder, len(texts),
             ", ".join(missing) or "none")
    return str(folder)


class _Capture(logging.Handler):
    """veilor-installer's own log records during a run, for the log bundle."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: deque[str] = deque(maxlen=20_000)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


# --- the runner ---------------------------------------------------------------------------------


@dataclass
class _State:
    output: deque[str] = field(default_factory=lambda: deque(maxlen=_KEEP_LINES))
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=200))
    tracker: Tracker = field(default_factory=Tracker)
    last_activity: float = 0.0
    last_percent: float = -1.0
    last_task: str = ""
    queued: dict[str, list[str]] = field(default_factory=dict)
    flushed: float = 0.0
    step_times: deque[float] = field(default_factory=deque)
    pending_step: str | None = None


class AnacondaRunner:
    """One Anaconda run for an install plan (see the module docstring)."""

    def __init__(
        self,
        plan: InstallPlan,
        *,
        on_event: Callable[[Event], None] | None = None,
        runtime_dir: str | None = None,
        anaconda: str | None = None,
        log_dir: str | None = None,
        stall_timeout: float | None = None,
        use_pkexec: bool | None = None,
        cleanup_program: str | None = "anaconda-cleanup",
        image_size: int = 0,
        target_root: str = DEFAULT_TARGET_ROOT,
        poll_interval: float = 0.1,
        environment: Environment | None = None,
    ) -> None:
        self.plan = plan
        self._on_event = on_event
        self.runtime_dir = os.path.abspath(runtime_dir or default_runtime_dir())
        self.anaconda = anaconda or settings.anaconda()
        self.log_dir = log_dir or default_log_dir()
        self.stall_timeout = stall_timeout if stall_timeout is not None else (
            default_stall_seconds())
        self.use_pkexec = os.geteuid() != 0 if use_pkexec is None else use_pkexec
        self.cleanup_program = cleanup_program
        self.image_size = image_size
        self.target_root = target_root
        self.poll_interval = poll_interval
        self.environment = environment or detect_environment()
        self.restart_problem = ""
        """Live session: why the helper did not restart the computer ("" when it did)."""
        self._restarter: threading.Thread | None = None
        self.written: WrittenKickstart | None = None
        self.result: InstallResult | None = None
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._state = _State()
        self._drain: threading.Thread | None = None
        self._started_at = 0.0
        self._killed = False
        self._session_prepared = False
        secret = plan.passphrase.reveal()
        self._secrets = [secret, dquote(secret), plan.password_hash]

    # -- before the start --

    @property
    def marker(self) -> str:
        return os.path.join(self.runtime_dir, FAILURE_MARKER)

    def command(self, *, resolve: bool = True) -> list[str]:
        """The argument list that starts Anaconda (no secret in it: they are in secrets.ks).
        ``resolve=False`` leaves the program as named, to show a dry run where it is absent."""
        ks = os.path.join(self.runtime_dir, kickstart.KS_NAME)
        argv = [self.anaconda, "--cmdline", f"--kickstart={ks}"]
        if self.use_pkexec:
            # pkexec wants an absolute program; the lookup honours --anaconda / VEILOR_BIN_DIR.
            program = commands.find_program(self.anaconda) if resolve else self.anaconda
            return ["pkexec", program, *argv[1:]]
        return argv

    def prepare(self) -> WrittenKickstart:
        """Write ks.cfg and secrets.ks (0600) into the private runtime folder; clear a stale
        failure marker. Called by ``run`` when the caller did not, e.g. to check the files."""
        if self.written is not None:
            return self.written
        built = kickstart.build(self.plan,
                                secrets_path=os.path.join(self.runtime_dir, kickstart.SECRETS_NAME),
                                runtime_dir=self.runtime_dir)
        self.written = kickstart.write(built, self.runtime_dir)
        with private.private_folder(self.runtime_dir) as folder:
            folder.shred(os.path.basename(self.marker))
        return self.written

    def discard(self) -> None:
        """Delete the written files of a run that will not start (a failed check)."""
        self._remove_kickstart()

    def _remove_kickstart(self) -> None:
        for name in private.shred_in(self.runtime_dir, (kickstart.SECRETS_NAME,
                                                        kickstart.KS_NAME)):
            log.info("deleted %s", name)

    # -- controls, from any thread --

    def cancel(self) -> None:
        """Before the start: the run will not start. During it: Anaconda is killed and the
        result says what the disks hold. After the end: the same as ``stop``."""
        self._cancel.set()
        with self._lock:
            ended = self.result is not None
        if ended:
            self.stop()

    def reboot(self) -> None:
        """Restart the computer. On a boot.iso, after success: press Enter for Anaconda, which
        then restarts it. In a live session, after any end: let Anaconda end (Enter after
        success), then the helper restarts it, in a thread ``wait`` joins."""
        with self._lock:
            proc, result = self._proc, self.result
        if self.environment is Environment.LIVE:
            if result is None:
                raise OperationFailed("the installation has not ended")
            if self._restarter is not None:
                raise OperationFailed("the computer is already being restarted")
            if result.succeeded and proc is not None and proc.poll() is None:
                self._press_enter(proc)
            self._restarter = threading.Thread(target=self._restart_live, args=(proc,),
                                               name="restart", daemon=True)
            self._restarter.start()
            return
        if result is None or not result.succeeded or proc is None or proc.poll() is not None:
            raise OperationFailed("Anaconda is not waiting to restart the computer")
        self._press_enter(proc)
        log.info("sent Enter to Anaconda: it restarts the computer")

    def _press_enter(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.stdin is None:
            raise OperationFailed("Anaconda's input is closed")
        try:
            proc.stdin.write(b"\n")
            proc.stdin.flush()
            proc.stdin.close()
        except OSError as exc:
            raise OperationFailed(f"Anaconda did not take the Enter key: {exc.strerror}") from exc

    def _restart_live(self, proc: subprocess.Popen[bytes] | None) -> None:
        from veilor_installer.core.install import power

        if proc is not None and proc.poll() is None:
            try:
                proc.wait(LIVE_EXIT_WAIT_S)
            except subprocess.TimeoutExpired:
                log.warning("Anaconda did not end after Enter; stopping it before the restart")
                self._kill(proc)
        answer = power.request_reboot(use_pkexec=self.use_pkexec)
        if answer.ok:
            log.info("the helper restarts the computer")
        else:
            self.restart_problem = answer.reason or "the helper refused"
            log.warning("the computer could not be restarted: %s", self.restart_problem)

    def stop(self) -> str:
        """End Anaconda without letting it restart the computer; say what was done."""
        with self._lock:
            proc = self._proc
        if proc is None:
            return "Anaconda was not started."
        if proc.poll() is not None:
            return "Anaconda had already ended."
        problem = self._kill(proc)
        if problem:
            return problem
        return "Anaconda was stopped; the computer will not restart by itself."

    def wait(self, timeout: float | None = None) -> int | None:
        """Wait for Anaconda to exit (after ``reboot``, or its own restart after a failure),
        and in a live session for the helper's restart that ``reboot`` asked for."""
        with self._lock:
            proc = self._proc
        if proc is None:
            return None
        try:
            code = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        if self._drain is not None:
            self._drain.join(timeout=2)
        if self._restarter is not None:
            self._restarter.join(timeout)
        return code

    @property
    def anaconda_running(self) -> bool:
        with self._lock:
            proc = self._proc
        return proc is not None and proc.poll() is None

    def _kill(self, proc: subprocess.Popen[bytes]) -> str:
        """SIGKILL Anaconda's process group (its exit handler, which restarts the computer,
        does not run), then let ``anaconda-cleanup`` unmount and close what it left."""
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        except PermissionError:
            # Started through pkexec, it runs as root: the privileged helper stops it (and
            # runs anaconda-cleanup itself).
            problem = self._kill_as_root(proc)
            if problem:
                return problem
            self._killed = True
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
            return ""
        self._killed = True
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            log.warning("Anaconda (pid %d) did not end after SIGKILL", proc.pid)
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        self._run_cleanup()
        return ""

    def _kill_as_root(self, proc: subprocess.Popen[bytes]) -> str:
        from veilor_installer.core.helper import client as privileged

        result = privileged.call({"action": "stop-anaconda", "pid": proc.pid},
                                 use_pkexec=True, timeout=60)
        if result.ok:
            log.info("the helper stopped Anaconda (pid %d)", proc.pid)
            return ""
        log.warning("not allowed to stop Anaconda (pid %d): %s", proc.pid, result.reason)
        return ("Anaconda runs as root and could not be stopped from here; it will restart "
                "the computer when it ends.")

    def _run_cleanup(self) -> None:
        if not self.cleanup_program:
            return
        argv = [self.cleanup_program]
        try:
            if self.use_pkexec:
                argv = ["pkexec", commands.find_program(self.cleanup_program)]
            result = commands.run(argv, timeout=300)
        except CommandNotFound:
            log.info("%s is not installed; nothing tidied up", self.cleanup_program)
            return
        except CommandError as exc:
            log.warning("tidying up after Anaconda failed: %s", exc)
            return
        if not result.ok:
            log.warning("%s exited with code %d", self.cleanup_program, result.returncode)

    # -- the live session's preparations (what liveinst does), through the helper --

    def _prepare_session(self) -> None:
        """Storage modules, SELinux permissive, leftovers unmounted (core.livesession), done
        by the privileged helper: the wizard itself never runs as root."""
        from veilor_installer.core.helper import client as privileged

        result = privileged.call({"action": "prepare-live"}, use_pkexec=self.use_pkexec,
                                 timeout=300)
        # Only SELinux's mode needs undoing; it is undone even when a later step failed.
        self._session_prepared = any(step.step == "selinux" and step.status is Status.DONE
                                     for step in result.steps)
        for step in result.steps:
            log.info("live session: %s: %s", step.step, step.message)
        if not result.ok:
            raise OperationFailed("the live session could not be prepared for the installer: "
                                  + (result.reason or "the helper refused"))

    def _undo_session(self) -> None:
        if not self._session_prepared:
            return
        from veilor_installer.core.helper import client as privileged

        self._session_prepared = False
        result = privileged.call({"action": "undo-live"}, use_pkexec=self.use_pkexec,
                                 timeout=120)
        if result.ok:
            log.info("live session: the preparations were undone")
        else:
            log.warning("live session: the preparations could not be undone: %s",
                        result.reason or "the helper refused")

    # -- the run --

    def _emit(self, event: Event) -> None:
        if self._on_event is None:
            return
        try:
            self._on_event(event)
        except Exception:  # a broken display must not lose the install's outcome
            log.exception("the progress display failed on %s", type(event).__name__)

    def run(self) -> InstallResult:
        """Start Anaconda, follow it to its end, clean up, and return the result.

        Blocks; emits ``Step``/``Progress``/``LogLines`` while it runs and ``Ended`` last.
        A runner runs once.
        """
        with self._lock:
            if self._proc is not None or self.result is not None:
                raise OperationFailed("this Anaconda run has already been started")
        capture = _Capture()
        veilor = logging.getLogger("veilor")
        old_level = veilor.level
        veilor.addHandler(capture)
        if veilor.getEffectiveLevel() > logging.INFO:
            veilor.setLevel(logging.INFO)
        try:
            result = self._run(capture)
        finally:
            # Whatever happened (an unexpected error included), the secrets do not stay,
            # and the live session is put back as it was (SELinux enforcing again).
            self._remove_kickstart()
            self._undo_session()
            veilor.removeHandler(capture)
            veilor.setLevel(old_level)
        self._emit(Ended(result))
        return result

    def _run(self, capture: _Capture) -> InstallResult:
        self._started_at = time.time()
        if self._cancel.is_set():
            self._remove_kickstart()
            return self._finish(Outcome.CANCELLED, capture, code=None)
        try:
            self.prepare()
            argv = self.command()
            env = dict(os.environ)
            # Anaconda translates what it prints into the kickstart's language; English keeps
            # the texts we match (the log file is never translated).
            env["LANGUAGE"] = "en_US:en"
            tails = {name: _Tail(os.path.join(self.log_dir, name), from_end=True)
                     for name in WATCHED}
            if self.environment is Environment.LIVE:
                self._prepare_session()
            with self._lock:
                if self._cancel.is_set():
                    raise _Cancelled
                self._proc = commands.spawn(argv, env=env)
        except _Cancelled:
            self._remove_kickstart()
            return self._finish(Outcome.CANCELLED, capture, code=None)
        except (CommandError, OSError, OperationFailed) as exc:
            self._remove_kickstart()
            return self._finish(Outcome.NOT_STARTED, capture, code=None, reason=str(exc))
        proc = self._proc
        outcome = self._follow(proc, tails)
        self._remove_kickstart()
        if outcome in (Outcome.CANCELLED, Outcome.STALLED) and proc.poll() is None:
            self._kill(proc)
        elif (outcome is Outcome.FAILED and self.environment is Environment.LIVE
              and proc.poll() is None):
            # Sleeping before its exit handler, which restarts the computer whenever Anaconda
            # took itself for a boot.iso: in a live session nothing restarts behind the
            # person's back, so it ends now (the logs stay in place for the bundle).
            self._kill(proc)
        code = proc.poll()
        for name, tail in tails.items():
            self._log_lines(name, tail.read(final=True))
        self._flush_lines(force=True)
        self._start_drain(proc)
        return self._finish(outcome, capture, code=code,
                            log_readable=tails["anaconda.log"].readable)

    def _follow(self, proc: subprocess.Popen[bytes], tails: dict[str, _Tail]) -> Outcome:
        if proc.stdout is None:
            raise ValueError("Anaconda was started without an output pipe")
        fd = proc.stdout.fileno()
        os.set_blocking(fd, False)
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pending = ""
        state = self._state
        tracker = state.tracker
        state.last_activity = time.monotonic()
        eof = False
        grace_until: float | None = None
        sizes = {name: -1 for name in tails}
        payload_base: int | None = None
        next_payload_probe = 0.0
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while True:
                if not eof and sel.select(self.poll_interval):
                    try:
                        data = os.read(fd, 65536)
                    except BlockingIOError:
                        data = b""
                    if data:
                        state.last_activity = time.monotonic()
                        pending += decoder.decode(data)
                        *lines, pending = pending.split("\n")
                        self._output_lines(lines)
                        if pending:
                            tracker.output_line(pending)  # the Enter prompt has no newline
                    else:
                        eof = True
                        sel.unregister(fd)
                        pending += decoder.decode(b"", final=True)
                        if pending:
                            self._output_lines([pending])
                            pending = ""
                elif eof:
                    time.sleep(self.poll_interval)
                for name, tail in tails.items():
                    self._log_lines(name, tail.read())
                    if tail.size != sizes[name]:
                        sizes[name] = tail.size
                        state.last_activity = time.monotonic()
                now = time.monotonic()
                if tracker.payload_started and not tracker.payload_done and now >= (
                        next_payload_probe):
                    next_payload_probe = now + 2.0
                    payload_base, fraction = self._payload_fraction(payload_base)
                    self._report_progress(fraction)
                self._flush_lines()
                verdict = self._verdict(proc, eof=eof, now=now, grace_until=grace_until)
                if verdict is None and tracker.stopped and grace_until is None:
                    grace_until = now + MARKER_GRACE_S
                if verdict is not None:
                    if pending:
                        self._output_lines([pending])  # the Enter prompt ends without a newline
                    return verdict

    def _verdict(self, proc: subprocess.Popen[bytes], *, eof: bool, now: float,
                 grace_until: float | None) -> Outcome | None:
        """The end, once the output, the log or the marker tells it; None while it runs."""
        tracker = self._state.tracker
        if self._cancel.is_set():
            return Outcome.CANCELLED
        if tracker.rejected:
            return Outcome.REJECTED
        if tracker.pidfile:
            return Outcome.NOT_STARTED
        if os.path.exists(self.marker):
            return Outcome.FAILED
        if tracker.stopped:
            # The %onerror script (and its log) follows the text: give it a moment.
            if grace_until is not None and (now >= grace_until or proc.poll() is not None):
                return Outcome.FAILED
            return None
        if tracker.succeeded:
            return Outcome.SUCCEEDED
        if proc.poll() is not None and eof:
            return Outcome.CRASHED
        if now - self._state.last_activity > self.stall_timeout:
            log.warning("nothing from Anaconda for %.0f s", self.stall_timeout)
            return Outcome.STALLED
        return None

    def _payload_fraction(self, base: int | None) -> tuple[int | None, float]:
        """How much of the image is on the target: its used space against the image size."""
        if not self.image_size or not os.path.ismount(self.target_root):
            return base, 0.0
        try:
            st = os.statvfs(self.target_root)
        except OSError:
            return base, 0.0
        used = (st.f_blocks - st.f_bfree) * st.f_frsize
        base = used if base is None else base
        return base, (used - base) / (self.image_size * INSTALLED_EXPANSION)

    def _clean(self, lines: Sequence[str]) -> tuple[str, ...]:
        """Redacted lines: one pass over the whole batch, per line if a mask spanned two."""
        clean = tuple(mask("\n".join(lines), self._secrets).split("\n"))
        if len(clean) != len(lines):
            clean = tuple(mask(line, self._secrets) for line in lines)
        return clean

    def _output_lines(self, lines: list[str]) -> None:
        if not lines:
            return
        clean = self._clean([line.rstrip("\r") for line in lines])
        state = self._state
        for raw, line in zip(lines, clean, strict=True):
            state.tracker.output_line(raw)
            state.output.append(line)
            state.tail.append(line)
            title = step_title(line)
            if title is not None:
                self._step(title)
        self._queue_lines("output", clean)

    def _log_lines(self, name: str, lines: list[str]) -> None:
        if not lines:
            return
        tracker = self._state.tracker
        for line in lines:
            tracker.log_line(line)
        clean = self._clean(lines)
        if name == "anaconda.log":
            self._state.tail.extend(clean)
            self._report_progress(0.0)
        self._queue_lines(name, clean)

    def _queue_lines(self, source: str, lines: tuple[str, ...]) -> None:
        """Lines go out in batches, at most every ``LINES_EVERY_S`` per source: a flood of
        output costs a display a few calls a second, not one per read."""
        self._state.queued.setdefault(source, []).extend(lines)
        self._flush_lines()

    def _step(self, title: str) -> None:
        """Every step while they come at a human pace; in a flood (more than ``STEPS_PER_S``
        a second) only the latest, sent with the next batch of lines."""
        state = self._state
        now = time.monotonic()
        while state.step_times and now - state.step_times[0] > 1.0:
            state.step_times.popleft()
        if len(state.step_times) < STEPS_PER_S:
            state.step_times.append(now)
            state.pending_step = None
            self._emit(Step(title))
        else:
            state.pending_step = title

    def _flush_lines(self, *, force: bool = False) -> None:
        state = self._state
        now = time.monotonic()
        if state.pending_step is not None and (force or now - state.flushed >= LINES_EVERY_S):
            title, state.pending_step = state.pending_step, None
            self._emit(Step(title))
        if not state.queued or (not force and now - state.flushed < LINES_EVERY_S):
            return
        state.flushed = now
        queued, state.queued = state.queued, {}
        for source, lines in queued.items():
            self._emit(LogLines(source, tuple(lines)))

    def _report_progress(self, payload_fraction: float) -> None:
        state = self._state
        tracker = state.tracker
        percent = tracker.percent(payload_fraction)
        if tracker.task != state.last_task or percent >= state.last_percent + 0.5:
            state.last_task, state.last_percent = tracker.task, percent
            self._emit(Progress(percent, tracker.task, tracker.index, tracker.total))

    def _start_drain(self, proc: subprocess.Popen[bytes]) -> None:
        """Keep reading Anaconda's output after the result (it still runs: waiting for Enter,
        or sleeping before its restart), so a full pipe never blocks it."""
        if proc.poll() is not None or proc.stdout is None:
            _close_pipes(proc)
            return
        stdout = proc.stdout
        output = self._state.output
        secrets = self._secrets

        def drain() -> None:
            try:
                os.set_blocking(stdout.fileno(), True)
                while data := os.read(stdout.fileno(), 65536):
                    output.extend(mask(data.decode("utf-8", errors="replace"),
                                       secrets).splitlines())
            except (OSError, ValueError):
                pass
            proc.wait()
            _close_pipes(proc)

        self._drain = threading.Thread(target=drain, name="anaconda-drain", daemon=True)
        self._drain.start()

    # -- the result --

    def _finish(self, outcome: Outcome, capture: _Capture, *, code: int | None,
                reason: str = "", log_readable: bool = False) -> InstallResult:
        tracker = self._state.tracker
        output = list(self._state.output)
        running = self.anaconda_running
        if outcome is Outcome.NOT_STARTED and tracker.pidfile:
            reason = reason or ("another Anaconda is running, or a previous one left "
                                "/var/run/anaconda.pid behind")
        if outcome is Outcome.CRASHED and self.use_pkexec and code in (126, 127) and (
                not tracker.queue_seen):
            outcome = Outcome.NOT_STARTED
            reason = "permission to run the installer as administrator was refused"
        if outcome is Outcome.FAILED:
            reason = reason or between(output, STDOUT_STOPPED, "The installer will now terminate")
            reason = reason or mask(tracker.log_error, self._secrets)
        elif outcome is Outcome.REJECTED:
            reason = between(output, STDOUT_REJECTED, "The installer will now terminate")
        elif outcome is Outcome.CRASHED:
            lines = [line for line in output if line.strip()]
            reason = (lines[-1] if lines else "") or mask(tracker.log_error, self._secrets)
        disks = tracker.disk_state(log_readable=log_readable)
        if outcome in (Outcome.NOT_STARTED, Outcome.REJECTED) or (
                outcome is Outcome.CANCELLED and self._proc is None):
            disks = DiskState.UNTOUCHED
        log_dir: str | None = None
        if self._proc is not None or outcome is not Outcome.CANCELLED:
            log_dir = self._bundle(capture, output)
        restarts_in = FAILURE_SLEEP_S if outcome is Outcome.FAILED and running else None
        title, next_steps = self._words(outcome, code, running)
        result = InstallResult(
            outcome=outcome, title=title, reason=mask(reason, self._secrets), disks=disks,
            disks_message=self._disk_words(disks), next_steps=next_steps, exit_code=code,
            log_dir=log_dir, log_tail=tuple(self._state.tail)[-50:],
            anaconda_running=running, restarts_in=restarts_in, environment=self.environment)
        with self._lock:
            self.result = result
        log.info("install ended: %s (disks %s, exit code %s, logs in %s)", outcome.value,
                 disks.value, code, log_dir)
        return result

    def _bundle(self, capture: _Capture, output: list[str]) -> str | None:
        try:
            return collect_logs(self.runtime_dir, log_dir=self.log_dir,
                                since=self._started_at,
                                extra={OUTPUT_LOG: "\n".join(output) + "\n",
                                       OWN_LOG: "\n".join(capture.lines) + "\n"},
                                secrets=self._secrets)
        except OSError as exc:
            log.warning("could not gather the logs: %s", exc)
            return None

    def _disk_words(self, disks: DiskState) -> str:
        names = ", ".join(d.description for d in self.plan.disks)
        was, them = ("was", "it") if len(self.plan.disks) == 1 else ("were", "them")
        return {
            DiskState.UNTOUCHED: f"Nothing was changed on {names}.",
            DiskState.ERASED: f"{names} {was} already partitioned and formatted: what was on "
            f"{them} before is gone, and nothing starts from {them} yet. Run the installer "
            "again to finish.",
            DiskState.INCOMPLETE: f"veilor-os was written to {names} and the boot loader "
            "installed, but the last steps did not finish: it may start, but install again "
            "to be sure it is set up right.",
            DiskState.INSTALLED: f"veilor-os is installed on {names}.",
            DiskState.UNKNOWN: f"It is not known how far the installer got: treat {names} as "
            "erased.",
        }[disks]

    def _words(self, outcome: Outcome, code: int | None, running: bool) -> tuple[str, str]:
        keymap = self.plan.keyboard.vc_keymap
        report = "Please report it, with the log folder named below."
        if outcome in (Outcome.CANCELLED, Outcome.STALLED) and running:
            # The kill was refused (Anaconda runs as root through pkexec): never claim a stop.
            return ("The installation could not be stopped",
                    "Anaconda runs as root and is still working; it restarts the computer "
                    "when it ends. Save the logs before that.")
        if outcome is Outcome.SUCCEEDED:
            return ("veilor-os is installed",
                    "Restart the computer and remove the installer USB stick. At every start "
                    f"you type the disk passphrase, on the '{keymap}' keyboard layout.")
        if outcome is Outcome.FAILED and self.environment is Environment.LIVE:
            later = (f"Anaconda could not be stopped and may restart the computer in about "
                     f"{FAILURE_SLEEP_S / 60:.0f} minutes: save the logs first." if running else
                     "Nothing restarts the computer by itself: the logs stay until you "
                     "restart it.")
            return ("The installation failed", later + " Then check the network and the "
                    "image, and install again.")
        if outcome is Outcome.FAILED:
            later = (f"Anaconda restarts the computer in about {FAILURE_SLEEP_S / 60:.0f} "
                     "minutes, and the logs are lost then: save them first (or stop the "
                     "restart)." if running else "")
            return ("The installation failed", (later + " Then check the network and the "
                    "image, and install again.").strip())
        if outcome is Outcome.REJECTED:
            return ("Anaconda refused the kickstart",
                    "This is a bug in veilor-installer: the kickstart passed its own checks. "
                    + report)
        if outcome is Outcome.CRASHED:
            how = f"exit code {code}" if code is not None else "no exit code"
            return (f"Anaconda stopped unexpectedly ({how})",
                    "Install again; if it happens again, " + report[0].lower() + report[1:])
        if outcome is Outcome.STALLED:
            return (f"Anaconda stopped responding (nothing happened for "
                    f"{self.stall_timeout / 60:.0f} min), so it was stopped",
                    "Check the network, then install again.")
        if outcome is Outcome.CANCELLED:
            return ("You stopped the installation",
                    "Install again when you are ready." if self._proc is not None else
                    "Nothing was started.")
        return ("The installer could not be started", "Check that this is the veilor-os "
                "installer ISO and try again.")


class _Cancelled(Exception):
    pass


def _close_pipes(proc: subprocess.Popen[bytes]) -> None:
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def describe_command(argv: Sequence[str]) -> str:
    """The command for a person to read (it holds no secret)."""
    return shlex.join(argv)
