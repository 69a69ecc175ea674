"""QR figures (issue 5, DESIGN §9), printed and saved to bench/results/qr.json:

- decoding 1280×720 webcam-like frames on one core (the thread pinned to one CPU, OpenCV on one
  thread): median/p90 ms, frames per second, share read — frames hold a real signed code
  (version 11, about 25 % of the frame) turned ±8°, corners moved ±6 %, blur σ 1, noise σ 8
  (the scene of research/deps.md §3); zxing-cpp and the zbar fallback;
- the cost of a frame without a code (a desk scene), and of a flat frame (lens covered);
- the time from the first frame with a code leaving the camera to the widget's ``decoded``
  signal on the GUI thread (an MJPG video as the camera, 30 fps; median and worst of N);
- the longest GUI-thread stall while the widget previews at 30 fps (a 2 ms QTimer: the longest
  gap between two ticks, less the period), once with nothing to read and once with the
  decoder busy on every frame (a code in view that the widget is told not to accept);
- RSS with the camera open and previewing (the widget alone in a fresh process: the wizard's
  first page is bench/results/gui.json's ``rss_first_page_mb``).
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
import numpy as np

from veilor_installer.core.firstboot import qr
from veilor_installer.demo.joincodes import make_signer
from veilor_installer.demo.scenes import background, place, write_avi

REPO = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def webcam_frames(image: np.ndarray, count: int) -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    return [place(image, seed=int(rng.integers(0, 10_000)), size=int(rng.integers(440, 520)),
                  angle=float(rng.uniform(-8, 8)), perspective=0.06, blur=1.0, noise=8.0,
                  centre=(int(rng.integers(500, 780)), int(rng.integers(300, 420))))
            for _ in range(count)]


def timed(decoder: qr.FrameDecoder, frames: list[np.ndarray], uri: str | None
          ) -> dict[str, float]:
    times, hits = [], 0
    for frame in frames:
        start = time.perf_counter()
        codes = decoder(frame)
        times.append((time.perf_counter() - start) * 1000)
        hits += any(c.text == uri for c in codes)
    times.sort()
    median = statistics.median(times)
    result = {"median_ms": round(median, 2), "p90_ms": round(times[int(len(times) * 0.9)], 2)}
    if uri is not None:
        result["fps"] = round(1000 / median, 1)
        result["read_share"] = round(hits / len(frames), 3)
    return result


def decoding(uri: str, image: np.ndarray) -> dict[str, Any]:
    cv2.setNumThreads(1)
    all_cpus = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(all_cpus)})  # this thread, on one core
    try:
        coded = webcam_frames(image, 120)
        empty = [background(500 + i) for i in range(60)]
        flat = [np.full((720, 1280, 3), 12, np.uint8)] * 30
        results: dict[str, Any] = {}
        for name in ("zxing-cpp", "zbar"):
            try:
                decoder = qr.FrameDecoder(name)
            except qr.NoDecoder as exc:
                results[name] = {"skipped": str(exc)}
                continue
            decoder(coded[0])  # warm up
            results[name] = {"with_code": timed(decoder, coded, uri),
                             "without_code": timed(decoder, empty, None),
                             "flat_frame": timed(decoder, flat, None)}
        return results
    finally:
        os.sched_setaffinity(0, all_cpus)
        cv2.setNumThreads(-1)


def gui(uri: str, media: Path) -> dict[str, Any]:
    """In a process of its own that has made no frames: RSS is the wizard's, not the bench's."""
    from PyQt6.QtTest import QTest
    from stall import StallMeter

    from veilor_installer.gui.app import application
    from veilor_installer.gui.widgets.qrscanner import QrScanner

    app = application(["bench"])

    def pump_until(done: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not done() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.0005)

    def shown(source: Path, **kwargs: Any) -> QrScanner:
        widget = QrScanner(source=str(source), **kwargs)
        widget.resize(960, 640)
        widget.show()
        QTest.qWaitForWindowExposed(widget, 5000)
        return widget

    results: dict[str, Any] = {}

    # Stall while previewing at 30 fps; RSS with the camera open.
    def longest_stall(source: Path, accept_nothing: bool, seconds: float = 6.0
                      ) -> dict[str, float]:
        widget = shown(source, loop=True, accept=(lambda text: False) if accept_nothing else None)
        before = rss_mb()
        frames = [0]
        show_frame = widget.view.show_frame

        def counting(*args: Any) -> None:
            frames[0] += 1
            show_frame(*args)

        widget.view.show_frame = counting  # type: ignore[method-assign]
        widget.start()
        pump_until(lambda: widget.state.value == "running", 5)
        pump_until(lambda: False, 0.5)  # settle
        meter = StallMeter()
        frames[0] = 0
        peak = 0.0
        meter.start()
        began = time.monotonic()
        while time.monotonic() - began < seconds:
            pump_until(lambda: False, 0.25)
            peak = max(peak, rss_mb())
        meter.stop()
        elapsed = time.monotonic() - began
        scanner = widget.scanner
        widget.close()
        out = {"longest_stall_ms": meter.longest_ms,
               "preview_fps_shown": round(frames[0] / elapsed, 1),
               "rss_before_camera_mb": round(before, 1), "rss_camera_open_mb": round(peak, 1)}
        if scanner is not None:
            scanner.stop(wait=True)
            if accept_nothing:
                out["decoded_share"] = round(
                    scanner.stats.frames_decoded / max(1, scanner.stats.frames_read), 2)
        return out

    results["preview_nothing_to_read"] = longest_stall(media / "nothing.avi", False)
    results["preview_decoding_every_frame"] = longest_stall(media / "codes.avi", True)

    # Latency: the first frame with a code leaves the camera → decoded(text) on the GUI thread.
    latencies = []
    for _ in range(10):
        seen: dict[str, float] = {}

        def opener(source: str, seen: dict[str, float] = seen) -> qr.Opened:
            opened = qr.open_source(source)
            real = opened.capture
            count = [0]

            class Timed:
                def __getattr__(self, name: str) -> Any:
                    return getattr(real, name)

                def read(self) -> tuple[bool, Any]:
                    result = real.read()
                    if count[0] == LEAD:
                        seen["captured"] = time.monotonic()
                    count[0] += 1
                    return result

            opened.capture = Timed()  # type: ignore[assignment]
            return opened

        widget = shown(media / "scan.avi", opener=opener)
        widget.decoded.connect(lambda text, seen=seen: seen.setdefault("signal", time.monotonic()))
        widget.start()
        pump_until(lambda seen=seen: "signal" in seen, 10)
        widget.close()
        if "signal" in seen and "captured" in seen:
            latencies.append((seen["signal"] - seen["captured"]) * 1000)
    results["code_to_signal_ms"] = {"median": round(statistics.median(latencies), 1),
                                    "max": round(max(latencies), 1), "runs": len(latencies)}
    return results


LEAD = 30  # frames without a code before the code comes into view


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--gui":
        print(json.dumps(gui(sys.argv[2], Path(sys.argv[3]))))
        return 0
    work = Path(tempfile.mkdtemp(prefix="veilor-qr-bench-"))
    uri = make_signer(work).sign_png(work / "code.png")
    image = cv2.imread(str(work / "code.png"))
    results: dict[str, Any] = {"payload_chars": len(uri),
                               "decoding_one_core": decoding(uri, image)}
    write_avi(work / "scan.avi",
              [background(900 + i) for i in range(LEAD)] + webcam_frames(image, 30))
    write_avi(work / "codes.avi", webcam_frames(image, 30))
    write_avi(work / "nothing.avi", [background(950 + i) for i in range(30)])
    measured = subprocess.run([sys.executable, __file__, "--gui", uri, str(work)], check=True,
                              capture_output=True, text=True, timeout=600)
    results.update(json.loads(measured.stdout.strip().splitlines()[-1]))
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "qr.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
