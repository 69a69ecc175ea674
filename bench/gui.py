"""GUI figures (issue 3, DESIGN §9), printed and saved to bench/results/gui.json:

- cold `install --demo --smoke` against a bare PyQt6 window process (median of N; ratio);
- the longest GUI-thread stall while the disks are scanned (this machine, real lsblk/blkid)
  and while the Summary page builds the plan and the kickstart (zxcvbn, yescrypt, pykickstart);
- RSS once the first page is shown.

Stalls are measured with a 2 ms QTimer on the GUI thread: the longest gap between two ticks,
less the timer period.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BARE = """
from PyQt6.QtWidgets import QApplication, QLabel
from PyQt6.QtTest import QTest
app = QApplication([])
w = QLabel("bare")
w.show()
QTest.qWaitForWindowExposed(w.windowHandle(), 5000)
app.processEvents()
"""


def cold(argv: list[str], runs: int) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VEILOR_REGISTRY_URL="http://127.0.0.1:9")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, env=env, capture_output=True, timeout=60)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def in_process() -> dict[str, float]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["VEILOR_REGISTRY_URL"] = "http://127.0.0.1:9"
    from PyQt6.QtTest import QTest
    from stall import StallMeter

    from veilor_installer.core.install.storage import discover
    from veilor_installer.core.install.storage.profile import demo_machine
    from veilor_installer.gui.app import application
    from veilor_installer.gui.install.state import InstallState
    from veilor_installer.gui.install.summary import SummaryPage, build
    from veilor_installer.gui.install.wizard import InstallWizard
    from veilor_installer.gui.workers import run_task, wait_for_all

    app = application(["bench"])
    state = InstallState(read_machine=demo_machine, dry_run=True, output_dir="/tmp/veilor-bench")
    wizard = InstallWizard(state)
    wizard.show()
    QTest.qWaitForWindowExposed(wizard.windowHandle(), 5000)
    app.processEvents()
    results = {"rss_first_page_mb": rss_mb()}

    def longest_stall(start_work) -> float:  # type: ignore[no-untyped-def]
        finished = [False]
        meter = StallMeter()
        meter.start()
        start_work(lambda *_: finished.__setitem__(0, True))
        deadline = time.monotonic() + 30
        while not finished[0] and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.0005)
        meter.stop()
        return float(meter.longest_ms)

    worst_scan = 0.0
    for _ in range(5):
        worst_scan = max(worst_scan, longest_stall(lambda done: run_task(discover, done, done)))
    results["stall_disk_scan_ms"] = worst_scan

    state.machine = demo_machine()
    state.disks = ["sda"]
    state.layout = "single"
    from veilor_installer.core.secret import Secret

    state.passphrase = Secret("correct horse battery staple veilor")
    state.password = Secret("Tr0ub4dor&3-alice-laptop")
    state.username = "alice"
    worst_build = 0.0
    for _ in range(5):
        worst_build = max(worst_build,
                          longest_stall(lambda done: run_task(lambda: build(state), done, done)))
    results["stall_plan_and_kickstart_ms"] = worst_build
    assert any(isinstance(p, SummaryPage) for p in wizard.pages)
    wait_for_all()
    wizard.close()
    return results


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--in-process":
        print(json.dumps(in_process()))
        return 0
    smoke = cold([sys.executable, "-m", "veilor_installer", "install", "--demo", "--smoke"], 10)
    bare = cold([sys.executable, "-c", BARE], 10)
    measured = json.loads(subprocess.run(
        [sys.executable, __file__, "--in-process"], check=True, capture_output=True, text=True,
        timeout=300).stdout.strip().splitlines()[-1])
    results = {"smoke_cold_ms": round(smoke, 1), "bare_pyqt6_window_ms": round(bare, 1),
               "smoke_over_bare": round(smoke / bare, 2),
               **{k: round(v, 1) for k, v in measured.items()}}
    for name, value in results.items():
        print(f"{name:32} {value}")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "gui.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
