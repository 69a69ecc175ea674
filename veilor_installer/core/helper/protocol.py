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
code is the answer's). The helper runs in the environment pkexec leaves (no language): a text a
person reads travels untranslated, as its English message and what fills it in
(``message_to_json``), and the client renders it in the GUI's or the terminal's language;
``read_line`` sorts a line into one of those or anything else (pkexec's
own words, a crash), which the client keeps for the log.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from veilor_installer import __version__
from veilor_installer.core.errors import EXIT_OK, InvalidInput
from veilor_installer.core.helper.steps import ActionResult, Message, Status, StepResult
from veilor_installer.core.i18n import Text

_read_back = Text  # rebuilds a message sent by the helper (nothing to extract here)

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
            raise InvalidInput(Text("request: the field {field} is given twice",
                                    field=repr(key[:40])))
        seen[key] = value
    return seen


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise InvalidInput(Text("request: a number of more than {n} digits", n=MAX_INT_DIGITS))
    return int(text)


def _no_constant(name: str) -> Any:
    raise InvalidInput(Text("request: {name} is not JSON", name=name))


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
        raise InvalidInput(Text("request: too large (more than {n} bytes)", n=MAX_REQUEST_BYTES))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(Text("request: not UTF-8")) from None
    if _depth(text) > MAX_DEPTH:
        raise InvalidInput(Text("request: nested more than {n} levels deep", n=MAX_DEPTH))
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_int,
                          parse_constant=_no_constant)
    except InvalidInput:
        raise
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        raise InvalidInput(Text("request: not JSON")) from None


def validate(request: Any) -> tuple[str, dict[str, Any]]:
    """(action, fields) of a request that passed every check, or InvalidInput naming the
    field. Nothing from the request reaches a message unescaped or unshortened."""
    if not isinstance(request, dict):
        raise InvalidInput(Text("request: must be a JSON object"))
    action = request.get("action")
    if not isinstance(action, str):
        raise InvalidInput(Text("action: missing, or not a string"))
    spec = FIELDS.get(action)
    if spec is None:
        raise InvalidInput(Text("action: unknown action {action}", action=repr(action[:40])))
    fields = {k: v for k, v in request.items() if k != "action"}
    for name in fields:
        if name not in spec:
            raise InvalidInput(Text("{field}: not a field of {action}", field=repr(str(name)[:40]),
                                        action=action))
    for name, field in spec.items():
        if name not in fields:
            if field.required:
                raise InvalidInput(Text("{field}: required by {action}", field=name, action=action))
            continue
        value = fields[name]
        if field.strip and isinstance(value, str):
            value = fields[name] = value.strip()
        if type(value) is not field.kind:  # bool is an int: exact type, on purpose
            raise InvalidInput(Text("{field}: must be a {kind}", field=name,
                                        kind=field.kind.__name__))
        if isinstance(value, str):
            if not value or len(value) > field.max_length:
                raise InvalidInput(Text("{field}: must be 1 to {n} characters", field=name,
                                        n=field.max_length))
            if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
                raise InvalidInput(Text("{field}: control characters (newline, NUL …) are not "
                                        "allowed", field=name))
            if not field.secret and (".." in value or ";" in value):
                raise InvalidInput(Text("{field}: '..' and ';' are not allowed", field=name))
        if (isinstance(value, int) and not isinstance(value, bool)
                and not 0 <= value <= field.max_value):
            raise InvalidInput(Text("{field}: out of range", field=name))
    return action, fields


# --- answers ------------------------------------------------------------------------------------


def message_to_json(message: Message, rendered: bool = False) -> Any:
    """A text for the answer: a str as it is; a ``Text`` as ``{"text": English message,
    "args": {…}}`` (``"plural"`` and ``"n"`` for a plural), rendered by whoever shows it —
    or, ``rendered``, the text in the language in use (``mesh join --json``)."""
    if isinstance(message, str) or rendered:
        return str(message)
    data: dict[str, Any] = {"text": message.source, "args": {
        k: v if isinstance(v, bool | int | float) else message_to_json(
            v if isinstance(v, Text) else str(v)) for k, v in message.args.items()}}
    if message.plural_source is not None:
        data["plural"], data["n"] = message.plural_source, message.n
    return data


def message_from_json(data: Any) -> Message:
    """The text ``message_to_json`` made; ValueError when it is not one."""
    if isinstance(data, str):
        return data
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ValueError("a message must be a string or an object with a 'text'")
    args = data.get("args", {})
    if not isinstance(args, dict):
        raise ValueError("a message's 'args' must be an object")
    values = {str(k): v if isinstance(v, bool | int | float) else message_from_json(v)
              for k, v in args.items()}
    plural, n = data.get("plural"), data.get("n")
    # A message read back, written (and extracted) where the helper made it.
    if isinstance(plural, str) and isinstance(n, int) and not isinstance(n, bool):
        return _read_back.plural(data["text"], plural, n, **values)
    return _read_back(data["text"], **values)


def step_to_json(step: StepResult, rendered: bool = False) -> dict[str, Any]:
    return {"step": step.step, "title": message_to_json(step.title, rendered),
            "status": step.status.value, "message": message_to_json(step.message, rendered),
            "detail": step.detail}


def step_from_json(data: Any) -> StepResult:
    if not isinstance(data, dict):
        raise ValueError("a step result must be an object")
    return StepResult(str(data["step"]), message_from_json(data["title"]),
                      Status(data["status"]), message_from_json(data["message"]),
                      str(data.get("detail", "")))


def result_to_json(result: ActionResult, rendered: bool = False) -> dict[str, Any]:
    """An action's result as the answer carries it; ``rendered``: its texts in the language
    in use, as ``mesh join --json`` prints it."""
    return {"ok": result.ok, "action": result.action, "exit_code": result.exit_code,
            "reason": message_to_json(result.reason, rendered), "changed": result.changed,
            "restart_needed": result.restart_needed,
            "steps": [step_to_json(s, rendered) for s in result.steps], "data": result.data}


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
        reason=message_from_json(data.get("reason", "")),
        data=payload if isinstance(payload, dict) else {},
        restart_needed=bool(data.get("restart_needed", False)),
    )


def progress_message(step: str, message: Message) -> dict[str, Any]:
    return {"type": "progress", "step": step, "message": message_to_json(message)}


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
