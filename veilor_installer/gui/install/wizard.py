"""The install wizard: the list of pages, in order, in one place (what both wizards share
is in ``shell.py``)."""

from __future__ import annotations

from veilor_installer.gui.i18n import Text
from veilor_installer.gui.install.account import AccountPage
from veilor_installer.gui.install.confirm import ConfirmPage
from veilor_installer.gui.install.disks import DisksPage
from veilor_installer.gui.install.encryption import EncryptionPage
from veilor_installer.gui.install.finish import FinishPage
from veilor_installer.gui.install.install import InstallPage
from veilor_installer.gui.install.language import LanguagePage
from veilor_installer.gui.install.progress import ProgressPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.install.summary import SummaryPage
from veilor_installer.gui.install.timezone import TimezonePage
from veilor_installer.gui.install.welcome import WelcomePage
from veilor_installer.gui.widgets.page import Page
from veilor_installer.gui.widgets.shell import WizardShell

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
                         title=Text("Install veilor-os"), steps_name=Text("Installation steps"),
                         object_name="installWizard")
