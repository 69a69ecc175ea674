"""Unlocking the disk with a TPM2 chip (with or without a PIN) or a FIDO2 key.

Anaconda cannot do this (research/anaconda.md §4.3), and sealing to PCRs at install time would
seal to the installer's boot chain, so it happens at first boot with ``systemd-cryptenroll``:
TPM2 bound to PCRs 7+14 (Secure Boot state and shim's MOK list, as ublue's
luks-enable-tpm2-autounlock does), FIDO2 with the key's PIN by default.

Secrets never go in an argument: systemd-cryptenroll reads the existing passphrase from
``$PASSWORD``, a new TPM2 PIN from ``$NEWPIN`` and a FIDO2 key's PIN from ``$PIN``, and erases
them from its environment once read (src/cryptenroll: ``getenv_steal_erase``). The LUKS
volumes are the ones the kernel command line unlocks (``rd.luks.uuid=``), or /etc/crypttab's.
Only TPM2 and FIDO2 enrolments can be removed here: never a passphrase slot, so nobody locks
themselves out.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from veilor_installer.core import commands
from veilor_installer.core.errors import InvalidInput, OperationFailed
from veilor_installer.core.firstboot import hostfiles
from veilor_installer.core.helper.steps import ActionResult, Message, Progress, Steps, run_action
from veilor_installer.core.i18n import Text
from veilor_installer.core.secret import Secret

ENROL_TIMEOUT_S = 180.0  # a FIDO2 key waits for a touch
LIST_TIMEOUT_S = 30.0
TPM2_PCRS = "7+14"
METHODS = ("tpm2", "tpm2-pin", "fido2")
REMOVABLE = ("tpm2", "fido2")

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DEVICE = re.compile(r"/dev/(?:disk/by-uuid/[0-9a-fA-F-]{36}|[a-z]+[a-z0-9]*(?:p?[0-9]+)?|"
                     r"mapper/[A-Za-z0-9_-]+)")
_SLOT_LINE = re.compile(r"\s*([0-9]+)\s+([a-z0-9-]+)\s*")


@dataclass(frozen=True)
class Slot:
    slot: int
    kind: str  # password, recovery, tpm2, fido2, pkcs11


def luks_devices(root: Path) -> list[str]:
    """The LUKS volumes this system unlocks at boot, as /dev/disk/by-uuid paths."""
    found: list[str] = []
    cmdline = hostfiles.read_text(hostfiles.host_path(root, "/proc/cmdline")) or ""
    for word in cmdline.split():
        if word.startswith("rd.luks.uuid="):
            uuid = word.split("=", 1)[1].removeprefix("luks-")
            if _UUID.fullmatch(uuid):
                found.append(f"/dev/disk/by-uuid/{uuid.lower()}")
    if not found:
        crypttab = hostfiles.read_text(hostfiles.host_path(root, "/etc/crypttab")) or ""
        for line in crypttab.splitlines():
            fields = line.split()
            if len(fields) >= 2 and not fields[0].startswith("#"):
                source = fields[1]
                if source.startswith("UUID=") and _UUID.fullmatch(source[5:]):
                    found.append(f"/dev/disk/by-uuid/{source[5:].lower()}")
    return list(dict.fromkeys(found))


def choose_devices(root: Path, device: str | None) -> list[str]:
    devices = luks_devices(root)
    if device is not None:
        if not _DEVICE.fullmatch(device) or ".." in device:
            raise InvalidInput(Text("device: {value} is not a device path",
                                    value=repr(device[:60])))
        if device not in devices:
            raise InvalidInput(Text("device: {device} is not an encrypted volume this system "
                                    "unlocks at boot", device=device))
        return [device]
    if not devices:
        raise OperationFailed(Text("no encrypted volume found (no rd.luks.uuid= on the kernel "
                                   "command line, none in /etc/crypttab)"))
    return devices


def _tail(done: commands.Completed) -> Message:
    text = (done.stderr + "\n" + done.stdout).strip()
    return next((ln.strip() for ln in reversed(text.splitlines()) if ln.strip()),
                Text("exit code {code}", code=done.returncode))


def list_slots(device: str) -> list[Slot]:
    done = commands.run(["systemd-cryptenroll", device], timeout=LIST_TIMEOUT_S)
    if not done.ok:
        raise OperationFailed(Text("cannot read the key slots of {device}: {said}",
                                   device=device, said=_tail(done)))
    slots = []
    for line in done.stdout.splitlines():
        match = _SLOT_LINE.match(line)
        if match:
            slots.append(Slot(int(match.group(1)), match.group(2)))
    return slots


def _tpm_present(root: Path) -> bool:
    folder = hostfiles.host_path(root, "/sys/class/tpm")
    return folder.is_dir() and any(folder.iterdir())


def _enrol_failure(done: commands.Completed, method: str) -> Exception:
    text = done.stderr + done.stdout
    if "$PASSWORD" in text or "did not work" in text:
        return InvalidInput(Text("passphrase: the disk did not accept this passphrase"))
    if "No FIDO2 devices found" in text:
        return OperationFailed(Text("no FIDO2 security key was found: plug it in and try "
                                    "again"))
    if "TPM2" in text and ("not found" in text.lower() or "No TPM2" in text):
        return OperationFailed(Text("no TPM2 chip was found"))
    return OperationFailed(Text("enrolling {method} failed: {said}", method=method,
                                said=_tail(done)))


def enrol(*, method: str, passphrase: Secret, pin: Secret | None = None,
          device: str | None = None, replace: bool = False, root: Path | None = None,
          progress: Progress | None = None) -> ActionResult:
    root = hostfiles.sysroot() if root is None else root
    kind = "tpm2" if method.startswith("tpm2") else "fido2"

    def body(steps: Steps) -> None:
        if method not in METHODS:
            raise InvalidInput(Text("method: {value} is not one of {choices}",
                                    value=repr(method[:20]), choices=", ".join(METHODS)))
        if method == "tpm2-pin" and not pin:
            raise InvalidInput(Text("pin: a TPM2 PIN is needed for tpm2-pin"))
        if method == "tpm2" and pin:
            raise InvalidInput(Text("pin: tpm2 takes no PIN (choose tpm2-pin)"))
        if kind == "tpm2" and not _tpm_present(root):
            raise OperationFailed(Text("this computer has no TPM2 chip (or it is turned off in "
                                       "the firmware settings)"))
        devices = choose_devices(root, device)
        steps.result.data["devices"] = devices
        for dev in devices:
            with steps.step(f"enrol {dev}", Text("Enrol {method} on {device}", method=method,
                                                 device=dev)) as step:
                existing = [s.slot for s in list_slots(dev) if s.kind == kind]
                if existing and not replace:
                    step.unchanged(Text.plural(
                        "{kind} is already enrolled (slot {slots}); nothing was changed",
                        "{kind} is already enrolled (slots {slots}); nothing was changed",
                        len(existing), kind=kind, slots=", ".join(map(str, existing))))
                    continue
                argv = ["systemd-cryptenroll", dev]
                env = dict(os.environ)
                env["PASSWORD"] = passphrase.reveal()
                secrets = [passphrase.reveal()]
                if kind == "tpm2":
                    argv += ["--tpm2-device=auto", f"--tpm2-pcrs={TPM2_PCRS}",
                             f"--tpm2-with-pin={'yes' if pin else 'no'}"]
                    if pin:
                        env["NEWPIN"] = pin.reveal()
                else:
                    argv += ["--fido2-device=auto",
                             f"--fido2-with-client-pin={'yes' if pin else 'no'}"]
                    if pin:
                        env["PIN"] = pin.reveal()
                    step.progress(Text("Touch your security key when it blinks…"))
                if pin:
                    secrets.append(pin.reveal())
                if existing:
                    argv.append(f"--wipe-slot={kind}")  # the new slot is never wiped
                done = commands.run(argv, timeout=ENROL_TIMEOUT_S, env=env, secrets=secrets)
                if not done.ok:
                    raise _enrol_failure(done, method)
                step.done(Text("{method} enrolled (the earlier enrolment was replaced)",
                               method=method) if existing else
                          Text("{method} enrolled", method=method))

    return run_action("unlock-enrol", body, progress)


def list_enrolled(*, device: str | None = None, root: Path | None = None,
                  progress: Progress | None = None) -> ActionResult:
    root = hostfiles.sysroot() if root is None else root

    def body(steps: Steps) -> None:
        listing: dict[str, list[dict[str, object]]] = {}
        steps.result.data["volumes"] = listing
        for dev in choose_devices(root, device):
            with steps.step(f"list {dev}", Text("Read the key slots of {device}",
                                                device=dev)) as step:
                slots = list_slots(dev)
                listing[dev] = [{"slot": s.slot, "type": s.kind} for s in slots]
                # "0: password, 1: tpm2": slot numbers and systemd's names of their kinds
                step.unchanged(", ".join(f"{s.slot}: {s.kind}" for s in slots) or
                               Text("no slots"))

    return run_action("unlock-list", body, progress)


def remove(*, kind: str | None = None, slot: int | None = None, device: str | None = None,
           root: Path | None = None, progress: Progress | None = None) -> ActionResult:
    """Remove TPM2/FIDO2 enrolments: all of one ``kind``, or one ``slot`` of those kinds."""
    root = hostfiles.sysroot() if root is None else root

    def body(steps: Steps) -> None:
        if (kind is None) == (slot is None):
            raise InvalidInput(Text("kind: give either a kind (tpm2, fido2) or a slot number"))
        if kind is not None and kind not in REMOVABLE:
            raise InvalidInput(Text("kind: {value} cannot be removed here (only {choices}; a "
                                    "passphrase is never removed)", value=repr(kind[:20]),
                                    choices=", ".join(REMOVABLE)))
        for dev in choose_devices(root, device):
            with steps.step(f"remove {dev}", Text("Remove unlock enrolments from {device}",
                                                  device=dev)) as step:
                slots = list_slots(dev)
                if slot is not None:
                    match = [s for s in slots if s.slot == slot]
                    if match and match[0].kind not in REMOVABLE:
                        raise InvalidInput(Text("slot: slot {slot} holds a {kind}, which is "
                                                "never removed here", slot=slot,
                                                kind=match[0].kind))
                    targets = [s.slot for s in match]
                else:
                    targets = [s.slot for s in slots if s.kind == kind]
                if not targets:
                    step.unchanged(Text("nothing to remove: no such enrolment"))
                    continue
                done = commands.run(["systemd-cryptenroll", dev,
                                     f"--wipe-slot={','.join(map(str, targets))}"],
                                    timeout=LIST_TIMEOUT_S)
                if not done.ok:
                    raise OperationFailed(Text.plural(
                        "removing slot {slots} failed: {said}",
                        "removing slots {slots} failed: {said}", len(targets),
                        slots=", ".join(map(str, targets)), said=_tail(done)))
                step.done(Text.plural("removed slot {slots}", "removed slots {slots}",
                                      len(targets), slots=", ".join(map(str, targets))))

    return run_action("unlock-remove", body, progress)
