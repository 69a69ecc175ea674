"""Confirm: name the disks once more and have the person type a word to erase them."""

from __future__ import annotations

import html

from PyQt6.QtWidgets import QWizard

from veilor_installer.core.i18n import N_
from veilor_installer.gui.i18n import tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.install.wording import contents


class ConfirmPage(InstallWizardPage):
    FORM = "confirm.ui"
    TITLE = N_("Confirm")

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        self.word = tr("erase")
        self.ui.instruction.setText(
            tr("To go on, type <b>{word}</b> in the field below.").format(word=self.word))
        self.ui.confirmEdit.textChanged.connect(lambda _text: self.revalidate())
        if state.dry_run:
            self.setSubTitle(tr("This is a dry run: the disks stay as they are."))
            self.setButtonText(QWizard.WizardButton.NextButton, tr("&Write the kickstart"))
            self.ui.nextStep.setText(tr("Next, the installer writes the kickstart to {folder}; "
                                        "no disk is touched.").format(folder=state.output_dir))
        else:
            self.setSubTitle(tr("The last step before disks are erased."))
            self.setButtonText(QWizard.WizardButton.NextButton, tr("&Erase and install"))
            self.ui.nextStep.setText(tr("Erasing starts at once and cannot be undone."))
        self._confirmed_for: tuple[str, ...] = ()

    def initializePage(self) -> None:
        plan = self.state.plan
        lines = [f"{disk.description}: {contents(disk)}" for disk in plan.disks] if plan else []
        self.ui.eraseText.setText(
            tr("These disks will be erased:") + "<br/>"
            + "<br/>".join(f"• <b>{html.escape(line)}</b>" for line in lines))
        # Typing the word again is asked whenever the disks changed since it was typed.
        disks = tuple(d.name for d in plan.disks) if plan else ()
        if disks != self._confirmed_for:
            self.ui.confirmEdit.clear()
        self._confirmed_for = disks
        self.ui.confirmEdit.setFocus()
        self.revalidate()

    def problems(self) -> dict[str, str]:
        typed = self.ui.confirmEdit.text().strip()
        if typed.casefold() == self.word.casefold():
            return {}
        if not typed:
            return {"confirm": tr("Type {word} to confirm.").format(word=self.word)}
        return {"confirm": tr("That is not the word shown; type {word}.").format(word=self.word)}
