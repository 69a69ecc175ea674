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

What the lines say is read by ``progress.Tracker`` (the texts themselves are in ``patterns``);
the logs are followed and bundled by ``logs``; the result's words are in ``wording``.

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
run), and tidies up with ``anaconda-cleanup`` (``stop.kill``).

A GUI drives this from a worker thread: ``run()`` blocks and reports through ``on_event`` (on
that thread); ``cancel()``, ``reboot()`` and ``stop()`` may be called from any thread.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import os
import selectors
import shlex
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from veilor_installer.core import commands, private, settings
from veilor_installer.core.commands import CommandError
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.helper import client as privileged
from veilor_installer.core.helper import protocol
from veilor_installer.core.helper.steps import Status
from veilor_installer.core.i18n import Text
from veilor_installer.core.install import kickstart, power
from veilor_installer.core.install.anaconda import stop
from veilor_installer.core.install.anaconda.events import (
    FAILURE_SLEEP_S,
    DiskState,
    Ended,
    Environment,
    Event,
    InstallResult,
    Outcome,
    detect_environment,
)
from veilor_installer.core.install.anaconda.logs import (
    OUTPUT_LOG,
    OWN_LOG,
    WATCHED,
    Capture,
    Tail,
    collect_logs,
    default_log_dir,
    mask,
)
from veilor_installer.core.install.anaconda.patterns import (
    STDOUT_REJECTED,
    STDOUT_STOPPED,
    STDOUT_TERMINATE,
    between,
    step_title,
)
from veilor_installer.core.install.anaconda.progress import Pacer, Tracker, payload_fraction
from veilor_installer.core.install.anaconda.wording import disks_message, title_and_next_steps
from veilor_installer.core.install.kickstart import FAILURE_MARKER, WrittenKickstart, dquote
from veilor_installer.core.install.plan import InstallPlan
from veilor_installer.core.log import get_logger

log = get_logger("anaconda")

DEFAULT_TARGET_ROOT = "/mnt/sysimage"
LIVE_EXIT_WAIT_S = 60.0
"""In a live session, how long ``reboot()`` lets Anaconda end after the Enter before the
helper restarts the computer anyway."""
MARKER_GRACE_S = 3.0
"""After a failure text, how long to wait for the %onerror marker (its script logs with it)."""
_KEEP_LINES = 200_000


def default_stall_seconds() -> float:
    return settings.anaconda_stall_seconds()


@dataclass
class _State:
    output: deque[str] = field(default_factory=lambda: deque(maxlen=_KEEP_LINES))
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=200))
    tracker: Tracker = field(default_factory=Tracker)
    last_activity: float = 0.0


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
        self.runtime_dir = os.path.abspath(runtime_dir or private.runtime_dir())
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
        self.restart_problem: str | Text = ""
        """Live session: why the helper did not restart the computer ("" when it did)."""
        self._restarter: threading.Thread | None = None
        self.written: WrittenKickstart | None = None
        self.result: InstallResult | None = None
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._state = _State()
        self._pacer = Pacer(self._emit)
        self._drain: threading.Thread | None = None
        self._started_at = 0.0
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
        built = kickstart.build_for(self.plan, self.runtime_dir, runtime_dir=self.runtime_dir)
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
                raise OperationFailed(Text("the installation has not ended"))
            if self._restarter is not None:
                raise OperationFailed(Text("the computer is already being restarted"))
            if result.succeeded and proc is not None and proc.poll() is None:
                self._press_enter(proc)
            self._restarter = threading.Thread(target=self._restart_live, args=(proc,),
                                               name="restart", daemon=True)
            self._restarter.start()
            return
        if result is None or not result.succeeded or proc is None or proc.poll() is not None:
            raise OperationFailed(Text("Anaconda is not waiting to restart the computer"))
        self._press_enter(proc)
        log.info("sent Enter to Anaconda: it restarts the computer")

    def _press_enter(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.stdin is None:
            raise OperationFailed(Text("Anaconda's input is closed"))
        try:
            proc.stdin.write(b"\n")
            proc.stdin.flush()
            proc.stdin.close()
        except OSError as exc:
            raise OperationFailed(Text("Anaconda did not take the Enter key: {why}",
                                       why=exc.strerror)) from exc

    def _restart_live(self, proc: subprocess.Popen[bytes] | None) -> None:
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
            self.restart_problem = answer.reason or Text("the helper refused")
            log.warning("the computer could not be restarted: %s", self.restart_problem)

    def stop(self) -> Text:
        """End Anaconda without letting it restart the computer; say what was done."""
        with self._lock:
            proc = self._proc
        if proc is None:
            return Text("Anaconda was not started.")
        if proc.poll() is not None:
            return Text("Anaconda had already ended.")
        problem = self._kill(proc)
        if problem is not None:
            return problem
        return Text("Anaconda was stopped; the computer will not restart by itself.")

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

    def _kill(self, proc: subprocess.Popen[bytes]) -> Text | None:
        return stop.kill(proc, use_pkexec=self.use_pkexec, cleanup_program=self.cleanup_program)

    # -- the live session's preparations (what liveinst does), through the helper --

    def _prepare_session(self) -> None:
        """Storage modules, SELinux permissive, leftovers unmounted (core.livesession), done
        by the privileged helper: the wizard itself never runs as root."""
        result = privileged.call(protocol.request("prepare-live"), use_pkexec=self.use_pkexec,
                                 timeout=300)
        # Only SELinux's mode needs undoing; it is undone even when a later step failed.
        self._session_prepared = any(step.step == "selinux" and step.status is Status.DONE
                                     for step in result.steps)
        for step in result.steps:
            log.info("live session: %s: %s", step.step, step.message)
        if not result.ok:
            raise OperationFailed(Text(
                "the live session could not be prepared for the installer: {why}",
                why=result.reason or Text("the helper refused")))

    def _undo_session(self) -> None:
        if not self._session_prepared:
            return
        self._session_prepared = False
        result = privileged.call(protocol.request("undo-live"), use_pkexec=self.use_pkexec,
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
        capture = Capture()
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

    def _run(self, capture: Capture) -> InstallResult:
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
            tails = {name: Tail(os.path.join(self.log_dir, name), from_end=True)
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
        self._pacer.flush(force=True)
        self._start_drain(proc)
        return self._finish(outcome, capture, code=code,
                            log_readable=tails["anaconda.log"].readable)

    def _follow(self, proc: subprocess.Popen[bytes], tails: dict[str, Tail]) -> Outcome:
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
                    payload_base, fraction = payload_fraction(self.target_root, self.image_size,
                                                             payload_base)
                    self._pacer.progress(tracker, fraction)
                self._pacer.flush()
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
                self._pacer.step(title)
        self._pacer.lines("output", clean)

    def _log_lines(self, name: str, lines: list[str]) -> None:
        if not lines:
            return
        tracker = self._state.tracker
        for line in lines:
            tracker.log_line(line)
        clean = self._clean(lines)
        if name == "anaconda.log":
            self._state.tail.extend(clean)
            self._pacer.progress(tracker, 0.0)
        self._pacer.lines(name, clean)

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

    def _finish(self, outcome: Outcome, capture: Capture, *, code: int | None,
                reason: str | Text = "", log_readable: bool = False) -> InstallResult:
        tracker = self._state.tracker
        output = list(self._state.output)
        running = self.anaconda_running
        if outcome is Outcome.NOT_STARTED and tracker.pidfile:
            reason = reason or Text("another Anaconda is running, or a previous one left "
                                    "/var/run/anaconda.pid behind")
        if outcome is Outcome.CRASHED and self.use_pkexec and code in (126, 127) and (
                not tracker.queue_seen):
            outcome = Outcome.NOT_STARTED
            reason = Text("permission to run the installer as administrator was refused")
        if outcome is Outcome.FAILED:
            reason = reason or between(output, STDOUT_STOPPED, STDOUT_TERMINATE)
            reason = reason or mask(tracker.log_error, self._secrets)
        elif outcome is Outcome.REJECTED:
            reason = between(output, STDOUT_REJECTED, STDOUT_TERMINATE)
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
        title, next_steps = title_and_next_steps(
            outcome, code=code, running=running, started=self._proc is not None,
            environment=self.environment, keymap=self.plan.keyboard.vc_keymap,
            stall_timeout=self.stall_timeout)
        result = InstallResult(
            outcome=outcome, title=title, disks=disks,
            reason=reason if isinstance(reason, Text) else mask(reason, self._secrets),
            disks_message=disks_message(disks, self.plan.disks), next_steps=next_steps,
            exit_code=code,
            log_dir=log_dir, log_tail=tuple(self._state.tail)[-50:],
            anaconda_running=running, restarts_in=restarts_in, environment=self.environment)
        with self._lock:
            self.result = result
        log.info("install ended: %s (disks %s, exit code %s, logs in %s)", outcome.value,
                 disks.value, code, log_dir)
        return result

    def _bundle(self, capture: Capture, output: list[str]) -> str | None:
        try:
            return collect_logs(self.runtime_dir, log_dir=self.log_dir,
                                since=self._started_at,
                                extra={OUTPUT_LOG: "\n".join(output) + "\n",
                                       OWN_LOG: "\n".join(capture.lines) + "\n"},
                                secrets=self._secrets)
        except OSError as exc:
            log.warning("could not gather the logs: %s", exc)
            return None

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
