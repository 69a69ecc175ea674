"""``veilor-installer-helper``: the privileged side (DESIGN §7).

Started through pkexec (polkit action ``org.veilor.installer.helper``,
veilor_installer/data/resources/polkit), or directly by root. Reads one JSON request on stdin
and treats it as hostile: an allowlist of actions, every field checked for type, length and
characters (no control characters anywhere; names and paths against patterns that leave no room
for ``..``, ``;`` or a newline), no field it does not know. Runs fixed argument lists only
(core.commands), answers JSON lines on stdout: progress events while it works, then one answer
with every step's result; its exit code is the answer's (DESIGN §3). When elevated
(``PKEXEC_UID`` set) every development override is ignored and the environment is reduced to a
fixed PATH before anything runs.

Actions: version, mesh-join, mesh-status, yggdrasil, mullvad-browser, thorium, reticulum,
rnode, unlock-list, unlock-enrol, unlock-remove, stop-anaconda, restart (a live-session install's
end, DESIGN §11), prepare-live and undo-live (what Fedora's liveinst does before Anaconda, and
its undoing: core.livesession), inspect-local-image (read-only: the digest of an image in
root's containers-storage, which pre-flight of an offline install needs and the live user cannot
read: core.preflight).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from veilor_installer import __version__
from veilor_installer.core.errors import EXIT_INVALID, EXIT_OK, InvalidInput
from veilor_installer.core.helper.steps import ActionResult, Progress

MAX_REQUEST_BYTES = 64 * 1024
MAX_DEPTH = 8  # a request is one flat object; nesting is refused long before Python's stack
MAX_INT_DIGITS = 20
SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


@dataclass(frozen=True)
class Field:
    kind: type
    required: bool = False
    max_length: int = 255
    secret: bool = False
    strip: bool = False  # a pasted payload keeps the whitespace around it (DESIGN §6 drops it)
    max_value: int = 4096


_FIELDS: dict[str, dict[str, Field]] = {
    "version": {},
    "mesh-join": {"payload": Field(str, True, 4096, secret=True, strip=True),
                  "hostname": Field(str)},
    "mesh-status": {},
    "yggdrasil": {},
    "mullvad-browser": {},
    "thorium": {"warning_shown": Field(bool, True)},
    "reticulum": {},
    "rnode": {"port": Field(str, True), "region": Field(str, True), "txpower": Field(int)},
    "unlock-list": {"device": Field(str)},
    "unlock-enrol": {"method": Field(str, True), "passphrase": Field(str, True, 1024, True),
                     "pin": Field(str, False, 256, True), "device": Field(str),
                     "replace": Field(bool)},
    "unlock-remove": {"kind": Field(str), "slot": Field(int), "device": Field(str)},
    "stop-anaconda": {"pid": Field(int, True, max_value=2**22)},
    "restart": {},
    "prepare-live": {},
    "undo-live": {},
    "inspect-local-image": {"ref": Field(str, True)},
}
ACTIONS = tuple(_FIELDS)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise InvalidInput(f"request: the field {key[:40]!r} is given twice")
        seen[key] = value
    return seen


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise InvalidInput(f"request: a number of more than {MAX_INT_DIGITS} digits")
    return int(text)


def _no_constant(name: str) -> Any:
    raise InvalidInput(f"request: {name} is not JSON")


def _depth(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text`` (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def parse(raw: bytes) -> Any:
    """The request in ``raw``, or InvalidInput naming what is wrong: too large, not UTF-8,
    nested too deep, a huge number, a field given twice, not JSON."""
    if len(raw) > MAX_REQUEST_BYTES:
        raise InvalidInput(f"request: too large (more than {MAX_REQUEST_BYTES} bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("request: not UTF-8") from None
    if _depth(text) > MAX_DEPTH:
        raise InvalidInput(f"request: nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_int,
                          parse_constant=_no_constant)
    except InvalidInput:
        raise
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        raise InvalidInput("request: not JSON") from None


def validate(request: Any) -> tuple[str, dict[str, Any]]:
    """(action, fields) of a request that passed every check, or InvalidInput naming the
    field. Nothing from the request reaches a message unescaped or unshortened."""
    if not isinstance(request, dict):
        raise InvalidInput("request: must be a JSON object")
    action = request.get("action")
    if not isinstance(action, str):
        raise InvalidInput("action: missing, or not a string")
    spec = _FIELDS.get(action)
    if spec is None:
        raise InvalidInput(f"action: unknown action {action[:40]!r}")
    fields = {k: v for k, v in request.items() if k != "action"}
    for name in fields:
        if name not in spec:
            raise InvalidInput(f"{str(name)[:40]!r}: not a field of {action}")
    for name, field in spec.items():
        if name not in fields:
            if field.required:
                raise InvalidInput(f"{name}: required by {action}")
            continue
        value = fields[name]
        if field.strip and isinstance(value, str):
            value = fields[name] = value.strip()
        if type(value) is not field.kind:  # bool is an int: exact type, on purpose
            raise InvalidInput(f"{name}: must be a {field.kind.__name__}")
        if isinstance(value, str):
            if not value or len(value) > field.max_length:
                raise InvalidInput(f"{name}: must be 1 to {field.max_length} characters")
            if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
                raise InvalidInput(f"{name}: control characters (newline, NUL …) are not "
                                   "allowed")
            if not field.secret and (".." in value or ";" in value):
                raise InvalidInput(f"{name}: '..' and ';' are not allowed")
        if (isinstance(value, int) and not isinstance(value, bool)
                and not 0 <= value <= field.max_value):
            raise InvalidInput(f"{name}: out of range")
    return action, fields


def _runtime_dir() -> str:
    from veilor_installer.core.private import runtime_dir

    return runtime_dir()  # the helper is root: /run/veilor


def _mesh_join(fields: dict[str, Any], progress: Progress) -> ActionResult:
    from veilor_installer.core.firstboot import enrolment, mesh

    enrol = enrolment.check(fields["payload"])
    target = mesh.JoinTarget(server=enrol.server, key=enrol.key, tier=enrol.tier,
                             label=enrol.label)
    hostname = fields.get("hostname") or mesh.default_hostname()
    return mesh.join(target, hostname=hostname, runtime_dir=_runtime_dir(), progress=progress)


def _rnode(fields: dict[str, Any], progress: Progress) -> ActionResult:
    from veilor_installer.core.firstboot import optins, reticulum

    settings = reticulum.RNodeSettings.make(fields["port"], fields["region"],
                                            fields.get("txpower"))
    return optins.reticulum_setup(rnode=settings, progress=progress)


def _unlock_enrol(fields: dict[str, Any], progress: Progress) -> ActionResult:
    from veilor_installer.core.firstboot import unlock
    from veilor_installer.core.secret import Secret

    pin = Secret(fields["pin"]) if "pin" in fields else None
    return unlock.enrol(method=fields["method"], passphrase=Secret(fields["passphrase"]),
                        pin=pin, device=fields.get("device"),
                        replace=fields.get("replace", False), progress=progress)


def _stop_anaconda(fields: dict[str, Any], progress: Progress) -> ActionResult:
    from veilor_installer.core.install.anaconda import stop as anaconda_stop

    return anaconda_stop.stop(fields["pid"], progress=progress)


def _restart(progress: Progress) -> ActionResult:
    from veilor_installer.core.install import power

    return power.reboot(progress)


def _live_session(what: str, progress: Progress) -> ActionResult:
    from veilor_installer.core.install import livesession

    return livesession.prepare(progress) if what == "prepare" else livesession.undo(progress)


def _inspect_local_image(fields: dict[str, Any]) -> ActionResult:
    from veilor_installer.core.install import preflight

    return preflight.inspect_local_image(fields["ref"])


def _dispatch(action: str, fields: dict[str, Any], progress: Progress) -> ActionResult:
    from veilor_installer.core.firstboot import mesh, optins, unlock, yggdrasil

    handlers: dict[str, Callable[[], ActionResult]] = {
        "version": lambda: ActionResult("version", data={"version": __version__}),
        "mesh-join": lambda: _mesh_join(fields, progress),
        "mesh-status": lambda: mesh.status(progress),
        "yggdrasil": lambda: yggdrasil.setup(progress=progress),
        "mullvad-browser": lambda: optins.mullvad_browser(progress=progress),
        "thorium": lambda: optins.thorium(warning_shown=fields["warning_shown"],
                                          progress=progress),
        "reticulum": lambda: optins.reticulum_setup(progress=progress),
        "rnode": lambda: _rnode(fields, progress),
        "unlock-list": lambda: unlock.list_enrolled(device=fields.get("device"),
                                                    progress=progress),
        "unlock-enrol": lambda: _unlock_enrol(fields, progress),
        "stop-anaconda": lambda: _stop_anaconda(fields, progress),
        "restart": lambda: _restart(progress),
        "prepare-live": lambda: _live_session("prepare", progress),
        "undo-live": lambda: _live_session("undo", progress),
        "inspect-local-image": lambda: _inspect_local_image(fields),
        "unlock-remove": lambda: unlock.remove(kind=fields.get("kind"), slot=fields.get("slot"),
                                               device=fields.get("device"), progress=progress),
    }
    return handlers[action]()


def handle(request: Any, progress: Progress | None = None) -> ActionResult:
    """Validate and run one request; every failure is an answer, never an exception."""
    from veilor_installer.core.errors import EXIT_FAILED, OperationFailed, exit_code_for
    from veilor_installer.core.log import get_logger, redact, register_secret

    log = get_logger("helper")

    name = request.get("action") if isinstance(request, dict) else None
    action = name if isinstance(name, str) and name in _FIELDS else "invalid"
    if isinstance(request, dict):
        for key in ("payload", "passphrase", "pin"):
            if isinstance(request.get(key), str):
                # Held for this one run: a short PIN or an old short passphrase is masked too.
                register_secret(request[key], short=True)
    try:
        action, fields = validate(request)
        return _dispatch(action, fields, progress or (lambda step, message: None))
    except (InvalidInput, OperationFailed) as exc:
        return ActionResult(action, exit_code=exit_code_for(exc), reason=str(exc))
    except Exception as exc:  # a bug: still an answer, so the GUI can show it
        log.exception("%s failed unexpectedly", action)
        return ActionResult(action, exit_code=EXIT_FAILED,
                            reason=redact(f"internal error in the helper: {exc!r}"))


def _scrub_environment() -> None:
    """Elevated: keep nothing the caller could have set but who they are."""
    keep = {k: os.environ[k] for k in ("PKEXEC_UID",) if k in os.environ}
    os.environ.clear()
    os.environ.update(keep, PATH=SAFE_PATH, LC_ALL="C.UTF-8", HOME="/root")


def _emit(message: dict[str, Any]) -> None:
    """One JSON line on stdout, every text in it redacted (the secrets of this run too)."""
    sys.stdout.write(json.dumps(_redacted(message)) + "\n")
    sys.stdout.flush()


def _redacted(value: Any) -> Any:
    from veilor_installer.core.log import redact

    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


def _answer(request: Any) -> ActionResult:
    if isinstance(request, InvalidInput):
        return ActionResult("invalid", exit_code=EXIT_INVALID, reason=str(request))
    return handle(request, lambda step, message: _emit(
        {"type": "progress", "step": step, "message": message}))


def main() -> int:
    os.umask(0o022)  # pkexec passes the caller's umask on: every file root creates is ours
    from veilor_installer.core.private import no_core_dumps

    no_core_dumps()  # the request may hold a pre-auth key or a passphrase
    try:
        if "PKEXEC_UID" in os.environ:
            _scrub_environment()
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("helper: %(levelname)s %(name)s: %(message)s"))
        logging.getLogger("veilor").addHandler(handler)
        logging.getLogger("veilor").setLevel(logging.INFO)

        raw = sys.stdin.buffer.read(MAX_REQUEST_BYTES + 1)
        try:
            request: Any = parse(raw)
        except InvalidInput as exc:
            request = exc
        result = _answer(request)
        answer = {"type": "answer", **result.to_json()}
        if result.action == "version" and result.exit_code == EXIT_OK:
            answer["version"] = __version__
    except Exception as exc:  # a bug: still one answer, never a traceback
        from veilor_installer.core.errors import EXIT_FAILED

        result = ActionResult("invalid", exit_code=EXIT_FAILED,
                              reason=f"internal error in the helper: {type(exc).__name__}")
        answer = {"type": "answer", **result.to_json()}
    _emit(answer)
    return result.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
