"""Disks: which disks veilor-os erases and how it uses them.

Every disk of the machine is listed with what identifies it (model, size, connection, by-id) and
what is on it in words; those that cannot be targets are shown, disabled, with the reason. The
scan runs in a worker (it can take seconds on a real machine). Where udev runs (the ISO) the
list follows disks plugged in or pulled out by itself (core.storage.hotplug); everywhere,
Rescan finds hot-plugged disks; both keep the choices of the disks still there. The first
disk checked holds the boot partitions; with two or more, the person chooses a layout.
"""

from __future__ import annotations

from functools import partial

from PyQt6.QtCore import QSocketNotifier, Qt, QTimer
from PyQt6.QtGui import QGuiApplication, QPalette
from PyQt6.QtWidgets import QListWidgetItem, QRadioButton

from veilor_installer.core.i18n import N_
from veilor_installer.core.install.machine import Disk, Machine, human_size
from veilor_installer.core.install.plan import Layout
from veilor_installer.core.install.storage.hotplug import DiskEvents
from veilor_installer.gui import bridges
from veilor_installer.gui.i18n import Text, live, on_language, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.install.wording import connection, contents
from veilor_installer.gui.workers import load_in_worker

NAME_ROLE = Qt.ItemDataRole.UserRole
HOTPLUG_SETTLE_MS = 300
"""A disk plugged in sends a burst of events (the disk, its partitions, a change): one scan."""

def describe(disk: Disk) -> str:
    """The three lines of a disk in the list: what it is, where it is, what is on it."""
    first = tr("{model} — {size}, {connection}").format(
        model=disk.model or tr("Unnamed disk"), size=human_size(disk.size_bytes),
        connection=connection(disk))
    second = disk.path + (tr(" · by-id: {id}").format(id=disk.by_id) if disk.by_id else "")
    third = tr("{contents}.").format(contents=capitalised(contents(disk)))
    reason = disk.unsuitable_reason()
    if reason is not None:
        third = tr("{contents} Cannot be used: {reason}.").format(contents=third, reason=reason)
    elif disk.in_use:
        third = tr("{contents} Parts of it are in use right now.").format(contents=third)
    return "\n".join((first, second, third))


def capitalised(text: str) -> str:
    """A phrase made the start of a sentence (its first letter upper case)."""
    return text[:1].upper() + text[1:]


def layout_name(layout: Layout) -> str:
    return {
        Layout.SINGLE: tr("Single disk"),
        Layout.MIRROR: tr("Mirror"),
        Layout.SPAN: tr("One pool"),
        Layout.OS_PLUS_DATA: tr("System and data"),
    }[layout]


def _identity(disk: Disk) -> tuple[str | None, str | None, str | None, int]:
    """A kernel name can pass to another disk after a hot-plug; a choice must not follow it."""
    return disk.by_id, disk.serial, disk.model, disk.size_bytes


class DisksPage(InstallWizardPage):
    FORM = "disks.ui"
    EARLY = True  # its udev monitor must see a disk plugged in while earlier pages are shown
    TITLE = N_("Disks")

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Where veilor-os goes. Nothing is erased until you confirm at "
                                    "the end."))
        self.scanning = False
        self.scan_error: Text | None = None
        self.shown_machine: Machine | None = None
        self.multi_layout = (Layout(state.layout) if state.layout in
                             {v.value for v in Layout} - {Layout.SINGLE.value} else Layout.MIRROR)
        """The layout for two or more disks, kept while the person checks and unchecks."""
        self.radios: dict[Layout, QRadioButton] = {
            Layout.MIRROR: self.ui.mirrorRadio,
            Layout.SPAN: self.ui.spanRadio,
            Layout.OS_PLUS_DATA: self.ui.osPlusDataRadio,
        }
        for layout, radio in self.radios.items():
            live(radio.setAccessibleDescription, layout.summary)
            radio.toggled.connect(partial(self._layout_toggled, layout))
        # Room for two disks of three lines each, a gap between disks, all in the font's own
        # size (HiDPI-safe).
        lines = self.ui.diskList.fontMetrics().lineSpacing()
        self.ui.diskList.setSpacing(lines // 4)
        self.ui.diskList.setMinimumHeight(lines * 7)
        self.ui.rescanButton.clicked.connect(self.rescan)
        self.ui.diskList.itemChanged.connect(self._item_changed)
        on_language(self.ui.diskList, "disks", self._retext_disks, now=False)
        self._rescan_again = False
        self.hotplug = DiskEvents.open()
        """Udev's disk events, where udev runs; None elsewhere (Rescan only)."""
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(HOTPLUG_SETTLE_MS)
        self._settle.timeout.connect(self._hotplugged)
        if self.hotplug is not None:
            # The stub types the descriptor as sip.voidptr; Qt's is a qintptr, an int here.
            self._notifier = QSocketNotifier(self.hotplug.fileno(),  # type: ignore[call-overload]
                                             QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._udev_event)
            # The monitor stays open as long as its notifier lives (closed under a live
            # notifier, Qt disables it with an "Invalid socket" warning: the target lane saw it
            # when the page's Python object went before the page) and is let go once Qt deleted
            # the notifier, noticed by bridges.when_gone, never by a Python slot on
            # ``destroyed`` (that crashed a garbage collection on Python 3.14).
            events = self.hotplug
            bridges.when_gone(self._notifier, lambda: events.close(), hold=True)

    # --- hot-plug ------------------------------------------------------------------------------

    def _udev_event(self) -> None:
        """Udev said a disk came, went or changed: rescan once the burst is over."""
        if self.hotplug is not None and self.hotplug.drain():
            self._settle.start()

    def _hotplugged(self) -> None:
        if self.scanning:
            self._rescan_again = True  # the scan under way may have read the disks before
        else:
            self.rescan()

    # --- scanning ----------------------------------------------------------------------------

    def initializePage(self) -> None:
        if self.scanning:
            return
        machine = self.state.machine
        if machine is None:
            self.rescan()
        elif machine is not self.shown_machine:
            self._show_machine(machine)
        else:
            self.revalidate()

    def rescan(self) -> None:
        """Read the machine again in a worker; the list is disabled until it answers."""
        if self.scanning:
            return
        self.scanning = True
        self.scan_error = None
        self._busy(True)
        self.revalidate()
        load_in_worker(self, self.state.read_machine, self._scanned, self._scan_failed)

    def _busy(self, busy: bool) -> None:
        self.ui.scanProgress.setVisible(busy)
        self.ui.diskList.setEnabled(not busy)
        self.ui.rescanButton.setEnabled(not busy)
        if busy:
            live(self.ui.scanStatus.setText, Text("Reading the disks…"))

    def _scanned(self, machine: Machine) -> None:
        self.scanning = False
        self.state.machine = machine
        self._busy(False)
        self._show_machine(machine)
        if self._rescan_again:
            self._rescan_again = False
            self.rescan()

    def _scan_failed(self, exc: BaseException) -> None:
        self.scanning = False
        self.scan_error = Text("Could not read the disks: {why}. Press Rescan to try again.",
                               why=exc)
        self._busy(False)
        live(self.ui.scanStatus.setText, "")
        self.revalidate()

    def _show_machine(self, machine: Machine) -> None:
        """List the machine's disks, keeping the choices of the disks that are still there."""
        before = self.shown_machine
        kept, gone = [], []
        for name in self.state.disks:
            now = machine.disk(name)
            then = before.disk(name) if before is not None else None
            if now is not None and (then is None or _identity(then) == _identity(now)):
                kept.append(name)
            else:
                gone.append(then.description if then is not None else name)
        self.state.disks = kept
        self.shown_machine = machine
        self._fill(machine)

        count = len(machine.disks)
        status = [Text("Found one disk.") if count == 1 else
                  Text("Found {count} disks.", count=count)]
        if before is not None:
            known = {_identity(d) for d in before.disks}
            new = [d.description for d in machine.disks if _identity(d) not in known]
            if new:
                status.append(Text("New: {disks}.", disks=", ".join(new)))
        if gone:
            status.append(Text("No longer connected, so no longer checked: {disks}.",
                               disks=", ".join(gone)))
        live(self.ui.scanStatus.setText, lambda: " ".join(str(part) for part in status))
        self._update_choice()

    def _fill(self, machine: Machine) -> None:
        view = self.ui.diskList
        view.blockSignals(True)
        try:
            view.clear()
            for disk in machine.disks:
                item = QListWidgetItem(describe(disk))
                item.setData(NAME_ROLE, disk.name)
                chosen = disk.name in self.state.disks
                # A chosen disk that cannot be used stays enabled, so that it can be unchecked.
                item.setFlags(self._flags(disk.install_target or chosen))
                if not disk.install_target:
                    # The stylesheet gives the list one text colour for every state.
                    item.setForeground(QGuiApplication.palette().color(
                        QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                view.addItem(item)
            first = next((row for row in range(view.count())
                          if view.item(row).flags() & Qt.ItemFlag.ItemIsEnabled), None)
            if first is not None:
                view.setCurrentRow(first)
        finally:
            view.blockSignals(False)

    def _retext_disks(self) -> None:
        """The disks' rows anew in the language in use (their checks and flags kept)."""
        machine = self.shown_machine
        if machine is None:
            return
        view = self.ui.diskList
        view.blockSignals(True)
        try:
            for row in range(view.count()):
                item = view.item(row)
                disk = machine.disk(item.data(NAME_ROLE))
                if disk is not None:
                    item.setText(describe(disk))
        finally:
            view.blockSignals(False)

    @staticmethod
    def _flags(usable: bool) -> Qt.ItemFlag:
        if not usable:
            return Qt.ItemFlag.ItemNeverHasChildren
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemNeverHasChildren)

    # --- choosing ------------------------------------------------------------------------------

    def _item_changed(self, item: QListWidgetItem) -> None:
        name = item.data(NAME_ROLE)
        checked = item.checkState() == Qt.CheckState.Checked
        disks = list(self.state.disks)
        if checked and name not in disks:
            disks.append(name)
        elif not checked and name in disks:
            disks.remove(name)
        else:
            return
        self.state.disks = disks
        disk = self.shown_machine.disk(name) if self.shown_machine is not None else None
        if not checked and disk is not None and not disk.install_target:
            item.setFlags(self._flags(False))
        self._update_choice()

    def _layout_toggled(self, layout: Layout, checked: bool) -> None:
        if not checked:
            return
        self.multi_layout = layout
        self._show_layout_hint()
        if len(self.state.disks) >= 2:
            self.state.layout = layout.value
        self.revalidate()

    def _show_layout_hint(self) -> None:
        summary = self.multi_layout.summary
        live(self.ui.layoutHint.setText, lambda: tr("{summary}.").format(
            summary=capitalised(str(summary))))

    def _update_choice(self) -> None:
        count = len(self.state.disks)
        self.ui.layoutBox.setVisible(count >= 2)
        if count >= 2:
            self.state.layout = self.multi_layout.value
            radio = self.radios[self.multi_layout]
            if not radio.isChecked():
                radio.blockSignals(True)
                radio.setChecked(True)
                radio.blockSignals(False)
            self._show_layout_hint()
        else:
            self.state.layout = Layout.SINGLE.value
        first = (self.shown_machine.disk(self.state.disks[0])
                 if count and self.shown_machine is not None else None)
        if first is None:
            self.ui.bootNote.setVisible(False)
        else:
            if count == 1:
                note = Text("veilor-os and its boot partitions go on {disk}; everything on it is "
                            "erased.", disk=first.description)
            else:
                note = Text("The boot partitions go on {disk}, the first disk you checked; "
                            "everything on the {count} checked disks is erased. To start from "
                            "another disk, uncheck them all and check that one first.",
                            disk=first.description, count=count)
            live(self.ui.bootNote.setText, note)
            self.ui.bootNote.setVisible(True)
        self.revalidate()

    def problems(self) -> dict[str, str]:
        if self.scan_error is not None:
            return {"scan": str(self.scan_error)}
        machine = self.shown_machine
        if self.scanning or machine is None:
            return {"busy": tr("Reading the disks…")}
        if not self.state.disks:
            return {"disks": tr("Check the disk to install veilor-os on.")}
        for name in self.state.disks:
            disk = machine.disk(name)
            reason = disk.unsuitable_reason() if disk is not None else tr("it is not connected")
            if reason is not None:
                return {"disks": tr("{disk} cannot be used: {reason}. Uncheck it.").format(
                    disk=disk.description if disk is not None else name, reason=reason)}
        layout = Layout(self.state.layout)
        fewest, most = layout.disk_counts
        count = len(self.state.disks)
        if not fewest <= count <= most:
            need = (tr("exactly {count} disks").format(count=fewest) if fewest == most else
                    tr("{fewest} to {most} disks").format(fewest=fewest, most=most))
            return {"layout": tr("“{layout}” takes {need}, and {count} are checked. Uncheck "
                                 "a disk, or choose another way to use them.").format(
                layout=layout_name(layout), need=need, count=count)}
        return {}
