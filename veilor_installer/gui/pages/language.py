"""Language & keyboard: the language of the installed system, and the console keymap, which is
also the layout the LUKS passphrase is typed in at boot (so it is chosen before the passphrase).

Both lists are searchable; :class:`ChoiceList` (also used by the time zone page) is a filter
field over a list view. The lists are built in a worker: reading them and naming ~700 entries
through QLocale costs more than the GUI thread may stall.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PyQt6 import sip
from PyQt6.QtCore import (
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    pyqtSignal,
)
from PyQt6.QtGui import QFontDatabase, QKeyEvent, QStandardItem, QStandardItemModel
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from veilor_installer.core import localedata
from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.log import get_logger
from veilor_installer.gui.pages.base import Page, tr
from veilor_installer.gui.state import InstallState
from veilor_installer.gui.workers import run_task

log = get_logger("gui.language")

VALUE_ROLE = Qt.ItemDataRole.UserRole


def searchable(text: str) -> str:
    """Case, accents, ``_`` and ``/`` do not matter in a search: "New_York" and "new york" meet,
    as do "Français" and "francais"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("_", " ").replace("/", " ").split())


@dataclass(frozen=True)
class Choice:
    value: str
    """What goes into the state: ``de_DE.UTF-8``, ``de-nodeadkeys``, ``Europe/Berlin``."""
    text: str
    """What a person reads in the list."""
    search: str
    """What typing in the search field is matched against (see :func:`searchable`)."""


def choice(value: str, text: str, *also: str) -> Choice:
    return Choice(value, text, searchable(" ".join((value, text, *also))))


class _WordFilter(QSortFilterProxyModel):
    """Shows the rows whose search text holds every word typed, in any order."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.keys: list[str] = []

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = searchable(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, row: int, parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        key = self.keys[row] if row < len(self.keys) else ""
        return all(word in key for word in self._words)


class _RoomyRows(QStyledItemDelegate):
    """Rows a third of a line taller than the text, so accents (Ö, É) are not cut off."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(size.height() + option.fontMetrics.height() // 3)
        return size


class ChoiceList(QObject):
    """One value chosen from a long list, with a search field above it.

    Typing narrows the list and never changes the choice by itself; Up, Down, Page Up and Page
    Down in the search field move the choice through the matches, and Enter chooses the first
    match when the current choice is not among them (then the wizard's Next takes the Enter).
    ``chosen`` is emitted only for a person's choice, never for :meth:`select`.
    """

    chosen = pyqtSignal(str)

    def __init__(self, search: QLineEdit, view: QListView, status: QLabel, *,
                 chosen_text: str, no_match_text: str, loading_text: str) -> None:
        super().__init__(view)
        self.search = search
        self.view = view
        self.status = status
        self._chosen_text = chosen_text
        self._no_match_text = no_match_text
        self.model = QStandardItemModel(self)
        self.proxy = _WordFilter(self)
        self.proxy.setSourceModel(self.model)
        view.setModel(self.proxy)
        view.setItemDelegate(_RoomyRows(view))
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEnabled(False)
        # Several rows stay visible however small the window: sized in lines, not pixels.
        view.setMinimumHeight(view.fontMetrics().lineSpacing() * 7)
        self.value = ""
        self.loaded = False
        self._rows: dict[str, int] = {}
        self._texts: dict[str, str] = {}
        self._quiet = False
        status.setText(loading_text)
        selection = view.selectionModel()
        if selection is None:  # setModel above always makes one
            raise RuntimeError("the list view has no selection model")
        self.selection = selection
        selection.selectionChanged.connect(self._selection_changed)
        search.textChanged.connect(self._filter)
        search.returnPressed.connect(self._enter)
        search.installEventFilter(self)

    def set_choices(self, choices: Sequence[Choice]) -> None:
        self._quiet = True
        try:
            self.model.clear()
            self._rows.clear()
            self._texts.clear()
            self.proxy.keys = [c.search for c in choices]
            for row, c in enumerate(choices):
                item = QStandardItem(c.text)
                item.setData(c.value, VALUE_ROLE)
                item.setToolTip(f"{c.text}\n{c.value}")
                item.setEditable(False)
                self.model.appendRow(item)
                self._rows[c.value] = row
                self._texts[c.value] = c.text
            self.proxy.set_query(self.search.text())
        finally:
            self._quiet = False
        self.loaded = True
        self.view.setEnabled(True)
        self.select(self.value)

    def text_of(self, value: str) -> str:
        return self._texts.get(value, value)

    def select(self, value: str) -> None:
        """Make ``value`` the choice without it counting as the person's (a default)."""
        self.value = value if value in self._rows or not self.loaded else ""
        self._quiet = True
        try:
            self._show_value()
        finally:
            self._quiet = False
        self._update_status()

    def visible_row(self, value: str) -> int:
        """The row of ``value`` in the list as filtered, or -1 when it is hidden or unknown."""
        row = self._rows.get(value)
        if row is None:
            return -1
        return self.proxy.mapFromSource(self.model.index(row, 0)).row()

    def _show_value(self) -> None:
        selection = self.selection
        row = self.visible_row(self.value)
        if row < 0:
            selection.clearSelection()
            return
        index = self.proxy.index(row, 0)
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)

    def _selection_changed(self) -> None:
        if self._quiet:
            return
        selection = self.selection
        picked = selection.selectedIndexes()
        value = picked[0].data(VALUE_ROLE) if picked else ""
        if value != self.value:
            self.value = value
            self._update_status()
            self.chosen.emit(value)

    def _filter(self, text: str) -> None:
        self._quiet = True
        try:
            self.proxy.set_query(text)
            self._show_value()
        finally:
            self._quiet = False
        self._update_status()

    def _pick_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        selection = self.selection
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)

    def _enter(self) -> None:
        if self.search.text().strip() and self.proxy.rowCount() and \
                self.visible_row(self.value) < 0:
            self._pick_row(0)

    def eventFilter(self, watched: QObject | None, event: QEvent | None) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            page = max(1, self.view.viewport().height() // max(1, self.view.sizeHintForRow(0)) - 1)
            steps = {Qt.Key.Key_Down.value: 1, Qt.Key.Key_Up.value: -1,
                     Qt.Key.Key_PageDown.value: page, Qt.Key.Key_PageUp.value: -page}
            if key in steps:
                rows = self.proxy.rowCount()
                if rows:
                    current = self.visible_row(self.value)
                    target = 0 if current < 0 else current + steps[key]
                    self._pick_row(min(max(target, 0), rows - 1))
                return True
        return super().eventFilter(watched, event)

    def _update_status(self) -> None:
        if not self.loaded:
            return
        parts = []
        if self.proxy.rowCount() == 0:
            parts.append(self._no_match_text.format(text=self.search.text().strip()))
        if self.value:
            parts.append(self._chosen_text.format(text=self.text_of(self.value)))
        self.status.setText(" ".join(parts))


# --- the lists --------------------------------------------------------------------------------

_LOCALE = re.compile(
    r"^(?P<lang>[a-z]{2,3})(?:_(?P<territory>[A-Z]{2}))?\.UTF-8(?:@(?P<mod>[a-z]+))?$"
)
_SCRIPT_MODIFIERS = {
    "latin": QLocale.Script.LatinScript,
    "cyrillic": QLocale.Script.CyrillicScript,
    "devanagari": QLocale.Script.DevanagariScript,
}


def language_names(locale: str) -> tuple[str, str]:
    """A locale named in its own language and in English, by Qt's CLDR data:
    ``de_DE.UTF-8`` → ("Deutsch (Deutschland)", "German (Germany)"). Languages Qt does not know
    (glibc has a few more) keep their code: ("agr (Peru)", "agr (Peru)")."""
    match = _LOCALE.match(locale)
    if match is None:
        return locale, locale
    code, modifier = match["lang"], match["mod"]
    language = QLocale.codeToLanguage(code)
    territory = (QLocale.codeToTerritory(match["territory"]) if match["territory"]
                 else QLocale.Country.AnyTerritory)
    script = _SCRIPT_MODIFIERS.get(modifier or "", QLocale.Script.AnyScript)
    english_territory = ("" if territory == QLocale.Country.AnyTerritory
                         else QLocale.territoryToString(territory))
    if language == QLocale.Language.AnyLanguage:
        english = native = code
        native_territory = english_territory
    else:
        named = QLocale(language, script, territory)
        english = QLocale.languageToString(language)
        native = named.nativeLanguageName() or english
        native_territory = (named.nativeTerritoryName() if named.territory() == territory
                            else english_territory)
    english_detail, native_detail = [], []
    if modifier in _SCRIPT_MODIFIERS:
        english_detail.append(QLocale.scriptToString(script))
    english_detail.append(english_territory)
    native_detail.append(native_territory)
    if modifier and modifier not in _SCRIPT_MODIFIERS:  # "valencia", "saaho" …
        english_detail.append(modifier)
        native_detail.append(modifier)

    def named_with(name: str, parts: list[str]) -> str:
        detail = ", ".join(p for p in parts if p)
        return f"{name} ({detail})" if detail else name

    return named_with(native, native_detail), named_with(english, english_detail)


_WS = QFontDatabase.WritingSystem
# Unicode's script word in a character's name → the font writing systems that can show it.
_SCRIPT_SYSTEMS: dict[str, frozenset[QFontDatabase.WritingSystem]] = {
    **{system.name.upper(): frozenset({system}) for system in (
        _WS.Latin, _WS.Greek, _WS.Cyrillic, _WS.Armenian, _WS.Hebrew, _WS.Arabic, _WS.Syriac,
        _WS.Thaana, _WS.Devanagari, _WS.Bengali, _WS.Gurmukhi, _WS.Gujarati, _WS.Oriya,
        _WS.Tamil, _WS.Telugu, _WS.Kannada, _WS.Malayalam, _WS.Sinhala, _WS.Thai, _WS.Lao,
        _WS.Tibetan, _WS.Myanmar, _WS.Georgian, _WS.Khmer, _WS.Nko, _WS.Ogham, _WS.Runic)},
    "CJK": frozenset({_WS.SimplifiedChinese, _WS.TraditionalChinese, _WS.Japanese}),
    "HIRAGANA": frozenset({_WS.Japanese}),
    "KATAKANA": frozenset({_WS.Japanese}),
    "HANGUL": frozenset({_WS.Korean}),
}


def readable(text: str, systems: frozenset[QFontDatabase.WritingSystem]) -> bool:
    """Whether the installed fonts (their ``systems``) can show ``text``. A bootstrap ISO may
    lack the fonts of many scripts: their names would be boxes, and Qt warns about each."""
    for ch in text:
        if unicodedata.category(ch)[0] not in "LM":
            continue
        needs = _SCRIPT_SYSTEMS.get(unicodedata.name(ch, "").split(" ", 1)[0])
        if needs is not None and not needs & systems:
            return False
    return True


def language_choices(systems: frozenset[QFontDatabase.WritingSystem] | None = None
                     ) -> list[Choice]:
    """Every locale of :func:`localedata.locales`, as "Deutsch (Deutschland) — German (Germany)",
    sorted by the English name. The name in its own language is left out where the fonts
    (``systems``, all when None) cannot show it; it can still be searched for."""
    rows = []
    for locale in localedata.locales():
        native, english = language_names(locale)
        shown = native if systems is None or readable(native, systems) else english
        text = english if shown == english else f"{native} — {english}"
        rows.append((english.casefold(), locale, choice(locale, text, native)))
    return [row[2] for row in sorted(rows)]


@functools.cache
def keymap_names() -> dict[str, str]:
    """Console keymap → xkb's English name of its layouts (``resources/data/keymap-names.tsv``,
    written by ``tools/gen-keymap-names``)."""
    try:
        text = resource_path("data/keymap-names.tsv").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        log.warning("keyboard layouts are shown by their codes only: %s", exc)
        return {}
    names = {}
    for line in text.splitlines()[1:]:
        keymap, _, name = line.partition("\t")
        if keymap and name:
            names[keymap] = name
    return names


def keymap_name(keymap: str) -> str:
    """"German (no dead keys)" for ``de-nodeadkeys``; the X layouts when the table lacks it."""
    return keymap_names().get(keymap) or ", ".join(localedata.x_layouts_of(keymap))


def keyboard_choices() -> list[Choice]:
    """Every console keymap, as "German (no dead keys) — de-nodeadkeys", sorted by name."""
    rows = []
    for keymap in localedata.keymaps():
        name = keymap_name(keymap)
        rows.append((name.casefold(), keymap, choice(
            keymap, f"{name} — {keymap}", *localedata.x_layouts_of(keymap))))
    return [row[2] for row in sorted(rows)]


def load_in_worker(page: Page, load: Callable[[], Any], done: Callable[[Any], None],
                   failed: Callable[[BaseException], None]) -> None:
    """``run_task``, with the results dropped when the page is gone by the time they arrive."""

    def on_done(result: Any) -> None:
        if not sip.isdeleted(page):
            done(result)

    def on_failed(exc: BaseException) -> None:
        if not sip.isdeleted(page):
            failed(exc)

    run_task(load, on_done, on_failed)


# --- the page ---------------------------------------------------------------------------------


class LanguagePage(Page):
    FORM = "language.ui"

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        self.setTitle(tr("Language & keyboard"))
        self.setSubTitle(tr("The keyboard layout chosen here is also the one you type the disk "
                            "passphrase with at boot."))
        self.languages = ChoiceList(
            self.ui.languageFilter, self.ui.languageList, self.ui.languageStatus,
            chosen_text=tr("Language: {text}."),
            no_match_text=tr("No language matches “{text}”."),
            loading_text=tr("Loading the languages…"))
        self.keyboards = ChoiceList(
            self.ui.keyboardFilter, self.ui.keyboardList, self.ui.keyboardStatus,
            chosen_text=tr("Keyboard: {text}."),
            no_match_text=tr("No keyboard layout matches “{text}”."),
            loading_text=tr("Loading the keyboard layouts…"))
        self.languages.chosen.connect(self._language_chosen)
        self.keyboards.chosen.connect(self._keyboard_chosen)
        self.keymap_picked = False
        """True once the person chose a keymap here: a language change no longer moves it."""
        self.loading = False
        self.load_error = ""

    @property
    def loaded(self) -> bool:
        return self.languages.loaded and self.keyboards.loaded

    def initializePage(self) -> None:
        if self.loaded:
            self.languages.select(self.state.language)
            self.keyboards.select(self.state.keyboard)
            self.revalidate()
        elif not self.loading:
            self._load()

    def _load(self) -> None:
        self.loading = True
        self.load_error = ""
        self.revalidate()

        def done(result: tuple[list[Choice], list[Choice]]) -> None:
            languages, keyboards = result
            self.loading = False
            self.languages.set_choices(languages)
            self.keyboards.set_choices(keyboards)
            self.languages.select(self.state.language)
            self.keyboards.select(self.state.keyboard)
            self.revalidate()

        def failed(exc: BaseException) -> None:
            self.loading = False
            self.load_error = str(exc)
            self.revalidate()

        systems = frozenset(QFontDatabase.writingSystems())  # the font database: GUI thread
        load_in_worker(self, lambda: (language_choices(systems), keyboard_choices()), done,
                       failed)

    def _language_chosen(self, locale: str) -> None:
        self.state.language = locale
        if locale and not self.keymap_picked:
            keymap = localedata.default_keymap(locale)
            self.keyboards.select(keymap)
            self.state.keyboard = keymap
        self.revalidate()

    def _keyboard_chosen(self, keymap: str) -> None:
        self.keymap_picked = True
        self.state.keyboard = keymap
        self.revalidate()

    def problems(self) -> dict[str, str]:
        if self.load_error:
            return {"language": tr("Could not read the lists of languages and keyboard layouts: "
                                   "{why}").format(why=self.load_error)}
        if not self.loaded:
            return {"loading": tr("Loading…")}
        found = {}
        if not localedata.is_locale(self.state.language):
            found["language"] = tr("Choose a language from the list.")
        if not localedata.is_keymap(self.state.keyboard):
            found["keyboard"] = tr("Choose a keyboard layout from the list: it is the one you "
                                   "type the disk passphrase with at boot.")
        return found
