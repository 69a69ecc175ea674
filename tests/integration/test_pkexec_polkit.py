"""The privilege split for real (issue 12): Debian's ``polkitd`` and setuid ``pkexec``, the
shipped policy and the ISO's rule, the package run as an unprivileged user created here.

Each test builds a private world (tests/helpers/polkit_world.py, run as root under ``unshare --mount
--cgroup``): a system bus of its own, polkitd on it, the test's copies of the policy and rule
mounted over polkit's folders, the fake Anaconda, a fake systemctl and the package's helper laid
over /usr/bin, all only inside that mount namespace; the host's folders, bus and polkitd are
never touched. The world lives in a cgroup of its own, killed and removed after each test (and
the test checks that its bus and polkitd are gone).

No systemd-logind runs here; the world writes logind's state files and cgroup for the user's
session, which polkitd reads through libsystemd as it reads logind's (see polkit_world.py).

Skipped, saying so, where it cannot run: not root, pkexec/polkitd/dbus-daemon/setpriv/unshare
missing (tools/bootstrap installs them), no cgroup2 hierarchy, or no overlayfs.
"""

from __future__ import annotations

import fcntl
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import paths
from helpers.answers import TEST_MACHINE, base_answers, write_answers
from helpers.system import local_registry

from veilor_installer.core import datapaths
from veilor_installer.demo.programs import FAKES_DIR

HERE = paths.HELPERS
REPO = paths.REPO
WORLD = HERE / "polkit_world.py"
RULES = REPO / "iso" / "polkit" / "49-veilor-live.rules"
LIVE_USER = "liveuser"  # the name the ISO's rule knows
OTHER_USER = "veilor-pktest"  # an ordinary user
CGROUP2 = Path("/sys/fs/cgroup/unified") if Path("/sys/fs/cgroup/unified/cgroup.procs").exists() \
    else Path("/sys/fs/cgroup")
POLKIT_ACTIONS = Path("/usr/share/polkit-1/actions")
LOCK = Path("/run/lock/veilor-pkexec-polkit.lock")
# pkexec's messages (polkit 122, src/programs/pkexec.c)
NOT_AUTHORIZED = "Error executing command as another user: Not authorized"
NEEDS_AGENT = "Error creating textual authentication agent"

BUS_CONF = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<!-- A system bus like Debian's /usr/share/dbus-1/system.conf, without activation -->
<busconfig>
  <type>system</type>
  <user>messagebus</user>
  <auth>EXTERNAL</auth>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus"
           send_interface="org.freedesktop.DBus.Introspectable"/>
  </policy>
  <includedir>/usr/share/dbus-1/system.d</includedir>
</busconfig>
"""


def _missing() -> str | None:
    if os.geteuid() != 0:
        return "needs root (a mount namespace, users, setuid pkexec)"
    for tool in ("pkexec", "pkcheck", "dbus-daemon", "dbus-send", "setpriv", "unshare",
                 "useradd", "userdel"):
        if shutil.which(tool) is None and not os.path.exists(f"/usr/sbin/{tool}"):
            return f"{tool} is not installed (tools/bootstrap installs pkexec, polkitd, dbus)"
    if not os.access("/usr/lib/polkit-1/polkitd", os.X_OK):
        return "polkitd is not installed (tools/bootstrap installs it)"
    if not (os.stat(shutil.which("pkexec") or "/usr/bin/pkexec").st_mode & 0o4000):
        return "pkexec is not setuid here"
    if not (CGROUP2 / "cgroup.procs").exists() or not os.access(CGROUP2, os.W_OK):
        return "no writable cgroup2 hierarchy"
    if "overlay" not in Path("/proc/filesystems").read_text():
        return "no overlayfs"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


# --- the users ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def users() -> Iterator[dict[str, pwd.struct_passwd]]:
    """The live user and an ordinary one, created for these tests and removed after (one run of
    this module at a time on the computer: the lock)."""
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        created: list[str] = []
        try:
            for name in (LIVE_USER, OTHER_USER):
                try:
                    pwd.getpwnam(name)
                except KeyError:
                    pass
                else:
                    pytest.skip(f"a user {name!r} already exists here; these tests create and "
                                "remove their own")
                subprocess.run(["useradd", "--no-create-home", "--home-dir", f"/home/{name}",
                                "--shell", "/bin/sh", "--user-group", name], check=True)
                created.append(name)
            yield {name: pwd.getpwnam(name) for name in created}
        finally:
            for name in created:
                subprocess.run(["userdel", name], check=False)


# --- the world ----------------------------------------------------------------------------------


@dataclass
class Step:
    rc: int
    stdout: str
    stderr: str
    seconds: float


@dataclass
class World:
    root: Path
    users: dict[str, pwd.struct_passwd]
    anaconda_mode: str = "success"
    speed: float = 0.01

    @property
    def fake_dir(self) -> Path:
        return self.root / "fake"

    def home(self, user: str) -> Path:
        return self.root / "home" / user

    def build(self) -> None:
        root = self.root
        for sub in ("actions", "rules", "bin", "sbin", "home", "fake", "anaconda-logs",
                    "systemd/sessions", "systemd/users", "systemd/seats", "systemd/machines"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        (root / "bus.conf").write_text(BUS_CONF)
        shutil.copy(POLKIT_ACTIONS / "org.freedesktop.policykit.policy", root / "actions")
        shutil.copy(datapaths.resource_path("polkit/org.veilor.installer.policy"),
                    root / "actions")
        shutil.copy(RULES, root / "rules")
        py = sys.executable
        settings = {"VEILOR_FAKE_DIR": str(root / "fake"),
                    "VEILOR_ANACONDA_LOG_DIR": str(root / "anaconda-logs"),
                    "VEILOR_FAKE_ANACONDA": self.anaconda_mode,
                    "VEILOR_FAKE_ANACONDA_SPEED": str(self.speed),
                    "VEILOR_FAKE_ANACONDA_SYSTEM": "live"}
        fakes = {"anaconda": "fake_anaconda.py", "anaconda-cleanup": "fake_anaconda_cleanup.py",
                 "systemctl": "fake_systemctl.py", "skopeo": "fake_skopeo.py",
                 "sbin/modprobe": "fake_modprobe.py", "sbin/getenforce": "fake_selinux.py",
                 "sbin/setenforce": "fake_selinux.py", "sbin/udevadm": "fake_udevadm.py"}
        for place, script in fakes.items():
            folder, _, name = place.rpartition("/")
            # Python with the fake's settings (pkexec clears the environment), then the fake;
            # run as ``python /usr/bin/NAME``, as the real (Python) Anaconda is
            mine = dict(settings, VEILOR_FAKE_DIR="$HOME") if name == "skopeo" else settings
            path = root / (folder or "bin") / name
            # a copy under the program's name (the selinux fake answers to its name), where
            # the users can read it: /usr/bin/.fakes/NAME in the world
            copy = root / "bin" / ".fakes" / name
            copy.parent.mkdir(exist_ok=True)
            shutil.copy(FAKES_DIR / script, copy)
            source = Path("/usr/bin/.fakes") / name
            path.write_text(
                f"#!{py}\nimport os, runpy\n"
                f"os.environ.update({{k: os.path.expandvars(v) for k, v in {mine!r}.items()}})\n"
                + ("" if name == "skopeo" else
                   f"with open({str(root / 'fake' / 'uids')!r}, 'a') as out:\n"
                   f"    out.write(f'{name} {{os.getuid()}} '\n"
                   f"              f'{{os.environ.get(\"PKEXEC_UID\")}}\\n')\n")
                + f"runpy.run_path({str(source)!r}, run_name='__main__')\n")
            path.chmod(0o755)
        programs = {
            # the package's helper, as installed (a console script of this venv)
            "veilor-installer-helper": f'exec {Path(py).with_name("veilor-installer-helper")} "$@"',
            # not allowed by the rule: the test asks pkexec for it
            "veilor-probe": 'id -u; echo "$@"',
        }
        for name, body in programs.items():
            path = root / "bin" / name
            path.write_text(f"#!/bin/sh\n{body}\n")
            path.chmod(0o755)
        for entry in self.users.values():
            home = self.home(entry.pw_name)
            home.mkdir(mode=0o700)
            os.chown(home, entry.pw_uid, entry.pw_gid)
        for sub in ("actions", "rules", "systemd", "home", "bin", "sbin"):
            for path in (root / sub, *(root / sub).rglob("*")):
                if not path.is_relative_to(root / "home") or path == root / "home":
                    path.chmod(path.stat().st_mode | 0o755 if path.is_dir() else
                               path.stat().st_mode | 0o644)
        root.chmod(0o755)

    def run(self, steps: list[dict[str, Any]], *, timeout: float = 120) -> list[Step]:
        """Run ``steps`` in a new world; stop it, kill whatever is left in its cgroup, remove the
        cgroup; check that its bus and polkitd are gone."""
        cgroup = CGROUP2 / f"veilor-pktest-{os.getpid()}-{time.monotonic_ns()}"
        config = self.root / "world.json"
        results = self.root / "results.json"
        # this venv's interpreter may live in root's home (pyenv): the users must run it
        base = Path(sys.base_prefix).resolve()
        expose = [str(base)] if base.is_relative_to("/root") else []
        config.write_text(json.dumps({"root": str(self.root), "cgroup": str(cgroup),
                                      "results": str(results), "steps": steps,
                                      "expose": expose}))
        cgroup.mkdir()
        try:
            # join the cgroup first, so that the cgroup namespace is rooted there
            subprocess.run(
                ["sh", "-c", 'echo $$ > "$1/cgroup.procs" && exec unshare --mount --cgroup '
                 '--propagation private -- "$2" "$3" "$4"', "sh", str(cgroup), sys.executable,
                 str(WORLD), str(config)],
                timeout=timeout, check=True, stdin=subprocess.DEVNULL)
        finally:
            _remove_cgroup(cgroup)
        data = json.loads(results.read_text())
        for key in ("bus_pid", "polkitd_pid"):
            if key in data:
                assert not _alive(data[key]), f"{key} {data[key]} is still running"
        assert "error" not in data, data["error"]
        return [Step(s["rc"], s["stdout"], s["stderr"], s["seconds"]) for s in data["steps"]]

    def ran_as(self) -> list[tuple[str, int, int]]:
        """(program, uid, PKEXEC_UID) of every start of a program laid over /usr/bin."""
        path = self.fake_dir / "uids"
        lines = path.read_text().splitlines() if path.exists() else []
        return [(n, int(u), int(p)) for n, u, p in (line.split() for line in lines)]

    def starts(self, prog: str) -> list[list[str]]:
        return [row["argv"] for row in self.calls(prog) if "argv" in row]

    def calls(self, prog: str) -> list[dict[str, Any]]:
        path = self.fake_dir / "calls.jsonl"
        rows = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() \
            else []
        return [r for r in rows if r["prog"] == prog]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[
        2] != "Z"


def _remove_cgroup(cgroup: Path) -> None:
    """Kill every process left in ``cgroup`` (and below), then remove it bottom-up."""
    if not cgroup.exists():
        return
    if (cgroup / "cgroup.kill").exists():
        (cgroup / "cgroup.kill").write_text("1")
    else:  # before Linux 5.14
        for procs in cgroup.rglob("cgroup.procs"):
            for pid in procs.read_text().split():
                os.kill(int(pid), signal.SIGKILL)
    deadline = time.monotonic() + 10
    while "populated 1" in (cgroup / "cgroup.events").read_text():
        assert time.monotonic() < deadline, "processes of the world outlived cgroup.kill"
        time.sleep(0.05)
    for path in sorted((p for p in cgroup.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        path.rmdir()
    cgroup.rmdir()


@pytest.fixture
def world(tmp_path: Path, users: dict[str, pwd.struct_passwd]) -> World:
    w = World(tmp_path / "world", users)
    return w


def _as(user: str, *argv: str, session: str = "active", **extra: Any) -> dict[str, Any]:
    return {"user": user, "argv": list(argv), "session": session, **extra}


# --- polkit decides as the rule says --------------------------------------------------------


def test_the_live_user_runs_exactly_anaconda_and_the_helper_without_a_password(
    world: World,
) -> None:
    world.build()
    live_uid = world.users[LIVE_USER].pw_uid
    other_uid = world.users[OTHER_USER].pw_uid
    # the live user's runtime folder ($XDG_RUNTIME_DIR/veilor), the only kickstart allowed
    ks = f"/run/user/{live_uid}/veilor/ks.cfg"
    steps = world.run([
        _as(LIVE_USER, "pkexec", "/usr/bin/veilor-installer-helper",
            stdin='{"action": "version"}\n'),
        _as(LIVE_USER, "pkexec", "/usr/bin/anaconda-cleanup"),
        _as(LIVE_USER, "pkexec", "/usr/bin/anaconda", "--cmdline", f"--kickstart={ks}"),
        _as(LIVE_USER, "pkexec", "/usr/bin/veilor-probe"),
        _as(LIVE_USER, "pkexec", "/usr/bin/anaconda", "--cmdline", f"--kickstart={ks}",
            "--updates=http://192.0.2.1/u.img"),
        _as(LIVE_USER, "pkexec", "/usr/bin/anaconda-cleanup", "--all"),
        _as(LIVE_USER, "pkexec", "--user", LIVE_USER, "/usr/bin/veilor-probe"),
        # a kickstart anyone else could have written: /tmp, home, another user's folder
        _as(LIVE_USER, "pkexec", "/usr/bin/anaconda", "--cmdline", "--kickstart=/tmp/evil/ks.cfg"),
        _as(LIVE_USER, "pkexec", "/usr/bin/anaconda", "--cmdline",
            f"--kickstart=/home/{LIVE_USER}/run/ks.cfg"),
        _as(LIVE_USER, "pkexec", "/usr/bin/anaconda", "--cmdline",
            f"--kickstart=/run/user/{other_uid}/veilor/ks.cfg"),
    ])
    helper, cleanup, anaconda, other, bad_anaconda, bad_cleanup, as_self = steps[:7]
    elsewhere = steps[7:]
    answer = json.loads(helper.stdout.splitlines()[-1])
    assert helper.rc == 0 and answer["type"] == "answer" and answer["exit_code"] == 0, helper
    assert cleanup.rc == 0, cleanup
    assert anaconda.rc != 126 and NOT_AUTHORIZED not in anaconda.stderr, anaconda
    assert [argv[1:] for argv in world.starts("anaconda")] == [["--cmdline", f"--kickstart={ks}"]]
    assert world.ran_as() == [("anaconda-cleanup", 0, live_uid), ("anaconda", 0, live_uid)]
    # anything else: not without a password (no agent here, so refused)
    assert other.rc == 127 and NEEDS_AGENT in other.stderr and "0\n" not in other.stdout, other
    # Anaconda or anaconda-cleanup any other way: refused outright, no password asked
    for refused in (bad_anaconda, bad_cleanup, *elsewhere):
        assert refused.rc == 127 and NOT_AUTHORIZED in refused.stderr, refused
    assert len(world.starts("anaconda")) == 1 and len(world.ran_as()) == 2
    assert as_self.rc == 127, as_self



def test_an_ordinary_user_is_asked_to_authenticate_for_everything(world: World) -> None:
    world.build()
    ks = f"/run/user/{world.users[OTHER_USER].pw_uid}/veilor/ks.cfg"
    steps = world.run([
        _as(OTHER_USER, "pkexec", "/usr/bin/veilor-installer-helper",
            stdin='{"action": "version"}\n'),
        _as(OTHER_USER, "pkexec", "/usr/bin/anaconda", "--cmdline", f"--kickstart={ks}"),
        _as(OTHER_USER, "pkexec", "/usr/bin/anaconda-cleanup"),
        _as(OTHER_USER, "sh", "-c",
            "pkcheck --action-id org.veilor.installer.helper --process $$"),
    ])
    for step in steps[:3]:
        # polkit answered "authenticate": pkexec then looks for an agent, and there is none
        assert step.rc == 127 and NEEDS_AGENT in step.stderr and not step.stdout, step
    # pkcheck's 2: "not authorized because no suitable authentication agent is available"
    assert steps[3].rc == 2 and "Authorization requires authentication" in steps[3].stderr, \
        steps[3]
    assert world.ran_as() == [] and world.starts("anaconda") == []


@pytest.mark.parametrize("session", ["inactive", "remote", "none"])
def test_the_live_user_outside_an_active_local_session_gets_nothing_for_free(
    world: World, session: str,
) -> None:
    """The rule's ``subject.local && subject.active``, decided by polkitd from logind's state:
    a session in the background, a remote one, or a process in no session at all."""
    world.build()
    ks = f"/run/user/{world.users[LIVE_USER].pw_uid}/veilor/ks.cfg"
    steps = world.run([
        _as(LIVE_USER, "pkexec", "/usr/bin/veilor-installer-helper", session=session,
            stdin='{"action": "version"}\n'),
        _as(LIVE_USER, "pkexec", "/usr/bin/anaconda", "--cmdline", f"--kickstart={ks}",
            session=session),
    ])
    for step in steps:
        assert step.rc == 127 and NEEDS_AGENT in step.stderr and not step.stdout, step
    assert world.ran_as() == []


# --- the whole live install, as the live user ---------------------------------------------------


def _install_steps(world: World, registry: str, *extra: str) -> list[dict[str, Any]]:
    """``veilor-installer install --no-gui --live`` as the live user with pre-flight: the files
    it reads are the user's own, in its home; programs come from /usr/bin (PATH) only."""
    entry = world.users[LIVE_USER]
    home = world.home(LIVE_USER)
    key = home / "veilor-cosign.pub"
    key.write_text("-----BEGIN PUBLIC KEY-----\nMFkw…\n-----END PUBLIC KEY-----\n")
    requirement = {"type": "sigstoreSigned", "keyPath": f"/home/{LIVE_USER}/veilor-cosign.pub",
                   "signedIdentity": {"type": "matchRepository"}}
    (home / "policy.json").write_text(json.dumps({
        "default": [{"type": "insecureAcceptAnything"}],
        "transports": {"docker": {"ghcr.io/veilor/veilor-os": [requirement]}}}))
    (home / "machine.json").write_text(json.dumps(TEST_MACHINE))
    write_answers(home / "answers.toml", base_answers()).chmod(0o600)
    for path in (home, *home.rglob("*")):
        os.chown(path, entry.pw_uid, entry.pw_gid)
    at_home = f"/home/{LIVE_USER}"
    # no VEILOR_RUNTIME_DIR: the runtime folder is the session's, $XDG_RUNTIME_DIR/veilor
    env = {"VEILOR_ENVIRONMENT": "live",
           "VEILOR_ANACONDA_LOG_DIR": str(world.root / "anaconda-logs"),
           "VEILOR_REGISTRY_URL": registry, "VEILOR_CONTAINERS_POLICY": f"{at_home}/policy.json",
           "VEILOR_ANACONDA_STALL_TIMEOUT": "30"}
    cli = str(Path(sys.executable).with_name("veilor-installer"))
    return [_as(LIVE_USER, cli, "install", "--no-gui", "--live", "--answers",
                f"{at_home}/answers.toml", "--machine", f"{at_home}/machine.json", *extra,
                env=env, timeout=90)]


def test_the_whole_live_install_as_the_live_user_restarts_through_the_helper(
    world: World, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pre-flight → the fake Anaconda's success → the restart the person chose (--reboot),
    through the helper: every privileged step through the real pkexec, no password."""
    world.anaconda_mode = "success"
    world.build()
    with local_registry(monkeypatch) as registry:
        (step,) = world.run(_install_steps(world, registry, "--reboot"))
    assert step.rc == 0, step
    assert "ok    Image:" in step.stdout and "ok    Kickstart:" in step.stdout, step.stdout
    assert "Restarting the computer" in step.stdout, step.stdout
    live_uid = world.users[LIVE_USER].pw_uid
    # the kickstart went to the session's runtime folder, the one the rule lets Anaconda read
    assert [argv[1:] for argv in world.starts("anaconda")] == [
        ["--cmdline", f"--kickstart=/run/user/{live_uid}/veilor/ks.cfg"]]
    ran = world.ran_as()
    assert ("anaconda", 0, live_uid) in ran and ("systemctl", 0, live_uid) in ran, ran
    assert [argv[1:] for argv in world.starts("systemctl")] == [["reboot"]]
    assert (world.fake_dir / "systemctl-rebooted").exists()
    assert not (world.fake_dir / "rebooted").exists(), "Anaconda's own restart never ran"


def test_a_payload_failure_in_the_live_session_restarts_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch,
) -> None:
    world.anaconda_mode = "payload-fail"
    world.speed = 0.05
    world.build()
    with local_registry(monkeypatch) as registry:
        (step,) = world.run(_install_steps(world, registry))
    assert step.rc == 1, step
    assert "Nothing restarts the computer by itself" in step.stdout, step.stdout
    live_uid = world.users[LIVE_USER].pw_uid
    assert ("anaconda", 0, live_uid) in world.ran_as()
    assert world.starts("systemctl") == [] and not (world.fake_dir / "rebooted").exists()
    assert not (world.fake_dir / "systemctl-rebooted").exists()


def test_the_live_user_prepares_and_restores_the_live_session_through_the_helper(
    world: World,
) -> None:
    """prepare-live and undo-live are the helper's: the live user runs them without a
    password, as root; an ordinary user is asked to authenticate."""
    world.build()
    steps = world.run([
        _as(LIVE_USER, "pkexec", "/usr/bin/veilor-installer-helper",
            stdin='{"action": "prepare-live"}\n'),
        _as(LIVE_USER, "pkexec", "/usr/bin/veilor-installer-helper",
            stdin='{"action": "undo-live"}\n'),
        _as(OTHER_USER, "pkexec", "/usr/bin/veilor-installer-helper",
            stdin='{"action": "prepare-live"}\n'),
    ])
    prepared, undone, other = steps
    assert json.loads(prepared.stdout.splitlines()[-1])["ok"] is True, prepared
    assert json.loads(undone.stdout.splitlines()[-1])["ok"] is True, undone
    assert other.rc == 127 and NEEDS_AGENT in other.stderr, other
    live_uid = world.users[LIVE_USER].pw_uid
    ran = world.ran_as()
    assert ran.count(("setenforce", 0, live_uid)) == 2 and ("modprobe", 0, live_uid) in ran
    assert ("anaconda-cleanup", 0, live_uid) in ran
    assert [argv[1:] for argv in world.starts("setenforce")] == [["0"], ["1"]]
    assert (world.fake_dir / "selinux").read_text().strip() == "Enforcing"


def test_the_live_user_reads_roots_image_store_through_the_helper(world: World) -> None:
    """Pre-flight of an offline install, as the live user: the helper's read-only
    inspect-local-image runs skopeo as root (root's containers-storage, where the ISO's image
    is) without a password; an ordinary user is asked to authenticate."""
    import hashlib

    world.build()
    request = '{"action": "inspect-local-image", "ref": "ghcr.io/veilor/veilor-os:43"}\n'
    live, other = world.run([
        _as(LIVE_USER, "pkexec", "/usr/bin/veilor-installer-helper", stdin=request),
        _as(OTHER_USER, "pkexec", "/usr/bin/veilor-installer-helper", stdin=request),
    ])
    answer = json.loads(live.stdout.splitlines()[-1])
    assert live.rc == 0 and answer["ok"] is True, live
    # the fake's digest of an image it holds (fake_skopeo.py): the answer came from skopeo
    want = "sha256:" + hashlib.sha256(b"ghcr.io/veilor/veilor-os").hexdigest()
    assert answer["data"]["digest"] == want and answer["data"]["layers"] == 4
    assert other.rc == 127 and NEEDS_AGENT in other.stderr, other
