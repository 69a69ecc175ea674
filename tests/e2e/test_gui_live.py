"""Live installs through the wizard against the fake anaconda (veilor_installer/demo/fakes): every
ending shown on the right page within 10 s of the fake signalling it, the reason first on a
failure with the log tail and the log bundle (private, redacted, savable to a "USB stick"),
secrets.ks gone, nothing shown as a success that was not one, no secret in any argv; pre-flight
failures that stop before Anaconda starts; Quit while Anaconda runs; Restart and Close on the
Finish page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import STRONG_PASSPHRASE, STRONG_PASSWORD, TEST_MACHINE
from helpers.leaks import assert_bundle_clean, assert_no_secret, assert_no_secret_in_argv
from helpers.live import END, _button, _click, _failure_shown, _machine, _wait_end
from helpers.system import install_fakes, local_registry, write_policy


def test_success_then_restart(qtbot: Any, live: Any) -> None:
    run = live("success")
    qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
    run.ended_within("complete")
    result = run.install.result
    assert result.succeeded and result.anaconda_running
    ui = run.finish.ui
    assert ui.resultTitle.text() == "veilor-os is installed."
    assert "veilor-os is installed on Samsung SSD 980 PRO 1TB (nvme0n1" in ui.installedText.text()
    assert "@sha256:" in ui.installedText.text()  # the digest that pre-flight inspected
    assert "'de' keyboard layout" in ui.nextText.text()
    assert result.log_dir in ui.logsText.text()
    assert _button(run.wizard, "FinishButton").text() == "&Close without restarting"
    assert not _button(run.wizard, "BackButton").isVisible()
    # the steps were shown as they came, the bar went to the end
    steps = run.install.ui.stepList
    titles = [steps.item(i).text() for i in range(steps.count())]
    assert any("Configuring storage" in t for t in titles)
    assert all(t.startswith("✔") for t in titles)
    assert run.install.ui.progressBar.value() == 100
    kickstart = next(r for r in run.fakes.calls("anaconda") if r.get("event") == "kickstart")
    assert "@sha256:" in kickstart["url"]
    run.secrets_gone()
    assert_bundle_clean(result.log_dir)
    assert_no_secret(run.shown_text())
    assert_no_secret_in_argv(run.fakes)
    assert not run.fakes.rebooted

    _click(qtbot, ui.restartButton)
    qtbot.waitUntil(lambda: run.fakes.rebooted, timeout=END)
    assert run.fakes.input() == "enter"
    qtbot.waitUntil(lambda: not run.wizard.isVisible(), timeout=END)
    assert not run.fakes.calls("anaconda-cleanup")  # restarted, not stopped


def test_the_job_is_freed_on_the_gui_thread_once_its_thread_ended(qtbot: Any,
                                                                   live: Any) -> None:
    """The install job's thread emits on it: it is deleted only after that thread ended, on
    the GUI thread (not wherever its last Python reference happens to go); the page keeps its
    Python side (the runner)."""
    import threading

    from PyQt6.QtCore import Qt

    run = live("success")
    job = run.install.job
    assert job is not None and job.alive  # the install takes seconds: it is running now
    freed_on: list[str] = []
    job.destroyed.connect(lambda: freed_on.append(threading.current_thread().name),
                          Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
    assert freed_on == [threading.main_thread().name] and not job.alive
    assert run.install.job is job and run.install.runner is not None


def test_success_then_close_does_not_restart(qtbot: Any, live: Any) -> None:
    run = live("success")
    qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
    _click(qtbot, run.wizard, "FinishButton")
    qtbot.waitUntil(lambda: not run.wizard.isVisible(), timeout=END)
    assert not run.state.runner.anaconda_running
    assert run.fakes.calls("anaconda-cleanup")  # Anaconda was stopped and tidied up
    assert not run.fakes.rebooted
    assert run.fakes.input() is None


def test_enter_on_the_finish_page_restarts(qtbot: Any, live: Any) -> None:
    """Restart is the page's main action: the focus and the default are on it, not on Close."""
    from PyQt6.QtCore import Qt
    from PyQt6.QtWidgets import QApplication

    run = live("success")
    qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
    restart = run.finish.ui.restartButton
    qtbot.waitUntil(lambda: QApplication.focusWidget() is restart, timeout=END)
    assert restart.isDefault() and not _button(run.wizard, "FinishButton").isDefault()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: run.fakes.rebooted, timeout=END)


def test_the_live_log_follows_when_shown(qtbot: Any, live: Any) -> None:
    run = live("success", speed=0.2)
    ui = run.install.ui
    qtbot.waitUntil(lambda: ui.stepList.count() > 0, timeout=END)
    assert not ui.logView.isVisible()
    _click(qtbot, ui.showLog)
    assert ui.logView.isVisible()
    qtbot.waitUntil(lambda: "Task started:" in ui.logView.toPlainText(), timeout=END)
    qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
    text = ui.logView.toPlainText()
    assert "anaconda.log: " in text and "Creating luks on /dev/nvme0n1p3" in text
    assert_no_secret(text)
    assert "$y$" not in text and "$6$" not in text  # program.log's leaked hash was masked


def test_a_flood_is_drawn_in_part_and_says_so(qtbot: Any, live: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """20,000 lines a second: the view draws the newest and counts what it skipped (the GUI
    thread's budget; bench/gui_flood.py measures it), capped at LOG_LINES lines."""
    from veilor_installer.gui.install.install import LOG_LINES

    monkeypatch.setenv("VEILOR_FAKE_FLOOD_RATE", "20000")
    monkeypatch.setenv("VEILOR_FAKE_FLOOD_SECONDS", "1")
    run = live("flood")
    qtbot.waitUntil(lambda: run.install.ui.showLog.isVisible(), timeout=END)
    _click(qtbot, run.install.ui.showLog)
    qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
    view = run.install.ui.logView
    end = run.fakes.event("flood-end")
    assert end is not None and end["lines"] >= 10_000
    assert view.blockCount() <= LOG_LINES
    assert "lines not shown here: the log bundle has every line" in view.toPlainText()
    bundle = Path(run.install.result.log_dir) / "program.log"
    assert bundle.read_text().count("Copying blob") == end["lines"]


# --- failures -------------------------------------------------------------------------------


def test_payload_failure_reason_logs_and_the_restart(
    qtbot: Any, live: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PyQt6.QtWidgets import QFileDialog

    run = live("payload-fail", speed=0.2)  # Anaconda sleeps 36 s before it restarts
    result = _failure_shown(qtbot, run)
    run.ended_within("failed")
    ui = run.install.ui
    assert ui.resultTitle.text() == "The installation failed."
    assert "no such host" in ui.reasonText.text()
    assert "already partitioned and formatted" in ui.disksText.text()
    assert "restarts the computer in about 3 minutes" in ui.nextText.text()
    assert "no such host" in ui.tailView.toPlainText()
    # Anaconda's 180 s (the fake's is scaled down; the countdown is the real one's)
    assert ui.countdown.isVisible()
    assert re.search(r"restarts in (3:00|2:5\d)\.", ui.countdown.text())
    assert ui.stopRestartButton.isVisible()
    assert any(ui.stepList.item(i).text().startswith("✖") for i in range(ui.stepList.count()))

    usb = tmp_path / "usb-stick"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(usb))
    _click(qtbot, ui.saveLogsButton)
    qtbot.waitUntil(lambda: run.install.saved_to is not None, timeout=END)
    saved = Path(run.install.saved_to)
    assert saved.parent == usb and saved.name.startswith("veilor-install-logs-")
    assert str(saved) in ui.savedText.text()
    copied = sorted(p.name for p in saved.iterdir())
    assert copied == sorted(p.name for p in Path(result.log_dir).iterdir())
    assert "anaconda.log" in copied and "packaging.log" in copied
    for path in saved.iterdir():
        assert_no_secret(path.read_text(encoding="utf-8"))

    _click(qtbot, ui.stopRestartButton)
    qtbot.waitUntil(lambda: not run.state.runner.anaconda_running, timeout=END)
    qtbot.waitUntil(lambda: "will not restart by itself" in ui.countdown.text(), timeout=END)
    assert "restarts the computer" not in ui.nextText.text()
    assert run.fakes.calls("anaconda-cleanup")
    assert not run.fakes.rebooted


@pytest.mark.warning_log("the worker logs the failure it hands to the page")
def test_a_folder_that_cannot_take_the_logs_says_so(
    qtbot: Any, live: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PyQt6.QtWidgets import QFileDialog

    run = live("reject")
    _failure_shown(qtbot, run)
    missing = tmp_path / "unplugged"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(missing))
    _click(qtbot, run.install.ui.saveLogsButton)
    qtbot.waitUntil(lambda: "could not be saved" in run.install.ui.savedText.text(),
                    timeout=END)
    assert run.install.saved_to is None and run.install.ui.saveLogsButton.isEnabled()


@pytest.mark.parametrize(("mode", "signal", "title", "disks"), [
    ("reject", "rejected", "Anaconda refused the kickstart", "Nothing was changed on"),
    ("crash", "crashed", "Anaconda stopped unexpectedly (exit code 1)",
     "Nothing was changed on"),  # it crashes while setting up, before storage
    ("hang", "hung", "Anaconda stopped responding", "already partitioned and formatted"),
])
@pytest.mark.warning_log("the failure under test is logged as a warning")
def test_every_other_ending(qtbot: Any, live: Any, monkeypatch: pytest.MonkeyPatch, mode: str,
                            signal: str, title: str, disks: str) -> None:
    monkeypatch.setenv("VEILOR_ANACONDA_STALL_TIMEOUT", "1")
    run = live(mode)
    result = _failure_shown(qtbot, run)
    run.ended_within(signal, 10.0 + (1.0 if mode == "hang" else 0.0))
    ui = run.install.ui
    assert ui.resultTitle.text().startswith(title)
    assert disks in ui.disksText.text()
    assert not ui.countdown.isVisible()  # no restart pending: none announced
    if mode == "reject":
        assert "no such option: --vckeymap" in ui.reasonText.text()
    if mode == "crash":
        assert any(name.startswith("anaconda-tb-") for name in assert_bundle_clean(
            result.log_dir))
    assert not run.fakes.rebooted


# --- pre-flight -----------------------------------------------------------------------------


@pytest.mark.parametrize("problem", ["registry unreachable", "signature policy missing",
                                     "disk mounted"])
def test_preflight_failure_stops_before_anaconda(
    qtbot: Any, live: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, problem: str,
) -> None:
    env = {"registry unreachable": {"VEILOR_FAKE_SKOPEO": "unreachable",
                                    "VEILOR_REGISTRY_URL": "http://127.0.0.1:9"},
           "signature policy missing": {"VEILOR_CONTAINERS_POLICY": str(tmp_path / "absent")},
           "disk mounted": {}}[problem]
    run = live("success", mounted=problem == "disk mounted", env=env)
    _wait_end(qtbot, run)
    install, ui = run.install, run.install.ui
    assert ui.views.currentWidget() is ui.checksView
    assert ui.retryButton.isVisible()
    assert "Nothing was changed" in ui.status.text()
    failed = [c for c in install.checks if c.required and not c.passed]
    assert failed
    assert any(row.text().startswith("✖") and "→" in row.text() for row in install._rows)
    assert run.fakes.calls("anaconda") == []
    run.secrets_gone()
    assert install.result is None and run.wizard.currentPage() is install
    back = _button(run.wizard, "BackButton")
    assert back.isVisible() and back.isEnabled()  # to choose other disks
    if problem == "registry unreachable":
        assert {c.key for c in failed} >= {"image"}
    elif problem == "signature policy missing":
        assert [c.key for c in failed] == ["signature-policy"]
        # Back to Confirm (the layout as on any page), then again with the policy in place.
        _click(qtbot, back)
        assert run.wizard.currentPage() is run.wizard.pages[1]
        assert _button(run.wizard, "NextButton").isVisible()
        write_policy(tmp_path, monkeypatch)
        _click(qtbot, run.wizard, "NextButton")
        qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
        assert len(run.fakes.calls("anaconda")) > 0
    else:
        assert any("is mounted" in str(c.detail) for c in failed)
        run.machine_file.write_text(json.dumps(TEST_MACHINE))  # unmounted meanwhile
        _click(qtbot, ui.retryButton)
        qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
        assert run.fakes.calls("anaconda")


def test_quit_before_anaconda_starts_needs_no_question(qtbot: Any, live: Any) -> None:
    run = live("success", env={"VEILOR_FAKE_SKOPEO": "unreachable"})
    _wait_end(qtbot, run)
    _click(qtbot, run.wizard, "CancelButton")
    assert not run.wizard.isVisible()
    assert run.install.quit_box is None
    assert run.fakes.calls("anaconda") == []


def test_skip_preflight_says_so_and_checks_nothing(qtbot: Any, live: Any) -> None:
    run = live("success", skip_preflight=True)
    assert run.install.ui.skipWarning.isVisible()
    assert "NOT checked" in run.install.ui.skipWarning.text()
    qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
    assert run.fakes.calls("skopeo") == []
    kickstart = next(r for r in run.fakes.calls("anaconda") if r.get("event") == "kickstart")
    assert kickstart["url"] == "ghcr.io/veilor/veilor-os:43"  # not pinned: nothing inspected


# --- quitting while Anaconda runs ---------------------------------------------------------------


def test_quit_while_installing_asks_then_says_what_the_disks_hold(qtbot: Any,
                                                                  live: Any) -> None:
    from PyQt6.QtWidgets import QPushButton

    from veilor_installer.core.install.anaconda import Outcome
    from veilor_installer.gui.install.install import Phase

    run = live("hang")  # silent in the image pull, with the 20 min stall limit
    qtbot.waitUntil(lambda: run.fakes.event("hung") is not None, timeout=END)
    qtbot.waitUntil(lambda: run.install.phase is Phase.RUNNING, timeout=END)
    assert not _button(run.wizard, "BackButton").isVisible()

    _click(qtbot, run.wizard, "CancelButton")
    box = run.install.quit_box
    assert box is not None and box.isVisible() and run.wizard.isVisible()
    _click(qtbot, box.findChild(QPushButton, "keepButton"))
    assert run.install.phase is Phase.RUNNING and run.state.runner.anaconda_running

    _click(qtbot, run.wizard, "CancelButton")
    box = run.install.quit_box
    _click(qtbot, box.findChild(QPushButton, "stopButton"))
    result = _failure_shown(qtbot, run)
    assert result.outcome is Outcome.CANCELLED
    assert run.install.ui.resultTitle.text() == "You stopped the installation."
    assert "already partitioned and formatted" in run.install.ui.disksText.text()
    assert not run.state.runner.anaconda_running and not run.fakes.rebooted
    _click(qtbot, run.wizard, "CancelButton")  # now it closes at once
    assert not run.wizard.isVisible()


def test_quit_after_a_failure_stops_the_restart_then_closes(qtbot: Any, live: Any) -> None:
    run = live("payload-fail", speed=0.2)
    _failure_shown(qtbot, run)
    assert run.state.runner.anaconda_running  # sleeping before its restart
    _click(qtbot, run.wizard, "CancelButton")
    qtbot.waitUntil(lambda: not run.wizard.isVisible(), timeout=END)
    assert not run.state.runner.anaconda_running
    assert not run.fakes.rebooted


# --- the pages themselves -----------------------------------------------------------------------


def test_live_pages_fit_800_by_600_and_name_every_control(qtbot: Any, live: Any) -> None:
    from PyQt6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QLabel,
        QPlainTextEdit,
        QProgressBar,
    )

    run = live("payload-fail")
    _failure_shown(qtbot, run)
    for page in (run.install, run.finish):
        hint = page.minimumSizeHint()
        assert hint.width() <= 800 and hint.height() <= 600, (type(page).__name__, hint)
        assert page.findChild(QLabel, "dryRunBanner") is None
        for widget in page.findChildren((QAbstractButton, QAbstractItemView, QPlainTextEdit,
                                         QProgressBar)):
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            assert widget.accessibleName() or text, widget.objectName()
    whole = run.wizard.minimumSizeHint()
    assert whole.width() <= 800 and whole.height() <= 600


def test_whole_live_wizard_by_walkthrough(qtbot: Any, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Welcome to Finish as a person goes, with the network check against the loopback
    registry, then Restart."""
    from veilor_installer.core.install.machine import load_machine
    from veilor_installer.demo.install_walkthrough import DemoAnswers, walk
    from veilor_installer.gui.install.state import InstallState
    from veilor_installer.gui.install.wizard import LIVE_PAGES, InstallWizard

    fakes = install_fakes(tmp_path, monkeypatch)
    write_policy(tmp_path, monkeypatch)
    machine_file = _machine(tmp_path)
    state = InstallState(read_machine=lambda: load_machine(str(machine_file)), dry_run=False,
                         output_dir=str(tmp_path / "out"))
    seen: list[str] = []
    with local_registry(monkeypatch):
        wizard = InstallWizard(state)
        qtbot.addWidget(wizard)
        wizard.show()
        try:
            walk(wizard, DemoAnswers(disks=("sda",), password=STRONG_PASSWORD,
                                     passphrase=STRONG_PASSPHRASE),
                 on_page=lambda page: seen.append(type(page).__name__), live_timeout=30)
        finally:
            if state.runner is not None and state.result is None:
                state.runner.cancel()
    assert seen == [cls.__name__ for cls in LIVE_PAGES]
    kickstart = next(r for r in fakes.calls("anaconda") if r.get("event") == "kickstart")
    assert kickstart["disks"] == ["sda"] and kickstart["lang"] == "de_DE.UTF-8"
    assert kickstart["encrypted_with_passphrase"] == 1
    finish = wizard.pages[-1]
    _click(qtbot, finish.ui.restartButton)
    qtbot.waitUntil(lambda: fakes.rebooted, timeout=END)
    assert_no_secret_in_argv(fakes)


def test_install_live_smoke_through_the_command_line(tmp_path: Path) -> None:
    """`install --live` opens the wizard (the refusal is gone); --skip-preflight is loud."""
    import os
    import subprocess
    import sys

    machine = _machine(tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VEILOR_REGISTRY_URL="http://127.0.0.1:9")
    result = subprocess.run(
        [sys.executable, "-m", "veilor_installer", "install", "--live", "--machine", str(machine),
         "--anaconda", "/bin/false", "--skip-preflight", "--smoke"],
        capture_output=True, text=True, env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING: --skip-preflight" in result.stderr
    assert not (Path(env["VEILOR_RUNTIME_DIR"]) / "secrets.ks").exists()


@pytest.mark.parametrize("mode", ["success", "payload-fail"])
def test_the_ending_follows_a_switch_of_language(qtbot: Any, live: Any, mode: str) -> None:
    """Every text of the ending (pre-flight results, steps, result, next steps, the Finish
    page) is worded anew when the language changes after it was shown, and back again."""
    from helpers.languages import not_pseudo, visible_texts

    from veilor_installer.core import i18n
    from veilor_installer.gui.i18n import retranslate

    run = live(mode, speed=0.2)
    if mode == "success":
        qtbot.waitUntil(lambda: run.wizard.currentPage() is run.finish, timeout=END)
    else:
        _failure_shown(qtbot, run)
    try:
        i18n.use(i18n.LONG_PSEUDO)
        retranslate(run.wizard)
        page = run.wizard.currentPage()
        # Anaconda's own words (its steps, its log, its error) are not ours; the disks'
        # names (model, kernel name) are names.
        names = {"Samsung", "SSD", "PRO", "nvme", "dev", "sda", "CT500MX500SSD1"}
        problems = [p for p in not_pseudo(page)
                    if "stepList" not in p and "reasonText" not in p and "View" not in p
                    and not set(re.findall(r"'([^']+)'", p.rsplit(" has ", 1)[-1])) <= names]
        assert not problems, "\n".join(problems)
    finally:
        i18n.use("en")
        retranslate(run.wizard)
    shown = " ".join(text for _where, text in visible_texts(run.wizard.currentPage()))
    assert "ŕ" not in shown and "ĥ" not in shown  # nothing left in the pseudo-language
