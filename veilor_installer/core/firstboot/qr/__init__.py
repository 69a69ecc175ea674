"""QR codes on first boot: read them from a camera, an image or a video, and draw them.

One module a concern, each importing only those below it (no cycle):
- ``decode``: one frame into the codes on it (zxing-cpp, else zbar), ``FrameDecoder``;
- ``video``: image and video files read with OpenCV, ``decode_path`` for every code in one;
- ``camera``: finding cameras and the ``Scanner`` that captures and decodes off the GUI thread;
- ``encode``: text into a QR code (a PNG, or block characters for a terminal).

The names below are what the wizard, the CLI and the tests use. OpenCV, numpy, the decoders
and qrcode are imported when first used, not with this package.
"""

from veilor_installer.core.firstboot.qr.camera import (
    CameraInfo,
    CameraProblem,
    Detection,
    Opened,
    Opener,
    Preview,
    Scanner,
    State,
    Status,
    default_source,
    list_cameras,
    open_source,
)
from veilor_installer.core.firstboot.qr.decode import (
    Code,
    FrameDecoder,
    NoDecoder,
    make_decoder,
)
from veilor_installer.core.firstboot.qr.encode import qr_png, qr_text
from veilor_installer.core.firstboot.qr.video import decode_path, distinct_texts

__all__ = [
    "CameraInfo",
    "CameraProblem",
    "Code",
    "Detection",
    "FrameDecoder",
    "NoDecoder",
    "Opened",
    "Opener",
    "Preview",
    "Scanner",
    "State",
    "Status",
    "decode_path",
    "default_source",
    "distinct_texts",
    "list_cameras",
    "make_decoder",
    "open_source",
    "qr_png",
    "qr_text",
]
