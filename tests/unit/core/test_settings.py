"""The settings table: one rule for elevation, defaults, the documented table, and no module
reading a ``VEILOR_*`` variable from the environment itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import paths

from veilor_installer.core import settings

PACKAGE = Path(settings.__file__).resolve().parent.parent
DOCS = paths.REPO / "docs" / "FIRSTBOOT.md"
"""The checkout's docs (the target lane tests the installed package against the tree's docs)."""
# ``os.environ.get("VEILOR_…")``, ``os.environ["VEILOR_…"]``, ``os.getenv("VEILOR_…")``
_ENV_READ = re.compile(r"""(environ\s*(\.get\s*\(|\[)|getenv\s*\()\s*['"]VEILOR_""")
# The demo sets settings for the processes it starts; the fake programs read their own.
_NOT_READERS = ("core/settings.py", "demo/", "data/fakes/")


def test_every_setting_is_ignored_when_elevated_but_the_theme(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    for setting in settings.SETTINGS:
        monkeypatch.setenv(setting.name, str(tmp_path))
    assert all(s.value() == str(tmp_path) for s in settings.SETTINGS)
    monkeypatch.setenv("PKEXEC_UID", "1000")
    assert settings.elevated()
    assert {s.name for s in settings.SETTINGS if s.value() != s.default} == {"VEILOR_THEME"}
    assert settings.sysroot() == Path("/") and settings.bin_dir() is None
    assert settings.runtime_dir_override() is None and settings.data_dir() is None


def test_an_empty_setting_is_its_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_CONFIG", "")
    monkeypatch.setenv("VEILOR_CAMERA", "")
    assert settings.config_path() == Path("/etc/veilor/installer.toml")
    assert settings.camera() is None


def test_the_stall_timeout_is_a_number_or_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VEILOR_ANACONDA_STALL_TIMEOUT", raising=False)
    assert settings.anaconda_stall_seconds() == 20 * 60
    monkeypatch.setenv("VEILOR_ANACONDA_STALL_TIMEOUT", "2.5")
    assert settings.anaconda_stall_seconds() == 2.5
    monkeypatch.setenv("VEILOR_ANACONDA_STALL_TIMEOUT", "soon")
    assert settings.anaconda_stall_seconds() == 20 * 60


def test_names_are_unique_and_prefixed() -> None:
    names = [s.name for s in settings.SETTINGS]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"VEILOR_[A-Z0-9_]+", n) and not n.startswith("VEILOR_FAKE_")
               for n in names)


def test_the_documented_table_is_the_settings_table() -> None:
    rows = re.findall(r"^\| `(VEILOR_\w+)` \| (.*?) \| (.*?) \| (yes|no) \|$",
                      DOCS.read_text(encoding="utf-8"), flags=re.MULTILINE)
    documented = [(name, "" if default == "—" else default.strip("`"), why, elevated == "yes")
                  for name, default, why, elevated in rows]
    assert documented == [(s.name, s.default, s.why, s.honoured_elevated)
                          for s in settings.SETTINGS]


def test_no_module_reads_a_setting_from_the_environment_itself() -> None:
    readers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(_NOT_READERS):
            continue
        if _ENV_READ.search(path.read_text(encoding="utf-8")):
            readers.append(relative)
    assert readers == [], "ask core.settings for a VEILOR_ setting"
