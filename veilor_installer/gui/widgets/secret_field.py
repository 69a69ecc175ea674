"""The one kind of widget a secret is typed into (passphrases, passwords, PINs, pre-auth keys):
a password field whose accessible side never holds a character of the secret.

Qt sends the inserted and deleted text of a password ``QLineEdit`` as is, in AT-SPI's
``object:text-changed`` events, to every client of the session (issue 10, 8: Orca read a
deleted passphrase aloud; KeePassXC met the same, keepassxreboot/keepassxc#1920, #5389).
PyQt6 wraps no ``QAccessible`` class, so the events cannot be filtered from Python. Instead the
``QLineEdit`` underneath holds only a mask, one ``●`` per character (what GTK's entries send),
and the text lives in a core ``Secret``: every event, the Text and EditableText interfaces and
the input method's surrounding text see the mask; the field stays a ``password text`` that
Orca announces as such.

Typing, pasting (Ctrl+V, Shift+Insert, the menu, the middle button) and input-method commits
go to ``_insert``, which edits the Secret and inserts as many mask characters. Deleting
(Backspace, Delete, the word and line deletions, a selection typed over) is left to
``QLineEdit``, which after any deletion leaves its cursor where the text was removed: the
same range is cut from the Secret. Undo and redo are refused (their history would be of
masks). Anything else that changes the mask (nothing known) empties the field rather than
guess.

"Show" (``set_revealed``, or ``setEchoMode(Normal)`` as ``QLineEdit`` callers say it) paints
the text for the eye only: assistive technology still gets the mask and the role stays
``password text``. Shown text given to a screen reader would be given to every AT-SPI client
of the session as well, so Show never does that; a screen reader user checks a secret by
typing it again in the confirmation field, which the page compares.

The Python API is ``QLineEdit``'s: ``text()``, ``setText``, ``insert``, ``clear``, and
``textChanged``/``textEdited`` carrying the real text (Python signals of the same names: Qt's
own, carrying the mask, only reach C++).
"""

from __future__ import annotations

from PyQt6.QtCore import QPoint, QRect, Qt, pyqtSignal
from PyQt6.QtGui import (
    QClipboard,
    QContextMenuEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PyQt6.QtWidgets import QLineEdit, QMenu, QStyle, QStyleOptionFrame, QWidget

from veilor_installer.core.secret import Secret

MASK = "\N{BLACK CIRCLE}"
# An input method must neither learn nor predict a secret, shown or not.
SECRET_INPUT_HINTS = (Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
                      | Qt.InputMethodHint.ImhNoAutoUppercase | Qt.InputMethodHint.ImhHiddenText)
_REFUSED = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
            QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Copy)
_PASTE = (QKeySequence.StandardKey.Paste,)
# QLineEdit's own margins around the text (qlineedit_p.h: horizontalMargin, verticalMargin).
_H_MARGIN, _V_MARGIN = 2, 1


def _inserts(event: QKeyEvent) -> bool:
    """Whether QLineEdit would insert the key's text (QInputControl::isAcceptableInput)."""
    text = event.text()
    if not text:
        return False
    mods = event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier
                                 | Qt.KeyboardModifier.GroupSwitchModifier)
    ctrl = Qt.KeyboardModifier.ControlModifier
    if mods in (ctrl, ctrl | Qt.KeyboardModifier.ShiftModifier):
        return False
    first = text[0]
    return first.isprintable() or first in "\u200c\u200d\u200e\u200f" or (
        "\ue000" <= first <= "\uf8ff") or ord(first) > 0xFFFF


class SecretField(QLineEdit):
    # Named apart in Qt's meta-object, so that Qt's own signals (the mask) stay reachable.
    textChanged = pyqtSignal(str, name="secretChanged")
    """The real text changed (typed, pasted, deleted or set)."""
    textEdited = pyqtSignal(str, name="secretEdited")
    """The person changed the text (not ``setText``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._secret = Secret("", register=False)
        self._revealed = False
        self._ours = False  # the mask is being changed by us, not by QLineEdit's own editing
        self._deleting = False  # QLineEdit is handling a key or Delete of ours: it may delete
        self._problem = ""
        self._status = ""
        self._scroll = 0
        self._anchor = 0
        super().setEchoMode(QLineEdit.EchoMode.Password)
        self.setInputMethodHints(self.inputMethodHints() | SECRET_INPUT_HINTS)
        self.setAcceptDrops(False)
        self.setDragEnabled(False)
        QLineEdit.textChanged.__get__(self, QLineEdit).connect(self._mask_changed)
        self.cursorPositionChanged.connect(lambda _old, _new: self._repaint())
        self.selectionChanged.connect(self._repaint)

    # --- the text ---

    def secret(self) -> Secret:
        return self._secret

    def text(self) -> str:
        return self._secret.reveal()

    def setText(self, text: str | None) -> None:
        text = text or ""
        changed = text != self._secret.reveal()
        self._secret = Secret(text, register=False)
        self._set_mask(lambda: super(SecretField, self).setText(MASK * len(text)))
        if changed:
            self.textChanged.emit(text)
        self._repaint()

    def clear(self) -> None:
        self.setText("")

    def insert(self, text: str | None) -> None:
        self._insert(text or "")

    def paste(self) -> None:
        self._paste(QClipboard.Mode.Clipboard)

    def backspace(self) -> None:
        self._deletion(super().backspace)

    def del_(self) -> None:
        self._deletion(super().del_)

    def cut(self) -> None:
        """Refused, as Ctrl+X: nothing of a secret goes to the clipboard."""

    def setMaxLength(self, length: int) -> None:
        value = self._secret.reveal()
        if len(value) > length:
            self.setText(value[:length])
        super().setMaxLength(length)

    def undo(self) -> None:
        """Refused: QLineEdit's history holds masks, not the secret."""

    def redo(self) -> None:
        """Refused, as ``undo``."""

    def _set_mask(self, change: object) -> None:
        self._ours = True
        try:
            change()  # type: ignore[operator]
        finally:
            self._ours = False

    def _insert(self, text: str) -> None:
        if self.isReadOnly():
            return
        value = self._secret.reveal()
        if self.hasSelectedText():
            start = self.selectionStart()
            end = start + self.selectionLength()
        else:
            start = end = self.cursorPosition()
        text = text[:max(0, self.maxLength() - (len(value) - (end - start)))]
        if not text and start == end:
            return
        new = value[:start] + text + value[end:]
        self._secret = Secret(new, register=False)
        self._set_mask(lambda: super(SecretField, self).insert(MASK * len(text)))
        self._edited()

    def _paste(self, mode: QClipboard.Mode) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            self._insert(clipboard.text(mode))

    def _deletion(self, edit: object) -> None:
        self._deleting = True
        try:
            edit()  # type: ignore[operator]
        finally:
            self._deleting = False

    def _mask_changed(self, mask: str) -> None:
        """QLineEdit changed the mask by itself: a deletion, its cursor where the text went.
        Any other change (text set through AT-SPI's EditableText, which calls
        ``QLineEdit::setText``) cannot be told from the mask: the field is emptied."""
        if self._ours:
            return
        value = self._secret.reveal()
        removed = len(value) - len(mask)
        if self._deleting and removed > 0 and mask == MASK * len(mask):
            start = self.cursorPosition()
            self._secret = Secret(value[:start] + value[start + removed:], register=False)
        elif mask != MASK * len(value):
            # Text from somewhere we do not know: never kept, never guessed at.
            self._secret = Secret("", register=False)
            self._set_mask(lambda: super(SecretField, self).setText(""))
        else:
            return
        self._edited()

    def _edited(self) -> None:
        value = self._secret.reveal()
        self.textChanged.emit(value)
        self.textEdited.emit(value)
        self._repaint()

    # --- input ---

    def keyPressEvent(self, event: QKeyEvent | None) -> None:
        if event is None:
            return
        if any(event.matches(key) for key in _PASTE):
            self.paste()
            event.accept()
        elif any(event.matches(key) for key in _REFUSED):
            event.accept()
        elif _inserts(event) and not self.isReadOnly():
            self._insert(event.text())
            event.accept()
        else:
            self._deletion(lambda: super(SecretField, self).keyPressEvent(event))

    def inputMethodEvent(self, event: QInputMethodEvent | None) -> None:
        """Only what the input method commits counts; its preedit is never shown (it would
        be the secret in clear, and what the input method composes is its own business)."""
        if event is None:
            return
        commit = event.commitString()
        if event.replacementLength():
            start = max(0, self.cursorPosition() + event.replacementStart())
            self.setSelection(start, event.replacementLength())
        if commit or event.replacementLength():
            self._insert(commit)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent | None) -> None:
        if event is not None and event.button() is Qt.MouseButton.MiddleButton:
            clipboard = QGuiApplication.clipboard()
            if clipboard is not None and clipboard.supportsSelection():
                self._paste(QClipboard.Mode.Selection)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def context_menu(self) -> QMenu:
        """QLineEdit's menu, its Paste through ``_insert``; without Undo and Redo (they work
        on masks) or submenus (the Unicode control characters go around ``_insert``)."""
        menu = self.createStandardContextMenu()
        assert menu is not None  # noqa: S101 - QLineEdit always makes one
        for action in menu.actions():
            name = action.objectName()
            if name in ("edit-undo", "edit-redo") or action.menu() is not None:
                menu.removeAction(action)
            elif name == "edit-paste":
                action.triggered.disconnect()
                action.triggered.connect(lambda _checked=False: self.paste())
            elif name == "edit-delete":
                action.triggered.disconnect()
                action.triggered.connect(lambda _checked=False: self.del_())
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent | None) -> None:
        if event is None:
            return
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    # --- what a screen reader hears about it ---

    def setAccessibleDescription(self, description: str | None) -> None:
        """The page's problem with the field (Page.revalidate); when there is none, the
        status (``set_status``). Orca speaks the focused field's description when it
        changes."""
        self._problem = description or ""
        self._describe()

    def set_status(self, status: str, *, quiet: bool = False) -> None:
        """What the field's description says while the page finds no problem with it: the
        strength of the secret, in words. ``quiet``: kept for the next description change
        (the page's revalidation), so that one change says both."""
        self._status = status
        if not quiet:
            self._describe()

    def _describe(self) -> None:
        description = self._problem or self._status
        if description != self.accessibleDescription():
            super().setAccessibleDescription(description)

    # --- shown to the eye only ---

    def setEchoMode(self, mode: QLineEdit.EchoMode) -> None:
        """Normal shows the text (painted, never given to assistive technology); any other
        mode hides it. The widget itself stays in Password mode."""
        self.set_revealed(mode is QLineEdit.EchoMode.Normal)

    def echoMode(self) -> QLineEdit.EchoMode:
        """What the eye sees: Normal while shown. Assistive technology always sees Password."""
        return QLineEdit.EchoMode.Normal if self._revealed else super().echoMode()

    def set_revealed(self, shown: bool) -> None:
        self._revealed = shown
        self.setInputMethodHints(self.inputMethodHints() | SECRET_INPUT_HINTS)
        self.update()

    @property
    def revealed(self) -> bool:
        return self._revealed

    def _repaint(self) -> None:
        if self._revealed:
            self.update()

    def _text_rect(self) -> QRect:
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        style = self.style()
        assert style is not None  # noqa: S101 - a shown widget has one
        rect = style.subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        margins = self.textMargins()
        return rect.adjusted(margins.left() + _H_MARGIN, margins.top() + _V_MARGIN,
                             -(margins.right() + _H_MARGIN), -(margins.bottom() + _V_MARGIN))

    def _x(self, position: int) -> int:
        return self.fontMetrics().horizontalAdvance(self._secret.reveal()[:position])

    def _position_at(self, point: QPoint) -> int:
        x = point.x() - self._text_rect().left() + self._scroll
        value = self._secret.reveal()
        best, distance = 0, abs(x)
        for position in range(1, len(value) + 1):
            gap = abs(self._x(position) - x)
            if gap < distance:
                best, distance = position, gap
        return best

    def paintEvent(self, event: QPaintEvent | None) -> None:
        if not self._revealed:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        style = self.style()
        assert style is not None  # noqa: S101 - a shown widget has one
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelLineEdit, option, painter, self)
        rect = self._text_rect()
        painter.setClipRect(rect)
        metrics = self.fontMetrics()
        value = self._secret.reveal()
        cursor_x = self._x(self.cursorPosition())
        width = metrics.horizontalAdvance(value)
        if width <= rect.width():
            self._scroll = 0
        elif cursor_x - self._scroll > rect.width():
            self._scroll = cursor_x - rect.width()
        elif cursor_x < self._scroll:
            self._scroll = cursor_x
        self._scroll = min(self._scroll, max(0, width - rect.width()))
        left = rect.left() - self._scroll
        baseline = rect.top() + (rect.height() - metrics.height() + 1) // 2 + metrics.ascent()
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(left, baseline, value)
        if self.hasSelectedText():
            start = self.selectionStart()
            end = start + self.selectionLength()
            x1, x2 = left + self._x(start), left + self._x(end)
            painter.fillRect(QRect(x1, rect.top(), x2 - x1, rect.height()),
                             palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(x1, baseline, value[start:end])
        if self.hasFocus() and not self.hasSelectedText():
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            x = left + cursor_x
            painter.drawLine(x, rect.top() + 1, x, rect.bottom() - 1)

    def mousePressEvent(self, event: QMouseEvent | None) -> None:
        if (not self._revealed or event is None
                or event.button() is not Qt.MouseButton.LeftButton):
            super().mousePressEvent(event)
            return
        position = self._position_at(event.position().toPoint())
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.setSelection(self._anchor, position - self._anchor)
        else:
            self._anchor = position
            self.setCursorPosition(position)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent | None) -> None:
        if (not self._revealed or event is None
                or not event.buttons() & Qt.MouseButton.LeftButton):
            super().mouseMoveEvent(event)
            return
        position = self._position_at(event.position().toPoint())
        self.setSelection(self._anchor, position - self._anchor)
        event.accept()
