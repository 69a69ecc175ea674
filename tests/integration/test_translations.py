"""Translations: the English .ts follows the sources, and a translated .ts reaches the pages."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from xml.etree import ElementTree

import pytest
from helpers import paths

from veilor_installer.core.datapaths import resource_path

REPO = paths.REPO
TOOL = REPO / "tools" / "translations.py"
# Tests of the source tree's .ts files against its sources. The target lane (tools/target-lane)
# tests the installed wheel and leaves the package's sources out of its copy of the tree.
needs_sources = pytest.mark.skipif(
    not (REPO / "veilor_installer").is_dir(),
    reason="checks the source checkout's .ts against its sources; this tree has no "
    "veilor_installer/ sources (the target lane tests the installed wheel)",
)


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("veilor_translations_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pseudo_ts(english: Path, target: Path, language: str) -> int:
    """A .ts where every translation is «source»; the number of messages."""
    root = ElementTree.parse(english).getroot()  # noqa: S314 (our own file)
    root.set("language", language)
    count = 0
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        translation.text = f"«{message.findtext('source')}»"
        count += 1
    ElementTree.ElementTree(root).write(target, encoding="utf-8", xml_declaration=True)
    return count


@needs_sources
def test_english_ts_is_up_to_date_with_the_sources() -> None:
    result = subprocess.run([sys.executable, str(TOOL), "check"], capture_output=True,
                            text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr


@needs_sources
def test_check_lists_missing_and_obsolete_strings(
        tool: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    english = tool.ts_path("en")
    root = tool.read_ts(english)
    context = root.find("context")
    assert context is not None
    dropped = context.findall("message")[0]
    context.remove(dropped)
    stale = ElementTree.SubElement(context, "message")
    ElementTree.SubElement(stale, "source").text = "A string no page uses any more"
    ElementTree.SubElement(stale, "translation").text = "A string no page uses any more"
    tool.write_ts(root, tmp_path / english.name)
    monkeypatch.setattr(tool, "TS_DIR", tmp_path)
    assert tool.check() == 1
    err = capsys.readouterr().err
    assert f"missing from {tmp_path / english.name}: " in err
    assert repr(dropped.findtext("source")) in err
    assert f"obsolete in {tmp_path / english.name}: [" in err
    assert "'A string no page uses any more'" in err


def test_computed_texts_in_tr_are_refused(tool: ModuleType, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.py").write_text(
        "from veilor_installer.gui.widgets.page import tr\n"
        "name = 'x'\n"
        "ok = tr('Hello {name}').format(name=name)\n"
        "also_ok = tr(name)\n"
        "bad = tr(f'Hello {name}')\n"
        "worse = tr('Hello ' + name)\n")
    monkeypatch.setattr(tool, "PY_SOURCES", tmp_path)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    found = tool.computed_tr_calls()
    assert [line.split(":")[1] for line in found] == ["5", "6"]


def test_tr_is_extracted_in_our_context_everywhere(tool: ModuleType, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Stock pylupdate6 files a bare tr() under its class and skips it outside one; base.tr
    looks everything up in "veilor"."""
    (tmp_path / "page.py").write_text(
        "from PyQt6.QtCore import QT_TR_NOOP\n"
        "from veilor_installer.gui.widgets.page import tr\n"
        "STEPS = (QT_TR_NOOP('A marked step'),)\n"
        "def helper():\n"
        "    return tr('At module level')\n"
        "class SomePage:\n"
        "    def __init__(self):\n"
        "        tr('In a method')\n"
        "        self.tr('Through QObject.tr')\n")
    monkeypatch.setattr(tool, "PY_SOURCES", tmp_path)
    monkeypatch.setattr(tool, "UI_SOURCES", tmp_path)
    ts = tmp_path / "out.ts"
    tool.extract(ts, tool.read_sources(), keep_obsolete=False, summary=False)
    keys = {(context, source) for (context, source, _), _ in tool.messages(tool.read_ts(ts))}
    assert keys == {("veilor", "A marked step"), ("veilor", "At module level"),
                    ("veilor", "In a method"), ("SomePage", "Through QObject.tr")}


@needs_sources
def test_forms_offer_text_but_not_dynamic_properties(tool: ModuleType) -> None:
    english = tool.read_ts(tool.ts_path("en"))
    form_sources = {source for (context, source, _), _ in tool.messages(english)
                    if context.endswith("Form")}
    assert "Check &again" in form_sources
    assert not form_sources & {"lead", "hint", "error"}  # the stylesheet's role names


@needs_sources
def test_english_is_complete(tool: ModuleType) -> None:
    root = tool.read_ts(tool.ts_path("en"))
    assert root.get("sourcelanguage") == "en" and root.get("language") == "en"
    for (_, source, _), message in tool.messages(root):
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None
        assert translation.text == source


@needs_sources
def test_a_fresh_copy_of_the_english_file_becomes_a_todo_list(
        tool: ModuleType, tmp_path: Path) -> None:
    copy = tmp_path / "veilor_installer_de.ts"
    root = tool.read_ts(tool.ts_path("en"))
    # Translated in an editor before `make translations` first ran: that work stays.
    last = list(root.iter("translation"))[-1]
    last.text = "Schon übersetzt"
    tool.write_ts(root, copy)
    tool.finish(copy)
    root = tool.read_ts(copy)
    assert root.get("language") == "de"
    translations = [message.find("translation") for _, message in tool.messages(root)]
    assert translations[-1].text == "Schon übersetzt"
    assert translations[:-1] and all(t.get("type") == "unfinished" and not t.text
                                     for t in translations[:-1])
    # Once it is a German file, what the translator wrote stays.
    translations[0].text = "Willkommen"
    translations[0].attrib.pop("type")
    tool.write_ts(root, copy)
    tool.finish(copy)
    first = next(tool.messages(tool.read_ts(copy)))[1].find("translation")
    assert first.text == "Willkommen" and first.get("type") is None


@needs_sources
def test_qm_matches_lrelease_when_installed(tool: ModuleType, tmp_path: Path) -> None:
    lrelease = tool.find_lrelease()
    if lrelease is None:
        pytest.skip("lrelease not installed (qt6-l10n-tools / qt6-linguist)")
    ts = tmp_path / "veilor_installer_fr.ts"
    pseudo_ts(tool.ts_path("en"), ts, "fr_FR")
    reference = tmp_path / "reference.qm"
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(reference)], check=True)
    ours = tool.qm_bytes(ts)
    # lrelease appends the language's plural rules (block 0x88); we write no plural messages.
    assert reference.read_bytes()[: len(ours)] == ours


@pytest.fixture
def pseudo_french(qapp: Any, tool: ModuleType, tmp_path: Path) -> Iterator[list[str]]:
    """Every string of the installer as «source», installed; removed afterwards."""
    from PyQt6.QtCore import QLocale

    from veilor_installer.gui import app as gui_app

    folder = tmp_path / "translations"
    folder.mkdir()
    ts = folder / "veilor_installer_fr.ts"
    # The English file the installed package carries (the checkout's, in a development venv).
    english = resource_path("translations/veilor_installer_en.ts")
    assert pseudo_ts(english, ts, "fr_FR") > 0
    assert tool.release([ts]) == 0
    before = len(gui_app._translators)
    loaded = gui_app.install_translations(qapp, QLocale("fr_FR"), folder=folder)
    try:
        yield loaded
    finally:
        for translator in gui_app._translators[before:]:
            qapp.removeTranslator(translator)
        del gui_app._translators[before:]


def test_pseudo_translation_reaches_a_page(pseudo_french: list[str], demo_state: Any,
                                           qtbot: Any, tmp_path: Path) -> None:
    from PyQt6.QtWidgets import QLabel

    from veilor_installer.gui.install.welcome import WelcomePage

    assert str(tmp_path / "translations" / "veilor_installer_fr.qm") in pseudo_french
    page = WelcomePage(demo_state)
    qtbot.addWidget(page)
    assert page.title() == "«Welcome»"  # tr() in the page
    assert page.ui.lead.text().startswith("«veilor-os is")  # the .ui form, through uic
    assert page.ui.recheckButton.text() == "«Check &again»"
    banner = page.findChild(QLabel, "dryRunBanner")  # tr() in the Page base class
    assert banner is not None and banner.text().startswith("«Dry run")
    assert page.ui.lead.property("role") == "lead"  # not translated: the stylesheet needs it


def test_english_again_after_the_pseudo_translation(qapp: Any, demo_state: Any,
                                                    qtbot: Any) -> None:
    from veilor_installer.gui.install.welcome import WelcomePage

    page = WelcomePage(demo_state)
    qtbot.addWidget(page)
    assert page.title() == "Welcome"
