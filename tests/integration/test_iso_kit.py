"""The ISO kit (iso/, DESIGN §11, docs/ISO.md): its desktop entries validate, its polkit rule
parses and decides as documented (evaluated by node, standing in for polkitd's JavaScript
engine), and the titanoboa hook, run against a scratch root with stand-in dnf and rpm, leaves
exactly the files iso/FILES lists."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import stat
import subprocess
from configparser import ConfigParser
from pathlib import Path
from typing import Any

import pytest
from helpers import paths
from helpers.programs import validate_desktop_file

from veilor_installer import cli
from veilor_installer.core import datapaths
from veilor_installer.core.install import anaconda, medium
from veilor_installer.core.install.plan import InstallPlan

REPO = paths.REPO
KIT = REPO / "iso"
HOOK = KIT / "hook-post-rootfs.sh"
RULES = KIT / "polkit" / "49-veilor-live.rules"
# The live session's entry is the RPM's (veilor-installer-live), installed by the hook's dnf.
LIVE_DESKTOP = REPO / "packaging" / "veilor-installer-live.desktop"
SPEC = REPO / "packaging" / "veilor-installer.spec"
EVAL = paths.HELPERS / "polkit_eval.js"
HELPER_ACTION = "org.veilor.installer.helper"
EXEC_ACTION = "org.freedesktop.policykit.exec"


def _entry(path: Path) -> dict[str, str]:
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text())
    return dict(parser["Desktop Entry"])


# --- the autostart entry ----------------------------------------------------------------------


def test_live_entry_validates_and_starts_the_live_install() -> None:
    validate_desktop_file(LIVE_DESKTOP)
    entry = _entry(LIVE_DESKTOP)
    argv = shlex.split(entry["Exec"])
    assert argv == ["veilor-installer", "install", "--live"]
    args = cli.parser().parse_args(argv[1:])  # the command line takes it
    assert args.command == "install" and args.live
    assert entry.get("Hidden", "false") == "false" and entry.get("NoDisplay", "false") == "false"
    assert entry.get("X-GNOME-Autostart-enabled", "true") == "true"


def test_the_live_entry_is_the_rpms_only() -> None:
    """One live entry: the -live subpackage installs it as the autostart and the menu entry;
    the kit keeps no copy of its own."""
    assert list(KIT.rglob("*.desktop")) == []
    spec = SPEC.read_text()
    files_live = spec.split("%files live\n", 1)[1].split("\n\n", 1)[0]
    assert "%{_datadir}/applications/veilor-installer-live.desktop" in files_live
    assert "%{_sysconfdir}/xdg/autostart/veilor-installer-live.desktop" in files_live
    for where in ("%{_datadir}/applications", "%{_sysconfdir}/xdg/autostart"):
        assert (f"install -Dpm 0644 packaging/veilor-installer-live.desktop \\\n"
                f"    %{{buildroot}}{where}/veilor-installer-live.desktop") in spec


# --- the polkit rule ----------------------------------------------------------------------------


def _node() -> str:
    tool = shutil.which("node") or shutil.which("nodejs")
    if tool is None:
        pytest.skip("node is not installed (tools/bootstrap installs nodejs when run as root); "
                    "the polkit rule cannot be evaluated")
    return tool


def _evaluate(cases: list[dict[str, Any]]) -> list[str | None]:
    done = subprocess.run([_node(), str(EVAL), str(RULES)], input=json.dumps(cases),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result: list[str | None] = json.loads(done.stdout)
    assert len(result) == len(cases)
    return result


LIVE = {"user": "liveuser", "groups": ["liveuser", "wheel"]}
LIVE_UID = 1000
USERS = {"liveuser": LIVE_UID, "alice": 1001}  # what `id -u NAME` answers the rule
# the live user's runtime folder: $XDG_RUNTIME_DIR/veilor, logind's /run/user/UID
LIVE_RUNTIME = f"/run/user/{LIVE_UID}/veilor"
RUNTIME_KS = f"--kickstart={LIVE_RUNTIME}/ks.cfg"


def _exec(program: str, *args: str) -> dict[str, Any]:
    return {"id": EXEC_ACTION, "details": {"program": program,
                                           "command_line": " ".join([program, *args])}}


def _runner_argv(program: str) -> list[str]:
    """The command line the runner really builds (through pkexec) for Anaconda."""
    plan = InstallPlan.__new__(InstallPlan)  # only what command() reads is needed
    runner = anaconda.AnacondaRunner.__new__(anaconda.AnacondaRunner)
    runner.plan = plan
    runner.anaconda = program
    runner.runtime_dir = LIVE_RUNTIME
    runner.use_pkexec = True
    return runner.command(resolve=False)


ALLOWED = [
    ("helper", LIVE, {"id": HELPER_ACTION}),
    ("anaconda /usr/sbin", LIVE, _exec("/usr/sbin/anaconda", "--cmdline", RUNTIME_KS)),
    ("anaconda /usr/bin", LIVE, _exec("/usr/bin/anaconda", "--cmdline", RUNTIME_KS)),
    ("cleanup /usr/sbin", LIVE, _exec("/usr/sbin/anaconda-cleanup")),
    ("cleanup /usr/bin", LIVE, _exec("/usr/bin/anaconda-cleanup")),
]
REFUSED = [  # the rule says no outright
    ("anaconda other options", LIVE, _exec("/usr/sbin/anaconda", "--liveinst")),
    ("anaconda extra option", LIVE,
     _exec("/usr/sbin/anaconda", "--cmdline", RUNTIME_KS, "--updates=http://x/u.img")),
    ("anaconda other file", LIVE, _exec("/usr/sbin/anaconda", "--cmdline",
                                        "--kickstart=/tmp/evil.cfg")),
    # any ks.cfg another account could write is not the live user's kickstart
    ("anaconda other ks.cfg", LIVE, _exec("/usr/sbin/anaconda", "--cmdline",
                                          "--kickstart=/tmp/evil/ks.cfg")),
    ("anaconda dotdot", LIVE, _exec("/usr/sbin/anaconda", "--cmdline",
                                    f"--kickstart={LIVE_RUNTIME}/../../../../tmp/evil/ks.cfg")),
    ("anaconda root's folder", LIVE, _exec("/usr/sbin/anaconda", "--cmdline",
                                           "--kickstart=/run/veilor/ks.cfg")),
    ("anaconda another user's folder", LIVE, _exec("/usr/sbin/anaconda", "--cmdline",
                                                   "--kickstart=/run/user/1001/veilor/ks.cfg")),
    ("anaconda uid with a zero", LIVE, _exec("/usr/sbin/anaconda", "--cmdline",
                                             f"--kickstart=/run/user/0{LIVE_UID}/veilor/ks.cfg")),
    ("anaconda home", LIVE, _exec("/usr/sbin/anaconda", "--cmdline",
                                  "--kickstart=/home/liveuser/run/ks.cfg")),
    ("anaconda no details", LIVE, {"id": EXEC_ACTION, "details": {
        "program": "/usr/sbin/anaconda"}}),
    ("cleanup with args", LIVE, _exec("/usr/sbin/anaconda-cleanup", "--force")),
]
NOT_GRANTED = [  # left to the defaults and other rules (a password)
    ("bash", LIVE, _exec("/usr/bin/bash")),
    ("anaconda elsewhere", LIVE, _exec("/tmp/anaconda", "--cmdline", RUNTIME_KS)),
    ("liveinst", LIVE, _exec("/usr/sbin/liveinst")),
    ("systemctl", LIVE, _exec("/usr/bin/systemctl", "reboot")),
    ("other action", LIVE, {"id": "org.freedesktop.udisks2.filesystem-mount"}),
    ("liveinst action", LIVE, {"id": "org.fedoraproject.pkexec.liveinst"}),
    ("other user helper", {"user": "alice", "groups": ["wheel"]}, {"id": HELPER_ACTION}),
    ("other user anaconda", {"user": "alice", "groups": ["wheel"]},
     _exec("/usr/sbin/anaconda", "--cmdline", RUNTIME_KS)),
    ("remote live user", {**LIVE, "local": False}, {"id": HELPER_ACTION}),
    ("inactive live user", {**LIVE, "active": False},
     _exec("/usr/sbin/anaconda", "--cmdline", RUNTIME_KS)),
]


def test_rule_grants_exactly_anaconda_cleanup_and_helper_to_the_live_user() -> None:
    cases = ALLOWED + REFUSED + NOT_GRANTED
    got = _evaluate([{"subject": s, "action": a, "users": USERS} for _, s, a in cases])
    decided = {name: result for (name, _, _), result in zip(cases, got, strict=True)}
    assert {n: decided[n] for n, _, _ in ALLOWED} == {n: "yes" for n, _, _ in ALLOWED}
    assert {n: decided[n] for n, _, _ in REFUSED} == {n: "no" for n, _, _ in REFUSED}
    assert {n: decided[n] for n, _, _ in NOT_GRANTED} == {n: None for n, _, _ in NOT_GRANTED}


@pytest.mark.parametrize("program", ["/usr/sbin/anaconda", "/usr/bin/anaconda"])
def test_rule_allows_the_command_the_runner_builds(program: str) -> None:
    argv = _runner_argv(program)
    assert argv[0] == "pkexec"
    action = {"id": EXEC_ACTION, "details": {"program": argv[1],
                                             "command_line": " ".join(argv[1:])}}
    assert _evaluate([{"subject": LIVE, "action": action, "users": USERS}]) == ["yes"]


def test_rule_refuses_the_kickstart_when_the_live_users_uid_is_unknown() -> None:
    """Without an answer from ``id -u liveuser`` no runtime folder is the live user's."""
    action = _exec("/usr/sbin/anaconda", "--cmdline", RUNTIME_KS)
    assert _evaluate([{"subject": LIVE, "action": action, "users": {}},
                      {"subject": LIVE, "action": action, "users": {"liveuser": 1001}}]) \
        == ["no", "no"]


def test_rule_names_the_shipped_helper_action() -> None:
    policy = datapaths.resource_path("polkit/org.veilor.installer.policy").read_text()
    ids = re.findall(r'<action id="([^"]+)"', policy)
    assert ids == [HELPER_ACTION]
    assert f'"{HELPER_ACTION}"' in RULES.read_text()


def test_rule_is_plain_ecmascript_5() -> None:
    """polkitd's engine (duktape) is ES5.1: node would accept newer syntax polkitd rejects."""
    code = re.sub(r"//[^\n]*", "", RULES.read_text())
    for newer in (r"=>", r"\blet\b", r"\bconst\b", r"`", r"\bclass\b", r"\.\.\."):
        assert not re.search(newer, code), newer


# --- the hook ---------------------------------------------------------------------------------


FAKE_TOOL = """#!/usr/bin/env python3
import json, os, sys
with open(os.environ["FAKE_CALLS"], "a", encoding="utf-8") as fh:
    fh.write(json.dumps([os.path.basename(sys.argv[0]), *sys.argv[1:]]) + "\\n")
sys.exit(int(os.environ.get("FAKE_%s_EXIT" % os.path.basename(sys.argv[0]).upper(), "0")))
"""


def _run_hook(tmp_path: Path, umask: str = "022", **env: str) -> tuple[
        subprocess.CompletedProcess[str], Path, list[list[str]]]:
    tmp_path.mkdir(exist_ok=True)
    bindir = tmp_path / "bin"
    bindir.mkdir(exist_ok=True)
    for tool in ("dnf", "rpm"):
        (bindir / tool).write_text(FAKE_TOOL)
        (bindir / tool).chmod(0o755)
    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    calls = tmp_path / "calls.jsonl"
    full = {"PATH": f"{bindir}:/usr/bin:/bin", "VEILOR_ISO_ROOT": str(root),
            "FAKE_CALLS": str(calls), **env}
    done = subprocess.run(["bash", "-c", f"umask {umask}; exec bash {shlex.quote(str(HOOK))}"],
                          env=full, capture_output=True, text=True, timeout=60, check=False)
    recorded = [json.loads(line) for line in calls.read_text().splitlines()] if (
        calls.exists()) else []
    return done, root, recorded


def _documented(*, offline: bool = False) -> set[str]:
    lines = [line for line in (KIT / "FILES").read_text().splitlines()
             if line and not line.startswith("#")]
    files = {line for line in lines if line.startswith("/")}
    if offline:
        files |= {line.removeprefix("offline: ") for line in lines
                  if line.startswith("offline: ")}
    return files


def _left(root: Path) -> set[str]:
    return {"/" + str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir()}


def test_hook_leaves_exactly_the_documented_files(tmp_path: Path) -> None:
    done, root, calls = _run_hook(tmp_path)
    assert done.returncode == 0, done.stderr
    assert _left(root) == _documented()
    for name in _documented():
        path = root / name.lstrip("/")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644 and not path.is_symlink(), name
    assert (root / "etc/polkit-1/rules.d/49-veilor-live.rules").read_bytes() == (
        RULES.read_bytes())
    assert not (root / "etc/xdg/autostart/veilor-installer-live.desktop").exists(), \
        "the live entry is the RPM's, not the hook's"
    packages = ["anaconda-live", "anaconda-tui", "libblockdev-btrfs", "libblockdev-dm",
                "libblockdev-lvm"]
    assert calls[0][:4] == ["dnf", f"--installroot={root}", "install", "-y"]
    assert sorted(a for a in calls[0][4:] if not a.startswith("-")) == sorted(
        ["veilor-installer-live", *packages])
    assert calls[1][:3] == ["rpm", f"--root={root}", "-q"]
    assert sorted(calls[1][3:]) == sorted(["veilor-installer", "veilor-installer-live",
                                           *packages])
    assert len(calls) == 2


@pytest.mark.parametrize("name", ["liveinst.desktop", "liveinst-setup.desktop",
                                  "org.kde.plasma-welcome.desktop", "veilor-firstboot.desktop"])
def test_hook_hides_liveinst_and_the_welcome_app(tmp_path: Path, name: str) -> None:
    done, root, _ = _run_hook(tmp_path)
    assert done.returncode == 0, done.stderr
    [path] = [p for p in root.rglob(name)]
    validate_desktop_file(path)
    assert _entry(path)["Hidden"] == "true"


def test_hook_installs_local_rpms_when_named(tmp_path: Path) -> None:
    rpms = [tmp_path / "veilor-installer-0.1-1.fc43.noarch.rpm",
            tmp_path / "veilor-installer-live-0.1-1.fc43.noarch.rpm"]
    for rpm in rpms:
        rpm.write_bytes(b"stand-in")
    done, _, calls = _run_hook(tmp_path / "named",
                               VEILOR_INSTALLER_RPM=" ".join(str(r) for r in rpms))
    assert done.returncode == 0, done.stderr
    assert all(str(rpm) in calls[0] for rpm in rpms)
    assert "veilor-installer-live" not in calls[0]
    assert {"veilor-installer", "veilor-installer-live"} <= set(calls[1])
    done, root, calls = _run_hook(tmp_path / "missing",
                                  VEILOR_INSTALLER_RPM=f"{rpms[0]} {tmp_path / 'nope.rpm'}")
    assert done.returncode == 2 and "VEILOR_INSTALLER_RPM" in done.stderr
    assert calls == [] and _left(root) == set()


def test_hook_stops_when_a_package_is_missing(tmp_path: Path) -> None:
    done, root, calls = _run_hook(tmp_path, FAKE_RPM_EXIT="1")
    assert done.returncode == 1 and "missing" in done.stderr
    assert [c[0] for c in calls] == ["dnf", "rpm"]
    assert _left(root) == set(), "files were installed although a package is missing"


def test_hook_stops_when_dnf_fails(tmp_path: Path) -> None:
    done, root, calls = _run_hook(tmp_path, FAKE_DNF_EXIT="1")
    assert done.returncode != 0
    assert [c[0] for c in calls] == ["dnf"] and _left(root) == set()


def test_hook_writes_under_umask_022_whatever_the_caller_set(tmp_path: Path) -> None:
    done, root, _ = _run_hook(tmp_path, umask="077")
    assert done.returncode == 0, done.stderr
    for p in root.rglob("*"):
        want = 0o755 if p.is_dir() else 0o644
        assert stat.S_IMODE(p.stat().st_mode) == want, p


DIGEST = "sha256:" + "0f" * 32


@pytest.mark.parametrize(("transport", "image", "update"), [
    ("containers-storage", "ghcr.io/veilor/veilor-os:43", None),
    ("oci-archive", "/run/initramfs/live/veilor-os.ociarchive", "ghcr.io/veilor/veilor-os:43"),
])
def test_hook_records_the_image_the_iso_carries(tmp_path: Path, transport: str, image: str,
                                                update: str | None) -> None:
    env = {"VEILOR_ISO_IMAGE": image, "VEILOR_ISO_IMAGE_DIGEST": DIGEST,
           "VEILOR_ISO_IMAGE_TRANSPORT": transport}
    if update:
        env["VEILOR_ISO_UPDATE_REF"] = update
    done, root, _ = _run_hook(tmp_path, **env)
    assert done.returncode == 0, done.stderr
    assert _left(root) == _documented(offline=True) != _documented()
    record = medium.load(str(root / "etc/veilor-installer/iso-image.json"))
    assert record is not None
    assert (record.transport, record.ref, record.digest, record.update_ref) == (
        transport, image, DIGEST, "ghcr.io/veilor/veilor-os:43")


@pytest.mark.parametrize(("change", "named"), [
    ({"VEILOR_ISO_IMAGE_DIGEST": "sha256:xyz"}, "VEILOR_ISO_IMAGE_DIGEST"),
    ({"VEILOR_ISO_IMAGE": 'ghcr.io/x", "digest": "y'}, "VEILOR_ISO_IMAGE"),
    ({"VEILOR_ISO_IMAGE_TRANSPORT": "registry"}, "VEILOR_ISO_IMAGE_TRANSPORT"),
    ({"VEILOR_ISO_IMAGE_TRANSPORT": "oci-archive"}, "VEILOR_ISO_IMAGE"),
    ({"VEILOR_ISO_UPDATE_REF": "ghcr.io/veilor/veilor-os@sha256:" + "0f" * 32},
     "VEILOR_ISO_UPDATE_REF"),
])
def test_hook_refuses_a_bad_image_record(tmp_path: Path, change: dict[str, str],
                                         named: str) -> None:
    env = {"VEILOR_ISO_IMAGE": "ghcr.io/veilor/veilor-os:43", "VEILOR_ISO_IMAGE_DIGEST": DIGEST,
           **change}
    done, root, calls = _run_hook(tmp_path, **env)
    assert done.returncode == 2 and f"hook: {named}:" in done.stderr
    assert calls == [] and _left(root) == set()
