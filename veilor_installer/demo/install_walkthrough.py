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

from PyQt6.QtCore import QEvent, QPoint, Qt
from PyQt6.QtGui import QKeyEvent
from PyQt6.QtTest import QTest
from PyQt6.QtWidgets import QApplication, QWidget, QWizard, QWizardPage

from veilor_installer.gui.install.account import AccountPage
from veilor_installer.gui.install.confirm import ConfirmPage
from veilor_installer.gui.install.disks import DisksPage
from veilor_installer.gui.install.encryption import EncryptionPage
from veilor_installer.gui.install.finish import FinishPage
from veilor_installer.gui.install.install import InstallPage, Phase
from veilor_installer.gui.install.language import LanguagePage
from veilor_installer.gui.install.progress import ProgressPage
from veilor_installer.gui.install.summary import SummaryPage
from veilor_installer.gui.install.timezone import TimezonePage
from veilor_installer.gui.install.welcome import WelcomePage
from veilor_installer.gui.install.wizard import InstallWizard
from veilor_installer.gui.widgets.choicelist import ChoiceList


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


def answers_for(language: str) -> DemoAnswers:
    """The demo's answers with the language (and its keyboard) of ``language`` (``de``, ``ru``,
    ``en``; English for another): a walk in it stays in it."""
    return {
        "de": DemoAnswers(),
        "ru": DemoAnswers(language_search="russian russia", language="ru_RU.UTF-8",
                          keymap="ru"),
    }.get(language, DemoAnswers(language_search="english united states",
                                language="en_US.UTF-8", keymap="us"))


class WalkError(AssertionError):
    pass


def wait_until(condition: Callable[[], object], timeout: float = 20.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise WalkError(f"timed out waiting for {what or condition}")
        QApplication.processEvents()
        time.sleep(0.002)


# PyQt6's stubs declare QTest's static functions as methods (``self: QTest`` first), so no call
# through the class type-checks; each is called once, here, under a narrow ignore.
def key_click(widget: QWidget, key: Qt.Key,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)  # type: ignore[call-overload]  # stubs: no @staticmethod


def mouse_click(widget: QWidget, pos: QPoint | None = None) -> None:
    """A left click, in the middle of ``widget`` unless ``pos``."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton,  # type: ignore[call-overload]  # as above
                     Qt.KeyboardModifier.NoModifier, QPoint() if pos is None else pos)


def type_into(field: QWidget, text: str) -> None:
    field.setFocus()
    key_click(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key_click(field, Qt.Key.Key_Delete)
    for char in text:
        if char.isascii():
            QTest.keyClicks(field, char)  # type: ignore[arg-type, call-arg]  # as key_click
        else:  # QTest knows ASCII keys only: a key event carrying the character, as an
            # input method or a German/Russian layout delivers it
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                        char))


def choose(choices: ChoiceList, search: str, value: str) -> None:
    """Search a list as a person does, then click the row of ``value`` among those found."""
    type_into(choices.search, search)
    wait_until(lambda: choices.visible_row(value) >= 0, what=f"{value} found in the list")
    index = choices.proxy.index(choices.visible_row(value), 0)
    choices.view.scrollTo(index)
    viewport = choices.view.viewport()
    if viewport is None:
        raise WalkError("the list has no viewport")
    mouse_click(viewport, choices.view.visualRect(index).center())


def press_next(wizard: QWizard, *, mouse: bool) -> None:
    """Next by a mouse click, or by Enter (the default button) from the focused widget."""
    button = wizard.button(QWizard.WizardButton.NextButton)
    if button is None:
        raise WalkError("the wizard has no Next button")
    page = wizard.currentPage()
    wait_until(button.isEnabled,
               what="Next to be enabled on " + (page.title() if page is not None else "no page"))
    before = wizard.currentId()
    if mouse:
        mouse_click(button)
    else:
        key_click(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    wait_until(lambda: wizard.currentId() != before, what="the next page")


def walk(wizard: InstallWizard, answers: DemoAnswers = DemoAnswers(),
         on_page: Callable[[QWizardPage], None] = lambda _page: None,
         live_timeout: float = 120.0) -> None:
    state = wizard.state

    welcome = wizard.page_of(WelcomePage)
    wait_until(lambda: not welcome.busy and welcome.hardware, what="the requirement checks")
    on_page(welcome)
    press_next(wizard, mouse=True)

    lang = wizard.page_of(LanguagePage)
    wait_until(lambda: lang.ui.languageList.model().rowCount() > 0, what="the languages")
    choose(lang.languages, answers.language_search, answers.language)
    wait_until(lambda: state.language == answers.language, what="the language")
    # The wizard now speaks that language: its lists are named anew in it (a worker).
    wait_until(lambda: not lang.loading, what="the lists named in the language")
    choose(lang.keyboards, answers.keymap, answers.keymap)
    wait_until(lambda: state.keyboard == answers.keymap, what="the keyboard")
    lang.ui.tryField.setFocus()
    lang.ui.tryField.insert("Grüße, ßäöü")  # QTest.keyClicks aborts on non-ASCII text
    on_page(lang)
    press_next(wizard, mouse=False)

    tz = wizard.page_of(TimezonePage)
    wait_until(tz.isComplete, what="the time zone")
    on_page(tz)
    press_next(wizard, mouse=False)

    disks = wizard.page_of(DisksPage)
    view = disks.ui.diskList
    wait_until(lambda: view.isEnabled() and view.count() > 0, what="the disk scan")
    view.setFocus()
    for name in answers.disks:
        row = next(i for i in range(view.count())
                   if view.item(i).data(Qt.ItemDataRole.UserRole) == name)
        view.setCurrentRow(row)
        key_click(view, Qt.Key.Key_Space)
    wait_until(lambda: list(state.disks) == list(answers.disks), what="the disks")
    if answers.layout != "single":
        radio = {"mirror": disks.ui.mirrorRadio, "span": disks.ui.spanRadio,
                 "os-plus-data": disks.ui.osPlusDataRadio}[answers.layout]
        mouse_click(radio)
        wait_until(lambda: state.layout == answers.layout, what="the layout")
    on_page(disks)
    press_next(wizard, mouse=True)

    account = wizard.page_of(AccountPage)
    type_into(account.ui.fullName, answers.full_name)
    type_into(account.ui.password, answers.password)
    type_into(account.ui.passwordConfirm, answers.password)
    type_into(account.ui.hostname, answers.hostname)
    wait_until(account.isComplete, what="the account to be valid")
    on_page(account)
    press_next(wizard, mouse=False)

    enc = wizard.page_of(EncryptionPage)
    type_into(enc.ui.passphrase, answers.passphrase)
    type_into(enc.ui.passphraseConfirm, answers.passphrase)
    wait_until(enc.isComplete, what="the passphrase to be accepted")
    on_page(enc)
    press_next(wizard, mouse=True)

    summary = wizard.page_of(SummaryPage)
    wait_until(summary.isComplete, what="the summary")
    on_page(summary)
    press_next(wizard, mouse=True)

    confirm = wizard.page_of(ConfirmPage)
    type_into(confirm.ui.confirmEdit, confirm.word)
    on_page(confirm)
    press_next(wizard, mouse=False)

    if state.dry_run:
        progress = wizard.page_of(ProgressPage)
        wait_until(lambda: progress.written is not None or bool(progress.error),
                   what="the kickstart to be written")
        on_page(progress)
        return
    # A live run: the checks, then Anaconda to its end (on the Install page, or Finish).
    install = wizard.page_of(InstallPage)
    wait_until(lambda: install.phase in (Phase.CHECKS_FAILED, Phase.ENDED, Phase.BROKEN),
               timeout=live_timeout, what="the install to end")
    on_page(install)
    finish = wizard.page_of(FinishPage)
    if wizard.currentPage() is finish:
        on_page(finish)
