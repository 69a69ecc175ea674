"""``veilor-installer mesh check|sign|join``: enrolment codes for the Veilor mesh, checked,
signed (for the signup service) or used to join this computer (through the privileged helper)."""

from __future__ import annotations

import argparse
import sys

from veilor_installer.cli.common import Parser, SubParsers, ask, warn_if_readable
from veilor_installer.core.errors import EXIT_FAILED, EXIT_INVALID, EXIT_OK, InvalidInput
from veilor_installer.core.i18n import Text, _


def add_parser(sub: SubParsers) -> None:
    """``mesh ACTION``: one parser per action, each naming its handler, so that another action
    (``mesh join``) is one more ``actions.add_parser`` here."""
    mesh = sub.add_parser("mesh", help=_("Veilor mesh enrolment: check or sign a code"))
    actions = mesh.add_subparsers(dest="mesh_action", required=True, metavar="ACTION",
                                  parser_class=Parser)

    cmd = actions.add_parser(
        "check", help=_("validate an enrolment payload (a pre-auth key or a veilor:join code) and "
                        "say what joining would do, the key masked"))
    cmd.add_argument("payload", metavar="PAYLOAD|-",
                     help=_("the key or code; '-' reads it from standard input (an argument is "
                            "visible to other users of this computer while the command runs)"))
    cmd.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    cmd.set_defaults(handler=check)

    cmd = actions.add_parser(
        "sign", help=_("sign a veilor:join code (for the signup service) and render it as a QR"))
    cmd.add_argument("--signing-key", required=True, metavar="PEM",
                     help=_("Ed25519 private key, PEM (openssl genpkey -algorithm ed25519)"))
    cmd.add_argument("--kid", required=True, metavar="ID",
                     help=_("the signer id: installers verify with <ID>.pub from their trusted "
                            "keys folder"))
    cmd.add_argument("--server", required=True, metavar="HOST", help=_("the Headscale host name"))
    cmd.add_argument("--key", required=True, metavar="AUTHKEY",
                     help=_("the pre-auth key; '-' reads it from standard input (an argument is "
                            "visible to other users of this computer while the command runs)"))
    cmd.add_argument("--expires", required=True, type=int, metavar="UNIX",
                     help=_("when the key expires, in seconds since 1970 (UTC)"))
    cmd.add_argument("--tier", required=True, metavar="T", help=_("guest, infra or admin"))
    cmd.add_argument("--label", required=True, metavar="TEXT",
                     help=_("a short label the user is shown (account name …)"))
    cmd.add_argument("--png", metavar="FILE", help=_("also write the QR code as a PNG (mode 0600)"))
    cmd.set_defaults(handler=sign)

    cmd = actions.add_parser(
        "join", help=_("join this computer to the Veilor mesh (Tailscale) with a pre-auth key or a "
                       "veilor:join code; asks for an administrator's password"))
    cmd.add_argument("payload", metavar="PAYLOAD|-",
                     help=_("the key or code; '-' reads it from standard input (an argument is "
                            "visible to other users of this computer while the command runs)"))
    cmd.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    cmd.add_argument("--json", action="store_true",
                     help=_("print the result as JSON (progress goes to standard error)"))
    cmd.set_defaults(handler=join)


def read_payload(value: str) -> str:
    """A PAYLOAD|- argument: the text itself, or standard input for '-'."""
    if value != "-":
        return value
    from veilor_installer.core.firstboot.enrolment import MAX_PAYLOAD

    return sys.stdin.read(4 * MAX_PAYLOAD)


def check(args: argparse.Namespace) -> int:
    import json

    from veilor_installer.core.firstboot import enrolment

    try:
        found = enrolment.check(read_payload(args.payload))
    except enrolment.EnrolmentRefused as refused:
        if args.json:
            print(json.dumps(enrolment.refusal_json(refused)))
        raise
    except InvalidInput as exc:  # the trust configuration itself
        if args.json:
            print(json.dumps(enrolment.refusal_json(
                enrolment.EnrolmentRefused(enrolment.Refusal.TRUSTED_KEYS,
                                           exc.args[0] if exc.args else str(exc)))))
        raise
    if args.json:
        print(json.dumps(found.as_json()))
        return EXIT_OK
    print(_("Valid enrolment code."))
    print(found.describe())
    print(Text("Joining would run {command}, the key passed in a 0600 file, never on the "
               "command line.", command=f"tailscale up --login-server={found.login_url}"))
    return EXIT_OK


def sign(args: argparse.Namespace) -> int:
    from veilor_installer.core.firstboot import enrolment, qr
    from veilor_installer.core.secret import Secret

    key = Secret((sys.stdin.readline() if args.key == "-" else args.key).strip())
    enrolment.validate_for_signing(server=args.server, key=key, expires=args.expires,
                                   tier=args.tier, label=args.label, kid=args.kid)
    signing_key = enrolment.load_signing_key(args.signing_key)
    warn_if_readable(args.signing_key)
    uri = enrolment.sign_join(signing_key, server=args.server, key=key, expires=args.expires,
                              tier=args.tier, label=args.label, kid=args.kid)
    # What an installer will do with it, but for the allowlist, which is the installer's.
    enrolment.check(uri, trust=enrolment.Trust.of_signer(args.kid, signing_key, args.server))
    print(uri)
    if args.png:
        qr.qr_png(uri, args.png)
    elif sys.stdout.isatty():
        print(qr.qr_text(uri), end="")
    return EXIT_OK


def join(args: argparse.Namespace) -> int:
    """DESIGN §7 through the privileged helper; the exit code is the helper's (0, 1, 2, 3 the
    server refused the key, 4 the server could not be reached)."""
    import json

    from veilor_installer.core.firstboot import enrolment
    from veilor_installer.core.helper import client as privileged
    from veilor_installer.core.helper import protocol

    text = read_payload(args.payload).strip()
    try:
        # Checked here too, so that a bad code is refused before a password is asked for;
        # the helper checks it again (it trusts nobody).
        found = enrolment.check(text)
    except InvalidInput as exc:
        if args.json:
            print(json.dumps({"ok": False, "exit_code": EXIT_INVALID, "reason": str(exc)}))
        raise
    if not args.yes:
        if args.payload == "-" or not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InvalidInput(Text("--yes: there is no terminal to confirm on; add --yes to "
                                    "join without asking"))
        print(found.describe())
        if not ask(str(Text("Join this computer to the mesh at {server}? [y/N] ",
                            server=found.server)), default=False):
            print(_("Nothing was changed."))
            return EXIT_FAILED
    out = sys.stderr if args.json else sys.stdout

    def progress(step: str, message: str | Text) -> None:
        print(f"  … {message}", file=out, flush=True)

    result = privileged.call(protocol.request("mesh-join", payload=text), progress=progress,
                             secrets=[text, found.key.reveal()])
    if args.json:
        print(json.dumps({**protocol.result_to_json(result, rendered=True),
                          "warnings": [str(w) for w in result.warnings]}))
        return result.exit_code
    print(result.describe())
    data = result.data
    if result.ok:
        ips = ", ".join(data.get("ips", []))
        already = data.get("already")
        print(Text("This computer was already in the mesh at {server}: {addresses}.",
                   server=found.server, addresses=ips) if already and ips else
              Text("This computer was already in the mesh at {server}.", server=found.server)
              if already else
              Text("Joined the mesh at {server}: {addresses}.", server=found.server,
                   addresses=ips) if ips else
              Text("Joined the mesh at {server}.", server=found.server))
    else:
        print(f"veilor-installer: {result.reason}", file=sys.stderr)
    return result.exit_code
