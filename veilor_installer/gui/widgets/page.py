"""What every page of both wizards shares: its .ui form, a notice above it (the install
wizard's dry run, first boot's demo), problems shown next to the field they concern (never in a
dialog), and Next enabled only when there is none. Each wizard's own base (``gui/install/base.py``,
``gui/firstboot/base.py``) adds its state and its notice."""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from PyQt6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage
from PyQt6.uic.load_ui import loadUi

from veilor_installer.core.datapaths import data_dir
from veilor_installer.gui.i18n import Text, bind_form, bound, live, on_language
from veilor_installer.gui.widgets.restyle import restyle


class Notice(NamedTuple):
    """A line above every page of a wizard, and the name a screen reader gives it."""

    text: Text
    name: Text


class Page(QWizardPage):
    FORM: ClassVar[str]
    """The form's file name in ui/, e.g. ``welcome.ui``; its widgets become ``self.ui.<name>``."""
    TITLE: ClassVar[str]
    """The step's name (marked with N_): the step list shows it before the page exists."""
    EARLY: ClassVar[bool] = False
    """Built right after the window shows instead of on its first visit: a page that must
    watch something from the start (the Disks page: disks plugged in on earlier pages)."""

    def __init__(self, notice: Notice | None = None) -> None:
        super().__init__()
        live(self.setTitle, Text(self.TITLE))
        self.column = QVBoxLayout(self)
        """The notice, the form, and what a page adds below them."""
        if notice is not None:
            banner = QLabel()
            banner.setObjectName("dryRunBanner")  # the stylesheet's name for a page notice
            banner.setWordWrap(True)
            live(banner.setText, notice.text)
            live(banner.setAccessibleName, notice.name)
            self.column.addWidget(banner)
        # The form's widgets are attributes named after their objectName (set by uic, which
        # has no annotations).
        self.ui: Any = QWidget(self)
        self.ui.setObjectName("pageBody")
        form = data_dir("ui") / self.FORM
        loadUi(str(form), self.ui)  # type: ignore[no-untyped-call]
        bind_form(self.ui, form)
        self.column.addWidget(self.ui, 1)
        self._problems: dict[str, str] = {}
        self._descriptions: dict[int, Any] = {}
        """A field's own accessible description (its binding), while a problem replaces it."""
        # The problems beside the fields are worded anew in a new language.
        on_language(self, "problems", self._reword_problems, now=False)

    def _reword_problems(self) -> None:
        if self._problems:
            self.revalidate()

    # Going Back must never lose what was typed: nothing is reset here.
    def cleanupPage(self) -> None:
        pass

    def problems(self) -> dict[str, str]:
        """Field name → what to do about it. The form has a label ``<field>Error`` for each."""
        return {}

    def isComplete(self) -> bool:
        return not self._problems and super().isComplete()

    def revalidate(self) -> None:
        """Recompute the problems, show each beside its field, and update Next."""
        self._problems = self.problems()
        for label in self.ui.findChildren(QLabel):
            name = label.objectName()
            if not name.endswith("Error"):
                continue
            message = self._problems.get(name[: -len("Error")], "")
            label.setText(message)
            label.setVisible(bool(message))
            buddy = label.buddy()
            if buddy is not None:
                # The problem is the field's description while there is one; then the form's
                # own description (kept, in the language in use) comes back.
                own = self._descriptions.setdefault(
                    id(buddy), bound(buddy.setAccessibleDescription) or "")
                live(buddy.setAccessibleDescription, message or own)
                restyle(buddy, invalid=bool(message))
        self.completeChanged.emit()
