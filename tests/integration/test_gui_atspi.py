"""What a screen reader gets from the secret entries, under a real AT-SPI bus (issue 10, 8).

Xvfb, a private session bus, at-spi2's bus launcher (which starts the accessibility bus and,
through it, the registry) and Qt with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``: the same path as
Orca's. tests/helpers/atspi/driver.py types, pastes, deletes, selects and replaces in each of
the 8 secret entries of both wizards; tests/helpers/atspi/listener.py, an AT-SPI client under
Debian's python3 (pyatspi is a Debian package), records every event the wizards send and, at the
end, every name, description and text their accessible trees expose. No character of a secret
may be in any of it, and the strength must reach the focused field's description in words.

Needs xvfb, at-spi2-core, dbus and python3-pyatspi (tools/bootstrap installs them); skipped,
saying which is missing, when they are not there.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import paths
from helpers.paths import REPO

LAUNCHER = next((p for p in ("/usr/libexec/at-spi-bus-launcher",
                             "/usr/lib/at-spi2-core/at-spi-bus-launcher") if Path(p).exists()),
                "")
SYSTEM_PYTHON = "/usr/bin/python3"
HERE = paths.HELPERS / "atspi"

# Each field's pieces: typed a key at a time, pasted, typed in the middle, typing over a
# selection, pasted again (Shift+Insert), pasted with the middle button, typed while "Show"
# is on. All distinct, none a word of the UI.
PIECES = ("typed", "pasted", "inserted", "replacing", "pasted_again", "middle", "while_shown")
_TYPED: dict[str, tuple[str, ...]] = {
    "encryption.passphrase": ("Qz7#vW", "-k9Lp-Xr2m-Hf4", "Gy", "Jt", "Uv8*Nc", "Rm5q", "Wo"),
    "encryption.passphraseConfirm": ("Bx4$qR", "-m3Tz-Kd8w", "Fj", "Lq", "Pz", "Tg8v", ""),
    "account.password": ("Vy2%hN", "-c5Qx-Jw7k-Rb", "Dz", "Mk", "Ej6+Tq", "Yp3c", "Xh"),
    "account.passwordConfirm": ("Zn9&wC", "-f2Yv-Gs6p", "Hq", "Nb", "Kx", "Kw6z", ""),
    "unlock.passphrase": ("Wq3@jL", "-v8Bn-Tc2h", "Yf", "Sd", "Ow", "Hd9x", ""),
    "unlock.pin": ("Jx5^kF", "-p4Mg", "Vc", "Rz", "Ub", "Qm2j", ""),
    "unlock.pinConfirm": ("Cz8~mD", "-h6Qs", "Wy", "Gk", "Ix", "Zv7b", ""),
    "join.payload": ("tq7Yh", "-Kv9Xm2Pz-Wd", "Bn", "Fw", "Lr4Cj", "Nx4f", "Sz"),
}
PLAN = {name: dict(zip(PIECES, pieces, strict=True)) for name, pieces in _TYPED.items()}
PASSWORD_TEXT = "password text"
FIELD_NAMES = {"Passphrase", "Confirm the passphrase", "Password", "Confirm the password",
               "The disk's current passphrase", "PIN", "Confirm the PIN",
               "Pre-auth key or join code"}
STRONG = {"encryption.passphrase": "Passphrase", "account.password": "Password"}
"""The fields rated, by accessible name: the strength must reach their description."""


def _missing() -> list[str]:
    missing = [name for name, found in (
        ("xvfb", shutil.which("Xvfb")), ("dbus", shutil.which("dbus-daemon")),
        ("at-spi2-core", LAUNCHER), ("dbus-send", shutil.which("dbus-send")))
        if not found]
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True,
            check=False).returncode:
        missing.append("python3-pyatspi")
    return missing


def _stat(pid: int) -> tuple[str, int, int] | None:
    """A process's state, parent and start time (which tells it from a later one given the
    same pid); None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return fields[0], int(fields[1]), int(fields[19])


def _alive(pid: int, started: int) -> bool:
    """Still that process, and not a zombie."""
    stat = _stat(pid)
    return stat is not None and stat[2] == started and stat[0] != "Z"


def _subreaper(on: bool) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(36, int(on), 0, 0, 0):  # PR_SET_CHILD_SUBREAPER
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


class Processes:
    """Every process the test starts, and every process they start (the accessibility bus,
    the registry it activates): all ended by ``close``, which checks none is left."""

    def __init__(self, *, adopt: bool = False) -> None:
        """``adopt``: this process becomes the subreaper of what they start, so that a
        daemon that detaches (the registry, activated by the accessibility bus) is still
        ours to end and to reap."""
        self.started: list[subprocess.Popen[Any]] = []
        self.adopt = adopt
        if adopt:
            _subreaper(True)

    def start(self, argv: list[str], **kwargs: Any) -> subprocess.Popen[Any]:
        process = subprocess.Popen(argv, start_new_session=True, **kwargs)
        self.started.append(process)
        return process

    def _family(self) -> dict[int, tuple[int, int]]:
        """pid → (start time, depth) of the started processes and their descendants."""
        children: dict[int, list[int]] = {}
        stats = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
                stats[int(entry.name)] = stat
                children.setdefault(stat[1], []).append(int(entry.name))
        family: dict[int, tuple[int, int]] = {}
        todo = [(p.pid, 0) for p in self.started if p.pid in stats]
        if self.adopt and self.started:
            ours = {p.pid for p in self.started}
            first = min(stats[p][2] for p in ours if p in stats) if ours & stats.keys() else 0
            todo += [(pid, 1) for pid in children.get(os.getpid(), [])
                     if pid not in ours and stats[pid][2] >= first]
        while todo:
            pid, depth = todo.pop()
            if pid not in family:
                family[pid] = (stats[pid][2], depth)
                todo.extend((child, depth + 1) for child in children.get(pid, []))
        return family

    def close(self) -> None:
        family = self._family()
        # The deepest first, each then reaped by its parent; only processes that are still
        # the ones found (a pid is never signalled after it may have been reused).
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid, (started, _depth) in sorted(family.items(), key=lambda f: -f[1][1]):
                if _alive(pid, started):
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, sig)
                    deadline = time.monotonic() + 3
                    while _alive(pid, started) and time.monotonic() < deadline:
                        time.sleep(0.02)
            for process in self.started:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(3)
        ours = {p.pid for p in self.started}
        for pid in family:  # adopted ones are ours to reap
            if pid not in ours and (stat := _stat(pid)) is not None and stat[1] == os.getpid():
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
        if self.adopt:
            _subreaper(False)
        for process in self.started:
            for pipe in (process.stdin, process.stdout, process.stderr):
                if pipe is not None:
                    pipe.close()
        left = [pid for pid, (started, _d) in family.items() if _alive(pid, started)]
        assert not left, f"processes left running: {left}"


def _read_fd(fd: int, timeout: float) -> str:
    """What a child writes on a pipe, up to its first newline."""
    os.set_blocking(fd, False)
    data = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data:
        if time.monotonic() > deadline:
            raise AssertionError(f"no answer in {timeout} s (got {data!r})")
        try:
            chunk = os.read(fd, 4096)
        except BlockingIOError:
            time.sleep(0.02)
            continue
        if not chunk:
            break
        data += chunk
    return data.decode().strip()


@pytest.fixture
def atspi_bus(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Xvfb, a session bus and the accessibility bus: the environment for the clients."""
    missing = _missing()
    if missing:
        pytest.skip("needs " + ", ".join(missing) + " (tools/bootstrap installs them)")
    processes = Processes(adopt=True)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DBUS_", "AT_SPI", "QT_", "DISPLAY", "WAYLAND", "XDG_"))}
    env.update(HOME=str(tmp_path), XDG_RUNTIME_DIR=str(runtime), NO_AT_BRIDGE="0")
    try:
        read, write = os.pipe()
        processes.start(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-noreset",
                         "-screen", "0", "1280x1024x24"], pass_fds=(write,),
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        os.close(write)
        env["DISPLAY"] = ":" + _read_fd(read, 20)
        os.close(read)
        read, write = os.pipe()
        processes.start(["dbus-daemon", "--session", "--nofork", "--nopidfile",
                         f"--print-address={write}"], pass_fds=(write,), env=env,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        env["DBUS_SESSION_BUS_ADDRESS"] = _read_fd(read, 20)
        os.close(read)
        processes.start([LAUNCHER, "--launch-immediately", "--a11y=1"], env=env,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while subprocess.run(
                ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus",
                 "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
                env=env, capture_output=True, check=False, timeout=20).returncode:
            assert time.monotonic() < deadline, "the accessibility bus did not come up"
            time.sleep(0.1)
        yield env
    finally:
        processes.close()


class Client:
    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def expect(self, prefix: str, timeout: float) -> str:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + timeout
        while True:
            line = _read_fd(fd, max(0.1, deadline - time.monotonic()))
            if line.startswith(prefix):
                return line[len(prefix):].strip()
            if not line and self.process.poll() is not None:
                raise AssertionError(f"{self.process.args[1]} ended ({self.process.returncode})")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_no_secret_reaches_assistive_technology(atspi_bus: dict[str, str],
                                                tmp_path: Path) -> None:
    env = atspi_bus
    processes = Processes()
    try:
        sysroot = tmp_path / "sysroot"
        (sysroot / "sys/class/tpm/tpm0").mkdir(parents=True)  # the TPM2+PIN choice: 2 PINs
        plan = tmp_path / "plan.json"
        plan.write_text(json.dumps(PLAN))
        events = tmp_path / "atspi.jsonl"
        listener = Client(processes.start(
            [SYSTEM_PYTHON, str(HERE / "listener.py"), str(events), "veilor-atspi-driver"],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1))
        listener.expect("ready", 30)
        driver_env = {**env, "QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
                      "VEILOR_SYSROOT": str(sysroot), "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8",
                      "LANGUAGE": "en", "PYTHONPATH": str(REPO)}
        driver = Client(processes.start(
            [sys.executable, str(HERE / "driver.py"), str(plan), str(tmp_path / "out")],
            env=driver_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
            cwd=REPO))
        driver.expect("shown", 60)
        listener.send("find")
        listener.expect("found", 30)
        time.sleep(1)  # the listener's registration reaches the application's bridge
        driver.send("go")
        result = json.loads(driver.expect("done", 120))
        time.sleep(1)  # the last events arrive
        listener.send("walk")
        listener.expect("walked", 60)
        listener.send("quit")
        driver.send("quit")
        for client in (listener, driver):
            assert client.process.wait(30) == 0
    finally:
        processes.close()

    records = [json.loads(line) for line in events.read_text().splitlines()]
    _check(records, result)


def _edited(p: dict[str, str]) -> str:
    """The text that driver.py's keys leave: typed, pasted, 2 left and typed, Backspace,
    Delete, the first 2 typed over, the last 2 deleted, pasted at the end twice, typed while
    shown and one deleted."""
    text = p["typed"] + p["pasted"]
    at = len(text) - 2
    text = text[:at] + p["inserted"] + text[at:]
    at += len(p["inserted"])
    text = text[:at - 1] + text[at + 1:]
    text = p["replacing"] + text[2:]
    return text[:-2] + p["pasted_again"] + p["middle"] + p["while_shown"][:-1]


def _check(records: list[dict[str, Any]], result: dict[str, Any]) -> None:
    pieces = {name: [p for p in fields.values() if p] for name, fields in PLAN.items()}
    texts: dict[str, str] = result["texts"]
    secret_chars = {c for parts in pieces.values() for part in parts for c in part}
    fragments = {text[i:i + 3] for parts in (*pieces.values(), list(texts.values()))
                 for text in parts for i in range(len(text) - 2)}
    # What the driver typed is in the fields, edited as a QLineEdit edits.
    assert texts == {name: _edited(pieces) for name, pieces in PLAN.items()}

    events = [r for r in records if r["kind"] == "event"]
    tree = [r for r in records if r["kind"] == "tree"]
    assert not [r for r in records if r["kind"] == "error"][:1]
    # The 8 entries are there, announced as password fields.
    fields = [r for r in tree if r.get("name") in FIELD_NAMES]
    assert sorted(r["name"] for r in fields) == sorted(FIELD_NAMES), fields
    assert {r["role"] for r in fields} == {PASSWORD_TEXT}
    assert all(r["editable"] for r in fields)

    # Each entry sent its typing, pasting and deleting (a check that looks at nothing
    # passes for nothing): inserts and deletes from every field.
    for kind in ("object:text-changed:insert", "object:text-changed:delete"):
        sources = {e["source"].get("name") for e in events if e["type"] == kind}
        assert sources >= FIELD_NAMES, (kind, FIELD_NAMES - sources)

    leaks = []
    for record in records:
        source = record.get("source", record)
        secret_field = (source.get("role") == PASSWORD_TEXT or source.get("name") in FIELD_NAMES)
        for value in _strings(record):
            if any(fragment in value for fragment in fragments):
                leaks.append((record.get("type", "tree"), value))
        if secret_field:  # not one character, in an event's data or in the Text interface
            data = record.get("any_data") if record.get("type", "").startswith(
                "object:text") else None
            for value in _strings([data, source.get("text"), source.get("at_offsets")]):
                if set(value) & secret_chars:
                    leaks.append((record.get("type", "tree"), value))
    kinds = sorted({kind for kind, _value in leaks})
    assert not leaks, f"{len(leaks)} leaks ({', '.join(kinds)}), the first: {leaks[:8]}"

    # The strength, in words, in the description of the field that has the focus.
    for name in STRONG.values():
        spoken = [e["any_data"] for e in events
                  if e["type"] == "object:property-change:accessible-description"
                  and e["source"].get("name") == name
                  and "focused" in e["source"].get("states", [])]
        assert "Strength: very strong" in spoken, (name, spoken)
        # The first, short piece was refused: said in words too, as the page's problem.
        assert any("(weak)" in said or "(very weak)" in said for said in spoken), spoken
