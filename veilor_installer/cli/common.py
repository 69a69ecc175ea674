"""What every subcommand of the command line shares: the parser class that exits 2 on bad
arguments, the yes/no question, the warning for a secrets file others can read, and the machine
an install plans for."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from typing import TYPE_CHECKING, TypeAlias

from veilor_installer.core import i18n
from veilor_installer.core.errors import EXIT_INVALID
from veilor_installer.core.i18n import N_, _

if TYPE_CHECKING:
    from veilor_installer.core.install.machine import Machine


# argparse's own words (the usage line, the headings, its refusals), in our catalogue: argparse
# looks each up through its module's _ and ngettext when it writes it. Those of another Python
# release that differ stay in English.
ARGPARSE_TEXTS = (
    N_("usage: "), N_("options"), N_("positional arguments"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("expected one argument"), N_("expected at least one argument"),
    N_("expected at most one argument"), N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"), N_("can't open '%(filename)s': %(error)s"),
)
argparse._ = i18n._  # type: ignore[attr-defined]  # argparse's module-level gettext
argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"{self.prog}: {message}\n")


SubParsers: TypeAlias = "argparse._SubParsersAction[Parser]"  # what add_subparsers() gives


def read_machine(*, machine_file: str | None = None, demo: bool = False) -> Machine:
    """The machine to plan for: a profile, the demo machine, or this one."""
    from veilor_installer.core.install.machine import load_machine
    from veilor_installer.core.install.storage import discover
    from veilor_installer.core.install.storage.profile import demo_machine

    if machine_file:
        return load_machine(machine_file)
    if demo:
        return demo_machine()
    return discover()


def warn_if_readable(path: str) -> None:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        print(_("veilor-installer: warning: {path} holds secrets and can be read by other "
                "users; chmod 600 {path}").format(path=path), file=sys.stderr)


def ask(question: str, *, default: bool) -> bool:
    # input()'s own prompt goes to stderr on a terminal; the question belongs with the output
    sys.stdout.write(question)
    sys.stdout.flush()
    try:
        answer = input().strip().lower()
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    # English y/yes always work; the language's own words for yes too.
    return default if not answer else answer in ("y", "yes", _("y"), _("yes"))
