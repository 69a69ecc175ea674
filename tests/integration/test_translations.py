"""The catalogue's tool (tools/translations.py): the template follows the sources, every shipped
catalogue is complete, and the check fails on what a translator can break."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from helpers import paths

from veilor_installer.core import i18n
from veilor_installer.core.datapaths import data_dir

REPO = paths.REPO
TOOL = REPO / "tools" / "translations.py"
PO_DIR = REPO / "veilor_installer" / "data" / "po"
# The target lane (tools/target-lane) tests the installed wheel and leaves the package's sources
# out of its copy of the tree: the template cannot be compared with sources there.
needs_sources = pytest.mark.skipif(
    not (REPO / "veilor_installer").is_dir(),
    reason="checks the source checkout's catalogues against its sources; this tree has no "
    "veilor_installer/ sources (the target lane tests the installed wheel)",
)


def load_tool() -> ModuleType:
    name = "veilor_translations_tool"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, TOOL)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool()


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), *args], capture_output=True, text=True,
                          cwd=REPO, check=False)


@needs_sources
def test_the_template_and_every_catalogue_are_complete() -> None:
    result = run_tool("check")
    assert result.returncode == 0, result.stderr
    assert "complete in de, ru" in result.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The template and the German catalogue, copied to be broken."""
    folder = tmp_path / "po"
    folder.mkdir()
    shutil.copy(PO_DIR / "veilor-installer.pot", folder)
    shutil.copy(PO_DIR / "de.po", folder)
    return folder


def edit(po: Path, msgid: str, change: str | None) -> None:
    """Replace the translation of ``msgid`` (``None``: remove the entry)."""
    entries = i18n.parse_po(po.read_text(encoding="utf-8"))
    found = [e for e in entries if e.msgid == msgid]
    assert found, msgid
    if change is None:
        entries.remove(found[0])
    else:
        found[0].msgstr = [change]
    load_tool().write_po(po, entries)


def some_msgid(copy: Path, *, having: str) -> str:
    for entry in i18n.parse_po((copy / "de.po").read_text(encoding="utf-8")):
        if entry.msgid and entry.msgid_plural is None and having in entry.msgid and (
                entry.translated):
            return entry.msgid
    raise LookupError(having)


@needs_sources
@pytest.mark.parametrize(("having", "broken", "says"), [
    ("{", None, "missing"),
    ("{", "", "not translated"),
    ("{", "Ohne Platzhalter", "placeholders"),
    ("<b>", "Ohne Auszeichnung {x}", "tags"),
    ("&", "Ohne Kürzel", "shortcut"),
])
def test_the_check_fails_on_a_missing_or_broken_translation(
        copy: Path, having: str, broken: str | None, says: str) -> None:
    assert run_tool("--po-dir", str(copy), "check").returncode == 0
    msgid = some_msgid(copy, having=having)
    edit(copy / "de.po", msgid, broken)
    result = run_tool("--po-dir", str(copy), "check")
    assert result.returncode == 1
    assert says in result.stderr and repr(msgid)[:40] in result.stderr, result.stderr


@needs_sources
def test_the_check_fails_on_a_fuzzy_translation(copy: Path) -> None:
    po = copy / "de.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('\nmsgid "&Next"', '\n#, fuzzy\nmsgid "&Next"', 1),
                  encoding="utf-8")
    result = run_tool("--po-dir", str(copy), "check")
    assert result.returncode == 1 and "fuzzy" in result.stderr


@needs_sources
def test_the_check_fails_on_a_string_added_to_the_code_but_not_to_the_catalogues(
        copy: Path) -> None:
    template = copy / "veilor-installer.pot"
    entries = i18n.parse_po(template.read_text(encoding="utf-8"))
    gone = next(e for e in entries if e.msgid == "&Next")
    entries.remove(gone)
    load_tool().write_po(template, entries)
    result = run_tool("--po-dir", str(copy), "check")
    assert result.returncode == 1
    assert "missing '&Next' (run `make translations`)" in result.stderr


def test_update_keeps_translations_adds_new_messages_and_keeps_gone_ones_as_obsolete(
        tool: ModuleType) -> None:
    template = [tool._header(None), i18n.Entry("Kept"), i18n.Entry("New"),
                i18n.Entry("{n} disk", "{n} disks", ["", ""])]
    old = [tool._header("ru"), i18n.Entry("Kept", msgstr=["Оставлено"]),
           i18n.Entry("Gone", msgstr=["Ушло"])]
    merged = {e.msgid: e for e in tool.merge(template, old)}
    assert merged["Kept"].msgstr == ["Оставлено"]
    assert merged["New"].msgstr == [""]
    assert merged["{n} disk"].msgstr == ["", "", ""]  # Russian: three forms
    assert merged["Gone"].obsolete
    assert "nplurals=3" in (i18n.header_field(merged.values(), "Plural-Forms") or "")


def test_what_is_written_is_read_back_the_same(tool: ModuleType, tmp_path: Path) -> None:
    entries = [tool._header("de"),
               i18n.Entry("A \"quoted\"\ttext\nover lines, long enough to be folded over more "
                          "than one line of the file", msgstr=["Ein Text"],
                          comments=["note"], references=["a.py:1"]),
               i18n.Entry("{n} disk", "{n} disks", ["{n} Datenträger", "{n} Datenträger"]),
               i18n.Entry("Old", msgstr=["Alt"], obsolete=True)]
    po = tmp_path / "de.po"
    tool.write_po(po, entries)
    again = i18n.parse_po(po.read_text(encoding="utf-8"))
    assert [(e.msgid, e.msgid_plural, e.msgstr, e.obsolete) for e in again] == [
        (e.msgid, e.msgid_plural, e.msgstr, e.obsolete) for e in entries]


def test_computed_texts_are_refused_with_their_place(tool: ModuleType, tmp_path: Path) -> None:
    source = tmp_path / "page.py"
    source.write_text('name = "x"\n'
                      'a = tr(f"Hello {name}")\n'
                      'b = Text("Hi " + name)\n'
                      'c = trn("one", name, 2)\n'
                      'd = tr(variable)\n'
                      '#: shown as a step\n'
                      'e = Text.plural("{n} disk", "{n} disks", 2, n=2)\n', encoding="utf-8")
    problems: list[str] = []
    found = [m for m, _line in tool.python_messages(source, problems)]
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in problems] == ["2", "3", "4"]
    assert [(m.msgid, m.plural, m.comments) for m in found] == [
        ("{n} disk", "{n} disks", ["shown as a step"])]


def test_forms_offer_text_but_not_dynamic_properties(tool: ModuleType) -> None:
    messages = {m.msgid for path in data_dir("ui").glob("*.ui")  # the installed package's
                for m, _ in tool.form_messages(path)}
    assert "Check &again" in messages
    assert "lead" not in messages  # the stylesheet's role, a name for code


def test_update_prefers_a_live_entry_revives_a_returning_one_and_fits_the_plural_forms(
        tool: ModuleType) -> None:
    template = [tool._header(None), i18n.Entry("Both"), i18n.Entry("Back"),
                i18n.Entry("{n} disk", "{n} disks", ["", ""])]
    old = [tool._header("ru"),
           i18n.Entry("Both", msgstr=["живая"]),
           i18n.Entry("Both", msgstr=["старая"], obsolete=True),
           i18n.Entry("Back", msgstr=["вернулась"], obsolete=True,
                      translator_comments=["checked by Olga"]),
           i18n.Entry("{n} disk", "{n} disks", ["{n} диск", "{n} диска"])]  # two of three
    merged = {e.msgid: e for e in tool.merge(template, old)}
    assert merged["Both"].msgstr == ["живая"] and not merged["Both"].fuzzy
    assert merged["Back"].msgstr == ["вернулась"] and merged["Back"].fuzzy
    assert merged["Back"].translator_comments == ["checked by Olga"]
    assert merged["{n} disk"].msgstr == ["{n} диск", "{n} диска", ""]
    assert merged["{n} disk"].fuzzy


def test_line_breaks_of_every_kind_and_translator_comments_survive_a_round_trip(
        tool: ModuleType, tmp_path: Path) -> None:
    entries = [tool._header("de"),
               i18n.Entry("a\r\nb\u2028c", msgstr=["x\ry"], translator_comments=["mine"])]
    po = tmp_path / "de.po"
    tool.write_po(po, entries)
    [again] = [e for e in i18n.parse_po(po.read_text(encoding="utf-8")) if e.msgid]
    assert (again.msgid, again.msgstr, again.translator_comments) == (
        "a\r\nb\u2028c", ["x\ry"], ["mine"])


@pytest.mark.parametrize(("entries", "says"), [
    ([i18n.Entry("{n} disk", "{n} disks", ["{n}} Datenträger", "{n} Datenträger"])],
     "cannot be filled in"),
    ([i18n.Entry("{n} disk", "{n} disks", ["ein Datenträger", "Datenträger"])],
     "leave out {n}"),
    ([i18n.Entry("Disk", msgstr=["Datenträger"]), i18n.Entry("Disk", msgstr=["Platte"])],
     "more than once"),
])
def test_the_check_fails_on_what_would_break_at_run_time(
        tool: ModuleType, tmp_path: Path, entries: list[i18n.Entry], says: str) -> None:
    po = tmp_path / "de.po"
    tool.write_po(po, [tool._header("de"), *entries])
    template = [tool._header(None), entries[0]]
    problems = tool.check_catalogue(po, template)
    assert any(says in p for p in problems), problems


def test_the_check_knows_the_languages_plural_forms(tool: ModuleType, tmp_path: Path) -> None:
    header = tool._header("ru")
    header.msgstr = [header.msgstr[0].replace(tool.PLURAL_FORMS["ru"],
                                              "nplurals=2; plural=(n != 1);")]
    entry = i18n.Entry("{n} disk", "{n} disks", ["{n} диск", "{n} диска"])
    po = tmp_path / "ru.po"
    tool.write_po(po, [header, entry])
    problems = tool.check_catalogue(po, [tool._header(None), entry])
    assert any("nplurals=2; ru has 3" in p for p in problems), problems
