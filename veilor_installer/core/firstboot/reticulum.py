"""Reticulum (RNS) opt-in: the configuration rnsd reads (research/mesh.md §5).

``/etc/reticulum/config`` (the first place rnsd looks) in ConfigObj form: a shared instance,
an ``AutoInterface`` for neighbours on the local links, one ``TCPClientInterface`` per
backbone peer from ``[reticulum] peers`` in ``VEILOR_CONFIG``, and, with the RNode bundle, an
``RNodeInterface`` for a LoRa radio on a serial port with a region's legal settings. The
software comes from the ``install-reticulum`` recipe; rnsd is not started here: the user
starts it when they want it.

Every value written comes from this module or was validated here: ConfigObj would read a
``[`` or a newline in a value as structure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot import hostfiles
from veilor_installer.core.i18n import Text

CONFIG = "/etc/reticulum/config"

_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}"
                   r"[a-z0-9])?)*|[0-9]{1,3}(?:\.[0-9]{1,3}){3})")
_PORT_PATH = re.compile(r"/dev/(?:ttyUSB[0-9]{1,3}|ttyACM[0-9]{1,3}|serial/by-id/"
                        r"[A-Za-z0-9][A-Za-z0-9_.:+-]{0,120})")
_DEVICE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,14}")


@dataclass(frozen=True)
class Region:
    """LoRa settings within a region's rules (frequency in Hz, bandwidth in Hz, dBm)."""

    name: str
    frequency: int
    bandwidth: int
    txpower: int
    spreadingfactor: int
    codingrate: int
    airtime_limit_long: float | None  # percent over 15 minutes, for duty-cycle rules


REGIONS = {
    # ETSI EN 300 220, sub-band g1 (865–868 MHz): 25 mW ERP, 1 % duty cycle.
    "eu868": Region("eu868", 867_200_000, 125_000, 7, 8, 5, 1.0),
    # FCC part 15.247 (902–928 MHz): no duty-cycle limit at these powers.
    "us915": Region("us915", 914_875_000, 125_000, 17, 8, 5, None),
    # ACMA class licence (915–928 MHz).
    "au915": Region("au915", 917_000_000, 125_000, 17, 8, 5, None),
}


@dataclass(frozen=True)
class RNodeSettings:
    port: str
    region: Region
    txpower: int

    @classmethod
    def make(cls, port: str, region: str, txpower: int | None = None) -> RNodeSettings:
        if not _PORT_PATH.fullmatch(port) or ".." in port:
            raise InvalidInput(Text("port: {value} is not a serial port (/dev/ttyUSB0, "
                                    "/dev/ttyACM0 or /dev/serial/by-id/…)",
                                    value=repr(port[:60])))
        chosen = REGIONS.get(region)
        if chosen is None:
            raise InvalidInput(Text("region: {value} is not one of {choices}",
                                    value=repr(region[:20]), choices=", ".join(REGIONS)))
        power = chosen.txpower if txpower is None else txpower
        if not 0 <= power <= chosen.txpower:
            raise InvalidInput(Text("txpower: {power} dBm is outside 0–{most} dBm, the most "
                                    "this config allows in {region}", power=power,
                                    most=chosen.txpower, region=chosen.name))
        return cls(port, chosen, power)


def backbone_peer(entry: str) -> tuple[str, int]:
    """``host:port`` from the site config, checked."""
    host, _, port = entry.rpartition(":")
    if not _HOST.fullmatch(host) or not port.isdigit() or not 0 < int(port) < 65536:
        raise InvalidInput(Text("{file}: [reticulum] peers: {entry} is not host:port",
                                file=hostfiles.config_path(), entry=repr(entry[:80])))
    return host, int(port)


def configured_peers() -> list[tuple[str, int]]:
    return [backbone_peer(e) for e in hostfiles.config_list("reticulum", "peers")]


def configured_auto_devices() -> list[str]:
    """``[reticulum] auto_interface_devices``: the links AutoInterface may use (all when
    empty); a site can keep it off a guest Wi-Fi, and a test to loopback."""
    devices = hostfiles.config_list("reticulum", "auto_interface_devices")
    for name in devices:
        if not _DEVICE.fullmatch(name):
            raise InvalidInput(Text("{file}: [reticulum] auto_interface_devices: {name} is not "
                                    "an interface name", file=hostfiles.config_path(),
                                    name=repr(name[:20])))
    return devices


def render_config(peers: Sequence[tuple[str, int]], *, rnode: RNodeSettings | None = None,
                  auto_devices: Sequence[str] = ()) -> str:
    lines = [
        "# Written by veilor-installer (first boot). Start Reticulum with: systemctl start rnsd",
        "",
        "[reticulum]",
        "  enable_transport = No",
        "  share_instance = Yes",
        "  instance_name = default",
        "  panic_on_interface_error = No",
        "",
        "[logging]",
        "  loglevel = 4",
        "",
        "[interfaces]",
        "  [[Default Interface]]",
        "    type = AutoInterface",
        "    enabled = yes",
        # Never discover over the tunnels: they are not a local link.
        "    ignored_devices = tailscale0, tun0, ygg0",
    ]
    if auto_devices:
        lines.append(f"    devices = {', '.join(auto_devices)}")
    for index, (host, port) in enumerate(peers, start=1):
        lines += [
            "",
            f"  [[Veilor Backbone {index}]]",
            "    type = TCPClientInterface",
            "    enabled = yes",
            f"    target_host = {host}",
            f"    target_port = {port}",
        ]
    if rnode is not None:
        region = rnode.region
        lines += [
            "",
            "  [[RNode LoRa Interface]]",
            "    type = RNodeInterface",
            "    enabled = yes",
            f"    port = {rnode.port}",
            f"    # {region.name}",
            f"    frequency = {region.frequency}",
            f"    bandwidth = {region.bandwidth}",
            f"    txpower = {rnode.txpower}",
            f"    spreadingfactor = {region.spreadingfactor}",
            f"    codingrate = {region.codingrate}",
        ]
        if region.airtime_limit_long is not None:
            lines.append(f"    airtime_limit_long = {region.airtime_limit_long:g}")
    lines.append("")
    return "\n".join(lines)


def write_config(root: Path, *, rnode: RNodeSettings | None = None) -> bool:
    """Write /etc/reticulum/config from the site config; False when it already was so."""
    text = render_config(configured_peers(), rnode=rnode, auto_devices=configured_auto_devices())
    path = hostfiles.host_path(root, CONFIG)
    hostfiles.make_dirs(path.parent)
    return hostfiles.write_file(path, text, 0o644)
