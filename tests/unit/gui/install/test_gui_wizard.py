"""The whole install wizard: every page fits 800×600, every control has an accessible name,
every page of a dry run carries the banner, and nothing is sized in pixels."""

from __future__ import annotations

import re
from typing import Any

import pytest
from helpers import paths
from helpers.gui import oversized, unnamed_controls

from veilor_installer.core.datapaths import data_dir, resource_path

REPO = paths.REPO


@pytest.fixture
def wizard(qtbot: Any, demo_state: Any) -> Any:
    from veilor_installer.gui.install.wizard import InstallWizard

    wizard = InstallWizard(demo_state)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def test_every_page_fits_800_by_600(wizard: Any) -> None:
    assert not oversized(wizard)


def test_every_control_has_an_accessible_name(wizard: Any) -> None:
    assert not unnamed_controls(wizard.pages)


def test_every_page_of_a_dry_run_says_so(wizard: Any) -> None:
    from PyQt6.QtWidgets import QLabel

    for page in wizard.pages:
        banner = page.findChild(QLabel, "dryRunBanner")
        assert banner is not None and "Dry run" in banner.text(), type(page).__name__


def test_the_wizard_opens_at_a_useful_size_and_lists_its_steps(wizard: Any) -> None:
    assert wizard.width() >= 800 and wizard.height() >= 600
    steps = [wizard.steps.item(i).text() for i in range(wizard.steps.count())]
    assert steps == [page.title() for page in wizard.pages]
    # The step list is wide enough for its longest title.
    metrics = wizard.steps.fontMetrics()
    assert all(metrics.horizontalAdvance(s) < wizard.steps.width() for s in steps)


def test_layouts_scale_no_pixel_sizes() -> None:
    for form in data_dir("ui").glob("*.ui"):
        text = form.read_text()
        for prop in ("minimumSize", "maximumSize", "geometry", "baseSize"):
            assert f'name="{prop}"' not in text, f"{form.name} fixes {prop} in pixels"
    qss = resource_path("theme/veilor.qss").read_text()
    pixels = [m for m in re.findall(r"(\d+)px", qss) if int(m) > 2]
    assert not pixels, "the stylesheet sizes something in pixels (only 1–2 px borders may)"


def test_light_and_dark_come_from_one_stylesheet(qapp: Any, wizard: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Switching while the wizard is open, as when the desktop changes its colour scheme."""
    from veilor_installer.gui import theme

    before = qapp.property("veilorScheme")
    try:
        monkeypatch.setenv("VEILOR_THEME", "dark")
        assert theme.apply(qapp) == "dark"
        dark_sheet = qapp.styleSheet()
        assert qapp.palette().window().color().name() == theme.DARK["window"]
        monkeypatch.setenv("VEILOR_THEME", "light")
        assert theme.apply(qapp) == "light"
        assert qapp.palette().window().color().name() == theme.LIGHT["window"]
        # Same rules, other colours: the sheets differ only where a palette colour stands.
        light_sheet = qapp.styleSheet()
        assert light_sheet != dark_sheet
        colourless = re.compile(r"#[0-9a-f]{6}")
        assert colourless.sub("#", light_sheet) == colourless.sub("#", dark_sheet)
    finally:
        theme.apply(qapp, before)


def test_pages_are_built_on_their_first_visit_but_disks_right_away(qtbot: Any,
                                                                    demo_state: Any) -> None:
    """The window opens with the first page only; later pages wait for their visit, except the
    Disks page, whose udev monitor must see a disk plugged in while earlier pages are shown."""
    from veilor_installer.gui.install.disks import DisksPage
    from veilor_installer.gui.install.summary import SummaryPage
    from veilor_installer.gui.install.wizard import InstallWizard

    wizard = InstallWizard(demo_state)
    qtbot.addWidget(wizard)
    assert wizard.pageIds() == [0]
    wizard.show()
    qtbot.waitUntil(lambda: wizard.page(wizard.page_id(DisksPage)) is not None)
    assert wizard.page(wizard.page_id(SummaryPage)) is None
    assert wizard.steps.count() == len(wizard.pages)  # every step listed, built or not
