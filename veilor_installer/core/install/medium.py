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
from veilor_installer.core.i18n import Text
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
        raise InvalidInput(Text("{path}: {field}: missing, or not a string", path=RECORD_PATH,
                                field=name))
    return value


def parse(text: str) -> MediumImage:
    """The record, every field checked; InvalidInput names the field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise InvalidInput(Text("{path}: not JSON", path=RECORD_PATH)) from None
    if not isinstance(data, dict):
        raise InvalidInput(Text("{path}: must be a JSON object", path=RECORD_PATH))
    unknown = sorted(set(data) - {"transport", "ref", "digest", "update_ref"})
    if unknown:
        raise InvalidInput(Text("{path}: {field}: not a field of the record", path=RECORD_PATH,
                                field=repr(unknown[0][:40])))
    transport = _field(data, "transport")
    if transport not in LOCAL_TRANSPORTS:
        raise InvalidInput(Text("{path}: transport: must be one of {choices}", path=RECORD_PATH,
                                choices=", ".join(LOCAL_TRANSPORTS)))
    ref = _field(data, "ref")
    if (bad := check_image_ref(ref, transport)) is not None:
        raise InvalidInput(Text("{path}: ref: {why}", path=RECORD_PATH, why=bad))
    digest = _field(data, "digest")
    if not _DIGEST.fullmatch(digest):
        raise InvalidInput(Text("{path}: digest: must be sha256: and 64 lowercase hex digits",
                                path=RECORD_PATH))
    update_ref = _field(data, "update_ref")
    if (bad := check_image_ref(update_ref, "registry")) is not None or "@" in update_ref:
        raise InvalidInput(Text("{path}: update_ref: {why}", path=RECORD_PATH, why=bad)
                           if bad is not None else
                           Text("{path}: update_ref: must name a tag to follow, not a digest",
                                path=RECORD_PATH))
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
        raise InvalidInput(Text("{path}: cannot be read: {why}", path=RECORD_PATH,
                                why=exc.strerror)) from None
    if len(raw) > MAX_RECORD_BYTES:
        raise InvalidInput(Text("{path}: too large", path=RECORD_PATH))
    try:
        return parse(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput(Text("{path}: not UTF-8", path=RECORD_PATH)) from None
