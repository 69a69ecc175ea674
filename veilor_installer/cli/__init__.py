"""The ``veilor-installer`` command line (DESIGN §3): one module a subcommand (install,
firstboot, disks, kickstart, qr, mesh), each adding its parser and naming its handler.

Exit codes (``core/errors.py``): 0 success, 1 the operation failed, 2 invalid input (one line
on stderr naming the field), 3 and 4 the mesh server refused the key or could not be reached,
130 Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import locale
import logging
import sys
from collections.abc import Sequence

from veilor_installer import __version__
from veilor_installer.cli import disks, firstboot, install, kickstart, mesh, qr
from veilor_installer.cli.common import Parser
from veilor_installer.core import i18n
from veilor_installer.core.errors import (
    EXIT_INTERRUPTED,
    InvalidInput,
    OperationFailed,
    exit_code_for,
)
from veilor_installer.core.i18n import _


def parser() -> argparse.ArgumentParser:
    top = Parser(prog="veilor-installer",
                 description=_("Install veilor-os, or set it up on first boot."))
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    top.add_argument("-v", "--verbose", action="store_true",
                     help=_("log every command run (redacted) to stderr"))
    sub = top.add_subparsers(dest="command", required=True, parser_class=Parser)
    for command in (install, firstboot, disks, kickstart, qr, mesh):
        command.add_parser(sub)
    return top


# Commands that hold a passphrase, a password or a pre-auth key (a decoded join code holds
# one): no core file of them.
_HOLDS_SECRETS = frozenset({"kickstart", "install", "firstboot", "mesh", "qr"})


def os_error_text(exc: OSError) -> str:
    """The reason an ``OSError`` carries: ``file: strerror`` from the system, or the message
    of one raised with text only (``FileNotFoundError("… not found: …")``)."""
    if exc.strerror:
        names = [str(name) for name in (exc.filename, exc.filename2) if name is not None]
        return ": ".join([*names, exc.strerror]) if names else exc.strerror
    return str(exc) or type(exc).__name__


def main(argv: Sequence[str] | None = None) -> int:
    i18n.use_environment()  # the CLI speaks the environment's language (LANG, LANGUAGE, …)
    # ... and so do the system's error texts (strerror), where its C library has them; put
    # back afterwards (the tests run the CLI inside their own process).
    before = locale.setlocale(locale.LC_MESSAGES)
    with contextlib.suppress(locale.Error):  # a locale the system lacks: they stay English
        locale.setlocale(locale.LC_MESSAGES, "")
    try:
        return _run(argv)
    finally:
        locale.setlocale(locale.LC_MESSAGES, before)


def _run(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)
    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logging.getLogger("veilor").addHandler(handler)
        logging.getLogger("veilor").setLevel(logging.DEBUG)
    run = args.handler  # every subcommand names its handler in its parser
    if args.command in _HOLDS_SECRETS:
        from veilor_installer.core.private import no_core_dumps

        no_core_dumps()
    try:
        code: int = run(args)
        return code
    except (InvalidInput, OperationFailed) as exc:
        # The program's name before the message, as every Unix tool does: not translated.
        print(f"veilor-installer: {exc}", file=sys.stderr)
        return exit_code_for(exc)
    except OSError as exc:
        print(f"veilor-installer: {os_error_text(exc)}", file=sys.stderr)
        return exit_code_for(exc)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
