"""The GUI-thread stall meter the benchmarks share: a 2 ms QTimer on the GUI thread; the
longest gap between two of its ticks, less the period, is the longest the thread was busy."""

from __future__ import annotations

from PyQt6.QtCore import QElapsedTimer, QTimer

PERIOD_MS = 2


class StallMeter:
    def __init__(self) -> None:
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(PERIOD_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0
        self._worst = 0

    def _tick(self) -> None:
        now = self._clock.elapsed()
        self._worst = max(self._worst, now - self._last)
        self._last = now

    def start(self) -> None:
        self._clock.start()
        self._last, self._worst = self._clock.elapsed(), 0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def longest_ms(self) -> int:
        return max(0, self._worst - PERIOD_MS)
