"""Drive the install wizard through a demo install as a person would — keyboard and mouse
through QTest — for `make screenshots`, the benchmarks and the end-to-end tests.

``walk(wizard, answers, on_page)`` goes from Welcome to the dry-run result (in a live run: to
the end of the install, on the Install page or the Finish page); ``on_page(page)`` is called
once each page is settled (its checks and workers done), before leaving it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PyQt6.QtCore import Qt
from PyQt6.QtTest import QTest
from PyQt6.QtWidgets import QApplication, QWizard, QWizardPage

from veilor_installer.gui.install.wizard import InstallWizard


@dataclass(frozen=True)
class DemoAnswers:
    language_search: str = "german germany"
    language: str = "de_DE.UTF-8"
    keymap: str = "de-nodeadkeys"
    disks: tuple[str, ...] = ("sda",)
    layout: str = "single"
    full_name: str = "Alice Example"
    password: str = "Tr0ub4dor&3-alice-laptop"  # noqa: S105 (demo data)
    hostname: str = "alice-laptop"
    passphrase: str = "correct horse battery staple veilor"  # noqa: S105 (demo data)


class WalkError(AssertionError):
    pass


def wait_until(condition: Callable[[], object], timeout: float = 20.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise WalkError(f"timed out waiting for {what or condition}")
        QApplication.processEvents()
        time.sleep(0.002)


def type_into(field: object, text: str) -> None:
    field.setFocus()  # type: ignore[attr-defined]
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # type: ignore[arg-type]
    QTest.keyClick(field, Qt.Key.Key_Delete)  # type: ignore[arg-type]
    QTest.keyClicks(field, text)  # type: ignore[arg-type]


def press_next(wizard: QWizard, *, mouse: bool) -> None:
    """Next by a mouse click, or by Enter (the default button) from the focused widget."""
    button = wizard.button(QWizard.WizardButton.NextButton)
    if button is None:
        raise WalkError("the wizard has no Next button")
    wait_until(button.isEnabled, what="Next to be enabled on " + wizard.currentPage().title())
    before = wizard.currentId()
    if mouse:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    else:
        QTest.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    wait_until(lambda: wizard.currentId() != before, what="the next page")


def walk(wizard: InstallWizard, answers: DemoAnswers = DemoAnswers(),
         on_page: Callable[[QWizardPage], None] = lambda _page: None,
         live_timeout: float = 120.0) -> None:
    state = wizard.state
    pages = {type(p).__name__: p for p in wizard.pages}

    welcome = pages["WelcomePage"]
    wait_until(lambda: not welcome.busy and welcome.hardware, what="the requirement checks")
    on_page(welcome)
    press_next(wizard, mouse=True)

    lang = pages["LanguagePage"]
    wait_until(lambda: lang.ui.languageList.model().rowCount() > 0, what="the languages")
    type_into(lang.ui.languageFilter, answers.language_search)
    QTest.keyClick(lang.ui.languageFilter, Qt.Key.Key_Down)
    wait_until(lambda: state.language == answers.language, what="the language")
    type_into(lang.ui.keyboardFilter, answers.keymap)
    QTest.keyClick(lang.ui.keyboardFilter, Qt.Key.Key_Down)
    wait_until(lambda: state.keyboard == answers.keymap, what="the keyboard")
    lang.ui.tryField.setFocus()
    lang.ui.tryField.insert("Grüße, ßäöü")  # QTest.keyClicks aborts on non-ASCII text
    on_page(lang)
    press_next(wizard, mouse=False)

    tz = pages["TimezonePage"]
    wait_until(tz.isComplete, what="the time zone")
    on_page(tz)
    press_next(wizard, mouse=False)

    disks = pages["DisksPage"]
    view = disks.ui.diskList
    wait_until(lambda: view.isEnabled() and view.count() > 0, what="the disk scan")
    view.setFocus()
    for name in answers.disks:
        row = next(i for i in range(view.count())
                   if view.item(i).data(Qt.ItemDataRole.UserRole) == name)
        view.setCurrentRow(row)
        QTest.keyClick(view, Qt.Key.Key_Space)
    wait_until(lambda: list(state.disks) == list(answers.disks), what="the disks")
    if answers.layout != "single":
        radio = {"mirror": disks.ui.mirrorRadio, "span": disks.ui.spanRadio,
                 "os-plus-data": disks.ui.osPlusDataRadio}[answers.layout]
        QTest.mouseClick(radio, Qt.MouseButton.LeftButton)
        wait_until(lambda: state.layout == answers.layout, what="the layout")
    on_page(disks)
    press_next(wizard, mouse=True)

    account = pages["AccountPage"]
    type_into(account.ui.fullName, answers.full_name)
    type_into(account.ui.password, answers.password)
    type_into(account.ui.passwordConfirm, answers.password)
    type_into(account.ui.hostname, answers.hostname)
    wait_until(account.isComplete, what="the account to be valid")
    on_page(account)
    press_next(wizard, mouse=False)

    enc = pages["EncryptionPage"]
    type_into(enc.ui.passphrase, answers.passphrase)
    type_into(enc.ui.passphraseConfirm, answers.passphrase)
    wait_until(enc.isComplete, what="the passphrase to be accepted")
    on_page(enc)
    press_next(wizard, mouse=True)

    summary = pages["SummaryPage"]
    wait_until(summary.isComplete, what="the summary")
    on_page(summary)
    press_next(wizard, mouse=True)

    confirm = pages["ConfirmPage"]
    type_into(confirm.ui.confirmEdit, confirm.word)
    on_page(confirm)
    press_next(wizard, mouse=False)

    if state.dry_run:
        progress = pages["ProgressPage"]
        wait_until(lambda: progress.written is not None or bool(progress.error),
                   what="the kickstart to be written")
        on_page(progress)
        return
    # A live run: the checks, then Anaconda to its end (on the Install page, or Finish).
    from veilor_installer.gui.install.install import Phase

    install = pages["InstallPage"]
    wait_until(lambda: install.phase in (Phase.CHECKS_FAILED, Phase.ENDED, Phase.BROKEN),
               timeout=live_timeout, what="the install to end")
    on_page(install)
    finish = pages["FinishPage"]
    if wizard.currentPage() is finish:
        on_page(finish)
