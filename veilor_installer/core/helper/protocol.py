"""What the privileged helper is asked and what it answers (DESIGN §7), in one place.

A request is one JSON object on the helper's stdin, ending in a newline: ``"action"`` (one of
``ACTIONS``) and that action's fields (``FIELDS``: type, whether required, length or range).
The helper treats it as hostile: ``parse`` caps the bytes, the nesting, the digits of a
number and refuses a field given twice or a non-JSON constant; ``validate`` lets through only
the action's own fields, of their exact type, without control characters, and outside a
secret without ``..`` or ``;``. The client builds requests with ``request`` (a name it does
not know is a bug) and sends ``encode_request``.

The helper answers with JSON lines on stdout: ``{"type": "progress", "step", "message"}`` while
it works, then exactly one ``{"type": "answer", …}`` carrying the ``ActionResult`` (its exit
code is the answer's); ``read_line`` sorts a line into one of those or anything else (pkexec's
own words, a crash), which the client keeps for the log.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from veilor_installer import __version__
from veilor_installer.core.errors import EXIT_OK, InvalidInput
from veilor_installer.core.helper.steps import ActionResult, Status, StepResult

MAX_REQUEST_BYTES = 64 * 1024
MAX_DEPTH = 8  # a request is one flat object; nesting is refused long before Python's stack
MAX_INT_DIGITS = 20


@dataclass(frozen=True)
class Field:
    kind: type
    required: bool = False
    max_length: int = 255
    secret: bool = False
    strip: bool = False  # a pasted payload keeps the whitespace around it (DESIGN §6 drops it)
    max_value: int = 4096


FIELDS: dict[str, dict[str, Field]] = {
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
ACTIONS = tuple(FIELDS)
SECRET_FIELDS = frozenset(name for spec in FIELDS.values()
                          for name, field in spec.items() if field.secret)


# --- requests -----------------------------------------------------------------------------------


def request(action: str, **fields: Any) -> dict[str, Any]:
    """The request for ``action`` with ``fields`` (their values are the helper's to check).
    An unknown action or field is a bug in the caller: ValueError."""
    spec = FIELDS.get(action)
    if spec is None:
        raise ValueError(f"the helper has no action {action!r}")
    unknown = sorted(set(fields) - set(spec))
    if unknown:
        raise ValueError(f"{action} takes no field {unknown[0]!r}")
    return {"action": action, **fields}


def encode_request(request: Mapping[str, Any]) -> bytes:
    """The bytes the client writes on the helper's stdin."""
    return json.dumps(dict(request)).encode("utf-8") + b"\n"


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
    spec = FIELDS.get(action)
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


# --- answers ------------------------------------------------------------------------------------


def step_to_json(step: StepResult) -> dict[str, str]:
    return {"step": step.step, "title": step.title, "status": step.status.value,
            "message": step.message, "detail": step.detail}


def step_from_json(data: Any) -> StepResult:
    if not isinstance(data, dict):
        raise ValueError("a step result must be an object")
    return StepResult(str(data["step"]), str(data["title"]), Status(data["status"]),
                      str(data["message"]), str(data.get("detail", "")))


def result_to_json(result: ActionResult) -> dict[str, Any]:
    """An action's result as the answer carries it (and ``mesh join --json`` prints it)."""
    return {"ok": result.ok, "action": result.action, "exit_code": result.exit_code,
            "reason": result.reason, "changed": result.changed,
            "restart_needed": result.restart_needed,
            "steps": [step_to_json(s) for s in result.steps], "data": result.data}


def result_from_json(data: Any) -> ActionResult:
    """The result in an answer; ValueError (or KeyError, TypeError) when it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("action"), str):
        raise ValueError("an answer must be an object with an 'action'")
    code = data.get("exit_code")
    if not isinstance(code, int) or isinstance(code, bool):
        raise ValueError("an answer must carry an integer 'exit_code'")
    payload = data.get("data", {})
    return ActionResult(
        action=data["action"],
        steps=[step_from_json(s) for s in data.get("steps", [])],
        exit_code=code,
        reason=str(data.get("reason", "")),
        data=payload if isinstance(payload, dict) else {},
        restart_needed=bool(data.get("restart_needed", False)),
    )


def progress_message(step: str, message: str) -> dict[str, Any]:
    return {"type": "progress", "step": step, "message": message}


def answer_message(result: ActionResult) -> dict[str, Any]:
    """The one answer; ``version`` also carries the helper's version beside the data."""
    answer = {"type": "answer", **result_to_json(result)}
    if result.action == "version" and result.exit_code == EXIT_OK:
        answer["version"] = __version__
    return answer


def encode_message(message: Mapping[str, Any]) -> str:
    """One line on the helper's stdout (the helper redacts its texts first)."""
    return json.dumps(message) + "\n"


@dataclass(frozen=True)
class Line:
    """One line from the helper: ``kind`` is progress, answer, or other (``text`` then)."""

    kind: str
    message: dict[str, Any]
    text: str = ""


def read_line(raw: bytes) -> Line | None:
    """What one line of the helper's output is; None for a blank line."""
    text = raw.decode("utf-8", errors="replace").strip()
    if not text:
        return None
    try:
        message = json.loads(text)
    except json.JSONDecodeError:
        return Line("other", {}, text)
    if not isinstance(message, dict):
        return Line("other", {}, text)
    kind = message.get("type")
    if kind in ("progress", "answer"):
        return Line(str(kind), message)
    return Line("other", {}, text)
