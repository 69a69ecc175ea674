"""Names of languages, countries and keyboard layouts from the system's iso-codes and
xkeyboard-config translations (skipped where this machine lacks them)."""

from __future__ import annotations

import pytest

from veilor_installer.core.install import localenames

needs = pytest.mark.skipif(
    not (localenames.LOCALE_DIR / "ru" / "LC_MESSAGES" / "iso_639-2.mo").exists()
    or not (localenames.LOCALE_DIR / "ru" / "LC_MESSAGES" / "xkeyboard-config.mo").exists(),
    reason="this machine has no iso-codes or xkeyboard-config translations")


@needs
def test_names_come_in_the_language_asked_for() -> None:
    assert localenames.language_name("German", "ru") == "немецкий"
    assert localenames.territory_name("Germany", "ru_RU") == "Германия"
    assert localenames.keyboard_name("German (no dead keys)", "de").startswith("Deutsch")


def test_english_and_unknown_names_stay_as_they_are() -> None:
    assert localenames.language_name("German", "en") == "German"
    assert localenames.territory_name("Nowhere Land", "ru") == "Nowhere Land"
    assert localenames.keyboard_name("", "ru") == ""
    assert localenames.keyboard_name("German", "xx") == "German"  # no such catalogue


@needs
def test_names_by_code_are_iso_codes_own_so_their_translations_are_found() -> None:
    assert localenames.language_by_code("de", "ru") == "немецкий"
    assert localenames.territory_by_code("DE", "ru") == "Германия"
    assert localenames.territory_by_code("RU", "de") is not None
    assert localenames.language_by_code("xx", "ru") is None
    assert localenames.keyboard_name("Russian + English (US)", "ru") == "Русская + Английская (США)"
