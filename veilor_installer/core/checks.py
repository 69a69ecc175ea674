"""What an input check answers, and the rules of text both wizards share.

A check (here, in ``core/install/checks.py`` and ``core/firstboot/choices.unlock_problems``) is
a pure function that returns a list of ``Problem``s: a stable code, the field it concerns and
the numbers or names a sentence about it needs. It never words them: the answers file words
them for the command line in the environment's language, each page with ``tr``
(pyanaconda's ``input_checking`` does the same: checks return results, spokes word them). So
one rule has one function, and a translation changes only the wording.

Here live what install and first boot both use (neither imports the other): the problem type,
the codes, the invisible-character rule and the confirmation rule.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

from veilor_installer.core.i18n import Text


class Code(enum.StrEnum):
    """Why an input is refused. The values are stable: callers word them, tests name them."""

    EMPTY = "empty"
    INVISIBLE_CHARACTER = "invisible_character"
    TOO_LONG = "too_long"
    TOO_LONG_BYTES = "too_long_bytes"
    TOO_SHORT = "too_short"
    INVALID_CHARACTERS = "invalid_characters"
    RESERVED = "reserved"
    NUMERIC_ENDING = "numeric_ending"
    CONTAINS_COLON = "contains_colon"
    TOO_WEAK = "too_weak"
    NEEDS_CONSENT = "needs_consent"
    MISMATCH = "mismatch"


@dataclass(frozen=True)
class Problem:
    """One refusal. None of its fields ever holds a secret's text."""

    code: Code
    field: str
    limit: int = 0
    """TOO_LONG, TOO_LONG_BYTES: the most allowed; TOO_SHORT, and EMPTY where a least is
    required: the fewest."""
    size: int = 0
    """TOO_LONG: the value's length in characters; TOO_LONG_BYTES: in UTF-8 bytes."""
    character: str = ""
    """INVISIBLE_CHARACTER: the Unicode name of the first one (or U+XXXX)."""
    name: str = ""
    """RESERVED: the name refused."""
    label: str = ""
    """TOO_WEAK, NEEDS_CONSENT: the strength's English label ("weak", "fair")."""
    reasons: tuple[Text, ...] = ()
    """TOO_WEAK: zxcvbn's advice, in our words (``strength.advice``); never quotes the
    secret."""


_FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Co", "Cn", "Zl", "Zp"}
# Invisible format characters are refused in secrets (they cannot be typed at the boot prompt)
# and in names, except the joiners some scripts need in a person's name.
_NAME_FORMAT_OK = {"\u200c", "\u200d"}


def check_invisible(value: str, *, field: str, allow_joiners: bool = False) -> list[Problem]:
    """INVISIBLE_CHARACTER for the first control, format, private-use, unassigned or
    line-separator character of ``value``; ``allow_joiners`` lets ZWNJ and ZWJ through."""
    for ch in value:
        category = unicodedata.category(ch)
        if category in _FORBIDDEN_CATEGORIES or (
            category == "Cf" and not (allow_joiners and ch in _NAME_FORMAT_OK)
        ):
            name = unicodedata.name(ch, f"U+{ord(ch):04X}")
            return [Problem(Code.INVISIBLE_CHARACTER, field, character=name)]
    return []


def check_confirmation(value: str, confirm: str, *, field: str) -> list[Problem]:
    """A secret typed a second time: EMPTY while only the first is typed, MISMATCH when the
    two differ. ``field`` is the confirmation's."""
    if value and not confirm:
        return [Problem(Code.EMPTY, field)]
    if confirm and confirm != value:
        return [Problem(Code.MISMATCH, field)]
    return []
