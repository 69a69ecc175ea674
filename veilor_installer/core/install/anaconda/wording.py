"""The words of an install result: what the disks hold now, and the title and next steps of
each ending (DESIGN §8). One place, so that the CLI and the pages show the same sentences and a
translator or a reviewer finds every one of them here."""

from __future__ import annotations

from collections.abc import Sequence

from veilor_installer.core.install.anaconda.events import (
    FAILURE_SLEEP_S,
    DiskState,
    Environment,
    Outcome,
)
from veilor_installer.core.install.machine import Disk

REPORT = "Please report it, with the log folder named below."


def disks_message(disks: DiskState, planned: Sequence[Disk]) -> str:
    """What the planned disks hold now, in a sentence."""
    names = ", ".join(d.description for d in planned)
    was, them = ("was", "it") if len(planned) == 1 else ("were", "them")
    return {
        DiskState.UNTOUCHED: f"Nothing was changed on {names}.",
        DiskState.ERASED: f"{names} {was} already partitioned and formatted: what was on "
        f"{them} before is gone, and nothing starts from {them} yet. Run the installer "
        "again to finish.",
        DiskState.INCOMPLETE: f"veilor-os was written to {names} and the boot loader "
        "installed, but the last steps did not finish: it may start, but install again "
        "to be sure it is set up right.",
        DiskState.INSTALLED: f"veilor-os is installed on {names}.",
        DiskState.UNKNOWN: f"It is not known how far the installer got: treat {names} as "
        "erased.",
    }[disks]


def title_and_next_steps(outcome: Outcome, *, code: int | None, running: bool, started: bool,
                         environment: Environment, keymap: str,
                         stall_timeout: float) -> tuple[str, str]:
    """The title of an ending and what the person does next. ``running``: Anaconda still
    runs; ``started``: it was started at all; ``keymap``: the layout the disk passphrase is
    typed on at every start."""
    if outcome in (Outcome.CANCELLED, Outcome.STALLED) and running:
        # The kill was refused (Anaconda runs as root through pkexec): never claim a stop.
        return ("The installation could not be stopped",
                "Anaconda runs as root and is still working; it restarts the computer "
                "when it ends. Save the logs before that.")
    if outcome is Outcome.SUCCEEDED:
        return ("veilor-os is installed",
                "Restart the computer and remove the installer USB stick. At every start "
                f"you type the disk passphrase, on the '{keymap}' keyboard layout.")
    if outcome is Outcome.FAILED and environment is Environment.LIVE:
        later = (f"Anaconda could not be stopped and may restart the computer in about "
                 f"{FAILURE_SLEEP_S / 60:.0f} minutes: save the logs first." if running else
                 "Nothing restarts the computer by itself: the logs stay until you "
                 "restart it.")
        return ("The installation failed", later + " Then check the network and the "
                "image, and install again.")
    if outcome is Outcome.FAILED:
        later = (f"Anaconda restarts the computer in about {FAILURE_SLEEP_S / 60:.0f} "
                 "minutes, and the logs are lost then: save them first (or stop the "
                 "restart)." if running else "")
        return ("The installation failed", (later + " Then check the network and the "
                "image, and install again.").strip())
    if outcome is Outcome.REJECTED:
        return ("Anaconda refused the kickstart",
                "This is a bug in veilor-installer: the kickstart passed its own checks. "
                + REPORT)
    if outcome is Outcome.CRASHED:
        how = f"exit code {code}" if code is not None else "no exit code"
        return (f"Anaconda stopped unexpectedly ({how})",
                "Install again; if it happens again, " + REPORT[0].lower() + REPORT[1:])
    if outcome is Outcome.STALLED:
        return (f"Anaconda stopped responding (nothing happened for "
                f"{stall_timeout / 60:.0f} min), so it was stopped",
                "Check the network, then install again.")
    if outcome is Outcome.CANCELLED:
        return ("You stopped the installation",
                "Install again when you are ready." if started else "Nothing was started.")
    return ("The installer could not be started", "Check that this is the veilor-os "
            "installer ISO and try again.")
