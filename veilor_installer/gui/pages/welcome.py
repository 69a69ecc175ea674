"""Welcome: what veilor-os is, and whether this computer can take it (firmware, memory, a
disk of 32 GiB, the network and the image registry), each with what to do when it fails."""

from __future__ import annotations

from PyQt6.QtGui import QIcon
from PyQt6.QtWidgets import QLabel

from veilor_installer.core import requirements
from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.machine import Machine
from veilor_installer.gui.pages.base import Page, tr
from veilor_installer.gui.state import InstallState
from veilor_installer.gui.workers import run_task


class WelcomePage(Page):
    FORM = "welcome.ui"

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        self.setTitle(tr("Welcome"))
        self.setSubTitle(tr("Install veilor-os on this computer."))
        size = self.fontMetrics().height() * 4
        self.ui.logo.setPixmap(QIcon(str(resource_path("branding/veilor-logo.svg"))).pixmap(size))
        self.ui.recheckButton.clicked.connect(self.check)
        self.hardware: list[requirements.Check] = []
        self.network: list[requirements.Check] = []
        self.busy = False
        self._rows: list[QLabel] = []
        self._checked_once = False

    def initializePage(self) -> None:
        if not self._checked_once:
            self._checked_once = True
            self.check()

    def check(self) -> None:
        """Read the machine and probe the network, both in workers."""
        if self.busy:
            return
        self.busy = True
        self.ui.recheckButton.setEnabled(False)
        self.ui.scanStatus.setText(tr("Checking this computer…"))
        self.revalidate()
        pending = {"machine", "network"}

        def settle(part: str) -> None:
            pending.discard(part)
            if not pending:
                self.busy = False
                self.ui.recheckButton.setEnabled(True)
                self.ui.scanStatus.setText(tr("Checked."))
            self._show()

        def got_machine(machine: Machine) -> None:
            self.state.machine = machine
            self.hardware = requirements.hardware_checks(machine)
            settle("machine")

        def machine_failed(exc: BaseException) -> None:
            self.hardware = [requirements.Check(
                "machine", tr("Disks"), False, tr("Could not read the disks: {why}").format(
                    why=exc), tr("Press Check again; if it keeps failing, save the logs."))]
            settle("machine")

        def got_network(checks: list[requirements.Check]) -> None:
            self.network = checks
            settle("network")

        def network_failed(exc: BaseException) -> None:
            self.network = [requirements.Check("network", tr("Network"), False, str(exc),
                                               required=not self.state.dry_run)]
            settle("network")

        run_task(self.state.read_machine, got_machine, machine_failed)
        run_task(lambda: requirements.network_checks(required=not self.state.dry_run),
                 got_network, network_failed)

    def _show(self) -> None:
        layout = self.ui.checksLayout
        for row in self._rows:
            layout.removeWidget(row)
            row.deleteLater()
        self._rows = []
        for check in self.hardware + self.network:
            mark = "✔" if check.passed else ("✖" if check.required else "⚠")
            text = f"{mark}  <b>{check.title}</b>: {check.detail}"
            if not check.passed and check.fix:
                text += f"<br/><span>{check.fix}</span>"
            row = QLabel(text)
            row.setWordWrap(True)
            row.setProperty("role", "ok" if check.passed else
                            ("error" if check.required else "warning"))
            state = tr("passed") if check.passed else tr("failed")
            row.setAccessibleName(f"{check.title}: {state}. {check.detail}. {check.fix}")
            layout.addWidget(row)
            self._rows.append(row)
        self.revalidate()

    def problems(self) -> dict[str, str]:
        if self.busy or (self.state.machine is None and not self.hardware):
            return {"busy": tr("Checking…")}
        failed = [c for c in self.hardware + self.network if c.required and not c.passed]
        if failed:
            return {"requirements": tr("veilor-os cannot be installed until this is fixed: ")
                    + "; ".join(c.title for c in failed)}
        return {}
