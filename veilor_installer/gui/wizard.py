"""The install wizard: the list of pages, in order, in one place (what both wizards share
is in ``shell.py``)."""

from __future__ import annotations

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
from veilor_installer.gui.shell import WizardShell
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


class InstallWizard(WizardShell):
    def __init__(self, state: InstallState,
                 pages: tuple[type[Page], ...] | None = None) -> None:
        """``pages``: the mode's list by default; tests may pass a shorter one."""
        super().__init__(state, pages or (PAGES if state.dry_run else LIVE_PAGES),
                         title=tr("Install veilor-os"), steps_name=tr("Installation steps"),
                         object_name="installWizard")
