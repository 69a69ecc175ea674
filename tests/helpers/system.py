"""The demo's pretend systems (veilor_installer.demo.system) for one test: built under its
``tmp_path``, their environment set through ``monkeypatch`` (undone after the test)."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from helpers.answers import STRONG_PASSPHRASE
from veilor_installer.demo import system
from veilor_installer.demo.system import Environment, Fakes, Firstboot

# The fakes' settings a test sets itself; one left over from the caller's shell would change
# what the fakes answer.
_FIRSTBOOT_UNSET = ("VEILOR_FAKE_TAILSCALE", "VEILOR_FAKE_TAILSCALE_TAGS", "VEILOR_FAKE_UJUST",
                    "VEILOR_FAKE_RPMOSTREE", "VEILOR_FAKE_FIDO2", "VEILOR_FAKE_PKEXEC",
                    "VEILOR_FAKE_SYSTEMCTL_FAIL", "VEILOR_ENROL_KEYS_DIR")


def apply(monkeypatch: pytest.MonkeyPatch, env: Environment) -> None:
    """Set each name to its value, or unset it where the value is None."""
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


def install_fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, mode: str = "success",
                  speed: float = 0.01, environment: str = "boot-iso") -> Fakes:
    """The installer's fakes (fake Anaconda ending as ``mode``), the runtime folder the test's."""
    fakes = system.install_system(tmp_path, runtime_dir=Path(os.environ["VEILOR_RUNTIME_DIR"]),
                                  mode=mode, speed=speed, environment=environment)
    apply(monkeypatch, fakes.env)
    return fakes


def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *,
            units: Mapping[str, dict[str, Any]] | None = None) -> Firstboot:
    """The first-boot pretend system with pkexec faked too, its LUKS volume unlocked by the
    tests' strong passphrase, the image's RetiNet source in the site configuration."""
    world = system.firstboot_system(
        tmp_path, passphrase=STRONG_PASSPHRASE, units=units,
        programs={**system.FIRSTBOOT_FAKES, "pkexec": "fake_pkexec.py"},
        config_extra=system.RETINET_SOURCE)
    apply(monkeypatch, {**world.env, **dict.fromkeys(_FIRSTBOOT_UNSET)})
    return world


def ujust_fails_once(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """The first-boot walk's ``fail_once``: the fake ujust's recipes fail (Thorium and
    Reticulum), until Retry."""

    def fail_once(failing: bool) -> None:
        if failing:
            monkeypatch.setenv("VEILOR_FAKE_UJUST", "fail")
        else:
            monkeypatch.delenv("VEILOR_FAKE_UJUST")

    return fail_once


@contextlib.contextmanager
def local_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The demo's registry on loopback, named by ``VEILOR_REGISTRY_URL``."""
    with system.local_registry() as url:
        monkeypatch.setenv("VEILOR_REGISTRY_URL", url)
        yield url


def write_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, kind: str = "sigstore",
                 repo: str = "ghcr.io/veilor/veilor-os") -> Path:
    """The demo's signature policy, named by ``VEILOR_CONTAINERS_POLICY``."""
    path = system.write_policy(tmp_path, kind=kind, repo=repo)
    monkeypatch.setenv("VEILOR_CONTAINERS_POLICY", str(path))
    return path


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``condition`` until it holds or the deadline passes (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()
