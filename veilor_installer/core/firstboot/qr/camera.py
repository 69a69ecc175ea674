"""Cameras: finding them, and capturing frames off the GUI thread for preview and decoding.

A ``Scanner`` runs two threads. The capture thread opens the source, reads frames at the
camera's pace, keeps the newest one for the preview (scaled down to the size the preview asks
for) and hands it to the decode thread; when decoding is slower than capture, the frames in
between are skipped, never queued. The decode thread reports the first accepted code once.
The device is released by the capture thread when it stops, however it stops.

A file path works as a camera (that is how tests and demos run): it is read at its own frame
rate and ends with ``State.ENDED``. ``VEILOR_CAMERA`` (a path or a device number) picks the
source instead of the first camera found.
"""

from __future__ import annotations

import atexit
import enum
import errno
import fcntl
import os
import re
import stat
import struct
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from veilor_installer.core import settings
from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot.qr.decode import Code, FrameDecoder
from veilor_installer.core.firstboot.qr.video import CaptureLike, open_video
from veilor_installer.core.i18n import Text
from veilor_installer.core.log import get_logger

if TYPE_CHECKING:
    from veilor_installer.core.firstboot.qr.decode import Image

log = get_logger("camera")

# OpenCV's V4L2 backend waits 10 s for a frame that never comes (an unplugged camera) and
# ignores CAP_PROP_READ_TIMEOUT_MSEC; it reads this variable at its first capture.
os.environ.setdefault("OPENCV_VIDEOIO_V4L_SELECT_TIMEOUT", "2")

WIDTH, HEIGHT, FPS = 1280, 720, 30
FIRST_FRAME_TIMEOUT = 5.0  # an opened camera that sends nothing for this long is busy
STALL_TIMEOUT = 2.0  # a camera that stops sending for this long is gone

_VIDIOC_QUERYCAP = 0x80685600  # _IOR('V', 0, struct v4l2_capability), 104 bytes
_CAP_VIDEO_CAPTURE = 0x00000001
_CAP_VIDEO_CAPTURE_MPLANE = 0x00001000
_CAP_DEVICE_CAPS = 0x80000000
_POS_FRAMES = 1  # cv2.CAP_PROP_POS_FRAMES


class State(enum.Enum):
    STARTING = "starting"
    RUNNING = "running"
    NO_CAMERA = "no-camera"
    BUSY = "busy"
    PERMISSION_DENIED = "permission-denied"
    UNPLUGGED = "unplugged"
    ENDED = "ended"
    FAILED = "failed"
    STOPPED = "stopped"

    @property
    def scanning(self) -> bool:
        return self in (State.STARTING, State.RUNNING)


@dataclass(frozen=True)
class Status:
    """A state, with a detail (the GUI words each state itself, and shows the detail as its
    tooltip: a Text, rendered when shown)."""

    state: State
    detail: str | Text = ""


class CameraProblem(Exception):
    """A source that cannot be opened or read: the state to show, and why."""

    def __init__(self, state: State, detail: Text) -> None:
        super().__init__(detail)
        self.state = state
        self.detail = detail


# --- finding cameras ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CameraInfo:
    path: str
    name: str


def _natural(name: str) -> tuple[str, int]:
    match = re.fullmatch(r"(\D*)(\d+)", name)
    return (match.group(1), int(match.group(2))) if match else (name, -1)


def query_capabilities(path: str) -> tuple[str, bool]:
    """The card name and whether the node captures video (VIDIOC_QUERYCAP). Raises OSError:
    EACCES without permission, ENOTTY for a node that is not a V4L2 device."""
    fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)
    try:
        buf = bytearray(104)
        fcntl.ioctl(fd, _VIDIOC_QUERYCAP, buf)
    finally:
        os.close(fd)
    card = bytes(buf[16:48]).split(b"\0", 1)[0].decode("utf-8", errors="replace")
    capabilities, device_caps = struct.unpack_from("=II", buf, 84)
    caps = device_caps if capabilities & _CAP_DEVICE_CAPS else capabilities
    return card, bool(caps & (_CAP_VIDEO_CAPTURE | _CAP_VIDEO_CAPTURE_MPLANE))


def list_cameras(*, sysfs: str = "/sys", dev: str = "/dev") -> list[CameraInfo]:
    """Video capture devices, ``/dev/videoN`` with their names from sysfs. A UVC camera
    has a second node for metadata: it is left out (asked with VIDIOC_QUERYCAP, or, when the
    node cannot be opened, by its sysfs ``index``, which is 0 for the capture node)."""
    base = Path(sysfs) / "class" / "video4linux"
    try:
        entries = sorted((e for e in base.iterdir() if e.name.startswith("video")),
                         key=lambda e: _natural(e.name))
    except OSError:
        return []
    cameras = []
    for entry in entries:
        path = Path(dev) / entry.name
        if not path.exists():
            continue
        name = _read(entry / "name") or entry.name
        try:
            card, captures = query_capabilities(str(path))
        except OSError:
            captures = _read(entry / "index") in ("", "0")
        else:
            name = name if name != entry.name else card
        if captures:
            cameras.append(CameraInfo(str(path), name))
    return cameras


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def default_source() -> str | None:
    """``VEILOR_CAMERA`` (a path, or a number N for /dev/videoN), else the first camera."""
    override = settings.camera()
    if override:
        return f"/dev/video{override}" if override.isdigit() else override
    cameras = list_cameras()
    return cameras[0].path if cameras else None


# --- opening ------------------------------------------------------------------------------------


@dataclass
class Opened:
    capture: CaptureLike
    is_device: bool
    fps: float


Opener = Callable[[str], Opened]


def _device_problem(path: str) -> CameraProblem | None:
    """What keeps a V4L2 node from being a usable camera, asked before OpenCV (which only says
    "could not open")."""
    try:
        _card, captures = query_capabilities(path)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            return CameraProblem(State.PERMISSION_DENIED, Text(
                "{path}: permission denied (is the user in the video group?)", path=path))
        if exc.errno == errno.EBUSY:
            return CameraProblem(State.BUSY, Text("{path}: in use by another program",
                                                  path=path))
        if exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
            return CameraProblem(State.NO_CAMERA, Text("{path}: no device ({error})", path=path,
                                                       error=exc.strerror))
        return CameraProblem(State.FAILED, Text("{path}: not a video device ({error})",
                                                path=path, error=exc.strerror))
    if not captures:
        return CameraProblem(State.FAILED, Text("{path}: this video device does not capture "
                                                "video", path=path))
    return None


def open_source(source: str) -> Opened:
    """Open a camera device or a video file; ``CameraProblem`` says what went wrong."""
    import cv2

    try:
        mode = os.stat(source).st_mode
    except FileNotFoundError:
        raise CameraProblem(State.NO_CAMERA, Text("{path}: no such camera or file",
                                                  path=source)) from None
    except PermissionError:
        raise CameraProblem(State.PERMISSION_DENIED, Text("{path}: permission denied",
                                                          path=source)) from None
    if stat.S_ISCHR(mode):
        problem = _device_problem(source)
        if problem:
            raise problem
        capture = cv2.VideoCapture(source, cv2.CAP_V4L2)
        if not capture.isOpened():
            capture.release()
            raise CameraProblem(State.BUSY, Text("{path}: the camera could not be started; "
                                                 "another program may be using it", path=source))
        # MJPG: most USB cameras send 1280x720 at 30 fps only compressed.
        capture.set(cv2.CAP_PROP_FOURCC, float(cv2.VideoWriter.fourcc(*"MJPG")))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, WIDTH)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, HEIGHT)
        capture.set(cv2.CAP_PROP_FPS, FPS)
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        return Opened(capture, is_device=True, fps=FPS)
    if not stat.S_ISREG(mode):
        raise CameraProblem(State.FAILED, Text("{path}: neither a camera nor a video file",
                                               path=source))
    try:
        video = open_video(source)
    except InvalidInput:
        raise CameraProblem(State.FAILED, Text("{path}: not a video OpenCV can read",
                                               path=source)) from None
    fps = video.get(cv2.CAP_PROP_FPS)
    return Opened(video, is_device=False, fps=fps if 1 <= fps <= 240 else FPS)


# --- scanning -----------------------------------------------------------------------------------

_running: weakref.WeakSet[Scanner] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    """Stop the scanners still running when the program ends. Their threads are daemons; one
    still inside OpenCV when Python finalizes is unwound mid-C++ and aborts the process
    ("FATAL: exception not rethrown")."""
    for scanner in list(_running):
        scanner.stop(wait=True, timeout=3.0)


@dataclass(frozen=True)
class Preview:
    """A frame scaled for the preview. ``scale`` maps frame pixels to preview pixels."""

    index: int
    image: Image
    scale: float


@dataclass(frozen=True)
class Detection:
    """The first accepted code: its text, the frame it was read in (scaled, for a still),
    the code's corners in that preview's pixels, and when the frame was captured/decoded."""

    text: str
    preview: Preview
    corners: tuple[tuple[float, float], ...]
    frame_index: int
    captured_at: float
    decoded_at: float


@dataclass
class Stats:
    frames_read: int = 0
    frames_decoded: int = 0
    frames_skipped: int = 0
    decode_seconds: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class _Frame:
    index: int
    image: Image
    captured_at: float


def _scaled(image: Image, index: int, size: tuple[int, int] | None) -> Preview:
    import cv2

    height, width = image.shape[:2]
    scale = 1.0
    if size is not None and size[0] > 0 and size[1] > 0:
        scale = min(size[0] / width, size[1] / height, 1.0)
    if scale < 1.0:
        target = (max(1, round(width * scale)), max(1, round(height * scale)))
        image = cv2.resize(image, target, interpolation=cv2.INTER_AREA)
    return Preview(index, image, scale)


class Scanner:
    """Captures from ``source`` (None: ``default_source()``, looked up on the capture thread)
    and decodes off the caller's thread. Callbacks run on the scanner's threads:

    - ``on_status(Status)`` on every change of state;
    - ``on_preview()`` when a new preview is ready and the last one was taken
      (``take_preview``), so a slow consumer is never flooded;
    - ``on_detection(Detection)`` once, for the first code ``accept`` takes (all by default);
      ``rescan()`` arms it again.
    """

    def __init__(
        self,
        source: str | None = None,
        *,
        on_status: Callable[[Status], None] | None = None,
        on_preview: Callable[[], None] | None = None,
        on_detection: Callable[[Detection], None] | None = None,
        accept: Callable[[str], bool] | None = None,
        decoder: FrameDecoder | None = None,
        opener: Opener = open_source,
        loop: bool = False,
        on_frame: Callable[[int, float], None] | None = None,
    ) -> None:
        self.source = source
        self._on_status = on_status
        self._on_preview = on_preview
        self._on_detection = on_detection
        self._on_frame = on_frame
        self._accept = accept
        self._decoder = decoder
        self._opener = opener
        self._loop = loop
        self.stats = Stats()
        self.status = Status(State.STARTING)
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._pending: _Frame | None = None
        self._capture_done = False
        self._preview: Preview | None = None
        self._preview_waiting = False
        self._preview_size: tuple[int, int] | None = None
        self._armed = True
        self._failure: Status | None = None
        self._threads: list[threading.Thread] = []
        self.released = threading.Event()
        self._over = threading.Event()

    # --- control (any thread) ---

    def start(self) -> None:
        if self._threads:
            raise RuntimeError("a Scanner starts once; make a new one to scan again")
        capture = threading.Thread(target=self._capture_loop, name="camera-capture", daemon=True)
        decode = threading.Thread(target=self._decode_loop, name="qr-decode", daemon=True)
        self._threads = [capture, decode]
        _running.add(self)
        decode.start()  # first: the capture thread joins it when it ends
        capture.start()

    def stop(self, *, wait: bool = False, timeout: float = 3.0) -> bool:
        """Ask both threads to end; the capture thread releases the device. With ``wait``,
        join them for up to ``timeout`` seconds (never long on the GUI thread: a stuck camera
        read takes seconds; ``timeout=0`` only looks). True once both threads have ended:
        no callback can come any more."""
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        if wait:
            deadline = time.monotonic() + timeout
            for thread in self._threads:
                thread.join(max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in self._threads)

    @property
    def running(self) -> bool:
        """From ``start()`` until the scan is over: the device released, decoding done. It is
        false before the final status is reported, so whoever hears that status sees the scan
        over (the threads themselves end just after; ``stop(wait=True)`` joins them)."""
        return bool(self._threads) and not self._over.is_set()

    def rescan(self) -> None:
        """Report the next accepted code too."""
        with self._lock:
            self._armed = True

    def set_preview_size(self, width: int, height: int) -> None:
        """The size, in pixels, previews are scaled down to fit (never up)."""
        with self._lock:
            self._preview_size = (width, height)

    def take_preview(self) -> Preview | None:
        with self._lock:
            preview, self._preview = self._preview, None
            self._preview_waiting = False
        return preview

    # --- threads ---

    def _set_status(self, state: State, detail: str | Text = "") -> None:
        with self._lock:
            if self.status.state == state and self.status.detail == detail:
                return
            self.status = Status(state, detail)
        said = detail.english() if isinstance(detail, Text) else detail  # the log is English
        log.info("camera %s: %s%s", self.source or "(none)", state.value,
                 f" ({said})" if said else "")
        if self._on_status:
            self._on_status(self.status)

    def _capture_loop(self) -> None:
        opened: Opened | None = None
        final = Status(State.STOPPED)
        try:
            self._set_status(State.STARTING)
            if self.source is None:
                self.source = default_source()
            if self.source is None:
                raise CameraProblem(State.NO_CAMERA, Text("no camera found"))
            opened = self._opener(self.source)
            if self._stop.is_set():
                return
            final = self._read_frames(opened)
        except CameraProblem as problem:
            final = Status(problem.state, problem.detail)
        except Exception as exc:  # an OpenCV error must not kill the thread silently
            log.exception("camera capture failed")
            final = Status(State.FAILED, str(exc))
        finally:
            if opened is not None:
                opened.capture.release()
            self.released.set()
            with self._wake:
                self._capture_done = True
                self._wake.notify_all()
            decode = self._threads[1] if len(self._threads) > 1 else None
            if decode is not None and decode is not threading.current_thread():
                decode.join()  # the last frames are decoded before the end is reported
            final = self._failure or final
            self._over.set()
            self._set_status(final.state, final.detail)

    def _read_frames(self, opened: Opened) -> Status:
        """Read until stopped or the source ends; the status to end with."""
        capture, source = opened.capture, self.source or ""
        period = 0.0 if opened.is_device else 1.0 / opened.fps
        index = 0
        started = time.monotonic()
        last_ok = started
        next_due = started
        while not self._stop.is_set():
            ok, image = capture.read()
            now = time.monotonic()
            if not ok or image is None:
                if not opened.is_device:
                    if self._loop and index > 0 and capture.set(_POS_FRAMES, 0):
                        continue
                    return Status(State.ENDED, Text.plural(
                        "{path}: the video ended after {n} frame",
                        "{path}: the video ended after {n} frames", index, path=source))
                if index == 0:
                    if now - started > FIRST_FRAME_TIMEOUT:
                        raise CameraProblem(State.BUSY, Text(
                            "{path}: the camera sends no pictures; another program may be "
                            "using it", path=source))
                elif not os.path.exists(source) or now - last_ok > STALL_TIMEOUT:
                    raise CameraProblem(State.UNPLUGGED, Text(
                        "{path}: the camera stopped sending pictures (unplugged?)",
                        path=source))
                self._stop.wait(0.05)
                continue
            last_ok = now
            if index == 0:
                self._set_status(State.RUNNING)
            self._publish(_Frame(index, image, now))
            index += 1
            if period:  # a file plays at its frame rate, as a camera would deliver it
                next_due = max(next_due + period, now)
                self._stop.wait(max(0.0, next_due - time.monotonic()))
        return Status(State.STOPPED)

    def _publish(self, frame: _Frame) -> None:
        self.stats.frames_read += 1
        if self._on_frame:
            self._on_frame(frame.index, frame.captured_at)
        with self._lock:
            size = self._preview_size
        preview = _scaled(frame.image, frame.index, size)
        with self._wake:
            if self._pending is not None:
                self.stats.frames_skipped += 1
            self._pending = frame
            self._preview = preview
            notify = not self._preview_waiting
            self._preview_waiting = True
            self._wake.notify_all()
        if notify and self._on_preview:
            self._on_preview()

    def _decode_loop(self) -> None:
        try:
            decoder = self._decoder or FrameDecoder()
        except Exception as exc:  # reported as the scanner's end state
            log.error("no QR decoder: %s", exc)
            self._failure = Status(State.FAILED, str(exc))
            self.stop()
            return
        while True:
            with self._wake:
                while self._pending is None and not self._capture_done and not self._stop.is_set():
                    self._wake.wait()
                frame, self._pending = self._pending, None
                armed = self._armed
            if frame is None or self._stop.is_set():
                return
            if not armed:
                continue
            began = time.perf_counter()
            codes = decoder(frame.image)
            self.stats.frames_decoded += 1
            self.stats.decode_seconds.append(time.perf_counter() - began)
            chosen = next((c for c in codes if self._accept is None or self._accept(c.text)), None)
            if chosen is not None:
                self._detected(frame, chosen)

    def _detected(self, frame: _Frame, code: Code) -> None:
        with self._lock:
            if not self._armed:
                return
            self._armed = False
            size = self._preview_size
        preview = _scaled(frame.image, frame.index, size)
        corners = tuple((x * preview.scale, y * preview.scale) for x, y in code.corners)
        detection = Detection(code.text, preview, corners, frame.index, frame.captured_at,
                              time.monotonic())
        log.info("QR code read in frame %d", frame.index)
        if self._on_detection:
            self._on_detection(detection)
