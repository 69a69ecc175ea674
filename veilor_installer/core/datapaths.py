"""Where the data folders live: resources/, kickstart-templates/ and ui/. (The fake programs of
``--demo`` and the tests are the demo package's own, beside it: veilor_installer/demo/fakes.)

One rule: they are package data, ``veilor_installer/data/<folder>``, beside the code wherever
the package is (a checkout, a venv, ``/usr`` from the RPM, the ISO). ``VEILOR_DATA_DIR`` (a
folder holding them) overrides it for tests, except when running elevated.
"""

from __future__ import annotations

from pathlib import Path

from veilor_installer.core import settings

_FOLDERS = ("resources", "kickstart-templates", "ui", "po")
PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"


def _root() -> Path:
    return settings.data_dir() or PACKAGE_DATA


def data_dir(folder: str) -> Path:
    """The data ``folder`` (one of resources, kickstart-templates, ui)."""
    if folder not in _FOLDERS:
        raise ValueError(f"unknown data folder {folder!r}")
    path = _root() / folder
    if not path.is_dir():
        raise FileNotFoundError(f"veilor-installer data folder '{folder}' not found: {path} "
                                "(the package was installed without its data)")
    return path


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
