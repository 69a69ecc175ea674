"""Switching cameras on the Join page while full-speed cameras are scanning never crashes the
wizard: three runs of 1,000 switches each (``camera_switch_stress.py``), each in its own
process, so that a SIGSEGV is this test's failure (its exit code), not the end of pytest.
Before the scanner's threads emitted on a bridge of their own, every run crashed within a
few hundred switches. Quitting the program while it scans is safe too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import paths

from veilor_installer.demo.scenes import background, write_avi

SCRIPT = paths.HELPERS / "camera_switch_stress.py"
SWITCHES = 1000


@pytest.fixture(scope="module")
def cameras(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two small videos (no QR code: every frame is decoded, nothing is ever read)."""
    folder = tmp_path_factory.mktemp("switch")
    return (write_avi(folder / "first.avi", [background(10 + i, 320, 240) for i in range(12)]),
            write_avi(folder / "second.avi", [background(60 + i, 320, 240) for i in range(12)]))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_switching_cameras_while_scanning_never_crashes(cameras: tuple[Path, Path],
                                                        seed: int) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(cameras[0]), str(cameras[1]), str(SWITCHES),
         str(seed)], capture_output=True, text=True, timeout=180, check=False, env=env)
    assert result.returncode == 0, result.stderr[-3000:]  # -11: SIGSEGV
    assert result.stdout.strip() == f"switches={SWITCHES} scanners={SWITCHES}"


def test_quitting_while_scanning_never_crashes(cameras: tuple[Path, Path]) -> None:
    """The program ends (window still open) while a full-speed camera is being read, at six
    moments of the scan (before the scanner had its own bridge: about one run in five
    crashed)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for after_ms in range(20, 320, 50):
        result = subprocess.run([sys.executable, str(SCRIPT), "quit", str(cameras[0]),
                                 str(after_ms)], capture_output=True, text=True, timeout=60,
                                check=False, env=env)
        assert (result.returncode, result.stdout) == (0, "quit\n"), (after_ms,
                                                                     result.stderr[-3000:])
