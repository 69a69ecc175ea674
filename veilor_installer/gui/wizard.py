"""The install wizard: the list of pages, in order, in one place."""

from __future__ import annotations

from PyQt6.QtCore import QSize, Qt, QTimer
from PyQt6.QtGui import QFontMetrics
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
    QWizard,
)

from veilor_installer.gui.pages.account import AccountPage
from veilor_installer.gui.pages.base import Page, tr
from veilor_installer.gui.pages.confirm import ConfirmPage
from veilor_installer.gui.pages.disks import DisksPage
from veilor_installer.gui.pages.encryption import EncryptionPage
from veilor_installer.gui.pages.finish import FinishPage
from veilor_installer.gui.pages.install import InstallPage
from veilor_installer.gui.pages.language import LanguagePage
from veilor_installer.gui.pages.progress import ProgressPage
from veilor_installer.gui.pages.summary import SummaryPage
from veilor_installer.gui.pages.timezone import TimezonePage
from veilor_installer.gui.pages.welcome import WelcomePage
from veilor_installer.gui.state import InstallState

_QUESTIONS: tuple[type[Page], ...] = (
    WelcomePage,
    LanguagePage,
    TimezonePage,
    DisksPage,
    # The account comes before the passphrase: the passphrase is rated against the names
    # chosen here, as the plan rates it, so the Summary never refuses what Encryption took.
    AccountPage,
    EncryptionPage,
    SummaryPage,
    ConfirmPage,
)
PAGES: tuple[type[Page], ...] = (*_QUESTIONS, ProgressPage)
"""A dry run: the kickstart is written, nothing is erased."""
LIVE_PAGES: tuple[type[Page], ...] = (*_QUESTIONS, InstallPage, FinishPage)
"""``--live``: pre-flight and Anaconda (a failure is shown on the Install page), then Finish."""


class InstallWizard(QWizard):
    def __init__(self, state: InstallState,
                 pages: tuple[type[Page], ...] | None = None) -> None:
        """``pages``: the mode's list by default; tests may pass a shorter one."""
        super().__init__()
        self.state = state
        self.setObjectName("installWizard")
        self.setWindowTitle(tr("Install veilor-os"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.pages: list[Page] = []
        self._unchosen_focus: QWidget | None = None
        for page_class in pages or (PAGES if state.dry_run else LIVE_PAGES):
            page = page_class(state)
            self.pages.append(page)
            self.addPage(page)
            # When a page becomes valid (Welcome's checks end), Next may take the focus.
            page.completeChanged.connect(self._focus_start)
        self.steps = QListWidget()
        self.steps.setObjectName("stepList")
        self.steps.setAccessibleName(tr("Installation steps"))
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        for page in self.pages:
            item = QListWidgetItem(page.title())
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.steps.addItem(item)
        self.setSideWidget(self.steps)
        self._fit_steps()
        self.currentIdChanged.connect(self._on_page)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("&Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("&Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("&Quit"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Close"))
        self.resize(self.sizeHint())

    def _focus_start(self, force: bool = False) -> None:
        """The first field of the page (Qt's own choice is the first widget in the chain,
        often a button), else Next. Unless ``force`` (a new page), the focus moves only away
        from Back/Quit or nothing: never out of a field someone is typing in."""
        page = self.currentPage()
        if page is None:
            return
        current = QApplication.focusWidget()
        buttons = [self.button(b) for b in (QWizard.WizardButton.BackButton,
                                            QWizard.WizardButton.CancelButton)]
        if not force and current is not None and current not in buttons and (
                current is not self._unchosen_focus):
            return
        self._unchosen_focus = None
        for widget in page.findChildren(QWidget):
            if (isinstance(widget, (QLineEdit, QAbstractItemView)) and widget.isVisible()
                    and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and not (isinstance(widget, QLineEdit) and widget.isReadOnly())):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            button = self.button(which)
            if button is not None and button.isVisible() and button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        # Next is not ready (a check or a build is running): remember where Qt put the focus,
        # so that Next may take it once ready, unless the person moved it meanwhile.
        self._unchosen_focus = QApplication.focusWidget()

    def reject(self) -> None:
        """Quit, Escape or the window closed: a page with work under way (Anaconda running,
        or waiting to restart the computer) decides whether and when the wizard may close."""
        request_quit = getattr(self.currentPage(), "request_quit", None)
        if request_quit is not None and not request_quit():
            return
        super().reject()

    def _fit_steps(self) -> None:
        """Wide enough for the longest title in bold (the current step), measured after the
        stylesheet applies, plus the item padding."""
        self.steps.ensurePolished()
        bold = self.steps.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        widest = max(metrics.horizontalAdvance(page.title()) for page in self.pages)
        self.steps.setFixedWidth(widest + 3 * metrics.height())

    def sizeHint(self) -> QSize:
        """Open roomy (the pages fit 800×600, but breathe at 900×680), never beyond the screen."""
        em = self.fontMetrics().height()
        hint = super().sizeHint().expandedTo(QSize(em * 60, em * 45))
        screen = self.screen()
        if screen is not None:
            hint = hint.boundedTo(screen.availableSize())
        return hint

    def _on_page(self, page_id: int) -> None:
        # After the page is laid out: focus where a person starts typing, else on Next, so
        # Enter never lands on Quit.
        QTimer.singleShot(0, lambda: self._focus_start(force=True))
        index = self.pageIds().index(page_id) if page_id in self.pageIds() else -1
        for row in range(self.steps.count()):
            item = self.steps.item(row)
            if item is not None:
                item.setSelected(row == index)
