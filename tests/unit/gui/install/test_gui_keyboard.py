"""The whole install wizard with the keyboard alone: every key goes to whatever has the focus,
as it would for a person without a mouse; nothing is focused or clicked by the test."""

from __future__ import annotations

from typing import Any


def test_install_by_keyboard_alone(qtbot: Any, demo_state: Any) -> None:
    from PyQt6.QtCore import Qt
    from PyQt6.QtWidgets import QApplication

    from veilor_installer.gui.install.wizard import InstallWizard

    wizard = InstallWizard(demo_state)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitExposed(wizard)
    pages = {type(p).__name__: p for p in wizard.pages}

    def focused() -> Any:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def key(k: Any, times: int = 1) -> None:
        for _ in range(times):
            qtbot.keyClick(focused(), k)

    def type_text(text: str) -> None:
        qtbot.keyClicks(focused(), text)

    def on(name: str) -> None:
        try:
            qtbot.waitUntil(lambda: focused().objectName() == name, timeout=5_000)
        except Exception:
            raise AssertionError(f"focus is on {focused().objectName()!r}, not {name!r}") from None

    def enter_to(page: str) -> None:
        key(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: type(wizard.currentPage()).__name__ == page, timeout=10_000)

    state = demo_state
    # Welcome: once the checks end, Next has the focus; Enter goes on.
    qtbot.waitUntil(pages["WelcomePage"].isComplete, timeout=10_000)
    next_name = wizard.button(wizard.WizardButton.NextButton).objectName()
    qtbot.waitUntil(lambda: focused().objectName() == next_name, timeout=5_000)
    enter_to("LanguagePage")

    on("languageFilter")
    lang = pages["LanguagePage"]
    qtbot.waitUntil(lambda: lang.ui.languageList.model().rowCount() > 100, timeout=10_000)
    type_text("german germany")
    key(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: state.language == "de_DE.UTF-8", timeout=5_000)
    key(Qt.Key.Key_Tab)
    on("languageList")  # the list itself is next in the tab order, then the keyboard search
    key(Qt.Key.Key_Tab)
    on("keyboardFilter")
    type_text("de-nodeadkeys")
    key(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: state.keyboard == "de-nodeadkeys", timeout=5_000)
    enter_to("TimezonePage")

    on("timezoneFilter")
    qtbot.waitUntil(lambda: state.timezone == "Europe/Berlin", timeout=10_000)
    enter_to("DisksPage")

    disks = pages["DisksPage"]
    qtbot.waitUntil(lambda: disks.ui.diskList.isEnabled() and disks.ui.diskList.count() == 3,
                    timeout=10_000)
    on("diskList")
    key(Qt.Key.Key_Home)
    key(Qt.Key.Key_Down)  # the second disk: sda
    key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: state.disks == ["sda"], timeout=5_000)
    enter_to("AccountPage")

    on("fullName")
    type_text("Alice Example")
    key(Qt.Key.Key_Tab)
    on("username")
    assert focused().text() == "alice"
    key(Qt.Key.Key_Tab)
    on("password")
    type_text("Tr0ub4dor&3-alice-laptop")
    key(Qt.Key.Key_Tab)
    on("passwordConfirm")
    type_text("Tr0ub4dor&3-alice-laptop")
    while focused().objectName() != "hostname":
        key(Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("alice-laptop")
    qtbot.waitUntil(pages["AccountPage"].isComplete, timeout=10_000)
    enter_to("EncryptionPage")

    on("passphrase")
    type_text("correct horse battery staple veilor")
    key(Qt.Key.Key_Tab)
    on("passphraseConfirm")
    type_text("correct horse battery staple veilor")
    qtbot.waitUntil(pages["EncryptionPage"].isComplete, timeout=10_000)
    enter_to("SummaryPage")

    qtbot.waitUntil(pages["SummaryPage"].isComplete, timeout=20_000)
    qtbot.waitUntil(lambda: focused().objectName() == next_name, timeout=5_000)
    enter_to("ConfirmPage")

    on("confirmEdit")
    type_text("erase")
    enter_to("ProgressPage")
    progress = pages["ProgressPage"]
    qtbot.waitUntil(lambda: progress.written is not None, timeout=20_000)
    assert state.disks == ["sda"] and state.username == "alice"
