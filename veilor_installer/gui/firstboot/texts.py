"""Words shared by the Summary, Apply and Done pages: each step's title, and what it will do."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from veilor_installer.core.firstboot import choices as firstboot
from veilor_installer.core.firstboot.choices import Choices, UnlockMethod
from veilor_installer.core.helper.steps import Message, Status
from veilor_installer.core.i18n import Text, _
from veilor_installer.gui.firstboot.state import Outcome, Run

TITLES: dict[str, Text] = {
    firstboot.MESH: Text("Join the Veilor mesh"),
    firstboot.YGGDRASIL: Text("Yggdrasil fallback"),
    firstboot.MULLVAD: Text("Mullvad Browser"),
    firstboot.THORIUM: Text("Thorium"),
    firstboot.RETICULUM: Text("Reticulum"),
    firstboot.UNLOCK: Text("Disk unlock"),
}
UNLOCK_METHODS: dict[UnlockMethod, Text] = {
    UnlockMethod.KEEP: Text("the passphrase only"),
    UnlockMethod.TPM2: Text("the TPM2 chip"),
    UnlockMethod.TPM2_PIN: Text("the TPM2 chip and a PIN"),
    UnlockMethod.FIDO2: Text("a FIDO2 security key"),
}


def title(task_id: str) -> Message:
    """The step's title (rendered where shown); an unknown id is its own name."""
    return TITLES.get(task_id, task_id)


def titles(task_ids: list[str]) -> str:
    """Steps' titles, as a list, in the language in use."""
    return ", ".join(str(title(task_id)) for task_id in task_ids)


def restart_note(outcomes: Iterable[Outcome]) -> Callable[[], str] | None:
    """What to say of restarting after these steps, worded when shown (in the language then in
    use); None when no step needs a restart. The Apply and Done pages both say it."""
    restart = [o.task_id for o in outcomes if o.result is not None and o.result.restart_needed]
    if not restart:
        return None
    return lambda: _("Restart the computer to use: {what}.").format(what=titles(restart))


def planned(choices: Choices, task_id: str) -> Message:
    """What the step will do, in a few words (secrets masked)."""
    if task_id == firstboot.MESH:
        found = choices.enrolment
        if found is None:
            return Text("Join the mesh")
        if found.signed:
            return Text("Join the mesh at {server} as {label} ({tier}), with the key {key}",
                        server=found.server, label=found.label, tier=found.tier,
                        key=found.key_masked)
        return Text("Join the mesh at {server} with the key {key}", server=found.server,
                    key=found.key_masked)
    if task_id == firstboot.YGGDRASIL:
        return Text("Set up Yggdrasil and start it")
    if task_id == firstboot.MULLVAD:
        return Text("Install Mullvad Browser (ready after a restart)")
    if task_id == firstboot.THORIUM:
        return Text("Install Thorium, its warning read and accepted (ready after a restart)")
    if task_id == firstboot.RETICULUM:
        if choices.rnode:
            return Text("Install Reticulum, with an RNode on {port} ({region})",
                        port=choices.rnode_port, region=choices.rnode_region)
        return Text("Install Reticulum (rnsd not started)")
    if task_id == firstboot.UNLOCK:
        return Text("Unlock the disk with {method}; the passphrase keeps working",
                    method=UNLOCK_METHODS[choices.unlock])
    return task_id


def summary_line(outcome: Outcome) -> Message:
    """One line for a step: its last progress while it runs, then what came of it."""
    result = outcome.result
    if outcome.status is Run.RUNNING:
        return outcome.progress or Text("Starting…")
    if outcome.status is Run.PENDING or result is None:
        return Text("Waiting for its turn.")
    if outcome.status is Run.FAILED:
        failed = [s for s in result.steps if s.status is Status.FAILED]
        return failed[-1].message if failed else (result.reason or Text("It failed."))
    warned = [s for s in result.steps if s.status is Status.WARNING]
    if warned:
        return warned[-1].message
    return result.steps[-1].message if result.steps else Text("Done.")
