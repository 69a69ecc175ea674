"""The inside of a private world with the real polkitd and pkexec
(tests/integration/test_pkexec_polkit.py).

Run as root by the test, already inside its own mount and cgroup namespaces (``unshare --mount
--cgroup --propagation private``) and inside the test's own cgroup, so nothing here is seen by
the computer and everything started here is killed with that cgroup. It:

- mounts a tmpfs over /run (the bus socket goes in /run/dbus) and binds the world's copies over
  /run/systemd (logind's state), /usr/share/polkit-1/actions (the shipped policy and polkit's
  own), /etc/polkit-1/rules.d (the ISO's rule) and /home; lays the world's programs over
  /usr/bin (a read-only overlay: the fake Anaconda, the helper as the package installs it, a
  fake systemctl) and over /usr/local/sbin (fakes of modprobe, getenforce, setenforce and
  udevadm: first on the helper's PATH);
- starts a system bus (``dbus-daemon`` with a system-like configuration listening on
  /run/dbus/system_bus_socket) and ``polkitd`` on it;
- runs each step as its user (``setpriv``), in the login session the step names, with the
  user's runtime folder /run/user/UID made and named in XDG_RUNTIME_DIR as logind and
  pam_systemd do for a session, and records exit code and output; then stops polkitd and the
  bus.

There is no systemd-logind here (no systemd as PID 1). polkitd learns a subject's session,
seat and state from logind through libsystemd: ``sd_pid_get_session`` (the process's cgroup,
``…/user-UID.slice/session-ID.scope``), ``sd_session_get_seat`` and ``sd_uid_get_state``
(/run/systemd/sessions/ID, /run/systemd/users/UID). This script plays logind's part in exactly
that: it writes those state files in logind's format and puts the step's process in the
session's cgroup, so the real polkitd decides local and active through its real code.

argv: CONFIG.json (see ``main``). Output: the results JSON file the config names.
"""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

POLKITD = "/usr/lib/polkit-1/polkitd"
SOCKET = "/run/dbus/system_bus_socket"
# The session a step asks for: seat (local), and the user's state (active or online).
SESSIONS = {"active": ("seat0", "active"), "inactive": ("seat0", "online"),
            "remote": ("", "active")}


def mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True)


def prepare(root: Path, expose: list[str]) -> None:
    """``expose``: folders under /root the users must reach (this machine's Python lives in
    root's home, 0700): bound into a tmpfs laid over /root, here only."""
    if expose:
        for number, path in enumerate(expose):
            (root / "exposed" / str(number)).mkdir(parents=True, exist_ok=True)
            mount("--bind", path, str(root / "exposed" / str(number)))
        mount("-t", "tmpfs", "-o", "mode=0755", "tmpfs", "/root")
        for number, path in enumerate(expose):
            os.makedirs(path, exist_ok=True)
            mount("--bind", str(root / "exposed" / str(number)), path)
    # a /run of its own: the bus socket, logind's state, whatever root writes there
    mount("-t", "tmpfs", "-o", "mode=0755", "tmpfs", "/run")
    for folder in ("/run/dbus", "/run/systemd"):
        os.mkdir(folder, 0o755)
    mount("--bind", str(root / "systemd"), "/run/systemd")
    mount("--bind", str(root / "actions"), "/usr/share/polkit-1/actions")
    mount("--bind", str(root / "rules"), "/etc/polkit-1/rules.d")
    mount("--bind", str(root / "home"), "/home")
    mount("-t", "overlay", "overlay", "-o", f"lowerdir={root / 'bin'}:/usr/bin", "/usr/bin")
    # first on the helper's PATH: programs it must not find for real (modprobe, setenforce)
    mount("-t", "overlay", "overlay", "-o", f"lowerdir={root / 'sbin'}:/usr/local/sbin",
          "/usr/local/sbin")


def bus_has(name: str) -> bool:
    done = subprocess.run(["dbus-send", "--system", "--print-reply", "--dest=org.freedesktop.DBus",
                           "/", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
                          capture_output=True, text=True, timeout=10, check=False)
    return "boolean true" in done.stdout


def wait_for(condition: Any, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up within {timeout:g} s")
        time.sleep(0.05)


def write_session(root: Path, cgroup: Path, user: str, number: int, kind: str) -> Path | None:
    """logind's state for one session of ``user`` (as systemd 252 writes it), and its cgroup;
    None (and no state) for ``none``: a process outside any login session."""
    entry = pwd.getpwnam(user)
    uid, session = entry.pw_uid, f"c{number}"
    users = root / "systemd" / "users" / str(uid)
    for stale in (root / "systemd" / "sessions").iterdir():
        if stale.read_text().find(f"\nUID={uid}\n") >= 0:
            stale.unlink()
    users.unlink(missing_ok=True)
    if kind == "none":
        return None
    seat, state = SESSIONS[kind]
    (root / "systemd" / "sessions" / session).write_text(
        "# This is private data. Do not parse.\n"
        f"UID={uid}\nUSER={user}\nACTIVE={1 if state == 'active' else 0}\n"
        f"IS_DISPLAY=1\nSTATE={state}\nREMOTE={0 if seat else 1}\nTYPE=x11\nCLASS=user\n"
        + (f"SEAT={seat}\nVTNR=2\n" if seat else "REMOTE_HOST=192.0.2.7\n"))
    users.write_text(
        "# This is private data. Do not parse.\n"
        f"NAME={user}\nSTATE={state}\nSTOPPING=no\nSESSIONS={session}\n"
        f"ONLINE_SESSIONS={session}\nDISPLAY={session}\n"
        + (f"ACTIVE_SESSIONS={session}\nACTIVE_SEATS={seat}\n" if state == "active" else ""))
    scope = cgroup / "user.slice" / f"user-{uid}.slice" / f"session-{session}.scope"
    scope.mkdir(parents=True, exist_ok=True)
    return scope


def user_runtime_dir(entry: pwd.struct_passwd) -> str:
    """The user's runtime folder as logind makes it at the first login (user-runtime-dir@UID:
    /run/user/UID, the user's, 0700) and pam_systemd names in XDG_RUNTIME_DIR."""
    path = Path("/run/user") / str(entry.pw_uid)
    if not path.exists():
        Path("/run/user").mkdir(mode=0o755, exist_ok=True)
        path.mkdir(mode=0o700)
        os.chown(path, entry.pw_uid, entry.pw_gid)
        path.chmod(0o700)
    return str(path)


def run_step(root: Path, cgroup: Path, number: int, step: dict[str, Any]) -> dict[str, Any]:
    user = step["user"]
    scope = write_session(root, cgroup, user, number, step.get("session", "active"))

    def enter_session() -> None:  # in the child, still root: join the session's cgroup
        if scope is not None:
            (scope / "cgroup.procs").write_text(str(os.getpid()))

    entry = pwd.getpwnam(user)
    env = {"PATH": "/usr/bin:/bin", "HOME": entry.pw_dir, "USER": user, "LOGNAME": user,
           "LANG": "C.UTF-8"}
    if scope is not None:
        env["XDG_RUNTIME_DIR"] = user_runtime_dir(entry)
    env.update(step.get("env", {}))
    # a shell in between: pkexec asks polkit about its parent, which must be the user's
    argv = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups",
            "--", "/bin/sh", "-c", '"$@"; exit $?', "sh", *step["argv"]]
    started = time.monotonic()
    try:
        done = subprocess.run(argv, input=step.get("stdin", "").encode(), capture_output=True,
                              env=env, cwd=entry.pw_dir, timeout=step.get("timeout", 60),
                              preexec_fn=enter_session, check=False)
        code, out, err = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as exc:
        code, out, err = -1, exc.stdout or b"", (exc.stderr or b"") + b"\n(timed out)"
    return {"user": user, "argv": step["argv"], "rc": code, "seconds": time.monotonic() - started,
            "stdout": out.decode(errors="replace"), "stderr": err.decode(errors="replace")}


def stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main() -> int:
    config = json.loads(Path(sys.argv[1]).read_text())
    root, cgroup = Path(config["root"]), Path(config["cgroup"])
    results: dict[str, Any] = {"steps": []}
    out = Path(config["results"])
    bus = polkitd = None
    try:
        prepare(root, config.get("expose", []))
        bus = subprocess.Popen(["dbus-daemon", f"--config-file={root / 'bus.conf'}", "--nofork",
                                "--nopidfile"], stdout=subprocess.DEVNULL)
        results["bus_pid"] = bus.pid
        wait_for(lambda: os.path.exists(SOCKET), "the system bus")
        polkitd = subprocess.Popen([POLKITD, "--no-debug"], stdout=subprocess.DEVNULL)
        results["polkitd_pid"] = polkitd.pid
        out.write_text(json.dumps(results))  # the pids, in case what follows hangs
        wait_for(lambda: bus_has("org.freedesktop.PolicyKit1"), "polkitd")
        for number, step in enumerate(config["steps"], start=1):
            results["steps"].append(run_step(root, cgroup, number, step))
            out.write_text(json.dumps(results))
    except Exception as exc:
        results["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        stop(polkitd)
        stop(bus)
        out.write_text(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
