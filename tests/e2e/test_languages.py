"""The install wizard in German and Russian, switched on its Language page and started with
``LANG``: every page walked the way a person walks it, and no text on any of them still the
English source (names aside); every page fits 800×600 in both, in the long pseudo-language and
right to left. The first-boot wizard's walk is in tests/e2e/test_firstboot_gui.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.gui import squeezed
from helpers.languages import GERMAN, RUSSIAN, clipped, not_pseudo, untranslated
from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QWizard, QWizardPage

from veilor_installer.core import i18n
from veilor_installer.core.install.storage.profile import demo_machine
from veilor_installer.demo.install_walkthrough import DemoAnswers, answers_for, walk
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.install.wizard import InstallWizard

ANSWERS = {language: answers_for(language) for language in (GERMAN, RUSSIAN, "en")}
LOCALES = {"en": "en_US.UTF-8", GERMAN: "de_DE.UTF-8", RUSSIAN: "ru_RU.UTF-8",
           i18n.LONG_PSEUDO: "en_XA.UTF-8", i18n.RTL_PSEUDO: "ar_XB.UTF-8"}


@pytest.fixture
def registry_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_REGISTRY_URL", "http://127.0.0.1:9")


def make_wizard(qtbot: Any, tmp_path: Path, size: tuple[int, int] = (900, 680)) -> InstallWizard:
    state = InstallState(read_machine=demo_machine, dry_run=True,
                         output_dir=str(tmp_path / "veilor-install"))
    wizard = InstallWizard(state)
    qtbot.addWidget(wizard)
    wizard.resize(*size)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def name(page: QWizardPage) -> str:
    return type(page).__name__


def small_screen(wizard: QWizard, page: QWizardPage, language: str) -> list[str]:
    """What does not fit 800×600 on the page shown: a minimum size beyond it, a text given
    less room than it needs, a label or button cut off; in the long pseudo-language, any
    text left untranslated too."""
    problems = []
    for widget in (page, wizard):
        hint = widget.minimumSizeHint()
        if hint.width() > 800 or hint.height() > 600:
            problems.append(f"{type(widget).__name__} needs {hint.width()}×{hint.height()}")
    problems += [f"squeezed {p}" for p in squeezed(page)]
    problems += [f"cut off {p}" for p in clipped(wizard)]
    if language == i18n.LONG_PSEUDO:
        problems += [f"untranslated {p}" for p in not_pseudo(wizard)]
    return problems


@pytest.mark.usefixtures("registry_closed")
@pytest.mark.parametrize("language", [GERMAN, RUSSIAN])
def test_choosing_a_language_translates_every_page_at_once_and_back_keeps_it(
        qtbot: Any, tmp_path: Path, language: str) -> None:
    wizard = make_wizard(qtbot, tmp_path)
    assert i18n.language() == "en"
    problems: list[str] = []
    switched_on: list[str] = []

    def on_page(page: QWizardPage) -> None:
        if i18n.language() == language:
            switched_on.append(name(page))
            problems.extend(f"{name(page)} on its visit: {p}"
                            for p in untranslated(wizard, language))

    walk(wizard, ANSWERS[language], on_page=on_page)
    assert switched_on and switched_on[0] == "LanguagePage"  # where it was chosen
    # Every page, the ones seen in English before the switch included, now in the language.
    for page in wizard.pages:
        problems.extend(f"{name(page)} after the walk: {p}" for p in untranslated(page, language))
    # Back, all the way to the start: still in the language, nothing typed lost.
    while wizard.currentId() > 0:
        wizard.back()
    assert i18n.language() == language
    assert wizard.state.full_name == ANSWERS[language].full_name
    problems.extend(f"Welcome after Back: {p}" for p in untranslated(wizard, language))
    assert not problems, "\n".join(problems)


@pytest.mark.usefixtures("registry_closed")
@pytest.mark.parametrize("language", [GERMAN, RUSSIAN])
def test_started_with_lang_every_page_speaks_it(qtbot: Any, tmp_path: Path, language: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", LOCALES[language])
    i18n.use_environment()
    wizard = make_wizard(qtbot, tmp_path)
    assert wizard.state.language == LOCALES[language]  # the Language page starts there
    problems: list[str] = []

    def on_page(page: QWizardPage) -> None:
        problems.extend(f"{name(page)}: {p}" for p in untranslated(wizard, language))

    walk(wizard, ANSWERS[language], on_page=on_page)
    assert not problems, "\n".join(problems)


@pytest.mark.usefixtures("registry_closed")
@pytest.mark.parametrize("language", [GERMAN, RUSSIAN, i18n.LONG_PSEUDO, i18n.RTL_PSEUDO])
def test_every_page_fits_800_by_600(qtbot: Any, tmp_path: Path, language: str) -> None:
    i18n.use(language)
    wizard = make_wizard(qtbot, tmp_path, size=(800, 600))
    rtl = language == i18n.RTL_PSEUDO
    assert wizard.layoutDirection() == (Qt.LayoutDirection.RightToLeft if rtl
                                        else Qt.LayoutDirection.LeftToRight)
    problems: list[str] = []

    def on_page(page: QWizardPage) -> None:
        problems.extend(f"{name(page)}: {p}" for p in small_screen(wizard, page, language))

    # A pseudo-language is kept whatever the Language page chooses: it is for layouts.
    walk(wizard, ANSWERS.get(language, ANSWERS[GERMAN]), on_page=on_page)
    assert i18n.language() == language
    assert wizard.size().width() == 800 and wizard.size().height() == 600
    assert not problems, "\n".join(problems)


@pytest.mark.usefixtures("registry_closed")
def test_a_language_without_a_catalogue_shows_english(qtbot: Any, tmp_path: Path) -> None:
    i18n.use(GERMAN)
    wizard = make_wizard(qtbot, tmp_path)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button is not None and next_button.text() != "&Next"
    walk(wizard, DemoAnswers(language_search="french france", language="fr_FR.UTF-8",
                             keymap="fr"))
    assert i18n.language() == "en"
    assert next_button.text() == "&Next"


# --- first boot: it follows the session's language ------------------------------------------


@pytest.fixture(scope="module")
def join_video(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A camera video of a signed join code, and the folder of the key that signed it."""
    import cv2

    from veilor_installer.demo.joincodes import make_signer
    from veilor_installer.demo.scenes import background, place, write_avi

    folder = tmp_path_factory.mktemp("firstboot-media")
    signer = make_signer(folder)
    signer.sign_png(folder / "code.png")
    image = cv2.imread(str(folder / "code.png"))
    frames = [background(300 + i) for i in range(6)]
    frames += [place(image, seed=i, size=420, perspective=0.04, noise=5) for i in range(30)]
    return write_avi(folder / "code.avi", frames), signer.keys_dir


@pytest.mark.parametrize("language",
                         ["en", GERMAN, RUSSIAN, i18n.LONG_PSEUDO, i18n.RTL_PSEUDO])
def test_first_boot_speaks_the_sessions_language_and_fits_800_by_600(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        join_video: tuple[Path, Path], language: str) -> None:
    from helpers.answers import STRONG_PASSPHRASE
    from helpers.system import install, ujust_fails_once

    from veilor_installer.demo.firstboot_walkthrough import FirstbootAnswers
    from veilor_installer.demo.firstboot_walkthrough import walk as walk_firstboot
    from veilor_installer.gui.firstboot.state import FirstbootState
    from veilor_installer.gui.firstboot.wizard import FirstbootWizard

    install(tmp_path, monkeypatch)
    video, keys = join_video
    monkeypatch.setenv("VEILOR_ENROL_KEYS_DIR", str(keys))
    monkeypatch.delenv("VEILOR_CAMERA", raising=False)
    monkeypatch.setenv("LANG", LOCALES[language])
    i18n.use_environment()
    wizard = FirstbootWizard(FirstbootState(camera_source=str(video), cameras=lambda: [],
                                            use_pkexec=False))
    qtbot.addWidget(wizard)
    wizard.resize(800, 600)
    wizard.show()
    qtbot.waitExposed(wizard)
    problems: list[str] = []

    def on_page(page: QWizardPage, view: str) -> None:
        problems.extend(f"{view}: {p}" for p in small_screen(wizard, page, language))
        if language in (GERMAN, RUSSIAN):
            problems.extend(f"{view}: {p}" for p in untranslated(wizard, language))

    # Two steps fail before Retry, so their wording is seen too.
    walk_firstboot(wizard, on_page, FirstbootAnswers(passphrase=STRONG_PASSPHRASE),
                   fail_once=ujust_fails_once(monkeypatch))
    assert wizard.layoutDirection() == (Qt.LayoutDirection.RightToLeft
                                        if language == i18n.RTL_PSEUDO
                                        else Qt.LayoutDirection.LeftToRight)
    assert not problems, "\n".join(problems)
