"""The image an ISO carries for an offline install (DESIGN §11, docs/ISO.md).

A veilor-os ISO built with the image on it (titanoboa pre-pulls it into containers-storage,
or an ``oci-archive`` sits on the medium) records it in ``/etc/veilor-installer/iso-image.json``
(written by ``iso/hook-post-rootfs.sh``)::

    {"transport": "containers-storage", "ref": "ghcr.io/veilor/veilor-os:43",
     "digest": "sha256:…", "update_ref": "ghcr.io/veilor/veilor-os:43"}

The wizard then offers an offline install from it: the kickstart's ``ostreecontainer`` uses
the local transport, its ``%post`` switches the installed system to ``update_ref`` (signed
updates), and pre-flight refuses a local image whose digest is not the recorded one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from veilor_installer.core import settings
from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.install.answers import check_image_ref
from veilor_installer.core.install.plan import ImageSource

RECORD_PATH = settings.ISO_IMAGE_RECORD.default
LOCAL_TRANSPORTS = ("containers-storage", "oci-archive")
MAX_RECORD_BYTES = 4096
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class MediumImage:
    transport: str
    ref: str
    digest: str
    update_ref: str

    def source(self) -> ImageSource:
        return ImageSource(self.ref, self.transport, self.update_ref, self.digest)


def record_path() -> str:
    """``VEILOR_ISO_IMAGE_RECORD`` (ignored when elevated), else the ISO's record."""
    return settings.iso_image_record()


def _field(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise InvalidInput(f"{RECORD_PATH}: {name}: missing, or not a string")
    return value


def parse(text: str) -> MediumImage:
    """The record, every field checked; InvalidInput names the field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise InvalidInput(f"{RECORD_PATH}: not JSON") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{RECORD_PATH}: must be a JSON object")
    unknown = sorted(set(data) - {"transport", "ref", "digest", "update_ref"})
    if unknown:
        raise InvalidInput(f"{RECORD_PATH}: {unknown[0][:40]!r}: not a field of the record")
    transport = _field(data, "transport")
    if transport not in LOCAL_TRANSPORTS:
        raise InvalidInput(f"{RECORD_PATH}: transport: must be one of "
                           f"{', '.join(LOCAL_TRANSPORTS)}")
    ref = _field(data, "ref")
    if (bad := check_image_ref(ref, transport)) is not None:
        raise InvalidInput(f"{RECORD_PATH}: ref: {bad}")
    digest = _field(data, "digest")
    if not _DIGEST.fullmatch(digest):
        raise InvalidInput(f"{RECORD_PATH}: digest: must be sha256: and 64 lowercase hex digits")
    update_ref = _field(data, "update_ref")
    if (bad := check_image_ref(update_ref, "registry")) is not None or "@" in update_ref:
        raise InvalidInput(f"{RECORD_PATH}: update_ref: "
                           f"{bad or 'must name a tag to follow, not a digest'}")
    return MediumImage(transport, ref, digest, update_ref)


def load(path: str | None = None) -> MediumImage | None:
    """The ISO's image, or None when this medium carries none (no record)."""
    path = path or record_path()
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_RECORD_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InvalidInput(f"{RECORD_PATH}: cannot be read: {exc.strerror}") from None
    if len(raw) > MAX_RECORD_BYTES:
        raise InvalidInput(f"{RECORD_PATH}: too large")
    try:
        return parse(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput(f"{RECORD_PATH}: not UTF-8") from None
