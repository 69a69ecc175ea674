"""Restarting the computer at the end of a live-session install (DESIGN §11).

In a live session Anaconda does not restart the computer; the wizard asks the privileged
helper (action ``restart``) when the person chooses to. The helper runs ``systemctl reboot``.
"""

from __future__ import annotations

from veilor_installer.core import commands
from veilor_installer.core.commands import CommandError
from veilor_installer.core.errors import EXIT_FAILED
from veilor_installer.core.helper import protocol
from veilor_installer.core.helper.steps import ActionResult, Progress, message_of
from veilor_installer.core.i18n import Text
from veilor_installer.core.log import get_logger

log = get_logger("power")


def reboot(progress: Progress | None = None) -> ActionResult:
    """The helper's side: ask systemd to restart the computer (it returns once queued)."""
    if progress is not None:
        progress("restart", Text("Restarting the computer"))
    try:
        done = commands.run(["systemctl", "reboot"], timeout=60)
    except CommandError as exc:
        return ActionResult("restart", exit_code=EXIT_FAILED, reason=message_of(exc))
    if not done.ok:
        return ActionResult("restart", exit_code=EXIT_FAILED,
                            reason=Text("systemctl reboot exited with code {code}",
                                        code=done.returncode))
    log.info("the computer restarts")
    return ActionResult("restart")


def request_reboot(*, use_pkexec: bool | None = None) -> ActionResult:
    """The wizard's side: the helper restarts the computer (through pkexec when not root)."""
    from veilor_installer.core.helper import client as privileged

    return privileged.call(protocol.request("restart"), use_pkexec=use_pkexec, timeout=120)
