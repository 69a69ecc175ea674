"""Words shared by the Summary, Apply and Done pages: each step's title, and what it will do."""

from __future__ import annotations

from PyQt6.QtCore import QT_TR_NOOP

from veilor_installer.core.firstboot import choices as firstboot
from veilor_installer.core.firstboot.choices import Choices, UnlockMethod
from veilor_installer.gui.widgets.page import tr

TITLES = {
    firstboot.MESH: QT_TR_NOOP("Join the Veilor mesh"),
    firstboot.YGGDRASIL: QT_TR_NOOP("Yggdrasil fallback"),
    firstboot.MULLVAD: QT_TR_NOOP("Mullvad Browser"),
    firstboot.THORIUM: QT_TR_NOOP("Thorium"),
    firstboot.RETICULUM: QT_TR_NOOP("Reticulum"),
    firstboot.UNLOCK: QT_TR_NOOP("Disk unlock"),
}
UNLOCK_METHODS = {
    UnlockMethod.KEEP: QT_TR_NOOP("the passphrase only"),
    UnlockMethod.TPM2: QT_TR_NOOP("the TPM2 chip"),
    UnlockMethod.TPM2_PIN: QT_TR_NOOP("the TPM2 chip and a PIN"),
    UnlockMethod.FIDO2: QT_TR_NOOP("a FIDO2 security key"),
}


def title(task_id: str) -> str:
    text = TITLES.get(task_id, task_id)
    return tr(text)


def planned(choices: Choices, task_id: str) -> str:
    """What the step will do, in a few words (secrets masked)."""
    if task_id == firstboot.MESH:
        found = choices.enrolment
        if found is None:
            return tr("Join the mesh")
        if found.signed:
            return tr("Join the mesh at {server} as {label} ({tier}), with the key {key}").format(
                server=found.server, label=found.label, tier=found.tier, key=found.key_masked)
        return tr("Join the mesh at {server} with the key {key}").format(
            server=found.server, key=found.key_masked)
    if task_id == firstboot.YGGDRASIL:
        return tr("Set up Yggdrasil and start it")
    if task_id == firstboot.MULLVAD:
        return tr("Install Mullvad Browser (ready after a restart)")
    if task_id == firstboot.THORIUM:
        return tr("Install Thorium, its warning read and accepted (ready after a restart)")
    if task_id == firstboot.RETICULUM:
        if choices.rnode:
            return tr("Install Reticulum, with an RNode on {port} ({region})").format(
                port=choices.rnode_port, region=choices.rnode_region)
        return tr("Install Reticulum (rnsd not started)")
    if task_id == firstboot.UNLOCK:
        method = UNLOCK_METHODS[choices.unlock]
        return tr("Unlock the disk with {method}; the passphrase keeps working").format(
            method=tr(method))
    return task_id
