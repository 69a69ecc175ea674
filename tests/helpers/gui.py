"""What the page tests share: a wizard shaped like the installer's around one page, and
checks that the page really fits (nothing squeezed) at 800×600."""

from __future__ import annotations

from typing import Any

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from veilor_installer.gui.widgets.choicelist import VALUE_ROLE, ChoiceList

STEP_TITLES = ("Welcome", "Language & keyboard", "Time zone", "Disks", "Encryption", "Account",
               "Summary", "Confirm", "Installing")


CONTROLS = (QLineEdit, QListView, QListWidget, QTreeWidget, QComboBox, QPushButton, QCheckBox,
            QRadioButton)


def neighbour(title: str) -> QWizardPage:
    page = QWizardPage()
    page.setTitle(title)
    QVBoxLayout(page).addWidget(QLabel(title))
    return page


def wizard_with(qtbot: Any, *pages: QWizardPage) -> QWizard:
    """The pages in a wizard shaped like the install wizard (classic style, step list), at the
    smallest size the installer supports: 800×600."""
    wizard = QWizard()
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
    steps = QListWidget()
    steps.addItems(STEP_TITLES)
    steps.setMaximumWidth(steps.sizeHintForColumn(0) + 3 * wizard.fontMetrics().height())
    wizard.setSideWidget(steps)
    for page in pages:
        wizard.addPage(page)
    qtbot.addWidget(wizard)
    wizard.resize(800, 600)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def squeezed(page: QWizardPage) -> list[str]:
    """The page's laid-out widgets that got less room than they need (cut-off text, a list
    with no visible row); empty when the page really fits."""
    found = []

    def visit(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QTabWidget) and widget.isVisible():
                widget = widget.currentWidget()  # the tab shown: its children must fit
            if widget is not None and widget.isVisible():
                if widget.layout() is not None:  # a container: its children must fit
                    visit(widget.layout())
                    continue
                # Wrapped text needs its lines; a list keeps the rows it asks for.
                need = (widget.heightForWidth(widget.width()) if widget.hasHeightForWidth()
                        else widget.minimumHeight())
                if widget.height() < need:
                    found.append(f"{widget.objectName()}: {widget.height()} < {need}")
            elif item is not None and item.layout() is not None:
                visit(item.layout())

    layout = page.layout()
    assert layout is not None
    visit(layout)
    return found


def next_enabled(wizard: QWizard) -> bool:
    button = wizard.button(QWizard.WizardButton.NextButton)
    return button is not None and button.isEnabled()


def values(choices: ChoiceList) -> list[str]:
    """The values the list shows now, in order (after the search)."""
    proxy = choices.proxy
    return [proxy.index(row, 0).data(VALUE_ROLE) for row in range(proxy.rowCount())]


def selected(choices: ChoiceList) -> list[str]:
    return [index.data(VALUE_ROLE) for index in choices.selection.selectedIndexes()]


def click_row(qtbot: Any, choices: ChoiceList, value: str,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    row = choices.visible_row(value)
    assert row >= 0, f"{value} is not visible"
    index = choices.proxy.index(row, 0)
    choices.view.scrollTo(index)
    qtbot.mouseClick(choices.view.viewport(), Qt.MouseButton.LeftButton, modifier,
                     choices.view.visualRect(index).center())


class PageBetween:
    """The page between two neighbours in a wizard, as the install wizard holds it."""

    def __init__(self, qtbot: Any, state: Any, page_class: Any) -> None:
        self.wizard = QWizard()
        self.wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.before = QWizardPage()
        self.before.setTitle("Before")
        self.page = page_class(state)
        self.after = QWizardPage()
        self.after.setTitle("After")
        QLabel("next page", self.after)
        for page in (self.before, self.page, self.after):
            self.wizard.addPage(page)
        qtbot.addWidget(self.wizard)
        self.wizard.resize(800, 600)
        self.wizard.show()
        qtbot.waitExposed(self.wizard)
        self.wizard.next()
        assert self.wizard.currentPage() is self.page
        self.qtbot = qtbot

    @property
    def next_button(self) -> QAbstractButton:
        button = self.wizard.button(QWizard.WizardButton.NextButton)
        assert button is not None
        return button

    def type(self, field: QLineEdit, text: str) -> None:
        field.setFocus()
        field.selectAll()
        if not text:
            self.qtbot.keyClick(field, Qt.Key.Key_Backspace)
        elif text.isascii():
            self.qtbot.keyClicks(field, text)
        else:  # QTest aborts on keys beyond ASCII: insert them as an input method would
            field.insert(text)

    def settle(self) -> None:
        """Wait until the strength of what is in the field is rated and shown."""
        self.qtbot.waitUntil(lambda: not self.page.entry.pending, timeout=5000)

    def error(self, field: str) -> str:
        label = getattr(self.page.ui, field + "Error")
        return label.text() if label.isVisible() else ""


def oversized(wizard: Any) -> list[str]:
    """The pages (and the wizard as a whole) whose minimumSizeHint() exceeds 800×600."""
    found = []
    for name, widget in [(type(p).__name__, p) for p in wizard.pages] + [("wizard", wizard)]:
        hint = widget.minimumSizeHint()
        if hint.width() > 800 or hint.height() > 600:
            found.append(f"{name}: {hint.width()}×{hint.height()}")
    return found


def unnamed_controls(pages: Any) -> list[str]:
    """Controls with neither an accessible name nor a text a screen reader can speak."""
    from PyQt6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QProgressBar,
        QTabWidget,
    )

    kinds = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit,
             QProgressBar, QTabWidget)
    missing = []
    for page in pages:
        for widget in page.findChildren(kinds):
            parent = widget.parentWidget()
            while parent is not None and not isinstance(parent, QComboBox):
                parent = parent.parentWidget()
            if parent is not None and widget is not parent.lineEdit():
                continue  # a combo box's own popup: the combo box is what is named
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not (widget.accessibleName() or text):
                missing.append(f"{type(page).__name__}.{widget.objectName() or type(widget)}")
    return missing
