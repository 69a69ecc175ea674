"""What both wizards share: pages made from one state, each built on its first visit (the
window opens with the first page only), the list of steps at the side, the focus placed where
a person starts typing, Quit asked of the page at work, a roomy size.

A page's id is its place in the list. Qt asks ``nextId`` for the page after this one (to show
Next or Finish) before that page exists, so the shell answers from the list; the page is built
when Next is pressed (``validateCurrentPage``), or when a caller asks for it (``page_of``,
``pages``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from PyQt6.QtCore import QSize, Qt, QTimer
from PyQt6.QtGui import QFontMetrics
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
    QWizard,
)

from veilor_installer.gui.i18n import Text, live, on_language, tr
from veilor_installer.gui.widgets.page import Page

P = TypeVar("P", bound=Page)

_B = QWizard.WizardButton
DEFAULT_BUTTONS = [_B.Stretch, _B.BackButton, _B.NextButton, _B.CommitButton,
                   _B.FinishButton, _B.CancelButton]
"""QWizard's own button row, for a page that changed it to put it back."""


class WizardShell(QWizard):
    def __init__(self, state: Any, pages: Sequence[type[Page]], *, title: Text,
                 steps_name: Text, object_name: str) -> None:
        super().__init__()
        self.state = state
        self.setObjectName(object_name)
        live(self.setWindowTitle, title)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self._classes = tuple(pages)
        self._built: dict[int, Page] = {}
        self._unchosen_focus: QWidget | None = None
        self._build(0)
        self.setStartId(0)
        QTimer.singleShot(0, self._build_early)
        self.steps = QListWidget()
        self.steps.setObjectName("stepList")
        live(self.steps.setAccessibleName, steps_name)
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        # It shows where one is; clicking it goes nowhere (and must not move the highlight).
        self.steps.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        for _page_class in self._classes:
            item = QListWidgetItem()
            # Selectable, or setSelected() is ignored and the current step is not shown.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.steps.addItem(item)
        self.setSideWidget(self.steps)
        on_language(self, "shell", self._retranslate)
        self.currentIdChanged.connect(self._on_page)
        self.resize(self.sizeHint())

    def _retranslate(self) -> None:
        """The step list, its width, and the buttons, in the language in use."""
        for row, page_class in enumerate(self._classes):
            item = self.steps.item(row)
            if item is not None:
                item.setText(tr(page_class.TITLE))
        self._fit_steps()
        self.setButtonText(QWizard.WizardButton.NextButton, tr("&Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("&Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("&Quit"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Close"))

    def _build(self, page_id: int) -> Page:
        page = self._built.get(page_id)
        if page is None:
            page = self._classes[page_id](self.state)
            self._built[page_id] = page
            self.setPage(page_id, page)
            # When a page becomes valid (a check ends), Next may take the focus.
            page.completeChanged.connect(self._focus_start)
        return page

    def _build_early(self) -> None:
        for page_id, page_class in enumerate(self._classes):
            if page_class.EARLY:
                self._build(page_id)

    @property
    def pages(self) -> list[Page]:
        """Every page, in order (those not visited yet are built now)."""
        return [self._build(page_id) for page_id in range(len(self._classes))]

    def page_id(self, page_class: type[Page]) -> int:
        """The id of the (first) page of that class, built or not."""
        for page_id, known in enumerate(self._classes):
            if known is page_class:
                return page_id
        raise LookupError(page_class.__name__)

    def page_of(self, page_class: type[P]) -> P:
        """The (first) page of that class, typed as such (``page(id)`` is a QWizardPage)."""
        page = self._build(self.page_id(page_class))
        if not isinstance(page, page_class):
            raise TypeError(f"{type(page).__name__} is not a {page_class.__name__}")
        return page

    def nextId(self) -> int:
        """The page after the current one in the list, -1 after the last (a wizard that skips
        a page says so in its own ``nextId``)."""
        current = self.currentId()
        if current < 0:
            return -1
        return current + 1 if current + 1 < len(self._classes) else -1

    def validateCurrentPage(self) -> bool:
        """Next was pressed and the page accepts: the page after it is built now, its first
        visit (QWizard moves only to a page it has)."""
        if not super().validateCurrentPage():
            return False
        following = self.nextId()
        if following >= 0:
            self._build(following)
        return True

    def _focus_start(self, force: bool = False) -> None:
        """The first field of the page (Qt's own choice is the first widget in the chain,
        often a button), else Next. Unless ``force`` (a new page), the focus moves only away
        from Back/Quit or nothing: never out of a field someone is typing in."""
        page = self.currentPage()
        if page is None:
            return
        current = QApplication.focusWidget()
        buttons = [self.button(b) for b in (QWizard.WizardButton.BackButton,
                                            QWizard.WizardButton.CancelButton)]
        if not force and current is not None and current not in buttons and (
                current is not self._unchosen_focus):
            return
        self._unchosen_focus = None
        for widget in page.findChildren(QWidget):
            if (isinstance(widget, (QLineEdit, QAbstractItemView)) and widget.isVisible()
                    and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and not (isinstance(widget, QLineEdit) and widget.isReadOnly())):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            button = self.button(which)
            if button is not None and button.isVisible() and button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        # Next is not ready (a check or a build is running): remember where Qt put the focus,
        # so that Next may take it once ready, unless the person moved it meanwhile.
        self._unchosen_focus = QApplication.focusWidget()

    def reject(self) -> None:
        """Quit, Escape or the window closed: a page with work under way decides whether and
        when the wizard may close."""
        request_quit = getattr(self.currentPage(), "request_quit", None)
        if request_quit is not None and not request_quit():
            return
        super().reject()

    def _fit_steps(self) -> None:
        """Wide enough for the longest title in bold (the current step), measured after the
        stylesheet applies, plus the item padding."""
        self.steps.ensurePolished()
        bold = self.steps.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        widest = max(metrics.horizontalAdvance(tr(page_class.TITLE))
                     for page_class in self._classes)
        self.steps.setFixedWidth(widest + 3 * metrics.height())

    def sizeHint(self) -> QSize:
        """Open roomy (the pages fit 800×600, but breathe at 900×680), never beyond the screen."""
        em = self.fontMetrics().height()
        hint = super().sizeHint().expandedTo(QSize(em * 60, em * 45))
        screen = self.screen()
        if screen is not None:
            hint = hint.boundedTo(screen.availableSize())
        return hint

    def _on_page(self, page_id: int) -> None:
        # After the page is laid out: focus where a person starts typing, else on Next, so
        # Enter never lands on Quit.
        QTimer.singleShot(0, lambda: self._focus_start(force=True))
        index = page_id
        for row in range(self.steps.count()):
            item = self.steps.item(row)
            if item is not None:
                item.setSelected(row == index)
