"""The catalogue (core/i18n.py): reading .po files, plural forms, choosing the language,
messages rendered when shown, the pseudo-languages. Plain pytest: no Qt."""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from veilor_installer.core import i18n
from veilor_installer.core.i18n import N_, Text

RUSSIAN_PLURALS = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                   "(n%100<10 || n%100>=20) ? 1 : 2);")

PO = f'''msgid ""
msgstr ""
"Language: ru\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {RUSSIAN_PLURALS}\\n"

#. A translator's note
#: veilor_installer/gui/install/disks.py:12
msgid "Disks"
msgstr "Диски"

msgid ""
"A long message that goes on "
"over two lines with a \\"quote\\"\\n"
msgstr "Длинное сообщение с «кавычками»\\n"

msgid "{{n}} disk"
msgid_plural "{{n}} disks"
msgstr[0] "{{n}} диск"
msgstr[1] "{{n}} диска"
msgstr[2] "{{n}} дисков"

#, fuzzy
msgid "Not sure"
msgstr "Не уверен"

msgid "Left empty"
msgstr ""

#~ msgid "Gone"
#~ msgstr "Ушло"
'''


@pytest.fixture
def catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder whose po/ holds ru.po above, in place of the package's catalogues."""
    folder = tmp_path / "po"
    folder.mkdir()
    (folder / "ru.po").write_text(PO, encoding="utf-8")
    monkeypatch.setenv("VEILOR_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(i18n, "_catalogues", {})
    yield folder
    i18n.use(i18n.SOURCE_LANGUAGE)


def test_a_po_file_is_read_with_its_comments_plurals_flags_and_obsolete_entries() -> None:
    entries = i18n.parse_po(PO)
    by_id = {e.msgid: e for e in entries}
    assert by_id["Disks"].msgstr == ["Диски"]
    assert by_id["Disks"].comments == ["A translator's note"]
    assert by_id["Disks"].references == ["veilor_installer/gui/install/disks.py:12"]
    long = 'A long message that goes on over two lines with a "quote"\n'
    assert by_id[long].msgstr == ["Длинное сообщение с «кавычками»\n"]
    assert by_id["{n} disk"].msgid_plural == "{n} disks"
    assert len(by_id["{n} disk"].msgstr) == 3
    assert by_id["Not sure"].fuzzy and not by_id["Not sure"].translated
    assert not by_id["Left empty"].translated
    assert by_id["Gone"].obsolete
    assert i18n.header_field(entries, "plural-forms") == RUSSIAN_PLURALS


def test_a_line_that_is_no_po_is_refused_with_its_place() -> None:
    with pytest.raises(ValueError, match=r"x\.po:2: cannot read"):
        i18n.parse_po('msgid "a"\nnonsense\n', "x.po")


@pytest.mark.parametrize(("n", "form"), [(1, "диск"), (2, "диска"), (4, "диска"), (5, "дисков"),
                                         (11, "дисков"), (12, "дисков"), (21, "диск"),
                                         (22, "диска"), (25, "дисков"), (111, "дисков"),
                                         (0, "дисков")])
def test_russian_has_three_plural_forms(n: int, form: str) -> None:
    translations = gettext.GNUTranslations(io.BytesIO(i18n.mo_bytes(i18n.parse_po(PO))))
    assert translations.ngettext("{n} disk", "{n} disks", n) == "{n} " + form


def test_fuzzy_empty_and_obsolete_entries_are_not_used() -> None:
    translations = gettext.GNUTranslations(io.BytesIO(i18n.mo_bytes(i18n.parse_po(PO))))
    assert translations.gettext("Not sure") == "Not sure"
    assert translations.gettext("Left empty") == "Left empty"
    assert translations.gettext("Gone") == "Gone"


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "ru_RU.UTF-8"}, "ru"),
    ({"LANG": "de_AT.UTF-8", "LC_MESSAGES": "ru_UA.UTF-8"}, "ru"),
    ({"LANG": "ru_RU.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8", "LANGUAGE": "fr:ru:en"}, "ru"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANGUAGE": "en_XA"}, "en_XA"),
    ({}, "en"),
])
def test_the_language_is_the_environments(catalogues: Path, environ: dict[str, str],
                                          expected: str) -> None:
    assert i18n.from_environment(environ) == expected


def test_a_message_is_rendered_when_shown_in_the_language_then_in_use(catalogues: Path) -> None:
    message = Text.plural("{n} disk", "{n} disks", 3)
    title = Text("Disks")
    assert (str(message), str(title)) == ("3 disks", "Disks")
    assert i18n.use("ru_RU.UTF-8") == "ru"
    assert (str(message), str(title)) == ("3 диска", "Диски")
    assert message.english() == "3 disks"
    assert str(message) == "3 диска"  # english() did not change the language in use
    assert i18n.use("en") == "en"
    assert str(title) == "Disks"


def test_nested_messages_are_rendered_too(catalogues: Path) -> None:
    message = Text("Found: {what}", what=Text.plural("{n} disk", "{n} disks", 21))
    i18n.use("ru")
    assert str(message) == "Found: 21 диск"  # "Found" has no translation here: English


def test_a_switch_tells_the_listeners_once(catalogues: Path) -> None:
    heard: list[str] = []
    undo = i18n.on_change(heard.append)
    try:
        i18n.use("ru")
        i18n.use("ru_RU")
        i18n.use("en_US.UTF-8")
    finally:
        undo()
    i18n.use("ru")
    assert heard == ["ru", "en"]


def test_n_marks_without_translating(catalogues: Path) -> None:
    i18n.use("ru")
    marked = N_("Disks")
    assert marked == "Disks"
    assert i18n._(marked) == "Диски"


def test_the_long_pseudo_language_is_40_percent_longer_and_keeps_what_must_stay() -> None:
    source = "Could not read {disk}: <b>check</b> the &cable"
    text = i18n.pseudo_long(source)
    assert text.startswith("[") and text.endswith("]")
    assert "{disk}" in text and "<b>" in text and "</b>" in text and "&ç" in text
    visible = len(source) - len("{disk}") - len("<b></b>")
    assert len(text) - len("{disk}") - len("<b></b>") >= visible * 1.4
    assert "Could" not in text


def test_the_rtl_pseudo_language_overrides_the_direction_of_words_only() -> None:
    text = i18n.pseudo_rtl("Erase {disk} now")
    assert text == "\u202eErase \u202c{disk}\u202e now\u202c"
    assert i18n.right_to_left("ar_XB") and i18n.right_to_left("he_IL")
    assert not i18n.right_to_left("de") and not i18n.right_to_left("en_XA")


def test_pseudo_languages_need_no_catalogue() -> None:
    try:
        assert i18n.use("en_XA") == "en_XA"
        assert str(Text("Disks")).startswith("[Đîšķš")
        assert i18n.ngettext("{n} disk", "{n} disks", 2).startswith("[{n} đîšķš")
    finally:
        i18n.use("en")


def test_the_shipped_catalogues_are_german_and_russian() -> None:
    assert i18n.shipped()[:1] == ["en"]
    assert {"de", "ru"} <= set(i18n.shipped())


def test_a_listener_that_switches_again_leaves_everyone_told_of_the_last_language(
        catalogues: Path) -> None:
    heard: list[str] = []

    def insists(code: str) -> None:
        if code == "ru":
            i18n.use("en")

    undo = [i18n.on_change(insists), i18n.on_change(heard.append)]
    try:
        i18n.use("ru")
    finally:
        for remove in undo:
            remove()
    assert i18n.language() == "en"
    assert heard[-1] == "en" and heard.count("ru") == 0


def test_the_empty_text_is_not_the_catalogues_header(catalogues: Path) -> None:
    i18n.use("ru")
    assert i18n._("") == ""
    assert str(Text("")) == ""
