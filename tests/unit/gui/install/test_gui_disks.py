"""The Disks page: the scan in a worker, what each disk shows, choosing, layouts, refusals."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from helpers.disks import Reader, disk, machine, state_for
from helpers.gui import CONTROLS, neighbour, next_enabled, squeezed, wizard_with
from PyQt6.QtCore import QCoreApplication, Qt, QTimer
from PyQt6.QtWidgets import (
    QListWidgetItem,
    QWizard,
)

from veilor_installer.core.install.machine import GIB, Machine, Partition
from veilor_installer.core.install.storage.profile import demo_machine
from veilor_installer.gui.install.disks import NAME_ROLE, DisksPage, contents, describe
from veilor_installer.gui.install.state import InstallState


def disks_wizard(qtbot: Any, state: InstallState) -> tuple[QWizard, DisksPage]:
    """Time zone (a stand-in) → Disks → Encryption (a stand-in), on the disks page, scanned."""
    page = DisksPage(state)
    wizard = wizard_with(qtbot, neighbour("Time zone"), page, neighbour("Encryption"))
    wizard.next()
    qtbot.waitUntil(lambda: not page.scanning and page.shown_machine is not None)
    return wizard, page


def item_of(page: DisksPage, name: str) -> QListWidgetItem:
    view = page.ui.diskList
    for row in range(view.count()):
        item = view.item(row)
        if item is not None and item.data(NAME_ROLE) == name:
            return item
    raise AssertionError(f"{name} is not listed")


def listed(page: DisksPage) -> list[str]:
    view = page.ui.diskList
    return [view.item(row).data(NAME_ROLE) for row in range(view.count())]


def check(page: DisksPage, name: str, on: bool = True) -> None:
    item_of(page, name).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def enabled(item: QListWidgetItem) -> bool:
    return bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)


def is_checked(item: QListWidgetItem) -> bool:
    return item.checkState() == Qt.CheckState.Checked


# --- what a disk shows -------------------------------------------------------------------------


def test_every_disk_is_listed_with_what_is_on_it(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = disks_wizard(qtbot, demo_state)
    assert listed(page) == ["nvme0n1", "sda", "sdb"]
    nvme = item_of(page, "nvme0n1").text()
    for part in ("Samsung SSD 980 PRO 1TB", "1.0 TB", "NVMe", "/dev/nvme0n1",
                 "by-id: nvme-Samsung_SSD_980_PRO_1TB_S5GXNX0T812345A",
                 "Holds Windows and a BitLocker volume."):
        assert part in nvme
    sda = item_of(page, "sda").text()
    assert "CT500MX500SSD1 — 500.1 GB, SATA" in sda and sda.endswith("Empty.")
    stick = item_of(page, "sdb")
    assert "USB, removable" in stick.text()
    assert "Cannot be used: it is the medium this system was started from." in stick.text()
    assert not enabled(stick)
    assert enabled(item_of(page, "nvme0n1")) and enabled(item_of(page, "sda"))
    assert page.ui.scanStatus.text() == "Found 3 disks."


def test_contents_in_words() -> None:
    parts = (Partition("sdx1", GIB, "ext4"), Partition("sdx2", GIB, None))
    assert contents(disk("sdx", 64, partitions=parts)) == \
        "holds 2 partitions with no system we recognise"
    assert contents(disk("sdx", 64, partitions=parts[:1])) == \
        "holds one partition with no system we recognise"
    assert contents(disk("sdx", 64, fstype="crypto_LUKS")) == "holds a file system (crypto_LUKS)"
    assert contents(disk("sdx", 64, os=("Windows", "Fedora Linux", "Linux"))) == \
        "holds Windows, Fedora Linux and Linux"
    assert contents(disk("sdx", 64)) == "empty"
    spinning = describe(disk("sdx", 2000, rotational=True, transport=None, model=None))
    assert spinning.startswith("Unnamed disk — 2.1 TB, unknown connection hard disk")


def test_a_disk_too_small_is_shown_disabled_with_the_reason(
        qtbot: Any, tmp_path: Path) -> None:
    state = state_for(tmp_path, Reader(machine(disk("sda", 128), disk("sdb", 16))))
    _wizard, page = disks_wizard(qtbot, state)
    small = item_of(page, "sdb")
    assert not enabled(small)
    assert "Cannot be used: it holds 17.2 GB (16.0 GiB); veilor-os needs at least 32 GiB." \
        in small.text()


# --- refusals ----------------------------------------------------------------------------------


def test_no_disk_chosen_is_refused_beside_the_list(qtbot: Any, demo_state: Any) -> None:
    wizard, page = disks_wizard(qtbot, demo_state)
    assert demo_state.disks == []
    assert not next_enabled(wizard)
    error = page.ui.disksError
    assert error.isVisible() and error.text() == "Check the disk to install veilor-os on."
    assert page.ui.diskList.property("invalid") is True
    assert page.ui.diskList.accessibleDescription() == error.text()
    check(page, "sda")
    assert next_enabled(wizard) and not error.isVisible()
    assert demo_state.disks == ["sda"] and demo_state.layout == "single"
    check(page, "sda", False)
    assert not next_enabled(wizard) and error.isVisible()


def test_a_layout_with_the_wrong_number_of_disks_is_refused(
        qtbot: Any, tmp_path: Path) -> None:
    three = machine(disk("sda", 128), disk("sdb", 128), disk("sdc", 128))
    wizard, page = disks_wizard(qtbot, state_for(tmp_path, Reader(three)))
    for name in ("sda", "sdb", "sdc"):
        check(page, name)
    assert page.ui.layoutBox.isVisible()
    assert page.state.layout == "mirror" and next_enabled(wizard)
    qtbot.mouseClick(page.ui.osPlusDataRadio, Qt.MouseButton.LeftButton)
    assert page.state.layout == "os-plus-data"
    error = page.ui.layoutError
    assert error.isVisible()
    assert error.text().startswith("“System and data” takes exactly 2 disks, and 3 are checked.")
    assert page.ui.layoutBox.accessibleDescription() == error.text()
    assert not next_enabled(wizard)
    check(page, "sdc", False)
    assert next_enabled(wizard) and not error.isVisible()
    assert page.state.disks == ["sda", "sdb"] and page.state.layout == "os-plus-data"


def test_more_disks_than_a_mirror_takes_are_refused(qtbot: Any, tmp_path: Path) -> None:
    nine = machine(*(disk(f"sd{letter}", 64) for letter in "abcdefghi"))
    wizard, page = disks_wizard(qtbot, state_for(tmp_path, Reader(nine)))
    for name in listed(page):
        check(page, name)
    assert page.state.layout == "mirror"
    assert "“Mirror” takes 2 to 8 disks, and 9 are checked." in page.ui.layoutError.text()
    assert not next_enabled(wizard)


def test_a_chosen_disk_that_cannot_be_used_is_refused_until_unchecked(
        qtbot: Any, tmp_path: Path) -> None:
    reader = Reader()
    state = state_for(tmp_path, reader)
    state.machine = machine(disk("sda", 128), disk("sdb", 16))  # read by the Welcome page
    state.disks = ["sdb"]  # e.g. from an answers file
    wizard, page = disks_wizard(qtbot, state)
    assert reader.calls == 0
    small = item_of(page, "sdb")
    assert enabled(small) and is_checked(small)  # so that it can be unchecked
    assert not next_enabled(wizard)
    assert page.ui.disksError.text() == (
        "Test sdb (sdb, 17.2 GB) cannot be used: it holds 17.2 GB (16.0 GiB); veilor-os needs "
        "at least 32 GiB. Uncheck it.")
    check(page, "sdb", False)
    assert not enabled(small)
    assert state.disks == []
    assert page.ui.disksError.text() == "Check the disk to install veilor-os on."


# --- choosing ----------------------------------------------------------------------------------


def test_choosing_by_keyboard_alone(qtbot: Any, demo_state: Any) -> None:
    wizard, page = disks_wizard(qtbot, demo_state)
    view = page.ui.diskList
    view.setFocus()
    assert view.currentRow() == 0
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert demo_state.disks == ["nvme0n1"] and demo_state.layout == "single"
    assert not page.ui.layoutBox.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert demo_state.disks == ["nvme0n1", "sda"] and demo_state.layout == "mirror"
    qtbot.keyClick(view, Qt.Key.Key_Down)  # the USB stick cannot be chosen: the cursor stays
    assert view.currentRow() == 1
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert demo_state.disks == ["nvme0n1"]
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert demo_state.disks == ["nvme0n1", "sda"]

    assert page.ui.layoutBox.isVisible() and page.ui.mirrorRadio.isChecked()
    page.ui.mirrorRadio.setFocus()
    qtbot.keyClick(page.ui.mirrorRadio, Qt.Key.Key_Right)
    assert page.ui.spanRadio.isChecked() and demo_state.layout == "span"
    assert "one large pool" in page.ui.layoutHint.text()
    assert next_enabled(wizard)


def test_the_first_disk_checked_holds_the_boot_partitions(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = disks_wizard(qtbot, demo_state)
    check(page, "sda")
    check(page, "nvme0n1")
    assert demo_state.disks == ["sda", "nvme0n1"]
    note = page.ui.bootNote
    assert note.isVisible()
    assert note.text().startswith("The boot partitions go on CT500MX500SSD1 (sda, 500.1 GB), "
                                  "the first disk you checked")
    check(page, "sda", False)
    assert demo_state.disks == ["nvme0n1"] and demo_state.layout == "single"
    assert not page.ui.layoutBox.isVisible()
    assert "Samsung SSD 980 PRO 1TB (nvme0n1, 1.0 TB)" in note.text()
    check(page, "nvme0n1", False)
    assert not note.isVisible()


def test_the_layout_choice_survives_unchecking(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = disks_wizard(qtbot, demo_state)
    check(page, "nvme0n1")
    check(page, "sda")
    qtbot.mouseClick(page.ui.spanRadio, Qt.MouseButton.LeftButton)
    assert demo_state.layout == "span"
    check(page, "sda", False)
    assert demo_state.layout == "single"
    check(page, "sda")
    assert demo_state.layout == "span" and page.ui.spanRadio.isChecked()


# --- scanning ----------------------------------------------------------------------------------


def test_the_scan_runs_in_a_worker_with_a_visible_busy_state(
        qtbot: Any, tmp_path: Path) -> None:
    release = threading.Event()
    ran_on: list[threading.Thread] = []

    def slow_read() -> Machine:
        ran_on.append(threading.current_thread())
        if not release.wait(20):
            raise TimeoutError("the test never released the scan")
        return demo_machine()

    state = state_for(tmp_path, slow_read)
    page = DisksPage(state)
    wizard = wizard_with(qtbot, neighbour("Time zone"), page, neighbour("Encryption"))
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    try:
        wizard.next()
        assert page.scanning
        assert page.ui.scanProgress.isVisible()
        assert page.ui.scanProgress.minimum() == page.ui.scanProgress.maximum() == 0  # busy
        assert page.ui.scanStatus.text() == "Reading the disks…"
        assert not page.ui.diskList.isEnabled() and not page.ui.rescanButton.isEnabled()
        assert not next_enabled(wizard)
        assert not page.ui.disksError.isVisible()
        # The GUI thread keeps running its event loop while the scan is blocked.
        timer.start()
        qtbot.waitUntil(lambda: len(ticks) >= 10)
        assert page.scanning and ran_on and ran_on[0] is not threading.main_thread()
    finally:
        timer.stop()
        release.set()
    qtbot.waitUntil(lambda: not page.scanning)
    assert not page.ui.scanProgress.isVisible()
    assert page.ui.diskList.isEnabled() and page.ui.rescanButton.isEnabled()
    assert listed(page) == ["nvme0n1", "sda", "sdb"]
    assert state.machine is not None and state.machine.disk("sda") is not None


def test_rescan_finds_new_disks_and_drops_vanished_ones(qtbot: Any, tmp_path: Path) -> None:
    first = machine(disk("sda", 128), disk("sdb", 256))
    plugged = machine(disk("sda", 128), disk("sdb", 256), disk("sdc", 512, transport="usb"))
    unplugged = machine(disk("sdb", 256), disk("sdc", 512, transport="usb"))
    reader = Reader(first, plugged, unplugged)
    wizard, page = disks_wizard(qtbot, state_for(tmp_path, reader))
    check(page, "sda")
    assert listed(page) == ["sda", "sdb"]

    qtbot.mouseClick(page.ui.rescanButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reader.calls == 2 and not page.scanning)
    assert listed(page) == ["sda", "sdb", "sdc"]
    assert page.state.disks == ["sda"] and is_checked(item_of(page, "sda"))
    assert "New: Test sdc (sdc, 549.8 GB)." in page.ui.scanStatus.text()
    check(page, "sdc")
    assert page.state.disks == ["sda", "sdc"] and page.state.layout == "mirror"

    qtbot.mouseClick(page.ui.rescanButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reader.calls == 3 and not page.scanning)
    assert listed(page) == ["sdb", "sdc"]
    assert page.state.disks == ["sdc"] and page.state.layout == "single"
    assert "No longer connected, so no longer checked: Test sda (sda, 137.4 GB)." \
        in page.ui.scanStatus.text()
    assert page.state.machine is unplugged
    assert next_enabled(wizard)


def test_a_kernel_name_taken_by_another_disk_loses_its_check(
        qtbot: Any, tmp_path: Path) -> None:
    before = machine(disk("sda", 128), disk("sdb", 256))
    after = machine(disk("sda", 128), disk("sdb", 64, model="Other stick", serial="OTHER",
                                          by_id="usb-Other_stick_OTHER"))
    reader = Reader(before, after)
    _wizard, page = disks_wizard(qtbot, state_for(tmp_path, reader))
    check(page, "sdb")
    qtbot.mouseClick(page.ui.rescanButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reader.calls == 2 and not page.scanning)
    assert page.state.disks == []
    assert not is_checked(item_of(page, "sdb"))
    assert "New: Other stick (sdb, 68.7 GB)." in page.ui.scanStatus.text()


def test_the_machine_read_by_the_welcome_page_is_used(qtbot: Any, tmp_path: Path) -> None:
    reader = Reader(machine(disk("sdz", 64)))
    state = state_for(tmp_path, reader)
    state.machine = demo_machine()
    _wizard, page = disks_wizard(qtbot, state)
    assert reader.calls == 0
    assert listed(page) == ["nvme0n1", "sda", "sdb"]


def disks_wizard_failing(qtbot: Any, state: InstallState) -> tuple[QWizard, DisksPage]:
    page = DisksPage(state)
    wizard = wizard_with(qtbot, neighbour("Time zone"), page, neighbour("Encryption"))
    wizard.next()
    qtbot.waitUntil(lambda: not page.scanning)
    return wizard, page


@pytest.mark.warning_log("the worker logs the failure it hands to the page")
def test_a_failed_scan_is_shown_and_rescan_recovers(qtbot: Any, tmp_path: Path) -> None:
    reader = Reader(OSError("lsblk timed out"), demo_machine())
    wizard, page = disks_wizard_failing(qtbot, state_for(tmp_path, reader))
    error = page.ui.scanError
    assert error.isVisible()
    assert error.text() == "Could not read the disks: lsblk timed out. Press Rescan to try again."
    assert page.ui.rescanButton.isEnabled() and not next_enabled(wizard)
    qtbot.mouseClick(page.ui.rescanButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reader.calls == 2 and not page.scanning)
    assert not error.isVisible()
    assert listed(page) == ["nvme0n1", "sda", "sdb"]


# --- going back --------------------------------------------------------------------------------


def test_back_keeps_the_disks_and_the_layout(qtbot: Any, tmp_path: Path) -> None:
    reader = Reader(demo_machine())
    wizard, page = disks_wizard(qtbot, state_for(tmp_path, reader))
    check(page, "sda")
    check(page, "nvme0n1")
    qtbot.mouseClick(page.ui.spanRadio, Qt.MouseButton.LeftButton)

    def assert_kept() -> None:
        assert wizard.currentPage() is page
        assert page.state.disks == ["sda", "nvme0n1"] and page.state.layout == "span"
        assert is_checked(item_of(page, "sda")) and is_checked(item_of(page, "nvme0n1"))
        assert page.ui.spanRadio.isChecked() and page.ui.layoutBox.isVisible()
        assert next_enabled(wizard)

    wizard.next()
    assert wizard.currentPage() is not page
    wizard.back()
    assert_kept()
    wizard.back()
    wizard.next()
    assert_kept()
    assert reader.calls == 1  # no rescan behind the person's back


# --- accessibility and size --------------------------------------------------------------------


def test_every_control_has_an_accessible_name(qtbot: Any, demo_state: Any) -> None:
    _wizard, page = disks_wizard(qtbot, demo_state)
    controls = page.findChildren(CONTROLS)
    for control in (page.ui.diskList, page.ui.rescanButton, page.ui.mirrorRadio,
                    page.ui.spanRadio, page.ui.osPlusDataRadio):
        assert control in controls
    assert [w.objectName() for w in controls if not w.accessibleName()] == []
    assert page.ui.spanRadio.accessibleDescription().startswith("the disks form one large pool")


def test_fits_800_by_600_with_everything_shown(qtbot: Any, demo_state: Any) -> None:
    wizard, page = disks_wizard(qtbot, demo_state)
    check(page, "nvme0n1")
    check(page, "sda")
    qtbot.mouseClick(page.ui.osPlusDataRadio, Qt.MouseButton.LeftButton)
    assert page.ui.layoutBox.isVisible() and page.ui.bootNote.isVisible()
    QCoreApplication.processEvents()  # let the wizard take in the page's new minimum
    hint = page.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 600
    wizard.resize(800, 600)
    assert wizard.size().width() == 800 and wizard.size().height() == 600
    QCoreApplication.processEvents()  # the layouts settle at the new size
    assert squeezed(page) == []
