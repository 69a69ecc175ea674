#!/usr/bin/env python3
"""A fake of ``anaconda --cmdline --kickstart=FILE`` (Anaconda 43, research/anaconda.md §3).

It parses the kickstart it is given with pykickstart F43 (following its ``%include``), records
its argv and environment keys to ``$VEILOR_FAKE_DIR/calls.jsonl``, writes the real log files
(anaconda.log with the install queue's "Queue started: … (n/N)" / "Task started: … (n/N)" lines,
program.log, packaging.log, storage.log, ks-script-*.log) into ``$VEILOR_ANACONDA_LOG_DIR``
and prints the real messages. ``VEILOR_FAKE_ANACONDA`` chooses the ending:

- success: every task, "Installation complete. Press ENTER to quit: ", waits for stdin; Enter
  or end of input → exit 0 and "restart" (the exit handler; writes ``$VEILOR_FAKE_DIR/rebooted``);
- payload-fail: the image pull fails; prints "The installation was stopped due to an error…",
  runs the kickstart's ``%onerror`` scripts for real, sleeps 180 s, exits 1 and restarts;
- reject: "An error occurred during reading the kickstart file…", sleeps 10 s, exits 1 (no
  restart: that is before the exit handler is registered);
- crash: a traceback on stderr and an anaconda-tb file, exit 1 without the usual text and
  without the exit handler;
- hang: goes silent during the image pull;
- flood: like success, but first streams ``VEILOR_FAKE_FLOOD_RATE`` lines a second (default
  10,000) for ``VEILOR_FAKE_FLOOD_SECONDS`` (default 10) to its output and to program.log, as
  a chatty image pull does (for the benchmarks; not scaled by the speed).

``VEILOR_FAKE_ANACONDA_SYSTEM`` is the system type Anaconda takes itself for: ``boot-iso``
(the default: its exit handler restarts the computer) or ``live`` (Anaconda 43's LIVE_OS: it
does not).

``VEILOR_FAKE_ANACONDA_SPEED`` scales every pause (0.01: the 180 s sleep takes 1.8 s). The
moment each ending is signalled is recorded (``"signal"``) so tests can time the runner.

It is leaky on purpose: storage.log gets the LUKS passphrase (as typed and as quoted) and
program.log the password hash, and the crash traceback quotes the passphrase, as a careless
module could; the tests prove none of it reaches the log bundle, the events or the result.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import traceback
from typing import Any

from veilor_installer.demo import calls

FAKE_DIR = os.environ["VEILOR_FAKE_DIR"]
MODE = os.environ.get("VEILOR_FAKE_ANACONDA", "success")
SPEED = float(os.environ.get("VEILOR_FAKE_ANACONDA_SPEED", "1"))
LOG_DIR = os.environ.get("VEILOR_ANACONDA_LOG_DIR", "/tmp")
TASK_PAUSE = 0.2

QUEUES: list[tuple[str, str, list[str]]] = [
    ("Installation environment setup", "Setting up the installation environment",
     ["Configure the installation environment", "Set up the addons"]),
    ("Early storage configuration", "Configuring storage",
     ["Create storage layout", "Mount file systems", "Write early storage"]),
    ("Pre-install scripts", "Running pre-installation scripts", ["Run %pre-install scripts"]),
    ("Pre install tasks", "Running pre-installation tasks",
     ["Configure NTP service", "Copy resolv.conf to sysroot", "Run pre-installation tasks"]),
    ("Payload installation", "Installing.", ["Install the payload"]),
    ("Late storage configuration", "Configuring storage", ["Write the storage configuration"]),
    ("Bootloader installation", "Installing boot loader", ["Install the bootloader"]),
    ("Post-installation setup tasks", "Performing post-installation setup tasks",
     ["Run post-installation setup tasks"]),
    ("Installed system configuration", "Configuring installed system",
     ["Configure the security", "Configure the services", "Configure the timezone",
      "Configure the localization", "Create users and groups"]),
    ("Network configuration", "Writing network configuration", ["Network configuration"]),
    ("Post installation scripts", "Running post-installation scripts",
     ["Run post installation scripts"]),
    ("Write configs and kickstarts", "Storing configuration files and kickstarts",
     ["Store kickstarts", "Copy installation logs"]),
]


def record(**fields: object) -> None:
    calls.record("anaconda", **fields)


def pause(seconds: float) -> None:
    time.sleep(seconds * SPEED)


def say(text: str, end: str = "\n") -> None:
    sys.stdout.write(text + end)
    sys.stdout.flush()


class Logs:
    """Anaconda's log files, in its format: "HH:MM:SS,mmm LVL logger: message"."""

    def __init__(self) -> None:
        os.makedirs(LOG_DIR, exist_ok=True)

    def write(self, name: str, level: str, logger: str, message: str) -> None:
        now = time.time()
        stamp = time.strftime("%H:%M:%S", time.localtime(now)) + f",{int(now % 1 * 1000):03d}"
        with open(os.path.join(LOG_DIR, name), "a", encoding="utf-8") as fh:
            for line in message.split("\n"):
                fh.write(f"{stamp} {level} {logger}: {line}\n")

    def main(self, message: str, level: str = "INF") -> None:
        self.write("anaconda.log", level, "anaconda.core.util", message)


def parse_kickstart(path: str) -> Any:
    from pykickstart.parser import KickstartParser
    from pykickstart.version import F43, makeVersion

    handler = makeVersion(F43)
    KickstartParser(handler, missingIncludeIsFatal=True).readKickstart(path)
    return handler


def summary(handler: Any) -> dict[str, Any]:
    """What the kickstart asked for, without its secrets."""
    parts = handler.partition.partitions
    return {
        "url": handler.ostreecontainer.url,
        "transport": handler.ostreecontainer.transport,
        "disks": list(handler.ignoredisk.onlyuse),
        "encrypted_parts": sum(1 for p in parts if p.encrypted),
        "encrypted_with_passphrase": sum(1 for p in parts if p.encrypted and p.passphrase),
        "scripts": [s.type for s in handler.scripts],
        "lang": handler.lang.lang,
    }


def run_onerror(handler: Any, logs: Logs) -> None:
    """Run the %onerror scripts as Anaconda does: written to a file, run by their interpreter,
    output to /tmp/ks-script-XXXX.log."""
    from pykickstart.constants import KS_SCRIPT_ONERROR

    for n, script in enumerate(s for s in handler.scripts if s.type == KS_SCRIPT_ONERROR):
        name = f"ks-script-fake{os.getpid()}{n}"
        body = os.path.join(LOG_DIR, name)
        with open(body, "w", encoding="utf-8") as fh:
            fh.write(script.script)
        logs.main(f"Running kickstart %%onerror script(s)\nrunning {body}")
        with open(os.path.join(LOG_DIR, name + ".log"), "w", encoding="utf-8") as out:
            subprocess.run([script.interp or "/bin/sh", body], stdout=out,
                           stderr=subprocess.STDOUT, check=False)
        os.unlink(body)


def restart(reason: str) -> None:
    """The exit handler of a BOOT_ISO install: `systemctl reboot` (none in a LIVE_OS one)."""
    if os.environ.get("VEILOR_FAKE_ANACONDA_SYSTEM", "boot-iso") == "live":
        record(event="exit-without-restart", reason=reason)
        return
    with open(os.path.join(FAKE_DIR, "rebooted"), "w", encoding="utf-8") as fh:
        fh.write(reason + "\n")
    record(event="reboot", reason=reason)


def banner() -> None:
    say("Starting installer, one moment...")
    say("anaconda 43.48-1.fc43 for Fedora 43 started.")
    say(" * installation log files are stored in /tmp during the installation")
    say(" * shell is available in TTY2")
    say(" * when reporting a bug add logs from /tmp as separate text/plain attachments")


def fail_payload(handler: Any, logs: Logs, url: str) -> int:
    command = (f"ostree container image deploy --sysroot=/mnt/sysroot --image={url} "
               f"--transport={handler.ostreecontainer.transport} --stateroot=default")
    host = url.split("/", 1)[0]
    error = (f"error: Performing deployment: Creating importer: failed to invoke method "
             f"OpenImage: pinging container registry {host}: Get \"https://{host}/v2/\": dial "
             f"tcp: lookup {host}: no such host")
    logs.write("program.log", "INF", "program", f"Running... {command}\n{error}")
    logs.write("packaging.log", "ERR", "packaging", f"The command '{command}' exited with the "
               "code 1")
    message = f"The command '{command}' exited with the code 1:\n{error}"
    logs.main("Thread Done: AnaInstallThread (140000000000000)")
    logs.main("Non interactive installation failed: " + message, "CRT")
    logs.main("NonInteractiveError: Non interactive installation failed: " + message, "ERR")
    say("\nThe installation was stopped due to an error which occurred while running in "
        "non-interactive cmdline mode. Since there cannot be any questions in cmdline mode, edit "
        "your kickstart file and retry installation. \nThe exact error message is: \n\n"
        f"{message}. \n\nThe installer will now terminate.")
    record(event="signal", what="failed")
    run_onerror(handler, logs)
    pause(180)
    restart("failed")
    return 1


def crash(logs: Logs, passphrase: str) -> int:
    try:
        raise RuntimeError(f"could not unlock luks-0b9c: wrong passphrase '{passphrase}'")
    except RuntimeError:
        text = traceback.format_exc()
    with open(os.path.join(LOG_DIR, f"anaconda-tb-fake{os.getpid()}"), "w",
              encoding="utf-8") as fh:
        fh.write("anaconda 43.48-1.fc43 exception report\n" + text)
    logs.main(text, "CRT")
    sys.stderr.write(text)
    sys.stderr.flush()
    record(event="signal", what="crashed")
    os._exit(1)  # dies without the exit handler, as a fatal signal would


def flood(logs: Logs) -> None:
    """Stream lines at a steady rate, in 10 ms batches."""
    rate = int(os.environ.get("VEILOR_FAKE_FLOOD_RATE", "10000"))
    seconds = float(os.environ.get("VEILOR_FAKE_FLOOD_SECONDS", "10"))
    per_batch = max(rate // 100, 1)
    start = time.monotonic()
    record(event="signal", what="flood-start")
    n = 0
    with open(os.path.join(LOG_DIR, "program.log"), "a", encoding="utf-8") as program:
        while time.monotonic() - start < seconds:
            batch = "".join(f"Copying blob sha256:{n + i:064x} {n + i} / 123456 bytes\n"
                            for i in range(per_batch))
            n += per_batch
            sys.stdout.write(batch)
            sys.stdout.flush()
            program.write(batch)
            program.flush()
            delay = start + n / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    record(event="signal", what="flood-end", lines=n)


def main() -> int:
    record(argv=sys.argv, env=sorted(os.environ))
    args = sys.argv[1:]
    kickstart = next((a.split("=", 1)[1] for a in args if a.startswith("--kickstart=")), None)
    if "--cmdline" not in args or not kickstart:
        sys.stderr.write("usage: anaconda [--cmdline] [--kickstart KICKSTART]\n")
        return 2
    banner()
    logs = Logs()
    logs.main(f"Parsing kickstart: {kickstart}")
    try:
        handler = parse_kickstart(kickstart)
        problem = "" if MODE != "reject" else (
            "The following problem occurred on line 7 of the kickstart file:\n\n"
            "no such option: --vckeymap")
    except Exception as exc:  # pykickstart's KickstartError, a missing %include …
        handler, problem = None, str(exc)
    if problem:
        logs.main(problem, "ERR")
        say(f"\nAn error occurred during reading the kickstart file:\n{problem.strip()}\n\n"
            "The installer will now terminate.")
        record(event="signal", what="rejected")
        pause(10)
        return 1
    record(event="kickstart", **summary(handler))
    passphrase = next((p.passphrase for p in handler.partition.partitions if p.passphrase), "")
    url = handler.ostreecontainer.url
    disk = (list(handler.ignoredisk.onlyuse) or ["sda"])[0]
    part = f"{disk}p" if disk[-1].isdigit() else disk
    logs.write("storage.log", "DBG", "blivet", f"new LUKS format with passphrase {passphrase} "
               f"and --passphrase=\"{passphrase}\"")
    logs.write("program.log", "INF", "program",
               f"Running in chroot '/mnt/sysroot'... usermod -p {handler.user.userList[0].password}"
               f" {handler.user.userList[0].name}")
    if MODE == "flood":
        flood(logs)
    tasks = sum(len(t) for _, _, t in QUEUES)
    queues = len(QUEUES) + 2
    queue_n = task_n = 0
    logs.main("Installation has started.")
    say("=" * 80 + "\nProgress\n")
    for position, (queue, message, names) in enumerate(QUEUES):
        if position in (0, 7):  # the installation queue, then the configuration queue
            queue_n += 1
            top = "Installation queue" if position == 0 else "Configuration queue"
            logs.main(f"Queue started: {top} ({queue_n}/{queues})")
        queue_n += 1
        logs.main(f"Queue started: {queue} ({queue_n}/{queues})")
        say(message)
        for name in names:
            task_n += 1
            logs.main(f"Task started: {name} ({task_n}/{tasks})")
            if MODE == "crash" and name == "Set up the addons":
                return crash(logs, passphrase)
            if name == "Create storage layout":
                for line in (f"Creating disklabel on /dev/{disk}",
                             f"Creating efi on /dev/{part}1", f"Creating ext4 on /dev/{part}2",
                             f"Creating luks on /dev/{part}3",
                             "Creating btrfs on /dev/mapper/luks-0b9c"):
                    say(line)
                    logs.write("storage.log", "INF", "blivet", line)
            if name == "Install the payload":
                say(f"Deployment starting: {url}")
                logs.write("packaging.log", "INF", "packaging", f"Deployment starting: {url}")
                if MODE == "payload-fail":
                    return fail_payload(handler, logs, url)
                if MODE == "hang":
                    record(event="signal", what="hung")
                    time.sleep(3600)
                    return 1
                logs.write("program.log", "INF", "program",
                           f"Running... ostree container image deploy --sysroot=/mnt/sysroot "
                           f"--image={url} --transport={handler.ostreecontainer.transport}")
                say(f"Deployment complete: {url}")
            pause(TASK_PAUSE)
            say(".", end="")
            logs.main(f"Task completed: {name} ({task_n}/{tasks}) (0.2 s)", "DBG")
        say("")
    logs.main("All tasks in the installation queue are done. Installation successfully "
              "finished.")
    say("Installation complete. Press ENTER to quit: ", end="")
    record(event="signal", what="complete")
    line = sys.stdin.readline()
    record(event="input", what="enter" if line == "\n" else "eof")
    restart("complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
