"""``make demo``: the install wizard on the demo machine (a dry run). Without a display (a
server, CI), the headless demo instead: the kickstart for the demo machine, written from the
shipped example answers, and where the files went."""

from __future__ import annotations

import contextlib
import os

from veilor_installer.cli import main
from veilor_installer.cli.install import DEFAULT_OUTPUT
from veilor_installer.core.datapaths import resource_path


def has_display() -> bool:
    return bool(os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


def run() -> int:
    if has_display():
        return main(["install", "--demo"])
    answers = resource_path("examples/answers-demo.toml")
    with contextlib.suppress(OSError):  # it holds (demo) secrets: keep it private
        os.chmod(answers, 0o600)
    print("No display here, so no wizard window: the headless demo instead.\n"
          f"Demo machine, answers from {answers}\n")
    return main(["kickstart", "--demo", "--answers", str(answers), "--output", DEFAULT_OUTPUT])


if __name__ == "__main__":
    raise SystemExit(run())
