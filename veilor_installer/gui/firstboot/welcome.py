"""Welcome: what first boot sets up, that nothing changes before Apply, and how to come back."""

from __future__ import annotations

from PyQt6.QtGui import QIcon

from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.i18n import N_
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.i18n import Text, live


class WelcomePage(FirstbootPage):
    FORM = "firstboot_welcome.ui"
    TITLE = N_("Welcome")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Finish setting up veilor-os."))
        size = self.fontMetrics().height() * 4
        self.ui.logo.setPixmap(QIcon(str(resource_path("branding/veilor-logo.svg"))).pixmap(size))
