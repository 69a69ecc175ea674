"""Camera capture (core.camera): MJPG videos written with OpenCV go through the same capture
and decode threads a webcam does. A code is reported once; frames are skipped, not queued,
when decoding is slower than capture; the device is released however the scan ends; and each
failure (no camera, busy, permission denied, unplugged, video ended) is a state of its own."""

from __future__ import annotations

import errno
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from veilor_installer.core.firstboot import qr
from veilor_installer.core.firstboot.qr import camera
from veilor_installer.core.firstboot.qr.camera import (
    CameraInfo,
    Detection,
    Opened,
    Scanner,
    State,
    Status,
    list_cameras,
)
from veilor_installer.demo.joincodes import make_signer
from veilor_installer.demo.scenes import background, place, write_avi


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, np.ndarray]:
    folder = tmp_path_factory.mktemp("camera")
    uri = make_signer(folder).sign_png(folder / "code.png")
    return uri, cv2.imread(str(folder / "code.png"))


@pytest.fixture(scope="module")
def videos(tmp_path_factory: pytest.TempPathFactory,
           code: tuple[str, np.ndarray]) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("videos")
    _, image = code
    scenes = [{"perspective": 0.06}, {"noise": 12.0}, {"angle": 30.0}, {"blur": 1.5},
              {"contrast": 0.3}, {"size": 220}]
    coded = [place(image, seed=i, **scenes[i % len(scenes)]) for i in range(30)]  # type: ignore[arg-type]
    empty = [background(100 + i) for i in range(20)]
    return {
        "code after 10": write_avi(folder / "scan.avi", empty[:10] + coded),
        "no code": write_avi(folder / "nothing.avi", empty),
        "code in the last 2": write_avi(folder / "late.avi", empty[:15] + coded[:2]),
        "short loop": write_avi(folder / "loop.avi", empty[:5]),
    }


class Recorder:
    """The scanner's callbacks, recorded, with a way to wait for them."""

    def __init__(self) -> None:
        self.statuses: list[Status] = []
        self.detections: list[Detection] = []
        self.previews = 0
        self.changed = threading.Condition()
        self.scanner: Scanner | None = None

    def kwargs(self, take_previews: bool = True) -> dict[str, Any]:
        def preview() -> None:
            self.previews += 1
            if take_previews and self.scanner is not None:
                self.scanner.take_preview()

        return {"on_status": self._record(self.statuses), "on_preview": preview,
                "on_detection": self._record(self.detections)}

    def _record(self, into: list[Any]) -> Callable[[Any], None]:
        def record(item: Any) -> None:
            with self.changed:
                into.append(item)
                self.changed.notify_all()
        return record

    def states(self) -> list[State]:
        return [s.state for s in self.statuses]

    def wait_for(self, state: State, timeout: float = 10.0) -> Status:
        with self.changed:
            assert self.changed.wait_for(lambda: state in self.states(), timeout), self.states()
        return next(s for s in self.statuses if s.state is state)


def scan(source: str | Path, **kwargs: Any) -> tuple[Scanner, Recorder]:
    recorder = Recorder()
    take = kwargs.pop("take_previews", True)
    scanner = Scanner(str(source), **recorder.kwargs(take), **kwargs)
    recorder.scanner = scanner
    scanner.start()
    return scanner, recorder


def test_a_code_in_a_video_is_reported_once(videos: dict[str, Path],
                                            code: tuple[str, np.ndarray]) -> None:
    uri, _ = code
    scanner, rec = scan(videos["code after 10"])
    rec.wait_for(State.ENDED)
    assert rec.states() == [State.RUNNING, State.ENDED]
    [found] = rec.detections  # 30 frames hold it; it is reported once
    assert found.text == uri and found.frame_index >= 10
    assert found.decoded_at - found.captured_at < 0.5
    assert len(found.corners) == 4
    assert scanner.released.is_set() and not scanner.running
    assert scanner.stats.frames_read == 40


@pytest.mark.parametrize("ending", ["ends", "stopped"])
def test_whoever_hears_the_end_sees_the_scan_over(videos: dict[str, Path], ending: str) -> None:
    """When the final state is reported, ``running`` is already false and the camera
    released; the threads end just after and ``stop(wait=True)`` joins them. (``running`` once
    asked the threads, still alive during that last report: on Python 3.14, whose threads
    end later, even after it.)"""
    heard: list[tuple[State, bool, bool]] = []
    over = threading.Event()
    scanner: Scanner

    def on_status(status: Status) -> None:
        if not status.state.scanning:
            heard.append((status.state, scanner.running, scanner.released.is_set()))
            over.set()

    scanner = Scanner(str(videos["no code" if ending == "ends" else "short loop"]),
                      on_status=on_status, loop=ending == "stopped")
    assert not scanner.running
    scanner.start()
    assert scanner.running
    if ending == "stopped":
        time.sleep(0.2)
        scanner.stop()
    assert over.wait(10)
    state = State.ENDED if ending == "ends" else State.STOPPED
    assert heard == [(state, False, True)]
    assert not scanner.running and scanner.stop(wait=True, timeout=5)


def test_rescan_reports_the_next_code(videos: dict[str, Path]) -> None:
    scanner, rec = scan(videos["code after 10"])
    with rec.changed:
        assert rec.changed.wait_for(lambda: rec.detections, 10)
    scanner.rescan()
    rec.wait_for(State.ENDED)
    first, second = rec.detections
    assert second.frame_index > first.frame_index


def test_accept_skips_other_codes(videos: dict[str, Path]) -> None:
    scanner, rec = scan(videos["code after 10"], accept=lambda text: text.startswith("tskey"))
    rec.wait_for(State.ENDED)
    stats = scanner.stats
    assert rec.detections == [] and stats.frames_decoded + stats.frames_skipped == 40
    assert stats.frames_decoded >= 20  # it kept decoding past the code it did not want


def test_a_video_that_ends_mid_scan(videos: dict[str, Path]) -> None:
    scanner, rec = scan(videos["no code"])
    status = rec.wait_for(State.ENDED)
    assert rec.detections == [] and "ended after 20 frames" in str(status.detail)
    assert scanner.released.is_set()


def test_a_code_in_the_last_frames_is_read_before_the_end(videos: dict[str, Path]) -> None:
    _, rec = scan(videos["code in the last 2"])
    rec.wait_for(State.ENDED)
    assert len(rec.detections) == 1 and rec.detections[0].frame_index >= 15
    # The end is reported after the last frames were decoded.
    assert rec.statuses[-1].state is State.ENDED


def test_frames_are_skipped_when_decoding_is_slower(videos: dict[str, Path]) -> None:
    class Slow(qr.FrameDecoder):
        def __call__(self, frame: Any) -> list[qr.Code]:
            time.sleep(0.1)  # 10 frames/s against 30 from the camera
            return super().__call__(frame)

    scanner, rec = scan(videos["no code"], decoder=Slow())
    rec.wait_for(State.ENDED, timeout=20)
    stats = scanner.stats
    assert stats.frames_read == 20 == stats.frames_decoded + stats.frames_skipped
    assert stats.frames_skipped >= 5 and stats.frames_decoded <= 15
    assert rec.previews == 20  # the preview keeps the camera's pace
    _, rec = scan(videos["code after 10"], decoder=Slow())
    rec.wait_for(State.ENDED, timeout=20)
    assert len(rec.detections) == 1  # and the code is still read


def test_previews_wait_for_the_consumer(videos: dict[str, Path]) -> None:
    """A GUI that does not take previews is told once, not flooded."""
    scanner, rec = scan(videos["no code"], take_previews=False)
    rec.wait_for(State.ENDED)
    assert rec.previews == 1
    preview = scanner.take_preview()
    assert preview is not None and preview.index == 19  # the newest frame


def test_previews_are_scaled_to_the_size_asked(videos: dict[str, Path]) -> None:
    recorder = Recorder()
    scanner = Scanner(str(videos["no code"]), **recorder.kwargs(take_previews=False))
    scanner.set_preview_size(320, 400)
    scanner.start()
    recorder.wait_for(State.ENDED)
    preview = scanner.take_preview()
    assert preview is not None and preview.image.shape == (180, 320, 3) and preview.scale == 0.25
    scanner = Scanner(str(videos["no code"]), **recorder.kwargs(take_previews=False))
    scanner.set_preview_size(4000, 4000)  # never scaled up
    scanner.start()
    scanner.stop(wait=True, timeout=5)
    preview = scanner.take_preview()
    assert preview is None or preview.image.shape == (720, 1280, 3)


def test_stop_releases_the_camera(videos: dict[str, Path]) -> None:
    opened: list[Opened] = []

    def opener(source: str) -> Opened:
        opened.append(camera.open_source(source))
        return opened[-1]

    scanner, rec = scan(videos["short loop"], opener=opener, loop=True)
    rec.wait_for(State.RUNNING)
    time.sleep(0.4)
    assert scanner.stats.frames_read > 5  # the 5-frame file plays in a loop
    assert opened[0].capture.isOpened()
    assert scanner.stop(wait=True)
    assert not opened[0].capture.isOpened() and scanner.released.is_set()
    assert rec.states() == [State.RUNNING, State.STOPPED]


def test_a_scanner_starts_once(videos: dict[str, Path]) -> None:
    scanner, _ = scan(videos["no code"])
    with pytest.raises(RuntimeError):
        scanner.start()
    scanner.stop(wait=True)


# --- failures -----------------------------------------------------------------------------------


def test_no_camera(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, rec = scan(tmp_path / "video7")
    assert "no such camera" in str(rec.wait_for(State.NO_CAMERA).detail)
    monkeypatch.setattr(camera, "default_source", lambda: None)
    recorder = Recorder()
    scanner = Scanner(None, **recorder.kwargs())
    scanner.start()
    assert str(recorder.wait_for(State.NO_CAMERA).detail) == "no camera found"


def test_a_file_that_is_no_video(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a video")
    _, rec = scan(tmp_path / "notes.txt")
    assert "not a video" in str(rec.wait_for(State.FAILED).detail)


def test_a_device_that_is_no_camera() -> None:
    _, rec = scan("/dev/null")  # a character device, but not V4L2: VIDIOC_QUERYCAP fails
    assert "not a video device" in str(rec.wait_for(State.FAILED).detail)


@pytest.mark.parametrize(("error", "state"), [(errno.EACCES, State.PERMISSION_DENIED),
                                              (errno.EPERM, State.PERMISSION_DENIED),
                                              (errno.EBUSY, State.BUSY),
                                              (errno.ENODEV, State.NO_CAMERA)])
def test_why_a_device_cannot_be_opened(monkeypatch: pytest.MonkeyPatch, error: int,
                                       state: State) -> None:
    """The errors of open(2)/VIDIOC_QUERYCAP; as root here, only a stand-in can raise them."""

    def query(path: str) -> tuple[str, bool]:
        raise OSError(error, "refused", path)

    monkeypatch.setattr(camera, "query_capabilities", query)
    _, rec = scan("/dev/null")
    rec.wait_for(state)


class FakeDevice:
    """A webcam that sends the frames of a real video, then fails as a camera does: its node
    disappears (unplugged), or it just stops sending. ``first`` frames are sent at most."""

    def __init__(self, video: Path, node: Path, first: int, *, vanish: bool) -> None:
        self.capture = cv2.VideoCapture(str(video))
        self.node, self.first, self.vanish = node, first, vanish
        self.sent = 0
        self.released = False

    def isOpened(self) -> bool:
        return not self.released

    def read(self) -> tuple[bool, Any]:
        if self.sent >= self.first:
            if self.vanish and self.node.exists():
                self.node.unlink()
            time.sleep(0.01)
            return False, None
        self.sent += 1
        return self.capture.read()

    def release(self) -> None:
        self.released = True
        self.capture.release()

    def get(self, prop: int) -> float:
        return 0.0

    def set(self, prop: int, value: float) -> bool:
        return False


def device_opener(device: FakeDevice) -> Callable[[str], Opened]:
    return lambda source: Opened(device, is_device=True, fps=30.0)  # type: ignore[arg-type]


def test_a_camera_unplugged_mid_scan(tmp_path: Path, videos: dict[str, Path]) -> None:
    node = tmp_path / "video0"
    node.touch()
    device = FakeDevice(videos["no code"], node, first=8, vanish=True)
    scanner, rec = scan(node, opener=device_opener(device))
    status = rec.wait_for(State.UNPLUGGED)
    assert rec.states() == [State.RUNNING, State.UNPLUGGED] and "unplugged" in str(status.detail)
    assert device.released and scanner.stats.frames_read == 8


def test_a_camera_that_stops_sending(tmp_path: Path, videos: dict[str, Path],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(camera, "STALL_TIMEOUT", 0.3)
    node = tmp_path / "video0"
    node.touch()
    device = FakeDevice(videos["no code"], node, first=4, vanish=False)
    _, rec = scan(node, opener=device_opener(device))
    rec.wait_for(State.UNPLUGGED)
    assert device.released


def test_a_busy_camera_sends_nothing(tmp_path: Path, videos: dict[str, Path],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(camera, "FIRST_FRAME_TIMEOUT", 0.3)
    node = tmp_path / "video0"
    node.touch()
    device = FakeDevice(videos["no code"], node, first=0, vanish=False)
    _, rec = scan(node, opener=device_opener(device))
    assert "another program" in str(rec.wait_for(State.BUSY).detail)
    assert rec.states() == [State.BUSY] and device.released


@pytest.mark.warning_log("the scanner logs the missing decoder")
def test_no_decoder_fails_the_scan(videos: dict[str, Path],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "zxingcpp", None)
    monkeypatch.setitem(sys.modules, "pyzbar", None)
    scanner, rec = scan(videos["short loop"], loop=True)
    assert "no QR decoder" in str(rec.wait_for(State.FAILED).detail)
    assert scanner.stop(wait=True) and scanner.released.is_set()


# --- finding cameras ----------------------------------------------------------------------------


def test_list_cameras_names_capture_nodes_in_order(tmp_path: Path) -> None:
    sysfs, dev = tmp_path / "sys", tmp_path / "dev"
    dev.mkdir()
    nodes = {"video0": ("Integrated Camera: Integrated C", "0"),
             "video1": ("Integrated Camera: Integrated C", "1"),  # its metadata node
             "video10": ("Logitech BRIO", "0"),
             "video2": ("USB2.0 HD UVC WebCam", "0"),
             "video3": ("Gone Camera", "0")}  # no /dev node any more
    for name, (title, index) in nodes.items():
        folder = sysfs / "class" / "video4linux" / name
        folder.mkdir(parents=True)
        (folder / "name").write_text(title + "\n")
        (folder / "index").write_text(index + "\n")
        if name != "video3":
            (dev / name).touch()  # not a V4L2 device: the sysfs index decides
    assert list_cameras(sysfs=str(sysfs), dev=str(dev)) == [
        CameraInfo(str(dev / "video0"), "Integrated Camera: Integrated C"),
        CameraInfo(str(dev / "video2"), "USB2.0 HD UVC WebCam"),
        CameraInfo(str(dev / "video10"), "Logitech BRIO"),
    ]
    assert list_cameras(sysfs=str(tmp_path / "nothing"), dev=str(dev)) == []


def test_the_camera_can_be_chosen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VEILOR_CAMERA", "2")
    assert camera.default_source() == "/dev/video2"
    monkeypatch.setenv("VEILOR_CAMERA", str(tmp_path / "demo.avi"))
    assert camera.default_source() == str(tmp_path / "demo.avi")
    monkeypatch.setenv("PKEXEC_UID", "1000")  # ignored when elevated
    monkeypatch.setattr(camera, "list_cameras", lambda: [CameraInfo("/dev/video4", "Cam")])
    assert camera.default_source() == "/dev/video4"


def test_exiting_while_scanning_is_clean(videos: dict[str, Path]) -> None:
    """A scanner left running when the program ends is stopped, not unwound mid-OpenCV (which
    aborts the process: "FATAL: exception not rethrown")."""
    import subprocess
    import sys

    program = ("import time\nfrom veilor_installer.core.firstboot.qr.camera import Scanner\n"
               f"s = Scanner({str(videos['short loop'])!r}, loop=True)\n"
               "s.start()\ntime.sleep(0.5)\nassert s.running\n")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            timeout=60, check=False)
    assert (result.returncode, result.stderr) == (0, "")
