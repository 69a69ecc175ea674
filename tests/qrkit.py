"""Real enrolment codes and camera pictures for the QR tests: signing keys made per test
session (never committed), codes signed by ``veilor-installer mesh sign``, QR images from the
``qrcode`` package, and 1280×720 webcam-like scenes and MJPG videos written with OpenCV."""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)

from veilor_installer import cli
from veilor_installer.core.firstboot import enrolment

HSKEY = "hskey-auth-" + "Ab_9-xYz0123" + "-" + "Q7_-" * 15 + "kZ9a"
LEGACY_KEY = "0123456789abcdef" * 3
WIDTH, HEIGHT = 1280, 720


@dataclass(frozen=True)
class Signer:
    """A signing key on disk (PEM), and a trusted-keys folder holding its public half."""

    kid: str
    private: Ed25519PrivateKey
    pem_path: Path
    keys_dir: Path

    def sign(self, **fields: Any) -> str:
        """A code signed by this key; fields default to a valid guest code."""
        values: dict[str, Any] = {"server": enrolment.DEFAULT_SERVER, "key": HSKEY,
                                  "expires": int(time.time()) + 86400, "tier": "guest",
                                  "label": "alice", "kid": self.kid}
        values.update(fields)
        values["key"] = enrolment.Secret(values["key"])
        return enrolment.sign_join(self.private, **values)

    def sign_body(self, body: str) -> str:
        """A code over any query text, signed as v1 signs (for codes no signer would make)."""
        sig = self.private.sign(enrolment.SIGNING_CONTEXT + body.encode("ascii"))
        return f"veilor:join?{body}&sig={enrolment._b64url(sig)}"


def make_signer(folder: Path, kid: str = "signup-1", *, trusted: bool = True) -> Signer:
    folder.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    pem_path = folder / f"{kid}.key.pem"
    pem_path.write_bytes(private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    pem_path.chmod(0o600)
    keys_dir = folder / "trusted"
    keys_dir.mkdir(exist_ok=True)
    if trusted:
        (keys_dir / f"{kid}.pub").write_bytes(enrolment.public_pem(private))
    return Signer(kid, private, pem_path, keys_dir)


def cli_run(argv: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    """``veilor-installer ARGV`` in this process: exit code, stdout, stderr."""
    import sys

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    try:
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def mesh_sign_png(signer: Signer, png: Path, **fields: Any) -> str:
    """A code signed by ``mesh sign`` and its QR written by it to ``png``; returns the URI."""
    values = {"server": enrolment.DEFAULT_SERVER, "key": HSKEY,
              "expires": str(int(time.time()) + 86400), "tier": "guest", "label": "alice"}
    values.update({k: str(v) for k, v in fields.items()})
    code, out, err = cli_run(["mesh", "sign", "--signing-key", str(signer.pem_path),
                              "--kid", signer.kid, "--server", values["server"],
                              "--key", values["key"], "--expires", values["expires"],
                              "--tier", values["tier"], "--label", values["label"],
                              "--png", str(png)])
    assert code == 0, err
    return out.strip()


# --- scenes -------------------------------------------------------------------------------------


def background(seed: int, width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    """A desk-like picture: gradient, shapes, lines and text, and no QR code."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 1, width, dtype=np.float32)
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    base = (90 + 70 * x + 40 * y).astype(np.uint8)
    frame = cv2.merge([base, (base * 0.9).astype(np.uint8), (base * 0.8).astype(np.uint8)])
    for _ in range(25):
        colour = tuple(int(c) for c in rng.integers(0, 255, 3))
        p1 = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        p2 = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        kind = int(rng.integers(0, 3))
        if kind == 0:
            cv2.rectangle(frame, p1, p2, colour, -1)
        elif kind == 1:
            cv2.circle(frame, p1, int(rng.integers(10, 120)), colour, -1)
        else:
            cv2.line(frame, p1, p2, colour, int(rng.integers(1, 6)))
    for i in range(6):
        cv2.putText(frame, f"veilor desk {seed}-{i}", (int(rng.integers(0, width - 300)),
                    int(rng.integers(30, height))), cv2.FONT_HERSHEY_SIMPLEX, 1.0,
                    (20, 20, 20), 2)
    return frame


def place(code: np.ndarray, *, seed: int = 0, size: int = 420, angle: float = 0.0,
          perspective: float = 0.0, blur: float = 0.0, noise: float = 0.0,
          contrast: float = 1.0, centre: tuple[int, int] | None = None) -> np.ndarray:
    """The QR image ``code`` (white border included) on a background, ``size`` pixels wide,
    turned ``angle`` degrees, corners moved by up to ``perspective`` of its size, then
    blurred (sigma), noised (sigma) and its contrast scaled around mid-grey."""
    rng = np.random.default_rng(seed + 1000)
    frame = background(seed)
    h, w = code.shape[:2]
    cx, cy = centre or (WIDTH // 2, HEIGHT // 2)
    half = size / 2
    square = np.array([[-half, -half], [half, -half], [half, half], [-half, half]], np.float32)
    theta = np.deg2rad(angle)
    turn = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]],
                    np.float32)
    corners = square @ turn.T + np.array([cx, cy], np.float32)
    if perspective:
        corners += rng.uniform(-perspective, perspective, (4, 2)).astype(np.float32) * size
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    warped = cv2.warpPerspective(code, matrix, (WIDTH, HEIGHT), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (WIDTH, HEIGHT))
    frame[mask > 127] = warped[mask > 127]
    if blur:
        frame = cv2.GaussianBlur(frame, (0, 0), blur)
    if contrast != 1.0:
        frame = cv2.addWeighted(frame, contrast, np.full_like(frame, 128), 1 - contrast, 0)
    if noise:
        jitter = rng.normal(0, noise, frame.shape)
        frame = np.clip(frame.astype(np.float32) + jitter, 0, 255).astype(np.uint8)
    return frame


def write_avi(path: Path, frames: Iterable[np.ndarray], fps: float = 30.0) -> Path:
    """An MJPG .avi, as a webcam would send it."""
    writer: Any = None
    for frame in frames:
        if writer is None:
            height, width = frame.shape[:2]
            writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps,
                                     (width, height))
            assert writer.isOpened()
        writer.write(frame)
    assert writer is not None
    writer.release()
    return path
