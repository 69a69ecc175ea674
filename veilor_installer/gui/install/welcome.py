"""Welcome: what veilor-os is, and whether this computer can take it (firmware, memory, a
disk of 32 GiB, the network and the image registry), each with what to do when it fails.
When the ISO carries the image (core.medium), it offers the offline install from it, naming
the image and its digest, beside the online one (then the network is not required)."""

from __future__ import annotations

from functools import partial

from PyQt6.QtGui import QIcon
from PyQt6.QtWidgets import QGroupBox, QLabel, QRadioButton, QVBoxLayout

from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.i18n import N_
from veilor_installer.core.install import medium, requirements
from veilor_installer.core.install.machine import Machine
from veilor_installer.core.install.plan import DEFAULT_IMAGE
from veilor_installer.gui.i18n import Text, live, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.workers import run_task


class WelcomePage(InstallWizardPage):
    FORM = "welcome.ui"
    TITLE = N_("Welcome")

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Install veilor-os on this computer."))
        size = self.fontMetrics().height() * 4
        self.ui.logo.setPixmap(QIcon(str(resource_path("branding/veilor-logo.svg"))).pixmap(size))
        self.ui.recheckButton.clicked.connect(self.check)
        self.hardware: list[requirements.Check] = []
        self.network: list[requirements.Check] = []
        self.busy = False
        self._rows: list[QLabel] = []
        self._checked_once = False
        self.medium_image: medium.MediumImage | None = None
        self.offline: QRadioButton | None = None
        self.online: QRadioButton | None = None
        self._source_box()

    def _source_box(self) -> None:
        """The choice between the image on this medium and the registry (when there is one)."""
        try:
            image = medium.load()  # a few hundred bytes under /etc: read at once
        except InvalidInput as exc:
            note = QLabel()
            live(note.setText, Text("The image on this USB stick cannot be used ({why}): the "
                                    "image is downloaded instead.", why=exc))
            note.setWordWrap(True)
            note.setProperty("role", "warning")
            self.column.addWidget(note)
            return
        if image is None:
            return
        self.medium_image = image
        box = QGroupBox()
        live(box.setTitle, Text("Where the system comes from"))
        box.setObjectName("imageSource")
        column = QVBoxLayout(box)
        short = image.digest[:19] + "…"
        self.offline = QRadioButton()
        live(self.offline.setText, Text("From this USB stick, no network needed: {ref}, "
                                        "{digest}", ref=image.ref, digest=short))
        self.offline.setObjectName("offlineImage")
        live(self.offline.setAccessibleName, Text("Install from this USB stick: {ref}, digest "
                                                  "{digest}", ref=image.ref, digest=image.digest))
        self.offline.setToolTip(image.digest)
        self.online = QRadioButton()
        live(self.online.setText, Text("Download it, signature checked: {ref} (needs a "
                                       "network)", ref=image.update_ref))
        self.online.setObjectName("onlineImage")
        live(self.online.setAccessibleName, Text("Download the image: {ref}",
                                                 ref=image.update_ref))
        for button in (self.offline, self.online):
            button.toggled.connect(self._source_changed)
            column.addWidget(button)
        self.column.addWidget(box)
        self.offline.setChecked(True)

    def _source_changed(self) -> None:
        image, state = self.medium_image, self.state
        if image is None or self.offline is None:
            return
        if self.offline.isChecked():
            state.image_ref, state.transport = image.ref, image.transport
            state.update_ref, state.image_digest = image.update_ref, image.digest
        else:
            state.image_ref, state.transport = image.update_ref or DEFAULT_IMAGE, "registry"
            state.update_ref, state.image_digest = None, None
        self._show()

    @property
    def needs_network(self) -> bool:
        return self.offline is None or not self.offline.isChecked()

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
        live(self.ui.scanStatus.setText, Text("Checking this computer…"))
        self.revalidate()
        pending = {"machine", "network"}

        def settle(part: str) -> None:
            pending.discard(part)
            if not pending:
                self.busy = False
                self.ui.recheckButton.setEnabled(True)
                live(self.ui.scanStatus.setText, Text("Checked."))
            self._show()

        def got_machine(machine: Machine) -> None:
            self.state.machine = machine
            self.hardware = requirements.hardware_checks(machine)
            settle("machine")

        def machine_failed(exc: BaseException) -> None:
            self.hardware = [requirements.Check(
                "machine", Text("Disks"), False, Text("Could not read the disks: {why}",
                                                      why=exc),
                Text("Press Check again; if it keeps failing, save the logs."))]
            settle("machine")

        def got_network(checks: list[requirements.Check]) -> None:
            self.network = checks
            settle("network")

        def network_failed(exc: BaseException) -> None:
            self.network = [requirements.Check("network", Text("Network"), False, str(exc),
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
            required = check.required and (check in self.hardware or self.needs_network)
            mark = "✔" if check.passed else ("✖" if required else "⚠")
            row = QLabel()
            live(row.setText, partial(row_text, mark, check))
            row.setWordWrap(True)
            row.setProperty("role", "ok" if check.passed else
                            ("error" if required else "warning"))
            live(row.setAccessibleName, partial(row_name, check))
            layout.addWidget(row)
            self._rows.append(row)
        self.revalidate()

    def problems(self) -> dict[str, str]:
        if self.busy or (self.state.machine is None and not self.hardware):
            return {"busy": tr("Checking…")}
        network = self.network if self.needs_network else []
        failed = [c for c in self.hardware + network if c.required and not c.passed]
        if failed:
            return {"requirements": tr("veilor-os cannot be installed until this is fixed: "
                                       "{checks}").format(
                checks="; ".join(str(c.title) for c in failed))}
        return {}


def row_text(mark: str, check: requirements.Check) -> str:
    """A check's row: its mark, its name, what was found and, when it failed, what to do."""
    if not check.passed and check.fix:
        return tr("{mark}  <b>{title}</b>: {detail}<br/><span>{fix}</span>").format(
            mark=mark, title=check.title, detail=check.detail, fix=check.fix)
    return tr("{mark}  <b>{title}</b>: {detail}").format(mark=mark, title=check.title,
                                                         detail=check.detail)


def row_name(check: requirements.Check) -> str:
    """What a screen reader says of a check's row."""
    if check.passed:
        return tr("{title}: passed. {detail}. {fix}").format(
            title=check.title, detail=check.detail, fix=check.fix)
    return tr("{title}: failed. {detail}. {fix}").format(
        title=check.title, detail=check.detail, fix=check.fix)
