"""Cold start-up of the installed installer against a bare PyQt6 window, on one interpreter.

Each run is a fresh process (no warm interpreter, nothing imported beforehand), started from a
temporary folder so that a checkout cannot be imported instead of the installed package:
- ``python -m veilor_installer install --demo --smoke``: the wizard built, shown and closed;
- ``python -m veilor_installer firstboot --demo --smoke``: the same for the first-boot wizard;
- a bare PyQt6 window: QApplication, one QWidget shown, the event loop entered and left.
The difference is what the installer itself costs on top of Qt. Offscreen platform.

Run inside the target lane (Python 3.14, the distribution's PyQt6, the built wheel):
``tools/target-lane --bench``; anywhere else: ``python bench/startup.py [--runs N]``.
The page cache is not dropped (that would slow everyone on the machine): "cold" means a new
process, and the first run, which may also read the files from disk, is printed apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
from PyQt6.QtCore import QTimer
from PyQt6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.resize(800, 600)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

WHERE = "import veilor_installer, sys; print(veilor_installer.__file__, sys.version.split()[0])"


def timed(argv: list[str], cwd: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"startup bench: {argv[2:]} failed ({done.returncode}): "
                         f"{done.stderr.strip()[-500:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each (default 10)")
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory(prefix="veilor-bench-") as cwd:
        env["HOME"] = cwd  # the demo writes its kickstart under the user's cache
        env["XDG_CACHE_HOME"] = os.path.join(cwd, "cache")
        where = subprocess.run([sys.executable, "-c", WHERE], cwd=cwd, env=env,
                               capture_output=True, text=True, check=True).stdout.strip()
        print(f"interpreter {sys.executable}; package and Python: {where}")
        cases = {
            "install --demo --smoke": [sys.executable, "-m", "veilor_installer", "install",
                                       "--demo", "--smoke"],
            "firstboot --demo --smoke": [sys.executable, "-m", "veilor_installer", "firstboot",
                                         "--demo", "--smoke"],
            "bare PyQt6 window": [sys.executable, "-c", BARE],
        }
        results: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):  # interleaved, so that both see the same machine load
            for name, argv in cases.items():
                results[name].append(timed(argv, cwd, env))
    print(f"{'':24} {'first':>8} {'median':>8} {'min':>8} {'max':>8}   (ms, {args.runs} runs)")
    for name, times in results.items():
        print(f"{name:24} {times[0]:8.0f} {statistics.median(times):8.0f} {min(times):8.0f} "
              f"{max(times):8.0f}")
    bare = statistics.median(results["bare PyQt6 window"])
    for name in ("install --demo --smoke", "firstboot --demo --smoke"):
        extra = statistics.median(results[name]) - bare
        print(f"{name}: its own cost over a bare window: {extra:.0f} ms (median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
