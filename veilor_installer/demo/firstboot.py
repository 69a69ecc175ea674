"""``veilor-installer firstboot --demo``: the whole first-boot mode on any machine. Nothing on
this computer is changed.

The fake programs the tests use (veilor_installer/data/fakes: tailscale, systemctl,
rpm-ostree, ujust, yggdrasil, systemd-cryptenroll) are put first through ``VEILOR_BIN_DIR`` in
a fresh folder with a pretend system root, site configuration and LUKS volume, removed at the
end. The helper runs directly, as the user (pkexec would drop the overrides, as it must). A
video file stands in for the camera: a QR code made by ``veilor-installer mesh sign`` with a
demo signing key.

The demo key pair lives in its own folder (``$XDG_CACHE_HOME/veilor-installer/firstboot-demo``)
and only the demo's trusted-keys folder holds its public half: it is never one of the keys a
real installation trusts (``/usr/share/veilor/enrol``), and the wizard says so on screen.
The video is made once and reused until its code is close to expiring.

The fakes' settings still apply, to show failures: ``VEILOR_FAKE_TAILSCALE=expired``,
``VEILOR_FAKE_UJUST=fail`` … (see each fake's docstring).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from veilor_installer.core.datapaths import data_dir, resource_path
from veilor_installer.core.errors import InvalidInput

KID = "veilor-demo"
PASSPHRASE = "demo disk passphrase"  # noqa: S105 (the pretend LUKS volume's; shown on screen)
CODE_DAYS = 30
VIDEO_LEAD = 20  # frames without a code before it comes into view
VIDEO_FRAMES = 90
PRIVATE_VIDEO = 0o600  # the demo video shows a join code, which holds a (demo) key
FAKES = {"tailscale": "fake_tailscale.py", "systemctl": "fake_systemctl.py",
         "rpm-ostree": "fake_rpm_ostree.py", "ujust": "fake_ujust.py",
         "yggdrasil": "fake_yggdrasil.py", "systemd-cryptenroll": "fake_cryptenroll.py"}
LUKS_UUID = "6d1c0f3e-2b4a-4e5f-9c8d-7a6b5c4d3e2f"
YGG_PEER = "wss://ygg.s8n.ru:443/ygg?key=" + "5e" * 32
_ENV = ("VEILOR_BIN_DIR", "VEILOR_FAKE_DIR", "VEILOR_SYSROOT", "VEILOR_CONFIG",
        "VEILOR_RUNTIME_DIR", "VEILOR_ENROL_KEYS_DIR", "VEILOR_FAKE_JUSTFILE", "VEILOR_FAKE_JUST")


@dataclass(frozen=True)
class Demo:
    work: Path
    """The fakes, their state, the pretend system root; removed when the demo ends."""
    keys_dir: Path
    """The demo's trusted keys: the demo signer's public key, nothing else."""
    kid: str
    video: Path
    passphrase: str


def fakes_dir() -> Path:
    return data_dir("fakes")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base.startswith("/") else Path.home() / ".cache"
    return root / "veilor-installer" / "firstboot-demo"


def _private(folder: Path) -> Path:
    from veilor_installer.core import private

    private.private_folder(folder).close()
    return folder


def signer(cache: Path) -> tuple[Path, Path]:
    """The demo signing key (PEM, 0600) and the trusted-keys folder holding its public half;
    made on first use."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    from veilor_installer.core import private
    from veilor_installer.core.firstboot.enrolment import load_signing_key, public_pem

    pem = cache / "signer" / f"{KID}.key.pem"
    with private.private_folder(pem.parent) as folder:
        if not folder.exists(pem.name):
            key = Ed25519PrivateKey.generate()
            folder.write(pem.name, key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                                     NoEncryption()))
    trusted = _private(cache / "trusted")
    (trusted / f"{KID}.pub").write_bytes(public_pem(load_signing_key(pem)))
    return pem, trusted


def demo_key() -> str:
    """A random pre-auth key of Headscale 0.28+'s shape; only the fake server sees it."""
    return f"hskey-auth-{secrets.token_urlsafe(9)}-{secrets.token_urlsafe(48)}"


def mesh_sign(pem: Path, png: Path, *, expires: int) -> str:
    """A code signed by ``veilor-installer mesh sign``, its QR written to ``png``."""
    from veilor_installer import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["mesh", "sign", "--signing-key", str(pem), "--kid", KID,
                         "--server", "hs.s8n.ru", "--key", demo_key(), "--expires",
                         str(expires), "--tier", "guest", "--label", "demo", "--png", str(png)])
    if code != 0:
        raise InvalidInput(f"--demo: mesh sign failed: {err.getvalue().strip()}")
    return out.getvalue().strip()


def write_video(png: Path, video: Path) -> None:
    """An MJPG video as a webcam would send it: a desk, then the code held up, moving a little."""
    import cv2
    import numpy as np

    code = cv2.imread(str(png))
    if code is None:
        raise InvalidInput(f"--demo: OpenCV cannot read {png}")
    size = 400
    code = cv2.resize(code, (size, size), interpolation=cv2.INTER_NEAREST)
    width, height = 1280, 720
    x = np.linspace(0, 1, width, dtype=np.float32)
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    base = (70 + 60 * x + 50 * y).astype(np.uint8)
    desk = cv2.merge([(base * 0.8).astype(np.uint8), (base * 0.9).astype(np.uint8), base])
    cv2.rectangle(desk, (80, 520), (420, 700), (40, 60, 90), -1)
    cv2.circle(desk, (1080, 180), 110, (90, 120, 150), -1)
    cv2.putText(desk, "veilor-os demo camera", (60, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.2,
                (235, 235, 235), 2)
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter.fourcc(*"MJPG"), 30.0, (width, height))
    if not writer.isOpened():
        raise InvalidInput(f"--demo: OpenCV cannot write {video}")
    try:
        for index in range(VIDEO_FRAMES):
            frame = desk.copy()
            if index >= VIDEO_LEAD:
                t = index - VIDEO_LEAD
                left = 440 + int(12 * np.sin(t / 6))
                top = 160 + int(8 * np.cos(t / 5))
                frame[top:top + size, left:left + size] = code
            writer.write(frame)
    finally:
        writer.release()


def video(cache: Path, pem: Path) -> Path:
    """The demo video, made again when missing or when its code expires within a day."""
    path, meta = cache / "join-demo.avi", cache / "join-demo.json"
    now = time.time()
    try:
        expires = int(json.loads(meta.read_text())["expires"])
    except (OSError, ValueError, KeyError, TypeError):
        expires = 0
    if path.exists() and expires > now + 86400:
        return path
    from veilor_installer.core import private

    expires = int(now) + CODE_DAYS * 86400
    # OpenCV writes by path: into the private scratch folder (0700, the QR image is there too),
    # then the video, which holds a (demo) key, into place through core.private: 0600 from its
    # first byte, atomically, never through a link planted under its name (about 6 MB).
    with tempfile.TemporaryDirectory(prefix="veilor-demo-code-") as scratch:
        png = Path(scratch) / "code.png"
        mesh_sign(pem, png, expires=expires)
        made = Path(scratch) / path.name
        write_video(png, made)
        data = made.read_bytes()
    with private.private_folder(cache) as folder:
        folder.replace(path.name, data, PRIVATE_VIDEO)
    meta.write_text(json.dumps({"expires": expires, "kid": KID}))
    return path


def _just() -> str:
    found = shutil.which("just", path=os.path.dirname(sys.executable)) or shutil.which("just")
    if not found:
        raise InvalidInput("--demo: the fake ujust runs the shipped recipes with just, which is "
                           "not installed (pip install rust-just; make setup installs it)")
    if importlib.util.find_spec("hjson") is None:
        raise InvalidInput("--demo: the fake yggdrasil needs hjson (pip install hjson; make "
                           "setup installs it)")
    return found


def install_programs(bin_dir: Path, source: Path, scripts: dict[str, str]) -> None:
    """Copy each fake script ``scripts[name]`` from ``source`` to ``bin_dir/name``, made to run
    with this interpreter (its ``#!`` line replaced), so a venv's packages are there."""
    for name, script in scripts.items():
        text = (source / script).read_text(encoding="utf-8").split("\n", 1)[1]
        target = bin_dir / name
        target.write_text(f"#!{sys.executable}\n{text}", encoding="utf-8")
        target.chmod(0o755)


def _system(work: Path) -> dict[str, str]:
    """The fakes, a pretend system root and site configuration under ``work``; the
    environment that points at them."""
    source = fakes_dir()
    bin_dir = work / "bin"
    bin_dir.mkdir()
    install_programs(bin_dir, source, FAKES)
    helper = bin_dir / "veilor-installer-helper"
    helper.write_text(f"#!{sys.executable}\nimport sys\n"
                      "from veilor_installer.helper import main\nsys.exit(main())\n")
    helper.chmod(0o755)
    state = work / "fake-state"
    state.mkdir()
    (state / "units.json").write_text(json.dumps({
        "tailscaled": {"file": "masked", "active": False},
        "yggdrasil": {"file": "disabled", "active": False}}))
    device = f"/dev/disk/by-uuid/{LUKS_UUID}"
    (state / "luks.json").write_text(json.dumps({device: {
        "passphrase_sha256": hashlib.sha256(PASSPHRASE.encode()).hexdigest(),
        "slots": [{"slot": 0, "type": "password"}]}}))
    root = work / "sysroot"
    (root / "etc/yum.repos.d").mkdir(parents=True)
    (root / "etc/yum.repos.d/mullvad.repo").write_text(
        "[mullvad-stable]\nname=Mullvad VPN\nbaseurl=https://repository.mullvad.net/rpm/stable/"
        "$basearch\ntype=rpm\nenabled=0\ngpgcheck=1\n"
        "gpgkey=https://repository.mullvad.net/rpm/mullvad-keyring.asc\n"
        "includepkgs=mullvad-vpn,mullvad-browser,mullvad-browser-alpha\n")
    (root / "proc").mkdir()
    (root / "proc/cmdline").write_text(f"BOOT_IMAGE=/vmlinuz rhgb quiet rd.luks.uuid=luks-"
                                       f"{LUKS_UUID} rootflags=subvol=root\n")
    (root / "sys/class/tpm/tpm0").mkdir(parents=True)
    config = work / "etc-veilor" / "installer.toml"
    config.parent.mkdir()
    config.write_text(f'[yggdrasil]\npeers = ["{YGG_PEER}"]\n\n[reticulum]\n'
                      'peers = ["rns.s8n.ru:4242"]\n')
    return {"VEILOR_BIN_DIR": str(bin_dir), "VEILOR_FAKE_DIR": str(state),
            "VEILOR_SYSROOT": str(root), "VEILOR_CONFIG": str(config),
            "VEILOR_RUNTIME_DIR": str(work / "run-veilor"),
            "VEILOR_FAKE_JUSTFILE": str(resource_path("ujust/veilor.just"))}


@contextlib.contextmanager
def environment() -> Iterator[Demo]:
    """Set the demo up for this process (and the helpers it starts); undo it all after."""
    just = _just()
    cache = _private(cache_dir())
    pem, trusted = signer(cache)
    path = video(cache, pem)
    work = Path(tempfile.mkdtemp(prefix="veilor-firstboot-demo-"))
    saved = {name: os.environ.get(name) for name in _ENV}
    try:
        os.environ.update(_system(work), VEILOR_ENROL_KEYS_DIR=str(trusted),
                          VEILOR_FAKE_JUST=just)
        yield Demo(work=work, keys_dir=trusted, kid=KID, video=path, passphrase=PASSPHRASE)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(work, ignore_errors=True)
