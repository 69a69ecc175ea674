"""Fakes for the first-boot backend: tailscale, systemctl, rpm-ostree, ujust, yggdrasil,
systemd-cryptenroll and pkexec, put first through ``VEILOR_BIN_DIR`` the way ``harness``
installs the installer's fakes (``#!`` naming this test run's interpreter), plus a
``veilor-installer-helper`` that runs this checkout's helper.

A system root (``VEILOR_SYSROOT``) stands for ``/``: /etc/yum.repos.d with secureblue's
disabled mullvad.repo, /proc/cmdline naming one LUKS volume, /sys/class/tpm with a chip.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, STRONG_PASSPHRASE
from programs import find

from fakes.harness import recorded_calls
from veilor_installer.core.datapaths import data_dir, resource_path
from veilor_installer.demo.firstboot import install_programs

HERE = Path(__file__).resolve().parent
FAKES = {
    "tailscale": "fake_tailscale.py",
    "systemctl": "fake_systemctl.py",
    "rpm-ostree": "fake_rpm_ostree.py",
    "ujust": "fake_ujust.py",
    "yggdrasil": "fake_yggdrasil.py",
    "systemd-cryptenroll": "fake_cryptenroll.py",
    "pkexec": "fake_pkexec.py",
}
LUKS_UUID = "0b3c5a2e-8f1d-4c6b-9a7e-2d4f6b8c1e3a"
LUKS_DEVICE = f"/dev/disk/by-uuid/{LUKS_UUID}"
KEY_HEX = "3f" * 24  # a legacy 48-hex Headscale key
KEY_PREFIXED = "hskey-auth-" + "Ab3_dE5-fG7h" + "-" + "x" * 30 + "Y-_z" + "9" * 30
PEER_KEY = "a1" * 32
PEER = f"wss://ygg.s8n.ru:443/ygg?key={PEER_KEY}"
MULLVAD_REPO = """[mullvad-stable]
name=Mullvad VPN
baseurl=https://repository.mullvad.net/rpm/stable/$basearch
type=rpm
enabled=0
gpgcheck=1
gpgkey=https://repository.mullvad.net/rpm/mullvad-keyring.asc
includepkgs=mullvad-vpn,mullvad-browser,mullvad-browser-alpha
"""
DEFAULT_UNITS = {"tailscaled": {"file": "masked", "active": False},
                 "yggdrasil": {"file": "disabled", "active": False}}


@dataclass
class Firstboot:
    bin_dir: Path
    fake_dir: Path
    sysroot: Path
    runtime_dir: Path
    config: Path

    def calls(self, prog: str | None = None) -> list[dict[str, Any]]:
        return recorded_calls(self.fake_dir, prog)

    def argvs(self, prog: str | None = None) -> list[list[str]]:
        return [r["argv"][1:] for r in self.calls(prog) if "argv" in r]

    def state(self, name: str) -> Any:
        path = self.fake_dir / name
        return json.loads(path.read_text()) if path.exists() else None

    def set_state(self, name: str, value: Any) -> None:
        (self.fake_dir / name).write_text(json.dumps(value))

    def write_config(self, text: str) -> None:
        self.config.write_text(text)

    def everything_written(self) -> str:
        """Every file under the test's folders (fakes' records, system root, runtime dir)."""
        texts = []
        for folder in (self.fake_dir, self.sysroot, self.runtime_dir, self.config.parent):
            if folder.exists():
                for path in folder.rglob("*"):
                    if path.is_file() and not path.is_symlink():
                        texts.append(path.read_text(errors="replace"))
        return "\n".join(texts)


# The image's RetiNet wheel (core.retinet): a stand-in address, never fetched by the fakes.
RETINET_SOURCE = ('retinet_url = "https://retinet.example/retinet-0.9.4-py3-none-any.whl"\n'
                  f'retinet_sha256 = "{"0" * 64}"\n')


def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *,
            units: dict[str, dict[str, Any]] | None = None) -> Firstboot:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    install_programs(bin_dir, data_dir("fakes"), FAKES)
    helper = bin_dir / "veilor-installer-helper"
    helper.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(REPO)!r})\n"
                      "from veilor_installer.helper import main\nsys.exit(main())\n")
    helper.chmod(0o755)
    fake_dir = tmp_path / "fake-state"
    fake_dir.mkdir()
    root = tmp_path / "sysroot"
    (root / "etc/yum.repos.d").mkdir(parents=True)
    (root / "etc/yum.repos.d/mullvad.repo").write_text(MULLVAD_REPO)
    (root / "proc").mkdir()
    (root / "proc/cmdline").write_text(
        "BOOT_IMAGE=(hd0,gpt2)/ostree/default-1/vmlinuz rhgb quiet "
        f"rd.luks.uuid=luks-{LUKS_UUID} root=UUID=7d1e… rootflags=subvol=root\n")
    (root / "sys/class/tpm/tpm0").mkdir(parents=True)
    config_dir = tmp_path / "etc-veilor"
    config_dir.mkdir()
    config = config_dir / "installer.toml"
    config.write_text(f'[yggdrasil]\npeers = ["{PEER}"]\n\n[reticulum]\n'
                      'peers = ["rns.s8n.ru:4242"]\n' + RETINET_SOURCE)
    runtime_dir = tmp_path / "run-veilor"
    (fake_dir / "units.json").write_text(json.dumps(DEFAULT_UNITS if units is None else units))
    (fake_dir / "luks.json").write_text(json.dumps({LUKS_DEVICE: {
        "passphrase_sha256": hashlib.sha256(STRONG_PASSPHRASE.encode()).hexdigest(),
        "slots": [{"slot": 0, "type": "password"}]}}))
    just = find("just")
    assert just, "rust-just (a dev dependency) provides just"
    monkeypatch.setenv("VEILOR_BIN_DIR", str(bin_dir))
    monkeypatch.setenv("VEILOR_FAKE_DIR", str(fake_dir))
    monkeypatch.setenv("VEILOR_SYSROOT", str(root))
    monkeypatch.setenv("VEILOR_CONFIG", str(config))
    monkeypatch.setenv("VEILOR_RUNTIME_DIR", str(runtime_dir))
    monkeypatch.setenv("VEILOR_FAKE_JUSTFILE", str(resource_path("ujust/veilor.just")))
    monkeypatch.setenv("VEILOR_FAKE_JUST", just)
    for name in ("VEILOR_FAKE_TAILSCALE", "VEILOR_FAKE_TAILSCALE_TAGS", "VEILOR_FAKE_UJUST",
                 "VEILOR_FAKE_RPMOSTREE", "VEILOR_FAKE_FIDO2", "VEILOR_FAKE_PKEXEC",
                 "VEILOR_FAKE_SYSTEMCTL_FAIL", "VEILOR_ENROL_KEYS_DIR"):
        monkeypatch.delenv(name, raising=False)
    return Firstboot(bin_dir, fake_dir, root, runtime_dir, config)


def run_helper_main(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """``helper.main`` in this process, ``raw`` on its stdin."""
    import io
    import logging

    from veilor_installer import helper
    from veilor_installer.core.log import forget_all_secrets

    stdin = io.TextIOWrapper(io.BytesIO(raw))
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    veilor = logging.getLogger("veilor")
    handlers, level = list(veilor.handlers), veilor.level
    try:
        code = helper.main()
    finally:
        veilor.handlers[:] = handlers
        veilor.setLevel(level)
        forget_all_secrets()
        monkeypatch.undo()
    return code, out.getvalue(), err.getvalue()
