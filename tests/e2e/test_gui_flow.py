"""Summary, Confirm and Progress pages: plain words, masked secrets, the typed word, the
dry-run result; plus the application itself (smoke, fonts)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import STRONG_PASSPHRASE, STRONG_PASSWORD

from veilor_installer.core.secret import Secret


def _fill(state: Any, **overrides: Any) -> Any:
    from veilor_installer.core.install.storage.profile import demo_machine

    state.machine = demo_machine()
    state.language, state.keyboard, state.timezone = "de_DE.UTF-8", "de", "Europe/Berlin"
    state.disks, state.layout = ["nvme0n1"], "single"
    state.passphrase = Secret(STRONG_PASSPHRASE)
    state.username, state.full_name, state.hostname = "alice", "Alice Example", "alice-laptop"
    state.password = Secret(STRONG_PASSWORD)
    for key, value in overrides.items():
        setattr(state, key, value)
    return state


def _wizard(qtbot: Any, state: Any, *page_classes: Any) -> Any:
    from PyQt6.QtWidgets import QWizard

    wizard = QWizard()
    pages = [cls(state) for cls in page_classes]
    for page in pages:
        wizard.addPage(page)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard, pages


def _next(qtbot: Any, wizard: Any) -> None:
    from PyQt6.QtCore import Qt
    from PyQt6.QtWidgets import QWizard

    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_summary_names_what_is_erased_and_masks_secrets(qtbot: Any, demo_state: Any) -> None:
    from PyQt6.QtCore import Qt

    from veilor_installer.gui.install.summary import SummaryPage

    _fill(demo_state)
    _, (summary,) = _wizard(qtbot, demo_state, SummaryPage)
    qtbot.waitUntil(lambda: summary.built is not None, timeout=10_000)
    erase = summary.ui.eraseText.text()
    assert ("Samsung SSD 980 PRO 1TB (nvme0n1, 1.0 TB): holds Windows and a BitLocker volume"
            in erase)
    assert "sda" not in erase
    created = summary.ui.createText.text()
    assert "ghcr.io/veilor/veilor-os:43" in created and "alice" in created
    view = summary.ui.kickstartView.toPlainText()
    assert "ostreecontainer" in view and "%include" in view and "--passphrase=" in view
    assert STRONG_PASSPHRASE not in view and STRONG_PASSWORD not in view
    assert "$y$" not in view and "$6$" not in view
    assert summary.isComplete()
    assert not summary.ui.kickstartView.isVisible()
    qtbot.mouseClick(summary.ui.showKickstart, Qt.MouseButton.LeftButton)
    assert summary.ui.kickstartView.isVisible()


@pytest.mark.parametrize(("override", "page_named"), [
    ({"username": "root"}, "Your account"),
    ({"disks": ["sdb"]}, "Disks"),
    ({"timezone": "Mars/Olympus"}, "Language & keyboard"),
])
@pytest.mark.warning_log("the failure under test is logged as a warning")
def test_summary_refusal_says_which_page_to_fix(qtbot: Any, demo_state: Any,
                                                override: dict[str, Any], page_named: str) -> None:
    from veilor_installer.gui.install.summary import SummaryPage

    _fill(demo_state, **override)
    _, (summary,) = _wizard(qtbot, demo_state, SummaryPage)
    qtbot.waitUntil(lambda: bool(summary.error), timeout=10_000)
    assert not summary.isComplete()
    assert summary.ui.planError.isVisible()
    assert page_named in summary.ui.planError.text()


def test_confirm_needs_the_word_and_back_keeps_it(qtbot: Any, demo_state: Any) -> None:
    from PyQt6.QtWidgets import QWizardPage

    from veilor_installer.gui.install.confirm import ConfirmPage
    from veilor_installer.gui.install.summary import SummaryPage

    _fill(demo_state)
    wizard, (before, summary, confirm) = _wizard(
        qtbot, demo_state, lambda _state: QWizardPage(), SummaryPage, ConfirmPage)
    _next(qtbot, wizard)
    qtbot.waitUntil(summary.isComplete, timeout=10_000)
    _next(qtbot, wizard)
    assert wizard.currentPage() is confirm
    assert "nvme0n1" in confirm.ui.eraseText.text()
    assert not confirm.isComplete()
    assert confirm.ui.confirmError.isVisible()
    qtbot.keyClicks(confirm.ui.confirmEdit, "erace")
    assert not confirm.isComplete()
    assert "not the word" in confirm.ui.confirmError.text()
    confirm.ui.confirmEdit.clear()
    qtbot.keyClicks(confirm.ui.confirmEdit, "erase")
    assert confirm.isComplete()
    assert not confirm.ui.confirmError.isVisible()

    def round_trip() -> None:
        wizard.back()
        wizard.back()
        assert wizard.currentPage() is before
        _next(qtbot, wizard)
        qtbot.waitUntil(summary.isComplete, timeout=10_000)
        _next(qtbot, wizard)

    round_trip()
    assert confirm.ui.confirmEdit.text() == "erase"  # same disks: kept
    demo_state.disks = ["sda"]  # what the Disks page does
    round_trip()
    assert confirm.ui.confirmEdit.text() == ""  # other disks: asked again
    assert "sda" in confirm.ui.eraseText.text()


def test_dry_run_writes_the_kickstart_and_says_where(qtbot: Any, demo_state: Any,
                                                      veilor_log: Any) -> None:
    from veilor_installer.gui.install.confirm import ConfirmPage
    from veilor_installer.gui.install.progress import ProgressPage
    from veilor_installer.gui.install.summary import SummaryPage

    _fill(demo_state)
    wizard, (summary, confirm, progress) = _wizard(
        qtbot, demo_state, SummaryPage, ConfirmPage, ProgressPage)
    qtbot.waitUntil(summary.isComplete, timeout=10_000)
    _next(qtbot, wizard)
    qtbot.keyClicks(confirm.ui.confirmEdit, "erase")
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: progress.written is not None, timeout=10_000)
    ks = Path(demo_state.output_dir) / "ks.cfg"
    secrets = Path(demo_state.output_dir) / "secrets.ks"
    assert stat.S_IMODE(ks.stat().st_mode) == stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert str(ks) in progress.ui.resultText.text()
    assert "No disk was touched" in progress.ui.status.text()
    assert STRONG_PASSPHRASE not in ks.read_text()
    assert STRONG_PASSPHRASE not in veilor_log.text and STRONG_PASSWORD not in veilor_log.text
    assert progress.isComplete()


@pytest.mark.warning_log("the worker logs the failure it hands to the page")
def test_progress_failure_can_be_retried(qtbot: Any, demo_state: Any, tmp_path: Path) -> None:
    from PyQt6.QtCore import Qt

    from veilor_installer.gui.install.progress import ProgressPage
    from veilor_installer.gui.install.summary import SummaryPage

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    _fill(demo_state, output_dir=str(blocker))
    wizard, (summary, progress) = _wizard(qtbot, demo_state, SummaryPage, ProgressPage)
    qtbot.waitUntil(summary.isComplete, timeout=10_000)
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: bool(progress.error), timeout=10_000)
    assert progress.ui.retryButton.isVisible() and not progress.isComplete()
    blocker.unlink()
    qtbot.mouseClick(progress.ui.retryButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: progress.written is not None, timeout=10_000)
    assert (blocker / "ks.cfg").exists()


def test_fonts_render_glyphs_not_boxes(qapp: Any) -> None:
    from PyQt6.QtGui import QFontInfo, QFontMetrics

    metrics = QFontMetrics(qapp.font())
    assert metrics.inFont("A")
    assert QFontInfo(qapp.font()).family()
    # With no usable font every glyph is the same box: "iiii" would be as wide as "WWWW".
    assert metrics.horizontalAdvance("iiii") * 2 < metrics.horizontalAdvance("WWWW")


def test_install_demo_smoke_exits_0(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VEILOR_REGISTRY_URL="http://127.0.0.1:9")
    result = subprocess.run([sys.executable, "-m", "veilor_installer", "install", "--demo",
                             "--smoke", "--output", str(tmp_path / "out")],
                            capture_output=True, text=True, env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "out").exists()


def test_install_live_on_the_demo_machine_is_refused_plainly(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The demo's disks are not this computer's: a real Anaconda would erase the disks here
    that have the demo's names. (Live wizard runs: tests/e2e/test_gui_live.py.)"""
    from veilor_installer.cli import main

    assert main(["install", "--demo", "--live"]) == 2
    assert "drop --demo" in capsys.readouterr().err


def test_every_page_follows_a_switch_of_language_and_back(qtbot: Any, demo_state: Any) -> None:
    """The whole dry run walked (in German), then the language switched: every text of every
    page (statuses, the requirement checks, the disks, the strength, the summary, the erase
    wording, the result) is in the new language at once; switched back, none stays in it."""
    import re

    from helpers.languages import not_pseudo, visible_texts

    from veilor_installer.core import i18n
    from veilor_installer.demo.install_walkthrough import DemoAnswers, walk
    from veilor_installer.gui.i18n import retranslate
    from veilor_installer.gui.install.wizard import InstallWizard

    wizard = InstallWizard(demo_state)
    qtbot.addWidget(wizard)
    wizard.resize(900, 680)
    wizard.show()
    qtbot.waitExposed(wizard)
    walk(wizard, DemoAnswers())  # German: the Language page switches to it on the way
    # Names: the demo's disks, and the lists the Language and Time zone pages fill with
    # names of languages, layouts and zones.
    names = {"Samsung", "SSD", "PRO", "nvme", "dev", "sda", "sdb", "SanDisk", "Ultra"}
    lists = ("languageList", "keyboardList", "timezoneList")
    try:
        i18n.use(i18n.LONG_PSEUDO)
        retranslate(wizard)
        problems = [f"{type(page).__name__}: {p}" for page in wizard.pages
                    for p in not_pseudo(page)
                    if not any(f":{name}." in p for name in lists)
                    and not set(re.findall(r"'([^']+)'", p.rsplit(" has ", 1)[-1])) <= names]
        assert not problems, "\n".join(problems)
    finally:
        i18n.use("en")
        retranslate(wizard)
    stale = [f"{type(page).__name__}: {where}: {text!r}" for page in wizard.pages
             for where, text in visible_texts(page) if re.search(r"\[[^\]]*[åéîöûŕšţ]", text)
             and not any(f":{name}." in where for name in lists)]
    assert not stale, "\n".join(stale)
