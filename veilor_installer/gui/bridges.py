"""Signals from worker threads to the GUI thread through objects that outlive the threads.

A thread that emits on a QObject the GUI thread may delete can crash the whole program: the
object can be freed between any check and the emit (``sip.isdeleted`` only narrows that
window). So the object a thread emits on — its bridge — belongs to no widget and to no
Python reference: ``keep(bridge)`` takes it when it is made (owned by C++ from then on, so
that no garbage collection on another thread can free it), and ``release(bridge, ended)``
says the GUI is done with it. It is deleted on the GUI thread (``deleteLater``) once
``ended()`` says no thread can emit on it any more (its threads joined). ``ended`` is asked
at once, then every ``CHECK_MS`` by a timer, never waited for: the GUI thread never blocks,
even while a camera read takes seconds to return. A bridge whose threads never end is kept
(a few bytes), never freed under them.

The bridge's signals are connected to the widget's slots as usual: Qt disconnects those
itself when the widget goes, and what was already queued for the widget is dropped with it.

What must happen when a widget goes (stop its scanner, release its bridge) is asked for with
``when_gone(widget, then)``, never through the widget's ``destroyed`` signal: Python run from a
widget's destructor during a garbage collection crashed the wizard on Python 3.14 with
Debian's PyQt6 6.11 (the target lane). A timer on the GUI thread notices the widget is gone.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from PyQt6 import sip
from PyQt6.QtCore import QObject, QThread, QTimer

CHECK_MS = 50

B = TypeVar("B", bound=QObject)

_kept: dict[QObject, Callable[[], bool] | None] = {}
"""Every bridge kept, with its ``ended`` once released (None while still in use)."""


def _on_gui_thread() -> bool:
    from PyQt6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    return app is None or QThread.currentThread() is app.thread()


def keep(bridge: B) -> B:
    """Keep ``bridge`` (a QObject made on the GUI thread, without a parent) until released."""
    if bridge.parent() is not None:
        raise ValueError("a bridge belongs to no widget: a widget's deletion would free it")
    # Only deleteLater(), on the GUI thread, frees it. None (ownership to C++, no owner) is
    # what sip documents; its stub takes only a wrapper.
    sip.transferto(bridge, None)  # type: ignore[arg-type]
    _kept[bridge] = None
    return bridge


def release(bridge: QObject, ended: Callable[[], bool] = lambda: True) -> None:
    """The GUI is done with ``bridge``: delete it once ``ended()`` (asked on the GUI thread,
    it must not block) is true. Call on the GUI thread; releasing twice keeps the first
    ``ended``."""
    if not _on_gui_thread():
        raise RuntimeError("bridges are released on the GUI thread")
    if bridge not in _kept or _kept[bridge] is not None:
        return
    _kept[bridge] = ended
    _check(bridge)


def _check(bridge: QObject) -> None:
    ended = _kept.get(bridge)
    if ended is None:
        return
    if ended():
        del _kept[bridge]
        bridge.deleteLater()
    else:
        QTimer.singleShot(CHECK_MS, lambda: _check(bridge))


def kept() -> int:
    """How many bridges are alive (in use, or waiting for their threads): for tests."""
    return len(_kept)


def is_kept(bridge: QObject) -> bool:
    return bridge in _kept


_watched: list[tuple[Callable[[], QObject | None], Callable[[], None]]] = []
"""Objects to watch (a weak or a strong reference), each with what to do once it is gone."""
_watch_timer: QTimer | None = None


def when_gone(obj: QObject, then: Callable[[], None], *, hold: bool = False) -> None:
    """Call ``then`` on the GUI thread once ``obj`` is gone, deleted by Qt or collected by
    Python: a timer looks every ``CHECK_MS`` while anything is watched. ``then`` must not refer
    to ``obj`` (that would keep it). ``hold``: keep ``obj``'s Python wrapper until then, for a
    plain Qt object that a parent owns (its wrapper may be collected while the object lives;
    held, it still tells when Qt deleted the object). Call on the GUI thread."""
    global _watch_timer
    if not _on_gui_thread():
        raise RuntimeError("objects are watched from the GUI thread")
    ref: Callable[[], QObject | None] = (lambda: obj) if hold else weakref.ref(obj)
    _watched.append((ref, then))
    if _watch_timer is None:
        _watch_timer = QTimer()
        _watch_timer.setInterval(CHECK_MS)
        _watch_timer.timeout.connect(_look)
    if not _watch_timer.isActive():
        _watch_timer.start()


def _look() -> None:
    for entry in list(_watched):
        ref, then = entry
        obj = ref()
        if obj is None or sip.isdeleted(obj):
            _watched.remove(entry)
            then()
        del obj
    if not _watched and _watch_timer is not None:
        _watch_timer.stop()


def watched() -> int:
    """How many objects are watched (for tests)."""
    return len(_watched)
