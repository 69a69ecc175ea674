"""Mesh join (DESIGN §7) against the fakes of tailscale and systemctl: every path of
research/mesh.md §2 through the core, the helper and ``veilor-installer mesh join``."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.system import install

from veilor_installer import cli
from veilor_installer.core.errors import InvalidInput, MeshRejected, MeshUnreachable
from veilor_installer.core.firstboot import mesh
from veilor_installer.core.helper import protocol
from veilor_installer.core.helper.steps import Status
from veilor_installer.core.secret import Secret
from veilor_installer.demo.joincodes import KEY_HEX, KEY_PREFIXED
from veilor_installer.demo.system import Firstboot

SERVER = "hs.s8n.ru"


@pytest.fixture
def fb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Firstboot:
    return install(tmp_path, monkeypatch)


def _join(fb: Firstboot, key: str = KEY_HEX, tier: str | None = "guest",
          **options: Any) -> Any:
    target = mesh.JoinTarget(SERVER, Secret(key), tier=tier)
    return mesh.join(target, hostname="alice-laptop", runtime_dir=fb.runtime_dir, **options)


def _up_calls(fb: Firstboot) -> list[list[str]]:
    return [argv for argv in fb.argvs("tailscale") if argv[:1] == ["up"]]


def assert_key_nowhere(fb: Firstboot, caplog: pytest.LogCaptureFixture, key: str) -> None:
    """Not in an argument any fake saw, not in a log line, not in any file left behind."""
    assert fb.calls(), "the fakes recorded nothing"
    for argv in fb.argvs():
        assert not any(key in arg for arg in argv), argv
    assert key not in caplog.text
    assert key not in fb.everything_written()
    enrol = fb.runtime_dir / "enrol"
    assert not enrol.exists() or not any(enrol.iterdir())


def test_join_runs_the_designed_commands(fb: Firstboot, veilor_log: pytest.LogCaptureFixture,
                                         ) -> None:
    progress: list[tuple[str, str]] = []
    result = _join(fb, progress=lambda step, message: progress.append((step, message)))
    assert result.ok and result.exit_code == 0, str(result.reason)
    assert [s.step for s in result.steps] == ["service", "status", "join", "verify"]
    assert result.steps[0].status is Status.DONE
    assert "unmasked, enabled and started" in str(result.steps[0].message)
    assert fb.state("units.json")["tailscaled"] == {"file": "enabled", "active": True,
                                                    "starts": 1}
    [up] = _up_calls(fb)
    key_arg = up[3]
    assert key_arg.startswith(f"--auth-key=file:{fb.runtime_dir}/enrol/authkey-")
    assert up == ["up", "--reset", f"--login-server=https://{SERVER}", key_arg,
                  "--hostname=alice-laptop", "--accept-dns=false", "--timeout=60s"]
    assert not any("advertise-tags" in a for argv in fb.argvs() for a in argv)
    keyfile = next(c["keyfile"] for c in fb.calls("tailscale") if "keyfile" in c)
    assert keyfile["mode"] == "0o600"
    assert keyfile["sha256"] == hashlib.sha256(KEY_HEX.encode()).hexdigest()
    assert not Path(keyfile["path"]).exists()
    assert result.data["ips"] == ["100.64.0.7", "fd7a:115c:a1e0::7"]
    assert result.data["tags"] == ["tag:guest"] and result.data["already"] is False
    assert result.changed and "connected as alice-laptop" in str(result.steps[-1].message)
    assert [s for s, _ in progress][:1] == ["service"] and any(
        "up to a minute" in str(m) for _, m in progress)
    assert_key_nowhere(fb, veilor_log, KEY_HEX)


def test_join_again_changes_nothing_and_says_so(fb: Firstboot) -> None:
    assert _join(fb).ok
    first_calls = len(fb.calls())
    again = _join(fb)
    assert again.ok and not again.changed
    assert all(s.status is Status.UNCHANGED for s in again.steps), again.steps
    assert "already enabled and running" in str(again.steps[0].message)
    assert "already joined" in str(again.steps[1].message) and again.data["already"] is True
    assert len(_up_calls(fb)) == 1, "a second tailscale up would burn a single-use key"
    assert not any(argv[0] in ("unmask", "enable", "start") for argv in
                   [c["argv"][1:] for c in fb.calls("systemctl")[first_calls:]])


@pytest.mark.parametrize(("mode", "said", "advice"), [
    ("expired", "authkey expired", "has expired"),
    ("used", "authkey already used", "works only once"),
    ("invalid", "invalid pre auth key", "does not know this key"),
])
def test_refused_keys_exit_3(fb: Firstboot, monkeypatch: pytest.MonkeyPatch,
                             veilor_log: pytest.LogCaptureFixture, mode: str, said: str,
                             advice: str) -> None:
    monkeypatch.setenv("VEILOR_FAKE_TAILSCALE", mode)
    result = _join(fb, key=KEY_PREFIXED)
    assert result.exit_code == 3 and not result.ok
    assert said in str(result.reason) and advice in str(result.reason)
    assert result.steps[-1].step == "join" and result.steps[-1].status is Status.FAILED
    assert_key_nowhere(fb, veilor_log, KEY_PREFIXED)


@pytest.mark.warning_log("the failed step under test is logged")
def test_a_used_key_is_refused_on_a_second_computer(fb: Firstboot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert _join(fb).ok
    fb.set_state("tailscale.json", {})  # another computer: not joined, same single-use key
    second = _join(fb)
    assert second.exit_code == 3 and "already used" in str(second.reason)


@pytest.mark.warning_log("the failed step under test is logged")
def test_unreachable_server_times_out_exit_4(fb: Firstboot,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_FAKE_TAILSCALE", "unreachable")
    monkeypatch.setenv("VEILOR_FAKE_TIME_SCALE", "0.01")  # the fake waits out 60s × 0.01
    started = time.monotonic()
    result = _join(fb)
    assert time.monotonic() - started >= 0.6, "the fake waits until --timeout"
    assert result.exit_code == 4 and "did not answer within 60s" in str(result.reason)
    assert not (fb.runtime_dir / "enrol").exists() or not any(
        (fb.runtime_dir / "enrol").iterdir())


@pytest.mark.warning_log("the failure under test is logged as a warning")
def test_tailscale_hanging_past_its_timeout_is_ended_exit_4(
        fb: Firstboot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_FAKE_TAILSCALE", "hang")
    result = _join(fb, up_wait_s=1.0)
    assert result.exit_code == 4 and "did not give up within 1 s" in str(result.reason)
    assert not any((fb.runtime_dir / "enrol").glob("*"))


@pytest.mark.warning_log("the failed step under test is logged")
def test_daemon_not_running_exit_1(fb: Firstboot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_FAKE_TAILSCALE", "daemon-down")
    result = _join(fb)
    assert result.exit_code == 1 and "tailscaled) is not running" in str(result.reason)
    assert _up_calls(fb) == []


@pytest.mark.warning_log("the failed step under test is logged")
def test_tailscaled_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fb = install(tmp_path, monkeypatch, units={})
    result = _join(fb)
    assert result.exit_code == 1 and "Tailscale is not installed" in str(result.reason)


@pytest.mark.warning_log("the failed step under test is logged")
def test_service_that_fails_to_start(fb: Firstboot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_FAKE_SYSTEMCTL_FAIL", "start:tailscaled")
    result = _join(fb)
    assert result.exit_code == 1 and result.steps[0].status is Status.FAILED
    assert "starting tailscaled failed" in str(result.reason) and "journalctl" in str(result.reason)


def test_tier_not_in_tags_warns(fb: Firstboot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_FAKE_TAILSCALE_TAGS", "tag:infra")
    result = _join(fb, tier="guest")
    assert result.ok and result.steps[-1].status is Status.WARNING
    assert "tag:infra, not tag:guest" in str(result.warnings[0])
    again = _join(fb, tier="guest")  # the warning stays, nothing changes
    assert again.ok and not again.changed and again.steps[1].status is Status.WARNING


def test_bare_key_has_no_tier_to_check(fb: Firstboot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_FAKE_TAILSCALE_TAGS", "")
    result = _join(fb, tier=None)
    assert result.ok and not result.warnings


@pytest.mark.parametrize(("text", "kind", "code"), [
    ("backend error: authkey expired", MeshRejected, 3),
    ("2026/11/01 10:00:00 backend error: authkey already used", MeshRejected, 3),
    ("backend error: AuthKey not found", MeshRejected, 3),
    ("backend error: auth-key not found", MeshRejected, 3),
    ("backend error: failed to parse auth-key: key too short", MeshRejected, 3),
    ("backend error: invalid auth key: crypto/bcrypt: hashedPassword is not the hash of the "
     "given password", MeshRejected, 3),
    ("backend error: authkey revoked", MeshRejected, 3),
    ("backend error: requested tags [tag:x] are invalid or not permitted", MeshRejected, 3),
    ('timeout waiting for Tailscale service to enter a Running state; check health with '
     '"tailscale status"', MeshUnreachable, 4),
])
def test_tailscale_messages_map_to_exit_codes(text: str, kind: type, code: int) -> None:
    failure = mesh._up_failure(text, mesh.JoinTarget(SERVER, Secret(KEY_HEX)))
    assert type(failure) is kind and getattr(failure, "exit_code", 1) == code


def test_other_tailscale_failures_exit_1() -> None:
    target = mesh.JoinTarget(SERVER, Secret(KEY_HEX))
    for text in ("failed to connect to local tailscaled; it doesn't appear to be running "
                 "(sudo systemctl start tailscaled ?)",
                 "Error: can't change --login-server without --force-reauth", "weird"):
        failure = mesh._up_failure(text, target)
        assert not isinstance(failure, MeshRejected | MeshUnreachable), text


@pytest.mark.parametrize("name", ["alice laptop", "a;b", "../x", "a\nb", "-x", "x" * 64, ""])
def test_hostname_refused(name: str) -> None:
    with pytest.raises(InvalidInput, match="hostname"):
        mesh.valid_hostname(name)


def test_server_must_be_a_host_name() -> None:
    for server in ("https://hs.s8n.ru", "hs.s8n.ru/x", "hs.s8n.ru:443", "HS..ru", ""):
        with pytest.raises(InvalidInput, match="server"):
            mesh.JoinTarget(server, Secret(KEY_HEX))


# --- through the helper and the command line ----------------------------------------------------


def _helper(request: dict[str, Any], env: dict[str, str] | None = None,
            ) -> tuple[int, list[dict[str, Any]]]:
    done = subprocess.run([str(Path(os.environ["VEILOR_BIN_DIR"]) / "veilor-installer-helper")],
                          input=json.dumps(request), capture_output=True, text=True,
                          timeout=60, env=env, check=False)
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()]


def test_helper_joins_and_streams_progress(fb: Firstboot) -> None:
    code, lines = _helper({"action": "mesh-join", "payload": f"  {KEY_HEX}\t",
                           "hostname": "alice-laptop"})
    answer = lines[-1]
    assert code == 0 and answer["type"] == "answer" and answer["ok"], answer
    assert [line["type"] for line in lines[:-1]] == ["progress"] * (len(lines) - 1)
    assert {s["status"] for s in answer["steps"]} == {"done", "unchanged"}
    assert answer["data"]["server"] == SERVER and answer["data"]["ips"]
    code, lines = _helper({"action": "mesh-join", "payload": KEY_HEX})
    assert code == 0 and lines[-1]["changed"] is False and lines[-1]["data"]["already"]


def test_helper_exit_code_is_the_answers(fb: Firstboot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_FAKE_TAILSCALE", "expired")
    code, lines = _helper({"action": "mesh-join", "payload": KEY_HEX})
    assert code == 3 and lines[-1]["exit_code"] == 3 and "expired" in str(
        protocol.message_from_json(lines[-1]["reason"]))


def test_cli_mesh_join_json(fb: Firstboot, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["mesh", "join", KEY_HEX, "--yes", "--json"]) == 0
    out, err = capsys.readouterr()
    answer = json.loads(out)
    assert answer["ok"] and answer["data"]["ips"] == ["100.64.0.7", "fd7a:115c:a1e0::7"]
    assert "Signing in to hs.s8n.ru" in err and KEY_HEX not in out + err
    assert cli.main(["mesh", "join", KEY_HEX, "--yes"]) == 0
    assert "already in the mesh at hs.s8n.ru: 100.64.0.7" in capsys.readouterr().out


def test_cli_mesh_join_from_stdin(fb: Firstboot, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(KEY_PREFIXED + "\n"))
    assert cli.main(["mesh", "join", "-", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Joined the mesh at hs.s8n.ru: 100.64.0.7" in out and KEY_PREFIXED not in out


@pytest.mark.parametrize(("mode", "code"), [("used", 3), ("invalid", 3), ("daemon-down", 1)])
def test_cli_mesh_join_exit_codes(fb: Firstboot, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str], mode: str,
                                  code: int) -> None:
    monkeypatch.setenv("VEILOR_FAKE_TAILSCALE", mode)
    assert cli.main(["mesh", "join", KEY_HEX, "--yes"]) == code
    assert capsys.readouterr().err.startswith("veilor-installer: ")


def test_cli_mesh_join_refuses_without_confirmation(fb: Firstboot,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["mesh", "join", KEY_HEX]) == 2  # no terminal here
    assert "--yes" in capsys.readouterr().err and fb.calls() == []


def test_cli_mesh_join_bad_payload_exit_2(fb: Firstboot,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["mesh", "join", "tskey-auth-abc", "--yes", "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and out["exit_code"] == 2 and fb.calls() == []


@pytest.mark.parametrize(("mode", "code", "said"), [
    ("success", 0, ""), ("expired", 3, "has expired"), ("used", 3, "works only once"),
    ("invalid", 3, "does not know this key"), ("unreachable", 4, "did not answer within 60s"),
    ("daemon-down", 1, "is not running")])
def test_every_tailscale_path_through_the_helper(fb: Firstboot, monkeypatch: pytest.MonkeyPatch,
                                                 veilor_log: pytest.LogCaptureFixture,
                                                 mode: str, code: int, said: str) -> None:
    from veilor_installer import helper

    monkeypatch.setenv("VEILOR_FAKE_TAILSCALE", mode)
    monkeypatch.setenv("VEILOR_FAKE_TIME_SCALE", "0.01")
    result = helper.handle({"action": "mesh-join", "payload": KEY_PREFIXED})
    assert result.exit_code == code and said in str(result.reason)
    assert_key_nowhere(fb, veilor_log, KEY_PREFIXED)
