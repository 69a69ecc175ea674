"""The words of an install result: what the disks hold now, and the title and next steps of
each ending (DESIGN §8). One place, so that the CLI and the pages show the same sentences and a
translator or a reviewer finds every one of them here."""

from __future__ import annotations

from collections.abc import Sequence

from veilor_installer.core.i18n import Text
from veilor_installer.core.install.anaconda.events import (
    FAILURE_SLEEP_S,
    DiskState,
    Environment,
    Outcome,
)
from veilor_installer.core.install.machine import Disk


def disks_message(disks: DiskState, planned: Sequence[Disk]) -> Text:
    """What the planned disks hold now, in a sentence."""
    names = ", ".join(d.description for d in planned)
    n = len(planned)
    return {
        DiskState.UNTOUCHED: Text("Nothing was changed on {names}.", names=names),
        DiskState.ERASED: Text.plural(
            "{names} was already partitioned and formatted: what was on it before is gone, "
            "and nothing starts from it yet. Run the installer again to finish.",
            "{names} were already partitioned and formatted: what was on them before is gone, "
            "and nothing starts from them yet. Run the installer again to finish.",
            n, names=names),
        DiskState.INCOMPLETE: Text(
            "veilor-os was written to {names} and the boot loader installed, but the last "
            "steps did not finish: it may start, but install again to be sure it is set up "
            "right.", names=names),
        DiskState.INSTALLED: Text("veilor-os is installed on {names}.", names=names),
        DiskState.UNKNOWN: Text("It is not known how far the installer got: treat {names} as "
                                "erased.", names=names),
    }[disks]


def title_and_next_steps(outcome: Outcome, *, code: int | None, running: bool, started: bool,
                         environment: Environment, keymap: str,
                         stall_timeout: float) -> tuple[Text, Text]:
    """The title of an ending and what the person does next. ``running``: Anaconda still
    runs; ``started``: it was started at all; ``keymap``: the layout the disk passphrase is
    typed on at every start."""
    minutes = f"{FAILURE_SLEEP_S / 60:.0f}"
    if outcome in (Outcome.CANCELLED, Outcome.STALLED) and running:
        # The kill was refused (Anaconda runs as root through pkexec): never claim a stop.
        return (Text("The installation could not be stopped"),
                Text("Anaconda runs as root and is still working; it restarts the computer "
                     "when it ends. Save the logs before that."))
    if outcome is Outcome.SUCCEEDED:
        return (Text("veilor-os is installed"),
                Text("Restart the computer and remove the installer USB stick. At every start "
                     "you type the disk passphrase, on the '{keymap}' keyboard layout.",
                     keymap=keymap))
    if outcome is Outcome.FAILED and environment is Environment.LIVE:
        return (Text("The installation failed"), Text(
            "Anaconda could not be stopped and may restart the computer in about {minutes} "
            "minutes: save the logs first. Then check the network and the image, and install "
            "again.", minutes=minutes) if running else Text(
            "Nothing restarts the computer by itself: the logs stay until you restart it. Then "
            "check the network and the image, and install again."))
    if outcome is Outcome.FAILED:
        return (Text("The installation failed"), Text(
            "Anaconda restarts the computer in about {minutes} minutes, and the logs are lost "
            "then: save them first (or stop the restart). Then check the network and the "
            "image, and install again.", minutes=minutes) if running else Text(
            "Then check the network and the image, and install again."))
    if outcome is Outcome.REJECTED:
        return (Text("Anaconda refused the kickstart"),
                Text("This is a bug in veilor-installer: the kickstart passed its own checks. "
                     "Please report it, with the log folder named below."))
    if outcome is Outcome.CRASHED:
        return (Text("Anaconda stopped unexpectedly (exit code {code})", code=code)
                if code is not None else Text("Anaconda stopped unexpectedly (no exit code)"),
                Text("Install again; if it happens again, please report it, with the log "
                     "folder named below."))
    if outcome is Outcome.STALLED:
        return (Text("Anaconda stopped responding (nothing happened for {minutes} min), so it "
                     "was stopped", minutes=f"{stall_timeout / 60:.0f}"),
                Text("Check the network, then install again."))
    if outcome is Outcome.CANCELLED:
        return (Text("You stopped the installation"),
                Text("Install again when you are ready.") if started else
                Text("Nothing was started."))
    return (Text("The installer could not be started"),
            Text("Check that this is the veilor-os installer ISO and try again."))
