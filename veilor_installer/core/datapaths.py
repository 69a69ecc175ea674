"""Where the data folders outside the package live: resources/, kickstart-templates/, ui/.

In a checkout (editable install) they sit beside the package; an installed wheel or RPM puts
them under ``<prefix>/share/veilor-installer/``. ``VEILOR_DATA_DIR`` (a folder holding all three)
overrides both, except when running elevated.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_FOLDERS = ("resources", "kickstart-templates", "ui")


def _candidates() -> list[Path]:
    roots: list[Path] = []
    if "PKEXEC_UID" not in os.environ and os.environ.get("VEILOR_DATA_DIR"):
        roots.append(Path(os.environ["VEILOR_DATA_DIR"]))
    roots.append(Path(__file__).resolve().parent.parent.parent)
    roots.append(Path(sys.prefix) / "share" / "veilor-installer")
    roots.append(Path("/usr/share/veilor-installer"))
    return roots


def data_dir(folder: str) -> Path:
    """The first existing ``folder`` (one of resources, kickstart-templates, ui)."""
    if folder not in _FOLDERS:
        raise ValueError(f"unknown data folder {folder!r}")
    tried = []
    for root in _candidates():
        path = root / folder
        if path.is_dir():
            return path
        tried.append(str(path))
    raise FileNotFoundError(f"veilor-installer data folder '{folder}' not found; looked in: "
                            + ", ".join(tried))


def resource_path(relative: str) -> Path:
    """A file under resources/, e.g. ``resource_path("demo-machine.json")``."""
    path = data_dir("resources") / relative
    if not path.exists():
        raise FileNotFoundError(f"veilor-installer resource not found: {path}")
    return path


def template_path(name: str) -> Path:
    """A file under kickstart-templates/."""
    path = data_dir("kickstart-templates") / name
    if not path.exists():
        raise FileNotFoundError(f"kickstart template not found: {path}")
    return path
