"""Summary: every choice in plain words, before anything runs; steps that already passed in an
earlier Apply are marked and are not run again."""

from __future__ import annotations

import html

from PyQt6.QtWidgets import QWizard

from veilor_installer.core.firstboot import choices as firstboot
from veilor_installer.core.firstboot.choices import Task
from veilor_installer.core.helper.steps import Message, message_of
from veilor_installer.core.i18n import N_
from veilor_installer.gui.firstboot import texts
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.i18n import Text, live, on_language, tr


class SummaryPage(FirstbootPage):
    FORM = "firstboot_summary.ui"
    TITLE = N_("Summary")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Read this before you apply: nothing has changed yet."))
        on_language(self, "next", lambda: self.setButtonText(QWizard.WizardButton.NextButton,
                                                             tr("&Apply")))
        self.error: Message = ""
        self.tasks: list[Task] = []

    def initializePage(self) -> None:
        self.error = ""
        try:
            self.tasks = firstboot.tasks(self.state.choices)
        except Exception as exc:  # a choice the earlier pages should have refused
            self.tasks = []
            self.error = Text("These choices cannot be applied: {why}", why=message_of(exc))
        live(self.ui.summaryText.setText, self._text)
        self.revalidate()

    def _text(self) -> str:
        """The plan and what is left as it is, in the language in use."""
        choices = self.state.choices
        rows = []
        for task in self.tasks:
            line = html.escape(str(texts.planned(choices, task.id)))
            outcome = self.state.outcomes.get(task.id)
            if (outcome is not None and outcome.status.passed
                    and outcome.fingerprint == task.fingerprint):
                line += " — <i>" + html.escape(tr("done already; not run again")) + "</i>"
            rows.append(f"<li><b>{html.escape(str(texts.title(task.id)))}</b>: {line}</li>")
        left_out = []
        if choices.skip_mesh:
            left_out.append(tr("The mesh: skipped. Veilor's services and your other Veilor "
                               "computers stay out of reach until you join."))
        if not choices.yggdrasil:
            left_out.append(tr("Yggdrasil: off."))
        left_out.append(tr("Trivalent stays the default browser."))
        if choices.thorium and not choices.thorium_selected:
            left_out.append(tr("Thorium: not installed (its warning was not confirmed)."))
        if choices.unlock is firstboot.UnlockMethod.KEEP:
            left_out.append(tr("Disk unlock: the passphrase only, as now."))
        text = ""
        if rows:
            text += "<p>" + html.escape(tr("Apply will:")) + "</p><ul>" + "".join(rows) + "</ul>"
        else:
            text += "<p>" + html.escape(tr("There is nothing to apply.")) + "</p>"
        text += "<p>" + html.escape(tr("Left as it is:")) + "</p><ul>" + "".join(
            f"<li>{html.escape(line)}</li>" for line in left_out) + "</ul>"
        return text

    def problems(self) -> dict[str, str]:
        return {"plan": str(self.error)} if self.error else {}
