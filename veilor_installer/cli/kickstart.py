"""``veilor-installer kickstart``: the Anaconda kickstart for an answers file, written to a
folder (ks.cfg and the 0600 secrets.ks it includes)."""

from __future__ import annotations

import argparse
import sys

from veilor_installer.cli.common import SubParsers, read_machine, warn_if_readable
from veilor_installer.core.errors import EXIT_OK
from veilor_installer.core.i18n import _


def add_parser(sub: SubParsers) -> None:
    ks = sub.add_parser("kickstart", help=_("write the Anaconda kickstart for an answers file"))
    ks.add_argument("--answers", required=True, metavar="FILE", help=_("answers file (TOML)"))
    source = ks.add_mutually_exclusive_group()
    source.add_argument("--machine", metavar="FILE", help=_("machine profile (JSON) to plan for"))
    source.add_argument("--demo", action="store_true", help=_("plan for the demo machine"))
    ks.add_argument("--output", required=True, metavar="DIR",
                    help=_("folder for ks.cfg and secrets.ks (created, mode 0700)"))
    ks.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from veilor_installer.core.install.answers import build_plan, load_answers
    from veilor_installer.core.install.job import write_kickstart, written_report

    machine = read_machine(machine_file=args.machine, demo=args.demo)
    answers = load_answers(args.answers)
    warn_if_readable(args.answers)
    plan = build_plan(answers, machine)
    written = write_kickstart(plan, args.output)
    for warning in plan.warnings:
        print(_("veilor-installer: warning: {warning}").format(warning=warning),
              file=sys.stderr)
    print(written_report(plan, written))
    return EXIT_OK
