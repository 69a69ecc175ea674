"""``make demo`` until the wizard exists: write the kickstart for the demo machine from the
shipped example answers, and say where the files went."""

from __future__ import annotations

import contextlib
import os

from veilor_installer.cli import DEFAULT_OUTPUT, main
from veilor_installer.core.datapaths import resource_path


def run() -> int:
    answers = resource_path("examples/answers-demo.toml")
    with contextlib.suppress(OSError):  # it holds (demo) secrets: keep it private
        os.chmod(answers, 0o600)
    print(f"Demo machine, answers from {answers}\n")
    return main(["kickstart", "--demo", "--answers", str(answers), "--output", DEFAULT_OUTPUT])


if __name__ == "__main__":
    raise SystemExit(run())
