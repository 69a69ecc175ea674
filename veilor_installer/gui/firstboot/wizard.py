"""The first-boot wizard: the list of pages, in order, in one place."""

from __future__ import annotations

from veilor_installer.gui.firstboot.apply import ApplyPage
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.browsers import BrowsersPage
from veilor_installer.gui.firstboot.confirm import ConfirmPage
from veilor_installer.gui.firstboot.done import DonePage
from veilor_installer.gui.firstboot.join import JoinPage
from veilor_installer.gui.firstboot.reticulum import ReticulumPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.firstboot.summary import SummaryPage
from veilor_installer.gui.firstboot.unlock import UnlockPage
from veilor_installer.gui.firstboot.welcome import WelcomePage
from veilor_installer.gui.firstboot.yggdrasil import YggdrasilPage
from veilor_installer.gui.i18n import Text
from veilor_installer.gui.widgets.shell import WizardShell

PAGES: tuple[type[FirstbootPage], ...] = (
    WelcomePage,
    JoinPage,
    ConfirmPage,  # skipped when the mesh is skipped (FirstbootWizard.nextId)
    YggdrasilPage,
    BrowsersPage,
    ReticulumPage,
    UnlockPage,
    SummaryPage,  # nothing runs before Apply
    ApplyPage,
    DonePage,
)


class FirstbootWizard(WizardShell):
    def __init__(self, state: FirstbootState,
                 pages: tuple[type[FirstbootPage], ...] | None = None) -> None:
        """``pages``: the whole list by default; tests may pass a shorter one."""
        super().__init__(state, pages or PAGES, title=Text("Set up veilor-os"),
                         steps_name=Text("Setup steps"), object_name="firstbootWizard")

    def nextId(self) -> int:
        """Skipping the mesh skips its Confirm page."""
        if (self.state.choices.skip_mesh
                and {JoinPage, ConfirmPage, YggdrasilPage} <= set(self._classes)
                and self.currentId() == self.page_id(JoinPage)):
            return self.page_id(YggdrasilPage)
        return super().nextId()
