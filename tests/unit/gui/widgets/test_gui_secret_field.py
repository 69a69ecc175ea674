"""SecretField, the widget every secret is typed into: it edits like a password QLineEdit, while
the QLineEdit underneath (all that Qt's accessibility and input methods read) holds only ●.
What really reaches AT-SPI is checked in test_gui_atspi.py; these are the editing rules."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.answers import STRONG_PASSPHRASE
from helpers.gui import PageBetween
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtGui import QGuiApplication, QInputMethodEvent
from PyQt6.QtWidgets import QApplication, QLineEdit

from veilor_installer.gui.widgets.secret_field import MASK, SecretField

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Field:
    """A shown SecretField, every mask QLineEdit held and every text it announced."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.field = SecretField()
        qtbot.addWidget(self.field)
        self.field.show()
        qtbot.waitExposed(self.field)
        self.field.setFocus()
        self.masks: list[str] = []
        self.texts: list[str] = []
        QLineEdit.textChanged.__get__(self.field, QLineEdit).connect(self.masks.append)
        self.field.textChanged.connect(self.texts.append)

    def keys(self, text: str) -> None:
        self.qtbot.keyClicks(self.field, text)

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.field, key, modifier)

    @property
    def mask(self) -> str:
        return QLineEdit.text(self.field)

    def check_masked(self) -> None:
        value = self.field.text()
        assert self.mask == MASK * len(value)
        assert all(set(mask) <= {MASK} for mask in self.masks)


@pytest.fixture
def f(qtbot: Any) -> Field:
    return Field(qtbot)


def test_typing_moving_deleting_and_replacing_edit_the_secret(f: Field) -> None:
    f.keys("hello")
    assert f.field.text() == "hello" and f.texts[-1] == "hello"
    f.key(Qt.Key.Key_Left, times=2)
    f.key(Qt.Key.Key_Backspace)
    assert f.field.text() == "helo"
    f.key(Qt.Key.Key_Delete)
    assert f.field.text() == "heo"
    f.key(Qt.Key.Key_Home)
    f.key(Qt.Key.Key_Right, SHIFT, times=2)
    f.keys("XY")  # typing over a selection replaces it
    assert f.field.text() == "XYo"
    f.key(Qt.Key.Key_End)
    f.keys("!")
    f.key(Qt.Key.Key_A, CTRL)
    f.key(Qt.Key.Key_Backspace)
    assert f.field.text() == "" and f.texts[-1] == ""
    f.check_masked()


def test_pasting_by_keys_and_by_the_menu(f: Field) -> None:
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None
    clipboard.setText("pasted-key")
    f.keys("ab")
    f.key(Qt.Key.Key_Left)
    f.key(Qt.Key.Key_V, CTRL)
    assert f.field.text() == "apasted-keyb"
    f.key(Qt.Key.Key_Insert, SHIFT)
    assert f.field.text() == "apasted-keypasted-keyb"
    f.field.selectAll()
    menu = f.field.context_menu()
    names = [a.objectName() for a in menu.actions()]
    assert "edit-undo" not in names and "edit-redo" not in names
    next(a for a in menu.actions() if a.objectName() == "edit-paste").trigger()
    assert f.field.text() == "pasted-key"
    menu.deleteLater()
    f.field.setSelection(1, 3)
    menu = f.field.context_menu()
    delete = next(a for a in menu.actions() if a.objectName() == "edit-delete")
    assert delete.isEnabled()
    delete.trigger()
    assert f.field.text() == "ped-key"
    menu.deleteLater()
    clipboard.clear()
    f.check_masked()


def test_undo_and_copy_are_refused(f: Field) -> None:
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None
    clipboard.setText("before")
    f.keys("secret")
    f.key(Qt.Key.Key_Z, CTRL)
    f.field.undo()
    assert f.field.text() == "secret"
    f.field.selectAll()
    f.key(Qt.Key.Key_C, CTRL)
    f.key(Qt.Key.Key_X, CTRL)
    assert clipboard.text() == "before" and f.field.text() == "secret"
    clipboard.clear()


def test_an_input_method_commits_and_replaces_its_preedit_never_shown(f: Field) -> None:
    f.keys("ab")
    event = QInputMethodEvent("ü", [])  # composing: nothing happens yet
    QApplication.sendEvent(f.field, event)
    assert f.field.text() == "ab"
    commit = QInputMethodEvent()
    commit.setCommitString("üß", -1, 1)  # replaces the "b" before the cursor
    QApplication.sendEvent(f.field, commit)
    assert f.field.text() == "aüß"
    surrounding = f.field.inputMethodQuery(Qt.InputMethodQuery.ImSurroundingText)
    assert surrounding == MASK * 3
    f.check_masked()


def test_the_python_api_is_qlineedits(f: Field) -> None:
    f.field.setText("one two")
    assert f.field.text() == "one two" and f.texts == ["one two"]
    f.field.setText("one two")  # unchanged: no signal
    assert f.texts == ["one two"]
    f.field.setCursorPosition(3)
    f.field.insert("-")
    assert f.field.text() == "one- two"
    f.field.setMaxLength(9)
    f.field.setCursorPosition(5)
    f.field.insert("xyz")
    assert f.field.text() == "one- xtwo"
    assert f.field.secret().reveal() == "one- xtwo"
    assert "one" not in repr(f.field.secret())
    f.field.clear()
    assert f.field.text() == "" and f.texts[-1] == ""
    f.check_masked()


def test_text_put_in_by_going_around_it_is_dropped_not_kept(f: Field) -> None:
    f.keys("abc")
    QLineEdit.setText(f.field, "clear text")  # what no code of ours does
    assert f.field.text() == "" and f.mask == ""
    f.masks.clear()
    # AT-SPI's EditableText.DeleteText: QLineEdit::setText with fewer dots, the cursor at
    # the end whatever was deleted; guessing would keep the wrong characters.
    f.keys("abcdef")
    QLineEdit.setText(f.field, MASK * 5)
    assert f.field.text() == "" and f.mask == ""
    f.keys("abcdef")
    f.field.setCursorPosition(1)
    f.field.backspace()
    f.field.del_()
    assert f.field.text() == "cdef"
    f.field.setMaxLength(3)
    assert f.field.text() == "cde" and f.mask == MASK * 3
    f.field.selectAll()
    f.field.cut()
    assert f.field.text() == "cde"
    f.check_masked()


def test_shown_to_the_eye_only(f: Field) -> None:
    f.keys("Wide-Open")
    hidden = f.field.grab().toImage()
    f.field.setEchoMode(QLineEdit.EchoMode.Normal)
    assert f.field.echoMode() is QLineEdit.EchoMode.Normal and f.field.revealed
    assert QLineEdit.echoMode(f.field) is QLineEdit.EchoMode.Password
    assert f.field.displayText() == MASK * 9
    shown = f.field.grab().toImage()
    assert shown != hidden  # the letters are painted, not the dots
    hints = f.field.inputMethodHints()
    assert hints & Qt.InputMethodHint.ImhSensitiveData
    # A click and a drag put the cursor and the selection where the letters are.
    x = f.field._text_rect().left() + f.field.fontMetrics().horizontalAdvance("Wide")
    f.qtbot.mouseClick(f.field, Qt.MouseButton.LeftButton, pos=QPoint(x, f.field.height() // 2))
    assert f.field.cursorPosition() == 4
    f.keys("x")
    assert f.field.text() == "Widex-Open"
    f.field.setEchoMode(QLineEdit.EchoMode.Password)
    assert not f.field.revealed and f.field.echoMode() is QLineEdit.EchoMode.Password
    f.check_masked()


def test_the_description_is_the_problem_else_the_status(f: Field) -> None:
    f.field.set_status("Strength: fair")
    assert f.field.accessibleDescription() == "Strength: fair"
    f.field.setAccessibleDescription("Choose a passphrase.")  # what Page.revalidate does
    assert f.field.accessibleDescription() == "Choose a passphrase."
    f.field.set_status("Strength: strong", quiet=True)
    assert f.field.accessibleDescription() == "Choose a passphrase."
    f.field.setAccessibleDescription("")
    assert f.field.accessibleDescription() == "Strength: strong"


def test_the_strength_is_the_passphrase_fields_description_in_words(
        qtbot: Any, demo_state: Any) -> None:
    from veilor_installer.gui.install.encryption import EncryptionPage

    wiz = PageBetween(qtbot, demo_state, EncryptionPage)
    ui = wiz.page.ui
    seen: list[str] = []

    def typed(text: str) -> None:
        ui.passphrase.setFocus()
        ui.passphrase.selectAll()
        qtbot.keyClicks(ui.passphrase, text)
        qtbot.waitUntil(lambda: not wiz.page.entry.pending, timeout=5000)
        seen.append(ui.passphrase.accessibleDescription())

    typed("password")
    typed(STRONG_PASSPHRASE)
    assert "(very weak)" in seen[0]  # refused: the problem, which names the strength
    assert seen[1] == "Strength: very strong"
    assert isinstance(ui.passphrase, SecretField) and isinstance(ui.passphraseConfirm,
                                                                 SecretField)
