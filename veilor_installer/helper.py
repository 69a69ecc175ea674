"""``veilor-installer-helper``: the privileged side (DESIGN §7).

Started through pkexec; reads one JSON request on stdin, validates it as untrusted input,
and answers one JSON object on stdout. The GUI never runs as root. The privileged actions
(mesh join, opt-ins, disk unlock enrolment) arrive with the first-boot backend; until then the
helper knows only ``version``, and refuses everything else as invalid input (exit 2).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from veilor_installer import __version__

MAX_REQUEST_BYTES = 64 * 1024


def _answer(payload: dict[str, Any], code: int) -> int:
    sys.stdout.write(json.dumps(payload) + "\n")
    return code


def handle(request: Any) -> tuple[dict[str, Any], int]:
    if not isinstance(request, dict) or not isinstance(request.get("action"), str):
        return {"ok": False, "error": "the request must be a JSON object with an 'action'"}, 2
    action = request["action"]
    if action == "version":
        if set(request) != {"action"}:
            return {"ok": False, "error": "'version' takes no arguments"}, 2
        return {"ok": True, "version": __version__}, 0
    return {"ok": False, "error": f"unknown action {action[:40]!r}"}, 2


def main() -> int:
    raw = sys.stdin.buffer.read(MAX_REQUEST_BYTES + 1)
    if len(raw) > MAX_REQUEST_BYTES:
        return _answer({"ok": False, "error": "request too large"}, 2)
    try:
        request = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _answer({"ok": False, "error": "the request is not JSON"}, 2)
    payload, code = handle(request)
    return _answer(payload, code)


if __name__ == "__main__":
    raise SystemExit(main())
