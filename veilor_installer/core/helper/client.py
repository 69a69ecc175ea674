"""The client of ``veilor-installer-helper``, shared by the GUI and the command line.

The GUI never runs as root (DESIGN §7): a request goes as one JSON object on the helper's
stdin, through ``pkexec`` (polkit asks for an administrator's password, then keeps the
authorisation for a few minutes), or straight to the helper when this process is root already.
The helper answers with JSON lines: ``{"type": "progress", …}`` while it works, then one
``{"type": "answer", …}`` (core.helper.protocol says what a request and an answer are).
Secrets (the pre-auth key, the disk passphrase) travel only on that stdin, never in an
argument.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from typing import Any

from veilor_installer.core import commands
from veilor_installer.core.errors import EXIT_FAILED
from veilor_installer.core.helper import protocol
from veilor_installer.core.helper.steps import ActionResult, Progress, redact_message
from veilor_installer.core.i18n import Text
from veilor_installer.core.log import get_logger, redact

log = get_logger("privileged")

HELPER = "veilor-installer-helper"
DEFAULT_TIMEOUT_S = 60 * 60.0  # layering a package on a slow link takes long
# pkexec's own exit codes: 126 the dialog was dismissed, 127 not authorised (or no agent).
_PKEXEC_REFUSED = {126: Text("authorisation refused: the authorisation dialog was closed"),
                   127: Text("authorisation refused: not authorised")}


def authorisation_refused(result: ActionResult) -> bool:
    """Whether pkexec's dialog was closed or the password refused (no step ran)."""
    reason = result.reason
    return reason in _PKEXEC_REFUSED.values()


def helper_path() -> str:
    """The helper: ``VEILOR_BIN_DIR`` / PATH first, then beside this interpreter (a venv)."""
    try:
        return commands.find_program(HELPER)
    except commands.CommandNotFound:
        beside = os.path.join(os.path.dirname(sys.executable), HELPER)
        if os.access(beside, os.X_OK):
            return beside
        raise


def _argv(use_pkexec: bool) -> list[str]:
    helper = helper_path()
    # pkexec wants an absolute program: the policy's exec.path names it.
    return ["pkexec", helper] if use_pkexec else [helper]


def call(request: Mapping[str, Any], *, progress: Progress | None = None,
         secrets: Sequence[str] = (), use_pkexec: bool | None = None,
         timeout: float = DEFAULT_TIMEOUT_S) -> ActionResult:
    """Send ``request`` to the helper and return its answer (never raises for a failed
    action: the result carries the exit code). ``secrets`` are masked in every log line."""
    action = str(request.get("action", "?"))
    pkexec = os.geteuid() != 0 if use_pkexec is None else use_pkexec
    try:
        proc = commands.spawn(_argv(pkexec), secrets=secrets)
    except commands.CommandError as exc:
        return ActionResult(action, exit_code=EXIT_FAILED,
                            reason=Text("cannot start the privileged helper: {error}",
                                        error=redact(str(exc))))
    if proc.stdin is None or proc.stdout is None:  # spawn always gives both pipes
        raise RuntimeError("the helper was started without pipes")
    try:
        proc.stdin.write(protocol.encode_request(request))
        proc.stdin.close()
    except BrokenPipeError:
        pass  # pkexec refused before reading; its exit code says why
    answer: dict[str, Any] | None = None
    other: list[str] = []
    deadline = time.monotonic() + timeout
    buffer = b""
    timed_out = False
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            if not selector.select(min(left, 1.0)):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                raw, buffer = buffer.split(b"\n", 1)
                answer = _line(raw, progress, other) or answer
    if buffer.strip():
        answer = _line(buffer, progress, other) or answer
    if timed_out:
        _stop(proc)
    proc.stdout.close()
    code = proc.wait()
    for line in other:
        log.debug("helper said: %s", line)
    if timed_out:
        return ActionResult(action, exit_code=EXIT_FAILED, log=other,
                            reason=Text("the privileged helper did not finish within {seconds} s",
                                        seconds=f"{timeout:g}"))
    if answer is None:
        why = _PKEXEC_REFUSED.get(code) if pkexec else None
        reason = (why if why else
                  Text("the privileged helper ended (exit code {code}) without an answer: "
                       "{said}", code=code, said=redact(other[-1])) if other else
                  Text("the privileged helper ended (exit code {code}) without an answer",
                       code=code))
        return ActionResult(action, exit_code=EXIT_FAILED, reason=reason, log=other)
    try:
        result = protocol.result_from_json(answer)
    except (ValueError, KeyError, TypeError) as exc:
        return ActionResult(action, exit_code=EXIT_FAILED, log=other,
                            reason=Text("the privileged helper's answer cannot be read: {error}",
                                        error=str(exc)))
    result.log = other
    return result


def _line(raw: bytes, progress: Progress | None, other: list[str]) -> dict[str, Any] | None:
    """One line from the helper: a progress event (passed on), the answer (returned), or
    anything else (pkexec's own messages, a crash) kept for the log."""
    line = protocol.read_line(raw)
    if line is None:
        return None
    if line.kind == "progress":
        if progress is not None:
            try:
                said = protocol.message_from_json(line.message.get("message", ""))
            except ValueError:
                said = str(line.message.get("message", ""))
            progress(str(line.message.get("step", "")), redact_message(said))
        return None
    if line.kind == "answer":
        return line.message
    other.append(redact(line.text))
    return None


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End the helper and what it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
    except (ProcessLookupError, PermissionError):
        return
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
