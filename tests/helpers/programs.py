"""The programs tests run, found where an installation puts them.

A development venv has its tools beside its interpreter (``.venv/bin``, not on PATH unless the
venv is activated); a system installation has them on PATH (``/usr/bin``, and pip's
``/usr/local/bin`` in the target lane). Looked for in that order; a test whose program is in
neither is skipped with the package that provides it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest


def find(name: str) -> str | None:
    """``name`` beside the interpreter, else on PATH, else None."""
    return shutil.which(name, path=os.path.dirname(sys.executable)) or shutil.which(name)


def program(name: str, provider: str) -> str:
    """``name``'s path, or skip the test saying that ``provider`` provides it."""
    found = find(name)
    if found is None:
        pytest.skip(f"{name} is not installed ({provider})")
    return found


def validate_desktop_file(path: os.PathLike[str] | str) -> None:
    """``desktop-file-validate`` passes ``path`` without a word (skipped where it is missing)."""
    tool = program("desktop-file-validate",
                   "desktop-file-utils; tools/bootstrap installs it when run as root")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=30,
                          check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
