"""Drive the first-boot wizard through a whole setup as a person would — keyboard and mouse
through QTest — for `make screenshots`, the benchmark and the end-to-end tests.

``walk(wizard, on_page)``: the code read by the camera (the wizard's camera source must show
one), every opt-in, TPM2 with a PIN; ``on_page(page, name)`` is called once each view is
settled. The Join page is pictured after its code was read (the page goes on to Confirm by
itself; the walk comes back to it), then with the Paste tab; the Apply page after a first run
whose failing steps ``fail_once`` set up, and again after Retry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QRadioButton,
    QTabWidget,
    QWidget,
    QWizard,
    QWizardPage,
)

from veilor_installer.demo.install_walkthrough import (
    WalkError,
    key_click,
    mouse_click,
    press_next,
    type_into,
    wait_until,
)
from veilor_installer.gui.firstboot.apply import ApplyPage
from veilor_installer.gui.firstboot.browsers import BrowsersPage
from veilor_installer.gui.firstboot.confirm import ConfirmPage
from veilor_installer.gui.firstboot.done import DonePage
from veilor_installer.gui.firstboot.join import JoinPage
from veilor_installer.gui.firstboot.reticulum import ReticulumPage
from veilor_installer.gui.firstboot.summary import SummaryPage
from veilor_installer.gui.firstboot.unlock import UnlockPage
from veilor_installer.gui.firstboot.welcome import WelcomePage
from veilor_installer.gui.firstboot.wizard import FirstbootWizard
from veilor_installer.gui.firstboot.yggdrasil import YggdrasilPage


@dataclass(frozen=True)
class FirstbootAnswers:
    pasted: str = "0123456789abcdef" * 3
    passphrase: str = "demo disk passphrase"  # noqa: S105 (the demo volume's)
    pin: str = "482915"


def page_named(wizard: FirstbootWizard, name: str) -> QWizardPage:
    for page in wizard.pages:
        if type(page).__name__ == name:
            return page
    raise WalkError(f"no page {name}")


def click(widget: QWidget) -> None:
    """A mouse click; on a check box or radio button, on its box (the middle of a wide one is
    past its text, where a click does nothing)."""
    pos = widget.rect().center()
    if isinstance(widget, (QCheckBox, QRadioButton)):
        x = widget.fontMetrics().height() // 2 + 1
        if widget.layoutDirection() == Qt.LayoutDirection.RightToLeft:  # the box is on the right
            x = widget.width() - x
        pos = QPoint(x, widget.height() // 2)
    mouse_click(widget, pos)


def button(wizard: QWizard, which: QWizard.WizardButton) -> QAbstractButton:
    found = wizard.button(which)
    if found is None:
        raise WalkError(f"the wizard has no {which.name}")
    return found


def open_tab(tabs: QTabWidget, index: int) -> None:
    """By the tab's Alt shortcut, as a person would; by a click on it when the language in use
    gave it a letter no key of ours types (the pseudo-language's accented ones)."""
    found = re.search(r"&(\w)", tabs.tabText(index).replace("&&", ""))
    letter = found.group(1).upper() if found else ""
    key = getattr(Qt.Key, f"Key_{letter}", None) if letter.isascii() and letter else None
    if key is not None:
        key_click(tabs, key, Qt.KeyboardModifier.AltModifier)
        return
    bar = tabs.tabBar()
    if bar is not None:
        mouse_click(bar, bar.tabRect(index).center())


def walk(wizard: FirstbootWizard, on_page: Callable[[QWizardPage, str], None] = (
        lambda _page, _name: None), answers: FirstbootAnswers = FirstbootAnswers(),
         fail_once: Callable[[bool], None] | None = None, timeout: float = 60.0) -> None:
    """``fail_once(True)`` is called before Apply to make steps fail, ``fail_once(False)``
    before Retry."""
    welcome = wizard.page_of(WelcomePage)
    on_page(welcome, "welcome")
    press_next(wizard, mouse=True)

    join = wizard.page_of(JoinPage)
    confirm = wizard.page_of(ConfirmPage)
    wait_until(lambda: wizard.currentPage() is confirm, timeout,
               "the code to be read and Confirm shown")
    click(button(wizard, QWizard.WizardButton.BackButton))
    wait_until(lambda: wizard.currentPage() is join, what="the Join page again")
    on_page(join, "join")
    open_tab(join.ui.methodTabs, 1)
    wait_until(lambda: join.ui.methodTabs.currentIndex() == 1, what="the Paste tab")
    type_into(join.ui.payloadEdit, answers.pasted)
    wait_until(join.ui.payloadOk.isVisible, what="the pasted key to be accepted")
    on_page(join, "join-paste")
    join.ui.methodTabs.setCurrentIndex(0)  # the code read by the camera is the one used
    press_next(wizard, mouse=True)

    wait_until(lambda: wizard.currentPage() is confirm, what="Confirm")
    on_page(confirm, "confirm")
    press_next(wizard, mouse=True)

    ygg = wizard.page_of(YggdrasilPage)
    on_page(ygg, "yggdrasil")
    press_next(wizard, mouse=True)

    browsers = wizard.page_of(BrowsersPage)
    click(browsers.ui.mullvadCheck)
    click(browsers.ui.thoriumCheck)
    wait_until(lambda: not button(wizard, QWizard.WizardButton.NextButton).isEnabled(),
               what="Next to wait for the Thorium confirmation")
    on_page(browsers, "browsers-thorium-warning")
    click(browsers.ui.thoriumConfirm)
    press_next(wizard, mouse=True)

    reticulum = wizard.page_of(ReticulumPage)
    click(reticulum.ui.reticulumCheck)
    on_page(reticulum, "reticulum")
    press_next(wizard, mouse=True)

    unlock = wizard.page_of(UnlockPage)
    click(unlock.ui.tpmPinRadio)
    type_into(unlock.ui.passphrase, answers.passphrase)
    type_into(unlock.ui.pin, answers.pin)
    type_into(unlock.ui.pinConfirm, answers.pin)
    wait_until(unlock.isComplete, what="the unlock choice to be complete")
    on_page(unlock, "unlock")
    press_next(wizard, mouse=False)

    summary = wizard.page_of(SummaryPage)
    on_page(summary, "summary")
    if fail_once is not None:
        fail_once(True)
    press_next(wizard, mouse=True)

    apply = wizard.page_of(ApplyPage)
    wait_until(apply.isComplete, timeout, "the steps to run")
    if fail_once is not None:
        apply.ui.showOutput.setChecked(True)
        on_page(apply, "apply-failed")
        fail_once(False)
        click(apply.ui.retryButton)
        wait_until(apply.isComplete, timeout, "the failed steps to run again")
        apply.ui.showOutput.setChecked(False)
    on_page(apply, "apply")
    press_next(wizard, mouse=True)

    done = wizard.page_of(DonePage)
    on_page(done, "done")
