"""The one door to external programs.

Argument lists only, never a shell; a timeout on every call; secrets only through stdin (the
caller names them so they are masked in the log); every call logged, redacted, with its exit
code and duration. ``VEILOR_BIN_DIR`` is searched first so that tests can put fakes of
tailscale, anaconda, systemctl … in front of the real programs; it is ignored when the process
runs elevated through pkexec.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.log import get_logger, redact, register_secret

log = get_logger("commands")

# sbin folders are not on an ordinary user's PATH but hold lsblk/blkid/losetup on Debian.
_SYSTEM_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")


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
        super().__init__(
            f"{os.path.basename(result.argv[0])} exited with code {result.returncode}"
            + (f": {tail}" if tail else "")
        )


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


def elevated() -> bool:
    """True when started through pkexec: development overrides are then ignored."""
    return "PKEXEC_UID" in os.environ


def env_override(name: str) -> str | None:
    """An environment override for tests and development, ignored when elevated."""
    if elevated():
        return None
    value = os.environ.get(name)
    return value or None


def find_program(name: str) -> str:
    """Absolute path of ``name``: ``VEILOR_BIN_DIR`` first, then PATH, then the sbin folders."""
    if os.sep in name:
        if os.access(name, os.X_OK):
            return name
        raise CommandNotFound(f"{name} is not an executable file")
    bin_dir = env_override("VEILOR_BIN_DIR")
    if bin_dir:
        candidate = os.path.join(bin_dir, name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    search = os.environ.get("PATH", "") if not elevated() else ""
    search = os.pathsep.join([p for p in (search, *_SYSTEM_DIRS) if p])
    found = shutil.which(name, path=search)
    if found is None:
        raise CommandNotFound(f"the program '{name}' is not installed")
    return found


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
    if not argv:
        raise ValueError("empty argument list")
    for secret in secrets:
        register_secret(secret)
    full = (find_program(argv[0]), *argv[1:])
    shown = redact(shlex.join(full))
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
        raise CommandTimeout(
            f"{os.path.basename(full[0])} did not finish within {timeout:g} s"
        ) from exc
    except OSError as exc:
        log.warning("could not start %s: %s", shown, exc.strerror)
        raise CommandError(f"could not start {os.path.basename(full[0])}: {exc.strerror}") from exc
    result = Completed(full, proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started)
    log.info("exit %d in %.3f s: %s", result.returncode, result.seconds, shown)
    if result.returncode != 0 and result.stderr.strip():
        log.debug("stderr of %s: %s", os.path.basename(full[0]), result.stderr.strip()[-2000:])
    if check and result.returncode != 0:
        raise CommandFailed(result)
    return result
