"""``veilor-installer mesh check``, ``mesh sign`` and ``qr decode`` (DESIGN §3): output, JSON
keys and exit codes, the key never printed unmasked where it should not be."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from helpers.inprocess import cli_run

from veilor_installer.core.firstboot import enrolment, qr
from veilor_installer.demo.joincodes import HSKEY, LEGACY_KEY, Signer, make_signer
from veilor_installer.demo.scenes import background, place, write_avi

JSON_KEYS = {"valid", "server", "key_masked", "key_format", "tier", "label", "expires", "signed",
             "signer", "reason"}


@pytest.fixture
def signer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Signer:
    made = make_signer(tmp_path / "signer")
    monkeypatch.setenv("VEILOR_ENROL_KEYS_DIR", str(made.keys_dir))
    monkeypatch.setenv("VEILOR_CONFIG", str(tmp_path / "none.toml"))
    return made


def mesh_sign_png(signer: Signer, png: Path, **fields: Any) -> str:
    """A code signed by ``veilor-installer mesh sign``, its QR written by it to ``png``."""
    values = {"server": enrolment.DEFAULT_SERVER, "key": HSKEY,
              "expires": str(int(time.time()) + 86400), "tier": "guest", "label": "alice"}
    values.update({k: str(v) for k, v in fields.items()})
    code, out, err = cli_run(["mesh", "sign", "--signing-key", str(signer.pem_path),
                              "--kid", signer.kid, "--server", values["server"],
                              "--key", values["key"], "--expires", values["expires"],
                              "--tier", values["tier"], "--label", values["label"],
                              "--png", str(png)])
    assert code == 0, err
    return out.strip()


# --- mesh check ---------------------------------------------------------------------------------


def test_check_a_signed_code(signer: Signer) -> None:
    uri = signer.sign(tier="admin", label="ops team")
    code, out, err = cli_run(["mesh", "check", uri])
    assert code == 0 and err == ""
    assert "Valid enrolment code." in out and "hskey-auth-Ab_9-xYz0123-***" in out
    assert "https://hs.s8n.ru" in out and "admin" in out and "ops team" in out
    assert HSKEY not in out


def test_check_json_from_stdin(signer: Signer) -> None:
    expires = int(time.time()) + 7200
    code, out, _ = cli_run(["mesh", "check", "-", "--json"],
                           stdin=signer.sign(expires=expires) + "\n")
    data = json.loads(out)
    assert code == 0 and set(data) == JSON_KEYS
    assert data == {"valid": True, "server": "hs.s8n.ru",
                    "key_masked": "hskey-auth-Ab_9-xYz0123-***", "key_format": "hskey-auth",
                    "tier": "guest", "label": "alice", "expires": expires, "signed": True,
                    "signer": "signup-1", "reason": None}


def test_check_a_bare_key_json(signer: Signer) -> None:
    code, out, _ = cli_run(["mesh", "check", "--json", f"  {LEGACY_KEY}\n"])
    data = json.loads(out)
    assert code == 0 and data["key_format"] == "legacy-hex" and data["signed"] is False
    assert data["key_masked"] == "01234567***" and data["server"] == "hs.s8n.ru"


def test_check_refusals_exit_2_with_one_line_naming_the_field(signer: Signer) -> None:
    code, out, err = cli_run(["mesh", "check", signer.sign(expires=1)])
    assert code == 2 and out == ""
    assert err.startswith("veilor-installer: expiry: this code expired") and err.count("\n") == 1
    code, out, err = cli_run(["mesh", "check", "--json", signer.sign(tier="root")])
    data = json.loads(out)
    assert code == 2 and set(data) == JSON_KEYS and data["valid"] is False
    assert data["reason"].startswith("tier: ") and data["key_masked"] is None
    assert HSKEY not in out + err


def test_refusals_speak_the_environments_language(signer: Signer,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Still one line naming the field, still exit 2; the words in the language of LANGUAGE
    (the pseudo-language puts every translated text in brackets)."""
    monkeypatch.setenv("LANGUAGE", "en_XA")
    code, out, err = cli_run(["mesh", "check", signer.sign(expires=1)])
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("veilor-installer: [expiry: [ţĥîš çöđé éẋþîŕéđ öñ ")
    code, out, err = cli_run(["mesh", "sign", "--signing-key", str(signer.pem_path), "--kid",
                              signer.kid, "--server", "hs.s8n.ru", "--key", HSKEY, "--expires",
                              str(int(time.time()) + 600), "--tier", "root", "--label", "x"])
    assert code == 2 and err.count("\n") == 1 and "[--ţîéŕ: 'root' îš ñöţ öñé öƒ" in err
    code, out, err = cli_run(["qr", "decode", "/nonexistent.png"])
    assert code == 2 and err.count("\n") == 1 and "/nonexistent.png: ñö šûçĥ ƒîļé" in err
    code, out, err = cli_run(["mesh", "check", "--json", signer.sign(tier="root")])
    assert code == 2 and json.loads(out)["reason"].startswith("[tier: [ţĥîš çöđé")


def test_check_a_broken_config_exits_2(signer: Signer, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.toml").write_text("[mesh]\nservers = 1\n")
    monkeypatch.setenv("VEILOR_CONFIG", str(tmp_path / "bad.toml"))
    code, out, err = cli_run(["mesh", "check", "--json", signer.sign()])
    assert code == 2 and "bad.toml" in err and json.loads(out)["valid"] is False


def test_mesh_needs_an_action() -> None:
    code, _, err = cli_run(["mesh"])
    assert code == 2 and "ACTION" in err


# --- mesh sign ----------------------------------------------------------------------------------


def test_sign_prints_a_code_and_writes_its_qr(signer: Signer, tmp_path: Path) -> None:
    png = tmp_path / "join.png"
    uri = mesh_sign_png(signer, png, tier="infra", label="rack 4")
    assert uri.startswith("veilor:join?v=1&s=hs.s8n.ru&k=hskey-auth-")
    assert "&n=rack%204&" in uri
    assert stat.S_IMODE(png.stat().st_mode) == 0o600  # it holds the key
    assert qr.distinct_texts(qr.decode_path(png)) == [uri]
    assert cli_run(["mesh", "check", uri])[0] == 0


def test_sign_reads_the_key_from_stdin(signer: Signer) -> None:
    expires = str(int(time.time()) + 600)
    code, out, err = cli_run(["mesh", "sign", "--signing-key", str(signer.pem_path), "--kid",
                              signer.kid, "--server", "hs.s8n.ru", "--key", "-", "--expires",
                              expires, "--tier", "guest", "--label", "x"], stdin=LEGACY_KEY + "\n")
    assert code == 0 and f"&k={LEGACY_KEY}&" in out and err == ""


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--kid", "Bad Kid", "--kid:"),
    ("--server", "https://hs.s8n.ru", "--server:"),
    ("--key", "hskey-api-nope", "--key: this is an API key"),
    ("--expires", "1", "--expires: 1 is not in the future"),
    ("--expires", "1795000000000", "past the year 9999"),
    ("--expires", "soon", "invalid int value"),
    ("--tier", "root", "--tier:"),
    ("--label", "a\u202eb", "--label:"),
])
def test_sign_refuses_what_no_installer_would_accept(signer: Signer, option: str, value: str,
                                                     message: str) -> None:
    args = {"--signing-key": str(signer.pem_path), "--kid": signer.kid, "--server": "hs.s8n.ru",
            "--key": HSKEY, "--expires": str(int(time.time()) + 600), "--tier": "guest",
            "--label": "x"}
    args[option] = value
    code, out, err = cli_run(["mesh", "sign", *[part for pair in args.items() for part in pair]])
    assert code == 2 and out == "" and message in err
    assert HSKEY not in err


def test_sign_refuses_a_key_that_is_not_ed25519(signer: Signer, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    other = tmp_path / "ec.pem"
    other.write_bytes(ec.generate_private_key(ec.SECP256R1()).private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    for path in (other, tmp_path / "missing.pem"):
        code, _, err = cli_run(["mesh", "sign", "--signing-key", str(path), "--kid", "k",
                                "--server", "hs.s8n.ru", "--key", HSKEY, "--expires",
                                str(int(time.time()) + 60), "--tier", "guest", "--label", "x"])
        assert code == 2 and "--signing-key" in err


def test_sign_warns_about_a_readable_signing_key(signer: Signer) -> None:
    signer.pem_path.chmod(0o644)
    code, _, err = cli_run(["mesh", "sign", "--signing-key", str(signer.pem_path), "--kid",
                            signer.kid, "--server", "hs.s8n.ru", "--key", HSKEY, "--expires",
                            str(int(time.time()) + 60), "--tier", "guest", "--label", "x"])
    assert code == 0 and "chmod 600" in err


# --- qr decode ----------------------------------------------------------------------------------


@pytest.fixture
def signed_png(signer: Signer, tmp_path: Path) -> tuple[str, Path]:
    png = tmp_path / "code.png"
    return mesh_sign_png(signer, png), png


def test_qr_decode_an_image(signed_png: tuple[str, Path], tmp_path: Path) -> None:
    uri, png = signed_png
    photo = tmp_path / "photo.jpg"
    cv2.imwrite(str(photo), place(cv2.imread(str(png)), seed=3, angle=20, noise=6))
    for path in (png, photo):
        code, out, err = cli_run(["qr", "decode", str(path)])
        assert (code, out, err) == (0, uri + "\n", "")


def test_qr_decode_a_video_and_every_frame(signed_png: tuple[str, Path], tmp_path: Path) -> None:
    uri, png = signed_png
    image = cv2.imread(str(png))
    frames = [place(image, seed=i, size=360) if 3 <= i < 6 else background(i) for i in range(8)]
    video = write_avi(tmp_path / "scan.avi", frames)
    assert cli_run(["qr", "decode", str(video)]) == (0, uri + "\n", "")
    code, out, _ = cli_run(["qr", "decode", "--all-frames", str(video)])
    assert code == 0 and out.splitlines() == [f"{i}\t{uri}" for i in (3, 4, 5)]


def test_qr_decode_exit_codes(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    cv2.imwrite(str(empty), np.full((200, 300, 3), 200, np.uint8))
    assert cli_run(["qr", "decode", str(empty)])[0:2] == (1, "")
    assert "no QR code found" in cli_run(["qr", "decode", str(empty)])[2]
    (tmp_path / "notes.txt").write_text("hello")
    for path in (tmp_path / "notes.txt", tmp_path / "missing.png"):
        code, out, err = cli_run(["qr", "decode", str(path)])
        assert code == 2 and out == "" and str(path) in err


def test_the_installed_command_runs(signed_png: tuple[str, Path]) -> None:
    """Once as a real process: the console script, stdout, the exit code."""
    uri, png = signed_png
    result = subprocess.run([sys.executable, "-m", "veilor_installer", "qr", "decode", str(png)],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONWARNINGS": "error"}, check=False)
    assert (result.returncode, result.stdout) == (0, uri + "\n"), result.stderr
