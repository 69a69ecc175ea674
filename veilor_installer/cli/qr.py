"""``veilor-installer qr decode``: the text of every QR code in an image or a video file."""

from __future__ import annotations

import argparse

from veilor_installer.cli.common import Parser, SubParsers
from veilor_installer.core.errors import EXIT_OK, OperationFailed
from veilor_installer.core.i18n import Text, _


def add_parser(sub: SubParsers) -> None:
    qr = sub.add_parser("qr", help=_("read QR codes from image and video files"))
    actions = qr.add_subparsers(dest="qr_action", required=True, metavar="ACTION",
                                parser_class=Parser)
    cmd = actions.add_parser("decode", help=_("print the text of every QR code in an image or "
                                              "a video file (exit 1 when there is none)"))
    cmd.add_argument("path", metavar="PATH", help=_("an image (PNG, JPEG …) or a video file"))
    cmd.add_argument("--all-frames", action="store_true",
                     help=_("print FRAME<TAB>TEXT for every frame with a code"))
    cmd.set_defaults(handler=decode)


def decode(args: argparse.Namespace) -> int:
    from veilor_installer.core.firstboot import qr

    found = qr.decode_path(args.path)
    if args.all_frames:
        frames: list[int] = []
        for frame, code in found:
            print(f"{frame}\t{code.text}", flush=True)
            frames.append(frame)
        count = len(frames)
    else:
        texts = qr.distinct_texts(found)
        for text in texts:
            print(text)
        count = len(texts)
    if not count:
        raise OperationFailed(Text("no QR code found in {file}", file=args.path))
    return EXIT_OK
