"""The pretend system the demo and the tests run on: the fake programs first on the path, their
state, and for first boot a system root, site configuration and LUKS volume. Nothing here
changes this computer; everything is under the folder it is given.

Each builder returns what it made and the environment that points at it (``env``: a value to
set, ``None`` to unset); the caller applies it: ``firstboot --demo`` to ``os.environ`` for the
wizard's life, a test through pytest's ``monkeypatch`` (tests/helpers/system.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import json
import os
import shutil
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.errors import InvalidInput
from veilor_installer.demo.programs import install_helper, install_programs, recorded_calls

Environment = dict[str, str | None]

# --- the installer's programs ---------------------------------------------------------------

INSTALL_FAKES = {
    "anaconda": "fake_anaconda.py",
    "skopeo": "fake_skopeo.py",
    "pkexec": "fake_pkexec.py",
    "anaconda-cleanup": "fake_anaconda_cleanup.py",
    # a live session's preparations (core.livesession, through the helper)
    "modprobe": "fake_modprobe.py",
    "getenforce": "fake_selinux.py",
    "setenforce": "fake_selinux.py",
    "udevadm": "fake_udevadm.py",
}


@dataclass
class Fakes:
    """The installer's fakes: where they are, what they recorded, Anaconda's logs."""

    bin_dir: Path
    fake_dir: Path
    log_dir: Path
    runtime_dir: Path
    env: Environment = field(default_factory=dict)

    def calls(self, prog: str | None = None) -> list[dict[str, Any]]:
        return recorded_calls(self.fake_dir, prog)

    def argvs(self) -> list[list[str]]:
        """Every argument list any fake was started with."""
        return [r["argv"] for r in self.calls() if "argv" in r]

    def event(self, what: str) -> dict[str, Any] | None:
        for row in self.calls("anaconda"):
            if row.get("event") == "signal" and row.get("what") == what:
                return row
        return None

    def input(self) -> str | None:
        for row in self.calls("anaconda"):
            if row.get("event") == "input":
                return str(row["what"])
        return None

    @property
    def rebooted(self) -> bool:
        return (self.fake_dir / "rebooted").exists()


def install_system(work: Path, *, runtime_dir: Path, mode: str = "success",
                   speed: float = 0.01, environment: str = "boot-iso") -> Fakes:
    """The fake Anaconda (ending as ``mode``: success, fail, hang … see fake_anaconda.py, its
    pace ``speed``), skopeo, pkexec and a live session's programs under ``work``; the system
    is Fedora's boot.iso unless ``environment`` says live (a machine without /.buildstamp
    would count as a live session)."""
    bin_dir = work / "bin"
    bin_dir.mkdir()
    install_programs(bin_dir, INSTALL_FAKES)
    fake_dir = work / "fake-state"
    fake_dir.mkdir()
    log_dir = work / "anaconda-logs"
    log_dir.mkdir()
    env: Environment = {
        "VEILOR_BIN_DIR": str(bin_dir), "VEILOR_FAKE_DIR": str(fake_dir),
        "VEILOR_ANACONDA_LOG_DIR": str(log_dir),
        "VEILOR_LIVE_STATE_DIR": str(work / "live-state"),
        "VEILOR_UDEV_RULES_DIR": str(work / "udev-rules"),
        "VEILOR_FAKE_ANACONDA": mode, "VEILOR_FAKE_ANACONDA_SPEED": str(speed),
        "VEILOR_ANACONDA": None, "VEILOR_ENVIRONMENT": environment,
        "VEILOR_RUNTIME_DIR": str(runtime_dir)}
    return Fakes(bin_dir, fake_dir, log_dir, runtime_dir, env)


# --- the first-boot system ------------------------------------------------------------------

FIRSTBOOT_FAKES = {
    "tailscale": "fake_tailscale.py",
    "systemctl": "fake_systemctl.py",
    "rpm-ostree": "fake_rpm_ostree.py",
    "ujust": "fake_ujust.py",
    "yggdrasil": "fake_yggdrasil.py",
    "systemd-cryptenroll": "fake_cryptenroll.py",
}
LUKS_UUID = "0b3c5a2e-8f1d-4c6b-9a7e-2d4f6b8c1e3a"
LUKS_DEVICE = f"/dev/disk/by-uuid/{LUKS_UUID}"
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
"""secureblue's mullvad.repo, shipped disabled."""
DEFAULT_UNITS = {"tailscaled": {"file": "masked", "active": False},
                 "yggdrasil": {"file": "disabled", "active": False}}
# The image's RetiNet wheel (core.retinet): a stand-in address, never fetched by the fakes.
RETINET_SOURCE = ('retinet_url = "https://retinet.example/retinet-0.9.4-py3-none-any.whl"\n'
                  f'retinet_sha256 = "{"0" * 64}"\n')


@dataclass
class Firstboot:
    """The first-boot pretend system: the fakes, their state, the system root (``/``), the
    runtime folder and the site configuration."""

    bin_dir: Path
    fake_dir: Path
    sysroot: Path
    runtime_dir: Path
    config: Path
    env: Environment = field(default_factory=dict)

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
        """Every file under its folders (fakes' records, system root, runtime dir)."""
        texts = []
        for folder in (self.fake_dir, self.sysroot, self.runtime_dir, self.config.parent):
            if folder.exists():
                for path in folder.rglob("*"):
                    if path.is_file() and not path.is_symlink():
                        texts.append(path.read_text(errors="replace"))
        return "\n".join(texts)


def find_just() -> str:
    """``just``, which the fake ujust runs the shipped recipes with: beside this interpreter
    (a venv's), else on PATH."""
    found = shutil.which("just", path=os.path.dirname(sys.executable)) or shutil.which("just")
    if not found:
        raise InvalidInput("the fake ujust runs the shipped recipes with just, which is not "
                           "installed (pip install rust-just; make setup installs it)")
    return found


def firstboot_system(work: Path, *, passphrase: str,
                     units: Mapping[str, dict[str, Any]] | None = None,
                     programs: Mapping[str, str] = FIRSTBOOT_FAKES,
                     config_extra: str = "") -> Firstboot:
    """Under ``work``: the fake ``programs`` and a ``veilor-installer-helper`` running this
    package's helper; a system root with secureblue's disabled mullvad.repo, /proc/cmdline
    naming one LUKS volume (unlocked by ``passphrase``) and a TPM; the systemd ``units`` as the
    fake systemctl starts with; the site configuration naming the mesh peers."""
    bin_dir = work / "bin"
    bin_dir.mkdir()
    install_programs(bin_dir, programs)
    install_helper(bin_dir)
    fake_dir = work / "fake-state"
    fake_dir.mkdir()
    (fake_dir / "units.json").write_text(json.dumps(DEFAULT_UNITS if units is None else units))
    (fake_dir / "luks.json").write_text(json.dumps({LUKS_DEVICE: {
        "passphrase_sha256": hashlib.sha256(passphrase.encode()).hexdigest(),
        "slots": [{"slot": 0, "type": "password"}]}}))
    root = work / "sysroot"
    (root / "etc/yum.repos.d").mkdir(parents=True)
    (root / "etc/yum.repos.d/mullvad.repo").write_text(MULLVAD_REPO)
    (root / "proc").mkdir()
    (root / "proc/cmdline").write_text(
        "BOOT_IMAGE=(hd0,gpt2)/ostree/default-1/vmlinuz rhgb quiet "
        f"rd.luks.uuid=luks-{LUKS_UUID} root=UUID=7d1e… rootflags=subvol=root\n")
    (root / "sys/class/tpm/tpm0").mkdir(parents=True)
    config_dir = work / "etc-veilor"
    config_dir.mkdir()
    config = config_dir / "installer.toml"
    config.write_text(f'[yggdrasil]\npeers = ["{PEER}"]\n\n[reticulum]\n'
                      'peers = ["rns.s8n.ru:4242"]\n' + config_extra)
    runtime_dir = work / "run-veilor"
    env: Environment = {
        "VEILOR_BIN_DIR": str(bin_dir), "VEILOR_FAKE_DIR": str(fake_dir),
        "VEILOR_SYSROOT": str(root), "VEILOR_CONFIG": str(config),
        "VEILOR_RUNTIME_DIR": str(runtime_dir),
        "VEILOR_FAKE_JUSTFILE": str(resource_path("ujust/veilor.just")),
        "VEILOR_FAKE_JUST": find_just()}
    return Firstboot(bin_dir, fake_dir, root, runtime_dir, config, env)


# --- a registry and a signature policy --------------------------------------------------------


class _Registry(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401 if self.path.startswith("/v2/") else 404)
        self.send_header("WWW-Authenticate", 'Bearer realm="https://ghcr.io/token"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def local_registry() -> Iterator[str]:
    """A registry API on loopback answering 401 at /v2/, as ghcr.io does anonymously; yields
    its address, for ``VEILOR_REGISTRY_URL``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Registry)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def write_policy(folder: Path, *, kind: str = "sigstore",
                 repo: str = "ghcr.io/veilor/veilor-os") -> Path:
    """A policy.json like the bootstrap ISO's (research/anaconda.md §8), for
    ``VEILOR_CONTAINERS_POLICY``: ``kind`` sigstore, insecure or missing-key."""
    key = folder / "veilor-cosign.pub"
    key.write_text("-----BEGIN PUBLIC KEY-----\nMFkw…\n-----END PUBLIC KEY-----\n")
    requirement: dict[str, Any] = {"type": "sigstoreSigned", "keyPath": str(key),
                                   "signedIdentity": {"type": "matchRepository"}}
    scopes: dict[str, Any] = {}
    if kind == "sigstore":
        scopes = {repo: [requirement]}
    elif kind == "insecure":
        scopes = {repo: [{"type": "insecureAcceptAnything"}]}
    elif kind == "missing-key":
        requirement["keyPath"] = str(folder / "no-such-key.pub")
        scopes = {repo: [requirement]}
    policy = {"default": [{"type": "insecureAcceptAnything"}],
              "transports": {"docker": scopes, "docker-daemon": {"": [
                  {"type": "insecureAcceptAnything"}]}}}
    path = folder / "policy.json"
    path.write_text(json.dumps(policy))
    return path
