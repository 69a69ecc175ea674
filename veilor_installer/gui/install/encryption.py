"""Encryption: the LUKS2 passphrase typed at every start (DESIGN §8).

The disk is always encrypted, so the only question is the passphrase. The person sees how
guessable it is while typing, which keyboard layout the boot prompt will use, and warnings that
do not block (Caps Lock, characters hard to type at the prompt). A fair passphrase needs an
explicit "use it anyway"; a weaker one is refused.
"""

from __future__ import annotations

from PyQt6.QtCore import pyqtSignal

from veilor_installer.core.i18n import N_
from veilor_installer.core.install import checks, localedata
from veilor_installer.core.install.localedata import keymap_name
from veilor_installer.gui.i18n import Text, live, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.widgets.strength_meter import (
    PASSPHRASE_WORDS,
    SecretEntry,
    StrengthMeter,
    replace_secret,
)


def keyboard_name(keymap: str) -> str:
    """"German (no dead keys) (de-nodeadkeys)": the layout's name, and the keymap."""
    try:
        return f"{keymap_name(keymap)} ({keymap})"
    except ValueError:  # not a keymap we know: the Language page will not have let it through
        return keymap


class EncryptionPage(InstallWizardPage):
    FORM = "encryption.ui"
    TITLE = N_("Encryption")

    strengthAnnounced = pyqtSignal(str)
    """The sentence a screen reader should speak about the passphrase's strength."""

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Choose the passphrase that unlocks this computer."))
        ui = self.ui
        self._blocking = True
        self.keymap_name = ""
        ui.passphrase.setText(state.passphrase.reveal())
        ui.passphraseConfirm.setText(state.passphrase.reveal())
        ui.acceptWeak.setChecked(state.accept_weak_passphrase)
        self.meter: StrengthMeter = ui.meter
        self.entry = SecretEntry(
            field=ui.passphrase, confirm=ui.passphraseConfirm, show=ui.showSecret,
            consent=ui.acceptWeak, meter=self.meter, caps_warning=ui.capsLockWarning,
            keys=("passphrase", "passphraseConfirm", "acceptWeak"),
            words=PASSPHRASE_WORDS, user_inputs=self.user_inputs)
        self.meter.announced.connect(self.strengthAnnounced)
        self.meter.assessed.connect(self._rated)
        self.entry.changed.connect(self.revalidate)
        ui.passphrase.textChanged.connect(lambda _text: self._store())
        ui.acceptWeak.toggled.connect(lambda _checked: self._store())
        self._show_keyboard()
        self.entry.rate()

    def initializePage(self) -> None:
        # Every visit starts hidden: a shown passphrase must not wait on screen for the next
        # person or a screenshot.
        self.entry.show_text(False)
        self._show_keyboard()
        self.entry.rate()  # the account's names, rated against, may have changed since
        self.ui.passphrase.setFocus()

    def user_inputs(self) -> list[str]:
        """The words the passphrase is rated against (``checks.attacker_words``)."""
        s = self.state
        return checks.attacker_words(s.username, s.full_name, s.hostname)

    def _store(self) -> None:
        self.state.passphrase = replace_secret(
            self.state.passphrase, self.ui.passphrase.text(), self.state.password)
        self.state.accept_weak_passphrase = self.ui.acceptWeak.isChecked()

    def _show_keyboard(self) -> None:
        try:
            keymap = localedata.parse_keyboard(self.state.keyboard).vc_keymap
        except ValueError:
            keymap = self.state.keyboard
        self.keymap_name = keyboard_name(keymap)
        # The layout's name is in the language in use too: looked up again after a switch.
        live(self.ui.keyboardHint.setText, lambda: tr(
            "Keyboard at boot: {name} — you will type this passphrase in this layout."
        ).format(name=keyboard_name(keymap)))
        live(self.ui.nonAsciiWarning.setText, lambda: tr(
            "The passphrase has characters beyond plain ASCII (such as accented letters). They "
            "may be hard or impossible to type at the boot prompt with the {name} layout."
        ).format(name=keyboard_name(keymap)))

    def _rated(self) -> None:
        rating = self.meter.strength
        self.ui.nonAsciiWarning.setVisible(rating is not None and rating.non_ascii)
        self._store()

    def problems(self) -> dict[str, str]:
        found = self.entry.problems()
        self._blocking = bool(found) or self.entry.pending
        return self.entry.visible_problems(found)

    def isComplete(self) -> bool:
        return super().isComplete() and not self._blocking
