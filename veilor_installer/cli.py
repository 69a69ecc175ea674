"""The ``veilor-installer`` command line (DESIGN §3).

Exit codes: 0 success, 1 the operation failed, 2 invalid input (one line on stderr naming
the field).
"""

from __future__ import annotations

import argparse
import logging
import os
import stat
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from veilor_installer import __version__
from veilor_installer.core.errors import InvalidInput, OperationFailed

if TYPE_CHECKING:
    from veilor_installer.core.machine import Machine

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
DEFAULT_RUNTIME_DIR = "/run/veilor"
DEFAULT_OUTPUT = "veilor-install"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="veilor-installer",
                     description="Install veilor-os, or set it up on first boot.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="log every command run (redacted) to stderr")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    install = sub.add_parser("install", help="start the install wizard (a dry run by default)")
    source = install.add_mutually_exclusive_group()
    source.add_argument("--demo", action="store_true", help="use the demo machine")
    source.add_argument("--machine", metavar="FILE", help="use a machine profile (JSON)")
    mode = install.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", default=True,
                      help="write the kickstart and show what Anaconda would do (default)")
    mode.add_argument("--live", action="store_true", help="really install (bootstrap ISO only)")
    install.add_argument("--output", metavar="DIR", default=DEFAULT_OUTPUT,
                         help="folder for the kickstart of a dry run "
                         f"(default ./{DEFAULT_OUTPUT}/)")
    install.add_argument("--smoke", action="store_true",
                         help="build the wizard, show the first page, exit 0")

    disks = sub.add_parser("disks", help="list the disks veilor-os can be installed to")
    disks.add_argument("--json", action="store_true", help="print the machine profile as JSON")
    disks.add_argument("--all", action="store_true",
                       help="list every block disk, loop devices and the boot medium included")

    ks = sub.add_parser("kickstart", help="write the Anaconda kickstart for an answers file")
    ks.add_argument("--answers", required=True, metavar="FILE", help="answers file (TOML)")
    source = ks.add_mutually_exclusive_group()
    source.add_argument("--machine", metavar="FILE", help="machine profile (JSON) to plan for")
    source.add_argument("--demo", action="store_true", help="plan for the demo machine")
    ks.add_argument("--output", required=True, metavar="DIR",
                    help="folder for ks.cfg and secrets.ks (created, mode 0700)")
    return parser


def runtime_dir() -> str:
    from veilor_installer.core.commands import env_override

    return env_override("VEILOR_RUNTIME_DIR") or DEFAULT_RUNTIME_DIR


def read_machine(*, machine_file: str | None = None, demo: bool = False) -> Machine:
    """The machine to plan for: a profile, the demo machine, or this one."""
    from veilor_installer.core.machine import load_machine
    from veilor_installer.core.storage import discover
    from veilor_installer.core.storage.profile import demo_machine

    if machine_file:
        return load_machine(machine_file)
    if demo:
        return demo_machine()
    return discover()


def _cmd_disks(args: argparse.Namespace) -> int:
    from veilor_installer.core.storage import discover
    from veilor_installer.core.storage.table import format_table

    machine = discover()
    if not args.all:
        machine = machine.targets()
    sys.stdout.write(machine.dumps() if args.json else format_table(machine))
    return EXIT_OK


def _warn_if_readable(path: str) -> None:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        print(f"veilor-installer: warning: {path} holds secrets and can be read by other "
              f"users; chmod 600 {path}", file=sys.stderr)


def _cmd_kickstart(args: argparse.Namespace) -> int:
    from veilor_installer.core import kickstart
    from veilor_installer.core.answers import build_plan, load_answers

    machine = read_machine(machine_file=args.machine, demo=args.demo)
    answers = load_answers(args.answers)
    _warn_if_readable(args.answers)
    plan = build_plan(answers, machine)
    built = kickstart.build(plan, secrets_path=kickstart.secrets_path_for(args.output),
                            runtime_dir=runtime_dir())
    written = kickstart.write(built, args.output)
    for warning in plan.warnings:
        print(f"veilor-installer: warning: {warning}", file=sys.stderr)
    print(plan.describe())
    print(f"\nWrote {written.ks_path}\n  and {written.secrets_path} (holds the passphrase; "
          "delete it when done)")
    return EXIT_OK


def _cmd_install(args: argparse.Namespace) -> int:
    from functools import partial

    if args.live:
        raise InvalidInput("--live: real installs arrive with the Anaconda hand-off; this "
                           "build runs dry runs only (drop --live)")
    from veilor_installer.gui.app import run_install

    code: int = run_install(partial(read_machine, machine_file=args.machine, demo=args.demo),
                            dry_run=True, output_dir=args.output, smoke=args.smoke)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logging.getLogger("veilor").addHandler(handler)
        logging.getLogger("veilor").setLevel(logging.DEBUG)
    commands = {"disks": _cmd_disks, "kickstart": _cmd_kickstart, "install": _cmd_install}
    try:
        return commands[args.command](args)
    except InvalidInput as exc:
        print(f"veilor-installer: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OperationFailed as exc:
        print(f"veilor-installer: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"veilor-installer: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
