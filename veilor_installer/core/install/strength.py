"""How guessable a passphrase or password is, and whether the policy of DESIGN §8 takes it.

The policy: at least 8 characters and a zxcvbn score of at least 2; a score of 2 needs an
explicit "use it anyway". zxcvbn models how attackers guess (common passwords, words, names,
keyboard walks, dates, l33t spelling, the user's own name and host name) instead of counting
character classes, so "P@ssw0rd1" is refused like "password1".

Speed: zxcvbn's matching costs about (2 + the number of l33t substitution combinations) x the
square of the length. A 64-character input full of l33t characters (``4@8(3!|0$+%``) took one
second here, a random 64-character password up to 0.4 s: too slow to rate every keystroke
(DESIGN §9: the GUI thread never stalls > 50 ms), and zxcvbn refuses more than 72 characters
anyway. So ``assess`` rates the longest prefix, at most 64 characters, whose estimated cost
fits the budget (under 50 ms for every kind of input tried on a 2-core machine) and reports
how many characters it rated in ``Strength.scored_length``. Ordinary passphrases are rated
whole up to 64 characters; the rated prefix of a long random password is already "very
strong". The estimate depends only on the text, so one input always gets one answer.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

from veilor_installer.core.i18n import N_, Text

MIN_LENGTH = 8
LABELS = ("very weak", "weak", "fair", "strong", "very strong")
Verdict = Literal["refused", "needs-confirmation", "ok"]

# zxcvbn refuses more than 72 characters; its scoring of long digit runs and repeats, which
# the estimate below does not see, passed 50 ms between 64 and 72.
MAX_SCORED = 64
# Units of (2 + l33t combinations) * L * (L + 1) / 2; one took 1.1 to 4 µs here, by content.
_COST_BUDGET = 10_000
# zxcvbn stores the user inputs in a module-global dictionary (matching.RANKED_DICTIONARIES)
# while it rates: one rating at a time, and none left behind (see _forget_user_inputs).
_lock = threading.Lock()


@dataclass(frozen=True)
class Strength:
    """What the GUI shows under a secret field and what the answers check refuses.

    ``score`` is zxcvbn's 0-4, capped at 1 below the minimum length so that a meter never calls
    a refused secret strong. ``problems`` are sentences a person can act on; none quotes the
    secret. ``crack_time`` is zxcvbn's estimate for an offline attack on a slow hash (about
    10^4 guesses a second), which is what LUKS2's argon2id and yescrypt are.
    """

    score: int
    label: str
    """One of ``LABELS`` (English, a key: ``label_text`` words it)."""
    verdict: Verdict
    problems: tuple[Text, ...]
    non_ascii: bool
    crack_time: Text | None
    scored_length: int


@functools.cache
def _zxcvbn() -> tuple[Any, ModuleType]:
    """zxcvbn, imported on first use: loading its word lists takes ~50 ms of start-up time."""
    from zxcvbn import matching, zxcvbn

    return zxcvbn, matching


@functools.lru_cache(maxsize=256)
def _l33t_combinations(chars: str) -> int:
    """How many l33t substitution tables zxcvbn tries for a text holding ``chars``: its
    ``relevant_l33t_subtable`` depends only on which characters occur."""
    matching = _zxcvbn()[1]
    try:
        table = matching.relevant_l33t_subtable(chars, matching.L33T_TABLE)
        return sum(1 for _ in matching.enumerate_l33t_subs(table))
    except AttributeError:  # a zxcvbn without these internals: assume the worst seen here
        return 368


@functools.cache
def _l33t_characters() -> frozenset[str]:
    matching = _zxcvbn()[1]
    table = getattr(matching, "L33T_TABLE", {})
    return frozenset(ch for subs in table.values() for ch in subs)


def _forget_user_inputs(matching: ModuleType) -> None:
    """Drop the user inputs zxcvbn keeps between calls.

    PyPI's zxcvbn 4.5.0 replaces them on every call. Debian's (4.5.0 plus upstream's later lazy
    loading) replaces them only when a call has some: a rating without user inputs then still
    matched the previous rating's, so "alice-laptop1" rated weaker after "alice" had been
    someone's user name. No rating may depend on an earlier one.
    """
    ranked = getattr(matching, "RANKED_DICTIONARIES", None)
    if isinstance(ranked, dict):
        ranked.pop("user_inputs", None)


def scored_length(secret: str) -> int:
    """How many leading characters of ``secret`` ``assess`` rates (see the module's note)."""
    l33t = _l33t_characters()
    seen: set[str] = set()
    combinations = 0
    for length in range(1, min(len(secret), MAX_SCORED) + 1):
        char = secret[length - 1]
        if char in l33t and char not in seen:
            seen.add(char)
            combinations = _l33t_combinations("".join(sorted(seen)))
        if (2 + combinations) * length * (length + 1) // 2 > _COST_BUDGET:
            return max(length - 1, min(len(secret), MIN_LENGTH))
    return min(len(secret), MAX_SCORED)


def assess(secret: str, user_inputs: Sequence[str] = ()) -> Strength:
    """Rate ``secret`` and apply the policy.

    ``user_inputs`` are words an attacker would try first: the user name, full name, host
    name. Under 8 characters or a score of 0-1 is refused; a score of 2 needs confirmation.
    """
    zxcvbn, matching = _zxcvbn()
    length = scored_length(secret)
    with _lock:
        _forget_user_inputs(matching)
        try:
            result = zxcvbn(secret[:length], user_inputs=list(user_inputs))
        finally:
            _forget_user_inputs(matching)
    score = int(result["score"])
    problems: list[Text] = []
    too_short = len(secret) < MIN_LENGTH
    if too_short:
        problems.append(Text("Shorter than {least} characters; use at least {least}.",
                             least=MIN_LENGTH))
        score = min(score, 1)
    feedback = result.get("feedback", {})
    for text in [feedback.get("warning", ""), *feedback.get("suggestions", [])]:
        ours = advice(text) if text else None
        if ours is not None and ours not in problems:
            problems.append(ours)
    verdict: Verdict
    if too_short or score <= 1:
        verdict = "refused"
    elif score == 2:
        verdict = "needs-confirmation"
    else:
        verdict = "ok"
    return Strength(
        score=score,
        label=LABELS[score],
        verdict=verdict,
        problems=tuple(problems),
        non_ascii=not secret.isascii(),
        crack_time=time_to_guess(
            float(result["crack_times_seconds"]["offline_slow_hashing_1e4_per_second"])),
        scored_length=length,
    )


def label_text(label: str) -> Text:
    """zxcvbn's word for a score (one of ``LABELS``), to be shown."""
    return Text(_LABEL_WORDS.get(label, label))


_LABEL_WORDS = {"very weak": N_("very weak"), "weak": N_("weak"), "fair": N_("fair"),
                "strong": N_("strong"), "very strong": N_("very strong")}

# Every warning and suggestion zxcvbn 4.5's feedback.py can give, in our words (the same
# English): zxcvbn's own are not in our catalogue.
_ADVICE = {
    "Use a few words, avoid common phrases.": N_("Use a few words, avoid common phrases."),
    "No need for symbols, digits, or uppercase letters.":
        N_("No need for symbols, digits, or uppercase letters."),
    "Add another word or two. Uncommon words are better.":
        N_("Add another word or two. Uncommon words are better."),
    "Straight rows of keys are easy to guess.": N_("Straight rows of keys are easy to guess."),
    "Short keyboard patterns are easy to guess.":
        N_("Short keyboard patterns are easy to guess."),
    "Use a longer keyboard pattern with more turns.":
        N_("Use a longer keyboard pattern with more turns."),
    'Repeats like "aaa" are easy to guess.': N_('Repeats like "aaa" are easy to guess.'),
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".':
        N_('Repeats like "abcabcabc" are only slightly harder to guess than "abc".'),
    "Avoid repeated words and characters.": N_("Avoid repeated words and characters."),
    'Sequences like "abc" or "6543" are easy to guess.':
        N_('Sequences like "abc" or "6543" are easy to guess.'),
    "Avoid sequences.": N_("Avoid sequences."),
    "Recent years are easy to guess.": N_("Recent years are easy to guess."),
    "Avoid recent years.": N_("Avoid recent years."),
    "Avoid years that are associated with you.": N_("Avoid years that are associated with you."),
    "Dates are often easy to guess.": N_("Dates are often easy to guess."),
    "Avoid dates and years that are associated with you.":
        N_("Avoid dates and years that are associated with you."),
    "This is a top-10 common password.": N_("This is a top-10 common password."),
    "This is a top-100 common password.": N_("This is a top-100 common password."),
    "This is a very common password.": N_("This is a very common password."),
    "This is similar to a commonly used password.":
        N_("This is similar to a commonly used password."),
    "A word by itself is easy to guess.": N_("A word by itself is easy to guess."),
    "Names and surnames by themselves are easy to guess.":
        N_("Names and surnames by themselves are easy to guess."),
    "Common names and surnames are easy to guess.":
        N_("Common names and surnames are easy to guess."),
    "Capitalization doesn't help very much.": N_("Capitalization doesn't help very much."),
    "All-uppercase is almost as easy to guess as all-lowercase.":
        N_("All-uppercase is almost as easy to guess as all-lowercase."),
    "Reversed words aren't much harder to guess.":
        N_("Reversed words aren't much harder to guess."),
    "Predictable substitutions like '@' instead of 'a' don't help very much.":
        N_("Predictable substitutions like '@' instead of 'a' don't help very much."),
}
_UNKNOWN_ADVICE = N_("Choose something less predictable.")


def advice(zxcvbn_text: str) -> Text:
    """A warning or suggestion of zxcvbn's, in our words; one we do not know (a newer zxcvbn)
    becomes a general hint rather than untranslated English."""
    return Text(_ADVICE.get(zxcvbn_text, _UNKNOWN_ADVICE))


def time_to_guess(seconds: float) -> Text:
    """zxcvbn's ``display_time``, in our words: "3 hours", "centuries"."""
    minute, hour, day = 60, 3600, 86400
    month = day * 31
    year = month * 12
    if seconds < 1:
        return Text("less than a second")
    if seconds < minute:
        return Text.plural("{n} second", "{n} seconds", round(seconds))
    if seconds < hour:
        return Text.plural("{n} minute", "{n} minutes", round(seconds / minute))
    if seconds < day:
        return Text.plural("{n} hour", "{n} hours", round(seconds / hour))
    if seconds < month:
        return Text.plural("{n} day", "{n} days", round(seconds / day))
    if seconds < year:
        return Text.plural("{n} month", "{n} months", round(seconds / month))
    if seconds < year * 100:
        return Text.plural("{n} year", "{n} years", round(seconds / year))
    return Text("centuries")


def caps_lock_suspect(text: str) -> bool:
    """Whether ``text`` looks typed with Caps Lock on, for a warning beside the field.

    Caps Lock inverts the case of letters: "Hello" arrives as "hELLO". So: at least three
    cased letters, and at least three quarters of them upper case. All-caps secrets exist, so
    this only ever warns; it never refuses.
    """
    letters = [ch for ch in text if ch.isupper() or ch.islower()]
    if len(letters) < 3:
        return False
    upper = sum(1 for ch in letters if ch.isupper())
    return upper * 4 >= len(letters) * 3
