"""The Time zone page: search, defaults from the language, the clock, and going back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

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
from PyQt6.QtCore import QCoreApplication, Qt
from PyQt6.QtWidgets import (
    QWizard,
)

from veilor_installer.core.install import localedata
from veilor_installer.gui.install.timezone import TimezonePage, timezone_choices, utc_offset


def timezone_wizard(qtbot: Any, state: Any) -> tuple[QWizard, TimezonePage]:
    """Language (a stand-in) → Time zone → Disks (a stand-in), on the time zone page."""
    page = TimezonePage(state)
    wizard = wizard_with(qtbot, neighbour("Language & keyboard"), page, neighbour("Disks"))
    wizard.next()
    qtbot.waitUntil(lambda: page.zones.loaded)
    return wizard, page


# --- the list and the clock --------------------------------------------------------------------


def test_every_zone_is_listed(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = timezone_wizard(qtbot, demo_state)
    assert values(page.zones) == list(localedata.timezones())
    assert "America/Argentina/Buenos Aires — UTC" in page.zones.text_of(
        "America/Argentina/Buenos_Aires")


def test_utc_offsets() -> None:
    assert utc_offset(datetime(2025, 1, 15, 12, tzinfo=ZoneInfo("Asia/Kolkata"))) == "UTC+05:30"
    assert utc_offset(datetime(2025, 1, 15, 12, tzinfo=ZoneInfo("America/New_York"))) \
        == "UTC-05:00"
    assert utc_offset(datetime(2025, 7, 15, 12, tzinfo=ZoneInfo("America/New_York"))) \
        == "UTC-04:00"
    assert utc_offset(datetime(2025, 7, 15, 12, tzinfo=UTC)) == "UTC+00:00"
    january = {c.value: c.text for c in timezone_choices(datetime(2025, 1, 15, 12, tzinfo=UTC))}
    assert january["Europe/Berlin"] == "Europe/Berlin — UTC+01:00"


def test_search_finds_a_city_by_part_of_its_name(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = timezone_wizard(qtbot, demo_state)
    qtbot.keyClicks(page.ui.timezoneFilter, "berl")
    assert values(page.zones) == ["Europe/Berlin"]
    page.ui.timezoneFilter.clear()
    qtbot.keyClicks(page.ui.timezoneFilter, "new york")
    assert values(page.zones) == ["America/New_York"]
    page.ui.timezoneFilter.clear()
    qtbot.keyClicks(page.ui.timezoneFilter, "NEW_YORK")
    assert values(page.zones) == ["America/New_York"]


def test_choosing_by_keyboard_alone(qtbot: Any, demo_state: Any) -> None:
    wizard, page = timezone_wizard(qtbot, demo_state)
    search = page.ui.timezoneFilter
    search.setFocus()
    qtbot.keyClicks(search, "europe")
    matches = values(page.zones)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert demo_state.timezone == matches[0] and demo_state.timezone_chosen
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert demo_state.timezone == matches[2]
    qtbot.keyClick(search, Qt.Key.Key_Up)
    assert demo_state.timezone == matches[1]
    assert selected(page.zones) == [matches[1]]

    search.clear()
    qtbot.keyClicks(search, "berl")
    qtbot.keyClick(search, Qt.Key.Key_Return)  # chooses the match, and Next takes the Enter
    assert demo_state.timezone == "Europe/Berlin"
    qtbot.waitUntil(lambda: wizard.currentPage() is not page)


def test_the_clock_shows_the_time_in_the_chosen_zone(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = timezone_wizard(qtbot, demo_state)
    click_row(qtbot, page.zones, "Asia/Kolkata")
    text = page.ui.localTime.text()
    assert "Asia/Kolkata" in text and "(UTC+05:30)" in text
    click_row(qtbot, page.zones, "America/New_York")
    text = page.ui.localTime.text()
    assert "America/New York" in text
    assert utc_offset(datetime.now(ZoneInfo("America/New_York"))) in text
    assert page.clock.isActive()


# --- defaults from the language ----------------------------------------------------------------


def test_the_zone_follows_the_language_until_one_is_chosen(qtbot: Any, demo_state: Any) -> None:
    demo_state.language = "de_DE.UTF-8"
    wizard, page = timezone_wizard(qtbot, demo_state)
    assert demo_state.timezone == "Europe/Berlin" and not demo_state.timezone_chosen
    assert selected(page.zones) == ["Europe/Berlin"]

    wizard.back()
    demo_state.language = "fr_FR.UTF-8"  # what the language page does
    wizard.next()
    assert demo_state.timezone == "Europe/Paris"
    assert selected(page.zones) == ["Europe/Paris"]

    click_row(qtbot, page.zones, "Asia/Tokyo")
    assert demo_state.timezone == "Asia/Tokyo" and demo_state.timezone_chosen
    wizard.back()
    demo_state.language = "pt_BR.UTF-8"
    wizard.next()
    assert demo_state.timezone == "Asia/Tokyo"
    assert selected(page.zones) == ["Asia/Tokyo"]


def test_a_language_without_a_country_keeps_the_zone(qtbot: Any, demo_state: Any) -> None:
    demo_state.language = "eo.UTF-8"
    _wizard, page = timezone_wizard(qtbot, demo_state)
    assert demo_state.timezone == "UTC"
    assert selected(page.zones) == ["UTC"]


# --- refusals and going back -------------------------------------------------------------------


def test_no_zone_chosen_is_refused_beside_the_list(qtbot: Any, demo_state: Any) -> None:
    wizard, page = timezone_wizard(qtbot, demo_state)
    assert next_enabled(wizard)
    chosen = demo_state.timezone
    click_row(qtbot, page.zones, chosen, Qt.KeyboardModifier.ControlModifier)
    assert demo_state.timezone == ""
    assert not next_enabled(wizard)
    error = page.ui.timezoneError
    assert error.isVisible() and error.text() == "Choose a time zone from the list."
    assert page.ui.timezoneList.accessibleDescription() == error.text()
    assert page.ui.localTime.text() == ""
    click_row(qtbot, page.zones, "Europe/Oslo")
    assert next_enabled(wizard) and not error.isVisible()


def test_an_unknown_zone_is_refused(qtbot: Any, demo_state: Any) -> None:
    demo_state.timezone = "Mars/Olympus_Mons"
    demo_state.timezone_chosen = True
    wizard, page = timezone_wizard(qtbot, demo_state)
    assert selected(page.zones) == []
    assert not next_enabled(wizard)
    assert set(page.problems()) == {"timezone"}


def test_back_keeps_the_search_and_the_choice(qtbot: Any, demo_state: Any) -> None:
    wizard, page = timezone_wizard(qtbot, demo_state)
    qtbot.keyClicks(page.ui.timezoneFilter, "america")
    click_row(qtbot, page.zones, "America/Chicago")

    def assert_kept() -> None:
        assert wizard.currentPage() is page
        assert page.ui.timezoneFilter.text() == "america"
        assert demo_state.timezone == "America/Chicago" and demo_state.timezone_chosen
        assert selected(page.zones) == ["America/Chicago"]

    wizard.next()  # on to Disks and back
    assert wizard.currentPage() is not page
    wizard.back()
    assert_kept()
    wizard.back()  # back to Language and in again
    wizard.next()
    assert_kept()


# --- accessibility and size --------------------------------------------------------------------


def test_every_control_has_an_accessible_name(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = timezone_wizard(qtbot, demo_state)
    controls = page.findChildren(CONTROLS)
    assert page.ui.timezoneFilter in controls and page.ui.timezoneList in controls
    assert [w.objectName() for w in controls if not w.accessibleName()] == []


def test_fits_800_by_600(qtbot: Any, demo_state: Any) -> None:
    wizard, page = timezone_wizard(qtbot, demo_state)
    hint = page.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 600
    wizard.resize(800, 600)
    assert wizard.size().width() == 800 and wizard.size().height() == 600
    QCoreApplication.processEvents()  # the layouts settle at the new size
    assert squeezed(page) == []
