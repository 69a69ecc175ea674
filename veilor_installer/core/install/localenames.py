"""Names of languages, countries and keyboard layouts in the language the wizard speaks, from
the translations the system ships with the data they name: iso-codes (``iso_639-2``,
``iso_3166-1``, ``iso_15924``) and xkeyboard-config, gettext domains under ``/usr/share/locale`` (Fedora's
live image has both). Where a system lacks them, or a name is not in them, the English name
stays: these are names a person recognises in English too, and searches find both.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

LOCALE_DIR = Path("/usr/share/locale")
LANGUAGES = "iso_639-2"
TERRITORIES = "iso_3166-1"
KEYBOARDS = "xkeyboard-config"
SCRIPTS = "iso_15924"


@functools.cache
def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    if language.split("_", 1)[0] == "en":
        return gettext.NullTranslations()
    return gettext.translation(domain, str(LOCALE_DIR), languages=[language], fallback=True)


def named(domain: str, english: str, language: str) -> str:
    """``english`` (a name from ``domain``) in ``language``; itself when not translated."""
    if not english:
        return english
    return _catalogue(domain, language).gettext(english)


def language_name(english: str, language: str) -> str:
    """"German" in Russian: "немецкий"."""
    return named(LANGUAGES, english, language)


def territory_name(english: str, language: str) -> str:
    """"Germany" in Russian: "Германия"."""
    return named(TERRITORIES, english, language)


def script_name(english: str, language: str) -> str:
    """"Latin" in Russian: "Латинская"."""
    return named(SCRIPTS, english, language)


def keyboard_name(english: str, language: str) -> str:
    """"German (no dead keys)" in Russian: "Немецкая (без спецклавиш)"."""
    return named(KEYBOARDS, english, language)
