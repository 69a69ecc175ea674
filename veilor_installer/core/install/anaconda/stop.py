"""Stopping Anaconda without its restart: from the runner (``kill``), and for the privileged
helper (action ``stop-anaconda``, ``stop``) when Anaconda runs as root.

Ending Anaconda without its exit handler (which restarts the computer) takes SIGKILL to its
process group, then ``anaconda-cleanup`` to unmount and close what it left
(research/anaconda.md §3.5). The GUI starts Anaconda through pkexec, so the GUI may not signal
it: the runner then asks the helper. The pid comes from an unprivileged caller: only a process
of root that really is the installed ``anaconda --cmdline --kickstart=…``, started for this
caller, is touched; a look-alike (a user's script of that name and arguments) is refused and
left running.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

from veilor_installer.core import commands
from veilor_installer.core.commands import CommandError, CommandNotFound
from veilor_installer.core.errors import InvalidInput, OperationFailed
from veilor_installer.core.helper import client as privileged
from veilor_installer.core.helper import protocol
from veilor_installer.core.helper.steps import ActionResult, Progress, Steps, run_action
from veilor_installer.core.i18n import Text
from veilor_installer.core.log import get_logger

log = get_logger("anaconda")

CLEANUP = "anaconda-cleanup"
KILL_WAIT_S = 10.0
NOT_STOPPED = Text("Anaconda runs as root and could not be stopped from here; it will restart "
                   "the computer when it ends.")


# --- from the runner ----------------------------------------------------------------------------


def kill(proc: subprocess.Popen[bytes], *, use_pkexec: bool,
         cleanup_program: str | None) -> Text | None:
    """SIGKILL Anaconda's process group (its exit handler, which restarts the computer, does
    not run), then let ``cleanup_program`` unmount and close what it left. Returns None when
    it was stopped, else why not, in words."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    except PermissionError:
        # Started through pkexec, it runs as root: the privileged helper stops it (and runs
        # anaconda-cleanup itself).
        problem = _kill_as_root(proc)
        if problem:
            return problem
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=KILL_WAIT_S)
        return None
    try:
        proc.wait(timeout=KILL_WAIT_S)
    except subprocess.TimeoutExpired:
        log.warning("Anaconda (pid %d) did not end after SIGKILL", proc.pid)
    if proc.stdin is not None:
        with contextlib.suppress(OSError):
            proc.stdin.close()
    _run_cleanup(cleanup_program, use_pkexec=use_pkexec)
    return None


def _kill_as_root(proc: subprocess.Popen[bytes]) -> Text | None:
    result = privileged.call(protocol.request("stop-anaconda", pid=proc.pid),
                             use_pkexec=True, timeout=60)
    if result.ok:
        log.info("the helper stopped Anaconda (pid %d)", proc.pid)
        return None
    log.warning("not allowed to stop Anaconda (pid %d): %s", proc.pid, result.reason)
    return NOT_STOPPED


def _run_cleanup(program: str | None, *, use_pkexec: bool) -> None:
    if not program:
        return
    argv = [program]
    try:
        if use_pkexec:
            argv = ["pkexec", commands.find_program(program)]
        result = commands.run(argv, timeout=300)
    except CommandNotFound:
        log.info("%s is not installed; nothing tidied up", program)
        return
    except CommandError as exc:
        log.warning("tidying up after Anaconda failed: %s", exc)
        return
    if not result.ok:
        log.warning("%s exited with code %d", program, result.returncode)


# --- in the helper, as root ---------------------------------------------------------------------


def _status_uids(pid: int, proc: Path) -> list[int]:
    """Real, effective, saved and filesystem uid of ``pid`` (empty when it is gone)."""
    try:
        for line in (proc / str(pid) / "status").read_text().splitlines():
            if line.startswith("Uid:"):
                return [int(v) for v in line.split()[1:]]
    except (OSError, ValueError):
        pass
    return []


def _interpreter(program: str) -> str | None:
    """The interpreter a script names on its ``#!`` line (Anaconda is a Python script)."""
    try:
        with open(program, "rb") as fh:
            first = fh.readline(512)
    except OSError:
        return None
    if not first.startswith(b"#!"):
        return None
    words = first[2:].decode("utf-8", "replace").split()
    if not words:
        return None
    if os.path.basename(words[0]) == "env" and len(words) > 1:
        try:
            return commands.find_program(words[1])
        except commands.CommandNotFound:
            return None
    return words[0]


def _environ_uid(pid: int, proc: Path) -> str | None:
    try:
        raw = (proc / str(pid) / "environ").read_bytes()
    except OSError:
        return None
    for entry in raw.split(b"\0"):
        if entry.startswith(b"PKEXEC_UID="):
            return entry.split(b"=", 1)[1].decode("ascii", "replace")
    return None


def anaconda_argv(pid: int, proc: Path = Path("/proc"), *,
                  caller: str | None = None) -> list[str] | None:
    """The argument list of ``pid`` when it is an Anaconda install run started for this
    caller, else None. It must run as root (every uid 0), its program must be Anaconda as
    installed (the ``anaconda`` on the PATH: the script itself, or its interpreter running
    it), its arguments ``--cmdline --kickstart=…``, and for a ``caller`` (our PKEXEC_UID) it
    must have been started for that user (its own ``PKEXEC_UID``)."""
    uids = _status_uids(pid, proc)
    if not uids or any(uids):
        return None
    try:
        raw = (proc / str(pid) / "cmdline").read_bytes()
        exe = os.path.realpath(os.readlink(proc / str(pid) / "exe"))
        installed = os.path.realpath(commands.find_program("anaconda"))
    except (OSError, commands.CommandNotFound):
        return None
    argv = [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]
    if not argv:
        return None
    interpreter = _interpreter(installed)
    if exe == installed:
        program_args = argv[1:]
    elif interpreter is not None and exe == os.path.realpath(interpreter) and len(argv) >= 2 \
            and os.path.realpath(argv[1]) == installed:
        program_args = argv[2:]  # the kernel ran the #! line: interpreter, script, arguments
    else:
        return None
    if "--cmdline" not in program_args or not any(a.startswith("--kickstart=")
                                                  for a in program_args):
        return None
    if caller is not None and _environ_uid(pid, proc) != caller:
        return None
    return argv


def _gone(pid: int, proc: Path) -> bool:
    try:
        state = (proc / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state == "Z"  # a zombie waits for its parent (the GUI) to reap it: it is over


def stop(pid: int, *, progress: Progress | None = None, proc: Path = Path("/proc"),
         wait_s: float = 10.0) -> ActionResult:
    def body(steps: Steps) -> None:
        with steps.step("check", Text("Find the installer")) as step:
            if anaconda_argv(pid, proc, caller=os.environ.get("PKEXEC_UID")) is None:
                raise InvalidInput(Text("pid: {pid} is not a running Anaconda install", pid=pid))
            step.done(Text("Anaconda is process {pid}", pid=pid))
        with steps.step("kill", Text("Stop the installer")) as step:
            try:
                # Its own process group (the runner starts it in a new session): its
                # children (dbus-daemon, the modules) go too.
                if os.getpgid(pid) == pid:
                    os.killpg(pid, signal.SIGKILL)
                else:
                    os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                step.unchanged(Text("it had already ended"))
            else:
                deadline = time.monotonic() + wait_s
                while not _gone(pid, proc):
                    if time.monotonic() > deadline:
                        raise OperationFailed(Text("Anaconda did not end after SIGKILL"))
                    time.sleep(0.05)
                step.done(Text("stopped; the computer will not restart by itself"))
        with steps.step("cleanup", Text("Unmount what the installer left")) as step:
            try:
                result = commands.run([CLEANUP], timeout=120)
            except commands.CommandNotFound:
                step.warn(Text("{program} is not installed; restart before installing again",
                               program=CLEANUP))
                return
            if result.ok:
                step.done(Text("done"))
            else:
                step.warn(Text("{program} exited with code {code}; restart before installing "
                               "again", program=CLEANUP, code=result.returncode))

    return run_action("stop-anaconda", body, progress)
