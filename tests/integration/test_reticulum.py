"""Reticulum opt-in: the configs first boot writes are loaded by a real rnsd (PyPI rns) on
loopback, and rnstatus shows their interfaces.

Loopback only: the backbone peer is a second rnsd listening on 127.0.0.1, AutoInterface is
limited to ``lo`` through the site config (lo has no link-local address, so it sends nothing),
the RNode port does not exist (its interface stays down), and the shared instances are
abstract Unix sockets, not ports. Both daemons are stopped by pid in a finalizer.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.programs import program
from helpers.system import install, wait_until

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot import optins, reticulum
from veilor_installer.core.helper.steps import Status
from veilor_installer.demo.system import RETINET_SOURCE, Firstboot


@pytest.fixture
def fb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Firstboot:
    return install(tmp_path, monkeypatch)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def daemons() -> Iterator[Callable[[Path], subprocess.Popen[bytes]]]:
    """Starts rnsd with a config dir; every one started is stopped afterwards."""
    started: list[subprocess.Popen[bytes]] = []

    def start(config_dir: Path) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen([program("rnsd", "rns"), "--config", str(config_dir)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)


def _started(config_dir: Path) -> bool:
    """rnsd has made its transport identity: rnstatus derives the RPC key from it, and an
    rnstatus run before that would make a different one (and never be let in)."""
    return (config_dir / "storage" / "transport_identity").exists()


def _status(config_dir: Path) -> dict[str, Any] | None:
    done = subprocess.run([program("rnstatus", "rns"), "--config", str(config_dir), "-j"],
                          capture_output=True, text=True, timeout=20, check=False)
    if done.returncode != 0:
        return None
    try:
        return dict(json.loads(done.stdout))
    except json.JSONDecodeError:
        return None


def _hub(tmp_path: Path, port: int) -> Path:
    folder = tmp_path / "rns-hub"
    folder.mkdir()
    (folder / "config").write_text(
        "[reticulum]\n  enable_transport = No\n  share_instance = Yes\n"
        f"  instance_name = veilor-test-hub-{port}\n\n[logging]\n  loglevel = 2\n\n"
        "[interfaces]\n  [[Test Hub]]\n    type = TCPServerInterface\n    enabled = yes\n"
        f"    listen_ip = 127.0.0.1\n    listen_port = {port}\n")
    return folder


@pytest.mark.parametrize("with_rnode", [False, True], ids=["reticulum", "rnode"])
def test_rnsd_loads_the_written_config(fb: Firstboot, tmp_path: Path, with_rnode: bool,
                                       daemons: Callable[[Path], subprocess.Popen[bytes]],
                                       ) -> None:
    node_dir = tmp_path / "rns-node"
    probe = tmp_path / "rns-probe"
    probe.mkdir()
    (probe / "config").write_text("[reticulum]\n  share_instance = Yes\n[interfaces]\n")
    done = subprocess.run([program("rnstatus", "rns"), "--config", str(probe)], capture_output=True,
                          text=True, timeout=20, check=False)
    if "No shared RNS instance available" not in done.stdout + done.stderr:
        pytest.skip("a shared Reticulum instance named 'default' already runs here")
    port = _free_port()
    fb.write_config(f'[reticulum]\npeers = ["127.0.0.1:{port}"]\n'
                    'auto_interface_devices = ["lo"]\n' + RETINET_SOURCE)
    rnode = reticulum.RNodeSettings.make("/dev/ttyUSB0", "eu868") if with_rnode else None
    result = optins.reticulum_setup(rnode=rnode)
    assert result.ok, str(result.reason)
    written = fb.sysroot / "etc/reticulum/config"
    node_dir.mkdir()
    shutil.copy(written, node_dir / "config")

    hub = _hub(tmp_path, port)
    daemons(hub)
    assert wait_until(lambda: _started(hub), 30), "the hub rnsd did not start"
    assert wait_until(lambda: _status(hub) is not None, 30), "the hub rnsd does not answer"
    daemons(node_dir)
    assert wait_until(lambda: _started(node_dir), 30), "rnsd did not start with the config"

    def interfaces() -> dict[str, dict[str, Any]]:
        status = _status(node_dir)
        return {i["short_name"]: i for i in status["interfaces"]} if status else {}

    expected = {"Default Interface", "Veilor Backbone 1"} | (
        {"RNode LoRa Interface"} if with_rnode else set())
    assert wait_until(lambda: expected <= set(interfaces()) and
                      interfaces()["Veilor Backbone 1"]["status"], 30), interfaces()
    seen = interfaces()
    assert seen["Default Interface"]["type"] == "AutoInterface"
    assert seen["Veilor Backbone 1"]["type"] == "TCPClientInterface"
    assert seen["Veilor Backbone 1"]["status"] is True, "connected to the hub on loopback"
    if with_rnode:
        assert seen["RNode LoRa Interface"]["type"] == "RNodeInterface"
        assert seen["RNode LoRa Interface"]["status"] is False, "no radio on /dev/ttyUSB0"
    else:
        assert not any(i["type"] == "RNodeInterface" for i in seen.values())
    hub_clients = {i["short_name"]: i for i in (_status(hub) or {}).get("interfaces", [])}
    assert hub_clients["Test Hub"]["clients"] == 1


def test_config_text(fb: Firstboot) -> None:
    text = reticulum.render_config(
        [("rns.s8n.ru", 4242), ("10.0.0.2", 4965)],
        rnode=reticulum.RNodeSettings.make("/dev/serial/by-id/usb-RAK_RNode-if00", "us915", 10))
    assert "type = AutoInterface" in text and "\n    devices =" not in text
    assert "target_host = rns.s8n.ru\n    target_port = 4242" in text
    assert "[[Veilor Backbone 2]]" in text and "target_host = 10.0.0.2" in text
    assert "port = /dev/serial/by-id/usb-RAK_RNode-if00" in text
    assert "frequency = 914875000" in text and "txpower = 10" in text
    assert "airtime_limit_long" not in text  # no duty-cycle rule in us915
    eu = reticulum.render_config([], rnode=reticulum.RNodeSettings.make("/dev/ttyACM0", "eu868"))
    assert "frequency = 867200000" in eu and "airtime_limit_long = 1" in eu


def test_setup_runs_the_recipe_then_writes_once(fb: Firstboot) -> None:
    first = optins.reticulum_setup()
    assert first.ok and [s.status for s in first.steps] == [Status.DONE, Status.DONE]
    assert fb.argvs("ujust") == [["install-reticulum"]]
    assert str(first.steps[0].message) == "installed (RetiNet)"
    assert "Reticulum (RetiNet) installed" in str(first.steps[0].detail)  # the recipe's words
    assert "start it with 'systemctl start rnsd'" in str(first.steps[1].message)
    assert not first.restart_needed
    again = optins.reticulum_setup()
    assert again.ok and not again.changed
    assert str(again.steps[0].message) == "is already installed (RetiNet)"
    assert str(again.steps[0].detail).startswith("Reticulum (RetiNet")
    assert fb.argvs("systemctl") == [], "rnsd is not started"


def test_rnode_uses_its_recipe(fb: Firstboot) -> None:
    result = optins.reticulum_setup(rnode=reticulum.RNodeSettings.make("/dev/ttyUSB0", "au915"))
    assert result.ok and result.action == "rnode"
    assert fb.argvs("ujust") == [["install-reticulum-rnode"]]
    assert "RNode on /dev/ttyUSB0 (au915)" in str(result.steps[1].message)


@pytest.mark.warning_log("the failed step under test is logged")
def test_recipe_failure_is_reported(fb: Firstboot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_FAKE_UJUST", "fail")
    result = optins.reticulum_setup()
    assert result.exit_code == 1 and "ujust install-reticulum failed" in str(result.reason)
    assert not (fb.sysroot / "etc/reticulum/config").exists()


@pytest.mark.parametrize(("port", "region", "txpower", "field"), [
    ("/dev/sda", "eu868", None, "port"),
    ("/dev/ttyUSB0;reboot", "eu868", None, "port"),
    ("/dev/serial/by-id/../../sda", "eu868", None, "port"),
    ("/dev/ttyUSB0", "mars", None, "region"),
    ("/dev/ttyUSB0", "eu868", 20, "txpower"),
])
def test_rnode_settings_refused(port: str, region: str, txpower: int | None,
                                field: str) -> None:
    with pytest.raises(InvalidInput, match=field):
        reticulum.RNodeSettings.make(port, region, txpower)


@pytest.mark.warning_log("the failed step under test is logged")
@pytest.mark.parametrize("peer", ["rns.s8n.ru", "rns.s8n.ru:0", "rns s8n:42",
                                  "rns.s8n.ru:4242\n[[x]]", "[::1]:4242"])
def test_backbone_peers_refused(fb: Firstboot, peer: str) -> None:
    fb.write_config(f"[reticulum]\npeers = [{json.dumps(peer)}]\n" + RETINET_SOURCE)
    result = optins.reticulum_setup()
    assert result.exit_code == 2 and "[reticulum] peers" in str(result.reason)
