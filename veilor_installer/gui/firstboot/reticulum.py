"""Reticulum: an opt-in, with an RNode (LoRa radio) opt-in inside it, and its licence. Only
when the image names its RetiNet source (core.retinet); otherwise the page says plainly that
Reticulum is not available in this image and offers nothing."""

from __future__ import annotations

from PyQt6.QtWidgets import QLabel

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot import choices as firstboot
from veilor_installer.core.firstboot import retinet
from veilor_installer.core.firstboot.reticulum import REGIONS
from veilor_installer.core.helper.steps import message_of
from veilor_installer.core.i18n import N_
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.i18n import Text, live, on_language, tr
from veilor_installer.gui.workers import load_in_worker

REGION_TITLES = {
    "eu868": N_("Europe (868 MHz)"),
    "us915": N_("United States and Canada (915 MHz)"),
    "au915": N_("Australia and New Zealand (915 MHz)"),
}


class ReticulumPage(FirstbootPage):
    FORM = "firstboot_reticulum.ui"
    TITLE = N_("Reticulum")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Optional: networking without servers, down to LoRa radios."))
        ui, choices = self.ui, state.choices
        for name in REGIONS:
            ui.regionChoice.addItem(tr(REGION_TITLES.get(name, name)), name)
        on_language(self, "regions", self._name_regions, now=False)
        ui.regionChoice.setCurrentIndex(max(0, ui.regionChoice.findData(choices.rnode_region)))
        ui.portChoice.setEditText(choices.rnode_port)
        live(ui.portChoice.lineEdit().setAccessibleName, Text("Serial port of the RNode"))
        ui.reticulumCheck.setChecked(choices.reticulum)
        ui.rnodeCheck.setChecked(choices.rnode)
        ui.reticulumCheck.toggled.connect(self._store)
        ui.rnodeCheck.toggled.connect(self._store)
        ui.portChoice.editTextChanged.connect(lambda _text: self._store())
        ui.regionChoice.currentIndexChanged.connect(lambda _index: self._store())
        self._ports_listed = False
        self.unavailable: QLabel | None = None
        try:
            source = retinet.configured_source()  # a small file under /etc
            why: Text | None = None if source is not None else Text(
                "Reticulum isn't available in this image: the image names no RetiNet source "
                "(the AGPL fork), and upstream Reticulum is not installed because its licence "
                "restricts use.")
        except InvalidInput as exc:
            why = Text("Reticulum isn't available: {why}", why=message_of(exc))
        if why is not None:
            ui.reticulumCheck.setChecked(False)
            ui.reticulumCheck.setEnabled(False)
            self.unavailable = QLabel()
            live(self.unavailable.setText, why)
            self.unavailable.setObjectName("reticulumUnavailable")
            self.unavailable.setWordWrap(True)
            self.unavailable.setProperty("role", "warning")
            self.column.addWidget(self.unavailable)
        self._store()

    def _name_regions(self) -> None:
        choice = self.ui.regionChoice
        for index in range(choice.count()):
            name = str(choice.itemData(index))
            choice.setItemText(index, tr(REGION_TITLES.get(name, name)))

    def initializePage(self) -> None:
        if not self._ports_listed:
            self._ports_listed = True
            load_in_worker(self, firstboot.serial_ports, self._ports, lambda _exc: None)

    def _ports(self, ports: list[str]) -> None:
        typed = self.ui.portChoice.currentText()
        self.ui.portChoice.blockSignals(True)
        self.ui.portChoice.clear()
        self.ui.portChoice.addItems(ports)
        self.ui.portChoice.setEditText(ports[0] if ports and typed == "/dev/ttyUSB0" else typed)
        self.ui.portChoice.blockSignals(False)
        self._store()

    def _store(self) -> None:
        ui, choices = self.ui, self.state.choices
        choices.reticulum = ui.reticulumCheck.isChecked()
        ui.rnodeCheck.setEnabled(choices.reticulum)
        choices.rnode = choices.reticulum and ui.rnodeCheck.isChecked()
        ui.rnodeBox.setVisible(choices.rnode)
        choices.rnode_port = ui.portChoice.currentText().strip()
        choices.rnode_region = ui.regionChoice.currentData() or "eu868"
        self.revalidate()

    def problems(self) -> dict[str, str]:
        if not self.state.choices.rnode:
            return {}
        try:
            firstboot.rnode_settings(self.state.choices)
        except InvalidInput:
            return {"port": tr("Choose the serial port the RNode is on: /dev/ttyUSB0, "
                               "/dev/ttyACM0 or a name under /dev/serial/by-id/.")}
        return {}
