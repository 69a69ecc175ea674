"""Disk unlock: TPM2 with or without a PIN, a FIDO2 key, or the passphrase only (the default).
Enrolling a new way to unlock needs the disk's current passphrase; it goes to the helper on
its stdin at Apply, never in an argument or a log (DESIGN §8)."""

from __future__ import annotations

from veilor_installer.core.checks import check_confirmation
from veilor_installer.core.firstboot import choices as firstboot
from veilor_installer.core.firstboot.choices import UnlockMethod
from veilor_installer.core.i18n import N_
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.i18n import Text, live, tr
from veilor_installer.gui.widgets.strength_meter import replace_secret


class UnlockPage(FirstbootPage):
    FORM = "firstboot_unlock.ui"
    TITLE = N_("Disk unlock")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("How the encrypted disk is unlocked at start-up."))
        ui = self.ui
        self.radios = {UnlockMethod.KEEP: ui.keepRadio, UnlockMethod.TPM2: ui.tpmRadio,
                       UnlockMethod.TPM2_PIN: ui.tpmPinRadio, UnlockMethod.FIDO2: ui.fidoRadio}
        self.radios[state.choices.unlock].setChecked(True)
        self.has_tpm = firstboot.tpm_present()
        for method in (UnlockMethod.TPM2, UnlockMethod.TPM2_PIN):
            self.radios[method].setEnabled(self.has_tpm)
        ui.tpmMissing.setVisible(not self.has_tpm)
        for radio in self.radios.values():
            radio.toggled.connect(lambda _on: self._store())
        for field in (ui.passphrase, ui.pin, ui.pinConfirm):
            field.textChanged.connect(lambda _text: self._store())
        if state.demo is not None:
            live(ui.demoPassphrase.setText, Text("Demo: the demo disk's passphrase is "
                                                 "“{passphrase}”.",
                                                 passphrase=state.demo.passphrase))
            ui.demoPassphrase.show()
        self._store()

    def method(self) -> UnlockMethod:
        return next(m for m, radio in self.radios.items() if radio.isChecked())

    def _store(self) -> None:
        ui, choices = self.ui, self.state.choices
        method = self.method()
        choices.unlock = method
        choices.unlock_passphrase = replace_secret(choices.unlock_passphrase,
                                                   ui.passphrase.text(), choices.unlock_pin)
        pin = ui.pin.text() if method in (UnlockMethod.TPM2_PIN, UnlockMethod.FIDO2) else ""
        choices.unlock_pin = replace_secret(choices.unlock_pin, pin,
                                            choices.unlock_passphrase)
        ui.secretsBox.setVisible(method is not UnlockMethod.KEEP)
        asks_pin = method in (UnlockMethod.TPM2_PIN, UnlockMethod.FIDO2)
        confirms = method is UnlockMethod.TPM2_PIN
        for widget in (ui.pinLabel, ui.pin):
            widget.setVisible(asks_pin)
        for widget in (ui.pinConfirmLabel, ui.pinConfirm):
            widget.setVisible(confirms)
        live(ui.pinLabel.setText, Text("&Security key PIN:") if method is UnlockMethod.FIDO2
             else Text("Ne&w PIN:"))
        live(ui.methodText.setText, {
            UnlockMethod.KEEP: Text("Nothing changes: you type the passphrase at every start."),
            UnlockMethod.TPM2: Text(
                "The chip gives the key only while the firmware, Secure Boot and the start-up "
                "keys are unchanged. Anyone who has the computer then reaches the login screen "
                "without the passphrase: your account's password guards it from there."),
            UnlockMethod.TPM2_PIN: Text(
                "As with the chip alone, but you type a short PIN at every start. After too "
                "many wrong PINs the chip locks itself for a while."),
            UnlockMethod.FIDO2: Text(
                "Plug in your security key when the computer starts, and touch it. Applying "
                "asks you to touch it once. If the key has a PIN, type it below: it is then "
                "needed at every start too."),
        }[method])
        self.revalidate()

    def problems(self) -> dict[str, str]:
        choices, ui = self.state.choices, self.ui
        shown: dict[str, str] = {}
        for problem in firstboot.unlock_problems(choices):
            shown[problem.field] = str(firstboot.unlock_wording(problem))
        if choices.unlock is UnlockMethod.TPM2_PIN and "pin" not in shown and (
                check_confirmation(ui.pin.text(), ui.pinConfirm.text(), field="pinConfirm")):
            # An empty confirmation differs too: one sentence for both.
            shown["pinConfirm"] = tr("The two PINs differ.")
        return shown
