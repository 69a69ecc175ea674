"""The one door for external programs and the redacting logger."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from veilor_installer.core import commands
from veilor_installer.core.log import MASK, get_logger, redact, register_secret
from veilor_installer.core.secret import Secret

KEY = "hskey-auth-AbCdEfGhIjKl-" + "x" * 64
HEX_KEY = "0123456789abcdef" * 3


def _program(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!{sys.executable}\n{body}")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_redact_masks_registered_secrets_and_secret_shapes() -> None:
    register_secret("my passphrase 123")
    text = (f"a my passphrase 123 b {KEY} c {HEX_KEY} d --passphrase=\"x y\" "
            "e $6$salt$hash f --password=abc g")
    out = redact(text)
    for secret in ("my passphrase 123", KEY, HEX_KEY, "x y", "$6$salt$hash", "=abc"):
        assert secret not in out
    assert out.count(MASK) >= 6
    assert out.startswith("a ") and " g" in out


def test_short_values_are_not_secrets() -> None:
    register_secret("usr")
    assert redact("/usr/bin/tmp") == "/usr/bin/tmp"


def test_a_percent_encoded_key_is_masked() -> None:
    encoded = KEY.replace("-", "%2D").replace("_", "%5F")
    out = redact(f"tailscale said: bad key {encoded} (url https://x/?k={encoded}&a=1)")
    assert "%2D" not in out and KEY not in out and out.count(MASK) == 2
    register_secret("a registered secret")
    assert redact("got a%20registered%20secret here") == f"got {MASK} here"
    assert redact("100% sure, %zz") == "100% sure, %zz"


def test_short_secrets_of_a_helper_run_are_masked_on_their_own() -> None:
    register_secret("1234", short=True)
    register_secret("pw", short=True)
    assert redact("PIN 1234 was refused; slot 12345; pw: pw.") == \
        f"PIN {MASK} was refused; slot 12345; {MASK}: {MASK}."


def test_secret_repr_and_format_never_show_the_value() -> None:
    secret = Secret("hunter2-hunter2")
    assert "hunter2" not in repr(secret) + str(secret) + f"{secret}" + f"{[secret]}"
    assert secret.reveal() == "hunter2-hunter2"
    with pytest.raises(TypeError):
        __import__("pickle").dumps(secret)


def test_log_records_are_redacted_arguments_and_tracebacks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = Secret("a long enough secret")
    log = get_logger("test")
    caplog.set_level(logging.DEBUG, logger="veilor")
    log.info("value %s and %r", secret.reveal(), KEY)
    try:
        raise ValueError(f"failed with {secret.reveal()}")
    except ValueError:
        log.exception("boom")
    assert "a long enough secret" not in caplog.text and KEY not in caplog.text
    assert "ValueError" in caplog.text  # the traceback is kept, redacted


def test_bin_dir_comes_first_and_is_ignored_under_pkexec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = _program(tmp_path, "lsblk", "print('fake')\n")
    monkeypatch.setenv("VEILOR_BIN_DIR", str(tmp_path))
    assert commands.find_program("lsblk") == str(fake)
    assert commands.run(["lsblk"], timeout=10).stdout == "fake\n"
    monkeypatch.setenv("PKEXEC_UID", "1000")
    assert commands.find_program("lsblk") != str(fake)


def test_a_secret_never_reaches_argv_it_goes_through_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    _program(tmp_path, "echoer", "import sys\nprint(sys.stdin.read())\n")
    monkeypatch.setenv("VEILOR_BIN_DIR", str(tmp_path))
    caplog.set_level(logging.DEBUG, logger="veilor")
    with pytest.raises(commands.CommandError, match="holds a secret"):
        commands.run(["echoer", f"--auth-key={KEY}"], timeout=10)
    result = commands.run(["echoer"], timeout=10, stdin_text=KEY, secrets=[KEY])
    assert result.stdout.strip() == KEY  # the program got it
    assert KEY not in caplog.text


@pytest.mark.warning_log("the failure under test is logged as a warning")
def test_timeouts_and_failures_are_errors_with_redacted_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _program(tmp_path, "sleeper", "import time\ntime.sleep(30)\n")
    _program(tmp_path, "failer", f"import sys\nprint('bad key {KEY}', file=sys.stderr)\n"
             "sys.exit(3)\n")
    monkeypatch.setenv("VEILOR_BIN_DIR", str(tmp_path))
    with pytest.raises(commands.CommandTimeout, match=r"within 0\.5 s"):
        commands.run(["sleeper"], timeout=0.5)
    with pytest.raises(commands.CommandFailed) as failed:
        commands.run(["failer"], timeout=10, check=True)
    assert "exited with code 3" in str(failed.value) and KEY not in str(failed.value)
    with pytest.raises(commands.CommandNotFound):
        commands.run(["no-such-program-here"], timeout=5)
    assert os.environ.get("VEILOR_BIN_DIR") == str(tmp_path)
