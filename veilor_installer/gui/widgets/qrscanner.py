"""The QR scanner widget: a live camera preview, the code outlined once it is read, and what
went wrong when there is no picture, always with the offer to paste the key instead.

Capture and decoding run on ``core.camera.Scanner``'s threads; this widget only draws the
newest preview frame (already scaled down to its size off the GUI thread) and reacts to the
scanner's states. The threads emit on a bridge of their own, not on the widget nor on a child
of it (``gui.bridges``): the widget may be deleted at any moment (a camera switched, the
window closed), the bridge only once its scanner's threads are joined.

It emits ``decoded`` once, for the first code, then stops the camera and keeps the frame it
was read in on screen; ``rescan()`` starts over. The page owns the timing: ``start()`` when
scanning is wanted, ``stop()`` (or hiding the widget) releases the camera.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PyQt6.QtCore import QObject, QPointF, QRectF, QSize, Qt, QTimer, pyqtSignal
from PyQt6.QtGui import QBrush, QColor, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PyQt6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from veilor_installer.core.firstboot.qr import (
    Detection,
    Opener,
    Preview,
    Scanner,
    State,
    Status,
)
from veilor_installer.core.log import get_logger
from veilor_installer.gui import bridges
from veilor_installer.gui.i18n import Text, live
from veilor_installer.gui.widgets.restyle import set_role

log = get_logger("gui.qrscanner")


STATE_TEXTS: dict[State, Text] = {
    State.STARTING: Text("Starting the camera…"),
    State.RUNNING: Text("Hold the QR code from your Veilor signup page up to the camera."),
    State.NO_CAMERA: Text("No camera was found. Connect one and try again, or paste the key "
                        "instead."),
    State.BUSY: Text("The camera is in use by another program. Close that program and try "
                   "again, or paste the key instead."),
    State.PERMISSION_DENIED: Text("This account may not use the camera. Paste the key "
                                "instead, or ask the computer's administrator for access."),
    State.UNPLUGGED: Text("The camera was disconnected. Plug it in again and try again, or "
                        "paste the key instead."),
    State.ENDED: Text("The video ended without a QR code. Try again, or paste the key "
                    "instead."),
    State.FAILED: Text("The camera could not be used. Try again, or paste the key instead."),
    State.STOPPED: Text("The camera is off."),
}


def state_text(state: State) -> str:
    """What a person is told in each state, in the language in use."""
    return str(STATE_TEXTS[state])


class _Bridge(QObject):
    """Carries one scanner's callbacks (on its threads) to the GUI thread, queued. Each
    carries the number of the scan it belongs to: a stopped scan's last words are dropped."""

    status = pyqtSignal(int, object)
    preview = pyqtSignal(int)
    detection = pyqtSignal(int, object)


class _Scans:
    """The widget's current scanner and its bridge, apart from the widget: once it is gone
    (``bridges.when_gone``) they are still reached, to stop the scanner and release the
    bridge."""

    def __init__(self) -> None:
        self.scanner: Scanner | None = None
        self.bridge: _Bridge | None = None

    def retire(self) -> None:
        """Stop the scanner (at once: its capture thread releases the camera) and delete its
        bridge once its threads are joined (``gui.bridges``)."""
        scanner, bridge = self.scanner, self.bridge
        self.scanner = self.bridge = None
        if scanner is not None:
            scanner.stop()
        if bridge is not None:
            bridges.release(bridge, lambda: scanner is None or scanner.stop(wait=True, timeout=0))


class CameraView(QWidget):
    """Draws a BGR frame scaled to fit, keeping its aspect, and the code's outline."""

    resized = pyqtSignal(int, int)  # device pixels available for the picture

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frame: Any = None  # the numpy array the QImage points into
        self._image: QImage | None = None
        self._outline: QPolygonF | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        live(self.setAccessibleName, Text("Camera preview"))

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 24, line * 27 // 2)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 12, line * 5)  # a code held up still fills it at 800×600

    def show_frame(self, preview: Preview | None,
                   corners: tuple[tuple[float, float], ...] = ()) -> None:
        if preview is None:
            self._frame = self._image = self._outline = None
        else:
            frame = preview.image
            height, width = frame.shape[:2]
            self._frame = frame
            # The stub wants bytes; Qt reads any buffer without a copy (self._frame keeps it).
            self._image = QImage(frame.data, width, height, frame.strides[0],  # type: ignore[call-overload]
                                 QImage.Format.Format_BGR888)
            self._outline = (QPolygonF([QPointF(x, y) for x, y in corners]) if corners
                             else None)
        self.update()

    def outline(self) -> QPolygonF | None:
        """The outline drawn, in widget coordinates (None when there is none)."""
        if self._outline is None or self._image is None:
            return None
        target = self._target()
        sx = target.width() / self._image.width()
        sy = target.height() / self._image.height()
        corners = map(self._outline.at, range(self._outline.size()))
        return QPolygonF([QPointF(target.x() + p.x() * sx, target.y() + p.y() * sy)
                          for p in corners])

    def _target(self) -> QRectF:
        if self._image is None:
            return QRectF(self.rect())
        size = QSize(self._image.width(), self._image.height()).scaled(
            self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2,
                      size.width(), size.height())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        ratio = self.devicePixelRatioF()
        self.resized.emit(round(self.width() * ratio), round(self.height() * ratio))

    def paintEvent(self, event: QPaintEvent | None) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(palette.ColorRole.Dark))
        if self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self._target(), self._image)
            outline = self.outline()
            if outline is not None:
                pen = QPen(QColor(palette.color(palette.ColorRole.Highlight)))
                pen.setWidthF(max(2.0, self.fontMetrics().height() / 6))
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setPen(pen)
                # The code that was read holds the pre-auth key: cover it, so the frame kept
                # on screen (and any screenshot of it) does not carry the key (DESIGN §8).
                painter.setBrush(QBrush(palette.color(palette.ColorRole.Highlight),
                                        Qt.BrushStyle.SolidPattern))
                painter.drawPolygon(outline)
        painter.end()


class QrScanner(QWidget):
    """Live preview and scanning. ``decoded(text)`` fires once per scan; ``pasteRequested``
    when the person would rather paste the key; ``stateChanged(state)`` with a
    ``core.camera.State`` value ("running", "no-camera", "busy" …), or "read" once a code
    was read."""

    decoded = pyqtSignal(str)
    pasteRequested = pyqtSignal()
    stateChanged = pyqtSignal(str)

    def __init__(self, parent: QWidget | None = None, *, source: str | None = None,
                 accept: Callable[[str], bool] | None = None, loop: bool = False,
                 opener: Opener | None = None) -> None:
        """``source``: a camera device or a video file (None: ``VEILOR_CAMERA`` or the first
        camera); ``accept``: which decoded texts count (all by default); ``loop``: replay a
        video file (demos); ``opener``: how the source is opened (tests)."""
        super().__init__(parent)
        self._source = source
        self._accept = accept
        self._loop = loop
        self._opener = opener
        self._scans = _Scans()
        self._scan = 0
        self._stopped = False
        self._detected: Detection | None = None
        self._state = State.STOPPED
        bridges.when_gone(self, self._scans.retire)  # never `self`: it is gone by then
        self._restart = QTimer(self)  # start() again once a stopping scan let the camera go
        self._restart.setSingleShot(True)
        self._restart.setInterval(bridges.CHECK_MS)
        self._restart.timeout.connect(self.start)

        self.view = CameraView(self)
        self.status = QLabel(self)
        self._say(STATE_TEXTS[State.STOPPED], "hint")
        self.status.setWordWrap(True)
        live(self.status.setAccessibleName, Text("Camera status"))
        self.retry = QPushButton(self)
        live(self.retry.setText, Text("&Try again"))
        live(self.retry.setAccessibleName, Text("Try the camera again"))
        self.retry.clicked.connect(self.rescan)
        self.retry.hide()
        self.paste = QPushButton(self)
        live(self.paste.setText, Text("&Paste the key instead"))
        live(self.paste.setAccessibleName, Text("Paste the key instead of scanning"))
        self.paste.clicked.connect(self.pasteRequested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.retry)
        buttons.addStretch(1)
        buttons.addWidget(self.paste)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.view.resized.connect(self._resized)

    # --- control ---

    @property
    def state(self) -> State:
        return self._state

    @property
    def scanner(self) -> Scanner | None:
        return self._scans.scanner

    @property
    def _scanner(self) -> Scanner | None:
        return self._scans.scanner

    def start(self) -> None:
        """Open the camera and scan, unless already scanning or a code was read. When the
        scan before is still stopping (the widget hidden and shown again), the camera is
        opened again once that scan released it (checked by a timer: never waited for)."""
        current = self._scans.scanner
        if self._detected is not None or (current is not None and current.running
                                          and not self._stopped):
            return
        if current is not None and not current.released.is_set():
            self._restart.start()
            return
        self._scans.retire()
        self._stopped = False
        self._scan += 1
        scan = self._scan
        bridge = bridges.keep(_Bridge())
        bridge.status.connect(self._on_status)
        bridge.preview.connect(self._on_preview)
        bridge.detection.connect(self._on_detection)
        # On the scanner's threads: the bridge is alive until they are joined.
        status, preview, detection = bridge.status, bridge.preview, bridge.detection
        kwargs: dict[str, Any] = {"opener": self._opener} if self._opener else {}
        scanner = Scanner(
            self._source, accept=self._accept, loop=self._loop,
            on_status=lambda value: status.emit(scan, value),
            on_preview=lambda: preview.emit(scan),
            on_detection=lambda value: detection.emit(scan, value), **kwargs)
        self._scans.scanner, self._scans.bridge = scanner, bridge
        ratio = self.view.devicePixelRatioF()
        scanner.set_preview_size(round(self.view.width() * ratio),
                                 round(self.view.height() * ratio))
        self._show_state(State.STARTING)
        scanner.start()

    def stop(self) -> None:
        """Release the camera (on the capture thread: this returns at once)."""
        self._restart.stop()
        if self._scanner is not None:
            self._stopped = True
            self._scanner.stop()

    def rescan(self) -> None:
        """Forget the code read (or the failure) and scan again."""
        self._scans.retire()
        self._detected = None
        self.view.show_frame(None)
        self.start()

    # --- scanner events (GUI thread) ---

    def _resized(self, width: int, height: int) -> None:
        if self._scanner is not None:
            self._scanner.set_preview_size(width, height)

    def _on_status(self, scan: int, status: Status) -> None:
        if scan == self._scan and self._detected is None:
            self._show_state(status.state, status.detail)

    def _show_state(self, state: State, detail: str | Text = "") -> None:
        failed = not state.scanning and state is not State.STOPPED
        self._state = state
        self._say(STATE_TEXTS[state], "error" if failed else "hint", detail)
        self.retry.setVisible(failed)
        self.paste.setVisible(True)
        self.stateChanged.emit(state.value)

    def _say(self, text: Text, role: str, detail: str | Text = "") -> None:
        live(self.status.setText, text)
        live(self.status.setToolTip, detail)
        set_role(self.status, role)
        live(self.view.setAccessibleDescription, text)

    def _on_preview(self, scan: int) -> None:
        scanner = self._scanner
        if scan != self._scan or scanner is None:
            return
        preview = scanner.take_preview()
        if preview is not None and self._detected is None:
            self.view.show_frame(preview)

    def _on_detection(self, scan: int, detection: Detection) -> None:
        if scan != self._scan or self._detected is not None or self._scanner is None:
            return
        self._detected = detection
        self.stop()
        self.view.show_frame(detection.preview, detection.corners)
        self._state = State.STOPPED
        self._say(Text("QR code read."), "ok")
        self.retry.setVisible(False)
        self.paste.setVisible(False)  # read: the page offers to scan again; a small screen
        # has no row to spare for a button that no longer applies
        self.stateChanged.emit("read")
        self.decoded.emit(detection.text)

    # --- lifetime ---

    def hideEvent(self, event: Any) -> None:
        self.stop()
        super().hideEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.stop()
        super().closeEvent(event)
