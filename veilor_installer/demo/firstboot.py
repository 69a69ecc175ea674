"""``veilor-installer firstboot --demo``: the whole first-boot mode on any machine. Nothing on
this computer is changed.

The pretend system of the tests (demo.system: the fake tailscale, systemctl, rpm-ostree, ujust,
yggdrasil and systemd-cryptenroll first through ``VEILOR_BIN_DIR``, a system root, site
configuration and LUKS volume) in a fresh folder, removed at the end. The helper runs directly,
as the user (pkexec would drop the overrides, as it must). A video file stands in for the
camera: a QR code signed with a demo signing key (demo.joincodes), held up in front of it.

The demo key pair lives in its own folder (``$XDG_CACHE_HOME/veilor-installer/firstboot-demo``)
and only the demo's trusted-keys folder holds its public half: it is never one of the keys a
real installation trusts (``/usr/share/veilor/enrol``), and the wizard says so on screen.
The video is made once and reused until its code is close to expiring.

The fakes' settings still apply, to show failures: ``VEILOR_FAKE_TAILSCALE=expired``,
``VEILOR_FAKE_UJUST=fail`` … (see each fake's docstring).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from veilor_installer.core import private
from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.helper.steps import message_of
from veilor_installer.core.i18n import Text
from veilor_installer.demo.joincodes import Signer, make_signer
from veilor_installer.demo.scenes import held_up, write_avi
from veilor_installer.demo.system import firstboot_system

KID = "veilor-demo"
PASSPHRASE = "demo disk passphrase"  # noqa: S105 (the pretend LUKS volume's; shown on screen)
CODE_DAYS = 30
VIDEO_LEAD = 20  # frames without a code before it comes into view
VIDEO_FRAMES = 90
PRIVATE_VIDEO = 0o600  # the demo video shows a join code, which holds a (demo) key


@dataclass(frozen=True)
class Demo:
    work: Path
    """The fakes, their state, the pretend system root; removed when the demo ends."""
    keys_dir: Path
    """The demo's trusted keys: the demo signer's public key, nothing else."""
    kid: str
    video: Path
    passphrase: str


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base.startswith("/") else Path.home() / ".cache"
    return root / "veilor-installer" / "firstboot-demo"


def _private(folder: Path) -> Path:
    private.private_folder(folder).close()
    return folder


def signer(cache: Path) -> Signer:
    """The demo signer, its key (PEM, 0600) and trusted-keys folder kept in ``cache``."""
    return make_signer(cache / "signer", KID, keys_dir=cache / "trusted")


def demo_key() -> str:
    """A random pre-auth key of Headscale 0.28+'s shape; only the fake server sees it."""
    return f"hskey-auth-{secrets.token_urlsafe(9)}-{secrets.token_urlsafe(48)}"


def video(cache: Path, signer: Signer) -> Path:
    """The demo video, made again when missing or when its code expires within a day."""
    path, meta = cache / "join-demo.avi", cache / "join-demo.json"
    now = time.time()
    try:
        expires = int(json.loads(meta.read_text())["expires"])
    except (OSError, ValueError, KeyError, TypeError):
        expires = 0
    if path.exists() and expires > now + 86400:
        return path
    expires = int(now) + CODE_DAYS * 86400
    # OpenCV writes by path: into the private scratch folder (0700, the QR image is there too),
    # then the video, which holds a (demo) key, into place through core.private: 0600 from its
    # first byte, atomically, never through a link planted under its name (about 6 MB).
    with tempfile.TemporaryDirectory(prefix="veilor-demo-code-") as scratch:
        png = Path(scratch) / "code.png"
        signer.sign_png(png, server="hs.s8n.ru", key=demo_key(), expires=expires,
                        tier="guest", label="demo")
        made = write_avi(Path(scratch) / path.name,
                         held_up(png, frames=VIDEO_FRAMES, lead=VIDEO_LEAD))
        data = made.read_bytes()
    with private.private_folder(cache) as folder:
        folder.replace(path.name, data, PRIVATE_VIDEO)
    meta.write_text(json.dumps({"expires": expires, "kid": KID}))
    return path


def _needs_hjson() -> None:
    """The fake yggdrasil reads its configuration with hjson, which the requirements are not."""
    if importlib.util.find_spec("hjson") is None:
        raise InvalidInput(Text("--demo: the fake yggdrasil needs hjson ({install}; make setup "
                                "installs it)", install="pip install hjson"))


def _apply(env: dict[str, str | None]) -> None:
    for name, value in env.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@contextlib.contextmanager
def environment() -> Iterator[Demo]:
    """Set the demo up for this process (and the helpers it starts); undo it all after."""
    _needs_hjson()
    work = Path(tempfile.mkdtemp(prefix="veilor-firstboot-demo-"))
    saved: dict[str, str | None] = {}
    try:
        try:
            system = firstboot_system(work, passphrase=PASSPHRASE)
        except InvalidInput as exc:
            raise InvalidInput(Text("--demo: {problem}", problem=message_of(exc))) from None
        cache = _private(cache_dir())
        made = signer(cache)
        path = video(cache, made)
        changes = {**system.env, "VEILOR_ENROL_KEYS_DIR": str(made.keys_dir)}
        saved = {name: os.environ.get(name) for name in changes}
        _apply(changes)
        yield Demo(work=work, keys_dir=made.keys_dir, kid=KID, video=path,
                   passphrase=PASSPHRASE)
    finally:
        _apply(saved)
        shutil.rmtree(work, ignore_errors=True)
