"""The Welcome page's checks, Qt-free: hardware from a machine profile; the network against a
real HTTP server on loopback."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from helpers.answers import TEST_MACHINE

from veilor_installer.core.install import requirements
from veilor_installer.core.install.machine import machine_from_json


class _Registry(BaseHTTPRequestHandler):
    status = 401

    def do_GET(self) -> None:
        self.send_response(self.status if self.path == "/v2/" else 404)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def registry() -> Iterator[tuple[str, type[_Registry]]]:
    handler = type("Registry", (_Registry,), {"status": 401})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


def test_a_live_registry_passes(registry: tuple[str, Any]) -> None:
    url, _ = registry
    network, reg = requirements.network_checks(url, timeout=2)
    assert network.passed and reg.passed


def test_a_registry_error_fails_with_what_to_do(registry: tuple[str, Any]) -> None:
    url, handler = registry
    handler.status = 500
    network, reg = requirements.network_checks(url, timeout=2)
    assert network.passed and not reg.passed
    assert "HTTP 500" in str(reg.detail) and reg.fix


def test_the_refusing_answer_is_closed(
    registry: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """urllib raises a 401 as an HTTPError, which is also the open response: left to the
    garbage collector, its socket is a ResourceWarning (an error under pytest)."""
    url, _ = registry
    raised: list[urllib.error.HTTPError] = []
    real = urllib.request.urlopen

    def urlopen(*args: Any, **kwargs: Any) -> Any:
        try:
            return real(*args, **kwargs)
        except urllib.error.HTTPError as exc:
            raised.append(exc)
            raise

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    network, reg = requirements.network_checks(url, timeout=2)
    assert network.passed and reg.passed
    assert [exc.code for exc in raised] == [401]
    assert raised[0].fp.closed, "the 401 response was left open"


def test_no_network_fails_both_and_can_be_a_warning() -> None:
    network, reg = requirements.network_checks("http://127.0.0.1:9", timeout=2, required=False)
    assert not network.passed and not reg.passed
    assert not network.required and "Connect to a network" in str(network.fix)


def test_the_registry_is_https_or_http_only() -> None:
    with pytest.raises(ValueError, match="http"):
        requirements.network_checks("file:///etc/passwd")


def test_hardware_checks() -> None:
    machine = machine_from_json(TEST_MACHINE)
    checks = {c.key: c for c in requirements.hardware_checks(machine)}
    assert all(c.passed for c in checks.values())
    # nvme0n1, nvme1n1, sda (not the small, RO, boot)
    assert "3 disks" in str(checks["disk"].detail)
    small = machine_from_json({**TEST_MACHINE, "ram_bytes": 2 * 1024**3, "firmware": "bios",
                               "disks": [d for d in TEST_MACHINE["disks"] if d["name"] == "sdb"]})
    checks = {c.key: c for c in requirements.hardware_checks(small)}
    assert not checks["ram"].passed and "4 GiB" in str(checks["ram"].fix)
    assert not checks["disk"].passed and "32 GiB" in str(checks["disk"].fix)
    assert checks["firmware"].passed and "BIOS" in str(checks["firmware"].detail)
