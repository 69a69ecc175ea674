"""``veilor-installer disks``: the disks veilor-os can be installed to, as a table or JSON."""

from __future__ import annotations

import argparse
import sys

from veilor_installer.cli.common import SubParsers
from veilor_installer.core.errors import EXIT_OK
from veilor_installer.core.i18n import _


def add_parser(sub: SubParsers) -> None:
    disks = sub.add_parser("disks", help=_("list the disks veilor-os can be installed to"))
    disks.add_argument("--json", action="store_true", help=_("print the machine profile as JSON"))
    disks.add_argument("--all", action="store_true",
                       help=_("list every block disk, loop devices and the boot medium included"))
    disks.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from veilor_installer.core.install.storage import discover
    from veilor_installer.core.install.storage.table import format_table

    machine = discover()
    if not args.all:
        machine = machine.targets()
    sys.stdout.write(machine.dumps() if args.json else format_table(machine))
    return EXIT_OK
