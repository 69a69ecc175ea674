"""What the first-boot wizard has collected (``core.firstboot.Choices``), where it runs, and
what Apply did so far. Going Back never clears anything."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from veilor_installer.core.firstboot.choices import Choices

if TYPE_CHECKING:
    from veilor_installer.core.firstboot.qr import CameraInfo
    from veilor_installer.core.helper.steps import ActionResult, Message


class DemoSetup(Protocol):
    """What the pages show of ``firstboot --demo`` (``veilor_installer.demo.firstboot.Demo``,
    which the command line sets up and hands over: the GUI never imports the demo)."""

    @property
    def keys_dir(self) -> Path: ...
    @property
    def kid(self) -> str: ...
    @property
    def video(self) -> Path: ...
    @property
    def passphrase(self) -> str: ...


def list_cameras() -> list[CameraInfo]:
    from veilor_installer.core.firstboot.qr import list_cameras as found

    return found()


class Run(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    WARNING = "warning"
    FAILED = "failed"

    @property
    def passed(self) -> bool:
        return self in (Run.DONE, Run.WARNING)


@dataclass
class Outcome:
    """One Apply step: how it went, what it printed (on demand), its result."""

    task_id: str
    fingerprint: str
    status: Run = Run.PENDING
    result: ActionResult | None = None
    output: list[Message] = field(default_factory=list)
    """Rendered when shown: a switch of language shows it anew."""
    progress: Message = ""
    """The last progress line while it runs."""


@dataclass
class FirstbootState:
    demo: DemoSetup | None = None
    """``--demo``: the fakes' folders, the demo signer and video (None for real)."""
    camera_source: str | None = None
    """A camera device or video file; None: ``VEILOR_CAMERA``, else the cameras found."""
    camera_loop: bool = False
    """Replay a video file used as the camera (the demo)."""
    cameras: Callable[[], list[CameraInfo]] = list_cameras
    """How the cameras are found (worker thread); tests give none."""
    use_pkexec: bool | None = None
    """How the helper is started (core.helper.client.call): None decides by the user id; False
    runs it directly (root, the demo and tests, whose fakes pkexec would drop)."""
    choices: Choices = field(default_factory=Choices)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    """By task id (core.firstboot.choices.TASK_ORDER), filled by the Apply page."""
