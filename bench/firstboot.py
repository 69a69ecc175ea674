"""First-boot figures (issue 7, DESIGN §9), printed and saved to bench/results/firstboot.json.

The whole first-boot wizard in a process of its own, on its Join page, an MJPG video at 30 fps
as the camera (1280×720, as a webcam sends it):

- the longest GUI-thread stall (a 2 ms QTimer: the longest gap between two ticks, less the
  period) while the page previews, once with the decoder busy on every frame (a QR code that
  is not a Veilor code is in view: decoded, and ignored, every frame) and once with nothing to
  read; target < 50 ms;
- RSS with the camera open and previewing (peak), and before (the Welcome page); target
  < 200 MB;
- the time from the first frame with a valid code leaving the camera to the Confirm page on
  screen (median and worst of N); target < 0.5 s.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cv2

from veilor_installer.core.firstboot import qr
from veilor_installer.demo.joincodes import make_signer
from veilor_installer.demo.scenes import background, place, write_avi

REPO = Path(__file__).resolve().parent.parent

LEAD = 30  # frames without a code before the code comes into view
SECONDS = 6.0
NOT_VEILOR = "https://example.org/this-is-not-a-veilor-code?" + "x" * 180  # as dense as a join code


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def coded(png: Path, count: int, seed: int) -> list[Any]:
    image = cv2.imread(str(png))
    return [place(image, seed=seed + i, size=460, angle=(i % 7) - 3, perspective=0.05,
                  blur=0.8, noise=6) for i in range(count)]


def gui(media: Path) -> dict[str, Any]:
    from PyQt6.QtTest import QTest
    from stall import StallMeter

    from veilor_installer.demo.firstboot_walkthrough import page_named
    from veilor_installer.gui.app import application
    from veilor_installer.gui.firstboot.state import FirstbootState
    from veilor_installer.gui.firstboot.wizard import FirstbootWizard
    from veilor_installer.gui.widgets import qrscanner

    app = application(["bench"])

    def pump(done: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not done() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.0005)

    def wizard_on_join(video: Path) -> tuple[Any, Any, float]:
        wizard = FirstbootWizard(FirstbootState(camera_source=str(video), camera_loop=True,
                                                use_pkexec=False))
        wizard.resize(900, 680)
        wizard.show()
        QTest.qWaitForWindowExposed(wizard, 5000)
        pump(lambda: False, 0.3)
        before = rss_mb()
        wizard.next()
        join = page_named(wizard, "JoinPage")
        pump(lambda: join.scanner is not None and join.scanner.state.value == "running", 10)
        return wizard, join, before

    def previewing(video: Path) -> dict[str, Any]:
        wizard, join, before = wizard_on_join(video)
        pump(lambda: False, 0.5)  # settle
        shown = [0]
        draw = join.scanner.view.show_frame

        def counting(*args: Any) -> None:
            shown[0] += 1
            draw(*args)

        join.scanner.view.show_frame = counting
        meter = StallMeter()
        peak = 0.0
        meter.start()
        began = time.monotonic()
        while time.monotonic() - began < SECONDS:
            pump(lambda: False, 0.25)
            peak = max(peak, rss_mb())
        meter.stop()
        elapsed = time.monotonic() - began
        scanner = join.scanner.scanner
        result = {"longest_stall_ms": meter.longest_ms,
                  "preview_fps_shown": round(shown[0] / elapsed, 1),
                  "rss_before_camera_mb": round(before, 1),
                  "rss_camera_open_mb": round(peak, 1),
                  "still_on_join_page": wizard.currentPage() is join}
        wizard.close()
        if scanner is not None:
            scanner.stop(wait=True)
            result["decoded_share"] = round(
                scanner.stats.frames_decoded / max(1, scanner.stats.frames_read), 2)
        wizard.deleteLater()
        pump(lambda: False, 0.2)
        return result

    results: dict[str, Any] = {
        "join_page_decoding_every_frame": previewing(media / "busy.avi"),
        "join_page_nothing_to_read": previewing(media / "desk.avi"),
    }

    # The first frame with the code leaves the camera → the Confirm page is current.
    seen: dict[str, float] = {}

    class Timed(qrscanner.Scanner):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            def frame(index: int, captured_at: float) -> None:
                if index == LEAD:
                    seen.setdefault("captured", captured_at)

            super().__init__(*args, on_frame=frame, **kwargs)

    qrscanner.Scanner = Timed  # type: ignore[misc]
    latencies = []
    for _ in range(10):
        seen.clear()
        wizard = FirstbootWizard(FirstbootState(camera_source=str(media / "scan.avi"),
                                                use_pkexec=False))
        confirm = page_named(wizard, "ConfirmPage")
        wizard.currentIdChanged.connect(
            lambda _id, w=wizard, c=confirm: w.currentPage() is c
            and seen.setdefault("confirm", time.monotonic()))
        wizard.resize(900, 680)
        wizard.show()
        QTest.qWaitForWindowExposed(wizard, 5000)
        wizard.next()
        pump(lambda: "confirm" in seen, 10)
        if "confirm" in seen and "captured" in seen:
            latencies.append((seen["confirm"] - seen["captured"]) * 1000)
        wizard.close()
        wizard.deleteLater()
        pump(lambda: False, 0.2)
    results["code_in_view_to_confirm_ms"] = {
        "median": round(statistics.median(latencies), 1), "max": round(max(latencies), 1),
        "runs": len(latencies)}
    return results


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--gui":
        print(json.dumps(gui(Path(sys.argv[2]))))
        return 0
    work = Path(tempfile.mkdtemp(prefix="veilor-firstboot-bench-"))
    signer = make_signer(work)
    signer.sign_png(work / "code.png")
    qr.qr_png(NOT_VEILOR, work / "other.png")
    write_avi(work / "busy.avi", coded(work / "other.png", 30, 10))
    write_avi(work / "desk.avi", [background(700 + i) for i in range(30)])
    write_avi(work / "scan.avi", [background(800 + i) for i in range(LEAD)]
              + coded(work / "code.png", 30, 40))
    env = {**os.environ, "VEILOR_ENROL_KEYS_DIR": str(signer.keys_dir)}
    measured = subprocess.run([sys.executable, __file__, "--gui", str(work)], check=True,
                              capture_output=True, text=True, timeout=600, env=env)
    results: dict[str, Any] = json.loads(measured.stdout.strip().splitlines()[-1])
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "firstboot.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
