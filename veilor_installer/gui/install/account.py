"""Your account: the one person who uses and administers this computer (in ``wheel``; root is
locked), the password of the login screen, and the computer's name."""

from __future__ import annotations

import re
import unicodedata

from PyQt6.QtCore import pyqtSignal

from veilor_installer.core.checks import Code, Problem
from veilor_installer.core.i18n import N_
from veilor_installer.core.install import checks
from veilor_installer.gui.i18n import Text, live, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.widgets.strength_meter import (
    PASSWORD_WORDS,
    SecretEntry,
    StrengthMeter,
    replace_secret,
)

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


# Each (code, field) its own sentence: the field's name is part of it, and the words around
# a name change with it in many languages.
_NAME_PROBLEMS: dict[tuple[Code, str], str] = {
    (Code.EMPTY, checks.HOSTNAME): N_("Computer name is empty; a name like 'veilor' or "
                                      "'alice-laptop' identifies this computer"),
    (Code.EMPTY, checks.USERNAME): N_("Username is empty; choose a name to log in with, like "
                                      "'alice'"),
    (Code.INVISIBLE_CHARACTER, checks.FULL_NAME): N_(
        "Full name contains an invisible or control character ({character}); remove it"),
    (Code.INVISIBLE_CHARACTER, checks.USERNAME): N_(
        "Username contains an invisible or control character ({character}); remove it"),
    (Code.INVISIBLE_CHARACTER, checks.HOSTNAME): N_(
        "Computer name contains an invisible or control character ({character}); remove it"),
    (Code.TOO_LONG, checks.FULL_NAME): N_(
        "Full name is {size} characters long; at most {limit} are allowed"),
    (Code.TOO_LONG, checks.USERNAME): N_(
        "Username is {size} characters long; at most {limit} are allowed"),
    (Code.TOO_LONG, checks.HOSTNAME): N_(
        "Computer name is {size} characters long; at most {limit} are allowed"),
    (Code.INVALID_CHARACTERS, checks.HOSTNAME): N_(
        "Computer name may use only letters a–z, digits and '-' (not at the start or end), "
        "with dots between parts"),
    (Code.INVALID_CHARACTERS, checks.USERNAME): N_(
        "Username may use only lowercase letters a–z, digits, '_' and '-', and must start "
        "with a letter or '_'"),
    (Code.RESERVED, checks.USERNAME): N_(
        "Username '{name}' is reserved for the system; choose another name"),
    (Code.NUMERIC_ENDING, checks.HOSTNAME): N_(
        "Computer name must not end in a number-only part; it would look like an IP address"),
    (Code.CONTAINS_COLON, checks.FULL_NAME): N_(
        "Full name must not contain ':' (it separates fields in the account database)"),
}


def name_problem_text(problem: Problem) -> str:
    """A problem of ``checks.check_full_name``, ``check_username`` or ``check_hostname``, in a
    sentence that names the field."""
    message = _NAME_PROBLEMS.get((problem.code, problem.field))
    if message is None:
        raise ValueError(f"no wording for {problem.code} of {problem.field}")
    return tr(message).format(character=problem.character, size=problem.size,
                              limit=problem.limit, name=problem.name)


class AccountPage(InstallWizardPage):
    FORM = "account.ui"
    TITLE = N_("Your account")

    strengthAnnounced = pyqtSignal(str)
    """The sentence a screen reader should speak about the password's strength."""

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Who uses this computer, and what it is called."))
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
            words=PASSWORD_WORDS, user_inputs=self.user_inputs)
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
        """The words the password is rated against (``checks.attacker_words``)."""
        s = self.state
        return checks.attacker_words(s.username, s.full_name, s.hostname)

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
        named = (("fullName", checks.check_full_name(ui.fullName.text())),
                 ("username", checks.check_username(ui.username.text())),
                 ("hostname", checks.check_hostname(ui.hostname.text())))
        for key, problems in named:
            if problems:
                found[key] = name_problem_text(problems[0])
        found.update(self.entry.problems())
        self._blocking = bool(found) or self.entry.pending
        fields = {"fullName": ui.fullName, "username": ui.username, "hostname": ui.hostname}
        shown = {k: m for k, m in found.items()
                 if k not in fields or k in self.typed or fields[k].text()}
        return self.entry.visible_problems(shown)

    def isComplete(self) -> bool:
        return super().isComplete() and not self._blocking
