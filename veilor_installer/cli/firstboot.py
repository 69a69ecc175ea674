"""``veilor-installer firstboot``: the first-boot setup wizard (the autostart entry runs it
with ``--once``)."""

from __future__ import annotations

import argparse

from veilor_installer.cli.common import SubParsers
from veilor_installer.core.errors import EXIT_OK
from veilor_installer.core.i18n import _


def add_parser(sub: SubParsers) -> None:
    firstboot = sub.add_parser("firstboot", help=_(
        "start the first-boot setup wizard: join the Veilor mesh, the Yggdrasil fallback, "
        "opt-ins, disk unlock"))
    firstboot.add_argument("--demo", action="store_true",
                           help=_("run against fake programs, a video file as the camera: nothing "
                                  "on this computer changes"))
    firstboot.add_argument("--smoke", action="store_true",
                           help=_("build the wizard, show the first page, exit 0"))
    firstboot.add_argument("--once", action="store_true",
                           help=_("do nothing when first boot already ran (the autostart entry)"))
    firstboot.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from veilor_installer.core.firstboot import choices as firstboot

    if args.once and not args.demo and firstboot.is_done():
        return EXIT_OK
    from veilor_installer.gui.app import run_firstboot

    code: int
    if not args.demo:
        code = run_firstboot(smoke=args.smoke)
        return code
    from veilor_installer.demo.firstboot import environment

    with environment() as demo:  # the fakes and the pretend system, removed at the end
        code = run_firstboot(demo=demo, smoke=args.smoke)
    return code
