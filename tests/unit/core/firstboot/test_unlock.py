"""Disk unlock with a TPM2 chip or a FIDO2 key through systemd-cryptenroll: secrets only in
its environment, re-runs that change nothing, and removals that never touch a passphrase."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import STRONG_PASSPHRASE
from helpers.system import install

from veilor_installer.core.firstboot import unlock
from veilor_installer.core.helper.steps import Status
from veilor_installer.core.secret import Secret
from veilor_installer.demo.system import LUKS_DEVICE, LUKS_UUID, Firstboot

PIN = "739204-Pin"


@pytest.fixture
def fb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Firstboot:
    return install(tmp_path, monkeypatch)


def _enrol(method: str = "tpm2", passphrase: str = STRONG_PASSPHRASE, pin: str | None = None,
           **options: Any) -> Any:
    return unlock.enrol(method=method, passphrase=Secret(passphrase),
                        pin=Secret(pin) if pin else None, **options)


def _slots(fb: Firstboot) -> list[tuple[int, str]]:
    return [(s["slot"], s["type"]) for s in fb.state("luks.json")[LUKS_DEVICE]["slots"]]


def _enrol_calls(fb: Firstboot) -> list[dict[str, Any]]:
    return [c for c in fb.calls("systemd-cryptenroll") if len(c["argv"]) > 2]


def test_list(fb: Firstboot) -> None:
    result = unlock.list_enrolled()
    assert result.ok and result.data["volumes"] == {LUKS_DEVICE: [{"slot": 0,
                                                                  "type": "password"}]}
    assert result.steps[0].status is Status.UNCHANGED


def test_tpm2(fb: Firstboot, veilor_log: pytest.LogCaptureFixture) -> None:
    result = _enrol()
    assert result.ok and result.steps[0].status is Status.DONE, str(result.reason)
    [call] = _enrol_calls(fb)
    assert call["argv"][1:] == [LUKS_DEVICE, "--tpm2-device=auto", "--tpm2-pcrs=7+14",
                                "--tpm2-with-pin=no"]
    assert call["env_set"] == ["PASSWORD"]
    assert _slots(fb) == [(0, "password"), (1, "tpm2")]
    assert STRONG_PASSPHRASE not in veilor_log.text + fb.everything_written()


def test_tpm2_again_changes_nothing_unless_replaced(fb: Firstboot) -> None:
    assert _enrol().ok
    again = _enrol()
    assert again.ok and not again.changed and "already enrolled (slot 1)" in str(again.reason) + \
        str(again.steps[0].message)
    assert len(_enrol_calls(fb)) == 1
    replaced = _enrol("tpm2-pin", pin=PIN, replace=True)
    assert replaced.ok and "replaced" in str(replaced.steps[0].message)
    assert _enrol_calls(fb)[-1]["argv"][-1] == "--wipe-slot=tpm2"
    assert [kind for _, kind in _slots(fb)] == ["password", "tpm2"]


def test_tpm2_with_pin(fb: Firstboot, veilor_log: pytest.LogCaptureFixture) -> None:
    result = _enrol("tpm2-pin", pin=PIN)
    assert result.ok, str(result.reason)
    [call] = _enrol_calls(fb)
    assert "--tpm2-with-pin=yes" in call["argv"] and call["env_set"] == ["NEWPIN", "PASSWORD"]
    for argv in fb.argvs():
        assert not any(PIN in a or STRONG_PASSPHRASE in a for a in argv)
    assert PIN not in veilor_log.text + fb.everything_written()


def test_fido2(fb: Firstboot) -> None:
    said: list[str] = []
    result = _enrol("fido2", pin=PIN, progress=lambda step, m: said.append(m))
    assert result.ok, str(result.reason)
    [call] = _enrol_calls(fb)
    assert call["argv"][2:] == ["--fido2-device=auto", "--fido2-with-client-pin=yes"]
    assert call["env_set"] == ["PASSWORD", "PIN"]
    assert any("Touch your security key" in str(m) for m in said)


@pytest.mark.warning_log("the failed step under test is logged")
def test_fido2_missing(fb: Firstboot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_FAKE_FIDO2", "absent")
    result = _enrol("fido2")
    assert result.exit_code == 1 and "no FIDO2 security key was found" in str(result.reason)


def test_wrong_passphrase_exit_2(fb: Firstboot, veilor_log: pytest.LogCaptureFixture) -> None:
    result = _enrol(passphrase="not the passphrase at all")
    assert result.exit_code == 2 and str(result.reason).startswith("passphrase:")
    assert _slots(fb) == [(0, "password")]
    assert "not the passphrase at all" not in veilor_log.text


def test_no_tpm(fb: Firstboot) -> None:
    shutil.rmtree(fb.sysroot / "sys/class/tpm/tpm0")
    result = _enrol()
    assert result.exit_code == 1 and "no TPM2 chip" in str(result.reason)
    assert fb.calls("systemd-cryptenroll") == []


@pytest.mark.parametrize(("method", "pin", "field"), [
    ("tpm2-pin", None, "pin"), ("tpm2", PIN, "pin"), ("clevis", None, "method")])
def test_enrol_arguments_refused(fb: Firstboot, method: str, pin: str | None,
                                 field: str) -> None:
    result = _enrol(method, pin=pin)
    assert result.exit_code == 2 and str(result.reason).startswith(field)
    assert fb.calls() == []


def test_remove_by_kind_and_again(fb: Firstboot) -> None:
    assert _enrol().ok
    removed = unlock.remove(kind="tpm2")
    assert removed.ok and str(removed.steps[0].message) == "removed slot 1"
    assert _slots(fb) == [(0, "password")]
    again = unlock.remove(kind="tpm2")
    assert again.ok and not again.changed and "nothing to remove" in str(again.steps[0].message)


def test_remove_by_slot(fb: Firstboot) -> None:
    assert _enrol().ok and _enrol("fido2").ok
    assert unlock.remove(slot=2).ok
    assert _slots(fb) == [(0, "password"), (1, "tpm2")]


@pytest.mark.warning_log("the failed step under test is logged")
@pytest.mark.parametrize(("kind", "slot"), [("password", None), (None, 0), ("recovery", None),
                                            (None, None), ("tpm2", 1)])
def test_a_passphrase_is_never_removed(fb: Firstboot, kind: str | None,
                                       slot: int | None) -> None:
    result = unlock.remove(kind=kind, slot=slot)
    assert result.exit_code == 2 and _slots(fb) == [(0, "password")]
    assert not any("--wipe-slot" in " ".join(argv) for argv in fb.argvs())


def test_devices_come_from_the_system(fb: Firstboot) -> None:
    assert unlock.luks_devices(fb.sysroot) == [LUKS_DEVICE]
    result = unlock.list_enrolled(device="/dev/sda3")
    assert result.exit_code == 2 and "not an encrypted volume this system unlocks" in \
        str(result.reason)
    (fb.sysroot / "proc/cmdline").write_text("quiet\n")
    assert unlock.list_enrolled().exit_code == 1
    (fb.sysroot / "etc/crypttab").write_text(
        f"# comment\nluks-{LUKS_UUID} UUID={LUKS_UUID.upper()} none discard\n")
    assert unlock.luks_devices(fb.sysroot) == [LUKS_DEVICE]


@pytest.mark.warning_log("the failed step under test is logged")
def test_through_the_helper(fb: Firstboot) -> None:
    from veilor_installer import helper

    result = helper.handle({"action": "unlock-enrol", "method": "tpm2",
                            "passphrase": STRONG_PASSPHRASE, "device": LUKS_DEVICE})
    assert result.ok, str(result.reason)
    listed = helper.handle({"action": "unlock-list"})
    assert listed.data["volumes"][LUKS_DEVICE][1] == {"slot": 1, "type": "tpm2"}
    assert helper.handle({"action": "unlock-remove", "kind": "tpm2"}).ok
    assert helper.handle({"action": "unlock-remove", "slot": 0}).exit_code == 2
