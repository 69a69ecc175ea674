"""First boot's choices, the helper requests they become, and the stamp that keeps the
autostart entry from coming back.

The wizard only collects choices (research/mesh.md §7.3: the optional GUI never holds
mandatory security setup). ``tasks()`` turns them into one helper request per step, in the
order Apply runs them: the mesh join, Yggdrasil, each opt-in, disk unlock. Each is a call of
its own, so that one failure does not hide the other results, and a failed step can be run
again alone while the ones that passed are left as they are. Nothing here runs anything.

The autostart entry (``/etc/xdg/autostart/veilor-firstboot.desktop``) starts
``veilor-installer firstboot --once`` at every login until the stamp exists. When the wizard
closes, ``mark_done`` writes the stamp (``$XDG_STATE_HOME/veilor/firstboot-done``) and a
``Hidden=true`` entry of the same name in ``$XDG_CONFIG_HOME/autostart`` — the XDG way for a user
to turn a system autostart entry off — so the session stops starting it at all. Both live in
the user's home: rebasing the image does not bring the wizard back (secureblue#348).
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veilor_installer.core.checks import Code, Problem
from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot import hostfiles
from veilor_installer.core.firstboot.enrolment import Enrolment
from veilor_installer.core.firstboot.reticulum import RNodeSettings
from veilor_installer.core.helper import protocol
from veilor_installer.core.i18n import Text
from veilor_installer.core.secret import Secret

AUTOSTART_NAME = "veilor-firstboot.desktop"
STAMP_NAME = "firstboot-done"

MESH, YGGDRASIL, MULLVAD, THORIUM, RETICULUM, UNLOCK = (
    "mesh", "yggdrasil", "mullvad-browser", "thorium", "reticulum", "unlock")
TASK_ORDER = (MESH, YGGDRASIL, MULLVAD, THORIUM, RETICULUM, UNLOCK)

MIN_PIN = 4  # FIDO2 client PINs are 4 or more characters; a TPM2 PIN shorter than that is weak


class UnlockMethod(enum.Enum):
    KEEP = "keep"  # the passphrase only
    TPM2 = "tpm2"
    TPM2_PIN = "tpm2-pin"
    FIDO2 = "fido2"


def _blank() -> Secret:
    return Secret("", register=False)


@dataclass
class Choices:
    """What the person chose. Secrets stay ``Secret`` until a request is built."""

    payload: Secret = field(default_factory=_blank)
    """The text pasted or scanned: a bare key or a ``veilor:join`` code."""
    enrolment: Enrolment | None = None
    """``payload`` checked (enrolment.check); None until it passed."""
    skip_mesh: bool = False
    yggdrasil: bool = True
    mullvad_browser: bool = False
    thorium: bool = False
    thorium_warning_confirmed: bool = False
    """The second confirmation, after the warning was shown; without it Thorium is not chosen."""
    reticulum: bool = False
    rnode: bool = False
    rnode_port: str = "/dev/ttyUSB0"
    rnode_region: str = "eu868"
    unlock: UnlockMethod = UnlockMethod.KEEP
    unlock_passphrase: Secret = field(default_factory=_blank)
    unlock_pin: Secret = field(default_factory=_blank)

    @property
    def thorium_selected(self) -> bool:
        """Thorium counts as chosen only once its warning was confirmed."""
        return self.thorium and self.thorium_warning_confirmed

    @property
    def joins_mesh(self) -> bool:
        return not self.skip_mesh and self.enrolment is not None


@dataclass(frozen=True)
class Task:
    """One helper request. ``secrets`` are masked in every log line of the call."""

    id: str
    request: Mapping[str, Any]
    secrets: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """Tells whether a task is the same request as one run before (held in memory only:
        the request may hold a passphrase)."""
        text = json.dumps(dict(self.request), sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rnode_settings(choices: Choices) -> RNodeSettings:
    """The RNode settings chosen, or InvalidInput naming the field (``port``, ``region``)."""
    return RNodeSettings.make(choices.rnode_port.strip(), choices.rnode_region)


def unlock_problems(choices: Choices) -> list[Problem]:
    """The disk unlock choice's problems (the wizard words them), of the fields
    ``passphrase`` (EMPTY) and ``pin`` (EMPTY or TOO_SHORT, ``limit`` the fewest characters):
    a new way to unlock needs the current passphrase; a TPM2 PIN is needed, a FIDO2 PIN
    optional, and either has at least ``MIN_PIN`` characters."""
    method = choices.unlock
    if method is UnlockMethod.KEEP:
        return []
    found = []
    if not choices.unlock_passphrase:
        found.append(Problem(Code.EMPTY, "passphrase"))
    pin = choices.unlock_pin
    if method is UnlockMethod.TPM2_PIN and not pin:
        found.append(Problem(Code.EMPTY, "pin", limit=MIN_PIN))
    elif method in (UnlockMethod.TPM2_PIN, UnlockMethod.FIDO2) and pin and len(pin) < MIN_PIN:
        found.append(Problem(Code.TOO_SHORT, "pin", limit=MIN_PIN))
    return found


def unlock_wording(problem: Problem) -> Text:
    """What to do about one of ``unlock_problems``: the page shows it beside the field."""
    if problem.field == "passphrase":
        return Text("Type the disk's passphrase: adding a new way to unlock needs it.")
    if problem.code is Code.EMPTY:
        return Text("Choose a PIN of at least {limit} characters.", limit=problem.limit)
    return Text("The PIN must have at least {limit} characters.", limit=problem.limit)


def tasks(choices: Choices) -> list[Task]:
    """The helper requests for ``choices``, in the order Apply runs them."""
    found: list[Task] = []
    if not choices.skip_mesh:
        enrol = choices.enrolment
        if enrol is None:
            raise InvalidInput(Text("payload: no key or code was given; paste or scan one, or "
                                    "skip the mesh"))
        payload = choices.payload.reveal().strip()
        found.append(Task(MESH, protocol.request("mesh-join", payload=payload),
                          (payload, enrol.key.reveal())))
    if choices.yggdrasil:
        found.append(Task(YGGDRASIL, protocol.request("yggdrasil")))
    if choices.mullvad_browser:
        found.append(Task(MULLVAD, protocol.request("mullvad-browser")))
    if choices.thorium_selected:
        found.append(Task(THORIUM, protocol.request("thorium", warning_shown=True)))
    if choices.reticulum:
        if choices.rnode:
            rnode = rnode_settings(choices)
            found.append(Task(RETICULUM, protocol.request("rnode", port=rnode.port,
                                                          region=rnode.region.name)))
        else:
            found.append(Task(RETICULUM, protocol.request("reticulum")))
    if choices.unlock is not UnlockMethod.KEEP:
        if problems := unlock_problems(choices):
            raise InvalidInput(Text("{field}: {problem}", field=problems[0].field,
                                    problem=unlock_wording(problems[0])))
        secrets = [choices.unlock_passphrase.reveal()]
        pin: dict[str, str] = {}
        if choices.unlock_pin and choices.unlock is not UnlockMethod.TPM2:
            pin["pin"] = choices.unlock_pin.reveal()
            secrets.append(choices.unlock_pin.reveal())
        found.append(Task(UNLOCK, protocol.request(
            "unlock-enrol", method=choices.unlock.value,
            passphrase=choices.unlock_passphrase.reveal(), **pin), tuple(secrets)))
    return found


# --- what this computer offers ------------------------------------------------------------------


def tpm_present(root: Path | None = None) -> bool:
    """Whether the kernel sees a TPM (``/sys/class/tpm``; readable by anyone)."""
    folder = hostfiles.host_path(hostfiles.sysroot() if root is None else root, "/sys/class/tpm")
    try:
        return folder.is_dir() and any(folder.iterdir())
    except OSError:
        return False


def serial_ports(dev: Path = Path("/dev")) -> list[str]:
    """Serial ports an RNode may be on: the stable ``/dev/serial/by-id`` names first, then
    ``ttyUSB*`` and ``ttyACM*``."""
    found: list[str] = []
    by_id = dev / "serial" / "by-id"
    with contextlib.suppress(OSError):
        found += sorted(str(by_id / p.name) for p in by_id.iterdir())
    with contextlib.suppress(OSError):
        found += sorted(str(p) for p in dev.iterdir()
                        if p.name.startswith(("ttyUSB", "ttyACM")))
    return found



# --- the stamp ----------------------------------------------------------------------------------


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable, "")
    # The spec: a relative path in these variables is invalid and must be ignored.
    return Path(value) if value.startswith("/") else Path.home() / fallback


def stamp_path() -> Path:
    return _xdg("XDG_STATE_HOME", ".local/state") / "veilor" / STAMP_NAME


def autostart_override_path() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / "autostart" / AUTOSTART_NAME


AUTOSTART_OFF = """[Desktop Entry]
Type=Application
Name=veilor-os setup
Comment=Turned off: veilor-installer first boot ran once. Open it again from the menu.
Exec=veilor-installer firstboot --once
NoDisplay=true
Hidden=true
"""


def is_done() -> bool:
    return stamp_path().exists()


def mark_done(now: float | None = None) -> None:
    """The wizard ran: write the stamp, and turn the autostart entry off for this user (an
    entry the user wrote there themselves is left alone)."""
    stamp = stamp_path()
    stamp.parent.mkdir(parents=True, exist_ok=True)
    when = time.time() if now is None else now
    stamp.write_text(time.strftime("%Y-%m-%dT%H:%M:%SZ\n", time.gmtime(when)), encoding="utf-8")
    override = autostart_override_path()
    if override.exists() and "Hidden=true" not in override.read_text(encoding="utf-8",
                                                                       errors="replace"):
        return
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(AUTOSTART_OFF, encoding="utf-8")
