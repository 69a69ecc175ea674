"""First boot without Qt: the choices become helper requests (Thorium only with its warning
confirmed, secrets only in the requests), the stamp and the autostart override, the desktop
files and the polkit policy as the system tools read them, the demo's environment and signer,
and the command line."""

from __future__ import annotations

import io
import os
import shlex
import subprocess
import sys
import time
from configparser import ConfigParser
from pathlib import Path

import pytest
from helpers.paths import REPO
from helpers.programs import validate_desktop_file

from veilor_installer import cli
from veilor_installer.core import settings
from veilor_installer.core.checks import Code, Problem
from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot import choices as firstboot
from veilor_installer.core.firstboot import enrolment
from veilor_installer.core.firstboot.choices import Choices, UnlockMethod
from veilor_installer.core.secret import Secret
from veilor_installer.demo.joincodes import HSKEY, KEY_HEX

AUTOSTART = resource_path("autostart/veilor-firstboot.desktop")
MENU = resource_path("applications/veilor-firstboot.desktop")
POLICY = resource_path("polkit/org.veilor.installer.policy")


def joined(payload: str = KEY_HEX, **fields: object) -> Choices:
    choices = Choices(payload=Secret(payload), enrolment=enrolment.check(payload), **fields)
    return choices


# --- choices → requests -------------------------------------------------------------------------


def test_everything_chosen_becomes_requests_in_order() -> None:
    choices = joined(mullvad_browser=True, thorium=True, thorium_warning_confirmed=True,
                     reticulum=True, rnode=True, rnode_port="/dev/ttyACM0", rnode_region="us915",
                     unlock=UnlockMethod.TPM2_PIN, unlock_passphrase=Secret("disk words"),
                     unlock_pin=Secret("482915"))
    tasks = firstboot.tasks(choices)
    assert [t.id for t in tasks] == list(firstboot.TASK_ORDER)
    requests = [dict(t.request) for t in tasks]
    assert requests == [
        {"action": "mesh-join", "payload": KEY_HEX},
        {"action": "yggdrasil"},
        {"action": "mullvad-browser"},
        {"action": "thorium", "warning_shown": True},
        {"action": "rnode", "port": "/dev/ttyACM0", "region": "us915"},
        {"action": "unlock-enrol", "method": "tpm2-pin", "passphrase": "disk words",
         "pin": "482915"},
    ]
    secrets = {t.id: t.secrets for t in tasks}
    assert secrets["mesh"] == (KEY_HEX, KEY_HEX)
    assert secrets["unlock"] == ("disk words", "482915")
    assert all(not secrets[i] for i in ("yggdrasil", "mullvad-browser", "thorium", "reticulum"))


def test_defaults_are_the_mesh_and_yggdrasil() -> None:
    assert [t.id for t in firstboot.tasks(joined())] == ["mesh", "yggdrasil"]
    assert firstboot.tasks(Choices(skip_mesh=True, yggdrasil=False)) == []


def test_thorium_is_never_chosen_without_its_warning_confirmed() -> None:
    choices = joined(thorium=True)
    assert not choices.thorium_selected
    assert "thorium" not in [t.id for t in firstboot.tasks(choices)]
    choices.thorium_warning_confirmed = True
    assert [t.request for t in firstboot.tasks(choices) if t.id == "thorium"] == [
        {"action": "thorium", "warning_shown": True}]
    choices.thorium = False  # a confirmation left over from before does not choose it
    assert not choices.thorium_selected


def test_the_mesh_needs_a_checked_code_unless_skipped() -> None:
    with pytest.raises(InvalidInput, match="payload"):
        firstboot.tasks(Choices())
    assert firstboot.tasks(Choices(skip_mesh=True))[0].id == "yggdrasil"


def test_unlock_needs_the_passphrase_and_a_pin() -> None:
    choices = Choices(skip_mesh=True, unlock=UnlockMethod.TPM2_PIN)
    assert firstboot.unlock_problems(choices) == [
        Problem(Code.EMPTY, "passphrase"), Problem(Code.EMPTY, "pin", limit=firstboot.MIN_PIN)]
    choices.unlock_pin = Secret("12")
    assert firstboot.unlock_problems(choices)[-1] == Problem(Code.TOO_SHORT, "pin", limit=4)
    with pytest.raises(InvalidInput):
        firstboot.tasks(choices)
    choices.unlock = UnlockMethod.TPM2  # no PIN for the chip alone, even one typed before
    choices.unlock_passphrase = Secret("disk words")
    [unlock] = [t for t in firstboot.tasks(choices) if t.id == "unlock"]
    assert "pin" not in unlock.request and unlock.secrets == ("disk words",)
    choices.unlock = UnlockMethod.FIDO2  # a security key's PIN is optional
    choices.unlock_pin = Secret("", register=False)
    assert firstboot.unlock_problems(choices) == []
    choices.unlock_pin = Secret("123")  # but one typed has at least 4 characters
    assert firstboot.unlock_problems(choices) == [Problem(Code.TOO_SHORT, "pin", limit=4)]


def test_a_bad_rnode_port_is_refused() -> None:
    choices = Choices(skip_mesh=True, reticulum=True, rnode=True, rnode_port="/etc/passwd")
    with pytest.raises(InvalidInput, match="port"):
        firstboot.tasks(choices)
    choices.rnode = False
    assert firstboot.tasks(choices)[-1].request == {"action": "reticulum"}


def test_fingerprints_follow_the_request() -> None:
    a = firstboot.tasks(joined())[0]
    b = firstboot.tasks(joined(HSKEY))[0]
    assert a.fingerprint == firstboot.tasks(joined())[0].fingerprint != b.fingerprint
    assert KEY_HEX not in a.fingerprint


def test_serial_ports_and_tpm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dev = tmp_path / "dev"
    (dev / "serial/by-id").mkdir(parents=True)
    (dev / "serial/by-id/usb-RNode_1-if00").touch()
    for name in ("ttyUSB0", "ttyACM1", "tty0", "sda"):
        (dev / name).touch()
    assert firstboot.serial_ports(dev) == [str(dev / "serial/by-id/usb-RNode_1-if00"),
                                           str(dev / "ttyACM1"), str(dev / "ttyUSB0")]
    assert firstboot.serial_ports(tmp_path / "none") == []
    assert not firstboot.tpm_present(tmp_path)
    (tmp_path / "sys/class/tpm/tpm0").mkdir(parents=True)
    assert firstboot.tpm_present(tmp_path)


# --- the stamp ----------------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def test_mark_done_stamps_and_turns_the_autostart_entry_off(home: Path) -> None:
    assert not firstboot.is_done()
    firstboot.mark_done(now=0)
    assert firstboot.is_done()
    assert firstboot.stamp_path() == home / "state/veilor/firstboot-done"
    assert firstboot.stamp_path().read_text() == "1970-01-01T00:00:00Z\n"
    override = home / "config/autostart/veilor-firstboot.desktop"
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read_string(override.read_text())
    assert entry["Desktop Entry"]["Hidden"] == "true"
    assert override.name == AUTOSTART.name  # same name: it overrides the system entry


def test_a_users_own_autostart_entry_is_left_alone(home: Path) -> None:
    mine = home / "config/autostart/veilor-firstboot.desktop"
    mine.parent.mkdir(parents=True)
    mine.write_text("[Desktop Entry]\nType=Application\nName=mine\nExec=true\n")
    firstboot.mark_done()
    assert "Name=mine" in mine.read_text() and firstboot.is_done()


def test_relative_xdg_paths_are_ignored(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", "relative/state")
    monkeypatch.setenv("HOME", str(home / "h"))
    assert firstboot.stamp_path() == home / "h/.local/state/veilor/firstboot-done"


def test_once_does_nothing_after_first_boot(home: Path) -> None:
    """With the stamp, --once returns before Qt is touched: an unusable platform would abort."""
    firstboot.mark_done()
    env = {**os.environ, "QT_QPA_PLATFORM": "no-such-platform"}
    done = subprocess.run([sys.executable, "-m", "veilor_installer", "firstboot", "--once"],
                          env=env, capture_output=True, text=True, timeout=60, check=False,
                          cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout == done.stderr == ""


def test_firstboot_demo_smoke(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    done = subprocess.run([sys.executable, "-m", "veilor_installer", "firstboot", "--demo",
                           "--smoke"], env=env, capture_output=True, text=True, timeout=120,
                          check=False, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "veilor-installer/firstboot-demo/join-demo.avi").is_file()
    assert not (tmp_path / "state/veilor").exists(), "a demo marked first boot as done"


def test_the_demo_video_is_written_privately_and_never_through_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The demo video shows a join code (a demo key): 0600 whatever the umask, through
    core.private, and a link planted under its name is replaced, not written through."""
    from veilor_installer.core import private
    from veilor_installer.demo import firstboot as firstboot_demo

    cache = tmp_path / "cache"
    private.private_folder(cache).close()
    signer = firstboot_demo.signer(cache)
    victim = tmp_path / "victim"
    victim.write_bytes(b"someone else's file\n")
    (cache / "join-demo.avi").symlink_to(victim)
    (cache / "join-demo.part.avi").symlink_to(victim)  # the name of an earlier version's draft
    old = os.umask(0)
    try:
        video = firstboot_demo.video(cache, signer)
    finally:
        os.umask(old)
    assert victim.read_bytes() == b"someone else's file\n"
    assert not video.is_symlink() and video.stat().st_mode & 0o777 == 0o600
    assert video.read_bytes()[:4] == b"RIFF"
    assert sorted(p.name for p in cache.iterdir()) == [
        "join-demo.avi", "join-demo.json", "join-demo.part.avi", "signer", "trusted"]


# --- desktop files, polkit ------------------------------------------------------------------------


@pytest.mark.parametrize("path", [AUTOSTART, MENU], ids=["autostart", "menu"])
def test_desktop_files_validate_and_run_firstboot(path: Path) -> None:
    validate_desktop_file(path)
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read_string(path.read_text())
    argv = shlex.split(entry["Desktop Entry"]["Exec"])
    assert argv[0] == "veilor-installer"
    args = cli.parser().parse_args(argv[1:])  # the command line takes it
    assert args.command == "firstboot" and not args.demo
    assert args.once == (path == AUTOSTART)  # the menu entry opens it whatever the stamp


def test_the_autostart_override_validates(tmp_path: Path) -> None:
    path = tmp_path / "veilor-firstboot.desktop"
    path.write_text(firstboot.AUTOSTART_OFF)
    validate_desktop_file(path)


# polkit's policyconfig-1.dtd (polkit 0.105–126, /usr/share/polkit-1/policyconfig-1.dtd)
POLKIT_DTD = """
<!ELEMENT policyconfig (vendor?, vendor_url?, icon_name?, action+)>
<!ELEMENT vendor (#PCDATA)>
<!ELEMENT vendor_url (#PCDATA)>
<!ELEMENT icon_name (#PCDATA)>
<!ELEMENT action (vendor?, vendor_url?, description+, message+, icon_name?, defaults, annotate*)>
<!ATTLIST action id CDATA #REQUIRED>
<!ELEMENT description (#PCDATA)>
<!ATTLIST description gettext-domain CDATA #IMPLIED>
<!ATTLIST description xml:lang CDATA #IMPLIED>
<!ELEMENT message (#PCDATA)>
<!ATTLIST message gettext-domain CDATA #IMPLIED>
<!ATTLIST message xml:lang CDATA #IMPLIED>
<!ELEMENT defaults (allow_any|allow_inactive|allow_active)*>
<!ELEMENT allow_any (#PCDATA)>
<!ELEMENT allow_inactive (#PCDATA)>
<!ELEMENT allow_active (#PCDATA)>
<!ELEMENT annotate (#PCDATA)>
<!ATTLIST annotate key CDATA #REQUIRED>
"""
AUTH_VALUES = {"no", "auth_self", "auth_admin", "auth_self_keep", "auth_admin_keep", "yes"}


def _dtds() -> list[tuple[str, str]]:
    found = [("embedded", POLKIT_DTD)]
    installed = Path("/usr/share/polkit-1/policyconfig-1.dtd")
    if installed.is_file():
        found.append((str(installed), installed.read_text()))
    return found


@pytest.mark.parametrize(("name", "dtd_text"), _dtds(), ids=[n for n, _ in _dtds()])
def test_polkit_policy_is_valid_against_the_dtd(name: str, dtd_text: str) -> None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.parse(str(POLICY), parser)  # well-formed, or this raises
    assert tree.docinfo.doctype.startswith("<!DOCTYPE policyconfig PUBLIC")
    dtd = etree.DTD(io.StringIO(dtd_text))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    for element in tree.getroot().iter("allow_any", "allow_inactive", "allow_active"):
        assert element.text in AUTH_VALUES  # what the DTD's comment requires of the text
    # The check can fail: a policy without its <defaults> is refused.
    broken = etree.fromstring(etree.tostring(tree.getroot()))
    for action in broken.iter("action"):
        action.remove(action.find("defaults"))
    assert not dtd.validate(broken)


# --- the demo -----------------------------------------------------------------------------------


def test_the_demo_signer_is_never_a_trusted_key(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from veilor_installer.core.firstboot import qr
    from veilor_installer.demo import firstboot as firstboot_demo

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("VEILOR_ENROL_KEYS_DIR", raising=False)
    before = {k: v for k, v in os.environ.items() if k.startswith("VEILOR_")}
    with firstboot_demo.environment() as demo:
        assert os.environ["VEILOR_ENROL_KEYS_DIR"] == str(demo.keys_dir)
        assert [p.name for p in demo.keys_dir.iterdir()] == ["veilor-demo.pub"]
        assert demo.keys_dir.is_relative_to(tmp_path / "cache")
        [text] = qr.distinct_texts(qr.decode_path(demo.video))
        found = enrolment.check(text)  # the demo trusts its own key …
        assert found.signer == "veilor-demo" and found.server == enrolment.DEFAULT_SERVER
        assert found.expires is not None and found.expires > time.time() + 20 * 86400
        work = demo.work
        assert (work / "bin/tailscale").is_file()
    assert {k: v for k, v in os.environ.items() if k.startswith("VEILOR_")} == before
    assert not work.exists()
    # … and nothing else does: the real trusted keys folder has no such signer.
    with pytest.raises(enrolment.EnrolmentRefused) as refused:
        enrolment.check(text, trust=enrolment.Trust(
            keys_dir=Path(settings.ENROL_KEYS_DIR.default), servers=(enrolment.DEFAULT_SERVER,)))
    assert refused.value.kind is enrolment.Refusal.SIGNER
    assert (tmp_path / "cache/veilor-installer/firstboot-demo/join-demo.avi").stat().st_mode \
        & 0o077 == 0

