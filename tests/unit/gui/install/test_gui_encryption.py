"""The Encryption page: the LUKS passphrase, its strength meter and what a screen reader hears,
the refusals of DESIGN §8, and secrets that never leave the field."""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.gui import PageBetween
from PyQt6 import sip
from PyQt6.QtCore import Qt, QThreadPool
from PyQt6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
    QWizard,
)

from veilor_installer.core import log as core_log
from veilor_installer.core.install import strength
from veilor_installer.gui import workers
from veilor_installer.gui.install.encryption import EncryptionPage, keyboard_name

STRONG = "correct horse battery staple veilor"
FAIR = "tigerlily9"  # zxcvbn score 2


# --- helpers -----------------------------------------------------------------------------------


class Wizard(PageBetween):
    def __init__(self, qtbot: Any, state: Any) -> None:
        super().__init__(qtbot, state, EncryptionPage)


@pytest.fixture
def wiz(qapp: Any, qtbot: Any, demo_state: Any) -> Iterator[Wizard]:
    demo_state.keyboard = "de-nodeadkeys"
    wizard = Wizard(qtbot, demo_state)
    yield wizard
    workers.wait_for_all()
    QApplication.processEvents()


def controls(root: QWidget) -> list[QWidget]:
    """What a person can operate or read as a value: focusable widgets, and meters."""
    return [w for w in root.findChildren(QWidget)
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(w, QProgressBar)]


def everything_said(root: QWidget) -> list[str]:
    """Every text the page shows or gives assistive technology."""
    said = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        said += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip(),
                 widget.whatsThis(), widget.statusTip()]
        if isinstance(widget, QLabel):
            said.append(widget.text())
        if isinstance(widget, QProgressBar):
            said.append(widget.text())
    return said


class AccessibilityEvents:
    """Qt's own accessibility events, caught with ``QAccessible::installUpdateHandler``.

    PyQt6 wraps no QAccessible class, so the handler is installed through ctypes: an event is a
    C++ object whose type (``QAccessible::Event``) follows the vtable pointer and whose object
    follows that (Qt 6, 64-bit Itanium ABI). Events reach the handler only while accessibility
    is active, as it is when a screen reader runs.
    """

    NAME_CHANGED, DESCRIPTION_CHANGED, VALUE_CHANGED = 0x800C, 0x800D, 0x800E

    def __init__(self) -> None:
        path = self._loaded_qt_gui()
        if path is None or ctypes.sizeof(ctypes.c_void_p) != 8:
            pytest.skip("needs Qt 6 on a 64-bit Linux (/proc/self/maps naming libQt6Gui)")
        self._gui = ctypes.CDLL(path)
        self._install = self._gui._ZN11QAccessible20installUpdateHandlerEPFvP16QAccessibleEventE
        self._install.argtypes = [ctypes.c_void_p]
        self._set_active = self._gui._ZN11QAccessible9setActiveEb
        self._set_active.argtypes = [ctypes.c_bool]
        self._is_active = self._gui._ZN11QAccessible8isActiveEv
        self._is_active.restype = ctypes.c_bool
        self.seen: list[tuple[int, int]] = []
        self._callback = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(self._record)

    @staticmethod
    def _loaded_qt_gui() -> str | None:
        """The libQt6Gui this process runs: PyQt6's bundled one in a venv from PyPI, the
        system's (/usr/lib/…) with a distribution's PyQt6."""
        from PyQt6 import QtGui  # noqa: F401 (loads the library)

        try:
            with open("/proc/self/maps", encoding="utf-8") as fh:
                for line in fh:
                    path = line.split(maxsplit=5)[-1].strip()
                    if Path(path).name.startswith("libQt6Gui.so"):
                        return path
        except OSError:
            return None
        return None

    def _record(self, event: int) -> None:
        kind = ctypes.c_uint.from_address(event + 8).value
        obj = ctypes.c_void_p.from_address(event + 16).value or 0
        self.seen.append((kind, obj))

    def __enter__(self) -> AccessibilityEvents:
        self._was_active = self._is_active()
        self._install(ctypes.cast(self._callback, ctypes.c_void_p))
        self._set_active(True)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._set_active(self._was_active)
        self._install(None)

    def kinds_for(self, widget: QWidget) -> set[int]:
        address = sip.unwrapinstance(widget)
        return {kind for kind, obj in self.seen if obj == address}


# --- refusals ----------------------------------------------------------------------------------


def test_a_fresh_page_shows_no_error_but_next_is_disabled(wiz: Wizard) -> None:
    wiz.settle()
    assert not wiz.next_button.isEnabled()
    assert not wiz.page.isComplete()
    assert wiz.error("passphrase") == wiz.error("passphraseConfirm") == ""


def test_a_common_password_is_refused_with_the_reason(wiz: Wizard) -> None:
    ui = wiz.page.ui
    wiz.type(ui.passphrase, "password")
    wiz.type(ui.passphraseConfirm, "password")
    wiz.settle()
    message = wiz.error("passphrase")
    assert "too weak" in message and "top-10 common password" in message
    assert ui.passphrase.property("invalid") is True
    assert ui.passphrase.accessibleDescription() == message
    assert not ui.acceptWeak.isVisible()  # never "use it anyway" for a refused passphrase
    assert not wiz.next_button.isEnabled()


def test_a_short_passphrase_is_refused(wiz: Wizard) -> None:
    wiz.type(wiz.page.ui.passphrase, "x7#Qp9!")
    wiz.type(wiz.page.ui.passphraseConfirm, "x7#Qp9!")
    wiz.settle()
    assert "Shorter than 8 characters" in wiz.error("passphrase")
    assert not wiz.next_button.isEnabled()


def test_different_confirmation_is_refused_until_it_matches(wiz: Wizard) -> None:
    ui = wiz.page.ui
    wiz.type(ui.passphrase, STRONG)
    wiz.type(ui.passphraseConfirm, STRONG + "!")
    wiz.settle()
    assert "the two passphrases differ" in wiz.error("passphraseConfirm").lower()
    assert wiz.error("passphrase") == ""
    assert not wiz.next_button.isEnabled()
    wiz.type(ui.passphraseConfirm, STRONG)
    wiz.settle()
    assert wiz.error("passphraseConfirm") == ""
    assert wiz.next_button.isEnabled()


def test_a_passphrase_typed_and_removed_is_refused_as_empty(wiz: Wizard) -> None:
    ui = wiz.page.ui
    wiz.type(ui.passphrase, "abc")
    wiz.type(ui.passphrase, "")
    wiz.settle()
    assert ui.passphrase.text() == ""
    assert wiz.error("passphrase") == "Choose a passphrase."
    assert not wiz.next_button.isEnabled()


def test_the_confirmation_is_asked_for(wiz: Wizard) -> None:
    wiz.type(wiz.page.ui.passphrase, STRONG)
    wiz.settle()
    assert not wiz.next_button.isEnabled()
    wiz.type(wiz.page.ui.passphraseConfirm, "x")
    wiz.type(wiz.page.ui.passphraseConfirm, "")
    assert wiz.error("passphraseConfirm") == "Type the passphrase again to confirm it."


def test_an_invisible_character_is_refused(wiz: Wizard) -> None:
    text = "correct horse\u200b battery staple"
    wiz.page.ui.passphrase.setText(text)
    wiz.page.ui.passphraseConfirm.setText(text)
    wiz.settle()
    assert "ZERO WIDTH SPACE" in wiz.error("passphrase")
    assert not wiz.next_button.isEnabled()


def test_a_passphrase_over_256_bytes_is_refused_as_the_answers_file_refuses_it(
        wiz: Wizard) -> None:
    """The page and the answers file share one rule (core/install/checks.py): libxcrypt and
    the boot prompt take at most 256 UTF-8 bytes, so the page refuses more, not the summary."""
    text = "correct horse battery staple " + "é" * 114  # 29 + 228 = 257 bytes
    wiz.page.ui.passphrase.setText(text)
    wiz.page.ui.passphraseConfirm.setText(text)
    wiz.settle()
    assert wiz.error("passphrase") == (
        "The passphrase is 257 bytes long (UTF-8); at most 256 are allowed.")
    assert not wiz.next_button.isEnabled()
    wiz.page.ui.passphrase.setText(text[:-1])
    wiz.page.ui.passphraseConfirm.setText(text[:-1])
    wiz.settle()
    assert wiz.error("passphrase") == ""
    assert wiz.next_button.isEnabled()


def test_a_fair_passphrase_needs_use_it_anyway_and_only_then_is_it_offered(
        wiz: Wizard, demo_state: Any) -> None:
    ui = wiz.page.ui
    assert strength.assess(FAIR, wiz.page.user_inputs()).verdict == "needs-confirmation"
    wiz.type(ui.passphrase, FAIR)
    wiz.type(ui.passphraseConfirm, FAIR)
    wiz.settle()
    assert ui.acceptWeak.isVisible() and ui.acceptWeak.isEnabled()
    assert not ui.acceptWeak.isChecked()
    assert "fair" in wiz.error("acceptWeak") and "Use it anyway" in wiz.error("acceptWeak")
    assert not wiz.next_button.isEnabled()

    ui.acceptWeak.setFocus()
    wiz.qtbot.keyClick(ui.acceptWeak, Qt.Key.Key_Space)
    assert ui.acceptWeak.isChecked()
    assert demo_state.accept_weak_passphrase is True
    assert wiz.error("acceptWeak") == ""
    assert wiz.next_button.isEnabled()

    # A strong passphrase needs no consent: the box goes, unticked.
    wiz.type(ui.passphrase, STRONG)
    wiz.type(ui.passphraseConfirm, STRONG)
    wiz.settle()
    assert not ui.acceptWeak.isVisible() and not ui.acceptWeak.isChecked()
    assert demo_state.accept_weak_passphrase is False
    assert wiz.next_button.isEnabled()

    # Back to fair: consent must be given again.
    wiz.type(ui.passphrase, FAIR)
    wiz.type(ui.passphraseConfirm, FAIR)
    wiz.settle()
    assert ui.acceptWeak.isVisible() and not ui.acceptWeak.isChecked()
    assert not wiz.next_button.isEnabled()


def test_the_state_holds_what_was_typed_as_a_secret(wiz: Wizard, demo_state: Any) -> None:
    wiz.type(wiz.page.ui.passphrase, STRONG)
    assert demo_state.passphrase.reveal() == STRONG
    assert str(demo_state.passphrase) == "Secret('********')"


# --- what a screen reader hears ----------------------------------------------------------------


def test_the_strength_is_announced_for_assistive_technology(wiz: Wizard) -> None:
    meter = wiz.page.meter
    bar, label = meter.bar, meter.label
    name_before, description_before = bar.accessibleName(), bar.accessibleDescription()
    with AccessibilityEvents() as events, \
            wiz.qtbot.waitSignal(wiz.page.strengthAnnounced, timeout=5000) as announced:
        wiz.type(wiz.page.ui.passphrase, FAIR)
    sentence = announced.args[0]
    assert sentence.startswith("Passphrase strength: fair.")
    assert "Add another word or two" in sentence
    assert bar.value() == 2 and bar.property("strength") == "2"
    assert bar.accessibleName() == "Passphrase strength: fair" != name_before
    assert "Add another word or two" in bar.accessibleDescription() != description_before
    assert label.text().startswith("Strength: fair — Add another word or two")
    # Qt told assistive technology: the value, the bar's name and description, the label.
    assert {events.VALUE_CHANGED, events.NAME_CHANGED,
            events.DESCRIPTION_CHANGED} <= events.kinds_for(bar)
    assert events.NAME_CHANGED in events.kinds_for(label)


def test_the_same_rating_is_not_announced_twice(wiz: Wizard) -> None:
    spoken: list[str] = []
    wiz.page.strengthAnnounced.connect(spoken.append)
    wiz.type(wiz.page.ui.passphrase, STRONG)
    wiz.settle()
    wiz.type(wiz.page.ui.passphrase, STRONG + " again and again")
    wiz.settle()
    assert len(spoken) == 1
    assert spoken[0].startswith("Passphrase strength: very strong.")


def test_every_control_has_an_accessible_name(wiz: Wizard) -> None:
    wiz.type(wiz.page.ui.passphrase, FAIR)
    wiz.settle()
    found = controls(wiz.page)
    assert {wiz.page.ui.passphrase, wiz.page.ui.passphraseConfirm, wiz.page.ui.showSecret,
            wiz.page.ui.acceptWeak, wiz.page.meter.bar} <= set(found)
    unnamed = [w.objectName() or type(w).__name__ for w in found if not w.accessibleName()]
    assert unnamed == []


# --- the boot keyboard and the warnings --------------------------------------------------------


def test_the_boot_keyboard_is_shown_beside_the_field(wiz: Wizard, demo_state: Any) -> None:
    hint = wiz.page.ui.keyboardHint
    assert hint.text() == ("Keyboard at boot: German (no dead keys) (de-nodeadkeys) — you will "
                           "type this passphrase in this layout.")
    wiz.wizard.back()
    demo_state.keyboard = "us,ru"  # the console (boot) keymap is the first
    wiz.wizard.next()
    assert "English (US) (us)" in hint.text()
    assert keyboard_name("epo") == "Esperanto (epo)"
    assert keyboard_name("no-such-map") == "no-such-map"


def test_non_ascii_warns_but_does_not_block(wiz: Wizard) -> None:
    ui = wiz.page.ui
    text = "Zaunkönig gießt Kürbisse"
    wiz.type(ui.passphrase, text)
    wiz.type(ui.passphraseConfirm, text)
    wiz.settle()
    assert ui.nonAsciiWarning.isVisible()
    assert "German (no dead keys) (de-nodeadkeys)" in ui.nonAsciiWarning.text()
    assert ui.nonAsciiWarning.property("role") == "warning"
    assert wiz.next_button.isEnabled()
    wiz.type(ui.passphrase, STRONG)
    wiz.settle()
    assert not ui.nonAsciiWarning.isVisible()


def test_caps_lock_warns_but_does_not_block(wiz: Wizard) -> None:
    ui = wiz.page.ui
    text = "CORRECT HORSE BATTERY STAPLE VEILOR"
    wiz.type(ui.passphrase, text)
    assert ui.capsLockWarning.isVisible()  # at once, no rating needed
    wiz.type(ui.passphraseConfirm, text)
    wiz.settle()
    assert wiz.next_button.isEnabled()
    wiz.type(ui.passphrase, STRONG)
    assert not ui.capsLockWarning.isVisible()


# --- showing the passphrase --------------------------------------------------------------------


def test_show_is_off_by_default_and_hides_again_on_the_next_visit(wiz: Wizard) -> None:
    ui = wiz.page.ui
    fields = (ui.passphrase, ui.passphraseConfirm)
    assert not ui.showSecret.isChecked()
    assert all(f.echoMode() == QLineEdit.EchoMode.Password for f in fields)
    ui.showSecret.setFocus()
    wiz.qtbot.keyClick(ui.showSecret, Qt.Key.Key_Space)
    assert all(f.echoMode() == QLineEdit.EchoMode.Normal for f in fields)
    # Shown or not, no input method may learn or predict it.
    sensitive = Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    assert all(f.inputMethodHints() & sensitive == sensitive for f in fields)
    wiz.wizard.back()
    wiz.wizard.next()
    assert not ui.showSecret.isChecked()
    assert all(f.echoMode() == QLineEdit.EchoMode.Password for f in fields)


# --- navigation --------------------------------------------------------------------------------


def test_back_keeps_the_input(wiz: Wizard, demo_state: Any) -> None:
    ui = wiz.page.ui
    wiz.type(ui.passphrase, FAIR)
    wiz.type(ui.passphraseConfirm, FAIR)
    wiz.settle()
    ui.acceptWeak.setChecked(True)
    wiz.qtbot.mouseClick(wiz.next_button, Qt.MouseButton.LeftButton)
    assert wiz.wizard.currentPage() is wiz.after
    back = wiz.wizard.button(QWizard.WizardButton.BackButton)
    assert back is not None
    wiz.qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert wiz.wizard.currentPage() is wiz.page
    wiz.settle()
    assert ui.passphrase.text() == ui.passphraseConfirm.text() == FAIR
    assert ui.acceptWeak.isChecked() and demo_state.accept_weak_passphrase
    assert demo_state.passphrase.reveal() == FAIR
    assert wiz.next_button.isEnabled()


def test_the_page_works_with_the_keyboard_alone(wiz: Wizard) -> None:
    qtbot, wizard = wiz.qtbot, wiz.wizard
    ui = wiz.page.ui
    wizard.activateWindow()
    assert QApplication.focusWidget() is ui.passphrase  # initializePage put the cursor there
    qtbot.keyClicks(ui.passphrase, STRONG)
    qtbot.keyClick(ui.passphrase, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.passphraseConfirm
    qtbot.keyClicks(ui.passphraseConfirm, STRONG)
    qtbot.keyClick(ui.passphraseConfirm, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.showSecret
    qtbot.keyClick(ui.showSecret, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(ui.passphraseConfirm, Qt.Key.Key_Return)  # not yet rated: Next is disabled
    assert wizard.currentPage() is wiz.page
    wiz.settle()
    qtbot.keyClick(ui.passphraseConfirm, Qt.Key.Key_Return)
    assert wizard.currentPage() is wiz.after


# --- secrets -----------------------------------------------------------------------------------


def test_the_passphrase_never_leaves_the_field(wiz: Wizard, demo_state: Any,
                                               veilor_log: pytest.LogCaptureFixture) -> None:
    secret = "Veilor-Kettle-Sunrise-7291"
    spoken: list[str] = []
    wiz.page.strengthAnnounced.connect(spoken.append)
    ui = wiz.page.ui
    wiz.type(ui.passphrase, secret)
    wiz.type(ui.passphraseConfirm, secret + "x")  # a mismatch message is shown too
    wiz.settle()
    ui.showSecret.setChecked(True)
    wiz.settle()
    core_log.get_logger("test").debug("typed %s", secret)  # the redacting filter masks it
    said = everything_said(wiz.wizard) + spoken
    assert spoken and wiz.error("passphraseConfirm")
    assert not [text for text in said if secret in text]
    assert not [r for r in veilor_log.records if secret in r.getMessage()]
    assert secret not in repr(demo_state) and secret not in str(demo_state)
    assert demo_state.passphrase.reveal() == secret


def test_only_the_final_passphrase_is_masked_in_logs(wiz: Wizard) -> None:
    """Each keystroke makes a Secret; the prefixes typed on the way are not secrets."""
    wiz.type(wiz.page.ui.passphrase, STRONG)
    assert core_log.redact("the check is correct") == "the check is correct"
    assert core_log.redact(f"got {STRONG}") == f"got {core_log.MASK}"


# --- the GUI thread ----------------------------------------------------------------------------


@pytest.fixture
def assess_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Every call of ``strength.assess``: the text, and whether it ran on the GUI thread."""
    calls: list[tuple[str, bool]] = []
    real = strength.assess

    def recording(secret: str, user_inputs: Any = ()) -> strength.Strength:
        calls.append((secret, threading.current_thread() is threading.main_thread()))
        return real(secret, user_inputs)

    monkeypatch.setattr(strength, "assess", recording)
    return calls


def test_the_strength_is_rated_off_the_gui_thread_once_typing_pauses(
        wiz: Wizard, assess_calls: list[tuple[str, bool]]) -> None:
    wiz.type(wiz.page.ui.passphrase, STRONG)
    wiz.settle()
    assert assess_calls == [(STRONG, False)]  # one rating for 35 keystrokes, in a worker


@pytest.fixture
def two_workers() -> Iterator[None]:
    """At least two pool threads: one rating waits while the next one runs."""
    pool = QThreadPool.globalInstance()
    assert pool is not None
    before = pool.maxThreadCount()
    pool.setMaxThreadCount(max(2, before))
    yield
    pool.setMaxThreadCount(before)


@pytest.mark.usefixtures("two_workers")
def test_a_late_rating_of_an_older_text_is_dropped(
        wiz: Wizard, monkeypatch: pytest.MonkeyPatch) -> None:
    real = strength.assess
    release = threading.Event()
    returned: list[str] = []

    def slow_for_password(secret: str, user_inputs: Any = ()) -> strength.Strength:
        if secret == "password":
            release.wait(10)
        result = real(secret, user_inputs)
        returned.append(secret)
        return result

    monkeypatch.setattr(strength, "assess", slow_for_password)
    ui = wiz.page.ui
    wiz.type(ui.passphrase, "password")
    wiz.qtbot.waitUntil(lambda: not wiz.page.meter._timer.isActive())  # handed to a worker
    wiz.type(ui.passphrase, STRONG)
    wiz.settle()
    assert wiz.page.meter.label.text().startswith("Strength: very strong")
    release.set()
    wiz.qtbot.waitUntil(lambda: "password" in returned)
    workers.wait_for_all()
    QApplication.processEvents()
    assert wiz.page.meter.label.text().startswith("Strength: very strong")
    assert wiz.page.meter.strength is not None and wiz.page.meter.strength.score == 4


# --- size --------------------------------------------------------------------------------------


def _squashed(page: QWidget) -> list[str]:
    return [label.objectName() for label in page.findChildren(QLabel)
            if label.isVisible() and label.wordWrap()
            and label.height() < label.heightForWidth(label.width())]


def test_the_page_fits_800_by_600(wiz: Wizard) -> None:
    hint = wiz.page.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 600
    smallest = wiz.wizard.minimumSize()  # what QWizard derives from its pages
    assert smallest.width() <= 800 and smallest.height() <= 600
    ui = wiz.page.ui
    # A valid passphrase with both warnings: everything visible at once, without scrolling.
    text = "ZAUNKÖNIG GIESST KÜRBISSE IM GARTEN"
    wiz.type(ui.passphrase, text)
    wiz.type(ui.passphraseConfirm, text)
    wiz.settle()
    QApplication.processEvents()
    assert ui.capsLockWarning.isVisible() and ui.nonAsciiWarning.isVisible()
    assert ui.scroll.verticalScrollBar().maximum() == 0
    assert _squashed(wiz.page) == []
    # The worst case (every message at once) scrolls rather than squeezing text together.
    wiz.type(ui.passphrase, "PÄSSWORD")
    wiz.type(ui.passphraseConfirm, "x")
    wiz.settle()
    QApplication.processEvents()
    assert _squashed(wiz.page) == []
