"""The Anaconda runner under a flood: the fake anaconda streams 10,000 lines a second for 10 s
to its output and to program.log (20,000 lines/s in all), then succeeds.

Reports what the core costs while it follows such a run: lines delivered, event calls (lines
arrive batched), the runner's CPU time, the longest gap between two event calls while lines
were flowing (what a GUI page sees), and the time from the success prompt to ``Ended``.
The GUI-thread stall of the progress page is measured by the GUI's own benchmark on top of
this. Results: bench/results/anaconda_flood.json.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from helpers.answers import TEST_MACHINE, base_answers  # noqa: E402
from helpers.system import install_fakes  # noqa: E402

from veilor_installer.core.install.anaconda import (  # noqa: E402
    AnacondaRunner,
    Ended,
    Event,
    LogLines,
)
from veilor_installer.core.install.answers import answers_from_mapping, build_plan  # noqa: E402
from veilor_installer.core.install.machine import machine_from_json  # noqa: E402


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="veilor-flood-"))
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("VEILOR_RUNTIME_DIR", str(tmp / "run"))
    fakes = install_fakes(tmp, monkeypatch, mode="flood", speed=0.01)
    plan = build_plan(answers_from_mapping(base_answers()), machine_from_json(TEST_MACHINE))
    lines = calls = 0
    last = 0.0
    gaps: list[float] = []
    ended_at = 0.0
    lock = threading.Lock()

    def on_event(event: Event) -> None:
        nonlocal lines, calls, last, ended_at
        now = time.monotonic()
        with lock:
            calls += 1
            if isinstance(event, LogLines):
                lines += len(event.lines)
                if last:
                    gaps.append(now - last)
                last = now
            if isinstance(event, Ended):
                ended_at = time.time()

    runner = AnacondaRunner(plan, on_event=on_event, use_pkexec=False)
    cpu_before = time.thread_time()
    wall = time.monotonic()
    result = runner.run()
    cpu = time.thread_time() - cpu_before
    wall = time.monotonic() - wall
    runner.stop()
    start = fakes.event("flood-start")
    end = fakes.event("flood-end")
    complete = fakes.event("complete")
    assert result.succeeded and start and end and complete
    flood_s = end["t"] - start["t"]
    figures = {
        "lines_streamed": end["lines"] * 2,
        "lines_delivered": lines,
        "event_calls": calls,
        "flood_seconds": round(flood_s, 2),
        "run_wall_seconds": round(wall, 2),
        "runner_cpu_seconds": round(cpu, 2),
        "runner_cpu_share_of_flood": round(cpu / flood_s, 3),
        "longest_gap_between_log_events_ms": round(max(gaps) * 1000, 1),
        "prompt_to_ended_ms": round((ended_at - complete["t"]) * 1000, 1),
    }
    print(json.dumps(figures, indent=2))
    out = REPO / "bench" / "results" / "anaconda_flood.json"
    out.write_text(json.dumps(figures, indent=2) + "\n")
    monkeypatch.undo()
    os.environ.pop("VEILOR_FAKE_DIR", None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
