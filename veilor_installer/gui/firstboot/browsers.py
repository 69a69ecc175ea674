"""Browsers: Trivalent stays; Mullvad Browser is an opt-in; Thorium is an opt-in behind a
warning about its late security fixes and a second confirmation. Thorium is never chosen
until that confirmation is given, and unticking it takes the confirmation back."""

from __future__ import annotations

from veilor_installer.core.i18n import N_
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.i18n import Text, live, tr


class BrowsersPage(FirstbootPage):
    FORM = "firstboot_browsers.ui"
    TITLE = N_("Browsers")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Trivalent stays; add another if you want."))
        ui, choices = self.ui, state.choices
        ui.mullvadCheck.setChecked(choices.mullvad_browser)
        ui.thoriumCheck.setChecked(choices.thorium)
        ui.thoriumConfirm.setChecked(choices.thorium_warning_confirmed)
        ui.thoriumWarningBox.setVisible(choices.thorium)
        ui.mullvadCheck.toggled.connect(self._store)
        ui.thoriumCheck.toggled.connect(self._thorium_toggled)
        ui.thoriumConfirm.toggled.connect(self._store)
        self.revalidate()

    def _thorium_toggled(self, on: bool) -> None:
        self.ui.thoriumWarningBox.setVisible(on)
        if not on:
            self.ui.thoriumConfirm.setChecked(False)  # asked again next time
        else:
            self.ui.scroll.ensureWidgetVisible(self.ui.thoriumConfirm)
        self._store()

    def _store(self) -> None:
        choices, ui = self.state.choices, self.ui
        choices.mullvad_browser = ui.mullvadCheck.isChecked()
        choices.thorium = ui.thoriumCheck.isChecked()
        choices.thorium_warning_confirmed = choices.thorium and ui.thoriumConfirm.isChecked()
        self.revalidate()

    def problems(self) -> dict[str, str]:
        choices = self.state.choices
        if choices.thorium and not choices.thorium_warning_confirmed:
            return {"thoriumConfirm": tr("Confirm that you read the warning, or untick "
                                         "Thorium.")}
        return {}
