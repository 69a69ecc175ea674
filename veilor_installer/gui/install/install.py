"""Install (live runs): the pre-flight checks, then Anaconda's progress, and when the install
does not succeed, why, with the logs at hand and what happens next.

A failure is a state of this page rather than a page of its own: the person stays where the
install happened, the step list on the left keeps "Install" marked (a separate page would
list "Failed" as a step still to come), and a pre-flight failure offers Back (to choose other
disks) and Check again here. Success moves on to the Finish page.

Anaconda's events come from a worker thread (``InstallRun``) as queued signals; log lines are
kept in bounded buffers and drawn by a timer a few times a second, and only while the log is
shown, so a flood of output never holds the GUI thread.
"""

from __future__ import annotations

import html
import time
from collections import deque
from enum import Enum
from typing import TYPE_CHECKING

from PyQt6.QtCore import QObject, Qt, QTimer
from PyQt6.QtGui import QFont, QFontDatabase
from PyQt6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWizard,
)

from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.i18n import N_
from veilor_installer.core.install.requirements import Check
from veilor_installer.gui import bridges
from veilor_installer.gui.i18n import Text, live, on_language, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.run import InstallRun
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.widgets.restyle import set_role
from veilor_installer.gui.widgets.shell import DEFAULT_BUTTONS
from veilor_installer.gui.workers import load_in_worker

if TYPE_CHECKING:
    from veilor_installer.core.install.anaconda import AnacondaRunner, Event, InstallResult

RESTART_WAIT_S = 300.0
"""Live session: how long the Restart button waits for the helper's answer."""
LOG_LINES = 2000
"""Lines the live log keeps; older ones scroll away (the log bundle has them all)."""
DRAWN_PER_FLUSH = 200
"""At most this many new lines are drawn per flush: drawing costs ~30 µs a line, and a flood
(20,000 lines a second) would otherwise take the GUI thread. The lines skipped are counted in
the view; the log bundle has every one."""
STEPS_KEPT = 300
STEP_STATE = Qt.ItemDataRole.UserRole
"""A step's row: ("now" | "done" | "failed", Anaconda's title), to word it anew."""
FLUSH_MS = 100


class Phase(Enum):
    IDLE = "idle"
    CHECKING = "checking"
    CHECKS_FAILED = "checks-failed"
    RUNNING = "running"
    STOPPING = "stopping"
    ENDED = "ended"
    BROKEN = "broken"


def clock(seconds: float) -> str:
    seconds = max(int(seconds + 0.5), 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


class InstallPage(InstallWizardPage):
    FORM = "install.ui"
    TITLE = N_("Install")

    def __init__(self, state: InstallState) -> None:
        if state.dry_run:
            raise ValueError("the Install page runs Anaconda: live runs only")
        super().__init__(state)
        live(self.setSubTitle, Text("Checks first: nothing is erased until they all pass."))
        title = QFont(self.ui.resultTitle.font())
        title.setPointSizeF(title.pointSizeF() * 1.25)
        self.ui.resultTitle.setFont(title)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for view in (self.ui.logView, self.ui.tailView):
            view.setFont(fixed)
            view.setMaximumBlockCount(LOG_LINES)
        self.ui.progressBar.setRange(0, 100)
        self.ui.retryButton.clicked.connect(self.start)
        self.ui.showLog.toggled.connect(self._show_log)
        self.ui.stopRestartButton.clicked.connect(self.stop_restart)
        self.ui.saveLogsButton.clicked.connect(self.save_logs)
        # In a live session nothing restarts the computer after a failure: the person may.
        self.restartNowButton = QPushButton()
        live(self.restartNowButton.setText, Text("&Restart the computer"))
        self.restartNowButton.setObjectName("restartNowButton")
        live(self.restartNowButton.setAccessibleName, Text("Restart the computer now"))
        self.restartNowButton.hide()
        self.restartNowButton.clicked.connect(self.restart_now)
        self.ui.restartLayout.addWidget(self.restartNowButton)
        self.phase = Phase.IDLE
        self.job: InstallRun | None = None
        self.result: InstallResult | None = None
        self.checks: list[Check] = []
        self.ended_at: float | None = None
        """Wall-clock time the result was shown (tests compare it with the fake's signal)."""
        self.saved_to: str | None = None
        self.quit_box: QMessageBox | None = None
        self._rows: list[QLabel] = []
        self._recent: deque[str] = deque(maxlen=LOG_LINES)
        self._unshown: deque[str] = deque(maxlen=DRAWN_PER_FLUSH)
        self._skipped = 0
        self._current_step: QListWidgetItem | None = None
        self._current_title = ""
        self._restart_deadline = 0.0
        self._closing = False
        self._flush = QTimer(self)
        self._flush.setInterval(FLUSH_MS)
        self._flush.timeout.connect(self._flush_log)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        on_language(self.ui.stepList, "steps", self._retext_steps, now=False)

    @property
    def runner(self) -> AnacondaRunner | None:
        return self.job.runner if self.job is not None else None

    # -- the wizard around it --

    def _buttons(self, *, back: bool) -> None:
        """Only the buttons that mean something now: Back while nothing was started, Quit;
        Next appears on its own when the install succeeded (it moves on at once)."""
        wizard = self.wizard()
        if wizard is not None:
            button = QWizard.WizardButton
            wizard.setButtonLayout([button.Stretch, *([button.BackButton] if back else []),
                                    button.CancelButton])

    def initializePage(self) -> None:
        if self.phase in (Phase.RUNNING, Phase.STOPPING, Phase.ENDED):
            return
        self.start()

    def cleanupPage(self) -> None:
        """Back, allowed only before Anaconda starts: drop the checks under way. The job is
        let go (its late signals are ignored); Next starts a new one with the plan then."""
        if self.job is not None:
            self.job.cancel()  # if Anaconda was being started that instant, it is not, or killed
            self.job = None
        self.phase = Phase.IDLE
        wizard = self.wizard()
        if wizard is not None:
            wizard.setButtonLayout(DEFAULT_BUTTONS)

    def problems(self) -> dict[str, str]:
        if self.result is not None and self.result.succeeded:
            return {}
        return {"busy": tr("Installing…")}

    def request_quit(self) -> bool:
        """Quit (or the window closed): True to close now. Before Anaconda starts nothing
        needs asking; while it runs, the person is asked; after a failure, Anaconda's restart
        is stopped first (the computer restarts only when the person chose it)."""
        if self._closing or self.phase in (Phase.IDLE, Phase.CHECKING, Phase.CHECKS_FAILED,
                                           Phase.BROKEN):
            if self.job is not None:
                self.job.cancel()
                if self.job.runner is not None:  # its files are written: let them be deleted
                    self.job.join(10)
            return True
        if self.phase is Phase.RUNNING:
            self._ask_stop()
            return False
        if self.phase is Phase.STOPPING:
            return False
        runner = self.runner
        if runner is not None and runner.anaconda_running:
            self._stop_anaconda(then_close=True)
            return False
        return True

    # -- pre-flight --

    def start(self) -> None:
        """Run the checks, then (when they pass) Anaconda."""
        plan = self.state.plan
        if plan is None or self.phase in (Phase.CHECKING, Phase.RUNNING, Phase.STOPPING):
            return
        self.phase = Phase.CHECKING
        self.result = None
        self.checks = []
        self._clear_rows()
        self._buttons(back=True)
        self.ui.views.setCurrentWidget(self.ui.checksView)
        self.ui.retryButton.hide()
        self.ui.skipWarning.setVisible(self.state.skip_preflight)
        self.ui.status.show()
        live(self.setSubTitle, Text("Checks first: nothing is erased until they all pass."))
        if self.state.skip_preflight:
            live(self.ui.status.setText, Text("Starting Anaconda without the checks…"))
            live(self.ui.checksHint.setText, "")
        else:
            live(self.ui.status.setText, Text("Checking that the install can succeed, before "
                                              "anything is erased…"))
            live(self.ui.checksHint.setText, Text("The image is looked up on the registry; "
                                                  "this can take a minute."))
        self.revalidate()
        # Its thread emits on it: kept until that thread ended, then deleted on the GUI thread
        # (after the signals already queued are delivered); the page keeps only its Python side.
        job = bridges.keep(InstallRun(plan, read_machine=self.state.read_machine,
                                      sysfs_root=self.state.sysfs_root,
                                      anaconda=self.state.anaconda,
                                      skip_preflight=self.state.skip_preflight))
        job.check.connect(self._on_check)
        job.stopped_before.connect(self._on_stopped_before)
        job.started.connect(self._on_started)
        job.progress.connect(self._on_event)
        job.broke.connect(self._on_broke)
        self.job = job
        job.start()
        bridges.release(job, lambda: not job.alive)

    def _ours(self) -> bool:
        """Signals of a job left behind (Back, then Next again) are ignored."""
        sender: QObject | None = self.sender()
        return sender is not None and sender is self.job

    def _clear_rows(self) -> None:
        for row in self._rows:
            self.ui.checksLayout.removeWidget(row)
            row.deleteLater()
        self._rows = []

    def _on_check(self, check: Check) -> None:
        if not self._ours():
            return
        self.checks.append(check)
        mark = "✔" if check.passed else ("✖" if check.required else "⚠")
        row = QLabel()
        live(row.setText, lambda: check_row_text(mark, check))
        row.setWordWrap(True)
        row.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.setProperty("role", "ok" if check.passed else
                        ("error" if check.required else "warning"))
        live(row.setAccessibleName, lambda: check_row_name(check))
        self.ui.checksLayout.addWidget(row)
        self._rows.append(row)

    def _on_stopped_before(self, failures: list[Check]) -> None:
        if not self._ours():
            return
        self.phase = Phase.CHECKS_FAILED
        live(self.ui.status.setText, Text("Nothing was changed. Fix what is marked below, then "
                                          "check again."))
        live(self.ui.checksHint.setText, lambda: tr(
            "Not passed: {checks}. Anaconda was not started.").format(
            checks=", ".join(str(c.title) for c in failures)))
        self.ui.retryButton.show()
        self.ui.retryButton.setFocus()
        self._buttons(back=True)
        self.revalidate()

    # -- the run --

    def _on_started(self, runner: AnacondaRunner) -> None:
        if not self._ours():
            return
        self.phase = Phase.RUNNING
        self.state.runner = runner
        self._buttons(back=False)
        self.ui.views.setCurrentWidget(self.ui.runView)
        live(self.setSubTitle, Text("Anaconda, Fedora's installer, is installing veilor-os."))
        live(self.ui.status.setText, Text("Installing veilor-os. This takes a while; the disks "
                                          "are being changed now."))
        live(self.ui.taskLabel.setText,
             Text("Starting Anaconda… You may be asked for the administrator password.")
             if runner.use_pkexec else Text("Starting Anaconda…"))
        self.ui.stepList.clear()
        self._current_step = None
        self._current_title = ""
        self._recent.clear()
        self._unshown.clear()
        self._skipped = 0
        self.ui.logView.clear()
        self._flush.start()

    def _on_event(self, event: Event) -> None:
        if not self._ours():
            return
        from veilor_installer.core.install.anaconda import Ended, LogLines, Progress, Step

        if isinstance(event, LogLines):
            lines = event.lines if event.source == "output" else [
                f"{event.source}: {line}" for line in event.lines]
            self._recent.extend(lines)
            if self.ui.showLog.isChecked():
                self._skipped += max(len(self._unshown) + len(lines) - DRAWN_PER_FLUSH, 0)
                self._unshown.extend(lines)
        elif isinstance(event, Step):
            self._add_step(event.title)
        elif isinstance(event, Progress):
            self.ui.progressBar.setValue(int(event.percent))
            if event.total:
                text = Text("Step {n} of {total}: {task}", n=event.index, total=event.total,
                            task=event.task)
                live(self.ui.taskLabel.setText, text)
                live(self.ui.progressBar.setAccessibleDescription, text)
        elif isinstance(event, Ended):
            self._ended(event.result)

    def _add_step(self, title: str) -> None:
        if title == self._current_title:
            return
        self._mark_step(done=True)
        item = QListWidgetItem("▸  " + title)
        font = QFont(self.ui.stepList.font())
        font.setBold(True)
        item.setFont(font)
        item.setData(STEP_STATE, ("now", title))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, step_name("now", title))
        steps = self.ui.stepList
        steps.addItem(item)
        while steps.count() > STEPS_KEPT:
            steps.takeItem(0)
        self._current_step, self._current_title = item, title
        steps.scrollToBottom()

    def _mark_step(self, *, done: bool) -> None:
        item, title = self._current_step, self._current_title
        if item is None:
            return
        item.setText(("✔  " if done else "✖  ") + title)
        item.setFont(self.ui.stepList.font())
        state = "done" if done else "failed"
        item.setData(STEP_STATE, (state, title))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, step_name(state, title))

    def _retext_steps(self) -> None:
        """What a screen reader says of each step, in the new language after a switch."""
        steps = self.ui.stepList
        for row in range(steps.count()):
            item = steps.item(row)
            found = item.data(STEP_STATE) if item is not None else None
            if item is not None and isinstance(found, tuple):
                item.setData(Qt.ItemDataRole.AccessibleTextRole, step_name(*found))

    def _show_log(self, shown: bool) -> None:
        live(self.ui.showLog.setText, Text("Hide the &log") if shown else Text("Show the &log"))
        self.ui.logView.setVisible(shown)
        self._unshown.clear()
        self._skipped = 0
        if shown:
            self.ui.logView.setPlainText("\n".join(self._recent))
            bar = self.ui.logView.verticalScrollBar()
            bar.setValue(bar.maximum())
        # The step list changed height: keep the current step in view once laid out.
        QTimer.singleShot(0, self.ui.stepList.scrollToBottom)

    def _flush_log(self) -> None:
        if not self._unshown:
            return
        lines = list(self._unshown)
        self._unshown.clear()
        if self._skipped:
            lines.insert(0, tr("[… {n} lines not shown here: the log bundle has every "
                               "line …]").format(n=self._skipped))
            self._skipped = 0
        self.ui.logView.appendPlainText("\n".join(lines))

    def _ask_stop(self) -> None:
        if self.quit_box is not None and self.quit_box.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Stop the installation?"),
                          tr("Anaconda is installing. If you stop it now, the disks may already "
                             "be partitioned: what was on them would be gone, and nothing would "
                             "start from them until you install again."),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("quitQuestion")
        stop = QPushButton(tr("&Stop the installation"))
        stop.setObjectName("stopButton")
        box.addButton(stop, QMessageBox.ButtonRole.DestructiveRole)
        keep = QPushButton(tr("&Keep installing"))
        keep.setObjectName("keepButton")
        box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.buttonClicked.connect(lambda button: self._answered(button is stop))
        self.quit_box = box
        box.open()

    def _answered(self, stop: bool) -> None:
        if stop and self.phase is Phase.RUNNING and self.job is not None:
            self.phase = Phase.STOPPING
            live(self.ui.status.setText, Text("Stopping the installation…"))
            self.job.cancel()

    # -- the end --

    def _ended(self, result: InstallResult) -> None:
        self._flush.stop()
        self._flush_log()
        self.result = result
        self.state.result = result
        self.phase = Phase.ENDED
        self.ended_at = time.time()
        if self.quit_box is not None:
            self.quit_box.done(0)
            self.quit_box = None
        if result.succeeded:
            self._mark_step(done=True)
            self.ui.progressBar.setValue(100)
            self.revalidate()
            wizard = self.wizard()
            if wizard is not None and wizard.currentPage() is self:
                wizard.next()
            return
        self._mark_step(done=False)
        self._show_failure(result.title, result.reason, result.disks_message,
                           result.next_steps, result.log_tail, result.log_dir)
        from veilor_installer.core.install.anaconda import Environment

        if result.environment is Environment.LIVE and not result.anaconda_running:
            self.restartNowButton.setEnabled(True)
            self.restartNowButton.show()
        if result.restarts_in is not None and result.anaconda_running:
            self.ui.stopRestartButton.setEnabled(True)
            self._restart_deadline = time.monotonic() + result.restarts_in
            self._tick()
            self._countdown.start()
        self.revalidate()

    def _show_failure(self, title: str | Text, reason: str | Text, disks: str | Text,
                      next_steps: str | Text, tail: tuple[str, ...] | list[str],
                      log_dir: str | None) -> None:
        self.ui.views.setCurrentWidget(self.ui.failedView)
        live(self.setSubTitle, Text("The installation did not finish."))
        self._buttons(back=False)
        self.ui.status.hide()
        live(self.ui.resultTitle.setText, lambda: tr("{title}.").format(
            title=html.escape(str(title).rstrip("."))))
        live(self.ui.reasonText.setText, reason)
        self.ui.reasonText.setVisible(bool(str(reason)))
        live(self.ui.disksText.setText, disks)
        live(self.ui.nextText.setText, next_steps)
        self.ui.nextText.setVisible(bool(str(next_steps)))
        self.ui.countdown.hide()
        self.ui.stopRestartButton.hide()
        self.restartNowButton.hide()
        self.ui.tailView.setPlainText("\n".join(tail))
        bar = self.ui.tailView.verticalScrollBar()
        bar.setValue(bar.maximum())
        self.ui.tailLabel.setVisible(bool(tail))
        self.ui.tailView.setVisible(bool(tail))
        live(self.ui.savedText.setText, "")
        if log_dir:
            live(self.ui.logsText.setText, Text(
                "All the logs of this run, with passwords and passphrases masked, are in "
                "<b>{folder}</b>. Save them before the computer restarts.",
                folder=html.escape(log_dir)))
            self.ui.saveLogsButton.show()
            self.ui.saveLogsButton.setFocus()
        else:
            from veilor_installer.core.install.anaconda import logs

            runner = self.runner
            live(self.ui.logsText.setText, Text(
                "The logs could not be gathered; Anaconda's own are in {folder}.",
                folder=html.escape(runner.log_dir if runner else logs.default_log_dir())))
            self.ui.saveLogsButton.hide()

    def _tick(self) -> None:
        left = self._restart_deadline - time.monotonic()
        self.ui.countdown.show()
        if left <= 0:
            self._countdown.stop()
            live(self.ui.countdown.setText, Text("Anaconda is restarting the computer now."))
            self.ui.stopRestartButton.hide()
            return
        live(self.ui.countdown.setText, Text("The computer restarts in {time}.",
                                             time=clock(left)))
        # hidden for good once stopping was tried (it cannot be stopped from here then)
        self.ui.stopRestartButton.setVisible(self.ui.stopRestartButton.isEnabled())

    def restart_now(self) -> None:
        """Live session, after a failure: the helper restarts the computer (the logs first
        saved or not: the person chose)."""
        runner = self.runner
        if runner is None:
            return
        try:
            runner.reboot()
        except OperationFailed as exc:
            self.ui.countdown.show()
            live(self.ui.countdown.setText, Text("The computer cannot be restarted from here: "
                                                 "{why}. Restart it yourself.", why=exc))
            return
        self.restartNowButton.setEnabled(False)
        self.ui.countdown.show()
        live(self.ui.countdown.setText, Text("Restarting the computer…"))

        def ended(_code: object) -> None:
            if runner.restart_problem:
                self.restartNowButton.setEnabled(True)
                live(self.ui.countdown.setText, Text("The computer could not be restarted: "
                                                     "{why}. Restart it yourself.",
                                                     why=runner.restart_problem))

        load_in_worker(self, lambda: runner.wait(RESTART_WAIT_S), ended, ended)

    def stop_restart(self) -> None:
        self._stop_anaconda(then_close=False)

    def _stop_anaconda(self, *, then_close: bool) -> None:
        """Stop Anaconda (in a worker: it waits for the process and tidies up) so that it does
        not restart the computer; then, if asked, close."""
        runner = self.runner
        if runner is None:
            return
        self._countdown.stop()
        self.ui.stopRestartButton.setEnabled(False)
        self.ui.countdown.show()
        live(self.ui.countdown.setText, Text("Stopping Anaconda so that the computer does not "
                                             "restart…"))

        def done(message: Text) -> None:
            self.ui.stopRestartButton.hide()
            if runner.anaconda_running:  # not allowed to (it runs as root): it will restart
                live(self.ui.nextText.setText, message)
                self._tick()
                self._countdown.start()
            else:
                live(self.ui.countdown.setText, message)
                live(self.ui.nextText.setText, Text("Check the network and the image, then "
                                                    "start the installer again."))
            if then_close:
                self._close()

        def failed(exc: BaseException) -> None:
            live(self.ui.countdown.setText, Text("Anaconda could not be stopped: {why}", why=exc))
            self.ui.stopRestartButton.setEnabled(True)

        load_in_worker(self, runner.stop, done, failed)

    def _close(self) -> None:
        self._closing = True
        wizard = self.wizard()
        if wizard is not None:
            wizard.reject()

    def _on_broke(self, what: str) -> None:
        if not self._ours():
            return
        self._flush.stop()
        started = self.phase in (Phase.RUNNING, Phase.STOPPING)
        self.phase = Phase.BROKEN
        self.ended_at = time.time()
        runner = self.runner
        disks = (Text("Anaconda may have changed the disks before this happened: treat them as "
                      "erased.") if started else Text("Nothing was changed on the disks."))
        self._show_failure(Text("veilor-installer itself failed"), what, disks,
                           Text("Please report this, with Anaconda's logs, and start the "
                                "installer again."), list(self._recent)[-50:], None)
        if runner is not None:
            live(self.ui.logsText.setText, Text("Anaconda's own logs are in {folder}.",
                                                folder=html.escape(runner.log_dir)))
        self.revalidate()

    # -- the logs --

    def save_logs(self) -> None:
        """Ask for a folder (a USB stick), then copy the bundle there in a worker."""
        from veilor_installer.core.install.anaconda import logs

        bundle = self.result.log_dir if self.result is not None else None
        if not bundle:
            return
        folder = QFileDialog.getExistingDirectory(
            self, tr("Choose the USB stick (or a folder) for the logs"),
            logs.removable_media_folder(), QFileDialog.Option.ShowDirsOnly)
        if not folder:
            return
        self.ui.saveLogsButton.setEnabled(False)
        set_role(self.ui.savedText, "")
        live(self.ui.savedText.setText, Text("Saving…"))

        def done(target: str) -> None:
            self.saved_to = target
            self.ui.saveLogsButton.setEnabled(True)
            set_role(self.ui.savedText, "ok")
            live(self.ui.savedText.setText, Text("Saved in <b>{folder}</b>. Eject the stick "
                                                 "before you unplug it.",
                                                 folder=html.escape(target)))

        def failed(exc: BaseException) -> None:
            self.ui.saveLogsButton.setEnabled(True)
            set_role(self.ui.savedText, "error")
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            live(self.ui.savedText.setText, Text("The logs could not be saved there: {why}",
                                                 why=html.escape(why)))

        load_in_worker(self, lambda: logs.save_logs(bundle, folder), done, failed)


def check_row_text(mark: str, check: Check) -> str:
    """A pre-flight check's row: its mark, its name, what was found and what to do."""
    title, detail = html.escape(str(check.title)), html.escape(str(check.detail))
    if not check.passed and check.fix:
        return tr("{mark}  <b>{title}</b>: {detail}<br/>→ {fix}").format(
            mark=mark, title=title, detail=detail, fix=html.escape(str(check.fix)))
    return tr("{mark}  <b>{title}</b>: {detail}").format(mark=mark, title=title, detail=detail)


def check_row_name(check: Check) -> str:
    """What a screen reader says of a check's row."""
    if check.passed:
        return tr("{title}: passed. {detail}. {fix}").format(
            title=check.title, detail=check.detail, fix=check.fix)
    return tr("{title}: failed. {detail}. {fix}").format(
        title=check.title, detail=check.detail, fix=check.fix)


def step_name(state: str, title: str) -> str:
    """What a screen reader says of a step of Anaconda's (its title is Anaconda's words)."""
    if state == "now":
        return tr("Now: {step}").format(step=title)
    if state == "done":
        return tr("Done: {step}").format(step=title)
    return tr("Failed: {step}").format(step=title)
