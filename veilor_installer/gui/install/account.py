"""Your account: the one person who uses and administers this computer (in ``wheel``; root is
locked), the password of the login screen, and the computer's name."""

from __future__ import annotations

import re
import unicodedata

from PyQt6.QtCore import pyqtSignal

from veilor_installer.core.install import answers
from veilor_installer.gui.i18n import tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.widgets.strength_meter import SecretEntry, StrengthMeter, replace_secret

# Letters NFKD does not take apart into an ASCII letter and an accent.
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe",
                       "Œ": "oe", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th",
                       "ı": "i"})


def suggest_username(full_name: str) -> str:
    """The first name, lowercased and folded to ASCII: "Zoë Müller" → "zoe".

    Only a suggestion: it may still be refused (a reserved name), and it is empty for a name
    with no Latin letters, where the person types one.
    """
    words = full_name.split()
    if not words:
        return ""
    folded = unicodedata.normalize("NFKD", words[0].translate(_FOLD))
    name = re.sub(r"[^a-z0-9_-]", "", folded.encode("ascii", "ignore").decode().lower())
    return name.lstrip("0123456789-")[:32]


class AccountPage(InstallWizardPage):
    FORM = "account.ui"

    strengthAnnounced = pyqtSignal(str)
    """The sentence a screen reader should speak about the password's strength."""

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        self.setTitle(tr("Your account"))
        self.setSubTitle(tr("Who uses this computer, and what it is called."))
        ui = self.ui
        self._blocking = True
        ui.fullName.setText(state.full_name)
        ui.username.setText(state.username)
        ui.hostname.setText(state.hostname)
        ui.password.setText(state.password.reveal())
        ui.passwordConfirm.setText(state.password.reveal())
        ui.acceptWeakPassword.setChecked(state.accept_weak_password)
        # A username already there that the full name would not give was chosen by someone.
        self.username_chosen = bool(state.username) and (
            state.username != suggest_username(state.full_name))
        self.meter: StrengthMeter = ui.meter
        self.entry = SecretEntry(
            field=ui.password, confirm=ui.passwordConfirm, show=ui.showSecret,
            consent=ui.acceptWeakPassword, meter=self.meter, caps_warning=ui.capsLockWarning,
            keys=("password", "passwordConfirm", "acceptWeakPassword"),
            noun=tr("Password"), nouns=tr("passwords"), user_inputs=self.user_inputs)
        self.meter.announced.connect(self.strengthAnnounced)
        self.meter.assessed.connect(self._store_secret)
        self.entry.changed.connect(self.revalidate)
        self.typed: set[str] = set()
        ui.fullName.textChanged.connect(self._full_name_changed)
        ui.username.textEdited.connect(self._username_edited)
        ui.username.textChanged.connect(self._username_changed)
        ui.hostname.textChanged.connect(self._hostname_changed)
        ui.password.textChanged.connect(lambda _text: self._store_secret())
        ui.acceptWeakPassword.toggled.connect(lambda _checked: self._store_secret())
        self.entry.rate()

    def initializePage(self) -> None:
        self.entry.show_text(False)
        self.ui.fullName.setFocus()

    def user_inputs(self) -> list[str]:
        """Words an attacker tries first: the list ``answers.build_plan`` rates against."""
        s = self.state
        return [s.username, s.full_name, s.hostname, "veilor"]

    def _full_name_changed(self, text: str) -> None:
        self.typed.add("fullName")
        self.state.full_name = text
        if not self.username_chosen:
            self.ui.username.setText(suggest_username(text))
        self.entry.rate()

    def _username_edited(self, text: str) -> None:
        # Typed by the person (setText does not come here): stop suggesting, unless they
        # cleared the field, which hands it back to the suggestion.
        self.username_chosen = bool(text)

    def _username_changed(self, text: str) -> None:
        self.typed.add("username")
        self.state.username = text
        self.entry.rate()

    def _hostname_changed(self, text: str) -> None:
        self.typed.add("hostname")
        self.state.hostname = text
        self.entry.rate()

    def _store_secret(self) -> None:
        self.state.password = replace_secret(
            self.state.password, self.ui.password.text(), self.state.passphrase)
        self.state.accept_weak_password = self.ui.acceptWeakPassword.isChecked()

    def problems(self) -> dict[str, str]:
        ui = self.ui
        found: dict[str, str] = {}
        checks = (("fullName", tr("Full name"), answers.check_full_name(ui.fullName.text())),
                  ("username", tr("Username"), answers.check_username(ui.username.text())),
                  ("hostname", tr("Computer name"), answers.check_hostname(ui.hostname.text())))
        for key, label, message in checks:
            if message is not None:
                # The core's message completes a sentence about the field: "is empty; …".
                found[key] = tr("{field} {problem}").format(field=label, problem=message)
        found.update(self.entry.problems())
        self._blocking = bool(found) or self.entry.pending
        fields = {"fullName": ui.fullName, "username": ui.username, "hostname": ui.hostname}
        shown = {k: m for k, m in found.items()
                 if k not in fields or k in self.typed or fields[k].text()}
        return self.entry.visible_problems(shown)

    def isComplete(self) -> bool:
        return super().isComplete() and not self._blocking
