"""Camera pictures without a camera: webcam-like 1280×720 scenes, a QR image placed in them
(turned, in perspective, blurred, noised), and MJPG videos as a webcam sends them. The demo's
camera video and the QR and camera tests are made here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.i18n import Text

WIDTH, HEIGHT = 1280, 720


def background(seed: int, width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    """A cluttered desk: gradient, shapes, lines and text, and no QR code."""
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


def held_up(png: Path, *, frames: int, lead: int) -> Iterator[np.ndarray]:
    """The demo camera: a calm desk, then after ``lead`` frames the QR image ``png`` held up
    in front of it, moving a little; ``frames`` in all."""
    code = cv2.imread(str(png))
    if code is None:
        raise InvalidInput(Text("--demo: OpenCV cannot read {file}", file=png))
    size = 400
    code = cv2.resize(code, (size, size), interpolation=cv2.INTER_NEAREST)
    x = np.linspace(0, 1, WIDTH, dtype=np.float32)
    y = np.linspace(0, 1, HEIGHT, dtype=np.float32)[:, None]
    base = (70 + 60 * x + 50 * y).astype(np.uint8)
    desk = cv2.merge([(base * 0.8).astype(np.uint8), (base * 0.9).astype(np.uint8), base])
    cv2.rectangle(desk, (80, 520), (420, 700), (40, 60, 90), -1)
    cv2.circle(desk, (1080, 180), 110, (90, 120, 150), -1)
    cv2.putText(desk, "veilor-os demo camera", (60, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.2,
                (235, 235, 235), 2)
    for index in range(frames):
        frame = desk.copy()
        if index >= lead:
            t = index - lead
            left = 440 + int(12 * np.sin(t / 6))
            top = 160 + int(8 * np.cos(t / 5))
            frame[top:top + size, left:left + size] = code
        yield frame


def write_avi(path: Path, frames: Iterable[np.ndarray], fps: float = 30.0) -> Path:
    """An MJPG .avi of ``frames`` (their size from the first), as a webcam would send it."""
    writer: Any = None
    try:
        for frame in frames:
            if writer is None:
                height, width = frame.shape[:2]
                writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps,
                                         (width, height))
                if not writer.isOpened():
                    raise InvalidInput(Text("OpenCV cannot write {file}", file=path))
            writer.write(frame)
    finally:
        if writer is not None:
            writer.release()
    if writer is None:
        raise InvalidInput(Text("{file}: a video needs at least one frame", file=path))
    return path
