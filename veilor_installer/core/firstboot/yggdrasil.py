"""The Yggdrasil fallback overlay (yggdrasil-go 0.5; research/mesh.md §4).

If the Tailscale mesh is down, veilor computers still reach each other over Yggdrasil, through
one pinned public peer. The config is locked down on purpose:

- ``Peers``: the site's ``wss://`` peers (``[yggdrasil] peers`` in ``VEILOR_CONFIG``), each
  with ``?key=<64 hex>``: Yggdrasil skips TLS certificate checks, so the key pin is the only
  thing that authenticates the peer;
- ``Listen: []`` (no inbound peerings) and ``MulticastInterfaces: []`` (0.5's Linux default
  beacons and auto-peers on every LAN interface, which ``AllowedPublicKeys`` does not stop);
- ``NodeInfoPrivacy: true`` (no platform or version sent to the whole network);
- the node's private key in its own 0600 PEM file (``PrivateKeyPath``, 0.5.0+), so the config
  holds no secret. A key the package's ``-genconf`` already put in an old config is exported
  and kept, so the node keeps its address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from veilor_installer.core import commands
from veilor_installer.core.errors import InvalidInput, OperationFailed
from veilor_installer.core.firstboot import hostfiles, services
from veilor_installer.core.helper.steps import ActionResult, Progress, Steps, run_action
from veilor_installer.core.i18n import Text
from veilor_installer.core.log import get_logger

log = get_logger("yggdrasil")

CONFIG = "/etc/yggdrasil.conf"
KEY = "/etc/yggdrasil/private.pem"
UNIT = "yggdrasil"
ADMIN_LISTEN = "unix:///var/run/yggdrasil.sock"
YGGDRASIL_TIMEOUT_S = 30.0

_PEER = re.compile(
    r"wss://(?P<host>[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}"
    r"[a-z0-9])?)*)(?::(?P<port>[0-9]{1,5}))?(?P<path>/[A-Za-z0-9._~/-]*)?"
    r"\?(?P<query>[A-Za-z0-9=&._~-]+)")
_KEY_HEX = re.compile(r"[0-9a-f]{64}")
_INLINE_KEY = re.compile(r"""(?m)^\s*"?PrivateKey"?\s*:\s*"?([0-9a-f]{128})\b""")


def valid_peer(uri: str) -> str:
    """A ``wss://host[:port][/path]?key=<64 hex>`` peer, or InvalidInput naming what is wrong."""
    where, shown = hostfiles.config_path(), repr(uri[:80])
    match = _PEER.fullmatch(uri)
    if not match or ".." in uri:
        raise InvalidInput(Text("{file}: [yggdrasil] peers: {peer} is not a "
                                "wss://host[:port]/path?key=… URI", file=where, peer=shown))
    if match["port"] and not 0 < int(match["port"]) < 65536:
        raise InvalidInput(Text("{file}: [yggdrasil] peers: {peer} has an invalid port",
                                file=where, peer=shown))
    keys = [v for k, _, v in (p.partition("=") for p in match["query"].split("&")) if k == "key"]
    if not keys or not all(_KEY_HEX.fullmatch(k) for k in keys):
        raise InvalidInput(Text("{file}: [yggdrasil] peers: {peer} must pin the peer's public "
                                "key with ?key=<64 lowercase hex>: Yggdrasil does not check "
                                "TLS certificates", file=where, peer=shown))
    return uri


def configured_peers() -> list[str]:
    peers = [valid_peer(p) for p in hostfiles.config_list("yggdrasil", "peers")]
    if not peers:
        raise InvalidInput(Text("{file}: no Yggdrasil peer is configured: add {example}",
                                file=hostfiles.config_path(),
                                example='[yggdrasil] peers = ["wss://host/path?key=<64 hex>"]'))
    return peers


def render_config(peers: Sequence[str], key_path: str = KEY) -> str:
    """The config text: HJSON (comments), every value written as JSON so nothing needs
    quoting rules of its own."""
    lines = [
        "# Written by veilor-installer (first boot). Yggdrasil is the fallback when the",
        "# Tailscale mesh is unreachable. Changes here are replaced when first boot runs again.",
        "{",
        "  # The node's ed25519 key, PKCS#8 PEM, mode 0600 (kept out of this file).",
        f"  PrivateKeyPath: {json.dumps(key_path)}",
        "  # Outbound peers only, each pinned with ?key= (TLS certificates are not checked).",
        f"  Peers: {json.dumps(list(peers))}",
        "  InterfacePeers: {}",
        "  # No inbound peerings, no LAN beacons or auto-peering.",
        "  Listen: []",
        "  MulticastInterfaces: []",
        "  AllowedPublicKeys: []",
        f"  AdminListen: {json.dumps(ADMIN_LISTEN)}",
        '  IfName: "auto"',
        "  IfMTU: 65535",
        "  # Send no platform, architecture or version to the network.",
        "  NodeInfoPrivacy: true",
        "  NodeInfo: {}",
        "}",
        "",
    ]
    return "\n".join(lines)


def new_private_key_pem() -> str:
    """A fresh ed25519 key as yggdrasil -exportkey writes it (PKCS#8 ``PRIVATE KEY``)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode("ascii")


def _export_inline_key(config: Path) -> str | None:
    """The PEM of the key an older, generated config holds inline, or None."""
    text = hostfiles.read_text(config)
    if text is None or not _INLINE_KEY.search(text):
        return None
    done = commands.run(["yggdrasil", "-useconffile", str(config), "-exportkey"],
                        timeout=YGGDRASIL_TIMEOUT_S)
    pem = done.stdout.strip()
    if not done.ok or "PRIVATE KEY" not in pem:
        raise OperationFailed(_failed("yggdrasil -exportkey", done))
    return pem + "\n"


def node_address(config: Path) -> str:
    done = commands.run(["yggdrasil", "-useconffile", str(config), "-address"],
                        timeout=YGGDRASIL_TIMEOUT_S)
    address = done.stdout.strip()
    if not done.ok or not address:
        raise OperationFailed(_failed("yggdrasil -address", done))
    return address


def _failed(command: str, done: commands.Completed) -> Text:
    lines = done.stderr.strip().splitlines()
    if lines:
        return Text("{command} failed: {said}", command=command, said=lines[-1])
    return Text("{command} failed: no output", command=command)


def setup(*, root: Path | None = None, peers: Sequence[str] | None = None,
          progress: Progress | None = None) -> ActionResult:
    """Key, config, service, address; each left alone when already right."""
    root = hostfiles.sysroot() if root is None else root
    config = hostfiles.host_path(root, CONFIG)
    key = hostfiles.host_path(root, KEY)

    def body(steps: Steps) -> None:
        chosen = [valid_peer(p) for p in peers] if peers is not None else configured_peers()
        with steps.step("key", Text("Create the node's key")) as step:
            if hostfiles.read_text(key) is not None:
                step.unchanged(Text("{file} already exists", file=KEY))
            else:
                pem = _export_inline_key(config)
                hostfiles.make_dirs(key.parent, 0o700)
                hostfiles.write_file(key, pem or new_private_key_pem(), 0o600)
                step.done(Text("kept the key of the existing configuration, now in {file}",
                               file=KEY) if pem else
                          Text("new key written to {file}", file=KEY))

        with steps.step("config", Text("Write the Yggdrasil configuration")) as step:
            changed = hostfiles.write_file(config, render_config(chosen), 0o644)
            if changed:
                step.done(Text.plural(
                    "{file}: {n} pinned peer, no listeners, no LAN discovery",
                    "{file}: {n} pinned peers, no listeners, no LAN discovery", len(chosen),
                    file=CONFIG))
            else:
                step.unchanged(Text.plural(
                    "{file}: {n} pinned peer, no listeners, no LAN discovery (already so)",
                    "{file}: {n} pinned peers, no listeners, no LAN discovery (already so)",
                    len(chosen), file=CONFIG))

        with steps.step("service", Text("Start Yggdrasil")) as step:
            was_active = services.is_active(UNIT)
            changes = services.ensure_running(UNIT, "Yggdrasil")
            if changed and was_active:
                services.restart(UNIT)
                changes.append(services.RESTARTED)
            (step.done if changes else step.unchanged)(services.describe_changes(changes, UNIT))

        with steps.step("address", Text("Read the node's address")) as step:
            address = node_address(config)
            steps.result.data["address"] = address
            step.unchanged(Text("this computer is {address} on Yggdrasil", address=address))

    return run_action("yggdrasil", body, progress)
