"""What a person reads on a window, and whether any of it is still the English source: the
checks behind the language tests (tests/e2e/test_languages.py, the first-boot walk)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

from PyQt6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
    QWizard,
)

from veilor_installer.core import i18n
from veilor_installer.core.datapaths import data_dir

GERMAN = "de"
RUSSIAN = "ru"
# Names that stay as they are in every language, and what the demo machine calls its parts.
NAMES = {"veilor-os", "Veilor", "Tailscale", "Headscale", "Yggdrasil", "Reticulum", "RetiNet",
         "RNode", "Mullvad", "Browser", "Thorium", "LUKS", "LUKS2", "TPM2", "FIDO2", "btrfs",
         "UEFI", "BIOS", "Fedora", "Anaconda", "secureblue", "QR", "Windows", "Linux", "ext4",
         "NTFS", "vfat", "swap", "UTC", "GMT", "OK", "PIN"}
# Lists of names: languages (in their own language and ours), keyboard layouts, time zones.
NAME_LISTS = ("languageList", "keyboardList", "timezoneList")
# What the demo's join code and machine say about themselves: data, not text.
DATA = {"guest", "alice", "demo", "veilor-demo", "signup"}


def plain(text: str) -> str:
    """A text as it reads: tags, entities, shortcut marks and surrounding space gone."""
    text = re.sub(r"<[^<>]*>", " ", text)
    text = html.unescape(text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return re.sub(r"\s+", " ", text).strip()


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text shown under ``root`` that a person reads or a screen reader
    speaks: labels, buttons, group titles, tabs, list rows, placeholders, accessible names."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: str) -> None:
        if text and text.strip():
            found.append((f"{type(widget).__name__}:{widget.objectName()}.{what}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            add(widget, "text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholder", widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(widget, f"item{index}", widget.itemText(index))
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(widget, f"tab{index}", widget.tabText(index))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            assert model is not None
            for row in range(min(model.rowCount(), 40)):
                value = model.index(row, 0).data()
                if isinstance(value, str):
                    add(widget, f"row{row}", value)
        elif isinstance(widget, QWizard):
            add(widget, "windowTitle", widget.windowTitle())
        add(widget, "accessibleName", widget.accessibleName())
        add(widget, "accessibleDescription", widget.accessibleDescription())
    return found


@cache
def _entries(name: str) -> tuple[i18n.Entry, ...]:
    """The entries of one of the package's catalogue files, read once."""
    return tuple(i18n.parse_po((data_dir("po") / name).read_text("utf-8")))


@dataclass(frozen=True)
class _Template:
    source: str
    pattern: re.Pattern[str]


@cache
def _templates(language: str) -> tuple[_Template, ...]:
    """The English messages whose translation differs (a name like "Tailscale" does not), as
    patterns matching them filled in; only those with enough words of their own to tell."""
    catalogue = i18n.catalogue(language)
    entries = _entries("veilor-installer.pot")
    found = []
    for entry in entries:
        if not entry.msgid:
            continue
        pairs = [(entry.msgid, catalogue.gettext(entry.msgid))] if entry.msgid_plural is None \
            else [(entry.msgid, catalogue.ngettext(entry.msgid, entry.msgid_plural, 1)),
                  (entry.msgid_plural, catalogue.ngettext(entry.msgid, entry.msgid_plural, 5))]
        for source, translated in pairs:
            if plain(translated) == plain(source):
                continue
            words = re.sub(r"\{[^{}]*\}", " ", plain(source))
            if not re.search(r"[A-Za-z]{3,}", words) or set(re.findall(
                    r"[A-Za-z][A-Za-z0-9-]+", words)) <= NAMES:
                continue
            parts = re.split(r"(\{[^{}]*\})", plain(source))
            regex = "".join(".+?" if p.startswith("{") and p.endswith("}") else re.escape(p)
                            for p in parts)
            found.append(_Template(source, re.compile(regex)))
    return tuple(found)


def untranslated(root: QWidget, language: str) -> list[str]:
    """Every text under ``root`` that is (a filled-in) English source of a message whose
    ``language`` translation differs."""
    templates = _templates(language)
    problems = []
    for where, text in visible_texts(root):
        shown = plain(text)
        for template in templates:
            if template.pattern.fullmatch(shown):
                problems.append(f"{where}: {shown!r} is the English {template.source!r}")
                break
    return problems


def not_pseudo(root: QWidget) -> list[str]:
    """With the long pseudo-language in use: every text with a word of English in it outside
    the [brackets] every translated text is in (names and the demo's data aside)."""
    problems = []
    for where, text in visible_texts(root):
        if any(f":{name}.row" in where for name in NAME_LISTS):
            continue
        rest, before = plain(text), ""
        while rest != before:  # innermost brackets first: a translated text inside another
            before, rest = rest, re.sub(r"\[[^\[\]]*\]", " ", rest)
        # paths, keys, addresses, host and file names (a dot inside a word); not the words of
        # a sentence with its punctuation
        rest = re.sub(r"\S*(?:[/\d_@]|\w\.\w)\S*", " ", rest)
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z-]{2,}", rest)
                 if w not in NAMES and w not in DATA]
        if words:
            problems.append(f"{where}: {plain(text)!r} has {words}")
    return problems


def clipped(root: QWidget) -> list[str]:
    """Labels (not wrapping) and buttons narrower than their text needs: cut off."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if ((isinstance(widget, QLabel) and not widget.wordWrap())
                or isinstance(widget, QAbstractButton)) and widget.text():
            need = widget.minimumSizeHint().width()
            if 0 < widget.width() < need:
                found.append(f"{widget.objectName() or type(widget).__name__}: "
                             f"{widget.width()} < {need}")
    return found


def _literal(template: str) -> int:
    return len(re.sub(r"\{[^{}]*\}", "", template))


def english_messages_of(line: str) -> list[str]:
    """The English messages of the catalogue found (filled in) in ``line`` with the most words
    of their own (a generic "{field}: {message}" never wins over the message inside it);
    several when they tie. Empty when none has at least 8 characters of its own."""
    found: list[str] = []
    best = 7
    entries = _entries("veilor-installer.pot")
    for entry in entries:
        for source in filter(None, (entry.msgid, entry.msgid_plural)):
            size = _literal(source)
            if size >= best and _pattern(source).search(line):
                found = [*found, source] if size == best else [source]
                best = size
    return found


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^{}]*\})", template)
    return re.compile("".join(".+?" if p.startswith("{") and p.endswith("}") else re.escape(p)
                              for p in parts))


def says_in(line: str, english: list[str], language: str) -> bool:
    """Whether ``line`` holds the ``language`` translation of one of the English messages
    ``english`` (filled in), with at least as many words of its own as a translation should
    have: a translation made only of placeholders proves nothing."""
    for entry in _entries(f"{language}.po"):
        # a plural's: any form of the language will do
        if {entry.msgid, entry.msgid_plural} & set(english) and entry.translated and any(
                _literal(form) >= 4 and _pattern(form).search(line) for form in entry.msgstr):
            return True
    return False  # not translated, or not this message
