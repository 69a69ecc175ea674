"""Every layout × firmware: the written kickstart parses with pykickstart F43 without a
warning and holds exactly what DESIGN §5 asks for; secrets stay in secrets.ks."""

from __future__ import annotations

import copy
import os
import stat
import subprocess
from pathlib import Path

import pytest
from helpers.answers import STRONG_PASSPHRASE, STRONG_PASSWORD, base_answers, write_answers
from helpers.programs import program
from pykickstart.constants import KS_SCRIPT_ONERROR, KS_SCRIPT_POST

from veilor_installer.cli import main
from veilor_installer.core.install import kickstart, passwords
from veilor_installer.core.install.answers import answers_from_mapping, build_plan
from veilor_installer.core.install.machine import load_machine

LAYOUT_DISKS = {
    "single": ["nvme0n1"],
    "mirror": ["nvme0n1", "nvme1n1"],
    "span": ["nvme0n1", "nvme1n1", "sda"],
    "os-plus-data": ["nvme0n1", "sda"],
}
FORBIDDEN = ("packages", "url", "repo", "ostreesetup", "bootc", "reboot", "poweroff", "halt",
             "shutdown", "autopart", "reqpart", "cdrom", "harddrive", "nfs", "liveimg")


def _write(tmp_path: Path, machine_file: Path, layout: str) -> Path:
    answers = base_answers()
    answers["storage"]["layout"] = layout
    answers["storage"]["disks"] = LAYOUT_DISKS[layout]
    path = write_answers(tmp_path / "answers.toml", answers)
    out = tmp_path / "out"
    code = main(["kickstart", "--answers", str(path), "--machine", str(machine_file),
                 "--output", str(out)])
    assert code == 0
    return out


@pytest.fixture(params=["uefi", "bios"])
def firmware_machine(request: pytest.FixtureRequest, machine_file: Path,
                     bios_machine_file: Path) -> tuple[str, Path]:
    return request.param, machine_file if request.param == "uefi" else bios_machine_file


@pytest.mark.parametrize("layout", sorted(LAYOUT_DISKS))
def test_every_layout_parses_and_holds_design_5(
    tmp_path: Path, firmware_machine: tuple[str, Path], layout: str,
    veilor_log: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str],
) -> None:
    firmware, machine_file = firmware_machine
    out = _write(tmp_path, machine_file, layout)
    ks_path, secrets_path = out / "ks.cfg", out / "secrets.ks"
    main_text = ks_path.read_text()
    secrets_text = secrets_path.read_text()

    # Both files private; ks.cfg includes the secrets by absolute path.
    for path in (ks_path, secrets_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert f"%include {secrets_path}" in main_text.splitlines()
    assert sorted(os.listdir(out)) == ["ks.cfg", "secrets.ks"]

    # Secrets: the passphrase only in secrets.ks, the password nowhere, nothing in logs/stdout.
    assert STRONG_PASSPHRASE not in main_text
    assert "passphrase" not in main_text.replace("# The LUKS passphrase", "")
    assert STRONG_PASSPHRASE in secrets_text
    captured = capsys.readouterr()
    assert STRONG_PASSWORD not in main_text + secrets_text
    for secret in (STRONG_PASSPHRASE, STRONG_PASSWORD):
        assert secret not in veilor_log.text
        assert secret not in captured.out + captured.err

    # Parsed by pykickstart F43 with warnings as errors (pytest filterwarnings=error).
    h = kickstart.parse_file(str(ks_path))
    for name in FORBIDDEN:
        if name in h.commands:
            assert not h.commands[name].seen, name
    assert not h.packages.seen
    assert h.ostreecontainer.seen
    assert h.ostreecontainer.url == "ghcr.io/veilor/veilor-os:43"
    assert h.ostreecontainer.transport == "registry"
    assert h.bootloader.location not in ("none", None)
    assert not h.bootloader.disabled
    assert h.bootloader.bootDrive == LAYOUT_DISKS[layout][0]

    # Locale, keyboard at boot, accounts.
    assert h.lang.lang == "de_DE.UTF-8"
    assert h.keyboard.vc_keymap == "de"
    assert h.keyboard.x_layouts == ["de"]
    assert h.timezone.timezone == "Europe/Berlin"
    assert h.rootpw.lock
    assert not h.rootpw.password
    (user,) = h.user.userList
    assert (user.name, user.gecos, user.groups) == ("alice", "Alice Example", ["wheel"])
    assert user.isCrypted
    assert passwords.is_crypt_hash(user.password)
    assert passwords.verify_password(STRONG_PASSWORD, user.password)
    assert [n.hostname for n in h.network.network] == ["alice-laptop"]

    # Storage: only the chosen disks, wiped, GPT.
    disks = LAYOUT_DISKS[layout]
    assert h.ignoredisk.onlyuse == disks
    assert h.zerombr.zerombr
    assert h.clearpart.initAll and h.clearpart.disklabel == "gpt" and h.clearpart.drives == disks
    parts = {p.mountpoint: p for p in h.partition.partitions}
    boot_disk = disks[0]
    if firmware == "uefi":
        assert (parts["/boot/efi"].fstype, parts["/boot/efi"].size) == ("efi", 600)
        assert parts["/boot/efi"].disk == boot_disk
        assert "biosboot" not in parts
    else:
        assert (parts["biosboot"].fstype, parts["biosboot"].size) == ("biosboot", 1)
        assert "/boot/efi" not in parts
    assert (parts["/boot"].fstype, parts["/boot"].size, parts["/boot"].disk) == (
        "ext4", 2048, boot_disk)
    assert not parts["/boot"].encrypted
    members = sorted(m for m in parts if m.startswith("btrfs."))
    pool_disks = disks if layout in ("mirror", "span") else [boot_disk]
    assert [parts[m].disk for m in members] == pool_disks
    encrypted = [p for p in h.partition.partitions if p.encrypted]
    for p in encrypted:
        assert (p.luks_version, p.pbkdf) == ("luks2", "argon2id")
        assert p.passphrase == STRONG_PASSPHRASE
        assert 262144 <= p.pbkdf_memory <= 1048576
    assert {p.mountpoint for p in h.partition.partitions if not p.encrypted} <= {
        "/boot/efi", "biosboot", "/boot"}
    if layout == "os-plus-data":
        assert parts["/var/mnt/data"].disk == "sda" and parts["/var/mnt/data"].encrypted
    vols = {v.mountpoint: v for v in h.btrfs.btrfsList}
    assert vols["none"].devices == members and vols["none"].label == "veilor"
    expected_level = {"mirror": "raid1", "span": "single"}.get(layout)
    assert vols["none"].dataLevel == expected_level
    subvols = {(v.mountpoint, v.name) for v in h.btrfs.btrfsList if v.subvol}
    assert subvols == {("/", "root"), ("/home", "home"), ("/var", "var")}

    # Scripts: exactly the two from kickstart-templates/.
    post = [s for s in h.scripts if s.type == KS_SCRIPT_POST]
    onerror = [s for s in h.scripts if s.type == KS_SCRIPT_ONERROR]
    assert len(h.scripts) == 2 and len(post) == 1 and len(onerror) == 1
    assert ("bootc switch --mutate-in-place --enforce-container-sigpolicy --transport registry "
            "ghcr.io/veilor/veilor-os:43") in post[0].script
    assert post[0].errorOnFail and post[0].inChroot
    marker = os.path.join(os.environ["VEILOR_RUNTIME_DIR"], "install-failed")
    assert f"touch {marker}" in onerror[0].script


def test_ksvalidator_accepts_every_layout(
    tmp_path: Path, firmware_machine: tuple[str, Path]
) -> None:
    """pykickstart's own ksvalidator, as a program, on the files as written."""
    validator = program("ksvalidator", "pykickstart")
    for layout in LAYOUT_DISKS:
        (tmp_path / layout).mkdir()
        out = _write(tmp_path / layout, firmware_machine[1], layout)
        result = subprocess.run([validator, "-e", "-v", "F43", str(out / "ks.cfg")],
                                capture_output=True, text=True, check=False, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "warning" not in (result.stdout + result.stderr).lower()


def test_round_trip_check_refuses_an_injected_line(machine_file: Path) -> None:
    """The check is real: a kickstart text with one extra line is refused."""
    plan = build_plan(answers_from_mapping(base_answers()), load_machine(str(machine_file)))
    built = kickstart.build(plan, secrets_path="/run/veilor/secrets.ks", runtime_dir="/run/veilor")
    wanted = kickstart.intent(plan, runtime_dir="/run/veilor")
    for extra in ("%packages\nvim\n%end\n", "reboot\n", "%post\ntouch /x\n%end\n",
                  "network --hostname=other\n"):
        tampered = kickstart.Kickstart(built.main + extra, built.secrets, built.secrets_path)
        with pytest.raises(kickstart.KickstartBuildError):
            kickstart.check(tampered, wanted)
    kickstart.check(built, wanted)


@pytest.mark.parametrize("name", ['Ann "the hammer" O\'Neil', "Zoë \\ Åsa #1", "李小龙"])
def test_quotes_and_backslashes_round_trip(tmp_path: Path, machine_file: Path,
                                            name: str) -> None:
    answers = copy.deepcopy(base_answers())
    answers["account"]["full_name"] = name
    answers["storage"]["passphrase"] = STRONG_PASSPHRASE + ' "q" \\ # \\\\'
    path = write_answers(tmp_path / "a.toml", answers)
    out = tmp_path / "out"
    assert main(["kickstart", "--answers", str(path), "--machine", str(machine_file),
                 "--output", str(out)]) == 0
    h = kickstart.parse_file(str(out / "ks.cfg"))
    assert h.user.userList[0].gecos == name
    assert all(p.passphrase == answers["storage"]["passphrase"]
               for p in h.partition.partitions if p.encrypted)
