"""The one door to external programs.

Argument lists only, never a shell; a timeout on every call (``run``), or a caller that follows
the program and ends it (``spawn``, for Anaconda); secrets only through stdin or 0600 files (the
caller names them so they are masked in the log), and an argument list that would carry a known
secret is refused; every call logged, redacted, with its exit code and duration.
``VEILOR_BIN_DIR`` (core.settings) is searched first so that tests can put fakes of
tailscale, anaconda, systemctl … in front of the real programs; like every setting it is
ignored when the process runs elevated through pkexec.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from veilor_installer.core import settings
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.i18n import Text
from veilor_installer.core.log import get_logger, redact, register_secret

log = get_logger("commands")

# sbin folders are not on an ordinary user's PATH but hold lsblk/blkid/losetup on Debian.
_SYSTEM_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")

# An option whose value names the file holding a secret, as tailscale's --auth-key=file:PATH.
_FILE_VALUE = re.compile(r"--[A-Za-z0-9-]+=file:(/\S*)")


class CommandError(OperationFailed):
    """A command could not be run, timed out, or (with ``check=True``) failed."""


class CommandNotFound(CommandError):
    pass


class CommandTimeout(CommandError):
    pass


class CommandFailed(CommandError):
    def __init__(self, result: Completed) -> None:
        self.result = result
        tail = redact(result.stderr.strip().splitlines()[-1]) if result.stderr.strip() else ""
        program = os.path.basename(result.argv[0])
        super().__init__(
            Text("{program} exited with code {code}: {why}", program=program,
                 code=result.returncode, why=tail) if tail else
            Text("{program} exited with code {code}", program=program, code=result.returncode))


@dataclass(frozen=True)
class Completed:
    argv: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def find_program(name: str) -> str:
    """Absolute path of ``name``: ``VEILOR_BIN_DIR`` first, then PATH, then the sbin folders."""
    if os.sep in name:
        if os.access(name, os.X_OK):
            return name
        raise CommandNotFound(Text("{name} is not an executable file", name=name))
    bin_dir = settings.bin_dir()
    if bin_dir:
        candidate = os.path.join(bin_dir, name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    search = os.environ.get("PATH", "") if not settings.elevated() else ""
    search = os.pathsep.join([p for p in (search, *_SYSTEM_DIRS) if p])
    found = shutil.which(name, path=search)
    if found is None:
        raise CommandNotFound(Text("the program '{name}' is not installed", name=name))
    return found


def _refuse_secrets(argv: Sequence[str]) -> None:
    """No secret in an argument list: any user can read it in /proc/<pid>/cmdline, and the
    fakes and logs record it. ``redact`` knows every registered secret and secret-shaped
    option, so an argument it would change is refused before anything starts."""
    for arg in argv:
        by_file = _FILE_VALUE.fullmatch(arg)
        probe = by_file.group(1) if by_file else arg  # ``--auth-key=file:PATH``: check the path
        if redact(probe) != probe:
            raise CommandError(Text("refusing to start {program}: an argument holds a secret",
                                    program=os.path.basename(argv[0])))


def _prepare(argv: Sequence[str], secrets: Iterable[str]) -> tuple[tuple[str, ...], str]:
    """The argument list to start (the program found through the one search) and how it is
    shown in the log; a secret in it is refused, and the secrets the program may echo are
    registered for redaction first."""
    if not argv:
        raise ValueError("empty argument list")
    for secret in secrets:
        register_secret(secret)
    full = (find_program(argv[0]), *argv[1:])
    _refuse_secrets(full)
    return full, redact(shlex.join(full))


def run(
    argv: Sequence[str],
    *,
    timeout: float,
    stdin_text: str | None = None,
    secrets: Sequence[str] = (),
    check: bool = False,
    env: Mapping[str, str] | None = None,
) -> Completed:
    """Run ``argv`` (its first item looked up with ``find_program``) and wait for it.

    ``stdin_text`` is the only way to hand a program a secret; pass the secret values in
    ``secrets`` too so that nothing the program echoes reaches the log.
    """
    full, shown = _prepare(argv, secrets)
    child_env = dict(os.environ if env is None else env)
    child_env.setdefault("LC_ALL", "C.UTF-8")
    started = time.monotonic()
    try:
        proc = subprocess.run(
            full,
            input=stdin_text if stdin_text is not None else "",
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            env=child_env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        log.warning("timed out after %.1f s: %s", timeout, shown)
        raise CommandTimeout(Text("{program} did not finish within {seconds} s",
                                  program=os.path.basename(full[0]), seconds=f"{timeout:g}")
                             ) from exc
    except OSError as exc:
        log.warning("could not start %s: %s", shown, exc.strerror)
        raise CommandError(Text("could not start {program}: {why}",
                                program=os.path.basename(full[0]), why=exc.strerror)) from exc
    result = Completed(full, proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started)
    log.info("exit %d in %.3f s: %s", result.returncode, result.seconds, shown)
    if result.returncode != 0 and result.stderr.strip():
        log.debug("stderr of %s: %s", os.path.basename(full[0]), result.stderr.strip()[-2000:])
    if check and result.returncode != 0:
        raise CommandFailed(result)
    return result


def spawn(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    secrets: Sequence[str] = (),
    new_session: bool = True,
) -> subprocess.Popen[bytes]:
    """Start ``argv`` and return at once, for a program the caller follows (Anaconda).

    stdin is a pipe the caller writes to (Anaconda waits for Enter there); stdout and stderr
    arrive merged on one pipe, as bytes, so a traceback is seen in order with the messages
    before it. ``new_session`` puts the program in its own process group, so that ending it
    also ends the helpers it started (Anaconda's D-Bus daemon and modules). The caller owns
    the process: it must read the pipe and reap it.
    """
    full, shown = _prepare(argv, secrets)
    try:
        proc = subprocess.Popen(
            full,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=dict(os.environ if env is None else env),
            start_new_session=new_session,
            close_fds=True,
        )
    except OSError as exc:
        log.warning("could not start %s: %s", shown, exc.strerror)
        raise CommandError(Text("could not start {program}: {why}",
                                program=os.path.basename(full[0]), why=exc.strerror)) from exc
    log.info("started pid %d: %s", proc.pid, shown)
    return proc
