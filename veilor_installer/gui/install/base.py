"""The install wizard's pages' base: the shared page (``gui/widgets/page.py``) with the install
state, and the dry-run notice on every page of a dry run."""

from __future__ import annotations

from veilor_installer.gui.i18n import Text
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.widgets.page import Notice, Page


def dry_run_notice(state: InstallState) -> Notice | None:
    if not state.dry_run:
        return None
    return Notice(Text("Dry run: no disk will be touched. The installer only writes the "
                       "kickstart to {folder}.", folder=state.output_dir),
                  Text("Dry run notice"))


class InstallWizardPage(Page):
    def __init__(self, state: InstallState) -> None:
        super().__init__(dry_run_notice(state))
        self.state = state
