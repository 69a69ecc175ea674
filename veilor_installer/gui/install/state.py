"""What the install wizard has collected so far: exactly the keys of an answers file
(DESIGN §4), plus where it runs. Pages write here as the person types; going Back never
clears anything."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from veilor_installer.core.install import localedata
from veilor_installer.core.install.machine import Machine
from veilor_installer.core.install.plan import DEFAULT_IMAGE, InstallPlan, Layout
from veilor_installer.core.secret import Secret
from veilor_installer.core.settings import DEFAULT_OUTPUT

if TYPE_CHECKING:  # pykickstart costs ~90 ms to import: not at start-up
    from veilor_installer.core.install.anaconda import AnacondaRunner, InstallResult
    from veilor_installer.core.install.answers import Answers
    from veilor_installer.core.install.kickstart import Kickstart


@dataclass
class InstallState:
    read_machine: Callable[[], Machine]
    """How to (re)read the machine: the demo profile, a profile file, or this machine.
    Called in a worker thread, never on the GUI thread."""
    dry_run: bool = True
    output_dir: str = DEFAULT_OUTPUT
    machine: Machine | None = None
    anaconda: str | None = None
    """Live runs: the Anaconda program (``--anaconda``); None: ``anaconda`` on the PATH."""
    skip_preflight: bool = False
    sysfs_root: str | None = None
    """``/sys`` when installing on this machine (the disks' holders are read there); None for
    a machine profile, which has none."""

    language: str = field(default_factory=localedata.environment_locale)
    """The session's (the ISO booted with ``LANG``): the Language page starts there."""
    keyboard: str = field(default_factory=lambda: localedata.default_keymap(
        localedata.environment_locale()))
    timezone: str = "UTC"
    timezone_chosen: bool = False
    """True once the person picked a time zone, so a language change no longer moves it."""
    disks: list[str] = field(default_factory=list)
    layout: str = Layout.SINGLE.value
    passphrase: Secret = field(default_factory=lambda: Secret(""))
    accept_weak_passphrase: bool = False
    username: str = ""
    full_name: str = ""
    password: Secret = field(default_factory=lambda: Secret(""))
    accept_weak_password: bool = False
    hostname: str = "veilor"
    image_ref: str = DEFAULT_IMAGE
    transport: str = "registry"
    update_ref: str | None = None
    image_digest: str | None = None
    """An offline install: the digest the ISO recorded (pre-flight refuses another)."""

    plan: InstallPlan | None = None
    kickstart: Kickstart | None = None
    """Built by the Summary page, written by the Progress page."""
    ks_path: str | None = None
    runner: AnacondaRunner | None = None
    """Live runs: the Anaconda run, once started (the Finish page restarts through it)."""
    result: InstallResult | None = None

    def to_answers(self) -> Answers:
        """The answers an admin would write to get the same install."""
        from veilor_installer.core.install.answers import Answers

        return Answers(
            disks=tuple(self.disks),
            passphrase=self.passphrase,
            username=self.username,
            password=self.password,
            layout=self.layout,
            full_name=self.full_name,
            hostname=self.hostname,
            language=self.language,
            keyboard=self.keyboard,
            timezone=self.timezone,
            image_ref=self.image_ref,
            transport=self.transport,
            update_ref=self.update_ref,
            image_digest=self.image_digest,
            accept_weak_passphrase=self.accept_weak_passphrase,
            accept_weak_password=self.accept_weak_password,
        )
