"""Shared fixtures. The tests set their own environment: offscreen Qt, no real runtime dir."""

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
from hypothesis import HealthCheck, settings

# `make test` runs a few examples per property; `make bench`'s fuzz target sets thousands.
settings.register_profile(
    "veilor",
    max_examples=int(os.environ.get("VEILOR_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("veilor")

REPO = Path(__file__).resolve().parent.parent

STRONG_PASSPHRASE = "correct horse battery staple veilor"
STRONG_PASSWORD = "Tr0ub4dor&3-alice-laptop"


def _disk(name: str, size_gib: int, **extra: Any) -> dict[str, Any]:
    disk = {
        "name": name, "path": f"/dev/{name}", "size_bytes": size_gib * 1024**3,
        "model": f"Test Disk {name}", "serial": f"SN-{name}", "transport": "sata",
        "removable": False, "rotational": False, "readonly": False, "fstype": None,
        "partitions": [], "os": [],
    }
    disk.update(extra)
    return disk


TEST_MACHINE: dict[str, Any] = {
    "firmware": "uefi",
    "ram_bytes": 16 * 1024**3,
    "disks": [
        _disk("nvme0n1", 512, transport="nvme", model="Samsung SSD 980 PRO 1TB"),
        _disk("nvme1n1", 512, transport="nvme"),
        _disk("sda", 256),
        _disk("sdb", 16),
        _disk("sdc", 64, transport="usb", removable=True, boot_medium=True, fstype="iso9660"),
        _disk("sdd", 128, readonly=True),
        _disk("loop0", 40, type="loop", transport=None),
    ],
}


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


def base_answers() -> dict[str, Any]:
    return {
        "image": {"ref": "ghcr.io/veilor/veilor-os:43", "transport": "registry"},
        "locale": {"language": "de_DE.UTF-8", "keyboard": "de", "timezone": "Europe/Berlin"},
        "storage": {"disks": ["nvme0n1"], "layout": "single", "passphrase": STRONG_PASSPHRASE},
        "account": {"username": "alice", "full_name": "Alice Example",
                    "password": STRONG_PASSWORD, "hostname": "alice-laptop"},
    }


def toml_value(value: Any) -> str:
    """A TOML literal for the answers files the tests write (tomllib has no writer)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch == "\\":
                out.append("\\\\")
            elif ch == '"':
                out.append('\\"')
            elif ord(ch) < 0x20 or ord(ch) == 0x7F:
                out.append(f"\\u{ord(ch):04X}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    raise TypeError(type(value))


def write_answers(path: Path, answers: dict[str, Any]) -> Path:
    lines = []
    for section, body in answers.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in body.items())
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    path.chmod(0o600)
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
