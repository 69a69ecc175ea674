"""Bad answers get one clear line naming the field, exit 2, and nothing written."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import STRONG_PASSPHRASE, base_answers, write_answers

from veilor_installer.cli import main

_MISSING = object()


def _set(answers: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    answers = copy.deepcopy(answers)
    section, key = dotted.split(".")
    if value is _MISSING:
        answers[section].pop(key)
    else:
        answers.setdefault(section, {})[key] = value
    return answers


REFUSALS = [
    # (dotted key, value, field named, words the message must hold)
    ("account.hostname", "alice\nlaptop", "account.hostname", "control character"),
    ("account.hostname", "bad host!", "account.hostname", "letters"),
    ("account.hostname", "-alice", "account.hostname", "letters"),
    ("account.hostname", "a" * 65, "account.hostname", "at most 64"),
    ("account.username", "root", "account.username", "reserved"),
    ("account.username", "Alice", "account.username", "lowercase"),
    ("account.username", "1alice", "account.username", "start"),
    ("account.username", "a" * 33, "account.username", "at most 32"),
    ("account.username", "", "account.username", "empty"),
    ("account.full_name", "Alice: Admin", "account.full_name", "':'"),
    ("account.full_name", "Alice\u202eevil", "account.full_name", "control character"),
    ("account.password", "password", "account.password", "too weak"),
    ("account.password_hash", "$6$nothash", "account.password", "not both"),
    ("storage.passphrase", "password", "storage.passphrase", "too weak"),
    ("storage.passphrase", "short", "storage.passphrase", "8 characters"),
    ("storage.passphrase", "qqqqqqqqqqqqqqqq", "storage.passphrase", "too weak"),
    ("account.password", "alice-laptop", "account.password", "too weak"),
    ("storage.passphrase", "", "storage.passphrase", "empty"),
    ("storage.passphrase", STRONG_PASSPHRASE + "\x00", "storage.passphrase", "control"),
    ("storage.disks", ["nvme9n1"], "storage.disks[0]", "no disk 'nvme9n1'"),
    ("storage.disks", ["sdb"], "storage.disks[0]", "needs at least 32 GiB"),
    ("storage.disks", ["sdc"], "storage.disks[0]", "medium this system was started from"),
    ("storage.disks", ["sdd"], "storage.disks[0]", "read-only"),
    ("storage.disks", ["loop0"], "storage.disks[0]", "loop device"),
    ("storage.disks", [], "storage.disks", "is empty"),
    ("storage.disks", ["sda", "sda"], "storage.disks[1]", "named twice"),
    ("storage.disks", "sda", "storage.disks", "a list"),
    ("storage.layout", "raid5", "storage.layout", "one of single, mirror"),
    ("locale.timezone", "Mars/Olympus", "locale.timezone", "unknown time zone"),
    ("locale.timezone", "posix/Europe/Berlin", "locale.timezone", "unknown time zone"),
    ("locale.keyboard", "klingon", "locale.keyboard", "klingon"),
    ("locale.language", "xx_YY.UTF-8", "locale.language", "unknown language"),
    ("image.transport", "ftp", "image.transport", "must be one of"),
    ("image.ref", "ghcr.io/veilor/veilor-os:43 --foo", "image.ref", "image reference"),
    ("image.ref", "ghcr.io/veilor/veilor-os:43\n%post", "image.ref", "control character"),
    ("image.color", "blue", "image.color", "unknown key"),
    ("storage.passphrse", "x", "storage.passphrse", "did you mean 'passphrase'"),
    ("account.username", _MISSING, "account.username", "missing"),
    # libxcrypt refuses 512 bytes or more (ERANGE): refused before, naming the field.
    ("account.password", "Tr0ub4dor&3-" * 43, "account.password", "at most 256"),
    ("account.password", "é" * 300, "account.password", "600 bytes"),
    ("storage.passphrase", STRONG_PASSPHRASE * 20, "storage.passphrase", "at most 256"),
]


@pytest.mark.parametrize(("key", "value", "field", "words"), REFUSALS,
                         ids=[f"{r[0]}={r[1]!r}"[:60] for r in REFUSALS])
def test_refusal_names_the_field_exits_2_writes_nothing(
    tmp_path: Path, machine_file: Path, capsys: pytest.CaptureFixture[str],
    key: str, value: Any, field: str, words: str,
) -> None:
    answers = _set(base_answers(), key, value)
    if key == "account.password_hash":
        pass  # both password and password_hash given
    path = write_answers(tmp_path / "answers.toml", answers)
    out = tmp_path / "out"
    code = main(["kickstart", "--answers", str(path), "--machine", str(machine_file),
                 "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert not out.exists()
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"veilor-installer: {field}: "), err
    assert words in lines[0], err
    if key in ("storage.passphrase", "account.password") and len(str(value)) > 8:
        assert str(value).strip("\x00") not in err


def test_mirror_with_one_disk_is_refused(tmp_path: Path, machine_file: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    answers = _set(base_answers(), "storage.layout", "mirror")
    path = write_answers(tmp_path / "answers.toml", answers)
    code = main(["kickstart", "--answers", str(path), "--machine", str(machine_file),
                 "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == ("veilor-installer: storage.layout: 'mirror' needs 2 to 8 disks; "
                   "storage.disks names 1")


def test_fair_passphrase_needs_explicit_consent(tmp_path: Path, machine_file: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from veilor_installer.core.install import strength

    fair = "dragonfly22x"
    assert strength.assess(fair).verdict == "needs-confirmation"
    answers = _set(base_answers(), "storage.passphrase", fair)
    path = write_answers(tmp_path / "answers.toml", answers)
    args = ["kickstart", "--answers", str(path), "--machine", str(machine_file),
            "--output", str(tmp_path / "out")]
    assert main(args) == 2
    assert "storage.accept_weak_passphrase = true" in capsys.readouterr().err
    answers["storage"]["accept_weak_passphrase"] = True
    write_answers(path, answers)
    assert main(args) == 0


def test_not_toml(tmp_path: Path, machine_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('[storage]\npassphrase = "unterminated\n')
    assert main(["kickstart", "--answers", str(path), "--machine", str(machine_file),
                 "--output", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("veilor-installer: answers: ") and "unterminated" not in err


def test_bad_machine_profile_names_the_field(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    machine = tmp_path / "m.json"
    machine.write_text('{"firmware": "coreboot", "ram_bytes": 1, "disks": []}')
    path = write_answers(tmp_path / "answers.toml", base_answers())
    assert main(["kickstart", "--answers", str(path), "--machine", str(machine),
                 "--output", str(tmp_path / "out")]) == 2
    assert "machine.firmware" in capsys.readouterr().err


def test_readable_answers_file_is_warned_about(tmp_path: Path, machine_file: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = write_answers(tmp_path / "answers.toml", base_answers())
    path.chmod(0o644)
    assert main(["kickstart", "--answers", str(path), "--machine", str(machine_file),
                 "--output", str(tmp_path / "out")]) == 0
    assert "chmod 600" in capsys.readouterr().err


def test_demo_machine_plan_names_what_is_erased(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    answers = _set(base_answers(), "storage.disks", ["nvme0n1"])
    path = write_answers(tmp_path / "answers.toml", answers)
    assert main(["kickstart", "--answers", str(path), "--demo",
                 "--output", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "Samsung SSD 980 PRO 1TB (nvme0n1, 1.0 TB): holds Windows and a BitLocker volume" in out


def test_a_full_name_holding_passphrase_is_just_a_name(
    tmp_path: Path, machine_file: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """The ks.cfg guard looks where a passphrase can appear (storage commands), not in the
    user's name."""
    answers = _set(base_answers(), "account.full_name", "Alice passphrase=--passphrase Admin")
    path = write_answers(tmp_path / "answers.toml", answers)
    out = tmp_path / "out"
    code = main(["kickstart", "--answers", str(path), "--machine", str(machine_file),
                 "--output", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "Alice passphrase=--passphrase Admin" in (out / "ks.cfg").read_text()
    assert STRONG_PASSPHRASE not in (out / "ks.cfg").read_text()
