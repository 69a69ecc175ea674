"""The live install in a live session (DESIGN §11), through the wizard and the fake anaconda:
a payload failure restarts nothing by itself and offers to restart through the helper; after
success the Restart button ends Anaconda and the helper restarts the computer."""

from __future__ import annotations

from typing import Any

from helpers.live import END, _click, _failure_shown

from veilor_installer.core.install.anaconda import Environment
from veilor_installer.demo.programs import install_programs

# Anaconda without --liveinst takes itself for a boot.iso (research/anaconda.md §3.1): the
# fake plays that, the worst case for "nothing restarts by itself".
LIVE = {"VEILOR_ENVIRONMENT": "live", "VEILOR_FAKE_ANACONDA_SYSTEM": "boot-iso"}


def _helper_restarted(run: Any) -> bool:
    return bool((run.fakes.fake_dir / "systemctl-rebooted").exists())


def test_live_payload_failure_offers_the_restart(qtbot: Any, live: Any) -> None:
    run = live("payload-fail", speed=0.2, env=LIVE)  # the fake would restart after 36 s
    install_programs(run.fakes.bin_dir, {"systemctl": "fake_systemctl.py"})
    result = _failure_shown(qtbot, run)
    assert result.environment is Environment.LIVE and not result.anaconda_running
    ui = run.install.ui
    assert "Nothing restarts the computer by itself" in ui.nextText.text()
    assert not ui.countdown.isVisible() and not ui.stopRestartButton.isVisible()
    button = run.install.restartNowButton
    assert button.isVisible() and button.accessibleName()
    assert not run.fakes.rebooted and not _helper_restarted(run)

    _click(qtbot, button)
    qtbot.waitUntil(lambda: _helper_restarted(run), timeout=END)
    assert "Restarting the computer" in ui.countdown.text()
    assert not run.fakes.rebooted, "Anaconda's own restart never ran"


def test_live_success_restarts_through_the_helper(qtbot: Any, live: Any) -> None:
    run = live("success", env={**LIVE, "VEILOR_FAKE_ANACONDA_SYSTEM": "live"})
    install_programs(run.fakes.bin_dir, {"systemctl": "fake_systemctl.py"})
    qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
    assert run.install.result.environment is Environment.LIVE
    _click(qtbot, run.finish.ui.restartButton)
    qtbot.waitUntil(lambda: _helper_restarted(run), timeout=END)
    assert run.fakes.input() == "enter" and not run.fakes.rebooted
    qtbot.waitUntil(lambda: not run.wizard.isVisible(), timeout=END)
