"""A secret field's companions: the strength meter, which rates the text off the GUI thread and
tells both the eye and a screen reader how guessable it is, and ``SecretEntry``, which wires a
secret, its confirmation, the Show toggle, the meter and "use it anyway" together the same way
on the Encryption and the Account page. The fields are ``SecretField``s (secret_field.py): no
character of the secret reaches assistive technology.

zxcvbn takes 20-40 ms for an ordinary passphrase (``core.strength``), more than a keystroke may
cost the GUI thread (DESIGN §9), so the rating runs in a worker, 150 ms after the last
keystroke, and a result is shown only while the field still holds the text it rated.

Screen readers: PyQt6 (6.11) wraps no ``QAccessible*`` class at all — neither
``QAccessible.updateAccessibility`` nor ``QAccessibleValueChangeEvent``, nor Qt 6.8's
``QAccessibleAnnouncementEvent``, although Qt itself has them. Qt sends the events from C++
instead: ``QProgressBar.setValue`` sends ValueChanged, ``setAccessibleName`` and
``setAccessibleDescription`` send NameChanged and DescriptionChanged, ``QLabel.setText`` sends
NameChanged (tests/unit/gui/install/test_gui_encryption.py watches them arrive). ``announced``
carries the sentence for a binding that can send a real announcement.

What Orca speaks (measured in tests/integration/test_gui_atspi.py, as issue 10 found with Orca 43):
the meter's value change is ignored while the meter has no focus or when the value is one seen
before, and an announcement is not sent at all; the description of the focused field is spoken when
it changes. So the strength, in words ("Strength: very strong"), is the secret field's description
whenever the page has no problem to say there (``SecretField.set_status``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PyQt6 import sip
from PyQt6.QtCore import QObject, QTimer, pyqtSignal
from PyQt6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QWidget,
)

from veilor_installer.core.checks import Code, Problem, check_confirmation
from veilor_installer.core.i18n import N_
from veilor_installer.core.install import checks, strength
from veilor_installer.core.install.strength import Strength
from veilor_installer.core.log import forget_secret
from veilor_installer.core.secret import Secret
from veilor_installer.gui.i18n import Text, live, on_language, tr
from veilor_installer.gui.widgets.restyle import restyle
from veilor_installer.gui.widgets.secret_field import SecretField
from veilor_installer.gui.workers import run_task

DEBOUNCE_MS = 150


def label_text(label: str) -> str:
    """zxcvbn's word for a score, translated (the core's ``LABELS`` are English)."""
    return str(strength.label_text(label))


@dataclass(frozen=True)
class SecretWords:
    """What the meter and the entry say about one kind of secret. Each sentence is its own
    message for each kind (the noun changes the words around it in many languages); all are
    English messages marked with ``N_``, translated when shown."""

    strength: str
    """The meter's name while nothing is rated: "Password strength"."""
    strength_of: str
    """The meter's name with a rating: "Password strength: {label}"."""
    spoken: str
    """The sentence announced: "Password strength: {label}." """
    empty: str
    confirm_empty: str
    mismatch: str
    too_long_bytes: str
    invisible: str
    too_weak: str
    needs_consent: str


PASSWORD_WORDS = SecretWords(
    strength=N_("Password strength"),
    strength_of=N_("Password strength: {label}"),
    spoken=N_("Password strength: {label}."),
    empty=N_("Choose a password."),
    confirm_empty=N_("Type the password again to confirm it."),
    mismatch=N_("The two passwords differ; type the same one twice."),
    too_long_bytes=N_("The password is {size} bytes long (UTF-8); at most {limit} are "
                      "allowed."),
    invisible=N_("The password contains an invisible or control character ({character}); "
                 "remove it."),
    too_weak=N_("This password is too weak ({label}): {why}"),
    needs_consent=N_("This password is only of fair strength: choose a stronger one, or tick "
                     "“Use it anyway”."),
)
PASSPHRASE_WORDS = SecretWords(
    strength=N_("Passphrase strength"),
    strength_of=N_("Passphrase strength: {label}"),
    spoken=N_("Passphrase strength: {label}."),
    empty=N_("Choose a passphrase."),
    confirm_empty=N_("Type the passphrase again to confirm it."),
    mismatch=N_("The two passphrases differ; type the same one twice."),
    too_long_bytes=N_("The passphrase is {size} bytes long (UTF-8); at most {limit} are "
                      "allowed."),
    invisible=N_("The passphrase contains an invisible or control character ({character}); "
                 "remove it."),
    too_weak=N_("This passphrase is too weak ({label}): {why}"),
    needs_consent=N_("This passphrase is only of fair strength: choose a stronger one, or "
                     "tick “Use it anyway”."),
)


class StrengthMeter(QWidget):
    """A bar (0-4, coloured by the ``strength`` property) and a sentence beside it.

    ``request(text, user_inputs)`` asks for a rating; ``assessed`` fires when the rating of the
    current text is in (or the text became empty); ``strength`` is that rating, None while
    the text is empty or still being rated.
    """

    assessed = pyqtSignal()
    announced = pyqtSignal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = PASSPHRASE_WORDS
        self._key: tuple[str, tuple[str, ...]] = ("", ())
        self._queued = False
        self._strength: Strength | None = None
        self._shown: Strength | None = None
        self._spoken = ""

        self.bar = QProgressBar(self)
        self.bar.setObjectName("strengthBar")
        self.bar.setRange(0, 4)
        self.bar.setValue(0)
        self.bar.setTextVisible(False)
        self.bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.label = QLabel(self)
        self.label.setObjectName("strengthLabel")
        self.label.setWordWrap(True)
        self.label.setProperty("role", "hint")
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.label, 3)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self._clear()

    def set_subject(self, words: SecretWords) -> None:
        """What is rated, for the accessible names: a passphrase or a password."""
        self._words = words
        if self._shown is None:
            self._clear()
        else:
            self._show(self._shown)

    @property
    def strength(self) -> Strength | None:
        return self._strength

    @property
    def shown(self) -> Strength | None:
        """The rating on screen: while a new text is being rated, still the previous one, so
        that messages derived from it do not flicker on every keystroke."""
        return self._shown

    @property
    def pending(self) -> bool:
        """A text is waiting to be rated or being rated."""
        return self._queued

    @property
    def sentence(self) -> str:
        """The rating on screen in words, "Strength: very strong"; empty while none is."""
        if self._shown is None:
            return ""
        return tr("Strength: {label}").format(label=label_text(self._shown.label))

    def _advice(self, result: Strength) -> str:
        advice = " ".join(str(problem) for problem in result.problems)
        if result.crack_time is None:
            return advice
        time = tr("Time to guess it: {time}.").format(time=result.crack_time)
        return tr("{advice} {time}").format(advice=advice, time=time) if advice else time

    def request(self, text: str, user_inputs: Sequence[str]) -> None:
        key = (text, tuple(user_inputs))
        if key == self._key and (self._queued or self._strength is not None or not text):
            return
        self._key = key
        self._strength = None
        if not text:
            self._timer.stop()
            self._queued = False
            self._clear()
            self.assessed.emit()
            return
        self._queued = True
        self._timer.start()

    def _start(self) -> None:
        key = self._key
        text, inputs = key

        def done(result: Strength) -> None:
            # The field changed meanwhile (a newer rating is on its way), or the page is gone.
            if sip.isdeleted(self) or key != self._key:
                return
            self._queued = False
            self._strength = result
            self._show(result)
            self.assessed.emit()

        def failed(_exc: BaseException) -> None:
            if sip.isdeleted(self) or key != self._key:
                return
            # The rating could not be made (never seen); refuse rather than wave it through.
            self._queued = False
            self._strength = Strength(
                score=0, label=strength.LABELS[0], verdict="refused",
                problems=(Text("The strength could not be checked; try again."),),
                non_ascii=not text.isascii(), crack_time=None, scored_length=0)
            self._show(self._strength)
            self.assessed.emit()

        run_task(lambda: strength.assess(text, inputs), done, failed)

    def _clear(self) -> None:
        self.bar.setValue(0)
        self.bar.setProperty("strength", "")
        live(self.bar.setFormat, "")
        restyle(self.bar)
        live(self.bar.setAccessibleName, Text(self._words.strength))
        live(self.bar.setAccessibleDescription, Text("Nothing typed yet."))
        live(self.label.setText, Text("Strength: type to see how hard it is to guess."))
        self._shown = None
        self._spoken = ""

    def _show(self, result: Strength) -> None:
        self._shown = result
        words = self._words
        label = strength.label_text(result.label)
        self.bar.setProperty("strength", str(result.score))
        live(self.bar.setFormat, label)
        restyle(self.bar)
        self.bar.setValue(result.score)
        live(self.bar.setAccessibleName, Text(words.strength_of, label=label))
        live(self.bar.setAccessibleDescription, lambda: self._advice(result))

        def shown() -> str:
            advice = self._advice(result)
            if not advice:
                return tr("Strength: {label}").format(label=label)
            return tr("Strength: {label} — {advice}").format(label=label, advice=advice)

        live(self.label.setText, shown)
        advice = self._advice(result)
        sentence = tr(words.spoken).format(label=label)
        if advice:
            sentence = tr("{sentence} {advice}").format(sentence=sentence, advice=advice)
        # Spoken only when it says something new: not once per keystroke.
        if sentence != self._spoken:
            self._spoken = sentence
            self.announced.emit(sentence)


def replace_secret(old: Secret, new: str, *keep: Secret) -> Secret:
    """A Secret for ``new``. The value it replaces stops being masked in the logs unless another
    secret of the state holds it: a Secret registers its value when made, so without this every
    prefix typed ("pas", "pass", …) would stay registered and mask those letters in every later
    log line."""
    value = old.reveal()
    if value != new and all(value != other.reveal() for other in keep):
        forget_secret(value)
    return Secret(new)


class SecretEntry(QObject):
    """A secret field with its confirmation, Show toggle, strength meter, Caps Lock warning and
    "use it anyway" box. The page says what to rate against and stores the text.

    The rules are the core's (``core.install.checks.check_secret`` given the meter's rating,
    ``core.checks.check_confirmation``); this only words their codes.
    """

    changed = pyqtSignal()
    """The text, its rating or the consent changed: the page revalidates."""

    def __init__(self, *, field: SecretField, confirm: SecretField, show: QCheckBox,
                 consent: QCheckBox, meter: StrengthMeter, caps_warning: QLabel,
                 keys: tuple[str, str, str], words: SecretWords,
                 user_inputs: Callable[[], list[str]]) -> None:
        super().__init__(field)
        self.field, self.confirm, self.show, self.consent = field, confirm, show, consent
        self.meter = meter
        self.caps_warning = caps_warning
        self.keys = keys
        self.words = words
        self.user_inputs = user_inputs
        self.typed: set[str] = set()
        meter.set_subject(words)
        # The strength the field's description says, in the new language after a switch.
        on_language(field, "strength", lambda: field.set_status(meter.sentence), now=False)
        self.show_text(False)
        field.textChanged.connect(self._text_changed)
        confirm.textChanged.connect(self._confirm_changed)
        show.toggled.connect(self.show_text)
        consent.toggled.connect(lambda _checked: self.changed.emit())
        meter.assessed.connect(self._rated)

    def show_text(self, shown: bool) -> None:
        if self.show.isChecked() != shown:
            self.show.setChecked(shown)  # comes back here through toggled
            return
        # To the eye only: a screen reader keeps getting the mask (secret_field.py).
        for field in (self.field, self.confirm):
            field.set_revealed(shown)

    def rate(self) -> None:
        """Rate the text again (it, or the words rated against, changed)."""
        self.meter.request(self.field.text(), self.user_inputs())
        self.changed.emit()

    @property
    def pending(self) -> bool:
        return self.meter.pending

    def _text_changed(self, text: str) -> None:
        self.typed.add(self.keys[0])
        # Qt has no portable way to read the Caps Lock state (no API for locked modifiers), so
        # this guesses from the text: mostly capitals looks like Caps Lock.
        self.caps_warning.setVisible(strength.caps_lock_suspect(text))
        self.rate()

    def _confirm_changed(self, _text: str) -> None:
        self.typed.add(self.keys[1])
        self.changed.emit()

    def _rated(self) -> None:
        rating = self.meter.strength
        fair = rating is not None and rating.verdict == "needs-confirmation"
        # Only for a fair secret, never a refused one; unticked when it goes, so a consent
        # given to one fair secret does not carry over to the next after a better one.
        if not fair:
            self.consent.setChecked(False)
        self.consent.setVisible(fair)
        self.consent.setEnabled(fair)
        # Said with the page's problems (revalidate, on changed), in one description change.
        self.field.set_status(self.meter.sentence, quiet=True)
        self.changed.emit()
        self.field.set_status(self.meter.sentence)

    def problems(self) -> dict[str, str]:
        """Every refusal, keyed by field; ``visible_problems`` picks the ones to display."""
        key, confirm_key, consent_key = self.keys
        text = self.field.text()
        # While a new text is rated, the previous rating stays on screen (Next stays disabled
        # meanwhile): messages do not flicker on every keystroke.
        rating = self.meter.strength or self.meter.shown
        found: dict[str, str] = {}
        for problem in checks.check_secret(text, field=key, rating=rating,
                                           accept_weak=self.consent.isChecked()):
            where = consent_key if problem.code is Code.NEEDS_CONSENT else key
            found[where] = self._word(problem)
        for problem in check_confirmation(text, self.confirm.text(), field=confirm_key):
            found[confirm_key] = self._word(problem)
        return found

    def _word(self, problem: Problem) -> str:
        """A problem of ``checks.check_secret`` or ``check_confirmation``, in the page's words."""
        words = self.words
        confirming = problem.field == self.keys[1]
        if problem.code is Code.EMPTY:
            message = words.confirm_empty if confirming else words.empty
            return tr(message)
        if problem.code is Code.MISMATCH:
            return tr(words.mismatch)
        if problem.code is Code.TOO_LONG_BYTES:
            return tr(words.too_long_bytes).format(size=problem.size, limit=problem.limit)
        if problem.code is Code.INVISIBLE_CHARACTER:
            return tr(words.invisible).format(character=problem.character)
        if problem.code is Code.TOO_WEAK:
            # The main reason; the meter above lists all of zxcvbn's advice.
            why = problem.reasons[0] if problem.reasons else tr("It is too easy to guess.")
            return tr(words.too_weak).format(label=label_text(problem.label), why=why)
        if problem.code is Code.NEEDS_CONSENT:
            return tr(words.needs_consent)
        raise ValueError(f"no wording for {problem.code} of a secret")

    def visible_problems(self, found: dict[str, str]) -> dict[str, str]:
        """The problems to display: an empty field nobody typed in yet is not an error, so a
        fresh page has no red text (Next stays disabled all the same)."""
        fields = {self.keys[0]: self.field, self.keys[1]: self.confirm}
        return {name: message for name, message in found.items()
                if name in self.typed or name not in fields or fields[name].text()}
