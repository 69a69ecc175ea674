"""The live session's preparations for Anaconda, and their undoing (research/iso.md §3,
research/anaconda.md §3): what Fedora's ``liveinst`` does before it starts Anaconda, done by the
privileged helper (actions ``prepare-live`` and ``undo-live``), never by running the GUI as root.

``prepare-live``: load the kernel modules the installer's storage needs (liveinst's list; a
module that is missing is a warning, as in liveinst), put SELinux in permissive mode when it is
enforcing (remembering that it was, in a root-only folder), and run ``anaconda-cleanup`` so
nothing a previous attempt left mounted is in the way; and keep the desktop from mounting
the disks being installed to, as udisks2's own ``udisks2-inhibit`` does for installers: a udev
rule in /run that marks every block device ``UDISKS_IGNORE``, then udev reloaded and the block
devices re-triggered. ``undo-live`` removes that rule (and re-triggers) and puts SELinux back in
enforcing mode when ``prepare-live`` changed it, and only then. Every program through
core.commands (fixed argument lists).
"""

from __future__ import annotations

import json

from veilor_installer.core import commands, private, settings
from veilor_installer.core.commands import CommandError, CommandNotFound
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.helper.steps import ActionResult, Progress, Steps, message_of, run_action
from veilor_installer.core.i18n import Text

# liveinst's list (anaconda data/liveinst/liveinst: the modules the initramfs would have loaded)
MODULES = ("raid0", "raid1", "raid5", "raid6", "raid456", "raid10", "dm-mod", "dm-zero",
           "dm-mirror", "dm-snapshot", "dm-multipath", "dm-round-robin", "vfat", "dm-crypt",
           "cbc", "sha256", "lrw", "xts")
STATE_NAME = "selinux.json"
CLEANUP = "anaconda-cleanup"
INHIBIT_RULE = "90-veilor-udisks-inhibit.rules"
INHIBIT_TEXT = 'SUBSYSTEM=="block", ENV{UDISKS_IGNORE}="1"\n'  # udisks2-inhibit's rule


def state_dir() -> str:
    """Where ``prepare-live`` remembers what it changed (root's, 0700); ``VEILOR_LIVE_STATE_DIR``
    for tests (ignored when elevated)."""
    return settings.live_state_dir()


def udev_rules_dir() -> str:
    """Where the automount rule goes (udev reads /run/udev/rules.d); ``VEILOR_UDEV_RULES_DIR``
    for tests (ignored when elevated)."""
    return settings.udev_rules_dir()


def _retrigger() -> str:
    """Udev reads its rules again and re-announces the block devices, so udisks sees the
    change; "" when done, else what went wrong (a warning: the install goes on)."""
    for argv in (["udevadm", "control", "--reload"],
                 ["udevadm", "trigger", "--subsystem-match=block", "--action=change"]):
        done = commands.run(argv, timeout=60)
        if not done.ok:
            return f"{' '.join(argv[:2])} exited with code {done.returncode}"
    return ""


def _selinux_mode() -> str | None:
    """``Enforcing``, ``Permissive`` or ``Disabled``; None when SELinux is not installed."""
    try:
        done = commands.run(["getenforce"], timeout=30)
    except CommandNotFound:
        return None
    if not done.ok:
        raise OperationFailed(Text("getenforce exited with code {code}", code=done.returncode))
    return done.stdout.strip()


def _setenforce(value: str) -> None:
    done = commands.run(["setenforce", value], timeout=30)
    if not done.ok:
        tail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        raise OperationFailed(Text("setenforce {value} exited with code {code}: {said}",
                                   value=value, code=done.returncode, said=tail or "-"))


def prepare(progress: Progress | None = None) -> ActionResult:
    def body(steps: Steps) -> None:
        with steps.step("automount", Text("Keep the desktop from mounting disks")) as step:
            try:
                commands.find_program("udevadm")
            except CommandNotFound:
                step.unchanged(Text("udev is not installed: nothing mounts disks by itself"))
            else:
                with private.open_folder(udev_rules_dir(), mode=0o755, parents=True) as rules:
                    rules.replace(INHIBIT_RULE, INHIBIT_TEXT, 0o644)
                problem = _retrigger()
                if problem:
                    step.warn(problem)
                else:
                    step.done(Text("until the installation ends"))
        with steps.step("modules", Text("Load the storage modules")) as step:
            missing = []
            for module in MODULES:
                try:
                    if not commands.run(["modprobe", module], timeout=60).ok:
                        missing.append(module)
                except CommandNotFound:
                    step.warn(Text("modprobe is not installed"))
                    break
            else:
                if missing:
                    step.warn(Text("not available: {modules}", modules=", ".join(missing)))
                else:
                    step.done(Text.plural("{n} module loaded", "{n} modules loaded", len(MODULES)))
        with steps.step("selinux", Text("Put SELinux in permissive mode")) as step:
            mode = _selinux_mode()
            if mode != "Enforcing":
                step.unchanged(Text("SELinux is not installed") if mode is None else
                               Text("SELinux is in {mode} mode", mode=mode.lower()))
            else:
                with private.open_folder(state_dir(), parents=True) as folder:
                    if folder.read(STATE_NAME) is None:  # a second prepare keeps the first
                        folder.replace(STATE_NAME, json.dumps({"selinux": "Enforcing"}),
                                       private.PRIVATE_FILE)
                _setenforce("0")
                step.done(Text("permissive until the installation ends"))
        with steps.step("cleanup", Text("Unmount what an earlier attempt left")) as step:
            try:
                done = commands.run([CLEANUP], timeout=120)
            except CommandNotFound:
                step.warn(Text("{program} is not installed", program=CLEANUP))
                return
            if done.ok:
                step.done(Text("done"))
            else:
                step.warn(Text("{program} exited with code {code}", program=CLEANUP,
                               code=done.returncode))

    return run_action("prepare-live", body, progress)


def undo(progress: Progress | None = None) -> ActionResult:
    def body(steps: Steps) -> None:
        with steps.step("automount", Text("Let the desktop mount disks again")) as step:
            with private.open_folder(udev_rules_dir(), mode=0o755, parents=True) as rules:
                removed = rules.shred(INHIBIT_RULE)
            if not removed:
                step.unchanged(Text("the preparations did not change it"))
            else:
                problem = _retrigger()
                if problem:
                    step.warn(problem)
                else:
                    step.done(Text("disks are mounted as before"))
        with (steps.step("selinux", Text("Put SELinux back in enforcing mode")) as step,
              private.open_folder(state_dir(), parents=True) as folder):
            raw = folder.read(STATE_NAME)
            try:
                was = json.loads(raw).get("selinux") if raw else None
            except (ValueError, AttributeError):
                was = "Enforcing"  # unreadable: the safe side
            if was != "Enforcing":
                step.unchanged(Text("the preparations did not change it"))
                return
            try:
                _setenforce("1")
            except CommandError as exc:
                raise OperationFailed(message_of(exc)) from None
            folder.shred(STATE_NAME)
            step.done(Text("enforcing again"))

    return run_action("undo-live", body, progress)
