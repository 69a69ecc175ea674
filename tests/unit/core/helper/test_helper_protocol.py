"""The helper protocol on its own: requests built, encoded, parsed and checked; answers and
progress lines written and read back. No helper process runs here (test_helper.py runs it)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from veilor_installer import __version__
from veilor_installer.core import i18n
from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.helper import protocol
from veilor_installer.core.helper.steps import ActionResult, Status, StepResult
from veilor_installer.core.i18n import Text

# --- requests -----------------------------------------------------------------------------------


def test_a_request_is_the_action_then_its_fields_in_one_json_line() -> None:
    request = protocol.request("rnode", port="/dev/ttyUSB0", region="eu868")
    assert list(request) == ["action", "port", "region"]
    assert protocol.encode_request(request) == (
        b'{"action": "rnode", "port": "/dev/ttyUSB0", "region": "eu868"}\n')
    assert protocol.encode_request(protocol.request("thorium", warning_shown=True)) == (
        b'{"action": "thorium", "warning_shown": true}\n')
    assert protocol.validate(protocol.parse(protocol.encode_request(request))) == (
        "rnode", {"port": "/dev/ttyUSB0", "region": "eu868"})


def test_building_an_unknown_action_or_field_is_a_bug() -> None:
    with pytest.raises(ValueError, match="no action 'nope'"):
        protocol.request("nope")
    with pytest.raises(ValueError, match="yggdrasil takes no field 'peers'"):
        protocol.request("yggdrasil", peers="x")


def test_the_secret_fields_are_the_ones_marked_secret() -> None:
    assert {"payload", "passphrase", "pin"} == protocol.SECRET_FIELDS
    assert tuple(protocol.FIELDS) == protocol.ACTIONS


@pytest.mark.parametrize(("raw", "why"), [
    (b"x" * (protocol.MAX_REQUEST_BYTES + 1), "request: too large"),
    (b'{"action": "\xff"}', "request: not UTF-8"),
    (b"[" * (protocol.MAX_DEPTH + 1) + b"]" * (protocol.MAX_DEPTH + 1), "request: nested more"),
    (b'{"pid": ' + b"9" * (protocol.MAX_INT_DIGITS + 1) + b"}", "request: a number of more"),
    (b'{"action": "version", "action": "restart"}', "request: the field 'action' is given twice"),
    (b'{"pid": NaN}', "request: NaN is not JSON"),
    (b"{", "request: not JSON"),
    (b"", "request: not JSON"),
])
def test_parse_refuses_with_one_line_saying_why(raw: bytes, why: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        protocol.parse(raw)
    assert str(refused.value).startswith(why)


def test_parse_counts_nesting_outside_strings_only() -> None:
    deep_text = '"' + "[" * 50 + '"'
    assert protocol.parse(f'{{"action": "version", "x": {deep_text}}}'.encode()) == {
        "action": "version", "x": "[" * 50}
    assert protocol.parse(b"[" * protocol.MAX_DEPTH + b"]" * protocol.MAX_DEPTH) is not None


@pytest.mark.parametrize(("request_", "why"), [
    ([], "request: must be a JSON object"),
    ({}, "action: missing"),
    ({"action": "x" * 100}, "action: unknown action '" + "x" * 40 + "'"),
    ({"action": "restart", "when": "now"}, "'when': not a field of restart"),
    ({"action": "stop-anaconda"}, "pid: required by stop-anaconda"),
    ({"action": "stop-anaconda", "pid": True}, "pid: must be a int"),
    ({"action": "stop-anaconda", "pid": 2**22 + 1}, "pid: out of range"),
    ({"action": "unlock-remove", "slot": -1}, "slot: out of range"),
    ({"action": "thorium", "warning_shown": 1}, "warning_shown: must be a bool"),
    ({"action": "unlock-list", "device": ""}, "device: must be 1 to 255 characters"),
    ({"action": "unlock-list", "device": "d" * 256}, "device: must be 1 to 255 characters"),
    ({"action": "unlock-list", "device": "/dev/a\nb"}, "device: control characters"),
    ({"action": "unlock-list", "device": "/dev/\x7f"}, "device: control characters"),
    ({"action": "unlock-list", "device": "/dev/../etc"}, "device: '..' and ';'"),
    ({"action": "inspect-local-image", "ref": "a;b"}, "ref: '..' and ';'"),
    ({"action": "mesh-join", "payload": "   "}, "payload: must be 1 to 4096"),
])
def test_validate_names_the_field_it_refuses(request_: Any, why: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        protocol.validate(request_)
    assert str(refused.value).startswith(why)


def test_validate_strips_a_pasted_payload_and_lets_secrets_hold_anything_printable() -> None:
    action, fields = protocol.validate({"action": "mesh-join", "payload": "  code  "})
    assert (action, fields) == ("mesh-join", {"payload": "code"})
    passphrase = "a..b;c " * 10
    assert protocol.validate({"action": "unlock-enrol", "method": "tpm2",
                              "passphrase": passphrase, "pin": "12;4"})[1] == {
        "method": "tpm2", "passphrase": passphrase, "pin": "12;4"}
    with pytest.raises(InvalidInput, match="passphrase: must be 1 to 1024"):
        protocol.validate({"action": "unlock-enrol", "method": "tpm2",
                           "passphrase": "x" * 1025})


# --- answers ------------------------------------------------------------------------------------


def _result() -> ActionResult:
    return ActionResult("unlock-list", steps=[
        StepResult("read", "Reading the disk", Status.DONE, "2 slots", "slot 0, slot 1"),
        StepResult("tpm2", "TPM2", Status.WARNING, "no chip")],
        exit_code=0, data={"slots": [0, 1]}, restart_needed=True)


def test_a_result_travels_whole() -> None:
    result = _result()
    sent = protocol.result_to_json(result)
    assert sent == {
        "ok": True, "action": "unlock-list", "exit_code": 0, "reason": "", "changed": True,
        "restart_needed": True, "data": {"slots": [0, 1]},
        "steps": [{"step": "read", "title": "Reading the disk", "status": "done",
                   "message": "2 slots", "detail": "slot 0, slot 1"},
                  {"step": "tpm2", "title": "TPM2", "status": "warning", "message": "no chip",
                   "detail": ""}]}
    assert protocol.result_from_json(json.loads(json.dumps(sent))) == result


def test_a_text_travels_untranslated_and_is_rendered_by_the_client() -> None:
    """pkexec clears the helper's environment: it sends the English message and its
    arguments, and the GUI or the terminal renders them in its own language."""
    reason = Text("{server} refused the key ({said}). {advice}", server="hs.example.org",
                  said="authkey expired", advice=Text("The key has expired."))
    step = Text.plural("removed slot {slots}", "removed slots {slots}", 2, slots="1, 2")
    result = ActionResult("mesh-join", steps=[StepResult("join", Text("Join the mesh"),
                                                         Status.FAILED, step)],
                          exit_code=3, reason=reason)
    with i18n.in_language("en_XA"):
        sent = json.loads(json.dumps(protocol.result_to_json(result)))
    assert sent["reason"] == {"text": "{server} refused the key ({said}). {advice}",
                              "args": {"server": "hs.example.org", "said": "authkey expired",
                                       "advice": {"text": "The key has expired.", "args": {}}}}
    back = protocol.result_from_json(sent)
    assert back == result
    assert str(back.reason) == "hs.example.org refused the key (authkey expired). The key " \
        "has expired."
    assert str(back.steps[0].message) == "removed slots 1, 2"
    i18n.use("en_XA")
    assert str(back.reason) == i18n.pseudo_long("{server} refused the key ({said}). {advice}")\
        .format(server="hs.example.org", said="authkey expired",
                advice=i18n.pseudo_long("The key has expired."))
    # mesh join --json prints the texts rendered in the language in use
    assert protocol.result_to_json(back, rendered=True)["reason"] == str(back.reason)
    progress = json.loads(protocol.encode_message(protocol.progress_message("join", reason)))
    assert protocol.message_from_json(progress["message"]) == reason


@pytest.mark.parametrize("message", [{"args": {}}, {"text": "x", "args": []}, 3, None])
def test_a_broken_message_is_refused(message: Any) -> None:
    with pytest.raises(ValueError, match="a message"):
        protocol.message_from_json(message)


@pytest.mark.parametrize("answer", [
    [], {"exit_code": 0}, {"action": "version"}, {"action": "version", "exit_code": True},
    {"action": "version", "exit_code": 0, "steps": ["x"]},
    {"action": "version", "exit_code": 0, "steps": [{"step": "s", "title": "t",
                                                      "status": "maybe", "message": "m"}]},
])
def test_a_broken_answer_is_refused(answer: Any) -> None:
    with pytest.raises((ValueError, KeyError, TypeError)):
        protocol.result_from_json(answer)


def test_the_answer_and_progress_lines() -> None:
    assert protocol.encode_message(protocol.progress_message("up", "Joining…")) == (
        '{"type": "progress", "step": "up", "message": "Joining\\u2026"}\n')
    answer = protocol.answer_message(ActionResult("version"))
    assert answer["type"] == "answer" and answer["version"] == __version__
    assert "version" not in protocol.answer_message(ActionResult("version", exit_code=1))
    assert list(protocol.answer_message(_result()))[:3] == ["type", "ok", "action"]


def test_read_line_sorts_every_line() -> None:
    assert protocol.read_line(b"  \n") is None
    progress = protocol.read_line(b'{"type": "progress", "step": "a", "message": "b"}\n')
    assert progress == protocol.Line("progress", {"type": "progress", "step": "a",
                                                  "message": "b"})
    answer = protocol.read_line(protocol.encode_message(
        protocol.answer_message(_result())).encode())
    assert answer is not None and answer.kind == "answer"
    assert protocol.result_from_json(answer.message) == _result()
    for raw, text in ((b"Error executing command as another user\n",
                       "Error executing command as another user"),
                      (b"[1, 2]", "[1, 2]"), (b'{"type": "debug"}', '{"type": "debug"}'),
                      (b"\xff oops", "\ufffd oops")):
        assert protocol.read_line(raw) == protocol.Line("other", {}, text)
