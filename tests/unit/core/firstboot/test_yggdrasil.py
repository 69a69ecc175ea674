"""The Yggdrasil fallback: key, a locked-down 0.5 config (parsed as HJSON), service, address."""

from __future__ import annotations

import ipaddress
import json
import stat
from pathlib import Path

import hjson
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from helpers.system import install

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot import yggdrasil
from veilor_installer.core.helper import protocol
from veilor_installer.core.helper.steps import Status
from veilor_installer.demo.system import PEER, PEER_KEY, Firstboot

# Every key yggdrasil-go 0.5.14's NodeConfig knows (src/config/config.go).
KNOWN_KEYS = {"PrivateKey", "PrivateKeyPath", "Peers", "InterfacePeers", "Listen",
              "AdminListen", "MulticastInterfaces", "AllowedPublicKeys", "GroupPassword",
              "IfName", "IfMTU", "LogLookups", "NodeInfoPrivacy", "NodeInfo"}


@pytest.fixture
def fb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Firstboot:
    return install(tmp_path, monkeypatch)


def _config(fb: Firstboot) -> dict[str, object]:
    data = hjson.loads((fb.sysroot / "etc/yggdrasil.conf").read_text())
    return dict(data)


def test_setup_writes_a_locked_down_config(fb: Firstboot) -> None:
    result = yggdrasil.setup()
    assert result.ok, str(result.reason)
    assert [s.status for s in result.steps] == [Status.DONE, Status.DONE, Status.DONE,
                                                Status.UNCHANGED]
    config = _config(fb)
    assert set(config) <= KNOWN_KEYS
    assert config["PrivateKeyPath"] == "/etc/yggdrasil/private.pem"
    assert "PrivateKey" not in config, "the config holds no secret"
    assert config["Peers"] == [PEER] and f"?key={PEER_KEY}" in str(config["Peers"])
    assert config["Listen"] == [] and config["MulticastInterfaces"] == []
    assert config["AllowedPublicKeys"] == [] and config["InterfacePeers"] == {}
    assert config["NodeInfoPrivacy"] is True and config["NodeInfo"] == {}
    assert config["AdminListen"] == "unix:///var/run/yggdrasil.sock"
    assert config["IfName"] == "auto"
    text = (fb.sysroot / "etc/yggdrasil.conf").read_text()
    assert text.lstrip().startswith("#"), "HJSON with comments, as yggdrasil -genconf writes"
    assert fb.state("units.json")["yggdrasil"]["active"] is True


def test_key_is_private_and_the_address_is_the_keys(fb: Firstboot) -> None:
    result = yggdrasil.setup()
    key_path = fb.sysroot / "etc/yggdrasil/private.pem"
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_path.parent.stat().st_mode) == 0o700
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    address = ipaddress.IPv6Address(result.data["address"])
    assert address in ipaddress.IPv6Network("200::/7")
    assert f"this computer is {address}" in str(result.steps[-1].message)
    assert key.private_bytes_raw().hex() not in str(protocol.result_to_json(result))


def test_second_run_changes_nothing(fb: Firstboot) -> None:
    first = yggdrasil.setup()
    key = (fb.sysroot / "etc/yggdrasil/private.pem").read_bytes()
    again = yggdrasil.setup()
    assert again.ok and not again.changed
    assert all(s.status is Status.UNCHANGED for s in again.steps)
    assert (fb.sysroot / "etc/yggdrasil/private.pem").read_bytes() == key
    assert again.data["address"] == first.data["address"]
    assert fb.state("units.json")["yggdrasil"]["starts"] == 1


def test_changed_peers_restart_the_running_service(fb: Firstboot) -> None:
    yggdrasil.setup()
    other = "wss://ygg2.s8n.ru/ygg?key=" + "b2" * 32
    fb.write_config(f'[yggdrasil]\npeers = ["{other}"]\n')
    result = yggdrasil.setup()
    assert result.steps[1].status is Status.DONE and _config(fb)["Peers"] == [other]
    assert "restarted" in str(result.steps[2].message)
    assert fb.state("units.json")["yggdrasil"]["starts"] == 2


def test_key_of_an_existing_generated_config_is_kept(fb: Firstboot) -> None:
    seed = Ed25519PrivateKey.generate()
    inline = (seed.private_bytes_raw() + seed.public_key().public_bytes_raw()).hex()
    (fb.sysroot / "etc/yggdrasil.conf").write_text(
        f'{{\n  PrivateKey: {inline}\n  Peers: []\n}}\n')
    result = yggdrasil.setup()
    assert "kept the key" in str(result.steps[0].message)
    kept = serialization.load_pem_private_key(
        (fb.sysroot / "etc/yggdrasil/private.pem").read_bytes(), password=None)
    assert isinstance(kept, Ed25519PrivateKey)
    assert kept.private_bytes_raw() == seed.private_bytes_raw()
    assert inline not in (fb.sysroot / "etc/yggdrasil.conf").read_text()


@pytest.mark.parametrize("peer", [
    "tcp://ygg.s8n.ru:443",
    "wss://ygg.s8n.ru/ygg",
    f"wss://ygg.s8n.ru/ygg?key={PEER_KEY[:-2]}",
    f"wss://ygg.s8n.ru/ygg?key={PEER_KEY}\n",
    f"wss://ygg.s8n.ru/../ygg?key={PEER_KEY}",
    f"wss://ygg.s8n.ru/ygg?key={PEER_KEY}\"",
    f"wss://user@ygg.s8n.ru/ygg?key={PEER_KEY}",
])
def test_peers_must_be_pinned_wss(fb: Firstboot, peer: str) -> None:
    fb.write_config(f"[yggdrasil]\npeers = [{json.dumps(peer)}]\n")
    result = yggdrasil.setup()
    assert result.exit_code == 2 and "[yggdrasil] peers" in str(result.reason)
    assert not (fb.sysroot / "etc/yggdrasil.conf").exists()


def test_no_peer_configured(fb: Firstboot) -> None:
    fb.write_config("")
    result = yggdrasil.setup()
    assert result.exit_code == 2 and "no Yggdrasil peer is configured" in str(result.reason)


@pytest.mark.warning_log("the failed step under test is logged")
def test_a_link_in_place_of_the_config_is_not_followed(fb: Firstboot, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep me")
    (fb.sysroot / "etc/yggdrasil.conf").symlink_to(target)
    result = yggdrasil.setup()
    assert result.exit_code == 1 and "symbolic link" in str(result.reason)
    assert target.read_text() == "keep me"


def test_valid_peer_rejects_what_is_not_a_uri() -> None:
    with pytest.raises(InvalidInput):
        yggdrasil.valid_peer("wss://ygg.s8n.ru:99999/ygg?key=" + PEER_KEY)
