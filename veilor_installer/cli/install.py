"""``veilor-installer install``: the install wizard, or with ``--no-gui`` an unattended
install from an answers file with its progress on the terminal (DESIGN §3)."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from typing import TYPE_CHECKING

from veilor_installer.cli.common import SubParsers, ask, read_machine, warn_if_readable
from veilor_installer.core import private
from veilor_installer.core.errors import EXIT_FAILED, EXIT_OK, InvalidInput, OperationFailed
from veilor_installer.core.i18n import N_, Text, _
from veilor_installer.core.settings import DEFAULT_OUTPUT

if TYPE_CHECKING:
    from veilor_installer.core.install.anaconda import AnacondaRunner, Event, InstallResult
    from veilor_installer.core.install.job import ChecksFailed, InstallJob, JobEnd, Ran, Written
    from veilor_installer.core.install.requirements import Check


SKIP_WARNING = N_(
    "veilor-installer: WARNING: --skip-preflight: the network, the image, its signature policy, "
    "the memory and the disks were NOT checked. If the image cannot be pulled, Anaconda erases "
    "the disks anyway and leaves them unable to start.")
REBOOT_WAIT_S = 300.0


def add_parser(sub: SubParsers) -> None:
    install = sub.add_parser("install", help=_("start the install wizard (a dry run by default)"))
    source = install.add_mutually_exclusive_group()
    source.add_argument("--demo", action="store_true", help=_("use the demo machine"))
    source.add_argument("--machine", metavar="FILE", help=_("use a machine profile (JSON)"))
    mode = install.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", default=True,
                      help=_("write the kickstart and show what Anaconda would do (default)"))
    mode.add_argument("--live", action="store_true", help=_("really install (bootstrap ISO only)"))
    install.add_argument("--output", metavar="DIR", default=DEFAULT_OUTPUT,
                         help=_("folder for the kickstart of a dry run (default ./{folder}/)")
                         .format(folder=DEFAULT_OUTPUT))
    install.add_argument("--no-gui", action="store_true",
                         help=_("install unattended from --answers, progress on the terminal"))
    install.add_argument("--answers", metavar="FILE", help=_("answers file (TOML), with --no-gui"))
    install.add_argument("--anaconda", metavar="PATH",
                         help=_("the Anaconda program to run (default: anaconda on the PATH)"))
    install.add_argument("--reboot", action="store_true",
                         help=_("let Anaconda restart the computer when it ends (--live)"))
    install.add_argument("--skip-preflight", action="store_true",
                         help=_("run no pre-flight check (experts, offline tests): dangerous"))
    install.add_argument("--smoke", action="store_true",
                         help=_("build the wizard, show the first page, exit 0"))
    install.set_defaults(handler=run)


def remove_stale_kickstart() -> None:
    """A ``secrets.ks``/``ks.cfg`` left in the runtime folder by a killed run: overwritten and
    removed before anything else. No runtime folder for this user (no XDG_RUNTIME_DIR), or
    one of another user: nothing of ours to remove (a live run says so when it needs one)."""
    from veilor_installer.core.install import kickstart

    try:
        rundir = private.runtime_dir()
    except OperationFailed:
        return
    for name in private.shred_in(rundir, (kickstart.SECRETS_NAME, kickstart.KS_NAME)):
        print(_("veilor-installer: removed {name} left in {folder} by an earlier run").format(
            name=name, folder=rundir), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from functools import partial

    remove_stale_kickstart()
    if args.no_gui:
        return _install_unattended(args)
    # The wizard asks for the answers, and asks before it restarts the computer.
    for flag, given in (("--answers", args.answers), ("--reboot", args.reboot)):
        if given:
            raise InvalidInput(Text("{flag} is for unattended installs: add --no-gui --answers "
                                    "FILE", flag=flag))
    if not args.live:
        for flag, given in (("--anaconda", args.anaconda),
                            ("--skip-preflight", args.skip_preflight)):
            if given:
                raise InvalidInput(Text("{flag} is for --live installs (a dry run starts "
                                        "nothing)", flag=flag))
    elif args.demo and not args.anaconda:
        # The demo disks are not this computer's: Anaconda would erase this computer's disks
        # of the same names, and the pre-flight disk check compares the demo with itself.
        raise InvalidInput(Text("--live --demo would install on this computer's disks named "
                                "like the demo machine's: drop --demo, or give a test "
                                "--anaconda PATH"))
    if args.live and args.skip_preflight:
        print(_(SKIP_WARNING), file=sys.stderr)
    from veilor_installer.gui.app import run_install

    real_machine = args.machine is None and not args.demo
    code: int = run_install(partial(read_machine, machine_file=args.machine, demo=args.demo),
                            dry_run=not args.live, output_dir=args.output, smoke=args.smoke,
                            anaconda=args.anaconda, skip_preflight=args.skip_preflight,
                            sysfs_root="/sys" if real_machine else None)
    return code


def _print_check(check: Check) -> None:
    if check.passed:
        line = _("  ok    {title}: {detail}")
    elif check.required:
        line = _("  FAIL  {title}: {detail}")
    else:
        line = _("  warn  {title}: {detail}")
    print(line.format(title=check.title, detail=check.detail))
    if not check.passed and check.fix:
        print(_("        → {fix}").format(fix=check.fix))


class _Display:
    """Anaconda's progress on the terminal: one redrawn bar on a TTY, plain lines otherwise
    (for logs and pipes). Called on the runner's thread."""

    def __init__(self, *, tty: bool, verbose: bool) -> None:
        self.tty = tty
        self.verbose = verbose
        self.percent = 0.0
        self.step = _("Starting Anaconda")
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


def _run_job(job: InstallJob) -> ChecksFailed | Written | Ran:
    """Run on a worker thread so that Ctrl-C cancels the install instead of orphaning it.
    Before Anaconda's files are written, Ctrl-C stops at once (KeyboardInterrupt)."""
    from veilor_installer.core.install.job import Cancelled

    box: list[JobEnd] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            box.append(job.run())
        except BaseException as exc:  # handed back to the main thread below
            errors.append(exc)

    worker = threading.Thread(target=work, name="install-job", daemon=True)
    worker.start()
    while worker.is_alive():
        try:
            worker.join(0.2)
        except KeyboardInterrupt:
            job.cancel()  # waits while the files are written: they are deleted then
            if job.runner is None:
                raise  # nothing written, nothing started
            print("\n" + _("veilor-installer: stopping the installation…"), file=sys.stderr)
    if errors:
        raise errors[0]
    end = box[0]
    if isinstance(end, Cancelled):
        raise KeyboardInterrupt
    return end


def _print_result(result: InstallResult) -> None:
    print("\n" + _("{title}.").format(title=result.title))
    reason = str(result.reason)
    if reason:
        print(_("  Reason: {reason}").format(reason=reason.replace("\n", "\n          ")))
    print(_("  Disks:  {disks}").format(disks=result.disks_message))
    if str(result.next_steps):
        print(_("  Next:   {next}").format(next=result.next_steps))
    if result.log_dir:
        print(_("  Logs:   {folder}").format(folder=result.log_dir))


def _after_run(runner: AnacondaRunner, result: InstallResult, *, reboot: bool,
               interactive: bool) -> None:
    """Anaconda still runs: waiting for Enter after success (then it restarts the computer),
    or sleeping before it restarts it after a failure. Restart only with consent: --reboot, a
    yes on a TTY; without a TTY the computer keeps running. In a live session nothing
    restarts by itself after a failure: with consent the helper restarts it."""
    from veilor_installer.core.install.anaconda import Environment

    if not result.anaconda_running:
        if result.environment is Environment.LIVE and not result.succeeded and (
                reboot or (interactive and ask(_("Restart the computer now? [y/N] "),
                                                default=False))):
            print(_("Restarting the computer…"), flush=True)
            try:
                runner.reboot()
            except OperationFailed as exc:
                print(_("The computer cannot be restarted from here: {why}.").format(why=exc))
                return
            runner.wait(REBOOT_WAIT_S)
            if runner.restart_problem:
                print(_("The computer could not be restarted: {why}.").format(
                    why=runner.restart_problem))
        return
    if result.succeeded:
        if reboot or (interactive and ask(_("Restart the computer now? [Y/n] "), default=True)):
            print(_("Restarting the computer…"), flush=True)
            runner.reboot()
            runner.wait(REBOOT_WAIT_S)
        else:
            print(_("{stopped} Restart it when you are ready.").format(stopped=runner.stop()))
        return
    if result.restarts_in is None:
        return
    if reboot or (interactive and not ask(
            _("Anaconda restarts the computer in about {minutes} minutes. Keep it running, to "
              "save the logs first? [Y/n] ").format(minutes=f"{result.restarts_in / 60:.0f}"),
            default=True)):
        print(_("Waiting for Anaconda to restart the computer…"), flush=True)
        runner.wait(result.restarts_in + 60)
    else:
        print(runner.stop())


def _install_unattended(args: argparse.Namespace) -> int:
    """DESIGN §3: validate, pre-flight, write the kickstart, run Anaconda (or, in a dry run,
    say what it would run), exit 0 only on reported success."""
    from functools import partial

    from veilor_installer.core.install.anaconda import describe_command
    from veilor_installer.core.install.answers import build_plan, load_answers
    from veilor_installer.core.install.job import (
        ChecksFailed,
        InstallJob,
        Stage,
        Written,
        live_command,
    )

    if not args.answers:
        raise InvalidInput(Text("--no-gui needs --answers FILE (an answers file, DESIGN §4)"))
    if args.smoke:
        raise InvalidInput(Text("--smoke builds the wizard: drop --no-gui"))
    if args.reboot and not args.live:
        raise InvalidInput(Text("{flag} is for --live installs (a dry run starts nothing)",
                                flag="--reboot"))
    reread = partial(read_machine, machine_file=args.machine, demo=args.demo)
    answers = load_answers(args.answers)
    warn_if_readable(args.answers)
    plan = build_plan(answers, reread())
    for warning in plan.warnings:
        print(_("veilor-installer: warning: {warning}").format(warning=warning),
              file=sys.stderr)
    print(plan.describe())
    if args.skip_preflight:
        print(_(SKIP_WARNING), file=sys.stderr)
    else:
        print("\n" + _("Pre-flight checks:"))

    def started(runner: AnacondaRunner) -> None:
        print("\n" + _("Installing veilor-os: {command}").format(
            command=describe_command(runner.command())), flush=True)

    real_machine = args.machine is None and not args.demo
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    job = InstallJob(plan, live=args.live, preflight=not args.skip_preflight,
                     output_dir=args.output, read_machine=reread,
                     sysfs_root="/sys" if real_machine else None, anaconda=args.anaconda,
                     on_check=_print_check,
                     on_event=_Display(tty=sys.stdout.isatty(), verbose=args.verbose),
                     on_started=started)
    end = _run_job(job)
    if isinstance(end, ChecksFailed) and end.stage is Stage.PREFLIGHT:
        raise OperationFailed(Text.plural(
            "{n} pre-flight check failed: {checks}. Nothing was changed.",
            "{n} pre-flight checks failed: {checks}. Nothing was changed.",
            len(end.failures), checks=", ".join(str(c.title) for c in end.failures)))
    if isinstance(end, ChecksFailed):
        raise OperationFailed(Text("the kickstart check failed: {why}. Nothing was changed.",
                                   why=end.failures[0].detail) if args.live else
                              Text("the kickstart check failed: {why}",
                                   why=end.failures[0].detail))
    if isinstance(end, Written):
        command = live_command(end.plan, anaconda=args.anaconda, runtime_dir=end.runtime_dir)
        print("\n" + _("Dry run: nothing was erased.\nWrote {kickstart}\n  and {secrets} "
                       "(holds the passphrase; delete it when done)\nWith --live the "
                       "kickstart goes to {folder}/ and Anaconda is run as:\n  {command}").format(
            kickstart=end.kickstart.ks_path, secrets=end.kickstart.secrets_path,
            folder=end.runtime_dir, command=command))
        return EXIT_OK
    _print_result(end.result)
    _after_run(end.runner, end.result, reboot=args.reboot, interactive=interactive)
    return EXIT_OK if end.result.succeeded else EXIT_FAILED
