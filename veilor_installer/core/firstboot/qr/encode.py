"""QR codes made from text: a PNG file (a join code to hand to another machine) or block
characters for a terminal. qrcode (and the private-file writer) are imported when first used,
not when this module is: the first-boot wizard imports this package at start-up."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any


def qr_png(text: str, path: str | Path, *, box_size: int = 10, border: int = 4) -> None:
    """Write ``text`` as a QR code PNG (error correction M), mode 0600: it may hold a key."""
    import qrcode  # type: ignore[import-untyped]
    from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    qr.add_data(text)
    qr.make(fit=True)
    image: Any = qr.make_image()
    from veilor_installer.core import private

    out = io.BytesIO()
    image.save(out, format="PNG")
    private.write_file(path, out.getvalue())


def qr_text(text: str) -> str:
    """``text`` as a QR code drawn with block characters, for a terminal."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2)
    qr.add_data(text)
    qr.make(fit=True)
    out = io.StringIO()
    qr.print_ascii(out=out, invert=True)
    return out.getvalue()
