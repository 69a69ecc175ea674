"""Both wizards' secret entries, typed into as a person would, under a real AT-SPI bus: started
by tests/integration/test_gui_atspi.py with the project's Python, on Xvfb (xcb: the
offscreen platform has no AT-SPI bridge).

argv: the JSON file of the plan (field → pieces to type and paste), written by the test, and
the dry run's output folder (nothing is written there: no install starts).
stdout: ``shown`` once the windows are up, ``done <json>`` (what each field holds) once
everything is typed. stdin: ``go``, then ``quit``.
The event loop runs all along: the listener reads the accessible objects while we type.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

from PyQt6.QtCore import QEvent, QPoint, QPointF, QSocketNotifier, Qt, QTimer
from PyQt6.QtGui import QClipboard, QKeyEvent, QMouseEvent
from PyQt6.QtWidgets import QApplication, QLineEdit, QWidget

from veilor_installer.core.firstboot.choices import UnlockMethod
from veilor_installer.core.install.storage.profile import demo_machine
from veilor_installer.gui.app import application
from veilor_installer.gui.firstboot.join import PASTE, JoinPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.firstboot.unlock import UnlockPage
from veilor_installer.gui.firstboot.wizard import FirstbootWizard
from veilor_installer.gui.install.account import AccountPage
from veilor_installer.gui.install.encryption import EncryptionPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.install.wizard import InstallWizard

Step = Iterator["int | Callable[[], bool]"]
"""A step yields a pause in ms, or a condition to wait for."""

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Driver:
    def __init__(self, plan: dict[str, dict[str, Any]], out: str) -> None:
        self.plan = plan
        self.app = application(["veilor-atspi-driver"])
        self.app.setApplicationName("veilor-atspi-driver")
        install = InstallState(read_machine=demo_machine, dry_run=True, output_dir=out)
        first = FirstbootState(cameras=lambda: [], use_pkexec=False)
        self.account_wizard = InstallWizard(install, pages=(AccountPage,))
        self.encryption_wizard = InstallWizard(install, pages=(EncryptionPage,))
        self.unlock_wizard = FirstbootWizard(first, pages=(UnlockPage,))
        self.join_wizard = FirstbootWizard(first, pages=(JoinPage,))
        self.account: Any = self.account_wizard.page(self.account_wizard.startId())
        self.encryption: Any = self.encryption_wizard.page(self.encryption_wizard.startId())
        self.unlock: Any = self.unlock_wizard.page(self.unlock_wizard.startId())
        self.join: Any = self.join_wizard.page(self.join_wizard.startId())
        self.unlock.radios[UnlockMethod.TPM2_PIN].setChecked(True)  # shows both PIN fields
        self.join.ui.methodTabs.setCurrentIndex(PASTE)
        self.fields: dict[str, tuple[QWidget, QLineEdit, Any]] = {
            "encryption.passphrase": (self.encryption_wizard, self.encryption.ui.passphrase,
                                      self.encryption),
            "encryption.passphraseConfirm": (self.encryption_wizard,
                                             self.encryption.ui.passphraseConfirm,
                                             self.encryption),
            "account.password": (self.account_wizard, self.account.ui.password, self.account),
            "account.passwordConfirm": (self.account_wizard, self.account.ui.passwordConfirm,
                                        self.account),
            "unlock.passphrase": (self.unlock_wizard, self.unlock.ui.passphrase, self.unlock),
            "unlock.pin": (self.unlock_wizard, self.unlock.ui.pin, self.unlock),
            "unlock.pinConfirm": (self.unlock_wizard, self.unlock.ui.pinConfirm, self.unlock),
            "join.payload": (self.join_wizard, self.join.ui.payloadEdit, self.join),
        }
        self.shows = {"encryption.passphrase": self.encryption.ui.showSecret,
                      "account.password": self.account.ui.showSecret,
                      "join.payload": self.join.ui.showPayload}
        for wizard in (self.account_wizard, self.encryption_wizard, self.unlock_wizard,
                       self.join_wizard):
            wizard.resize(900, 680)
            wizard.show()
        self._steps: Step | None = None
        self._notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._command)
        QTimer.singleShot(500, lambda: say("shown"))

    def _command(self) -> None:
        line = sys.stdin.readline().strip()
        if line == "go":
            self._steps = self.steps()
            self._advance()
        elif line in ("quit", ""):
            self._notifier.setEnabled(False)
            self.app.quit()

    def _advance(self) -> None:
        assert self._steps is not None
        try:
            wait = next(self._steps)
        except StopIteration:
            finals = {name: field.text() for name, (_w, field, _p) in self.fields.items()}
            say("done " + json.dumps({"texts": finals}))
            return
        if isinstance(wait, int):
            QTimer.singleShot(wait, self._advance)
        else:
            self._until(wait)

    def _until(self, condition: Callable[[], bool]) -> None:
        if condition():
            QTimer.singleShot(50, self._advance)
        else:
            QTimer.singleShot(50, lambda: self._until(condition))

    # Sent straight to the field, as the window system's keys are after the shortcut map:
    # QTest's go through the window system queue here (no qExec), after the next steps.

    def _send(self, field: QLineEdit, key: int, modifier: Qt.KeyboardModifier,
              text: str = "") -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, key, modifier, text))

    def _keys(self, field: QLineEdit, text: str) -> None:
        for char in text:
            self._send(field, ord(char.upper()), Qt.KeyboardModifier.NoModifier, char)

    def _key(self, field: QLineEdit, key: Qt.Key,
             modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
             times: int = 1) -> None:
        for _ in range(times):
            self._send(field, int(key.value), modifier)

    def _middle_click(self, field: QLineEdit, at: QPoint) -> None:
        button = Qt.MouseButton.MiddleButton
        for kind, buttons in ((QEvent.Type.MouseButtonPress, button),
                              (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
            QApplication.sendEvent(field, QMouseEvent(
                kind, QPointF(at), QPointF(field.mapToGlobal(at)), button, buttons,
                Qt.KeyboardModifier.NoModifier))

    def steps(self) -> Step:
        clipboard = QApplication.clipboard()
        assert clipboard is not None
        for name, (window, field, page) in self.fields.items():
            pieces = self.plan[name]
            window.raise_()
            window.activateWindow()
            field.setFocus()
            yield lambda window=window: window.isActiveWindow()  # type: ignore[misc]
            yield lambda field=field: field.hasFocus()  # type: ignore[misc]
            entry = getattr(page, "entry", None)

            def settled(entry: Any = entry) -> bool:
                return entry is None or not entry.pending

            # Typed, a key at a time.
            self._keys(field, pieces["typed"])
            yield 200
            yield settled
            # Pasted (Ctrl+V), then edited in the middle: Backspace, Delete, a selection
            # replaced, the cursor moved by keys.
            clipboard.setText(pieces["pasted"])
            self._key(field, Qt.Key.Key_V, CTRL)
            yield 100
            self._key(field, Qt.Key.Key_Left, times=2)
            self._keys(field, pieces["inserted"])
            self._key(field, Qt.Key.Key_Backspace)
            self._key(field, Qt.Key.Key_Delete)
            self._key(field, Qt.Key.Key_Home)
            self._key(field, Qt.Key.Key_Right, SHIFT, times=2)
            self._keys(field, pieces["replacing"])
            self._key(field, Qt.Key.Key_End)
            self._key(field, Qt.Key.Key_Backspace, times=2)
            clipboard.setText(pieces["pasted_again"])
            self._key(field, Qt.Key.Key_Insert, SHIFT)
            if clipboard.supportsSelection():  # X11: the middle button pastes the selection
                clipboard.setText(pieces["middle"], QClipboard.Mode.Selection)
                # At the right end: after the text.
                self._middle_click(field, QPoint(field.width() - 4, field.height() // 2))
                clipboard.clear(QClipboard.Mode.Selection)
            yield 200
            yield settled
            show = self.shows.get(name)
            if show is not None:  # shown, typed into, hidden again
                show.setChecked(True)
                field.setFocus()
                self._keys(field, pieces["while_shown"])
                self._key(field, Qt.Key.Key_Backspace)
                yield 200
                yield settled
                show.setChecked(False)
                field.setFocus()
            clipboard.clear()
            yield 300



def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as file:
        plan = json.load(file)
    driver = Driver(plan, sys.argv[2])
    return driver.app.exec()


if __name__ == "__main__":
    sys.exit(main())
