"""A searchable list: a filter field over a list view, shared by the language, keyboard and
time zone choices. Typing narrows the list and never changes the choice; arrow keys in the
field move the choice through the matches."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from PyQt6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    pyqtSignal,
)
from PyQt6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
)

from veilor_installer.gui.i18n import Text, live, on_language, tr

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
    The status texts are English messages marked with ``N_`` (``{text}`` is what was typed or
    chosen): the status line is worded anew after a switch of language.
    """

    chosen = pyqtSignal(str)

    def __init__(self, search: QLineEdit, view: QListView, status: QLabel, *,
                 chosen_text: str, no_match_text: str, loading_text: str) -> None:
        super().__init__(view)
        self.search = search
        # The search field's clear button is a tool button Qt adds; name it for screen readers.
        # (Kept by this object: the buttons' Python wrappers, made by findChildren, come and go.)
        def name_clear_buttons() -> None:
            for button in search.findChildren(QToolButton):
                button.setAccessibleName(tr("Clear the search"))

        on_language(self, "clearButton", name_clear_buttons)
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
        live(status.setText, Text(loading_text))
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
            viewport = self.view.viewport()
            shown = viewport.height() if viewport is not None else 0
            page = max(1, shown // max(1, self.view.sizeHintForRow(0)) - 1)
            steps: dict[int, int] = {Qt.Key.Key_Down.value: 1, Qt.Key.Key_Up.value: -1,
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
        live(self.status.setText, self._status)

    def _status(self) -> str:
        typed = self.search.text().strip()
        no_match = tr(self._no_match_text).format(text=typed)
        if not self.value:
            return no_match if self.proxy.rowCount() == 0 else ""
        chosen = tr(self._chosen_text).format(text=self.text_of(self.value))
        if self.proxy.rowCount() == 0:
            return tr("{no_match} {chosen}").format(no_match=no_match, chosen=chosen)
        return chosen
