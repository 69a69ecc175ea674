"""Confirm: name the disks once more and have the person type a word to erase them."""

from __future__ import annotations

import html

from PyQt6.QtWidgets import QWizard

from veilor_installer.core.i18n import N_
from veilor_installer.gui.i18n import Text, live, on_language, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.install.wording import contents

ENGLISH_WORD = N_("erase")


class ConfirmPage(InstallWizardPage):
    FORM = "confirm.ui"
    TITLE = N_("Confirm")

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        live(self.ui.instruction.setText, lambda: tr(
            "To go on, type <b>{word}</b> in the field below.").format(word=self.word))
        self.ui.confirmEdit.textChanged.connect(lambda _text: self.revalidate())
        if state.dry_run:
            live(self.setSubTitle, Text("This is a dry run: the disks stay as they are."))
            button = N_("&Write the kickstart")
            live(self.ui.nextStep.setText, Text("Next, the installer writes the kickstart to "
                                                "{folder}; no disk is touched.",
                                                folder=state.output_dir))
        else:
            live(self.setSubTitle, Text("The last step before disks are erased."))
            button = N_("&Erase and install")
            live(self.ui.nextStep.setText, Text("Erasing starts at once and cannot be undone."))
        on_language(self, "nextButton", lambda: self.setButtonText(
            QWizard.WizardButton.NextButton, tr(button)))
        self._confirmed_for: tuple[str, ...] = ()

    @property
    def word(self) -> str:
        """The word to type, in the language in use."""
        return tr(ENGLISH_WORD)

    def initializePage(self) -> None:
        plan = self.state.plan
        disk_list = plan.disks if plan else ()
        live(self.ui.eraseText.setText, lambda: "<br/>".join([
            tr("These disks will be erased:"),
            *(tr("• <b>{disk}: {contents}</b>").format(disk=html.escape(disk.description),
                                                        contents=html.escape(contents(disk)))
              for disk in disk_list)]))
        # Typing the word again is asked whenever the disks changed since it was typed.
        disks = tuple(d.name for d in plan.disks) if plan else ()
        if disks != self._confirmed_for:
            self.ui.confirmEdit.clear()
        self._confirmed_for = disks
        self.ui.confirmEdit.setFocus()
        self.revalidate()

    def problems(self) -> dict[str, str]:
        typed = self.ui.confirmEdit.text().strip()
        # The English word is taken too: the translated one may need letters the keyboard
        # layout in use cannot type (ö on a US layout).
        if typed.casefold() in (self.word.casefold(), ENGLISH_WORD):
            return {}
        if not typed:
            return {"confirm": tr("Type {word} to confirm.").format(word=self.word)}
        return {"confirm": tr("That is not the word shown; type {word}.").format(word=self.word)}
