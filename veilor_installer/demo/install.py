"""``make demo``: the install wizard on the demo machine (a dry run). Without a display (a
server, CI), the headless demo instead: the kickstart for the demo machine, written from the
shipped example answers, and where the files went. (What ``veilor-installer install --demo``
and ``kickstart --demo`` do, called directly: the demo drives the product, never the reverse.)"""

from __future__ import annotations

import contextlib
import os
import sys

from veilor_installer.core import i18n
from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.errors import (
    EXIT_OK,
    InvalidInput,
    OperationFailed,
    exit_code_for,
)
from veilor_installer.core.i18n import _
from veilor_installer.core.install.answers import build_plan, load_answers
from veilor_installer.core.install.job import write_kickstart, written_report
from veilor_installer.core.install.storage.profile import demo_machine
from veilor_installer.core.private import no_core_dumps
from veilor_installer.core.settings import DEFAULT_OUTPUT


def has_display() -> bool:
    return bool(os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


def run() -> int:
    if has_display():
        from veilor_installer.gui.app import run_install

        code: int = run_install(demo_machine, dry_run=True, output_dir=DEFAULT_OUTPUT)
        return code
    no_core_dumps()  # the demo's passphrase and password, as a real run's
    i18n.use_environment()  # the headless demo speaks the environment's language, as the CLI
    answers = resource_path("examples/answers-demo.toml")
    with contextlib.suppress(OSError):  # it holds (demo) secrets: keep it private
        os.chmod(answers, 0o600)
    print(_("No display here, so no wizard window: the headless demo instead.\n"
            "Demo machine, answers from {answers}\n").format(answers=answers))
    try:
        plan = build_plan(load_answers(str(answers)), demo_machine())
        written = write_kickstart(plan, DEFAULT_OUTPUT)
    except (InvalidInput, OperationFailed, OSError) as exc:  # one line, the CLI's exit codes
        print(f"veilor-installer: {exc}", file=sys.stderr)
        return exit_code_for(exc)
    for warning in plan.warnings:
        print(_("veilor-installer: warning: {warning}").format(warning=warning),
              file=sys.stderr)
    print(written_report(plan, written))
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(run())
