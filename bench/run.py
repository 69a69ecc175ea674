"""`make bench`: the figures of the foundation, printed and saved to bench/results/.

- plan + kickstart build + round-trip check, in process (median of N)
- `veilor-installer kickstart` as a cold process (median of N)
- `veilor-installer disks --json` against `lsblk -J -b -O` on the same machine (median of N)

The fuzz target (2,000 hypothesis examples per answers field) is `make fuzz`, which
`make bench` runs after this script.
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
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from helpers.answers import TEST_MACHINE, base_answers, write_answers  # noqa: E402

from veilor_installer.core.install import kickstart  # noqa: E402
from veilor_installer.core.install.answers import answers_from_mapping, build_plan  # noqa: E402
from veilor_installer.core.install.machine import machine_from_json  # noqa: E402


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def process(argv: list[str]) -> Callable[[], object]:
    env = dict(os.environ, VEILOR_RUNTIME_DIR="/run/veilor")

    def run() -> object:
        return subprocess.run(argv, capture_output=True, check=True, env=env, timeout=120)

    return run


def main() -> int:
    results: dict[str, object] = {}
    work = Path(tempfile.mkdtemp(prefix="veilor-bench-"))
    try:
        machine = machine_from_json(TEST_MACHINE)
        data = base_answers()
        data["account"].pop("password")
        data["account"]["password_hash"] = "$6$veilorsalt$" + "a" * 85 + "."

        def build() -> object:
            plan = build_plan(answers_from_mapping(data), machine)
            return kickstart.build(plan, secrets_path="/run/veilor/secrets.ks",
                                   runtime_dir="/run/veilor")

        build()  # warm the caches (locale data, templates)
        results["kickstart_build_check_ms"] = median_ms(build, 50)

        machine_file = work / "machine.json"
        machine_file.write_text(json.dumps(TEST_MACHINE))
        answers_file = write_answers(work / "answers.toml", base_answers())
        cli = [sys.executable, "-m", "veilor_installer", "kickstart", "--answers",
               str(answers_file), "--machine", str(machine_file), "--output", str(work / "out")]
        results["kickstart_cli_cold_process_ms"] = median_ms(process(cli), 10)

        lsblk = shutil.which("lsblk") or "/usr/bin/lsblk"
        results["lsblk_json_process_ms"] = median_ms(process([lsblk, "-J", "-b", "-O"]), 20)
        disks = [sys.executable, "-m", "veilor_installer", "disks", "--json", "--all"]
        results["disks_json_process_ms"] = median_ms(process(disks), 20)

        from veilor_installer.core.install.storage import discover

        results["discover_in_process_ms"] = median_ms(discover, 20)
    finally:
        shutil.rmtree(work)

    print(f"{'measure':40} {'median ms':>10} {'max ms':>10}")
    for name, (med, worst) in results.items():  # type: ignore[misc]
        print(f"{name:40} {med:10.1f} {worst:10.1f}")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "foundation.json").write_text(json.dumps(
        {k: {"median_ms": round(v[0], 2), "max_ms": round(v[1], 2)}  # type: ignore[index]
         for k, v in results.items()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
