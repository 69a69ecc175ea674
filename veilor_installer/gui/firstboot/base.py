"""The first-boot pages' base: the shared page (``gui/widgets/page.py``) with the first-boot
state, and the demo's notice on every page of ``--demo``."""

from __future__ import annotations

from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.i18n import Text
from veilor_installer.gui.widgets.page import Notice, Page


def demo_notice(state: FirstbootState) -> Notice | None:
    if state.demo is None:
        return None
    return Notice(Text("Demo: fake programs stand in for tailscale, systemctl, rpm-ostree and "
                       "the rest, so nothing on this computer changes. The QR code is signed by "
                       "a demo key that no real veilor-os trusts."), Text("Demo notice"))


class FirstbootPage(Page):
    def __init__(self, state: FirstbootState) -> None:
        super().__init__(demo_notice(state))
        self.state = state
