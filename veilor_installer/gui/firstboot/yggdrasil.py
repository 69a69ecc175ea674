"""Yggdrasil fallback: what it is, on by default, and this computer's address once set up."""

from __future__ import annotations

from urllib.parse import urlsplit

from veilor_installer.core.firstboot import choices as firstboot
from veilor_installer.core.helper.steps import message_of
from veilor_installer.core.i18n import N_
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.i18n import Text, live


def address(state: FirstbootState) -> str | None:
    """This computer's Yggdrasil address, once Apply set it up."""
    outcome = state.outcomes.get(firstboot.YGGDRASIL)
    if outcome is None or outcome.result is None or not outcome.status.passed:
        return None
    found = outcome.result.data.get("address")
    return str(found) if found else None


class YggdrasilPage(FirstbootPage):
    FORM = "firstboot_yggdrasil.ui"
    TITLE = N_("Fallback network")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Yggdrasil, for when the mesh cannot be reached."))
        self.ui.yggdrasilCheck.setChecked(state.choices.yggdrasil)
        self.ui.yggdrasilCheck.toggled.connect(self._toggled)
        self._toggled(state.choices.yggdrasil)

    def initializePage(self) -> None:
        from veilor_installer.core.firstboot import yggdrasil

        try:
            hosts = [urlsplit(p).hostname or p for p in yggdrasil.configured_peers()]
        except Exception as exc:  # no peer configured, or the site config is broken
            live(self.ui.peerText.setText, Text("No Yggdrasil peer can be used: {why}",
                                                why=message_of(exc)))
        else:
            live(self.ui.peerText.setText, Text("Peer: {hosts}", hosts=", ".join(hosts)))
        found = address(self.state)
        live(self.ui.addressText.setText,
             Text("This computer's Yggdrasil address: {address}", address=found) if found
             else Text("Its address is shown once it is set up, when you press Apply."))

    def _toggled(self, on: bool) -> None:
        self.state.choices.yggdrasil = on
        self.ui.offNote.setVisible(not on)
