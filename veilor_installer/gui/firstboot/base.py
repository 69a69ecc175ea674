"""The first-boot pages' base: the install pages' (form, problems beside their fields, Next
only when there is none), with the demo's notice on every page instead of the dry-run banner."""

from __future__ import annotations

from PyQt6.QtWidgets import QLabel, QVBoxLayout, QWidget

from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.widgets.page import Page, tr


def set_role(widget: QWidget, role: str) -> None:
    """Change the stylesheet role of a label (its colour) and restyle it."""
    widget.setProperty("role", role)
    style = widget.style()
    if style is not None:
        style.unpolish(widget)
        style.polish(widget)


class FirstbootPage(Page):
    state: FirstbootState

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)  # the install pages' base reads only state.dry_run
        if state.demo is not None:
            banner = QLabel(tr("Demo: fake programs stand in for tailscale, systemctl, "
                               "rpm-ostree and the rest, so nothing on this computer changes. "
                               "The QR code is signed by a demo key that no real veilor-os "
                               "trusts."))
            # Styled as the install wizard's dry-run banner: the same kind of notice.
            banner.setObjectName("dryRunBanner")
            banner.setWordWrap(True)
            banner.setAccessibleName(tr("Demo notice"))
            layout = self.layout()
            if isinstance(layout, QVBoxLayout):  # Page's own: the form below the banner
                layout.insertWidget(0, banner)
