"""What the Welcome page checks before anything else: firmware, memory, a disk big enough,
and whether the network reaches the image registry. Each check says what to do when it fails."""

from __future__ import annotations

import socket
import urllib.parse
from dataclasses import dataclass

from veilor_installer.core import settings
from veilor_installer.core.i18n import Text
from veilor_installer.core.install.machine import GIB, MIN_DISK_BYTES, Machine, human_size

MIN_RAM_BYTES = 4 * GIB
DEFAULT_REGISTRY = "https://ghcr.io"


@dataclass(frozen=True)
class Check:
    key: str
    title: str | Text
    passed: bool
    detail: str | Text
    fix: str | Text = ""
    required: bool = True
    """A failed required check blocks the install; others only warn."""


def hardware_checks(machine: Machine) -> list[Check]:
    checks = [
        Check("firmware", Text("Firmware"), True,
              "UEFI" if machine.firmware == "uefi" else
              Text("Legacy BIOS: the installed disk will start only in BIOS mode"),
              "" if machine.firmware == "uefi" else
              Text("To install for UEFI, restart and choose the UEFI entry of this USB stick in "
                   "the firmware's boot menu.")),
    ]
    ram_ok = machine.ram_bytes >= MIN_RAM_BYTES
    checks.append(Check(
        "ram", Text("Memory"), ram_ok,
        Text("{size} GiB", size=f"{machine.ram_bytes / GIB:.1f}") if ram_ok else
        Text("{size} GiB, less than the 4 GiB needed", size=f"{machine.ram_bytes / GIB:.1f}"),
        "" if ram_ok else Text("Install on a computer with at least 4 GiB of memory.")))
    targets = [d for d in machine.disks if d.install_target]
    largest = max((d.size_bytes for d in machine.disks if d.type == "disk"), default=0)
    checks.append(Check(
        "disk", Text("Disk"), bool(targets),
        Text.plural("{n} disk of at least {least} GiB", "{n} disks of at least {least} GiB",
                    len(targets), least=MIN_DISK_BYTES // GIB) if targets else
        (Text("No disk of at least 32 GiB (the largest holds {size})", size=human_size(largest))
         if largest else Text("No disk of at least 32 GiB")),
        "" if targets else Text("Connect a disk of at least 32 GiB, then press Check again.")))
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
    fix_net = Text("Connect to a network (cable or Wi-Fi in the panel at the top right), then "
                   "press Check again.")
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        reason: str | Text = Text("the name does not resolve") if isinstance(
            exc, socket.gaierror) else (exc.strerror or type(exc).__name__)
        return [Check("network", Text("Network"), False,
                      Text("Cannot reach {host}: {reason}", host=host, reason=reason), fix_net,
                      required),
                Check("registry", Text("Image registry"), False,
                      Text("Not checked without a network"), fix_net, required)]
    network = Check("network", Text("Network"), True, Text("{host} is reachable", host=host), "",
                    required)
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
        return [network, Check("registry", Text("Image registry"), False,
                               Text("{host} does not answer: {why}", host=host, why=why),
                               Text("A firewall or captive portal may block it; open a web page "
                                    "to sign in, then press Check again."), required)]
    alive = status in (200, 401)
    return [network, Check(
        "registry", Text("Image registry"), alive,
        Text("{host} answers", host=host) if alive else
        Text("{host} answered with HTTP {status}", host=host, status=status),
        "" if alive else Text("The registry may be down; try again in a few minutes."),
        required)]
