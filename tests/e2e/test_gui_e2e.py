"""End to end: the whole install wizard on the demo machine, from Welcome to the dry-run
result, driven by keyboard and mouse as a person would; the kickstart it writes equals the one
`veilor-installer kickstart` writes from the equivalent answers file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import write_answers

from veilor_installer.cli import main
from veilor_installer.core.install import kickstart, passwords

PASSPHRASE = "correct horse battery staple veilor"
PASSWORD = "Tr0ub4dor&3-alice-laptop"
HASH = re.compile(r"--password=(\S+)")


def _drive(state: Any, disks: list[str], layout: str) -> Any:
    from veilor_installer.demo.install_walkthrough import DemoAnswers, walk
    from veilor_installer.gui.install.wizard import InstallWizard

    wizard = InstallWizard(state)
    wizard.show()
    seen: list[str] = []
    walk(wizard, DemoAnswers(disks=tuple(disks), layout=layout, password=PASSWORD,
                             passphrase=PASSPHRASE),
         on_page=lambda page: seen.append(type(page).__name__))
    pages = {type(p).__name__: p for p in wizard.pages}
    # Details a person sees on the way.
    assert pages["AccountPage"].ui.username.text() == "alice"  # suggested from the full name
    assert "de-nodeadkeys" in pages["EncryptionPage"].ui.keyboardHint.text()
    assert state.timezone == "Europe/Berlin"  # followed the language
    for name in disks:
        assert f"({name}," in pages["SummaryPage"].ui.eraseText.text()
    assert seen == [type(p).__name__ for p in wizard.pages]
    written = pages["ProgressPage"].written
    wizard.close()
    return written


def _cli_kickstart(tmp_path: Path, disks: list[str], layout: str) -> Path:
    answers = {
        "locale": {"language": "de_DE.UTF-8", "keyboard": "de-nodeadkeys",
                   "timezone": "Europe/Berlin"},
        "storage": {"disks": disks, "layout": layout, "passphrase": PASSPHRASE},
        "account": {"username": "alice", "full_name": "Alice Example", "password": PASSWORD,
                    "hostname": "alice-laptop"},
    }
    path = write_answers(tmp_path / "answers.toml", answers)
    out = tmp_path / "veilor-install"
    assert main(["kickstart", "--demo", "--answers", str(path), "--output", str(out)]) == 0
    return out


@pytest.mark.parametrize(("disks", "layout"), [(["sda"], "single"),
                                               (["nvme0n1", "sda"], "mirror")])
def test_wizard_writes_the_same_kickstart_as_the_cli(
    qtbot: Any, demo_state: Any, tmp_path: Path, disks: list[str], layout: str,
) -> None:
    written = _drive(demo_state, disks, layout)
    gui_main = written.ks_path.read_text()
    gui_secrets = written.secrets_path.read_text()

    (tmp_path / "cli").mkdir()
    cli_dir = _cli_kickstart(tmp_path / "cli", disks, layout)
    cli_main = (cli_dir / "ks.cfg").read_text()
    cli_secrets = (cli_dir / "secrets.ks").read_text()

    # The only differences allowed: the password hash's random salt, and where secrets.ks is.
    gui_hash, cli_hash = HASH.search(gui_main)[1], HASH.search(cli_main)[1]  # type: ignore[index]
    assert passwords.verify_password(PASSWORD, gui_hash)
    assert passwords.verify_password(PASSWORD, cli_hash)
    normalise = {gui_hash: "HASH", str(written.secrets_path): "SECRETS"}
    for old, new in normalise.items():
        gui_main = gui_main.replace(old, new)
    cli_main = cli_main.replace(cli_hash, "HASH").replace(str(cli_dir / "secrets.ks"), "SECRETS")
    assert gui_main == cli_main
    assert gui_secrets == cli_secrets

    parsed = kickstart.describe(kickstart.parse_file(str(written.ks_path)))
    assert parsed["ignoredisk"] == disks
    assert [p["disk"] for p in parsed["partitions"] if p["mountpoint"].startswith("btrfs.")] == (
        disks if layout == "mirror" else disks[:1])
