"""Workers report to the GUI thread through bridges (gui.bridges) that outlive them: a bridge
is deleted on the GUI thread once its threads are done, never while one may still emit on it,
and the GUI thread never waits for them. The Apply page's steps report that way: a step that
goes on reporting after the window was closed is harmless."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest
from PyQt6 import sip
from PyQt6.QtCore import QObject, Qt, pyqtSignal

from veilor_installer.core.firstboot.choices import Task
from veilor_installer.core.helper import client as privileged
from veilor_installer.core.helper.steps import ActionResult
from veilor_installer.gui import bridges
from veilor_installer.gui.firstboot.apply import ApplyPage
from veilor_installer.gui.firstboot.state import FirstbootState, Outcome, Run
from veilor_installer.gui.workers import run_task, wait_for_all


class Bridge(QObject):
    said = pyqtSignal(int)


def test_a_bridge_is_deleted_only_once_its_thread_ended(qtbot: Any) -> None:
    heard: list[int] = []
    bridge = bridges.keep(Bridge())
    bridge.said.connect(heard.append)
    go, stop = threading.Event(), threading.Event()

    def work() -> None:
        go.wait(10)
        while not stop.is_set():
            bridge.said.emit(len(heard))

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    go.set()
    bridges.release(bridge, lambda: not thread.is_alive())  # returns at once
    qtbot.wait(3 * bridges.CHECK_MS)
    assert bridges.is_kept(bridge) and not sip.isdeleted(bridge)  # its thread still emits
    stop.set()
    qtbot.waitUntil(lambda: sip.isdeleted(bridge), timeout=5000)
    assert not thread.is_alive() and not bridges.is_kept(bridge) and heard


def test_a_bridge_belongs_to_no_widget(qtbot: Any) -> None:
    parent = QObject()
    with pytest.raises(ValueError, match="no widget"):
        bridges.keep(Bridge(parent))


def test_a_step_that_reports_after_the_window_closed_is_harmless(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    closed, finished = threading.Event(), threading.Event()

    def call(request: Any, *, progress: Any = None, secrets: Any = (), use_pkexec: Any = None,
             timeout: float = 0) -> ActionResult:
        progress("yggdrasil", "starting")
        assert closed.wait(10)
        for number in range(300):  # lines reported while (and after) the page is deleted
            progress("yggdrasil", f"line {number}")
        finished.set()
        return ActionResult(str(request["action"]), exit_code=0)

    monkeypatch.setattr(privileged, "call", call)
    state = FirstbootState(cameras=list)
    task = Task("yggdrasil", {"action": "enable-yggdrasil"})
    state.outcomes[task.id] = Outcome(task.id, task.fingerprint)
    page = ApplyPage(state)
    page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    page.show()
    qtbot.waitExposed(page)
    kept = bridges.kept()
    page.run([task])
    outcome = state.outcomes[task.id]
    qtbot.waitUntil(lambda: list(map(str, outcome.output)) == ["… starting"],
                    timeout=5000)
    gone: list[bool] = []
    page.destroyed.connect(lambda: gone.append(True))
    page.close()
    qtbot.waitUntil(lambda: bool(gone), timeout=2000)
    closed.set()
    assert finished.wait(10)
    qtbot.waitUntil(lambda: bridges.kept() == kept, timeout=5000)  # deleted once it was done
    assert wait_for_all(5000)
    # nobody heard
    assert outcome.status is Run.RUNNING and list(map(str, outcome.output)) == ["… starting"]


def test_a_worker_task_is_freed_on_the_gui_thread_whoever_collects_it(qtbot: Any) -> None:
    """A finished task's Python side may be collected by a garbage collection that any thread
    runs; its Qt object is freed on the GUI thread all the same (deleted on another thread,
    it could be freed while the GUI thread delivers its signals)."""
    freed_on: list[str] = []
    results: list[int] = []
    task = run_task(lambda: 7, results.append, lambda exc: None)
    task.destroyed.connect(lambda: freed_on.append(threading.current_thread().name),
                           Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: results == [7], timeout=5000)
    del task
    collector = threading.Thread(target=gc.collect, name="collector")
    collector.start()
    collector.join(10)
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
    assert freed_on == [threading.main_thread().name]
