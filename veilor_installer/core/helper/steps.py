"""Steps and their results: what every privileged action reports (STYLE: a step is a small
contract).

An action (join the mesh, layer a browser, enrol a TPM2 chip) is a few steps run in order;
each ends with a ``StepResult`` a person can read: done (something changed), unchanged (it was
already so: re-running a finished action says so instead of doing it again), warning (it
worked, but look at this), or failed. The helper sends these as JSON (core.helper.protocol);
the GUI and the command line render them and never interpret a program's exit code themselves.
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from veilor_installer.core.errors import EXIT_OK, InvalidInput, OperationFailed, exit_code_for
from veilor_installer.core.i18n import N_, Text, _
from veilor_installer.core.log import get_logger, redact

log = get_logger("steps")

#: What a step result or a reason says: a ``Text`` rendered where it is shown (in the GUI's or
#: the terminal's language, not the helper's: pkexec clears the environment), or a plain ``str``
#: that is a name or a program's own output.
Message = str | Text


def redact_message(message: Message) -> Message:
    """``message`` with every secret masked: a Text's arguments, a str as a whole."""
    if isinstance(message, str):
        return redact(message)
    masked = copy.copy(message)
    masked.args = {k: v if isinstance(v, int | float) else
                   redact_message(v if isinstance(v, Text) else str(v))
                   for k, v in message.args.items()}
    return masked


def english(message: Message) -> str:
    """For the log, which stays English."""
    return message.english() if isinstance(message, Text) else message


def message_of(exc: BaseException) -> Message:
    """What a failure says, redacted: the Text it was raised with, or its str."""
    if exc.args and isinstance(exc.args[0], Text):
        return redact_message(exc.args[0])
    return redact(str(exc)) or type(exc).__name__


#: ``(step id, message)``: what is happening now, for a progress line or a status label.
Progress = Callable[[str, Message], None]


class Status(enum.Enum):
    DONE = "done"
    UNCHANGED = "unchanged"
    WARNING = "warning"
    FAILED = "failed"


#: The mark before each step's line in a terminal (``ActionResult.describe``).
MARKS = {Status.DONE: N_("done"), Status.UNCHANGED: N_("ok"), Status.WARNING: N_("warn"),
         Status.FAILED: N_("FAIL")}


@dataclass(frozen=True)
class StepResult:
    step: str
    title: Message
    status: Status
    message: Message
    detail: str = ""  # a program's own output: not translated


@dataclass
class ActionResult:
    """The answer to one request: the steps, the exit code (DESIGN §3), one line of reason
    when it failed, and what the action found out (``data``: addresses, slots …)."""

    action: str
    steps: list[StepResult] = field(default_factory=list)
    exit_code: int = EXIT_OK
    reason: Message = ""
    data: dict[str, Any] = field(default_factory=dict)
    restart_needed: bool = False
    log: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.exit_code == EXIT_OK

    @property
    def changed(self) -> bool:
        """Whether any step changed the system; a warning alone changes nothing."""
        return any(s.status is Status.DONE for s in self.steps)

    @property
    def warnings(self) -> list[Message]:
        return [s.message for s in self.steps if s.status is Status.WARNING]

    def describe(self) -> str:
        """Plain lines for a terminal: one per step, then the reason."""
        marks = {status: _(mark) for status, mark in MARKS.items()}
        width = max(len(mark) for mark in marks.values())
        lines = ["  " + _("{mark}  {title}: {message}").format(
            mark=marks[s.status].ljust(width), title=s.title, message=s.message)
            for s in self.steps]
        if self.restart_needed:
            lines.append("  " + _("Restart the computer to use what was installed."))
        if self.reason and not any(s.status is Status.FAILED for s in self.steps):
            lines.append(f"  {self.reason}")
        return "\n".join(lines)


class Step:
    """One running step; ends with ``done``/``unchanged``/``warn`` (or an exception)."""

    def __init__(self, runner: Steps, step: str, title: Message) -> None:
        self._runner = runner
        self.step = step
        self.title = title
        self.result: StepResult | None = None

    def progress(self, message: Message) -> None:
        self._runner.emit(self.step, message)

    def _end(self, status: Status, message: Message, detail: str) -> None:
        self.result = StepResult(self.step, self.title, status, redact_message(message),
                                 redact(detail))

    def done(self, message: Message, detail: str = "") -> None:
        self._end(Status.DONE, message, detail)

    def unchanged(self, message: Message, detail: str = "") -> None:
        self._end(Status.UNCHANGED, message, detail)

    def warn(self, message: Message, detail: str = "") -> None:
        self._end(Status.WARNING, message, detail)


class Steps:
    """Runs an action's steps in order and collects their results.

    ``with steps.step("id", "Title") as step:`` — the block ends the step; an exception
    (``InvalidInput``, ``OperationFailed`` and its mesh kinds) marks it failed with the
    exception's message and ends the action: no later step runs. ``finish()`` gives the
    ``ActionResult`` with the exit code of the failure, if any.
    """

    def __init__(self, action: str, progress: Progress | None = None) -> None:
        self.result = ActionResult(action)
        self._progress = progress

    def emit(self, step: str, message: Message) -> None:
        if self._progress is not None:
            self._progress(step, redact_message(message))

    @contextmanager
    def step(self, step: str, title: Message) -> Iterator[Step]:
        current = Step(self, step, title)
        self.emit(step, Text("{title}…", title=title))
        try:
            yield current
        except Exception as exc:
            message = message_of(exc)
            self.result.steps.append(StepResult(step, title, Status.FAILED, message))
            self.result.exit_code = exit_code_for(exc)
            self.result.reason = message
            log.warning("%s: step %s failed: %s", self.result.action, step, english(message))
            raise
        ended = current.result or StepResult(step, title, Status.DONE, Text("done"))
        self.result.steps.append(ended)
        log.info("%s: %s: %s", self.result.action, step, ended.status.value)

    def finish(self) -> ActionResult:
        return self.result


def run_action(action: str, body: Callable[[Steps], None],
               progress: Progress | None = None) -> ActionResult:
    """Run ``body`` and turn the expected failures into a result (never an exception), so
    a caller always gets every step that ran and the exit code of the one that failed."""

    steps = Steps(action, progress)
    try:
        body(steps)
    except (InvalidInput, OperationFailed, OSError) as exc:
        # OSError: a file that could not be written (a full disk, a read-only /etc).
        if steps.result.exit_code == EXIT_OK:  # failed outside a step
            steps.result.exit_code = exit_code_for(exc)
            steps.result.reason = message_of(exc)
    return steps.finish()
