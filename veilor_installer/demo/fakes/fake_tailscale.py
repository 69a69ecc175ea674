#!/usr/bin/env python3
"""A fake of the tailscale CLI (1.80+) against a Headscale 0.29 server, as research/mesh.md
§1.3 and §2 describe them: ``up`` and ``status --json``.

The server's behaviour is ``VEILOR_FAKE_TAILSCALE``:
``success`` (default), ``expired``, ``used``, ``invalid`` (Headscale's answers, printed as
``backend error: <text>``, exit 1), ``unreachable`` (no answer: waits out ``--timeout`` and
prints tailscale's timeout message; the wait is scaled by ``VEILOR_FAKE_TIME_SCALE``),
``hang`` (ignores ``--timeout``, as ``tailscale up`` without it blocks forever),
``daemon-down`` (tailscaled started but not answering: every command says it is not running).
``VEILOR_FAKE_TAILSCALE_TAGS`` (comma-separated, default ``tag:guest``) are the tags the key
carries. tailscaled is "running" when the fake systemctl's units.json says it is active.
A key used once is remembered (by hash) and refused the second time, as single-use keys are.
The key itself is never recorded: only where it came from, the file's mode and a hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import time

from veilor_installer.demo import calls

FAKE_DIR = os.environ["VEILOR_FAKE_DIR"]
STATE = os.path.join(FAKE_DIR, "tailscale.json")
DAEMON_DOWN = ("failed to connect to local tailscaled; it doesn't appear to be running "
               "(sudo systemctl start tailscaled ?)\n")
TIMEOUT = ("timeout waiting for Tailscale service to enter a Running state; check health with "
           "\"tailscale status\"\n")
ANSWERS = {"expired": "authkey expired", "used": "authkey already used",
           "invalid": "invalid pre auth key"}
UP_FLAGS = {"reset", "login-server", "auth-key", "authkey", "hostname", "accept-dns",
            "accept-routes", "timeout", "json", "advertise-tags", "force-reauth", "qr",
            "operator"}


def record(**fields: object) -> None:
    calls.record("tailscale", **fields)


def load(path: str, default: object) -> object:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return default


def save(state: dict[str, object]) -> None:
    with open(STATE, "w", encoding="utf-8") as fh:
        json.dump(state, fh)


def daemon_running() -> bool:
    if os.environ.get("VEILOR_FAKE_TAILSCALE") == "daemon-down":  # started, then crashed
        return False
    units = load(os.path.join(FAKE_DIR, "units.json"), {})
    assert isinstance(units, dict)
    unit = units.get("tailscaled")
    return isinstance(unit, dict) and bool(unit.get("active"))


def duration(text: str) -> float:
    """A Go duration (``60s``, ``1m30s``, ``500ms``) in seconds."""
    total = 0.0
    for number, unit in re.findall(r"([0-9.]+)(ms|s|m|h)", text):
        total += float(number) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]
    return total


def status_json(state: dict[str, object]) -> dict[str, object]:
    running = state.get("BackendState") == "Running"
    ips = list(state.get("ips", [])) if running else []  # type: ignore[call-overload]
    me: dict[str, object] = {
        "ID": "n6aTxz7CNTRL", "PublicKey": "nodekey:3a1f…", "HostName": state.get("hostname", ""),
        "DNSName": f"{state.get('hostname', '')}.mesh.veilor.net." if running else "",
        "OS": "linux", "UserID": 2147455555, "TailscaleIPs": ips, "Online": running,
        "ExitNode": False, "Active": False, "KeyExpiry": "0001-01-01T00:00:00Z",
    }
    if running and state.get("tags"):
        me["Tags"] = state["tags"]
    return {
        "Version": "1.80.3-t8b1b2c6f4", "TUN": True,
        "BackendState": state.get("BackendState", "NeedsLogin"),
        "HaveNodeKey": running, "AuthURL": "", "TailscaleIPs": ips, "Self": me,
        "Health": [] if running else ["not logged in, last login error=<nil>"],
        "MagicDNSSuffix": "mesh.veilor.net" if running else "",
        "CurrentTailnet": {"Name": "veilor", "MagicDNSSuffix": "mesh.veilor.net",
                           "MagicDNSEnabled": True} if running else None,
        "Peer": None, "User": None, "ClientVersion": None,
    }


def parse_flags(args: list[str]) -> dict[str, str] | None:
    flags: dict[str, str] = {}
    for arg in args:
        if not arg.startswith("-"):
            sys.stderr.write(f"too many non-flag arguments: {arg!r}\n")
            return None
        name, _, value = arg.lstrip("-").partition("=")
        if name not in UP_FLAGS:
            sys.stderr.write(f"flag provided but not defined: -{name}\n")
            return None
        flags["auth-key" if name == "authkey" else name] = value if "=" in arg else "true"
    return flags


def up(args: list[str]) -> int:
    flags = parse_flags(args)
    if flags is None:
        return 2
    if not daemon_running():
        sys.stderr.write(DAEMON_DOWN)
        return 1
    state = load(STATE, {})
    assert isinstance(state, dict)
    server = flags.get("login-server", "https://controlplane.tailscale.com")
    if (state.get("BackendState") == "Running" and state.get("server") != server
            and "force-reauth" not in flags):
        sys.stderr.write("Error: can't change --login-server without --force-reauth\n")
        return 1
    if "reset" not in flags and state:
        sys.stderr.write("Error: changing settings via 'tailscale up' requires mentioning all\n"
                         "non-default flags. To proceed, either re-run your command with "
                         "--reset or use the command below to explicitly mention the current "
                         "value of all non-default settings:\n\n\ttailscale up "
                         f"--login-server={state.get('server')}\n")
        return 1
    source = flags.get("auth-key", "")
    if source.startswith("file:"):
        path = source[5:]
        try:
            info = os.stat(path)
            with open(path, encoding="utf-8") as fh:
                key = fh.read().strip()
        except OSError as exc:
            why = (exc.strerror or str(exc)).lower()
            sys.stderr.write(f"resolving --auth-key: open {path}: {why}\n")
            return 1
        record(keyfile={"path": path, "mode": oct(stat.S_IMODE(info.st_mode)),
                        "sha256": hashlib.sha256(key.encode()).hexdigest()})
    else:
        key = source
        record(keyfile=None)
    mode = os.environ.get("VEILOR_FAKE_TAILSCALE", "success")
    timeout = duration(flags.get("timeout", "0s"))
    scale = float(os.environ.get("VEILOR_FAKE_TIME_SCALE", "1"))
    if mode == "hang" or (mode == "unreachable" and timeout == 0):
        time.sleep(3600)  # tailscale up blocks forever; the caller's own timeout ends it
        return 1
    if mode == "unreachable":
        time.sleep(timeout * scale)
        sys.stderr.write(TIMEOUT)
        return 1
    used = load(os.path.join(FAKE_DIR, "used-keys.json"), [])
    assert isinstance(used, list)
    digest = hashlib.sha256(key.encode()).hexdigest()
    answer = ANSWERS.get(mode) or ("authkey already used" if digest in used else None)
    if answer:
        sys.stderr.write(f"backend error: {answer}\n")
        return 1
    used.append(digest)
    with open(os.path.join(FAKE_DIR, "used-keys.json"), "w", encoding="utf-8") as fh:
        json.dump(used, fh)
    joins = int(state.get("joins", 0)) + 1
    tags = [t for t in os.environ.get("VEILOR_FAKE_TAILSCALE_TAGS", "tag:guest").split(",") if t]
    save({"BackendState": "Running", "server": server, "hostname": flags.get("hostname", ""),
          "ips": [f"100.64.0.{6 + joins}", f"fd7a:115c:a1e0::{6 + joins}"], "tags": tags,
          "joins": joins, "accept-dns": flags.get("accept-dns", "true")})
    if "json" in flags:
        print(json.dumps({"BackendState": "Running"}, indent="  "))
    return 0


def main() -> int:
    argv = sys.argv[1:]
    record(argv=sys.argv)
    if not argv:
        sys.stderr.write("tailscale: missing subcommand\n")
        return 2
    if argv[0] == "up":
        return up(argv[1:])
    if argv[0] == "status":
        if not daemon_running():
            sys.stderr.write(DAEMON_DOWN)
            return 1
        state = load(STATE, {})
        assert isinstance(state, dict)
        if "--json" in argv:
            print(json.dumps(status_json(state), indent="  "))
            return 0
        if state.get("BackendState") != "Running":
            print("Logged out.")
            return 1
        print(f"{state['ips'][0]}  {state.get('hostname')}  tagged-devices  linux  -")
        return 0
    sys.stderr.write(f"tailscale: unknown subcommand {argv[0]!r}\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
