"""Switch cameras on the Join page as fast as a person never could, while full-speed cameras
keep the scanners' threads busy; run as a program (``python camera_switch_stress.py A B N
SEED``) by ``test_camera_switch_stress.py``, so that a crash (SIGSEGV) is that test's
failure, not the end of pytest.

Each switch goes through the page's own camera list, as a person's choice does: ``join.py``
stops the scanner, takes it out of the layout, deletes it later and makes a new one, which
starts scanning. Between switches the event loop runs for a random 0–8 ms, so that the old
widget's deletion lands at every point of its threads' last steps (the camera released, the
final state reported). At the end the page is closed while it scans, and every scanner thread
must end. Prints one line, ``switches=N scanners=M``; exit code 0 when all went well.

``camera_switch_stress.py quit VIDEO MS`` instead quits the program MS ms into a scan.
"""

from __future__ import annotations

import faulthandler
import os
import random
import sys
import threading
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cv2
from PyQt6.QtCore import QEventLoop, QTimer
from PyQt6.QtWidgets import QApplication

from veilor_installer.core.firstboot.qr import Opened, Scanner, camera
from veilor_installer.gui.firstboot.join import JoinPage
from veilor_installer.gui.firstboot.state import FirstbootState

SCANNER_THREADS = ("camera-capture", "qr-decode")


class FullSpeedCamera:
    """A video file read as a camera that sends its next frame the moment it is asked
    (no frame rate), and never ends: it starts over at the last frame."""

    def __init__(self, path: str) -> None:
        self.capture = cv2.VideoCapture(path)

    def isOpened(self) -> bool:
        return bool(self.capture.isOpened())

    def read(self) -> tuple[bool, Any]:
        ok, image = self.capture.read()
        if not ok:
            self.capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, image = self.capture.read()
        return ok, image

    def release(self) -> None:
        self.capture.release()

    def get(self, prop: int) -> float:
        return 0.0

    def set(self, prop: int, value: float) -> bool:
        return False


def full_speed(source: str) -> Opened:
    return Opened(FullSpeedCamera(source), is_device=True, fps=camera.FPS)


def run_for(app: QApplication, ms: int) -> None:
    """Run the event loop (deferred deletions included) for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def scanner_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name in SCANNER_THREADS]


def main(first: str, second: str, switches: int, seed: int) -> int:
    # The Join page makes its scanners with the default opener (a device or a video file at
    # its frame rate); here every scanner opens its source as a full-speed camera instead.
    assert Scanner.__init__.__kwdefaults__ is not None
    Scanner.__init__.__kwdefaults__["opener"] = full_speed
    faulthandler.enable()  # a crash names the threads' lines
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    rng = random.Random(seed)  # noqa: S311 (timing, not secrets)
    page = JoinPage(FirstbootState(cameras=lambda: []))
    page.resize(700, 560)
    page.show()
    page._cameras_found([(first, "first"), (second, "second")])
    made = 0
    choice = page.ui.cameraChoice
    for number in range(switches):
        old = page.scanner
        choice.setCurrentIndex((number + 1) % 2)  # join.py: stop, remove, deleteLater, new
        if page.scanner is old or page.scanner is None or page.scanner.scanner is None:
            print(f"switch {number} made no scanning scanner", file=sys.stderr)
            return 3
        made += 1
        if number % 100 == 0:
            print(f"switch {number}", file=sys.stderr, flush=True)
        run_for(app, rng.randint(0, 8))
    run_for(app, 20)
    page.close()  # the window closed while it scans
    page.deleteLater()
    deadline = time.monotonic() + 10
    while scanner_threads() and time.monotonic() < deadline:
        run_for(app, 20)
    left = scanner_threads()
    if left:
        print(f"{len(left)} scanner threads still running", file=sys.stderr)
        return 4
    print(f"switches={switches} scanners={made}")
    return 0


def quit_while_scanning(source: str, after_ms: int) -> int:
    """The program quits while a scanner reads a full-speed camera, its window still open:
    Python and Qt tear everything down under the running threads."""
    from veilor_installer.gui.widgets.qrscanner import QrScanner

    assert Scanner.__init__.__kwdefaults__ is not None
    Scanner.__init__.__kwdefaults__["opener"] = full_speed
    faulthandler.enable()
    app = QApplication(sys.argv[:1])
    widget = QrScanner(source=source)
    widget.show()
    widget.start()
    QTimer.singleShot(after_ms, app.quit)
    app.exec()
    print("quit")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "quit":  # camera_switch_stress.py quit VIDEO MS
        sys.exit(quit_while_scanning(sys.argv[2], int(sys.argv[3])))
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
