"""Shared fixtures. The tests set their own environment: offscreen Qt, no real runtime dir.

Two rules for every test, as qutebrowser has them: a test that drives Qt widgets (it asks for
``qtbot`` or ``qapp``, or lives under a ``gui`` folder or ``e2e/``) gets the ``gui`` marker by
itself; and a WARNING or worse from our own loggers fails the test unless the test reads the
log (``veilor_log`` or ``caplog``) or is marked ``warning_log`` with the reason it expects one.
Importable helpers are in ``tests/helpers/``; nothing imports this file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import copy
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import paths
from helpers.answers import TEST_MACHINE
from hypothesis import HealthCheck, settings

# The suite reads English whatever the developer's session speaks; a test that wants German
# sets LANG itself (or switches with core.i18n.use).
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

# `make test` runs a few examples per property; `make bench`'s fuzz target sets thousands.
settings.register_profile(
    "veilor",
    max_examples=int(os.environ.get("VEILOR_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("veilor")

# Fixtures that live with their helpers (a test asks for them by name).
pytest_plugins = ["helpers.live"]

REPO = paths.REPO

@pytest.fixture
def machine_file(tmp_path: Path) -> Path:
    path = tmp_path / "machine.json"
    path.write_text(json.dumps(TEST_MACHINE))
    return path


@pytest.fixture
def bios_machine_file(tmp_path: Path) -> Path:
    data = copy.deepcopy(TEST_MACHINE)
    data["firmware"] = "bios"
    path = tmp_path / "machine-bios.json"
    path.write_text(json.dumps(data))
    return path


@pytest.fixture
def veilor_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Everything the project logged, at every level, to check for secrets."""
    caplog.set_level(logging.DEBUG, logger="veilor")
    return caplog


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    from veilor_installer.core.log import forget_all_secrets

    monkeypatch.setenv("VEILOR_RUNTIME_DIR", str(tmp_path / "run-veilor"))
    monkeypatch.delenv("PKEXEC_UID", raising=False)
    yield
    # Secrets remembered by one test must not mask or refuse another test's text.
    forget_all_secrets()


# --- GUI -------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """A test that switches language (the Language page, ``i18n.use``) leaves English behind."""
    yield
    from veilor_installer.core import i18n

    if i18n.language() != i18n.SOURCE_LANGUAGE:
        i18n.use(i18n.SOURCE_LANGUAGE)


@pytest.fixture(scope="session")
def qapp() -> Any:
    """pytest-qt's application, replaced by ours: theme, translations, fonts."""
    from veilor_installer.gui.app import application

    return application(["veilor-installer-tests"])


@pytest.fixture
def demo_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """A dry-run wizard state on the demo machine, with no network probe leaving this machine:
    the registry check points at a closed port on loopback."""
    from veilor_installer.core.install.storage.profile import demo_machine
    from veilor_installer.gui.install.state import InstallState

    monkeypatch.setenv("VEILOR_REGISTRY_URL", "http://127.0.0.1:9")
    return InstallState(read_machine=demo_machine, dry_run=True,
                        output_dir=str(tmp_path / "veilor-install"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = item.path.parts
        fixtures = set(getattr(item, "fixturenames", ()))
        if {"qtbot", "qapp"} & fixtures or "e2e" in parts or "gui" in parts:
            item.add_marker(pytest.mark.gui)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def _fail_on_warning_log(request: pytest.FixtureRequest) -> Iterator[None]:
    """An unexpected warning from our loggers fails the test (already redacted: the
    filters run before the handler)."""
    handler = _Warnings()
    logger = logging.getLogger("veilor")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    expected = (request.node.get_closest_marker("warning_log") is not None
                or {"veilor_log", "caplog"} & set(request.fixturenames))
    if handler.records and not expected:
        pytest.fail("unexpected warning in the log: " + "; ".join(
            f"{r.name}: {r.getMessage()}" for r in handler.records[:3]), pytrace=False)
