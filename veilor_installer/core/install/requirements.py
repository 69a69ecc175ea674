"""What the Welcome page checks before anything else: firmware, memory, a disk big enough,
and whether the network reaches the image registry. Each check says what to do when it fails."""

from __future__ import annotations

import socket
import urllib.parse
from dataclasses import dataclass

from veilor_installer.core import settings
from veilor_installer.core.install.machine import GIB, MIN_DISK_BYTES, Machine, human_size

MIN_RAM_BYTES = 4 * GIB
DEFAULT_REGISTRY = "https://ghcr.io"


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    passed: bool
    detail: str
    fix: str = ""
    required: bool = True
    """A failed required check blocks the install; others only warn."""


def hardware_checks(machine: Machine) -> list[Check]:
    checks = [
        Check("firmware", "Firmware", True,
              "UEFI" if machine.firmware == "uefi" else
              "Legacy BIOS: the installed disk will start only in BIOS mode",
              "" if machine.firmware == "uefi" else
              "To install for UEFI, restart and choose the UEFI entry of this USB stick in the "
              "firmware's boot menu."),
    ]
    ram_ok = machine.ram_bytes >= MIN_RAM_BYTES
    checks.append(Check(
        "ram", "Memory", ram_ok,
        f"{machine.ram_bytes / GIB:.1f} GiB" + ("" if ram_ok else ", less than the 4 GiB needed"),
        "" if ram_ok else "Install on a computer with at least 4 GiB of memory."))
    targets = [d for d in machine.disks if d.install_target]
    largest = max((d.size_bytes for d in machine.disks if d.type == "disk"), default=0)
    checks.append(Check(
        "disk", "Disk", bool(targets),
        f"{len(targets)} disk{'s' if len(targets) != 1 else ''} of at least "
        f"{MIN_DISK_BYTES // GIB} GiB" if targets else
        ("No disk of at least 32 GiB" + (f" (the largest holds {human_size(largest)})"
                                         if largest else "")),
        "" if targets else "Connect a disk of at least 32 GiB, then press Check again."))
    return checks


def registry_url() -> str:
    """The registry to probe; ``VEILOR_REGISTRY_URL`` points tests at a local server."""
    return settings.registry_url() or DEFAULT_REGISTRY


def network_checks(url: str | None = None, *, timeout: float = 5.0, required: bool = True
                   ) -> list[Check]:
    """Two checks: the registry's host resolves and accepts a connection; its API answers.
    A registry's ``/v2/`` answers 401 to anonymous clients: that is alive."""
    url = url or registry_url()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"the registry URL must be http(s), not {parts.scheme!r}")
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    fix_net = ("Connect to a network (cable or Wi-Fi in the panel at the top right), then "
               "press Check again.")
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        reason = "the name does not resolve" if isinstance(exc, socket.gaierror) else (
            exc.strerror or type(exc).__name__)
        return [Check("network", "Network", False, f"Cannot reach {host}: {reason}", fix_net,
                      required),
                Check("registry", "Image registry", False, "Not checked without a network",
                      fix_net, required)]
    network = Check("network", "Network", True, f"{host} is reachable", "", required)
    # Imported here: ~15 ms that the wizard's start-up need not pay.
    from urllib import error as urlerror
    from urllib import request as urlrequest

    try:
        with urlrequest.urlopen(f"{url.rstrip('/')}/v2/", timeout=timeout) as response:  # noqa: S310 (scheme checked)
            status = response.status
    except urlerror.HTTPError as exc:
        # An HTTPError is also the response: its socket stays open until closed.
        with exc:
            status = exc.code
    except (urlerror.URLError, OSError) as exc:
        why = exc.reason if isinstance(exc, urlerror.URLError) else exc
        return [network, Check("registry", "Image registry", False,
                               f"{host} does not answer: {why}",
                               "A firewall or captive portal may block it; open a web page "
                               "to sign in, then press Check again.", required)]
    alive = status in (200, 401)
    return [network, Check(
        "registry", "Image registry", alive,
        f"{host} answers" if alive else f"{host} answered with HTTP {status}",
        "" if alive else "The registry may be down; try again in a few minutes.", required)]
