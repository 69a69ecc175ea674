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
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from veilor_installer import __version__
from veilor_installer.core.errors import InvalidInput, OperationFailed

if TYPE_CHECKING:
    from veilor_installer.core.install.anaconda import AnacondaRunner, Event, InstallResult
    from veilor_installer.core.install.machine import Machine
    from veilor_installer.core.install.requirements import Check

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
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
    install.add_argument("--no-gui", action="store_true",
                         help="install unattended from --answers, progress on the terminal")
    install.add_argument("--answers", metavar="FILE", help="answers file (TOML), with --no-gui")
    install.add_argument("--anaconda", metavar="PATH",
                         help="the Anaconda program to run (default: anaconda on the PATH)")
    install.add_argument("--reboot", action="store_true",
                         help="let Anaconda restart the computer when it ends (--live)")
    install.add_argument("--skip-preflight", action="store_true",
                         help="run no pre-flight check (experts, offline tests): dangerous")
    install.add_argument("--smoke", action="store_true",
                         help="build the wizard, show the first page, exit 0")

    firstboot = sub.add_parser("firstboot", help="start the first-boot setup wizard: join the "
                               "Veilor mesh, the Yggdrasil fallback, opt-ins, disk unlock")
    firstboot.add_argument("--demo", action="store_true",
                           help="run against fake programs, a video file as the camera: nothing "
                           "on this computer changes")
    firstboot.add_argument("--smoke", action="store_true",
                           help="build the wizard, show the first page, exit 0")
    firstboot.add_argument("--once", action="store_true",
                           help="do nothing when first boot already ran (the autostart entry)")

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

    _add_qr_parser(sub)
    _add_mesh_parser(sub)
    return parser


def runtime_dir() -> str:
    from veilor_installer.core.private import runtime_dir as resolve

    return resolve()


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


def _cmd_disks(args: argparse.Namespace) -> int:
    from veilor_installer.core.install.storage import discover
    from veilor_installer.core.install.storage.table import format_table

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
    from veilor_installer.core.install import kickstart
    from veilor_installer.core.install.answers import build_plan, load_answers

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


def remove_stale_kickstart() -> None:
    """A ``secrets.ks``/``ks.cfg`` left in the runtime folder by a killed run: overwritten and
    removed before anything else. No runtime folder for this user (no XDG_RUNTIME_DIR), or
    one of another user: nothing of ours to remove (a live run says so when it needs one)."""
    from veilor_installer.core import private
    from veilor_installer.core.install import kickstart

    try:
        rundir = runtime_dir()
    except OperationFailed:
        return
    for name in private.shred_in(rundir, (kickstart.SECRETS_NAME, kickstart.KS_NAME)):
        print(f"veilor-installer: removed {name} left in {rundir} by an earlier run",
              file=sys.stderr)


def _cmd_install(args: argparse.Namespace) -> int:
    from functools import partial

    remove_stale_kickstart()
    if args.no_gui:
        return _install_unattended(args)
    # The wizard asks for the answers, and asks before it restarts the computer.
    for flag, given in (("--answers", args.answers), ("--reboot", args.reboot)):
        if given:
            raise InvalidInput(f"{flag} is for unattended installs: add --no-gui --answers FILE")
    if not args.live:
        for flag, given in (("--anaconda", args.anaconda),
                            ("--skip-preflight", args.skip_preflight)):
            if given:
                raise InvalidInput(f"{flag} is for --live installs (a dry run starts nothing)")
    elif args.demo and not args.anaconda:
        # The demo disks are not this computer's: Anaconda would erase this computer's disks
        # of the same names, and the pre-flight disk check compares the demo with itself.
        raise InvalidInput("--live --demo would install on this computer's disks named like "
                           "the demo machine's: drop --demo, or give a test --anaconda PATH")
    if args.live and args.skip_preflight:
        print(SKIP_WARNING, file=sys.stderr)
    from veilor_installer.gui.app import run_install

    real_machine = args.machine is None and not args.demo
    code: int = run_install(partial(read_machine, machine_file=args.machine, demo=args.demo),
                            dry_run=not args.live, output_dir=args.output, smoke=args.smoke,
                            anaconda=args.anaconda, skip_preflight=args.skip_preflight,
                            sysfs_root="/sys" if real_machine else None)
    return code


def _cmd_firstboot(args: argparse.Namespace) -> int:
    from veilor_installer.core.firstboot import choices as firstboot

    if args.once and not args.demo and firstboot.is_done():
        return EXIT_OK
    from veilor_installer.gui.app import run_firstboot

    code: int = run_firstboot(demo=args.demo, smoke=args.smoke)
    return code


# --- install --no-gui ---------------------------------------------------------------------------

SKIP_WARNING = (
    "veilor-installer: WARNING: --skip-preflight: the network, the image, its signature policy, "
    "the memory and the disks were NOT checked. If the image cannot be pulled, Anaconda erases "
    "the disks anyway and leaves them unable to start.")
REBOOT_WAIT_S = 300.0


def _print_check(check: Check) -> None:
    mark = "ok  " if check.passed else ("FAIL" if check.required else "warn")
    print(f"  {mark}  {check.title}: {check.detail}")
    if not check.passed and check.fix:
        print(f"        → {check.fix}")


class _Display:
    """Anaconda's progress on the terminal: one redrawn bar on a TTY, plain lines otherwise
    (for logs and pipes). Called on the runner's thread."""

    def __init__(self, *, tty: bool, verbose: bool) -> None:
        self.tty = tty
        self.verbose = verbose
        self.percent = 0.0
        self.step = "Starting Anaconda"
        self._drawn = 0.0

    def __call__(self, event: Event) -> None:
        from veilor_installer.core.install.anaconda import Ended, LogLines, Progress, Step

        if isinstance(event, Step):
            self.step = event.title
            if not self.tty:
                print(f"[{self.percent:3.0f}%] {event.title}", flush=True)
        elif isinstance(event, Progress):
            self.percent = event.percent
        elif isinstance(event, LogLines):
            if self.verbose:
                for line in event.lines:
                    print(f"{event.source}: {line}", file=sys.stderr)
        elif isinstance(event, Ended) and self.tty:
            self._draw(force=True)
            sys.stdout.write("\n")
            return
        if self.tty:
            self._draw()

    def _draw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._drawn < 0.1:
            return
        self._drawn = now
        filled = int(self.percent / 100 * 30)
        sys.stdout.write(f"\r\x1b[K[{'#' * filled}{'-' * (30 - filled)}] {self.percent:5.1f}%  "
                         f"{self.step[:60]}")
        sys.stdout.flush()


def _ask(question: str, *, default: bool) -> bool:
    # input()'s own prompt goes to stderr on a terminal; the question belongs with the output
    sys.stdout.write(question)
    sys.stdout.flush()
    try:
        answer = input().strip().lower()
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    return default if not answer else answer in ("y", "yes")


def _run_runner(runner: AnacondaRunner) -> InstallResult:
    """Run on a worker thread so that Ctrl-C cancels the install instead of orphaning it."""
    box: list[InstallResult] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            box.append(runner.run())
        except BaseException as exc:  # handed back to the main thread below
            errors.append(exc)

    worker = threading.Thread(target=work, name="anaconda-runner", daemon=True)
    worker.start()
    while worker.is_alive():
        try:
            worker.join(0.2)
        except KeyboardInterrupt:
            print("\nveilor-installer: stopping the installation…", file=sys.stderr)
            runner.cancel()
    if errors:
        raise errors[0]
    return box[0]


def _print_result(result: InstallResult) -> None:
    print(f"\n{result.title}.")
    if result.reason:
        print("  Reason: " + result.reason.replace("\n", "\n          "))
    print(f"  Disks:  {result.disks_message}")
    if result.next_steps:
        print(f"  Next:   {result.next_steps}")
    if result.log_dir:
        print(f"  Logs:   {result.log_dir}")


def _after_run(runner: AnacondaRunner, result: InstallResult, *, reboot: bool,
               interactive: bool) -> None:
    """Anaconda still runs: waiting for Enter after success (then it restarts the computer),
    or sleeping before it restarts it after a failure. Restart only with consent: --reboot, a
    yes on a TTY; without a TTY the computer keeps running. In a live session nothing
    restarts by itself after a failure: with consent the helper restarts it."""
    from veilor_installer.core.install.anaconda import Environment

    if not result.anaconda_running:
        if result.environment is Environment.LIVE and not result.succeeded and (
                reboot or (interactive and _ask("Restart the computer now? [y/N] ",
                                                default=False))):
            print("Restarting the computer…", flush=True)
            try:
                runner.reboot()
            except OperationFailed as exc:
                print(f"The computer cannot be restarted from here: {exc}.")
                return
            runner.wait(REBOOT_WAIT_S)
            if runner.restart_problem:
                print(f"The computer could not be restarted: {runner.restart_problem}.")
        return
    if result.succeeded:
        if reboot or (interactive and _ask("Restart the computer now? [Y/n] ", default=True)):
            print("Restarting the computer…", flush=True)
            runner.reboot()
            runner.wait(REBOOT_WAIT_S)
        else:
            print(runner.stop() + " Restart it when you are ready.")
        return
    if result.restarts_in is None:
        return
    if reboot or (interactive and not _ask(
            f"Anaconda restarts the computer in about {result.restarts_in / 60:.0f} minutes. "
            "Keep it running, to save the logs first? [Y/n] ", default=True)):
        print("Waiting for Anaconda to restart the computer…", flush=True)
        runner.wait(result.restarts_in + 60)
    else:
        print(runner.stop())


def _install_unattended(args: argparse.Namespace) -> int:
    """DESIGN §3: validate, pre-flight, write the kickstart, run Anaconda (or, in a dry run,
    say what it would run), exit 0 only on reported success."""
    from functools import partial

    from veilor_installer.core.commands import CommandNotFound
    from veilor_installer.core.install import kickstart, preflight
    from veilor_installer.core.install.anaconda import AnacondaRunner, describe_command
    from veilor_installer.core.install.answers import build_plan, load_answers

    if not args.answers:
        raise InvalidInput("--no-gui needs --answers FILE (an answers file, DESIGN §4)")
    if args.smoke:
        raise InvalidInput("--smoke builds the wizard: drop --no-gui")
    if args.reboot and not args.live:
        raise InvalidInput("--reboot is for --live installs (a dry run starts nothing)")
    reread = partial(read_machine, machine_file=args.machine, demo=args.demo)
    answers = load_answers(args.answers)
    _warn_if_readable(args.answers)
    plan = build_plan(answers, reread())
    for warning in plan.warnings:
        print(f"veilor-installer: warning: {warning}", file=sys.stderr)
    print(plan.describe())
    image_size = 0
    if args.skip_preflight:
        print(SKIP_WARNING, file=sys.stderr)
    else:
        print("\nPre-flight checks:")
        real_machine = args.machine is None and not args.demo
        report = preflight.run_preflight(plan, reread_machine=reread,
                                         sysfs_root="/sys" if real_machine else None,
                                         on_check=_print_check)
        if not report.passed:
            raise OperationFailed(f"{len(report.failures)} pre-flight check"
                                  f"{'s' if len(report.failures) > 1 else ''} failed: "
                                  + ", ".join(c.title for c in report.failures)
                                  + ". Nothing was changed.")
        plan = report.plan
        image_size = report.image.size_bytes if report.image else 0
    rundir = runtime_dir()
    if not args.live:
        built = kickstart.build(plan, secrets_path=kickstart.secrets_path_for(args.output),
                                runtime_dir=rundir)
        written = kickstart.write(built, args.output)
        if not args.skip_preflight:
            check = preflight.check_kickstart(written, plan, runtime_dir=rundir)
            _print_check(check)
            if not check.passed:
                raise OperationFailed(f"the kickstart check failed: {check.detail}")
        runner = AnacondaRunner(plan, anaconda=args.anaconda, runtime_dir=rundir)
        try:
            command = describe_command(runner.command())
        except CommandNotFound as exc:
            command = f"{describe_command(runner.command(resolve=False))}  ({exc})"
        print(f"\nDry run: nothing was erased.\nWrote {written.ks_path}\n  and "
              f"{written.secrets_path} (holds the passphrase; delete it when done)\n"
              f"With --live the kickstart goes to {rundir}/ and Anaconda is run as:\n"
              f"  {command}")
        return EXIT_OK

    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    display = _Display(tty=sys.stdout.isatty(), verbose=args.verbose)
    runner = AnacondaRunner(plan, on_event=display, anaconda=args.anaconda, runtime_dir=rundir,
                            image_size=image_size)
    written = runner.prepare()
    try:
        if not args.skip_preflight:
            check = preflight.check_kickstart(written, plan, runtime_dir=rundir)
            _print_check(check)
            if not check.passed:
                raise OperationFailed(f"the kickstart check failed: {check.detail}. Nothing "
                                      "was changed.")
        print(f"\nInstalling veilor-os: {describe_command(runner.command())}", flush=True)
        result = _run_runner(runner)
    except BaseException:
        runner.discard()  # no secrets.ks left behind, whatever stopped us (Ctrl-C included)
        raise
    _print_result(result)
    _after_run(runner, result, reboot=args.reboot, interactive=interactive)
    return EXIT_OK if result.succeeded else EXIT_FAILED


# --- qr, mesh -----------------------------------------------------------------------------------


def _add_qr_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    qr = sub.add_parser("qr", help="read QR codes from image and video files")
    actions = qr.add_subparsers(dest="qr_action", required=True, metavar="ACTION",
                                parser_class=_Parser)
    decode = actions.add_parser("decode", help="print the text of every QR code in an image or "
                                "a video file (exit 1 when there is none)")
    decode.add_argument("path", metavar="PATH", help="an image (PNG, JPEG …) or a video file")
    decode.add_argument("--all-frames", action="store_true",
                        help="print FRAME<TAB>TEXT for every frame with a code")
    decode.set_defaults(handler=_cmd_qr_decode)


def _add_mesh_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    """``mesh ACTION``: one parser per action, each naming its handler, so that another action
    (``mesh join``) is one more ``actions.add_parser`` here."""
    mesh = sub.add_parser("mesh", help="Veilor mesh enrolment: check or sign a code")
    actions = mesh.add_subparsers(dest="mesh_action", required=True, metavar="ACTION",
                                  parser_class=_Parser)

    check = actions.add_parser(
        "check", help="validate an enrolment payload (a pre-auth key or a veilor:join code) and "
        "say what joining would do, the key masked")
    check.add_argument("payload", metavar="PAYLOAD|-",
                       help="the key or code; '-' reads it from standard input (an argument is "
                       "visible to other users of this computer while the command runs)")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.set_defaults(handler=_cmd_mesh_check)

    sign = actions.add_parser(
        "sign", help="sign a veilor:join code (for the signup service) and render it as a QR")
    sign.add_argument("--signing-key", required=True, metavar="PEM",
                      help="Ed25519 private key, PEM (openssl genpkey -algorithm ed25519)")
    sign.add_argument("--kid", required=True, metavar="ID",
                      help="the signer id: installers verify with <ID>.pub from their trusted "
                      "keys folder")
    sign.add_argument("--server", required=True, metavar="HOST", help="the Headscale host name")
    sign.add_argument("--key", required=True, metavar="AUTHKEY",
                      help="the pre-auth key; '-' reads it from standard input (an argument is "
                      "visible to other users of this computer while the command runs)")
    sign.add_argument("--expires", required=True, type=int, metavar="UNIX",
                      help="when the key expires, in seconds since 1970 (UTC)")
    sign.add_argument("--tier", required=True, metavar="T", help="guest, infra or admin")
    sign.add_argument("--label", required=True, metavar="TEXT",
                      help="a short label the user is shown (account name …)")
    sign.add_argument("--png", metavar="FILE", help="also write the QR code as a PNG (mode 0600)")
    sign.set_defaults(handler=_cmd_mesh_sign)

    join = actions.add_parser(
        "join", help="join this computer to the Veilor mesh (Tailscale) with a pre-auth key or a "
        "veilor:join code; asks for an administrator's password")
    join.add_argument("payload", metavar="PAYLOAD|-",
                      help="the key or code; '-' reads it from standard input (an argument is "
                      "visible to other users of this computer while the command runs)")
    join.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    join.add_argument("--json", action="store_true",
                      help="print the result as JSON (progress goes to standard error)")
    join.set_defaults(handler=_cmd_mesh_join)


def read_payload(value: str) -> str:
    """A PAYLOAD|- argument: the text itself, or standard input for '-'."""
    if value != "-":
        return value
    from veilor_installer.core.firstboot.enrolment import MAX_PAYLOAD

    return sys.stdin.read(4 * MAX_PAYLOAD)


def _cmd_qr_decode(args: argparse.Namespace) -> int:
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
        raise OperationFailed(f"no QR code found in {args.path}")
    return EXIT_OK


def _cmd_mesh_check(args: argparse.Namespace) -> int:
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
                enrolment.EnrolmentRefused(enrolment.Refusal.TRUSTED_KEYS, str(exc)))))
        raise
    if args.json:
        print(json.dumps(found.as_json()))
        return EXIT_OK
    print("Valid enrolment code.")
    print(found.describe())
    print(f"Joining would run tailscale up --login-server={found.login_url}, the key passed in "
          "a 0600 file, never on the command line.")
    return EXIT_OK


def _cmd_mesh_sign(args: argparse.Namespace) -> int:
    from veilor_installer.core.firstboot import enrolment, qr
    from veilor_installer.core.secret import Secret

    key = Secret((sys.stdin.readline() if args.key == "-" else args.key).strip())
    enrolment.validate_for_signing(server=args.server, key=key, expires=args.expires,
                                   tier=args.tier, label=args.label, kid=args.kid)
    signing_key = enrolment.load_signing_key(args.signing_key)
    _warn_if_readable(args.signing_key)
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


def _cmd_mesh_join(args: argparse.Namespace) -> int:
    """DESIGN §7 through the privileged helper; the exit code is the helper's (0, 1, 2, 3 the
    server refused the key, 4 the server could not be reached)."""
    import json

    from veilor_installer.core.firstboot import enrolment
    from veilor_installer.core.helper import client as privileged

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
            raise InvalidInput("--yes: there is no terminal to confirm on; add --yes to join "
                               "without asking")
        print(found.describe())
        if not _ask(f"Join this computer to the mesh at {found.server}? [y/N] ", default=False):
            print("Nothing was changed.")
            return EXIT_FAILED
    out = sys.stderr if args.json else sys.stdout

    def progress(step: str, message: str) -> None:
        print(f"  … {message}", file=out, flush=True)

    result = privileged.call({"action": "mesh-join", "payload": text}, progress=progress,
                             secrets=[text, found.key.reveal()])
    if args.json:
        print(json.dumps({**result.to_json(), "warnings": result.warnings}))
        return result.exit_code
    print(result.describe())
    data = result.data
    if result.ok:
        ips = ", ".join(data.get("ips", []))
        print(("This computer was already in the mesh" if data.get("already") else
               "Joined the mesh") + f" at {found.server}" + (f": {ips}" if ips else "") + ".")
    else:
        print(f"veilor-installer: {result.reason}", file=sys.stderr)
    return result.exit_code


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
    args = _parser().parse_args(argv)
    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logging.getLogger("veilor").addHandler(handler)
        logging.getLogger("veilor").setLevel(logging.DEBUG)
    commands = {"disks": _cmd_disks, "kickstart": _cmd_kickstart, "install": _cmd_install,
                "firstboot": _cmd_firstboot}
    # Commands with actions (qr decode, mesh check …) name their handler in the parser.
    run = getattr(args, "handler", None) or commands[args.command]
    if args.command in _HOLDS_SECRETS:
        from veilor_installer.core.private import no_core_dumps

        no_core_dumps()
    try:
        code: int = run(args)
        return code
    except InvalidInput as exc:
        print(f"veilor-installer: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OperationFailed as exc:
        print(f"veilor-installer: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"veilor-installer: {os_error_text(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
