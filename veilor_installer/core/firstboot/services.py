"""systemd services first boot turns on: tailscaled, yggdrasil.

``ensure_running`` asks systemctl first and changes only what is not so yet (unmask, enable,
start), so a second run reports "already running" and touches nothing. secureblue once masked
tailscaled in its image (research/mesh.md §2.3): enabling a masked unit fails, hence unmask.
"""

from __future__ import annotations

from collections.abc import Callable

from veilor_installer.core import commands
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.i18n import Text

SYSTEMCTL_TIMEOUT_S = 120.0  # start waits for the daemon to say it is ready

# States ``systemctl is-enabled`` prints for a unit that starts at boot without our help.
_ENABLED = {"enabled", "enabled-runtime", "static", "indirect", "generated", "alias", "linked"}


def _systemctl(*args: str) -> commands.Completed:
    return commands.run(["systemctl", *args], timeout=SYSTEMCTL_TIMEOUT_S)


def _failure(done: commands.Completed, what: Text) -> OperationFailed:
    lines = [line for line in (done.stderr + done.stdout).strip().splitlines() if line.strip()]
    if lines:
        return OperationFailed(Text("{what} failed: {said}", what=what, said=lines[-1].strip()))
    return OperationFailed(Text("{what} failed (systemctl exit code {code})", what=what,
                                code=done.returncode))


def enabled_state(unit: str) -> str:
    """What ``systemctl is-enabled`` says: enabled, disabled, masked … or not-found."""
    done = _systemctl("is-enabled", unit)
    state = done.stdout.strip().splitlines()[0].strip() if done.stdout.strip() else ""
    if not state:
        if "No such file" in done.stderr or "not found" in done.stderr.lower():
            return "not-found"
        raise _failure(done, Text("asking systemd about {unit}", unit=unit))
    return state


def is_active(unit: str) -> bool:
    return _systemctl("is-active", unit).stdout.strip() == "active"


def ensure_running(unit: str, program: str) -> list[str]:
    """Unmask, enable and start ``unit`` as needed; what was done, empty when nothing was.

    ``program`` names what the unit runs, for the message when it is not installed.
    """
    changes: list[str] = []
    state = enabled_state(unit)
    if state == "not-found":
        raise OperationFailed(Text("{program} is not installed on this system (no {unit} service)",
                                   program=program, unit=unit))
    if state.startswith("masked"):
        done = _systemctl("unmask", unit)
        if not done.ok:
            raise _failure(done, Text("unmasking {unit}", unit=unit))
        changes.append("unmasked")
        state = enabled_state(unit)
    if state not in _ENABLED:
        done = _systemctl("enable", unit)
        if not done.ok:
            raise _failure(done, Text("enabling {unit}", unit=unit))
        changes.append("enabled")
    if not is_active(unit):
        done = _systemctl("start", unit)
        if not done.ok:
            raise _failure(done, Text("starting {unit}", unit=unit))
        changes.append("started")
    return changes


def restart(unit: str) -> None:
    done = _systemctl("restart", unit)
    if not done.ok:
        raise _failure(done, Text("restarting {unit}", unit=unit))


#: What ``ensure_running`` did, in one sentence for each combination of its changes.
_CHANGES: dict[tuple[str, ...], Callable[[str], Text]] = {
    (): lambda unit: Text("{unit} was already enabled and running", unit=unit),
    ("unmasked",): lambda unit: Text("{unit} unmasked", unit=unit),
    ("enabled",): lambda unit: Text("{unit} enabled", unit=unit),
    ("started",): lambda unit: Text("{unit} started", unit=unit),
    ("unmasked", "enabled"): lambda unit: Text("{unit} unmasked and enabled", unit=unit),
    ("unmasked", "started"): lambda unit: Text("{unit} unmasked and started", unit=unit),
    ("enabled", "started"): lambda unit: Text("{unit} enabled and started", unit=unit),
    ("unmasked", "enabled", "started"): lambda unit: Text(
        "{unit} unmasked, enabled and started", unit=unit),
    # RESTARTED: an active unit given a new configuration (yggdrasil)
    ("restarted",): lambda unit: Text("{unit} restarted with the new configuration", unit=unit),
    ("unmasked", "restarted"): lambda unit: Text(
        "{unit} unmasked and restarted with the new configuration", unit=unit),
    ("enabled", "restarted"): lambda unit: Text(
        "{unit} enabled and restarted with the new configuration", unit=unit),
    ("unmasked", "enabled", "restarted"): lambda unit: Text(
        "{unit} unmasked, enabled and restarted with the new configuration", unit=unit),
}
#: The change a caller adds after ``restart()``, for ``describe_changes``.
RESTARTED = "restarted"


def describe_changes(changes: list[str], unit: str) -> Text:
    word = _CHANGES.get(tuple(changes))
    return word(unit) if word is not None else Text("{unit} was changed", unit=unit)
