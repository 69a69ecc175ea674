"""Apply: the steps run one after the other through the privileged helper, each with its own
status; the output of any step on demand; Retry runs only the steps that failed.

Each step is one helper request (core.firstboot.choices.tasks) sent by core.helper.client.call in a
worker; its progress lines come back through a queued signal, emitted on a bridge of the step's
own (``gui.bridges``), deleted on the GUI thread once the worker is done with it: the page may
be gone by then (the window closed), the bridge never is while the worker emits on it.

A step that fails does not stop the others (they do not depend on each other), and the
person sees every result: nothing fails silently (research/mesh.md §7: yafti ignored its
steps' exit codes). A step that passed is never run again — not by Retry, nor when the
person goes Back to change another choice and comes here again — unless its own request
changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6 import sip
from PyQt6.QtCore import QObject, Qt, pyqtSignal
from PyQt6.QtGui import QFontDatabase
from PyQt6.QtWidgets import QListWidget, QListWidgetItem, QWizard

from veilor_installer.core.errors import EXIT_FAILED
from veilor_installer.core.firstboot import choices as firstboot
from veilor_installer.core.firstboot.choices import Task
from veilor_installer.core.helper.client import authorisation_refused
from veilor_installer.core.helper.steps import ActionResult, Message, Status, message_of
from veilor_installer.core.i18n import N_
from veilor_installer.gui import bridges
from veilor_installer.gui.firstboot import texts
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState, Outcome, Run
from veilor_installer.gui.firstboot.texts import summary_line
from veilor_installer.gui.i18n import Text, live, on_language, tr
from veilor_installer.gui.widgets.restyle import set_role
from veilor_installer.gui.widgets.shell import DEFAULT_BUTTONS
from veilor_installer.gui.workers import run_task

B = QWizard.WizardButton
MARKS = {Run.PENDING: "○", Run.RUNNING: "▸", Run.DONE: "✔", Run.WARNING: "⚠", Run.FAILED: "✖"}
STEP_MARKS = {Status.DONE: "✔", Status.UNCHANGED: "✔", Status.WARNING: "⚠", Status.FAILED: "✖"}
STATUS_WORDS = {Run.PENDING: N_("waiting"), Run.RUNNING: N_("running"), Run.DONE: N_("done"),
                Run.WARNING: N_("done, with a warning"), Run.FAILED: N_("failed")}


class _Bridge(QObject):
    """Carries one step's progress lines from its worker to the GUI thread (queued)."""

    progress = pyqtSignal(str, object)  # task id, message (str or Text)


def status_word(status: Run) -> str:
    return tr(STATUS_WORDS[status])


def output_lines(result: ActionResult) -> list[Message]:
    """Everything the helper said about a step, for the output view (rendered when shown)."""
    lines: list[Message] = []
    for step in result.steps:
        lines.append(Text("{mark} {title}: {message}", mark=STEP_MARKS[step.status],
                          title=step.title, message=step.message))
        lines += [f"    {line}" for line in step.detail.splitlines()]
    if result.reason and not any(s.status is Status.FAILED for s in result.steps):
        lines.append(Text("✖ {reason}", reason=result.reason))
    lines.append(Text("(exit code {code})", code=result.exit_code))
    lines += result.log  # the helper's own log lines ("helper: …"), untranslated
    return lines


class ApplyPage(FirstbootPage):
    FORM = "firstboot_apply.ui"
    TITLE = N_("Apply")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Each step in turn, and how it went."))
        ui = self.ui
        ui.outputView.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        ui.showOutput.toggled.connect(self._show_output)
        ui.taskList.currentRowChanged.connect(lambda _row: self._draw_output())
        ui.retryButton.clicked.connect(self.retry)
        self.plan: list[Task] = []
        self.running: str | None = None
        self._queue: list[Task] = []
        on_language(self, "steps", self._redraw, now=False)

    # --- the wizard around it ---

    def initializePage(self) -> None:
        try:
            self.plan = firstboot.tasks(self.state.choices)
        except Exception as exc:  # the Summary page refuses these first
            self.plan = []
            self._say(Text("These choices cannot be applied: {why}", why=message_of(exc)),
                      "error")
            return
        outcomes = self.state.outcomes
        for task in self.plan:
            old = outcomes.get(task.id)
            if not (old is not None and old.status.passed and old.fingerprint == task.fingerprint):
                outcomes[task.id] = Outcome(task.id, task.fingerprint)
        self.ui.taskList.clear()
        for task in self.plan:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, task.id)
            self.ui.taskList.addItem(item)
        self._draw_all()
        self.run([t for t in self.plan if not outcomes[t.id].status.passed])

    def cleanupPage(self) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.setButtonLayout(DEFAULT_BUTTONS)

    def isComplete(self) -> bool:
        return self.running is None and bool(self.plan) and all(
            self.state.outcomes[t.id].status not in (Run.PENDING, Run.RUNNING)
            for t in self.plan)

    def request_quit(self) -> bool:
        """While a step runs, the wizard stays: the helper is changing the system."""
        if self.running is None:
            return True
        self._say(Text("A step is running: wait until it ends, then quit."), "warning")
        return False

    def _buttons(self, *, running: bool) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.setButtonLayout([B.Stretch, B.CancelButton] if running else DEFAULT_BUTTONS)

    # --- running ---

    def run(self, tasks: list[Task]) -> None:
        self._queue = list(tasks)
        if not self._queue:
            self._finished()
            return
        self._buttons(running=True)
        self.ui.retryButton.hide()
        self._say(Text("Setting up this computer. You may be asked for an administrator's "
                       "password."), "lead")
        self._next()

    def retry(self) -> None:
        """Only the failed steps, with the same choices; the passed ones stay as they are."""
        if self.running is not None:
            return
        failed = [t for t in self.plan if self.state.outcomes[t.id].status is Run.FAILED]
        for task in failed:
            self.state.outcomes[task.id] = Outcome(task.id, task.fingerprint)
        self._draw_all()
        self.run(failed)

    def _next(self) -> None:
        if not self._queue:
            self.running = None
            self._finished()
            return
        task = self._queue.pop(0)
        outcome = self.state.outcomes[task.id]
        outcome.status = Run.RUNNING
        self.running = task.id
        self._select(task.id)
        self._draw(task.id)
        self.completeChanged.emit()
        use_pkexec = self.state.use_pkexec
        bridge = bridges.keep(_Bridge())
        bridge.progress.connect(self._progress)
        progress = bridge.progress

        def work() -> ActionResult:
            from veilor_installer.core.helper import client as privileged

            return privileged.call(
                task.request, secrets=task.secrets, use_pkexec=use_pkexec,
                progress=lambda _step, message: progress.emit(task.id, message))

        def ended(result: ActionResult) -> None:
            # On the GUI thread, after work() returned: nothing emits on the bridge any more.
            bridges.release(bridge)
            if not sip.isdeleted(self):  # the window may have been closed meanwhile
                self._ended(task, result)

        run_task(work, ended, lambda exc: ended(ActionResult(
            str(task.request.get("action")), exit_code=EXIT_FAILED,
            reason=Text("The step could not be run: {why}", why=message_of(exc)))))

    def _progress(self, task_id: str, message: Message) -> None:
        outcome = self.state.outcomes.get(task_id)
        if outcome is None:
            return
        line = Text("… {message}", message=message)
        outcome.progress = message
        outcome.output.append(line)
        self._draw(task_id)
        if self._selected() == task_id and self.ui.showOutput.isChecked():
            self.ui.outputView.appendPlainText(str(line))

    def _ended(self, task: Task, result: ActionResult) -> None:
        outcome = self.state.outcomes[task.id]
        outcome.result = result
        outcome.output += output_lines(result)
        if not result.ok:
            outcome.status = Run.FAILED
        elif any(s.status is Status.WARNING for s in result.steps):
            outcome.status = Run.WARNING
        else:
            outcome.status = Run.DONE
        self._draw(task.id)
        if self._selected() == task.id:
            self._draw_output()
        if authorisation_refused(result):
            # The password was not given: asking again for every step left would be nagging.
            for left in self._queue:
                skipped = self.state.outcomes[left.id]
                skipped.status = Run.FAILED
                skipped.result = ActionResult(
                    str(left.request.get("action")), exit_code=EXIT_FAILED,
                    reason=Text("Not run: no administrator's password was given."))
                skipped.output.append(skipped.result.reason)
                self._draw(left.id)
            self._queue = []
        self._next()

    def _finished(self) -> None:
        self._buttons(running=False)
        outcomes = [self.state.outcomes[t.id] for t in self.plan]
        failed = [o for o in outcomes if o.status is Run.FAILED]
        if not self.plan:
            self._say(Text("There was nothing to apply."), "lead")
        elif failed:
            names = [o.task_id for o in failed]
            self._say(lambda: tr("Not done: {steps}. Retry runs only the failed steps; the "
                                 "others stay as they are. Or go Back and change a "
                                 "choice.").format(steps=texts.titles(names)), "error")
            self.ui.retryButton.show()
            self._select(failed[0].task_id)
            self.ui.retryButton.setFocus()
        else:
            self._say(Text("Everything is set up."), "ok")
            self.ui.taskList.setCurrentRow(-1)
        note = texts.restart_note(outcomes)
        self.ui.restartNote.setVisible(note is not None)
        if note is not None:
            live(self.ui.restartNote.setText, note)
        self.completeChanged.emit()

    # --- drawing ---

    def _say(self, text: Text | Callable[[], str], role: str) -> None:
        live(self.ui.status.setText, text)
        set_role(self.ui.status, role)

    def _item(self, task_id: str) -> QListWidgetItem | None:
        view: QListWidget = self.ui.taskList
        for row in range(view.count()):
            item = view.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == task_id:
                return item
        return None

    def _draw(self, task_id: str) -> None:
        item = self._item(task_id)
        outcome = self.state.outcomes.get(task_id)
        if item is None or outcome is None:
            return
        name, line = texts.title(task_id), summary_line(outcome)
        item.setText(f"{MARKS[outcome.status]}  " + tr("{title}: {line}").format(
            title=name, line=line))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, tr("{title}: {status}. {line}").format(
            title=name, status=status_word(outcome.status), line=line))

    def _draw_all(self) -> None:
        for task in self.plan:
            self._draw(task.id)

    def _redraw(self) -> None:
        """After a switch of language: the steps' lines and the output, in the new one."""
        self._draw_all()
        self._draw_output()

    def _select(self, task_id: str) -> None:
        item = self._item(task_id)
        if item is not None:
            self.ui.taskList.setCurrentItem(item)

    def _selected(self) -> str | None:
        item = self.ui.taskList.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _show_output(self, shown: bool) -> None:
        self.ui.outputView.setVisible(shown)
        self._draw_output()

    def _draw_output(self) -> None:
        if not self.ui.showOutput.isChecked():
            return
        task_id = self._selected()
        outcome = self.state.outcomes.get(task_id) if task_id else None
        self.ui.outputView.setPlainText("\n".join(str(line) for line in outcome.output)
                                        if outcome else "")
        bar = self.ui.outputView.verticalScrollBar()
        if bar is not None:
            bar.setValue(bar.maximum())
