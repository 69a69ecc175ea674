"""The install wizard: the list of pages, in order, in one place."""

from __future__ import annotations

from PyQt6.QtCore import Qt
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
    EncryptionPage,
    AccountPage,
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
        em = self.fontMetrics().height()
        self.steps.setMaximumWidth(self.steps.sizeHintForColumn(0) + 3 * em)
        self.setSideWidget(self.steps)
        self.currentIdChanged.connect(self._on_page)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("&Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("&Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("&Quit"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Close"))

    def _on_page(self, page_id: int) -> None:
        index = self.pageIds().index(page_id) if page_id in self.pageIds() else -1
        for row in range(self.steps.count()):
            item = self.steps.item(row)
            if item is not None:
                item.setSelected(row == index)
