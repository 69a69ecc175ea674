"""Finish (live runs, after success only): what was installed where, and the restart.

Anaconda waits for Enter after a successful install, then restarts the computer. Restart now
sends it the Enter; closing without restarting stops Anaconda first, so that it cannot restart
the computer later without being asked (the command line's rule: restart only with consent).
"""

from __future__ import annotations

import html

from PyQt6 import sip
from PyQt6.QtCore import Qt, QTimer
from PyQt6.QtWidgets import QWizard

from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.i18n import N_
from veilor_installer.gui.i18n import Text, live, on_language, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.install.wording import created
from veilor_installer.gui.widgets.restyle import set_role
from veilor_installer.gui.widgets.shell import DEFAULT_BUTTONS
from veilor_installer.gui.workers import load_in_worker

REBOOT_WAIT_S = 300.0


class FinishPage(InstallWizardPage):
    FORM = "finish.ui"
    TITLE = N_("Finish")

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("The installation succeeded."))
        self.setFinalPage(True)
        self.ui.restartButton.clicked.connect(self.restart)
        self.restarting = False
        self.stopping = False
        self.stopped = False

    def initializePage(self) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.setButtonLayout(DEFAULT_BUTTONS)
        result, runner = self.state.result, self.state.runner
        if result is None or runner is None or not result.succeeded:
            return  # only reached after a success (the Install page moves on then)
        plan = runner.plan
        live(self.ui.resultTitle.setText, lambda: tr("{title}.").format(
            title=html.escape(str(result.title))))
        live(self.ui.installedText.setText, lambda: "<br/>".join(
            html.escape(str(line)) for line in [result.disks_message, *created(plan)]))
        live(self.ui.nextText.setText, result.next_steps)
        live(self.ui.logsText.setText, Text("The logs of this install are in {folder}.",
                                            folder=html.escape(result.log_dir or runner.log_dir)))
        waiting = runner.anaconda_running
        self.ui.restartButton.setVisible(waiting)
        if waiting:
            # Restart is the page's main action: Enter presses it, not the wizard's Close.
            if wizard is not None:
                wizard.setOption(QWizard.WizardOption.NoDefaultButton, True)
            self.ui.restartButton.setDefault(True)
            # After the wizard has placed the focus for the new page (its own deferred call).
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._focus_restart))
            close = N_("&Close without restarting")
            live(self.ui.closeHint.setText, Text("“Close without restarting” stops Anaconda: "
                                                 "the computer keeps running until you restart "
                                                 "it."))
        else:
            close = N_("&Close")
            live(self.ui.closeHint.setText, Text("Anaconda has already ended: restart the "
                                                 "computer yourself when you are ready."))
        on_language(self, "finishButton", lambda: self.setButtonText(
            QWizard.WizardButton.FinishButton, tr(close)))

    def _focus_restart(self) -> None:
        if not sip.isdeleted(self) and self.ui.restartButton.isEnabled():
            self.ui.restartButton.setFocus(Qt.FocusReason.OtherFocusReason)

    def restart(self) -> None:
        """Press Enter for Anaconda: it ends and restarts the computer."""
        runner = self.state.runner
        if runner is None or self.restarting or self.stopping or self.stopped:
            return
        try:
            runner.reboot()
        except OperationFailed as exc:
            set_role(self.ui.restartStatus, "error")
            live(self.ui.restartStatus.setText, Text("The computer cannot be restarted from "
                                                     "here: {why}. Restart it yourself.", why=exc))
            return
        self.restarting = True
        self.ui.restartButton.setEnabled(False)
        set_role(self.ui.restartStatus, "")
        live(self.ui.restartStatus.setText, Text("Restarting the computer…"))

        def ended(_code: object) -> None:
            wizard = self.wizard()
            if wizard is not None:
                wizard.accept()

        load_in_worker(self, lambda: runner.wait(REBOOT_WAIT_S), ended, ended)

    def validatePage(self) -> bool:
        """Close: stop Anaconda first, unless the person chose the restart."""
        return self.request_quit()

    def request_quit(self) -> bool:
        runner = self.state.runner
        if self.restarting or self.stopped or runner is None or not runner.anaconda_running:
            return True
        if self.stopping:
            return False
        self.stopping = True
        self.ui.restartButton.setEnabled(False)
        live(self.ui.restartStatus.setText, Text("Stopping Anaconda so that the computer does "
                                                 "not restart…"))

        def done(message: Text) -> None:
            self.stopping = False
            self.stopped = True
            live(self.ui.restartStatus.setText, message)
            wizard = self.wizard()
            if wizard is not None:
                wizard.accept()

        def failed(exc: BaseException) -> None:
            self.stopping = False
            self.ui.restartButton.setEnabled(True)
            set_role(self.ui.restartStatus, "error")
            live(self.ui.restartStatus.setText, Text("Anaconda could not be stopped: {why}",
                                                     why=exc))

        load_in_worker(self, runner.stop, done, failed)
        return False
