"""The install wizard: the list of pages, in order, in one place."""

from __future__ import annotations

from PyQt6.QtCore import QSize, Qt
from PyQt6.QtGui import QFontMetrics
from PyQt6.QtWidgets import QListWidget, QListWidgetItem, QWizard

from veilor_installer.gui.pages.account import AccountPage
from veilor_installer.gui.pages.base import Page, tr
from veilor_installer.gui.pages.confirm import ConfirmPage
from veilor_installer.gui.pages.disks import DisksPage
from veilor_installer.gui.pages.encryption import EncryptionPage
from veilor_installer.gui.pages.language import LanguagePage
from veilor_installer.gui.pages.progress import ProgressPage
from veilor_installer.gui.pages.summary import SummaryPage
from veilor_installer.gui.pages.timezone import TimezonePage
from veilor_installer.gui.pages.welcome import WelcomePage
from veilor_installer.gui.state import InstallState

PAGES: tuple[type[Page], ...] = (
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
    ProgressPage,
)


class InstallWizard(QWizard):
    def __init__(self, state: InstallState) -> None:
        super().__init__()
        self.state = state
        self.setObjectName("installWizard")
        self.setWindowTitle(tr("Install veilor-os"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.pages: list[Page] = []
        for page_class in PAGES:
            page = page_class(state)
            self.pages.append(page)
            self.addPage(page)
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
        index = self.pageIds().index(page_id) if page_id in self.pageIds() else -1
        for row in range(self.steps.count()):
            item = self.steps.item(row)
            if item is not None:
                item.setSelected(row == index)
