"""Puts the fakes first through ``VEILOR_BIN_DIR`` and reads what they recorded.

The fakes are Python scripts; copied into a temporary bin folder with ``#!`` naming this
test run's interpreter (``/usr/bin/env python3`` could be another Python without pykickstart).
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from veilor_installer.core.datapaths import data_dir
from veilor_installer.demo.firstboot import install_programs

HERE = Path(__file__).resolve().parent
FAKE_PROGRAMS = data_dir("fakes")
"""The fake programs, shipped with the package (``data/fakes``)."""
FAKES = {
    "anaconda": "fake_anaconda.py",
    "skopeo": "fake_skopeo.py",
    "pkexec": "fake_pkexec.py",
    "anaconda-cleanup": "fake_anaconda_cleanup.py",
    # a live session's preparations (core.livesession, through the helper)
    "modprobe": "fake_modprobe.py",
    "getenforce": "fake_selinux.py",
    "setenforce": "fake_selinux.py",
    "udevadm": "fake_udevadm.py",
}
SECRET_WORDS = ("correct horse battery staple veilor", "Tr0ub4dor&3-alice-laptop")


def recorded_calls(fake_dir: Path, prog: str | None = None) -> list[dict[str, Any]]:
    """What the fakes recorded in ``calls.jsonl``: one row per start, optionally one program's."""
    path = fake_dir / "calls.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text().splitlines() if line]
    return [r for r in rows if prog is None or r["prog"] == prog]


@dataclass
class Fakes:
    bin_dir: Path
    fake_dir: Path
    log_dir: Path
    runtime_dir: Path

    def calls(self, prog: str | None = None) -> list[dict[str, Any]]:
        return recorded_calls(self.fake_dir, prog)

    def argvs(self) -> list[list[str]]:
        """Every argument list any fake was started with."""
        return [r["argv"] for r in self.calls() if "argv" in r]

    def event(self, what: str) -> dict[str, Any] | None:
        for row in self.calls("anaconda"):
            if row.get("event") == "signal" and row.get("what") == what:
                return row
        return None

    def input(self) -> str | None:
        for row in self.calls("anaconda"):
            if row.get("event") == "input":
                return str(row["what"])
        return None

    @property
    def rebooted(self) -> bool:
        return (self.fake_dir / "rebooted").exists()


def install_fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, mode: str = "success",
                  speed: float = 0.01, environment: str = "boot-iso") -> Fakes:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    install_programs(bin_dir, FAKE_PROGRAMS, FAKES)
    fake_dir = tmp_path / "fake-state"
    fake_dir.mkdir()
    log_dir = tmp_path / "anaconda-logs"
    log_dir.mkdir()
    monkeypatch.setenv("VEILOR_BIN_DIR", str(bin_dir))
    monkeypatch.setenv("VEILOR_FAKE_DIR", str(fake_dir))
    monkeypatch.setenv("VEILOR_ANACONDA_LOG_DIR", str(log_dir))
    monkeypatch.setenv("VEILOR_LIVE_STATE_DIR", str(tmp_path / "live-state"))
    monkeypatch.setenv("VEILOR_UDEV_RULES_DIR", str(tmp_path / "udev-rules"))
    monkeypatch.setenv("VEILOR_FAKE_ANACONDA", mode)
    monkeypatch.setenv("VEILOR_FAKE_ANACONDA_SPEED", str(speed))
    monkeypatch.delenv("VEILOR_ANACONDA", raising=False)
    # Fedora's boot.iso unless a test says live (this machine has no /.buildstamp: it would
    # count as a live session)
    monkeypatch.setenv("VEILOR_ENVIRONMENT", environment)
    return Fakes(bin_dir, fake_dir, log_dir, Path(os.environ["VEILOR_RUNTIME_DIR"]))


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``condition`` until it holds or the deadline passes (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def assert_no_secret(text: str, *extra: str) -> None:
    for word in (*SECRET_WORDS, *extra):
        assert word not in text, "a secret leaked"


def assert_bundle_clean(log_dir: str | None, *extra: str) -> list[str]:
    """The bundle exists, is private, and no file in it holds a secret. Returns file names."""
    assert log_dir is not None
    folder = Path(log_dir)
    assert folder.is_dir() and (folder.stat().st_mode & 0o777) == 0o700
    names = []
    for path in sorted(folder.iterdir()):
        assert (path.stat().st_mode & 0o777) == 0o600, path
        assert_no_secret(path.read_text(encoding="utf-8"), *extra)
        names.append(path.name)
    return names


def assert_no_secret_in_argv(fakes: Fakes, *extra: str) -> None:
    argvs = fakes.argvs()
    assert argvs, "no fake recorded anything"
    for argv in argvs:
        assert_no_secret(" ".join(argv), *extra)
        assert not any("passphrase" in arg or "password" in arg for arg in argv)


# --- a registry and a signature policy ------------------------------------------------------


class _Registry(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401 if self.path.startswith("/v2/") else 404)
        self.send_header("WWW-Authenticate", 'Bearer realm="https://ghcr.io/token"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def local_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A registry API on loopback answering 401 at /v2/, as ghcr.io does anonymously."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Registry)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("VEILOR_REGISTRY_URL", url)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def write_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, kind: str = "sigstore",
                 repo: str = "ghcr.io/veilor/veilor-os") -> Path:
    """A policy.json like the bootstrap ISO's (research/anaconda.md §8)."""
    key = tmp_path / "veilor-cosign.pub"
    key.write_text("-----BEGIN PUBLIC KEY-----\nMFkw…\n-----END PUBLIC KEY-----\n")
    requirement: dict[str, Any] = {"type": "sigstoreSigned", "keyPath": str(key),
                                   "signedIdentity": {"type": "matchRepository"}}
    scopes: dict[str, Any] = {}
    if kind == "sigstore":
        scopes = {repo: [requirement]}
    elif kind == "insecure":
        scopes = {repo: [{"type": "insecureAcceptAnything"}]}
    elif kind == "missing-key":
        requirement["keyPath"] = str(tmp_path / "no-such-key.pub")
        scopes = {repo: [requirement]}
    policy = {"default": [{"type": "insecureAcceptAnything"}],
              "transports": {"docker": scopes, "docker-daemon": {"": [
                  {"type": "insecureAcceptAnything"}]}}}
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy))
    monkeypatch.setenv("VEILOR_CONTAINERS_POLICY", str(path))
    return path
