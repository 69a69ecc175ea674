"""The Account page: full name → suggested username, the password with its strength meter,
the computer's name, the refusals the answers file has too, and a password that never leaves."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from helpers.gui import PageBetween
from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import (
    QApplication,
    QLabel,
    QProgressBar,
    QWidget,
    QWizard,
)

from veilor_installer.core import log as core_log
from veilor_installer.core.install import strength
from veilor_installer.gui import workers
from veilor_installer.gui.install.account import AccountPage, suggest_username

STRONG = "Tr0ub4dor&3-alice-laptop"
FAIR = "tigerlily9"  # zxcvbn score 2


class Wizard(PageBetween):
    def __init__(self, qtbot: Any, state: Any) -> None:
        super().__init__(qtbot, state, AccountPage)

    def fill(self, *, full_name: str = "Alice Example", username: str | None = None,
             password: str = STRONG, confirm: str | None = None,
             hostname: str | None = None) -> None:
        ui = self.page.ui
        self.type(ui.fullName, full_name)
        if username is not None:
            self.type(ui.username, username)
        self.type(ui.password, password)
        self.type(ui.passwordConfirm, password if confirm is None else confirm)
        if hostname is not None:
            self.type(ui.hostname, hostname)
        self.settle()


@pytest.fixture
def wiz(qapp: Any, qtbot: Any, demo_state: Any) -> Iterator[Wizard]:
    wizard = Wizard(qtbot, demo_state)
    yield wizard
    workers.wait_for_all()
    QApplication.processEvents()


# --- the username suggestion -------------------------------------------------------------------


@pytest.mark.parametrize(("full_name", "username"), [
    ("Zoë Müller", "zoe"),
    ("  Alice   Example ", "alice"),
    ("Jürgen Straße", "jurgen"),
    ("Łukasz Øster", "lukasz"),
    ("Ægir", "aegir"),
    ("Anne-Marie O'Neil", "anne-marie"),
    ("2Pac Shakur", "pac"),
    ("Дмитрий", ""),
    ("", ""),
])
def test_the_suggested_username_is_the_folded_first_name(full_name: str, username: str) -> None:
    assert suggest_username(full_name) == username


def test_the_username_follows_the_full_name_until_the_person_edits_it(
        wiz: Wizard, demo_state: Any) -> None:
    ui = wiz.page.ui
    wiz.type(ui.fullName, "Zoë Müller")
    assert ui.username.text() == "zoe" and demo_state.username == "zoe"
    assert demo_state.full_name == "Zoë Müller"
    wiz.type(ui.fullName, "Alice Example")
    assert ui.username.text() == "alice"
    wiz.type(ui.username, "ali")
    wiz.type(ui.fullName, "Bob Builder")
    assert ui.username.text() == "ali" and demo_state.username == "ali"
    # Clearing the field hands it back to the suggestion.
    wiz.type(ui.username, "")
    wiz.type(ui.fullName, "Carol Danvers")
    assert ui.username.text() == "carol"


def test_the_host_name_stays_veilor_unless_typed(wiz: Wizard, demo_state: Any) -> None:
    assert wiz.page.ui.hostname.text() == "veilor"
    wiz.fill()
    assert demo_state.hostname == "veilor"
    assert wiz.next_button.isEnabled()
    wiz.type(wiz.page.ui.hostname, "alice-laptop")
    assert demo_state.hostname == "alice-laptop"


def test_root_is_locked_and_the_account_administers(wiz: Wizard) -> None:
    lead = wiz.page.ui.lead.text()
    assert "wheel" in lead and "sudo" in lead and "root account is locked" in lead
    assert wiz.page.title() == "Your account"


# --- refusals ----------------------------------------------------------------------------------


def test_a_fresh_page_shows_no_error_but_next_is_disabled(wiz: Wizard) -> None:
    wiz.settle()
    assert not wiz.next_button.isEnabled()
    shown = [label.objectName() for label in wiz.page.findChildren(QLabel)
             if label.objectName().endswith("Error") and label.isVisible()]
    assert shown == []


def test_a_valid_account_enables_next(wiz: Wizard, demo_state: Any) -> None:
    wiz.fill()
    assert wiz.next_button.isEnabled()
    assert (demo_state.full_name, demo_state.username, demo_state.hostname) == (
        "Alice Example", "alice", "veilor")
    assert demo_state.password.reveal() == STRONG
    assert demo_state.accept_weak_password is False


@pytest.mark.parametrize(("username", "expected"), [
    ("root", "Username 'root' is reserved for the system; choose another name"),
    ("wheel", "Username 'wheel' is reserved for the system"),
    ("systemd-alice", "Username 'systemd-alice' is reserved for the system"),
    ("Alice", "Username may use only lowercase letters a–z"),
    ("9lives", "Username may use only lowercase letters a–z"),
    ("a" * 33, "Username is 33 characters long; at most 32 are allowed"),
])
def test_bad_and_reserved_usernames_are_refused(wiz: Wizard, username: str,
                                                expected: str) -> None:
    wiz.fill(username=username)
    assert wiz.error("username").startswith(expected)
    assert wiz.page.ui.username.property("invalid") is True
    assert wiz.page.ui.username.accessibleDescription() == wiz.error("username")
    assert not wiz.next_button.isEnabled()
    wiz.type(wiz.page.ui.username, "alice")
    wiz.settle()
    assert wiz.error("username") == ""
    assert wiz.next_button.isEnabled()


def test_an_emptied_username_is_refused(wiz: Wizard) -> None:
    wiz.fill()
    wiz.type(wiz.page.ui.username, "")
    assert wiz.error("username").startswith("Username is empty")
    assert not wiz.next_button.isEnabled()


@pytest.mark.parametrize(("hostname", "expected"), [
    ("-bad-", "Computer name may use only letters a–z, digits and '-'"),
    ("my_host", "Computer name may use only letters a–z, digits and '-'"),
    ("veilor.123", "Computer name must not end in a number-only part"),
    ("", "Computer name is empty"),
])
def test_bad_host_names_are_refused(wiz: Wizard, hostname: str, expected: str) -> None:
    wiz.fill(hostname=hostname)
    assert wiz.error("hostname").startswith(expected)
    assert not wiz.next_button.isEnabled()


def test_a_colon_in_the_full_name_is_refused(wiz: Wizard) -> None:
    wiz.fill(full_name="Alice: Example")
    assert wiz.error("fullName") == (
        "Full name must not contain ':' (it separates fields in the account database)")
    assert not wiz.next_button.isEnabled()
    wiz.type(wiz.page.ui.fullName, "Alice Example")
    wiz.settle()
    assert wiz.next_button.isEnabled()


def test_a_common_password_is_refused_with_the_reason(wiz: Wizard) -> None:
    wiz.fill(password="password")
    message = wiz.error("password")
    assert "too weak" in message and "top-10 common password" in message
    assert not wiz.page.ui.acceptWeakPassword.isVisible()
    assert not wiz.next_button.isEnabled()


def test_a_password_made_of_the_username_is_refused(wiz: Wizard) -> None:
    """Rated against the names on the page: changing them rates the password again."""
    password = "rumpelstilz88"
    wiz.fill(full_name="Otto Example", username="rumpelstilz", password=password)
    assert "too weak" in wiz.error("password")
    wiz.type(wiz.page.ui.username, "otto")
    wiz.settle()
    assert wiz.error("password") == ""
    assert wiz.next_button.isEnabled()


def test_different_passwords_are_refused(wiz: Wizard) -> None:
    wiz.fill(confirm=STRONG[:-1])
    assert "the two passwords differ" in wiz.error("passwordConfirm").lower()
    assert not wiz.next_button.isEnabled()


def test_an_emptied_password_is_refused(wiz: Wizard) -> None:
    wiz.fill()
    wiz.type(wiz.page.ui.password, "")
    wiz.settle()
    assert wiz.error("password") == "Choose a password."
    assert not wiz.next_button.isEnabled()


def test_a_fair_password_needs_use_it_anyway_and_only_then_is_it_offered(
        wiz: Wizard, demo_state: Any) -> None:
    ui = wiz.page.ui
    wiz.fill(password=FAIR)
    assert ui.acceptWeakPassword.isVisible() and ui.acceptWeakPassword.isEnabled()
    assert "fair" in wiz.error("acceptWeakPassword")
    assert not wiz.next_button.isEnabled()
    ui.acceptWeakPassword.setFocus()
    wiz.qtbot.keyClick(ui.acceptWeakPassword, Qt.Key.Key_Space)
    assert demo_state.accept_weak_password is True
    assert wiz.next_button.isEnabled()
    wiz.type(ui.password, "password")
    wiz.type(ui.passwordConfirm, "password")
    wiz.settle()
    assert not ui.acceptWeakPassword.isVisible() and not ui.acceptWeakPassword.isChecked()
    assert demo_state.accept_weak_password is False


# --- assistive technology and the keyboard -----------------------------------------------------


def test_the_password_strength_is_announced(wiz: Wizard) -> None:
    bar = wiz.page.meter.bar
    with wiz.qtbot.waitSignal(wiz.page.strengthAnnounced, timeout=5000) as announced:
        wiz.type(wiz.page.ui.password, "password")
    assert announced.args[0].startswith("Password strength: very weak.")
    assert "top-10 common password" in announced.args[0]
    assert bar.accessibleName() == "Password strength: very weak"
    assert "top-10 common password" in bar.accessibleDescription()
    assert wiz.page.meter.label.text().startswith("Strength: very weak — ")


def test_every_control_has_an_accessible_name(wiz: Wizard) -> None:
    wiz.fill(password=FAIR)
    found = [w for w in wiz.page.findChildren(QWidget)
             if w.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(w, QProgressBar)]
    ui = wiz.page.ui
    assert {ui.fullName, ui.username, ui.password, ui.passwordConfirm, ui.showSecret,
            ui.acceptWeakPassword, ui.hostname, wiz.page.meter.bar} <= set(found)
    assert [w.objectName() for w in found if not w.accessibleName()] == []


def test_the_page_works_with_the_keyboard_alone(wiz: Wizard) -> None:
    qtbot, ui = wiz.qtbot, wiz.page.ui
    wiz.wizard.activateWindow()
    assert QApplication.focusWidget() is ui.fullName
    steps = [(ui.fullName, "Alice Example"), (ui.username, None), (ui.password, STRONG),
             (ui.passwordConfirm, STRONG), (ui.showSecret, None), (ui.hostname, "alice-pc")]
    for field, text in steps:
        assert QApplication.focusWidget() is field
        if text is not None:
            field.selectAll()
            qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Tab)  # "use it anyway" is hidden: skipped
    wiz.settle()
    assert ui.username.text() == "alice"
    qtbot.keyClick(ui.hostname, Qt.Key.Key_Return)
    assert wiz.wizard.currentPage() is wiz.after


def test_back_keeps_the_input(wiz: Wizard, demo_state: Any) -> None:
    ui = wiz.page.ui
    wiz.fill(username="ally", password=FAIR, hostname="ally-laptop")
    ui.acceptWeakPassword.setChecked(True)
    wiz.qtbot.mouseClick(wiz.next_button, Qt.MouseButton.LeftButton)
    assert wiz.wizard.currentPage() is wiz.after
    back = wiz.wizard.button(QWizard.WizardButton.BackButton)
    assert back is not None
    wiz.qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert wiz.wizard.currentPage() is wiz.page
    wiz.settle()
    assert (ui.fullName.text(), ui.username.text(), ui.hostname.text()) == (
        "Alice Example", "ally", "ally-laptop")
    assert ui.password.text() == ui.passwordConfirm.text() == FAIR
    assert ui.acceptWeakPassword.isChecked() and demo_state.accept_weak_password
    assert wiz.next_button.isEnabled()


# --- secrets and the GUI thread ----------------------------------------------------------------


def test_the_password_never_leaves_the_field(wiz: Wizard, demo_state: Any,
                                             veilor_log: pytest.LogCaptureFixture) -> None:
    spoken: list[str] = []
    wiz.page.strengthAnnounced.connect(spoken.append)
    wiz.fill(confirm=STRONG + "x")
    wiz.page.ui.showSecret.setChecked(True)
    core_log.get_logger("test").info("password %s", STRONG)
    said = [wiz.wizard.windowTitle(), *spoken]
    for widget in wiz.wizard.findChildren(QWidget):
        said += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel):
            said.append(widget.text())
    assert spoken and wiz.error("passwordConfirm")
    assert not [text for text in said if STRONG in text]
    assert not [r for r in veilor_log.records if STRONG in r.getMessage()]
    assert STRONG not in repr(demo_state)
    assert demo_state.password.reveal() == STRONG


def test_the_strength_is_rated_off_the_gui_thread(wiz: Wizard,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    on_gui_thread: list[bool] = []
    real = strength.assess

    def recording(secret: str, user_inputs: Any = ()) -> strength.Strength:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(secret, user_inputs)

    monkeypatch.setattr(strength, "assess", recording)
    wiz.fill()
    assert on_gui_thread and not any(on_gui_thread)


def test_the_page_fits_800_by_600(wiz: Wizard) -> None:
    hint = wiz.page.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 600
    smallest = wiz.wizard.minimumSize()
    assert smallest.width() <= 800 and smallest.height() <= 600
    wiz.fill()
    QApplication.processEvents()
    assert wiz.page.ui.scroll.verticalScrollBar().maximum() == 0  # no scrolling when valid
    wiz.fill(full_name="Alice: Example", username="Root", password="PASSWORD",
             confirm="PASS", hostname="-bad-")
    QApplication.processEvents()
    squashed = [label.objectName() for label in wiz.page.findChildren(QLabel)
                if label.isVisible() and label.wordWrap()
                and label.height() < label.heightForWidth(label.width())]
    assert squashed == []
