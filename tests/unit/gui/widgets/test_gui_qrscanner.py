"""The QR scanner widget: a live preview of a video used as the camera, the code outlined and
emitted once, every failure shown with the offer to paste the key, the camera released when
the widget is hidden."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PyQt6 import sip
from PyQt6.QtCore import QPointF, Qt
from PyQt6.QtGui import QColor, QPalette
from PyQt6.QtWidgets import QVBoxLayout, QWidget

from veilor_installer.core.firstboot import qr
from veilor_installer.core.firstboot.qr import CameraProblem, Opened, State, camera
from veilor_installer.demo.joincodes import make_signer
from veilor_installer.demo.scenes import background, place, write_avi
from veilor_installer.gui import bridges
from veilor_installer.gui.widgets.qrscanner import CameraView, QrScanner, state_text


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("scanner")
    uri = make_signer(folder).sign_png(folder / "code.png")
    image = cv2.imread(str(folder / "code.png"))
    coded = [place(image, seed=i, size=420, perspective=0.04, noise=6) for i in range(40)]
    empty = [background(200 + i) for i in range(15)]
    return {
        "uri": uri,
        "scan": write_avi(folder / "scan.avi", empty[:8] + coded),
        "nothing": write_avi(folder / "nothing.avi", empty),
    }


def make(qtbot: Any, source: Path | str, **kwargs: Any) -> QrScanner:
    scanner = QrScanner(source=str(source), **kwargs)
    qtbot.addWidget(scanner)
    scanner.resize(640, 480)
    scanner.show()
    qtbot.waitExposed(scanner)
    return scanner


def released(widget: QrScanner) -> bool:
    return widget.scanner is not None and widget.scanner.released.wait(5)


def test_the_code_is_emitted_once_and_outlined(qtbot: Any, media: dict[str, Any]) -> None:
    widget = make(qtbot, media["scan"])
    emitted: list[str] = []
    widget.decoded.connect(emitted.append)
    with qtbot.waitSignal(widget.decoded, timeout=10_000):
        widget.start()
    qtbot.wait(600)  # 30 more frames hold the code
    assert emitted == [media["uri"]]
    assert widget.state is State.STOPPED and widget.status.text() == "QR code read."
    assert released(widget)  # the camera is off once the code is read

    outline = widget.view.outline()
    assert outline is not None and outline.size() == 4
    rect = widget.view.rect()
    assert all(rect.contains(outline.at(i).toPoint()) for i in range(4))
    # The outline is drawn in the highlight colour, over the frozen frame.
    picture = widget.view.grab().toImage()
    ratio = picture.devicePixelRatio()
    edge = (outline.at(0) + outline.at(1)) / 2
    highlight = widget.view.palette().color(QPalette.ColorRole.Highlight)
    near = [picture.pixelColor(int((edge.x() + dx) * ratio), int((edge.y() + dy) * ratio))
            for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    assert any(_close(c, highlight) for c in near), [c.name() for c in near]

    # The code (it holds the pre-auth key) is covered in the frame kept on screen: a
    # screenshot of the widget decodes to nothing.
    shot = Path(str(media["scan"])).with_name("after-read.png")
    assert picture.save(str(shot))
    assert list(qr.decode_path(shot)) == []


def _close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 40


def test_rescan_reads_again(qtbot: Any, media: dict[str, Any]) -> None:
    widget = make(qtbot, media["scan"])
    with qtbot.waitSignal(widget.decoded, timeout=10_000):
        widget.start()
    widget.start()  # a code is on screen: start() does nothing until rescan()
    with qtbot.waitSignal(widget.decoded, timeout=10_000) as second:
        widget.rescan()
    assert second.args == [media["uri"]]


def test_the_preview_shows_frames_scaled_to_the_widget(qtbot: Any,
                                                      media: dict[str, Any]) -> None:
    widget = make(qtbot, media["nothing"], loop=True)
    widget.start()
    qtbot.waitUntil(lambda: widget.state is State.RUNNING, timeout=5000)
    qtbot.waitUntil(lambda: widget.view._image is not None, timeout=5000)
    image = widget.view._image
    ratio = widget.view.devicePixelRatioF()
    assert image.width() <= widget.view.width() * ratio + 1
    assert image.height() <= widget.view.height() * ratio + 1
    assert image.width() < 1280  # scaled down off the GUI thread
    assert widget.view.outline() is None  # nothing read, nothing outlined
    assert widget.status.text() == state_text(State.RUNNING) and not widget.retry.isVisible()
    widget.hide()  # leaving the page releases the camera
    assert released(widget)


def test_a_video_that_ends_offers_to_try_again_or_paste(qtbot: Any,
                                                         media: dict[str, Any]) -> None:
    widget = make(qtbot, media["nothing"])
    states: list[str] = []
    widget.stateChanged.connect(states.append)
    widget.start()
    qtbot.waitUntil(lambda: widget.state is State.ENDED, timeout=5000)
    assert states == ["starting", "running", "ended"]
    assert widget.status.text() == state_text(State.ENDED)
    assert widget.retry.isVisible() and widget.paste.isVisible()
    assert widget.status.property("role") == "error"
    with qtbot.waitSignal(widget.pasteRequested, timeout=1000):
        qtbot.mouseClick(widget.paste, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(widget.retry, Qt.MouseButton.LeftButton)  # scans again
    qtbot.waitUntil(lambda: states[-2:] == ["running", "ended"] and len(states) == 6,
                    timeout=5000)


def test_no_camera(qtbot: Any, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path / "video0")
    widget.start()
    qtbot.waitUntil(lambda: widget.state is State.NO_CAMERA, timeout=5000)
    assert "No camera was found" in widget.status.text() and "paste" in widget.status.text()
    assert widget.view.accessibleDescription() == widget.status.text()


@pytest.mark.parametrize(("state", "words"), [
    (State.BUSY, "in use by another program"),
    (State.PERMISSION_DENIED, "may not use the camera"),
    (State.FAILED, "could not be used"),
])
def test_camera_problems_are_shown(qtbot: Any, state: State, words: str) -> None:
    def opener(source: str) -> Opened:
        raise CameraProblem(state, f"{source}: stand-in")

    widget = make(qtbot, "/dev/video0", opener=opener)
    widget.start()
    qtbot.waitUntil(lambda: widget.state is state, timeout=5000)
    assert words in widget.status.text() and "aste the key" in widget.status.text()
    assert widget.status.toolTip() == "/dev/video0: stand-in"
    assert widget.retry.isVisible()


def test_a_camera_unplugged_mid_scan(qtbot: Any, media: dict[str, Any], tmp_path: Path) -> None:
    node = tmp_path / "video0"
    node.touch()

    class Unplugging:
        def __init__(self) -> None:
            self.capture = cv2.VideoCapture(str(media["nothing"]))
            self.sent = 0

        def isOpened(self) -> bool:
            return True

        def read(self) -> tuple[bool, Any]:
            self.sent += 1
            if self.sent > 5:
                node.unlink(missing_ok=True)
                return False, None
            return self.capture.read()

        def release(self) -> None:
            self.capture.release()

        def get(self, prop: int) -> float:
            return 0.0

        def set(self, prop: int, value: float) -> bool:
            return False

    widget = make(qtbot, node,
                  opener=lambda source: Opened(Unplugging(), is_device=True, fps=30.0))
    widget.start()
    qtbot.waitUntil(lambda: widget.state is State.UNPLUGGED, timeout=5000)
    assert "disconnected" in widget.status.text()


def test_results_after_the_widget_is_gone_are_harmless(qtbot: Any,
                                                       media: dict[str, Any]) -> None:
    widget = QrScanner(source=str(media["nothing"]), loop=True)
    widget.start()
    qtbot.waitUntil(lambda: widget.state is State.RUNNING, timeout=5000)
    scanner = widget.scanner
    assert scanner is not None
    bridge = widget._scans.bridge
    assert bridge is not None
    widget.deleteLater()
    qtbot.wait(100)
    assert scanner.stop(wait=True)  # its last status went to a deleted widget, unnoticed
    # Its threads joined, the bridge they emitted on is deleted too, on the GUI thread.
    qtbot.waitUntil(lambda: sip.isdeleted(bridge), timeout=5000)
    assert not bridges.is_kept(bridge)


class StuckCamera:
    """A camera whose read blocks (a driver that stopped answering) once ``stuck`` is set,
    until ``gate`` is."""

    def __init__(self) -> None:
        self.stuck = threading.Event()
        self.blocked = threading.Event()
        self.gate = threading.Event()
        self.released = False

    def isOpened(self) -> bool:
        return True

    def read(self) -> tuple[bool, Any]:
        if self.stuck.is_set():
            self.blocked.set()
            self.gate.wait(30)
        return True, np.full((240, 320, 3), 128, np.uint8)

    def release(self) -> None:
        self.released = True

    def get(self, prop: int) -> float:
        return 0.0

    def set(self, prop: int, value: float) -> bool:
        return False


def test_closing_the_window_while_scanning_waits_for_nothing(qtbot: Any) -> None:
    """The window closed (and deleted) while the camera read hangs: the GUI goes on at once;
    the scanner's bridge stays until its threads are joined, then is deleted; the last
    status, emitted after the widget was gone, is harmless."""
    device = StuckCamera()
    window = QWidget()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    widget = QrScanner(window, source="/dev/video0",
                       opener=lambda source: Opened(device, is_device=True, fps=30.0))
    QVBoxLayout(window).addWidget(widget)
    window.resize(640, 480)
    window.show()
    qtbot.waitExposed(window)
    widget.start()
    qtbot.waitUntil(lambda: widget.state is State.RUNNING, timeout=5000)
    scanner, bridge = widget.scanner, widget._scans.bridge
    assert scanner is not None and bridge is not None
    gone: list[bool] = []
    widget.destroyed.connect(lambda: gone.append(True))
    device.stuck.set()
    assert device.blocked.wait(5)
    began = time.monotonic()
    window.close()
    qtbot.waitUntil(lambda: bool(gone), timeout=2000)
    assert time.monotonic() - began < 5.0  # nobody waited for the camera (stuck for 30 s)
    ticks: list[int] = []
    for _ in range(5):  # the GUI thread keeps running while the read hangs
        qtbot.wait(60)
        ticks.append(1)
    assert len(ticks) == 5
    assert scanner.stop() is False and not device.released
    assert bridges.is_kept(bridge) and not sip.isdeleted(bridge)
    device.gate.set()  # the driver answers: the threads end, the camera is released
    qtbot.waitUntil(lambda: sip.isdeleted(bridge), timeout=5000)
    assert device.released and scanner.stop(wait=True, timeout=0)


def test_scanning_starts_again_at_once_after_a_stop(qtbot: Any,
                                                   media: dict[str, Any]) -> None:
    """Hidden and shown again before the old scanner ended: a new one scans."""
    widget = make(qtbot, media["nothing"], loop=True)
    widget.start()
    qtbot.waitUntil(lambda: widget.state is State.RUNNING, timeout=5000)
    first = widget.scanner
    widget.hide()
    widget.show()
    widget.start()
    qtbot.waitUntil(lambda: widget.scanner is not first, timeout=5000)
    qtbot.waitUntil(lambda: widget.state is State.RUNNING, timeout=5000)
    assert first is not None and first.stop(wait=True) and first.released.is_set()


def test_the_camera_is_opened_again_only_once_the_last_scan_let_it_go(qtbot: Any) -> None:
    """Shown again while the stopped scan's read still hangs: no second open of the same
    camera (a real one would say it is busy); the new scan starts once it was released."""
    device = StuckCamera()
    opened: list[StuckCamera] = []

    def opener(source: str) -> Opened:
        opened.append(device)
        return Opened(device, is_device=True, fps=30.0)

    widget = make(qtbot, "/dev/video0", opener=opener)
    widget.start()
    qtbot.waitUntil(lambda: widget.state is State.RUNNING, timeout=5000)
    first = widget.scanner
    device.stuck.set()
    assert device.blocked.wait(5)
    widget.hide()
    widget.show()
    widget.start()
    qtbot.wait(300)  # the GUI goes on; the first scan still holds the camera
    assert widget.scanner is first and len(opened) == 1
    device.stuck.clear()
    device.gate.set()
    qtbot.waitUntil(lambda: widget.scanner is not first and len(opened) == 2, timeout=5000)
    qtbot.waitUntil(lambda: widget.state is State.RUNNING, timeout=5000)
    assert first is not None and first.released.is_set()


def test_fits_small_screens_without_pixel_sizes(qtbot: Any) -> None:
    widget = QrScanner(source="/nonexistent")
    qtbot.addWidget(widget)
    hint = widget.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 600
    for child in [widget, *widget.findChildren(QWidget)]:  # nothing fixed in pixels
        assert child.maximumWidth() == child.maximumHeight() == 16_777_215, child
    assert widget.view.minimumSize().isNull()  # its hint follows the font
    names = [widget.view.accessibleName(), widget.status.accessibleName(),
             widget.retry.accessibleName(), widget.paste.accessibleName()]
    assert all(names)
    for button in (widget.retry, widget.paste):  # reachable with the keyboard
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_the_preview_keeps_the_aspect(qtbot: Any) -> None:
    view = CameraView()
    qtbot.addWidget(view)
    view.resize(400, 400)
    frame = camera._scaled(np.zeros((720, 1280, 3), np.uint8), 0, (400, 400))
    view.show_frame(frame, ((0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)))
    outline = view.outline()
    assert outline is not None
    # 400×225 centred in 400×400: the frame's top-left corner is at y = 87.5.
    assert outline.at(0) == QPointF(0, 87.5)
    assert outline.at(2) == QPointF(100, 187.5)
