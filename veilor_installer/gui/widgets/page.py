"""What every page shares: its .ui form, the dry-run banner, problems shown next to the
field they concern (never in a dialog), and Next enabled only when there is none."""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from PyQt6 import uic
from PyQt6.QtCore import QCoreApplication
from PyQt6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage

from veilor_installer.core.datapaths import data_dir


class WizardState(Protocol):
    """What the base page reads of a wizard's state (the install one, or first boot's, which is
    never a dry run): the pages of each wizard read the rest of their own state."""

    dry_run: bool
    output_dir: str


def tr(text: str) -> str:
    return QCoreApplication.translate("veilor", text)


class Page(QWizardPage):
    FORM: ClassVar[str]
    """The form's file name in ui/, e.g. ``welcome.ui``; its widgets become ``self.ui.<name>``."""

    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        layout = QVBoxLayout(self)
        if state.dry_run:
            banner = QLabel(tr("Dry run: no disk will be touched. The installer only writes the "
                               "kickstart to {folder}.").format(folder=state.output_dir))
            banner.setObjectName("dryRunBanner")
            banner.setWordWrap(True)
            banner.setAccessibleName(tr("Dry run notice"))
            layout.addWidget(banner)
        # The form's widgets are attributes named after their objectName (set by uic).
        self.ui: Any = QWidget(self)
        self.ui.setObjectName("pageBody")
        uic.loadUi(str(data_dir("ui") / self.FORM), self.ui)
        layout.addWidget(self.ui, 1)
        self._problems: dict[str, str] = {}

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
                buddy.setProperty("invalid", bool(message))
                buddy.setAccessibleDescription(message)
                buddy.style().unpolish(buddy)
                buddy.style().polish(buddy)
        self.completeChanged.emit()
