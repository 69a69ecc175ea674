"""The Language & keyboard page, driven through its widgets as a person would."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from helpers.gui import (
    CONTROLS,
    click_row,
    neighbour,
    next_enabled,
    selected,
    squeezed,
    values,
    wizard_with,
)
from PyQt6.QtCore import QCoreApplication, QModelIndex, Qt
from PyQt6.QtGui import QFontDatabase
from PyQt6.QtWidgets import (
    QComboBox,
    QListView,
    QWizard,
)

from veilor_installer.core.install import localedata, localenames
from veilor_installer.core.install.localedata import keymap_names
from veilor_installer.gui.install import language as language_page
from veilor_installer.gui.install.language import (
    LanguagePage,
    language_choices,
    language_names,
)
from veilor_installer.gui.widgets.choicelist import VALUE_ROLE, Choice, searchable


def loaded_page(qtbot: Any, state: Any) -> tuple[QWizard, LanguagePage]:
    page = LanguagePage(state)
    wizard = wizard_with(qtbot, page, neighbour("Time zone"))
    qtbot.waitUntil(lambda: page.loaded)
    return wizard, page


# --- the lists ---------------------------------------------------------------------------------


def test_every_locale_and_keymap_is_listed_with_a_name(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = loaded_page(qtbot, demo_state)
    assert sorted(values(page.languages)) == sorted(localedata.locales())
    assert sorted(values(page.keyboards)) == sorted(localedata.keymaps())
    assert page.languages.text_of("de_DE.UTF-8") == "Deutsch (Deutschland) — German (Germany)"
    assert page.keyboards.text_of("de-nodeadkeys") == "German (no dead keys) — de-nodeadkeys"
    assert page.keyboards.text_of("ru") == "Russian + English (US) — ru"


def test_the_keymap_name_table_covers_every_keymap() -> None:
    names = keymap_names()
    assert set(names) == set(localedata.keymaps())
    assert all(name.strip() == name and name for name in names.values())


@pytest.mark.parametrize(("locale", "native", "english"), [
    ("de_DE.UTF-8", "Deutsch (Deutschland)", "German (Germany)"),
    ("sr_RS.UTF-8@latin", "srpski (Srbija)", "Serbian (Latin, Serbia)"),
    ("ca_ES.UTF-8@valencia", "català (Espanya, valencia)", "Catalan (Spain, valencia)"),
    ("eo.UTF-8", "Esperanto", "Esperanto"),
    ("agr_PE.UTF-8", "agr (Peru)", "agr (Peru)"),  # a language Qt does not know
])
def test_language_names(locale: str, native: str, english: str) -> None:
    assert language_names(locale) == (native, english)


def test_names_the_fonts_cannot_show_are_left_out() -> None:
    latin = frozenset({QFontDatabase.WritingSystem.Latin})
    bengali = latin | {QFontDatabase.WritingSystem.Bengali}
    without = {c.value: c for c in language_choices(latin)}
    with_font = {c.value: c for c in language_choices(bengali)}
    assert without["bn_BD.UTF-8"].text == "Bangla (Bangladesh)"
    assert with_font["bn_BD.UTF-8"].text == "বাংলা (বাংলাদেশ) — Bangla (Bangladesh)"
    assert "বাংলা" in without["bn_BD.UTF-8"].search  # still found by its own name
    assert without["de_DE.UTF-8"].text == "Deutsch (Deutschland) — German (Germany)"
    assert without["ja_JP.UTF-8"].text == "Japanese (Japan)"


def test_every_language_row_is_drawn_without_font_warnings(qtbot: Any, demo_state: Any) -> None:
    """Qt warns when a row needs a font this machine lacks (and the test fails on warnings)."""
    _wizard, page = loaded_page(qtbot, demo_state)
    view = page.ui.languageList
    step = max(1, view.viewport().height() // max(1, view.sizeHintForRow(0)))
    for row in range(0, page.languages.proxy.rowCount(), step):
        view.scrollTo(page.languages.proxy.index(row, 0),
                      QListView.ScrollHint.PositionAtTop)
        view.viewport().repaint()
    shown = QFontDatabase.writingSystems()
    expected = ("বাংলা (বাংলাদেশ) — Bangla (Bangladesh)"
                if QFontDatabase.WritingSystem.Bengali in shown else "Bangla (Bangladesh)")
    assert page.languages.text_of("bn_BD.UTF-8") == expected


def test_search_ignores_case_accents_and_separators() -> None:
    assert searchable("America/New_York") == "america new york"
    assert searchable("Français (France)") == "francais (france)"


# --- choosing ----------------------------------------------------------------------------------


def test_choosing_by_keyboard_alone(qtbot: Any, demo_state: Any) -> None:
    wizard, page = loaded_page(qtbot, demo_state)
    search = page.ui.languageFilter
    search.setFocus()
    qtbot.keyClicks(search, "deutsch deutschland")
    assert values(page.languages) == ["de_DE.UTF-8"]
    assert demo_state.language == "en_US.UTF-8"  # typing alone changes nothing
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert demo_state.language == "de_DE.UTF-8"
    assert demo_state.keyboard == "de"  # the language's keymap, preselected
    assert selected(page.keyboards) == ["de"]

    search = page.ui.keyboardFilter
    search.setFocus()
    qtbot.keyClicks(search, "german no dead")
    matches = values(page.keyboards)
    assert "de-nodeadkeys" in matches and "de" not in matches
    qtbot.keyClick(search, Qt.Key.Key_Down)
    first = matches[0]
    assert demo_state.keyboard == first
    row = matches.index("de-nodeadkeys")
    for _ in range(row):
        qtbot.keyClick(search, Qt.Key.Key_Down)
    assert demo_state.keyboard == "de-nodeadkeys"
    qtbot.keyClick(search, Qt.Key.Key_Up)
    assert demo_state.keyboard == matches[row - 1]
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert demo_state.keyboard == "de-nodeadkeys"
    assert "German (no dead keys)" in page.ui.keyboardStatus.text()
    assert next_enabled(wizard)


def test_enter_in_the_search_chooses_the_first_match_and_goes_on(
        qtbot: Any, demo_state: Any) -> None:
    wizard, page = loaded_page(qtbot, demo_state)
    search = page.ui.languageFilter
    search.setFocus()
    qtbot.keyClicks(search, "francais (france)")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert demo_state.language == "fr_FR.UTF-8"
    assert demo_state.keyboard == "fr"
    qtbot.waitUntil(lambda: wizard.currentPage() is not page)


def test_a_search_that_hides_the_choice_keeps_it(qtbot: Any, demo_state: Any) -> None:
    wizard, page = loaded_page(qtbot, demo_state)
    qtbot.keyClicks(page.ui.languageFilter, "zzzz")
    assert values(page.languages) == []
    assert "No language matches “zzzz”" in page.ui.languageStatus.text()
    assert demo_state.language == "en_US.UTF-8"
    assert next_enabled(wizard)
    page.ui.languageFilter.clear()
    assert selected(page.languages) == ["en_US.UTF-8"]


def test_a_keymap_picked_by_hand_is_not_overwritten_by_the_language(
        qtbot: Any, demo_state: Any) -> None:
    _wizard, page = loaded_page(qtbot, demo_state)
    click_row(qtbot, page.languages, "de_DE.UTF-8")
    assert demo_state.keyboard == "de"
    click_row(qtbot, page.languages, "fr_FR.UTF-8")
    assert demo_state.keyboard == "fr"  # still following the language
    click_row(qtbot, page.keyboards, "us")
    assert demo_state.keyboard == "us"
    click_row(qtbot, page.languages, "de_DE.UTF-8")
    assert demo_state.language == "de_DE.UTF-8"
    assert demo_state.keyboard == "us"
    assert selected(page.keyboards) == ["us"]


# --- refusals ----------------------------------------------------------------------------------


def test_no_language_chosen_is_refused_beside_the_list(qtbot: Any, demo_state: Any) -> None:
    wizard, page = loaded_page(qtbot, demo_state)
    assert next_enabled(wizard)
    click_row(qtbot, page.languages, "en_US.UTF-8", Qt.KeyboardModifier.ControlModifier)
    assert demo_state.language == ""
    assert not next_enabled(wizard)
    error = page.ui.languageError
    assert error.isVisible() and error.text() == "Choose a language from the list."
    assert page.ui.languageList.property("invalid") is True
    assert page.ui.languageList.accessibleDescription() == error.text()
    assert not page.ui.keyboardError.isVisible()
    click_row(qtbot, page.languages, "en_US.UTF-8")
    assert next_enabled(wizard)
    assert not error.isVisible() and page.ui.languageList.property("invalid") is False


def test_no_keyboard_chosen_is_refused_beside_the_list(qtbot: Any, demo_state: Any) -> None:
    wizard, page = loaded_page(qtbot, demo_state)
    click_row(qtbot, page.keyboards, "us", Qt.KeyboardModifier.ControlModifier)
    assert demo_state.keyboard == ""
    assert not next_enabled(wizard)
    assert page.ui.keyboardError.isVisible()
    assert "passphrase" in page.ui.keyboardError.text()


def test_values_not_in_the_lists_are_refused(qtbot: Any, demo_state: Any) -> None:
    demo_state.language = "xx_XX.UTF-8"
    demo_state.keyboard = "us,ru"  # valid in an answers file, but not one list entry
    wizard, page = loaded_page(qtbot, demo_state)
    assert selected(page.languages) == [] and selected(page.keyboards) == []
    assert not next_enabled(wizard)
    assert set(page.problems()) == {"language", "keyboard"}


def test_next_waits_for_the_lists(qtbot: Any, demo_state: Any,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    ran_on: list[threading.Thread] = []

    def slow_languages(systems: Any = None, ui: str = "en") -> list[Choice]:
        ran_on.append(threading.current_thread())
        if not release.wait(20):
            raise TimeoutError("the test never released the list")
        return language_choices(systems, ui)

    monkeypatch.setattr(language_page, "language_choices", slow_languages)
    page = LanguagePage(demo_state)
    try:
        wizard = wizard_with(qtbot, page, neighbour("Time zone"))
        qtbot.waitUntil(lambda: bool(ran_on))
        assert ran_on[0] is not threading.main_thread()
        assert not page.loaded and not next_enabled(wizard)
        assert not page.ui.languageList.isEnabled()
        assert page.ui.languageStatus.text() == "Loading the languages…"
    finally:
        release.set()
    qtbot.waitUntil(lambda: next_enabled(wizard))
    assert page.ui.languageList.isEnabled()
    assert selected(page.languages) == ["en_US.UTF-8"]


# --- going back --------------------------------------------------------------------------------


def test_back_keeps_every_choice_and_text(qtbot: Any, demo_state: Any) -> None:
    page = LanguagePage(demo_state)
    wizard = wizard_with(qtbot, neighbour("Welcome"), page, neighbour("Time zone"))
    wizard.next()
    qtbot.waitUntil(lambda: page.loaded)
    click_row(qtbot, page.languages, "de_AT.UTF-8")
    qtbot.keyClicks(page.ui.keyboardFilter, "german")
    click_row(qtbot, page.keyboards, "de-nodeadkeys")
    qtbot.keyClicks(page.ui.tryField, "Hallo, @ and /")

    for _ in range(2):
        wizard.next()
        assert wizard.currentPage() is not page
        wizard.back()
        assert wizard.currentPage() is page
        assert demo_state.language == "de_AT.UTF-8"
        assert demo_state.keyboard == "de-nodeadkeys"
        assert selected(page.languages) == ["de_AT.UTF-8"]
        assert selected(page.keyboards) == ["de-nodeadkeys"]
        assert page.ui.keyboardFilter.text() == "german"
        assert page.ui.tryField.text() == "Hallo, @ and /"
        wizard.back()  # to the page before, and in again
        wizard.next()
        assert selected(page.keyboards) == ["de-nodeadkeys"]
    # The keymap was picked by hand: choosing another language still leaves it.
    click_row(qtbot, page.languages, "de_DE.UTF-8")
    assert demo_state.keyboard == "de-nodeadkeys"


# --- accessibility and size --------------------------------------------------------------------


def test_every_control_has_an_accessible_name(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = loaded_page(qtbot, demo_state)
    controls = [w for w in page.findChildren(CONTROLS) if not isinstance(w.parent(), QComboBox)]
    assert page.ui.tryField in controls and page.ui.keyboardList in controls
    assert len(controls) >= 5
    unnamed = [w.objectName() for w in controls if not w.accessibleName()]
    assert unnamed == []


def test_the_passphrase_keyboard_is_explained(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = loaded_page(qtbot, demo_state)
    assert "passphrase" in page.ui.passphraseNote.text()
    assert page.ui.passphraseNote.isVisible()


def test_fits_800_by_600(qtbot: Any, demo_state: Any) -> None:
    wizard, page = loaded_page(qtbot, demo_state)
    hint = page.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 600
    wizard.resize(800, 600)
    minimum = wizard.minimumSize()
    assert minimum.width() <= 800 and minimum.height() <= 600
    assert wizard.size().width() == 800 and wizard.size().height() == 600
    QCoreApplication.processEvents()  # the layouts settle at the new size
    assert squeezed(page) == []


def test_the_chosen_row_is_visible_after_loading(qtbot: Any, demo_state: Any) -> None:
    demo_state.language = "zh_TW.UTF-8"
    _wizard, page = loaded_page(qtbot, demo_state)
    index: QModelIndex = page.languages.proxy.index(page.languages.visible_row("zh_TW.UTF-8"), 0)
    view = page.ui.languageList
    assert view.viewport().rect().intersects(view.visualRect(index))


# --- the wizard's language ---------------------------------------------------------------------


@pytest.mark.skipif(not (localenames.LOCALE_DIR / "ru" / "LC_MESSAGES" / "iso_639-2.mo").exists(),
                    reason="this machine has no iso-codes translations")
def test_choosing_a_language_switches_the_wizard_and_names_the_lists_in_it(
        qtbot: Any, demo_state: Any) -> None:
    from veilor_installer.core import i18n

    wizard, page = loaded_page(qtbot, demo_state)

    def order() -> list[str]:
        model = page.languages.model
        return [model.item(row).data(VALUE_ROLE) for row in range(model.rowCount())]

    before = order()
    page.ui.languageFilter.setText("russian")
    click_row(qtbot, page.languages, "ru_RU.UTF-8")
    assert i18n.language() == "ru"
    assert page.title() == i18n.catalogue("ru").gettext("Language & keyboard")

    def german() -> str:
        return page.languages.text_of("de_DE.UTF-8")

    qtbot.waitUntil(lambda: german() == "Deutsch (Deutschland) — Немецкий (Германия)")
    assert page.keyboards.text_of("de-nodeadkeys").startswith("Немецкая")
    assert selected(page.languages) == ["ru_RU.UTF-8"]  # kept through the new names
    assert order() == before  # arrow keys move through the same order in every language
    assert selected(page.keyboards) == ["ru"]
    page.ui.languageFilter.setText("german germany")  # the English names are still found
    assert "de_DE.UTF-8" in values(page.languages)
    page.ui.languageFilter.setText("english united states")
    click_row(qtbot, page.languages, "en_US.UTF-8")
    assert i18n.language() == "en"
    qtbot.waitUntil(lambda: german() == "Deutsch (Deutschland) — German (Germany)")
    assert page.title() == "Language & keyboard"
    wizard.close()
