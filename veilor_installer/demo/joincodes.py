"""The one maker of signed enrolment codes outside the signup service: a demo signing key and
its trusted-keys folder, codes signed with the core's ``enrolment.sign_join`` (what
``mesh sign`` calls), and their QR images. ``firstboot --demo`` and the tests both use it.

A signer made here is trusted only by the folder it writes (``keys_dir``), never by the keys a
real installation trusts (``/usr/share/veilor/enrol``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from veilor_installer.core import private
from veilor_installer.core.firstboot import enrolment, qr
from veilor_installer.core.secret import Secret

# Example pre-auth keys of each shape Headscale issues (enrolment.KEY_FORMAT_*); none is real.
HSKEY = "hskey-auth-" + "Ab_9-xYz0123" + "-" + "Q7_-" * 15 + "kZ9a"
KEY_PREFIXED = "hskey-auth-" + "Ab3_dE5-fG7h" + "-" + "x" * 30 + "Y-_z" + "9" * 30
LEGACY_KEY = "0123456789abcdef" * 3
KEY_HEX = "3f" * 24


@dataclass(frozen=True)
class Signer:
    """A signing key on disk (PEM, 0600), and a trusted-keys folder holding its public half."""

    kid: str
    private: Ed25519PrivateKey
    pem_path: Path
    keys_dir: Path

    def sign(self, **fields: Any) -> str:
        """A code signed by this key; fields default to a valid guest code for a day. Whatever
        it is given is signed, valid or not (tests make bad codes with it)."""
        values: dict[str, Any] = {"server": enrolment.DEFAULT_SERVER, "key": HSKEY,
                                  "expires": int(time.time()) + 86400, "tier": "guest",
                                  "label": "alice", "kid": self.kid}
        values.update(fields)
        values["key"] = Secret(values["key"])
        return enrolment.sign_join(self.private, **values)

    def sign_png(self, png: Path, **fields: Any) -> str:
        """A code as ``sign`` makes it, its QR image written to ``png`` (0600: it holds the
        key); returns the code."""
        uri = self.sign(**fields)
        qr.qr_png(uri, png)
        return uri

    def sign_body(self, body: str) -> str:
        """A code over any query text, signed as v1 signs (for codes no signer would make)."""
        sig = self.private.sign(enrolment.SIGNING_CONTEXT + body.encode("ascii"))
        return f"veilor:join?{body}&sig={enrolment._b64url(sig)}"


def make_signer(folder: Path, kid: str = "signup-1", *, trusted: bool = True,
                keys_dir: Path | None = None) -> Signer:
    """The signer ``kid`` kept in ``folder`` (``<kid>.key.pem``), made on first use and reused
    after (the demo's cached video stays signed by a trusted key); ``keys_dir`` (default
    ``folder/trusted``) holds its public half unless ``trusted`` is false."""
    pem_path = folder / f"{kid}.key.pem"
    with private.private_folder(folder) as keys:
        if not keys.exists(pem_path.name):
            made = Ed25519PrivateKey.generate()
            keys.write(pem_path.name, made.private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                                         NoEncryption()))
    signing_key = enrolment.load_signing_key(pem_path)
    keys_dir = folder / "trusted" if keys_dir is None else keys_dir
    private.private_folder(keys_dir).close()
    if trusted:
        (keys_dir / f"{kid}.pub").write_bytes(enrolment.public_pem(signing_key))
    return Signer(kid, signing_key, pem_path, keys_dir)
