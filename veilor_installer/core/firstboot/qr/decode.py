"""QR decoding: one frame (a camera's, an image's, a video's) into the codes on it.

zxing-cpp is the decoder (about 7 ms for a 1280×720 frame, with or without a code, and robust
on low contrast and small codes: research/deps.md §3); pyzbar (it needs the system zbar
library) is the fallback when zxing-cpp is missing. Frames with nothing on them (a covered
lens, a black first frame) are skipped before any decoder runs.
OpenCV and the decoders are imported when first used, not when this module is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from veilor_installer.core import settings
from veilor_installer.core.errors import InvalidInput, OperationFailed
from veilor_installer.core.i18n import Text

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Image = NDArray[Any]


# Below this standard deviation of grey levels a frame holds no readable code (a code at a
# quarter of full contrast still has about 25).
FLAT_FRAME_STDDEV = 3.0


@dataclass(frozen=True)
class Code:
    """A decoded QR code: its text and its corners in frame pixels (clockwise from top left)."""

    text: str
    corners: tuple[tuple[float, float], ...]


Decoder = Callable[["Image"], list[Code]]


class NoDecoder(OperationFailed):
    pass


def _zxing() -> Decoder:
    import zxingcpp

    formats = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

    def decode(gray: Image) -> list[Code]:
        codes = []
        for found in zxingcpp.read_barcodes(gray, formats=formats):
            if not found.valid:
                continue
            p = found.position
            corners = tuple((float(pt.x), float(pt.y))
                            for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
            codes.append(Code(found.text, corners))
        return codes

    return decode


def _zbar() -> Decoder:
    import cv2
    from pyzbar import pyzbar  # type: ignore[import-untyped]  # ImportError without libzbar

    symbols = [pyzbar.ZBarSymbol.QRCODE]

    def scan(gray: Image, scale: float) -> list[Code]:
        codes = []
        for found in pyzbar.decode(gray, symbols=symbols):
            text = found.data.decode("utf-8", errors="replace")
            corners = tuple((float(pt.x) * scale, float(pt.y) * scale) for pt in found.polygon)
            codes.append(Code(text, corners))
        return codes

    def decode(gray: Image) -> list[Code]:
        codes = scan(gray, 1.0)
        height, width = gray.shape[:2]
        if not codes and width > 960:
            # zbar misses low-contrast codes at full size and reads them halved (deps.md §3).
            small = cv2.resize(gray, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
            codes = scan(small, 2.0)
        return codes

    return decode


DECODERS: dict[str, Callable[[], Decoder]] = {"zxing-cpp": _zxing, "zbar": _zbar}


def make_decoder(name: str | None = None) -> tuple[str, Decoder]:
    """The named decoder, or the first one available: zxing-cpp, then zbar."""
    names = [name] if name else list(DECODERS)
    why: list[str] = []
    for candidate in names:
        if candidate not in DECODERS:
            raise InvalidInput(Text("QR decoder: unknown {name} (one of {choices})",
                                    name=repr(candidate), choices=", ".join(DECODERS)))
        try:
            return candidate, DECODERS[candidate]()
        except ImportError as exc:
            why.append(f"{candidate}: {exc}")
    raise NoDecoder(Text("no QR decoder can be loaded ({why}): install zxing-cpp (pip install "
                         "zxing-cpp), or pyzbar with the zbar library (Fedora: zbar-libs, "
                         "Debian: libzbar0)", why="; ".join(why)))


def to_gray(frame: Image) -> Image:
    import cv2
    import numpy as np

    if frame.ndim == 2:
        gray = frame
    elif frame.shape[2] == 4:
        gray = cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    else:
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    return np.ascontiguousarray(gray)


def is_flat(gray: Image) -> bool:
    """True for a frame too even to hold a code; looks at one pixel in 64."""
    return float(gray[::8, ::8].std()) < FLAT_FRAME_STDDEV


class FrameDecoder:
    """Decodes frames with one decoder; counts what it did (for the scanner and the bench)."""

    def __init__(self, name: str | None = None) -> None:
        self.name, self._decode = make_decoder(name or settings.qr_decoder())
        self.frames = 0
        self.flat = 0

    def __call__(self, frame: Image) -> list[Code]:
        self.frames += 1
        gray = to_gray(frame)
        if is_flat(gray):
            self.flat += 1
            return []
        return self._decode(gray)
