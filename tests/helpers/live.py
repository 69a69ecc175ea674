"""A live install driven through the wizard against the fake anaconda: the ``live`` fixture
(a plugin of tests/conftest.py), the wizard's buttons, and waiting for the end."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from helpers.answers import STRONG_PASSPHRASE, STRONG_PASSWORD, TEST_MACHINE
from helpers.leaks import assert_bundle_clean, assert_no_secret, assert_no_secret_in_argv
from helpers.system import install_fakes, local_registry, write_policy
from veilor_installer.core.secret import Secret
from veilor_installer.demo.system import Fakes

END = 15_000  # ms: generous for qtbot; the 10 s rule is checked against the fake's own clock


@dataclass
class Live:
    wizard: Any
    state: Any
    fakes: Fakes
    install: Any
    finish: Any
    machine_file: Path

    def ended_within(self, signal: str, seconds: float = 10.0) -> None:
        row = self.fakes.event(signal)
        assert row is not None, f"the fake never signalled {signal}"
        assert self.install.ended_at is not None
        assert self.install.ended_at - row["t"] <= seconds

    def shown_text(self) -> str:
        """Every text the wizard shows: labels, text views, buttons, the step list."""
        from PyQt6.QtWidgets import QAbstractButton, QLabel, QListWidget, QPlainTextEdit

        texts = [w.text() for w in self.wizard.findChildren((QLabel, QAbstractButton))]
        texts += [w.toPlainText() for w in self.wizard.findChildren(QPlainTextEdit)]
        for view in self.wizard.findChildren(QListWidget):
            texts += [view.item(i).text() for i in range(view.count())]
        return "\n".join(texts)

    def secrets_gone(self) -> None:
        assert not (self.fakes.runtime_dir / "secrets.ks").exists()
        assert not (self.fakes.runtime_dir / "ks.cfg").exists()


def _machine(tmp_path: Path, *, mounted: bool = False) -> Path:
    data = copy.deepcopy(TEST_MACHINE)
    if mounted:
        data["disks"][0]["partitions"] = [{"name": "nvme0n1p1", "size_bytes": 10**9,
                                           "fstype": "ext4", "label": None,
                                           "mountpoints": ["/run/media/live/x"]}]
    path = tmp_path / "machine.json"
    path.write_text(json.dumps(data))
    return path


@pytest.fixture
def live(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``start(mode, ...)``: fakes in place (anaconda, skopeo, a signature policy, a registry
    on loopback), a filled-in live state, and the wizard from Summary to Finish, left on the
    Install page with the install started."""
    made: list[Live] = []

    with local_registry(monkeypatch):
        def start(mode: str = "success", *, speed: float = 0.01, mounted: bool = False,
                  skip_preflight: bool = False, env: dict[str, str] | None = None) -> Live:
            from veilor_installer.core.install.machine import load_machine
            from veilor_installer.gui.install.confirm import ConfirmPage
            from veilor_installer.gui.install.finish import FinishPage
            from veilor_installer.gui.install.install import InstallPage
            from veilor_installer.gui.install.state import InstallState
            from veilor_installer.gui.install.summary import SummaryPage
            from veilor_installer.gui.install.wizard import InstallWizard

            fakes = install_fakes(tmp_path, monkeypatch, mode=mode, speed=speed)
            write_policy(tmp_path, monkeypatch)
            for key, value in (env or {}).items():
                monkeypatch.setenv(key, value)
            machine_file = _machine(tmp_path, mounted=mounted)
            state = InstallState(read_machine=lambda: load_machine(str(machine_file)),
                                 dry_run=False, output_dir=str(tmp_path / "out"),
                                 skip_preflight=skip_preflight)
            state.machine = load_machine(str(machine_file))
            state.language, state.keyboard, state.timezone = "de_DE.UTF-8", "de", "Europe/Berlin"
            state.disks, state.layout = ["nvme0n1"], "single"
            state.passphrase = Secret(STRONG_PASSPHRASE)
            state.username, state.full_name = "alice", "Alice Example"
            state.hostname = "alice-laptop"
            state.password = Secret(STRONG_PASSWORD)
            wizard = InstallWizard(state, pages=(SummaryPage, ConfirmPage, InstallPage,
                                                 FinishPage))
            qtbot.addWidget(wizard)
            wizard.show()
            summary, confirm, install, finish = wizard.pages
            qtbot.waitUntil(summary.isComplete, timeout=15_000)
            _click(qtbot, wizard, "NextButton")
            assert wizard.currentPage() is confirm
            qtbot.keyClicks(confirm.ui.confirmEdit, "erase")
            _click(qtbot, wizard, "NextButton")
            assert wizard.currentPage() is install
            found = Live(wizard, state, fakes, install, finish, machine_file)
            made.append(found)
            return found

        yield start

    for found in made:  # leave no Anaconda behind, waiting or sleeping
        runner = found.state.runner
        if found.install.job is not None:
            found.install.job.cancel()
            found.install.job.join(20)
        if runner is not None and runner.anaconda_running:
            runner.stop()
    from veilor_installer.gui.workers import wait_for_all

    wait_for_all()


def _button(wizard: Any, which: str) -> Any:
    from PyQt6.QtWidgets import QWizard

    return wizard.button(getattr(QWizard.WizardButton, which))


def _click(qtbot: Any, widget: Any, which: str | None = None) -> None:
    from PyQt6.QtCore import Qt

    button = _button(widget, which) if which else widget
    assert button.isVisible() and button.isEnabled(), which or button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _wait_end(qtbot: Any, run: Live) -> None:
    from veilor_installer.gui.install.install import Phase

    qtbot.waitUntil(lambda: run.install.phase in (Phase.ENDED, Phase.CHECKS_FAILED,
                                                  Phase.BROKEN), timeout=END)


def _failure_shown(qtbot: Any, run: Live) -> Any:
    """The failure state: the reason first, the disks, the tail, the bundle; no success."""
    _wait_end(qtbot, run)
    install = run.install
    ui = install.ui
    result = install.result
    assert result is not None and not result.succeeded
    assert run.wizard.currentPage() is install
    assert ui.views.currentWidget() is ui.failedView
    assert ui.resultTitle.text().startswith(str(result.title))
    assert ui.disksText.text() == str(result.disks_message)
    assert result.log_dir and result.log_dir in ui.logsText.text()
    assert ui.saveLogsButton.isVisible()
    assert "is installed" not in run.shown_text()
    assert not _button(run.wizard, "NextButton").isVisible()
    assert not _button(run.wizard, "BackButton").isVisible()
    assert_bundle_clean(result.log_dir)
    run.secrets_gone()
    assert_no_secret(run.shown_text())
    assert_no_secret_in_argv(run.fakes)
    return result


# --- success --------------------------------------------------------------------------------
