"""Image and video files read with OpenCV: the frames of a file, and the codes on them.

A video file is how tests, the demo and ``veilor-installer qr FILE`` stand in for a camera; the
live camera (``camera.py``) opens files through ``open_video`` too. OpenCV is imported when
first used, not when this module is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot.qr.decode import Code, FrameDecoder
from veilor_installer.core.i18n import Text

if TYPE_CHECKING:
    from veilor_installer.core.firstboot.qr.decode import Image


class CaptureLike(Protocol):
    """What we need of ``cv2.VideoCapture`` (a file's or a camera's)."""

    def isOpened(self) -> bool: ...
    def read(self) -> tuple[bool, Any]: ...
    def release(self) -> None: ...
    def get(self, prop: int) -> float: ...
    def set(self, prop: int, value: float) -> bool: ...


def is_image(path: str | Path) -> bool:
    import cv2

    return bool(cv2.haveImageReader(str(path)))


def open_video(path: str) -> CaptureLike:
    """A video file (or an image sequence such as ``frame_%03d.png``) opened for reading;
    ``InvalidInput`` when OpenCV cannot read it."""
    import cv2

    capture = cv2.VideoCapture(path)
    if not capture.isOpened():
        capture.release()
        raise InvalidInput(Text("{file}: not an image or a video OpenCV can read", file=path))
    return capture


def frames(path: str | Path) -> Iterator[tuple[int, Image]]:
    """``(frame number, frame)`` for an image (frame 0) or every frame of a video, none
    skipped. ``InvalidInput`` when the file cannot be read as either."""
    import cv2

    path = Path(path)
    if not path.is_file():
        raise InvalidInput(Text("{file}: no such file", file=path))
    if is_image(path):
        frame = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if frame is None:
            raise InvalidInput(Text("{file}: not an image OpenCV can read", file=path))
        yield 0, frame
        return
    capture = open_video(str(path))
    try:
        index = 0
        while True:
            ok, frame = capture.read()
            if not ok or frame is None:
                break
            yield index, frame
            index += 1
    finally:
        capture.release()


def decode_path(path: str | Path, decoder: FrameDecoder | None = None
                ) -> Iterator[tuple[int, Code]]:
    """``(frame number, code)`` for every code in an image (frame 0) or in every frame of a
    video. ``InvalidInput`` when the file cannot be read as either."""
    decoder = decoder or FrameDecoder()
    for index, frame in frames(path):
        for code in decoder(frame):
            yield index, code


def distinct_texts(found: Iterator[tuple[int, Code]]) -> list[str]:
    """Each decoded text once, in the order first seen."""
    return list(dict.fromkeys(code.text for _, code in found))
