"""The live session's preparations through the helper (issue 12, core.livesession): what
Fedora's liveinst does before Anaconda, against fakes of modprobe, getenforce/setenforce and
anaconda-cleanup; and their undoing."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from helpers.system import install_fakes

from veilor_installer import helper
from veilor_installer.core.helper.steps import ActionResult, Status
from veilor_installer.core.install import livesession
from veilor_installer.demo.system import Fakes


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Fakes:
    # install_fakes puts modprobe, getenforce and setenforce fakes first and a private state dir
    return install_fakes(tmp_path, monkeypatch, environment="live")


def _selinux(fakes: Fakes) -> str:
    path = fakes.fake_dir / "selinux"
    return path.read_text().strip() if path.exists() else "Enforcing"


def _record(tmp_path: Path) -> Path:
    return tmp_path / "live-state" / livesession.STATE_NAME


def _statuses(result: ActionResult) -> dict[str, Status]:
    return {s.step: s.status for s in result.steps}


def test_prepare_loads_the_modules_goes_permissive_and_cleans_up_then_undo_restores(
    fakes: Fakes, tmp_path: Path,
) -> None:
    result = helper.handle({"action": "prepare-live"})
    assert result.ok, result.reason
    assert _statuses(result) == {"automount": Status.DONE, "modules": Status.DONE,
                                 "selinux": Status.DONE, "cleanup": Status.DONE}
    assert [c["argv"][1:] for c in fakes.calls("modprobe")] == [[m] for m in livesession.MODULES]
    assert _selinux(fakes) == "Permissive"
    assert [c["argv"][1:] for c in fakes.calls("setenforce")] == [["0"]]
    assert len(fakes.calls("anaconda-cleanup")) == 1
    record = _record(tmp_path)
    assert json.loads(record.read_text()) == {"selinux": "Enforcing"}
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert stat.S_IMODE(record.parent.stat().st_mode) == 0o700

    undone = helper.handle({"action": "undo-live"})
    assert undone.ok, undone.reason
    assert _statuses(undone) == {"automount": Status.DONE, "selinux": Status.DONE}
    assert _selinux(fakes) == "Enforcing" and not record.exists()
    again = helper.handle({"action": "undo-live"})
    assert again.ok
    assert _statuses(again) == {"automount": Status.UNCHANGED, "selinux": Status.UNCHANGED}
    assert [c["argv"][1:] for c in fakes.calls("setenforce")] == [["0"], ["1"]]


def test_a_second_prepare_keeps_what_the_first_changed(fakes: Fakes) -> None:
    assert helper.handle({"action": "prepare-live"}).ok
    second = helper.handle({"action": "prepare-live"})
    assert second.ok and _statuses(second)["selinux"] is Status.UNCHANGED
    assert helper.handle({"action": "undo-live"}).ok
    assert _selinux(fakes) == "Enforcing"


@pytest.mark.parametrize("mode", ["Permissive", "Disabled"])
def test_selinux_not_enforcing_is_left_alone_both_ways(fakes: Fakes, mode: str) -> None:
    (fakes.fake_dir / "selinux").write_text(mode + "\n")
    prepared = helper.handle({"action": "prepare-live"})
    assert prepared.ok and _statuses(prepared)["selinux"] is Status.UNCHANGED
    assert mode.lower() in next(str(s.message) for s in prepared.steps if s.step == "selinux")
    undone = helper.handle({"action": "undo-live"})
    assert undone.ok and _statuses(undone)["selinux"] is Status.UNCHANGED
    assert fakes.calls("setenforce") == [] and _selinux(fakes) == mode


def test_a_missing_module_is_a_warning_naming_it(
    fakes: Fakes, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VEILOR_FAKE_MODPROBE_MISSING", "raid456,lrw")
    result = helper.handle({"action": "prepare-live"})
    assert result.ok and _statuses(result)["modules"] is Status.WARNING
    assert "raid456, lrw" in next(str(s.message) for s in result.steps if s.step == "modules")
    assert _selinux(fakes) == "Permissive"


@pytest.mark.warning_log("the failure under test is logged as a warning")
def test_undo_that_cannot_restore_fails_and_keeps_the_record(
    fakes: Fakes, tmp_path: Path,
) -> None:
    assert helper.handle({"action": "prepare-live"}).ok
    (fakes.fake_dir / "selinux").write_text("Disabled\n")  # setenforce now fails
    undone = helper.handle({"action": "undo-live"})
    assert not undone.ok and "setenforce 1 exited with code 1" in str(undone.reason)
    assert "SELinux is disabled" in str(undone.reason)
    assert _record(tmp_path).exists(), "a later undo can still restore it"


@pytest.mark.parametrize("action", ["prepare-live", "undo-live"])
def test_the_actions_take_no_field(fakes: Fakes, action: str) -> None:
    bad = helper.handle({"action": action, "modules": "evil"})
    assert not bad.ok and f"not a field of {action}" in str(bad.reason)
    assert fakes.calls("modprobe") == [] and fakes.calls("setenforce") == []


@pytest.mark.warning_log("the failed step under test is logged")
def test_a_linked_state_folder_is_refused(fakes: Fakes, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "live-state").symlink_to(elsewhere)
    result = helper.handle({"action": "prepare-live"})
    assert not result.ok and _statuses(result)["selinux"] is Status.FAILED
    assert not (elsewhere / livesession.STATE_NAME).exists()
    assert fakes.calls("setenforce") == [], "nothing changed without the record"


# --- the desktop's automounting (udisks2-inhibit's rule) ----------------------------------------


def _rule(tmp_path: Path) -> Path:
    return tmp_path / "udev-rules" / livesession.INHIBIT_RULE


def test_prepare_keeps_udisks_from_mounting_block_devices_until_undone(
    fakes: Fakes, tmp_path: Path,
) -> None:
    assert helper.handle({"action": "prepare-live"}).ok
    rule = _rule(tmp_path)
    assert rule.read_text() == 'SUBSYSTEM=="block", ENV{UDISKS_IGNORE}="1"\n'
    assert stat.S_IMODE(rule.stat().st_mode) == 0o644
    udevadm = [c["argv"][1:] for c in fakes.calls("udevadm")]
    assert udevadm == [["control", "--reload"],
                       ["trigger", "--subsystem-match=block", "--action=change"]]
    assert helper.handle({"action": "undo-live"}).ok
    assert not rule.exists()
    assert [c["argv"][1] for c in fakes.calls("udevadm")] == ["control", "trigger"] * 2


def test_a_udev_that_will_not_reload_is_a_warning(
    fakes: Fakes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VEILOR_FAKE_UDEVADM_FAIL", "control")
    result = helper.handle({"action": "prepare-live"})
    assert result.ok and _statuses(result)["automount"] is Status.WARNING
    assert "udevadm control exited with code 1" in result.warnings
    assert _rule(tmp_path).exists(), "the rule takes effect at udev's next reload"

