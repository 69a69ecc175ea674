"""Opt-ins that layer packages (Mullvad Browser, Thorium), the rpm-ostree transaction wait,
and the shipped ujust recipes."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from helpers.programs import program
from helpers.system import install

from veilor_installer import helper
from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.firstboot import optins
from veilor_installer.core.helper import protocol
from veilor_installer.core.helper.steps import Status
from veilor_installer.demo.system import MULLVAD_REPO, Firstboot

JUSTFILE = resource_path("ujust/veilor.just")


@pytest.fixture
def fb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Firstboot:
    return install(tmp_path, monkeypatch)


def _installs(fb: Firstboot) -> list[list[str]]:
    return [argv for argv in fb.argvs("rpm-ostree") if argv[:1] == ["install"]]


def test_mullvad_browser_enables_the_repo_and_layers(fb: Firstboot) -> None:
    result = optins.mullvad_browser()
    assert result.ok and result.restart_needed, str(result.reason)
    assert [s.status for s in result.steps] == [Status.DONE, Status.DONE]
    repo = (fb.sysroot / "etc/yum.repos.d/mullvad.repo").read_text()
    assert "enabled=1" in repo and "enabled=0" not in repo
    assert repo.replace("enabled=1", "enabled=0") == MULLVAD_REPO, "nothing else changed"
    assert _installs(fb) == [["install", "--idempotent", "--allow-inactive", "mullvad-browser"]]
    assert "restart the computer" in str(result.steps[1].message)
    assert "Restart the computer to use what was installed." in result.describe()


def test_mullvad_browser_again_changes_nothing(fb: Firstboot) -> None:
    assert optins.mullvad_browser().ok
    again = optins.mullvad_browser()
    assert again.ok and not again.changed and not again.restart_needed
    assert [s.status for s in again.steps] == [Status.UNCHANGED, Status.UNCHANGED]
    assert "already installed" in str(again.steps[1].message)
    assert len(_installs(fb)) == 1


def test_waits_for_a_running_transaction(fb: Firstboot) -> None:
    fb.set_state("rpm-ostree.json", {"requested": [], "booted": [], "busy": 3})
    said: list[str] = []
    result = optins.mullvad_browser(poll_s=0, progress=lambda step, m: said.append(m))
    assert result.ok, str(result.reason)
    waits = [m for m in said if str(m).startswith("Waiting for rpm-ostree")]
    assert len(waits) == 3 and '"Upgrade"' in str(waits[0])
    statuses = [i for i, argv in enumerate(fb.argvs("rpm-ostree")) if argv[0] == "status"]
    assert len(statuses) == 4 and statuses[-1] < fb.argvs("rpm-ostree").index(_installs(fb)[0])


@pytest.mark.warning_log("the failed step under test is logged")
def test_gives_up_on_a_transaction_that_does_not_end(fb: Firstboot) -> None:
    fb.set_state("rpm-ostree.json", {"requested": [], "booted": [], "busy": 1000})
    result = optins.mullvad_browser(wait_s=0, poll_s=0)
    assert result.exit_code == 1 and "still busy (Upgrade)" in str(result.reason)
    assert "nothing was installed" in str(result.reason) and _installs(fb) == []


@pytest.mark.warning_log("the failed step under test is logged")
def test_download_failure_is_reported(fb: Firstboot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_FAKE_RPMOSTREE", "fail-download")
    result = optins.mullvad_browser()
    assert result.exit_code == 1 and "Couldn't resolve host name" in str(result.reason)
    assert not result.restart_needed


@pytest.mark.warning_log("the failed step under test is logged")
def test_missing_or_unsigned_repository_refused(fb: Firstboot) -> None:
    repo = fb.sysroot / "etc/yum.repos.d/mullvad.repo"
    repo.write_text(MULLVAD_REPO.replace("gpgcheck=1", "gpgcheck=0"))
    result = optins.mullvad_browser()
    assert result.exit_code == 1 and "does not check package signatures" in str(result.reason)
    assert "enabled=0" in repo.read_text()
    repo.unlink()
    result = optins.mullvad_browser()
    assert result.exit_code == 1 and "does not ship the repository" in str(result.reason)
    assert _installs(fb) == []


def test_thorium_needs_the_warning(fb: Firstboot) -> None:
    result = optins.thorium(warning_shown=False)
    assert result.exit_code == 2 and "warning" in str(result.reason) and fb.calls() == []
    assert "118 days" in str(optins.THORIUM_WARNING)


def test_thorium_runs_its_recipe_after_the_transaction(fb: Firstboot) -> None:
    fb.set_state("rpm-ostree.json", {"requested": [], "booted": [], "busy": 1})
    result = optins.thorium(warning_shown=True, poll_s=0)
    assert result.ok and result.restart_needed, str(result.reason)
    assert str(result.steps[0].message) == "installed; restart the computer to use it"
    assert result.steps[0].detail == "Thorium installed; restart the computer to use it"
    calls = [c["prog"] for c in fb.calls()]
    assert calls == ["rpm-ostree", "rpm-ostree", "ujust"]
    assert fb.argvs("ujust") == [["install-thorium"]]
    again = optins.thorium(warning_shown=True)
    assert again.ok and not again.changed and not again.restart_needed
    assert str(again.steps[0].message).startswith("already installed")
    assert again.steps[0].detail.startswith("Thorium is already installed")


def test_thorium_through_the_helper(fb: Firstboot) -> None:
    assert helper.handle({"action": "thorium", "warning_shown": False}).exit_code == 2
    result = helper.handle({"action": "thorium", "warning_shown": True})
    assert result.ok and result.restart_needed and protocol.result_to_json(result)["restart_needed"]


def test_mullvad_through_the_helper_process(fb: Firstboot) -> None:
    done = subprocess.run([str(fb.bin_dir / "veilor-installer-helper")],
                          input=json.dumps({"action": "mullvad-browser"}), capture_output=True,
                          text=True, timeout=60, check=False)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0 and lines[-1]["restart_needed"] is True
    assert any("Installing mullvad-browser" in str(protocol.message_from_json(
        line.get("message", ""))) for line in lines)


# --- the shipped recipes --------------------------------------------------------------------


def _just() -> str:
    return program("just", "rust-just from PyPI, or the distribution's just")


def _recipes() -> dict[str, dict[str, object]]:
    done = subprocess.run([_just(), "--justfile", str(JUSTFILE), "--dump", "--dump-format",
                           "json"], capture_output=True, text=True, check=True, timeout=30)
    return dict(json.loads(done.stdout)["recipes"])


def _script(recipe: str) -> str:
    done = subprocess.run([_just(), "--justfile", str(JUSTFILE), "--dry-run", "--no-deps", recipe],
                          capture_output=True, text=True, check=True, timeout=30)
    return done.stderr


def test_recipes_exist_with_docs() -> None:
    recipes = _recipes()
    assert {"install-thorium", "install-reticulum", "install-reticulum-rnode"} <= set(recipes)
    for name, recipe in recipes.items():
        assert recipe["doc"], f"{name} has no comment for ujust --list"
        assert recipe["parameters"] == [], "first boot passes no arguments"
    assert [d["recipe"] for d in recipes["install-reticulum-rnode"]["dependencies"]] == [
        "install-reticulum"]


@pytest.mark.parametrize("recipe", ["install-thorium", "install-reticulum",
                                    "install-reticulum-rnode"])
def test_recipes_are_valid_non_interactive_bash(recipe: str) -> None:
    script = _script(recipe)
    assert script.startswith("#!/usr/bin/bash\nset -euo pipefail\n")
    subprocess.run(["bash", "-n"], input=script, text=True, check=True, timeout=30)
    assert not re.search(r"\b(read|ugum|gum|sudo)\b", script), "no prompts, no sudo"
    assert re.search(r'echo "unchanged: ', script), "says when there was nothing to do"
    assert "gpgcheck=0" not in script


def test_reticulum_recipe_pins_its_wheels() -> None:
    script = _script("install-reticulum")
    assert "--require-hashes" in script and "--no-deps" in script
    assert script.count("--hash=sha256:") == 2
    assert not re.search(r"systemctl (enable|start)", script.replace(
        "start it with: systemctl start rnsd", "")), "rnsd is not started"
