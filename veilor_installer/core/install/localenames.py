"""Names of languages, countries and keyboard layouts in the language the wizard speaks, from
the translations the system ships with the data they name: iso-codes (``iso_639-2``,
``iso_3166-1``, ``iso_15924``) and xkeyboard-config, gettext domains under
``/usr/share/locale`` (Fedora's live image has both). Where a system lacks them, or a name is
not in them, the English name stays: a person recognises it too, and searches find both.
"""

from __future__ import annotations

import functools
import gettext
import json
from pathlib import Path

LOCALE_DIR = Path("/usr/share/locale")
ISO_CODES = Path("/usr/share/iso-codes/json")
"""iso-codes' tables: a code's English name there is the one its translations know."""
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


@functools.cache
def _table(standard: str, code_field: str) -> dict[str, str]:
    """``iso_639-2`` / ``alpha_2`` → {"de": "German", …}; empty where iso-codes is missing."""
    try:
        data = json.loads((ISO_CODES / f"{standard}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    rows = data.get(standard.removeprefix("iso_"), []) if isinstance(data, dict) else []
    return {str(row[code_field]).lower(): str(row.get("common_name") or row["name"])
            for row in rows if isinstance(row, dict) and code_field in row and "name" in row}


def language_by_code(code: str, language: str) -> str | None:
    """The language ``code`` (``de``, ``agr``) named in ``language`` by iso-codes; None when
    iso-codes does not know it (or is missing)."""
    standard, field = ("iso_639-2", "alpha_2") if len(code) == 2 else ("iso_639-3", "alpha_3")
    english = _table(standard, field).get(code.lower())
    return named(standard, english, language) if english else None


def territory_by_code(code: str, language: str) -> str | None:
    """The country ``code`` (``RU``) named in ``language`` by iso-codes: "Россия"."""
    english = _table("iso_3166-1", "alpha_2").get(code.lower())
    return named(TERRITORIES, english, language) if english else None


def script_name(english: str, language: str) -> str:
    """"Latin" in Russian: "Латинская"."""
    return named(SCRIPTS, english, language)


def keyboard_name(english: str, language: str) -> str:
    """"German (no dead keys)" in Russian: "Немецкая (без спецклавиш)"; each layout of a
    combined name ("Russian + English (US)") on its own."""
    return " + ".join(named(KEYBOARDS, part, language) for part in english.split(" + "))
