"""Stop an Anaconda that runs as root, for the privileged helper (action ``stop-anaconda``).

The GUI starts Anaconda through pkexec, so the GUI may not signal it; ending it without its
exit handler (which restarts the computer) takes SIGKILL to its process group, then
``anaconda-cleanup`` to unmount and close what it left (research/anaconda.md §3.5). The pid
comes from an unprivileged caller: only a process that really is ``anaconda --cmdline
--kickstart=…`` is touched.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from veilor_installer.core import commands
from veilor_installer.core.errors import InvalidInput, OperationFailed
from veilor_installer.core.steps import ActionResult, Progress, Steps, run_action

CLEANUP = "anaconda-cleanup"


def anaconda_argv(pid: int, proc: Path = Path("/proc")) -> list[str] | None:
    """The argument list of ``pid`` when it is an Anaconda install run, else None."""
    try:
        raw = (proc / str(pid) / "cmdline").read_bytes()
    except OSError:
        return None
    argv = [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]
    if not argv:
        return None
    # The program may be run by an interpreter (anaconda is a Python script).
    names = [os.path.basename(a) for a in argv[:2]]
    if "anaconda" not in names:
        return None
    if "--cmdline" not in argv or not any(a.startswith("--kickstart=") for a in argv):
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
        with steps.step("check", "Find the installer") as step:
            if anaconda_argv(pid, proc) is None:
                raise InvalidInput(f"pid: {pid} is not a running Anaconda install")
            step.done(f"Anaconda is process {pid}")
        with steps.step("kill", "Stop the installer") as step:
            try:
                # Its own process group (the runner starts it in a new session): its
                # children (dbus-daemon, the modules) go too.
                if os.getpgid(pid) == pid:
                    os.killpg(pid, signal.SIGKILL)
                else:
                    os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                step.unchanged("it had already ended")
            else:
                deadline = time.monotonic() + wait_s
                while not _gone(pid, proc):
                    if time.monotonic() > deadline:
                        raise OperationFailed("Anaconda did not end after SIGKILL")
                    time.sleep(0.05)
                step.done("stopped; the computer will not restart by itself")
        with steps.step("cleanup", "Unmount what the installer left") as step:
            try:
                result = commands.run([CLEANUP], timeout=120)
            except commands.CommandNotFound:
                step.warn(f"{CLEANUP} is not installed; restart before installing again")
                return
            if result.ok:
                step.done("done")
            else:
                step.warn(f"{CLEANUP} exited with code {result.returncode}; restart before "
                          "installing again")

    return run_action("stop-anaconda", body, progress)
